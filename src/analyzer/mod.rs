//! The reply analyzer: scores a reply on presence and listening and says why.
//!
//! Pure Rust, no web dependency, no clock. The rules are here; the words are in
//! a [`Lexicon`] (English in [`en`]), so another language is a data file.
//! Each rule's doc comment names the idea from `shared/notes/rubrics.md` it
//! comes from.

pub mod en;

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A list of phrases, kept as one `|`-separated string.
///
/// Write it with [`phrases!`], one literal per phrase. One string rather than a
/// slice of strings saves the web app a pointer and a length per phrase.
#[derive(Clone, Copy, Debug)]
pub struct Phrases(pub &'static str);

impl Phrases {
    /// The phrases in the order written.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split('|').filter(|p| !p.is_empty())
    }
}

/// Builds [`Phrases`] from string literals: `phrases!["go on", "i see"]`.
#[macro_export]
macro_rules! phrases {
    ($($phrase:literal),* $(,)?) => {
        $crate::analyzer::Phrases(concat!($($phrase, "|"),*))
    };
}

/// The words and phrases one language uses for each signal.
#[derive(Debug)]
pub struct Lexicon {
    /// Whole replies that only encourage the speaker to go on.
    pub backchannels: Phrases,
    /// How open questions begin.
    pub open_starters: Phrases,
    /// Verbs that turn a yes/no form into an invitation ("could you tell me").
    pub open_requests: Phrases,
    /// Auxiliary verbs that begin yes/no questions.
    pub auxiliaries: Phrases,
    /// Stems that introduce a reflection ("it sounds like").
    pub reflection_stems: Phrases,
    /// Second-person phrases that advise, generalise or ask rather than reflect.
    pub not_reflective: Phrases,
    /// Feeling words.
    pub feelings: Phrases,
    /// Phrases that attribute a feeling to the listener or name it ("you sound", "that must be").
    pub feeling_frames: Phrases,
    /// Phrases that police a feeling ("don't be", "no need to be").
    pub feeling_policing: Phrases,
    /// Agreement or acknowledgement ("yes", "I understand", "good idea").
    pub acknowledgements: Phrases,
    /// Words that take back what came before ("but", "however").
    pub contrasts: Phrases,
    /// Phrases in which a contrast word does not contrast ("not only ... but also").
    pub contrast_exceptions: Phrases,
    /// "and" continuations that build ("and we could").
    pub builders: Phrases,
    /// Phrases that move an idea forward together ("what if", "let's").
    pub forward_markers: Phrases,
    /// Minimising or policing feelings.
    pub dismissive: Phrases,
    /// Blame, excuses, policy and "not my department".
    pub defensive: Phrases,
    /// Others blamed when no one in the reply owns the action.
    pub blame_targets: Phrases,
    /// Sarcasm, insults, contempt.
    pub hostile: Phrases,
    /// Verbs of checking an outcome, after "I'll" ("I'll check", "I'll come back").
    pub checking_verbs: Phrases,
    /// Verbs and words of talking about oneself ("I had", "I was", "I always").
    pub self_disclosure: Phrases,
    /// "That's how ... works": the process as a reason.
    pub process_frames: Phrases,
    /// The verbs that complete a process frame.
    pub process_verbs: Phrases,
    /// Curt replies that are hostile only when they are the whole sentence.
    pub hostile_alone: Phrases,
    /// Apologies.
    pub apologies: Phrases,
    /// Phrases that turn an apology into something else ("sorry you feel").
    pub non_apologies: Phrases,
    /// How a speaker takes on an action ("I'll", "let me").
    pub commitment_subjects: Phrases,
    /// Actions that can be taken on.
    pub commitment_verbs: Phrases,
    /// What makes an action concrete: times, days, "myself".
    pub concrete_markers: Phrases,
    /// Phrases that empty a promise ("I'll try", "someone will").
    pub hedges: Phrases,
    /// Owning the problem ("leave it with me").
    pub ownership: Phrases,
    /// Checking back or confirming the outcome.
    pub follow_through: Phrases,
    /// Thanks and respect.
    pub appreciation: Phrases,
    /// Turning the talk to oneself.
    pub self_focus: Phrases,
    /// First-person singular words.
    pub first_person: Phrases,
    /// Second-person words.
    pub second_person: Phrases,
    /// Words that negate what follows.
    pub negations: Phrases,
    /// Phrases that introduce the other person's own words ("you said").
    pub report_markers: Phrases,
    /// Words that carry no content, for comparing replies with what was said.
    pub stopwords: Phrases,
}

/// What a signal counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Presence,
    Listening,
}

/// The kinds of signal; their snake_case names are a stable contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalId {
    Reflection,
    FeelingNamed,
    OpenQuestion,
    ClosedQuestion,
    Backchannel,
    Interruption,
    SelfFocus,
    YesBut,
    YesAnd,
    Dismissive,
    Defensive,
    Hostile,
    Apology,
    Commitment,
    FollowThrough,
    Appreciation,
}

impl SignalId {
    /// Every signal, in a fixed order.
    pub const ALL: [SignalId; 16] = [
        SignalId::Reflection,
        SignalId::FeelingNamed,
        SignalId::OpenQuestion,
        SignalId::ClosedQuestion,
        SignalId::Backchannel,
        SignalId::Interruption,
        SignalId::SelfFocus,
        SignalId::YesBut,
        SignalId::YesAnd,
        SignalId::Dismissive,
        SignalId::Defensive,
        SignalId::Hostile,
        SignalId::Apology,
        SignalId::Commitment,
        SignalId::FollowThrough,
        SignalId::Appreciation,
    ];

