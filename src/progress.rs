//! The trainee's history of attempts: versioned, merged on import, never silently lost.
//!
//! Pure: the browser shell reads and writes the text; time comes in as an argument.

use crate::debrief;
use crate::engine::Session;
use crate::ids::{NodeId, ScenarioId};
use crate::scenario::{Outcome, Scenario};
use crate::tomlread::{self, list, string, whole, Fields, Read, Value};
use toml_writer::ToTomlValue;

/// The version of the saved history format.
pub const PROGRESS_VERSION: u32 = 3;

/// The oldest format this version still reads (format 2 lacks `cleared_at`).
const OLDEST_READ: u32 = 2;

/// One finished conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub scenario_id: ScenarioId,
    pub scenario_title: String,
    pub ending: NodeId,
    pub outcome: Outcome,
    pub presence: u8,
    pub listening: u8,
    pub replies: usize,
    pub interruptions: usize,
    /// When it finished, in milliseconds since 1970 (from the browser's clock).
    pub finished_at: u64,
    pub seed: u64,
}

impl Attempt {
    /// The record of a finished session; `None` while it is still going on.
    pub fn from_session(
        scenario: &Scenario,
        session: &Session,
        finished_at: u64,
    ) -> Option<Attempt> {
        let ending = session.ended()?;
        let outcome = scenario.ending(ending)?.outcome;
        let score = debrief::score(&session.turns);
        Some(Attempt {
            scenario_id: scenario.id.clone(),
            scenario_title: scenario.title.clone(),
            ending: ending.clone(),
            outcome,
            presence: score.presence,
            listening: score.listening,
            replies: session.turns.len(),
            interruptions: score.interruptions,
            finished_at,
            seed: session.seed,
        })
    }

    /// The attempt in a few words for the library: its scores and how it ended,
    /// "presence 70, listening 65, repaired".
    pub fn summary(&self) -> String {
        format!(
            "presence {}, listening {}, {}",
            self.presence,
            self.listening,
            self.outcome.word()
        )
    }

    /// Presence and listening together, for picking a best attempt.
    pub fn total(&self) -> u16 {
        u16::from(self.presence) + u16::from(self.listening)
    }

    fn key(&self) -> (&str, u64, u64) {
        (self.scenario_id.as_str(), self.finished_at, self.seed)
    }

    /// The attempt as a TOML `[[attempt]]` table.
    fn write(&self, out: &mut String) {
        let text = |s: &str| s.to_toml_value();
        out.push_str(&format!(
            "\n[[attempt]]\nscenario_id = {}\nscenario_title = {}\nending = {}\noutcome = {}\npresence = {}\nlistening = {}\nreplies = {}\ninterruptions = {}\nfinished_at = {}\nseed = \"{}\"\n",
            text(self.scenario_id.as_str()),
            text(&self.scenario_title),
            text(self.ending.as_str()),
            text(self.outcome.word()),
            self.presence,
            self.listening,
            self.replies,
            self.interruptions,
            self.finished_at,
            // TOML integers stop at 2^63; seeds use all 64 bits.
            self.seed,
        ));
    }

    fn read(value: &Value) -> Read<Attempt> {
        let f = Fields::of(value, &ATTEMPT_FIELDS)?;
        let number = |name: &str, max: i64| whole(f.need(name)?, 0, max);
        let text = |name: &str| string(f.need(name)?);
        let seed = |value: &Value| {
            string(value)?.parse().map_err(|_| tomlread::Bad {
                flaw: tomlread::Flaw::Malformed,
                span: value.span(),
                message:
                    "expected a whole number from 0 to 18446744073709551615, written as a string"
                        .into(),
            })
        };
        Ok(Attempt {
            scenario_id: text("scenario_id")?.into(),
            scenario_title: text("scenario_title")?,
            ending: text("ending")?.into(),
            outcome: Outcome::read(f.need("outcome")?)?,
            presence: number("presence", 100)? as u8,
            listening: number("listening", 100)? as u8,
            // Counts fit this machine's `usize` (32 bits in the browser), or are refused
            // with their place: never truncated.
            replies: number("replies", MAX_COUNT)? as usize,
            interruptions: number("interruptions", MAX_COUNT)? as usize,
            finished_at: number("finished_at", i64::MAX)? as u64,
            seed: seed(f.need("seed")?)?,
        })
    }
}

