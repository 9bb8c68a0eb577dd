//! The trainer's page as the core decides it (`attune::authoring`): every problem beside
//! its line, the playtest's summary, and whether a file can be kept.

use attune::authoring::{keep_key, kept_id, kept_items, review, Keep};

const MINI: &str = include_str!("data/minimal.toml");

fn hosted() -> Vec<(attune::ids::ScenarioId, String)> {
    vec![("irate-customer".into(), "Fourth call, no connection".into())]
}

#[test]
fn each_problem_is_placed_on_its_line_with_the_lines_text() {
    let text = include_str!("data/invalid/unknown-target.toml");
    let r = review("my.toml", text, &hosted(), &[]);
    assert_eq!((r.errors, r.warnings), (1, 0));
    assert_eq!(r.verdict(), "1 error");
    let p = &r.problems[0];
    assert!(p.error);
    assert_eq!(p.place, "line 34, column 3");
    assert_eq!(p.context, "beat \"a\", field `choice[1].goto`");
    assert!(
        p.message.contains("`goto` names `nowhere`"),
        "{}",
        p.message
    );
    assert_eq!(p.line, Some((34, "  goto = \"nowhere\"".to_string())));
    // Nothing with errors is playtested or kept.
    assert!(r.play.is_none());
    assert!(matches!(r.keep, Keep::No(ref why) if why.contains("Fix the errors first")));
}

#[test]
fn a_syntax_error_and_a_file_without_a_line_are_placed_too() {
    let r = review("x.toml", "id = \"a\"\ntitle = \n", &[], &[]);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line.as_ref().map(|l| l.0), Some(2));
    assert!(r.problems[0].place.starts_with("line 2, column"));
    // A problem of the whole file has no line to show.
    let r = review("empty.toml", "", &[], &[]);
    assert!(r.errors >= 1);
    assert!(r
        .problems
        .iter()
        .all(|p| p.line.is_none() || p.line.as_ref().unwrap().0 >= 1));
}

#[test]
fn a_quoted_line_is_bounded_and_shows_control_characters_escaped() {
    let long = format!(
        "id = \"a\"\ntitle = \"{}\u{1b}[2J\"\nminutes = \"x\"\n",
        "w".repeat(500)
    );
    let r = review("x.toml", &long, &[], &[]);
    for p in &r.problems {
        if let Some((_, line)) = &p.line {
            assert!(line.chars().count() <= 201, "{line}");
            assert!(!line.contains('\u{1b}'), "{line}");
        }
    }
}

#[test]
fn a_clean_file_is_playtested_with_every_ending_its_mood_and_routes_and_the_paths() {
    let r = review("mini.toml", MINI, &hosted(), &[]);
    assert_eq!(r.verdict(), "No problems found");
    assert_eq!(r.id, Some("mini".into()));
    let play = r.play.as_ref().unwrap();
    assert_eq!(play.runs, attune::authoring::REVIEW_RUNS);
    let ids: Vec<&str> = play.endings.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["good", "bad"]);
    assert_eq!(play.endings.iter().map(|e| e.runs).sum::<u32>(), play.runs);
    for e in &play.endings {
        assert!(e.runs > 0 && e.mood.starts_with("agitation ") && e.mood.contains(", trust "));
        assert!(e.routes[0].starts_with("a \u{2192} b ("), "{:?}", e.routes);
    }
    assert!(play.paths[0].starts_with("The best replies: \u{201c}Good\u{201d} (relationship repaired) in 2 replies; presence "), "{:?}", play.paths);
    // No reply is marked, so the worst path takes the first on offer too.
    assert!(
        play.paths[1].starts_with("The worst replies: \u{201c}Good\u{201d}"),
        "{:?}",
        play.paths
    );
    assert!(
        play.paths[2].starts_with("A typical run (the median scores of the 200 runs): "),
        "{:?}",
        play.paths
    );
    assert!(play.findings.is_empty(), "{:?}", play.findings);
    assert_eq!(r.keep, Keep::Yes { replaces: false });
    // Kept before: keeping it again replaces that version.
    let r = review("mini.toml", MINI, &hosted(), &["mini".into()]);
    assert_eq!(r.keep, Keep::Yes { replaces: true });
}

#[test]
fn an_ending_no_run_reaches_is_a_finding_and_shows_no_mood() {
    // A third ending that nothing leads to: a validator warning, and the playtest says so.
    let text = format!(
        "{MINI}\n[[ending]]\nid = \"never\"\ntitle = \"Never\"\noutcome = \"steady\"\ndebrief = \"Unreached.\"\n"
    );
    let r = review("mini.toml", &text, &[], &[]);
    assert_eq!(r.errors, 0);
    assert!(r.warnings >= 1);
    let play = r.play.as_ref().unwrap();
    let never = play.endings.iter().find(|e| e.id == "never").unwrap();
    assert_eq!((never.runs, never.mood.as_str()), (0, ""));
    assert!(never.routes.is_empty());
    assert!(
        play.findings
            .iter()
            .any(|(error, f)| *error && f.contains("`never`")),
        "{:?}",
        play.findings
    );
}