    /// The stable name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            SignalId::Reflection => "reflection",
            SignalId::FeelingNamed => "feeling_named",
            SignalId::OpenQuestion => "open_question",
            SignalId::ClosedQuestion => "closed_question",
            SignalId::Backchannel => "backchannel",
            SignalId::Interruption => "interruption",
            SignalId::SelfFocus => "self_focus",
            SignalId::YesBut => "yes_but",
            SignalId::YesAnd => "yes_and",
            SignalId::Dismissive => "dismissive",
            SignalId::Defensive => "defensive",
            SignalId::Hostile => "hostile",
            SignalId::Apology => "apology",
            SignalId::Commitment => "commitment",
            SignalId::FollowThrough => "follow_through",
            SignalId::Appreciation => "appreciation",
        }
    }

    /// Reads a stable name.
    pub fn from_name(name: &str) -> Option<SignalId> {
        SignalId::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Which score it counts towards.
    pub fn dimension(self) -> Dimension {
        match self {
            SignalId::Reflection
            | SignalId::FeelingNamed
            | SignalId::OpenQuestion
            | SignalId::ClosedQuestion
            | SignalId::Backchannel
            | SignalId::Interruption
            | SignalId::SelfFocus => Dimension::Listening,
            _ => Dimension::Presence,
        }
    }

    /// How much it moves its score from the neutral 50.
    pub fn weight(self) -> i32 {
        match self {
            SignalId::Reflection => 20,
            SignalId::FeelingNamed => 15,
            SignalId::OpenQuestion => 10,
            SignalId::ClosedQuestion => -2,
            SignalId::Backchannel => 5,
            SignalId::Interruption => -30,
            SignalId::SelfFocus => -15,
            SignalId::YesBut => -20,
            SignalId::YesAnd => 12,
            SignalId::Dismissive => -30,
            SignalId::Defensive => -25,
            SignalId::Hostile => -40,
            SignalId::Apology => 10,
            SignalId::Commitment => 15,
            SignalId::FollowThrough => 12,
            SignalId::Appreciation => 8,
        }
    }

    /// Whether it hurts the score.
    pub fn is_negative(self) -> bool {
        self.weight() < 0
    }

    /// A coaching note a trainee can act on.
    pub fn note(self) -> &'static str {
        match self {
            SignalId::Reflection => "You said back what they told you, which shows you understood; do it before adding your own point.",
            SignalId::FeelingNamed => "You named the feeling; saying it tentatively ('it sounds like...') helps them feel understood.",
            SignalId::OpenQuestion => "An open question invites their story; reflect what they answer before asking the next one.",
            SignalId::ClosedQuestion => "A yes/no question narrows the talk; 'what' or 'how' invites more of their story.",
            SignalId::Backchannel => "A short 'mm-hm' shows you are with them without taking the floor.",
            SignalId::Interruption => "You took the floor before they finished; let them finish, or say 'mm-hm' to show you are listening.",
            SignalId::SelfFocus => "The reply turns the talk to you; bring it back to what they need.",
            SignalId::YesBut => "'But' cancels the agreement before it; try 'and'.",
            SignalId::YesAnd => "You built on what they offered instead of countering it.",
            SignalId::Dismissive => "Minimising or policing their feelings ('calm down') raises the heat; name the feeling instead.",
            SignalId::Defensive => "Blame, excuses or policy put the organisation first; own the problem and say what you will do.",
            SignalId::Hostile => "Sarcasm, curtness or insults break the relationship; slow down and speak to the person.",
            SignalId::Apology => "A sincere apology acknowledges their experience; pair it with what you will do.",
            SignalId::Commitment => "A concrete action you take on yourself builds trust; a time makes it stronger.",
            SignalId::FollowThrough => "Checking back or confirming the outcome shows you will see it through.",
            SignalId::Appreciation => "Thanks and respect show positive regard.",
        }
    }
}

/// One thing the analyzer found in a reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub id: SignalId,
    pub dimension: Dimension,
    pub weight: i32,
    /// Byte offsets in the reply of the words that triggered it; none for timing.
    pub span: Option<(usize, usize)>,
    pub note: String,
}

/// The analyzer's verdict on one reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// 0 to 100.
    pub presence: u8,
    /// 0 to 100.
    pub listening: u8,
    pub signals: Vec<Signal>,
}

impl Analysis {
    /// Whether a signal was found.
    pub fn has(&self, id: SignalId) -> bool {
        self.signals.iter().any(|s| s.id == id)
    }
}

/// What the analyzer looks at.
#[derive(Clone, Copy, Debug, Default)]
pub struct Input<'a> {
    /// What the other person just said.
    pub said: &'a str,
    /// What they said earlier in the conversation, if known: a reflection may summarise it.
    pub earlier: &'a str,
    /// The trainee's reply.
    pub reply: &'a str,
    /// Milliseconds from when they began speaking to the reply, if known.
    pub elapsed_ms: Option<u64>,
    /// How long their speech lasts, if known.
    pub speech_ms: Option<u64>,
}

/// Analyzes a reply with the English lexicon.
pub fn analyze(input: &Input<'_>) -> Analysis {
    analyze_with(input, english())
}

fn english() -> &'static Compiled {
    static ENGLISH: OnceLock<Compiled> = OnceLock::new();
    ENGLISH.get_or_init(|| Compiled::new(&en::ENGLISH))
}

