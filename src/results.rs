//! Workshop results: what an attendee hands in to their trainer, and what the trainer's
//! dashboard makes of many of them. No server: the attendee's device writes a file, the
//! attendee shares or downloads it, the trainer's browser reads it.
//!
//! The file is TOML (`format = "attune-results"`, `version = 1`): the attendee's name,
//! the workshop's link, and each finished attempt with its ending, scores, fundamentals
//! and the whole conversation, each reply with when it was given, its scores and the
//! signals found in it. `docs/workshops.md` describes every field.
//!
//! Pure: the shell supplies the time and the stored text. The app writes each attempt's
//! block once, when it ends ([`attempt`]), and keeps the blocks as text, so handing in
//! joins text ([`file`]) and the app never reads a results file back; reading is the
//! dashboard's ([`Results::parse`], [`Room`]).

use crate::analyzer::SignalId;
use crate::debrief::{self, Fundamental};
use crate::engine::{Action, Session, Speaker};
use crate::ids::{NodeId, ScenarioId};
use crate::scenario::{Outcome, Scenario};
use crate::tomlread::{self, list, string, whole, Fields, Read, Value};
use crate::workshop::Workshop;
use toml_writer::ToTomlValue;

/// The format's name, the first field of every results file.
pub const FORMAT: &str = "attune-results";
/// The version of the results format this Attune writes and reads.
pub const VERSION: u32 = 1;
/// Where the app keeps a workshop's attempts, followed by the workshop's id.
pub const KEY: &str = "attune.results.";
/// The largest results file read, in bytes.
pub const MAX_FILE_BYTES: usize = 4 << 20;

/// One finished attempt as a TOML `[[attempt]]` block, to keep until it is handed in;
/// `None` while the conversation is still going on.
pub fn attempt(scenario: &Scenario, session: &Session, finished_ms: u64) -> Option<String> {
    let ending = scenario.ending(session.ended()?)?;
    let c = debrief::score(&session.turns);
    let t = |s: &str| s.to_toml_value();
    let mut out = format!(
        "\n[[attempt]]\nscenario_id = {}\nscenario_title = {}\npartner = {}\nending = {}\nending_title = {}\noutcome = {}\npresence = {}\nlistening = {}\nreflections = {}\nquestions = {}\ninterruptions = {}\nfinished = {}\nfinished_ms = {finished_ms}\nseed = \"{}\"\n",
        t(scenario.id.as_str()),
        t(&scenario.title),
        t(&scenario.partner.name),
        t(ending.id.as_str()),
        t(&ending.title),
        t(ending.outcome.word()),
        c.presence,
        c.listening,
        c.reflections,
        c.questions,
        c.interruptions,
        t(&when(finished_ms)),
        session.seed,
    );
    for f in &c.fundamentals {
        out.push_str(&format!("{} = {}\n", f.fundamental.word(), f.score));
    }
    // When each reply was given: the last time its number was given (a reply taken back
    // and given again counts from the second time).
    let mut at = vec![0; session.turns.len()];
    for a in &session.log {
        if let Action::Reply { turn, at_ms, .. } | Action::Say { turn, at_ms, .. } = a {
            if let Some(slot) = at.get_mut(*turn) {
                *slot = at_ms.saturating_sub(session.started_ms);
            }
        }
    }
    let mut turns = session.turns.iter().zip(at);
    for u in &session.transcript {
        let you = u.speaker == Speaker::Trainee;
        out.push_str(&format!(
            "\n[[attempt.line]]\nby = \"{}\"\ntext = {}\n",
            match u.speaker {
                Speaker::Partner => "them",
                Speaker::Trainee => "you",
                Speaker::Narration => "narration",
            },
            t(&u.text)
        ));
        if let Some(who) = &u.who {
            out.push_str(&format!("speaker = {}\n", t(who)));
        }
        if u.overlapped {
            out.push_str("cut = true\n");
        }
        if u.aside {
            out.push_str("aside = true\n");
        } else if let Some((turn, ms)) = you.then(|| turns.next()).flatten() {
            let signals: Vec<String> = turn.signals.iter().map(|s| t(s.id.name())).collect();
            out.push_str(&format!(
                "at = \"{}:{:02}\"\ntyped = {}\npresence = {}\nlistening = {}\nsignals = [{}]\n",
                ms / 60_000,
                ms / 1000 % 60,
                turn.typed,
                turn.presence,
                turn.listening,
                signals.join(", ")
            ));
        }
    }
    Some(out)
}