/// The largest history file read, in bytes (8 MiB: tens of thousands of attempts).
pub const MAX_FILE_BYTES: usize = 8 << 20;

/// Why a history file of `bytes` bytes is refused unread, if it is.
pub fn too_large(bytes: u64) -> Option<String> {
    tomlread::too_large(bytes, MAX_FILE_BYTES, "history")
}

/// The largest count an attempt may hold here.
const MAX_COUNT: i64 = if usize::BITS < 64 {
    usize::MAX as i64
} else {
    i64::MAX
};

/// The fields of an `[[attempt]]`, in the order they are written.
const ATTEMPT_FIELDS: [&str; 10] = [
    "scenario_id",
    "scenario_title",
    "ending",
    "outcome",
    "presence",
    "listening",
    "replies",
    "interruptions",
    "finished_at",
    "seed",
];

/// Every attempt on this device, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    pub version: u32,
    pub attempts: Vec<Attempt>,
    /// When the trainee last cleared the history (milliseconds since 1970): another tab
    /// that learns of it drops what it held from before, rather than saving it back.
    pub cleared_at: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        History {
            version: PROGRESS_VERSION,
            attempts: Vec::new(),
            cleared_at: None,
        }
    }
}

/// What reading saved history found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing was saved yet.
    Empty,
    /// The history as saved.
    Read(History),
    /// The saved text could not be read; it must be kept aside, not overwritten.
    Unreadable { reason: String },
}

