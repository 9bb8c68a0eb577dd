//! Checks a scenario for mistakes a trainer can make; the CLI and the browser share it.

use crate::analyzer;
use crate::condition::{is_name, Atom, Condition};
pub use crate::graph::successors;
use crate::ids::NodeId;
use crate::scenario::Quality;
use crate::scenario::{self, Location, Scenario, Seg, SourceMap};
use crate::tomlread::Flaw;
use serde::Serialize;
use std::collections::HashSet;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario cannot be played as written.
    Error,
    /// The scenario plays, but probably not as meant.
    Warning,
}

/// What kind of problem it is; stable, for tests and tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The file is not valid TOML or does not have the scenario's shape.
    Syntax,
    /// A field the format does not know (often a typo).
    UnknownField,
    /// Two beats or endings share an id.
    DuplicateId,
    /// A `start`, `goto` or `next` names no beat or ending.
    UnknownTarget,
    /// No path from the start leads here.
    Unreachable,
    /// A beat that is not an ending has no way on.
    DeadEnd,
    /// Beats that lead only to each other, never to an ending.
    EndlessLoop,
    /// Text that must be written is empty.
    EmptyText,
    /// A number outside what the format allows.
    OutOfRange,
    /// A condition that no play can satisfy.
    NeverHolds,
    /// An id, memory or key with characters the format does not allow.
    BadName,
    /// Two fields that cannot go together, such as a `speaker` on a line of narration.
    Conflict,
    /// A reply's declared `quality` disagrees with what the analyzer reads in it.
    QualityMismatch,
    /// The file holds more than a scenario may (see `scenario::limits`), or has more
    /// problems than one report lists.
    Limit,
}

/// One problem found in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub kind: Kind,
    pub location: Location,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        f.write_str(&self.location.message(sev, &self.message))
    }
}

/// A file's scenario, if it could be read, and every problem found in it.
#[derive(Clone, Debug)]
pub struct Report {
    pub scenario: Option<Scenario>,
    pub problems: Vec<Problem>,
    /// Errors and warnings past [`MAX_PROBLEMS`], counted in the last problem listed.
    pub unlisted: (usize, usize),
}

