//! Fetching a file of the site (the scenario index, a scenario) as UTF-8 text.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text at `url` (relative to the page), or why it could not be had: the network
/// failed, the site answered with an error, or the bytes are not UTF-8 (placed by line
/// and column, never shown garbled).
pub async fn text(url: &str) -> Result<String, String> {
    let offline = || "the request did not reach the site (are you offline?)".to_string();
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(url))
        .await
        .map_err(|_| offline())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| offline())?;
    if !response.ok() {
        return Err(format!(
            "the site answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response.array_buffer().map_err(|_| offline())?;
    let body = JsFuture::from(body).await.map_err(|_| offline())?;
    let bytes = Uint8Array::new(&body).to_vec();
    crate::catalog::utf8_text(url, bytes)
}

/// Fetches the analyzer's English data and installs it, unless that is done already: the
/// first page load does not carry it, and nothing is scored or checked before it is in.
pub async fn ensure_english() -> Result<(), String> {
    ensure_english_from("").await
}

/// [`ensure_english`] for a page in a folder of the site: `base` leads from the page to
/// the site's top (`../` for the trainer's page).
pub async fn ensure_english_from(base: &str) -> Result<(), String> {
    use crate::analyzer::{en, english_installed, install_english};
    if english_installed() {
        return Ok(());
    }
    let url = format!("{base}{}", en::URL);
    let text = text(&url).await.map_err(|why| {
        format!("{url}: error: the analyzer's word lists could not be fetched: {why}")
    })?;
    install_english(&text).map_err(|e| e.to_string())
}
