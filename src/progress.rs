//! The trainee's history of attempts: versioned, merged on import, never silently lost.
//!
//! Pure: the browser shell reads and writes the text; time comes in as an argument.

use crate::debrief;
use crate::engine::Session;
use crate::scenario::{Outcome, Scenario};
use miniserde::json::{self, Number, Object, Value};

/// The version of the saved history format.
pub const PROGRESS_VERSION: u32 = 1;

/// One finished conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub scenario_id: String,
    pub scenario_title: String,
    pub ending: String,
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
            ending: ending.to_string(),
            outcome,
            presence: score.presence,
            listening: score.listening,
            replies: session.turns.len(),
            interruptions: score.interruptions,
            finished_at,
            seed: session.seed,
        })
    }

    /// Presence and listening together, for picking a best attempt.
    pub fn total(&self) -> u16 {
        u16::from(self.presence) + u16::from(self.listening)
    }

    fn key(&self) -> (&str, u64, u64) {
        (&self.scenario_id, self.finished_at, self.seed)
    }

    fn to_value(&self) -> Value {
        let text = |s: &str| Value::String(s.to_string());
        let number = |n: u64| Value::Number(Number::U64(n));
        let mut o = Object::new();
        o.insert("scenario_id".into(), text(&self.scenario_id));
        o.insert("scenario_title".into(), text(&self.scenario_title));
        o.insert("ending".into(), text(&self.ending));
        o.insert("outcome".into(), text(self.outcome.word()));
        o.insert("presence".into(), number(self.presence.into()));
        o.insert("listening".into(), number(self.listening.into()));
        o.insert("replies".into(), number(self.replies as u64));
        o.insert("interruptions".into(), number(self.interruptions as u64));
        o.insert("finished_at".into(), number(self.finished_at));
        o.insert("seed".into(), number(self.seed));
        Value::Object(o)
    }

    fn read(value: &Value) -> Result<Attempt, String> {
        let Value::Object(o) = value else {
            return Err("it is not a JSON object".into());
        };
        let field = |name: &str| o.get(name).ok_or_else(|| format!("`{name}` is missing"));
        let text = |name: &str| match field(name)? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(format!("`{name}` is not text")),
        };
        let number = |name: &str| whole(field(name)?, name);
        let percent = |name: &str| match field(name)? {
            Value::Number(Number::U64(n)) if *n <= 100 => Ok(*n as u8),
            _ => Err(format!("`{name}` is not a score from 0 to 100")),
        };
        let outcome = |word: String| {
            Outcome::from_word(&word)
                .ok_or_else(|| format!("`outcome` is `{word}`, which is no outcome"))
        };
        Ok(Attempt {
            scenario_id: text("scenario_id")?,
            scenario_title: text("scenario_title")?,
            ending: text("ending")?,
            outcome: outcome(text("outcome")?)?,
            presence: percent("presence")?,
            listening: percent("listening")?,
            replies: number("replies")? as usize,
            interruptions: number("interruptions")? as usize,
            finished_at: number("finished_at")?,
            seed: number("seed")?,
        })
    }
}

/// A whole number of at least 0.
fn whole(value: &Value, name: &str) -> Result<u64, String> {
    match value {
        Value::Number(Number::U64(n)) => Ok(*n),
        _ => Err(format!("`{name}` is not a whole number of 0 or more")),
    }
}

/// Every attempt on this device, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    pub version: u32,
    pub attempts: Vec<Attempt>,
}

