//! The reply analyzer: decides what each part of a reply does, and scores the reply on
//! presence and listening with the signals that explain why.
//!
//! Pure Rust, no web dependency, no clock. A reply is split into sentences and clauses
//! ([`units`]); each clause is read for what it does ([`Act`]): a question by its
//! function ([`questions`]), a roadblock to listening ([`roadblocks`]), an apology,
//! commitment or thanks ([`presence`]), a feeling named as theirs ([`feelings`]), and
//! only when it does none of those, a reflection of what they said ([`reflections`]).
//! The words are in a [`Lexicon`] (English in [`en`]); the signals in one table
//! ([`signals`]).

pub mod en;
pub mod feelings;
pub mod lexicon;
pub mod presence;
pub mod questions;
pub mod reflections;
pub mod roadblocks;
pub mod signals;
pub mod text;
pub mod units;

pub use lexicon::{Compiled, Lexicon};
pub use signals::{Dimension, SignalId};

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;
use units::{Reply, Unit};

/// One thing the analyzer found in a reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub id: SignalId,
    /// The score it counts towards, and how much.
    pub dimension: Dimension,
    pub weight: i32,
    /// How much it moves the other score.
    #[serde(default)]
    pub cross_weight: i32,
    /// Byte offsets in the reply of the words that triggered it; none for timing.
    pub span: Option<(usize, usize)>,
    pub note: String,
}

/// What a part of a reply does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Act {
    /// Says back what they said or meant.
    Reflects,
    /// Asks a question that invites their story.
    AsksOpen,
    /// Asks for yes, no, a fact or a choice.
    AsksClosed,
    /// Advises, moralises or steers.
    Advises,
    /// Orders or warns.
    Directs,
    /// Gives information from one's own side.
    Informs,
    /// Reassures before the feeling is heard.
    Reassures,
    /// Disagrees, corrects or argues.
    Disagrees,
    /// Defends the organisation: blame, excuses, policy.
    Defends,
    /// Judges, blames, labels or scorns them.
    Judges,
    /// Explains their motives to them.
    Interprets,
    /// Minimises the problem or polices the feeling.
    Dismisses,
    /// Apologises for what happened.
    Apologizes,
    /// Expresses sorrow or concern for them.
    Sympathizes,
    /// Says their reaction makes sense.
    Validates,
    /// Takes on a concrete action, or checks back.
    Commits,
    /// Thanks or shows respect.
    Thanks,
    /// Talks about oneself.
    TalksAboutSelf,
    /// Acknowledges or encourages without adding content.
    Acknowledges,
    /// Changes the subject.
    ChangesSubject,
    /// Says something else: a fragment, a greeting, a remark.
    Other,
}

impl Act {
    /// The act's name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Act::Reflects => "reflects",
            Act::AsksOpen => "asks_open",
            Act::AsksClosed => "asks_closed",
            Act::Advises => "advises",
            Act::Directs => "directs",
            Act::Informs => "informs",
            Act::Reassures => "reassures",
            Act::Disagrees => "disagrees",
            Act::Defends => "defends",
            Act::Judges => "judges",
            Act::Interprets => "interprets",
            Act::Dismisses => "dismisses",
            Act::Apologizes => "apologizes",
            Act::Sympathizes => "sympathizes",
            Act::Validates => "validates",
            Act::Commits => "commits",
            Act::Thanks => "thanks",
            Act::TalksAboutSelf => "talks_about_self",
            Act::Acknowledges => "acknowledges",
            Act::ChangesSubject => "changes_subject",
            Act::Other => "other",
        }
    }
}

/// A part of the reply and what it does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Byte offsets in the reply.
    pub span: (usize, usize),
    pub act: Act,
}

/// The analyzer's verdict on one reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// 0 to 100.
    pub presence: u8,
    /// 0 to 100.
    pub listening: u8,
    pub signals: Vec<Signal>,
    /// The reply's sentences and clauses, each with what it does.
    #[serde(default)]
    pub parts: Vec<Part>,
}

impl Analysis {
    /// Whether a signal was found.
    pub fn has(&self, id: SignalId) -> bool {
        self.signals.iter().any(|s| s.id == id)
    }

    /// Whether any harmful signal was found.
    pub fn harmful(&self) -> bool {
        self.signals.iter().any(|s| s.id.is_harmful())
    }
}

