//! NURSE (Naming) and EPITOME (Interpretations): a feeling counts as named only when it
//! is attributed to them or to what happened to them ("you must be exhausted", "that
//! sounds frightening", "ugh, nightmare"), not to the replier ("I feel awful"), not
//! negated ("you're not alone"), and not policed ("don't be upset").

use super::units::{Reply, Unit};

/// What became of a feeling word in a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Theirs, or their situation's: a named feeling.
    Them,
    /// Policed: "don't be upset", "stop crying".
    Policed,
}

/// The first feeling in a unit that is theirs or policed, with its token range.
pub fn find(r: &Reply<'_>, u: &Unit) -> Option<(Owner, (usize, usize))> {
    let m = &r.m;
    // Feeling words inside reassurance, dismissal or validation belong to those.
    let covered = |a: usize| {
        [
            m.reassuring(),
            m.dismissive(),
            m.validation(),
            m.commonness(),
        ]
        .iter()
        .any(|hits| {
            hits.within(a.saturating_sub(8), a + 1)
                .any(|(x, y)| x <= a && a < y)
        })
    };
    for (a, b) in m
        .feelings()
        .within(u.first, u.last)
        .filter(|&(_, b)| b <= u.last)
    {
        // A feeling in their reported words ("you said you feel awful") is still theirs.
        if covered(a) {
            continue;
        }
        let from = a.saturating_sub(4).max(u.first);
        // Policing tells them what to feel: an imperative ("don't be upset", "you shouldn't
        // feel bad"), not a statement about someone ("they don't feel as scary now").
        let told = m.feeling_policing().within(from, a).any(|(p, _)| {
            !(u.lead..p).any(|j| r.is(m.subjects(), j) || r.is(m.second_person(), j))
        });
        if told {
            return Some((Owner::Policed, (from, b)));
        }
        // "It worries me", "that's hard to me": the feeling is the speaker's.
        let mine_after = (b..(b + 2).min(u.last)).any(|j| r.is(m.first_person(), j));
        if r.negated(a) || mine_after {
            continue;
        }
        // The nearest person before the feeling decides whose it is.
        let owner = (u.first..a).rev().find(|&j| {
            r.is(m.second_person(), j)
                || r.is(m.first_person(), j)
                || r.is(m.first_plural(), j)
                // "he", "she", "they" own a feeling; "his name" does not.
                || (r.is(m.third_person(), j) && r.is(m.personal_pronouns(), j))
                || r.is(m.demonstratives(), j)
        });
        // "Anyone would be alarmed", "I'd be furious too": a frame that puts it on them.
        let framed = m
            .conditional_frames()
            .any_in(a.saturating_sub(5).max(u.first), a)
            || m.validation().any_in(a.saturating_sub(5).max(u.first), a)
            || m.feeling_frames()
                .starts_in(a.saturating_sub(3).max(u.first), a);
        // Their own feeling word said back ("...set off the panic").
        let echoed = !r.stems[a].is_empty() && r.heard.recent.contains(&r.stems[a]);
        let theirs = match owner {
            // No one named: a short exclamation ("ugh, nightmare"), their own word, or
            // said of them after it ("college has been hard for you").
            None => {
                u.last - u.first <= 5
                    || echoed
                    || framed
                    || (b..(b + 2).min(u.last)).any(|j| r.is(m.second_person(), j))
            }
            Some(j) if r.is(m.second_person(), j) || r.is(m.demonstratives(), j) => true,
            // "I'd be furious too", "I can tell you're worried": a frame, not one's own feeling.
            Some(j) => {
                (r.is(m.first_person(), j) || r.is(m.first_plural(), j))
                    && (framed || m.reflection_stems().any_in(j, a))
            }
        };
        if theirs {
            return Some((Owner::Them, (a, b)));
        }
    }
    None
}
