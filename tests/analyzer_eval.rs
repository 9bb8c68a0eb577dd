//! The analyzer against its labelled sets: `tests/data/eval/widened.toml` (written and
//! labelled before the analyzer was run on it) and `tests/data/eval/replies.toml` (the
//! first, smaller set). Per-signal precision and recall, and accuracy on better/worse
//! pairs. Run with `--nocapture` to see the tables.
#![cfg(not(target_arch = "wasm32"))]

use attune::analyzer::{analyze, Input, SignalId};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    prompt: Vec<Prompt>,
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Prompt {
    id: String,
    said: String,
    #[serde(default)]
    earlier: String,
    speech_ms: Option<u64>,
    reply: Vec<Reply>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reply {
    text: String,
    elapsed_ms: Option<u64>,
    #[serde(default)]
    register: Option<String>,
    must: Vec<String>,
    not: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    prompt: String,
    dimension: String,
    better: String,
    worse: String,
}

fn load(text: &str) -> Set {
    toml::from_str(text).expect("the evaluation set parses")
}

fn widened() -> Set {
    load(include_str!("data/eval/widened.toml"))
}

fn first() -> Set {
    load(include_str!("data/eval/replies.toml"))
}

fn ids(names: &[String]) -> Vec<SignalId> {
    names
        .iter()
        .map(|n| {
            SignalId::from_name(n)
                .unwrap_or_else(|| panic!("unknown signal `{n}` in the evaluation set"))
        })
        .collect()
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

fn analysis(p: &Prompt, r: &Reply) -> attune::analyzer::Analysis {
    analyze(&Input {
        said: &p.said,
        earlier: &p.earlier,
        reply: &r.text,
        elapsed_ms: r.elapsed_ms,
        speech_ms: r.elapsed_ms.and(p.speech_ms),
    })
}

/// Runs a set; returns the failures against the bar and prints the table.
fn evaluate(name: &str, set: &Set, bar: f64, pair_bar: f64) -> Vec<String> {
    let mut counts: BTreeMap<SignalId, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for p in &set.prompt {
        for r in &p.reply {
            let a = analysis(p, r);
            for id in ids(&r.must) {
                let c = counts.entry(id).or_default();
                if a.has(id) {
                    c.tp += 1;
                } else {
                    c.fn_ += 1;
                    misses.push(format!("missed {:<15} [{}] {}", id.name(), p.id, r.text));
                }
            }
            for id in ids(&r.not) {
                if a.has(id) {
                    counts.entry(id).or_default().fp += 1;
                    misses.push(format!("false  {:<15} [{}] {}", id.name(), p.id, r.text));
                }
            }
        }
    }
    let mut pairs_right = 0;
    for pair in &set.pair {
        let p = set
            .prompt
            .iter()
            .find(|p| p.id == pair.prompt)
            .expect("pair's prompt");
        let score = |text: &str| {
            let r = p
                .reply
                .iter()
                .find(|r| r.text == text)
                .unwrap_or_else(|| panic!("pair reply not in the set: {text}"));
            let a = analysis(p, r);
            match pair.dimension.as_str() {
                "presence" => a.presence,
                "listening" => a.listening,
                other => panic!("unknown dimension {other}"),
            }
        };
        let (b, w) = (score(&pair.better), score(&pair.worse));
        if b > w {
            pairs_right += 1;
        } else {
            misses.push(format!(
                "pair {} {b} <= {w}: {} | {}",
                pair.dimension, pair.better, pair.worse
            ));
        }
    }
    println!("\n{name}");
    println!(
        "{:<16} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "signal", "tp", "fp", "fn", "precision", "recall"
    );
    let mut failures = Vec::new();
    for (id, c) in &counts {
        let precision = f64::from(c.tp) / f64::from((c.tp + c.fp).max(1));
        let recall = f64::from(c.tp) / f64::from((c.tp + c.fn_).max(1));
        println!(
            "{:<16} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
            id.name(),
            c.tp,
            c.fp,
            c.fn_,
            precision,
            recall
        );
        if precision < bar || recall < bar {
            failures.push(format!(
                "{name}: {}: precision {precision:.2}, recall {recall:.2}",
                id.name()
            ));
        }
    }
    let accuracy = f64::from(pairs_right) / set.pair.len() as f64;
    println!(
        "pairs: {pairs_right} of {} right ({accuracy:.2})",
        set.pair.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    if accuracy < pair_bar {
        failures.push(format!("{name}: pair accuracy {accuracy:.2}"));
    }
    failures
}

#[test]
fn the_widened_set_is_large_varied_and_covers_every_signal() {
    let set = widened();
    let replies: Vec<&Reply> = set.prompt.iter().flat_map(|p| &p.reply).collect();
    assert!(set.prompt.len() >= 25, "{} prompts", set.prompt.len());
    assert!(replies.len() >= 400, "{} replies", replies.len());
    assert!(set.pair.len() >= 60, "{} pairs", set.pair.len());
    let informal = replies
        .iter()
        .filter(|r| r.register.as_deref() == Some("informal"))
        .count();
    assert!(
        informal * 2 >= replies.len(),
        "{informal} of {} replies in the informal register",
        replies.len()
    );
    for &id in SignalId::ALL {
        let pos = replies
            .iter()
            .filter(|r| ids(&r.must).contains(&id))
            .count();
        let neg = replies.iter().filter(|r| ids(&r.not).contains(&id)).count();
        assert!(
            pos >= 2 && neg >= 2,
            "{}: {pos} positives, {neg} hard negatives",
            id.name()
        );
    }
}

#[test]
fn precision_recall_and_pair_accuracy_meet_the_bar() {
    let mut failures = evaluate("widened set", &widened(), 0.9, 0.9);
    failures.extend(evaluate("first set", &first(), 0.9, 0.9));
    assert!(failures.is_empty(), "below the bar: {failures:#?}");
}
