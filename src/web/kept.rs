//! Conversations under way, kept as they go (see [`crate::saved`]): in the browser's
//! storage for a hosted scenario, so a reload or a closed tab loses nothing; in the
//! page's memory for a trainer's own file (gone with the page) or where storage fails.

use super::storage;
use crate::engine::Session;
use crate::saved::Saved;
use crate::scenario::Scenario;
use std::cell::RefCell;

thread_local! {
    /// (storage key, text) of what is not (or could not be) kept in storage; a list, as
    /// it holds a few at most.
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

/// The storage key of the conversation kept for a scenario.
fn key(scenario_id: &str) -> String {
    format!("attune.conversation.{scenario_id}")
}

/// The conversation kept for `scenario`, taken up where it was; or `Err` with a sentence
/// for the trainee when one was kept but cannot be taken up (it is then moved aside under
/// its own key, never deleted).
pub fn take_up(scenario: &Scenario) -> Result<Option<Session>, String> {
    let key = key(&scenario.id);
    let remembered = take_remembered(&key);
    let stored = storage::get(&key);
    let Some(text) = stored.clone().or(remembered) else {
        return Ok(None);
    };
    let reason = match Saved::parse(&text).and_then(|s| s.restore(scenario)) {
        Ok(session) => return Ok(Some(session)),
        Err(reason) => reason,
    };
    // Only what storage holds is kept aside; what memory held is gone with the page.
    let afresh = match stored.and_then(|_| storage::set_aside(&key, &text)) {
        Some(aside) => format!("It is kept aside in this browser\u{2019}s storage as \u{201c}{aside}\u{201d}; this one starts afresh."),
        None => "This one starts afresh.".to_string(),
    };
    Err(format!(
        "Your unfinished conversation could not be taken up: {reason}. {afresh}"
    ))
}

/// Keeps `session` if it is under way (in storage if `lasting`, else in memory), and
/// forgets the kept one once it is not (ended, or begun again). `false` if a conversation
/// under way was to last but the browser would not store it.
pub fn keep(scenario: &Scenario, session: &Session, lasting: bool) -> bool {
    let key = key(&scenario.id);
    match Saved::of(scenario, session) {
        Some(saved) => {
            let text = saved.to_text();
            let stored = lasting && storage::set(&key, &text);
            take_remembered(&key);
            if !stored {
                MEMORY.with(|m| m.borrow_mut().push((key, text)));
            }
            stored || !lasting
        }
        None => {
            forget(&scenario.id);
            true
        }
    }
}

/// Forgets the conversation kept for a scenario (it ended, or the trainee chose to start
/// afresh).
pub fn forget(scenario_id: &str) {
    let key = key(scenario_id);
    take_remembered(&key);
    storage::remove(&key);
}

/// How many replies into the conversation kept for a scenario, if one is kept.
pub fn replies(scenario_id: &str) -> Option<usize> {
    let key = key(scenario_id);
    let text = storage::get(&key).or_else(|| {
        MEMORY.with(|m| {
            let m = m.borrow();
            m.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone())
        })
    })?;
    Saved::parse(&text).ok().map(|s| s.replies)
}