/// The file to hand in: a header naming the attendee and the workshop (`query`, its
/// link's query), then the kept `attempts` blocks as they were written.
pub fn file(name: &str, query: &str, workshop_name: &str, attempts: &str, now_ms: u64) -> String {
    let t = |s: &str| s.to_toml_value();
    format!(
        "format = \"{FORMAT}\"\nversion = {VERSION}\nname = {}\nworkshop = {}\nlink = {}\nwritten = {}\n{attempts}",
        t(name),
        t(workshop_name),
        t(query),
        t(&when(now_ms)),
    )
}

/// A moment (milliseconds since 1970) as people read it, in UTC: `2026-11-24 15:40 UTC`.
pub fn when(ms: u64) -> String {
    let minutes = ms / 60_000;
    let days = (minutes / 1440) as i64;
    // Days since 1970 to a civil date, counted in 400-year eras from 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year}-{month:02}-{day:02} {:02}:{:02} UTC",
        minutes / 60 % 24,
        minutes % 60
    )
}

/// A results file's bytes as text, or why not, in words for the dashboard's report on it
/// (which names the file already).
pub fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| match crate::catalog::not_utf8_at(e.as_bytes()) {
        Some((line, column)) => {
            format!("it is not UTF-8 text (line {line}, column {column}); save it as UTF-8")
        }
        None => "it is not UTF-8 text".into(),
    })
}

/// One line of a conversation, as handed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Said by the attendee (otherwise by the other person, someone with them, or
    /// narration).
    pub you: bool,
    pub text: String,
    /// The other person's line was cut off, or the attendee's reply cut in.
    pub cut: bool,
    /// Said in passing, moving nothing on: a back-channel, or a reply not understood.
    pub aside: bool,
    /// For a reply: what it did.
    pub reply: Option<Reply>,
}

/// What one reply did, as handed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// When it was given, minutes and seconds into the conversation (`1:05`).
    pub at: String,
    pub typed: bool,
    pub presence: u8,
    pub listening: u8,
    /// Stable signal names (see [`SignalId::name`]); names this version does not know
    /// are kept as they are.
    pub signals: Vec<String>,
}

/// One finished attempt, as handed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub scenario_id: ScenarioId,
    pub scenario_title: String,
    pub partner: String,
    pub ending: NodeId,
    pub ending_title: String,
    pub outcome: Outcome,
    pub presence: u8,
    pub listening: u8,
    pub reflections: u32,
    pub questions: u32,
    pub interruptions: u32,
    pub finished_ms: u64,
    pub seed: u64,
    /// The four fundamentals, in [`Fundamental::ALL`]'s order.
    pub fundamentals: [u8; 4],
    pub lines: Vec<Line>,
}

impl Attempt {
    /// The score a pass mark is held against: the mean of presence and listening.
    pub fn mean(&self) -> u8 {
        ((u16::from(self.presence) + u16::from(self.listening)) / 2) as u8
    }

    /// The attempt's replies, in order.
    pub fn replies(&self) -> impl Iterator<Item = (&Line, &Reply)> {
        self.lines
            .iter()
            .filter_map(|l| l.reply.as_ref().map(|r| (l, r)))
    }
}

/// One attendee's results file, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Results {
    pub name: String,
    pub workshop: Workshop,
    /// The workshop's id (its link's check).
    pub id: String,
    pub attempts: Vec<Attempt>,
}

