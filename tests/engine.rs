//! The engine on a small scenario: timing, interruptions, memory, restarts and errors.
#![cfg(not(target_arch = "wasm32"))]

use attune::engine::{Action, EngineError, Event, Position, Session, Speaker, SESSION_VERSION};
use attune::scenario::{self, Scenario};

fn mini() -> Scenario {
    scenario::parse("minimal.toml", include_str!("data/minimal.toml")).unwrap()
}

fn reply_with(
    s: &Scenario,
    session: &Session,
    text: &str,
    at_ms: u64,
) -> Result<Session, EngineError> {
    session.apply(
        s,
        &Action::Reply {
            choice: index_of(s, session, text),
            turn: session.turns.len(),
            at_ms,
        },
    )
}

/// The index in the current beat of the reply with this text.
fn index_of(s: &Scenario, session: &Session, text: &str) -> usize {
    let beat = session.beat(s).expect("a beat");
    beat.choices
        .iter()
        .position(|c| c.text == text)
        .expect("a reply with that text")
}

fn beat_id(session: &Session) -> &str {
    match &session.position {
        Position::Beat { id, .. } => id.as_str(),
        Position::Ended { ending, .. } => ending.as_str(),
    }
}

#[test]
fn replying_after_they_finish_is_not_an_interruption() {
    let s = mini();
    let session = Session::new(&s, 1, 1_000);
    // The two lines take 2000 + 3000 ms.
    let after = reply_with(&s, &session, "Go on.", 6_000).unwrap();
    assert_eq!(after.partner.interruptions, 0);
    assert!(!after.turns[0].interrupted);
    assert!(after.partner.heard.contains(&"point".into()));
    assert_eq!(beat_id(&after), "b");
    assert_eq!(after.partner.trust, 60);
}

#[test]
fn replying_while_they_speak_is_an_interruption_and_they_lose_the_point() {
    let s = mini();
    let session = Session::new(&s, 1, 1_000);
    let cut = reply_with(&s, &session, "Go on.", 3_500).unwrap();
    assert_eq!(cut.partner.interruptions, 1);
    assert!(cut.turns[0].interrupted);
    assert_eq!(cut.turns[0].missed.iter().collect::<Vec<_>>(), ["point"]);
    assert!(!cut.partner.heard.contains(&"point".into()));
    // The route for interruptions was taken, and the default interruption cost applied.
    assert_eq!(beat_id(&cut), "cut");
    assert_eq!(cut.partner.trust, 50 - 5 + 10);
    assert_eq!(cut.partner.agitation, 55);
    // "cut" has no replies: time passing moves on to "b", where the point was never heard,
    // so the reply that needs it is not offered.
    let later = cut
        .apply(
            &s,
            &Action::Tick {
                at_ms: 3_500 + 1_500,
            },
        )
        .unwrap();
    assert_eq!(beat_id(&later), "b");
    let offered: Vec<&str> = later
        .choices(&s)
        .iter()
        .map(|(_, c)| c.text.as_str())
        .collect();
    assert_eq!(offered, vec!["Bye."]);
    // The transcript shows the cut-off line, the reply that cut in, and the beat passed through.
    let said: Vec<(Speaker, &str, bool)> = later
        .transcript
        .iter()
        .map(|u| (u.speaker, u.text.as_str(), u.overlapped))
        .collect();
    assert_eq!(
        said,
        vec![
            (Speaker::Partner, "First sentence.", false),
            (Speaker::Partner, "The part that matters.", true),
            (Speaker::Trainee, "Go on.", true),
            (Speaker::Partner, "I wasn't finished.", false),
        ]
    );
}

#[test]
fn a_backchannel_is_not_an_interruption() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    let s1 = session
        .apply(&s, &Action::Backchannel { at_ms: 1_000 })
        .unwrap();
    let s2 = s1.apply(&s, &Action::Backchannel { at_ms: 2_500 }).unwrap();
    assert_eq!(s2.partner.interruptions, 0);
    assert_eq!(s2.partner.backchannels, 2);
    assert_eq!(beat_id(&s2), "a", "a back-channel does not take the floor");
    // Trust rises once per beat, not per "mm-hm".
    assert_eq!(s2.partner.trust, 51);
    // After they finish, a back-channel is not counted.
    let s3 = s2.apply(&s, &Action::Backchannel { at_ms: 9_000 }).unwrap();
    assert_eq!(s3.partner.backchannels, 2);
}

#[test]
fn a_slight_is_remembered_and_softens_later_warmth() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    let hurt = reply_with(&s, &session, "Whatever.", 5_000).unwrap();
    assert_eq!(hurt.partner.slights, 1);
    assert!(hurt.partner.memories.contains(&"brushed".into()));
    assert_eq!(hurt.partner.trust, 40);
    // The memory changes what they say next.
    let lines: Vec<&str> = hurt.lines(&s).iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, vec!["So? Since you don't care."]);
    // +20 trust lands as 20 * 2 / (2 + 1) = 13.
    let warm = reply_with(&s, &hurt, "You said something mattered.", 7_000).unwrap();
    assert_eq!(warm.partner.trust, 53);
    assert_eq!(warm.ended().map(|e| e.as_str()), Some("good"));
}

