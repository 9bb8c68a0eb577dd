//! The scenarios a site hosts: the files in its `scenarios/` folder and the index,
//! `scenarios/index.toml`, that lists them with what the library shows of each.
//!
//! The app draws its library from the index alone and fetches a scenario's file only
//! when it is opened, so the first page load carries no scenario text. `attune index DIR`
//! writes the index from the files (refusing a file with errors); a trainer may also edit
//! it by hand, and the reader here says exactly where a hand edit went wrong.

use crate::condition::is_name;
use crate::ids::ScenarioId;
use crate::scenario::{Difficulty, ParseError, Scenario};
use crate::tomlread::{bad, list, string, whole, Bad, Fields, Read, Value};
use crate::validate::{check_file, check_file_to_play};
use toml_writer::ToTomlValue;

/// The index's file name inside the scenarios folder.
pub const INDEX_FILE: &str = "index.toml";

/// The folder of the built site that holds the scenarios and their index.
pub const FOLDER: &str = "scenarios";

/// The version of the index format this build reads and writes.
pub const VERSION: i64 = 1;

/// What the library shows of one scenario, and the file it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The file's name inside the scenarios folder (`irate-customer.toml`).
    pub file: String,
    /// The scenario's id, as in the file.
    pub id: ScenarioId,
    pub title: String,
    pub summary: String,
    /// Who the trainee plays.
    pub trainee_role: String,
    /// The other person's name.
    pub partner: String,
    /// The other person's role.
    pub partner_role: String,
    /// About how long it takes.
    pub minutes: u32,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
}

impl Entry {
    /// The entry for a scenario read from `file`.
    pub fn of(file: &str, s: &Scenario) -> Entry {
        Entry {
            file: file.to_string(),
            id: s.id.clone(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            trainee_role: s.trainee_role.clone(),
            partner: s.partner.name.clone(),
            partner_role: s.partner.role.clone(),
            minutes: s.minutes,
            difficulty: s.difficulty,
            tags: s.tags.clone(),
        }
    }

    /// The file's address relative to the site's page (`scenarios/irate-customer.toml`).
    pub fn url(&self) -> String {
        format!("{FOLDER}/{}", self.file)
    }
}

/// Whether a name may be listed as a scenario file: a plain file name ending in `.toml`
/// (letters, digits, `-`, `_` and `.`), not the index itself, never a path.
pub fn is_file_name(name: &str) -> bool {
    name.len() > ".toml".len()
        && name.ends_with(".toml")
        && name != INDEX_FILE
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads an index; `file` names it in errors, which give line and column.
pub fn parse_index(file: &str, text: &str) -> Result<Vec<Entry>, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::at(
            file,
            text,
            None,
            "the index is empty: run `attune index` on the scenarios folder to write it".into(),
        ));
    }
    let root = crate::tomlread::parse(text)
        .map_err(|e| ParseError::at(file, text, e.span(), e.message().trim().to_string()))?;
    read_index(&root).map_err(|b| ParseError::at(file, text, Some(b.span), b.message))
}

fn read_index(root: &Value) -> Read<Vec<Entry>> {
    let f = Fields::of(root, &["version", "scenario"])?;
    let version = whole(f.need("version")?, 1, i64::MAX)?;
    if version > VERSION {
        return bad(
            f.need("version")?.span(),
            format!("this index is version {version}, newer than this Attune reads ({VERSION}): rebuild the site with a newer Attune, or write the index again with this one"),
        );
    }
    let Some(items) = f.get("scenario") else {
        return Ok(Vec::new());
    };
    let entries = list(items, entry)?;
    // Each file and each id once: the library and its links would not know which to open.
    let toml::de::DeValue::Array(values) = items.get_ref() else {
        return Ok(entries);
    };
    for (i, e) in entries.iter().enumerate() {
        if let Some(first) = entries[..i].iter().position(|o| o.file == e.file) {
            return bad(
                values[i].span(),
                format!(
                    "`{}` is listed twice (entries {} and {})",
                    e.file,
                    first + 1,
                    i + 1
                ),
            );
        }
        if let Some(first) = entries[..i].iter().position(|o| o.id == e.id) {
            return bad(
                values[i].span(),
                format!(
                    "the id `{}` is listed twice (`{}` and `{}`); every scenario needs its own id",
                    e.id, entries[first].file, e.file
                ),
            );
        }
    }
    Ok(entries)
}

