//! Twine import: Twee 3, Twine 2 published and archive HTML, and Twine 1's older layout.

use attune::twine::{import, stories};
use attune::validate::check_file;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("tests/data/twine/{name}")).unwrap()
}

/// The imported text validates without errors; its scenario, parsed.
fn scenario_of(toml: &str) -> attune::scenario::Scenario {
    let report = check_file("imported.toml", toml);
    assert!(!report.has_errors(), "{:#?}\n{toml}", report.errors());
    report.scenario.unwrap()
}

/// A beat's replies, as (text, goto).
fn choices(b: &attune::scenario::Beat) -> Vec<(&str, &str)> {
    b.choices
        .iter()
        .map(|c| (c.text.as_str(), c.goto.as_str()))
        .collect()
}

#[test]
fn twee_passages_become_beats_links_choices_and_linkless_passages_endings() {
    let i = import("call.twee", &read("call.twee"), None).unwrap();
    assert_eq!(i.story, "The Late Refund");
    assert_eq!(i.id, "the-late-refund");
    let s = scenario_of(&i.toml);
    // StoryData's start, not the first passage.
    assert_eq!(s.start, "opening");
    let opening = s.beat(&"opening".into()).unwrap();
    assert_eq!(opening.lines[1].text, "Nobody has called me back.");
    // The link forms: text->target, text|target, and a bare target.
    assert_eq!(
        choices(opening),
        [
            ("Three weeks, and nobody called you back.", "heard"),
            ("Refunds take up to 30 days.", "policy"),
            ("Calm down, please.", "calm-down-please"),
        ]
    );
    // Endings take their outcome from a tag; an escaped name is read as written.
    let outcome = |id: &str| s.ending(&id.into()).unwrap().outcome.word();
    assert_eq!(outcome("policy"), "lost");
    assert_eq!(outcome("plan"), "repaired");
    // An escaped name is read as written (its id from it); target<-text links back.
    let back = s.beat(&"a-bracketed-name".into()).unwrap();
    assert_eq!(
        (back.choices[0].text.as_str(), back.choices[0].goto.as_str()),
        ("Back", "opening")
    );
}

#[test]
fn story_format_code_is_never_run_and_each_change_is_reported_with_its_line() {
    let i = import("call.twee", &read("call.twee"), None).unwrap();
    let shown: Vec<String> = i.notes.iter().map(|n| n.show("call.twee")).collect();
    let has = |needle: &str| shown.iter().any(|l| l.contains(needle));
    assert!(
        has("call.twee:13: refused: passage \"UserScript\": a script passage is left out"),
        "{shown:#?}"
    );
    assert!(
        has("call.twee:16: note: passage \"UserStylesheet\": left out"),
        "{shown:#?}"
    );
    assert!(
        has("call.twee:24: note: passage \"Opening\": dropped the macro `<<set $angry to true>>`"),
        "{shown:#?}"
    );
    assert!(
        has("call.twee:30: note: passage \"Heard\": kept the variable `$name` as text"),
        "{shown:#?}"
    );
    assert!(
        has("call.twee:31: note: passage \"Heard\": dropped the macro `(set: $trust to it + 10)`"),
        "{shown:#?}"
    );
    assert!(has("call.twee:46: refused: passage \"A [bracketed] name\": the link to \u{201c}Missing passage\u{201d} was left out"), "{shown:#?}");
    // No macro text reaches what anyone says.
    assert!(
        !i.toml.contains("<<") && !i.toml.contains("(set:"),
        "{}",
        i.toml
    );
    // And what is left to write is said.
    assert!(
        i.to_write
            .iter()
            .any(|w| w.contains("5 replies") && w.contains("`effect`")),
        "{:?}",
        i.to_write
    );
    assert!(
        i.to_write.iter().any(|w| w.contains("`debrief`")),
        "{:?}",
        i.to_write
    );
}