const FILE_FIELDS: [&str; 7] = [
    "format", "version", "name", "workshop", "link", "written", "attempt",
];
const ATTEMPT_FIELDS: [&str; 19] = [
    "scenario_id",
    "scenario_title",
    "partner",
    "ending",
    "ending_title",
    "outcome",
    "presence",
    "listening",
    "reflections",
    "questions",
    "interruptions",
    "finished",
    "finished_ms",
    "seed",
    "positive_regard",
    "commitment",
    "effective_action",
    "follow_through",
    "line",
];
const LINE_FIELDS: [&str; 11] = [
    "by",
    "speaker",
    "text",
    "cut",
    "aside",
    "at",
    "typed",
    "presence",
    "listening",
    "signals",
    "reply",
];

fn score(f: &Fields, name: &str) -> Read<u8> {
    Ok(whole(f.need(name)?, 0, 100)? as u8)
}

fn count(f: &Fields, name: &str) -> Read<u32> {
    Ok(whole(f.need(name)?, 0, i64::from(u32::MAX))? as u32)
}

fn flag(f: &Fields, name: &str) -> Read<bool> {
    f.or(name, tomlread::boolean, false)
}

impl Line {
    fn read(value: &Value) -> Read<Line> {
        let f = Fields::of(value, &LINE_FIELDS)?;
        let you = tomlread::word(f.need("by")?, &["them", "you", "narration"])? == 1;
        let reply = match f.get("at") {
            Some(at) if you => Some(Reply {
                at: string(at)?,
                typed: flag(&f, "typed")?,
                presence: score(&f, "presence")?,
                listening: score(&f, "listening")?,
                signals: list(f.need("signals")?, string)?,
            }),
            _ => None,
        };
        Ok(Line {
            you,
            text: string(f.need("text")?)?,
            cut: flag(&f, "cut")?,
            aside: flag(&f, "aside")?,
            reply,
        })
    }
}

impl Attempt {
    fn read(value: &Value) -> Read<Attempt> {
        let f = Fields::of(value, &ATTEMPT_FIELDS)?;
        let text = |name: &str| string(f.need(name)?);
        let seed = f.need("seed")?;
        let mut fundamentals = [0; 4];
        for (slot, fu) in fundamentals.iter_mut().zip(Fundamental::ALL) {
            *slot = score(&f, fu.word())?;
        }
        Ok(Attempt {
            scenario_id: text("scenario_id")?.into(),
            scenario_title: text("scenario_title")?,
            partner: text("partner")?,
            ending: text("ending")?.into(),
            ending_title: text("ending_title")?,
            outcome: Outcome::read(f.need("outcome")?)?,
            presence: score(&f, "presence")?,
            listening: score(&f, "listening")?,
            reflections: count(&f, "reflections")?,
            questions: count(&f, "questions")?,
            interruptions: count(&f, "interruptions")?,
            finished_ms: whole(f.need("finished_ms")?, 0, i64::MAX)? as u64,
            seed: string(seed)?.parse().or_else(|_| {
                tomlread::bad(
                    seed.span(),
                    "expected a whole number written as a string".into(),
                )
            })?,
            fundamentals,
            lines: f.opt("line", |v| list(v, Line::read))?.unwrap_or_default(),
        })
    }
}