impl History {
    /// Reads saved text (`None`: nothing saved).
    pub fn load(text: Option<&str>) -> Loaded {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return Loaded::Empty;
        };
        match History::parse(text) {
            Ok(h) => Loaded::Read(h),
            Err(reason) => Loaded::Unreadable { reason },
        }
    }

    /// Parses saved or exported text, refusing other versions with a reason.
    pub fn parse(text: &str) -> Result<History, String> {
        if let Some(why) = too_large(text.len() as u64) {
            return Err(why);
        }
        if text.trim_start().starts_with('{') {
            return Err("it was saved in format 1 (JSON) by an earlier version of Attune, which this version no longer reads".into());
        }
        let not_ours = |why: &str| format!("it is not Attune progress data ({why})");
        let root = tomlread::parse(text).map_err(|e| not_ours(e.message().trim()))?;
        // The version first, before any other field is judged: a newer format may have more.
        let Some(version) = root
            .get_ref()
            .as_table()
            .and_then(|t| tomlread::get(t, "version"))
        else {
            return Err("it has no format version".into());
        };
        let version = whole(version, 0, i64::MAX).map_err(|e| not_ours(&e.message))?;
        match version {
            v if (i64::from(OLDEST_READ)..=i64::from(PROGRESS_VERSION)).contains(&v) => {}
            v if v > i64::from(PROGRESS_VERSION) => {
                return Err(format!(
                    "it was saved by a newer version of Attune (format {v}; this one reads format {PROGRESS_VERSION})"
                ))
            }
            v => return Err(format!("format {v} is not one this version of Attune reads")),
        }
        let damaged = |why: String| format!("it is damaged ({why})");
        let f = Fields::of(&root, &["version", "cleared_at", "attempt"])
            .map_err(|e| damaged(e.message))?;
        let cleared_at = match f.get("cleared_at") {
            None => None,
            Some(v) => Some(
                whole(v, 0, i64::MAX)
                    .map_err(|e| damaged(format!("`cleared_at`: {}", e.message)))?
                    as u64,
            ),
        };
        let attempts = match f.get("attempt") {
            None => Vec::new(),
            Some(v) => list(v, Attempt::read).map_err(|e| damaged(tomlread::placed(text, &e)))?,
        };
        let mut history = History {
            version: PROGRESS_VERSION,
            attempts: Vec::with_capacity(attempts.len()),
            cleared_at,
        };
        for a in attempts {
            history.place(a);
        }
        Ok(history)
    }

    /// Puts an attempt in its place in the one order every copy keeps (by when it
    /// finished, then scenario and seed), so that tabs can compare copies. An insertion,
    /// not a sort: a saved history is in order already, and the standard sort would
    /// cost the web app kilobytes.
    fn place(&mut self, attempt: Attempt) {
        fn order(a: &Attempt) -> (u64, &str, u64) {
            (a.finished_at, a.scenario_id.as_str(), a.seed)
        }
        let at = self
            .attempts
            .partition_point(|a| order(a) <= order(&attempt));
        self.attempts.insert(at, attempt);
    }

    /// The text to save or export: TOML, one `[[attempt]]` table each.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "# Attune progress: every finished conversation saved on one device.\nversion = {}\n",
            self.version
        );
        if let Some(at) = self.cleared_at {
            out.push_str(&format!("cleared_at = {at}\n"));
        }
        for a in &self.attempts {
            a.write(&mut out);
        }
        out
    }

    /// Adds an attempt (once: the same attempt twice is kept once).
    pub fn record(&mut self, attempt: Attempt) {
        if !self.attempts.iter().any(|a| a.key() == attempt.key()) {
            self.place(attempt);
        }
    }

    /// Takes in what another tab saved, so that saving never replaces a history with a copy
    /// that lacks an attempt: every attempt of either is kept (each has an identity), except
    /// those a clear on one side was made after, in the copy that has not seen that clear.
    /// (Attempts imported after a clear are in the copy that made it, and stay.)
    pub fn merge(&mut self, other: &History) {
        let ours = self.cleared_at;
        if let Some(at) = other.cleared_at.filter(|&t| Some(t) > ours) {
            self.attempts.retain(|a| a.finished_at > at);
            self.cleared_at = Some(at);
        }
        let stale = ours.filter(|&t| Some(t) > other.cleared_at);
        for a in &other.attempts {
            if stale.is_none_or(|t| a.finished_at > t) {
                self.record(a.clone());
            }
        }
    }

    /// Clears every attempt, at `at_ms`; other tabs follow when they merge.
    pub fn clear(&mut self, at_ms: u64) {
        self.attempts.clear();
        self.cleared_at = Some(self.cleared_at.map_or(at_ms, |t| t.max(at_ms)));
    }

    /// Merges an exported history in; returns how many attempts were new.
    pub fn import(&mut self, text: &str) -> Result<usize, String> {
        let other = History::parse(text)?;
        let before = self.attempts.len();
        for a in other.attempts {
            self.record(a);
        }
        Ok(self.attempts.len() - before)
    }

    /// Attempts at one scenario, oldest first.
    pub fn of<'a>(&'a self, scenario_id: &'a ScenarioId) -> impl Iterator<Item = &'a Attempt> + 'a {
        self.attempts
            .iter()
            .filter(move |a| a.scenario_id == *scenario_id)
    }

    /// The latest attempt at a scenario.
    pub fn last(&self, scenario_id: &ScenarioId) -> Option<&Attempt> {
        self.attempts
            .iter()
            .rev()
            .find(|a| a.scenario_id == *scenario_id)
    }

    /// The attempt with the highest presence plus listening (the earliest, on a tie).
    pub fn best(&self, scenario_id: &ScenarioId) -> Option<&Attempt> {
        self.attempts
            .iter()
            .filter(|a| a.scenario_id == *scenario_id)
            .fold(None, |best: Option<&Attempt>, a| match best {
                Some(b) if b.total() >= a.total() => Some(b),
                _ => Some(a),
            })
    }
}