/// What the analyzer looks at.
#[derive(Clone, Copy, Debug, Default)]
pub struct Input<'a> {
    /// What the other person just said.
    pub said: &'a str,
    /// What they said earlier in the conversation, if known: a reflection may reach back to it.
    pub earlier: &'a str,
    /// The trainee's reply.
    pub reply: &'a str,
    /// Milliseconds from when they began speaking to the reply, if known.
    pub elapsed_ms: Option<u64>,
    /// How long their speech lasts, if known.
    pub speech_ms: Option<u64>,
}

/// What the rules found, as token ranges, in the order found.
#[derive(Debug, Default)]
pub struct Found {
    pub signals: Vec<(SignalId, Option<(usize, usize)>)>,
}

impl Found {
    pub fn add(&mut self, id: SignalId, at: (usize, usize)) {
        self.signals.push((id, Some(at)));
    }

    pub fn has(&self, id: SignalId) -> bool {
        self.signals.iter().any(|(s, _)| *s == id)
    }
}

/// The most a reply may hold, in characters: the reply box takes no more, the engine
/// refuses more, and the analyzer reads no further than this.
pub const MAX_REPLY_CHARS: usize = 2000;

/// What the reply box says about room left, once a reply of `chars` characters nears
/// [`MAX_REPLY_CHARS`]; nothing before then.
pub fn room_note(chars: usize) -> Option<String> {
    let left = MAX_REPLY_CHARS.saturating_sub(chars);
    match left {
        0 => Some(format!(
            "That is as long as a reply can be ({MAX_REPLY_CHARS} characters)."
        )),
        1 => Some("1 character left.".to_string()),
        l if l <= MAX_REPLY_CHARS / 10 => Some(format!("{l} characters left.")),
        _ => None,
    }
}

/// How much of what they said, and of what they said before, a reply is compared with:
/// the latest this many characters of each (a reflection reaches back several turns, not
/// to the start of an hour's conversation).
pub const MAX_CONTEXT_CHARS: usize = 4000;

/// The last `max` characters of `text`, from the start of a word.
fn latest(text: &str, max: usize) -> &str {
    let Some((at, _)) = text.char_indices().rev().nth(max) else {
        return text;
    };
    let tail = &text[at..];
    match tail.find(char::is_whitespace) {
        Some(gap) => tail[gap..].trim_start(),
        None => tail,
    }
}

/// The reply up to [`MAX_REPLY_CHARS`] characters.
pub fn capped(reply: &str) -> &str {
    match reply.char_indices().nth(MAX_REPLY_CHARS) {
        Some((at, _)) => &reply[..at],
        None => reply,
    }
}

/// Analyzes a reply with the English lexicon.
pub fn analyze(input: &Input<'_>) -> Analysis {
    analyze_with(input, english())
}

static INSTALLED: OnceLock<Compiled> = OnceLock::new();

/// Reads the English data file ([`en::TEXT`] natively; the web app fetches [`en::URL`])
/// and makes it the lexicon [`english`] gives. The first lexicon installed stays.
pub fn install_english(text: &str) -> Result<(), lexicon::ParseError> {
    if INSTALLED.get().is_none() {
        let lexicon = Lexicon::read(en::URL, text)?;
        let _ = INSTALLED.set(Compiled::new(&lexicon));
    }
    Ok(())
}

/// Whether English has been installed (natively it never needs to be).
pub fn english_installed() -> bool {
    INSTALLED.get().is_some()
}

/// The English lexicon, compiled once: the one installed, or natively the one compiled
/// in. In the web app before installing it, an empty lexicon, which finds nothing: the
/// app installs it before it scores anything.
pub fn english() -> &'static Compiled {
    if let Some(c) = INSTALLED.get() {
        return c;
    }
    static FALLBACK: OnceLock<Compiled> = OnceLock::new();
    FALLBACK.get_or_init(|| {
        #[cfg(not(target_arch = "wasm32"))]
        let lexicon = Lexicon::read(en::FILE, en::TEXT).unwrap_or_else(|_| Lexicon::empty());
        #[cfg(target_arch = "wasm32")]
        let lexicon = Lexicon::empty();
        Compiled::new(&lexicon)
    })
}

