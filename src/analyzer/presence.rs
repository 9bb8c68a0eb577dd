//! Presence (the four fundamentals of service, HEARD and LAST, NURSE): apologising for
//! what happened, sympathy, saying their reaction makes sense, a concrete action one
//! takes on, checking back, thanks, leaving the choice with them; and the reply-level
//! signals: contempt shown by shouting or curtness, talk turned to oneself, "yes, but"
//! and "yes, and".

use super::units::{Reply, Unit};
use super::{feelings, Act, Found, SignalId};

/// What the whole reply says that decides how a bare "sorry" reads.
pub struct SorryContext {
    /// It admits a fault or takes an action on: "sorry" is an apology.
    pub owns: bool,
    /// It names what they are going through: "sorry" is sympathy.
    pub feels: bool,
}

impl SorryContext {
    pub fn of(r: &Reply<'_>) -> SorryContext {
        let m = &r.m;
        let owns = r.units.iter().any(|u| {
            admission(r, u).is_some()
                || r.first_live(m.ownership(), u).is_some()
                || commitment(r, u).is_some()
        });
        let feels = r.units.iter().any(|u| {
            r.first_live(m.sympathy(), u).is_some()
                || (!u.asks() && matches!(feelings::find(r, u), Some((feelings::Owner::Them, _))))
        });
        SorryContext { owns, feels }
    }
}

/// Admitting the fault: "my mistake", or "we got this badly wrong" with the speaker as
/// the subject of the fault.
fn admission(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    if let Some(at) = r.first_live(m.admissions(), u) {
        return Some(at);
    }
    let speaker = r.is(m.first_person(), u.lead) || r.is(m.first_plural(), u.lead);
    let (a, b) = r.first_live(m.fault_words(), u)?;
    (speaker && !u.asks()).then_some((u.lead, b.max(a + 1)))
}

/// Apologies, sympathy and the non-apology.
pub fn apology(r: &Reply<'_>, u: &Unit, ctx: &SorryContext, found: &mut Found) -> Option<Act> {
    let m = &r.m;
    if let Some(at) = r.first_live(m.non_apologies(), u) {
        found.add(SignalId::NonApology, at);
        return Some(Act::Dismisses);
    }
    if let Some(at) = r.first_live(m.sympathy_frames(), u) {
        found.add(SignalId::Sympathy, at);
        return Some(Act::Sympathizes);
    }
    if let Some(at) = admission(r, u) {
        found.add(SignalId::Apology, at);
        return Some(Act::Apologizes);
    }
    if let Some((a, b)) = r.first_live(m.apologies(), u) {
        let sentence = &r.t.sentences[u.sentence];
        let next_contrast = r
            .units
            .iter()
            .find(|n| n.first == u.last)
            .is_some_and(|n| n.sentence == u.sentence && m.contrasts().at(n.first).is_some())
            || m.contrasts().any_in(b, (b + 2).min(u.last));
        if next_contrast {
            // "Sorry, but ..." with nothing taken on is an excuse.
            if !ctx.owns {
                found.add(SignalId::Defensive, (a, b));
                return Some(Act::Defends);
            }
            return None;
        }
        // A "sorry" trailing a refusal ("no idea, sorry") apologises for nothing.
        let trailing = a > u.lead && b >= u.last && a > sentence.first;
        if trailing && !ctx.owns {
            return None;
        }
        // A bare "I'm so sorry." after they told of a loss is sympathy; "I'm sorry it's
        // taken so long" still apologises.
        if !ctx.owns && (ctx.feels || (r.heard.loss && b >= sentence.last)) {
            found.add(SignalId::Sympathy, (a, b));
            return Some(Act::Sympathizes);
        }
        found.add(SignalId::Apology, (a, b));
        return Some(Act::Apologizes);
    }
    if let Some(at) = r.first_live(m.sympathy(), u) {
        found.add(SignalId::Sympathy, at);
        return Some(Act::Sympathizes);
    }
    None
}

/// Whether a number in tokens `from..to` is a time ("by 4", "at ten").
fn timed(r: &Reply<'_>, from: usize, to: usize) -> bool {
    (from..to).any(|j| {
        let w = r.word(j);
        w.chars().any(|c| c.is_ascii_digit())
            || (j > from
                && r.is(r.m.time_prepositions(), j - 1)
                && r.c.numbers.values().any(|n| n == w))
    })
}

