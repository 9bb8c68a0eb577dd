//! The trainer's page, decided here and tested natively: what a scenario file's review
//! shows (every problem beside the line it is on, the playtest's summary, whether and how
//! it can be kept on this device), and the scenarios kept there.
//!
//! A kept scenario is its file's text in the browser's storage under
//! [`KEEP_PREFIX`]`<id>`. The library lists them under "Your scenarios" and checks each
//! again whenever it loads them; the trainer's page keeps, replaces and removes them.

use crate::ids::{NodeId, ScenarioId};
use crate::playtest::{play_path, playtest, PathKind, PathReport};
use crate::scenario::Scenario;
use crate::validate::{check_file, Severity};

/// Where a kept scenario's text is stored: this, then its id.
pub const KEEP_PREFIX: &str = "attune.scenario.";

/// How many random playthroughs a review runs, and the first one's seed (as the CLI's
/// `attune playtest` does by default, so the two agree).
pub const REVIEW_RUNS: u32 = 200;
pub const REVIEW_SEED: u64 = 1;

/// The storage key of a kept scenario.
pub fn keep_key(id: &ScenarioId) -> String {
    format!("{KEEP_PREFIX}{id}")
}

/// The id a storage key keeps, if it is a kept scenario's key (a key set aside as
/// unreadable, `attune.scenario.x.unreadable-…`, is not).
pub fn kept_id(key: &str) -> Option<ScenarioId> {
    key.strip_prefix(KEEP_PREFIX)
        .filter(|id| crate::condition::is_name(id))
        .map(ScenarioId::from)
}

/// The name a kept scenario's problems are reported under.
pub fn kept_file(id: &ScenarioId) -> String {
    format!("{id}.toml (kept on this device)")
}

/// One problem, with the text of the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Noted {
    pub error: bool,
    /// "line 12, column 5", or "the whole file".
    pub place: String,
    /// `beat "x", field `y``, or empty.
    pub context: String,
    pub message: String,
    /// The line's number and its text, when the problem has a line.
    pub line: Option<(usize, String)>,
}

/// One ending in the playtest's summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndingRow {
    pub id: NodeId,
    pub title: String,
    /// "Relationship repaired", …
    pub outcome: &'static str,
    /// Runs that reached it.
    pub runs: u32,
    /// "agitation 22 to 45, trust 58 to 79", or empty when no run arrived.
    pub mood: String,
    /// The routes most often taken, "opening → heard → wrap (5 runs)".
    pub routes: Vec<String>,
}

/// What random playthroughs and the scripted paths found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaySummary {
    pub runs: u32,
    pub endings: Vec<EndingRow>,
    /// "The best path: …", "The worst path: …", "A typical run: …".
    pub paths: Vec<String>,
    /// What must be fixed (stuck runs, endings no run reached), then what to look at
    /// (beats no run visited); each a whole sentence.
    pub findings: Vec<(bool, String)>,
}

/// Whether the reviewed file can be kept on this device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Yes; `replaces` when a scenario with its id is kept already.
    Yes { replaces: bool },
    /// No, and why.
    No(String),
}

/// The review of one scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub file: String,
    /// The scenario's id and title, when it could be read.
    pub id: Option<ScenarioId>,
    pub title: Option<String>,
    /// The scenario's summary, when it could be read.
    pub summary: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub problems: Vec<Noted>,
    /// Only for a file without errors.
    pub play: Option<PlaySummary>,
    pub keep: Keep,
    /// The text, to keep as it is.
    pub text: String,
}

impl Review {
    /// "No problems", "2 errors and 1 warning".
    pub fn verdict(&self) -> String {
        let n = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        match (self.errors, self.warnings) {
            (0, 0) => "No problems found".into(),
            (0, w) => n(w, "warning"),
            (e, 0) => n(e, "error"),
            (e, w) => format!("{} and {}", n(e, "error"), n(w, "warning")),
        }
    }
}

