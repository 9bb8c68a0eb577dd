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
#[inline(never)]
pub fn load() -> Option<Rc<Joined>> {
    joined(&storage::get(workshop::KEY)?).map(Rc::new)
}

/// The workshop of a kept link's query, with the name kept beside it.
fn joined(query: &str) -> Option<Joined> {
    let workshop = Workshop::read(query).ok()?;
    let name = workshop::display_name(&storage::get(workshop::NAME_KEY)?).ok()?;
    Some(Joined { workshop, name })
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
    let name = workshop::display_name(&entered().unwrap_or_default())?;
    if storage::set(workshop::KEY, query) && storage::set(workshop::NAME_KEY, &name) {
        Ok(Rc::new(Joined { workshop, name }))
    } else {
        Err("This browser\u{2019}s storage is full or switched off, so the workshop cannot be kept on this device. Ask your trainer for help.".into())
    }
}

/// What is in the join form's `display-name` field, if it is on the page: drawn again
/// (the list of scenarios coming in), the field keeps what the attendee typed.
fn entered() -> Option<String> {
    gloo::utils::document()
        .get_element_by_id("display-name")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        .map(|i| i.value())
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
                    "A workshop of {} conversation{}{}. Your name and your results stay on this device until you hand them in.",
                    offered.len(),
                    if offered.len() == 1 { "" } else { "s" },
                    if missing.is_empty() { "" } else { " (some it names are not on this site: tell your trainer)" },
                ) }</p>
            }
            <form class="join" onsubmit={on_submit} novalidate=true>
                <label for="display-name">{ "Your name, as your trainer will see it" }</label>
                <input id="display-name" type="text" autocomplete="name" maxlength={workshop::MAX_DISPLAY_NAME.to_string()} value={entered().or_else(|| storage::get(workshop::NAME_KEY)).unwrap_or_default()} />
                if let Some(p) = problem {
                    <p class="notice error" role="alert">{ p }</p>
                }
                <button type="submit">{ "Join the workshop" }</button>
            </form>
        </main>
    }
}

/// Where the results of the workshop of a kept link's query are kept.
fn results_key(query: &str) -> String {
    // The query was checked when joined: its check, the workshop's id, ends it.
    let id = &query[query.rfind('=').map_or(0, |at| at + 1)..];
    format!("{}{id}", crate::results::KEY)
}

/// Keeps a finished conversation's results for handing in, if this device is in a
/// workshop; `false` when they could not be kept (storage full or switched off).
pub fn keep_result(scenario: &crate::scenario::Scenario, session: &crate::engine::Session) -> bool {
    let (Some(query), Some(block)) = (
        storage::get(workshop::KEY),
        crate::results::attempt(scenario, session, js_sys::Date::now() as u64),
    ) else {
        return true;
    };
    let key = results_key(&query);
    storage::set(&key, &(storage::get(&key).unwrap_or_default() + &block))
}

/// What the hand-in says when this device no longer holds the workshop (left in another
/// tab, or storage cleared or switched off).
const GONE: &str = "This device has left the workshop (in another tab?), so there is nothing to hand in. Open the workshop link again.";

/// A button that hands in this workshop's results, and `said`, what came of it: the file
/// goes to the device's share sheet where there is one, and is downloaded where not. (A
/// function, not a component, and the caller holds `said`: a component of its own costs
/// the first load more.)
pub fn hand_in(said: &UseStateHandle<String>) -> Html {
    let onclick = {
        let said = said.clone();
        Callback::from(move |_| {
            // The kept link is read once, so the name, the workshop and its results all
            // belong to the same workshop even if another tab joins or leaves one meanwhile.
            let Some((j, query)) = storage::get(workshop::KEY).and_then(|q| Some((joined(&q)?, q)))
            else {
                said.set(GONE.into());
                return;
            };
            let key = results_key(&query);
            let kept = storage::get(&key).unwrap_or_default();
            let n = kept.lines().filter(|l| *l == "[[attempt]]").count();
            said.set(if n == 0 {
                "Nothing to hand in yet: finish a conversation first.".into()
            } else {
                let text = crate::results::file(&j.name, &query, &j.workshop.name, &kept, js_sys::Date::now() as u64);
                // The browser makes the name safe for a file.
                match super::files::share(&format!("attune-results-{}.toml", j.name), &text) {
                    Ok(()) => format!("Your results ({n} conversation{}) are ready as a file: send it to your trainer.", if n == 1 { "" } else { "s" }),
                    Err(e) => format!("The results could not be handed in: {e}."),
                }
            });
        })
    };
    html! {
        <>
            <button class="button" {onclick}>{ "Hand in your results" }</button>
            <p role="status" class="handin-said">{ &**said }</p>
        </>
    }
}
