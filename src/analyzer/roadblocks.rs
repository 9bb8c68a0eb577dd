//! Gordon's twelve roadblocks to listening (Thomas Gordon, *Parent Effectiveness
//! Training*, as taught in motivational interviewing): ordering, warning, moralising,
//! advising, arguing, judging, praising to steer, labelling, interpreting, reassuring,
//! probing and withdrawing; with them the presence harms that block a conversation the
//! same way: dismissing, defending, contempt and the non-apology. Each blocks the
//! speaker from going on, so a clause that carries one never counts as a reflection.

use super::units::{Form, Reply, Unit};
use super::{Act, Found, SignalId};

/// Finds every roadblock in a statement unit; returns the act of the first, by weight of
/// what it does to the conversation.
pub fn find(r: &Reply<'_>, u: &Unit, found: &mut Found) -> Option<Act> {
    let m = &r.m;
    let mut acts: Vec<Act> = Vec::new();
    let mut add = |found: &mut Found, id: SignalId, at: (usize, usize), act: Act| {
        found.add(id, at);
        acts.push(act);
    };
    let owned = committed(r, u);
    // Contempt: sarcasm, insults.
    if let Some(at) = r.first_live(m.hostile(), u) {
        add(found, SignalId::Hostile, at, Act::Judges);
    }
    // Gordon 2: threats, or a condition with a consequence.
    if let Some(at) = warning(r, u) {
        add(found, SignalId::Warning, at, Act::Directs);
    }
    // Gordon 8: labels for the person or their reaction.
    if let Some((a, b)) = r.live_in(m.labels(), u).find(|&(a, _)| {
        let literal = a > u.first && r.is(m.literal_verbs(), a - 1);
        !literal
            && !m
                .self_image_verbs()
                .any_in(a.saturating_sub(3).max(u.first), a)
    }) {
        add(found, SignalId::Labelling, (a, b), Act::Judges);
    }
    // Gordon 6: blame and criticism of them.
    let about_them = r.is(m.second_person(), u.lead);
    if let Some(at) = r
        .first_live(m.judging(), u)
        .or_else(|| about_them.then(|| faulting(r, u)).flatten())
    {
        add(found, SignalId::Judging, at, Act::Judges);
    }
    // Gordon 3: "you should have", "you ought to", rules for life.
    if let Some(at) = moralizing(r, u) {
        add(found, SignalId::Moralizing, at, Act::Advises);
    }
    // Gordon 9: their motives explained to them ("that sounds like the real reason"
    // offers it tentatively, as a reflection).
    if let Some(at) = r
        .first_live(m.interpreting(), u)
        .filter(|&(a, _)| !m.reflection_stems().starts_in(u.first, a))
    {
        add(found, SignalId::Interpreting, at, Act::Interprets);
    }
    // Gordon 7: praise used to steer.
    if let Some((a, b)) = r.first_live(m.praise(), u) {
        let sentence = &r.t.sentences[u.sentence];
        if m.steering().any_in(b, sentence.last) {
            add(found, SignalId::Praising, (a, b), Act::Advises);
        }
    }
    // Gordon 1 and 4: directing and advising.
    if !owned {
        if let Some((id, at)) = directive(r, u) {
            let act = if id == SignalId::Ordering {
                Act::Directs
            } else {
                Act::Advises
            };
            if !found.has(SignalId::Moralizing) || id == SignalId::Ordering {
                add(found, id, at, act);
            }
        }
    }
    // Minimising or policing the feeling.
    let told = [
        u.lead,
        u.lead
            + m.polite_requests()
                .at(u.lead)
                .or(m.solution_markers().at(u.lead))
                .unwrap_or(0),
    ]
    .into_iter()
    .find_map(|i| {
        m.dismissive_imperatives()
            .at(i)
            .filter(|_| r.live(i))
            .map(|n| (i, i + n))
    })
    .or_else(|| {
        // "so let's all calm down": the imperative after "let's".
        m.dismissive_imperatives().all().find(|&(a, _)| {
            a > u.first
                && a < u.last
                && m.first_plural().any_in(a.saturating_sub(2).max(u.first), a)
        })
    });
    if let Some(at) = told
        .or_else(|| r.first_live(m.dismissive(), u))
        .or_else(|| r.first_live(m.commonness(), u))
    {
        add(found, SignalId::Dismissive, at, Act::Dismisses);
    }
    // Gordon 10: reassurance that closes the feeling.
    // "I'm sure the results are fine": certainty claimed for an all-clear.
    let assured = r
        .first_live(m.assurances(), u)
        .filter(|&(_, b)| r.live_in(m.all_clear(), u).any(|(a, _)| a >= b));
    if let Some(at) = r.first_live(m.reassuring(), u).or(assured) {
        add(found, SignalId::Reassuring, at, Act::Reassures);
    }
    // Blame, excuses, policy: the organisation first.
    if !owned {
        if let Some(at) = defensive(r, u) {
            add(found, SignalId::Defensive, at, Act::Defends);
        }
    }
    // Gordon 5: correcting and contradicting.
    if let Some(at) = arguing(r, u, found) {
        add(found, SignalId::Arguing, at, Act::Disagrees);
    }
    // Gordon 12: changing the subject.
    if let Some(at) = withdrawing(r, u) {
        add(found, SignalId::Withdrawing, at, Act::ChangesSubject);
    }
    acts.into_iter().next()
}

