//! The scenario model (immutable story data) and its TOML file format.
//!
//! The format is documented field by field in `docs/scenario-format.md`.

use crate::condition::Condition;
use crate::ids::{LineKey, Memory, NodeId, ScenarioId};
use serde::Serialize;
use std::ops::Range;

mod read;

/// How much one scenario file may hold. A real scenario is a few dozen beats in a few
/// tens of kilobytes; the limits leave ample room for that and keep a hostile or broken
/// file from freezing the validator, the CLI or a browser tab. Each is named in the
/// message of a file that passes it.
pub mod limits {
    /// The size of a file, in bytes (1 MiB).
    pub const MAX_FILE_BYTES: usize = 1 << 20;
    /// Beats in a scenario.
    pub const MAX_BEATS: usize = 300;
    /// Endings in a scenario.
    pub const MAX_ENDINGS: usize = 50;
    /// Lines in a beat, a variant or an ending.
    pub const MAX_LINES: usize = 40;
    /// Variants of one beat.
    pub const MAX_VARIANTS: usize = 20;
    /// Replies on offer in one beat.
    pub const MAX_CHOICES: usize = 12;
    /// Routes of one reply.
    pub const MAX_ROUTES: usize = 20;
    /// Tags of a scenario, or memories one reply leaves.
    pub const MAX_NAMES: usize = 20;
    /// Characters in an id, a `goto`, a key or a memory.
    pub const MAX_NAME_CHARS: usize = 64;
    /// Characters in a title, a line, a debrief, feedback or a condition (a reply holds
    /// at most `analyzer::MAX_REPLY_CHARS`).
    pub const MAX_TEXT_CHARS: usize = 4000;

    /// Why a scenario file of `bytes` bytes is refused unread, if it is.
    pub fn too_large(bytes: u64) -> Option<String> {
        crate::tomlread::too_large(bytes, MAX_FILE_BYTES, "scenario")
    }
}

/// One conversation a trainee can play: metadata, beats and endings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    /// Stable identifier used in links and saved progress.
    pub id: ScenarioId,
    /// Title shown in the library.
    pub title: String,
    /// One line saying what the conversation is about.
    pub summary: String,
    /// Who the trainee plays.
    pub trainee_role: String,
    /// The other person in the conversation.
    pub partner: Partner,
    /// Where the conversation happens.
    pub setting: String,
    /// How long a playthrough usually takes, in minutes.
    pub minutes: u32,
    /// How demanding the conversation is.
    pub difficulty: Difficulty,
    /// Free tags for filtering in the library.
    pub tags: Vec<String>,
    /// The id of the first beat.
    pub start: NodeId,
    /// The other person's state when the conversation starts.
    pub mood: Mood,
    /// What taking the floor before they finish does to their state.
    pub interruption: Effect,
    /// Everything the other person says, with the trainee's replies.
    #[serde(rename = "beat")]
    pub beats: Vec<Beat>,
    /// The ways the conversation can end.
    #[serde(rename = "ending")]
    pub endings: Vec<Ending>,
    /// The fingerprint of the file it was read from ([`crate::saved::fingerprint`]), so
    /// a conversation saved on the device is not taken up in an edited scenario.
    #[serde(skip)]
    pub revision: u64,
}

/// The person the trainee talks with.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partner {
    /// Their name, as shown beside their lines.
    pub name: String,
    /// What they are to the trainee: customer, patient, colleague.
    pub role: String,
    /// What they feel throughout, besides their mood, if the author says (a grieving
    /// widow is sad, not angry); a beat may say otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feeling: Option<Feeling>,
}

/// A feeling the other person's face shows besides their mood (agitation and trust),
/// where the scenario says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Feeling {
    Sad,
    Afraid,
    Embarrassed,
}

impl Feeling {
    /// Every feeling, as written in a scenario file.
    pub const ALL: [Feeling; 3] = [Feeling::Sad, Feeling::Afraid, Feeling::Embarrassed];