/// A concrete action the speaker takes on: "I'll book it for 9am", "let me refund it
/// now", "sending an engineer today"; or owning the problem ("leave it with me").
pub fn commitment(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    if u.asks() {
        return None;
    }
    if let Some(at) = r.first_live(m.ownership(), u) {
        return Some(at);
    }
    let sentence = &r.t.sentences[u.sentence];
    if hedged(r, u) {
        return None;
    }
    let concrete = |from: usize| {
        m.concrete_markers().any_in(from, sentence.last) || timed(r, from, sentence.last)
    };
    for (a, b) in r.live_in(m.commitment_subjects(), u) {
        // "I can tell...", "I can see...": a reflective frame, not a promise.
        if m.reflection_stems().at(a).is_some() {
            continue;
        }
        // "I'm sending it" takes something on; "we're fully booked" only describes.
        let progressive = m.progressive_subjects().at(a) == Some(b - a);
        let verb = (b..(b + 3).min(u.last)).find(|&j| {
            m.commitment_verbs().at(j).is_some()
                && (!progressive || m.actions_under_way().at(j).is_some())
        });
        let Some(v) = verb else { continue };
        let negated = (b..v).any(|j| m.negations().at(j).is_some());
        // "I'll pay the taxi" is concrete in itself; "I'll look into it" needs a time.
        let specific = m.vague_actions().at(v).is_none();
        if !negated && (specific || concrete(b)) {
            return Some((a, v + 1));
        }
    }
    // "Sending an engineer today": the action under way, its subject left out.
    if m.actions_under_way().at(u.lead).is_some() && concrete(u.lead + 1) {
        return Some((u.lead, u.lead + 1));
    }
    None
}

/// Whether the promise a unit may make is hedged ("I'll try", "hopefully"): anywhere in
/// its sentence, except in another promise of the same sentence ("I'll have to check with
/// my manager, and I'll ring you by five" promises the call).
fn hedged(r: &Reply<'_>, u: &Unit) -> bool {
    let m = &r.m;
    let sentence = &r.t.sentences[u.sentence];
    let promises =
        |x: &&Unit| x.sentence == u.sentence && m.commitment_subjects().at(x.lead).is_some();
    let earlier = r.units.iter().filter(promises).any(|x| x.last <= u.first);
    let from = if earlier { u.first } else { sentence.first };
    let to = r
        .units
        .iter()
        .filter(promises)
        .find(|x| x.first >= u.last)
        .map_or(sentence.last, |x| x.first);
    m.hedges().any_in(from, to)
}

/// Saying when one will come back to them, or checking the outcome with them.
pub fn follow_through(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    let sentence = &r.t.sentences[u.sentence];
    if u.asks() || hedged(r, u) {
        return r.first_live(m.follow_through(), u);
    }
    if let Some(at) = promised_contact(r, u, sentence) {
        return Some(at);
    }
    r.first_live(m.follow_through(), u)
}

/// "I'll call you at eight", "..., and ring you by five": a promise to come back to them.
fn promised_contact(
    r: &Reply<'_>,
    u: &Unit,
    sentence: &super::text::Sentence,
) -> Option<(usize, usize)> {
    let m = &r.m;
    // "I'll call the clinic, and ring you by five": the promise's subject may stand earlier
    // in the sentence than the verb of coming back.
    let contact = (u.first..u.last).find(|&j| m.contact_verbs().at(j).is_some() && r.live(j))?;
    let (a, _) = m
        .commitment_subjects()
        .all()
        .filter(|&(a, _)| m.reflection_stems().at(a).is_none())
        .filter(|&(a, b)| a >= sentence.first && b <= contact && contact - b <= 20 && r.live(a))
        .last()?;
    Some((a, contact + m.contact_verbs().at(contact).unwrap_or(1)))
}

/// NURSE (Understanding): their reaction makes sense.
pub fn validation(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    if let Some(at) = r.first_live(m.validation(), u) {
        return Some(at);
    }
    // "I'd be furious too": a feeling and a "too" after a first-person conditional.
    let (a, b) = r.first_live(m.conditional_frames(), u)?;
    let to = (b + 5).min(u.last.max(r.t.sentences[u.sentence].last));
    let feeling = m.feelings().first_in(b, to)?;
    let tail = m
        .same_tails()
        .any_in(feeling.1, (feeling.1 + 4).min(r.words().len()));
    tail.then_some((a, feeling.1))
}

/// Thanks and respect, unless sarcastic.
pub fn appreciation(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let (a, b) = r.first_live(r.m.appreciation(), u)?;
    let sarcastic = r.m.hostile().any_in(u.first, u.last) || r.m.dismissive().starts_in(a, b);
    (!sarcastic).then_some((a, b))
}

/// Shouting: most of a reply of several words in capitals.
pub fn shouting(r: &Reply<'_>) -> Option<(usize, usize)> {
    let words: Vec<&str> = r
        .words()
        .iter()
        .map(|t| &r.source[t.start..t.end])
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let letters = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0, 0), |(u, t), c| {
        (u + usize::from(c.is_uppercase()), t + 1)
    });
    let shouted_words = words
        .iter()
        .filter(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && !w.chars().any(char::is_lowercase)
        })
        .count();
    let long_shout = words.iter().any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 5 && !w.chars().any(char::is_lowercase)
    });
    ((words.len() >= 3 && upper * 5 >= total * 4) || shouted_words >= 2 || long_shout)
        .then(|| (0, r.words().len()))
}

