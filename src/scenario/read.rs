//! Turns the TOML tree of a scenario file into a [`Scenario`].
//!
//! Written against `toml`'s parsed tree rather than derived with serde: the
//! derived deserializers were a fifth of the web app's size, and reading the
//! tree directly gives every error the exact span of the key or value at fault.

use super::{
    Beat, Choice, Difficulty, Effect, Ending, Line, Mood, Outcome, Partner, Quality, Route,
    Scenario, ScoreOverride, Variant,
};
use crate::condition::Condition;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

type Value<'a> = Spanned<DeValue<'a>>;

/// What is wrong, and the bytes of the file it is about.
pub(super) struct Bad {
    pub span: Range<usize>,
    pub message: String,
}

type Read<T> = Result<T, Bad>;

fn bad<T>(span: Range<usize>, message: String) -> Read<T> {
    Err(Bad { span, message })
}

/// The fields of one table, checked against the names it may have.
struct Fields<'t, 'a> {
    table: &'t DeTable<'a>,
    span: Range<usize>,
}

impl<'t, 'a> Fields<'t, 'a> {
    /// Refuses a value that is not a table, or a table with a field not in `names`.
    fn of(value: &'t Value<'a>, names: &[&str]) -> Read<Self> {
        let DeValue::Table(table) = value.get_ref() else {
            return bad(value.span(), found(value, "a table"));
        };
        if let Some((key, _)) = table
            .iter()
            .find(|(k, _)| !names.contains(&k.get_ref().as_ref()))
        {
            let list = names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return bad(
                key.span(),
                format!("unknown field `{}`, expected one of {list}", key.get_ref()),
            );
        }
        Ok(Fields {
            table,
            span: value.span(),
        })
    }

    fn get(&self, name: &str) -> Option<&'t Value<'a>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v)
    }

    fn need(&self, name: &str) -> Read<&'t Value<'a>> {
        match self.get(name) {
            Some(v) => Ok(v),
            None => bad(self.span.clone(), format!("missing field `{name}`")),
        }
    }

    /// A field read with `read`, or `default` when it is absent.
    fn or<T>(&self, name: &str, read: fn(&Value) -> Read<T>, default: T) -> Read<T> {
        self.get(name).map_or(Ok(default), read)
    }

    /// An optional field read with `read`.
    fn opt<T>(&self, name: &str, read: fn(&Value) -> Read<T>) -> Read<Option<T>> {
        self.get(name).map(read).transpose()
    }
}

/// "expected X, found Y" for a value of the wrong kind.
fn found(value: &Value, expected: &str) -> String {
    let what = match value.get_ref() {
        DeValue::String(s) => format!("the string \"{s}\""),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Boolean(b) => format!("the boolean {b}"),
        other => format!("a {}", other.type_str()),
    };
    format!("expected {expected}, found {what}")
}

fn string(value: &Value) -> Read<String> {
    match value.get_ref() {
        DeValue::String(s) => Ok(s.to_string()),
        _ => bad(value.span(), found(value, "a string")),
    }
}

fn boolean(value: &Value) -> Read<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        _ => bad(value.span(), found(value, "true or false")),
    }
}