impl Report {
    /// How many errors and warnings the file has, listed or not (the line that counts
    /// the unlisted ones is not itself counted).
    pub fn counts(&self) -> (usize, usize) {
        let summary = usize::from(self.unlisted != (0, 0));
        let listed = &self.problems[..self.problems.len() - summary];
        let listed = |s| listed.iter().filter(|p| p.severity == s).count();
        (
            listed(Severity::Error) + self.unlisted.0,
            listed(Severity::Warning) + self.unlisted.1,
        )
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The errors, one line each, in the order found.
    pub fn errors(&self) -> Vec<String> {
        self.lines(Severity::Error)
    }

    /// The warnings, one line each, in the order found.
    pub fn warnings(&self) -> Vec<String> {
        self.lines(Severity::Warning)
    }

    fn lines(&self, severity: Severity) -> Vec<String> {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .map(Problem::to_string)
            .collect()
    }

    /// The scenario, if it has no errors.
    pub fn playable(&self) -> Option<&Scenario> {
        if self.has_errors() {
            None
        } else {
            self.scenario.as_ref()
        }
    }
}

/// "1 error", "2 errors".
fn counted(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The most problems one report lists; the rest are counted in one last line.
pub const MAX_PROBLEMS: usize = 100;

/// Reads and checks one scenario file: every error and warning; never panics, whatever
/// the text. A file TOML cannot read is read again past each syntax error (see
/// [`past_syntax_errors`]), so one mistake does not hide the others.
pub fn check_file(file: &str, text: &str) -> Report {
    let first = report(file, text, check);
    if first.scenario.is_some()
        || first
            .problems
            .first()
            .is_none_or(|p| p.kind != Kind::Syntax)
    {
        return first;
    }
    past_syntax_errors(file, text, first.problems)
}

/// How many lines a file that TOML cannot read may have set aside before the rest is read.
const MAX_SET_ASIDE: usize = 40;

/// Every problem of a file with a syntax error, not only the first. The line of each
/// syntax error is set aside (emptied, so every other line keeps its place) and the file
/// read again, until it reads; then it is checked whole. Problems that setting lines
/// aside may have caused are not reported: those in a beat or ending (or the top level)
/// that had a line set aside, those on a line set aside, and those of the whole graph
/// (what is reachable, what can end), which a line set aside anywhere can change; nor
/// are warnings, which wait until the file reads. Errors elsewhere (another syntax
/// error, a condition that cannot be read, a target that does not exist) are reported.
fn past_syntax_errors(file: &str, text: &str, mut problems: Vec<Problem>) -> Report {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The lines set aside, each with the beat or ending it was in (`None`: the top level).
    let mut aside: Vec<(usize, Option<String>)> = Vec::new();
    // The lines set aside that now hold a stand-in for a field they took away.
    let mut stood_in: Vec<usize> = Vec::new();
    // The first problem is a syntax error (see `check_file`), reported already.
    let mut next = problems[0].clone();
    while next.kind == Kind::Syntax {
        // A field that setting a line aside took away is put back with a stand-in value,
        // on that line, so the rest of the file can be read.
        // Each line set aside takes one stand-in at most: two fields missing from one
        // place could otherwise take turns on the same line for ever.
        let filled = missing_field(&next.message)
            .zip(
                aside
                    .iter()
                    .rev()
                    .find(|(l, n)| *n == next.location.node && !stood_in.contains(l)),
            )
            .and_then(|(key, &(line, _))| {
                ["0", "\"-\"", "true", "[]", "{}"].iter().find_map(|v| {
                    let mut tried = lines.clone();
                    tried[line - 1] = format!("{key} = {v}");
                    let again = report(file, &tried.join("\n"), check);
                    let still = again
                        .problems
                        .first()
                        .is_some_and(|p| p.message.contains(&format!("`{key}`")));
                    (!still).then_some((line, tried, again))
                })
            });
        let again = match filled {
            Some((line, tried, again)) => {
                stood_in.push(line);
                lines = tried;
                again
            }
            None => {
                let Some(line) = next.location.line.filter(|l| (1..=lines.len()).contains(l))
                else {
                    break;
                };
                // A line that opens a table is kept: without it, what follows would be
                // read into the table before, and be wrong there.
                if aside.iter().any(|(l, _)| *l == line)
                    || lines[line - 1].trim_start().starts_with('[')
                {
                    break;
                }
                aside.push((line, next.location.node.clone()));
                lines[line - 1].clear();
                report(file, &lines.join("\n"), check)
            }
        };
        if again.scenario.is_some() {
            problems.extend(again.problems.into_iter().filter(|p| !caused(p, &aside)));
            break;
        }
        let Some(p) = again.problems.into_iter().next() else {
            break;
        };
        if aside.len() >= MAX_SET_ASIDE {
            break;
        }
        if !caused(&p, &aside) {
            problems.push(p.clone());
        }
        next = p;
    }
    Report {
        scenario: None,
        problems,
        unlisted: (0, 0),
    }
}

/// Whether setting lines aside may have caused a problem (see [`past_syntax_errors`]).
fn caused(p: &Problem, aside: &[(usize, Option<String>)]) -> bool {
    aside
        .iter()
        .any(|(l, node)| *node == p.location.node || p.location.line == Some(*l))
        || p.severity == Severity::Warning
        || matches!(
            p.kind,
            Kind::Unreachable | Kind::DeadEnd | Kind::EndlessLoop
        )
}

/// The field a "missing field `name`" message names.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    let name = &rest[..rest.find('`')?];
    crate::condition::is_name(name).then_some(name)
}

/// Reads one scenario file and finds what stops it being played: the errors only, for an
/// app that opens a file to play it (the warnings are the author's, on the trainer's page
/// and from the CLI). Never panics, whatever the text.
pub fn check_file_to_play(file: &str, text: &str) -> Report {
    report(file, text, errors_in::<false>)
}

fn report(file: &str, text: &str, pass: fn(&Scenario) -> Vec<Finding>) -> Report {
    match scenario::parse(file, text) {
        Err(e) => {
            let kind = match e.flaw {
                Flaw::UnknownField => Kind::UnknownField,
                Flaw::Limit => Kind::Limit,
                Flaw::Malformed => Kind::Syntax,
            };
            Report {
                scenario: None,
                problems: vec![Problem {
                    severity: Severity::Error,
                    kind,
                    location: *e.location,
                    message: e.message,
                }],
                unlisted: (0, 0),
            }
        }
        Ok(s) => {
            let mut findings = pass(&s);
            let unlisted = findings.split_off(findings.len().min(MAX_PROBLEMS));
            // Locating needs a second, span-keeping parse: only pay for it when there is something to locate.
            let map = (!findings.is_empty()).then(|| SourceMap::new(file, text));
            let mut problems: Vec<Problem> = findings
                .into_iter()
                .map(|f| Problem {
                    severity: f.severity,
                    kind: f.kind,
                    location: map
                        .as_ref()
                        .map_or_else(Location::default, |m| m.locate(&f.path)),
                    message: f.message,
                })
                .collect();
            let errors = unlisted
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            if !unlisted.is_empty() {
                problems.push(Problem {
                    severity: if errors > 0 {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    kind: Kind::Limit,
                    location: Location {
                        file: file.to_string(),
                        ..Location::default()
                    },
                    message: format!(
                        "and {} not listed ({} and {}); fix the ones above first",
                        counted(unlisted.len(), "more problem"),
                        counted(errors, "error"),
                        counted(unlisted.len() - errors, "warning")
                    ),
                });
            }
            Report {
                scenario: Some(s),
                problems,
                unlisted: (errors, unlisted.len() - errors),
            }
        }
    }
}

/// A problem found in a parsed scenario, placed by its path in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub kind: Kind,
    pub path: Vec<Seg>,
    pub message: String,
}

/// Builds a path from a mix of keys and indices.
macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$(Seg::from($seg)),*] };
}

