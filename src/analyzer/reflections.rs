//! Seed 004 and MITI 4: a reflection says back what they said or meant, in their words
//! (paraphrase) or one's own (summary), simple or adding a feeling or meaning they
//! implied. It may be short ("Three weeks, and nobody called."), may end in "?" or
//! "is that right?", and may reach back several turns. A unit is read as a reflection
//! only once the rules have found it does nothing else: a clause that advises,
//! corrects, reassures or informs from one's own side never reflects, whatever words it
//! shares with them.

use super::units::{Reply, Unit};

/// Why a unit reads as a reflection, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Led by a reflective stem ("it sounds like", "so you're", "part of you").
    Stem,
    /// A statement about them: their feelings, wants, thoughts or what happened to them.
    AboutThem,
    /// Their own content said back (their words, or three in a row with pronouns turned).
    Content,
    /// A feeling attributed to them or to what happened ("that must be frightening").
    Feeling,
}

/// Whether a sentence of fragments says back what they said as a whole ("Three weeks,
/// two emails, and not a word back."): mostly their content, nothing from one's own side.
/// After "let me make sure I've got this right" (`announced`), some of their content is
/// enough.
pub fn summarizes(r: &Reply<'_>, first: usize, last: usize, announced: bool) -> bool {
    let m = &r.m;
    if m.modals().any_in(first, last)
        || m.informing().any_in(first, last)
        || m.generic_subjects().at(first).is_some()
        || m.first_person().any_in(first, last)
        || m.first_plural().any_in(first, last)
        || own_judgement(r, first, last)
    {
        return false;
    }
    let (recent, earlier, content) = r.overlap_in(first, last);
    let shared = recent + earlier;
    (announced && shared >= 1) || (recent >= 1 && shared >= 2 && shared * 5 >= content * 2)
}

/// "Walking is great exercise", "that's a good plan": one's own judgement of something,
/// in a word of praise they did not just use, and not said of them (their judgement
/// said back, "so it's been great", reflects).
fn own_judgement(r: &Reply<'_>, lead: usize, last: usize) -> bool {
    let m = &r.m;
    m.evaluations().first_in(lead, last).is_some_and(|(at, _)| {
        !r.heard.recent.contains(&r.stems[at]) && !m.second_person().any_in(lead, at)
    })
}

