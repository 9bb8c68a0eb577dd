//! The validator on malformed files: one fixture per kind of problem, each naming
//! the message it must produce (`# expect:` lines), plus the CLI's exit codes.
#![cfg(not(target_arch = "wasm32"))]

use attune::validate::{check_file, Kind, Severity};
use std::path::Path;
use std::process::Command;

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/invalid");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = format!(
                "tests/data/invalid/{}",
                p.file_name().unwrap().to_string_lossy()
            );
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn each_fixture_reports_its_expected_messages() {
    for (name, text) in fixtures() {
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        assert!(!expected.is_empty(), "{name} has no `# expect:` line");
        let report = check_file(&name, &text);
        if expected.iter().any(|e| e.contains(": error: ")) {
            assert!(report.has_errors(), "{name} should not validate");
            assert!(report.playable().is_none());
        }
        let got: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        for e in expected {
            assert!(
                got.iter().any(|g| g == e),
                "{name}: expected\n  {e}\ngot\n  {}",
                got.join("\n  ")
            );
        }
    }
}

#[test]
fn every_kind_of_problem_has_a_fixture() {
    let kinds: Vec<Kind> = fixtures()
        .iter()
        .flat_map(|(name, text)| check_file(name, text).problems)
        .map(|p| p.kind)
        .collect();
    for kind in [
        Kind::Syntax,
        Kind::UnknownField,
        Kind::DuplicateId,
        Kind::UnknownTarget,
        Kind::Unreachable,
        Kind::DeadEnd,
        Kind::EndlessLoop,
        Kind::EmptyText,
        Kind::OutOfRange,
        Kind::NeverHolds,
        Kind::BadName,
        Kind::QualityMismatch,
        Kind::Limit,
    ] {
        assert!(kinds.contains(&kind), "no fixture produces {kind:?}");
    }
}

#[test]
fn unreachable_content_is_a_warning_not_an_error() {
    let (name, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n.ends_with("unreachable.toml"))
        .unwrap();
    let report = check_file(&name, &text);
    assert!(report
        .problems
        .iter()
        .all(|p| p.severity == Severity::Warning));
    assert!(report.errors().is_empty());
    assert_eq!(report.warnings().len(), report.problems.len());
    assert!(report.warnings()[0].starts_with(&format!("{name}:")));
    assert!(report.playable().is_some());
}

#[test]
fn the_minimal_fixture_is_clean() {
    let text = include_str!("data/minimal.toml");
    assert!(check_file("minimal.toml", text).problems.is_empty());
}

fn attune(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap(), text)
}