impl From<&str> for Seg {
    fn from(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Seg {
        Seg::Index(i)
    }
}

/// `beat 2` for the path `beat[1]`.
fn describe_node(path: &[Seg]) -> String {
    match path {
        [Seg::Key(kind), Seg::Index(i)] => format!("{kind} {}", i + 1),
        _ => scenario::path_string(path),
    }
}

/// Allowed range of a line's speaking time, in milliseconds.
pub const LINE_MS: (u32, u32) = (300, 60_000);
/// Allowed range of an effect on agitation or trust.
pub const EFFECT_RANGE: (i32, i32) = (-100, 100);

/// Checks a parsed scenario: the errors, then the warnings; every finding carries the
/// path of the field concerned.
pub fn check(s: &Scenario) -> Vec<Finding> {
    let mut out = errors(s);
    out.extend(warnings(s));
    out
}

/// The first pass: what stops the scenario being played as written, and conditions that
/// can never hold (the author's mistakes, though the conversation plays).
pub fn errors(s: &Scenario) -> Vec<Finding> {
    errors_in::<true>(s)
}

/// The errors; with `ADVICE`, also those about conditions that can never hold, which an
/// app that only plays a file need not find (the conversation plays regardless; the
/// trainer's page and the CLI report them), so it does not carry their code.
fn errors_in<const ADVICE: bool>(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut err = |kind, path: Vec<Seg>, message: String| {
        out.push(Finding {
            severity: Severity::Error,
            kind,
            path,
            message,
        })
    };

    // Text that must be there.
    for (field, value) in [
        ("id", s.id.as_str()),
        ("title", &s.title),
        ("summary", &s.summary),
        ("trainee_role", &s.trainee_role),
        ("setting", &s.setting),
    ] {
        if value.trim().is_empty() {
            err(Kind::EmptyText, path![field], format!("`{field}` is empty"));
        }
    }
    for (field, value) in [("name", &s.partner.name), ("role", &s.partner.role)] {
        if value.trim().is_empty() {
            err(
                Kind::EmptyText,
                path!["partner", field],
                format!("the partner's `{field}` is empty"),
            );
        }
    }
    if !s.id.as_str().trim().is_empty() && !is_name(s.id.as_str()) {
        err(
            Kind::BadName,
            path!["id"],
            format!("id `{}` may use only letters, digits, - and _", s.id),
        );
    }
    if !(1..=180).contains(&s.minutes) {
        err(
            Kind::OutOfRange,
            path!["minutes"],
            format!("`minutes` is {}; it must be from 1 to 180", s.minutes),
        );
    }
    for (field, v) in [("agitation", s.mood.agitation), ("trust", s.mood.trust)] {
        if !(0..=100).contains(&v) {
            err(
                Kind::OutOfRange,
                path!["mood", field],
                format!("starting {field} is {v}; it must be from 0 to 100"),
            );
        }
    }
    check_effect(&s.interruption, path!["interruption"], &mut err);

    // Ids: well formed and unique across beats and endings.
    // A list, not a map: a scenario has at most a few hundred ids, and one more kind of
    // map costs the web app a kilobyte.
    let mut seen: Vec<(&str, Vec<Seg>)> = Vec::new();
    let ids = s
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), path!["beat", i, "id"]))
        .chain(
            s.endings
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), path!["ending", i, "id"])),
        );
    for (id, p) in ids {
        if id.trim().is_empty() {
            err(Kind::EmptyText, p, "the id is empty".into());
            continue;
        }
        if !is_name(id) {
            err(
                Kind::BadName,
                p.clone(),
                format!("id `{id}` may use only letters, digits, - and _"),
            );
        }
        if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
            let (l1, _) = first.split_at(2);
            err(
                Kind::DuplicateId,
                p,
                format!("id `{id}` is used twice (first by {})", describe_node(l1)),
            );
        } else {
            seen.push((id, p));
        }
    }
    if s.endings.is_empty() {
        err(
            Kind::DeadEnd,
            path![],
            "the scenario has no `[[ending]]`, so no conversation can finish".into(),
        );
    }

    let graph = crate::graph::Graph::new(s);
    let known = |id: &NodeId| graph.known(id);
    let ids: Vec<&str> = s
        .beats
        .iter()
        .map(|b| b.id.as_str())
        .chain(s.endings.iter().map(|e| e.id.as_str()))
        .collect();
    let mean = |id: &NodeId| crate::tomlread::did_you_mean(id.as_str(), &ids);
    if !known(&s.start) {
        err(
            Kind::UnknownTarget,
            path!["start"],
            format!(
                "`start` names `{}`, which is no beat{}",
                s.start,
                mean(&s.start)
            ),
        );
    } else if graph.is_ending(&s.start) {
        err(
            Kind::DeadEnd,
            path!["start"],
            "`start` names an ending; the conversation would be over before it began".into(),
        );
    }

    // What conditions can ask about.
    let (mut memories, mut keys) = (Vec::new(), Vec::new());
    for b in &s.beats {
        for m in b.choices.iter().flat_map(|c| c.memories()) {
            crate::lean::add(&mut memories, m.as_str());
        }
        for k in b.all_lines().filter_map(|l| l.key.as_ref()) {
            crate::lean::add(&mut keys, k.as_str());
        }
    }
    let check_condition = |c: &Condition,
                           p: Vec<Seg>,
                           in_route: bool,
                           err: &mut dyn FnMut(Kind, Vec<Seg>, String)| {
        if !ADVICE {
            return;
        }
        if let Some(why) = c.contradiction() {
            err(
                Kind::NeverHolds,
                p.clone(),
                format!("condition `{c}` can never hold: {why}"),
            );
        }
        // With alternatives, only the one test is dead, not the whole condition.
        let never = if c.required().is_empty() {
            "has a test that can never hold"
        } else {
            "can never hold"
        };
        for t in c.tests() {
            let problem = match &t.atom {
                Atom::Remembers(m) if !memories.contains(&m.as_str()) && !t.negated => Some(format!(
                    "condition `{c}` {never}: no reply leaves the memory `{m}`{}",
                    crate::tomlread::did_you_mean(m.as_str(), &memories)
                )),
                Atom::Heard(k) if !keys.contains(&k.as_str()) && !t.negated => Some(format!(
                    "condition `{c}` {never}: no line has the key `{k}`{}",
                    crate::tomlread::did_you_mean(k.as_str(), &keys)
                )),
                Atom::Interrupted if !in_route => Some(format!(
                    "condition `{c}` uses `interrupted`, which only a `route` can know (a reply's `when` is checked before the reply is given)"
                )),
                _ => None,
            };
            if let Some(m) = problem {
                err(Kind::NeverHolds, p.clone(), m);
            }
        }
    };

    for (bi, b) in s.beats.iter().enumerate() {
        let bp = |rest: Vec<Seg>| {
            let mut p = path!["beat", bi];
            p.extend(rest);
            p
        };
        check_lines(&b.lines, bp(path!["lines"]), &mut err, true);
        for (vi, v) in b.variants.iter().enumerate() {
            check_lines(&v.lines, bp(path!["variant", vi, "lines"]), &mut err, true);
            check_condition(&v.when, bp(path!["variant", vi, "when"]), false, &mut err);
        }
        if b.choices.is_empty() && b.next.is_none() {
            err(
                Kind::DeadEnd,
                bp(path!["id"]),
                format!("beat `{}` has no `choice` and no `next`, so the conversation stops here without an ending", b.id),
            );
        }
        if !b.choices.is_empty() && b.next.is_some() {
            err(
                Kind::DeadEnd,
                bp(path!["next"]),
                "a beat has either choices or `next`, not both".into(),
            );
        }
        if let Some(n) = &b.next {
            if !known(n) {
                err(
                    Kind::UnknownTarget,
                    bp(path!["next"]),
                    format!("`next` names `{n}`, which is no beat or ending{}", mean(n)),
                );
            }
        }
        for (ci, c) in b.choices.iter().enumerate() {
            let cp = |rest: Vec<Seg>| {
                bp({
                    let mut p = path!["choice", ci];
                    p.extend(rest);
                    p
                })
            };
            if c.text.trim().is_empty() {
                err(
                    Kind::EmptyText,
                    cp(path!["text"]),
                    "the reply's `text` is empty".into(),
                );
            }
            if !known(&c.goto) {
                err(
                    Kind::UnknownTarget,
                    cp(path!["goto"]),
                    format!(
                        "`goto` names `{}`, which is no beat or ending{}",
                        c.goto,
                        mean(&c.goto)
                    ),
                );
            }
            check_effect(&c.effect, cp(path!["effect"]), &mut err);
            if let Some(w) = &c.when {
                check_condition(w, cp(path!["when"]), false, &mut err);
            }
            for m in &c.remember {
                if !is_name(m.as_str()) {
                    err(
                        Kind::BadName,
                        cp(path!["remember"]),
                        format!("memory `{m}` may use only letters, digits, - and _"),
                    );
                }
            }
            if let Some(f) = &c.feedback {
                if f.trim().is_empty() {
                    err(
                        Kind::EmptyText,
                        cp(path!["feedback"]),
                        "`feedback` is empty; leave it out instead".into(),
                    );
                }
            }
            for (ri, r) in c.routes.iter().enumerate() {
                // What a route adds cannot stop a conversation from playing: the app that
                // only plays a file need not carry these checks.
                if ADVICE {
                    check_effect(&r.effect, cp(path!["route", ri, "effect"]), &mut err);
                    for m in r.remember.iter().filter(|m| !is_name(m.as_str())) {
                        err(
                            Kind::BadName,
                            cp(path!["route", ri, "remember"]),
                            format!("memory `{m}` may use only letters, digits, - and _"),
                        );
                    }
                    if r.feedback.as_ref().is_some_and(|f| f.trim().is_empty()) {
                        err(
                            Kind::EmptyText,
                            cp(path!["route", ri, "feedback"]),
                            "`feedback` is empty; leave it out instead".into(),
                        );
                    }
                }
                let shadowed = if ADVICE {
                    c.routes[..ri].iter().position(|e| r.when.implies(&e.when))
                } else {
                    None
                };
                if let Some(earlier) = shadowed {
                    err(
                        Kind::NeverHolds,
                        cp(path!["route", ri, "when"]),
                        format!(
                            "this route can never be taken: route {earlier} (`{}`) comes first and catches every case `{}` does; put the narrower route first",
                            c.routes[earlier].when, r.when
                        ),
                    );
                }
                if !known(&r.goto) {
                    err(
                        Kind::UnknownTarget,
                        cp(path!["route", ri, "goto"]),
                        format!(
                            "the route's `goto` names `{}`, which is no beat or ending{}",
                            r.goto,
                            mean(&r.goto)
                        ),
                    );
                }
                check_condition(&r.when, cp(path!["route", ri, "when"]), true, &mut err);
            }
        }
    }
    for (ei, e) in s.endings.iter().enumerate() {
        for (field, value) in [("title", &e.title), ("debrief", &e.debrief)] {
            if value.trim().is_empty() {
                err(
                    Kind::EmptyText,
                    path!["ending", ei, field],
                    format!("the ending's `{field}` is empty"),
                );
            }
        }
        check_lines(&e.lines, path!["ending", ei, "lines"], &mut err, false);
        for (vi, v) in e.variants.iter().enumerate() {
            let p = |field: &str| path!["ending", ei, "variant", vi, field];
            check_lines(&v.lines, p("lines"), &mut err, false);
            check_condition(&v.when, p("when"), false, &mut err);
        }
    }

    // The graph: beats that go round and can never reach an ending.
    let trapped = graph.trapped();
    let round = named_few(&trapped);
    for (bi, b) in s.beats.iter().enumerate() {
        if trapped.contains(&b.id.as_str()) {
            out.push(Finding {
                severity: Severity::Error,
                kind: Kind::EndlessLoop,
                path: path!["beat", bi, "id"],
                message: format!(
                    "from beat `{}` no path leads to an ending: it only goes round {round}",
                    b.id
                ),
            });
        }
    }
    out
}

