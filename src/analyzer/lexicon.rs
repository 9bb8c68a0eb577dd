//! The shape of a language's data for the analyzer, declared once: the [`Lexicon`] a
//! language fills in, its [`Compiled`] form, and the [`Matches`] of one reply, all with
//! the same named fields, so a rule asks for `m.apologies`, never for list number 23.

use super::signals::SignalId;
use super::text::{tokenize_phrase, Token};
pub use crate::scenario::ParseError;
use crate::tomlread;
use std::collections::{HashMap, HashSet};
use toml::de::DeValue;

/// A list of phrases, kept as one `|`-separated string (each phrase followed by `|`).
#[derive(Clone, Copy, Debug)]
pub struct Phrases(pub &'static str);

impl Phrases {
    /// The phrases in the order written.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split('|').filter(|p| !p.is_empty())
    }
}

/// Pairs of words, `from=to`, kept as one `|`-separated string (`im=i'm|u=you|`).
#[derive(Clone, Copy, Debug)]
pub struct Pairs(pub &'static str);

impl Pairs {
    /// The pairs in the order written; a pair without `=` maps a word to nothing.
    pub fn iter(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.0
            .split('|')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
    }
}

/// A phrase list split into words once, indexed by first word.
#[derive(Debug, Default)]
pub struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    /// Indexes a list, spelling its words the way replies are spelt after normalising.
    fn new(list: Phrases, spellings: &HashMap<String, Vec<String>>) -> PhraseSet {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for p in list.iter() {
            let words: Vec<String> = tokenize_phrase(p)
                .into_iter()
                .flat_map(|w| spellings.get(&w).cloned().unwrap_or_else(|| vec![w]))
                .collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        PhraseSet { by_first }
    }

    /// Whether one word is, on its own, a phrase of the list.
    pub fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
    }

    /// Whether any phrase of the list occurs in some words.
    pub fn occurs_in(&self, tokens: &[Token]) -> bool {
        self.match_all(tokens).iter().any(|n| *n > 0)
    }

    /// For each token, the length of the longest phrase starting there (0: none). A
    /// phrase never runs across a comma or a sentence end.
    fn match_all(&self, tokens: &[Token]) -> Vec<u8> {
        (0..tokens.len())
            .map(|i| {
                self.by_first.get(&tokens[i].text).map_or(0, |phrases| {
                    let clause = tokens[i].clause;
                    phrases
                        .iter()
                        .filter(|p| {
                            i + p.len() <= tokens.len()
                                && p.iter()
                                    .zip(&tokens[i..])
                                    .all(|(a, b)| *a == b.text && b.clause == clause)
                        })
                        .map(|p| p.len().min(255) as u8)
                        .max()
                        .unwrap_or(0)
                })
            })
            .collect()
    }

    fn words(&self) -> impl Iterator<Item = &String> {
        self.by_first.values().flatten().flatten()
    }
}

/// Where a list's phrases occur in one reply: per token, the length of the longest
/// phrase that starts there (0: none).
#[derive(Debug, Default, Clone)]
pub struct Hits {
    at: Vec<u8>,
    /// Whether anything matched at all.
    any: bool,
}

impl Hits {
    fn new(at: Vec<u8>) -> Hits {
        let any = at.iter().any(|&n| n > 0);
        Hits { at, any }
    }

    /// Whether the list matched anywhere in the reply.
    pub fn any(&self) -> bool {
        self.any
    }

    /// The longest phrase starting at token `i`.
    pub fn at(&self, i: usize) -> Option<usize> {
        match self.at.get(i) {
            Some(&n) if n > 0 => Some(usize::from(n)),
            _ => None,
        }
    }

    /// Every match starting within tokens `from..to`, as token ranges, in order.
    pub fn within(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let to = to.min(self.at.len());
        (from.min(to)..to).filter_map(move |i| match self.at[i] {
            0 => None,
            n => Some((i, i + usize::from(n))),
        })
    }

