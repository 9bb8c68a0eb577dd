//! Words and sentences of a reply: split, lower-cased, and normalised to the lexicon's
//! spelling whatever the register ("im", "ur", "dont", "shoud of", typos a phone
//! keyboard makes), each word keeping its place in the original text.

use super::lexicon::Compiled;

/// Words shorter than this are never corrected as typos (too many real words lie one
/// letter apart).
pub const TYPO_MIN_CHARS: usize = 6;

/// A sentence runs to at most this many words; a longer run (a paste, or chat with no
/// full stops) is cut there. Every rule that looks across a sentence then looks at a
/// bounded number of words, which keeps the analyzer linear in the reply's length.
pub const MAX_SENTENCE_WORDS: usize = 80;

/// A word of the reply in the lexicon's spelling, with where it stands in the original.
#[derive(Clone, Debug)]
pub struct Token {
    /// Lower case, normalised.
    pub text: String,
    /// Byte offsets of the original word (a word that stands for two, like "gonna",
    /// gives both the same span).
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Commas, dashes, colons and brackets separate clauses.
    pub clause: usize,
    /// Inside double quotes.
    pub quoted: bool,
}

/// A sentence: a range of tokens.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub first: usize,
    pub last: usize,
    /// It ends with a question mark.
    pub question: bool,
}