/// Reviews a scenario file: checks it, places every problem on its line, playtests it if
/// it can be played, and says whether it can be kept, given the ids the site hosts and the
/// ids kept on this device. Never panics, whatever the text.
pub fn review(
    file: &str,
    text: &str,
    hosted: &[(ScenarioId, String)],
    kept: &[ScenarioId],
) -> Review {
    let report = check_file(file, text);
    let lines: Vec<&str> = text.lines().collect();
    let problems: Vec<Noted> = report
        .problems
        .iter()
        .map(|p| {
            let l = &p.location;
            let line = l
                .line
                .and_then(|n| lines.get(n.wrapping_sub(1)).map(|t| (n, t)))
                .map(|(n, t)| (n, crate::scenario::visible(&shortened(t))));
            Noted {
                error: p.severity == Severity::Error,
                place: match (l.line, l.column) {
                    (Some(line), Some(col)) => format!("line {line}, column {col}"),
                    (Some(line), None) => format!("line {line}"),
                    _ => "the whole file".into(),
                },
                context: crate::scenario::visible(&l.context()),
                message: crate::scenario::visible(&p.message),
                line,
            }
        })
        .collect();
    let (errors, warnings) = report.counts();
    let scenario = report.playable();
    let play = scenario.map(summarize);
    let keep = match (&report.scenario, scenario) {
        (_, Some(s)) => match hosted.iter().find(|(id, _)| *id == s.id) {
            Some((_, title)) => Keep::No(crate::scenario::visible(&format!(
                "Its id `{}` is already used by \u{201c}{title}\u{201d} on this site: give your scenario an id of its own, so the two and their scores stay apart.",
                s.id
            ))),
            None => Keep::Yes {
                replaces: kept.contains(&s.id),
            },
        },
        _ => Keep::No("Fix the errors first: only a scenario that can be played is kept.".into()),
    };
    Review {
        file: file.to_string(),
        id: report.scenario.as_ref().map(|s| s.id.clone()),
        title: report.scenario.as_ref().map(|s| s.title.clone()),
        summary: report.scenario.as_ref().map(|s| s.summary.clone()),
        errors,
        warnings,
        problems,
        play,
        keep,
        text: text.to_string(),
    }
}

/// A line of the file as shown beside a problem: at most 200 characters.
fn shortened(line: &str) -> String {
    const MAX: usize = 200;
    match line.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}\u{2026}", &line[..i]),
        None => line.to_string(),
    }
}

/// The playtest's summary of a playable scenario.
pub fn summarize(s: &Scenario) -> PlaySummary {
    let r = playtest(s, REVIEW_RUNS, REVIEW_SEED);
    let range = |(lo, hi): (i32, i32)| {
        if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} to {hi}")
        }
    };
    let runs = |n: u32| format!("{n} run{}", if n == 1 { "" } else { "s" });
    let endings = s
        .endings
        .iter()
        .map(|e| {
            let arrival = r.arrivals.iter().find(|a| a.ending == e.id);
            EndingRow {
                id: e.id.clone(),
                title: e.title.clone(),
                outcome: e.outcome.label(),
                runs: arrival.map_or(0, |a| a.runs),
                mood: arrival.map_or_else(String::new, |a| {
                    format!("agitation {}, trust {}", range(a.agitation), range(a.trust))
                }),
                routes: arrival.map_or_else(Vec::new, |a| {
                    let mut shown: Vec<String> = a
                        .routes
                        .iter()
                        .map(|(route, n)| format!("{} ({})", route.join(" \u{2192} "), runs(*n)))
                        .collect();
                    if a.route_count > a.routes.len() {
                        let more = a.route_count - a.routes.len();
                        shown.push(format!(
                            "and {more} other route{}",
                            if more == 1 { "" } else { "s" }
                        ));
                    }
                    shown
                }),
            }
        })
        .collect();
    let path = |what: &str, p: &PathReport| {
        let ending = match p.ending.as_ref().and_then(|e| s.ending(e)) {
            Some(e) => format!(
                "\u{201c}{}\u{201d} ({})",
                e.title,
                e.outcome.label().to_lowercase()
            ),
            None => format!("no ending ({})", p.stuck.as_deref().unwrap_or("it stopped")),
        };
        format!(
            "{what}: {ending} in {} replies; presence {}, listening {}.",
            p.replies.len(),
            p.score.presence,
            p.score.listening
        )
    };
    let mut paths = vec![
        path("The best replies", &play_path(s, PathKind::Best)),
        path("The worst replies", &play_path(s, PathKind::Worst)),
    ];
    if let Some(t) = &r.typical {
        let title = s
            .ending(&t.ending)
            .map_or(t.ending.as_str(), |e| e.title.as_str());
        paths.push(format!(
            "A typical run (the median scores of the {}): \u{201c}{title}\u{201d} in {} replies; presence {}, listening {}.",
            runs(r.runs),
            t.replies,
            t.presence,
            t.listening
        ));
    }
    let mut findings: Vec<(bool, String)> = Vec::new();
    for st in &r.stuck {
        findings.push((
            true,
            format!(
                "A run got stuck in beat `{}` (run {}, seed {}): {}.",
                st.beat, st.run, st.seed, st.reason
            ),
        ));
    }
    for e in &r.unreached_endings {
        findings.push((
            true,
            format!(
                "No run reached the ending `{e}`: check the conditions and routes that lead to it."
            ),
        ));
    }
    for b in &r.unvisited_beats {
        findings.push((false, format!("No run visited the beat `{b}`.")));
    }
    PlaySummary {
        runs: r.runs,
        endings,
        paths,
        findings,
    }
}

