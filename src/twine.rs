//! Importing a Twine story as a scenario: Twee 3 text, Twine 2 published or archive HTML
//! (several stories in one archive), and Twine 1's older `tiddler` layout, read with a
//! real HTML tokenizer (html5gum). Passages become beats, links become choices, passages
//! with no links become endings. Story-format code is never run: macros are dropped,
//! variables kept as text, script passages refused, each reported with its passage and
//! line. The result is a scenario file's text; what is left to write is reported too.

use std::collections::HashMap;
use toml_writer::ToTomlValue;

/// One passage as the story holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub name: String,
    pub tags: Vec<String>,
    pub text: String,
    /// The 1-based line of the source file where the passage begins (its `::` header or
    /// its element), and where its text begins.
    pub at: usize,
    pub line: usize,
}

/// One story of a file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Story {
    pub name: String,
    /// The start passage's name, as the story gives it.
    pub start: Option<String>,
    pub passages: Vec<Passage>,
    /// The story's own script (Twine 2's user script), with its line, if not empty.
    pub script: Option<usize>,
}

/// Something the import did or could not do, at a place in the source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The passage concerned (empty for the story as a whole).
    pub passage: String,
    pub line: usize,
    /// Left out something the story needs (a script, a broken link), not only a change
    /// of form.
    pub refused: bool,
    pub message: String,
}

impl Note {
    /// `file:line: passage "X": message`.
    pub fn show(&self, file: &str) -> String {
        let place = if self.line > 0 {
            format!("{file}:{}", self.line)
        } else {
            file.to_string()
        };
        let what = if self.refused { "refused" } else { "note" };
        let line = if self.passage.is_empty() {
            format!("{place}: {what}: {}", self.message)
        } else {
            format!(
                "{place}: {what}: passage \"{}\": {}",
                self.passage, self.message
            )
        };
        crate::scenario::visible(&line)
    }
}

/// A story made into a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The story's name.
    pub story: String,
    /// The scenario file's text (TOML).
    pub toml: String,
    /// The scenario's id, for a file name.
    pub id: String,
    pub notes: Vec<Note>,
    /// What is left to write, one sentence each.
    pub to_write: Vec<String>,
}

/// The outcome tags an ending passage may carry.
pub const OUTCOME_TAGS: [&str; 4] = ["repaired", "steady", "strained", "lost"];

/// Whether a file looks like a Twine story rather than a scenario: by its name.
pub fn is_story_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".twee", ".tw", ".html", ".htm"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The stories in a file: one for Twee, every `<tw-storydata>` of Twine 2 HTML (an
/// archive may hold several), or Twine 1's store area.
pub fn stories(file: &str, text: &str) -> Result<Vec<Story>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let looks_html = text.trim_start().starts_with('<');
    if !looks_html {
        return twee(text).map(|s| vec![s]);
    }
    let found = html(text);
    if found.is_empty() {
        return Err(format!(
            "{file}: error: no Twine story found: expected Twee (`:: Passage` lines), or HTML published or archived by Twine (`<tw-storydata>`, or Twine 1's `<div tiddler>`)"
        ));
    }
    Ok(found)
}

/// Imports one story of a file; `pick` names it when the file holds several.
pub fn import(file: &str, text: &str, pick: Option<&str>) -> Result<Imported, String> {
    let all = stories(file, text)?;
    let story = match (pick, all.len()) {
        (Some(name), _) => all.iter().find(|s| s.name == name).ok_or_else(|| {
            format!(
                "{file}: error: no story is called \u{201c}{name}\u{201d}; it holds {}",
                names(&all)
            )
        })?,
        (None, 1) => &all[0],
        (None, n) => {
            return Err(format!(
                "{file}: error: the file holds {n} stories ({}): pick one by its name",
                names(&all)
            ))
        }
    };
    convert(file, story)
}

