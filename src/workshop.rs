//! A workshop: what a trainer sets up for a room (a name, the scenarios, the feedback mode
//! fixed for everyone, whether attendees may type their own replies, an optional pass
//! mark), carried whole in a link the trainer hands out or projects as a QR code. No
//! server holds it: the link is the workshop.
//!
//! The link's hash is `#/workshop?` and a query a person can read:
//! `v=1&name=Room%203&scenarios=irate-customer,yes-and&mode=coach&typing=yes&pass=70&check=…`.
//! `check` is a checksum of everything before it, so a link cut short or edited by hand
//! is refused with a reason rather than opening a different room. It is not a secret: it
//! guards against accidents, not against someone who sets out to write their own link,
//! who could only change what their own device shows.

use crate::ids::ScenarioId;
use crate::view::Mode;

/// The version of the link's format this Attune writes and reads.
pub const VERSION: u32 = 1;
/// The hash that leads to a workshop, before its query.
pub const HASH: &str = "#/workshop?";
/// The longest name a workshop may have, in characters.
pub const MAX_NAME: usize = 80;
/// The most scenarios a workshop may offer.
pub const MAX_SCENARIOS: usize = 40;
/// What the form says of a pass mark it cannot use (over 100, or not a whole number).
pub const PASS_MARK_PROBLEM: &str =
    "A pass mark is a whole number between 0 and 100, or left empty.";
/// The longest query read; anything longer is refused before it is looked at.
const MAX_QUERY: usize = 4_000;

/// A workshop, as the trainer set it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workshop {
    pub name: String,
    /// Scenario ids, in the order the trainer chose them.
    pub scenarios: Vec<ScenarioId>,
    /// The feedback mode, the same for everyone in the room.
    pub mode: Mode,
    /// Whether attendees may type replies in their own words.
    pub typing: bool,
    /// The score (0 to 100, the mean of presence and listening) that passes, if any.
    pub pass_mark: Option<u8>,
}

