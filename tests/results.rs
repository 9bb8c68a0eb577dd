//! Workshop results: the file an attendee hands in holds each attempt whole (ending,
//! scores, fundamentals, every line with when each reply was given and what it did), reads
//! back on the trainer's dashboard, and the dashboard counts each attempt once, keeps to
//! one workshop and names every file it refuses.
#![cfg(not(target_arch = "wasm32"))]

use attune::engine::{Action, Session};
use attune::results::{self, Results, Room};
use attune::scenario::{self, Scenario};
use attune::view::Mode;
use attune::workshop::Workshop;

fn mini() -> Scenario {
    scenario::parse("minimal.toml", include_str!("data/minimal.toml")).unwrap()
}

fn workshop(name: &str, pass_mark: Option<u8>) -> Workshop {
    Workshop {
        name: name.into(),
        scenarios: vec!["mini".into()],
        mode: Mode::Coach,
        typing: true,
        pass_mark,
    }
}

/// A playthrough with a back-channel, a reply taken back and given again in the
/// attendee's own words (with quotes and a line break), and a second reply that cuts in.
fn played(s: &Scenario, seed: u64) -> Session {
    let mut session = Session::new(s, seed, 1_000);
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
            text: "You said \"the part\" matters;\nwhat happened next?".into(),
            turn: 0,
            at_ms: 73_000,
        },
    ] {
        session = session.apply(s, &a).unwrap();
    }
    let choice = session.beat(s).unwrap().choices.len() - 1;
    session
        .apply(
            s,
            &Action::Reply {
                choice,
                turn: 1,
                at_ms: 74_000,
            },
        )
        .unwrap()
}

fn handed_in(name: &str, w: &Workshop, attempts: &[String]) -> String {
    results::file(
        name,
        &w.query(),
        &w.name,
        &attempts.concat(),
        1_795_966_800_000,
    )
}

#[test]
fn a_handed_in_file_holds_every_attempt_whole_and_reads_back() {
    let s = mini();
    let session = played(&s, u64::MAX - 3);
    assert!(session.ended().is_some(), "the playthrough ends");
    assert_eq!(
        results::attempt(&s, &Session::new(&s, 1, 0), 5),
        None,
        "a conversation under way is not an attempt"
    );
    let block = results::attempt(&s, &session, 1_795_966_860_000).unwrap();
    let w = workshop("Room 3 \u{2014} \"Tuesday\"", Some(60));
    let text = handed_in("Ana \"A\" O'Neil", &w, &[block]);
    assert!(text.contains("format = \"attune-results\"\nversion = 1\n"));
    assert!(text.contains("written = \"2026-11-29 15:40 UTC\""));
    assert!(text.contains("finished = \"2026-11-29 15:41 UTC\""));

    let r = Results::parse(&text).unwrap();
    assert_eq!(r.name, "Ana \"A\" O'Neil");
    assert_eq!(r.workshop, w);
    assert_eq!(r.id, w.id());
    assert_eq!(r.attempts.len(), 1);
    let a = &r.attempts[0];
    assert_eq!(a.scenario_id, "mini");
    assert_eq!(a.partner, "Pat");
    assert_eq!(&a.ending, session.ended().unwrap());
    assert_eq!(a.seed, u64::MAX - 3);
    assert_eq!(a.finished_ms, 1_795_966_860_000);
    let score = attune::debrief::score(&session.turns);
    assert_eq!((a.presence, a.listening), (score.presence, score.listening));
    assert_eq!(
        a.fundamentals.to_vec(),
        score
            .fundamentals
            .iter()
            .map(|f| f.score)
            .collect::<Vec<_>>()
    );
    assert_eq!(a.interruptions as usize, score.interruptions);

    // The whole conversation, in order: the back-channel before the restart was taken
    // back with the reply, so what stands is what was said the second time.
    let said: Vec<(bool, &str)> = a.lines.iter().map(|l| (l.you, l.text.as_str())).collect();
    assert_eq!(said.len(), session.transcript.len());
    assert_eq!(said[0], (false, "First sentence."));
    assert!(said.contains(&(true, "You said \"the part\" matters;\nwhat happened next?")));
    let replies: Vec<_> = a.replies().collect();
    assert_eq!(replies.len(), 2);
    // Given 72 s and 73 s after the conversation began (at 1 s).
    assert_eq!(replies[0].1.at, "1:12");
    assert_eq!(replies[1].1.at, "1:13");
    assert!(replies[0].1.typed);
    assert!(!replies[1].1.typed);
    assert_eq!(replies[0].1.presence, session.turns[0].presence);
    assert_eq!(
        replies[0].1.signals,
        session.turns[0]
            .signals
            .iter()
            .map(|s| s.id.name().to_string())
            .collect::<Vec<_>>()
    );
    assert!(
        replies[0].1.signals.iter().any(|s| s == "open_question"),
        "{:?}",
        replies[0].1.signals
    );
}

