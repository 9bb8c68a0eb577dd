//! `attune`: check and playtest scenario files from the command line.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    /// Prints a line; a closed pipe (`attune ... | head`) is not an error worth a panic.
    macro_rules! say {
        ($($t:tt)*) => {{
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), $($t)*);
        }};
    }

    use attune::playtest::{playtest, shortest_path_replies};
    use attune::validate::check_file;
    use clap::{Parser, Subcommand};
    use std::path::PathBuf;
    use std::process::ExitCode;

    /// Attune's tool for scenario authors: check scenario files and playtest them.
    #[derive(Parser)]
    #[command(name = "attune", version, about, long_about = None)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Check scenario files; prints every problem and exits 1 if any is an error.
        Validate {
            /// Scenario files (TOML).
            #[arg(required = true)]
            files: Vec<PathBuf>,
        },
        /// Score replies: reads JSON Lines on standard input, one
        /// {"said": "...", "reply": "...", "elapsed_ms": 12000, "speech_ms": 30000} per line
        /// (timing optional; an optional "earlier" holds what they said before), and writes one
        /// JSON line per input, in order.
        /// A malformed line gets {"error": "..."}; exits 1 at the end if any line failed.
        Score,
        /// Write the index of a scenarios folder (`DIR/index.toml`), which the app's library
        /// is drawn from: every scenario file in DIR is checked, and a file with errors is
        /// left out, with its errors printed (exit 1). Keeps the order of the index already
        /// there; new files follow by name.
        Index {
            /// The folder of scenario files (the built site's `scenarios/`).
            dir: PathBuf,
            /// Write nothing; exit 1 if the index there is not what would be written.
            #[arg(long)]
            check: bool,
        },
        /// Make a Twine story into a scenario file: Twee 3, or Twine 2 (or Twine 1) HTML,
        /// published or archived. Prints what it changed or left out, and what is left to
        /// write; exits 1 if the story cannot be read or the result has errors.
        Import {
            /// The story file (.twee, .tw, .html).
            story: PathBuf,
            /// Where to write the scenario (TOML); standard output if not given.
            #[arg(short, long)]
            output: Option<PathBuf>,
            /// The story to take from an archive that holds several, by name.
            #[arg(long)]
            story_name: Option<String>,
        },
        /// Package the built site for a learning management system: `scorm` writes a SCORM 1.2
        /// zip (imsmanifest.xml at its root, one SCO) to upload as a course.
        Package {
            /// The package's kind.
            #[arg(value_parser = ["scorm"])]
            kind: String,
            /// The built site (`trunk build --release`).
            #[arg(long, default_value = "dist")]
            site: PathBuf,
            /// The zip to write.
            #[arg(short, long, default_value = "attune-scorm.zip")]
            output: PathBuf,
            /// The course's title in the LMS.
            #[arg(long, default_value = "Attune: presence and listening")]
            title: String,
            /// Scenario ids to offer, comma separated (all the site's if not given).
            #[arg(long, value_delimiter = ',')]
            scenarios: Vec<attune::ids::ScenarioId>,
            /// Fix the mode for the course: `coach` (feedback after each reply) or
            /// `assessment` (only at the end).
            #[arg(long, value_parser = ["coach", "assessment"])]
            mode: Option<String>,
            /// The score, 0 to 100 (the mean of presence and listening), that passes; without
            /// one a finished attempt is `completed`.
            #[arg(long, value_parser = clap::value_parser!(u8).range(0..=100))]
            pass_mark: Option<u8>,
        },
        /// Play each scenario many times at random; exits 1 on a dead end or an ending no run reaches.
        Playtest {
            /// Scenario files (TOML).
            #[arg(required = true)]
            files: Vec<PathBuf>,
            /// Playthroughs per file.
            #[arg(long, default_value_t = 200)]
            runs: u32,
            /// Seed of the first playthrough; run i uses seed + i.
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// Instead of random playthroughs, play one scripted path: `best` takes the reply
            /// marked best (else the highest quality on offer) once they finish, `worst` the
            /// lowest quality on offer; prints its ending and conversation scores.
            #[arg(long, value_parser = ["best", "worst"])]
            path: Option<String>,
            /// One JSON object per file instead of text (with --path, its ending and scores;
            /// without, the whole playtest report with the best and worst paths).
            #[arg(long)]
            json: bool,
        },
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            Err(e) => {
                let _ = e.print();
                // Help and version are successes; anything else is a usage error.
                return if e.use_stderr() {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                };
            }
        };
        match cli.command {
            Command::Validate { files } => validate(&files),
            Command::Playtest {
                files,
                path: Some(path),
                json,
                ..
            } => run_path(&files, &path, json),
            Command::Playtest {
                files,
                runs,
                seed,
                json,
                ..
            } => run_playtest(&files, runs, seed, json),
            Command::Score => score(),
            Command::Index { dir, check } => index(&dir, check),
            Command::Import {
                story,
                output,
                story_name,
            } => import(&story, output.as_deref(), story_name.as_deref()),
            Command::Package {
                kind: _,
                site,
                output,
                title,
                scenarios,
                mode,
                pass_mark,
            } => package(
                &site,
                &output,
                &attune::scorm::Options {
                    title,
                    scenarios,
                    mode,
                    pass_mark,
                },
            ),
        }
    }

    /// One line of `attune score` input.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ScoreLine {
        said: String,
        #[serde(default)]
        earlier: String,
        reply: String,
        #[serde(default)]
        elapsed_ms: Option<u64>,
        #[serde(default)]
        speech_ms: Option<u64>,
    }

    fn score() -> ExitCode {
        use std::io::{BufRead, Write};
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut failed = false;
        for (n, line) in stdin.lock().split(b'\n').enumerate() {
            let number = n + 1;
            let result = match line {
                Err(e) => Err(format!("line {number}: cannot read: {e}")),
                Ok(bytes) => match std::str::from_utf8(&bytes) {
                    Err(e) => Err(format!(
                        "line {number}: not UTF-8 (bad byte at column {})",
                        e.valid_up_to() + 1
                    )),
                    Ok(text) if text.trim().is_empty() => continue,
                    Ok(text) => serde_json::from_str::<ScoreLine>(text)
                        .map_err(|e| format!("line {number}: {e}"))
                        .map(|l| {
                            attune::analyzer::analyze(&attune::analyzer::Input {
                                said: &l.said,
                                earlier: &l.earlier,
                                reply: &l.reply,
                                elapsed_ms: l.elapsed_ms,
                                speech_ms: l.speech_ms,
                            })
                        }),
                },
            };
            let json = match result {
                Ok(a) => serde_json::to_string(&a),
                Err(e) => {
                    failed = true;
                    serde_json::to_string(&serde_json::json!({ "error": e }))
                }
            };
            if writeln!(out, "{}", json.unwrap_or_default()).is_err() {
                break;
            }
        }
        let _ = out.flush();
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    fn read(path: &PathBuf) -> Result<String, String> {
        let name = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|e| format!("{name}: error: cannot read the file: {e}"))?;
        attune::catalog::utf8_text(&name, bytes)
    }

    /// `attune package scorm`: the site, as it will be in the zip (path inside, bytes).
    fn package(
        site: &std::path::Path,
        output: &std::path::Path,
        options: &attune::scorm::Options,
    ) -> ExitCode {
        match package_files(site, options).and_then(|files| write_zip(output, &files)) {
            Ok(n) => {
                eprintln!(
                    "{}: a SCORM 1.2 package of {n} files; upload it to the LMS as a course (see the README)",
                    output.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("attune package: {e}");
                ExitCode::FAILURE
            }
        }
    }

    fn package_files(
        site: &std::path::Path,
        options: &attune::scorm::Options,
    ) -> Result<Vec<(String, Vec<u8>)>, String> {
        let read = |rel: &str| {
            std::fs::read(site.join(rel)).map_err(|e| {
                format!(
                    "{}: cannot read it ({e}): build the site first (`trunk build --release`)",
                    site.join(rel).display()
                )
            })
        };
        let index_html = String::from_utf8(read("index.html")?)
            .map_err(|_| "index.html is not UTF-8".to_string())?;
        let index_toml = String::from_utf8(read("scenarios/index.toml")?)
            .map_err(|_| "scenarios/index.toml is not UTF-8".to_string())?;
        let (index, offered) = attune::scorm::index(&index_toml, &options.scenarios)?;
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut walk = vec![site.to_path_buf()];
        while let Some(dir) = walk.pop() {
            let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .map(|e| e.map(|e| e.path()).map_err(|e| e.to_string()))
                .collect::<Result<_, _>>()?;
            entries.sort();
            for path in entries {
                let rel = path
                    .strip_prefix(site)
                    .map_err(|e| e.to_string())?
                    .to_string_lossy()
                    .replace('\\', "/");
                if path.is_dir() {
                    // The trainer's tools stay on the trainers' own site.
                    if rel != "trainer" {
                        walk.push(path);
                    }
                    continue;
                }
                let bytes = match rel.as_str() {
                    "index.html" => attune::scorm::page(&index_html)?.into_bytes(),
                    "scenarios/index.toml" => index.clone().into_bytes(),
                    r if r.starts_with("scenarios/") => {
                        if !offered.iter().any(|f| r == format!("scenarios/{f}")) {
                            continue;
                        }
                        std::fs::read(&path).map_err(|e| e.to_string())?
                    }
                    _ => std::fs::read(&path).map_err(|e| e.to_string())?,
                };
                files.push((rel, bytes));
            }
        }
        files.push((
            attune::scorm::SCRIPT_FILE.to_string(),
            attune::scorm::script(options).into_bytes(),
        ));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        files.insert(
            0,
            (
                "imsmanifest.xml".to_string(),
                attune::scorm::manifest(options, &names).into_bytes(),
            ),
        );
        Ok(files)
    }

    fn write_zip(output: &std::path::Path, files: &[(String, Vec<u8>)]) -> Result<usize, String> {
        use std::io::Write;
        let file =
            std::fs::File::create(output).map_err(|e| format!("{}: {e}", output.display()))?;
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options)
                .map_err(|e| e.to_string())?;
            zip.write_all(bytes).map_err(|e| e.to_string())?;
        }
        zip.finish().map_err(|e| e.to_string())?;
        Ok(files.len())
    }

    /// `attune import`: the scenario on standard output or in a file; the notes, the
    /// check's problems and what is left to write on standard error.
    fn import(story: &PathBuf, output: Option<&std::path::Path>, pick: Option<&str>) -> ExitCode {
        let name = story.display().to_string();
        let imported = match read(story).and_then(|text| attune::twine::import(&name, &text, pick))
        {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        for n in &imported.notes {
            eprintln!("{}", n.show(&name));
        }
        let out_name = output.map_or_else(
            || format!("{}.toml", imported.id),
            |p| p.display().to_string(),
        );
        let report = check_file(&out_name, &imported.toml);
        for p in &report.problems {
            eprintln!("{p}");
        }
        match output {
            Some(path) => {
                if let Err(e) = std::fs::write(path, &imported.toml) {
                    eprintln!("{out_name}: error: cannot write the file: {e}");
                    return ExitCode::FAILURE;
                }
                eprintln!(
                    "{name}: \u{201c}{}\u{201d} imported into {out_name}",
                    imported.story
                );
            }
            None => print!("{}", imported.toml),
        }
        for w in &imported.to_write {
            eprintln!("still to write: {w}");
        }
        if report.has_errors() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    /// Reads and checks a scenario file to play it: its name and scenario, or the lines
    /// that say why it cannot be (the file unreadable, or each error, then "not {verb}").
    fn playable(
        path: &PathBuf,
        verb: &str,
    ) -> Result<(String, attune::scenario::Scenario), Vec<String>> {
        let name = path.display().to_string();
        let text = read(path).map_err(|msg| vec![msg])?;
        let report = check_file(&name, &text);
        match report.playable() {
            Some(s) => Ok((name, s.clone())),
            None => {
                let mut lines = report.errors();
                lines.push(format!("{name}: not {verb}: fix the errors above first"));
                Err(lines)
            }
        }
    }

    /// Whether a path names a scenarios folder's index rather than a scenario.
    fn is_index(path: &std::path::Path) -> bool {
        path.file_name()
            .is_some_and(|n| n == attune::catalog::INDEX_FILE)
    }

    /// Writes (or with `check`, compares) the index of a scenarios folder: exits 1 if a
    /// file was refused or, with `check`, if the index on disk is not what it would write.
    fn index(dir: &std::path::Path, check: bool) -> ExitCode {
        use attune::catalog::{index, INDEX_FILE};
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{}: error: cannot read the folder: {e}", dir.display());
                return ExitCode::from(2);
            }
        };
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") && name != INDEX_FILE && path.is_file() {
                files.push((name, read(&path)));
            }
        }
        let index_path = dir.join(INDEX_FILE);
        let previous = std::fs::read_to_string(&index_path).ok();
        let built = index(&files, previous.as_deref());
        for w in &built.warnings {
            say!("{w}");
        }
        for (name, problems) in &built.refused {
            for p in problems {
                say!("{p}");
            }
            say!("{name}: not listed: fix the errors above, then run `attune index` again");
        }
        let mut failed = !built.refused.is_empty();
        if check {
            if previous.as_deref() == Some(built.text.as_str()) {
                say!(
                    "{}: up to date ({} scenarios)",
                    index_path.display(),
                    built.entries.len()
                );
            } else {
                say!(
                    "{}: error: out of date; run `attune index {}` to write it",
                    index_path.display(),
                    dir.display()
                );
                failed = true;
            }
        } else if let Err(e) = std::fs::write(&index_path, &built.text) {
            eprintln!(
                "{}: error: cannot write the index: {e}",
                index_path.display()
            );
            return ExitCode::FAILURE;
        } else {
            say!(
                "{}: {} scenario(s) listed, {} refused",
                index_path.display(),
                built.entries.len(),
                built.refused.len()
            );
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    fn validate(files: &[PathBuf]) -> ExitCode {
        let mut errors = 0;
        let mut warnings = 0;
        for path in files {
            let text = match read(path) {
                Ok(t) => t,
                Err(msg) => {
                    eprintln!("{msg}");
                    errors += 1;
                    continue;
                }
            };
            if is_index(path) {
                match attune::catalog::parse_index(&path.display().to_string(), &text) {
                    Ok(entries) => say!(
                        "{}: ok (an index of {} scenarios)",
                        path.display(),
                        entries.len()
                    ),
                    Err(e) => {
                        say!("{e}");
                        errors += 1;
                    }
                }
                continue;
            }
            let report = check_file(&path.display().to_string(), &text);
            for p in &report.problems {
                say!("{p}");
            }
            let (e, w) = report.counts();
            errors += e;
            warnings += w;
            if report.problems.is_empty() {
                say!("{}: ok", path.display());
            }
        }
        say!(
            "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
            files.len()
        );
        if errors > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    /// "40" or "35 to 60".
    fn range((lo, hi): (i32, i32)) -> String {
        if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} to {hi}")
        }
    }

    /// "opening → apology → plan" (the beats replied in).
    fn route_text(route: &[attune::ids::NodeId]) -> String {
        if route.is_empty() {
            "no reply".into()
        } else {
            route.join(" \u{2192} ")
        }
    }

    /// "ending x (label), 6 replies; presence 82, listening 88".
    fn path_line(
        scenario: &attune::scenario::Scenario,
        p: &attune::playtest::PathReport,
    ) -> String {
        let ending = match p.ending.as_ref().and_then(|e| scenario.ending(e)) {
            Some(e) => format!("ending {} ({})", e.id, e.outcome.label()),
            None => format!("no ending ({})", p.stuck.as_deref().unwrap_or("stopped")),
        };
        format!(
            "{ending}, {} replies; presence {}, listening {}",
            p.replies.len(),
            p.score.presence,
            p.score.listening
        )
    }

    /// Plays the best or worst path through each file; exits 1 if a file cannot be played or
    /// its path does not reach an ending.
    fn run_path(files: &[PathBuf], path: &str, json: bool) -> ExitCode {
        use attune::playtest::{play_path, PathKind};
        let Some(kind) = PathKind::from_word(path) else {
            eprintln!("attune: --path takes `best` or `worst`");
            return ExitCode::from(2);
        };
        let mut failed = false;
        for file in files.iter().filter(|f| !is_index(f)) {
            // Problems go to standard error, so standard output stays one JSON line a file.
            let (name, scenario) = match playable(file, "played") {
                Ok(found) => found,
                Err(lines) => {
                    lines.iter().for_each(|l| eprintln!("{l}"));
                    failed = true;
                    continue;
                }
            };
            let scenario = &scenario;
            let r = play_path(scenario, kind);
            failed |= r.ending.is_none();
            if json {
                /// One line of `attune playtest --path ... --json`, fields in this order.
                #[derive(serde::Serialize)]
                struct Line<'a> {
                    file: &'a str,
                    path: &'a str,
                    ending: Option<&'a str>,
                    outcome: Option<&'a str>,
                    presence: u8,
                    listening: u8,
                }
                let line = Line {
                    file: &name,
                    path: kind.word(),
                    ending: r.ending.as_ref().map(|e| e.as_str()),
                    outcome: r.outcome.as_deref(),
                    presence: r.score.presence,
                    listening: r.score.listening,
                };
                say!("{}", serde_json::to_string(&line).unwrap_or_default());
                continue;
            }
            say!(
                "{name}: the {} path ({} replies)",
                kind.word(),
                r.replies.len()
            );
            let label = r
                .ending
                .as_ref()
                .and_then(|e| scenario.ending(e))
                .map(|e| e.outcome.label());
            match (&r.ending, label) {
                (Some(e), Some(o)) => say!("  ending {e} ({o})"),
                _ => say!(
                    "  error: no ending reached: {}",
                    r.stuck.as_deref().unwrap_or("stopped")
                ),
            }
            say!(
                "  presence {}, listening {}; {} reflection(s), {} question(s), {} interruption(s)",
                r.score.presence,
                r.score.listening,
                r.score.reflections,
                r.score.questions,
                r.score.interruptions
            );
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    fn run_playtest(files: &[PathBuf], runs: u32, seed: u64, json: bool) -> ExitCode {
        use attune::playtest::{play_path, PathKind};
        let mut failed = false;
        for path in files.iter().filter(|f| !is_index(f)) {
            let (name, scenario) = match playable(path, "playtested") {
                Ok(found) => found,
                Err(lines) => {
                    lines
                        .iter()
                        .for_each(|l| if json { eprintln!("{l}") } else { say!("{l}") });
                    failed = true;
                    continue;
                }
            };
            let scenario = &scenario;
            let r = playtest(scenario, runs, seed);
            let best = play_path(scenario, PathKind::Best);
            let worst = play_path(scenario, PathKind::Worst);
            failed |= r.failed();
            if json {
                /// One line of `attune playtest --json`.
                #[derive(serde::Serialize)]
                struct Report<'a> {
                    file: &'a str,
                    seed: u64,
                    #[serde(flatten)]
                    report: &'a attune::playtest::PlaytestReport,
                    shortest_path_replies: Option<usize>,
                    best: &'a attune::playtest::PathReport,
                    worst: &'a attune::playtest::PathReport,
                }
                let line = Report {
                    file: &name,
                    seed,
                    report: &r,
                    shortest_path_replies: shortest_path_replies(scenario),
                    best: &best,
                    worst: &worst,
                };
                say!("{}", serde_json::to_string(&line).unwrap_or_default());
                continue;
            }
            say!(
                "{name}: {} playthroughs (seeds {seed}..{})",
                r.runs,
                seed.wrapping_add(u64::from(runs))
            );
            for e in &scenario.endings {
                say!(
                    "  ending {:<24} {:>6} ({})",
                    e.id,
                    r.endings.get(&e.id).copied().unwrap_or(0),
                    e.outcome.label()
                );
                if let Some(a) = r.arrivals.iter().find(|a| a.ending == e.id) {
                    say!(
                        "    on arrival: agitation {}, trust {}",
                        range(a.agitation),
                        range(a.trust)
                    );
                    for (route, n) in &a.routes {
                        say!("    {n:>4} by {}", route_text(route));
                    }
                    if a.route_count > a.routes.len() {
                        say!(
                            "         and {} other route(s)",
                            a.route_count - a.routes.len()
                        );
                    }
                }
            }
            for p in [&best, &worst] {
                say!("  the {} path: {}", p.path.word(), path_line(scenario, p));
            }
            if let Some(t) = &r.typical {
                say!(
                    "  a typical run (median scores; run {}, seed {}): ending {}, {} replies; presence {}, listening {}",
                    t.run, t.seed, t.ending, t.replies, t.presence, t.listening
                );
            }
            if let Some(n) = shortest_path_replies(scenario) {
                say!("  shortest path to an ending: {n} replies");
            }
            if let Some(n) = r.fewest_replies {
                say!("  fewest replies in a playthrough: {n}");
            }
            for b in &r.unvisited_beats {
                say!("  warning: beat `{b}` was never visited");
            }
            for e in &r.unreached_endings {
                say!("  error: ending `{e}` was never reached");
            }
            for s in &r.stuck {
                say!(
                    "  error: dead end in beat `{}` (run {}, seed {}): {}",
                    s.beat,
                    s.run,
                    s.seed,
                    s.reason
                );
            }
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}