impl Workshop {
    /// What stops this workshop being handed out, if anything: each a sentence for the
    /// trainer's form.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            out.push("Give the workshop a name; attendees see it when they join.".into());
        } else if name.chars().count() > MAX_NAME {
            out.push(format!(
                "The name is {} characters; keep it to {MAX_NAME}.",
                name.chars().count()
            ));
        }
        if self.scenarios.is_empty() {
            out.push("Choose at least one scenario.".into());
        } else if self.scenarios.len() > MAX_SCENARIOS {
            out.push(format!("Choose at most {MAX_SCENARIOS} scenarios."));
        }
        if self.pass_mark.is_some_and(|m| m > 100) {
            out.push(PASS_MARK_PROBLEM.into());
        }
        out
    }

    /// The fields of the link, in order, without the check.
    fn fields(&self) -> String {
        let mut q = format!(
            "v={VERSION}&name={}&scenarios={}&mode={}&typing={}",
            escape(self.name.trim()),
            self.scenarios
                .iter()
                .map(|s| escape(s.as_str()))
                .collect::<Vec<_>>()
                .join(","),
            mode_word(self.mode),
            if self.typing { "yes" } else { "no" },
        );
        if let Some(m) = self.pass_mark {
            q.push_str(&format!("&pass={m}"));
        }
        q
    }

    /// The workshop's id: its check, the same for every copy of the same link. Results
    /// handed in will carry it, so a trainer can tell which room they are from.
    pub fn id(&self) -> String {
        format!("{:08x}", checksum(&self.fields()))
    }

    /// The query that carries it (after `#/workshop?`).
    pub fn query(&self) -> String {
        format!("{}&check={}", self.fields(), self.id())
    }

    /// The link to hand out: the site's page (any hash it has is dropped) and the query.
    pub fn link(&self, page: &str) -> String {
        let page = page.split('#').next().unwrap_or(page);
        format!("{page}{HASH}{}", self.query())
    }

    /// Reads a workshop from its query (what follows `#/workshop?`), or says in a
    /// sentence why it cannot be used. Never panics, whatever the text. (Kept lean: the
    /// trainee's app carries it.)
    pub fn read(query: &str) -> Result<Workshop, &'static str> {
        const DAMAGED: &str =
            "the link is incomplete or has been changed (copy it again from the trainer)";
        if query.len() > MAX_QUERY {
            return Err(DAMAGED);
        }
        // The check is the last field, of everything before it.
        let (fields, check) = query
            .rfind('&')
            .map(|at| (&query[..at], &query[at + 1..]))
            .ok_or(DAMAGED)?;
        let mut found: [Option<String>; 6] = Default::default();
        for pair in fields.split('&') {
            let (key, value) = pair.split_once('=').ok_or(DAMAGED)?;
            let at = ["v", "name", "scenarios", "mode", "typing", "pass"]
                .iter()
                .position(|k| *k == key)
                .ok_or(DAMAGED)?;
            if found[at].replace(unescape(value).ok_or(DAMAGED)?).is_some() {
                return Err(DAMAGED);
            }
        }
        let [version, name, scenarios, mode, typing, pass_mark] = found;
        // The version first: a newer format may not match the check as this one reckons it.
        match version.as_deref().and_then(number) {
            Some(VERSION) => {}
            Some(v) if v > VERSION => {
                return Err("the link was made by a newer version of Attune than this site has")
            }
            _ => return Err(DAMAGED),
        }
        if check.strip_prefix("check=").and_then(hex) != Some(checksum(fields)) {
            return Err(DAMAGED);
        }
        let name = name.ok_or(DAMAGED)?;
        let scenarios: Vec<ScenarioId> = scenarios
            .ok_or(DAMAGED)?
            .split(',')
            .map(ScenarioId::from)
            .collect();
        let pass_mark = match pass_mark {
            None => None,
            Some(p) => Some(number(&p).filter(|p| *p <= 100).ok_or(DAMAGED)? as u8),
        };
        // What the trainer's form would not have made (see `problems`).
        if name.trim().is_empty()
            || name.chars().count() > MAX_NAME
            || name.chars().any(char::is_control)
            || scenarios.len() > MAX_SCENARIOS
            || !scenarios
                .iter()
                .all(|s| crate::condition::is_name(s.as_str()))
        {
            return Err(DAMAGED);
        }
        Ok(Workshop {
            name,
            scenarios,
            mode: match mode.as_deref() {
                Some("coach") => Mode::Coach,
                Some("assessment") => Mode::Assessment,
                _ => return Err(DAMAGED),
            },
            typing: match typing.as_deref() {
                Some("yes") => true,
                Some("no") => false,
                _ => return Err(DAMAGED),
            },
            pass_mark,
        })
    }

    /// Reads a workshop from a page's hash, if the hash leads to one (`None` if not).
    pub fn from_hash(hash: &str) -> Option<Result<Workshop, &'static str>> {
        hash.strip_prefix(HASH).map(Workshop::read)
    }
}

/// A QR code, drawn as one SVG path: `size` modules a side, the quiet zone of four
/// modules included, each dark module a unit square in `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qr {
    pub size: usize,
    pub path: String,
}

impl Qr {
    /// The code as a file of its own (for slides or print): black on white, crisp edges,
    /// `pixels` wide.
    pub fn svg(&self, pixels: usize) -> String {
        let s = self.size;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {s} {s}\" width=\"{pixels}\" height=\"{pixels}\" shape-rendering=\"crispEdges\"><rect width=\"{s}\" height=\"{s}\" fill=\"#fff\"/><path d=\"{}\" fill=\"#000\"/></svg>\n",
            self.path
        )
    }
}

/// The quiet zone around a QR code, in modules (the standard's minimum).
const QUIET: usize = 4;