fn names(all: &[Story]) -> String {
    all.iter()
        .map(|s| format!("\u{201c}{}\u{201d}", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads Twee 3: `:: Name [tags] {metadata}` lines begin passages.
fn twee(text: &str) -> Result<Story, String> {
    let mut story = Story::default();
    let mut current: Option<Passage> = None;
    let mut body: Vec<&str> = Vec::new();
    let finish = |p: Option<Passage>, body: &mut Vec<&str>, story: &mut Story| {
        if let Some(mut p) = p {
            while body.last().is_some_and(|l| l.trim().is_empty()) {
                body.pop();
            }
            p.text = body.join("\n");
            story.passages.push(p);
        }
        body.clear();
    };
    for (i, line) in text.lines().enumerate() {
        if let Some(header) = line.strip_prefix("::") {
            finish(current.take(), &mut body, &mut story);
            let (name, tags) = twee_header(header);
            current = Some(Passage {
                name,
                tags,
                text: String::new(),
                at: i + 1,
                line: i + 2,
            });
        } else if current.is_some() {
            body.push(line);
        }
    }
    finish(current.take(), &mut body, &mut story);
    if story.passages.is_empty() {
        return Err("no passage found: a Twee passage begins with a line `:: Name`".into());
    }
    // The special passages.
    if let Some(p) = story.passages.iter().find(|p| p.name == "StoryTitle") {
        story.name = p.text.trim().to_string();
    }
    if let Some(p) = story.passages.iter().find(|p| p.name == "StoryData") {
        story.start = story_data_start(&p.text);
    }
    story
        .passages
        .retain(|p| p.name != "StoryTitle" && p.name != "StoryData");
    Ok(story)
}

/// A Twee header's name (its escapes undone) and tags.
fn twee_header(header: &str) -> (String, Vec<String>) {
    let mut name = String::new();
    let mut rest = "";
    let mut chars = header.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    name.push(e);
                }
            }
            '[' | '{' => {
                rest = &header[i..];
                break;
            }
            _ => name.push(c),
        }
    }
    let tags = rest
        .strip_prefix('[')
        .and_then(|r| r.split(']').next())
        .map(|t| t.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    (name.trim().to_string(), tags)
}

/// `start` from StoryData's JSON, read without a JSON parser's weight: the string after
/// `"start"`.
fn story_data_start(json: &str) -> Option<String> {
    let at = json.find("\"start\"")?;
    let rest = json[at + 7..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            _ => out.push(c),
        }
    }
    None
}

/// Reads Twine HTML: Twine 2's `<tw-storydata>`/`<tw-passagedata>`, or Twine 1's
/// `<div tiddler>` store area.
fn html(text: &str) -> Vec<Story> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |offset: usize| newlines.partition_point(|&n| n < offset) + 1;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style bodies are raw text, as a browser reads them.
    emitter.naively_switch_states(true);
    let attr = |tag: &html5gum::StartTag<usize>, name: &str| {
        tag.attributes
            .get(name.as_bytes())
            .map(|v| String::from_utf8_lossy(&v.value).into_owned())
    };
    let mut stories: Vec<Story> = Vec::new();
    let mut twine1 = Story::default();
    // The element whose text is being read: a passage, or the story's user script.
    enum Reading {
        Nothing,
        Passage(Passage, Option<String>, bool),
        Script(usize),
    }
    let mut reading = Reading::Nothing;
    // Twine 2's start node, by pid, per story.
    let mut start_pid: Option<String> = None;
    let mut pid_names: HashMap<String, String> = HashMap::new();
    let close_story =
        |stories: &mut Vec<Story>, start: &Option<String>, pids: &HashMap<String, String>| {
            if let (Some(s), Some(pid)) = (stories.last_mut(), start) {
                if s.start.is_none() {
                    s.start = pids.get(pid).cloned();
                }
            }
        };
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let line = line_of(tag.span.start);
                match tag.name.as_slice() {
                    b"tw-storydata" => {
                        close_story(&mut stories, &start_pid, &pid_names);
                        pid_names.clear();
                        start_pid = attr(&tag, "startnode");
                        stories.push(Story {
                            name: attr(&tag, "name").unwrap_or_default(),
                            ..Story::default()
                        });
                    }
                    b"tw-passagedata" => {
                        let name = attr(&tag, "name").unwrap_or_default();
                        let tags = attr(&tag, "tags")
                            .map(|t| t.split_whitespace().map(str::to_string).collect())
                            .unwrap_or_default();
                        reading = Reading::Passage(
                            Passage {
                                name,
                                tags,
                                text: String::new(),
                                at: line,
                                line,
                            },
                            attr(&tag, "pid"),
                            false,
                        );
                    }
                    b"div" if tag.attributes.contains_key(b"tiddler".as_slice()) => {
                        let tags = attr(&tag, "tags")
                            .map(|t| t.split_whitespace().map(str::to_string).collect())
                            .unwrap_or_default();
                        reading = Reading::Passage(
                            Passage {
                                name: attr(&tag, "tiddler").unwrap_or_default(),
                                tags,
                                text: String::new(),
                                at: line,
                                line,
                            },
                            None,
                            true,
                        );
                    }
                    b"script"
                        if !stories.is_empty()
                            && (attr(&tag, "type").as_deref() == Some("text/twine-javascript")
                                || attr(&tag, "role").as_deref() == Some("script")) =>
                    {
                        reading = Reading::Script(line);
                    }
                    _ => {}
                }
            }
            Token::String(s) => match &mut reading {
                Reading::Passage(p, _, _) => p.text.push_str(&String::from_utf8_lossy(&s.value)),
                Reading::Script(line) => {
                    if !String::from_utf8_lossy(&s.value).trim().is_empty() {
                        if let Some(story) = stories.last_mut() {
                            story.script.get_or_insert(*line);
                        }
                    }
                }
                Reading::Nothing => {}
            },
            Token::EndTag(tag) => match std::mem::replace(&mut reading, Reading::Nothing) {
                Reading::Passage(mut p, pid, old)
                    if matches!(tag.name.as_slice(), b"tw-passagedata" | b"div") =>
                {
                    if old {
                        p.text = twine1_text(&p.text);
                        if p.name == "StoryTitle" {
                            twine1.name = p.text.trim().to_string();
                        } else if !matches!(
                            p.name.as_str(),
                            "StorySubtitle"
                                | "StoryAuthor"
                                | "StoryMenu"
                                | "StorySettings"
                                | "StoryIncludes"
                        ) {
                            twine1.passages.push(p);
                        }
                    } else if let Some(story) = stories.last_mut() {
                        if let Some(pid) = pid {
                            pid_names.insert(pid, p.name.clone());
                        }
                        story.passages.push(p);
                    }
                }
                Reading::Script(_) if tag.name.as_slice() == b"script" => {}
                other => reading = other,
            },
            _ => {}
        }
    }
    close_story(&mut stories, &start_pid, &pid_names);
    if !twine1.passages.is_empty() {
        if twine1.passages.iter().any(|p| p.name == "Start") {
            twine1.start = Some("Start".into());
        }
        stories.push(twine1);
    }
    stories
}