    /// The word for it in a scenario file.
    pub fn word(self) -> &'static str {
        match self {
            Feeling::Sad => "sad",
            Feeling::Afraid => "afraid",
            Feeling::Embarrassed => "embarrassed",
        }
    }
}

/// How demanding a scenario is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Introductory,
    Intermediate,
    Advanced,
}

impl Difficulty {
    /// Every level, from easiest.
    pub const ALL: [Difficulty; 3] = [
        Difficulty::Introductory,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];

    /// The word in files: `introductory`, `intermediate`, `advanced`.
    pub fn word(self) -> &'static str {
        match self {
            Difficulty::Introductory => "introductory",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
        }
    }

    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Introductory => "Introductory",
            Difficulty::Intermediate => "Intermediate",
            Difficulty::Advanced => "Advanced",
        }
    }
}

/// The other person's emotional state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mood {
    /// 0 (settled) to 100 (furious).
    pub agitation: i32,
    /// 0 (none) to 100 (full).
    pub trust: i32,
}

impl Default for Mood {
    fn default() -> Self {
        Mood {
            agitation: 30,
            trust: 50,
        }
    }
}

/// A change to the other person's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effect {
    pub agitation: i32,
    pub trust: i32,
}

impl Effect {
    /// Whether it changes nothing.
    pub fn is_none(&self) -> bool {
        *self == Effect::default()
    }

    /// Taking the floor early: a little more agitated, a little less trusting.
    pub fn interruption_default() -> Self {
        Effect {
            agitation: 5,
            trust: -5,
        }
    }
}

/// A turn of the other person's speech and the trainee's possible replies.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Beat {
    /// Unique among the scenario's beats and endings.
    pub id: NodeId,
    /// What they say, sentence by sentence.
    pub lines: Vec<Line>,
    /// Other wording used instead of `lines` when its condition holds on arrival.
    #[serde(rename = "variant", skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// The trainee's replies.
    #[serde(rename = "choice", skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Where the conversation goes when they finish speaking, for beats without choices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NodeId>,
    /// What they feel while saying it, besides their mood, if not the partner's feeling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feeling: Option<Feeling>,
}

impl Beat {
    /// Every line the beat can say: its own, then each variant's.
    pub fn all_lines(&self) -> impl Iterator<Item = &Line> {
        self.lines
            .iter()
            .chain(self.variants.iter().flat_map(|v| &v.lines))
    }
}

/// One sentence (or a few) the other person says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// What they say.
    pub text: String,
    /// How long saying it takes, in milliseconds; by default, the time to say it
    /// at a conversational pace (see [`Line::duration_ms`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u32>,
    /// Names the line so conditions can ask whether it was heard to its end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<LineKey>,
    /// Who says it, when someone else speaks up ("Her husband"); by default the partner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// A line no one says: what the trainee sees happen ("She finds his handwriting on a
    /// statement."). It is read at the same pace but is never cut off or read aloud.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub narration: bool,
}

/// Conversational speech runs at about 150 to 160 words a minute.
pub const MS_PER_WORD: u32 = 375;
/// A breath between sentences.
pub const MS_PAUSE: u32 = 400;

impl Line {
    /// How long the line takes to say: `ms` if given, else its words at a conversational pace.
    pub fn duration_ms(&self) -> u32 {
        self.ms.unwrap_or_else(|| {
            let words = self.text.split_whitespace().count() as u32;
            (words.max(1) * MS_PER_WORD + MS_PAUSE).min(60_000)
        })
    }
}

/// Alternative lines for a beat, used when the condition holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    pub when: Condition,
    pub lines: Vec<Line>,
}

/// How good an author judges a reply to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    Best,
    Good,
    Mixed,
    Poor,
}