/// The content words of a text, lightly stemmed, for comparing what two replies are about.
pub fn content_stems(text: &str) -> HashSet<String> {
    let c = english();
    tokenize(text)
        .tokens
        .into_iter()
        .filter(|t| t.text.chars().count() >= 3 && !c.stopwords.contains(&t.text))
        .map(|t| stem(&t.text).to_string())
        .collect()
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

/// A lexicon with its phrases split into words once.
pub struct Compiled {
    /// Per list: its phrases, split into words, by their first word.
    lists: Vec<HashMap<String, Vec<Vec<String>>>>,
    stopwords: HashSet<String>,
}

/// Indexes into `Compiled::lists`, one per lexicon field.
#[derive(Clone, Copy)]
enum L {
    Backchannels,
    OpenStarters,
    OpenRequests,
    Auxiliaries,
    ReflectionStems,
    NotReflective,
    Feelings,
    FeelingFrames,
    FeelingPolicing,
    Acknowledgements,
    Contrasts,
    ContrastExceptions,
    Builders,
    ForwardMarkers,
    Dismissive,
    Defensive,
    BlameTargets,
    Hostile,
    CheckingVerbs,
    SelfDisclosure,
    ProcessFrames,
    ProcessVerbs,
    HostileAlone,
    Apologies,
    NonApologies,
    CommitmentSubjects,
    CommitmentVerbs,
    ConcreteMarkers,
    Hedges,
    Ownership,
    FollowThrough,
    Appreciation,
    SelfFocus,
    FirstPerson,
    SecondPerson,
    Negations,
    ReportMarkers,
}

impl Lexicon {
    /// Every list but the stopwords, in the order of [`L`].
    pub fn lists(&self) -> [Phrases; 37] {
        let lex = self;
        [
            lex.backchannels,
            lex.open_starters,
            lex.open_requests,
            lex.auxiliaries,
            lex.reflection_stems,
            lex.not_reflective,
            lex.feelings,
            lex.feeling_frames,
            lex.feeling_policing,
            lex.acknowledgements,
            lex.contrasts,
            lex.contrast_exceptions,
            lex.builders,
            lex.forward_markers,
            lex.dismissive,
            lex.defensive,
            lex.blame_targets,
            lex.hostile,
            lex.checking_verbs,
            lex.self_disclosure,
            lex.process_frames,
            lex.process_verbs,
            lex.hostile_alone,
            lex.apologies,
            lex.non_apologies,
            lex.commitment_subjects,
            lex.commitment_verbs,
            lex.concrete_markers,
            lex.hedges,
            lex.ownership,
            lex.follow_through,
            lex.appreciation,
            lex.self_focus,
            lex.first_person,
            lex.second_person,
            lex.negations,
            lex.report_markers,
        ]
    }
}

impl Compiled {
    /// Splits every phrase of a lexicon into words, the way replies are split.
    pub fn new(lex: &Lexicon) -> Compiled {
        let fields = lex.lists();
        let lists = fields
            .iter()
            .map(|list| {
                let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
                for p in list.iter() {
                    let words: Vec<String> =
                        tokenize(p).tokens.into_iter().map(|t| t.text).collect();
                    if let Some(first) = words.first() {
                        by_first.entry(first.clone()).or_default().push(words);
                    }
                }
                by_first
            })
            .collect();
        Compiled {
            lists,
            stopwords: lex.stopwords.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Whether a single word is in a list.
    fn has_word(&self, l: L, word: &str) -> bool {
        self.lists[l as usize]
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
    }
}

/// A word of the reply: lower case, with its byte span and sentence.
#[derive(Clone, Debug)]
struct Token {
    text: String,
    start: usize,
    end: usize,
    sentence: usize,
    /// Clause number: commas, dashes and colons separate clauses.
    clause: usize,
    /// Inside double quotes.
    quoted: bool,
}

#[derive(Clone, Debug)]
struct Sentence {
    /// Token range.
    first: usize,
    last: usize,
    question: bool,
}

struct Tokens {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into lower-case words (keeping inner apostrophes and hyphens) and sentences.
fn tokenize(text: &str) -> Tokens {
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences = Vec::new();
    let mut sentence = 0;
    let mut sentence_first = 0;
    let mut quoted = false;
    let mut clause = 0;
    let mut current: Option<(usize, String)> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let close_sentence = |tokens: &Vec<Token>,
                          sentences: &mut Vec<Sentence>,
                          first: &mut usize,
                          question: bool|
     -> bool {
        if tokens.len() > *first {
            sentences.push(Sentence {
                first: *first,
                last: tokens.len(),
                question,
            });
            *first = tokens.len();
            true
        } else {
            // Punctuation with no words before it (for example "?!") marks the previous sentence.
            if question {
                if let Some(s) = sentences.last_mut() {
                    s.question = true;
                }
            }
            false
        }
    };
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let prev_word = current.is_some();
        let joiner = (c == '\'' || c == '\u{2019}' || c == '-')
            && prev_word
            && next.is_some_and(is_word_char);
        if is_word_char(c) || joiner {
            let ch = if c == '\u{2019}' { '\'' } else { c };
            match &mut current {
                Some((_, w)) => w.extend(ch.to_lowercase()),
                None => current = Some((pos, ch.to_lowercase().collect())),
            }
            continue;
        }
        if let Some((start, w)) = current.take() {
            tokens.push(Token {
                text: w,
                start,
                end: pos,
                sentence,
                clause,
                quoted,
            });
        }
        match c {
            ',' | ':' | '\u{2013}' | '\u{2014}' | '(' | ')' => clause += 1,
            '"' | '\u{201c}' | '\u{201d}' => quoted = !quoted,
            '.' | '!' | '?' | ';' | '\n' => {
                if close_sentence(&tokens, &mut sentences, &mut sentence_first, c == '?') {
                    sentence += 1;
                }
                clause += 1;
            }
            _ => {}
        }
    }
    if let Some((start, w)) = current.take() {
        tokens.push(Token {
            text: w,
            start,
            end: text.len(),
            sentence,
            clause,
            quoted,
        });
    }
    close_sentence(&tokens, &mut sentences, &mut sentence_first, false);
    Tokens { tokens, sentences }
}

/// For every list and token, the longest phrase of the list that starts at the token.
fn match_table(c: &Compiled, tokens: &[Token]) -> Vec<Vec<u8>> {
    c.lists
        .iter()
        .map(|by_first| {
            (0..tokens.len())
                .map(|i| {
                    by_first.get(&tokens[i].text).map_or(0, |phrases| {
                        phrases
                            .iter()
                            .filter(|p| {
                                i + p.len() <= tokens.len()
                                    && p.iter().zip(&tokens[i..]).all(|(a, b)| *a == b.text)
                            })
                            .map(|p| p.len().min(255) as u8)
                            .max()
                            .unwrap_or(0)
                    })
                })
                .collect()
        })
        .collect()
}

/// A light stem, so "calls" and "called" meet "call".
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if let Some(s) = word.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                return s;
            }
        }
    }
    word
}