#[test]
fn routes_depend_on_state_after_the_reply() {
    let s = mini();
    let at_b = reply_with(&s, &Session::new(&s, 1, 0), "Go on.", 5_000).unwrap();
    assert_eq!(at_b.partner.trust, 60);
    // "Bye." leads to "bad", unless trust >= 60 after the reply.
    assert_eq!(
        reply_with(&s, &at_b, "Bye.", 7_000)
            .unwrap()
            .ended()
            .map(|e| e.as_str()),
        Some("good")
    );
    let low = reply_with(&s, &Session::new(&s, 1, 0), "Whatever.", 5_000).unwrap();
    assert_eq!(
        reply_with(&s, &low, "Bye.", 7_000)
            .unwrap()
            .ended()
            .map(|e| e.as_str()),
        Some("bad")
    );
}

#[test]
fn the_same_seed_and_actions_replay_exactly() {
    let s = mini();
    let play = |seed| {
        let a = Session::new(&s, seed, 0);
        let b = a.apply(&s, &Action::Backchannel { at_ms: 1_000 }).unwrap();
        reply_with(&s, &b, "Go on.", 4_000).unwrap()
    };
    assert_eq!(play(9), play(9));
    // The seed only shuffles the order replies are shown in.
    let orders: std::collections::BTreeSet<Vec<usize>> = (0..20)
        .map(|seed| {
            Session::new(&s, seed, 0)
                .choices(&s)
                .iter()
                .map(|(i, _)| *i)
                .collect()
        })
        .collect();
    assert_eq!(
        orders.len(),
        2,
        "both orders of two replies appear across seeds"
    );
}

#[test]
fn restart_from_a_reply_rewinds_and_replays() {
    let s = mini();
    let first = reply_with(&s, &Session::new(&s, 4, 0), "Whatever.", 5_000).unwrap();
    let done = reply_with(&s, &first, "Bye.", 7_000).unwrap();
    assert_eq!(done.ended().map(|e| e.as_str()), Some("bad"));
    // Back to before reply 0: the first beat again, as it was, heard anew from now.
    let again = done
        .apply(
            &s,
            &Action::RestartFrom {
                turn: 0,
                at_ms: 20_000,
            },
        )
        .unwrap();
    assert_eq!(beat_id(&again), "a");
    assert!(again.turns.is_empty());
    assert_eq!(again.partner.trust, 50);
    assert!(again.partner.memories.is_empty());
    assert!(again.speaking(&s));
    // Back to before reply 1: the slight is still remembered.
    let mid = done
        .apply(
            &s,
            &Action::RestartFrom {
                turn: 1,
                at_ms: 20_000,
            },
        )
        .unwrap();
    assert_eq!(beat_id(&mid), "b");
    assert_eq!(mid.turns.len(), 1);
    assert!(mid.partner.memories.contains(&"brushed".into()));
    // A better answer now leads somewhere else; restarting twice stays exact.
    let better = reply_with(&s, &mid, "You said something mattered.", 21_000).unwrap();
    assert_eq!(better.ended().map(|e| e.as_str()), Some("good"));
    let twice = better
        .apply(
            &s,
            &Action::RestartFrom {
                turn: 1,
                at_ms: 30_000,
            },
        )
        .unwrap();
    assert_eq!(twice.turns, mid.turns);
    assert_eq!(twice.partner, mid.partner);
    assert_eq!(
        done.apply(
            &s,
            &Action::RestartFrom {
                turn: 5,
                at_ms: 30_000
            }
        ),
        Err(EngineError::NoSuchTurn(5))
    );
}

#[test]
fn start_begins_again_with_a_new_seed() {
    let s = mini();
    let done = reply_with(&s, &Session::new(&s, 4, 0), "Go on.", 6_000).unwrap();
    let fresh = done
        .apply(
            &s,
            &Action::Start {
                seed: 77,
                at_ms: 100,
            },
        )
        .unwrap();
    assert_eq!(fresh, Session::new(&s, 77, 100));
}

#[test]
fn bad_actions_are_errors_not_panics() {
    let s = mini();
    let session = Session::new(&s, 1, 1_000);
    assert_eq!(
        session.apply(
            &s,
            &Action::Reply {
                choice: 9,
                turn: 0,
                at_ms: 2_000
            }
        ),
        Err(EngineError::NoSuchChoice(9))
    );
    assert_eq!(
        session.apply(&s, &Action::Tick { at_ms: 10 }),
        Err(EngineError::TimeWentBack {
            now: 10,
            last: 1_000
        })
    );
    let ended = reply_with(
        &s,
        &reply_with(&s, &session, "Go on.", 7_000).unwrap(),
        "Bye.",
        9_000,
    )
    .unwrap();
    assert!(ended.ended().is_some());
    assert_eq!(
        ended.apply(
            &s,
            &Action::Reply {
                choice: 0,
                turn: 2,
                at_ms: 10_000
            }
        ),
        Err(EngineError::Ended)
    );
    // A session from another scenario, or a future format, is refused with a reason.
    let mut other = session.clone();
    other.scenario_id = "someone-else".into();
    let err = other.apply(&s, &Action::Tick { at_ms: 2_000 }).unwrap_err();
    assert!(err
        .to_string()
        .contains("belongs to scenario `someone-else`"));
    let mut future = session.clone();
    future.version = SESSION_VERSION + 1;
    let err = future
        .apply(&s, &Action::Tick { at_ms: 2_000 })
        .unwrap_err();
    assert!(err.to_string().contains("saved in format"));
    // A save pointing at a beat the scenario no longer has.
    let mut stale = session.clone();
    stale.position = Position::Beat {
        id: "gone".into(),
        started_ms: 0,
        variant: None,
        backchanneled: false,
    };
    assert_eq!(
        stale.apply(&s, &Action::Tick { at_ms: 2_000 }),
        Err(EngineError::MissingBeat("gone".into()))
    );
}

