//! Scoring time per reply for replies of 5, 40 and 400 words, and for hostile replies
//! as long as a reply may be (`cargo bench --bench score`).

use attune::analyzer::{analyze, Input};
use std::time::Instant;

/// What the other person said, for every benchmark reply.
pub const SAID: &str = "This is the fourth time I've called. My internet has been down for six days, two technicians never showed up, and I work from home. I'm losing clients over this.";

/// A realistic reply of about `words` words, built from varied sentences.
pub fn reply_of(words: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Six days without internet and two no-shows, while you're trying to keep your clients.",
        "I'd be furious too.",
        "I'm sorry, but the technicians are booked by another team.",
        "I'll book a senior technician for tomorrow at nine and call you at eight to confirm.",
        "What has this week been like for your work?",
        "Thank you for staying with me on this.",
    ];
    let mut out = String::new();
    let mut n = 0;
    for s in SENTENCES.iter().cycle() {
        if n >= words {
            break;
        }
        let take: Vec<&str> = s.split_whitespace().take(words - n).collect();
        n += take.len();
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&take.join(" "));
    }
    out
}

/// Runs `analyze` on `reply` and returns the median microseconds per reply.
fn median_us(reply: &str, iterations: u32) -> f64 {
    let input = Input {
        said: SAID,
        earlier: "",
        reply,
        elapsed_ms: Some(20_000),
        speech_ms: Some(15_000),
    };
    analyze(&input); // Build the lexicon once, as the app does at its first reply.
    let mut runs: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iterations {
                std::hint::black_box(analyze(std::hint::black_box(&input)));
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(iterations)
        })
        .collect();
    runs.sort_by(|a, b| a.total_cmp(b));
    runs[3]
}

fn main() {
    // Repeated phrases that once made some rule quadratic, at the most a reply may hold
    // and at 32 times that (the analyzer reads no further than the cap).
    for phrase in [
        "you said ",
        "you said, ",
        "a, ",
        "so you, I'll send it today, but ",
    ] {
        for times in [1, 32] {
            let reply = phrase.repeat(attune::analyzer::MAX_REPLY_CHARS * times / phrase.len() + 1);
            println!(
                "score: {:>6}-char reply of {phrase:?} repeated: median {:>8.1} µs per reply",
                reply.len(),
                median_us(&reply, 20)
            );
        }
    }
    for words in [5, 40, 400] {
        let iterations = if words > 100 { 200 } else { 2_000 };
        println!(
            "score: {words:>3}-word reply: median {:>8.1} µs per reply (native, release)",
            median_us(&reply_of(words), iterations)
        );
    }
}