/// Whether the unit's speaker takes something on ("I'll", "let me"): then naming a team
/// or a process is part of the plan, not an excuse.
pub fn committed(r: &Reply<'_>, u: &Unit) -> bool {
    super::presence::commitment(r, u).is_some()
}

fn warning(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    let s = &r.t.sentences[u.sentence];
    if let Some(at) = r.first_live(m.warning(), u) {
        return Some(at);
    }
    // A condition and a consequence anywhere in the sentence, unless the condition is
    // theirs, said back ("your worry is that if you stop, you'll put on weight").
    let cond = m
        .threat_conditions()
        .first_in(s.first, s.last)
        .filter(|&(a, _)| !r.reported[a])?;
    let consequence = m.consequences().first_in(cond.1, s.last)?;
    (consequence.0 >= u.first && consequence.0 < u.last || cond.0 >= u.first && cond.0 < u.last)
        .then_some((cond.0, consequence.1))
}

fn faulting(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    // "You're feeling ignored": how they see what was done to them, not their fault.
    let done_to_them = |a: usize| {
        m.self_image_verbs()
            .any_in(a.saturating_sub(3).max(u.first), a)
    };
    r.live_in(m.faulting(), u)
        .find(|&(a, _)| !done_to_them(a))
        .or_else(|| {
            // "not trying hard enough": the fault is in the negation.
            r.m.faulting()
                .all()
                .find(|&(a, b)| a >= u.first && b <= u.last && r.negated(a))
        })
}

fn moralizing(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    // Owning it ("we should have told you", "you should have heard from us") is not preaching.
    let owning =
        m.first_plural().any_in(u.first, u.last) || m.first_person().any_in(u.first, u.last);
    // "That shouldn't have happened", "it should have come yesterday": said of what went
    // wrong, not of them.
    let of_the_event = |a: usize| a > u.first && r.is(m.demonstratives(), a - 1);
    if let Some((a, b)) = r
        .live_in(m.moralizing(), u)
        .find(|&(a, _)| !of_the_event(a))
    {
        if !owning {
            return Some((a, b));
        }
    }
    // "You should always...": advice made a rule for life.
    let (a, b) = r.first_live(m.advising(), u)?;
    (r.is(m.second_person(), a) && m.generalising().any_in(b, u.last) && !owning).then_some((a, b))
}

