//! A SCORM 1.2 package of the built site, for learning management systems: the manifest,
//! the site's page with the SCORM script before the app's, the script with the room's
//! settings, and the scenario index cut to the chosen scenarios. The CLI
//! (`attune package scorm`) writes them into a zip with the rest of the site.

use crate::catalog;
use crate::ids::ScenarioId;

/// The script that connects the app to the LMS (see its own comments).
pub const SCRIPT: &str = include_str!("scorm.js");
/// Its name in the package.
pub const SCRIPT_FILE: &str = "scorm.js";

/// What a package is set up for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The course's title in the LMS.
    pub title: String,
    /// The scenario ids to offer (all the site's, if empty).
    pub scenarios: Vec<ScenarioId>,
    /// `coach` or `assessment`, fixed for the course; the trainee's own choice if `None`.
    pub mode: Option<String>,
    /// The score (0 to 100, the mean of presence and listening) that passes; without one
    /// an attempt is `completed`.
    pub pass_mark: Option<u8>,
}

/// Text for an XML attribute or element.
fn xml(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `imsmanifest.xml`: SCORM 1.2 (IMS content packaging 1.1.2 and ADL's 1.2 extensions),
/// one SCO launched at `index.html`, listing every file; no byte-order mark.
pub fn manifest(options: &Options, files: &[String]) -> String {
    let mastery = options.pass_mark.map_or_else(String::new, |m| {
        format!("\n        <adlcp:masteryscore>{m}</adlcp:masteryscore>")
    });
    let listed: String = files
        .iter()
        .map(|f| format!("\n      <file href=\"{}\"/>", xml(f)))
        .collect();
    let title = xml(&options.title);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="attune" version="1.2"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="attune-course">
    <organization identifier="attune-course">
      <title>{title}</title>
      <item identifier="attune-item" identifierref="attune-site" isvisible="true">
        <title>{title}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="attune-site" type="webcontent" adlcp:scormtype="sco" href="index.html">{listed}
    </resource>
  </resources>
</manifest>
"#
    )
}

/// The script with the package's settings in it.
pub fn script(options: &Options) -> String {
    let mode = options
        .mode
        .as_deref()
        .map_or("null".to_string(), |m| format!("'{m}'"));
    let mark = options
        .pass_mark
        .map_or("null".to_string(), |m| m.to_string());
    let title = options
        .title
        .chars()
        .filter(|c| c.is_alphanumeric() || " -,.:".contains(*c))
        .collect::<String>();
    SCRIPT.replace(
        "/*CONFIG*/ { passMark: null, mode: null, title: 'Attune' }",
        &format!("{{ passMark: {mark}, mode: {mode}, title: '{title}' }}"),
    )
}

/// The site's page with the SCORM script loaded first (a file of the site, which its
/// Content-Security-Policy already allows).
pub fn page(index_html: &str) -> Result<String, String> {
    let tag = format!("<script src=\"{SCRIPT_FILE}\"></script>");
    // Before the first script or module preload, so it runs before the app starts.
    let at = [
        "<script",
        "<link rel=modulepreload",
        "<link rel=\"modulepreload\"",
    ]
    .iter()
    .filter_map(|m| index_html.find(m))
    .min()
    .ok_or(
        "index.html: error: no <script> found: is this a site built by `trunk build --release`?",
    )?;
    Ok(format!("{}{tag}{}", &index_html[..at], &index_html[at..]))
}

/// The index cut to the chosen scenarios (in the index's order), or why not: an id the
/// site does not have.
pub fn index(index_text: &str, chosen: &[ScenarioId]) -> Result<(String, Vec<String>), String> {
    let entries =
        catalog::parse_index("scenarios/index.toml", index_text).map_err(|e| e.to_string())?;
    if let Some(missing) = chosen.iter().find(|c| !entries.iter().any(|e| e.id == **c)) {
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        return Err(format!(
            "error: the site has no scenario `{missing}`{} (it has {})",
            crate::tomlread::did_you_mean(missing.as_str(), &ids),
            ids.join(", ")
        ));
    }
    let kept: Vec<catalog::Entry> = entries
        .into_iter()
        .filter(|e| chosen.is_empty() || chosen.contains(&e.id))
        .collect();
    let files = kept.iter().map(|e| e.file.clone()).collect();
    Ok((catalog::write_index(&kept), files))
}