impl Results {
    /// Reads a results file, or says why it cannot be used, in words for the trainer.
    pub fn parse(text: &str) -> Result<Results, String> {
        if let Some(why) = tomlread::too_large(text.len() as u64, MAX_FILE_BYTES, "results") {
            return Err(why);
        }
        let not_ours = || "it is not an Attune results file".to_string();
        let root = tomlread::parse(text).map_err(|e| {
            if text.contains(FORMAT) {
                format!("it is damaged ({})", e.message().trim())
            } else {
                not_ours()
            }
        })?;
        let top = root.get_ref().as_table().ok_or_else(not_ours)?;
        if tomlread::get(top, "format").and_then(|v| v.get_ref().as_str()) != Some(FORMAT) {
            return Err(not_ours());
        }
        // The version before anything else: a newer format may have other fields.
        let version = tomlread::get(top, "version")
            .and_then(|v| whole(v, 0, i64::MAX).ok())
            .ok_or("it has no format version")?;
        if version > i64::from(VERSION) {
            return Err(format!("it was written by a newer version of Attune (format {version}; this one reads format {VERSION})"));
        }
        if version < i64::from(VERSION) {
            return Err(format!(
                "it is in format {version}, which this version of Attune does not read"
            ));
        }
        let damaged = |e: tomlread::Bad| format!("it is damaged ({})", tomlread::placed(text, &e));
        let f = Fields::of(&root, &FILE_FIELDS).map_err(damaged)?;
        let link = f.need("link").and_then(string).map_err(damaged)?;
        let workshop = Workshop::read(&link)
            .map_err(|why| format!("it holds a workshop link that cannot be used: {why}"))?;
        Ok(Results {
            name: f.need("name").and_then(string).map_err(damaged)?,
            id: workshop.id(),
            workshop,
            attempts: f
                .opt("attempt", |v| list(v, Attempt::read))
                .map_err(damaged)?
                .unwrap_or_default(),
        })
    }
}

/// How the scores of a set of attempts spread: how many fall in each tenth, 0-9 to
/// 90-100.
pub type Spread = [usize; 10];

/// One scenario across the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioSummary {
    pub id: String,
    pub title: String,
    pub attempts: usize,
    /// Each ending reached: its title, its outcome and how often, most often first.
    pub endings: Vec<(String, Outcome, usize)>,
    /// The mean of presence and listening, spread over tenths.
    pub spread: Spread,
    pub presence: u8,
    pub listening: u8,
    /// Attempts at or above the pass mark, when the workshop has one.
    pub passed: Option<usize>,
}

/// A reply behind a signal: who gave it, in which scenario, and what they said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behind {
    pub attendee: String,
    pub scenario: String,
    pub text: String,
}

/// A signal found across the room, with every reply it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalCount {
    pub name: String,
    pub label: String,
    /// Whether it helps (otherwise it costs).
    pub helps: bool,
    pub replies: Vec<Behind>,
}

/// What became of one file brought to the dashboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    pub file: String,
    pub outcome: Result<(usize, usize), String>,
}

