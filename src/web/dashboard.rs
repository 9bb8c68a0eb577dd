//! The workshop dashboard, on the trainer's page: the results files attendees handed in,
//! brought in together (chosen or dropped), and what they say across the room: per
//! scenario, per attendee and per signal, as tables and SVG charts, with a CSV export
//! and a print view for the debrief. Everything stays in the trainer's browser. What the
//! files hold and what they add up to is decided by [`crate::results`].

use super::storage;
use crate::results::{self, Room, ScenarioSummary, SignalCount};
use std::rc::Rc;
use yew::prelude::*;

/// What can happen to the dashboard.
pub enum Change {
    /// Files read, in the order they were chosen: each name and its text, or why it
    /// could not be read. Each that brings attempts in is kept on this device.
    Take(Vec<(String, Result<String, String>)>),
    /// The files kept on this device, taken in again when the page opens.
    Restore(Vec<(String, String)>),
    /// Start again with nothing, and keep nothing.
    Clear,
}

/// The room as imported so far.
#[derive(Default, PartialEq)]
pub struct Board {
    pub room: Room,
    /// A file that brought attempts in could not be kept on this device (storage full
    /// or switched off).
    pub unkept: bool,
    /// How many files are kept on this device (under `results::kept_key(0..kept)`), so
    /// the next one is kept after them without reading the others back.
    kept: usize,
}

impl Reducible for Board {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let (mut room, mut unkept, mut kept) = (self.room.clone(), self.unkept, self.kept);
        match change {
            Change::Take(files) => {
                for (name, text) in files {
                    match text {
                        Ok(text) => {
                            if matches!(room.take(&name, &text).outcome, Ok((new, _)) if new > 0) {
                                let entry = results::kept_entry(&name, &text);
                                if storage::set(&results::kept_key(kept), &entry) {
                                    kept += 1;
                                } else {
                                    unkept = true;
                                }
                            }
                        }
                        Err(why) => room.reports.push(results::FileReport {
                            file: name,
                            outcome: Err(why),
                        }),
                    }
                }
            }
            Change::Restore(files) => {
                kept = files.len();
                for (name, text) in files {
                    room.take(&name, &text);
                }
            }
            Change::Clear => {
                for (key, _) in storage::starting_with(results::KEPT_KEY) {
                    storage::remove(&key);
                }
                (room, unkept, kept) = (Room::default(), false, 0);
            }
        }
        Rc::new(Board { room, unkept, kept })
    }
}

/// Reads every file in `files` as text, in order, then hands them to the board at once
/// (so the first file chosen is the first taken in, however the reads finish).
fn read_all(files: web_sys::FileList, board: UseReducerDispatcher<Board>) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut read = Vec::with_capacity(files.len());
        for f in files {
            let name = f.name();
            let text = if let Some(why) =
                crate::tomlread::too_large(f.size() as u64, results::MAX_FILE_BYTES, "results")
            {
                Err(why)
            } else {
                match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    Ok(buffer) => results::text_of(js_sys::Uint8Array::new(&buffer).to_vec()),
                    Err(_) => Err("the browser could not read it".into()),
                }
            };
            read.push((name, text));
        }
        board.dispatch(Change::Take(read));
    });
}

