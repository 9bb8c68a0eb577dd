//! The library: every scenario, and a loader that checks a trainer's own file.

use super::files::read_chosen_file;
use super::Route;
use crate::scenario::Scenario;
use crate::shelf::Card;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Library`].
#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// The scenarios to list.
    pub cards: Rc<Vec<Card>>,
    /// The site's list of scenarios is still on its way.
    #[prop_or_default]
    pub loading: bool,
    /// Why the site's list of scenarios could not be read, if it could not.
    #[prop_or_default]
    pub problem: Option<String>,
    /// Called with a scenario file that checked clean.
    pub on_add: Callback<Scenario>,
    /// Past attempts, for best and last scores.
    pub history: crate::progress::History,
}

/// What the loader found in the last file.
#[derive(Clone, PartialEq)]
enum Loaded {
    Nothing,
    Added {
        title: String,
        id: String,
        warnings: Vec<String>,
    },
    Rejected {
        file: String,
        problems: Vec<String>,
    },
}

/// Lists the scenarios and loads new ones from files.
#[component]
pub fn Library(props: &LibraryProps) -> Html {
    let loaded = use_state(|| Loaded::Nothing);
    let tag = use_state(String::new);
    let topics = crate::shelf::Shelf::topics(&props.cards);
    let shown: Vec<&Card> = props
        .cards
        .iter()
        .filter(|c| tag.is_empty() || c.tags.contains(&*tag))
        .collect();
    let on_tag = {
        let tag = tag.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                tag.set(sel.value());
            }
        })
    };
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let onchange = {
        let loaded = loaded.clone();
        let on_add = props.on_add.clone();
        let cards = props.cards.clone();
        Callback::from(move |e: Event| {
            let loaded = loaded.clone();
            let on_add = on_add.clone();
            let cards = cards.clone();
            read_chosen_file(
                &e,
                &reader,
                crate::scenario::limits::too_large,
                move |name, result| match result {
                    Err(e) => loaded.set(Loaded::Rejected {
                        file: name.clone(),
                        problems: vec![if e.starts_with(&name) {
                            e
                        } else {
                            format!("{name}: error: the file could not be read ({e})")
                        }],
                    }),
                    Ok(text) => {
                        // Checking scores the replies: the analyzer's data must be in first.
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Err(problem) = super::fetch::ensure_english().await {
                                loaded.set(Loaded::Rejected {
                                    file: name,
                                    problems: vec![problem],
                                });
                                return;
                            }
                            match crate::shelf::admit(&cards, &name, &text) {
                                Ok((s, warnings)) => {
                                    loaded.set(Loaded::Added {
                                        title: s.title.clone(),
                                        id: s.id.clone(),
                                        warnings,
                                    });
                                    on_add.emit(s);
                                }
                                Err(problems) => loaded.set(Loaded::Rejected {
                                    file: name.clone(),
                                    problems,
                                }),
                            }
                        });
                    }
                },
            );
        })
    };

    html! {
        <main class="page" id="main">
            <h1>{ "Choose a conversation" }</h1>
            <p class="lede">{ "Each one is a person who needs something from you. Listen, reply, and see how they respond." }</p>
            // As in the page's loading shell: nothing below the lede until the list is whole,
            // so nothing moves while the built-ins are read.
            if props.loading {
                <p class="loading" role="status">{ "Loading the conversations\u{2026}" }</p>
            } else {
                if let Some(problem) = &props.problem {
                    <div class="notice error" role="alert">
                        <p>{ "This site\u{2019}s list of conversations could not be read, so only scenarios you load yourself are here." }</p>
                        <ul class="problems"><li>{ problem }</li></ul>
                    </div>
                }
                <label class="field">
                    { "Show" }
                    <select onchange={on_tag}>
                        <option value="" selected={tag.is_empty()}>{ "All topics" }</option>
                        { for topics.iter().map(|(t, n)| html! { <option value={t.clone()} selected={*tag == *t}>{ format!("{t} ({n})") }</option> }) }
                    </select>
                </label>
                <p class="count" role="status">{ format!("{} of {} conversations", shown.len(), props.cards.len()) }</p>
                <ul class="cards">
                    { for shown.into_iter().map(|c| card(c, &props.history)) }
                </ul>
                <section class="loader" aria-labelledby="loader-title">
                    <h2 id="loader-title">{ "Try your own scenario" }</h2>
                    <p>{ "Trainers: load a scenario file (.toml) to check it and play it here. It stays on this device and is gone when the page closes." }</p>
                    <label class="button secondary file">
                        { "Load a scenario file" }
                        <input type="file" accept=".toml,text/plain" {onchange} />
                    </label>
                    { loaded_report(&loaded) }
                </section>
            }
        </main>
    }
}

fn card(s: &Card, history: &crate::progress::History) -> Html {
    let href = Route::Play(s.id.clone()).hash();
    let score = |a: Option<&crate::progress::Attempt>| {
        a.map_or(
            "not played yet".to_string(),
            crate::progress::Attempt::summary,
        )
    };
    html! {
        <li class="card">
            <h2>{ &s.title }</h2>
            <p>{ &s.summary }</p>
            <dl class="facts compact">
                <div><dt>{ "You are" }</dt><dd>{ &s.role }</dd></div>
                <div><dt>{ "With" }</dt><dd>{ &s.with }</dd></div>
                <div><dt>{ "Time" }</dt><dd>{ format!("about {} min", s.minutes) }</dd></div>
                <div><dt>{ "Level" }</dt><dd>{ s.level }</dd></div>
            </dl>
            if let Some(problems) = &s.problems {
                <div class="notice error">
                    <p>{ "This file could not be opened:" }</p>
                    <ul class="problems">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                </div>
            }
            <dl class="facts compact scores-line">
                <div><dt>{ "Best" }</dt><dd>{ score(history.best(&s.id)) }</dd></div>
                <div><dt>{ "Last" }</dt><dd>{ score(history.last(&s.id)) }</dd></div>
            </dl>
            if let Some(replies) = super::kept::replies(&s.id).filter(|_| !s.own) {
                <p class="unfinished">{ format!("Unfinished: you left it {} in.", count(replies, "reply", "replies")) }</p>
                <div class="actions">
                    <a class="button" href={href.clone()} aria-label={format!("Resume \u{201c}{}\u{201d}", s.title)}>{ "Resume" }</a>
                    <a class="button secondary" {href} onclick={
                        let id = s.id.clone();
                        Callback::from(move |_| super::kept::forget(&id))
                    } aria-label={format!("Start \u{201c}{}\u{201d} afresh", s.title)}>{ "Start afresh" }</a>
                </div>
            } else {
                <a class="button" href={href} aria-label={format!("Play \u{201c}{}\u{201d}", s.title)}>{ "Play" }</a>
            }
        </li>
    }
}

/// "1 reply", "3 replies".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn loaded_report(loaded: &Loaded) -> Html {
    match loaded {
        Loaded::Nothing => html! {},
        Loaded::Added {
            title,
            id,
            warnings,
        } => html! {
            <div class="notice ok" role="status">
                <p>{ format!("\u{201c}{title}\u{201d} checked out and is in the list above. ") }
                    <a href={Route::Play(id.clone()).hash()}>{ "Play it now" }</a></p>
                if !warnings.is_empty() {
                    <ul class="problems">{ for warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
                }
            </div>
        },
        Loaded::Rejected { file, problems } => html! {
            <div class="notice error" role="alert">
                <p>{ format!("{file} has problems to fix before it can be played:") }</p>
                <ul class="problems">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            </div>
        },
    }
}