#[test]
fn an_archive_holds_several_stories_and_one_is_picked_by_name() {
    let text = read("archive.html");
    let all = stories("archive.html", &text).unwrap();
    let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
    // Names are unescaped; a passage named inside the user script's string is no passage.
    assert_eq!(names, ["Two & \"Three\"", "Second"]);
    assert!(all[0].passages.iter().all(|p| p.name != "Fake"));
    let why = import("archive.html", &text, None).unwrap_err();
    assert!(
        why.contains("holds 2 stories") && why.contains("pick one by its name"),
        "{why}"
    );
    assert!(import("archive.html", &text, Some("Third"))
        .unwrap_err()
        .contains("no story is called \u{201c}Third\u{201d}"));

    let first = import("archive.html", &text, Some("Two & \"Three\"")).unwrap();
    let s = scenario_of(&first.toml);
    let intro = s.beat(&s.start).unwrap();
    assert_eq!(intro.id, "intro-quoted-more");
    // Entities are decoded; the text stays text.
    assert_eq!(
        intro.lines[0].text,
        "I asked for the <manager> an hour ago."
    );
    assert_eq!(intro.lines[1].text, "I'm still waiting.");
    assert_eq!(
        choices(intro),
        [
            ("You have been waiting an hour.", "next"),
            ("Please hold.", "next")
        ]
    );
    // The story's JavaScript is refused with its line.
    assert!(
        first
            .notes
            .iter()
            .any(|n| n.refused && n.line == 5 && n.message.contains("JavaScript")),
        "{:?}",
        first.notes
    );

    let second = import("archive.html", &text, Some("Second")).unwrap();
    let s = scenario_of(&second.toml);
    // startnode names the start by pid, whatever the order of the passages.
    assert_eq!(s.start, "begin");
    assert!(
        second.notes.iter().any(|n| n
            .message
            .contains("dropped the link's setter `[$greeted to true]`")),
        "{:?}",
        second.notes
    );
    // An empty user script is nothing to report.
    assert!(!second
        .notes
        .iter()
        .any(|n| n.message.contains("JavaScript")));
}

#[test]
fn published_html_is_read_past_the_story_formats_code() {
    let i = import("published.html", &read("published.html"), None).unwrap();
    assert_eq!(i.story, "Published one");
    let s = scenario_of(&i.toml);
    let start = s.beat(&"start".into()).unwrap();
    // The macro is dropped and its hook's text kept.
    assert_eq!(start.lines[1].text, "Third time today.");
    assert_eq!(s.ending(&"count".into()).unwrap().outcome.word(), "steady");
}

#[test]
fn the_older_twine_1_layout_is_read_with_its_escapes() {
    let i = import("twine1.html", &read("twine1.html"), None).unwrap();
    assert_eq!(i.story, "Old & Gold");
    let s = scenario_of(&i.toml);
    let start = s.beat(&"start".into()).unwrap();
    assert_eq!(start.lines[0].text, "First line, with a back\\slash.");
    assert_eq!(start.lines[1].text, "Second line <b>bold</b>.");
    assert_eq!(start.choices[0].goto, "end");
    assert_eq!(s.ending(&"end".into()).unwrap().outcome.word(), "lost");
    // StoryAuthor is the story's, not a passage.
    assert!(s.beat(&"storyauthor".into()).is_none() && s.ending(&"storyauthor".into()).is_none());
}

#[test]
fn an_ending_without_an_outcome_tag_is_steady_and_said_so() {
    let text = ":: Start\nHello.\n[[Bye]]\n\n:: Bye\nGoodbye.\n";
    let i = import("t.twee", text, None).unwrap();
    let s = scenario_of(&i.toml);
    assert_eq!(s.ending(&"bye".into()).unwrap().outcome.word(), "steady");
    let shown: Vec<String> = i.notes.iter().map(|n| n.show("t.twee")).collect();
    assert!(
        shown.iter().any(|l| l.starts_with(
            "t.twee:5: note: passage \"Bye\": an ending with no outcome tag is `steady`"
        )),
        "{shown:#?}"
    );
    // No StoryData: the passage called Start is the start, and the story is named for the import.
    assert_eq!(s.start, "start");
    assert_eq!(i.story, "Imported story");
}

#[test]
fn what_is_not_a_story_says_so() {
    let why = import("page.html", "<html><body><p>Hello</p></body></html>", None).unwrap_err();
    assert!(why.contains("no Twine story found"), "{why}");
    assert!(import("empty.twee", "", None)
        .unwrap_err()
        .contains("no passage found"));
}

#[test]
fn the_cli_writes_the_scenario_and_reports_what_it_did() {
    let dir = std::env::temp_dir().join(format!("attune-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("call.toml");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["import", "tests/data/twine/call.twee", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("refused: passage \"UserScript\""), "{err}");
    assert!(err.contains("still to write:"), "{err}");
    assert!(!check_file("call.toml", &std::fs::read_to_string(&out).unwrap()).has_errors());
    // An archive without a pick is refused; with one, it imports.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["import", "tests/data/twine/archive.html"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args([
            "import",
            "tests/data/twine/archive.html",
            "--story-name",
            "Second",
        ])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout).contains("title = \"Second\""));
    std::fs::remove_dir_all(&dir).unwrap();
}