    /// Every match, as token ranges, in order.
    pub fn all(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.at
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (i, i + usize::from(*n)))
    }

    /// The first match lying wholly within tokens `from..to`.
    pub fn first_in(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to.min(self.at.len()))
            .find(|&i| self.at[i] > 0 && i + usize::from(self.at[i]) <= to)
            .map(|i| (i, i + usize::from(self.at[i])))
    }

    /// Whether any match starts within tokens `from..to`.
    pub fn starts_in(&self, from: usize, to: usize) -> bool {
        (from..to.min(self.at.len())).any(|i| self.at[i] > 0)
    }

    /// Whether any match lies wholly within tokens `from..to`.
    pub fn any_in(&self, from: usize, to: usize) -> bool {
        self.first_in(from, to).is_some()
    }
}

macro_rules! lexicon {
    ($( $(#[doc = $doc:literal])* $field:ident, )*) => {
        /// The words and phrases of one language, by the role they play in the rules,
        /// read from the language's data file (`assets/lexicon/en.toml` for English) with
        /// [`Lexicon::read`].
        ///
        /// Every phrase is lower case, words separated by single spaces, apostrophes as
        /// `'`; replies are normalised to the same form (see [`Lexicon::spellings`]).
        #[derive(Debug)]
        pub struct Lexicon {
            /// Every phrase list, in the order of [`NAMES`]; what each is for is said on
            /// the [`Compiled`] method of the same name.
            pub lists: [Phrases; LISTS],
            /// Informal and misspelled forms and what they stand for (`im=i'm`, `u=you`,
            /// `gonna=going to`); applied to every word of a reply before any rule.
            pub spellings: Pairs,
            /// Forms that stand for something else only at the start of a clause
            /// (`ill=i'll`, where "ill" elsewhere is a word of its own).
            pub clause_start_spellings: Pairs,
            /// A possessive that people type for a verb form, and that form
            /// (`your=you're`), with the words after which it is the verb (`verb_cues`).
            pub possessive_for_verb: Pairs,
            /// Irregular word forms and the stem they share with their base (`sat=sit`).
            pub irregular: Pairs,
            /// How a listener turns the speaker's words round (`i=you`, `my=your`).
            pub person_swaps: Pairs,
            /// Word stems that say the same thing (`kid=child`), so a reflection in other
            /// words still meets what was said.
            pub synonyms: Pairs,
            /// Digits and the words for them (`2=two`).
            pub numbers: Pairs,
            /// Endings stripped to find a word's stem, longest first (`ies=y`).
            pub suffixes: Phrases,
            /// Each signal's label and coaching note, in the order of [`SignalId::ALL`].
            pub signal_texts: Vec<(&'static str, &'static str)>,
        }

        /// The names of the phrase lists, as in a language's data file.
        pub const NAMES: [&str; LISTS] = [$( stringify!($field), )*];

        /// The phrase lists by number, in the order declared.
        #[allow(non_camel_case_types, dead_code)]
        #[derive(Clone, Copy)]
        enum List { $( $field, )* }

        /// A lexicon with its phrases split into words and indexed, built once.
        #[derive(Debug)]
        pub struct Compiled {
            /// Every list's [`PhraseSet`], by [`List`] number (read through the method
            /// named like the list). One vector rather than a field per list keeps the
            /// web app from carrying a copy of the building code for every list.
            sets: Vec<PhraseSet>,
            pub spellings: HashMap<String, Vec<String>>,
            pub clause_start_spellings: HashMap<String, Vec<String>>,
            pub possessive_for_verb: HashMap<String, String>,
            pub irregular: HashMap<String, String>,
            pub person_swaps: HashMap<String, String>,
            pub synonyms: HashMap<String, String>,
            pub numbers: HashMap<String, String>,
            pub suffixes: Vec<&'static str>,
            /// Each signal's label and coaching note (see [`Compiled::signal_text`]).
            signal_texts: Vec<(&'static str, &'static str)>,
            /// Every word any phrase uses, for correcting typos towards it.
            pub vocabulary: HashSet<String>,
            /// The vocabulary's longer words by each one-letter deletion of them.
            pub deletions: HashMap<String, Vec<String>>,
            /// The stems of the vocabulary, so an inflected word is never taken for a slip.
            pub vocabulary_stems: HashSet<String>,
            /// The stems of the everyday words (`common_words`), which are not vocabulary.
            pub common_stems: HashSet<String>,
            /// Every phrase of every list by its first word, with the list it belongs to,
            /// so a reply is matched against all lists in one pass.
            index: HashMap<String, Vec<(u16, Vec<String>)>>,
        }

        /// Where each list's phrases occur in one reply, read through the method named
        /// like the list.
        #[derive(Debug)]
        pub struct Matches {
            hits: Vec<Hits>,
        }

        #[allow(dead_code)]
        impl Matches {
            $(
                /// Where this list's phrases occur (see the [`Compiled`] method of this name).
                pub fn $field(&self) -> &Hits {
                    &self.hits[List::$field as usize]
                }
            )*
        }

        /// How many phrase lists a lexicon has.
        pub const LISTS: usize = [$( stringify!($field), )*].len();

        impl Compiled {
            /// Splits every phrase into words the way replies are split, once.
            pub fn new(lex: &Lexicon) -> Compiled {
                let map = |p: Pairs| -> HashMap<String, String> {
                    p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
                };
                let multi = |p: Pairs| -> HashMap<String, Vec<String>> {
                    p.iter()
                        .map(|(a, b)| (a.to_string(), b.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()))
                        .collect()
                };
                let spellings = multi(lex.spellings);
                // One loop over the lists, not one copy of the code per field: the web
                // app carries this function once.
                let sets: Vec<PhraseSet> = lex.lists.iter().map(|p| PhraseSet::new(*p, &spellings)).collect();
                let mut c = Compiled {
                    sets,
                    spellings,
                    clause_start_spellings: multi(lex.clause_start_spellings),
                    possessive_for_verb: map(lex.possessive_for_verb),
                    irregular: map(lex.irregular),
                    person_swaps: map(lex.person_swaps),
                    synonyms: map(lex.synonyms),
                    numbers: map(lex.numbers),
                    suffixes: lex.suffixes.iter().collect(),
                    signal_texts: lex.signal_texts.clone(),
                    vocabulary: HashSet::new(),
                    deletions: HashMap::new(),
                    vocabulary_stems: HashSet::new(),
                    common_stems: HashSet::new(),
                    index: HashMap::new(),
                };
                let mut index: HashMap<String, Vec<(u16, Vec<String>)>> = HashMap::new();
                for (l, set) in c.sets.iter().enumerate() {
                    for (first, phrases) in &set.by_first {
                        for p in phrases {
                            index.entry(first.clone()).or_default().push((l as u16, p.clone()));
                        }
                    }
                }
                let mut vocabulary: HashSet<String> = HashSet::new();
                for (l, set) in c.sets.iter().enumerate() {
                    if l != List::common_words as usize {
                        vocabulary.extend(set.words().cloned());
                    }
                }
                for words in c.spellings.values() {
                    vocabulary.extend(words.iter().cloned());
                }
                let mut deletions: HashMap<String, Vec<String>> = HashMap::new();
                for w in &vocabulary {
                    if w.chars().count() >= super::text::TYPO_MIN_CHARS && w.chars().all(char::is_alphabetic) {
                        for d in super::text::deletions_of(w) {
                            deletions.entry(d).or_default().push(w.clone());
                        }
                    }
                }
                c.index = index;
                c.vocabulary_stems = vocabulary.iter().map(|w| super::text::stem(w, &c)).collect();
                c.common_stems = c.common_words().words().map(|w| super::text::stem(w, &c)).collect();
                c.vocabulary = vocabulary;
                c.deletions = deletions;
                c
            }
        }

        impl Compiled {
            /// A signal's label and coaching note; `None` in a lexicon without them (the
            /// web app's before its English is installed).
            pub fn signal_text(&self, id: super::signals::SignalId) -> Option<(&'static str, &'static str)> {
                self.signal_texts.get(id as usize).copied()
            }
        }

        #[allow(dead_code)]
        impl Compiled {
            $(
                $(#[doc = $doc])*
                pub fn $field(&self) -> &PhraseSet {
                    &self.sets[List::$field as usize]
                }
            )*
        }

        impl Matches {
            /// Matches every list against a reply's words, in one pass over them. A phrase
            /// never runs across a comma or a sentence end; each list keeps its longest
            /// phrase at each word.
            pub fn new(c: &Compiled, tokens: &[Token]) -> Matches {
                let n = tokens.len();
                let mut hits: Vec<Vec<u8>> = (0..LISTS).map(|_| vec![0; n]).collect();
                for i in 0..n {
                    let Some(candidates) = c.index.get(&tokens[i].text) else { continue };
                    let clause = tokens[i].clause;
                    for (l, p) in candidates {
                        let fits = i + p.len() <= n
                            && p.iter().zip(&tokens[i..]).all(|(a, b)| *a == b.text && b.clause == clause);
                        if fits {
                            let slot = &mut hits[usize::from(*l)][i];
                            *slot = (*slot).max(p.len().min(255) as u8);
                        }
                    }
                }
                Matches { hits: hits.into_iter().map(Hits::new).collect() }
            }
        }
    };
}

lexicon! {
    /// Whole replies that only encourage the speaker to go on ("mm-hm", "go on").
    backchannels,
    /// Words that open a sentence without carrying its content ("so", "okay", "well", "um").
    openers,
    /// Fillers dropped anywhere ("um", "uh", "like" as a filler is not listed).
    fillers,
    /// Subject pronouns and "there", which follow an auxiliary in a yes/no question.
    subjects,
    /// Words that address or stand for the listener as the subject ("you", "you're").
    second_person,
    /// The listener as the object of a verb ("get you online"), not their things ("your").
    listener_object,
    /// Words that stand for the speaker ("i", "my", "me").
    first_person,
    /// Words for "we" ("we", "we're", "our", "let's").
    first_plural,
    /// Third-person subject pronouns ("he", "she", "they").
    third_person,
    /// Words that point back at what was just said ("that", "it", "this").
    demonstratives,
    /// Auxiliary and modal verbs that begin yes/no questions.
    auxiliaries,
    /// Auxiliaries that are verbs of their own: without a "?" and before anything but a
    /// pronoun, they give an order or a wish ("Have a good day", "Do your homework").
    verb_auxiliaries,
    /// Question words ("what", "how", "who", "whats").
    wh_words,
    /// How a question asking for a fact or a number begins ("how many", "what time").
    fact_questions,
    /// A scale put to them, which makes the question with it ask for a number, wherever it
    /// sits in the sentence ("on a scale of one to ten", "where are you on that scale").
    scales,
    /// Question words that ask for a place ("where"): with a modal, they ask where the
    /// person wants to go ("where would you like to start?"), not where something is.
    place_questions,
    /// Nouns that make a "what's your ..." question ask for a fact ("number", "postcode").
    fact_nouns,
    /// Words after a question word that make it an embedded clause, not a question ("what you need").
    wh_embedders,
    /// Verbs after which a question word starts an embedded clause ("tell me what", "i know how").
    wh_complement_verbs,
    /// Yes/no forms that ask for a story ("can you tell me", "could you describe").
    open_requests,
    /// Statements that invite their story without a question mark ("tell me about", "i wonder what").
    invitations,
    /// Questions that invite anything more ("anything else", "is there anything").
    open_anything,
    /// Question forms that only offer a choice or ask permission ("would it be okay if", "shall i").
    permission_questions,
    /// Words that make a question lean towards its answer ("don't you think", "surely").
    leading_questions,
    /// Words that join the two sides of an either/or question.
    alternatives,
    /// What "or" is followed by when it does not offer an alternative ("or anything", "or not").
    loose_alternatives,
    /// Words that make a question-word question with "or" a choice between its options ("what's worse, the pain or the waiting").
    comparatives,
    /// Question words that ask for reasons, which stay open whatever options follow ("why", "what made you": "why five rather than two?").
    reason_questions,
    /// Questions that advise ("have you tried", "how about you", "why don't you").
    advice_questions,
    /// Judgmental probing ("why didn't you", "what were you thinking").
    probing,
    /// Rhetorical questions that judge or scorn ("how careless can you get", "what did you expect").
    rhetorical,
    /// Tags that turn a statement into a check ("is that right", "right", "yeah").
    check_tags,
    /// Stems that introduce a reflection ("it sounds like", "so you're", "part of you").
    reflection_stems,
    /// Verbs and adjectives of inner states: feeling, wanting, knowing, trying ("want", "feel", "worried").
    state_words,
    /// Verbs that tell what happened to or by someone, past or present ("waited", "lost", "stopped").
    event_words,
    /// Words that mark information from the listener's side ("usually", "normally", "will", "policy").
    informing,
    /// Modal verbs that predict or permit rather than reflect ("will", "can", "might").
    modals,
    /// Feeling words, formal and informal ("frustrated", "gutted", "fed up", "sucks").
    feelings,
    /// Frames that attribute a feeling to them ("you sound", "that must be", "no wonder you're").
    feeling_frames,
    /// Frames that police a feeling instead of naming it ("don't be", "no need to be", "stop").
    feeling_policing,
    /// Agreement or acknowledgement ("yes", "i understand", "good idea").
    acknowledgements,
    /// Acknowledgement words that begin something else, not an agreement ("right now", "sure enough").
    acknowledgement_exceptions,
    /// Words that take back what came before ("but", "however").
    contrasts,
    /// Phrases in which a contrast word does not contrast ("not only", "nothing but").
    contrast_exceptions,
    /// Contrast words that are adverbs inside a clause ("the machine still isn't fixed")
    /// and contrast only where a clause starts ("Still, it's not right").
    adverb_contrasts,
    /// "and" continuations that build ("and we could", "and what if").
    builders,
    /// Phrases that move an idea forward together ("what if", "we could", "let's").
    forward_markers,
    /// Minimising the problem or policing the feeling ("calm down", "no big deal").
    dismissive,
    /// Saying it happens to everyone, to shrink it ("happens all the time", "lots of people").
    commonness,
    /// Blame, excuses, policy and passing the problem on ("our policy", "not my department").
    defensive,
    /// Others who can be blamed when no one in the reply owns the action ("finance", "the courier").
    blame_targets,
    /// Words of process and rules ("policy", "contract", "terms", "procedure").
    process_words,
    /// Sarcasm, insults and contempt.
    hostile,
    /// Curt replies that are hostile only when they are the whole sentence ("whatever").
    hostile_alone,
    /// Apologies.
    apologies,
    /// What turns an apology into sympathy ("sorry to hear", "sorry for your loss").
    sympathy_frames,
    /// Sympathy without an apology ("oh no", "what a horrible", "poor thing").
    sympathy,
    /// A loss or a blow they tell of ("died", "diagnosed", "laid off"): after it, "sorry"
    /// with nothing to own is sympathy.
    losses,
    /// Phrases that turn an apology into its opposite ("sorry you feel", "sorry if").
    non_apologies,
    /// Saying their reaction makes sense ("that makes sense", "no wonder", "i'd be ... too").
    validation,
    /// How a speaker takes on an action ("i'll", "let me", "i'm going to").
    commitment_subjects,
    /// Actions that can be taken on ("send", "book", "refund", "check").
    commitment_verbs,
    /// Actions under way, which lead a promise without "I'm" ("sending an engineer today").
    actions_under_way,
    /// What makes an action concrete: times, days, "now", "myself".
    concrete_markers,
    /// Phrases that empty a promise ("i'll try", "someone will", "at some point").
    hedges,
    /// Owning the problem ("leave it with me", "that's on us").
    ownership,
    /// Verbs of coming back to them ("call", "text", "update", "let you know").
    contact_verbs,
    /// Checking back or confirming the outcome ("does that work for you", "anything i've missed").
    follow_through,
    /// Thanks and respect.
    appreciation,
    /// Talk turned to oneself ("me too", "when i was", "same here").
    self_focus,
    /// Verbs that tell one's own story ("had", "was", "went", "did").
    narrative_verbs,
    /// Verbs used to tell someone what to do ("stop", "send", "fill", "wait").
    directive_verbs,
    /// Words that make an imperative a polite order ("please", "kindly").
    polite_requests,
    /// Words that make an imperative a quick fix, that is advice ("just", "simply").
    solution_markers,
    /// Phrases that order ("you need to", "you have to", "you must").
    ordering,
    /// Phrases that advise ("you should", "try", "why don't you", "i'd suggest").
    advising,
    /// Phrases that moralise ("you should have", "you ought to", "it's your responsibility").
    moralizing,
    /// Words that make a "should" a rule for life ("always", "never", "next time").
    generalising,
    /// Threats and warnings ("or else", "you'd better", "you'll regret").
    warning,
    /// What a warning threatens ("end this call", "end up", "get worse").
    consequences,
    /// Correcting, contradicting, persuading ("actually", "that's not true", "it's normal").
    arguing,
    /// Judging or blaming them ("irresponsible", "your fault", "careless").
    judging,
    /// Names and labels for a person or their reaction ("overreacting", "dramatic", "lazy").
    labels,
    /// Interpreting their motives for them ("what you really mean", "the real problem is").
    interpreting,
    /// Praise of the person ("smart", "a team player", "a star").
    praise,
    /// Words that turn praise into steering ("so", "i'm sure you'll", "enough to").
    steering,
    /// Reassurance that closes the feeling ("don't worry", "it'll be fine", "you're not alone").
    reassuring,
    /// Certainty claimed for how it will turn out ("i'm sure", "i bet"): with an all-clear
    /// after it, it reassures ("I'm sure the results are fine").
    assurances,
    /// Words that give the all-clear ("fine", "okay", "nothing").
    all_clear,
    /// Changing the subject ("anyway", "let's move on", "getting back to").
    withdrawing,
    /// Words that change the subject when they open a clause ("anyway, ..."), not elsewhere ("I wore black anyway").
    withdrawing_openers,
    /// Words that negate what follows.
    negations,
    /// Phrases that introduce the other person's own words ("you said").
    report_markers,
    /// Words that join clauses ("and", "because") and start a new one before a subject.
    joiners,
    /// Phrases that start a new clause wherever they stand ("so you", "it sounds like").
    clause_starters,
    /// Questions with their verb left out ("you sure", "you okay", "any luck").
    elided_questions,
    /// Words that carry no content, for comparing replies with what was said.
    stopwords,
    /// Words after which "ur" or "your" stands for "you're" ("ur so", "your right").
    verb_cues,
    /// Letters written twice before an ending and once in the stem ("stopped", "stop").
    undouble,
    /// Words that correct when they lead a clause ("actually", "in fact", "technically").
    correcting_leads,
    /// A flat "no" that contradicts, unless it answers their question.
    denials,
    /// Words that make a clause a condition, not a statement ("if", "unless").
    conditionals,
    /// Verbs that turn "can you...?" into a request for their story ("tell", "describe").
    request_verbs,
    /// Questions that check a reflection with them ("am i hearing", "is that what you're saying").
    reflective_checks,
    /// What announces that a summary of their words follows ("let me make sure i've got
    /// this right", "to sum up"): what comes after it says back.
    summary_announcers,
    /// Suggestions put as questions, asking only yes or no ("how about we", "shall we").
    suggestion_questions,
    /// Question words that are relative pronouns in the middle of a sentence ("which", "who").
    relative_words,
    /// Phrases that dismiss only when nothing follows them ("so what").
    dismissive_alone,
    /// Telling them to stop feeling it, which dismisses where it is said to them ("calm down").
    dismissive_imperatives,
    /// Subjects that make a statement general, about people at large ("people", "some people").
    generic_subjects,
    /// Verbs that ask for their view, which opens any question ("do you think", "would you like").
    their_view,
    /// Verbs whose imperative gives advice rather than an order ("try", "consider").
    advice_verbs,
    /// Words after which a clause-start spelling applies too ("and ill call" is "and i'll call").
    spelling_starters,
    /// Personal pronouns, the subjects that make an inverted question ("is it", "did you").
    personal_pronouns,
    /// Imperatives that offer or welcome rather than order ("take a seat", "let me know").
    offers,
    /// Actions too vague to be a commitment without a time ("look into", "see").
    vague_actions,
    /// Sentences that change the subject when they stand alone ("Next?", "Anyway.").
    withdrawing_alone,
    /// Saying goodbye ("see you tomorrow", "good night", "take care").
    farewells,
    /// Words that carry on from what came before ("and"), which after "yes" build on it.
    continuations,
    /// Subjects that take on an action only with the action under way ("i'm sending", not
    /// "we're booked").
    progressive_subjects,
    /// "That's how ..." before a process verb: the process given as the reason.
    process_frames,
    /// The verbs that complete a process frame ("work", "goes").
    process_verbs,
    /// What cannot be had right now ("fully booked", "sold out"): an excuse unless an
    /// offer comes with it.
    limits,
    /// Inferences about what they did, which contradict their account unless a feeling follows
    /// ("you must have", "you probably").
    inferences,
    /// Phrases in which a negation word does not negate ("no wonder", "not only").
    negation_idioms,
    /// Auxiliaries that start a question run on without punctuation ("did u", "are u").
    run_on_auxiliaries,
    /// Forms of "be" that make a "what ..." clause a statement ("what bothers you is ...").
    copulas,
    /// Praise words that make a clause about them an affirmation, not a reflection ("great", "strength").
    evaluations,
    /// Question words with their verb inside ("what's", "how's"): always a question.
    wh_with_verb,
    /// Openers that mark what follows as a summary of theirs ("so", "in other words").
    summary_openers,
    /// Words that admit a fault when the speaker is their subject ("we got it wrong").
    fault_words,
    /// Words that end a clause by setting it against theirs ("tho", "though").
    counter_markers,
    /// Phrases that find fault only in a clause about them ("too hard", "signed off").
    faulting,
    /// Verbs after which a label describes how they see themselves ("feel stupid").
    self_image_verbs,
    /// Verbs after which a label's words are meant literally ("have a baby", "had a
    /// drama at work"): nobody is called anything.
    literal_verbs,
    /// Conditions that turn into a threat with a consequence ("if you keep", "you're going to get").
    threat_conditions,
    /// First-person conditionals that validate when a feeling and "too" follow ("i'd be ... too").
    conditional_frames,
    /// What completes such a conditional ("too", "as well", "in your shoes").
    same_tails,
    /// Leaving the choice with them ("it's up to you", "if you'd like").
    autonomy,
    /// Words before a number that make it a time ("by", "at").
    time_prepositions,
    /// Admitting the fault, an apology in itself ("my mistake", "we let you down").
    admissions,
    /// Everyday words in no other list, so a reply about anything reads as English
    /// ([`super::reads_as_english`]); never a signal, never a target for a slip.
    common_words,
}

/// The lists of pairs, and the suffixes, by name, as in a language's data file.
const PAIR_LISTS: [&str; 10] = [
    "spellings",
    "clause_start_spellings",
    "possessive_for_verb",
    "irregular",
    "person_swaps",
    "synonyms",
    "numbers",
    "suffixes",
    "signal_labels",
    "signal_notes",
];

impl Lexicon {
    /// A lexicon with every list empty: the analyzer finds nothing with it.
    pub fn empty() -> Lexicon {
        Lexicon {
            lists: [Phrases(""); LISTS],
            spellings: Pairs(""),
            clause_start_spellings: Pairs(""),
            possessive_for_verb: Pairs(""),
            irregular: Pairs(""),
            person_swaps: Pairs(""),
            synonyms: Pairs(""),
            numbers: Pairs(""),
            suffixes: Phrases(""),
            signal_texts: Vec::new(),
        }
    }

    /// Reads a language's data file: TOML, one array of strings per list, every list
    /// named in [`NAMES`] (and the pair lists) present and no other; `file` names it in
    /// errors, which give line and column. The text is kept for the life of the program
    /// (a lexicon is read once).
    pub fn read(file: &str, text: &str) -> Result<Lexicon, ParseError> {
        let located = |span, message| ParseError::at(file, text, span, message);
        let root =
            tomlread::parse(text).map_err(|e| located(e.span(), e.message().trim().to_string()))?;
        let DeValue::Table(table) = root.get_ref() else {
            return Err(located(None, "expected a table of lists".into()));
        };
        let known = |name: &str| NAMES.contains(&name) || PAIR_LISTS.contains(&name);
        if let Some((key, _)) = table.iter().find(|(k, _)| !known(k.get_ref())) {
            return Err(located(
                Some(key.span()),
                format!(
                    "unknown list `{}`: the lists are named in src/analyzer/lexicon.rs",
                    key.get_ref()
                ),
            ));
        }
        let read = |name: &str| -> Result<&'static str, ParseError> {
            let value = tomlread::get(table, name)
                .ok_or_else(|| located(Some(root.span()), format!("missing list `{name}`")))?;
            let items = tomlread::list(value, tomlread::string)
                .map_err(|b| located(Some(b.span), b.message))?;
            let mut joined = String::new();
            for item in items {
                if item.is_empty() || item.contains('|') {
                    return Err(located(
                        Some(value.span()),
                        format!("list `{name}` has an empty phrase or one with `|`"),
                    ));
                }
                joined.push_str(&item);
                joined.push('|');
            }
            Ok(Box::leak(joined.into_boxed_str()))
        };
        let mut lists = [Phrases(""); LISTS];
        for (slot, name) in lists.iter_mut().zip(NAMES) {
            *slot = Phrases(read(name)?);
        }
        Ok(Lexicon {
            lists,
            spellings: Pairs(read("spellings")?),
            clause_start_spellings: Pairs(read("clause_start_spellings")?),
            possessive_for_verb: Pairs(read("possessive_for_verb")?),
            irregular: Pairs(read("irregular")?),
            person_swaps: Pairs(read("person_swaps")?),
            synonyms: Pairs(read("synonyms")?),
            numbers: Pairs(read("numbers")?),
            suffixes: Phrases(read("suffixes")?),
            signal_texts: {
                // Every signal's label and note, by its stable name, and no other name.
                let place = |list: &str| tomlread::get(table, list).map(|v| v.span());
                let lists = [
                    ("signal_labels", Pairs(read("signal_labels")?)),
                    ("signal_notes", Pairs(read("signal_notes")?)),
                ];
                for (list, pairs) in lists {
                    if let Some((k, _)) =
                        pairs.iter().find(|(k, _)| SignalId::from_name(k).is_none())
                    {
                        return Err(located(
                            place(list),
                            format!("list `{list}`: unknown signal `{k}`"),
                        ));
                    }
                }
                let mut texts = Vec::new();
                for id in SignalId::ALL {
                    let mut pair = [""; 2];
                    for (slot, (list, pairs)) in pair.iter_mut().zip(lists) {
                        *slot = pairs
                            .iter()
                            .find(|(k, v)| *k == id.name() && !v.is_empty())
                            .ok_or_else(|| {
                                located(
                                    place(list),
                                    format!("list `{list}` has no `{}=...`", id.name()),
                                )
                            })?
                            .1;
                    }
                    texts.push((pair[0], pair[1]));
                }
                texts
            },
        })
    }
}
