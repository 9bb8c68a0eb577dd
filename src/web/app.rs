//! The whole app: the library, a conversation, progress and about, routed by the hash.

use super::dispatch::dispatching;
use super::library::Library;
use super::play::Play;
use super::route::{current_hash, Route};
use super::{fetch, kept, progress, room, storage};
use crate::catalog;
use crate::shelf::{Lookup, Shelf, ShelfAction};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// The shelf of scenarios, kept in a reducer: the core decides, this only holds it.
#[derive(Default)]
struct ShelfState(Shelf);

impl Reducible for ShelfState {
    type Action = ShelfAction;

    fn reduce(self: Rc<Self>, action: ShelfAction) -> Rc<Self> {
        Rc::new(ShelfState(self.0.reduce(action)))
    }
}

/// Fetches the site's scenario index and hands it to the shelf.
fn fetch_index(shelf: UseReducerDispatcher<ShelfState>) {
    wasm_bindgen_futures::spawn_local(async move {
        let url = catalog::index_path();
        shelf.dispatch(ShelfAction::Listed(fetch::text(&url).await));
    });
}

/// Fetches ahead, one after another, the files of scenarios not opened yet, so they open
/// even if the network goes (a workshop's Wi-Fi); a file that fails is simply fetched
/// again when it is opened.
fn prefetch(shelf: UseReducerDispatcher<ShelfState>, entries: Vec<catalog::Entry>) {
    wasm_bindgen_futures::spawn_local(async move {
        for entry in entries {
            if let Ok(text) = fetch::text(&entry.url()).await {
                shelf.dispatch(ShelfAction::Prefetched(entry.id, text));
            }
        }
    });
}

/// Fetches a scenario's file, and the analyzer's data if it is not in yet, and hands
/// them to the shelf.
fn fetch_scenario(shelf: UseReducerDispatcher<ShelfState>, entry: catalog::Entry) {
    shelf.dispatch(ShelfAction::Fetching(entry.id.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        match fetch::ensure_english().await {
            Ok(()) => {
                let text = fetch::text(&entry.url()).await;
                shelf.dispatch(ShelfAction::Fetched(entry.id, text));
            }
            Err(problem) => shelf.dispatch(ShelfAction::Unplayable(entry.id, problem)),
        }
    });
}

/// Reads the scenarios a trainer keeps on this device and hands them to the shelf, once
/// the analyzer's data is in (checking them scores their replies); with none kept,
/// nothing is fetched.
fn read_kept(shelf: UseReducerDispatcher<ShelfState>) {
    let kept = storage::starting_with(crate::authoring::KEEP_PREFIX);
    wasm_bindgen_futures::spawn_local(async move {
        if !kept.is_empty() {
            if let Err(problem) = fetch::ensure_english().await {
                let keys = kept.into_iter().map(|(k, _)| k).collect();
                shelf.dispatch(ShelfAction::KeptUnchecked(keys, problem));
                return;
            }
        }
        shelf.dispatch(ShelfAction::Kept(kept));
    });
}