#[component]
pub fn Dashboard() -> Html {
    let board = use_reducer(Board::default);
    let dragging = use_state(|| false);
    let printing = use_state(|| false);
    let said = use_state(|| None::<String>);
    let room = &board.room;
    {
        // What was brought in before a reload is here again.
        let board = board.dispatcher();
        use_effect_with((), move |()| {
            let kept = results::read_kept(storage::starting_with(results::KEPT_KEY));
            if !kept.is_empty() {
                board.dispatch(Change::Restore(kept));
            }
        });
    }

    let on_choose = {
        let board = board.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                if let Some(files) = input.files() {
                    read_all(files, board.clone());
                }
                input.set_value("");
            }
        })
    };
    let on_drag = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(e.type_() != "dragleave");
        })
    };
    let on_drop = {
        let (board, dragging) = (board.dispatcher(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                read_all(files, board.clone());
            }
        })
    };
    let on_csv = {
        let (board, said) = (board.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(why) = super::files::download("workshop-results.csv", &board.room.csv()) {
                said.set(Some(format!("The table {why}.")));
            }
        })
    };
    let on_print = {
        let printing = printing.clone();
        Callback::from(move |_: MouseEvent| printing.set(true))
    };
    {
        // Printed with every list opened: once the page shows them all, print, then close.
        let printing = printing.clone();
        use_effect_with(*printing, move |&on| {
            if on {
                let _ = gloo::utils::window().print();
                printing.set(false);
            }
        });
    }
    let on_clear = {
        let (board, said) = (board.dispatcher(), said.clone());
        Callback::from(move |_: MouseEvent| {
            board.dispatch(Change::Clear);
            said.set(None);
        })
    };

    let attendees = room.attendees();
    let signals = room.signals();
    let (helped, cost): (Vec<&SignalCount>, Vec<&SignalCount>) =
        signals.iter().partition(|s| s.helps);
    let pass = room.workshop.as_ref().and_then(|(w, _)| w.pass_mark);
    html! {
        <section class="dashboard" aria-labelledby="dashboard-title">
            <h2 id="dashboard-title">{ "Workshop results" }</h2>
            <p>{ "Bring in the results files your attendees handed in: choose several at once, or drop them here. The same attempt in two files counts once. Nothing leaves this browser, and what you bring in is kept on this device until you start over." }</p>
            <div class={classes!("drop", dragging.then_some("dragging"))} ondragenter={on_drag.clone()} ondragover={on_drag.clone()} ondragleave={on_drag} ondrop={on_drop}>
                <label class="button file">
                    { "Choose results files" }
                    <input id="results-files" type="file" multiple=true accept=".toml,application/toml,text/plain" onchange={on_choose} />
                </label>
                <span>{ " or drop them here." }</span>
            </div>
            <div role="status">
                <ul class="reports">
                    { for room.reports.iter().map(|r| html! {
                        <li class={classes!(r.outcome.is_err().then_some("is-error"))}>{ r.sentence() }</li>
                    }) }
                </ul>
            </div>
            if let Some(s) = &*said {
                <p class="notice error" role="alert">{ s }</p>
            }
            if board.unkept {
                <p class="notice error" role="alert">{ "These results could not be kept on this device (the browser\u{2019}s storage is full or switched off): they are here until this page is closed or reloaded. Export them as CSV to keep a copy." }</p>
            }
            if let Some((w, id)) = &room.workshop {
                <h3>{ format!("{} ({id})", w.name) }</h3>
                <dl class="facts">
                    <div><dt>{ "Attendees" }</dt><dd>{ attendees.len() }</dd></div>
                    <div><dt>{ "Attempts" }</dt><dd>{ room.attempts.len() }</dd></div>
                    <div><dt>{ "Times someone cut in" }</dt><dd>{ room.interruptions() }</dd></div>
                    if let Some(m) = pass {
                        <div><dt>{ "Pass mark" }</dt><dd>{ m }</dd></div>
                    }
                </dl>
                <div class="actions no-print">
                    <button class="button" onclick={on_csv}>{ "Export as CSV" }</button>
                    <button class="button secondary" onclick={on_print}>{ "Print for the debrief" }</button>
                    <button class="button secondary" onclick={on_clear}>{ "Start over" }</button>
                </div>
                <h3>{ "By scenario" }</h3>
                { for room.scenarios().iter().map(|s| scenario_view(s, pass)) }
                <h3>{ "By attendee" }</h3>
                <div class="table-wrap">
                    <table class="endings attendees">
                        <thead><tr><th scope="col">{ "Attendee" }</th><th scope="col">{ "Scenario" }</th><th scope="col">{ "Ending" }</th><th scope="col">{ "Presence" }</th><th scope="col">{ "Listening" }</th><th scope="col">{ "Finished" }</th></tr></thead>
                        <tbody>
                            { for attendees.iter().flat_map(|(name, list)| list.iter().enumerate().map(move |(i, a)| html! {
                                <tr>
                                    if i == 0 {
                                        <th scope="rowgroup" rowspan={list.len().to_string()}>{ *name }</th>
                                    }
                                    <td>{ &a.scenario_title }</td>
                                    <td>{ format!("{} ({})", a.ending_title, a.outcome.word()) }</td>
                                    <td>{ a.presence }</td>
                                    <td>{ a.listening }</td>
                                    <td>{ results::when(a.finished_ms) }</td>
                                </tr>
                            })) }
                        </tbody>
                    </table>
                </div>
                <h3>{ "Signals across the room" }</h3>
                <p>{ "How many replies each was found in, most often first. Open one to read the replies behind it." }</p>
                <div class="signal-columns">
                    { signal_list("What helped", &helped, *printing) }
                    { signal_list("What cost", &cost, *printing) }
                </div>
            }
        </section>
    }
}