#[test]
fn lines_default_to_a_conversational_pace() {
    let line = scenario::Line {
        text: "one two three four five six seven eight".into(),
        ms: None,
        key: None,
        speaker: None,
        narration: false,
    };
    assert_eq!(
        line.duration_ms(),
        8 * scenario::MS_PER_WORD + scenario::MS_PAUSE
    );
    let fixed = scenario::Line {
        ms: Some(1234),
        ..line
    };
    assert_eq!(fixed.duration_ms(), 1234);
}

#[test]
fn a_typed_reply_is_scored_and_routed_to_the_closest_authored_reply() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    // Warm, listening words follow the "Go on." path, and move the mood by their own scores.
    let warm = session
        .apply(
            &s,
            &Action::Say {
                turn: 0,
                text:
                    "Please go on, I'm listening. It sounds like something really matters to you."
                        .into(),
                at_ms: 6_000,
            },
        )
        .unwrap();
    let turn = warm.turns.last().unwrap();
    assert!(turn.typed);
    assert_eq!(turn.choice, 0, "routed to \"Go on.\"");
    assert!(
        turn.listening > 50
            && turn
                .signals
                .iter()
                .any(|x| x.id == attune::analyzer::SignalId::Reflection),
        "{turn:?}"
    );
    assert_eq!(beat_id(&warm), "b");
    let e = attune::engine::typed_effect(&attune::analyzer::Analysis {
        presence: turn.presence,
        listening: turn.listening,
        signals: vec![],
        parts: vec![],
    });
    assert_eq!(warm.partner.trust, 50 + e.trust);
    assert_eq!(
        warm.transcript.last().unwrap().text,
        "Please go on, I'm listening. It sounds like something really matters to you."
    );
    // Contempt follows "Whatever.", leaves its memory, and counts as a slight.
    let cold = session
        .apply(
            &s,
            &Action::Say {
                turn: 0,
                text: "Whatever, I don't care.".into(),
                at_ms: 6_000,
            },
        )
        .unwrap();
    let turn = cold.turns.last().unwrap();
    assert_eq!(turn.choice, 1, "routed to \"Whatever.\"");
    assert!(cold.partner.memories.contains(&"brushed".into()));
    assert_eq!(cold.partner.slights, 1);
    assert!(cold.partner.agitation > 50 && cold.partner.trust < 50);
}

#[test]
fn typed_replies_can_interrupt_and_cannot_be_empty() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    assert_eq!(
        session.apply(
            &s,
            &Action::Say {
                turn: 0,
                text: "   ".into(),
                at_ms: 6_000
            }
        ),
        Err(EngineError::EmptyReply)
    );
    // More than a reply may hold is refused whole, never cut short silently; the most
    // is taken (emoji count as one character each).
    let max = attune::analyzer::MAX_REPLY_CHARS;
    let say = |text: String| {
        session.apply(
            &s,
            &Action::Say {
                turn: 0,
                text,
                at_ms: 6_000,
            },
        )
    };
    assert_eq!(
        say("😀".repeat(max + 1)),
        Err(EngineError::TooLong { chars: max + 1 })
    );
    assert!(say(format!("I hear you. {}", "😀".repeat(max - 12))).is_ok());
    let cut = session
        .apply(
            &s,
            &Action::Say {
                turn: 0,
                text: "Okay so what do you want?".into(),
                at_ms: 1_000,
            },
        )
        .unwrap();
    assert!(cut.turns[0].interrupted);
    assert!(cut.turns[0]
        .signals
        .iter()
        .any(|x| x.id == attune::analyzer::SignalId::Interruption));
    assert_eq!(
        beat_id(&cut),
        "cut",
        "the interruption route is taken for typed replies too"
    );
}

#[test]
fn authored_replies_carry_analyzer_scores_unless_overridden() {
    let s = mini();
    let after = reply_with(&s, &Session::new(&s, 1, 0), "Whatever.", 6_000).unwrap();
    assert!(after.turns[0].presence < 50);
    let text = include_str!("data/minimal.toml").replace(
        "  text = \"Whatever.\"\n",
        "  text = \"Whatever.\"\n  score = { presence = 80, listening = 70 }\n",
    );
    let overridden = scenario::parse("minimal.toml", &text).unwrap();
    let after = reply_with(
        &overridden,
        &Session::new(&overridden, 1, 0),
        "Whatever.",
        6_000,
    )
    .unwrap();
    assert_eq!(
        (after.turns[0].presence, after.turns[0].listening),
        (80, 70)
    );
    // Cutting in still costs, by the interruption's weights.
    let cut = reply_with(
        &overridden,
        &Session::new(&overridden, 1, 0),
        "Whatever.",
        1_000,
    )
    .unwrap();
    let interruption = attune::analyzer::SignalId::Interruption;
    use attune::analyzer::Dimension;
    assert!(interruption.effect(Dimension::Listening) < 0);
    assert_eq!(
        i32::from(cut.turns[0].listening),
        70 + interruption.effect(Dimension::Listening)
    );
    assert_eq!(
        i32::from(cut.turns[0].presence),
        80 + interruption.effect(Dimension::Presence)
    );
}