/// The most words a sentence ending in "?" may have, and nothing said after it, to be read
/// as a fact checked with them (a closed question) rather than a reflection, unless it is
/// framed as one or names their feeling.
const SHORT_CHECK: usize = 8;

/// The least share of a reply's words that must be English words the analyzer knows, or
/// words the other person used, for the reply to be read as English (see
/// docs/analyzer.md, "A reply not understood").
pub const ENGLISH_SHARE: f64 = 0.5;

/// Whether a reply reads as English words: it has a word (letters, not only digits,
/// emoji or punctuation), and at least [`ENGLISH_SHARE`] of its words are words of the
/// analyzer's lists or everyday words (in any form), or words of `said`.
pub fn reads_as_english(reply: &str, said: &str) -> bool {
    let c = english();
    let theirs = units::content_stems(
        &text::tokenize_with(latest(said, MAX_CONTEXT_CHARS), c, false).tokens,
        c,
    );
    let t = text::tokenize(capped(reply), c);
    let (mut words, mut known) = (0usize, 0usize);
    for w in t
        .tokens
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphabetic))
    {
        words += 1;
        let stem = text::stem(&w.text, c);
        if c.vocabulary.contains(&w.text)
            || c.vocabulary_stems.contains(&stem)
            || c.common_stems.contains(&stem)
            || c.numbers.values().any(|n| *n == w.text)
            || theirs.contains(&stem)
        {
            known += 1;
        }
    }
    words > 0 && known as f64 >= ENGLISH_SHARE * words as f64
}

/// The content words of a text, lightly stemmed, for comparing what two replies are about.
pub fn content_stems(text: &str) -> HashSet<String> {
    let c = english();
    units::content_stems(&text::tokenize(text, c).tokens, c)
}

/// How closely two replies' intents match, from 0 to 1 (the rule that routes a typed reply):
///
/// - 0.5 × agreement of their signals: the weight of the signals both have over the
///   weight of the signals either has (timing signals aside);
/// - 0.3 × overlap of their content words (Dice coefficient);
/// - 0.2 × closeness of their scores: 1 − (|Δ presence| + |Δ listening|) / 200.
pub fn intent_match(
    a: &Analysis,
    a_words: &HashSet<String>,
    b: &Analysis,
    b_words: &HashSet<String>,
) -> f64 {
    let textual = |x: &Analysis| -> Vec<SignalId> {
        x.signals
            .iter()
            .map(|s| s.id)
            .filter(|id| !matches!(id, SignalId::Interruption | SignalId::Backchannel))
            .collect()
    };
    let (sa, sb) = (textual(a), textual(b));
    let weight = |id: &SignalId| f64::from(id.weight().unsigned_abs());
    let both: f64 = sa.iter().filter(|id| sb.contains(id)).map(weight).sum();
    let either: f64 = sa
        .iter()
        .chain(sb.iter().filter(|id| !sa.contains(id)))
        .map(weight)
        .sum();
    let signals = if either == 0.0 { 1.0 } else { both / either };
    let shared = a_words.intersection(b_words).count() as f64;
    let total = (a_words.len() + b_words.len()) as f64;
    let words = if total == 0.0 {
        0.0
    } else {
        2.0 * shared / total
    };
    let distance =
        f64::from(a.presence.abs_diff(b.presence)) + f64::from(a.listening.abs_diff(b.listening));
    0.5 * signals + 0.3 * words + 0.2 * (1.0 - distance / 200.0)
}