/// A reply the trainee can give.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice {
    /// What the trainee says.
    pub text: String,
    /// Where the conversation goes: a beat or an ending.
    pub goto: NodeId,
    /// The reply is offered only when this holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What the reply does to the other person's state.
    pub effect: Effect,
    /// The other person takes the reply as a slight and stays wary: later warmth lands softer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub slight: bool,
    /// Memories the reply leaves, for later conditions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remember: Vec<Memory>,
    /// Detours taken instead of `goto` when their condition holds after the reply.
    #[serde(rename = "route", skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// The author's judgement of the reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// Scores that replace the analyzer's for this reply's words (timing still counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreOverride>,
    /// A coaching note on the reply, shown in coach mode and the debrief.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

impl Choice {
    /// Every memory the reply can leave: its own, and its routes'.
    pub fn memories(&self) -> impl Iterator<Item = &Memory> {
        self.remember
            .iter()
            .chain(self.routes.iter().flat_map(|r| &r.remember))
    }
}

/// An author's own presence and listening scores for a reply, 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreOverride {
    pub presence: u8,
    pub listening: u8,
}

/// A conditional detour for a reply, with what taking it adds: its own effect and
/// memories (after the reply's), and its own coaching note (instead of the reply's).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Route {
    pub when: Condition,
    pub goto: NodeId,
    #[serde(skip_serializing_if = "Effect::is_none")]
    pub effect: Effect,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remember: Vec<Memory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// How a conversation ended for the relationship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Trust restored or deepened.
    Repaired,
    /// Resolved, with the relationship about where it was.
    Steady,
    /// Resolved at a cost, or left uneasy.
    Strained,
    /// The person leaves, or the relationship breaks.
    Lost,
}

impl Outcome {
    /// Every outcome, from best to worst.
    pub const ALL: [Outcome; 4] = [
        Outcome::Repaired,
        Outcome::Steady,
        Outcome::Strained,
        Outcome::Lost,
    ];

    /// The word in files: `repaired`, `steady`, `strained`, `lost`.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Repaired => "repaired",
            Outcome::Steady => "steady",
            Outcome::Strained => "strained",
            Outcome::Lost => "lost",
        }
    }

    /// The mark that stands for it on the progress chart, a shape per outcome so that
    /// colour is never the only difference.
    pub fn glyph(self) -> &'static str {
        match self {
            Outcome::Repaired => "\u{25b2}",
            Outcome::Steady => "\u{25a0}",
            Outcome::Strained => "\u{25bc}",
            Outcome::Lost => "\u{2715}",
        }
    }

    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Repaired => "Relationship repaired",
            Outcome::Steady => "Relationship steady",
            Outcome::Strained => "Relationship strained",
            Outcome::Lost => "Relationship lost",
        }
    }
}

/// One way the conversation ends.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ending {
    /// Unique among the scenario's beats and endings.
    pub id: NodeId,
    /// A short name for the ending.
    pub title: String,
    /// What it means for the relationship.
    pub outcome: Outcome,
    /// The other person's last words, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Line>,
    /// What happened and why, for the trainee.
    pub debrief: String,
    /// Other last words used instead of `lines` when the condition holds as they arrive
    /// here ("remembers blamed": the slight is in their goodbye).
    #[serde(rename = "variant", skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

impl Ending {
    /// Every last line the ending can say: its own, then each variant's.
    pub fn all_lines(&self) -> impl Iterator<Item = &Line> {
        self.lines
            .iter()
            .chain(self.variants.iter().flat_map(|v| &v.lines))
    }
}

impl Scenario {
    /// The beat with this id.
    pub fn beat(&self, id: &NodeId) -> Option<&Beat> {
        self.beats.iter().find(|b| b.id == *id)
    }

    /// The ending with this id.
    pub fn ending(&self, id: &NodeId) -> Option<&Ending> {
        self.endings.iter().find(|e| e.id == *id)
    }
}

