//! What the conversation screen shows, decided in the core: native tests of `PlayView`.
#![cfg(not(target_arch = "wasm32"))]

use attune::engine::{Action, Session, Speaker};
use attune::scenario::{self, Scenario};
use attune::view::{Mode, PlayView};

fn mini() -> Scenario {
    scenario::parse("minimal.toml", include_str!("data/minimal.toml")).unwrap()
}

fn index_of(s: &Scenario, session: &Session, text: &str) -> usize {
    session
        .choices(s)
        .iter()
        .find(|(_, c)| c.text == text)
        .unwrap()
        .0
}

/// The session after tapping the reply on offer whose text is `text`, as reply `turn`.
fn tap(s: &Scenario, session: &Session, text: &str, turn: usize, at_ms: u64) -> Session {
    let choice = index_of(s, session, text);
    session
        .apply(
            s,
            &Action::Reply {
                choice,
                turn,
                at_ms,
            },
        )
        .unwrap()
}

#[test]
fn the_screen_shows_lines_as_they_begin_and_the_replies_on_offer() {
    let s = mini();
    let session = Session::new(&s, 7, 0);
    let (view, ev) = {
        let (next, ev) = session.step(&s, &Action::Tick { at_ms: 1_000 }).unwrap();
        (PlayView::of(&s, &next, Mode::Coach, &ev), ev)
    };
    assert!(ev.is_empty());
    let texts: Vec<&str> = view.said.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts, ["First sentence."], "the second line has not begun");
    assert!(view.speaking && view.open && !view.ended);
    assert_eq!(view.mood, "Pat seems upset and guarded.");
    // The replies on offer, in the session's order, named by their index in the beat.
    let offered: Vec<(usize, String)> = session
        .choices(&s)
        .into_iter()
        .map(|(i, c)| (i, c.text.clone()))
        .collect();
    assert_eq!(view.replies, offered);
    assert_eq!(view.turn, 0);
    // Lines the author timed may not be skipped.
    assert_eq!(view.skip_to, None);
}

#[test]
fn coach_notes_show_in_coach_mode_only_and_a_typed_reply_says_what_it_was_heard_as() {
    let s = mini();
    let session = Session::new(&s, 7, 0);
    let cut = session
        .apply(
            &s,
            &Action::Reply {
                choice: index_of(&s, &session, "Go on."),
                turn: 0,
                at_ms: 3_000,
            },
        )
        .unwrap()
        .apply(&s, &Action::Tick { at_ms: 6_000 })
        .unwrap();
    let typed = cut
        .apply(
            &s,
            &Action::Say {
                text: "Bye then, I have to go.".into(),
                turn: 1,
                at_ms: 7_000,
            },
        )
        .unwrap();
    assert!(typed.ended().is_some());
    let coach = PlayView::of(&s, &typed, Mode::Coach, &[]);
    let trainee: Vec<_> = coach
        .said
        .iter()
        .filter(|u| u.speaker == Speaker::Trainee)
        .collect();
    assert_eq!(trainee.len(), 2);
    // The tapped reply cut in: marked, with a note, and not "heard as" anything.
    assert_eq!(trainee[0].note, Some("(you cut in)"));
    assert!(trainee[0].coach.is_some() && trainee[0].heard_as.is_none());
    // The line it cut off is marked too.
    assert!(coach
        .said
        .iter()
        .any(|u| u.speaker == Speaker::Partner && u.note == Some("(cut off)")));
    // The typed one says what it was taken as.
    assert_eq!(
        trainee[1].heard_as.as_deref(),
        Some("Heard as: \u{201c}Bye.\u{201d}")
    );
    // Assessment mode waits for the end: no notes.
    let assess = PlayView::of(&s, &typed, Mode::Assessment, &[]);
    assert!(assess.said.iter().all(|u| u.coach.is_none()));
    assert!(assess.ended && assess.replies.is_empty() && !assess.speaking);
}

#[test]
fn right_after_a_reply_the_new_replies_are_inert_and_the_face_says_how_it_landed() {
    let s = mini();
    let session = Session::new(&s, 7, 0);
    let action = Action::Reply {
        choice: index_of(&s, &session, "Whatever."),
        turn: 0,
        at_ms: 6_000,
    };
    let (next, ev) = session.step(&s, &action).unwrap();
    let view = PlayView::of(&s, &next, Mode::Coach, &ev);
    assert!(!view.open, "inert for a moment against a repeated tap");
    assert_eq!(view.turn, 1);
    assert_eq!(view.landing, Some(attune::face::Landing::Colder));
    let before = PlayView::of(&s, &session, Mode::Coach, &[]);
    assert!(view.face.mouth_middle < before.face.mouth_middle);
}