/// The whole app: routes between the library and a conversation.
#[component]
pub fn App() -> Html {
    let shelf = use_reducer(ShelfState::default);
    let shelf_state_loading = shelf.0.loading();
    {
        // The library is drawn from the index; a scenario's file is fetched when opened.
        let shelf = shelf.dispatcher();
        use_effect_with((), move |_| fetch_index(shelf));
    }
    {
        // A trainer's kept scenarios, once the site's own are listed (so an id taken by
        // both is found), and again whenever another tab (the trainer's page) changes them.
        let shelf = shelf.dispatcher();
        use_effect_with(shelf_state_loading, move |&loading| {
            let listener = (!loading).then(|| {
                read_kept(shelf.clone());
                EventListener::new(&gloo::utils::window(), "storage", move |e| {
                    let key = wasm_bindgen::JsCast::dyn_ref::<web_sys::StorageEvent>(e)
                        .and_then(web_sys::StorageEvent::key);
                    // A key of null is a clear of the whole storage.
                    if key.is_none_or(|k| k.starts_with(crate::authoring::KEEP_PREFIX)) {
                        read_kept(shelf.clone());
                    }
                })
            });
            move || drop(listener)
        });
    }
    let route = use_state(|| Route::from_hash(&current_hash()));
    let lookup = match &*route {
        Route::Play(id) => Some(shelf.0.lookup(id)),
        _ => None,
    };
    {
        // Opening a scenario whose file has not been fetched fetches it, or takes the text
        // fetched ahead.
        let dispatcher = shelf.dispatcher();
        let wanted = match &lookup {
            Some(Lookup::Fetch(entry)) => Some((entry.clone(), shelf.0.prefetched(&entry.id))),
            _ => None,
        };
        use_effect_with(wanted, move |wanted| match wanted.clone() {
            Some((entry, Some(text))) => {
                dispatcher.dispatch(ShelfAction::Fetched(entry.id, Ok(text.to_string())))
            }
            Some((entry, None)) => fetch_scenario(dispatcher, entry),
            None => {}
        });
    }
    {
        // Once a conversation has opened, fetch the others ahead, once.
        let ahead = shelf.0.to_prefetch();
        let started = use_mut_ref(|| false);
        let dispatcher = shelf.dispatcher();
        use_effect_with(ahead.is_empty(), move |&none| {
            if !none && !*started.borrow() {
                *started.borrow_mut() = true;
                prefetch(dispatcher, ahead);
            }
        });
    }
    let progress = use_reducer(progress::load);
    {
        // Save whenever the history changes; a failure is shown, not swallowed.
        let handle = progress.clone();
        use_effect_with(
            progress.history.clone(),
            move |history| match progress::save(history) {
                // Another tab saved attempts this one had not heard of: take them in.
                Ok(saved) if saved != *history => {
                    handle.dispatch(progress::ProgressAction::Stored(saved));
                }
                Ok(_) => {}
                Err(e) => {
                    if !history.attempts.is_empty() {
                        handle.dispatch(progress::ProgressAction::Problem(format!(
                            "Your progress could not be saved: {e}."
                        )));
                    }
                }
            },
        );
    }
    {
        // Other tabs share the storage: follow what they save (the event fires only there).
        let progress = progress.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |_| {
                progress::reread(&progress);
            });
            move || drop(listener)
        });
    }
    let on_finish = dispatching(&progress.dispatcher(), progress::ProgressAction::Record);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                route.set(Route::from_hash(&current_hash()));
            });
            move || drop(listener)
        });
    }
    // Whether a conversation is under way in the view: leaving it through the menu asks first.
    let under_way = use_mut_ref(|| false);
    let on_under_way = {
        let under_way = under_way.clone();
        Callback::from(move |on: bool| *under_way.borrow_mut() = on)
    };
    let leave = {
        let under_way = under_way.clone();
        Callback::from(move |e: MouseEvent| {
            let stay = *under_way.borrow()
                && !gloo::utils::window()
                    .confirm_with_message("Leave this conversation? It is kept on this device, and the library offers to resume it.")
                    .unwrap_or(true);
            if stay {
                e.prevent_default();
            }
        })
    };
    let on_remove = {
        let shelf = shelf.dispatcher();
        Callback::from(move |id: crate::ids::ScenarioId| {
            let sure = gloo::utils::window()
                .confirm_with_message(
                    "Remove this scenario from this device? Your scores on it stay in Progress.",
                )
                .unwrap_or(false);
            if sure {
                storage::remove(&crate::authoring::keep_key(&id));
                kept::forget_all(&id);
                read_kept(shelf.clone());
            }
        })
    };
    // The workshop this device joined: the library offers only its scenarios, with its
    // settings, until the attendee leaves it.
    let joined = use_state(room::load);
    let join_problem = use_state(|| None::<String>);
    // A workshop link: the workshop to join, or why the link cannot be used.
    let (to_join, notice) = match &*route {
        Route::Workshop(query) => match crate::workshop::Workshop::read(query) {
            Ok(w) => (Some((w, query.clone())), None),
            Err(why) => (
                None,
                Some(format!(
                    "This workshop link cannot be used: {why}. Here is the usual library."
                )),
            ),
        },
        _ => (None, None),
    };
    let body = match (&*route, lookup, to_join) {
        (_, _, Some((w, query))) => {
            let on_submit = {
                let (joined, join_problem) = (joined.clone(), join_problem.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match room::join(&query) {
                        Ok(j) => {
                            joined.set(Some(j));
                            join_problem.set(None);
                            let _ = gloo::utils::window()
                                .location()
                                .set_hash(&Route::Library.hash());
                        }
                        Err(why) => join_problem.set(Some(why)),
                    }
                })
            };
            room::join_page(
                &w,
                &shelf.0.cards(),
                shelf.0.loading(),
                join_problem.as_deref(),
                on_submit,
            )
        }
        (Route::Library | Route::Workshop(_), _, None) | (Route::Play(_), None, None) => {
            let all = shelf.0.cards();
            let cards = Rc::new(match &*joined {
                Some(j) => j.workshop.offered(&all).0,
                None => all,
            });
            let problem = shelf.0.problem().map(str::to_string);
            let on_leave = {
                let joined = joined.clone();
                Callback::from(move |_: MouseEvent| {
                    room::leave();
                    joined.set(None);
                })
            };
            html! { <Library {cards} loading={shelf.0.loading()} {problem} {notice} room={(*joined).clone()} {on_leave} {on_remove} history={progress.history.clone()} /> }
        }
        (Route::Progress, _, None) => {
            html! { <progress::ProgressPage progress={progress.clone()} /> }
        }
        (Route::Play(id), Some(lookup), None) => match lookup {
            Lookup::Ready(s) => {
                let room = joined.as_ref().map(|j| j.settings());
                html! { <Play key={id.to_string()} scenario={s} {on_finish} keep={true} {on_under_way} {room} /> }
            }
            Lookup::Fetch(_) | Lookup::Waiting => html! {
                <main class="page" id="main">
                    <p class="loading" role="status">{ "Loading the conversation\u{2026}" }</p>
                </main>
            },
            Lookup::Failed { title, problems } => {
                let retry = {
                    let id = id.clone();
                    dispatching(&shelf.dispatcher(), move |_| ShelfAction::Retry(id.clone()))
                };
                html! {
                    <main class="page" id="main">
                        <h1>{ format!("\u{201c}{title}\u{201d} could not be opened") }</h1>
                        <div class="notice error" role="alert">
                            <ul class="problems">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                        </div>
                        <div class="actions">
                            <button class="button" onclick={retry}>{ "Try again" }</button>
                            <a class="button secondary" href={Route::Library.hash()}>{ "Back to the library" }</a>
                        </div>
                    </main>
                }
            }
            Lookup::NotFound => html! {
                <main class="page" id="main">
                    <h1>{ "Scenario not found" }</h1>
                    <p>{ format!("There is no scenario called \u{201c}{id}\u{201d} here, or on this device.") }</p>
                    <p><a class="button" href={Route::Library.hash()}>{ "Back to the library" }</a></p>
                </main>
            },
        },
    };
    html! {
        <>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| {
                // The hash is the router's: move focus without changing it.
                e.prevent_default();
                if let Some(main) = gloo::utils::document().get_element_by_id("main") {
                    let _ = main.set_attribute("tabindex", "-1");
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
                        let _ = el.focus();
                    }
                }
            })}>{ "Skip to content" }</a>
            <header class="top">
                <a class="brand" href={Route::Library.hash()} onclick={leave.clone()}>{ "Attune" }</a>
                <nav aria-label="Main">
                    <a href={Route::Library.hash()} onclick={leave.clone()} aria-current={(*route == Route::Library).then_some("page")}>{ "Library" }</a>
                    <a href={Route::Progress.hash()} onclick={leave.clone()} aria-current={(*route == Route::Progress).then_some("page")}>{ "Progress" }</a>
                    <a href="about.html" onclick={leave}>{ "About" }</a>
                </nav>
            </header>
            if let Some(n) = &progress.notice {
                <div class={classes!("notice", "banner", if n.problem { "error" } else { "ok" })} role={if n.problem { "alert" } else { "status" }}>
                    <p>{ &n.text }</p>
                    <button class="secondary" onclick={dispatching(&progress.dispatcher(), |_| progress::ProgressAction::Dismiss)}>{ "Dismiss" }</button>
                </div>
            }
            { body }
        </>
    }
}