/// A reply split into words and sentences.
#[derive(Clone, Debug, Default)]
pub struct Text {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits a lexicon phrase into its words, the way a reply's words are split.
pub fn tokenize_phrase(phrase: &str) -> Vec<String> {
    raw_words(phrase)
        .1
        .into_iter()
        .map(|(_, _, w, _)| w)
        .collect()
}

/// The raw words of a text: what comes before the first word, then each word's start,
/// end, lower-case text, and the punctuation after it up to the next word.
type RawWord = (usize, usize, String, String);

fn raw_words(text: &str) -> (String, Vec<RawWord>) {
    let mut leading = String::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words: Vec<(usize, usize, String, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut gap = String::new();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let joiner = matches!(c, '\'' | '\u{2019}' | '-' | '&')
            && current.is_some()
            && next.is_some_and(is_word_char);
        if is_word_char(c) || joiner {
            if current.is_none() {
                match words.last_mut() {
                    Some(last) => last.3 = std::mem::take(&mut gap),
                    None => leading = std::mem::take(&mut gap),
                }
            }
            let ch = if c == '\u{2019}' { '\'' } else { c };
            match &mut current {
                Some((_, w)) => w.extend(ch.to_lowercase()),
                None => current = Some((pos, ch.to_lowercase().collect())),
            }
            continue;
        }
        if let Some((start, w)) = current.take() {
            words.push((start, pos, w, String::new()));
        }
        gap.push(c);
    }
    if let Some((start, w)) = current.take() {
        words.push((start, text.len(), w, String::new()));
    } else if let Some(last) = words.last_mut() {
        last.3 = gap;
    }
    (leading, words)
}

/// "you-you", "what-what-what" and "th-the" are one word said over; "follow-up" is one word.
fn collapse_stutter(word: &str) -> &str {
    let parts: Vec<&str> = word.split('-').collect();
    let Some((last, before)) = parts.split_last() else {
        return word;
    };
    if !before.is_empty() && before.iter().all(|p| !p.is_empty() && last.starts_with(p)) {
        return last;
    }
    word
}

/// Every string one deletion away from `word`.
pub fn deletions_of(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect()
}

/// The one vocabulary word a longer unknown word is a single slip away from, if exactly one.
fn correct(word: &str, c: &Compiled) -> Option<String> {
    if word.chars().count() < TYPO_MIN_CHARS
        || !word.chars().all(char::is_alphabetic)
        || c.vocabulary.contains(word)
        || c.stopwords().has_word(word)
        || {
            let stem = stem(word, c);
            c.vocabulary_stems.contains(&stem) || c.common_stems.contains(&stem)
        }
    {
        // A known word, or a form of one ("relieves", "worries", "police"): not a slip.
        return None;
    }
    let mut found: Vec<&String> = Vec::new();
    // A letter missing: the word is a deletion of a vocabulary word.
    if let Some(ws) = c.deletions.get(word) {
        found.extend(ws);
    }
    for d in deletions_of(word) {
        // A letter too many.
        if let Some(w) = c.vocabulary.get(&d) {
            if w.chars().count() >= TYPO_MIN_CHARS {
                found.push(w);
            }
        }
        // A letter wrong, or two swapped.
        if let Some(ws) = c.deletions.get(&d) {
            found.extend(
                ws.iter()
                    .filter(|w| w.chars().count() == word.chars().count()),
            );
        }
    }
    // A slip rarely changes the first letter: "frustarted" is "frustrated", but "kettles"
    // is not "settles".
    found.retain(|w| w.chars().next() == word.chars().next());
    // One word, however many ways it was found.
    match found.first() {
        Some(one) if found.iter().all(|w| w == one) => Some((*one).clone()),
        _ => None,
    }
}

/// Splits a reply into normalised words and sentences, correcting typos.
pub fn tokenize(text: &str, c: &Compiled) -> Text {
    tokenize_with(text, c, true)
}

/// Splits a text into normalised words and sentences; `fix_typos` corrects slips towards
/// the lexicon (worth it for a trainee's reply, not for the other person's lines).
pub fn tokenize_with(text: &str, c: &Compiled, fix_typos: bool) -> Text {
    let (leading, raw) = raw_words(text);
    let mut tokens: Vec<Token> = Vec::with_capacity(raw.len());
    let mut sentences = Vec::new();
    let (mut sentence, mut clause, mut first) = (0, 0, 0);
    let mut quoted = leading
        .chars()
        .filter(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
        .count()
        % 2
        == 1;
    let mut clause_start = true;
    let mut i = 0;
    while i < raw.len() {
        let (start, end, ref word, ref gap) = raw[i];
        let word = collapse_stutter(word);
        // Two-word spellings first ("should of"), then one-word ones.
        let pair = raw
            .get(i + 1)
            .filter(|_| gap.trim().is_empty())
            .and_then(|n| c.spellings.get(&format!("{word} {}", n.2)));
        let (words, used): (Vec<String>, usize) = if let Some(ws) = pair {
            (ws.clone(), 2)
        } else if let Some(ws) = (clause_start
            || tokens
                .last()
                .is_some_and(|t| c.spelling_starters().has_word(&t.text)))
        .then(|| c.clause_start_spellings.get(word))
        .flatten()
        {
            (ws.clone(), 1)
        } else if let Some(ws) = c.spellings.get(word) {
            (ws.clone(), 1)
        } else if let Some(fixed) = fix_typos.then(|| correct(word, c)).flatten() {
            (vec![fixed], 1)
        } else {
            (vec![word.to_string()], 1)
        };
        let span_end = if used == 2 { raw[i + 1].1 } else { end };
        let gap = &raw[i + used - 1].3;
        for w in words {
            tokens.push(Token {
                text: w,
                start,
                end: span_end,
                sentence,
                clause,
                quoted,
            });
        }
        clause_start = false;
        i += used;
        for ch in gap.chars() {
            match ch {
                ',' | ':' | '\u{2013}' | '\u{2014}' | '(' | ')' | '-' => {
                    clause += 1;
                    clause_start = true;
                }
                '"' | '\u{201c}' | '\u{201d}' => quoted = !quoted,
                '.' | '!' | '?' | ';' | '\n' | '\u{2026}' => {
                    let question = ch == '?';
                    if tokens.len() > first {
                        sentences.push(Sentence {
                            first,
                            last: tokens.len(),
                            question,
                        });
                        first = tokens.len();
                        sentence += 1;
                    } else if question {
                        // "??" or "?!": the mark belongs to the sentence just closed.
                        if let Some(s) = sentences.last_mut() {
                            s.question = true;
                        }
                    }
                    clause += 1;
                    clause_start = true;
                }
                _ => {}
            }
        }
        if tokens.len() - first >= MAX_SENTENCE_WORDS {
            sentences.push(Sentence {
                first,
                last: tokens.len(),
                question: false,
            });
            first = tokens.len();
            sentence += 1;
            clause += 1;
            clause_start = true;
        }
    }
    if tokens.len() > first {
        sentences.push(Sentence {
            first,
            last: tokens.len(),
            question: false,
        });
    }
    // "your right" and "ur so tired": the possessive typed for the verb form.
    for k in 0..tokens.len() {
        if let Some(verb) = c.possessive_for_verb.get(&tokens[k].text) {
            // "That's your right": after "is" it is a possessive.
            let after_copula = k > 0
                && (c.copulas().has_word(&tokens[k - 1].text)
                    || c.demonstratives().has_word(&tokens[k - 1].text));
            let cue = !after_copula
                && tokens.get(k + 1).is_some_and(|n| {
                    n.sentence == tokens[k].sentence && c.verb_cues().has_word(&n.text)
                });
            if cue {
                tokens[k].text = verb.clone();
            }
        }
    }
    Text { tokens, sentences }
}

/// A light stem, so "calls", "called" and "calling" meet "call", "sat" meets "sit" and
/// "2" meets "two"; words that mean the same share a stem.
pub fn stem(word: &str, c: &Compiled) -> String {
    if let Some(n) = c.numbers.get(word) {
        return n.clone();
    }
    if let Some(same) = c.synonyms.get(word) {
        return same.clone();
    }
    if let Some(base) = c.irregular.get(word) {
        return synonym(base, c);
    }
    for (suffix, replacement) in c.suffixes.iter().filter_map(|s| s.split_once('=')) {
        if let Some(s) = word.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                let mut base = format!("{s}{replacement}");
                // "sitting" -> "sitt" -> "sit".
                let mut tail = base.chars().rev();
                let (last, before) = (tail.next(), tail.next());
                if replacement.is_empty()
                    && base.chars().count() >= 4
                    && last.is_some()
                    && last == before
                    && last.is_some_and(|l| c.undouble().has_word(l.encode_utf8(&mut [0; 4])))
                {
                    base.pop();
                }
                return synonym(&base, c);
            }
        }
    }
    synonym(word, c)
}

fn synonym(base: &str, c: &Compiled) -> String {
    c.synonyms
        .get(base)
        .cloned()
        .unwrap_or_else(|| base.to_string())
}
