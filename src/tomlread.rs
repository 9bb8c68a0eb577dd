//! Reading values out of a parsed TOML tree, with the span of whatever is wrong.
//!
//! Shared by the scenario reader and the saved progress: each checks its tables
//! against the fields it knows and reads every value with the helpers here.

use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A value in the tree, with where it is in the text.
pub type Value<'a> = Spanned<DeValue<'a>>;

/// Parses TOML text into its tree: the root table as a value.
pub fn parse(text: &str) -> Result<Value<'_>, toml::de::Error> {
    let root = DeTable::parse(text)?;
    Ok(Spanned::new(root.span(), DeValue::Table(root.into_inner())))
}

/// The value of a table's field, if it has one (keys are few: a search is enough).
pub fn get<'t, 'a>(table: &'t DeTable<'a>, name: &str) -> Option<&'t Value<'a>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == name)
        .map(|(_, v)| v)
}

/// "`a`, `b`, `c`": the names an error message offers instead.
fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong, and the bytes of the file it is about.
pub struct Bad {
    pub span: Range<usize>,
    pub message: String,
    pub flaw: Flaw,
}

/// The kind of thing wrong with a file, as a validator report sorts it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flaw {
    /// Not TOML, or a value of the wrong kind or shape.
    #[default]
    Malformed,
    /// A field the table does not have.
    UnknownField,
    /// More than a limit allows (items, characters, bytes).
    Limit,
}

pub type Read<T> = Result<T, Bad>;

pub fn bad<T>(span: Range<usize>, message: String) -> Read<T> {
    Err(Bad {
        span,
        message,
        flaw: Flaw::Malformed,
    })
}

/// Over a limit: `message` says which.
pub fn over<T>(span: Range<usize>, message: String) -> Read<T> {
    Err(Bad {
        span,
        message,
        flaw: Flaw::Limit,
    })
}

/// The name among `candidates` closest to `word` in spelling, if one is close enough to be
/// a slip of the keyboard (edits for at most a third of its letters, and no more than 3;
/// two letters swapped count as one):
/// for "did you mean `effect`?".
pub fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    // One copy of this code in the web app: candidates come as a slice, never generic.
    let w = word.to_ascii_lowercase().into_bytes();
    // Too long a word is no slip; nor is it worth the time to compare.
    if w.is_empty() || w.len() > 64 {
        return None;
    }
    let limit = (w.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for &c in candidates {
        let cs = c.to_ascii_lowercase().into_bytes();
        if cs == w || cs.len().abs_diff(w.len()) > limit {
            continue;
        }
        // Edits apart: letters added, dropped, changed, or two side by side swapped
        // (three rows of the table at a time).
        let m = cs.len();
        let mut before: Vec<usize> = Vec::new();
        let mut last: Vec<usize> = (0..=m).collect();
        for i in 1..=w.len() {
            let mut row = vec![i; m + 1];
            for j in 1..=m {
                let cost = usize::from(w[i - 1] != cs[j - 1]);
                let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
                if i > 1 && j > 1 && w[i - 1] == cs[j - 2] && w[i - 2] == cs[j - 1] {
                    d = d.min(before[j - 2] + 1);
                }
                row[j] = d;
            }
            before = std::mem::replace(&mut last, row);
        }
        let d = last[m];
        // The closest; between equals, the first in alphabetical order, so the answer never
        // depends on the order candidates come in.
        if d <= limit && best.is_none_or(|(b, bc)| d < b || (d == b && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// How the web app finds a name meant, once a page asks for it ([`suggest_names`]).
#[cfg(target_arch = "wasm32")]
static SUGGEST: std::sync::OnceLock<Suggest> = std::sync::OnceLock::new();

/// Finds the name meant among candidates.
#[cfg(target_arch = "wasm32")]
type Suggest = fn(&str, &[&str]) -> Option<String>;

/// Has messages suggest the name meant ("did you mean"). The command line always does;
/// on the web only a page that calls this (the trainer's page), so the trainee's app,
/// which shows a hosted file's problems but never edits one, does not carry the code.
pub fn suggest_names() {
    #[cfg(target_arch = "wasm32")]
    let _ = SUGGEST.set(|word, candidates| nearest(word, candidates).map(str::to_string));
}

/// "; did you mean `x`?", or nothing.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    #[cfg(target_arch = "wasm32")]
    let found = SUGGEST.get().and_then(|f| f(word, candidates));
    #[cfg(not(target_arch = "wasm32"))]
    let found = nearest(word, candidates);
    found.map_or_else(String::new, |n| format!("; did you mean `{n}`?"))
}

/// The fields of one table, checked against the names it may have.
pub struct Fields<'t, 'a> {
    table: &'t DeTable<'a>,
    span: Range<usize>,
}

impl<'t, 'a> Fields<'t, 'a> {
    /// Refuses a value that is not a table, or a table with a field not in `names`.
    pub fn of(value: &'t Value<'a>, names: &[&str]) -> Read<Self> {
        let DeValue::Table(table) = value.get_ref() else {
            return bad(value.span(), found(value, "a table"));
        };
        if let Some((key, _)) = table
            .iter()
            .find(|(k, _)| !names.contains(&k.get_ref().as_ref()))
        {
            return Err(Bad {
                span: key.span(),
                message: format!(
                    "unknown field `{}`, expected one of {}{}",
                    key.get_ref(),
                    one_of(names),
                    did_you_mean(key.get_ref(), names)
                ),
                flaw: Flaw::UnknownField,
            });
        }
        Ok(Fields {
            table,
            span: value.span(),
        })
    }

    pub fn get(&self, name: &str) -> Option<&'t Value<'a>> {
        get(self.table, name)
    }

    pub fn need(&self, name: &str) -> Read<&'t Value<'a>> {
        match self.get(name) {
            Some(v) => Ok(v),
            None => bad(self.span.clone(), format!("missing field `{name}`")),
        }
    }

    /// A field read with `read`, or `default` when it is absent.
    pub fn or<T>(&self, name: &str, read: fn(&Value) -> Read<T>, default: T) -> Read<T> {
        self.get(name).map_or(Ok(default), read)
    }

    /// An optional field read with `read`.
    pub fn opt<T>(&self, name: &str, read: fn(&Value) -> Read<T>) -> Read<Option<T>> {
        self.get(name).map(read).transpose()
    }
}

/// "expected X, found Y" for a value of the wrong kind.
pub fn found(value: &Value, expected: &str) -> String {
    let what = match value.get_ref() {
        DeValue::String(s) => format!("the string \"{}\"", shortened(s, 60)),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Boolean(b) => format!("the boolean {b}"),
        other => format!("a {}", other.type_str()),
    };
    format!("expected {expected}, found {what}")
}

pub fn string(value: &Value) -> Read<String> {
    match value.get_ref() {
        DeValue::String(s) => Ok(s.to_string()),
        _ => bad(value.span(), found(value, "a string")),
    }
}

/// Why a file of `bytes` bytes is refused unread, if it holds more than `max` (a whole
/// number of MiB) and is a `kind` file ("scenario", "history"): the CLI and the browser,
/// which asks before reading, say the same.
pub fn too_large(bytes: u64, max: usize, kind: &str) -> Option<String> {
    (bytes > max as u64).then(|| {
        format!(
            "the file has {bytes} bytes; a {kind} file may have at most {max} ({} MiB)",
            max >> 20
        )
    })
}

/// "line 3, `seed`: message": a problem placed in a small saved file's `text`.
pub fn placed(text: &str, e: &Bad) -> String {
    let at = crate::scenario::SourceMap::new("", text).locate_offset(e.span.start);
    let line = at.line.unwrap_or(1);
    match at.field {
        Some(field) => format!("line {line}, `{field}`: {}", e.message),
        None => format!("line {line}: {}", e.message),
    }
}

/// A string of at most `max` characters.
pub fn text(value: &Value, max: usize) -> Read<String> {
    let s = string(value)?;
    let n = s.chars().count();
    if n > max {
        return over(
            value.span(),
            format!("this text has {n} characters; it may have at most {max}"),
        );
    }
    Ok(s)
}

/// The first `max` characters of `s`, and "…" if there were more: a message quotes what
/// it is about without repeating a whole file.
pub fn shortened(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}\u{2026}", &s[..at]),
        None => s.to_string(),
    }
}

pub fn boolean(value: &Value) -> Read<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        _ => bad(value.span(), found(value, "true or false")),
    }
}

