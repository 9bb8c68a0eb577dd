//! MITI 4 and Gordon: what a question does, wherever its question word sits. Open
//! questions invite a wide range of answers; closed ones ask for yes, no, a fact or a
//! choice; some questions are roadblocks dressed as questions (advice, judgmental
//! probing, rhetoric).

use super::units::{Form, Reply, Unit};
use super::{Act, Found, SignalId};

/// What a unit that asks something does. Returns `None` when the unit only looks like a
/// question and should be read as a statement (a declarative ending in "?", which may
/// be a reflection).
pub fn classify(r: &Reply<'_>, u: &Unit, found: &mut Found) -> Option<Act> {
    let m = &r.m;
    let whole = (u.first, u.last);
    // Questions that advise ("have you tried...?", "how about you just...?"); "have you
    // thought about that?" asks for their thoughts, not about a solution.
    // "Why don't you tell me...?" invites their story; it advises nothing.
    if let Some(at) = m
        .advice_questions()
        .first_in(u.lead, u.last)
        .filter(|_| u.form != Form::Invitation)
    {
        let about_theirs =
            at.1 >= u.last || r.is(m.demonstratives(), at.1) || m.wh_words().at(at.1).is_some();
        if !about_theirs {
            found.add(SignalId::Advising, at);
            return Some(Act::Advises);
        }
    }
    // "Why didn't you...?": probing that blames ("why would you want to...?" asks their reasons).
    if let Some(at) = m.probing().first_in(u.lead, u.last) {
        if !m.their_view().any_in(at.1, (at.1 + 2).min(u.last)) {
            found.add(SignalId::Probing, at);
            return Some(Act::Judges);
        }
    }
    // Rhetorical questions judge; they ask nothing.
    if let Some(at) = m.rhetorical().first_in(u.lead, u.last) {
        found.add(SignalId::Judging, at);
        return Some(Act::Judges);
    }
    // "Shall we...?", "How about we...?": a suggestion that asks only yes or no.
    if m.suggestion_questions().at(u.lead).is_some() {
        found.add(SignalId::ClosedQuestion, whole);
        return Some(Act::AsksClosed);
    }
    match u.form {
        Form::Invitation => {
            found.add(SignalId::OpenQuestion, whole);
            Some(Act::AsksOpen)
        }
        Form::Elided => {
            if m.open_anything().at(u.lead).is_some() {
                found.add(SignalId::OpenQuestion, whole);
                Some(Act::AsksOpen)
            } else {
                found.add(SignalId::ClosedQuestion, whole);
                Some(Act::AsksClosed)
            }
        }
        Form::Wh => {
            // "How often do you think...?", "Where would you like to start?": asking for
            // their view opens even a question about a fact.
            let view = m.their_view().any_in(u.lead, u.last);
            // A scale put to them asks for a number, whatever else the question asks.
            let scaled = m.scales().any_in(r.t.sentences[u.sentence].first, u.last);
            if (fact_seeking(r, u) && !view) || scaled || offers_options(r, u) {
                found.add(SignalId::ClosedQuestion, whole);
                Some(Act::AsksClosed)
            } else {
                found.add(SignalId::OpenQuestion, whole);
                Some(Act::AsksOpen)
            }
        }
        Form::YesNo => {
            // MITI: asking permission, or offering a choice, respects their autonomy.
            if let Some(at) = m.permission_questions().first_in(u.lead, u.last) {
                found.add(SignalId::Autonomy, at);
                // "Can I ask what happened?": the question asked decides ("...what your
                // bills came to?" asks a fact).
                let b = at.1;
                if m.wh_words().at(b).is_some()
                    && !m.fact_questions().any_in(b, (b + 2).min(u.last))
                    && !m.fact_nouns().any_in(b + 1, (b + 5).min(u.last))
                {
                    found.add(SignalId::OpenQuestion, whole);
                    return Some(Act::AsksOpen);
                }
                found.add(SignalId::ClosedQuestion, whole);
                return Some(Act::AsksClosed);
            }
            // "Can you tell me about...?", "Can I ask what happened?": a request for their story.
            let asked_of_them =
                (u.lead + 1..(u.lead + 3).min(u.last)).find(|&i| r.is(m.second_person(), i));
            // Asked with a modal ("can you tell me", "would you mind telling me"), not "do you
            // tell her...?", which asks whether they do.
            let request = asked_of_them.is_some_and(|i| {
                m.modals().any_in(u.lead, i)
                    && m.request_verbs().starts_in(i + 1, (i + 4).min(u.last))
            });
            if request
                || m.open_requests().any_in(u.lead, u.last)
                || m.open_anything().any_in(u.lead, u.last)
            {
                found.add(SignalId::OpenQuestion, whole);
                return Some(Act::AsksOpen);
            }
            if either_or(r, u) && m.first_person().any_in(u.lead, u.last) {
                found.add(SignalId::Autonomy, (u.lead, u.last));
            }
            found.add(SignalId::ClosedQuestion, whole);
            Some(Act::AsksClosed)
        }
        Form::Statement => None,
    }
}

/// "How often...?", "What's your postcode?", "When...?", "On a scale of one to ten,
/// how...?": asking for a fact or a number.
fn fact_seeking(r: &Reply<'_>, u: &Unit) -> bool {
    let m = &r.m;
    let sentence = &r.t.sentences[u.sentence];
    // "Where would you like to start?", "Where is it going to take you?": where they want
    // to go, not where something is.
    if m.place_questions().at(u.lead).is_some() && m.modals().any_in(u.lead + 1, u.last) {
        return false;
    }
    // "How often...?", or a scale put before the question ("On a scale of one to ten,
    // how...?"; not "When you say sick, what's that like?", where "when" leads a clause).
    let before = sentence.first < u.first && !r.is(m.relative_words(), sentence.first);
    if m.fact_questions().any_in(u.first, (u.lead + 2).min(u.last))
        || (before && m.fact_questions().at(sentence.first).is_some())
        || m.fact_questions().any_in(u.last.saturating_sub(2), u.last)
    {
        return true;
    }
    // "What's your mum's postcode?": a fact noun soon after "what's".
    m.wh_with_verb().at(u.lead).is_some()
        && m.fact_nouns().any_in(u.lead + 1, (u.lead + 5).min(u.last))
}

/// "Tonight or tomorrow?": a choice between named options, in the rest of the question.
/// A question-word question that offers options to choose from after it: "What would you
/// like, tea or coffee?", "what's worse the pain or the waiting" ("which" asks for a choice
/// anyway). An "or" inside the question itself
/// ("What do you like about drinking or about going out?") still asks for their story.
fn offers_options(r: &Reply<'_>, u: &Unit) -> bool {
    if r.m.reason_questions().at(u.lead).is_some() {
        return false;
    }
    let w = r.words();
    let end = r.t.sentences[u.sentence].last;
    let comparing = r.m.comparatives().any_in(u.lead, end);
    (u.lead + 1..end).any(|i| {
        r.m.alternatives().at(i).is_some()
            && r.m.loose_alternatives().at(i).is_none()
            && i + 1 < end
            && (comparing || w[i].clause != w[u.lead].clause)
    })
}

pub fn either_or(r: &Reply<'_>, u: &Unit) -> bool {
    let end = r.t.sentences[u.sentence].last;
    (u.lead + 1..end).any(|i| {
        r.m.alternatives().at(i).is_some()
            && r.m.loose_alternatives().at(i).is_none()
            && i + 1 < end
    }) && r.t.sentences[u.sentence].question
}
