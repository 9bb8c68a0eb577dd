//! The condition language: `trust >= 40 and not remembers blamed`, with `or` between
//! alternatives (`and` binds first: `heard a and trust > 50 or listening >= 70`).

use crate::ids::{LineKey, Memory};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A quantity of the other person's state that a condition can compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Var {
    /// How agitated they are, 0 (settled) to 100 (furious).
    Agitation,
    /// How much they trust the trainee, 0 to 100.
    Trust,
    /// How many times the trainee has taken the floor before they finished.
    Interruptions,
    /// The conversation's presence score so far (the mean of the replies, 0 to 100; 50
    /// before any), counting the reply being routed.
    Presence,
    /// The same for listening.
    Listening,
}

impl Var {
    fn name(self) -> &'static str {
        match self {
            Var::Agitation => "agitation",
            Var::Trust => "trust",
            Var::Interruptions => "interruptions",
            Var::Presence => "presence",
            Var::Listening => "listening",
        }
    }

    /// Every variable.
    pub const ALL: [Var; 5] = [
        Var::Agitation,
        Var::Trust,
        Var::Interruptions,
        Var::Presence,
        Var::Listening,
    ];

    /// The values the variable can take.
    pub fn domain(self) -> (i64, i64) {
        match self {
            Var::Agitation | Var::Trust | Var::Presence | Var::Listening => (0, 100),
            Var::Interruptions => (0, i64::from(u32::MAX)),
        }
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "==",
            Op::Ne => "!=",
        }
    }

    /// Whether `left OP right` holds.
    pub fn holds(self, left: i64, right: i64) -> bool {
        match self {
            Op::Lt => left < right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
            Op::Eq => left == right,
            Op::Ne => left != right,
        }
    }
}

/// One test in a condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// `trust >= 40`
    Compare { var: Var, op: Op, value: i64 },
    /// `remembers blamed`: a reply earlier set this memory.
    Remembers(Memory),
    /// `heard sleep`: the line with this key was spoken to its end.
    Heard(LineKey),
    /// `interrupted`: the reply being routed took the floor early (routes only).
    Interrupted,
}

/// An atom, possibly negated with `not`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Test {
    pub negated: bool,
    pub atom: Atom,
}

/// Alternatives joined by `or`, each a conjunction of tests joined by `and`, kept with
/// its source text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Condition {
    source: String,
    clauses: Vec<Vec<Test>>,
}

/// What a condition is evaluated against.
pub trait Facts {
    fn number(&self, var: Var) -> i64;
    fn remembers(&self, memory: &Memory) -> bool;
    fn heard(&self, key: &LineKey) -> bool;
    fn interrupted(&self) -> bool;
}

/// The most tests one condition may join with `and` and `or`.
pub const MAX_TESTS: usize = 16;

impl Condition {
    /// Why `source` joins more tests than a condition may, if it does.
    pub fn too_many_tests(source: &str) -> Option<String> {
        let tests = 1 + source
            .split_whitespace()
            .filter(|w| *w == "and" || *w == "or")
            .count();
        (tests > MAX_TESTS)
            .then(|| format!("{tests} tests; a condition may have at most {MAX_TESTS}"))
    }

    /// Parses `test (and test)* (or test (and test)*)*` where a test is `[not] atom`.
    pub fn parse(source: &str) -> Result<Self, String> {
        let words: Vec<&str> = source.split_whitespace().collect();
        if words.is_empty() {
            return Err("empty condition".into());
        }
        if let Some(why) = Condition::too_many_tests(source) {
            return Err(why);
        }
        let mut clauses = Vec::new();
        let mut tests = Vec::new();
        let mut i = 0;
        loop {
            let mut negated = false;
            if words.get(i) == Some(&"not") {
                negated = true;
                i += 1;
            }
            let (atom, used) = parse_atom(&words[i.min(words.len())..])?;
            tests.push(Test { negated, atom });
            i += used;
            match words.get(i) {
                None => break,
                Some(&"and") => i += 1,
                Some(&"or") => {
                    clauses.push(std::mem::take(&mut tests));
                    i += 1;
                }
                Some(other) => {
                    return Err(format!(
                        "expected `and` or `or` between tests, found `{other}`"
                    ))
                }
            }
        }
        clauses.push(tests);
        Ok(Condition {
            source: words.join(" "),
            clauses,
        })
    }

    /// Every test, in every alternative.
    pub fn tests(&self) -> impl Iterator<Item = &Test> {
        self.clauses.iter().flatten()
    }

