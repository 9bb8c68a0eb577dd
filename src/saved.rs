//! A conversation under way, kept on the device as it goes so that a reload, a closed tab
//! or a crash never loses it: its seed and the trainee's actions, which replay it exactly.
//!
//! Pure: the browser shell reads and writes the text.

use crate::engine::{Action, Session, SESSION_VERSION};
use crate::ids::ScenarioId;
use crate::scenario::Scenario;
use crate::tomlread::{self, list, string, whole, word, Fields, Read, Value};
use toml_writer::ToTomlValue;

/// The version of the saved conversation format.
pub const SAVED_VERSION: u32 = 1;

/// The largest saved conversation read, in bytes (a conversation saves a few kilobytes).
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// A conversation under way, as kept on the device.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub scenario_id: ScenarioId,
    /// The scenario's [`Scenario::revision`] when it was saved: a conversation is not taken
    /// up in a scenario edited since.
    pub revision: u64,
    pub seed: u64,
    /// When the conversation began and when it was saved, on the session's clock.
    pub started_ms: u64,
    pub now_ms: u64,
    /// Replies given so far, for the library to say how far it went.
    pub replies: usize,
    /// Every action since it began, to replay.
    pub actions: Vec<Action>,
    /// When it was last kept, in milliseconds since 1970, as the app's shell reads its
    /// clock (the core has none); 0 when not known. Between conversations that no tab
    /// holds, the one kept last is the one to take up.
    pub saved_at: u64,
}

/// The action kinds as written, in [`Action`]'s order of the ones that are logged.
const KINDS: [&str; 4] = ["reply", "say", "backchannel", "restart_from"];

impl Saved {
    /// What to keep of `session`, if anything: only a conversation under way with a reply
    /// given is worth taking up again (before that, starting afresh loses nothing).
    pub fn of(scenario: &Scenario, session: &Session) -> Option<Saved> {
        (session.resumable(scenario)).then(|| Saved {
            scenario_id: session.scenario_id.clone(),
            revision: scenario.revision,
            seed: session.seed,
            started_ms: session.started_ms,
            now_ms: session.now_ms,
            replies: session.turns.len(),
            actions: session.log.clone(),
            saved_at: 0,
        })
    }