struct Ctx<'a> {
    source: &'a str,
    /// Per list, per token: the length of the longest phrase of the list starting there (0: none).
    table: Vec<Vec<u8>>,
    c: &'a Compiled,
    t: &'a Tokens,
    /// Tokens inside the other person's reported words.
    reported: Vec<bool>,
    said_stems: HashSet<String>,
    /// Three words in a row, joined by [`trigram`].
    said_trigrams: HashSet<String>,
}

/// Three words as one set key (a word never holds a control character); one key type
/// for every set keeps a single hash-set instantiation in the wasm.
fn trigram(a: &str, b: &str, c: &str) -> String {
    [a, b, c].join("\u{1f}")
}

impl Ctx<'_> {
    fn words(&self) -> &[Token] {
        &self.t.tokens
    }

    /// Every match of any phrase of a list, as token ranges, in order.
    fn find(&self, l: L) -> Vec<(usize, usize)> {
        self.table[l as usize]
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (i, i + usize::from(*n)))
            .collect()
    }

    /// The longest phrase of a list starting at token `i`.
    fn starts(&self, i: usize, l: L) -> Option<usize> {
        match self.table[l as usize].get(i) {
            Some(&n) if n > 0 => Some(usize::from(n)),
            _ => None,
        }
    }

    /// Whether any phrase of a list occurs wholly within tokens `from..to`.
    fn any_in(&self, l: L, from: usize, to: usize) -> bool {
        let t = &self.table[l as usize];
        (from..to.min(t.len())).any(|i| t[i] > 0 && i + usize::from(t[i]) <= to)
    }

    fn sentence_of(&self, i: usize) -> &Sentence {
        &self.t.sentences[self.words()[i].sentence]
    }

    /// Whether a negation stands within three words before token `i` in its clause.
    fn negated(&self, i: usize) -> bool {
        let clause = self.words()[i].clause;
        let from = i.saturating_sub(3);
        (from..i)
            .filter(|&j| self.words()[j].clause == clause)
            .any(|j| {
                let w = &self.words()[j].text;
                self.c.has_word(L::Negations, w) || w.ends_with("n't")
            })
    }

    fn span(&self, (a, b): (usize, usize)) -> Option<(usize, usize)> {
        let w = self.words();
        Some((w[a].start, w[b.max(a + 1) - 1].end))
    }

    /// Content stems of a sentence's words.
    fn content(&self, from: usize, to: usize) -> Vec<String> {
        self.words()[from..to]
            .iter()
            .filter(|t| t.text.chars().count() >= 3 && !self.c.stopwords.contains(&t.text))
            .map(|t| stem(&t.text).to_string())
            .collect()
    }

    /// Skips discourse openers ("so", "okay", "and") at the start of a sentence.
    fn opening(&self, s: &Sentence) -> usize {
        let mut i = s.first;
        while i < s.last
            && matches!(
                self.words()[i].text.as_str(),
                "so" | "and"
                    | "okay"
                    | "ok"
                    | "right"
                    | "well"
                    | "then"
                    | "now"
                    | "oh"
                    | "but"
                    | "alright"
            )
        {
            i += 1;
        }
        i
    }

    fn has_second_person(&self, from: usize, to: usize) -> bool {
        self.words()[from..to]
            .iter()
            .any(|t| self.c.has_word(L::SecondPerson, &t.text))
    }
}