/// The second pass: what plays, but probably not as the author meant.
pub fn warnings(s: &Scenario) -> Vec<Finding> {
    let mut warnings = Vec::new();
    // Beats whose choices are all conditional may leave the trainee with nothing to say.
    for (bi, b) in s.beats.iter().enumerate() {
        if !b.choices.is_empty() && !always_offers_a_reply(b) {
            warnings.push(Finding {
                severity: Severity::Warning,
                kind: Kind::DeadEnd,
                path: path!["beat", bi, "choice"],
                message: format!(
                    "every reply in beat `{}` has a `when`; if none holds, the trainee has nothing to say (give one reply no condition)",
                    b.id
                ),
            });
        }
    }
    speaker_findings(s, &mut warnings);
    quality_findings(s, &mut warnings);
    length_findings(s, &mut warnings);
    unasked_findings(s, &mut warnings);
    route_trap_findings(s, &mut warnings);
    unsaid_findings(s, &mut warnings);
    // Beats and endings no path from the start leads to.
    let graph = crate::graph::Graph::new(s);
    let nodes = s
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| ("beat", i, &b.id))
        .chain(
            s.endings
                .iter()
                .enumerate()
                .map(|(i, e)| ("ending", i, &e.id)),
        );
    for (kind, i, id) in nodes {
        if !graph.reached(id) {
            warnings.push(Finding {
                severity: Severity::Warning,
                kind: Kind::Unreachable,
                path: path![kind, i, "id"],
                message: format!("no path from the start leads to {kind} `{id}`"),
            });
        }
    }
    warnings
}