#[test]
fn a_hosted_scenarios_id_is_not_kept() {
    let text = include_str!("../assets/scenarios/irate-customer.toml");
    let r = review("copy.toml", text, &hosted(), &[]);
    assert!(r.play.is_some());
    match r.keep {
        Keep::No(why) => assert!(
            why.contains(
                "`irate-customer` is already used by \u{201c}Fourth call, no connection\u{201d}"
            ),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn kept_scenarios_are_listed_by_title_from_their_keys_only() {
    let stored = vec![
        (keep_key(&"mini".into()), MINI.to_string()),
        (keep_key(&"broken".into()), "title = ".to_string()),
        ("attune.pace".to_string(), "usual".to_string()),
        (
            format!("{}.unreadable-1", keep_key(&"x".into())),
            "x".to_string(),
        ),
    ];
    let items = kept_items(&stored);
    let listed: Vec<(&str, &str)> = items
        .iter()
        .map(|k| (k.id.as_str(), k.title.as_str()))
        .collect();
    // The unreadable one goes by its id.
    assert_eq!(listed, [("broken", "broken"), ("mini", "Mini")]);
    assert!(items[1].size.ends_with(" KB"));
    assert_eq!(kept_id("attune.scenario.mini"), Some("mini".into()));
    assert_eq!(kept_id("attune.scenario."), None);
    assert_eq!(kept_id("attune.conversation.mini"), None);
}

/// The app checks a file it opens to play with the first pass only, without the advice
/// about conditions that can never hold: its errors are exactly the full check's other
/// errors, for every shipped scenario and every broken fixture. For a file TOML cannot
/// read, the app stops at the first syntax error, where the full check reads on past it:
/// the app's one error is the full check's first.
#[test]
fn the_errors_pass_finds_exactly_the_errors_of_the_full_check() {
    use attune::validate::{check_file, check_file_to_play, Severity};
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("tests/data/invalid")
        .unwrap()
        .chain(std::fs::read_dir("assets/scenarios").unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() > 10);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.display().to_string();
        let full = check_file(&name, &text);
        let errors: Vec<_> = full
            .problems
            .iter()
            .filter(|p| {
                p.severity == Severity::Error && p.kind != attune::validate::Kind::NeverHolds
            })
            .collect();
        let play = check_file_to_play(&name, &text);
        assert!(
            play.problems.iter().all(|p| p.severity == Severity::Error),
            "{name}"
        );
        let play: Vec<_> = play.problems.iter().collect();
        if play
            .first()
            .is_some_and(|p| p.kind == attune::validate::Kind::Syntax)
        {
            assert_eq!(play.len(), 1, "{name}");
            assert_eq!(play[0], errors[0], "{name}");
        } else {
            assert_eq!(play, errors, "{name}");
        }
    }
}

#[test]
fn a_share_link_carries_the_packed_file_in_its_fragment_and_reads_back() {
    use attune::authoring::{share_link, shared_in, Share, LINK_LIMIT, SHARE_MARK};
    let packed: Vec<u8> = (0..=255u8).collect();
    let page = "https://example.org/attune/trainer/";
    let Share::Link(link) = share_link(&format!("{page}#old"), &packed) else {
        panic!("a 256-byte file fits a link")
    };
    // The page's own fragment is replaced; the data is URL-safe, with no padding.
    assert!(link.starts_with(&format!("{page}{SHARE_MARK}")), "{link}");
    let fragment = &link[page.len()..];
    assert!(fragment[SHARE_MARK.len()..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    assert_eq!(shared_in(fragment), Some(Ok(packed)));
    // Too long for a link: the length, to offer the file instead.
    let big = vec![7u8; LINK_LIMIT];
    match share_link(page, &big) {
        Share::TooLong(n) => assert!(n > LINK_LIMIT),
        other => panic!("{other:?}"),
    }
    // Only a share fragment is read; a damaged one says so, never panics.
    assert_eq!(shared_in("#/play/x"), None);
    assert_eq!(shared_in(""), None);
    for damaged in [
        "#scenario=a",
        "#scenario=%%%",
        "#scenario=ab cd",
        "#scenario=\u{202e}",
    ] {
        assert!(
            shared_in(damaged).unwrap().unwrap_err().contains("damaged"),
            "{damaged}"
        );
    }
    let huge = format!("{SHARE_MARK}{}", "A".repeat(LINK_LIMIT + 1));
    assert!(shared_in(&huge).unwrap().is_err());
}