    /// The tests that must all hold for the condition to hold: those of its one
    /// alternative, or none when it has several (then no single test is sure to be needed).
    pub fn required(&self) -> &[Test] {
        match self.clauses.as_slice() {
            [only] => only,
            _ => &[],
        }
    }

    /// Whether every test of some alternative holds.
    pub fn holds(&self, facts: &impl Facts) -> bool {
        self.clauses.iter().any(|tests| {
            tests.iter().all(|t| {
                let value = match &t.atom {
                    Atom::Compare { var, op, value } => op.holds(facts.number(*var), *value),
                    Atom::Remembers(name) => facts.remembers(name),
                    Atom::Heard(key) => facts.heard(key),
                    Atom::Interrupted => facts.interrupted(),
                };
                value != t.negated
            })
        })
    }

    /// Why the condition can never hold, if it cannot, judged from its own tests: every
    /// alternative can never hold (the reason is the first one's).
    pub fn contradiction(&self) -> Option<String> {
        let mut why = None;
        for tests in &self.clauses {
            let found = clause_contradiction(tests)?;
            why.get_or_insert(found);
        }
        why.map(|w| {
            if self.clauses.len() > 1 {
                format!("none of its alternatives can hold: {w}")
            } else {
                w
            }
        })
    }
}

/// Why one alternative (tests joined by `and`) can never hold, if it cannot.
fn clause_contradiction(tests: &[Test]) -> Option<String> {
    for var in Var::ALL {
        let (low, high, excluded) = bounds(tests, var);
        let all_excluded = low == high && excluded.contains(&low);
        if low > high || all_excluded {
            let (d_low, d_high) = var.domain();
            return Some(format!(
                "no value of {} (which runs from {d_low} to {d_high}) satisfies it",
                var.name()
            ));
        }
    }
    for (i, a) in tests.iter().enumerate() {
        for b in &tests[i + 1..] {
            if a.atom == b.atom && a.negated != b.negated {
                return Some("it requires a test and its negation at once".into());
            }
        }
    }
    None
}

impl Condition {
    /// Whether every state satisfying `self` also satisfies `other` (so a route
    /// with `self` placed after one with `other` can never be taken): each alternative of
    /// `self` implies one of `other`'s. Conservative: `false` when unsure.
    pub fn implies(&self, other: &Condition) -> bool {
        self.clauses.iter().all(|mine| {
            other
                .clauses
                .iter()
                .any(|theirs| clause_implies(mine, theirs))
        })
    }
}

/// Whether every state satisfying the tests `mine` satisfies `theirs`.
fn clause_implies(mine: &[Test], theirs: &[Test]) -> bool {
    // Every non-numeric test of `theirs` must appear in `mine`.
    let plain_ok = theirs
        .iter()
        .all(|t| matches!(t.atom, Atom::Compare { .. }) || mine.contains(t));
    if !plain_ok {
        return false;
    }
    Var::ALL.into_iter().all(|var| {
        let (Some((lo, hi)), Some((olo, ohi))) = (interval(mine, var), interval(theirs, var))
        else {
            return false;
        };
        olo <= lo && hi <= ohi
    })
}

/// The interval of values of `var` the numeric tests allow; `None` where a `!=` makes it a union.
fn interval(tests: &[Test], var: Var) -> Option<(i64, i64)> {
    let (low, high, excluded) = bounds(tests, var);
    excluded.is_empty().then_some((low, high))
}

/// The lowest and highest values of `var` the numeric tests allow, and the values `!=` excludes.
fn bounds(tests: &[Test], var: Var) -> (i64, i64, Vec<i64>) {
    let (mut low, mut high) = var.domain();
    let mut excluded = Vec::new();
    for t in tests {
        if let Atom::Compare { var: v, op, value } = t.atom {
            if v != var {
                continue;
            }
            match if t.negated { negate(op) } else { op } {
                // Saturating: `trust < -9223372036854775808` holds for nothing, it
                // does not wrap round to hold for everything.
                Op::Lt => high = high.min(value.saturating_sub(1)),
                Op::Le => high = high.min(value),
                Op::Gt => low = low.max(value.saturating_add(1)),
                Op::Ge => low = low.max(value),
                Op::Eq => {
                    low = low.max(value);
                    high = high.min(value);
                }
                Op::Ne => excluded.push(value),
            }
        }
    }
    (low, high, excluded)
}

