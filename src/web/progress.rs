//! Progress on this device: loading and saving history, and the progress page.

use super::files::read_chosen_file;
use super::route::Route;
use super::storage;
use crate::ids::ScenarioId;
use crate::progress::{Attempt, Chart, History, Loaded};
use std::rc::Rc;
use yew::prelude::*;

/// Where the history is saved in the browser.
pub const STORAGE_KEY: &str = "attune.progress";

/// The history and anything the trainee must be told about it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressState {
    pub history: History,
    /// A message about saved data (kept aside, imported, cleared), for a status region.
    pub notice: Option<Notice>,
}

/// A message about saved data.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub problem: bool,
}

/// What can happen to the history.
pub enum ProgressAction {
    Record(Attempt),
    Import(String),
    /// Clear every attempt, at this moment (milliseconds since 1970).
    Clear(u64),
    Dismiss,
    /// Saving failed: tell the trainee.
    Problem(String),
    /// Another tab of the site saved or cleared the history, or a save found more stored
    /// than this tab held: this is what is stored now, to merge in.
    Stored(History),
}

impl Reducible for ProgressState {
    type Action = ProgressAction;

    fn reduce(self: Rc<Self>, action: ProgressAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ProgressAction::Record(a) => next.history.record(a),
            ProgressAction::Import(text) => match next.history.import(&text) {
                Ok(n) => {
                    next.notice = Some(Notice {
                        text: format!("Imported {n} new attempt{}.", if n == 1 { "" } else { "s" }),
                        problem: false,
                    })
                }
                Err(e) => {
                    next.notice = Some(Notice {
                        text: format!("That file could not be imported: {e}. Nothing was changed."),
                        problem: true,
                    })
                }
            },
            ProgressAction::Clear(at_ms) => {
                next.history.clear(at_ms);
                next.notice = Some(Notice {
                    text: "All progress on this device was cleared.".into(),
                    problem: false,
                });
            }
            ProgressAction::Dismiss => next.notice = None,
            ProgressAction::Stored(history) => next.history.merge(&history),
            ProgressAction::Problem(text) => {
                next.notice = Some(Notice {
                    text,
                    problem: true,
                })
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Reads the saved history. Text that cannot be read is moved aside under its own key,
/// so nothing is lost, and the trainee is told.
pub fn load() -> ProgressState {
    let saved = storage::get(STORAGE_KEY);
    match History::load(saved.as_deref()) {
        Loaded::Empty => ProgressState {
            history: History::default(),
            notice: None,
        },
        Loaded::Read(history) => ProgressState {
            history,
            notice: None,
        },
        Loaded::Unreadable { reason } => {
            let aside = saved
                .as_deref()
                .and_then(|text| storage::set_aside(STORAGE_KEY, text));
            let text = match aside {
                Some(aside) => format!("Your saved progress could not be read: {reason}. It has been kept aside in this browser's storage as \u{201c}{aside}\u{201d}, and new attempts are saved from a fresh start."),
                None => format!("Your saved progress could not be read: {reason}. It has been left as it was, and new attempts will not be saved until it is dealt with."),
            };
            ProgressState {
                history: History::default(),
                notice: Some(Notice {
                    text,
                    problem: true,
                }),
            }
        }
    }
}

/// Merges in what another tab of the site saved, so that a save here never overwrites an
/// attempt recorded there, and a clear there is not undone here. Nothing stored adds
/// nothing; text that this version cannot read is left alone, and [`save`] will not
/// overwrite it either.
pub fn reread(progress: &UseReducerDispatcher<ProgressState>) {
    if let Loaded::Read(history) = History::load(storage::get(STORAGE_KEY).as_deref()) {
        progress.dispatch(ProgressAction::Stored(history));
    }
}

/// Saves the history merged with what is stored now (another tab may have saved an
/// attempt this one has not heard of yet), and returns what was saved; storage that is
/// full or switched off is reported, not ignored.
pub fn save(history: &History) -> Result<History, String> {
    let store = storage::local().ok_or("this browser does not allow saving data")?;
    let mut merged = history.clone();
    match History::load(storage::get(STORAGE_KEY).as_deref()) {
        // Never overwrite text that could not be read and was not moved aside.
        Loaded::Unreadable { .. } => return Err("unreadable saved data is in the way".into()),
        Loaded::Read(stored) => merged.merge(&stored),
        Loaded::Empty => {}
    }
    store
        .set_item(STORAGE_KEY, &merged.to_text())
        .map_err(|_| "the browser's storage is full or switched off".to_string())?;
    Ok(merged)
}

/// The shared handle to progress, provided by the app.
pub type ProgressHandle = UseReducerHandle<ProgressState>;

/// Props for [`ProgressPage`].
#[derive(Properties, PartialEq)]
pub struct ProgressPageProps {
    pub progress: ProgressHandle,
}

/// Every attempt, a chart of scores over attempts, and the data controls.
#[component]
pub fn ProgressPage(props: &ProgressPageProps) -> Html {
    let progress = &props.progress;
    // The scenario chosen in the list; none for all of them.
    let filter = use_state(|| None::<ScenarioId>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let history = &progress.history;
    let mut ids: Vec<(&ScenarioId, &str)> = Vec::new();
    for a in &history.attempts {
        if !ids.iter().any(|(id, _)| **id == a.scenario_id) {
            ids.push((&a.scenario_id, &a.scenario_title));
        }
    }
    let shown: Vec<&Attempt> = history
        .attempts
        .iter()
        .filter(|a| filter.as_ref().is_none_or(|id| a.scenario_id == *id))
        .collect();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let id = sel.value();
                filter.set((!id.is_empty()).then(|| id.into()));
            }
        })
    };
    let on_export = {
        let progress = progress.clone();
        Callback::from(move |_| {
            if super::files::download("attune-progress.toml", &progress.history.to_text()).is_err()
            {
                progress.dispatch(ProgressAction::Problem(
                    "The history could not be exported: the browser could not prepare the file."
                        .into(),
                ));
            }
        })
    };
    let on_import =
        {
            let progress = progress.clone();
            Callback::from(move |e: Event| {
                let progress = progress.clone();
                read_chosen_file(&e, &reader, crate::progress::too_large, move |_, result| {
                    match result {
                        Ok(text) => progress.dispatch(ProgressAction::Import(text)),
                        Err(e) => progress
                            .dispatch(ProgressAction::Import(format!("unreadable file: {e}"))),
                    }
                });
            })
        };
    let on_clear = {
        let progress = progress.clone();
        Callback::from(move |_| {
            let sure = gloo::utils::window()
                .confirm_with_message("Clear every attempt saved on this device? This cannot be undone; export first if you want a copy.")
                .unwrap_or(false);
            if sure {
                progress.dispatch(ProgressAction::Clear(js_sys::Date::now() as u64));
            }
        })
    };
    html! {
        <main class="page" id="main">
            <h1>{ "Your progress" }</h1>
            <p class="lede">{ "Every conversation you finish is saved on this device only. Export it to keep a copy, to hand it in, or to move it to another device: some browsers (Safari among them) clear what a site keeps after some days unused." }</p>
            if history.attempts.is_empty() {
                <p>{ "No finished conversations yet. " }<a href={Route::Library.hash()}>{ "Choose one to start" }</a>{ "." }</p>
            } else {
                <label class="field">
                    { "Show" }
                    <select onchange={on_filter}>
                        <option value="" selected={filter.is_none()}>{ "All scenarios" }</option>
                        { for ids.iter().map(|(id, title)| html! { <option value={id.to_string()} selected={filter.as_ref() == Some(*id)}>{ *title }</option> }) }
                    </select>
                </label>
                if let Some(c) = history.charted(filter.as_ref()).and_then(|a| history.chart(&a.scenario_id)) {
                    { chart(&c) }
                }
                <table class="attempts">
                    <caption class="visually-hidden">{ "Attempts, oldest first" }</caption>
                    <thead><tr><th scope="col">{ "When" }</th><th scope="col">{ "Scenario" }</th><th scope="col">{ "Ending" }</th><th scope="col">{ "Presence" }</th><th scope="col">{ "Listening" }</th></tr></thead>
                    <tbody>
                        { for shown.iter().map(|a| html! {
                            <tr>
                                <td>{ when(a.finished_at) }</td>
                                <td>{ &a.scenario_title }</td>
                                <td>{ a.outcome.label() }</td>
                                <td>{ a.presence }</td>
                                <td>{ a.listening }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <section class="data" aria-labelledby="data-title">
                <h2 id="data-title">{ "Your data" }</h2>
                <div class="actions">
                    <button class="button" onclick={on_export} disabled={history.attempts.is_empty()}>{ "Export history" }</button>
                    <label class="button secondary file">
                        { "Import history" }
                        <input type="file" accept=".toml,application/toml,text/plain" onchange={on_import} />
                    </label>
                    <button class="button secondary danger" onclick={on_clear} disabled={history.attempts.is_empty()}>{ "Clear all data" }</button>
                </div>
            </section>
        </main>
    }
}

/// A moment in this device's time zone: `2026-11-24 15:40`.
fn when(ms: u64) -> String {
    let offset =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset();
    let local = (ms as f64 - offset * 60_000.0).max(0.0) as u64;
    let mut s = crate::results::when(local);
    s.truncate(16);
    s
}

/// One scenario's attempts as an SVG line chart, each attempt's ending marked below it,
/// with a text summary (see [`Chart`]).
fn chart(c: &Chart) -> Html {
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {} {}", Chart::WIDTH, Chart::HEIGHT)} role="img" aria-label={c.summary.clone()}>
                <path d={c.grid_path()} class="grid" />
                { for c.grid.iter().zip(["0", "50", "100"]).map(|(y, v)| html! {
                    <text x="4" y={(y + 4).to_string()} class="tick">{ v }</text>
                }) }
                <path d={c.trace(false, false)} class="line presence" />
                <path d={c.trace(true, false)} class="line listening" />
                <path d={c.trace(false, true)} class="dots presence" />
                <path d={c.trace(true, true)} class="dots listening" />
                { for c.points.iter().map(|p| html! {
                    <text x={p.x.to_string()} y={Chart::ENDINGS_Y.to_string()} class={p.outcome.word()}>{ p.outcome.glyph() }</text>
                }) }
            </svg>
            <figcaption>
                <span class="key presence">{ "Presence" }</span>
                <span class="key listening">{ "Listening" }</span>
                <span>{ Chart::LEGEND }</span>
                <span>{ &c.summary }</span>
            </figcaption>
        </figure>
    }
}