impl FileReport {
    /// The report in a sentence: "ana.toml: 2 attempts from Ana (1 already here)".
    pub fn sentence(&self) -> String {
        match &self.outcome {
            Ok((new, dup)) => {
                let mut s = format!("{}: {new} new attempt{}", self.file, plural(*new));
                if *dup > 0 {
                    s.push_str(&format!(", {dup} already imported (counted once)"));
                }
                s
            }
            Err(why) => format!("{}: not imported: {why}.", self.file),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Where the trainer's page keeps each results file that brought attempts in, so the
/// dashboard is there again after a reload: this prefix and a number ([`kept_key`]).
pub const KEPT_KEY: &str = "attune.dashboard.";

/// The key for the `n`th file kept, in an order that sorts as the files were taken in.
pub fn kept_key(n: usize) -> String {
    format!("{KEPT_KEY}{n:06}")
}

/// A file as kept: its name on the first line (any line break in it made a space), then
/// its text.
pub fn kept_entry(name: &str, text: &str) -> String {
    format!("{}\n{text}", name.replace(['\n', '\r'], " "))
}

/// The files kept under [`KEPT_KEY`] (key and entry, in any order), as names and texts in
/// the order they were taken in; an entry without a line break is a file with no name.
pub fn read_kept(mut entries: Vec<(String, String)>) -> Vec<(String, String)> {
    entries.sort();
    entries
        .into_iter()
        .map(|(_, entry)| match entry.split_once('\n') {
            Some((name, text)) => (name.to_string(), text.to_string()),
            None => (String::new(), entry),
        })
        .collect()
}

/// Every results file a trainer brought in for one workshop: the dashboard's model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Room {
    /// The workshop, fixed by the first file taken in.
    pub workshop: Option<(Workshop, String)>,
    /// Every attempt, with its attendee's name, in the order taken in.
    pub attempts: Vec<(String, Attempt)>,
    /// What became of each file, in the order brought.
    pub reports: Vec<FileReport>,
}

impl Room {
    /// Takes in one file; what became of it is added to [`Room::reports`] and returned.
    /// An attempt already here (same attendee, scenario, seed and moment) counts once.
    pub fn take(&mut self, file: &str, text: &str) -> &FileReport {
        let outcome = Results::parse(text).and_then(|r| {
            if let Some((w, id)) = &self.workshop {
                if *id != r.id {
                    return Err(format!(
                        "it is from another workshop, \u{201c}{}\u{201d}, not \u{201c}{}\u{201d}",
                        r.workshop.name, w.name
                    ));
                }
            }
            self.workshop.get_or_insert((r.workshop, r.id));
            let mut new = 0;
            let total = r.attempts.len();
            for a in r.attempts {
                let here = self.attempts.iter().any(|(n, b)| {
                    *n == r.name
                        && b.scenario_id == a.scenario_id
                        && b.seed == a.seed
                        && b.finished_ms == a.finished_ms
                });
                if !here {
                    self.attempts.push((r.name.clone(), a));
                    new += 1;
                }
            }
            Ok((new, total - new))
        });
        self.reports.push(FileReport {
            file: file.to_string(),
            outcome,
        });
        self.reports.last().expect("just pushed")
    }

    /// The attendees, in the order they first appear, each with their attempts.
    pub fn attendees(&self) -> Vec<(&str, Vec<&Attempt>)> {
        let mut out: Vec<(&str, Vec<&Attempt>)> = Vec::new();
        for (name, a) in &self.attempts {
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, list)) => list.push(a),
                None => out.push((name, vec![a])),
            }
        }
        out
    }

    /// Each scenario attempted, in the workshop's order (others after, as they appear).
    pub fn scenarios(&self) -> Vec<ScenarioSummary> {
        let pass = self.workshop.as_ref().and_then(|(w, _)| w.pass_mark);
        let mut ids: Vec<&str> = Vec::new();
        if let Some((w, _)) = &self.workshop {
            ids.extend(w.scenarios.iter().map(ScenarioId::as_str));
        }
        for (_, a) in &self.attempts {
            if !ids.contains(&a.scenario_id.as_str()) {
                ids.push(a.scenario_id.as_str());
            }
        }
        ids.into_iter()
            .filter_map(|id| {
                let of: Vec<&Attempt> = self
                    .attempts
                    .iter()
                    .map(|(_, a)| a)
                    .filter(|a| a.scenario_id == id)
                    .collect();
                let first = of.first()?;
                let mut endings: Vec<(String, Outcome, usize)> = Vec::new();
                let mut spread = [0; 10];
                for a in &of {
                    match endings.iter_mut().find(|e| e.0 == a.ending_title) {
                        Some(e) => e.2 += 1,
                        None => endings.push((a.ending_title.clone(), a.outcome, 1)),
                    }
                    spread[usize::from(a.mean() / 10).min(9)] += 1;
                }
                endings.sort_by_key(|e| std::cmp::Reverse(e.2));
                let mean = |f: fn(&Attempt) -> u8| {
                    (of.iter().map(|a| u32::from(f(a))).sum::<u32>() as f64 / of.len() as f64)
                        .round() as u8
                };
                Some(ScenarioSummary {
                    id: id.to_string(),
                    title: first.scenario_title.clone(),
                    attempts: of.len(),
                    endings,
                    spread,
                    presence: mean(|a| a.presence),
                    listening: mean(|a| a.listening),
                    passed: pass.map(|m| of.iter().filter(|a| a.mean() >= m).count()),
                })
            })
            .collect()
    }

    /// Every signal found in the room's replies, most often first (a reply counts once
    /// for each signal in it), with the replies behind it.
    pub fn signals(&self) -> Vec<SignalCount> {
        let mut out: Vec<SignalCount> = Vec::new();
        for (name, a) in &self.attempts {
            for (line, reply) in a.replies() {
                let mut seen: Vec<&str> = Vec::new();
                for s in &reply.signals {
                    if seen.contains(&s.as_str()) {
                        continue;
                    }
                    seen.push(s);
                    let behind = Behind {
                        attendee: name.clone(),
                        scenario: a.scenario_title.clone(),
                        text: line.text.clone(),
                    };
                    match out.iter_mut().find(|c| c.name == *s) {
                        Some(c) => c.replies.push(behind),
                        None => {
                            let id = SignalId::from_name(s);
                            out.push(SignalCount {
                                name: s.clone(),
                                label: id.map_or_else(|| s.clone(), |i| i.label().to_string()),
                                helps: id.is_some_and(|i| i.weight() > 0),
                                replies: vec![behind],
                            })
                        }
                    }
                }
            }
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.replies.len()));
        out
    }

    /// Interruptions across the room.
    pub fn interruptions(&self) -> u32 {
        self.attempts.iter().map(|(_, a)| a.interruptions).sum()
    }

    /// Every attempt as CSV (RFC 4180), one row each, for a spreadsheet.
    pub fn csv(&self) -> String {
        let pass = self.workshop.as_ref().and_then(|(w, _)| w.pass_mark);
        let mut out = String::from("attendee,scenario,ending,outcome,presence,listening,mean,passed,positive_regard,commitment,effective_action,follow_through,reflections,questions,interruptions,replies,finished\r\n");
        for (name, a) in &self.attempts {
            let f = a.fundamentals;
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
                csv_field(name),
                csv_field(&a.scenario_title),
                csv_field(&a.ending_title),
                a.outcome.word(),
                a.presence,
                a.listening,
                a.mean(),
                pass.map_or("", |m| if a.mean() >= m { "yes" } else { "no" }),
                f[0],
                f[1],
                f[2],
                f[3],
                a.reflections,
                a.questions,
                a.interruptions,
                a.replies().count(),
                when(a.finished_ms),
            ));
        }
        out
    }
}

