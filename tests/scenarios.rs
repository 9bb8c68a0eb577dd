//! The shipped scenarios: all present, all clean, all long enough, all playable to every ending.
#![cfg(not(target_arch = "wasm32"))]

use attune::builtin;
use attune::playtest::{playtest, shortest_path_replies};
use attune::scenario::{self, Outcome, Quality};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_file_in_assets_is_shipped_and_nothing_else() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && n != attune::catalog::INDEX_FILE)
        .collect();
    let shipped: BTreeSet<String> = builtin::FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, shipped);
}

/// The site's index is what `attune index` writes today, in the library's order: a
/// scenario edited without re-indexing would show stale titles in the library.
#[test]
fn the_shipped_index_is_current_and_in_library_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let current = std::fs::read_to_string(dir.join(attune::catalog::INDEX_FILE)).unwrap();
    let files: Vec<(String, Result<String, String>)> = builtin::FILES
        .iter()
        .map(|(n, t)| (n.to_string(), Ok(t.to_string())))
        .collect();
    let built = attune::catalog::index(&files, Some(&current));
    assert!(built.refused.is_empty() && built.warnings.is_empty());
    assert_eq!(
        built.text, current,
        "assets/scenarios/index.toml is stale: run `cargo run --bin attune -- index assets/scenarios`"
    );
    let order: Vec<&str> = built.entries.iter().map(|e| e.file.as_str()).collect();
    let library: Vec<&str> = builtin::FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(order, library);
}