fn directive(r: &Reply<'_>, u: &Unit) -> Option<(SignalId, (usize, usize))> {
    let m = &r.m;
    if u.form != Form::Statement {
        return None;
    }
    // "You know what you need to do", "if you need to, call me": a clause inside another,
    // led by a question word or "if", tells them nothing to do.
    let embedded = |a: usize| {
        a > u.first && (m.wh_words().at(a - 1).is_some() || r.is(m.conditionals(), a - 1))
    };
    if let Some(at) = r.first_live(m.ordering(), u).filter(|at| !embedded(at.0)) {
        // "Don't worry" reassures and "don't be upset" polices; "you must be exhausted"
        // names a feeling. None of them is the order here.
        let other = m.reassuring().at(at.0).is_some()
            || m.dismissive().at(at.0).is_some()
            || m.feelings().any_in(at.1, (at.1 + 4).min(u.last));
        if !other {
            return Some((SignalId::Ordering, at));
        }
    }
    if let Some(at) = r.first_live(m.advising(), u).filter(|at| !embedded(at.0)) {
        return Some((SignalId::Advising, at));
    }
    // An imperative: "please stop", "just take him to court", "send me the receipt".
    let mut i = u.lead;
    let polite = m.polite_requests().at(i);
    let solution = m.solution_markers().at(i);
    i += polite.or(solution).unwrap_or(0);
    // "I'll call the clinic, and ring you by five": a verb that shares an earlier subject is
    // not an imperative; one that opens its sentence, or says "please", is.
    // "If it hurts, just call your doctor": the main clause after a condition opens too.
    let before = r.units.partition_point(|x| x.last <= u.first);
    let after_condition = before
        .checked_sub(1)
        .map(|k| &r.units[k])
        .is_some_and(|x| x.sentence == u.sentence && m.conditionals().at(x.lead).is_some());
    let sentence = &r.t.sentences[u.sentence];
    // "Obviously, don't skip them": a word or two before the comma still leaves it opening
    // ("Take care, and come back if..." joins on to what came before).
    let opens = u.first == sentence.first
        || (u.first <= sentence.first + 2 && u.lead == u.first)
        || polite.is_some()
        || after_condition;
    // "Take a seat and I'll bring it over", "Let me know": an offer, not an order.
    // "Get you online tomorrow": the speaker's own action, its "I'll" left out; "Bring the
    // idea, and I'll back you": an invitation in a reply that takes something on.
    let speaker_acts = r.is(m.listener_object(), i + 1);
    let reply_commits = r.commits() || m.admissions().any();
    let offer = m.offers().at(i).is_some()
        || m.commitment_subjects().any_in(i + 1, sentence.last)
        || speaker_acts
        || reply_commits;
    // "Call them before they have to call us": their own proposal said back.
    let (recent, earlier, content) = r.overlap(u);
    let theirs = r.heard.proposed && recent >= 1 && (recent + earlier) * 2 >= content;
    // "Yes, keep taking them" answers their question; it does not order them about.
    let answer = r.heard.asked
        && (m.acknowledgements().at(u.first).is_some() || m.denials().at(u.first).is_some());
    // "Sleep really matters": a noun with its own verb after it, not an imperative.
    let near = (i + 4).min(u.last);
    let pronoun =
        (i + 1..near).any(|j| r.is(m.personal_pronouns(), j) || r.is(m.second_person(), j));
    let subject = !pronoun
        && (m.state_words().starts_in(i + 1, near)
            || m.copulas().starts_in(i + 1, near)
            || m.modals().starts_in(i + 1, near));
    if opens
        && !offer
        && !theirs
        && !answer
        && !subject
        && m.dismissive_imperatives().at(i).is_none()
        && i < u.last
        && r.is(m.directive_verbs(), i)
        && m.commitment_subjects().at(i).is_none()
    {
        let advice = solution.is_some() || m.advice_verbs().at(i).is_some();
        let id = if advice {
            SignalId::Advising
        } else {
            SignalId::Ordering
        };
        return Some((id, (u.lead, i + 1)));
    }
    None
}