/// A scenario kept on this device, as the trainer's page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptItem {
    pub id: ScenarioId,
    /// Its title, or its id when the text cannot be read.
    pub title: String,
    /// Its size, "7.8 KB".
    pub size: String,
}

/// The kept scenarios, by title, from their storage keys and texts (other keys ignored).
pub fn kept_items(stored: &[(String, String)]) -> Vec<KeptItem> {
    let mut items: Vec<KeptItem> = stored
        .iter()
        .filter_map(|(key, text)| {
            let id = kept_id(key)?;
            let title = crate::scenario::parse(&kept_file(&id), text)
                .map_or_else(|_| id.to_string(), |s| s.title);
            Some(KeptItem {
                id,
                title,
                size: format!("{:.1} KB", text.len() as f64 / 1000.0),
            })
        })
        .collect();
    items.sort_by(|a, b| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    items
}

/// The longest share link offered, in characters. The link carries the scenario itself,
/// compressed, in its fragment (never sent to a server); longer links are cut short or
/// refused by mail and chat programs, so a larger file is offered as a file instead.
pub const LINK_LIMIT: usize = 16_000;

/// What a share link's fragment starts with (`…/trainer/#scenario=…`).
pub const SHARE_MARK: &str = "#scenario=";

/// How a scenario can be shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Share {
    /// By this link.
    Link(String),
    /// Only as a file: the link would be this many characters, over [`LINK_LIMIT`].
    TooLong(usize),
}

/// The share link for a scenario whose text, compressed (raw deflate), is `packed`:
/// `page` is the trainer's page's address, without a fragment.
pub fn share_link(page: &str, packed: &[u8]) -> Share {
    use base64::Engine;
    let page = page.split('#').next().unwrap_or(page);
    let link = format!(
        "{page}{SHARE_MARK}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    if link.len() <= LINK_LIMIT {
        Share::Link(link)
    } else {
        Share::TooLong(link.len())
    }
}

/// The compressed scenario a page's fragment carries, if it is a share link's: its
/// bytes, or why they cannot be read (a link cut short or changed by hand).
pub fn shared_in(fragment: &str) -> Option<Result<Vec<u8>, String>> {
    use base64::Engine;
    let data = fragment.strip_prefix(SHARE_MARK)?;
    Some(if data.len() > LINK_LIMIT {
        Err(format!(
            "the link is {} characters long, more than a share link ever is ({LINK_LIMIT})",
            data.len()
        ))
    } else {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(data.trim_end_matches('='))
            .map_err(|_| {
                "the link is damaged (cut short, or changed): ask for it again, or for the file"
                    .to_string()
            })
    })
}

/// A file name for a scenario offered as a download: its id, else `scenario`.
pub fn file_name(review: &Review) -> String {
    format!(
        "{}.toml",
        review.id.as_ref().map_or("scenario", ScenarioId::as_str)
    )
}
