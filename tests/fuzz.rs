//! Property tests: no input, however broken, panics the parser, the validator or the engine.
#![cfg(not(target_arch = "wasm32"))]

use attune::engine::{Action, Session};
use attune::playtest::playtest;
use attune::validate::check_file;
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../assets/scenarios/irate-customer.toml");
const MINI: &str = include_str!("data/minimal.toml");

/// A small edit to a scenario's text.
#[derive(Clone, Debug)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    ReplaceNumber { nth: usize, value: i64 },
    ReplaceId { nth: usize, with: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (
            any::<usize>(),
            prop_oneof![
                Just("\"".to_string()),
                Just("[[beat]]\n".to_string()),
                Just("when = \"trust > 1000\"\n".to_string()),
                Just("goto = \"\"\n".to_string()),
                Just("}".to_string()),
                Just("ms = 0\n".to_string()),
                "\\PC{0,12}",
            ]
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        (any::<usize>(), any::<i64>())
            .prop_map(|(nth, value)| Mutation::ReplaceNumber { nth, value }),
        (any::<usize>(), "[a-z-]{0,8}").prop_map(|(nth, with)| Mutation::ReplaceId { nth, with }),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::Delete { at, len } => {
            let chars: Vec<char> = text.chars().collect();
            let start = at % chars.len().max(1);
            let end = (start + len).min(chars.len());
            chars[..start].iter().chain(&chars[end..]).collect()
        }
        Mutation::Insert { at, text: ins } => {
            let chars: Vec<char> = text.chars().collect();
            let at = at % (chars.len() + 1);
            chars[..at].iter().collect::<String>() + ins + &chars[at..].iter().collect::<String>()
        }
        Mutation::DuplicateLine { line } => {
            let l = lines[line % n].clone();
            lines.insert(line % n, l);
            lines.join("\n")
        }
        Mutation::SwapLines { a, b } => {
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
        Mutation::ReplaceNumber { nth, value } => {
            let numbered: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].chars().any(|c| c.is_ascii_digit()))
                .collect();
            if let Some(&i) = numbered.get(nth % numbered.len().max(1)) {
                let replaced: String = lines[i]
                    .split(|c: char| c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(&value.to_string());
                lines[i] = replaced;
            }
            lines.join("\n")
        }
        Mutation::ReplaceId { nth, with } => {
            let ids: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains("goto = ") || lines[i].starts_with("id = "))
                .collect();
            if let Some(&i) = ids.get(nth % ids.len().max(1)) {
                let key = lines[i].split('=').next().unwrap().to_string();
                lines[i] = format!("{key}= \"{with}\"");
            }
            lines.join("\n")
        }
    }
}