fn check_effect(
    e: &crate::scenario::Effect,
    p: Vec<Seg>,
    err: &mut dyn FnMut(Kind, Vec<Seg>, String),
) {
    for (field, v) in [("agitation", e.agitation), ("trust", e.trust)] {
        if !(EFFECT_RANGE.0..=EFFECT_RANGE.1).contains(&v) {
            let mut q = p.clone();
            q.push(Seg::Key(field.into()));
            err(
                Kind::OutOfRange,
                q,
                format!("a change of {v} to {field} is out of range (from -100 to 100)"),
            );
        }
    }
}

fn check_lines(
    lines: &[crate::scenario::Line],
    p: Vec<Seg>,
    err: &mut dyn FnMut(Kind, Vec<Seg>, String),
    required: bool,
) {
    if required && lines.is_empty() {
        err(
            Kind::EmptyText,
            p.clone(),
            "`lines` is empty; the other person must say something".into(),
        );
    }
    for (li, l) in lines.iter().enumerate() {
        let mut q = p.clone();
        q.push(Seg::Index(li));
        if l.text.trim().is_empty() {
            let mut r = q.clone();
            r.push(Seg::Key("text".into()));
            err(Kind::EmptyText, r, "the line's `text` is empty".into());
        }
        if let Some(ms) = l.ms.filter(|ms| !(LINE_MS.0..=LINE_MS.1).contains(ms)) {
            let mut r = q.clone();
            r.push(Seg::Key("ms".into()));
            err(
                Kind::OutOfRange,
                r,
                format!(
                    "`ms` is {}; a line takes from {} to {} milliseconds to say",
                    ms, LINE_MS.0, LINE_MS.1
                ),
            );
        }
        if let Some(k) = &l.key {
            if !is_name(k.as_str()) {
                let mut r = q.clone();
                r.push(Seg::Key("key".into()));
                err(
                    Kind::BadName,
                    r,
                    format!("key `{k}` may use only letters, digits, - and _"),
                );
            }
        }
    }
}