/// The progress chart: one scenario's attempts, oldest first, with each attempt's ending,
/// in the coordinates of a `WIDTH` by `HEIGHT` drawing. Attempts at different scenarios
/// are never drawn on one line: their scores do not compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub points: Vec<ChartPoint>,
    /// Y of the 0, 50 and 100 grid lines, in that order.
    pub grid: [u16; 3],
    /// What the chart shows, in a sentence, for its text alternative.
    pub summary: String,
}

/// One attempt on the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartPoint {
    pub x: u16,
    pub presence_y: u16,
    pub listening_y: u16,
    pub outcome: Outcome,
}

impl Chart {
    pub const WIDTH: u16 = 600;
    pub const HEIGHT: u16 = 240;
    /// Margin around the plot; the endings row sits in the bottom one.
    pub const PAD: u16 = 32;
    /// What each ending's mark means (see [`Outcome::glyph`]).
    pub const LEGEND: &'static str =
        "Endings: \u{25b2} repaired, \u{25a0} steady, \u{25bc} strained, \u{2715} lost";
    /// Y of the endings row.
    pub const ENDINGS_Y: u16 = Chart::HEIGHT - 12;

    /// The three grid lines as one SVG path.
    pub fn grid_path(&self) -> String {
        let (l, r) = (Chart::PAD, Chart::WIDTH - Chart::PAD);
        let mut d = String::new();
        for y in self.grid {
            d.push_str(&format!("M{l} {y}H{r}"));
        }
        d
    }

    /// One line of the chart as an SVG path: `dots` draws a zero-length stroke at each
    /// point (a dot, with round caps), else the line through them.
    pub fn trace(&self, listening: bool, dots: bool) -> String {
        let mut d = String::new();
        for p in &self.points {
            let y = if listening {
                p.listening_y
            } else {
                p.presence_y
            };
            let lead = if dots || d.is_empty() { "M" } else { "L" };
            d.push_str(&format!(
                "{lead}{} {y}{}",
                p.x,
                if dots { "h0" } else { "" }
            ));
        }
        d
    }
}

