//! Conversations under way, kept as they go (see [`crate::saved`]) in the browser's
//! storage, so a reload or a closed tab loses nothing; in the page's memory where storage
//! fails.
//!
//! Each conversation has a key of its own, `attune.conversation.<scenario>.<claim>`, and
//! the tab playing it holds its claim in its session storage (which a reload keeps and a
//! new tab does not share). So two tabs on one scenario keep two conversations, and after
//! a reload each takes up its own; a new tab, or the library's Resume, takes up the one
//! kept last ([`crate::saved::pick`]), moving it under a claim of its own.

use super::storage;
use crate::engine::Session;
use crate::ids::ScenarioId;
use crate::saved::Saved;
use crate::scenario::Scenario;
use std::cell::RefCell;

thread_local! {
    /// (storage key, text) of what could not be kept in storage; a list, as it holds a
    /// few at most.
    static MEMORY: RefCell<Vec<(String, String)>> = RefCell::default();
}

/// Takes the text kept in memory under `key` out of it.
fn take_remembered(key: &str) -> Option<String> {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        let at = m.iter().position(|(k, _)| k == key)?;
        Some(m.swap_remove(at).1)
    })
}

/// The start of the storage keys of a scenario's conversations (an older build kept one,
/// under exactly this key).
fn prefix(scenario_id: &ScenarioId) -> String {
    format!("attune.conversation.{scenario_id}")
}

/// This tab's session storage, where its claims are.
fn tab() -> Option<web_sys::Storage> {
    gloo::utils::window().session_storage().ok().flatten()
}

fn claim_key(scenario_id: &ScenarioId) -> String {
    format!("attune.tab.{scenario_id}")
}

/// The key of the conversation this tab plays for a scenario, if it has one.
fn own(scenario_id: &ScenarioId) -> Option<String> {
    tab()?
        .get_item(&claim_key(scenario_id))
        .ok()
        .flatten()
        .map(|claim| format!("{}.{claim}", prefix(scenario_id)))
}

/// A new claim for this tab on a scenario: the key its conversation is kept under.
fn claim(scenario_id: &ScenarioId) -> String {
    let claim = format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
    if let Some(t) = tab() {
        let _ = t.set_item(&claim_key(scenario_id), &claim);
    }
    format!("{}.{claim}", prefix(scenario_id))
}

/// Every conversation kept for a scenario: its key and text, in storage and in memory.
fn all(scenario_id: &ScenarioId) -> Vec<(String, String)> {
    let prefix = prefix(scenario_id);
    // Its own key, or one with a claim (hex digits) after it; never a key set aside.
    let ours = |k: &str| {
        k.strip_prefix(&prefix).is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .strip_prefix('.')
                    .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_hexdigit()))
        })
    };
    let mut found: Vec<(String, String)> = storage::starting_with(&prefix)
        .into_iter()
        .filter(|(k, _)| ours(k))
        .collect();
    MEMORY.with(|m| {
        for (k, t) in m.borrow().iter() {
            if ours(k) && !found.iter().any(|(f, _)| f == k) {
                found.push((k.clone(), t.clone()));
            }
        }
    });
    found
}

/// The conversation this tab would take up for a scenario: its key and text.
fn chosen(scenario_id: &ScenarioId) -> Option<(String, String)> {
    let mut all = all(scenario_id);
    let when: Vec<(String, Option<u64>)> = all
        .iter()
        .map(|(k, t)| (k.clone(), Saved::parse(t).ok().map(|s| s.saved_at)))
        .collect();
    let key = crate::saved::pick(own(scenario_id).as_deref(), &when)?.to_string();
    let at = all.iter().position(|(k, _)| *k == key)?;
    Some(all.swap_remove(at))
}

/// The conversation kept for `scenario`, taken up where it was; or `Err` with a sentence
/// for the trainee when one was kept but cannot be taken up (it is then moved aside under
/// its own key, never deleted).
pub fn take_up(scenario: &Scenario) -> Result<Option<Session>, String> {
    // Asked to start afresh: a new claim, so nothing kept is touched.
    if let Some(t) = tab() {
        let fresh = fresh_key(&scenario.id);
        if t.get_item(&fresh).ok().flatten().is_some() {
            let _ = t.remove_item(&fresh);
            claim(&scenario.id);
            return Ok(None);
        }
    }
    let Some((key, text)) = chosen(&scenario.id) else {
        return Ok(None);
    };
    let reason = match Saved::parse(&text).and_then(|s| s.restore(scenario)) {
        Ok(session) => {
            // Another tab's (or an older build's): this tab takes it over under a claim
            // of its own.
            if own(&scenario.id).as_deref() != Some(key.as_str()) {
                let mine = claim(&scenario.id);
                if storage::set(&mine, &text) {
                    storage::remove(&key);
                }
                take_remembered(&key);
            }
            return Ok(Some(session));
        }
        Err(reason) => reason,
    };
    // Only what storage holds is kept aside; what memory held is gone with the page.
    let remembered = take_remembered(&key).is_some();
    let afresh = match (!remembered)
        .then(|| storage::set_aside(&key, &text))
        .flatten()
    {
        Some(aside) => format!("It is kept aside in this browser\u{2019}s storage as \u{201c}{aside}\u{201d}; this one starts afresh."),
        None => "This one starts afresh.".to_string(),
    };
    Err(format!(
        "Your unfinished conversation could not be taken up: {reason}. {afresh}"
    ))
}

/// Keeps `session` if it is under way (in storage if `lasting`, else in memory), and
/// forgets this tab's kept one once it is not (ended, or begun again). `false` if a
/// conversation under way was to last but the browser would not store it.
pub fn keep(scenario: &Scenario, session: &Session, lasting: bool) -> bool {
    match Saved::of(scenario, session) {
        Some(mut saved) => {
            let key = own(&scenario.id).unwrap_or_else(|| claim(&scenario.id));
            saved.saved_at = js_sys::Date::now() as u64;
            let text = saved.to_text();
            let stored = lasting && storage::set(&key, &text);
            take_remembered(&key);
            if !stored {
                MEMORY.with(|m| m.borrow_mut().push((key, text)));
            }
            stored || !lasting
        }
        None => {
            if let Some(key) = own(&scenario.id) {
                take_remembered(&key);
                storage::remove(&key);
            }
            true
        }
    }
}

fn fresh_key(scenario_id: &ScenarioId) -> String {
    format!("attune.fresh.{scenario_id}")
}

/// Forgets the conversation the library offers to resume for a scenario, and has this
/// tab's next conversation on it start afresh (the trainee chose to), even if another
/// tab keeps one too.
pub fn start_afresh(scenario_id: &ScenarioId) {
    if let Some((key, _)) = chosen(scenario_id) {
        take_remembered(&key);
        storage::remove(&key);
    }
    if let Some(t) = tab() {
        let _ = t.set_item(&fresh_key(scenario_id), "1");
    }
}

/// Forgets every conversation kept for a scenario (it was removed from the device).
pub fn forget_all(scenario_id: &ScenarioId) {
    for (key, _) in all(scenario_id) {
        take_remembered(&key);
        storage::remove(&key);
    }
}

/// How many replies into the conversation the library offers to resume, if one is kept.
pub fn replies(scenario_id: &ScenarioId) -> Option<usize> {
    let (_, text) = chosen(scenario_id)?;
    Saved::parse(&text).ok().map(|s| s.replies)
}
