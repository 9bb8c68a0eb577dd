//! Golden walkthroughs: every file in `tests/golden/` plays a shipped scenario
//! reply by reply and states what the other person says and how it ends.
//!
//! After an intended change to a scenario, run `ATTUNE_BLESS=1 cargo test --test golden`
//! to rewrite the expectations, then review the diff.
#![cfg(not(target_arch = "wasm32"))]

use attune::engine::{speech_ms, Action, Session};
use attune::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    /// What this walkthrough shows.
    about: String,
    scenario: String,
    seed: u64,
    #[serde(rename = "step")]
    steps: Vec<Step>,
    end: End,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    /// What the other person says in the beat, in order.
    #[serde(default)]
    says: Vec<String>,
    /// A back-channel this many ms after they begin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backchannel_ms: Option<u64>,
    /// Reply this many ms after they begin; by default, once they finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_ms: Option<u64>,
    /// The exact text of the reply to give.
    reply: String,
    /// Whether the reply took the floor before they finished.
    #[serde(default)]
    interrupted: bool,
    /// The reply's scores and the signals found in it.
    #[serde(default)]
    presence: u8,
    #[serde(default)]
    listening: u8,
    #[serde(default)]
    signals: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    ending: String,
    #[serde(default)]
    says: Vec<String>,
    agitation: i32,
    trust: i32,
    interruptions: u32,
    backchannels: u32,
    memories: Vec<String>,
    /// The conversation's scores: presence, listening, reflections, questions, and the
    /// four fundamentals in order.
    #[serde(default)]
    presence: u8,
    #[serde(default)]
    listening: u8,
    #[serde(default)]
    reflections: usize,
    #[serde(default)]
    questions: usize,
    #[serde(default)]
    fundamentals: Vec<u8>,
}

fn scenario(id: &str) -> Scenario {
    attune::builtin::scenarios()
        .into_iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no shipped scenario `{id}`"))
}

/// Each line as the transcript tells it: narration in brackets, someone else's line
/// after their name.
fn texts(lines: &[attune::scenario::Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| match (&l.speaker, l.narration) {
            (_, true) => format!("[{}]", l.text),
            (Some(who), _) => format!("{who}: {}", l.text),
            (None, false) => l.text.clone(),
        })
        .collect()
}

/// Moves past beats without replies, then returns when the other person began this beat.
fn settle(s: &Scenario, mut session: Session) -> Session {
    while let Some(b) = session.beat(s) {
        if !b.choices.is_empty() {
            break;
        }
        let at = session.now_ms + speech_ms(session.lines(s)).saturating_sub(session.elapsed_ms());
        session = session
            .apply(
                s,
                &Action::Tick {
                    at_ms: at.max(session.now_ms + 1),
                },
            )
            .unwrap();
    }
    session
}

/// Plays the walkthrough and returns what actually happened, in the file's shape.
fn play(file: &Path, g: &Golden, s: &Scenario) -> Result<Golden, String> {
    let mut session = Session::new(s, g.seed, 0);
    let mut steps = Vec::new();
    for (i, step) in g.steps.iter().enumerate() {
        session = settle(s, session);
        let Some(beat) = session.beat(s) else {
            return Err(format!(
                "{}: step {}: the conversation already ended",
                file.display(),
                i + 1
            ));
        };
        let beat_id = beat.id.clone();
        let says = texts(session.lines(s));
        let started = session.now_ms - session.elapsed_ms();
        if let Some(bc) = step.backchannel_ms {
            session = session
                .apply(
                    s,
                    &Action::Backchannel {
                        at_ms: started + bc,
                    },
                )
                .map_err(|e| e.to_string())?;
        }
        let at = started + step.at_ms.unwrap_or_else(|| speech_ms(session.lines(s)));
        session = session
            .apply(
                s,
                &Action::Tick {
                    at_ms: at.max(session.now_ms),
                },
            )
            .map_err(|e| e.to_string())?;
        let offered = session.choices(s);
        let Some((index, _)) = offered.iter().find(|(_, c)| c.text == step.reply) else {
            return Err(format!(
                "{}: step {} (beat `{beat_id}`): the reply is not on offer: {:?}\noffered: {:#?}",
                file.display(),
                i + 1,
                step.reply,
                offered.iter().map(|(_, c)| &c.text).collect::<Vec<_>>()
            ));
        };
        session = session
            .apply(
                s,
                &Action::Reply {
                    choice: *index,
                    turn: session.turns.len(),
                    at_ms: at.max(session.now_ms),
                },
            )
            .map_err(|e| e.to_string())?;
        // Every session survives saving and loading unchanged, mid-game too.
        let json = serde_json::to_string(&session).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            session,
            "session changed through JSON at step {}",
            i + 1
        );
        session = back;
        let turn = session.turns.last().expect("a reply was given");
        steps.push(Step {
            says,
            backchannel_ms: step.backchannel_ms,
            at_ms: step.at_ms,
            reply: step.reply.clone(),
            interrupted: turn.interrupted,
            presence: turn.presence,
            listening: turn.listening,
            signals: turn
                .signals
                .iter()
                .map(|s| s.id.name().to_string())
                .collect(),
        });
    }
    session = settle(s, session);
    let ending = session
        .ended()
        .map_or("(not ended)", |e| e.as_str())
        .to_string();
    let score = attune::debrief::score(&session.turns);
    Ok(Golden {
        about: g.about.clone(),
        scenario: g.scenario.clone(),
        seed: g.seed,
        steps,
        end: End {
            ending,
            says: texts(session.lines(s)),
            agitation: session.partner.agitation,
            trust: session.partner.trust,
            interruptions: session.partner.interruptions,
            backchannels: session.partner.backchannels,
            // A set: listed in order, whatever order the replies left them in.
            memories: {
                let mut m: Vec<String> =
                    session.partner.memories.iter().map(String::from).collect();
                m.sort();
                m
            },
            presence: score.presence,
            listening: score.listening,
            reflections: score.reflections,
            questions: score.questions,
            fundamentals: score.fundamentals.iter().map(|f| f.score).collect(),
        },
    })
}