#[test]
fn a_second_tap_never_answers_a_beat_the_trainee_did_not_see() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    let answered = reply_with(&s, &session, "Go on.", 6_000).unwrap();
    assert_eq!(beat_id(&answered), "b");
    // The same tap again names reply 0, which has been given: refused, whenever it comes.
    for at_ms in [6_100, 60_000] {
        assert_eq!(
            answered.apply(
                &s,
                &Action::Reply {
                    choice: 1,
                    turn: 0,
                    at_ms
                }
            ),
            Err(EngineError::Stale { turn: 0, given: 1 })
        );
    }
    // A tap on the new beat's replies 60 to 250 ms later is a repeated tap, not a choice,
    // typed or tapped; from half a second on it is a reply like any other.
    for after in [60, 250, 499] {
        assert_eq!(
            reply_with(&s, &answered, "Bye.", 6_000 + after),
            Err(EngineError::Repeated { after_ms: after })
        );
        assert_eq!(
            answered.apply(
                &s,
                &Action::Say {
                    text: "Bye then.".into(),
                    turn: 1,
                    at_ms: 6_000 + after
                }
            ),
            Err(EngineError::Repeated { after_ms: after })
        );
    }
    assert_eq!(answered.replies_open_ms(), 6_500);
    assert!(reply_with(&s, &answered, "Bye.", 6_500)
        .unwrap()
        .ended()
        .is_some());
    // The last reply tapped twice is refused as stale, not reported as "the conversation
    // has ended".
    let ended = reply_with(&s, &answered, "Bye.", 8_000).unwrap();
    assert!(matches!(
        ended.apply(
            &s,
            &Action::Reply {
                choice: 1,
                turn: 1,
                at_ms: 8_100
            }
        ),
        Err(EngineError::Stale { .. })
    ));
}

#[test]
fn restart_from_a_typed_reply_rewinds_to_it() {
    let s = mini();
    let typed = Session::new(&s, 1, 0)
        .apply(
            &s,
            &Action::Say {
                text: "Please go on, I'm listening.".into(),
                turn: 0,
                at_ms: 6_000,
            },
        )
        .unwrap();
    let done = reply_with(&s, &typed, "Bye.", 9_000).unwrap();
    assert!(done.ended().is_some());
    let again = done
        .apply(
            &s,
            &Action::RestartFrom {
                turn: 0,
                at_ms: 20_000,
            },
        )
        .unwrap();
    assert_eq!(beat_id(&again), "a");
    assert!(again.turns.is_empty());
    // Starting again puts new replies under the finger too.
    assert_eq!(
        reply_with(&s, &again, "Go on.", 20_200),
        Err(EngineError::Repeated { after_ms: 200 })
    );
}

#[test]
fn a_conversation_under_way_can_be_taken_up_again_and_only_then() {
    let s = mini();
    let fresh = Session::new(&s, 1, 0);
    // Nothing said yet: starting again loses nothing.
    assert!(!fresh.resumable(&s));
    let on = reply_with(&s, &fresh, "Go on.", 6_000).unwrap();
    assert!(on.resumable(&s));
    // Not for another scenario, nor one edited so that its beat is gone.
    let mut other = s.clone();
    other.id = "other".into();
    assert!(!on.resumable(&other));
    let mut edited = s.clone();
    for b in &mut edited.beats {
        b.id = format!("renamed-{}", b.id).into();
    }
    assert!(!on.resumable(&edited));
    // Nor once it has ended.
    let ended = reply_with(&s, &on, "Bye.", 20_000).unwrap();
    assert!(ended.ended().is_some());
    assert!(!ended.resumable(&s));
}

/// The events of one action.
fn events(s: &Scenario, session: &Session, action: Action) -> (Session, Vec<Event>) {
    session.step(s, &action).expect("the action applies")
}

#[test]
fn each_action_reports_what_happened_as_events() {
    let s = mini();
    let (session, ev) = events(
        &s,
        &Session::new(&s, 1, 0),
        Action::Start { seed: 1, at_ms: 0 },
    );
    assert_eq!(ev, [Event::Began, Event::LineBegan { index: 0 }]);
    // Time passing: the second line begins at 2 s, they finish at 5 s; a tick between
    // changes nothing anyone sees and reports nothing.
    let (session, ev) = events(&s, &session, Action::Tick { at_ms: 1_000 });
    assert!(ev.is_empty(), "{ev:?}");
    let (session, ev) = events(&s, &session, Action::Tick { at_ms: 2_000 });
    assert_eq!(ev, [Event::LineBegan { index: 1 }]);
    let (session, ev) = events(&s, &session, Action::Tick { at_ms: 5_000 });
    assert_eq!(ev, [Event::FinishedSpeaking]);
    // A reply: scored, their mood moves, the next beat begins at once.
    let index = index_of(&s, &session, "Whatever.");
    let reply = Action::Reply {
        choice: index,
        turn: 0,
        at_ms: 6_000,
    };
    let (session, ev) = events(&s, &session, reply);
    assert_eq!(
        ev,
        [
            Event::Replied { turn: 0 },
            Event::MoodMoved {
                agitation: 20,
                trust: -10
            },
            Event::LineBegan { index: 0 },
        ]
    );
    // Replies open again only after the guard against a repeated tap.
    let (session, ev) = events(&s, &session, Action::Tick { at_ms: 6_200 });
    assert!(ev.is_empty(), "{ev:?}");
    // A back-channel is heard; the trust it builds is lost to the slight just given.
    let (session, ev) = events(&s, &session, Action::Backchannel { at_ms: 6_400 });
    assert_eq!(ev, [Event::Backchanneled]);
    let (session, ev) = events(&s, &session, Action::Tick { at_ms: 6_600 });
    assert_eq!(ev, [Event::RepliesOpened]);
    let (session, ev) = events(&s, &session, Action::Tick { at_ms: 7_600 });
    assert_eq!(ev, [Event::FinishedSpeaking]);
    let bye = index_of(&s, &session, "Bye.");
    let (_, ev) = events(
        &s,
        &session,
        Action::Reply {
            choice: bye,
            turn: 1,
            at_ms: 8_000,
        },
    );
    assert_eq!(
        ev,
        [
            Event::Replied { turn: 1 },
            Event::Ended {
                ending: "bad".into()
            }
        ]
    );
}