fn entry(value: &Value) -> Read<Entry> {
    let f = Fields::of(
        value,
        &[
            "file",
            "id",
            "title",
            "summary",
            "trainee_role",
            "partner",
            "partner_role",
            "minutes",
            "difficulty",
            "tags",
        ],
    )?;
    let file_value = f.need("file")?;
    let file = string(file_value)?;
    if !is_file_name(&file) {
        return Err(Bad {
            flaw: crate::tomlread::Flaw::Malformed,
            span: file_value.span(),
            message: format!("`{file}` is not a scenario file name: name a `.toml` file in the scenarios folder itself (letters, digits, `-`, `_`, `.`), never a path or the index"),
        });
    }
    let id_value = f.need("id")?;
    let id = string(id_value)?;
    if !is_name(&id) {
        return bad(
            id_value.span(),
            format!("`{id}` is not an id: use letters, digits, `-` and `_`"),
        );
    }
    Ok(Entry {
        file,
        id: id.into(),
        title: string(f.need("title")?)?,
        summary: f.or("summary", string, String::new())?,
        trainee_role: f.or("trainee_role", string, String::new())?,
        partner: f.or("partner", string, String::new())?,
        partner_role: f.or("partner_role", string, String::new())?,
        minutes: f.or("minutes", |v| whole(v, 1, 600).map(|n| n as u32), 10)?,
        difficulty: f.or("difficulty", Difficulty::read, Difficulty::Introductory)?,
        tags: f.or("tags", |v| list(v, string), Vec::new())?,
    })
}

/// The index's text for these entries, in this order.
pub fn write_index(entries: &[Entry]) -> String {
    let text = |s: &str| s.to_toml_value();
    let mut out = format!(
        "# The library, in order; written by `attune index`, editable by hand (docs/scenario-format.md).\n\
         version = {VERSION}\n"
    );
    for e in entries {
        let tags: Vec<String> = e.tags.iter().map(|t| text(t)).collect();
        out.push_str(&format!(
            "\n[[scenario]]\nfile = {}\nid = {}\ntitle = {}\nsummary = {}\ntrainee_role = {}\npartner = {}\npartner_role = {}\nminutes = {}\ndifficulty = {}\ntags = [{}]\n",
            text(&e.file),
            text(e.id.as_str()),
            text(&e.title),
            text(&e.summary),
            text(&e.trainee_role),
            text(&e.partner),
            text(&e.partner_role),
            e.minutes,
            text(e.difficulty.word()),
            tags.join(", "),
        ));
    }
    out
}

/// Checks a scenario file fetched for an entry: the problems that stop it being played,
/// one per line, or the scenario.
pub fn open(entry: &Entry, text: &str) -> Result<Scenario, Vec<String>> {
    let report = check_file_to_play(&entry.url(), text);
    match report.playable().cloned() {
        Some(s) => {
            if s.id == entry.id {
                Ok(s)
            } else {
                Err(vec![format!(
                    "{}: error: the index lists this file as `{}` but its id is `{}`; run `attune index` again",
                    entry.url(),
                    entry.id,
                    s.id
                )])
            }
        }
        None => Err(report.errors()),
    }
}

/// What `attune index` made of a folder.
#[derive(Clone, Debug)]
pub struct Indexed {
    /// The entries listed, in library order.
    pub entries: Vec<Entry>,
    /// The index's text.
    pub text: String,
    /// Files left out, each with the problems that keep it out (one per line).
    pub refused: Vec<(String, Vec<String>)>,
    /// Warnings about listed files: they play, but perhaps not as meant.
    pub warnings: Vec<String>,
}

