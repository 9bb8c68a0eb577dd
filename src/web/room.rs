//! A workshop on an attendee's device: opening a workshop link asks for a display name,
//! then the library offers only the workshop's scenarios with the room's settings, until
//! the attendee leaves it. The link is read, and the name checked, by
//! [`crate::workshop`]; the workshop and the name are kept on this device only.

use super::storage;
use crate::shelf::Card;
use crate::view::Mode;
use crate::workshop::{self, Workshop};
use std::rc::Rc;
use yew::prelude::*;

/// The workshop this device joined, and the name its attendee gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Joined {
    pub workshop: Workshop,
    pub name: String,
}

impl Joined {
    /// What the room fixes for a conversation: the feedback mode, and whether replies in
    /// one's own words are offered.
    pub fn settings(&self) -> (Mode, bool) {
        (self.workshop.mode, self.workshop.typing)
    }
}

/// The workshop this device joined, if it joined one that still reads.
pub fn load() -> Option<Rc<Joined>> {
    let workshop = Workshop::read(&storage::get(workshop::KEY)?).ok()?;
    let name = workshop::display_name(&storage::get(workshop::NAME_KEY)?).ok()?;
    Some(Rc::new(Joined { workshop, name }))
}

/// Forgets the workshop (the name stays, for the next one).
pub fn leave() {
    storage::remove(workshop::KEY);
}

/// Keeps the workshop (its link's query) and the name entered in the form's
/// `display-name` field: the workshop joined, or why not (a name that cannot be used,
/// storage that is full or switched off).
pub fn join(query: &str) -> Result<Rc<Joined>, String> {
    let workshop = Workshop::read(query).map_err(str::to_string)?;
    let entered = gloo::utils::document()
        .get_element_by_id("display-name")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        .map(|i| i.value())
        .unwrap_or_default();
    let name = workshop::display_name(&entered)?;
    if storage::set(workshop::KEY, query) && storage::set(workshop::NAME_KEY, &name) {
        Ok(Rc::new(Joined { workshop, name }))
    } else {
        Err("This browser\u{2019}s storage is full or switched off, so the workshop cannot be kept on this device. Ask your trainer for help.".into())
    }
}

/// The page a workshop link opens: what the workshop offers (once the site's list of
/// scenarios is in: `loading` until then), and the name the attendee's trainer will see.
pub fn join_page(
    w: &Workshop,
    cards: &[Card],
    loading: bool,
    problem: Option<&str>,
    on_submit: Callback<SubmitEvent>,
) -> Html {
    let (offered, missing) = w.offered(cards);
    html! {
        <main class="page" id="main">
            <h1>{ &w.name }</h1>
            if loading {
                <p class="lede" role="status">{ "Loading the workshop\u{2019}s conversations\u{2026}" }</p>
            } else {
                <p class="lede">{ format!(
                    "A workshop of {} conversation{}{}. Your name and your results stay on this device unless you export them.",
                    offered.len(),
                    if offered.len() == 1 { "" } else { "s" },
                    if missing.is_empty() { "" } else { " (some it names are not on this site: tell your trainer)" },
                ) }</p>
            }
            <form class="join" onsubmit={on_submit} novalidate=true>
                <label for="display-name">{ "Your name, as your trainer will see it" }</label>
                <input id="display-name" type="text" autocomplete="name" maxlength={workshop::MAX_DISPLAY_NAME.to_string()} value={storage::get(workshop::NAME_KEY).unwrap_or_default()} />
                if let Some(p) = problem {
                    <p class="notice error" role="alert">{ p }</p>
                }
                <button type="submit">{ "Join the workshop" }</button>
            </form>
        </main>
    }
}