#[test]
fn cli_validate_exit_codes_and_output() {
    let (code, out) = attune(&["validate", "tests/data/minimal.toml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("tests/data/minimal.toml: ok"));
    let (code, out) = attune(&[
        "validate",
        "tests/data/minimal.toml",
        "tests/data/invalid/unknown-target.toml",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unknown-target.toml:34:3: error:"), "{out}");
    assert!(out.contains("2 file(s) checked: 1 error(s)"), "{out}");
    let (code, out) = attune(&["validate", "no/such/file.toml"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("no/such/file.toml: error: cannot read the file"),
        "{out}"
    );
    // Warnings alone do not fail.
    let (code, out) = attune(&["validate", "tests/data/invalid/unreachable.toml"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn cli_rejects_bad_arguments_with_code_2() {
    assert_eq!(attune(&["frobnicate"]).0, 2);
    assert_eq!(attune(&["validate"]).0, 2);
    assert_eq!(attune(&["playtest", "x.toml", "--runs", "many"]).0, 2);
    let (code, out) = attune(&["--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("validate") && out.contains("playtest"),
        "{out}"
    );
}

#[test]
fn cli_playtest_reports_endings_and_fails_on_unreached_ones() {
    let (code, out) = attune(&[
        "playtest",
        "assets/scenarios/yes-and.toml",
        "--runs",
        "200",
        "--seed",
        "5",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ending co-owned"), "{out}");
    assert!(
        out.contains("shortest path to an ending: 6 replies"),
        "{out}"
    );
    // Two runs cannot reach four endings.
    let (code, out) = attune(&["playtest", "assets/scenarios/yes-and.toml", "--runs", "2"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("was never reached"), "{out}");
    let (code, _) = attune(&["playtest", "tests/data/invalid/dead-end.toml"]);
    assert_eq!(code, 1);
}

/// Each mutation of the minimal scenario and the exact error it must give:
/// the file, line and column of the key or value at fault, the node, the field.
#[test]
fn reading_errors_name_the_place_and_what_was_expected() {
    let base = include_str!("data/minimal.toml");
    let cases: &[(&str, &str, &str)] = &[
        (
            "minutes = 2",
            "minutes = \"two\"",
            "m.toml:7:11: error: field `minutes`: expected a whole number, found the string \"two\"",
        ),
        (
            "minutes = 2",
            "minutes = -2",
            "m.toml:7:11: error: field `minutes`: -2 is out of range: expected a whole number from 0 to 4294967295",
        ),
        (
            "difficulty = \"introductory\"",
            "difficulty = \"hard\"",
            "m.toml:8:14: error: field `difficulty`: unknown variant `hard`, expected one of `introductory`, `intermediate`, `advanced`",
        ),
        (
            "title = \"Good\"\noutcome = \"repaired\"",
            "title = \"Good\"\noutcome = 3",
            "m.toml:66:11: error: ending \"good\", field `outcome`: expected a string, found the integer 3",
        ),
        (
            "  slight = true",
            "  slight = \"yes\"",
            "m.toml:35:12: error: beat \"a\", field `choice[1].slight`: expected true or false, found the string \"yes\"",
        ),
        (
            "  text = \"Go on.\"\n  goto = \"b\"\n",
            "  text = \"Go on.\"\n",
            "m.toml:23:3: error: beat \"a\", field `choice[0]`: missing field `goto`",
        ),
        (
            "id = \"cut\"\n",
            "id = \"cut\"\nfeeling = \"angry\"\n",
            "m.toml:40:11: error: beat \"cut\", field `feeling`: unknown variant `angry`, expected one of `sad`, `afraid`, `embarrassed`",
        ),
        (
            "[partner]\nname = \"Pat\"",
            "[partner]\nnom = \"Pat\"",
            "m.toml:13:1: error: field `partner.nom`: unknown field `nom`, expected one of `name`, `role`, `feeling`",
        ),
        (
            "  remember = [\"brushed\"]",
            "  remember = [\"brushed\", 4]",
            "m.toml:36:26: error: beat \"a\", field `choice[1].remember[1]`: expected a string, found the integer 4",
        ),
        (
            "mood = { agitation = 50, trust = 50 }",
            "mood = 50",
            "m.toml:10:8: error: field `mood`: expected a table, found the integer 50",
        ),
        (
            "effect = { trust = 20 }",
            "effect = { trust = 99999999999 }",
            "m.toml:54:22: error: beat \"b\", field `choice[0].effect.trust`: 99999999999 is out of range: expected a whole number from -2147483648 to 2147483647",
        ),
        (
            "  effect = { trust = 10 }",
            "  effect = { trust = 1.5 }",
            "m.toml:26:22: error: beat \"a\", field `choice[0].effect.trust`: expected a whole number, found a float",
        ),
    ];
    for (from, to, expected) in cases {
        assert!(base.contains(from), "the fixture has no `{from}`");
        let text = base.replacen(from, to, 1);
        let err = attune::scenario::parse("m.toml", &text).expect_err(to);
        assert_eq!(
            &err.to_string(),
            expected,
            "after replacing `{from}` with `{to}`"
        );
    }
}

#[test]
fn control_and_direction_characters_from_a_file_are_shown_escaped() {
    // TOML escapes put an escape sequence, a bell and a right-to-left override in an id.
    let text = include_str!("data/minimal.toml")
        .replace("start = \"a\"", "start = \"a\\u202e\\u001b[2J\\u0007\"");
    let report = check_file("minimal.toml", &text);
    let lines = report.errors();
    assert!(!lines.is_empty(), "the unknown start is an error");
    for line in &lines {
        assert!(
            !line.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "raw control characters in {line:?}"
        );
    }
    let all = lines.join("\n");
    assert!(all.contains("\\u{202e}\\u{001b}[2J\\u{0007}"), "{all}");
    // The same through the CLI, which writes to a terminal.
    let dir = std::env::temp_dir().join(format!("attune-ctrl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ctrl.toml");
    std::fs::write(&file, &text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    let printed =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        !printed.contains('\u{1b}') && !printed.contains('\u{202e}') && !printed.contains('\u{7}'),
        "{printed:?}"
    );
    assert!(printed.contains("\\u{202e}"), "{printed}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A scenario of `beats` beats in a ring (no ending is reachable when `ring`), each
/// offering `replies` replies.
fn generated(beats: usize, replies: usize, ring: bool) -> String {
    let mut s = String::from(
        "id = \"big\"\ntitle = \"Big\"\nsummary = \"x\"\ntrainee_role = \"x\"\nsetting = \"x\"\n\
         minutes = 2\ndifficulty = \"introductory\"\nstart = \"b0\"\n\
         [partner]\nname = \"Pat\"\nrole = \"customer\"\n",
    );
    for i in 0..beats {
        let next = if ring || i + 1 < beats {
            format!("b{}", (i + 1) % beats)
        } else {
            "end".to_string()
        };
        s.push_str(&format!(
            "[[beat]]\nid = \"b{i}\"\nlines = [{{ text = \"Line {i}.\" }}]\n"
        ));
        for r in 0..replies {
            s.push_str(&format!(
                "[[beat.choice]]\ntext = \"Reply {r}.\"\ngoto = \"{next}\"\n"
            ));
        }
    }
    s.push_str(
        "[[ending]]\nid = \"end\"\ntitle = \"End\"\noutcome = \"steady\"\ndebrief = \"x\"\n",
    );
    s
}

#[test]
fn a_file_past_a_limit_is_refused_with_the_limit_named_and_bounded_messages() {
    use attune::scenario::limits::*;
    let first = |text: &str| check_file("big.toml", text).problems[0].clone();
    // At the limits, a long chain is fine.
    let at = check_file("big.toml", &generated(MAX_BEATS, MAX_CHOICES, false));
    assert!(!at.has_errors(), "{:?}", at.errors());
    // One past each: an error of kind Limit that names the limit, placed in the file.
    let p = first(&generated(MAX_BEATS + 1, 1, false));
    assert_eq!(p.kind, Kind::Limit);
    assert!(
        p.message.contains(&format!(
            "{} beats; a scenario may have at most {MAX_BEATS}",
            MAX_BEATS + 1
        )),
        "{p}"
    );
    assert!(p.location.line.is_some(), "{p}");
    let p = first(&generated(2, MAX_CHOICES + 1, false));
    assert_eq!(p.kind, Kind::Limit);
    assert!(
        p.message.contains(&format!(
            "{} replies; a scenario may have at most {MAX_CHOICES}",
            MAX_CHOICES + 1
        )),
        "{p}"
    );
    let long = generated(2, 1, false).replace("Reply 0.", &"word ".repeat(500));
    let p = first(&long);
    assert_eq!(p.kind, Kind::Limit);
    assert!(
        p.message
            .contains("this text has 2500 characters; it may have at most 2000"),
        "{p}"
    );
    let long_id = generated(2, 1, false).replace("\"b1\"", &format!("\"{}\"", "b".repeat(65)));
    assert!(first(&long_id).message.contains("it may have at most 64"));
    // Too large to read at all: refused before parsing, whatever it holds.
    let huge = format!(
        "{}\n# {}",
        generated(2, 1, false),
        "x".repeat(MAX_FILE_BYTES)
    );
    let p = first(&huge);
    assert_eq!(p.kind, Kind::Limit);
    assert!(
        p.message
            .contains("a scenario file may have at most 1048576 (1 MiB)"),
        "{p}"
    );
    assert_eq!(too_large(MAX_FILE_BYTES as u64), None);
    assert!(too_large(MAX_FILE_BYTES as u64 + 1).is_some());
    // A ring of the most beats: every beat is reported, but a report lists at most
    // MAX_PROBLEMS, names a few beats of the loop in each message, and counts the rest.
    let ring = check_file("big.toml", &generated(MAX_BEATS, 1, true));
    assert_eq!(ring.problems.len(), attune::validate::MAX_PROBLEMS + 1);
    assert!(ring.problems.iter().all(|p| p.to_string().len() < 300));
    assert!(
        ring.problems[0]
            .message
            .contains(&format!("and {} more", MAX_BEATS - 5)),
        "{}",
        ring.problems[0]
    );
    let last = ring.problems.last().unwrap();
    assert_eq!(last.kind, Kind::Limit);
    assert!(last.message.starts_with("and "), "{last}");
    let (errors, warnings) = ring.counts();
    assert_eq!(errors, MAX_BEATS);
    assert_eq!(
        errors + warnings,
        ring.unlisted.0 + ring.unlisted.1 + ring.problems.len() - 1
    );
}

#[test]
fn the_kind_of_a_reading_error_comes_from_what_went_wrong_not_from_its_words() {
    let mini = include_str!("data/minimal.toml");
    let kind_of = |text: &str| {
        let report = check_file("m.toml", text);
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        report.problems[0].kind
    };
    // A wrong value whose own words look like another kind of problem.
    for words in ["may have at most", "unknown field"] {
        let text = mini.replace(
            "difficulty = \"introductory\"",
            &format!("difficulty = \"{words}\""),
        );
        assert_eq!(kind_of(&text), Kind::Syntax, "{words}");
    }
    assert_eq!(
        kind_of(&mini.replace("minutes = 2", "minutes = 2\ncolour = 3")),
        Kind::UnknownField
    );
    let many = vec!["trust > 1"; 17].join(" and ");
    assert_eq!(
        kind_of(&mini.replace("when = \"heard point\"", &format!("when = \"{many}\""))),
        Kind::Limit
    );
}

/// In most beats the best reply is also the longest: quality given away by length.
#[test]
fn a_best_reply_that_is_always_the_longest_is_a_warning() {
    let beat = |id: &str, next: &str, best_long: bool| {
        let (best, other) = if best_long {
            (
                "I can hear how long you have waited, and I will sort it out with you now.",
                "Fine.",
            )
        } else {
            (
                "Tell me more.",
                "That is a policy matter and there is nothing I can do about it today.",
            )
        };
        format!(
            "[[beat]]\nid = \"{id}\"\nlines = [{{ text = \"Well?\" }}]\n  [[beat.choice]]\n  text = \"{best}\"\n  goto = \"{next}\"\n  quality = \"best\"\n  score = {{ presence = 90, listening = 90 }}\n  [[beat.choice]]\n  text = \"{other}\"\n  goto = \"{next}\"\n  quality = \"poor\"\n  score = {{ presence = 10, listening = 10 }}\n"
        )
    };
    let file = |longs: [bool; 4]| {
        format!(
            "id = \"len\"\ntitle = \"Length\"\nsummary = \"S.\"\ntrainee_role = \"Agent\"\nsetting = \"A desk\"\nminutes = 5\ndifficulty = \"introductory\"\nmood = {{ agitation = 50, trust = 50 }}\nstart = \"a\"\n[partner]\nname = \"Pat\"\nrole = \"customer\"\n{}{}{}{}[[ending]]\nid = \"end\"\ntitle = \"End\"\noutcome = \"steady\"\ndebrief = \"Done.\"\n",
            beat("a", "b", longs[0]),
            beat("b", "c", longs[1]),
            beat("c", "d", longs[2]),
            beat("d", "end", longs[3]),
        )
    };
    let warned = |longs| {
        check_file("len.toml", &file(longs))
            .warnings()
            .into_iter()
            .find(|w| w.contains("the best is also the longest"))
    };
    let w = warned([true, true, true, false]).expect("three of four");
    assert!(
        w.contains("in 3 of the 4 beats with a `best` reply") && w.contains("`a`, `b`, `c`"),
        "{w}"
    );
    // Half is not more than half.
    assert_eq!(warned([true, true, false, false]), None);
}

#[test]
fn a_syntax_error_hides_nothing_else_and_adds_nothing_it_caused() {
    let read = |name: &str| {
        let path = format!("tests/data/invalid/{name}");
        let text = std::fs::read_to_string(&path).unwrap();
        check_file(&path, &text)
    };
    // Two syntax errors and a bad condition in another beat: all three, in reading order.
    let report = read("syntax-and-more.toml");
    let kinds: Vec<Kind> = report.problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [Kind::Syntax; 3], "{:#?}", report.errors());
    assert!(report.errors()[2].contains("invalid condition `interupted`"));
    // Setting the bad line aside leaves beat "b" without a reply's text and the ending it
    // led to unreachable: neither is reported, as neither is in the file.
    let report = read("syntax-in-beat.toml");
    assert_eq!(report.problems.len(), 1, "{:#?}", report.errors());
    assert!(report.warnings().is_empty());

    let minimal = std::fs::read_to_string("tests/data/minimal.toml").unwrap();
    // A cut that takes two fields with it leaves a line TOML cannot read and two fields
    // missing from the same place: the reading stops there, with the one true error (it
    // once went on for ever, giving each field the line in turn).
    let cut = minimal.replacen("minutes = 2\ndifficulty", "", 1);
    let report = check_file("cut.toml", &cut);
    assert_eq!(report.errors().len(), 1, "{:#?}", report.errors());
    assert!(
        report.errors()[0].starts_with("cut.toml:7:"),
        "{:?}",
        report.errors()
    );
    // A table missing a field is reported on its opening line, which stays: setting it
    // aside would read the ending's fields into the beat before and blame that beat.
    let headless = minimal.replacen("title = \"Good\"\n", "", 1);
    let report = check_file("headless.toml", &headless);
    assert_eq!(report.errors().len(), 1, "{:#?}", report.errors());
    assert!(
        report.errors()[0].contains("ending \"good\": missing field `title`"),
        "{:?}",
        report.errors()
    );
}