#[test]
fn attune_index_lists_clean_files_and_refuses_broken_ones() {
    let dir = std::env::temp_dir().join(format!("attune-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in &builtin::FILES[..2] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(dir.join("broken.toml"), "id = \"broken\"\ntitle = 3\n").unwrap();
    std::fs::write(
        dir.join("cp1252.toml"),
        b"id = \"x\"\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a scenario").unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
            .args(args)
            .arg(&dir)
            .output()
            .unwrap()
    };
    let out = run(&["index"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("broken.toml:2:"), "{text}");
    assert!(
        text.contains("cp1252.toml:2:13: error:") && text.contains("save the file as UTF-8"),
        "{text}"
    );
    assert!(text.contains("2 scenario(s) listed, 2 refused"), "{text}");
    let index = std::fs::read_to_string(dir.join("index.toml")).unwrap();
    let entries = attune::catalog::parse_index("index.toml", &index).unwrap();
    assert_eq!(entries.len(), 2);
    // Fixed, the files are all listed, and --check agrees the index is current.
    std::fs::remove_file(dir.join("broken.toml")).unwrap();
    std::fs::remove_file(dir.join("cp1252.toml")).unwrap();
    assert_eq!(run(&["index", "--check"]).status.code(), Some(0));
    std::fs::write(dir.join("third.toml"), builtin::FILES[2].1).unwrap();
    assert_eq!(run(&["index", "--check"]).status.code(), Some(1));
    assert_eq!(run(&["index"]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shipped_scenarios_have_no_problems_at_all() {
    for r in builtin::reports() {
        let problems: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert!(problems.is_empty(), "{problems:#?}");
    }
    let ids: BTreeSet<attune::ids::ScenarioId> =
        builtin::scenarios().into_iter().map(|s| s.id).collect();
    assert_eq!(
        ids.len(),
        builtin::FILES.len(),
        "scenario ids must be unique"
    );
    for required in ["irate-customer", "interrupting-physician", "yes-and"] {
        assert!(
            ids.contains(required),
            "missing required scenario {required}"
        );
    }
}

#[test]
fn shipped_scenarios_are_substantial() {
    for s in builtin::scenarios() {
        assert!(s.beats.len() >= 20, "{}: {} beats", s.id, s.beats.len());
        assert!(
            s.endings.len() >= 3,
            "{}: {} endings",
            s.id,
            s.endings.len()
        );
        let outcomes: BTreeSet<Outcome> = s.endings.iter().map(|e| e.outcome).collect();
        assert!(
            outcomes.contains(&Outcome::Repaired) && outcomes.contains(&Outcome::Lost),
            "{}: endings must run from a repaired relationship to a lost one",
            s.id
        );
        let shortest = shortest_path_replies(&s).unwrap();
        assert!(
            shortest >= 6,
            "{}: an ending is {shortest} replies from the start",
            s.id
        );
    }
}

/// The best reply must not be guessable as the longest one.
#[test]
fn best_replies_are_not_simply_the_longest() {
    for s in builtin::scenarios() {
        let (mut beats, mut longest_is_best) = (0, 0);
        for b in &s.beats {
            let Some(best) = b.choices.iter().find(|c| c.quality == Some(Quality::Best)) else {
                continue;
            };
            if b.choices.len() < 2 {
                continue;
            }
            beats += 1;
            let longest = b.choices.iter().map(|c| c.text.len()).max().unwrap();
            if best.text.len() == longest {
                longest_is_best += 1;
            }
        }
        let share = f64::from(longest_is_best) / f64::from(beats);
        assert!(
            share <= 0.5,
            "{}: the best reply is the longest in {longest_is_best} of {beats} beats",
            s.id
        );
    }
}

#[test]
fn scenarios_round_trip_through_toml() {
    for s in builtin::scenarios() {
        let text = toml::to_string(&s).unwrap();
        let back = scenario::parse("round-trip.toml", &text).unwrap();
        // The same scenario, from another text: only the file's fingerprint differs.
        assert_ne!(back.revision, s.revision);
        let back = scenario::Scenario {
            revision: s.revision,
            ..back
        };
        assert_eq!(back, s, "{} changed through TOML", s.id);
    }
}

#[test]
fn seeded_random_playthroughs_reach_every_ending_and_never_stick() {
    for s in builtin::scenarios() {
        let r = playtest(&s, 400, 20_261_123);
        assert!(r.stuck.is_empty(), "{}: {:#?}", s.id, r.stuck);
        assert!(
            r.unreached_endings.is_empty(),
            "{}: never reached {:?}",
            s.id,
            r.unreached_endings
        );
        assert!(
            r.unvisited_beats.is_empty(),
            "{}: never visited {:?}",
            s.id,
            r.unvisited_beats
        );
        assert!(
            r.interruptions > 0,
            "{}: the random player should sometimes cut in",
            s.id
        );
        // Same seed, same report: nothing depends on a clock or global randomness.
        assert_eq!(playtest(&s, 50, 7), playtest(&s, 50, 7));
    }
}

/// The complete example in the format documentation is itself a clean, playable scenario.
#[test]
fn the_documented_example_is_valid() {
    let doc = include_str!("../docs/scenario-format.md");
    let start = doc.find("```toml\n").expect("an example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let report = attune::validate::check_file("docs/scenario-format.md", &doc[start..end]);
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let s = report.scenario.unwrap();
    let r = playtest(&s, 200, 1);
    assert!(!r.failed(), "{r:#?}");
}

/// The analyzer, not the files, separates the paths: in every shipped scenario the path
/// of replies marked best scores at least 80 on both dimensions and the path of the
/// worst replies at most 35, with at most one author's score override per scenario.
#[test]
fn the_best_path_scores_high_and_the_worst_path_low_in_every_scenario() {
    use attune::playtest::{play_path, PathKind};
    for s in builtin::scenarios() {
        let overrides = s
            .beats
            .iter()
            .flat_map(|b| &b.choices)
            .filter(|c| c.score.is_some())
            .count();
        assert!(overrides <= 1, "{}: {overrides} score overrides", s.id);
        let best = play_path(&s, PathKind::Best);
        let worst = play_path(&s, PathKind::Worst);
        assert!(best.ending.is_some() && worst.ending.is_some(), "{}", s.id);
        assert!(
            best.score.presence >= 80 && best.score.listening >= 80,
            "{}: best path scores presence {}, listening {}",
            s.id,
            best.score.presence,
            best.score.listening
        );
        assert!(
            worst.score.presence <= 35 && worst.score.listening <= 35,
            "{}: worst path scores presence {}, listening {}",
            s.id,
            worst.score.presence,
            worst.score.listening
        );
        // The paths end apart too: the best repairs the relationship, the worst loses it.
        assert_eq!(best.outcome.as_deref(), Some("repaired"), "{}", s.id);
        assert_eq!(worst.outcome.as_deref(), Some("lost"), "{}", s.id);
    }
}

#[test]
fn playtest_path_prints_one_json_object_per_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["playtest", "--path", "best", "--json"])
        .arg(dir.join("irate-customer.toml"))
        .arg(dir.join("yes-and.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("irate-customer.toml"));
    assert_eq!(lines[0]["path"], "best");
    assert_eq!(lines[0]["ending"], "repaired");
    assert_eq!(lines[0]["outcome"], "repaired");
    assert!(lines[1]["presence"].as_u64().unwrap() >= 80);
    assert!(lines[1]["listening"].as_u64().unwrap() >= 80);
    // A bad path word is a usage error.
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["playtest", "--path", "middling"])
        .arg(dir.join("yes-and.toml"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// The playtest says how each ending was reached: the runs that arrived, the mood they
/// arrived in, and the routes taken, and names a typical run.
#[test]
fn playtest_reports_each_endings_arrivals_routes_and_a_typical_run() {
    let s = attune::scenario::parse("mini.toml", include_str!("data/minimal.toml")).unwrap();
    let r = playtest(&s, 300, 3);
    // Every run that ended is counted once, under its ending, in the scenario's order.
    let arrived: u32 = r.arrivals.iter().map(|a| a.runs).sum();
    assert_eq!(arrived, r.endings.values().sum::<u32>());
    let order: Vec<&str> = r.arrivals.iter().map(|a| a.ending.as_str()).collect();
    assert_eq!(order, ["good", "bad"]);
    for a in &r.arrivals {
        assert_eq!(a.runs, r.endings[&a.ending]);
        assert!(a.agitation.0 <= a.agitation.1 && a.trust.0 <= a.trust.1);
        // Routes: most taken first, their counts never more than the runs.
        assert!(a.routes.windows(2).all(|w| w[0].1 >= w[1].1), "{a:?}");
        assert!(a.routes.iter().map(|r| r.1).sum::<u32>() <= a.runs);
        assert!(a.route_count >= a.routes.len());
        assert!(a.routes.iter().all(|(route, _)| route[0] == "a"));
    }
    // "bad" is reached only by the reply that leaves trust low: on arrival, trust is
    // below the 60 that would have routed it to "good".
    let bad = r.arrivals.iter().find(|a| a.ending == "bad").unwrap();
    assert!(bad.trust.1 < 60, "{bad:?}");
    let good = r.arrivals.iter().find(|a| a.ending == "good").unwrap();
    // Going on without interrupting, then naming what mattered, lifts trust past 60.
    assert!(good.trust.1 >= 60, "{good:?}");
    // The typical run is one of the runs, and its scores are the median's.
    let t = r.typical.as_ref().unwrap();
    assert!(t.run < 300 && t.seed == 3 + u64::from(t.run));
    assert!(order.contains(&t.ending.as_str()));
}

#[test]
fn playtest_json_holds_the_report_and_both_paths() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["playtest", "--json", "--runs", "100"])
        .arg(dir.join("yes-and.toml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(line["runs"], 100);
    assert!(line["arrivals"].as_array().unwrap().len() >= 2, "{line}");
    assert_eq!(line["best"]["outcome"], "repaired");
    assert_eq!(line["worst"]["outcome"], "lost");
    assert!(line["typical"]["presence"].is_u64(), "{line}");
}
