//! How long validating and playtesting a large scenario takes (`cargo bench --bench validate`).

use attune::playtest::playtest;
use attune::validate::check_file;
use std::fmt::Write;
use std::time::Instant;

/// A scenario of `n` beats in a chain, each with three replies (one a detour back),
/// a variant and a route: every check has work to do.
fn large_scenario(n: usize) -> String {
    let mut s = String::from(
        "id = \"large\"\ntitle = \"Large\"\nsummary = \"A generated scenario.\"\ntrainee_role = \"Tester\"\n\
         setting = \"A benchmark\"\nminutes = 60\ndifficulty = \"advanced\"\nstart = \"b0\"\n\
         [partner]\nname = \"Pat\"\nrole = \"customer\"\n",
    );
    for i in 0..n {
        let next = if i + 1 == n {
            "end".to_string()
        } else {
            format!("b{}", i + 1)
        };
        let back = format!("b{}", i.saturating_sub(1));
        writeln!(
            s,
            "[[beat]]\nid = \"b{i}\"\nlines = [{{ text = \"Sentence one of beat {i}, said at a steady pace.\" }}, \
             {{ text = \"Sentence two, which matters.\", key = \"k{i}\" }}]\n\
             [[beat.variant]]\nwhen = \"trust < 20 and remembers m\"\nlines = [{{ text = \"Another way to say it.\" }}]\n\
             [[beat.choice]]\ntext = \"A reply that moves on.\"\ngoto = \"{next}\"\neffect = {{ trust = 2 }}\nremember = [\"m\"]\n\
             [[beat.choice.route]]\nwhen = \"interrupted\"\ngoto = \"{back}\"\n\
             [[beat.choice]]\ntext = \"A reply that goes back.\"\ngoto = \"{back}\"\neffect = {{ agitation = 3 }}\n\
             [[beat.choice]]\ntext = \"A reply that also moves on.\"\ngoto = \"{next}\"\nwhen = \"heard k{i}\"\n"
        )
        .unwrap();
    }
    s.push_str("[[ending]]\nid = \"end\"\ntitle = \"The end\"\noutcome = \"steady\"\ndebrief = \"Done.\"\n");
    s
}

fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(|a, b| a.total_cmp(b));
    runs[runs.len() / 2]
}

fn main() {
    // 300 beats is the most a scenario may have (`Scenario::MAX_BEATS`).
    for beats in [100, 300] {
        let text = large_scenario(beats);
        let report = check_file("large.toml", &text);
        assert!(!report.has_errors(), "{:?}", report.problems.first());
        let runs: Vec<f64> = (0..11)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(check_file("large.toml", std::hint::black_box(&text)));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        println!(
            "validate: {beats:>5} beats, {:>4} KB of TOML: median {:.2} ms",
            text.len() / 1024,
            median_ms(runs)
        );
    }
    let shipped = attune::builtin::FILES
        .iter()
        .find(|(n, _)| *n == "irate-customer.toml")
        .unwrap()
        .1;
    let runs: Vec<f64> = (0..51)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(check_file(
                "irate-customer.toml",
                std::hint::black_box(shipped),
            ));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    println!(
        "validate: irate-customer.toml ({} beats): median {:.2} ms",
        24,
        median_ms(runs)
    );
    let s = check_file("irate-customer.toml", shipped).scenario.unwrap();
    let t = Instant::now();
    let r = playtest(&s, 1_000, 1);
    println!(
        "playtest: 1000 playthroughs of irate-customer: {:.0} ms ({} endings reached)",
        t.elapsed().as_secs_f64() * 1e3,
        r.endings.len()
    );
}