/// Analyzes a reply with a compiled lexicon. Never panics; time is linear in the
/// reply's length for a fixed lexicon.
pub fn analyze_with(input: &Input<'_>, c: &Compiled) -> Analysis {
    let r = Reply::new(
        capped(input.reply),
        latest(input.said, MAX_CONTEXT_CHARS),
        latest(input.earlier, MAX_CONTEXT_CHARS),
        c,
    );
    let mut found = Found::default();
    let backchannel = is_backchannel(&r);
    if let Some(at) = backchannel {
        found.add(SignalId::Backchannel, at);
    }
    if let (Some(e), Some(total)) = (input.elapsed_ms, input.speech_ms) {
        if e < total && backchannel.is_none() && !r.words().is_empty() {
            found.signals.push((SignalId::Interruption, None));
        }
    }
    let mut acts = Vec::with_capacity(r.units.len());
    let mut reflective = Vec::with_capacity(r.units.len());
    if backchannel.is_none() {
        let sorry = presence::SorryContext::of(&r);
        for u in &r.units {
            let (act, reflects) = read_unit(&r, u, &sorry, &mut found);
            acts.push(act);
            reflective.push(reflects);
        }
        // "wow. thats a lot to deal with": a curt word before saying back is surprise.
        let warm = reflective.contains(&true) || found.has(SignalId::Sympathy);
        let curt = presence::curt(&r).filter(|_| !warm);
        if let Some(at) = presence::shouting(&r).or(curt) {
            found.add(SignalId::Hostile, at);
        }
        if let Some(at) = presence::self_focus(&r, &acts) {
            found.add(SignalId::SelfFocus, at);
        }
        summaries(&r, &mut acts, &mut reflective, &mut found);
        presence::yes_but_and(&r, &reflective, &mut found);
        answered(&r, &acts, &mut found);
        set_up_roadblocks(&mut found, &acts);
    } else {
        acts = vec![Act::Acknowledges; r.units.len()];
    }
    let parts = r
        .units
        .iter()
        .zip(&acts)
        .filter_map(|(u, act)| {
            r.span((u.first, u.last))
                .map(|span| Part { span, act: *act })
        })
        .collect();
    finish(&r, found, parts)
}

/// They asked a question and the reply answers it: a promise, an answer or a reflection,
/// not a question back, a roadblock or a change of subject.
fn answered(r: &Reply<'_>, acts: &[Act], found: &mut Found) {
    if !r.heard.asked || found.signals.iter().any(|(id, _)| id.is_harmful()) {
        return;
    }
    let answer = r.units.iter().zip(acts).find(|(u, act)| {
        !u.asks()
            && matches!(
                act,
                Act::Commits
                    | Act::Informs
                    | Act::Other
                    | Act::Reflects
                    | Act::Apologizes
                    | Act::Validates
            )
    });
    if let Some((u, _)) = answer {
        found.add(SignalId::Answered, (u.first, u.last));
    }
}

/// Sentences of fragments that, together, say back what they said: their units reflect.
fn summaries(r: &Reply<'_>, acts: &mut [Act], reflective: &mut [bool], found: &mut Found) {
    let mut from = 0;
    while from < r.units.len() {
        let k = r.units[from].sentence;
        let to = (from..r.units.len())
            .find(|&j| r.units[j].sentence != k)
            .unwrap_or(r.units.len());
        // "Let me make sure I've got this right: ...": the summary starts after it.
        let start = (from..to)
            .find(|&j| !r.announces(&r.units[j]))
            .unwrap_or(to);
        let units: Vec<usize> = (start..to).collect();
        from = to;
        let Some(&first) = units.first() else {
            continue;
        };
        let s = &r.t.sentences[k];
        let plain = units
            .iter()
            .all(|&j| matches!(acts[j], Act::Other | Act::Reflects | Act::Acknowledges));
        let open = units.iter().any(|&j| acts[j] == Act::Other);
        let (a, announced) = (r.units[first].first, r.announced(r.units[first].first));
        if plain && open && reflections::summarizes(r, a, s.last, announced) {
            for &j in &units {
                if acts[j] == Act::Other {
                    acts[j] = Act::Reflects;
                    reflective[j] = true;
                }
            }
            found.add(SignalId::Reflection, (s.first, s.last));
        }
    }
}

/// A reflection that only leads into a roadblock ("I hear you're worried, but you
/// should...") or is lost in a reply that mostly informs is not credited as listening:
/// the reply is read by what it does to the conversation.
fn set_up_roadblocks(found: &mut Found, acts: &[Act]) {
    let blocked = found.signals.iter().any(|(id, _)| {
        id.is_harmful() && !matches!(id, SignalId::Interruption | SignalId::SelfFocus)
    });
    let reflects = acts.iter().filter(|a| **a == Act::Reflects).count();
    let informs = acts.iter().filter(|a| **a == Act::Informs).count();
    if blocked || informs > reflects {
        found
            .signals
            .retain(|(id, _)| !matches!(id, SignalId::Reflection | SignalId::FeelingNamed));
    }
}

