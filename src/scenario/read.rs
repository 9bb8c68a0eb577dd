//! Turns the TOML tree of a scenario file into a [`Scenario`].
//!
//! Written against `toml`'s parsed tree rather than derived with serde: the
//! derived deserializers were a fifth of the web app's size, and reading the
//! tree directly gives every error the exact span of the key or value at fault.

use super::limits::{
    MAX_BEATS, MAX_CHOICES, MAX_ENDINGS, MAX_LINES, MAX_NAMES, MAX_NAME_CHARS, MAX_ROUTES,
    MAX_TEXT_CHARS, MAX_VARIANTS,
};
use super::{
    Beat, Choice, Difficulty, Effect, Ending, Feeling, Line, Mood, Outcome, Partner, Quality,
    Route, Scenario, ScoreOverride, Variant,
};
use crate::analyzer::MAX_REPLY_CHARS;
use crate::condition::Condition;
use crate::ids::{LineKey, Memory, NodeId};
use crate::tomlread::{boolean, bounded, text, whole, word, Bad, Fields, Flaw, Read, Value};

/// An id, a `goto`, a memory or a key.
fn name(value: &Value) -> Read<String> {
    text(value, MAX_NAME_CHARS)
}

/// Titles, lines, debriefs and feedback.
fn prose(value: &Value) -> Read<String> {
    text(value, MAX_TEXT_CHARS)
}

/// A reply: no longer than a trainee may type.
fn reply(value: &Value) -> Read<String> {
    text(value, MAX_REPLY_CHARS)
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

fn names(value: &Value) -> Read<Vec<String>> {
    bounded(value, MAX_NAMES, "names", name)
}

/// The memories a reply or a route leaves.
fn memories(names: Vec<String>) -> Vec<Memory> {
    names.into_iter().map(Memory::from).collect()
}

fn condition(value: &Value) -> Read<Condition> {
    let source = prose(value)?;
    let flaw = if Condition::too_many_tests(&source).is_some() {
        Flaw::Limit
    } else {
        Flaw::Malformed
    };
    Condition::try_from(source).map_err(|message| Bad {
        span: value.span(),
        message,
        flaw,
    })
}

impl Difficulty {
    /// Reads one of the words `introductory`, `intermediate`, `advanced` (scenario files
    /// and the site's index).
    pub(crate) fn read(value: &Value) -> Read<Difficulty> {
        word(value, &Difficulty::ALL.map(Difficulty::word)).map(|i| Difficulty::ALL[i])
    }
}

impl Feeling {
    /// Reads one of the words `sad`, `afraid`, `embarrassed`.
    pub(crate) fn read(value: &Value) -> Read<Feeling> {
        word(value, &Feeling::ALL.map(Feeling::word)).map(|i| Feeling::ALL[i])
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
        id: name(f.need("id")?)?.into(),
        title: prose(f.need("title")?)?,
        summary: prose(f.need("summary")?)?,
        trainee_role: prose(f.need("trainee_role")?)?,
        partner: partner(f.need("partner")?)?,
        setting: prose(f.need("setting")?)?,
        minutes: count(f.need("minutes")?)?,
        difficulty: Difficulty::read(f.need("difficulty")?)?,
        tags: f.or("tags", names, Vec::new())?,
        start: name(f.need("start")?)?.into(),
        mood: f.or("mood", mood, Mood::default())?,
        interruption: f.or("interruption", effect, Effect::interruption_default())?,
        beats: bounded(f.need("beat")?, MAX_BEATS, "beats", beat)?,
        endings: bounded(f.need("ending")?, MAX_ENDINGS, "endings", ending)?,
        revision: 0,
    })
}