fn negate(op: Op) -> Op {
    match op {
        Op::Lt => Op::Ge,
        Op::Le => Op::Gt,
        Op::Gt => Op::Le,
        Op::Ge => Op::Lt,
        Op::Eq => Op::Ne,
        Op::Ne => Op::Eq,
    }
}

fn parse_atom(words: &[&str]) -> Result<(Atom, usize), String> {
    let Some(first) = words.first() else {
        return Err("a test is missing at the end".into());
    };
    let name_after = |what: &str| -> Result<String, String> {
        match words.get(1) {
            Some(name) if is_name(name) => Ok((*name).to_string()),
            Some(other) => Err(format!(
                "`{other}` is not a valid {what} name (use letters, digits, - and _)"
            )),
            None => Err(format!("`{first}` needs a {what} name after it")),
        }
    };
    match *first {
        "remembers" => Ok((Atom::Remembers(name_after("memory")?.into()), 2)),
        "heard" => Ok((Atom::Heard(name_after("line key")?.into()), 2)),
        "interrupted" => Ok((Atom::Interrupted, 1)),
        "agitation" | "trust" | "interruptions" | "presence" | "listening" => {
            let var = match *first {
                "agitation" => Var::Agitation,
                "trust" => Var::Trust,
                "presence" => Var::Presence,
                "listening" => Var::Listening,
                _ => Var::Interruptions,
            };
            let op = match words.get(1).copied() {
                Some("<") => Op::Lt,
                Some("<=") => Op::Le,
                Some(">") => Op::Gt,
                Some(">=") => Op::Ge,
                Some("==") => Op::Eq,
                Some("!=") => Op::Ne,
                Some(other) => {
                    return Err(format!(
                        "`{other}` is not a comparison (use <, <=, >, >=, == or !=, with spaces around it)"
                    ))
                }
                None => return Err(format!("`{first}` needs a comparison after it")),
            };
            let value = match words.get(2) {
                Some(n) => n.parse::<i64>().map_err(|_| {
                    let digits = n.strip_prefix('-').unwrap_or(n);
                    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                        format!(
                            "`{n}` is out of range (a number here runs from {} to {})",
                            i64::MIN,
                            i64::MAX
                        )
                    } else {
                        format!("`{n}` is not a whole number")
                    }
                })?,
                None => return Err(format!("`{first} {}` needs a number after it", op.symbol())),
            };
            Ok((Atom::Compare { var, op, value }, 3))
        }
        other => Err(format!(
            "unknown test `{other}` (expected agitation, trust, interruptions, presence, listening, remembers, heard, interrupted or not)"
        )),
    }
}

/// Whether a string is a valid id, memory name or line key.
pub fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl TryFrom<String> for Condition {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Condition::parse(&s).map_err(|e| {
            format!(
                "invalid condition `{}`: {e}",
                crate::tomlread::shortened(&s, 80)
            )
        })
    }
}

