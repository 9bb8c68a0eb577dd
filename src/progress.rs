//! The trainee's history of attempts: versioned, merged on import, never silently lost.
//!
//! Pure: the browser shell reads and writes the text; time comes in as an argument.

use crate::debrief;
use crate::engine::Session;
use crate::scenario::{Outcome, Scenario};
use serde::{Deserialize, Serialize};

/// The version of the saved history format.
pub const PROGRESS_VERSION: u32 = 1;

/// One finished conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// Every attempt on this device, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
        #[derive(Deserialize)]
        struct Probe {
            version: Option<u32>,
        }
        let probe: Probe = serde_json::from_str(text)
            .map_err(|e| format!("it is not Attune progress data ({e})"))?;
        match probe.version {
            Some(PROGRESS_VERSION) => {}
            Some(v) if v > PROGRESS_VERSION => {
                return Err(format!(
                    "it was saved by a newer version of Attune (format {v}; this one reads format {PROGRESS_VERSION})"
                ))
            }
            Some(v) => return Err(format!("format {v} is not one this version of Attune reads")),
            None => return Err("it has no format version".into()),
        }
        serde_json::from_str(text).map_err(|e| format!("it is damaged ({e})"))
    }

    /// The text to save or export.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
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
                "damaged",
            ),
        ] {
            match History::load(Some(text)) {
                Loaded::Unreadable { reason } => assert!(reason.contains(why), "{reason}"),
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