/// The lines of beat or ending (`owner`) number `at`, its own then each variant's, each
/// with the path of its `field`.
fn owned_lines<'s>(
    owner: &'static str,
    at: usize,
    lines: &'s [scenario::Line],
    variants: &'s [scenario::Variant],
    field: &'static str,
) -> impl Iterator<Item = (Vec<Seg>, &'s scenario::Line)> {
    let own = lines
        .iter()
        .enumerate()
        .map(move |(li, l)| (path![owner, at, "lines", li, field], l));
    own.chain(variants.iter().enumerate().flat_map(move |(vi, v)| {
        v.lines
            .iter()
            .enumerate()
            .map(move |(li, l)| (path![owner, at, "variant", vi, "lines", li, field], l))
    }))
}

/// A line's `speaker` that is blank, or on a line of narration: the line still plays
/// (with no name; as narration), but not as the author meant.
fn speaker_findings(s: &Scenario, warnings: &mut Vec<Finding>) {
    let beats = s
        .beats
        .iter()
        .enumerate()
        .flat_map(|(bi, b)| owned_lines("beat", bi, &b.lines, &b.variants, "speaker"));
    let endings = s
        .endings
        .iter()
        .enumerate()
        .flat_map(|(ei, e)| owned_lines("ending", ei, &e.lines, &e.variants, "speaker"));
    for (path, l) in beats.chain(endings) {
        let Some(who) = &l.speaker else { continue };
        let (kind, message) = if who.trim().is_empty() {
            (
                Kind::EmptyText,
                "`speaker` is empty, so the line shows no name; leave it out for the other person's own lines",
            )
        } else if l.narration {
            (
                Kind::Conflict,
                "a line of narration is said by no one, so its `speaker` is not shown; keep `narration` or `speaker`, not both",
            )
        } else {
            continue;
        };
        warnings.push(Finding {
            severity: Severity::Warning,
            kind,
            path,
            message: message.into(),
        });
    }
}

/// Replies whose declared quality the analyzer contradicts: a `best` or `good` reply
/// with a harmful signal, or a `poor` one that reads as strong on both scores with no
/// harmful signal. A reply with its own `score` is the author's call and is not checked.
fn quality_findings(s: &Scenario, warnings: &mut Vec<Finding>) {
    for (bi, b) in s.beats.iter().enumerate() {
        let said: Vec<&str> = b
            .lines
            .iter()
            .filter(|l| !l.narration)
            .map(|l| l.text.as_str())
            .collect();
        let said = said.join(" ");
        for (ci, c) in b.choices.iter().enumerate() {
            let (Some(q), None) = (c.quality, c.score) else {
                continue;
            };
            let a = analyzer::analyze(&analyzer::Input {
                said: &said,
                earlier: "",
                reply: &c.text,
                elapsed_ms: None,
                speech_ms: None,
            });
            let harmful: Vec<&str> = a
                .signals
                .iter()
                .filter(|sig| sig.id.is_harmful())
                .map(|sig| sig.id.name())
                .collect();
            let message = match q {
                Quality::Best | Quality::Good if !harmful.is_empty() => format!(
                    "the reply is marked `{}` but the analyzer finds {}; reword it, change `quality`, or set `score` to overrule the analyzer",
                    quality_name(q),
                    harmful.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
                ),
                Quality::Poor if harmful.is_empty() && a.presence >= 70 && a.listening >= 70 => format!(
                    "the reply is marked `poor` but the analyzer scores it strong (presence {}, listening {}) and finds nothing harmful; reword it, change `quality`, or set `score`",
                    a.presence, a.listening
                ),
                _ => continue,
            };
            warnings.push(Finding {
                severity: Severity::Warning,
                kind: Kind::QualityMismatch,
                path: path!["beat", bi, "choice", ci, "quality"],
                message,
            });
        }
    }
}