/// Decides what one unit does and records its signals; returns its act and whether it
/// reflects.
fn read_unit(
    r: &Reply<'_>,
    u: &Unit,
    sorry: &presence::SorryContext,
    found: &mut Found,
) -> (Act, bool) {
    let m = &r.m;
    if u.is_empty() {
        return (Act::Acknowledges, false);
    }
    // "So what?", "Big deal.": dismissal with nothing after it.
    if let Some(n) = m.dismissive_alone().at(u.first) {
        if u.first + n == u.last && r.units.len() == 1 {
            found.add(SignalId::Dismissive, (u.first, u.last));
            return (Act::Dismisses, false);
        }
    }
    // "Let me make sure I've got this right": what follows it says back.
    if r.announces(u) {
        return (Act::Acknowledges, false);
    }
    // A reflection checked with them: "am I hearing that...?", "is that what you're saying?".
    if u.asks() {
        if let Some(at) = m.reflective_checks().first_in(u.first, u.last) {
            found.add(SignalId::Reflection, at);
            return (Act::Reflects, true);
        }
    }
    let feeling = feelings::find(r, u);
    if let Some((feelings::Owner::Policed, at)) = feeling {
        found.add(SignalId::Dismissive, at);
        return (Act::Dismisses, false);
    }
    let theirs = matches!(feeling, Some((feelings::Owner::Them, _)));
    // "Tell me about it, we never have staff either": the idiom that turns the talk to
    // oneself, not an invitation, when the reply goes on without asking.
    if u.form == units::Form::Invitation
        && !u.marked
        && u.last < r.words().len()
        && m.self_focus().at(u.lead).is_some()
    {
        return (Act::TalksAboutSelf, false);
    }
    if u.asks() {
        if let Some(act) = questions::classify(r, u, found) {
            if let Some(at) = presence::follow_through(r, u) {
                found.add(SignalId::FollowThrough, at);
            }
            return (act, false);
        }
        // A statement that ends in "?": a reflection checked with them, or a closed question.
        let before = found.signals.len();
        let blocked = roadblocks::find(r, u, found);
        if let Some(act) = blocked {
            return (act, false);
        }
        found.signals.truncate(before);
        // "You have?", "Not yet?", "And you found us okay?": a few words checked with them
        // and nothing after them asks them to confirm a fact, a closed question. Framed as
        // a reflection ("so", "it sounds like") or naming a feeling, it says back.
        let sentence = &r.t.sentences[u.sentence];
        // ("ur kidding me, 2 months??": a word of their own first makes it an echo.)
        let check = u.last == r.words().len()
            && u.first == sentence.first
            && !theirs
            && sentence.last - sentence.first <= SHORT_CHECK
            && !m.summary_openers().any_in(sentence.first, sentence.last)
            && !m.reflection_stems().any_in(sentence.first, sentence.last);
        let reason = reflections::reflects(r, u, theirs);
        // "Let me make sure I've got this right: three calls, and still no fix?", "So
        // you've called three times and it still isn't fixed?": a summary announced, or a
        // sentence opened as a reflection, goes on saying back to its end.
        let announced = || {
            let opened = m.reflection_stems().any_in(sentence.first, u.first)
                || m.clause_starters().any_in(sentence.first, u.first);
            (opened || r.announced(u.first)) && {
                let (recent, earlier, _) = r.overlap_in(sentence.first, u.last);
                recent + earlier >= 1
            }
        };
        if reason.is_some_and(|why| !check || why == reflections::Reason::Stem) || announced() {
            found.add(SignalId::Reflection, (u.first, u.last));
            if let Some((_, at)) = feeling.filter(|_| theirs) {
                found.add(SignalId::FeelingNamed, at);
            }
            return (Act::Reflects, true);
        }
        found.add(SignalId::ClosedQuestion, (u.first, u.last));
        return (Act::AsksClosed, false);
    }
    // "Please do.", "Got it.": an acknowledgement and nothing else ("that makes sense" also
    // validates).
    if m.acknowledgements().at(u.lead) == Some(u.last - u.lead)
        && !u.asks()
        && m.validation().first_in(u.first, u.last).is_none()
    {
        return (Act::Acknowledges, false);
    }
    let mut act = presence::apology(r, u, sorry, found);
    if let Some(block) = roadblocks::find(r, u, found) {
        return (act.unwrap_or(block), false);
    }
    if let Some(at) = presence::commitment(r, u) {
        found.add(SignalId::Commitment, at);
        act = act.or(Some(Act::Commits));
    }
    if let Some(at) = presence::follow_through(r, u) {
        found.add(SignalId::FollowThrough, at);
        act = act.or(Some(Act::Commits));
    }
    if let Some(at) = presence::appreciation(r, u) {
        found.add(SignalId::Appreciation, at);
        act = act.or(Some(Act::Thanks));
    }
    if let Some(at) = r.first_live(m.autonomy(), u) {
        found.add(SignalId::Autonomy, at);
    }
    let validated = presence::validation(r, u);
    if let Some(at) = validated {
        found.add(SignalId::Validation, at);
    }
    if let (true, Some((_, at))) = (theirs, feeling) {
        if !matches!(
            act,
            Some(Act::Commits | Act::Thanks | Act::Dismisses | Act::Defends)
        ) {
            found.add(SignalId::FeelingNamed, at);
        }
    }
    if act.is_none() {
        if reflections::reflects(r, u, theirs).is_some() {
            found.add(SignalId::Reflection, (u.first, u.last));
            return (Act::Reflects, true);
        }
        if validated.is_some() {
            return (Act::Validates, false);
        }
        if m.acknowledgements().at(u.lead).is_some()
            || m.backchannels().at(u.lead) == Some(u.last - u.lead)
        {
            return (Act::Acknowledges, false);
        }
        if r.is(m.first_person(), u.lead) && m.narrative_verbs().any_in(u.lead + 1, u.last) {
            return (Act::TalksAboutSelf, false);
        }
        return (
            if informs(r, u) {
                Act::Informs
            } else {
                Act::Other
            },
            false,
        );
    }
    (act.unwrap_or(Act::Informs), false)
}