/// A place in a scenario file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file's name as given.
    pub file: String,
    /// The id of the beat or ending concerned.
    pub node: Option<String>,
    /// `beat` or `ending`, with `node`.
    pub node_kind: Option<String>,
    /// The field concerned, as a path such as `choice[2].goto`.
    pub field: Option<String>,
    /// 1-based line and column, where known.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    /// `file:line:column`, as far as known.
    pub fn position(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            _ => self.file.clone(),
        }
    }

    /// `beat "x", field `y``, as far as known; empty for the file as a whole.
    pub fn context(&self) -> String {
        match (&self.node, &self.field) {
            (Some(n), Some(fl)) => format!("{} \"{n}\", field `{fl}`", self.kind()),
            (Some(n), None) => format!("{} \"{n}\"", self.kind()),
            (None, Some(fl)) => format!("field `{fl}`"),
            (None, None) => String::new(),
        }
    }

    fn kind(&self) -> &str {
        self.node_kind.as_deref().unwrap_or("entry")
    }

    /// Formats `file:line:col: severity: [context: ]message`, with control and
    /// direction characters from the file shown escaped (see [`visible`]).
    pub fn message(&self, severity: &str, message: &str) -> String {
        let context = self.context();
        let line = if context.is_empty() {
            format!("{}: {severity}: {message}", self.position())
        } else {
            format!("{}: {severity}: {context}: {message}", self.position())
        };
        // Every part of a message is bounded; this bounds the whole, whatever a file holds.
        crate::tomlread::shortened(&visible(&line), 1000)
    }
}

/// Text with every control character (but line breaks and tabs) and every character that
/// changes the direction of the text after it written as `\u{...}`: a file's escape or bell
/// characters must not clear a terminal or set its title, and a right-to-left override in
/// an id must not reverse the rest of a message, in a terminal or on the page.
pub fn visible(text: &str) -> String {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A step in a path to a field: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Renders a path as `beat[3].choice[1].goto`.
pub fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// In a file TOML cannot read, the beat or ending that line `line` (1-based) is in, read
/// from the lines themselves: the last `[[beat]]` or `[[ending]]` header above it, named
/// by the `id = "..."` written under that header (else by its number, "beat #3").
fn node_by_lines(text: &str, line: usize) -> Option<(&'static str, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = None;
    let mut counts = [0usize; 2];
    for (i, l) in lines.iter().enumerate().take(line) {
        let kind = match l.trim() {
            "[[beat]]" => 0,
            "[[ending]]" => 1,
            _ => continue,
        };
        counts[kind] += 1;
        found = Some((i, kind, counts[kind]));
    }
    let (at, kind, number) = found?;
    let name = ["beat", "ending"][kind];
    // The node's own keys run until the next table header.
    let id = lines[at + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| {
            let value = l
                .trim()
                .strip_prefix("id")?
                .trim_start()
                .strip_prefix('=')?;
            let quoted = value.trim().strip_prefix('"')?;
            let id = &quoted[..quoted.find('"')?];
            crate::condition::is_name(id).then(|| id.to_string())
        });
    Some((name, id.unwrap_or_else(|| format!("{name} #{number}"))))
}

/// Finds where things are in a scenario file's text.
pub struct SourceMap<'a> {
    file: &'a str,
    text: &'a str,
    root: Option<toml::Spanned<toml::de::DeTable<'a>>>,
}

type DeValue<'a> = toml::de::DeValue<'a>;

