//! The Yew web shell: maps DOM events to engine actions and session state to HTML.

pub mod about;
pub mod debrief;
pub mod files;
pub mod library;
pub mod play;
pub mod progress;
pub mod storage;

pub use library::Library;
pub use play::Play;

use crate::builtin;
use crate::scenario::Scenario;
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// Mounts the app into `#app` (or the body when there is none).
pub fn start() {
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            // Replace the loading shell in the same task, so nothing blank is ever painted.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// Where the app is; kept in the URL's hash so links work on any static host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of scenarios.
    Library,
    /// Playing the scenario with this id.
    Play(String),
    /// The trainee's progress on this device.
    Progress,
    /// What presence and listening mean here.
    About,
}

impl Route {
    /// Reads `#/play/<id>`; anything else is the library.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.strip_prefix("play/") {
            Some(id) if !id.is_empty() => Route::Play(id.to_string()),
            _ => match path {
                "progress" => Route::Progress,
                "about" => Route::About,
                _ => Route::Library,
            },
        }
    }

    /// The hash that leads here.
    pub fn hash(&self) -> String {
        match self {
            Route::Library => "#/".to_string(),
            Route::Play(id) => format!("#/play/{id}"),
            Route::Progress => "#/progress".to_string(),
            Route::About => "#/about".to_string(),
        }
    }
}

/// Milliseconds on a clock that never goes backwards.
pub fn now_ms() -> u64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now()) as u64
}

/// A fresh random seed for a playthrough.
pub fn new_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// The scenarios on offer: the built-ins in library order, then any a trainer loaded.
#[derive(Default, PartialEq)]
struct Shelf {
    list: Rc<Vec<Rc<Scenario>>>,
    /// How many of [`builtin::FILES`] have been read so far.
    built_ins_read: usize,
}

enum ShelfAction {
    /// Read the next built-in scenario.
    ReadNext,
    /// A trainer's scenario that checked clean; it replaces one with the same id.
    Add(Scenario),
}

impl Reducible for Shelf {
    type Action = ShelfAction;

    fn reduce(self: Rc<Self>, action: ShelfAction) -> Rc<Self> {
        let mut list = (*self.list).clone();
        let mut built_ins_read = self.built_ins_read;
        match action {
            ShelfAction::ReadNext => {
                if built_ins_read >= builtin::FILES.len() {
                    return self;
                }
                if let Some(s) = builtin::read(built_ins_read) {
                    if !list.iter().any(|o| o.id == s.id) {
                        let at = list.len().min(built_ins_read);
                        list.insert(at, Rc::new(s));
                    }
                }
                built_ins_read += 1;
            }
            ShelfAction::Add(added) => {
                list.retain(|s| s.id != added.id);
                list.push(Rc::new(added));
            }
        }
        Rc::new(Shelf {
            list: Rc::new(list),
            built_ins_read,
        })
    }
}

/// Reads the next `left` built-ins, each in a task of its own.
fn read_built_ins(shelf: UseReducerDispatcher<Shelf>, left: usize) {
    if left == 0 {
        return;
    }
    gloo::timers::callback::Timeout::new(0, move || {
        shelf.dispatch(ShelfAction::ReadNext);
        read_built_ins(shelf, left - 1);
    })
    .forget();
}

/// The whole app: routes between the library and a conversation.
#[component]
pub fn App() -> Html {
    let shelf = use_reducer(Shelf::default);
    {
        // The built-ins are read one per task after the first paint: reading all of
        // them at once held the main thread for a long task on a slow tablet.
        let shelf = shelf.dispatcher();
        use_effect_with((), move |_| read_built_ins(shelf, builtin::FILES.len()));
    }
    let scenarios = shelf.list.clone();
    let route = use_state(|| Route::from_hash(&current_hash()));
    let progress = use_reducer(progress::load);
    {
        // Save whenever the history changes; a failure is shown, not swallowed.
        let handle = progress.clone();
        use_effect_with(progress.history.clone(), move |history| {
            if let Err(e) = progress::save(history) {
                if !history.attempts.is_empty() {
                    handle.dispatch(progress::ProgressAction::Problem(format!(
                        "Your progress could not be saved: {e}."
                    )));
                }
            }
        });
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
    let on_finish = {
        let progress = progress.clone();
        Callback::from(move |a: crate::progress::Attempt| {
            progress.dispatch(progress::ProgressAction::Record(a))
        })
    };
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                route.set(Route::from_hash(&current_hash()));
            });
            move || drop(listener)
        });
    }
    let on_add = {
        let shelf = shelf.dispatcher();
        Callback::from(move |added: Scenario| shelf.dispatch(ShelfAction::Add(added)))
    };
    let loading = shelf.built_ins_read < builtin::FILES.len();
    let body = match &*route {
        Route::Library => {
            html! { <Library scenarios={scenarios.clone()} {loading} {on_add} history={progress.history.clone()} /> }
        }
        Route::Progress => html! { <progress::ProgressPage progress={progress.clone()} /> },
        Route::About => html! { <about::About /> },
        Route::Play(id) => match scenarios.iter().find(|s| &s.id == id) {
            Some(s) => html! { <Play key={id.clone()} scenario={s.clone()} {on_finish} /> },
            None if loading => html! {
                <main class="page" id="main">
                    <p class="loading" role="status">{ "Loading the conversation\u{2026}" }</p>
                </main>
            },
            None => html! {
                <main class="page" id="main">
                    <h1>{ "Scenario not found" }</h1>
                    <p>{ format!("There is no scenario called \u{201c}{id}\u{201d} here. Scenarios you load yourself last until the page is closed.") }</p>
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
                <a class="brand" href={Route::Library.hash()}>{ "Attune" }</a>
                <nav aria-label="Main">
                    <a href={Route::Library.hash()} aria-current={(*route == Route::Library).then_some("page")}>{ "Library" }</a>
                    <a href={Route::Progress.hash()} aria-current={(*route == Route::Progress).then_some("page")}>{ "Progress" }</a>
                    <a href={Route::About.hash()} aria-current={(*route == Route::About).then_some("page")}>{ "About" }</a>
                </nav>
            </header>
            if let Some(n) = &progress.notice {
                <div class={classes!("notice", "banner", if n.problem { "error" } else { "ok" })} role={if n.problem { "alert" } else { "status" }}>
                    <p>{ &n.text }</p>
                    <button class="secondary" onclick={let p = progress.clone(); Callback::from(move |_| p.dispatch(progress::ProgressAction::Dismiss))}>{ "Dismiss" }</button>
                </div>
            }
            { body }
        </>
    }
}