#[test]
fn cutting_in_and_a_beat_that_moves_on_by_itself_are_reported() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    let go_on = index_of(&s, &session, "Go on.");
    let (cut, ev) = events(
        &s,
        &session,
        Action::Reply {
            choice: go_on,
            turn: 0,
            at_ms: 2_500,
        },
    );
    assert_eq!(ev[..2], [Event::Replied { turn: 0 }, Event::CutOff]);
    assert!(matches!(ev[2], Event::MoodMoved { .. }));
    assert_eq!(ev[3..], [Event::LineBegan { index: 0 }]);
    assert_eq!(beat_id(&cut), "cut");
    // "cut" has no replies and moves on to "b" when said: a new line begins there.
    let (b, ev) = events(&s, &cut, Action::Tick { at_ms: 4_100 });
    assert_eq!(beat_id(&b), "b");
    assert_eq!(ev, [Event::LineBegan { index: 0 }, Event::RepliesOpened]);
}

#[test]
fn time_passing_is_not_logged_and_restarts_still_land_where_the_reply_was_given() {
    let s = mini();
    let session = Session::new(&s, 1, 0);
    let go_on = index_of(&s, &session, "Go on.");
    let mut cut = session
        .apply(
            &s,
            &Action::Reply {
                choice: go_on,
                turn: 0,
                at_ms: 2_500,
            },
        )
        .unwrap();
    for t in 0..1_000 {
        cut = cut
            .apply(
                &s,
                &Action::Tick {
                    at_ms: 2_600 + t * 10,
                },
            )
            .unwrap();
    }
    assert_eq!(cut.log.len(), 1, "a tick is not an action to replay");
    assert_eq!(beat_id(&cut), "b");
    let done = reply_with(&s, &cut, "Bye.", 13_000).unwrap();
    // Back to the second reply: "cut" had moved on to "b" by then, with no tick logged.
    let again = done
        .apply(
            &s,
            &Action::RestartFrom {
                turn: 1,
                at_ms: 20_000,
            },
        )
        .unwrap();
    assert_eq!(beat_id(&again), "b");
    assert!(again
        .transcript
        .iter()
        .any(|u| u.text == "I wasn't finished."));
}

#[test]
fn a_typed_reply_not_understood_is_met_with_what_do_you_mean_and_moves_nothing_on() {
    let s = mini();
    let session = Session::new(&s, 1, 0)
        .apply(&s, &Action::Tick { at_ms: 6_000 })
        .unwrap();
    let say = |session: &Session, text: &str, at_ms: u64| {
        session
            .step(
                &s,
                &Action::Say {
                    text: text.into(),
                    turn: 0,
                    at_ms,
                },
            )
            .unwrap()
    };
    // Not words, another language, and English like nothing on offer: each is asked about.
    let mut now = 6_000;
    let mut asked = session.clone();
    for (i, text) in [
        "asdf qwer zxcv",
        "Lo siento, ¿qué pasó?",
        "Going down stairs.",
    ]
    .into_iter()
    .enumerate()
    {
        now += 1_000;
        let (next, ev) = say(&asked, text, now);
        assert_eq!(ev, [Event::NotUnderstood], "{text}");
        assert!(next.turns.is_empty(), "scored nothing: {text}");
        assert_eq!((beat_id(&next), &next.partner), ("a", &session.partner));
        assert_eq!(next.asides.len(), 2 * (i + 1));
        assert_eq!(next.asides[2 * i].1.text, text);
        assert_eq!(next.asides[2 * i].1.speaker, Speaker::Trainee);
        assert_eq!(
            next.asides[2 * i + 1].1.text,
            attune::engine::WHAT_DO_YOU_MEAN[i % attune::engine::WHAT_DO_YOU_MEAN.len()]
        );
        asked = next;
    }
    // A reply understood then goes on, and the exchange joins the conversation after
    // their lines and before the reply, marked as an aside.
    let (after, ev) = say(&asked, "Whatever, I don't care.", now + 1_000);
    assert!(ev.contains(&Event::Replied { turn: 0 }));
    assert!(after.asides.is_empty());
    let said: Vec<(&str, bool)> = after
        .transcript
        .iter()
        .map(|u| (u.text.as_str(), u.aside))
        .collect();
    assert_eq!(
        said[..2],
        [
            ("First sentence.", false),
            ("The part that matters.", false)
        ]
    );
    assert_eq!(said[2], ("asdf qwer zxcv", true));
    assert_eq!(said[8], ("Whatever, I don't care.", false));
    // Taking that reply back forgets the exchange too.
    let again = after
        .apply(
            &s,
            &Action::RestartFrom {
                turn: 0,
                at_ms: 30_000,
            },
        )
        .unwrap();
    assert!(again.asides.is_empty() && again.transcript.is_empty());
}