/// Twine 1 stores a passage's text with `\n` for a line break and `\s` for a backslash.
fn twine1_text(stored: &str) -> String {
    let mut out = String::new();
    let mut chars = stored.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('s') => out.push('\\'),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One link of a passage: what it says and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Link {
    text: String,
    target: String,
    /// A setter (`[[a|b][$x to 1]]`) that was dropped.
    setter: Option<String>,
    /// The line of the source file it is on.
    line: usize,
}

/// A link's inside (between `[[` and `]]`), in every form Twine accepts.
fn link(inner: &str) -> Link {
    // Twine 1 and SugarCube setters: `text|target][$x to 1`.
    let (inner, setter) = match inner.find("][") {
        Some(i) => (&inner[..i], Some(inner[i + 2..].to_string())),
        None => (inner, None),
    };
    let (text, target) = if let Some(i) = inner.rfind("->") {
        (&inner[..i], &inner[i + 2..])
    } else if let Some(i) = inner.find("<-") {
        (&inner[i + 2..], &inner[..i])
    } else if let Some(i) = inner.find('|') {
        (&inner[..i], &inner[i + 1..])
    } else {
        (inner, inner)
    };
    Link {
        text: text.trim().to_string(),
        target: target.trim().to_string(),
        setter,
        line: 0,
    }
}

/// A passage's text split into what is said and the links, with what was changed: macros
/// dropped and variables kept as text, each noted with its line.
fn read_passage(p: &Passage, notes: &mut Vec<Note>) -> (Vec<String>, Vec<Link>) {
    let mut said = Vec::new();
    let mut links = Vec::new();
    for (i, raw) in p.text.lines().enumerate() {
        let line = p.line + i;
        let mut note = |message: String, refused: bool| {
            notes.push(Note {
                passage: p.name.clone(),
                line,
                refused,
                message,
            })
        };
        let mut out = String::new();
        let mut rest = raw;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("[[") {
                match after.find("]]") {
                    Some(end) => {
                        // `]]` closing a setter's `][...]`: the whole link runs to the last `]]` of the pair.
                        let l = Link {
                            line,
                            ..link(&after[..end])
                        };
                        if let Some(s) = &l.setter {
                            note(
                                format!(
                                    "dropped the link's setter `[{s}]`: variables are not kept"
                                ),
                                false,
                            );
                        }
                        links.push(l);
                        rest = &after[end + 2..];
                        continue;
                    }
                    None => {
                        out.push_str(rest);
                        break;
                    }
                }
            }
            if let Some(after) = rest.strip_prefix("<<") {
                if let Some(end) = after.find(">>") {
                    note(
                        format!(
                            "dropped the macro `<<{}>>`: story-format code is never run",
                            &after[..end]
                        ),
                        false,
                    );
                    rest = &after[end + 2..];
                    continue;
                }
            }
            if let Some(len) = harlowe_macro(rest) {
                note(
                    format!(
                        "dropped the macro `{}`: story-format code is never run",
                        &rest[..len]
                    ),
                    false,
                );
                rest = &rest[len..];
                // Its hook, `[text]`: the text is kept, shown whatever the macro decided.
                if rest.starts_with('[') && !rest.starts_with("[[") {
                    if let Some(end) = rest.find(']') {
                        out.push_str(&rest[1..end]);
                        rest = &rest[end + 1..];
                    }
                }
                continue;
            }
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        for var in variables(&out) {
            note(
                format!("kept the variable `{var}` as text: variables are not kept"),
                false,
            );
        }
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if !out.is_empty() {
            said.push(out);
        }
    }
    (said, links)
}

/// The length of a Harlowe macro call at the start of `s` (`(set: $x to 1)`, with its
/// brackets balanced), if one is there.
fn harlowe_macro(s: &str) -> Option<usize> {
    let name_end = s.strip_prefix('(')?.find(':')? + 1;
    let name = &s[1..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// `$name` and `_name` variables in text, each once.
fn variables(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let starts = b == b'$'
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
        if starts && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let end = bytes[i + 1..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .map_or(bytes.len(), |p| i + 1 + p);
            let v = text[i..end].to_string();
            if !found.contains(&v) {
                found.push(v);
            }
        }
    }
    found
}

/// An id for a name: lower case letters and digits, words joined by `-`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase().filter(char::is_ascii_alphanumeric));
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "passage".into()
    } else {
        out
    }
}

