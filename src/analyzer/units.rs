//! A reply cut into units (clauses) that each do one thing, with what the rules need to
//! know about them: where the content starts, whether it is a question and of what form,
//! and how much of it is the other person's own content.

use super::lexicon::{Compiled, Hits, Matches};
use super::text::{stem, tokenize, tokenize_with, Text, Token};
use std::collections::HashSet;

/// The grammatical form of a unit, before its function is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A statement (it may still end in "?": "So you're worried?").
    Statement,
    /// Led by a question word ("what happened", "how r u").
    Wh,
    /// Led by an auxiliary and a subject ("did you", "is it").
    YesNo,
    /// An invitation without a question mark ("tell me about it", "i wonder what").
    Invitation,
    /// A question with its verb left out ("you sure?", "anything else?").
    Elided,
}

/// A clause of the reply.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Token range.
    pub first: usize,
    pub last: usize,
    /// The first token after openers ("so", "okay", "um").
    pub lead: usize,
    pub sentence: usize,
    /// Its sentence ends in "?" and this is the sentence's last unit.
    pub marked: bool,
    pub form: Form,
}

impl Unit {
    /// Whether it asks something, by form or by its question mark.
    pub fn asks(&self) -> bool {
        self.marked || self.form != Form::Statement
    }

    pub fn is_empty(&self) -> bool {
        self.lead >= self.last
    }
}

/// What the other person said, as the rules compare replies with it.
#[derive(Debug, Default)]
pub struct Heard {
    /// Content stems of what they just said.
    pub recent: HashSet<String>,
    /// Content stems of what they said before.
    pub earlier: HashSet<String>,
    /// Their words three at a time, joined by a unit separator.
    pub trigrams: HashSet<String>,
    /// What they just said ends with a question.
    pub asked: bool,
    /// They said goodbye, or that they are going.
    pub leaving: bool,
    /// Their last sentence leaves something open: a question, or a "no", "not", "never".
    pub unresolved: bool,
    /// They proposed something ("what if we...", "we could...").
    pub proposed: bool,
    /// They told of a loss or a blow, now or before ("he died in the spring").
    pub loss: bool,
}

fn opening_is_question_word(r: &Reply<'_>, i: usize) -> bool {
    r.m.wh_words().at(i).is_some() || r.m.auxiliaries().at(i).is_some()
}

/// A reply ready for the rules.
pub struct Reply<'a> {
    pub source: &'a str,
    pub c: &'a Compiled,
    pub t: Text,
    pub m: Matches,
    /// Per token: its stem if it carries content, else empty.
    pub stems: Vec<String>,
    /// Tokens inside the other person's reported words ("you said ...", quotes).
    pub reported: Vec<bool>,
    pub units: Vec<Unit>,
    pub heard: Heard,
    /// The writer left out punctuation altogether, as people do in chat.
    unpunctuated: bool,
    /// Whether any unit takes an action on, worked out once (rules ask it per unit).
    commits: std::cell::OnceCell<bool>,
}

/// Three words as one set key (a word never holds a control character).
pub fn trigram(a: &str, b: &str, c: &str) -> String {
    [a, b, c].join("\u{1f}")
}

/// The content stems of a text.
pub fn content_stems(tokens: &[Token], c: &Compiled) -> HashSet<String> {
    tokens
        .iter()
        .filter_map(|t| content_stem(&t.text, c))
        .collect()
}

fn content_stem(word: &str, c: &Compiled) -> Option<String> {
    let numeric = word.chars().all(|ch| ch.is_ascii_digit());
    if (word.chars().count() < 3 && !numeric) || c.stopwords().has_word(word) {
        return None;
    }
    Some(stem(word, c))
}

