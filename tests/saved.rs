//! Conversations kept on the device: saved as they go, taken up exactly where they were,
//! and refused with a reason when they cannot be.
#![cfg(not(target_arch = "wasm32"))]

use attune::builtin;
use attune::engine::{Action, Session};
use attune::saved::Saved;
use attune::scenario::{self, Scenario};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

fn mini() -> Scenario {
    scenario::parse("minimal.toml", include_str!("data/minimal.toml")).unwrap()
}

/// Saves and takes up again through the text, as the browser does.
fn round_trip(s: &Scenario, session: &Session) -> Result<Session, String> {
    let saved = Saved::of(s, session).expect("a conversation under way is kept");
    Saved::parse(&saved.to_text())?.restore(s)
}

/// A conversation with every kind of logged action, including a typed reply that needs
/// escaping, paused mid-line.
fn played(s: &Scenario) -> Session {
    let mut session = Session::new(s, u64::MAX - 7, 1_000);
    let whatever = session
        .choices(s)
        .iter()
        .find(|(_, c)| c.text == "Whatever.")
        .unwrap()
        .0;
    for a in [
        Action::Backchannel { at_ms: 1_500 },
        Action::Reply {
            choice: whatever,
            turn: 0,
            at_ms: 6_100,
        },
        Action::RestartFrom {
            turn: 0,
            at_ms: 7_000,
        },
        Action::Say {
            text: "You said \"the part\" matters;\nI'm listening. ünïcödé \\ ok".into(),
            turn: 0,
            at_ms: 13_000,
        },
        Action::Tick { at_ms: 13_400 },
    ] {
        session = session.apply(s, &a).unwrap();
    }
    session
}

#[test]
fn a_conversation_is_taken_up_exactly_where_it_was() {
    let s = mini();
    let session = played(&s);
    assert_eq!(session.turns.len(), 1);
    let back = round_trip(&s, &session).unwrap();
    assert_eq!(back, session);
    // It goes on from there as the original would.
    let next = Action::Tick { at_ms: 20_000 };
    assert_eq!(back.apply(&s, &next), session.apply(&s, &next));
}

#[test]
fn every_shipped_scenario_round_trips_at_every_reply_of_random_playthroughs() {
    for s in builtin::scenarios() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        for run in 0..6u64 {
            let mut session = Session::new(&s, run, 0);
            let mut now = 0;
            while session.ended().is_none() {
                now += rng.random_range(200..9_000);
                let choices = session.choices(&s);
                let action = if choices.is_empty() || rng.random_range(0..5) == 0 {
                    Action::Tick { at_ms: now }
                } else {
                    let (choice, _) = choices[rng.random_range(0..choices.len())];
                    Action::Reply {
                        choice,
                        turn: session.turns.len(),
                        at_ms: now,
                    }
                };
                session = match session.apply(&s, &action) {
                    Ok(next) => next,
                    Err(_) => continue,
                };
                match Saved::of(&s, &session) {
                    Some(_) => {
                        assert_eq!(round_trip(&s, &session).as_ref(), Ok(&session), "{}", s.id)
                    }
                    None => assert!(session.turns.is_empty() || session.ended().is_some()),
                }
            }
        }
    }
}

#[test]
fn nothing_is_kept_before_the_first_reply_or_after_the_end() {
    let s = mini();
    let fresh = Session::new(&s, 1, 0);
    assert_eq!(Saved::of(&s, &fresh), None);
    let bye = |session: &Session| {
        session
            .choices(&s)
            .iter()
            .find(|(_, c)| c.text == "Bye.")
            .unwrap()
            .0
    };
    let mid = played(&s)
        .apply(&s, &Action::Tick { at_ms: 30_000 })
        .unwrap();
    let done = mid
        .apply(
            &s,
            &Action::Reply {
                choice: bye(&mid),
                turn: 1,
                at_ms: 31_000,
            },
        )
        .unwrap();
    assert!(done.ended().is_some());
    assert_eq!(Saved::of(&s, &done), None);
}

#[test]
fn an_edited_or_other_scenario_is_refused_with_a_reason() {
    let s = mini();
    let saved = Saved::of(&s, &played(&s)).unwrap();
    let edited_text = include_str!("data/minimal.toml").replace("So?", "Well?");
    let edited = scenario::parse("minimal.toml", &edited_text).unwrap();
    assert_eq!(
        saved.restore(&edited),
        Err("the scenario has changed since it was saved".into())
    );
    let other = builtin::scenarios().remove(0);
    assert!(saved
        .restore(&other)
        .unwrap_err()
        .contains("belongs to the scenario `mini`"));
    // Same file, but actions that no longer make sense.
    let mut broken = saved.clone();
    broken.actions.insert(
        0,
        Action::Reply {
            choice: 9,
            turn: 0,
            at_ms: 1_200,
        },
    );
    assert_eq!(
        broken.restore(&s),
        Err("it no longer replays (reply 9 is not on offer here)".into())
    );
}