/// A QR code of `text` (medium error correction, so a projected code a little out of
/// focus or half-lit still scans), or why not: a text too long for any QR code. Encoded
/// by Project Nayuki's `qrcodegen`: it adds 5.8 KB (gzip) to the trainer's page, where
/// the `qrcode` crate added 13.3 KB (measured 2026-11-24).
pub fn qr(text: &str) -> Result<Qr, String> {
    let code = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium)
        .map_err(|_| "the link is too long for a QR code".to_string())?;
    let width = code.size() as usize;
    let dark: Vec<bool> = (0..width * width)
        .map(|i| code.get_module((i % width) as i32, (i / width) as i32))
        .collect();
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if !dark[y * width + x] {
                x += 1;
                continue;
            }
            // A run of dark modules on one row is one rectangle.
            let start = x;
            while x < width && dark[y * width + x] {
                x += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start + QUIET,
                y + QUIET,
                x - start,
                x - start
            ));
        }
    }
    Ok(Qr {
        size: width + 2 * QUIET,
        path,
    })
}

/// Where the device keeps the workshop it joined (its query) and the attendee's name.
pub const KEY: &str = "attune.workshop";
pub const NAME_KEY: &str = "attune.name";
/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 40;

/// The name an attendee enters, tidied (spaces trimmed and runs of them made one), or
/// why it cannot be used.
pub fn display_name(entered: &str) -> Result<String, String> {
    let name = entered.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err("Enter the name your trainer will see on your results.".into())
    } else if name.chars().count() > MAX_DISPLAY_NAME {
        Err(format!("Keep the name to {MAX_DISPLAY_NAME} characters."))
    } else if name.chars().any(char::is_control) {
        Err("The name has a character that cannot be shown.".into())
    } else {
        Ok(name)
    }
}

impl Workshop {
    /// The library's cards a workshop offers, in the workshop's order, and the ids it
    /// names that this site does not have (a link made for another site, or a scenario
    /// taken off this one). A trainer's own scenarios kept on this device are not offered:
    /// the room plays what the trainer chose.
    pub fn offered(
        &self,
        cards: &[crate::shelf::Card],
    ) -> (Vec<crate::shelf::Card>, Vec<ScenarioId>) {
        let mut offered = Vec::new();
        let mut missing = Vec::new();
        for id in &self.scenarios {
            match cards.iter().find(|c| c.id == *id && !c.own) {
                Some(c) => offered.push(c.clone()),
                None => missing.push(id.clone()),
            }
        }
        (offered, missing)
    }
}

/// The word a mode is written as, in links and files.
pub fn mode_word(mode: Mode) -> &'static str {
    match mode {
        Mode::Coach => "coach",
        Mode::Assessment => "assessment",
    }
}

/// FNV-1a, 32 bits: a short checksum, the same on every platform.
fn checksum(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A number of one to nine decimal digits (no sign, no spaces).
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 {
        return None;
    }
    text.chars()
        .try_fold(0, |n, c| Some(n * 10 + c.to_digit(10)?))
}

/// Eight hexadecimal digits, as a number.
fn hex(text: &str) -> Option<u32> {
    if text.len() != 8 {
        return None;
    }
    text.chars()
        .try_fold(0, |n, c| Some(n << 4 | c.to_digit(16)?))
}