impl<'a> Reply<'a> {
    /// Reads a reply against what the other person said.
    pub fn new(source: &'a str, said: &str, earlier: &str, c: &'a Compiled) -> Reply<'a> {
        let t = tokenize(source, c);
        let m = Matches::new(c, &t.tokens);
        let stems = t
            .tokens
            .iter()
            .map(|tok| content_stem(&tok.text, c).unwrap_or_default())
            .collect();
        let said_t = tokenize_with(said, c, false);
        let earlier_t = tokenize_with(earlier, c, false);
        let recent = content_stems(&said_t.tokens, c);
        let earlier_stems = content_stems(&earlier_t.tokens, c)
            .into_iter()
            .filter(|s| !recent.contains(s))
            .collect();
        let trigrams = said_t
            .tokens
            .windows(3)
            .chain(earlier_t.tokens.windows(3))
            .map(|w| trigram(&w[0].text, &w[1].text, &w[2].text))
            .collect();
        let mut r = Reply {
            source,
            c,
            unpunctuated: !source.contains(['.', ',', '?', '!', ';', ':']),
            commits: std::cell::OnceCell::new(),
            reported: t.tokens.iter().map(|tok| tok.quoted).collect(),
            t,
            m,
            stems,
            units: Vec::new(),
            heard: Heard {
                asked: said_t.sentences.last().is_some_and(|s| s.question),
                leaving: c.farewells().occurs_in(&said_t.tokens),
                unresolved: said_t.sentences.last().is_some_and(|s| {
                    s.question || c.negations().occurs_in(&said_t.tokens[s.first..s.last])
                }),
                proposed: c.forward_markers().occurs_in(&said_t.tokens),
                loss: c.losses().occurs_in(&said_t.tokens)
                    || c.losses().occurs_in(&earlier_t.tokens),
                recent,
                earlier: earlier_stems,
                trigrams,
            },
        };
        r.mark_reported();
        r.units = r.segment();
        r
    }

    /// Whether the unit is only an announcement that a summary follows ("let me make sure
    /// I've got this right").
    pub fn announces(&self, u: &Unit) -> bool {
        self.m
            .summary_announcers()
            .at(u.lead)
            .is_some_and(|n| u.lead + n >= u.last)
    }

    /// Whether a contrast word stands at `i` and contrasts: "still" inside a clause is an
    /// adverb ("the machine still isn't fixed").
    pub fn contrasts_at(&self, i: usize) -> bool {
        let w = self.words();
        self.m.contrasts().at(i).is_some()
            && !(self.is(self.m.adverb_contrasts(), i)
                && i > 0
                && w[i - 1].clause == w[i].clause
                && w[i - 1].sentence == w[i].sentence)
    }

    /// Whether a summary was announced before token `at` (most replies announce none, and
    /// are answered without a scan).
    pub fn announced(&self, at: usize) -> bool {
        let h = self.m.summary_announcers();
        h.any() && h.first_in(0, at).is_some()
    }

    /// Whether any unit of the reply takes an action on ("I'll send it today").
    pub fn commits(&self) -> bool {
        *self.commits.get_or_init(|| {
            self.units
                .iter()
                .any(|u| super::presence::commitment(self, u).is_some())
        })
    }

    pub fn words(&self) -> &[Token] {
        &self.t.tokens
    }

    pub fn word(&self, i: usize) -> &str {
        self.t.tokens.get(i).map_or("", |t| t.text.as_str())
    }

    /// Byte span of tokens `a..b` in the reply.
    pub fn span(&self, (a, b): (usize, usize)) -> Option<(usize, usize)> {
        let w = self.words();
        if w.is_empty() {
            return None;
        }
        let a = a.min(w.len() - 1);
        let b = b.clamp(a + 1, w.len());
        Some((w[a].start, w[b - 1].end))
    }

    /// Whether a negation stands within three words before token `i` in its clause ("no
    /// wonder" and "not only" do not negate).
    pub fn negated(&self, i: usize) -> bool {
        let w = self.words();
        let Some(tok) = w.get(i) else { return false };
        (i.saturating_sub(3)..i)
            .filter(|&j| w[j].clause == tok.clause)
            .any(|j| self.m.negations().at(j).is_some() && self.m.negation_idioms().at(j).is_none())
    }

    /// Whether the words at `i` are live: not reported speech, not negated.
    pub fn live(&self, i: usize) -> bool {
        !self.reported.get(i).copied().unwrap_or(false) && !self.negated(i)
    }

    /// Every live match of a list within a unit.
    pub fn live_in<'h>(
        &'h self,
        hits: &'h Hits,
        u: &Unit,
    ) -> impl Iterator<Item = (usize, usize)> + 'h {
        let to = u.last;
        hits.within(u.first, u.last)
            .filter(move |&(a, b)| b <= to && self.live(a))
    }

    /// The first live match of a list within a unit.
    pub fn first_live(&self, hits: &Hits, u: &Unit) -> Option<(usize, usize)> {
        self.live_in(hits, u).next()
    }

    /// Whether a single word belongs to a list.
    pub fn is(&self, hits: &Hits, i: usize) -> bool {
        hits.at(i).is_some()
    }

    /// How many of a unit's content stems they said: just now, and before; and how many
    /// content stems it has.
    pub fn overlap(&self, u: &Unit) -> (usize, usize, usize) {
        self.overlap_in(u.first, u.last)
    }

    /// The same for tokens `from..to`.
    pub fn overlap_in(&self, from: usize, to: usize) -> (usize, usize, usize) {
        let mut seen: Vec<&str> = Vec::new();
        let (mut recent, mut earlier, mut content) = (0, 0, 0);
        for s in &self.stems[from..to] {
            if s.is_empty() || !crate::lean::add(&mut seen, s) {
                continue;
            }
            content += 1;
            if self.heard.recent.contains(s) {
                recent += 1;
            } else if self.heard.earlier.contains(s) {
                earlier += 1;
            }
        }
        (recent, earlier, content)
    }

    /// Tokens `from..to` with the pronouns turned round ("you" for "I").
    fn swapped(&self, from: usize, to: usize) -> Vec<&str> {
        self.words()[from..to]
            .iter()
            .map(|t| {
                self.c
                    .person_swaps
                    .get(&t.text)
                    .map_or(t.text.as_str(), String::as_str)
            })
            .collect()
    }

    /// Whether token `i` is inside three of their words said back in a row, pronouns turned
    /// round ("so people can prepare" after "so people can actually prepare").
    pub fn echoed_at(&self, i: usize) -> bool {
        let to = (i + 3).min(self.words().len());
        self.swapped(i.saturating_sub(2), to)
            .windows(3)
            .any(|w| self.heard.trigrams.contains(&trigram(w[0], w[1], w[2])))
    }

    /// Whether three of their words come back in a row, pronouns turned round.
    pub fn echoes(&self, u: &Unit) -> bool {
        let swapped = self.swapped(u.first, u.last);
        // Three of their words with some content, or four of any ("you didn't say anything").
        swapped.windows(4).any(|w| {
            self.heard.trigrams.contains(&trigram(w[0], w[1], w[2]))
                && self.heard.trigrams.contains(&trigram(w[1], w[2], w[3]))
        }) || swapped.windows(3).any(|w| {
            self.heard.trigrams.contains(&trigram(w[0], w[1], w[2]))
                && w.iter().any(|x| !self.c.stopwords().has_word(x))
        })
    }

    /// Reported speech: from "you said" to the end of its clause, and quotes.
    fn mark_reported(&mut self) {
        let w = &self.t.tokens;
        let marks: Vec<(usize, usize)> = self.m.report_markers().all().collect();
        // Each word is marked once, however many markers a sentence holds.
        let mut done = 0;
        for (a, b) in marks {
            let sentence = w[a].sentence;
            for j in b.max(done)..w.len() {
                // Their words run to the end of the sentence, or until the speaker starts a
                // clause of their own ("you told me X, so I'll...").
                let own_clause = j > b
                    && w[j].clause != w[j - 1].clause
                    && (self.m.first_person().at(j).is_some()
                        || self.m.first_plural().at(j).is_some()
                        || self.m.contrasts().at(j).is_some()
                        || self.m.summary_openers().at(j).is_some());
                if w[j].sentence != sentence || own_clause {
                    break;
                }
                self.reported[j] = true;
                done = j + 1;
            }
        }
    }

    /// The first token after openers and fillers from `i`.
    fn skip_openers(&self, mut i: usize, to: usize) -> usize {
        while i < to {
            let n = self
                .m
                .openers()
                .at(i)
                .or_else(|| self.m.fillers().at(i))
                .unwrap_or(0);
            if n == 0 || i + n > to {
                break;
            }
            i += n;
        }
        i
    }

    /// Whether token `i` starts a question: a question word that is not embedded or
    /// relative, or an auxiliary followed by a subject. `opening` says the unit opens its
    /// sentence; `marked`, that the sentence ends in "?".
    fn question_start(&self, i: usize, to: usize, opening: bool, marked: bool) -> Option<Form> {
        if i >= to {
            return None;
        }
        if self.m.wh_with_verb().at(i).is_some() {
            return Some(Form::Wh);
        }
        if let Some(n) = self.m.wh_words().at(i) {
            let next = i + n;
            // "which means...", "where you're staying out of trouble": a relative clause
            // in the middle of a sentence asks nothing; "..., how often do you drink" does.
            // "..., what did he say", "..., what projects did he take": the verb before its
            // subject asks.
            let after = i + self.m.fact_questions().at(i).unwrap_or(n);
            let inverted = (after..(after + 2).min(to)).any(|a| {
                a + 1 < to
                    && self.is(self.m.auxiliaries(), a)
                    && self.is(self.m.personal_pronouns(), a + 1)
            });
            let relative = !opening && !marked && !inverted && self.is(self.m.relative_words(), i);
            if relative {
                return None;
            }
            // "When you do drink, ...": a subordinate clause, unless it ends in "?"; "what
            // bothers you is being passed over": a statement, unless it ends in "?".
            let embedded = next < to
                && (self.is(self.m.wh_embedders(), next) || self.is(self.m.subjects(), next));
            // A cleft says something, even checked with "?" ("So what you're saying is
            // you've had a rough night?"): the question word has its subject straight
            // after it, then a "be".
            let cleft = (!marked || embedded)
                && !self.is(self.m.auxiliaries(), next)
                && (next + 2..to).any(|j| self.is(self.m.copulas(), j));
            if (marked || !embedded || self.is(self.m.auxiliaries(), next) || next >= to) && !cleft
            {
                return Some(Form::Wh);
            }
        }
        if let Some(n) = self.m.auxiliaries().at(i) {
            let next = i + n;
            // Inversion asks only where a sentence (or a run-on question) starts, or with "?".
            let order = !marked
                && self.is(self.m.verb_auxiliaries(), i)
                && !self.is(self.m.personal_pronouns(), next);
            if (opening || marked)
                && next < to
                && (self.is(self.m.subjects(), next) || self.is(self.m.second_person(), next))
                && !order
            {
                return Some(Form::YesNo);
            }
        }
        None
    }

    /// Cuts each sentence into units at clause punctuation, at contrasts, at "and"/"so"
    /// before a new subject, and where an unpunctuated question begins.
    fn segment(&self) -> Vec<Unit> {
        let w = self.words();
        let mut units = Vec::new();
        for (k, s) in self.t.sentences.iter().enumerate() {
            let mut cuts = vec![s.first];
            let mut run_on_cuts: Vec<usize> = Vec::new();
            for i in s.first + 1..s.last {
                let prev = &w[i - 1];
                let since = i - cuts.last().copied().unwrap_or(s.first);
                let contrast = self.contrasts_at(i)
                    && !self
                        .m
                        .contrast_exceptions()
                        .any_in(i.saturating_sub(2), (i + 3).min(s.last))
                    && i + 1 < s.last;
                let joined = self.m.joiners().at(i).is_some_and(|n| {
                    let next = i + n;
                    next < s.last
                        && (self.is(self.m.subjects(), next)
                            || self.is(self.m.second_person(), next)
                            || self.is(self.m.first_person(), next)
                            || self.is(self.m.first_plural(), next)
                            || self.m.wh_words().at(next).is_some())
                }) || (since >= 2
                    && self.m.clause_starters().at(i).is_some()
                    // "it sounds like" starts at "it", not inside it at "sounds like".
                    && self.m.clause_starters().at(i - 1).is_none_or(|n| n < 2));
                let run_on = self.runs_on(i, since, s.last);
                if run_on {
                    run_on_cuts.push(i);
                }
                // "So what I'm hearing you say is that, if ..., she ...": a reflective stem
                // ending in "that" goes on past the comma; what follows is what it says back.
                let from = cuts.last().copied().unwrap_or(s.first);
                let stem_goes_on = self.is(self.m.demonstratives(), i - 1)
                    && (from..(from + 3).min(i)).any(|j| self.m.reflection_stems().at(j).is_some());
                if (prev.clause != w[i].clause && !stem_goes_on) || contrast || joined || run_on {
                    cuts.push(i);
                }
            }
            cuts.push(s.last);
            let first_unit = units.len();
            let mut pending_lead: Option<usize> = None;
            let n = cuts.len() - 1;
            // "So what sort of trouble was it, Billy?": a name or a word or two after the
            // last comma leaves the question before it asked, as if it ended there.
            let tail_short = n >= 2 && cuts[n] - cuts[n - 1] <= 2;
            for j in 0..n {
                let (a, b) = (cuts[j], cuts[j + 1]);
                let lead = self.skip_openers(a, b);
                // A unit of openers only ("So,", "Okay,") joins the next one.
                if lead >= b && j + 1 < n {
                    pending_lead.get_or_insert(a);
                    continue;
                }
                let first = pending_lead.take().unwrap_or(a);
                let lead = self.skip_openers(first, b);
                let marked = s.question && (j + 1 == n || (tail_short && j + 2 == n));
                let opening = first == s.first || run_on_cuts.contains(&a);
                let form = self.form(lead, b, opening, marked);
                units.push(Unit {
                    first,
                    last: b,
                    lead,
                    sentence: k,
                    marked,
                    form,
                });
            }
            // "What have you looked into, or anything like that?": the mark belongs to the
            // question, not to the tail after it.
            if s.question {
                let asked = (first_unit..units.len())
                    .rev()
                    .find(|&j| units[j].form != Form::Statement);
                if let Some(j) = asked {
                    for (k2, u) in units.iter_mut().enumerate().skip(first_unit) {
                        u.marked = k2 == j;
                    }
                }
            }
        }
        // A fronted topic ("And your wife, what does she think?") belongs to its question.
        let mut merged: Vec<Unit> = Vec::with_capacity(units.len());
        for u in units {
            if let Some(prev) = merged.last_mut() {
                let prev_fragment = prev.sentence == u.sentence
                    && prev.form == Form::Statement
                    && prev.last - prev.first <= 4
                    && u.form == Form::Wh
                    && u.marked
                    && self
                        .m
                        .auxiliaries()
                        .first_in(prev.first, prev.last)
                        .is_none()
                    && self.m.apologies().first_in(prev.first, prev.last).is_none()
                    && self.m.sympathy().first_in(prev.first, prev.last).is_none()
                    && self
                        .m
                        .acknowledgements()
                        .first_in(prev.lead, prev.last)
                        .is_none()
                    && self.m.feelings().first_in(prev.first, prev.last).is_none();
                if prev_fragment {
                    prev.last = u.last;
                    prev.lead = u.lead;
                    prev.form = u.form;
                    prev.marked = u.marked;
                    continue;
                }
            }
            // A vocative or a tag after the question ("what changed, Billy?", "..., right?").
            if let Some(prev) = merged.last_mut() {
                let short = u.last - u.lead <= 2 && u.marked && prev.sentence == u.sentence;
                let tag = self.m.check_tags().at(u.lead) == Some(u.last - u.lead);
                if short && (prev.form != Form::Statement || tag) && !prev.marked {
                    prev.last = u.last;
                    prev.marked = true;
                    continue;
                }
            }
            merged.push(u);
        }
        merged
    }

    /// Whether a question starts at `i` in the middle of an unpunctuated sentence
    /// ("sorry about that what did they say"), at least `since` words into the unit.
    fn runs_on(&self, i: usize, since: usize, to: usize) -> bool {
        if !self.unpunctuated
            || since < 3
            || self.is(self.m.wh_complement_verbs(), i - 1)
            || self.is(self.m.joiners(), i - 1)
            || self.m.openers().at(i - 1).is_some()
            || self.is(self.m.auxiliaries(), i - 1)
            || self.is(self.m.subjects(), i - 1)
        {
            return false;
        }
        match self.question_start(i, to, true, false) {
            Some(Form::YesNo) => {
                self.m.run_on_auxiliaries().at(i).is_some()
                    && self.is(
                        self.m.second_person(),
                        i + self.m.auxiliaries().at(i).unwrap_or(1),
                    )
            }
            Some(Form::Wh) => self.m.wh_words().at(i).is_some_and(|n| {
                i + n < to
                    && (self.is(self.m.auxiliaries(), i + n)
                        || self.m.fact_questions().at(i).is_some())
            }),
            _ => false,
        }
    }

    fn form(&self, lead: usize, to: usize, opening: bool, marked: bool) -> Form {
        if lead >= to {
            return Form::Statement;
        }
        if self.m.invitations().at(lead).is_some() {
            return Form::Invitation;
        }
        // "I wonder if you'd...": a yes/no question put gently.
        if self.m.permission_questions().at(lead).is_some() && !opening_is_question_word(self, lead)
        {
            return Form::YesNo;
        }
        if let Some(f) = self.question_start(lead, to, opening, marked) {
            return f;
        }
        if self.m.open_anything().at(lead).is_some() || self.m.elided_questions().at(lead).is_some()
        {
            return Form::Elided;
        }
        // "You've been together for how long?", "and you went where?", "Sick how?": the
        // question word comes last, where the answer would go.
        if marked
            && to - lead >= 2
            && (to.saturating_sub(2).max(lead + 1)..to).any(|i| {
                self.m.wh_words().at(i) == Some(to - i)
                    || self.m.fact_questions().at(i) == Some(to - i)
            })
        {
            return Form::Wh;
        }
        Form::Statement
    }
}