/// Analyzes a reply with a compiled lexicon. Never panics; time is linear in the reply's length
/// (for a fixed lexicon).
pub fn analyze_with(input: &Input<'_>, c: &Compiled) -> Analysis {
    let t = tokenize(input.reply);
    // What they just said; what they said before only counts when echoed word for word.
    let said = tokenize(input.said);
    let earlier = tokenize(input.earlier);
    let table = match_table(c, &t.tokens);
    let mut ctx = Ctx {
        source: input.reply,
        table,
        c,
        t: &t,
        reported: vec![false; t.tokens.len()],
        said_stems: HashSet::new(),
        said_trigrams: HashSet::new(),
    };
    ctx.said_stems = said
        .tokens
        .iter()
        .filter(|w| w.text.chars().count() >= 3 && !c.stopwords.contains(&w.text))
        .map(|w| stem(&w.text).to_string())
        .collect();
    // Reported speech: quotes, and from "you said" to the end of its sentence.
    for (i, tok) in t.tokens.iter().enumerate() {
        ctx.reported[i] = tok.quoted;
    }
    for (a, b) in ctx.find(L::ReportMarkers) {
        let end = ctx.sentence_of(a).last;
        let clause = t.tokens[b.min(end.saturating_sub(1))].clause;
        for j in b..end {
            if t.tokens[j].clause != clause {
                break;
            }
            ctx.reported[j] = true;
        }
    }
    // Their words, with pronouns turned round, for spotting echoes.
    ctx.said_trigrams = said
        .tokens
        .windows(3)
        .chain(earlier.tokens.windows(3))
        .map(|w| trigram(&w[0].text, &w[1].text, &w[2].text))
        .collect();

    let mut found: Vec<(SignalId, Option<(usize, usize)>)> = Vec::new();
    let backchannel = is_backchannel(&ctx);
    if let Some(span) = backchannel {
        found.push((SignalId::Backchannel, span));
    }
    if let (Some(e), Some(total)) = (input.elapsed_ms, input.speech_ms) {
        if e < total && backchannel.is_none() && !t.tokens.is_empty() {
            found.push((SignalId::Interruption, None));
        }
    }
    if backchannel.is_none() {
        questions(&ctx, &mut found);
        let reflective = reflections(&ctx, &mut found);
        feelings(&ctx, &mut found);
        yes_but_and(&ctx, &reflective, &mut found);
        phrases(&ctx, &mut found);
        commitments(&ctx, &mut found);
        self_focus(&ctx, &reflective, &mut found);
    }

    // One signal per kind, at its first place.
    let mut signals: Vec<Signal> = Vec::new();
    for (id, span) in found {
        if signals.iter().all(|s| s.id != id) {
            signals.push(Signal {
                id,
                dimension: id.dimension(),
                weight: id.weight(),
                span,
                note: id.note().to_string(),
            });
        }
    }
    signals.sort_by_key(|s| (s.span.map_or(0, |(a, _)| a), s.id));
    let score = |d: Dimension| {
        let sum: i32 = signals
            .iter()
            .filter(|s| s.dimension == d)
            .map(|s| s.weight)
            .sum();
        (50 + sum).clamp(0, 100) as u8
    };
    Analysis {
        presence: score(Dimension::Presence),
        listening: score(Dimension::Listening),
        signals,
    }
}

/// MITI / Mulder-Vos: a short encouraging token ("mm-hm", "go on") that does not take the floor.
fn is_backchannel(ctx: &Ctx<'_>) -> Option<Option<(usize, usize)>> {
    let w = ctx.words();
    if w.is_empty() || w.len() > 4 {
        return None;
    }
    // The whole reply must be made of back-channel phrases.
    let mut i = 0;
    while i < w.len() {
        i += ctx.starts(i, L::Backchannels)?;
    }
    Some(ctx.span((0, w.len())))
}

/// MITI: open questions invite elaboration; closed ones ask for yes, no or a fact.
fn questions(ctx: &Ctx<'_>, found: &mut Vec<(SignalId, Option<(usize, usize)>)>) {
    for s in &ctx.t.sentences {
        let i = ctx.opening(s);
        if i >= s.last {
            continue;
        }
        let invitation = ctx.starts(i, L::OpenRequests).is_some();
        if !s.question && !invitation {
            continue;
        }
        let span = ctx.span((s.first, s.last));
        let aux_request = ctx.starts(i, L::Auxiliaries).is_some()
            && (i + 1..(i + 4).min(s.last)).any(|j| ctx.starts(j, L::OpenRequests).is_some())
            && ctx.has_second_person(i, (i + 3).min(s.last));
        let wh = ctx.starts(i, L::OpenStarters).is_some();
        // "What's your account number?" asks for a fact.
        let fact = wh
            && ctx.words()[i..s.last].iter().any(|t| {
                matches!(
                    t.text.as_str(),
                    "number" | "name" | "address" | "email" | "postcode" | "reference" | "date"
                )
            });
        let either_or = ctx.words()[i..s.last].iter().any(|t| t.text == "or");
        if (wh && !fact && !either_or) || invitation || aux_request {
            found.push((SignalId::OpenQuestion, span));
        } else if s.question {
            found.push((SignalId::ClosedQuestion, span));
        }
    }
}