/// Indexes the scenario files of a folder (`(name, text)`, the index itself excluded):
/// every file is checked and only files without errors are listed. Files the previous
/// index listed keep its order (a trainer may have arranged it); new files follow in
/// name order. Two files with one id: the one listed earlier stays.
pub fn index(files: &[(String, Result<String, String>)], previous: Option<&str>) -> Indexed {
    let mut entries = Vec::new();
    let mut refused = Vec::new();
    let mut warnings = Vec::new();
    // Files the previous index listed come first, in its order, so a new file never
    // pushes out one already listed (a copy with the same id is the one refused).
    let old = previous
        .and_then(|t| parse_index(INDEX_FILE, t).ok())
        .unwrap_or_default();
    let rank = |name: &str| old.iter().position(|o| o.file == name).unwrap_or(old.len());
    let mut sorted: Vec<&(String, Result<String, String>)> = files.iter().collect();
    sorted.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
    for (name, text) in sorted {
        if !is_file_name(name) {
            refused.push((
                name.clone(),
                vec![format!("{name}: error: rename it to letters, digits, `-`, `_` and `.`, ending in `.toml`, so a link can name it")],
            ));
            continue;
        }
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                refused.push((name.clone(), vec![e.clone()]));
                continue;
            }
        };
        let report = check_file(name, text);
        match report.playable() {
            Some(s) => {
                if let Some(other) = entries.iter().find(|e: &&Entry| e.id == s.id) {
                    refused.push((
                        name.clone(),
                        vec![format!(
                            "{name}: error: its id `{}` is already taken by {}; give one of them a new id",
                            s.id, other.file
                        )],
                    ));
                    continue;
                }
                warnings.extend(report.warnings());
                entries.push(Entry::of(name, s));
            }
            None => refused.push((name.clone(), report.errors())),
        }
    }
    let text = write_index(&entries);
    Indexed {
        entries,
        text,
        refused,
        warnings,
    }
}

/// The text of `bytes` read from `file`, or an error that places the first byte that is not
/// UTF-8 and says what to do.
pub fn utf8_text(file: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        not_utf8(file, e.as_bytes())
            .unwrap_or_else(|| format!("{file}: error: the file is not UTF-8 text"))
    })
}

/// Where the site's index is, relative to the page: `scenarios/index.toml`.
pub fn index_path() -> String {
    format!("{FOLDER}/{INDEX_FILE}")
}

/// The line and column (from 1) of the first byte of `bytes` that is not UTF-8.
pub fn not_utf8_at(bytes: &[u8]) -> Option<(usize, usize)> {
    let e = std::str::from_utf8(bytes).err()?;
    let good = &bytes[..e.valid_up_to()];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = std::str::from_utf8(&good[line_start..]).map_or(1, |s| s.chars().count() + 1);
    Some((line, column))
}