#[test]
fn a_stronger_reply_is_offered_only_among_the_replies_on_offer_at_that_moment() {
    // The reply that needs the point heard is the author's best.
    let text = include_str!("data/minimal.toml").replace(
        "  when = \"heard point\"\n",
        "  when = \"heard point\"\n  quality = \"best\"\n",
    );
    let s = scenario::parse("best.toml", &text).unwrap();
    let bye_after = |go_on_at: u64| {
        let start = Session::new(&s, 7, 0);
        let mid = start
            .apply(
                &s,
                &Action::Reply {
                    choice: index_of(&s, &start, "Go on."),
                    turn: 0,
                    at_ms: go_on_at,
                },
            )
            .unwrap()
            .apply(&s, &Action::Tick { at_ms: 20_000 })
            .unwrap();
        mid.apply(
            &s,
            &Action::Reply {
                choice: index_of(&s, &mid, "Bye."),
                turn: 1,
                at_ms: 21_000,
            },
        )
        .unwrap()
    };
    // Heard out: the best reply was there to give, so it is shown.
    let heard = bye_after(6_000);
    assert_eq!(
        attune::debrief::stronger_reply(&s, &heard, 1).map(|c| c.text.as_str()),
        Some("You said something mattered.")
    );
    assert_eq!(heard.offered_at(&s, 1).len(), 2);
    // Cut off before the point: that reply was never on offer, so nothing is shown.
    let cut = bye_after(2_500);
    assert_eq!(cut.offered_at(&s, 1).len(), 1);
    assert_eq!(attune::debrief::stronger_reply(&s, &cut, 1), None);
}

#[test]
fn what_to_read_aloud_when_to_stop_and_whether_to_follow_come_from_what_happened() {
    use attune::view::Follow;
    let s = mini();
    let view_after = |session: &Session, action: Action| {
        let (next, ev) = session.step(&s, &action).unwrap();
        (PlayView::of(&s, &next, Mode::Coach, &ev), next)
    };
    // Beginning: the first line is read, and shown whatever the scroll.
    let (begun, session) = view_after(&Session::new(&s, 7, 0), Action::Start { seed: 7, at_ms: 0 });
    assert_eq!(begun.say.as_deref(), Some("First sentence."));
    assert!(begun.hush);
    assert_eq!(begun.follow, Follow::Always);
    // Time passing with nothing new: nothing to say, stop or show.
    let (quiet, session) = view_after(&session, Action::Tick { at_ms: 1_000 });
    assert_eq!(
        (quiet.say, quiet.hush, quiet.follow),
        (None, false, Follow::No)
    );
    // Their next line: read, and shown unless the trainee is rereading.
    let (next_line, session) = view_after(&session, Action::Tick { at_ms: 2_000 });
    assert_eq!(next_line.say.as_deref(), Some("The part that matters."));
    assert_eq!(next_line.follow, Follow::IfFollowing);
    // A back-channel: the face moves again, nothing else.
    let (mm, session) = view_after(&session, Action::Backchannel { at_ms: 2_500 });
    assert_eq!((mm.moment, mm.follow), (next_line.moment + 1, Follow::No));
    // A reply not understood: their question is read out, and shown.
    let said = Action::Say {
        text: "asdf qwer zxcv".into(),
        turn: 0,
        at_ms: 6_000,
    };
    let (asked, _) = view_after(&session, said);
    assert_eq!(
        asked.say.as_deref(),
        Some(attune::engine::WHAT_DO_YOU_MEAN[0])
    );
    assert!(asked.hush);
    assert_eq!(asked.follow, Follow::Always);
}

#[test]
fn the_debrief_says_what_each_reply_did_with_notes_for_tapped_replies_only() {
    use attune::debrief::DebriefView;
    // The author's best reply needs the point heard; "Bye." carries a note.
    let text = include_str!("data/minimal.toml")
        .replace(
            "  when = \"heard point\"\n",
            "  when = \"heard point\"\n  quality = \"best\"\n",
        )
        .replace(
            "  text = \"Bye.\"\n  goto = \"bad\"\n",
            "  text = \"Bye.\"\n  goto = \"bad\"\n  feedback = \"Leaving now ends it.\"\n",
        );
    let s = scenario::parse("debrief.toml", &text).unwrap();
    let start = Session::new(&s, 7, 0);
    assert_eq!(DebriefView::of(&s, &start), None, "not over yet");
    let mid = tap(&s, &start, "Go on.", 0, 6_000)
        .apply(&s, &Action::Tick { at_ms: 20_000 })
        .unwrap();
    let tapped = tap(&s, &mid, "Bye.", 1, 21_000);
    let view = DebriefView::of(&s, &tapped).expect("ended");
    assert_eq!(&view.ending.id, tapped.ended().unwrap());
    assert_eq!(view.replies.len(), 2);
    let bye = &view.replies[1];
    assert_eq!(bye.note, Some("Leaving now ends it."));
    assert_eq!(bye.stronger, Some("You said something mattered."));
    // The parts put the reply's words back together.
    let joined: String = bye.parts.iter().map(|(t, _)| *t).collect();
    assert_eq!(joined, "Bye.");
    assert_eq!(view.score, attune::debrief::score(&tapped.turns));
    assert!(
        view.ratio.ends_with("no questions") || view.ratio.contains(" : 1 ("),
        "{}",
        view.ratio
    );
    // Typed in one's own words: the author's note on the reply it was taken as is not shown.
    let typed = mid
        .apply(
            &s,
            &Action::Say {
                text: "Bye.".into(),
                turn: 1,
                at_ms: 21_000,
            },
        )
        .unwrap();
    let view = DebriefView::of(&s, &typed).expect("ended");
    assert!(view.replies[1].turn.typed);
    assert_eq!(view.replies[1].note, None);
    // The best reply given is not offered as a stronger one.
    let best = tap(&s, &mid, "You said something mattered.", 1, 21_000)
        .apply(&s, &Action::Tick { at_ms: 60_000 })
        .unwrap();
    let view = DebriefView::of(&s, &best).expect("ended well");
    assert_eq!(view.ending.id, "good");
    assert_eq!(view.replies[1].stronger, None);
}

