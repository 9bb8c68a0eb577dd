//! English, the analyzer's language: its words and phrases are data, in
//! `assets/lexicon/en.toml`, never in rule code.
//!
//! Native programs (the CLI, the tests, the benchmarks) carry the file compiled in. The web
//! app does not: it fetches the file when a conversation is first opened and installs it
//! with [`super::install_english`], so the first page load does not carry it.

/// Where the file is in the repository, and (under `lexicon/`) in the built site.
pub const FILE: &str = "assets/lexicon/en.toml";

/// The file's path in the built site, relative to the page.
pub const URL: &str = "lexicon/en.toml";

/// The file's text, for native programs and tests; the web app fetches [`URL`] instead.
pub const TEXT: &str = include_str!("../../assets/lexicon/en.toml");