fn golden_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn golden_walkthroughs() {
    let bless = std::env::var_os("ATTUNE_BLESS").is_some();
    let files = golden_files();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let g: Golden = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let s = scenario(&g.scenario);
        // Like ink's tests: once on the scenario as read, once after writing it out and reading it back.
        let rewritten = attune::scenario::parse("rewritten.toml", &toml::to_string(&s).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (label, sc) in [("as read", &s), ("rewritten", &rewritten)] {
            let actual = match play(file, &g, sc) {
                Ok(a) => a,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            if bless {
                std::fs::write(file, toml::to_string_pretty(&actual).unwrap()).unwrap();
                continue;
            }
            for (i, (want, got)) in g.steps.iter().zip(&actual.steps).enumerate() {
                let key = |s: &Step| {
                    (
                        s.says.clone(),
                        s.interrupted,
                        s.presence,
                        s.listening,
                        s.signals.clone(),
                    )
                };
                if key(want) != key(got) {
                    failures.push(format!(
                        "{} ({label}): step {}: expected {:#?}, got {:#?}",
                        file.display(),
                        i + 1,
                        key(want),
                        key(got)
                    ));
                }
            }
            if g.end != actual.end {
                failures.push(format!(
                    "{} ({label}): end differs\nexpected {:#?}\n     got {:#?}",
                    file.display(),
                    g.end,
                    actual.end
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every shipped scenario has at least one walkthrough reaching its best ending and one its worst.
    for s in attune::builtin::scenarios() {
        let outcomes: Vec<_> = files
            .iter()
            .map(|f| toml::from_str::<Golden>(&std::fs::read_to_string(f).unwrap()).unwrap())
            .filter(|g| s.id == g.scenario.as_str())
            .filter_map(|g| s.ending(&g.end.ending.as_str().into()).map(|e| e.outcome))
            .collect();
        let best = s.endings.iter().map(|e| e.outcome).min().unwrap();
        let worst = s.endings.iter().map(|e| e.outcome).max().unwrap();
        assert!(
            outcomes.contains(&best),
            "{}: no walkthrough reaches {best:?}",
            s.id
        );
        assert!(
            outcomes.contains(&worst),
            "{}: no walkthrough reaches {worst:?}",
            s.id
        );
        // The analyzer agrees with the authors over whole conversations: the strongest
        // path scores above the weakest.
        let end = |suffix: &str| -> End {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/golden/{}-{suffix}.toml", s.id));
            toml::from_str::<Golden>(&std::fs::read_to_string(path).unwrap())
                .unwrap()
                .end
        };
        let (strong, weak) = (end("best"), end("worst"));
        assert!(
            strong.presence > weak.presence
                && strong.presence + strong.listening > weak.presence + weak.listening + 10,
            "{}: best path {}/{}, worst path {}/{}",
            s.id,
            strong.presence,
            strong.listening,
            weak.presence,
            weak.listening
        );
    }
}