#[test]
fn the_dashboard_counts_each_attempt_once_and_names_what_it_refuses() {
    let s = mini();
    let w = workshop("Front desk", Some(50));
    let one = results::attempt(&s, &played(&s, 1), 1_000_000).unwrap();
    let two = results::attempt(&s, &played(&s, 2), 2_000_000).unwrap();
    let ana_first = handed_in("Ana", &w, std::slice::from_ref(&one));
    let ana_later = handed_in("Ana", &w, &[one.clone(), two.clone()]);
    let ben = handed_in("Ben", &w, std::slice::from_ref(&one));

    let mut room = Room::default();
    assert_eq!(room.take("ana-1.toml", &ana_first).outcome, Ok((1, 0)));
    // Handing in again later brings the first attempt again: it counts once.
    let again = room.take("ana-2.toml", &ana_later).clone();
    assert_eq!(again.outcome, Ok((1, 1)));
    assert_eq!(
        again.sentence(),
        "ana-2.toml: 1 new attempt, 1 already imported (counted once)"
    );
    // The same attempt from another attendee is theirs.
    assert_eq!(room.take("ben.toml", &ben).outcome, Ok((1, 0)));
    assert_eq!(room.take("ben copy.toml", &ben).outcome, Ok((0, 1)));

    // Refused, each with its reason; the rest stay.
    let other = handed_in(
        "Cy",
        &workshop("Back office", None),
        std::slice::from_ref(&two),
    );
    let refusals = [
        (
            "other.toml",
            other.clone(),
            "another workshop, \u{201c}Back office\u{201d}",
        ),
        (
            "newer.toml",
            ana_first.replace("version = 1", "version = 2"),
            "newer version of Attune (format 2",
        ),
        (
            "older.toml",
            ana_first.replace("version = 1", "version = 0"),
            "in format 0, which",
        ),
        (
            "progress.toml",
            "version = 3\n".into(),
            "not an Attune results file",
        ),
        (
            "cut.toml",
            ana_first[..ana_first.len() / 2].to_string(),
            "damaged",
        ),
        (
            "edited-link.toml",
            ana_first.replace("&typing=yes", "&typing=no"),
            "workshop link that cannot be used",
        ),
        (
            "score.toml",
            ana_first.replacen(
                &format!("presence = {}", played_score(&s)),
                "presence = 101",
                1,
            ),
            "damaged",
        ),
        (
            "binary.png",
            "\u{89}PNG\r\n\u{1a}\n\0\0".into(),
            "not an Attune results file",
        ),
    ];
    for (file, text, why) in &refusals {
        let report = room.take(file, text).clone();
        let sentence = report.sentence();
        assert!(
            sentence.starts_with(&format!("{file}: not imported: it ")) && sentence.contains(why),
            "{sentence}"
        );
    }
    assert_eq!(room.attempts.len(), 3);
    assert_eq!(room.reports.len(), 4 + refusals.len());

    // Per attendee and per scenario.
    let people = room.attendees();
    assert_eq!(
        people
            .iter()
            .map(|(n, a)| (*n, a.len()))
            .collect::<Vec<_>>(),
        [("Ana", 2), ("Ben", 1)]
    );
    let summary = room.scenarios();
    assert_eq!(summary.len(), 1);
    let mini = &summary[0];
    assert_eq!((mini.id.as_str(), mini.attempts), ("mini", 3));
    assert_eq!(mini.spread.iter().sum::<usize>(), 3);
    assert_eq!(mini.endings.iter().map(|e| e.2).sum::<usize>(), 3);
    let mean = room.attempts[0].1.mean();
    assert_eq!(mini.spread[usize::from(mean / 10).min(9)], 3);
    assert_eq!(mini.passed, Some(if mean >= 50 { 3 } else { 0 }));

    // Signals across the room, each with the replies behind it.
    let signals = room.signals();
    let open = signals.iter().find(|c| c.name == "open_question").unwrap();
    assert_eq!(open.replies.len(), 3, "one reply in each attempt");
    assert!(open.helps);
    assert!(open
        .replies
        .iter()
        .all(|b| b.text.starts_with("You said") && b.scenario == "Mini"));
    assert!(signals
        .windows(2)
        .all(|w| w[0].replies.len() >= w[1].replies.len()));

    // CSV: a header and one row per attempt.
    let csv = room.csv();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows[0].starts_with("attendee,scenario,ending,outcome,presence,listening,mean,passed,"));
    assert!(rows[1].starts_with("Ana,Mini,"));
}