impl Default for History {
    fn default() -> Self {
        History {
            version: PROGRESS_VERSION,
            attempts: Vec::new(),
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
        let not_ours = |why: &str| format!("it is not Attune progress data ({why})");
        let value: Value =
            json::from_str(text).map_err(|_| not_ours("it is not well-formed JSON"))?;
        let Value::Object(top) = value else {
            return Err(not_ours("it is not a JSON object"));
        };
        let version = match top.get("version") {
            None => return Err("it has no format version".into()),
            Some(v) => whole(v, "version").map_err(|e| not_ours(&e))?,
        };
        match version {
            v if v == u64::from(PROGRESS_VERSION) => {}
            v if v > u64::from(PROGRESS_VERSION) => {
                return Err(format!(
                    "it was saved by a newer version of Attune (format {v}; this one reads format {PROGRESS_VERSION})"
                ))
            }
            v => return Err(format!("format {v} is not one this version of Attune reads")),
        }
        let damaged = |why: String| format!("it is damaged ({why})");
        let Some(Value::Array(items)) = top.get("attempts") else {
            return Err(damaged("`attempts` is missing or not a list".into()));
        };
        let attempts = items
            .iter()
            .enumerate()
            .map(|(i, item)| Attempt::read(item).map_err(|e| format!("attempt {}: {e}", i + 1)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(damaged)?;
        Ok(History {
            version: PROGRESS_VERSION,
            attempts,
        })
    }

    /// The text to save or export: JSON, one attempt to a line.
    pub fn to_text(&self) -> String {
        let lines: Vec<String> = self
            .attempts
            .iter()
            .map(|a| json::to_string(&a.to_value()))
            .collect();
        format!(
            "{{\"version\": {},\n\"attempts\": [\n{}\n]}}\n",
            self.version,
            lines.join(",\n")
        )
    }

    /// Adds an attempt (once: the same attempt twice is kept once).
    pub fn record(&mut self, attempt: Attempt) {
        if !self.attempts.iter().any(|a| a.key() == attempt.key()) {
            self.attempts.push(attempt);
            self.attempts.sort_by_key(|a| a.finished_at);
        }
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
    pub fn of<'a>(&'a self, scenario_id: &'a str) -> impl Iterator<Item = &'a Attempt> + 'a {
        self.attempts
            .iter()
            .filter(move |a| a.scenario_id == scenario_id)
    }

    /// The latest attempt at a scenario.
    pub fn last(&self, scenario_id: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .rev()
            .find(|a| a.scenario_id == scenario_id)
    }

    /// The attempt with the highest presence plus listening (the earliest, on a tie).
    pub fn best(&self, scenario_id: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .filter(|a| a.scenario_id == scenario_id)
            .fold(None, |best: Option<&Attempt>, a| match best {
                Some(b) if b.total() >= a.total() => Some(b),
                _ => Some(a),
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
    fn records_best_and_last() {
        let mut h = History::default();
        h.record(attempt("a", 3, 60, 60));
        h.record(attempt("a", 1, 80, 70));
        h.record(attempt("b", 2, 10, 10));
        h.record(attempt("a", 3, 60, 60));
        assert_eq!(h.attempts.len(), 3, "the same attempt is kept once");
        assert_eq!(h.last("a").unwrap().finished_at, 3);
        assert_eq!(h.best("a").unwrap().finished_at, 1);
        assert!(h.best("c").is_none());
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
    fn reads_what_earlier_builds_saved() {
        // Saved by the first release, which wrote indented JSON in field order.
        let text = r#"{
  "version": 1,
  "attempts": [
    {
      "scenario_id": "irate-customer",
      "scenario_title": "The late delivery",
      "ending": "repaired",
      "outcome": "repaired",
      "presence": 84,
      "listening": 77,
      "replies": 8,
      "interruptions": 1,
      "finished_at": 1795430000000,
      "seed": 18446744073709551615
    }
  ]
}"#;
        let Loaded::Read(h) = History::load(Some(text)) else {
            panic!("not read")
        };
        let a = &h.attempts[0];
        assert_eq!(
            (a.presence, a.listening, a.replies, a.interruptions),
            (84, 77, 8, 1)
        );
        assert_eq!((a.outcome, a.seed), (Outcome::Repaired, u64::MAX));
        assert_eq!(History::load(Some(&h.to_text())), Loaded::Read(h));
    }

    #[test]
    fn unreadable_text_is_reported_not_dropped() {
        assert_eq!(History::load(None), Loaded::Empty);
        assert_eq!(History::load(Some("  ")), Loaded::Empty);
        for (text, why) in [
            ("{not json", "not Attune progress data"),
            (r#"{"attempts": []}"#, "no format version"),
            (
                r#"{"version": 99, "attempts": []}"#,
                "newer version of Attune",
            ),
            (
                r#"{"version": 1, "attempts": [{"scenario_id": 3}]}"#,
                "damaged (attempt 1: `scenario_id` is not text)",
            ),
            (r#"{"version": 1}"#, "damaged (`attempts` is missing"),
            (
                r#"{"version": "1", "attempts": []}"#,
                "not Attune progress data",
            ),
            (r#"{"version": 0, "attempts": []}"#, "format 0 is not one"),
        ] {
            match History::load(Some(text)) {
                Loaded::Unreadable { reason } => assert!(reason.contains(why), "{reason}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        let good = attempt("a", 1, 50, 50).to_value();
        for (field, value, why) in [
            ("presence", "150", "`presence` is not a score from 0 to 100"),
            (
                "listening",
                "-3",
                "`listening` is not a score from 0 to 100",
            ),
            ("seed", "1.5", "`seed` is not a whole number of 0 or more"),
            (
                "outcome",
                r#""great""#,
                "`outcome` is `great`, which is no outcome",
            ),
            ("ending", "null", "`ending` is not text"),
        ] {
            let mut bad = json::to_string(&good);
            let at = bad.find(&format!("\"{field}\":")).unwrap() + field.len() + 3;
            let end = at + bad[at..].find([',', '}']).unwrap();
            bad.replace_range(at..end, value);
            let text = format!(r#"{{"version": 1, "attempts": [{bad}]}}"#);
            match History::load(Some(&text)) {
                Loaded::Unreadable { reason } => {
                    assert_eq!(reason, format!("it is damaged (attempt 1: {why})"))
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        let mut h = History::default();
        assert!(h
            .import("[1, 2]")
            .unwrap_err()
            .contains("not Attune progress data"));
        assert!(h.attempts.is_empty());
    }
}