/// Whether a plain statement gives information from one's own side: facts in general
/// ("usually", "research shows", "people who..."), a prediction or permission ("it will",
/// "you can"), or the speaker explaining ("I should mention", "we have").
fn informs(r: &Reply<'_>, u: &Unit) -> bool {
    let m = &r.m;
    m.informing().any_in(u.first, u.last)
        || m.modals().any_in(u.lead, (u.lead + 4).min(u.last))
        || m.generic_subjects().at(u.lead).is_some()
        || r.is(m.first_person(), u.lead)
        || r.is(m.first_plural(), u.lead)
}

/// MITI / Mulder-Vos: a short encouraging token ("mm-hm", "go on") that does not take the floor.
fn is_backchannel(r: &Reply<'_>) -> Option<(usize, usize)> {
    let w = r.words();
    if w.is_empty() || w.len() > 5 {
        return None;
    }
    // The whole reply must be made of back-channel phrases.
    let mut i = 0;
    while i < w.len() {
        i += r.m.backchannels().at(i)?;
    }
    Some((0, w.len()))
}

/// One signal per kind, at its first place, and the scores they make.
fn finish(r: &Reply<'_>, found: Found, parts: Vec<Part>) -> Analysis {
    let mut signals: Vec<Signal> = Vec::new();
    for (id, at) in found.signals {
        if signals.iter().all(|s| s.id != id) {
            signals.push(Signal {
                id,
                dimension: id.dimension(),
                weight: id.weight(),
                cross_weight: id.cross_weight(),
                span: at.and_then(|at| r.span(at)),
                note: id.note().to_string(),
            });
        }
    }
    crate::lean::sort_small_by_key(&mut signals, |s| (s.span.map_or(0, |(a, _)| a), s.id));
    let (presence, listening) = score(&signals);
    Analysis {
        presence,
        listening,
        signals,
        parts,
    }
}

/// A reply's scores from its signals: for each dimension, 50 plus the weights of its
/// signals and the cross weights of the other dimension's, clamped to 0 to 100.
pub fn score(signals: &[Signal]) -> (u8, u8) {
    let sum = |d: Dimension| -> i32 {
        signals
            .iter()
            .map(|s| {
                if s.dimension == d {
                    s.weight
                } else {
                    s.cross_weight
                }
            })
            .sum()
    };
    let clamp = |x: i32| (50 + x).clamp(0, 100) as u8;
    (
        clamp(sum(Dimension::Presence)),
        clamp(sum(Dimension::Listening)),
    )
}