#[test]
fn a_reply_is_cut_into_marked_parts_keeping_the_first_of_overlapping_spans() {
    use attune::analyzer::{analyze, Input, SignalId};
    use attune::debrief::marked;
    let text = "That sounds exhausting. What happened next?";
    let a = analyze(&Input {
        said: "I waited all week and nobody called.",
        earlier: "",
        reply: text,
        elapsed_ms: None,
        speech_ms: None,
    });
    assert!(a.has(SignalId::OpenQuestion), "{:?}", a.signals);
    let parts = marked(text, &a.signals);
    let joined: String = parts.iter().map(|(t, _)| *t).collect();
    assert_eq!(joined, text);
    assert!(parts
        .iter()
        .any(|(t, m)| t.contains("What happened next") && m.is_some_and(|m| m.helped)));
    // Spans out of the text, reversed or off a character boundary are ignored.
    let mut bad = a.signals.clone();
    for (i, s) in bad.iter_mut().enumerate() {
        s.span = Some(match i % 3 {
            0 => (5, 500),
            1 => (9, 3),
            _ => (0, 0),
        });
    }
    assert_eq!(marked(text, &bad), [(text, None)]);
    let emoji = "ok \u{1f642} fine";
    let mut off = a.signals.clone();
    off.truncate(1);
    off[0].span = Some((4, 6));
    assert_eq!(marked(emoji, &off), [(emoji, None)]);
}

#[test]
fn narration_shows_without_a_name_and_is_not_read_aloud_and_a_second_speaker_shows_theirs() {
    let s = scenario::parse("narration.toml", include_str!("data/narration.toml")).unwrap();
    let (session, ev) = Session::new(&s, 3, 0)
        .step(&s, &Action::Start { seed: 3, at_ms: 0 })
        .unwrap();
    let view = PlayView::of(&s, &session, Mode::Coach, &ev);
    // The opening line is narration: shown, without a name, and not for the voice.
    assert_eq!(view.said.len(), 1);
    assert_eq!(view.said[0].speaker, Speaker::Narration);
    assert_eq!(view.said[0].who, "");
    assert_eq!(view.say, None);
    assert!(view.speaking, "Ines is about to speak");
    let (next, ev) = session.step(&s, &Action::Tick { at_ms: 2_000 }).unwrap();
    let view = PlayView::of(&s, &next, Mode::Coach, &ev);
    assert_eq!(view.say.as_deref(), Some("These are all from my brother."));
    assert_eq!(view.said[1].who, "Ines");
    let (next, ev) = next.step(&s, &Action::Tick { at_ms: 4_000 }).unwrap();
    let view = PlayView::of(&s, &next, Mode::Coach, &ev);
    assert_eq!(view.said[2].who, "Her neighbour");
    assert_eq!(view.say.as_deref(), Some("She never opened half of them."));
    // The closing narration begins: nothing new to read aloud, nothing hushed, and the
    // floor is the trainee's.
    let (next, ev) = next.step(&s, &Action::Tick { at_ms: 6_500 }).unwrap();
    let view = PlayView::of(&s, &next, Mode::Coach, &ev);
    assert_eq!(view.said[3].speaker, Speaker::Narration);
    assert_eq!(
        (view.say.as_deref(), view.hush, view.speaking),
        (None, false, false)
    );
    let after = tap(&s, &next, "You kept every one of his letters.", 0, 7_000);
    let view = PlayView::of(&s, &after, Mode::Coach, &[]);
    assert_eq!(view.said[4].who, "You");
}