/// Quality given away by length: in more than half the beats that mark a `best` reply
/// among others (at least three such beats), the best is also the longest.
fn length_findings(s: &Scenario, warnings: &mut Vec<Finding>) {
    let len = |t: &str| t.chars().count();
    let marked: Vec<(usize, bool)> = s
        .beats
        .iter()
        .enumerate()
        .filter(|(_, b)| b.choices.len() >= 2)
        .filter_map(|(bi, b)| {
            let best = b
                .choices
                .iter()
                .find(|c| c.quality == Some(Quality::Best))?;
            let longest = b
                .choices
                .iter()
                .filter(|c| !std::ptr::eq(*c, best))
                .all(|c| len(&c.text) < len(&best.text));
            Some((bi, longest))
        })
        .collect();
    let longest: Vec<usize> = marked
        .iter()
        .filter(|(_, l)| *l)
        .map(|(bi, _)| *bi)
        .collect();
    if marked.len() >= 3 && longest.len() * 2 > marked.len() {
        let named: Vec<&str> = longest.iter().map(|&bi| s.beats[bi].id.as_str()).collect();
        warnings.push(Finding {
            severity: Severity::Warning,
            kind: Kind::QualityMismatch,
            path: path!["beat", longest[0], "choice"],
            message: format!(
                "in {} of the {} beats with a `best` reply, the best is also the longest ({}): trainees learn to pick the longest; give some best replies few words and some weaker ones many",
                longest.len(),
                marked.len(),
                named_few(&named)
            ),
        });
    }
}

/// A reply on offer before a keyed line of its beat is heard that speaks of what only
/// that line says: a trainee could answer what the other person has not said yet. Words
/// said anywhere else in the scenario do not count; the cure is `when = "heard KEY"`.
fn unsaid_findings(s: &Scenario, warnings: &mut Vec<Finding>) {
    // The content words said in one line only (in the whole scenario), and those said in
    // more. (Two sets rather than a count per word: one kind of map fewer in the web app.)
    let all_lines = s
        .beats
        .iter()
        .flat_map(|b| b.all_lines())
        .chain(s.endings.iter().flat_map(|e| e.all_lines()));
    let (mut once, mut more) = (HashSet::new(), HashSet::new());
    for l in all_lines {
        for w in analyzer::content_stems(&l.text) {
            if !more.contains(&w) && !once.insert(w.clone()) {
                once.remove(&w);
                more.insert(w);
            }
        }
    }
    for (bi, b) in s.beats.iter().enumerate() {
        for (li, line) in b.lines.iter().enumerate() {
            let Some(key) = &line.key else { continue };
            // Words only this line says.
            let own: HashSet<String> = analyzer::content_stems(&line.text)
                .into_iter()
                .filter(|w| once.contains(w))
                .collect();
            if own.is_empty() {
                continue;
            }
            for (ci, c) in b.choices.iter().enumerate() {
                let waits = c.when.as_ref().is_some_and(|w| {
                    w.required()
                        .iter()
                        .any(|t| !t.negated && t.atom == Atom::Heard(key.clone()))
                });
                if waits {
                    continue;
                }
                // The reply's own words, as it writes them.
                let mut shared: Vec<&str> = Vec::new();
                for word in c.text.split_whitespace() {
                    let word = word.trim_matches(|ch: char| !ch.is_alphanumeric());
                    if analyzer::content_stems(word)
                        .iter()
                        .any(|w| own.contains(w))
                        && !shared.contains(&word)
                    {
                        shared.push(word);
                    }
                }
                if shared.is_empty() {
                    continue;
                }
                warnings.push(Finding {
                    severity: Severity::Warning,
                    kind: Kind::NeverHolds,
                    path: path!["beat", bi, "choice", ci, "text"],
                    message: format!(
                        "the reply speaks of {} before line {} (`{key}`) says it, yet it is on offer from the start: give it `when = \"heard {key}\"`",
                        shared.iter().map(|w| format!("\u{201c}{w}\u{201d}")).collect::<Vec<_>>().join(", "),
                        li + 1
                    ),
                });
            }
        }
    }
}