#[test]
fn names_that_look_like_formulas_are_defused_in_csv() {
    let s = mini();
    let w = workshop("Front desk", None);
    let one = results::attempt(&s, &played(&s, 1), 1_000_000).unwrap();
    let mut room = Room::default();
    room.take("x.toml", &handed_in("=HYPERLINK(\"x\")", &w, &[one]));
    let csv = room.csv();
    assert!(
        csv.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\",Mini,"),
        "{csv}"
    );
    assert_eq!(csv.lines().nth(1).unwrap().split(',').count(), 17);
    // No pass mark: the passed column is empty.
    assert_eq!(room.scenarios()[0].passed, None);
    assert_eq!(csv.lines().nth(1).unwrap().split(',').nth(7), Some(""));
}

fn played_score(s: &Scenario) -> u8 {
    attune::debrief::score(&played(s, 1).turns).presence
}

#[test]
fn the_documented_example_reads() {
    let doc = include_str!("../docs/workshops.md");
    let start = doc
        .find("```toml\nformat = \"attune-results\"")
        .expect("the example")
        + 8;
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let r = Results::parse(example).unwrap();
    assert_eq!(r.name, "Ana");
    assert_eq!(r.workshop.name, "Thursday café");
    assert_eq!(r.workshop.pass_mark, Some(50));
    let a = &r.attempts[0];
    assert_eq!(
        (a.ending.as_str(), a.fundamentals),
        ("gone", [50, 60, 55, 50])
    );
    assert_eq!(a.lines.len(), 2);
    let (line, reply) = a.replies().next().unwrap();
    assert!(line.cut);
    assert_eq!(
        (reply.at.as_str(), reply.signals.as_slice()),
        ("0:07", &["interruption".to_string()][..])
    );
    // The ending the example names is the scenario's.
    let s = scenario::parse(
        "coffee-regular.toml",
        include_str!("../assets/scenarios/coffee-regular.toml"),
    )
    .unwrap();
    assert_eq!(s.ending(&"gone".into()).unwrap().title, a.ending_title);
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_place() {
    assert_eq!(results::text_of(b"ok".to_vec()).as_deref(), Ok("ok"));
    assert_eq!(
        results::text_of(b"name = \"A\"\nworkshop = \"caf\xe9\"\n".to_vec()),
        Err("it is not UTF-8 text (line 2, column 16); save it as UTF-8".to_string())
    );
}

#[test]
fn narration_and_a_second_speaker_are_handed_in_as_such_and_read_back() {
    let s = scenario::parse("narration.toml", include_str!("data/narration.toml")).unwrap();
    let session = Session::new(&s, 9, 0)
        .apply(
            &s,
            &Action::Reply {
                choice: 0,
                turn: 0,
                at_ms: 9_000,
            },
        )
        .unwrap();
    let block = results::attempt(&s, &session, 1_795_966_860_000).unwrap();
    assert!(block.contains(
        "by = \"narration\"\ntext = \"She slides a folder of old letters across the table.\"\n"
    ));
    assert!(block.contains(
        "by = \"them\"\ntext = \"She never opened half of them.\"\nspeaker = \"Her neighbour\"\n"
    ));
    let w = workshop("Room 4", None);
    let r = Results::parse(&handed_in("Bo", &w, &[block])).unwrap();
    let lines = &r.attempts[0].lines;
    assert_eq!(lines.len(), session.transcript.len());
    // Only the attendee's reply is theirs.
    assert_eq!(lines.iter().filter(|l| l.you).count(), 1);
    assert_eq!(r.attempts[0].replies().count(), 1);
}