/// "line L, column C" of the first byte of `bytes` that is not UTF-8, with what to do.
pub fn not_utf8(file: &str, bytes: &[u8]) -> Option<String> {
    let (line, column) = not_utf8_at(bytes)?;
    Some(format!(
        "{file}:{line}:{column}: error: this text is not UTF-8 (a Windows editor's curly quotes are the usual cause); save the file as UTF-8"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<(String, Result<String, String>)> {
        crate::builtin::FILES
            .iter()
            .map(|(n, t)| (n.to_string(), Ok(t.to_string())))
            .collect()
    }

    #[test]
    fn an_index_written_reads_back_the_same() {
        let built = index(&shipped(), None);
        assert!(built.refused.is_empty(), "{:?}", built.refused);
        assert_eq!(built.entries.len(), crate::builtin::FILES.len());
        let read = parse_index(INDEX_FILE, &built.text).expect("reads back");
        assert_eq!(read, built.entries);
    }

    #[test]
    fn the_previous_order_is_kept_and_new_files_follow_by_name() {
        let files = shipped();
        let reversed: Vec<Entry> = index(&files, None).entries.into_iter().rev().collect();
        let previous = write_index(&reversed[1..]);
        let again = index(&files, Some(&previous));
        let order: Vec<&str> = again.entries.iter().map(|e| e.file.as_str()).collect();
        let mut want: Vec<&str> = reversed[1..].iter().map(|e| e.file.as_str()).collect();
        want.push(&reversed[0].file);
        assert_eq!(order, want);
    }

    #[test]
    fn files_with_errors_are_refused_with_their_problems_and_the_rest_listed() {
        let mut files = shipped();
        files.push(("broken.toml".into(), Ok("id = \"x\"\ntitle = 3\n".into())));
        files.push((
            "copy.toml".into(),
            Ok(crate::builtin::FILES[0].1.to_string()),
        ));
        files.push(("../evil.toml".into(), Ok(String::new())));
        files.push((
            "latin1.toml".into(),
            Err("latin1.toml:2:7: error: not UTF-8".into()),
        ));
        let previous = index(&shipped(), None).text;
        let built = index(&files, Some(&previous));
        assert_eq!(built.entries.len(), crate::builtin::FILES.len());
        let refused: Vec<&str> = built.refused.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            refused,
            ["../evil.toml", "broken.toml", "copy.toml", "latin1.toml"]
        );
        assert!(
            built.refused[1].1[0].starts_with("broken.toml:2:"),
            "{:?}",
            built.refused[1]
        );
        assert!(
            built.refused[2].1[0].contains("already taken"),
            "{:?}",
            built.refused[2]
        );
    }

    #[test]
    fn hand_edits_that_break_the_index_are_located() {
        let e = |text: &str| parse_index("index.toml", text).unwrap_err().to_string();
        assert!(e("").contains("empty"));
        assert!(e("version = 1\n[[scenario]]\nfile = \"a.toml\"\n").contains("index.toml:2:1"));
        let wrong = "version = 1\n[[scenario]]\nfile = \"../a.toml\"\nid = \"a\"\ntitle = \"A\"\n";
        assert!(e(wrong).contains("index.toml:3:8"), "{}", e(wrong));
        let twice = "version = 1\n[[scenario]]\nfile = \"a.toml\"\nid = \"a\"\ntitle = \"A\"\n[[scenario]]\nfile = \"b.toml\"\nid = \"a\"\ntitle = \"B\"\n";
        assert!(e(twice).contains("listed twice"), "{}", e(twice));
        assert!(e("version = 9\n").contains("newer"));
        assert!(e(
            "version = 1\n[[scenario]]\nfile = \"a.toml\"\nid = \"a\"\ntitle = \"A\"\ncolour = 1\n"
        )
        .contains("unknown field `colour`"));
        let minimal = parse_index(
            "i",
            "version = 1\n[[scenario]]\nfile = \"a.toml\"\nid = \"a\"\ntitle = \"A\"\n",
        )
        .unwrap();
        assert_eq!(
            (minimal[0].minutes, minimal[0].difficulty),
            (10, Difficulty::Introductory)
        );
    }

    #[test]
    fn an_opened_file_must_check_clean_and_match_its_entry() {
        let (name, text) = crate::builtin::FILES[0];
        let s = crate::scenario::parse(name, text).unwrap();
        let entry = Entry::of(name, &s);
        assert_eq!(open(&entry, text).unwrap().id, s.id);
        let other = Entry {
            id: "someone-else".into(),
            ..entry.clone()
        };
        assert!(open(&other, text).unwrap_err()[0].contains("run `attune index` again"));
        let broken = open(&entry, "title = ").unwrap_err();
        assert!(
            broken[0].starts_with("scenarios/irate-customer.toml:1:"),
            "{broken:?}"
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_placed() {
        let bytes = b"id = \"a\"\ntitle = \"caf\xe9\"\n";
        let msg = not_utf8("a.toml", bytes).unwrap();
        assert!(msg.starts_with("a.toml:2:13: error:"), "{msg}");
        assert!(msg.contains("save the file as UTF-8"));
        assert!(not_utf8("a.toml", b"fine").is_none());
        assert_eq!(utf8_text("a.toml", bytes.to_vec()), Err(msg));
        assert_eq!(utf8_text("a.toml", b"fine".to_vec()).as_deref(), Ok("fine"));
    }

    #[test]
    fn file_names_are_plain() {
        for ok in ["a.toml", "irate-customer.toml", "v2.1_final.toml"] {
            assert!(is_file_name(ok), "{ok}");
        }
        for no in [
            "index.toml",
            ".toml",
            "a/b.toml",
            "..a.toml",
            "a.txt",
            "a b.toml",
            "https:x.toml",
            ".hidden.toml",
        ] {
            assert!(!is_file_name(no), "{no}");
        }
    }
}