#[test]
fn the_trainee_may_skip_ahead_only_where_the_waiting_is_not_the_lesson() {
    // The minimal scenario times its lines: no skipping there.
    let s = mini();
    assert_eq!(Session::new(&s, 1, 0).skip_to(&s), None);
    // Lines at a conversational pace may be skipped, to the moment they end, and only
    // while they are being said.
    let text = include_str!("data/minimal.toml")
        .replace(", ms = 2000", "")
        .replace(", ms = 3000", "");
    let paced = attune::scenario::parse("paced.toml", &text).unwrap();
    let session = Session::new(&paced, 1, 1_000);
    let end = 1_000 + attune::engine::speech_ms(session.lines(&paced));
    assert_eq!(session.skip_to(&paced), Some(end));
    let (skipped, ev) = session.step(&paced, &Action::Tick { at_ms: end }).unwrap();
    assert_eq!(ev, [Event::LineBegan { index: 1 }, Event::FinishedSpeaking]);
    assert_eq!(skipped.skip_to(&paced), None);
    assert!(
        skipped.partner.heard.contains(&"point".into()),
        "skipping ahead hears them out"
    );
    // The physician's opening keeps real time.
    let physician = attune::builtin::scenarios()
        .into_iter()
        .find(|s| s.id == "interrupting-physician")
        .unwrap();
    assert_eq!(Session::new(&physician, 1, 0).skip_to(&physician), None);
}

#[test]
fn the_face_moves_visibly_between_a_dismissive_reply_and_a_good_one_and_shows_grief() {
    use attune::face::face;
    use attune::scenario::Feeling;
    for s in attune::builtin::scenarios() {
        let start = Session::new(&s, 3, 0);
        // The warmest and the coldest reply on offer first, by what the author says
        // they do.
        let warmth = |c: &attune::scenario::Choice| c.effect.trust - c.effect.agitation;
        let offered = start.choices(&s);
        let after = |warmest: bool| {
            let (i, _) = offered
                .iter()
                .copied()
                .max_by_key(|(_, c)| if warmest { warmth(c) } else { -warmth(c) })
                .unwrap();
            let next = start
                .apply(
                    &s,
                    &Action::Reply {
                        choice: i,
                        turn: 0,
                        at_ms: 60_000,
                    },
                )
                .unwrap();
            let feeling = next.feeling(&s);
            (
                face(next.partner.agitation, next.partner.trust, feeling),
                feeling,
            )
        };
        let ((good, felt), (poor, felt_poor)) = (after(true), after(false));
        if felt == felt_poor {
            // Four units of a 64-unit face: the mouth visibly turns.
            assert!(
                good.mouth_middle - poor.mouth_middle >= 4.0,
                "{}: {good:?} against {poor:?}",
                s.id
            );
        } else {
            // A good reply that lets a feeling show (his fear) changes the face as much.
            let moved = (good.brow_inner - poor.brow_inner).abs()
                + (good.mouth_middle - poor.mouth_middle).abs()
                + (good.mouth_open - poor.mouth_open).abs()
                + (good.eye - poor.eye).abs();
            assert!(moved >= 4.0, "{}: {good:?} against {poor:?}", s.id);
        }
    }
    // The widow's face at the news of her husband is sad, not angry.
    let coffee = attune::builtin::scenarios()
        .into_iter()
        .find(|s| s.id == "coffee-regular")
        .unwrap();
    assert_eq!(
        coffee.beat(&"garden".into()).unwrap().feeling,
        Some(Feeling::Sad)
    );
}

#[test]
fn a_back_channel_shows_as_the_trainees_own_mm_hm_where_it_was_said() {
    let s = mini();
    let (heard, ev) = Session::new(&s, 1, 0)
        .step(&s, &Action::Backchannel { at_ms: 500 })
        .unwrap();
    assert!(ev.contains(&Event::Backchanneled) && !ev.contains(&Event::NotUnderstood));
    let shown = |session: &Session| -> Vec<(String, bool)> {
        session
            .said_in_beat(&s, session.lines_started(&s))
            .into_iter()
            .map(|u| (u.text, u.aside))
            .collect()
    };
    let mm = (attune::engine::BACKCHANNEL_TEXT.to_string(), true);
    let first = ("First sentence.".to_string(), false);
    assert_eq!(shown(&heard), [first.clone(), mm.clone()]);
    // The next line comes after it, and a reply keeps that order in the conversation.
    let later = heard.apply(&s, &Action::Tick { at_ms: 2_500 }).unwrap();
    let second = ("The part that matters.".to_string(), false);
    assert_eq!(shown(&later), [first.clone(), mm.clone(), second.clone()]);
    let replied = reply_with(&s, &later, "Go on.", 6_000).unwrap();
    let said: Vec<(String, bool)> = replied
        .transcript
        .iter()
        .map(|u| (u.text.clone(), u.aside))
        .collect();
    assert_eq!(said, [first, mm, second, ("Go on.".to_string(), false)]);
    assert!(replied.asides.is_empty());
    // Once they have finished, a back-channel is not one: nothing is shown.
    let quiet = replied
        .apply(&s, &Action::Tick { at_ms: 9_000 })
        .unwrap()
        .apply(&s, &Action::Backchannel { at_ms: 9_100 })
        .unwrap();
    assert!(quiet.asides.is_empty());
}