fn partner(value: &Value) -> Read<Partner> {
    let f = Fields::of(value, &["name", "role", "feeling"])?;
    Ok(Partner {
        name: prose(f.need("name")?)?,
        role: prose(f.need("role")?)?,
        feeling: f.opt("feeling", Feeling::read)?,
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
    let f = Fields::of(
        value,
        &["id", "lines", "variant", "choice", "next", "feeling"],
    )?;
    Ok(Beat {
        id: name(f.need("id")?)?.into(),
        lines: lines(f.need("lines")?)?,
        variants: f.or(
            "variant",
            |v| bounded(v, MAX_VARIANTS, "variants", beat_variant),
            Vec::new(),
        )?,
        choices: f.or(
            "choice",
            |v| bounded(v, MAX_CHOICES, "replies", choice),
            Vec::new(),
        )?,
        next: f.opt("next", name)?.map(NodeId::from),
        feeling: f.opt("feeling", Feeling::read)?,
    })
}

fn lines(value: &Value) -> Read<Vec<Line>> {
    bounded(value, MAX_LINES, "lines", line)
}

fn line(value: &Value) -> Read<Line> {
    let f = Fields::of(value, &["text", "ms", "key", "speaker", "narration"])?;
    Ok(Line {
        text: prose(f.need("text")?)?,
        ms: f.opt("ms", count)?,
        key: f.opt("key", name)?.map(LineKey::from),
        speaker: f.opt("speaker", name)?,
        narration: f.or("narration", boolean, false)?,
    })
}

fn beat_variant(value: &Value) -> Read<Variant> {
    variant(value, "beat", &["id", "next", "feeling"])
}

fn ending_variant(value: &Value) -> Read<Variant> {
    variant(value, "ending", &["id", "title", "outcome", "debrief"])
}

/// A variant of a beat's or an ending's lines; `theirs` are the owner's own fields, which
/// TOML reads into the variant when they are written after its `[[OWNER.variant]]` line.
fn variant(value: &Value, owner: &str, theirs: &[&str]) -> Read<Variant> {
    if let toml::de::DeValue::Table(table) = value.get_ref() {
        if let Some((key, _)) = table
            .iter()
            .find(|(k, _)| theirs.contains(&k.get_ref().as_ref()))
        {
            let name = key.get_ref();
            return Err(Bad {
                span: key.span(),
                message: format!("`{name}` is the {owner}'s field, but here it belongs to the variant above it: in TOML, every field written after a `[[{owner}.variant]]` line belongs to that variant; move `{name}` up, before the {owner}'s first variant"),
                flaw: Flaw::UnknownField,
            });
        }
    }
    let f = Fields::of(value, &["when", "lines"])?;
    Ok(Variant {
        when: condition(f.need("when")?)?,
        lines: lines(f.need("lines")?)?,
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
        text: reply(f.need("text")?)?,
        goto: name(f.need("goto")?)?.into(),
        when: f.opt("when", condition)?,
        effect: f.or("effect", effect, Effect::default())?,
        slight: f.or("slight", boolean, false)?,
        remember: memories(f.or("remember", names, Vec::new())?),
        routes: f.or(
            "route",
            |v| bounded(v, MAX_ROUTES, "routes", route),
            Vec::new(),
        )?,
        quality: f.opt("quality", |v| {
            word(v, &["best", "good", "mixed", "poor"]).map(|i| QUALITIES[i])
        })?,
        score: f.opt("score", score)?,
        feedback: f.opt("feedback", prose)?,
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
    // TOML's trap: a reply's field written after its `[[beat.choice.route]]` belongs to
    // the route, not the reply. (A route has its own `effect`, `remember` and `feedback`;
    // the validator warns when the reply lacks the one its route has.)
    if let toml::de::DeValue::Table(table) = value.get_ref() {
        if let Some((key, _)) = table.iter().find(|(k, _)| {
            matches!(
                k.get_ref().as_ref(),
                "text" | "slight" | "quality" | "score" | "route"
            )
        }) {
            return Err(Bad {
                span: key.span(),
                message: format!(
                    "`{}` is a reply's field, but here it belongs to the route above it: in TOML, every field written after a `[[beat.choice.route]]` line belongs to that route; move `{}` up, before the reply's first route",
                    key.get_ref(),
                    key.get_ref()
                ),
                flaw: Flaw::UnknownField,
            });
        }
    }
    let f = Fields::of(value, &["when", "goto", "effect", "remember", "feedback"])?;
    Ok(Route {
        when: condition(f.need("when")?)?,
        goto: name(f.need("goto")?)?.into(),
        effect: f.or("effect", effect, Effect::default())?,
        remember: memories(f.or("remember", names, Vec::new())?),
        feedback: f.opt("feedback", prose)?,
    })
}

fn ending(value: &Value) -> Read<Ending> {
    let f = Fields::of(
        value,
        &["id", "title", "outcome", "lines", "debrief", "variant"],
    )?;
    // The variants first: a field of the ending's written after them is read into them,
    // and that is the message to give, not that the ending lacks it.
    let variants = f.or(
        "variant",
        |v| bounded(v, MAX_VARIANTS, "variants", ending_variant),
        Vec::new(),
    )?;
    Ok(Ending {
        id: name(f.need("id")?)?.into(),
        title: prose(f.need("title")?)?,
        outcome: Outcome::read(f.need("outcome")?)?,
        lines: f.or("lines", lines, Vec::new())?,
        debrief: prose(f.need("debrief")?)?,
        variants,
    })
}