/// A route with `feedback` or an `effect` on a reply that has none of its own: TOML's trap
/// (a reply's field written after its first `[[beat.choice.route]]` line belongs to the
/// route), or meant. Said as a warning, since a route may carry its own.
fn route_trap_findings(s: &Scenario, warnings: &mut Vec<Finding>) {
    for (bi, b) in s.beats.iter().enumerate() {
        for (ci, c) in b.choices.iter().enumerate() {
            let Some(r) = c.routes.first() else { continue };
            for (field, only_route) in [
                ("feedback", r.feedback.is_some() && c.feedback.is_none()),
                ("effect", !r.effect.is_none() && c.effect.is_none()),
            ] {
                if only_route {
                    warnings.push(Finding {
                        severity: Severity::Warning,
                        kind: Kind::UnknownField,
                        path: path!["beat", bi, "choice", ci, "route", 0usize, field],
                        message: format!(
                            "the reply has no `{field}` of its own, but its first route has one, which counts only when that route is taken; if it is the reply's, move it up, before the reply's first route (in TOML, every field written after a `[[beat.choice.route]]` line belongs to that route)"
                        ),
                    });
                }
            }
        }
    }
}

/// Memories a reply leaves that no condition asks about, and line keys no condition asks
/// about: written for a purpose that never comes.
fn unasked_findings(s: &Scenario, warnings: &mut Vec<Finding>) {
    let conditions = s
        .beats
        .iter()
        .flat_map(|b| {
            b.variants
                .iter()
                .map(|v| &v.when)
                .chain(b.choices.iter().filter_map(|c| c.when.as_ref()))
                .chain(
                    b.choices
                        .iter()
                        .flat_map(|c| c.routes.iter().map(|r| &r.when)),
                )
        })
        .chain(
            s.endings
                .iter()
                .flat_map(|e| e.variants.iter().map(|v| &v.when)),
        );
    let (mut asked_memories, mut asked_keys) = (Vec::new(), Vec::new());
    for c in conditions {
        for t in c.tests() {
            match &t.atom {
                Atom::Remembers(m) => {
                    crate::lean::add(&mut asked_memories, m);
                }
                Atom::Heard(k) => {
                    crate::lean::add(&mut asked_keys, k);
                }
                _ => {}
            }
        }
    }
    // A memory and a line's key may share a name; each is told of once.
    let (mut told_memories, mut told_keys) = (Vec::new(), Vec::new());
    for (bi, b) in s.beats.iter().enumerate() {
        for (ci, c) in b.choices.iter().enumerate() {
            // The reply's own memories, then each route's, each where it is written.
            let left = c
                .remember
                .iter()
                .map(|m| (path!["beat", bi, "choice", ci, "remember"], m))
                .chain(c.routes.iter().enumerate().flat_map(|(ri, r)| {
                    r.remember
                        .iter()
                        .map(move |m| (path!["beat", bi, "choice", ci, "route", ri, "remember"], m))
                }));
            for (path, m) in left {
                if !asked_memories.contains(&m) && crate::lean::add(&mut told_memories, m) {
                    warnings.push(Finding {
                        severity: Severity::Warning,
                        kind: Kind::NeverHolds,
                        path,
                        message: format!(
                            "the memory `{m}` is left here but no condition asks about it (`remembers {m}`), so it changes nothing"
                        ),
                    });
                }
            }
        }
        for (p, l) in owned_lines("beat", bi, &b.lines, &b.variants, "key") {
            if let Some(k) = &l.key {
                if !asked_keys.contains(&k) && crate::lean::add(&mut told_keys, k) {
                    warnings.push(Finding {
                        severity: Severity::Warning,
                        kind: Kind::NeverHolds,
                        path: p,
                        message: format!(
                            "the line's key `{k}` is never asked about (no condition uses `heard {k}`), so it changes nothing"
                        ),
                    });
                }
            }
        }
    }
}

fn quality_name(q: Quality) -> &'static str {
    match q {
        Quality::Best => "best",
        Quality::Good => "good",
        Quality::Mixed => "mixed",
        Quality::Poor => "poor",
    }
}

/// Whether some reply is on offer whatever the state: one has no `when`, or two
/// have single-test conditions that are each other's negation (`heard x`, `not heard x`).
fn always_offers_a_reply(b: &crate::scenario::Beat) -> bool {
    let single: Vec<&crate::condition::Test> = b
        .choices
        .iter()
        .filter_map(|c| match &c.when {
            None => None,
            Some(w) => match w.required() {
                [t] => Some(t),
                _ => None,
            },
        })
        .collect();
    b.choices.iter().any(|c| c.when.is_none())
        || single.iter().any(|a| {
            single
                .iter()
                .any(|b| a.atom == b.atom && a.negated != b.negated)
        })
}

/// "`a`, `b`, `c`", or "`a`, `b`, `c`, `d`, `e` and 9995 more": a message names a few
/// and counts the rest.
fn named_few(ids: &[&str]) -> String {
    const FEW: usize = 5;
    let named = ids
        .iter()
        .take(FEW)
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match ids.len().saturating_sub(FEW) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}