/// Percent-encodes all but the unreserved characters of RFC 3986.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes; `None` for a broken escape or text that is not UTF-8.
fn unescape(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let digit = |at: usize| char::from(*bytes.get(at)?).to_digit(16);
                out.push((digit(i + 1)? << 4 | digit(i + 2)?) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room() -> Workshop {
        Workshop {
            name: "Front desk, Tuesday & Wednesday — 10:00".into(),
            scenarios: vec!["irate-customer".into(), "yes-and".into()],
            mode: Mode::Assessment,
            typing: false,
            pass_mark: Some(70),
        }
    }

    #[test]
    fn a_link_reads_back_as_the_same_workshop_and_is_readable() {
        let w = room();
        let link = w.link("https://example.org/attune/index.html#/progress");
        assert!(
            link.starts_with("https://example.org/attune/index.html#/workshop?v=1&name=Front%20desk%2C%20Tuesday%20%26%20Wednesday%20%E2%80%94%2010%3A00&scenarios=irate-customer,yes-and&mode=assessment&typing=no&pass=70&check="),
            "{link}"
        );
        let hash = &link[link.find('#').unwrap()..];
        assert_eq!(Workshop::from_hash(hash), Some(Ok(w.clone())));
        assert_eq!(Workshop::from_hash("#/progress"), None);
        // Without a pass mark, none is read back.
        let w = Workshop {
            pass_mark: None,
            typing: true,
            mode: Mode::Coach,
            ..room()
        };
        assert_eq!(Workshop::read(&w.query()), Ok(w.clone()));
        assert_ne!(w.id(), room().id(), "another room, another id");
    }

    #[test]
    fn a_link_cut_short_changed_or_from_a_newer_attune_is_refused_with_a_reason() {
        let q = room().query();
        let damaged = |q: &str| {
            let e = Workshop::read(q).unwrap_err();
            assert!(e.contains("incomplete or has been changed"), "{q}: {e}");
        };
        damaged(&q[..q.len() - 3]);
        damaged(&q[..q.find("&check").unwrap()]);
        damaged(&q.replace("pass=70", "pass=10"));
        damaged(&q.replace("assessment", "coach"));
        damaged(&q.replace("irate-customer,", ""));
        damaged(&q.replace("name=", "name=%E2%8"));
        damaged(&format!("{q}&extra=1"));
        damaged(&q.replacen("v=1&", "v=1&v=1&", 1));
        damaged("");
        damaged("check=");
        let e = Workshop::read(&q.replace("v=1", "v=2")).unwrap_err();
        assert!(e.contains("newer version of Attune"), "{e}");
        damaged(&format!("{}&check=0", "a=1&".repeat(2_000)));
        // A well-formed link to a room the form would not have made is refused too.
        for odd in [
            Workshop {
                scenarios: vec![],
                ..room()
            },
            Workshop {
                name: " ".into(),
                ..room()
            },
            Workshop {
                pass_mark: Some(101),
                ..room()
            },
            Workshop {
                scenarios: vec!["<b>".into()],
                ..room()
            },
        ] {
            damaged(&odd.query());
        }
    }

    #[test]
    fn the_form_says_what_is_missing() {
        let w = Workshop {
            name: "  ".into(),
            scenarios: vec![],
            pass_mark: Some(101),
            ..room()
        };
        let p = w.problems();
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(room().problems().is_empty());
        let long = Workshop {
            name: "x".repeat(MAX_NAME + 1),
            ..room()
        };
        assert!(long.problems()[0].contains("81 characters"));
    }

    #[test]
    fn a_qr_code_draws_every_dark_module_once_inside_a_quiet_zone() {
        let link = room().link("https://example.org/attune/");
        let q = qr(&link).unwrap();
        let code = qrcodegen::QrCode::encode_text(&link, qrcodegen::QrCodeEcc::Medium).unwrap();
        let width = code.size() as usize;
        assert_eq!(q.size, width + 8);
        // The path's rectangles cover exactly the dark modules.
        let mut drawn = vec![false; width * width];
        for rect in q.path.split('M').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = rect
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, w) = (nums[0] - 4, nums[1] - 4, nums[2]);
            for cell in &mut drawn[y * width + x..y * width + x + w] {
                assert!(!*cell, "a module drawn twice");
                *cell = true;
            }
        }
        let dark: Vec<bool> = (0..width * width)
            .map(|i| code.get_module((i % width) as i32, (i / width) as i32))
            .collect();
        assert_eq!(drawn, dark);
        assert!(qr(&"x".repeat(5_000)).is_err());
    }

    #[test]
    fn the_documented_example_link_reads() {
        let doc = include_str!("../docs/workshops.md");
        let link = doc
            .lines()
            .find(|l| l.starts_with("https://example.org/attune/#/workshop?"))
            .expect("docs/workshops.md shows an example link");
        let w = Workshop::from_hash(&link[link.find('#').unwrap()..])
            .unwrap()
            .unwrap();
        assert_eq!(w.name, "Front desk");
        assert_eq!(w.scenarios, ["irate-customer", "yes-and"]);
        assert_eq!(
            (w.mode, w.typing, w.pass_mark),
            (Mode::Assessment, false, Some(70))
        );
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for q in [
            "%",
            "%%%%",
            "name=%ZZ&check=0",
            "v=1&check=&&&",
            "=&=&check==",
            "v=99999999999999999999&check=1",
        ] {
            let _ = Workshop::read(q);
        }
    }
}