/// Seed 004 and MITI: a reflection says back what they said, in their words
/// (paraphrase) or yours (summary). Returns which sentences reflect.
fn reflections(ctx: &Ctx<'_>, found: &mut Vec<(SignalId, Option<(usize, usize)>)>) -> Vec<bool> {
    let mut reflective = vec![false; ctx.t.sentences.len()];
    for (k, s) in ctx.t.sentences.iter().enumerate() {
        if s.question {
            continue;
        }
        let i = ctx.opening(s);
        if i >= s.last {
            continue;
        }
        // Advice, generalisations and politeness are not reflections.
        if ctx.any_in(L::NotReflective, s.first, s.last)
            && ctx.starts(i, L::ReflectionStems).is_none()
        {
            continue;
        }
        // Minimising or defending is not reflecting, whatever words it reuses.
        if ctx.any_in(L::Dismissive, s.first, s.last) || ctx.any_in(L::Defensive, s.first, s.last) {
            continue;
        }
        let content = ctx.content(s.first, s.last);
        let shared = content
            .iter()
            .filter(|w| ctx.said_stems.contains(*w))
            .count();
        let first_person_lead = matches!(
            ctx.words()[i].text.as_str(),
            "i" | "i'll" | "i'm" | "i've" | "i'd" | "we" | "we'll" | "let" | "let's" | "my" | "our"
        );
        let stem_led = ctx.starts(i, L::ReflectionStems).is_some()
            || (i + 1 < s.last
                && ctx.starts(i + 1, L::ReflectionStems).is_some()
                && ctx.words()[i].text == "it");
        let count = |l: L| {
            ctx.words()[s.first..s.last]
                .iter()
                .filter(|t| ctx.c.has_word(l, &t.text))
                .count()
        };
        let (firsts, seconds) = (count(L::FirstPerson), count(L::SecondPerson));
        let about_me = firsts > seconds;
        let paraphrase = !first_person_lead
            && !about_me
            && ((seconds > 0 && shared >= 2)
                || (shared >= 3 && shared * 5 >= content.len().max(1) * 2));
        // Their own words said back, pronouns turned round ("I didn't say" -> "you didn't say").
        let swapped: Vec<String> = ctx.words()[s.first..s.last]
            .iter()
            .map(|t| swap_person(&t.text))
            .collect();
        let echo = !first_person_lead
            && swapped.windows(3).any(|w| {
                ctx.said_trigrams.contains(&trigram(&w[0], &w[1], &w[2]))
                    && w.iter().any(|x| {
                        !ctx.c.stopwords.contains(x)
                            || x == "i"
                            || x.starts_with("i'")
                            || x == "you"
                            || x.starts_with("you")
                    })
            });
        if stem_led || paraphrase || echo {
            reflective[k] = true;
            found.push((SignalId::Reflection, ctx.span((s.first, s.last))));
        }
    }
    reflective
}

/// "you" for "I", "your" for "my", and back: how a listener says the speaker's words.
fn swap_person(w: &str) -> String {
    match w {
        "you" => "i",
        "i" | "me" => "you",
        "your" => "my",
        "my" => "your",
        "you're" => "i'm",
        "i'm" => "you're",
        "you've" => "i've",
        "i've" => "you've",
        "yours" => "mine",
        "mine" => "yours",
        "yourself" => "myself",
        "myself" => "yourself",
        other => other,
    }
    .to_string()
}

/// NURSE (Naming) and EPITOME (Interpretations): a feeling named as theirs.
fn feelings(ctx: &Ctx<'_>, found: &mut Vec<(SignalId, Option<(usize, usize)>)>) {
    for (a, b) in ctx.find(L::Feelings) {
        let s = ctx.sentence_of(a);
        let from = a.saturating_sub(7).max(s.first);
        // "Don't be upset" polices the feeling instead of naming it.
        if ctx.any_in(L::FeelingPolicing, from, a) {
            continue;
        }
        let framed = ctx.any_in(L::FeelingFrames, from, a);
        // The nearest person before the feeling must not be the speaker ("I feel awful").
        let owner = (from..a)
            .rev()
            .map(|j| ctx.words()[j].text.as_str())
            .find(|w| {
                matches!(
                    *w,
                    "i" | "i'm"
                        | "me"
                        | "my"
                        | "we"
                        | "we're"
                        | "you"
                        | "you're"
                        | "your"
                        | "you've"
                        | "you'd"
                        | "that"
                        | "it"
                        | "that's"
                        | "it's"
                        | "this"
                )
            });
        let own = matches!(owner, Some("i" | "i'm" | "me" | "my" | "we" | "we're"))
            && !ctx.any_in(L::FeelingFrames, from, a);
        if framed && !own {
            found.push((SignalId::FeelingNamed, ctx.span((a, b))));
        }
    }
}

/// Seed 004 (Pink): "yes-but" takes back the agreement; "yes-and" builds on it.
fn yes_but_and(
    ctx: &Ctx<'_>,
    reflective: &[bool],
    found: &mut Vec<(SignalId, Option<(usize, usize)>)>,
) {
    let w = ctx.words();
    let acks: Vec<(usize, usize)> = ctx
        .find(L::Acknowledgements)
        .into_iter()
        .filter(|&(a, _)| !ctx.negated(a) && !ctx.reported[a])
        .collect();
    for (ca, cb) in ctx.find(L::Contrasts) {
        if ctx.reported[ca] {
            continue;
        }
        let s = ctx.sentence_of(ca);
        let sk = w[ca].sentence;
        // "not only ... but also", "nothing but", "even though".
        let window_from = ca.saturating_sub(8).max(s.first);
        if ctx.any_in(L::ContrastExceptions, window_from, (cb + 2).min(s.last)) {
            continue;
        }
        // A "but" inside a reflection of their own words is theirs, not a rebuttal.
        if reflective.get(sk).copied().unwrap_or(false) {
            let after = ctx.content(cb, s.last);
            if after.iter().any(|x| ctx.said_stems.contains(x)) {
                continue;
            }
        }
        // An acknowledgement earlier in this sentence, or a short one just before it.
        let prev_short = sk > 0 && {
            let p = &ctx.t.sentences[sk - 1];
            p.last - p.first <= 6
        };
        let from = if prev_short {
            ctx.t.sentences[sk - 1].first
        } else {
            s.first
        };
        let ack = acks
            .iter()
            .rev()
            .find(|&&(a, b)| a >= from && b <= ca && ca - b <= 14);
        // "Sure. Let's do one at a time, though": a trailing "though" after an acknowledgement.
        if let Some(&(a, _)) = ack {
            found.push((SignalId::YesBut, ctx.span((a, cb))));
        }
    }
    if found.iter().any(|(id, _)| *id == SignalId::YesBut) {
        return;
    }
    // Yes-and: agreement or a reflection, then "and" that builds forward.
    for (i, tok) in w.iter().enumerate() {
        let building = ctx.starts(i, L::Builders).is_some() && tok.text != "building";
        // "Yes, and ...": agreement straight into "and" (an apology is not agreement).
        let agreed_and = tok.text == "and"
            && acks
                .iter()
                .any(|&(a, b)| b == i && !w[a..b].iter().any(|t| t.text.contains("sorry")));
        let explicit = agreed_and
            || (matches!(tok.text.as_str(), "building" | "on")
                && ctx.starts(i, L::Builders).is_some());
        if !(building || explicit) || ctx.reported[i] {
            continue;
        }
        let sk = tok.sentence;
        let s = &ctx.t.sentences[sk];
        let acked = acks
            .iter()
            .any(|&(a, b)| b <= i && i - b <= 6 && a >= s.first.saturating_sub(8))
            || (i > s.first
                && ctx
                    .content(s.first, i)
                    .iter()
                    .any(|x| ctx.said_stems.contains(x))
                && !ctx.any_in(L::Contrasts, s.first, i));
        let after_reflection =
            (sk > 0 && reflective[sk - 1] && i == ctx.opening(s).saturating_sub(1).max(s.first))
                || (reflective[sk] && i > s.first);
        let forward = ctx.any_in(L::ForwardMarkers, i, (i + 6).min(s.last))
            || ctx.any_in(L::Builders, i, (i + 3).min(s.last));
        if explicit || ((acked || after_reflection) && forward) {
            found.push((SignalId::YesAnd, ctx.span((i, (i + 3).min(w.len())))));
            return;
        }
    }
}