/// Whether a statement unit (or one that only ends in "?") reflects.
pub fn reflects(r: &Reply<'_>, u: &Unit, feeling: bool) -> Option<Reason> {
    let m = &r.m;
    let (lead, last) = (u.lead, u.last);
    if lead >= last {
        return None;
    }
    let (recent, earlier, content) = r.overlap(u);
    let shared = recent + earlier;
    let speaker_led = r.is(m.first_person(), lead) || r.is(m.first_plural(), lead);
    // Predictions and permissions ("you'll get it", "you can...") speak from one's own side.
    // A modal on the main verb ("you can...", "it will..."), not one inside what they
    // feel or doubt ("you're not sure if you can").
    let modal = (m.modals().any_in(lead, (lead + 4).min(last))
        && !m.reflection_stems().any_in(lead, last)
        && !m.state_words().any_in(
            lead,
            m.modals().first_in(lead, last).map_or(last, |(a, _)| a),
        ))
        // "... something that you can work on with your case manager": what they can do,
        // said from one's own side, wherever it sits (not "you feel you can't").
        // Not in their words said back ("you mentioned you have to sit the exam").
        || (lead..last).any(|i| {
            r.is(m.second_person(), i)
                && !r.reported[i]
                && m.modals().at(i + 1).is_some_and(|n| {
                    !m.state_words().starts_in(i + 1 + n, (i + 3 + n).min(last))
                })
                && !m.state_words().any_in(lead, i)
                && (i == lead || m.wh_words().at(i - 1).is_none())
        });
    let informing = m.informing().any_in(lead, last)
        || m.conditionals().at(lead).is_some()
        || (r.is(m.second_person(), lead) && m.evaluations().any_in(lead, last));
    // "So you can work tomorrow" after a promise is its purpose, not a reflection.
    let purpose = m
        .clause_starters()
        .at(u.first)
        .is_some_and(|n| m.modals().any_in(u.first + n, (u.first + n + 2).min(last)));
    // "It sounds like we need to talk more": about us, not them.
    let ours = |at: usize| r.is(m.first_plural(), at) || r.is(m.first_person(), at);
    let stem = m
        .reflection_stems()
        .at(lead)
        .is_some_and(|n| !ours(lead + n))
        || (m
            .clause_starters()
            .at(u.first)
            .is_some_and(|n| !ours(u.first + n))
            && !purpose)
        || (lead + 1 < last
            && m.reflection_stems()
                .at(lead + 1)
                .is_some_and(|n| !ours(lead + 1 + n))
            && r.is(m.demonstratives(), lead));
    // "Sounds like a great plan" praises; it does not reflect.
    let praised = m.evaluations().any_in(lead, (lead + 5).min(last))
        && !m.second_person().any_in(lead, (lead + 4).min(last));
    // A stem says back something only with something after it ("So you-- ", "Right, so you
    // make--" is a turn broken off).
    let substance = content >= 1
        || feeling
        || m.state_words().any_in(lead, last)
        || m.event_words().any_in(lead, last);
    if stem && !praised && substance {
        return Some(Reason::Stem);
    }
    // "People who drink at a risky level...": a statement about people in general (not
    // "everyone saying it's nothing", which reports what they hear).
    let reported = r.reported[lead..last].iter().filter(|x| **x).count() * 2 > last - lead;
    if m.generic_subjects().at(lead).is_some() && !reported {
        return None;
    }
    if speaker_led {
        // "I can tell this matters to you" is a stem; "I'll book it" is not a reflection.
        return None;
    }
    let you_led = r.is(m.second_person(), lead);
    if you_led && !modal && !informing {
        let state =
            m.state_words().any_in(lead + 1, last) || m.event_words().any_in(lead + 1, last);
        if state || feeling || shared >= 1 || r.echoes(u) {
            return Some(Reason::AboutThem);
        }
    }
    // "This is not something you want to pursue": their wants or thoughts inside the clause.
    let their_state = (lead..last).any(|i| {
        r.is(m.second_person(), i)
            && m.state_words().any_in(i + 1, (i + 3).min(last))
            && !m.conditionals().starts_in(i.saturating_sub(2).max(lead), i)
    });
    if their_state && !modal && !informing {
        return Some(Reason::AboutThem);
    }
    let judged = own_judgement(r, lead, last);
    if feeling && !modal && !informing && !judged {
        return Some(Reason::Feeling);
    }
    // "Since Saturday?": their words checked back with them.
    let sentence = &r.t.sentences[u.sentence];
    let short_sentence = sentence.last - sentence.first <= 8;
    if u.marked && short_sentence && recent >= 1 && shared * 3 >= content * 2 && !modal && !judged {
        return Some(Reason::Content);
    }
    // "Thursdays, so people can prepare": their own modal said back in their words.
    let their_modal = || m.modals().within(lead, last).all(|(a, _)| r.echoed_at(a));
    if (modal && !their_modal()) || informing {
        return None;
    }
    // "So the money is the worry": a summary marked as one, about their state or content.
    let summary = m.summary_openers().any_in(u.first, lead);
    if summary
        && (m.state_words().any_in(lead, last)
            || (m.second_person().any_in(lead, last) && substance)
            || shared >= 1)
    {
        return Some(Reason::Content);
    }
    // Their content about them, or a short sentence of its own that is nearly all theirs
    // ("Three weeks, and nobody called."), or one checked with them ("A whole week, and
    // it's still doing it?"); a third-person statement that reuses their topic words is
    // information, not a reflection.
    let alone = (u.first == sentence.first && u.last == sentence.last)
        || r.units.len() <= 2
        || short_sentence;
    let fragment = alone && (last - lead <= 6 || (u.marked && last - lead <= 10));
    let about_them = m.second_person().any_in(lead, last);
    if (about_them && shared >= 2 && shared * 3 >= content)
        || (fragment && recent >= 1 && shared * 3 >= content * 2 && !judged)
        || r.echoes(u)
    {
        return Some(Reason::Content);
    }
    None
}
