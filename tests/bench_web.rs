//! Scoring time per reply in the browser (Chromium), for `scripts/bench`.
//! Ignored in ordinary test runs: it measures, it does not check.
#![cfg(target_arch = "wasm32")]

use attune::analyzer::{analyze, Input};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../benches/score.rs"]
#[allow(dead_code)]
mod shared;

fn now() -> f64 {
    gloo::utils::window().performance().unwrap().now()
}

#[wasm_bindgen_test]
#[ignore]
fn scoring_time_per_reply_in_the_browser() {
    english();
    for words in [5, 40, 400] {
        let reply = shared::reply_of(words);
        let input = Input {
            said: shared::SAID,
            earlier: "",
            reply: &reply,
            elapsed_ms: Some(20_000),
            speech_ms: Some(15_000),
        };
        analyze(&input);
        let iterations = if words > 100 { 100 } else { 1_000 };
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = now();
                for _ in 0..iterations {
                    std::hint::black_box(analyze(std::hint::black_box(&input)));
                }
                (now() - t) * 1000.0 / f64::from(iterations)
            })
            .collect();
        runs.sort_by(|a, b| a.total_cmp(b));
        web_sys::console::log_1(
            &format!(
                "score: {words:>3}-word reply: median {:>8.1} µs per reply (Chromium, wasm)",
                runs[2]
            )
            .into(),
        );
    }
}

#[wasm_bindgen_test]
#[ignore]
fn reply_to_next_line_in_the_browser() {
    english();
    use attune::engine::{Action, Session};
    let scenario = attune::builtin::scenarios()
        .into_iter()
        .find(|s| s.id == "irate-customer")
        .unwrap();
    let start = Session::new(&scenario, 1, 0);
    let mut runs: Vec<f64> = (0..50)
        .map(|_| {
            let t = now();
            let next = start
                .apply(&scenario, &Action::Say { turn: 0, text: "Six days, four calls and nobody came. I'm sorry. I'll book a technician for tomorrow at nine and call you at eight.".into(), at_ms: 40_000 })
                .unwrap();
            std::hint::black_box(next.lines(&scenario));
            now() - t
        })
        .collect();
    runs.sort_by(|a, b| a.total_cmp(b));
    web_sys::console::log_1(&format!("reply: typed reply scored, routed and next beat ready: median {:.2} ms (Chromium, wasm; one frame is 16.7 ms)", runs[25]).into());
}

#[wasm_bindgen_test]
#[ignore]
fn opening_a_conversation_for_the_first_time() {
    use attune::analyzer::{en, Compiled, Lexicon};
    let median = |mut runs: Vec<f64>| {
        runs.sort_by(|a, b| a.total_cmp(b));
        runs[runs.len() / 2]
    };
    let words = median(
        (0..5)
            .map(|_| {
                let t = now();
                let lexicon = Lexicon::read(en::URL, en::TEXT).unwrap();
                std::hint::black_box(Compiled::new(&lexicon));
                now() - t
            })
            .collect(),
    );
    english();
    let (name, text) = attune::builtin::FILES[0];
    let entry = attune::catalog::Entry::of(name, &attune::builtin::read(0).unwrap());
    let check = median(
        (0..7)
            .map(|_| {
                let t = now();
                std::hint::black_box(attune::catalog::open(&entry, text)).unwrap();
                now() - t
            })
            .collect(),
    );
    web_sys::console::log_1(
        &format!(
            "start: opening a conversation: read the word lists {words:.1} ms (once), check {name} {check:.1} ms (Chromium, wasm, median)"
        )
        .into(),
    );
}

/// The analyzer's English data, as the app installs it once fetched.
fn english() {
    attune::analyzer::install_english(attune::analyzer::en::TEXT).unwrap();
}