/// One scenario: its attempts, endings, mean scores and how the scores spread.
fn scenario_view(s: &ScenarioSummary, pass: Option<u8>) -> Html {
    const W: usize = 300;
    const H: usize = 120;
    let most = s.spread.iter().copied().max().unwrap_or(0).max(1);
    let summary = format!(
        "Scores of {} attempt{} by tens: {}.",
        s.attempts,
        if s.attempts == 1 { "" } else { "s" },
        s.spread
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| format!("{} from {}", n, i * 10))
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        <article class="scenario-results">
            <h4>{ &s.title }</h4>
            <p>
                { format!("{} attempt{}; mean presence {}, listening {}", s.attempts, if s.attempts == 1 { "" } else { "s" }, s.presence, s.listening) }
                if let (Some(n), Some(m)) = (s.passed, pass) {
                    { format!("; {n} at or above the pass mark of {m}") }
                }
                { "." }
            </p>
            <ul class="endings-reached">
                { for s.endings.iter().map(|(title, outcome, n)| html! {
                    <li>{ format!("{title} ({}): {n}", outcome.label().to_lowercase()) }</li>
                }) }
            </ul>
            <figure class="chart spread">
                <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={summary}>
                    { for s.spread.iter().enumerate().map(|(i, &n)| {
                        let h = n * 80 / most;
                        let x = 10 + i * 28;
                        html! {
                            <g>
                                <rect x={x.to_string()} y={(95 - h).to_string()} width="22" height={h.to_string()} class="bar" />
                                if n > 0 {
                                    <text x={(x + 11).to_string()} y={(90 - h).to_string()} class="count">{ n }</text>
                                }
                                <text x={(x + 11).to_string()} y="112" class="tick">{ i * 10 }</text>
                            </g>
                        }
                    }) }
                </svg>
                <figcaption>{ "Attempts by the mean of presence and listening, in tens (0 to 9, 10 to 19, \u{2026} 90 to 100)." }</figcaption>
            </figure>
        </article>
    }
}

/// Signals that helped, or that cost, each opening onto the replies behind it.
fn signal_list(title: &str, list: &[&SignalCount], open: bool) -> Html {
    html! {
        <div class="signals">
            <h4>{ title }</h4>
            if list.is_empty() {
                <p>{ "None found." }</p>
            }
            { for list.iter().map(|c| html! {
                <details open={open} class={c.name.clone()}>
                    <summary>{ format!("{}: {} repl{}", c.label, c.replies.len(), if c.replies.len() == 1 { "y" } else { "ies" }) }</summary>
                    <ul>
                        { for c.replies.iter().map(|b| html! {
                            <li><strong>{ &b.attendee }</strong>{ format!(" in {}: \u{201c}{}\u{201d}", b.scenario, b.text) }</li>
                        }) }
                    </ul>
                </details>
            }) }
        </div>
    }
}