/// A reply that waits for a line of this beat joins the end of the list when the line
/// has been heard: the replies already on offer keep their places.
#[test]
fn a_reply_that_becomes_available_mid_speech_joins_the_end() {
    let text = include_str!("data/minimal.toml").replacen(
        "  [[beat.choice]]\n  text = \"Whatever.\"",
        "  [[beat.choice]]\n  text = \"So that part is what matters to you.\"\n  when = \"heard point\"\n  goto = \"b\"\n\n  [[beat.choice]]\n  text = \"Whatever.\"",
        1,
    );
    let s = scenario::parse("mid.toml", &text).unwrap();
    let texts = |session: &Session| -> Vec<String> {
        session
            .choices(&s)
            .iter()
            .map(|(_, c)| c.text.clone())
            .collect()
    };
    for seed in 0..40 {
        let start = Session::new(&s, seed, 0);
        // Mid-way through the first line: two replies.
        let early = start.apply(&s, &Action::Tick { at_ms: 1_000 }).unwrap();
        let before = texts(&early);
        assert_eq!(before.len(), 2, "seed {seed}");
        // The key line said to the end: the third joins at the end.
        let late = early.apply(&s, &Action::Tick { at_ms: 6_000 }).unwrap();
        let after = texts(&late);
        assert_eq!(after.len(), 3, "seed {seed}");
        assert_eq!(&after[..2], &before[..], "seed {seed}");
        assert_eq!(after[2], "So that part is what matters to you.");
    }
}

/// A route can ask about the conversation's scores so far, counting the reply being
/// routed, and about alternatives joined by `or`.
#[test]
fn routes_can_ask_about_the_scores_so_far_and_alternatives() {
    let with = |score: &str, when: &str| {
        let text = include_str!("data/minimal.toml").replace(
            "  effect = { trust = 10 }\n    [[beat.choice.route]]\n    when = \"interrupted\"\n    goto = \"cut\"\n",
            &format!("  effect = {{ trust = 10 }}\n  score = {score}\n    [[beat.choice.route]]\n    when = \"interrupted\"\n    goto = \"cut\"\n    [[beat.choice.route]]\n    when = \"{when}\"\n    goto = \"good\"\n"),
        );
        assert_ne!(text, include_str!("data/minimal.toml"));
        let s = scenario::parse("minimal.toml", &text).unwrap();
        let after = reply_with(&s, &Session::new(&s, 1, 0), "Go on.", 6_000).unwrap();
        beat_id(&after).to_string()
    };
    let good = "{ presence = 80, listening = 70 }";
    let poor = "{ presence = 40, listening = 30 }";
    // The reply being routed counts: its scores are the conversation's so far.
    assert_eq!(with(good, "listening >= 65 and presence >= 80"), "good");
    assert_eq!(with(poor, "listening >= 65 and presence >= 80"), "b");
    // `or`: either alternative will do; `and` binds first.
    assert_eq!(with(poor, "listening >= 65 or heard point"), "good");
    assert_eq!(with(poor, "listening >= 65 or remembers brushed"), "b");
    assert_eq!(
        with(poor, "listening >= 65 and heard point or presence < 50"),
        "good"
    );
}

/// An ending's last words can vary with how they got there, as a beat's can.
#[test]
fn an_ending_says_the_variant_whose_condition_holds_on_arrival() {
    let text = include_str!("data/minimal.toml").replace(
        "outcome = \"lost\"\ndebrief = \"It went badly.\"\n",
        "outcome = \"lost\"\nlines = [{ text = \"Fine. Bye.\", ms = 800 }]\ndebrief = \"It went badly.\"\n  [[ending.variant]]\n  when = \"remembers brushed or presence > 100\"\n  lines = [{ text = \"You never cared anyway.\", ms = 900 }]\n",
    );
    let s = scenario::parse("minimal.toml", &text).unwrap();
    let last_words = |first: &str, at_ms: u64| {
        let session = reply_with(&s, &Session::new(&s, 1, 0), first, at_ms).unwrap();
        let session = session.apply(&s, &Action::Tick { at_ms: 60_000 }).unwrap();
        let ended = reply_with(&s, &session, "Bye.", 61_000).unwrap();
        assert_eq!(ended.ended().map(|e| e.as_str()), Some("bad"), "{first}");
        ended.transcript.last().unwrap().text.clone()
    };
    // Brushed off on the way: the variant.
    assert_eq!(last_words("Whatever.", 6_000), "You never cared anyway.");
    // Cut off on the way, not brushed off: the ending's own lines.
    assert_eq!(last_words("Go on.", 3_500), "Fine. Bye.");
}