/// Makes a story into a scenario file's text.
fn convert(file: &str, story: &Story) -> Result<Imported, String> {
    let mut notes = Vec::new();
    let name = if story.name.trim().is_empty() {
        notes.push(Note {
            passage: String::new(),
            line: 0,
            refused: false,
            message:
                "the story has no title (StoryTitle): it is called \u{201c}Imported story\u{201d}"
                    .into(),
        });
        "Imported story".to_string()
    } else {
        // One line: it is also written in the file's first comment.
        story
            .name
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let Some(line) = story.script {
        notes.push(Note {
            passage: String::new(),
            line,
            refused: true,
            message: "the story's JavaScript was left out: story-format code is never run".into(),
        });
    }
    // Passages the import keeps, with unique ids.
    let mut kept: Vec<&Passage> = Vec::new();
    for p in &story.passages {
        if p.tags.iter().any(|t| t == "script" || t == "widget") {
            notes.push(Note {
                passage: p.name.clone(),
                line: p.at,
                refused: true,
                message: "a script passage is left out: story-format code is never run".into(),
            });
        } else if p.tags.iter().any(|t| t == "stylesheet") || p.name == "StoryInit" {
            notes.push(Note {
                passage: p.name.clone(),
                line: p.at,
                refused: false,
                message:
                    "left out: it holds the story format's styles or set-up, not what anyone says"
                        .into(),
            });
        } else {
            kept.push(p);
        }
    }
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut used: Vec<String> = Vec::new();
    for p in &kept {
        let base = slug(&p.name);
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.push(id.clone());
        ids.entry(p.name.as_str()).or_insert(id);
    }
    let start = story
        .start
        .as_deref()
        .filter(|s| ids.contains_key(s))
        .or_else(|| {
            kept.iter()
                .find(|p| p.name == "Start")
                .map(|p| p.name.as_str())
        })
        .or_else(|| kept.first().map(|p| p.name.as_str()));
    if story.start.is_none() && start.is_some() {
        notes.push(Note {
            passage: start.unwrap_or_default().to_string(),
            line: 0,
            refused: false,
            message: "the story names no start passage: this one is the start".into(),
        });
    }
    let text = |s: &str| s.to_toml_value();
    let id = slug(&name);
    let mut beats = String::new();
    let mut endings = String::new();
    let (mut replies, mut ending_count) = (0usize, 0usize);
    for p in &kept {
        let (said, links) = read_passage(p, &mut notes);
        let mut choices: Vec<(String, String)> = Vec::new();
        for l in links {
            match ids.get(l.target.as_str()) {
                Some(target) => choices.push((
                    if l.text.is_empty() {
                        l.target.clone()
                    } else {
                        l.text
                    },
                    target.clone(),
                )),
                None => notes.push(Note {
                    passage: p.name.clone(),
                    line: l.line,
                    refused: true,
                    message: format!(
                        "the link to \u{201c}{}\u{201d} was left out: no passage has that name",
                        l.target
                    ),
                }),
            }
        }
        let lines = |said: &[String]| {
            said.iter()
                .map(|s| format!("  {{ text = {} }},\n", text(s)))
                .collect::<String>()
        };
        if choices.is_empty() {
            ending_count += 1;
            let outcome = p
                .tags
                .iter()
                .find(|t| OUTCOME_TAGS.contains(&t.as_str()))
                .cloned()
                .unwrap_or_else(|| {
                    notes.push(Note {
                        passage: p.name.clone(),
                        line: p.at,
                        refused: false,
                        message: "an ending with no outcome tag is `steady`: tag it repaired, steady, strained or lost".into(),
                    });
                    "steady".into()
                });
            endings.push_str(&format!(
                "\n[[ending]]\nid = {}\ntitle = {}\noutcome = {}\n{}debrief = {}\n",
                text(&ids[p.name.as_str()]),
                text(&p.name),
                text(&outcome),
                if said.is_empty() {
                    String::new()
                } else {
                    format!("lines = [\n{}]\n", lines(&said))
                },
                text(&format!(
                    "The conversation ended at \u{201c}{}\u{201d}{}",
                    p.name,
                    if p.name.ends_with(['.', '!', '?']) {
                        ""
                    } else {
                        "."
                    }
                )),
            ));
        } else {
            let said = if said.is_empty() {
                notes.push(Note {
                    passage: p.name.clone(),
                    line: p.at,
                    refused: false,
                    message: "the passage has only links: the other person says \u{201c}\u{2026}\u{201d} here until you write their words".into(),
                });
                vec!["\u{2026}".to_string()]
            } else {
                said
            };
            beats.push_str(&format!(
                "\n[[beat]]\nid = {}\nlines = [\n{}]\n",
                text(&ids[p.name.as_str()]),
                lines(&said)
            ));
            for (t, goto) in choices {
                replies += 1;
                beats.push_str(&format!(
                    "\n  [[beat.choice]]\n  text = {}\n  goto = {}\n",
                    text(&t),
                    text(&goto)
                ));
            }
        }
    }
    if beats.is_empty() {
        return Err(format!(
            "{file}: error: no passage of \u{201c}{name}\u{201d} links to another, so there is nothing to reply to: a scenario needs at least one passage with a link"
        ));
    }
    let minutes = (kept.len() / 2).clamp(1, 180);
    let toml = format!(
        "# Imported from the Twine story \u{201c}{name}\u{201d} by `attune import`.\n\
         # Still to write: the summary, roles and setting below, each reply's effect,\n\
         # quality and feedback, and each ending's debrief (see docs/scenario-format.md).\n\
         id = {}\ntitle = {}\nsummary = {}\ntrainee_role = {}\nsetting = {}\nminutes = {minutes}\ndifficulty = \"introductory\"\nstart = {}\n\n[partner]\nname = {}\nrole = {}\n{beats}{endings}",
        text(&id),
        text(&name),
        text(&format!("Imported from the Twine story \u{201c}{name}\u{201d}.")),
        text("The trainee"),
        text(&format!("The story \u{201c}{name}\u{201d}.")),
        text(start.and_then(|s| ids.get(s)).map_or("", String::as_str)),
        text("The other person"),
        text("the person you are talking with"),
    );
    let mut to_write = vec![
        "the scenario's summary, the trainee's role, the setting and the other person's name and role (the import fills them with plain stand-ins)".to_string(),
    ];
    if replies > 0 {
        to_write.push(format!(
            "for each of the {replies} replies: its `effect` on agitation and trust, its `quality` and its `feedback`"
        ));
    }
    if ending_count > 0 {
        to_write.push(format!(
            "for each of the {ending_count} endings: its `debrief`, and an outcome tag where the story had none"
        ));
    }
    Ok(Imported {
        story: name,
        toml,
        id,
        notes,
        to_write,
    })
}