impl<'a> SourceMap<'a> {
    /// Indexes a file; a file TOML cannot read still gives line and column for offsets.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        let root = toml::de::DeTable::parse(text).ok();
        SourceMap { file, text, root }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// The location of a field, given its path (`beat`, 3, `choice`, 1, `goto`).
    ///
    /// Falls back to the nearest enclosing entry that exists in the file.
    pub fn locate(&self, path: &[Seg]) -> Location {
        let mut loc = Location {
            file: self.file.to_string(),
            ..Location::default()
        };
        let Some(root) = &self.root else {
            return loc;
        };
        let (node, field) = split_node(path);
        loc.field = field;
        // Walk the path as far as it goes.
        let mut span: Option<Range<usize>> = None;
        let mut current: Option<&DeValue<'a>> = None;
        let mut table = Some(root.get_ref());
        for seg in path {
            match seg {
                Seg::Key(k) => {
                    let Some(t) = table else { break };
                    let Some((key, value)) = t.iter().find(|(key, _)| key.get_ref() == k) else {
                        break;
                    };
                    // Point at the key for a scalar, which is where a person looks.
                    span = Some(key.span());
                    current = Some(value.get_ref());
                }
                Seg::Index(i) => {
                    let Some(DeValue::Array(items)) = current else {
                        break;
                    };
                    let Some(item) = items.get(*i) else { break };
                    span = Some(item.span());
                    current = Some(item.get_ref());
                }
            }
            table = match current {
                Some(DeValue::Table(t)) => Some(t),
                _ => None,
            };
        }
        if let Some(span) = span {
            let (l, c) = self.line_col(span.start);
            loc.line = Some(l);
            loc.column = Some(c);
        }
        self.set_node(&mut loc, node);
        loc
    }

    fn set_node(&self, loc: &mut Location, node: Option<(&str, usize)>) {
        if let Some((kind, index)) = node {
            loc.node = self.node_id(kind, index);
            loc.node_kind = Some(kind.to_string());
        }
    }

    /// The location of a byte offset: line, column, and the beat or ending around it.
    pub fn locate_offset(&self, offset: usize) -> Location {
        let (l, c) = self.line_col(offset);
        let mut loc = Location {
            file: self.file.to_string(),
            line: Some(l),
            column: Some(c),
            ..Location::default()
        };
        if let Some(root) = &self.root {
            let mut path = Vec::new();
            deepest(root.get_ref(), offset, &mut path);
            let (node, field) = split_node(&path);
            self.set_node(&mut loc, node);
            loc.field = field;
        } else {
            // Not TOML at all: the key at the start of the line is the best guess at the field,
            // and the `[[beat]]` or `[[ending]]` above it names the node.
            let line = self.text.lines().nth(l - 1).unwrap_or("");
            let key = line.split('=').next().unwrap_or("").trim();
            if line.contains('=') && crate::condition::is_name(key) {
                loc.field = Some(key.to_string());
            }
            if let Some((kind, id)) = node_by_lines(self.text, l) {
                loc.node = Some(id);
                loc.node_kind = Some(kind.to_string());
            }
        }
        loc
    }

    fn node_id(&self, kind: &str, index: usize) -> Option<String> {
        let root = self.root.as_ref()?;
        let list = crate::tomlread::get(root.get_ref(), kind)?;
        let DeValue::Array(items) = list.get_ref() else {
            return None;
        };
        let DeValue::Table(t) = items.get(index)?.get_ref() else {
            return None;
        };
        let id = crate::tomlread::get(t, "id")?;
        match id.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        }
        .or_else(|| Some(format!("{kind} #{}", index + 1)))
    }
}

/// Splits `beat[3].choice[1].goto` into the node (`beat`, 3) and the field (`choice[1].goto`).
fn split_node(path: &[Seg]) -> (Option<(&str, usize)>, Option<String>) {
    match path {
        [Seg::Key(kind), Seg::Index(i), rest @ ..] if kind == "beat" || kind == "ending" => {
            let field = (!rest.is_empty()).then(|| path_string(rest));
            (Some((kind.as_str(), *i)), field)
        }
        [] => (None, None),
        _ => (None, Some(path_string(path))),
    }
}

/// The whole stretch of text a value covers: for an `[[array]]` item, the
/// header's span reaches only the header, so children widen it.
fn extent(value: &toml::Spanned<DeValue<'_>>) -> Range<usize> {
    let mut r = value.span();
    let mut widen = |o: Range<usize>| {
        r.start = r.start.min(o.start);
        r.end = r.end.max(o.end);
    };
    match value.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                widen(k.span());
                widen(extent(v));
            }
        }
        DeValue::Array(items) => {
            for item in items {
                widen(extent(item));
            }
        }
        _ => {}
    }
    r
}