/// A route taken adds its own effect and memories after the reply's, and its own
/// coaching note takes the place of the reply's.
#[test]
fn a_route_taken_carries_its_own_effect_memories_and_note() {
    let text = include_str!("data/minimal.toml").replace(
        "    when = \"interrupted\"\n    goto = \"cut\"\n",
        "    when = \"interrupted\"\n    goto = \"cut\"\n    effect = { trust = -15 }\n    remember = [\"cut-off\"]\n    feedback = \"You cut in before the part that mattered.\"\n",
    );
    let s = scenario::parse("minimal.toml", &text).unwrap();
    let report = attune::validate::check(&s);
    // The reply has no feedback of its own: the route's may be the TOML trap, so it is said.
    assert!(report
        .iter()
        .any(|f| f.severity == attune::validate::Severity::Warning
            && f.message.starts_with(
                "the reply has no `feedback` of its own, but its first route has one"
            )));
    let cut = reply_with(&s, &Session::new(&s, 1, 0), "Go on.", 3_500).unwrap();
    let waited = reply_with(&s, &Session::new(&s, 1, 0), "Go on.", 6_000).unwrap();
    assert_eq!(cut.turns[0].route, Some(0));
    assert_eq!(waited.turns[0].route, None);
    assert!(cut.partner.memories.contains(&"cut-off".into()));
    assert!(!waited.partner.memories.contains(&"cut-off".into()));
    // +10 from the reply, the interruption's own effect, then -15 from the route.
    let plain = scenario::parse("minimal.toml", include_str!("data/minimal.toml")).unwrap();
    let cut_plain = reply_with(&plain, &Session::new(&plain, 1, 0), "Go on.", 3_500).unwrap();
    assert_eq!(cut.partner.trust, cut_plain.partner.trust - 15);
    assert_eq!(
        attune::debrief::coach_note(&s, &cut.turns[0]),
        "You cut in before the part that mattered."
    );
    assert_ne!(
        attune::debrief::coach_note(&s, &waited.turns[0]),
        "You cut in before the part that mattered."
    );
}

fn kitchen() -> Scenario {
    scenario::parse("narration.toml", include_str!("data/narration.toml")).unwrap()
}

/// Who said each thing in the transcript, with the name of anyone but the partner, and
/// whether it was cut off.
fn said(session: &Session) -> Vec<(Speaker, Option<&str>, bool)> {
    session
        .transcript
        .iter()
        .map(|u| (u.speaker, u.who.as_deref(), u.overlapped))
        .collect()
}

#[test]
fn narration_after_the_last_spoken_line_is_not_speech() {
    let s = kitchen();
    // Narration 0-2000, Ines 2000-4000, her neighbour 4000-6000, narration 6000-8000.
    let session = Session::new(&s, 1, 1_000);
    let during = session.apply(&s, &Action::Tick { at_ms: 6_500 }).unwrap();
    assert!(during.speaking(&s), "her neighbour is speaking");
    let narrating = session.apply(&s, &Action::Tick { at_ms: 7_500 }).unwrap();
    assert!(!narrating.speaking(&s), "only narration is left");
    let after = reply_with(&s, &narrating, "You kept every one of his letters.", 7_500).unwrap();
    assert!(!after.turns[0].interrupted);
    assert_eq!(after.partner.interruptions, 0);
    assert_eq!(
        after.turns[0].speech_ms, 6_000,
        "speech ends with the last spoken line"
    );
    assert_eq!(
        said(&after)[..5],
        [
            (Speaker::Narration, None, false),
            (Speaker::Partner, None, false),
            (Speaker::Partner, Some("Her neighbour"), false),
            (Speaker::Narration, None, false),
            (Speaker::Trainee, None, false),
        ]
    );
    // The ending's narration closes the transcript.
    assert_eq!(
        after
            .transcript
            .last()
            .map(|u| (u.speaker, u.text.as_str())),
        Some((Speaker::Narration, "She puts the kettle on."))
    );
}

#[test]
fn cutting_off_a_second_speaker_is_an_interruption_and_cutting_into_narration_cuts_no_line() {
    let s = kitchen();
    let session = Session::new(&s, 1, 1_000);
    let cut = reply_with(&s, &session, "Can we talk about something else?", 6_000).unwrap();
    assert!(cut.turns[0].interrupted);
    assert_eq!(
        said(&cut)[..4],
        [
            (Speaker::Narration, None, false),
            (Speaker::Partner, None, false),
            (Speaker::Partner, Some("Her neighbour"), true),
            (Speaker::Trainee, None, true),
        ]
    );
    // Replying during the opening narration cuts in before anyone spoke: an interruption,
    // yet no line of theirs was cut off.
    let early = reply_with(&s, &session, "Can we talk about something else?", 2_000).unwrap();
    assert!(early.turns[0].interrupted);
    assert_eq!(
        said(&early)[..2],
        [
            (Speaker::Narration, None, false),
            (Speaker::Trainee, None, true)
        ]
    );
}

#[test]
fn the_analyzer_hears_what_was_said_not_the_narration() {
    let s = kitchen();
    let session = Session::new(&s, 1, 1_000);
    // Words only the narration has (the folder) are no reflection of what anyone said;
    // a reply on the spoken words is.
    let typed = |text: &str| reply_with(&s, &session, text, 9_500).unwrap();
    let reflects = |x: &Session| {
        x.turns[0]
            .signals
            .iter()
            .any(|g| g.id == attune::analyzer::SignalId::Reflection)
    };
    assert!(!reflects(&typed("You slid the folder over to me.")));
    assert!(reflects(&typed("You kept every one of his letters.")));
}