/// A whole number from `min` to `max`.
pub fn whole(value: &Value, min: i64, max: i64) -> Read<i64> {
    let DeValue::Integer(i) = value.get_ref() else {
        return bad(value.span(), found(value, "a whole number"));
    };
    match i64::from_str_radix(i.as_str(), i.radix()) {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => bad(
            value.span(),
            format!("{i} is out of range: expected a whole number from {min} to {max}"),
        ),
    }
}

/// One of `names`, as its index.
pub fn word(value: &Value, names: &[&str]) -> Read<usize> {
    let DeValue::String(s) = value.get_ref() else {
        return bad(value.span(), found(value, "a string"));
    };
    names
        .iter()
        .position(|n| *n == s.as_ref())
        .ok_or_else(|| Bad {
            span: value.span(),
            message: format!("unknown variant `{s}`, expected one of {}", one_of(names)),
            flaw: Flaw::Malformed,
        })
}

pub fn list<T>(value: &Value, read: fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    match value.get_ref() {
        DeValue::Array(items) => items.iter().map(read).collect(),
        _ => bad(value.span(), found(value, "an array")),
    }
}

/// An array of at most `max` items, each read with `read`; `what` names the items in the
/// message when there are too many ("beats"), before any of them is read.
pub fn bounded<T>(
    value: &Value,
    max: usize,
    what: &str,
    read: fn(&Value) -> Read<T>,
) -> Read<Vec<T>> {
    match value.get_ref() {
        DeValue::Array(items) if items.len() > max => over(
            value.span(),
            format!("{} {what}; a scenario may have at most {max}", items.len()),
        ),
        _ => list(value, read),
    }
}

#[cfg(test)]
mod nearest_tests {
    use super::{did_you_mean, nearest};

    #[test]
    fn a_slip_of_the_keyboard_is_found_and_anything_further_is_not() {
        let ids = &["on-his-way", "goodbye", "bad", "slight"];
        assert_eq!(nearest("on-his-wya", ids), Some("on-his-way"));
        assert_eq!(nearest("bda", ids), Some("bad"));
        assert_eq!(nearest("Slihgt", ids), Some("slight"));
        assert_eq!(nearest("goodby", ids), Some("goodbye"));
        // Too far, the same word, or nothing to compare with: no guess.
        assert_eq!(nearest("farewell", ids), None);
        assert_eq!(nearest("bad", ids), None);
        assert_eq!(nearest("", ids), None);
        assert_eq!(nearest(&"x".repeat(100), ids), None);
        // Between equals, the first alphabetically, whatever the order given.
        assert_eq!(nearest("cat", &["cut", "bat"]), Some("bat"));
        assert_eq!(nearest("cat", &["bat", "cut"]), Some("bat"));
        assert_eq!(did_you_mean("bda", ids), "; did you mean `bad`?");
        assert_eq!(did_you_mean("zzz", ids), "");
    }
}