fn defensive(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let m = &r.m;
    // "We're full tonight, and I have two options for you": the limit comes with an offer.
    let offered = r.commits() || m.autonomy().any() || m.ownership().any();
    if let Some(at) = r.first_live(m.defensive(), u) {
        return Some(at);
    }
    if let Some(at) = r.first_live(m.limits(), u) {
        return (!offered).then_some(at);
    }
    if offered {
        return None;
    }
    // "That's how bookings work here": the process given as the reason.
    if let Some((a, b)) = r.first_live(m.process_frames(), u) {
        if m.process_verbs().starts_in(b, (b + 4).min(u.last)) {
            return Some((a, b));
        }
    }
    // Someone else named as the cause, with no one here owning the action.
    let (a, b) = r
        .first_live(m.blame_targets(), u)
        .filter(|&(a, _)| a <= u.lead + 1)?;
    let sentence = &r.t.sentences[u.sentence];
    let owned = m
        .commitment_subjects()
        .any_in(sentence.first, sentence.last)
        || m.ownership().any_in(sentence.first, sentence.last)
        || m.apologies().any_in(sentence.first, sentence.last);
    (!owned && !u.asks() && r.t.sentences[u.sentence].last - sentence.first > 2).then_some((a, b))
}

fn arguing(r: &Reply<'_>, u: &Unit, found: &Found) -> Option<(usize, usize)> {
    let m = &r.m;
    if let Some(at) = r.first_live(m.arguing(), u) {
        return Some(at);
    }
    // "You must have used more energy" overrides their account; "you must have been
    // furious" names a feeling.
    if let Some((a, b)) = r.first_live(m.inferences(), u) {
        if !m.feelings().any_in(b, (b + 4).min(u.last)) {
            return Some((a, b));
        }
    }
    // "Actually, no. That came out wrong.": correcting oneself, not them.
    let self_corrected = m.admissions().any();
    if let Some(n) = m.correcting_leads().at(u.lead).filter(|_| !self_corrected) {
        if u.lead + n < u.last {
            return Some((u.lead, u.lead + n));
        }
    }
    // A flat "No." before one's own version, unless it answers their question.
    if let Some(n) = m.denials().at(u.lead).filter(|_| !self_corrected) {
        let more = r.units.iter().any(|x| x.first >= u.last);
        let exclaimed =
            m.sympathy().any_in(u.first, u.last) || m.negation_idioms().at(u.lead).is_some();
        if u.lead + n == u.last && more && !r.heard.asked && !exclaimed {
            return Some((u.lead, u.last));
        }
    }
    // "they match tho": set against what they said, when nothing else already is.
    let last = u.last.checked_sub(1)?;
    let countered = m.counter_markers().at(last).is_some() && !u.asks() && last > u.lead;
    let other = found.signals.iter().any(|(id, at)| {
        (id.is_roadblock() || matches!(id, SignalId::Defensive | SignalId::Dismissive))
            && at.is_some_and(|(a, _)| a >= u.first && a < u.last)
    });
    (countered && !other).then_some((last, last + 1))
}

fn withdrawing(r: &Reply<'_>, u: &Unit) -> Option<(usize, usize)> {
    let s = &r.t.sentences[u.sentence];
    // "Next?", "Anyway.": a sentence that only moves on.
    let alone = r.m.withdrawing_alone().at(s.first) == Some(s.last - s.first);
    if alone && u.first == s.first {
        return Some((s.first, s.last));
    }
    // Saying goodbye while they are still on something ends it for them.
    if let Some(at) = r.first_live(r.m.farewells(), u) {
        if !r.heard.leaving && r.heard.unresolved {
            return Some(at);
        }
    }
    if let Some(n) = r.m.withdrawing_openers().at(u.lead) {
        return Some((u.lead, u.lead + n));
    }
    r.first_live(r.m.withdrawing(), u)
}