/// A CSV field: quoted when it holds a comma, quote or line break, and a leading
/// character a spreadsheet would take for a formula is defused with an apostrophe.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_as_utc_dates() {
        assert_eq!(when(0), "1970-01-01 00:00 UTC");
        // 2000-02-29 23:59:59 (a leap day in a year divisible by 400).
        assert_eq!(when(951_868_799_000), "2000-02-29 23:59 UTC");
        assert_eq!(when(1_795_966_800_000), "2026-11-29 15:40 UTC");
        assert_eq!(when(4_107_542_400_000), "2100-03-01 00:00 UTC");
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("Ana"), "Ana");
        assert_eq!(csv_field("Lee, Sam"), "\"Lee, Sam\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
    }

    #[test]
    fn kept_files_come_back_in_the_order_taken_in_with_their_names() {
        let text = "format = \"attune-results\"\nname = \"Ana\"\n";
        // Stored in any order; the eleventh sorts after the second.
        let kept = vec![
            (kept_key(10), kept_entry("late.toml", "b")),
            (kept_key(2), kept_entry("odd\nname.toml", text)),
            (kept_key(0), "no line break".to_string()),
        ];
        assert_eq!(
            read_kept(kept),
            vec![
                (String::new(), "no line break".to_string()),
                ("odd name.toml".to_string(), text.to_string()),
                ("late.toml".to_string(), "b".to_string()),
            ]
        );
    }
}