impl From<Condition> for String {
    fn from(c: Condition) -> String {
        c.source
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_at_the_edges_neither_wrap_nor_panic() {
        for never in [
            "trust < -9223372036854775808",
            "agitation > 9223372036854775807",
            "not trust >= -9223372036854775808",
        ] {
            let c = Condition::parse(never).unwrap();
            assert!(c.contradiction().is_some(), "{never} can never hold");
        }
        let always = Condition::parse("trust > -9223372036854775808").unwrap();
        assert!(always.contradiction().is_none());
        assert!(always.holds(&F));
        let err = Condition::parse("trust < 9223372036854775808").unwrap_err();
        assert!(err.contains("out of range"), "{err}");
        let err = Condition::parse("trust < -99999999999999999999").unwrap_err();
        assert!(err.contains("out of range"), "{err}");
        let err = Condition::parse("trust < 3x").unwrap_err();
        assert!(err.contains("not a whole number"), "{err}");
    }

    struct F;
    impl Facts for F {
        fn number(&self, var: Var) -> i64 {
            match var {
                Var::Agitation => 60,
                Var::Trust => 30,
                Var::Interruptions => 1,
                Var::Presence => 70,
                Var::Listening => 45,
            }
        }
        fn remembers(&self, memory: &crate::ids::Memory) -> bool {
            *memory == "blamed"
        }
        fn heard(&self, key: &crate::ids::LineKey) -> bool {
            *key == "worry"
        }
        fn interrupted(&self) -> bool {
            false
        }
    }

    #[test]
    fn evaluates_conjunctions_and_negation() {
        let c =
            Condition::parse("agitation >= 60 and not remembers helped and heard worry").unwrap();
        assert!(c.holds(&F));
        let c = Condition::parse("trust > 30").unwrap();
        assert!(!c.holds(&F));
        let c = Condition::parse("not interrupted and interruptions == 1").unwrap();
        assert!(c.holds(&F));
    }

    #[test]
    fn reports_syntax_errors() {
        assert!(Condition::parse("").unwrap_err().contains("empty"));
        assert!(Condition::parse("trust => 3")
            .unwrap_err()
            .contains("not a comparison"));
        assert!(Condition::parse("trust >= x")
            .unwrap_err()
            .contains("whole number"));
        assert!(Condition::parse("mood > 3")
            .unwrap_err()
            .contains("unknown test"));
        assert!(Condition::parse("trust > 3 maybe heard x")
            .unwrap_err()
            .contains("expected `and` or `or`"));
        assert!(Condition::parse("trust > 3 or")
            .unwrap_err()
            .contains("missing"));
        assert!(Condition::parse("or trust > 3")
            .unwrap_err()
            .contains("unknown test `or`"));
        assert!(Condition::parse("heard")
            .unwrap_err()
            .contains("needs a line key"));
        assert!(Condition::parse("not").unwrap_err().contains("missing"));
    }

    #[test]
    fn evaluates_alternatives_with_and_binding_first() {
        let holds = |s: &str| Condition::parse(s).unwrap().holds(&F);
        assert!(holds("trust > 50 or heard worry"));
        assert!(!holds("trust > 50 or remembers helped"));
        // `and` binds first: (trust > 50 and heard worry) or remembers blamed.
        assert!(holds("trust > 50 and heard worry or remembers blamed"));
        assert!(!holds("trust > 50 and heard worry or remembers helped"));
        // The conversation's scores so far.
        assert!(holds("presence >= 70 and listening < 50"));
        assert!(!holds("listening >= 50 or presence > 70"));
        let c = Condition::parse("heard a or trust > 50").unwrap();
        assert_eq!(c.tests().count(), 2);
        assert!(c.required().is_empty(), "no one test is needed");
        let one = Condition::parse("heard a and trust > 50").unwrap();
        assert_eq!(one.required().len(), 2);
    }

    #[test]
    fn finds_contradictions() {
        let never = |s: &str| Condition::parse(s).unwrap().contradiction();
        assert!(never("trust > 100").is_some());
        assert!(never("agitation < 0").is_some());
        assert!(never("trust > 60 and trust < 40").is_some());
        assert!(never("trust == 50 and trust != 50").is_some());
        assert!(never("heard x and not heard x").is_some());
        assert!(never("not trust <= 100").is_some());
        assert!(never("trust > 60 and agitation < 40").is_none());
        assert!(never("trust >= 100").is_none());
        assert!(never("listening > 100").is_some());
        // An alternative that can hold saves the condition; when none can, it says so.
        assert!(never("trust > 100 or heard x").is_none());
        let both = never("trust > 100 or presence < 0").unwrap();
        assert!(
            both.starts_with("none of its alternatives can hold: no value of trust"),
            "{both}"
        );
    }

    #[test]
    fn knows_when_one_condition_implies_another() {
        let c = |s: &str| Condition::parse(s).unwrap();
        assert!(c("trust < 30").implies(&c("trust < 50")));
        assert!(!c("trust < 50").implies(&c("trust < 30")));
        assert!(c("trust < 30 and heard x").implies(&c("trust < 50")));
        assert!(!c("trust < 30").implies(&c("trust < 50 and heard x")));
        assert!(c("heard x and remembers y").implies(&c("remembers y")));
        assert!(!c("agitation > 50").implies(&c("trust < 50")));
        assert!(!c("trust != 40").implies(&c("trust < 100")));
        // With alternatives: each of one side's must imply one of the other's.
        assert!(c("trust < 30 or heard x").implies(&c("trust < 50 or heard x")));
        assert!(c("trust < 30").implies(&c("heard x or trust < 50")));
        assert!(!c("trust < 30 or heard y").implies(&c("trust < 50 or heard x")));
        assert!(!c("trust < 50 or heard x").implies(&c("trust < 50")));
    }

    #[test]
    fn round_trips_its_source() {
        let c = Condition::parse("  trust  >= 40   and heard x ").unwrap();
        assert_eq!(c.to_string(), "trust >= 40 and heard x");
        assert_eq!(Condition::parse(&c.to_string()).unwrap(), c);
    }
}