/// A curt one-phrase reply ("Whatever.", "Fine.").
pub fn curt(r: &Reply<'_>) -> Option<(usize, usize)> {
    let first = r.t.sentences.first()?;
    (r.m.hostile_alone().at(0) == Some(first.last - first.first)).then_some((0, first.last))
}

/// The talk turned to oneself: a phrase that does it ("me too", "when I was"), or
/// sentences that tell one's own story with no "you" in them.
pub fn self_focus(r: &Reply<'_>, acts: &[Act]) -> Option<(usize, usize)> {
    let m = &r.m;
    for (k, u) in r.units.iter().enumerate() {
        // A question asks about them: "can you tell me about it?" is a request.
        if matches!(
            acts[k],
            Act::Commits
                | Act::Apologizes
                | Act::Validates
                | Act::Thanks
                | Act::AsksOpen
                | Act::AsksClosed
        ) {
            continue;
        }
        if let Some(at) = r.first_live(m.self_focus(), u) {
            return Some(at);
        }
    }
    let mut told = 0;
    let mut first = None;
    let mut longest = 0;
    for (k, u) in r.units.iter().enumerate() {
        let lead = u.lead;
        let mine = r.is(m.first_person(), lead);
        let telling = mine && m.narrative_verbs().any_in(lead + 1, (lead + 4).min(u.last));
        let offered = matches!(
            acts[k],
            Act::Commits | Act::Apologizes | Act::Validates | Act::Thanks | Act::Sympathizes
        );
        if telling && !offered && !m.second_person().any_in(u.first, u.last) {
            told += 1;
            first.get_or_insert((lead, lead + 1));
            longest = longest.max(u.last - u.first);
        }
    }
    (told >= 2 || longest >= 10).then_some(first).flatten()
}

/// Seed 004 (Pink): "yes, but" takes back the agreement; "yes, and" builds on it.
pub fn yes_but_and(r: &Reply<'_>, reflective: &[bool], found: &mut Found) {
    let m = &r.m;
    let w = r.words();
    let acks: Vec<(usize, usize)> = m
        .acknowledgements()
        .all()
        .filter(|&(a, _)| r.live(a) && m.acknowledgement_exceptions().at(a).is_none())
        .collect();
    for (c, n) in m.contrasts().all().map(|(a, b)| (a, b - a)) {
        let Some(j) = r.units.iter().position(|u| u.first <= c && c < u.last) else {
            continue;
        };
        let u = &r.units[j];
        // "Okay. But it sounds like part of you wants to quit": what follows the "but" is
        // their side, said back, not an agreement taken back.
        if reflective[j]
            || !r.contrasts_at(c)
            || r.reported[c]
            || m.contrast_exceptions()
                .any_in(c.saturating_sub(2), (c + 3).min(u.last))
        {
            continue;
        }
        // The last word of the reply ("..., though") takes nothing back.
        if c + n >= u.last && c + 1 >= r.words().len() {
            continue;
        }
        let prev_sentence_start = u.sentence.checked_sub(1).map(|s| &r.t.sentences[s]);
        let sentence = &r.t.sentences[u.sentence];
        let from = match prev_sentence_start {
            Some(p) if p.last - p.first <= 6 => p.first,
            _ => sentence.first,
        };
        // A "yes" inside a reflection of their words ("the app says all fine, but...") is
        // theirs, not an agreement taken back.
        let theirs = |a: usize| {
            r.units
                .iter()
                .position(|x| x.first <= a && a < x.last)
                .is_some_and(|j| reflective[j] && a >= r.units[j].lead)
        };
        if let Some(&(a, _)) = acks
            .iter()
            .rev()
            .find(|&&(a, b)| a >= from && b <= c && c - b <= 14 && !theirs(a))
        {
            found.add(SignalId::YesBut, (a, c + n));
            return;
        }
    }
    // Yes-and: agreement, or taking up their point, then "and" that builds forward.
    for (i, tok) in w.iter().enumerate() {
        // "Yes, and ...": agreement carried straight on.
        let carried = m.continuations().at(i).filter(|_| {
            i + 1 < w.len()
                && acks
                    .iter()
                    .any(|&(a, b)| b == i && m.apologies().at(a).is_none())
        });
        let Some(n) = m.builders().at(i).or(carried) else {
            continue;
        };
        if r.reported[i] {
            continue;
        }
        let sentence = &r.t.sentences[tok.sentence];
        let agreed = acks.iter().any(|&(a, b)| {
            b <= i && i - b <= 6 && a + 8 >= sentence.first && m.apologies().at(a).is_none()
        });
        let took_up = i > sentence.first
            && (sentence.first..i)
                .any(|j| !r.stems[j].is_empty() && r.heard.recent.contains(&r.stems[j]))
            && !m.contrasts().any_in(sentence.first, i);
        if agreed || took_up {
            found.add(SignalId::YesAnd, (i, (i + n).min(w.len())));
            return;
        }
    }
}