/// A whole number from `min` to `max`.
fn whole(value: &Value, min: i64, max: i64) -> Read<i64> {
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

fn int(value: &Value) -> Read<i32> {
    whole(value, i32::MIN.into(), i32::MAX.into()).map(|n| n as i32)
}

fn count(value: &Value) -> Read<u32> {
    whole(value, 0, u32::MAX.into()).map(|n| n as u32)
}

fn percent(value: &Value) -> Read<u8> {
    whole(value, 0, u8::MAX.into()).map(|n| n as u8)
}

/// One of `names`, as its index.
fn word(value: &Value, names: &[&str]) -> Read<usize> {
    let DeValue::String(s) = value.get_ref() else {
        return bad(value.span(), found(value, "a string"));
    };
    names.iter().position(|n| *n == s.as_ref()).ok_or_else(|| {
        let list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Bad {
            span: value.span(),
            message: format!("unknown variant `{s}`, expected one of {list}"),
        }
    })
}

fn list<T>(value: &Value, read: fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    match value.get_ref() {
        DeValue::Array(items) => items.iter().map(read).collect(),
        _ => bad(value.span(), found(value, "an array")),
    }
}

fn strings(value: &Value) -> Read<Vec<String>> {
    list(value, string)
}

fn condition(value: &Value) -> Read<Condition> {
    Condition::try_from(string(value)?).map_err(|message| Bad {
        span: value.span(),
        message,
    })
}

/// Reads a whole scenario file's tree.
pub(super) fn scenario(root: &Value) -> Read<Scenario> {
    let f = Fields::of(
        root,
        &[
            "id",
            "title",
            "summary",
            "trainee_role",
            "partner",
            "setting",
            "minutes",
            "difficulty",
            "tags",
            "start",
            "mood",
            "interruption",
            "beat",
            "ending",
        ],
    )?;
    const LEVELS: [Difficulty; 3] = [
        Difficulty::Introductory,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];
    Ok(Scenario {
        id: string(f.need("id")?)?,
        title: string(f.need("title")?)?,
        summary: string(f.need("summary")?)?,
        trainee_role: string(f.need("trainee_role")?)?,
        partner: partner(f.need("partner")?)?,
        setting: string(f.need("setting")?)?,
        minutes: count(f.need("minutes")?)?,
        difficulty: LEVELS[word(
            f.need("difficulty")?,
            &["introductory", "intermediate", "advanced"],
        )?],
        tags: f.or("tags", strings, Vec::new())?,
        start: string(f.need("start")?)?,
        mood: f.or("mood", mood, Mood::default())?,
        interruption: f.or("interruption", effect, Effect::interruption_default())?,
        beats: list(f.need("beat")?, beat)?,
        endings: list(f.need("ending")?, ending)?,
    })
}

fn partner(value: &Value) -> Read<Partner> {
    let f = Fields::of(value, &["name", "role"])?;
    Ok(Partner {
        name: string(f.need("name")?)?,
        role: string(f.need("role")?)?,
    })
}

fn mood(value: &Value) -> Read<Mood> {
    let f = Fields::of(value, &["agitation", "trust"])?;
    Ok(Mood {
        agitation: int(f.need("agitation")?)?,
        trust: int(f.need("trust")?)?,
    })
}

fn effect(value: &Value) -> Read<Effect> {
    let f = Fields::of(value, &["agitation", "trust"])?;
    Ok(Effect {
        agitation: f.or("agitation", int, 0)?,
        trust: f.or("trust", int, 0)?,
    })
}

fn beat(value: &Value) -> Read<Beat> {
    let f = Fields::of(value, &["id", "lines", "variant", "choice", "next"])?;
    Ok(Beat {
        id: string(f.need("id")?)?,
        lines: list(f.need("lines")?, line)?,
        variants: f.or("variant", |v| list(v, variant), Vec::new())?,
        choices: f.or("choice", |v| list(v, choice), Vec::new())?,
        next: f.opt("next", string)?,
    })
}

fn line(value: &Value) -> Read<Line> {
    let f = Fields::of(value, &["text", "ms", "key"])?;
    Ok(Line {
        text: string(f.need("text")?)?,
        ms: f.opt("ms", count)?,
        key: f.opt("key", string)?,
    })
}

fn variant(value: &Value) -> Read<Variant> {
    let f = Fields::of(value, &["when", "lines"])?;
    Ok(Variant {
        when: condition(f.need("when")?)?,
        lines: list(f.need("lines")?, line)?,
    })
}

fn choice(value: &Value) -> Read<Choice> {
    let f = Fields::of(
        value,
        &[
            "text", "goto", "when", "effect", "slight", "remember", "route", "quality", "score",
            "feedback",
        ],
    )?;
    const QUALITIES: [Quality; 4] = [Quality::Best, Quality::Good, Quality::Mixed, Quality::Poor];
    Ok(Choice {
        text: string(f.need("text")?)?,
        goto: string(f.need("goto")?)?,
        when: f.opt("when", condition)?,
        effect: f.or("effect", effect, Effect::default())?,
        slight: f.or("slight", boolean, false)?,
        remember: f.or("remember", strings, Vec::new())?,
        routes: f.or("route", |v| list(v, route), Vec::new())?,
        quality: f.opt("quality", |v| {
            word(v, &["best", "good", "mixed", "poor"]).map(|i| QUALITIES[i])
        })?,
        score: f.opt("score", score)?,
        feedback: f.opt("feedback", string)?,
    })
}

fn score(value: &Value) -> Read<ScoreOverride> {
    let f = Fields::of(value, &["presence", "listening"])?;
    Ok(ScoreOverride {
        presence: percent(f.need("presence")?)?,
        listening: percent(f.need("listening")?)?,
    })
}

fn route(value: &Value) -> Read<Route> {
    let f = Fields::of(value, &["when", "goto"])?;
    Ok(Route {
        when: condition(f.need("when")?)?,
        goto: string(f.need("goto")?)?,
    })
}

fn ending(value: &Value) -> Read<Ending> {
    let f = Fields::of(value, &["id", "title", "outcome", "lines", "debrief"])?;
    Ok(Ending {
        id: string(f.need("id")?)?,
        title: string(f.need("title")?)?,
        outcome: Outcome::ALL[word(f.need("outcome")?, &Outcome::ALL.map(Outcome::word))?],
        lines: f.or("lines", |v| list(v, line), Vec::new())?,
        debrief: string(f.need("debrief")?)?,
    })
}