/// Checks a mutated file, then plays a few actions, nonsense ones included, against any
/// scenario that validated, holding the engine to what must stay true whatever the file.
fn exercise(text: &str, seed: u64) {
    let report = check_file("fuzz.toml", text);
    for p in &report.problems {
        let line = p.to_string();
        // Every problem names the file, and prints no raw control character.
        assert!(line.starts_with("fuzz.toml"), "{line}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\n'),
            "{line:?}"
        );
    }
    let Some(s) = report.playable() else {
        return;
    };
    assert!(
        report.errors().is_empty(),
        "a playable report has no errors"
    );
    let _ = playtest(s, 3, seed);
    let mut session = Session::new(s, seed, 0);
    for a in [
        Action::Backchannel { at_ms: 10 },
        Action::Reply {
            choice: 0,
            turn: 0,
            at_ms: 600,
        },
        Action::Reply {
            choice: 99,
            turn: 1,
            at_ms: 1_300,
        },
        Action::Say {
            text: "asdf qwer".into(),
            turn: 1,
            at_ms: 2_000,
        },
        Action::Tick { at_ms: 100_000 },
        Action::RestartFrom {
            turn: 0,
            at_ms: 200_000,
        },
        Action::Tick { at_ms: 5 },
    ] {
        let result = session.apply(s, &a);
        match &a {
            // No scenario offers a 100th reply; time never runs backwards.
            Action::Reply { choice: 99, .. } | Action::Tick { at_ms: 5 } => {
                assert!(result.is_err(), "{a:?} was taken")
            }
            Action::Say { .. } => {
                if let Ok(next) = &result {
                    assert_eq!(next.turns.len(), session.turns.len(), "gibberish scored");
                }
            }
            _ => {}
        }
        if let Ok(next) = result {
            session = next;
        }
        let p = &session.partner;
        assert!((0..=100).contains(&p.agitation) && (0..=100).contains(&p.trust));
        assert!(session.lines_started(s) <= session.lines(s).len());
        if let Some(beat) = session.beat(s) {
            assert!(session
                .choices(s)
                .iter()
                .all(|(i, c)| std::ptr::eq(*c, &beat.choices[*i])));
        }
        // What is kept on the device comes back the same.
        if let Some(saved) = attune::saved::Saved::of(s, &session) {
            assert_eq!(saved.restore(s).as_ref(), Ok(&session));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = check_file("bytes.toml", &text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = check_file("text.toml", &text);
    }

    /// A Twine story, whole, cut short or with its markup damaged, never panics the
    /// import, and whatever it imports reads back as a scenario file.
    #[test]
    fn twine_imports_never_panic(cut in 0usize..4_000, junk in "[<>\\[\\]:|&;$()\"'\\\\a-z\n-]{0,40}", at in 0usize..4_000, which in 0usize..4) {
        let file = ["call.twee", "archive.html", "published.html", "twine1.html"][which];
        let text = std::fs::read_to_string(format!("tests/data/twine/{file}")).unwrap();
        let mut text: String = text.chars().take(cut).collect();
        let at = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
        text.insert_str(at, &junk);
        for story in attune::twine::stories(file, &text).unwrap_or_default() {
            if let Ok(i) = attune::twine::import(file, &text, Some(&story.name)) {
                // Always well-formed TOML of the scenario's shape (only a limit can stop it).
                if let Err(e) = attune::scenario::parse("imported.toml", &i.toml) {
                    prop_assert_eq!(e.flaw, attune::tomlread::Flaw::Limit, "{}\n{}", e.message, i.toml);
                }
            }
        }
    }

    /// A results file, damaged any way, never panics the dashboard: it is taken in or
    /// refused with a reason, and whatever was taken in sums up.
    #[test]
    fn mutated_results_files_never_panic_the_dashboard(ms in proptest::collection::vec(mutation(), 1..4)) {
        let doc = include_str!("../docs/workshops.md");
        let start = doc.find("```toml\nformat = \"attune-results\"").unwrap() + 8;
        let mut text = doc[start..start + doc[start..].find("```").unwrap()].to_string();
        for m in &ms {
            text = apply(&text, m);
        }
        let mut room = attune::results::Room::default();
        room.take("a.toml", &text);
        let report = room.take("b.toml", &text).clone();
        prop_assert!(!report.sentence().is_empty());
        let _ = (room.scenarios(), room.signals(), room.attendees(), room.csv());
    }

    #[test]
    fn mutated_scenarios_never_panic(ms in proptest::collection::vec(mutation(), 1..4), seed in any::<u64>(), which in any::<bool>()) {
        let mut text = if which { SHIPPED.to_string() } else { MINI.to_string() };
        for m in &ms {
            text = apply(&text, m);
        }
        exercise(&text, seed);
    }
}

#[test]
fn deep_and_huge_inputs_do_not_panic() {
    let _ = check_file("deep.toml", &"[".repeat(50_000));
    let _ = check_file("deep.toml", &format!("a = {}", "[".repeat(10_000)));
    let _ = check_file("big.toml", &"x".repeat(200_000));
    let _ = check_file("rtl.toml", "id = \"\u{202e}مرحبا\"\ntitle = \"👋🏽\"\n");
}