    /// The text to keep: TOML, one `[[action]]` table per action.
    pub fn to_text(&self) -> String {
        // TOML integers stop at 2^63; seeds and revisions use all 64 bits, so are strings.
        let mut out = format!(
            "# Attune: a conversation under way, kept on this device until it ends.\nversion = {SAVED_VERSION}\nscenario_id = {}\nrevision = \"{}\"\nseed = \"{}\"\nstarted_ms = {}\nnow_ms = {}\nreplies = {}\nsaved_at = {}\n",
            self.scenario_id.as_str().to_toml_value(),
            self.revision,
            self.seed,
            self.started_ms,
            self.now_ms,
            self.replies,
            self.saved_at,
        );
        for a in &self.actions {
            let line = match a {
                Action::Reply {
                    choice,
                    turn,
                    at_ms,
                } => format!("kind = \"reply\"\nchoice = {choice}\nturn = {turn}\nat_ms = {at_ms}"),
                Action::Say { text, turn, at_ms } => format!(
                    "kind = \"say\"\ntext = {}\nturn = {turn}\nat_ms = {at_ms}",
                    text.as_str().to_toml_value()
                ),
                Action::Backchannel { at_ms } => format!("kind = \"backchannel\"\nat_ms = {at_ms}"),
                Action::RestartFrom { turn, at_ms } => {
                    format!("kind = \"restart_from\"\nturn = {turn}\nat_ms = {at_ms}")
                }
                // Never logged: a start begins a new log, and time passing is not replayed.
                Action::Start { .. } | Action::Tick { .. } => continue,
            };
            out.push_str("\n[[action]]\n");
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// Reads kept text, refusing other versions and damage with a reason.
    pub fn parse(text: &str) -> Result<Saved, String> {
        if let Some(why) = tomlread::too_large(text.len() as u64, MAX_FILE_BYTES, "conversation") {
            return Err(why);
        }
        let damaged = |why: String| format!("it is damaged ({why})");
        let root = tomlread::parse(text).map_err(|e| damaged(e.message().trim().to_string()))?;
        let f = Fields::of(
            &root,
            &[
                "version",
                "scenario_id",
                "revision",
                "seed",
                "started_ms",
                "now_ms",
                "replies",
                "saved_at",
                "action",
            ],
        )
        .map_err(|e| damaged(e.message))?;
        let read = || -> Read<Saved> {
            let version = whole(f.need("version")?, 0, i64::MAX)?;
            if version != i64::from(SAVED_VERSION) {
                return tomlread::bad(
                    f.need("version")?.span(),
                    format!(
                        "format {version}; this version of Attune reads format {SAVED_VERSION}"
                    ),
                );
            }
            let time = |name: &str| whole(f.need(name)?, 0, i64::MAX).map(|t| t as u64);
            Ok(Saved {
                scenario_id: string(f.need("scenario_id")?)?.into(),
                revision: big(f.need("revision")?)?,
                seed: big(f.need("seed")?)?,
                started_ms: time("started_ms")?,
                now_ms: time("now_ms")?,
                replies: whole(f.need("replies")?, 0, i64::from(u32::MAX))? as usize,
                actions: match f.get("action") {
                    Some(v) => list(v, action)?,
                    None => Vec::new(),
                },
                saved_at: match f.get("saved_at") {
                    Some(v) => whole(v, 0, i64::MAX)? as u64,
                    None => 0,
                },
            })
        };
        read().map_err(|e| damaged(tomlread::placed(text, &e)))
    }

    /// The conversation again, exactly where it was saved; or why it cannot be taken up.
    pub fn restore(&self, scenario: &Scenario) -> Result<Session, String> {
        if self.scenario_id != scenario.id {
            return Err(format!(
                "it belongs to the scenario `{}`, not `{}`",
                self.scenario_id, scenario.id
            ));
        }
        if self.revision != scenario.revision {
            return Err("the scenario has changed since it was saved".into());
        }
        let mut session = Session::new(scenario, self.seed, self.started_ms);
        for a in self
            .actions
            .iter()
            .chain(std::iter::once(&Action::Tick { at_ms: self.now_ms }))
        {
            session = session
                .apply(scenario, a)
                .map_err(|e| format!("it no longer replays ({e})"))?;
        }
        if !session.resumable(scenario) || session.version != SESSION_VERSION {
            return Err("it is not a conversation under way".into());
        }
        Ok(session)
    }
}

/// Which of the conversations kept for one scenario a tab takes up: its own (the one it
/// was playing before a reload), else the one kept last; an unreadable one counts as
/// kept longest ago, so it is only taken up (and set aside, with why) when it is the only
/// one. `kept` holds each one's key and, if it could be read, when it was kept.
pub fn pick<'k>(own: Option<&str>, kept: &'k [(String, Option<u64>)]) -> Option<&'k str> {
    if let Some((key, _)) = kept.iter().find(|(k, _)| Some(k.as_str()) == own) {
        return Some(key);
    }
    kept.iter()
        .max_by_key(|(key, at)| (at.map_or(0, |t| t + 1), std::cmp::Reverse(key.as_str())))
        .map(|(key, _)| key.as_str())
}

/// A 64-bit number written as a string (TOML integers stop at 2^63).
fn big(value: &Value) -> Read<u64> {
    string(value)?.parse().map_err(|_| tomlread::Bad {
        flaw: tomlread::Flaw::Malformed,
        span: value.span(),
        message: "expected a whole number from 0 to 18446744073709551615, written as a string"
            .into(),
    })
}

/// One `[[action]]` table.
fn action(value: &Value) -> Read<Action> {
    let f = Fields::of(value, &["kind", "choice", "text", "turn", "at_ms"])?;
    let at_ms = whole(f.need("at_ms")?, 0, i64::MAX)? as u64;
    let turn = |f: &Fields| whole(f.need("turn")?, 0, i64::from(u32::MAX)).map(|t| t as usize);
    Ok(match word(f.need("kind")?, &KINDS)? {
        0 => Action::Reply {
            choice: whole(f.need("choice")?, 0, i64::from(u32::MAX))? as usize,
            turn: turn(&f)?,
            at_ms,
        },
        1 => Action::Say {
            text: string(f.need("text")?)?,
            turn: turn(&f)?,
            at_ms,
        },
        2 => Action::Backchannel { at_ms },
        _ => Action::RestartFrom {
            turn: turn(&f)?,
            at_ms,
        },
    })
}

/// FNV-1a, 64 bits: a scenario file's fingerprint (not a defence against tampering, only
/// a way to tell an edited file from the one a conversation was saved with).
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