/// Phrase-led signals: dismissive, defensive, hostile, apology, follow-through, appreciation.
fn phrases(ctx: &Ctx<'_>, found: &mut Vec<(SignalId, Option<(usize, usize)>)>) {
    let w = ctx.words();
    let live = |a: usize| !ctx.reported[a] && !ctx.negated(a);
    // Rubrics: "calm down" escalates; minimising and policing feelings count against (MITI, NURSE).
    for (a, b) in ctx.find(L::Dismissive) {
        if live(a) {
            found.push((SignalId::Dismissive, ctx.span((a, b))));
        }
    }
    for (a, b) in ctx.find(L::FeelingPolicing) {
        let s = ctx.sentence_of(a);
        if live(a) && ctx.any_in(L::Feelings, b, (b + 3).min(s.last)) {
            found.push((SignalId::Dismissive, ctx.span((a, b))));
        }
    }
    // Service recovery (HEARD, LAST) and the fundamentals: blame, excuses and policy-hiding.
    for (a, b) in ctx.find(L::Defensive) {
        if live(a) {
            found.push((SignalId::Defensive, ctx.span((a, b))));
        }
    }
    for (a, b) in ctx.find(L::BlameTargets) {
        let s = ctx.sentence_of(a);
        let owned = ctx.any_in(L::CommitmentSubjects, s.first, s.last)
            || ctx.any_in(L::Ownership, s.first, s.last);
        if live(a) && !owned && !s.question {
            found.push((SignalId::Defensive, ctx.span((a, b))));
        }
    }
    for (a, b) in ctx.find(L::ProcessFrames) {
        let s = ctx.sentence_of(a);
        if live(a)
            && (b..(b + 4).min(s.last)).any(|j| ctx.starts(j, L::ProcessVerbs).is_some() && j > b)
        {
            found.push((SignalId::Defensive, ctx.span((a, b))));
        }
    }
    // Presence: no contempt. Sarcasm, insults, shouting.
    for (a, b) in ctx.find(L::Hostile) {
        if !ctx.reported[a] {
            found.push((SignalId::Hostile, ctx.span((a, b))));
        }
    }
    for s in &ctx.t.sentences {
        if let Some(n) = ctx.starts(s.first, L::HostileAlone) {
            if s.last - s.first == n {
                found.push((SignalId::Hostile, ctx.span((s.first, s.last))));
            }
        }
    }
    let shouted: Vec<&Token> = w
        .iter()
        .filter(|t| {
            let orig = &ctx.source[t.start..t.end];
            orig.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && orig.chars().all(|c| !c.is_lowercase())
                && orig.chars().any(char::is_uppercase)
        })
        .collect();
    if shouted.len() >= 2 || shouted.iter().any(|t| t.end - t.start >= 5) {
        let first = shouted[0];
        found.push((SignalId::Hostile, Some((first.start, first.end))));
    }
    if ctx.source.contains("!!") || ctx.source.contains("?!") {
        let at = ctx
            .source
            .find("!!")
            .or_else(|| ctx.source.find("?!"))
            .unwrap_or(0);
        found.push((SignalId::Hostile, Some((at, at + 2))));
    }
    // HEARD / LAST: Apologise. Negated and conditional apologies do not count.
    for (a, b) in ctx.find(L::Apologies) {
        let s = ctx.sentence_of(a);
        let non = (s.first..(b + 1).min(s.last))
            .any(|j| ctx.starts(j, L::NonApologies).is_some_and(|n| j + n > a));
        let but_after = (b..(b + 2).min(s.last)).any(|j| w[j].text == "but");
        let lone_question = s.question && s.last - s.first <= 2;
        if live(a) && !non && !but_after && !lone_question {
            found.push((SignalId::Apology, ctx.span((a, b))));
        }
        // "Sorry, but ..." with nothing offered after it is an excuse.
        if live(a) && but_after && !ctx.any_in(L::CommitmentSubjects, b, s.last) {
            found.push((SignalId::Defensive, ctx.span((a, (b + 2).min(s.last)))));
        }
    }
    // The fundamentals: Follow-Through (ensure the outcome, attend to the relationship).
    for (a, b) in ctx.find(L::FollowThrough) {
        if live(a) {
            found.push((SignalId::FollowThrough, ctx.span((a, b))));
        }
    }
    for (a, b) in ctx.find(L::CommitmentSubjects) {
        let s = ctx.sentence_of(a);
        if live(a)
            && !s.question
            && ctx.any_in(L::CheckingVerbs, b, (b + 8).min(s.last))
            && !ctx.any_in(L::Hedges, s.first, s.last)
        {
            found.push((SignalId::FollowThrough, ctx.span((a, b))));
        }
    }
    // Seed 001 and NURSE (Respecting): thanks, appreciation, respect.
    for (a, b) in ctx.find(L::Appreciation) {
        let s = ctx.sentence_of(a);
        let sarcastic = ctx.any_in(L::Hostile, s.first, s.last);
        if live(a) && !sarcastic {
            found.push((SignalId::Appreciation, ctx.span((a, b))));
        }
    }
}