/// The path of the innermost key or item whose text holds the offset.
fn deepest(table: &toml::de::DeTable<'_>, offset: usize, path: &mut Vec<Seg>) {
    let holds = |r: Range<usize>| r.start <= offset && offset < r.end.max(r.start + 1);
    for (key, value) in table.iter() {
        if holds(key.span()) || holds(extent(value)) {
            path.push(Seg::Key(key.get_ref().to_string()));
            match value.get_ref() {
                DeValue::Table(t) => deepest(t, offset, path),
                DeValue::Array(items) => {
                    if let Some((i, item)) =
                        items.iter().enumerate().find(|(_, it)| holds(extent(it)))
                    {
                        path.push(Seg::Index(i));
                        if let DeValue::Table(t) = item.get_ref() {
                            deepest(t, offset, path);
                        }
                    }
                }
                _ => {}
            }
            return;
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem that stops a file from being read as a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub location: Box<Location>,
    pub message: String,
    /// What kind of thing is wrong, for a report to sort it by.
    pub flaw: crate::tomlread::Flaw,
}

impl ParseError {
    /// An error at a byte span of a file that is not a scenario (an index, a language's
    /// data): placed by line and column only, with no beat or field.
    pub fn at(file: &str, text: &str, span: Option<Range<usize>>, message: String) -> ParseError {
        let mut location = Location {
            file: file.to_string(),
            ..Location::default()
        };
        if let Some(span) = span {
            let (line, column) = SourceMap::new(file, text).line_col(span.start);
            location.line = Some(line);
            location.column = Some(column);
        }
        ParseError {
            location: Box::new(location),
            message,
            flaw: crate::tomlread::Flaw::Malformed,
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.location.message("error", &self.message))
    }
}

/// Reads a scenario from TOML text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Scenario, ParseError> {
    use crate::tomlread::Flaw;
    let located = |span: Option<Range<usize>>, message: String, flaw: Flaw| {
        let location = match span {
            Some(span) => SourceMap::new(file, text).locate_offset(span.start),
            None => Location {
                file: file.to_string(),
                ..Location::default()
            },
        };
        ParseError {
            location: Box::new(location),
            message,
            flaw,
        }
    };
    if let Some(message) = limits::too_large(text.len() as u64) {
        return Err(located(None, message, Flaw::Limit));
    }
    // Nothing but blank lines and comments.
    if text
        .trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(located(
            None,
            "the file is empty: a scenario starts with its `id`, `title` and `summary` (see the complete example in docs/scenario-format.md)".into(),
            Flaw::Malformed,
        ));
    }
    let root = crate::tomlread::parse(text)
        .map_err(|e| located(e.span(), e.message().trim().to_string(), Flaw::Malformed))?;
    let mut scenario =
        read::scenario(&root).map_err(|bad| located(Some(bad.span), bad.message, bad.flaw))?;
    scenario.revision = crate::saved::fingerprint(text);
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_in_a_file_toml_cannot_read_is_placed_in_its_beat_or_ending() {
        let text = "id = \"x\"\n[[beat]]\nid = \"first\"\n  [[beat.choice]]\n  text = \"oops\n[[beat]]\n# no id yet\nlines = [\n[[ending]]\nid = 7\n";
        assert_eq!(node_by_lines(text, 1), None, "above every beat");
        assert_eq!(node_by_lines(text, 5), Some(("beat", "first".to_string())));
        assert_eq!(
            node_by_lines(text, 8),
            Some(("beat", "beat #2".to_string()))
        );
        assert_eq!(
            node_by_lines(text, 10),
            Some(("ending", "ending #1".to_string()))
        );
        assert_eq!(
            node_by_lines(text, 99),
            Some(("ending", "ending #1".to_string()))
        );
        let err = parse("x.toml", &text[..text.find("[[beat]]\n# no id").unwrap()]).unwrap_err();
        assert_eq!(err.location.node.as_deref(), Some("first"), "{err}");
        assert_eq!(err.location.node_kind.as_deref(), Some("beat"));
    }
}