#[test]
fn damaged_or_foreign_text_is_refused_with_a_reason_and_never_panics() {
    let s = mini();
    let text = Saved::of(&s, &played(&s)).unwrap().to_text();
    let cases = [
        ("", "it is damaged"),
        ("{\"json\": true}", "it is damaged"),
        (
            "version = 2",
            "format 2; this version of Attune reads format 1",
        ),
        (
            &text.replace("kind = \"say\"", "kind = \"shout\""),
            "`shout`",
        ),
        (&text.replace("replies = 1", "replies = -1"), "replies"),
        (
            &text.replace("seed = \"", "seed = \"x"),
            "written as a string",
        ),
        (&text.replace("now_ms", "later"), "unknown field `later`"),
    ];
    for (bad, expected) in cases {
        let why = Saved::parse(bad).unwrap_err();
        assert!(
            why.starts_with("it is damaged") && why.contains(expected),
            "{bad:?}: {why}"
        );
    }
    // Any cut of a good text is refused or read, never a panic.
    for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        if let Ok(saved) = Saved::parse(&text[..end]) {
            let _ = saved.restore(&s);
        }
    }
    let huge = "#".repeat(attune::saved::MAX_FILE_BYTES + 1);
    assert!(Saved::parse(&huge)
        .unwrap_err()
        .contains("may have at most"));
}

/// Two tabs on one scenario each keep their own conversation: after a reload a tab takes
/// up its own; a new tab takes up the one kept last; an unreadable one only when it is
/// the only one.
#[test]
fn a_tab_takes_up_its_own_conversation_else_the_one_kept_last() {
    use attune::saved::pick;
    let kept = |v: &[(&str, Option<u64>)]| -> Vec<(String, Option<u64>)> {
        v.iter().map(|(k, t)| (k.to_string(), *t)).collect()
    };
    let two = kept(&[("c.a", Some(100)), ("c.b", Some(200))]);
    assert_eq!(pick(Some("c.a"), &two), Some("c.a"));
    assert_eq!(pick(Some("c.b"), &two), Some("c.b"));
    assert_eq!(pick(None, &two), Some("c.b"));
    // A claim whose conversation is gone (ended in this tab) falls back to the last kept.
    assert_eq!(pick(Some("c.gone"), &two), Some("c.b"));
    // Unreadable, or from a build that did not say when: kept longest ago.
    let with_bad = kept(&[("c.x", None), ("c.a", Some(100))]);
    assert_eq!(pick(None, &with_bad), Some("c.a"));
    assert_eq!(pick(None, &kept(&[("c.x", None)])), Some("c.x"));
    assert_eq!(pick(None, &[]), None);
    // Ties are settled the same way whatever the order.
    let tie = kept(&[("c.b", Some(5)), ("c.a", Some(5))]);
    let tie2 = kept(&[("c.a", Some(5)), ("c.b", Some(5))]);
    assert_eq!(pick(None, &tie), pick(None, &tie2));
}

#[test]
fn when_it_was_kept_is_kept_and_older_text_without_it_still_reads() {
    let s = attune::builtin::read(0).unwrap();
    let mut session = attune::engine::Session::new(&s, 7, 0);
    let turn = session.turns.len();
    session = session
        .apply(&s, &attune::engine::Action::Tick { at_ms: 60_000 })
        .unwrap();
    let choice = session.choices(&s)[0].0;
    session = session
        .apply(
            &s,
            &attune::engine::Action::Reply {
                choice,
                turn,
                at_ms: 60_000,
            },
        )
        .unwrap();
    let mut saved = attune::saved::Saved::of(&s, &session).expect("under way");
    saved.saved_at = 1_763_000_000_000;
    let text = saved.to_text();
    assert_eq!(
        attune::saved::Saved::parse(&text).unwrap().saved_at,
        1_763_000_000_000
    );
    let older: String = text
        .lines()
        .filter(|l| !l.starts_with("saved_at"))
        .map(|l| format!("{l}\n"))
        .collect();
    let read = attune::saved::Saved::parse(&older).unwrap();
    assert_eq!(read.saved_at, 0);
    assert_eq!(read.restore(&s).unwrap(), session);
}