/// The fundamentals (Commitment, Effective Action) and NURSE (Supporting): a concrete
/// action the speaker takes on, not hedged.
fn commitments(ctx: &Ctx<'_>, found: &mut Vec<(SignalId, Option<(usize, usize)>)>) {
    for (a, b) in ctx.find(L::Ownership) {
        if !ctx.reported[a] && !ctx.negated(a) {
            found.push((SignalId::Commitment, ctx.span((a, b))));
            return;
        }
    }
    for (a, b) in ctx.find(L::CommitmentSubjects) {
        let s = ctx.sentence_of(a);
        if ctx.reported[a] || ctx.negated(a) || s.question {
            continue;
        }
        let verb = (b..(b + 3).min(s.last)).find(|&j| ctx.starts(j, L::CommitmentVerbs).is_some());
        let Some(v) = verb else { continue };
        let negated_verb =
            (b..v).any(|j| ctx.words()[j].text == "not" || ctx.words()[j].text.ends_with("n't"));
        let hedged = ctx.any_in(L::Hedges, s.first, s.last);
        let concrete = ctx.any_in(L::ConcreteMarkers, b, s.last)
            || ctx.words()[b..s.last]
                .iter()
                .any(|t| t.text.chars().any(|c| c.is_ascii_digit()));
        if !negated_verb && !hedged && concrete {
            found.push((SignalId::Commitment, ctx.span((a, v + 1))));
            return;
        }
    }
}

/// MITI and EPITOME: the talk turned to the speaker instead of the other person.
fn self_focus(
    ctx: &Ctx<'_>,
    reflective: &[bool],
    found: &mut Vec<(SignalId, Option<(usize, usize)>)>,
) {
    for (a, b) in ctx.find(L::SelfFocus) {
        if !ctx.reported[a] && !ctx.negated(a) {
            found.push((SignalId::SelfFocus, ctx.span((a, b))));
            return;
        }
    }
    // Sentences about oneself: led by "I" or "my", telling one's own story, no "you",
    // nothing offered, apologised for or acknowledged.
    let w = ctx.words();
    let mut about_self = 0;
    let mut first_at = None;
    let mut longest = 0;
    for s in &ctx.t.sentences {
        let mut i = ctx.opening(s);
        while i < s.last
            && matches!(
                w[i].text.as_str(),
                "honestly" | "actually" | "personally" | "well" | "oh"
            )
        {
            i += 1;
        }
        if i >= s.last
            || !matches!(
                w[i].text.as_str(),
                "i" | "i've" | "i'd" | "i'm" | "my" | "me"
            )
        {
            continue;
        }
        let telling = ctx.any_in(L::SelfDisclosure, i, (i + 4).min(s.last));
        let offered = ctx.any_in(L::CommitmentSubjects, s.first, s.last)
            && ctx.any_in(L::CommitmentVerbs, s.first, s.last)
            || ctx.any_in(L::Apologies, s.first, s.last)
            || ctx.any_in(L::Acknowledgements, s.first, (s.first + 3).min(s.last))
            || ctx.any_in(L::Appreciation, s.first, s.last)
            || ctx.any_in(L::FeelingFrames, s.first, s.last);
        if telling && !offered && !ctx.has_second_person(s.first, s.last) {
            about_self += 1;
            first_at.get_or_insert(i);
            longest = longest.max(s.last - s.first);
        }
    }
    if let Some(i) = first_at {
        // Two sentences about oneself, or one long one.
        if about_self >= 2 || longest >= 12 {
            found.push((SignalId::SelfFocus, ctx.span((i, i + 1))));
            return;
        }
    }
    // Many "I"s, few "you"s, and nothing offered to them.
    let is = |l: L, t: &Token| ctx.c.has_word(l, &t.text);
    let first = w.iter().filter(|t| is(L::FirstPerson, t)).count();
    let second = w.iter().filter(|t| is(L::SecondPerson, t)).count();
    let offering = found.iter().any(|(id, _)| {
        matches!(
            id,
            SignalId::Commitment | SignalId::Apology | SignalId::FollowThrough
        )
    }) || reflective.iter().any(|r| *r);
    if first >= 4 && first >= 3 * second.max(1) && !offering {
        let i = w.iter().position(|t| is(L::FirstPerson, t)).unwrap_or(0);
        found.push((SignalId::SelfFocus, ctx.span((i, i + 1))));
    }
}