impl History {
    /// The scenario the progress page charts: the one chosen (when it has attempts),
    /// else the one attempted last.
    pub fn charted<'a>(&'a self, chosen: Option<&ScenarioId>) -> Option<&'a Attempt> {
        chosen
            .and_then(|id| self.last(id))
            .or_else(|| self.attempts.last())
    }

    /// The chart of one scenario's attempts (`None` when it has none).
    pub fn chart(&self, scenario_id: &ScenarioId) -> Option<Chart> {
        let shown: Vec<&Attempt> = self.of(scenario_id).collect();
        let first = shown.first()?;
        let (w, h, pad) = (Chart::WIDTH, Chart::HEIGHT, Chart::PAD);
        let n = shown.len() as u32;
        let x = |i: usize| match n {
            1 => w / 2,
            _ => (u32::from(pad) + u32::from(w - 2 * pad) * i as u32 / (n - 1)) as u16,
        };
        // Scores 0 to 100 between the top margin and the endings row.
        let bottom = h - 2 * pad;
        let y = |v: u8| bottom - (u32::from(bottom - pad) * u32::from(v.min(100)) / 100) as u16;
        let points = shown
            .iter()
            .enumerate()
            .map(|(i, a)| ChartPoint {
                x: x(i),
                presence_y: y(a.presence),
                listening_y: y(a.listening),
                outcome: a.outcome,
            })
            .collect();
        // Every attempt's scores and ending, for the chart's text alternative.
        let mut summary = first.scenario_title.clone();
        summary.push_str(if n == 1 {
            ", one attempt: "
        } else {
            ", attempts oldest first: "
        });
        for (i, a) in shown.iter().enumerate() {
            summary.push_str(if i > 0 { "; " } else { "" });
            summary.push_str(&a.summary());
        }
        summary.push('.');
        Some(Chart {
            points,
            grid: [y(0), y(50), y(100)],
            summary,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(id: &str, at: u64, p: u8, l: u8) -> Attempt {
        Attempt {
            scenario_id: id.into(),
            scenario_title: id.into(),
            ending: "e".into(),
            outcome: Outcome::Steady,
            presence: p,
            listening: l,
            replies: 7,
            interruptions: 0,
            finished_at: at,
            seed: 1,
        }
    }

    #[test]
    fn the_chart_draws_one_scenario_with_the_ending_of_each_attempt() {
        let mut h = History::default();
        h.record(attempt("a", 1, 20, 100));
        h.record(attempt("b", 2, 90, 90));
        let mut lost = attempt("a", 3, 100, 0);
        lost.outcome = Outcome::Lost;
        h.record(lost);
        h.record(attempt("a", 4, 50, 50));
        let c = h.chart(&"a".into()).unwrap();
        assert_eq!(c.points.len(), 3, "only scenario a's attempts: {c:?}");
        let xs: Vec<u16> = c.points.iter().map(|p| p.x).collect();
        assert_eq!(
            xs,
            [Chart::PAD, Chart::WIDTH / 2, Chart::WIDTH - Chart::PAD]
        );
        let [zero, half, full] = c.grid;
        assert!(
            full < half && half < zero && zero < Chart::ENDINGS_Y,
            "{:?}",
            c.grid
        );
        assert_eq!((c.points[0].presence_y, c.points[0].listening_y).1, full);
        assert_eq!(c.points[1].presence_y, full);
        assert_eq!(c.points[1].listening_y, zero);
        assert_eq!(c.points[2].presence_y, half);
        assert_eq!(c.points[1].outcome, Outcome::Lost);
        assert_eq!(
            c.summary,
            "a, attempts oldest first: presence 20, listening 100, steady; presence 100, listening 0, lost; presence 50, listening 50, steady."
        );
        assert_eq!(
            c.trace(true, true),
            format!("M32 {full}h0M300 {zero}h0M568 {half}h0")
        );
        for o in Outcome::ALL {
            assert!(Chart::LEGEND.contains(&format!("{} {}", o.glyph(), o.word())));
        }
        assert_eq!(
            c.grid_path(),
            format!("M32 {zero}H568M32 {half}H568M32 {full}H568")
        );
        assert_eq!(
            c.trace(false, false),
            format!("M32 {}L300 {full}L568 {half}", c.points[0].presence_y)
        );
        let one = h.chart(&"b".into()).unwrap();
        assert_eq!(one.points[0].x, Chart::WIDTH / 2);
        assert_eq!(
            one.summary,
            "b, one attempt: presence 90, listening 90, steady."
        );
        assert!(h.chart(&"c".into()).is_none());
        // The chosen scenario when it has attempts, else the latest attempted.
        assert_eq!(h.charted(Some(&"b".into())).unwrap().scenario_id, "b");
        assert_eq!(h.charted(None).unwrap().scenario_id, "a");
        assert_eq!(h.charted(Some(&"gone".into())).unwrap().scenario_id, "a");
        assert!(History::default().charted(None).is_none());
    }

    #[test]
    fn records_best_and_last() {
        let mut h = History::default();
        h.record(attempt("a", 3, 60, 60));
        h.record(attempt("a", 1, 80, 70));
        h.record(attempt("b", 2, 10, 10));
        h.record(attempt("a", 3, 60, 60));
        assert_eq!(h.attempts.len(), 3, "the same attempt is kept once");
        assert_eq!(h.last(&"a".into()).unwrap().finished_at, 3);
        assert_eq!(h.best(&"a".into()).unwrap().finished_at, 1);
        assert_eq!(
            h.best(&"a".into()).unwrap().summary(),
            "presence 80, listening 70, steady"
        );
        assert!(h.best(&"c".into()).is_none());
    }

    #[test]
    fn round_trips_and_merges() {
        let mut h = History::default();
        h.record(attempt("a", 1, 50, 50));
        let text = h.to_text();
        assert_eq!(History::load(Some(&text)), Loaded::Read(h.clone()));
        let mut other = History::default();
        other.record(attempt("a", 1, 50, 50));
        other.record(attempt("b", 2, 50, 50));
        assert_eq!(h.import(&other.to_text()), Ok(1));
        assert_eq!(h.attempts.len(), 2);
    }

    #[test]
    fn a_history_out_of_order_is_read_in_the_one_order_every_copy_keeps() {
        let mut h = History::default();
        for a in [
            attempt("b", 5, 1, 1),
            attempt("a", 5, 1, 1),
            attempt("c", 1, 1, 1),
        ] {
            h.attempts.push(a);
        }
        let read = History::parse(&h.to_text()).unwrap();
        let order: Vec<(u64, &str)> = read
            .attempts
            .iter()
            .map(|a| (a.finished_at, a.scenario_id.as_str()))
            .collect();
        assert_eq!(order, [(1, "c"), (5, "a"), (5, "b")]);
    }

    #[test]
    fn two_tabs_saving_at_once_keep_both_attempts_and_a_clear_wins() {
        // Both tabs start from the same stored history, and each finishes one attempt.
        let mut stored = History::default();
        stored.record(attempt("a", 1, 50, 50));
        let (mut tab1, mut tab2) = (stored.clone(), stored.clone());
        tab1.record(attempt("a", 10, 60, 60));
        tab2.record(attempt("b", 11, 70, 70));
        // Tab 1 saves; tab 2, not yet told, saves its copy merged with what is stored.
        let mut saved = tab1.clone();
        saved.merge(&stored);
        stored = saved;
        let mut saved = tab2.clone();
        saved.merge(&stored);
        stored = saved;
        assert_eq!(stored.attempts.len(), 3, "{stored:?}");
        // Told of the other's save, each holds all three, in one order.
        tab1.merge(&stored);
        tab2.merge(&stored);
        assert_eq!(tab1, stored);
        assert_eq!(tab2, stored);
        // A copy that lacks an attempt never removes it.
        let mut lacking = History::default();
        lacking.record(attempt("a", 1, 50, 50));
        tab1.merge(&lacking);
        assert_eq!(tab1.attempts.len(), 3);
        // A clear in tab 1 reaches tab 2 instead of being saved back by it; an attempt
        // tab 2 finished after the clear stays, and so does the clear.
        tab1.clear(20);
        tab2.record(attempt("b", 25, 80, 80));
        tab2.merge(&tab1);
        assert_eq!(tab2.attempts.len(), 1);
        assert_eq!(tab2.attempts[0].finished_at, 25);
        assert_eq!(tab2.cleared_at, Some(20));
        let text = tab2.to_text();
        assert!(text.contains("cleared_at = 20\n"), "{text}");
        assert_eq!(History::parse(&text), Ok(tab2.clone()));
        // The tab that cleared, saving over a copy from before the clear, keeps it cleared.
        let mut saved = tab1.clone();
        saved.merge(&stored);
        assert!(saved.attempts.is_empty(), "{saved:?}");
        // An old clear does not drop anything new; an import after a clear is kept, here
        // and in the other tab.
        tab2.merge(&History {
            cleared_at: Some(5),
            ..History::default()
        });
        assert_eq!(tab2.attempts.len(), 1);
        assert_eq!(tab1.import(&stored.to_text()), Ok(3));
        tab2.merge(&tab1);
        assert_eq!(tab2.attempts.len(), 4);
    }

    #[test]
    fn format_2_is_still_read() {
        let mut h = History::default();
        h.record(attempt("a", 1, 50, 50));
        let old = h.to_text().replace("version = 3", "version = 2");
        assert_eq!(History::parse(&old), Ok(h));
    }

    #[test]
    fn the_saved_text_is_readable_toml_and_keeps_every_field() {
        let mut h = History::default();
        let mut a = attempt("irate-customer", 1_795_430_000_000, 84, 77);
        a.scenario_title = "A \"quoted\" title\\ with\nbreaks \u{1F600}".into();
        a.seed = u64::MAX;
        a.outcome = Outcome::Repaired;
        a.interruptions = 2;
        h.record(a.clone());
        let text = h.to_text();
        assert!(text.contains("version = 3\n"), "{text}");
        assert!(
            text.contains("\n[[attempt]]\nscenario_id = \"irate-customer\"\n"),
            "{text}"
        );
        assert!(text.contains("seed = \"18446744073709551615\"\n"), "{text}");
        assert_eq!(History::parse(&text), Ok(h));
    }

    #[test]
    fn format_1_json_is_refused_with_a_reason() {
        let text = r#"{"version": 1, "attempts": []}"#;
        assert_eq!(
            History::load(Some(text)),
            Loaded::Unreadable {
                reason: "it was saved in format 1 (JSON) by an earlier version of Attune, which this version no longer reads".into()
            }
        );
    }

    #[test]
    fn unreadable_text_is_reported_not_dropped() {
        assert_eq!(History::load(None), Loaded::Empty);
        assert_eq!(History::load(Some("  ")), Loaded::Empty);
        assert_eq!(
            History::load(Some("version = 2\n")),
            Loaded::Read(History::default())
        );
        for (text, why) in [
            ("version = [", "not Attune progress data"),
            ("[[attempt]]\nscenario_id = \"a\"", "no format version"),
            ("version = 99", "newer version of Attune (format 99"),
            ("version = \"2\"", "not Attune progress data (expected a whole number"),
            ("version = 0", "format 0 is not one"),
            ("version = 2\nattempts = []", "damaged (unknown field `attempts`"),
            ("version = 2\nattempt = 3", "damaged (line 2, `attempt`: expected an array"),
            ("version = 2\n[[attempt]]\nscenario_id = 3", "damaged (line 3, `attempt[0].scenario_id`: expected a string, found the integer 3)"),
        ] {
            match History::load(Some(text)) {
                Loaded::Unreadable { reason } => assert!(reason.contains(why), "{text}: {reason}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        let mut good = History::default();
        good.record(attempt("a", 1, 50, 50));
        let good = good.to_text();
        for (line, replacement, why) in [
            (
                "presence = 50",
                "presence = 150",
                "`attempt[0].presence`: 150 is out of range: expected a whole number from 0 to 100",
            ),
            (
                "listening = 50",
                "listening = -3",
                "`attempt[0].listening`: -3 is out of range",
            ),
            (
                "seed = \"1\"",
                "seed = 1",
                "`attempt[0].seed`: expected a string, found the integer 1",
            ),
            (
                "seed = \"1\"",
                "seed = \"x\"",
                "`attempt[0].seed`: expected a whole number from 0 to 18446744073709551615",
            ),
            (
                "outcome = \"steady\"",
                "outcome = \"great\"",
                "`attempt[0].outcome`: unknown variant `great`",
            ),
            ("ending = \"e\"", "", "`attempt[0]`: missing field `ending`"),
            (
                "ending = \"e\"",
                "ending = \"e\"\nmood = 3",
                "`attempt[0].mood`: unknown field `mood`",
            ),
        ] {
            assert!(good.contains(line), "{good}");
            let text = good.replacen(line, replacement, 1);
            match History::load(Some(&text)) {
                Loaded::Unreadable { reason } => {
                    assert!(reason.starts_with("it is damaged (line "), "{reason}");
                    assert!(reason.contains(why), "{text}\n{reason}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        let mut h = History::default();
        assert!(h
            .import("[1, 2")
            .unwrap_err()
            .contains("not Attune progress data"));
        assert!(h.attempts.is_empty());
    }
}
