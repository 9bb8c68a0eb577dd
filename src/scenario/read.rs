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
use crate::tomlread::{boolean, list, string, whole, word, Bad, Fields, Read, Value};

fn int(value: &Value) -> Read<i32> {
    whole(value, i32::MIN.into(), i32::MAX.into()).map(|n| n as i32)
}

fn count(value: &Value) -> Read<u32> {
    whole(value, 0, u32::MAX.into()).map(|n| n as u32)
}

fn percent(value: &Value) -> Read<u8> {
    whole(value, 0, u8::MAX.into()).map(|n| n as u8)
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

impl Difficulty {
    /// Reads one of the words `introductory`, `intermediate`, `advanced` (scenario files
    /// and the site's index).
    pub(crate) fn read(value: &Value) -> Read<Difficulty> {
        word(value, &Difficulty::ALL.map(Difficulty::word)).map(|i| Difficulty::ALL[i])
    }
}

impl Outcome {
    /// Reads one of the words `repaired`, `steady`, `strained`, `lost`.
    pub(crate) fn read(value: &Value) -> Read<Outcome> {
        word(value, &Outcome::ALL.map(Outcome::word)).map(|i| Outcome::ALL[i])
    }
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
    Ok(Scenario {
        id: string(f.need("id")?)?,
        title: string(f.need("title")?)?,
        summary: string(f.need("summary")?)?,
        trainee_role: string(f.need("trainee_role")?)?,
        partner: partner(f.need("partner")?)?,
        setting: string(f.need("setting")?)?,
        minutes: count(f.need("minutes")?)?,
        difficulty: Difficulty::read(f.need("difficulty")?)?,
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
        outcome: Outcome::read(f.need("outcome")?)?,
        lines: f.or("lines", |v| list(v, line), Vec::new())?,
        debrief: string(f.need("debrief")?)?,
    })
}
