//! The trainer's page (`trainer/`), its own small app so the trainee's first load does
//! not carry it: open or paste a scenario file, see every problem beside its line and
//! what random playthroughs found, keep it on this device (the library lists it under
//! "Your scenarios"), play it, and remove what is kept. What it shows is decided by
//! [`crate::authoring`].

use super::files::read_chosen_file;
use super::{fetch, kept, storage};
use crate::authoring::{self, Keep, KeptItem, Review};
use std::rc::Rc;
use yew::prelude::*;

/// From this page (`trainer/`) to the top of the site.
const TOP: &str = "../";

/// Mounts the trainer's page into `#app`.
pub fn start() {
    let document = gloo::utils::document();
    if let Some(root) = document.get_element_by_id("app") {
        root.set_inner_html("");
        yew::Renderer::<Trainer>::with_root(root).render();
    }
}

/// The kept scenarios, as listed.
fn kept_now() -> Vec<KeptItem> {
    authoring::kept_items(&storage::starting_with(authoring::KEEP_PREFIX))
}

/// The ids of the kept scenarios.
fn kept_ids() -> Vec<String> {
    kept_now().into_iter().map(|k| k.id).collect()
}

/// A line for the page's status region: what just happened, or a problem.
#[derive(Clone, PartialEq)]
struct Said {
    problem: bool,
    text: String,
}

/// What the page knows: the site's own ids and titles (to refuse one of them), whether
/// the analyzer's data is in, and the file under review.
#[derive(Clone, PartialEq, Default)]
struct Desk {
    hosted: Rc<Vec<(String, String)>>,
    ready: Option<Result<(), String>>,
    review: Option<Rc<Review>>,
    said: Option<Said>,
    kept: Rc<Vec<KeptItem>>,
}

/// Reviews `text` as the file `file`, once the analyzer's data is in.
fn review(desk: &UseStateHandle<Desk>, file: &str, text: &str) {
    let mut next = (**desk).clone();
    next.review = Some(Rc::new(authoring::review(
        file,
        text,
        &desk.hosted,
        &kept_ids(),
    )));
    next.said = None;
    desk.set(next);
}

/// The whole page.
#[component]
pub fn Trainer() -> Html {
    let desk = use_state(|| Desk {
        kept: Rc::new(kept_now()),
        ..Desk::default()
    });
    {
        // The analyzer's data (checking scores the replies), then the site's index.
        let desk = desk.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let ready = fetch::ensure_english_from(TOP).await;
                let hosted =
                    match fetch::text(&format!("{TOP}{}", crate::catalog::index_path())).await {
                        Ok(text) => crate::catalog::parse_index("index.toml", &text)
                            .map(|entries| entries.into_iter().map(|e| (e.id, e.title)).collect())
                            .unwrap_or_default(),
                        Err(_) => Vec::new(),
                    };
                let mut next = (*desk).clone();
                next.ready = Some(ready);
                next.hosted = Rc::new(hosted);
                desk.set(next);
            });
        });
    }
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let on_file = {
        let desk = desk.clone();
        Callback::from(move |e: Event| {
            let desk = desk.clone();
            read_chosen_file(
                &e,
                &reader,
                crate::scenario::limits::too_large,
                move |name, result| match result {
                    Ok(text) => review(&desk, &name, &text),
                    Err(why) => {
                        let mut next = (*desk).clone();
                        next.review = None;
                        next.said = Some(Said {
                            problem: true,
                            text: if why.starts_with(&name) {
                                why
                            } else {
                                format!("{name}: error: the file could not be read ({why})")
                            },
                        });
                        desk.set(next);
                    }
                },
            );
        })
    };
    let pasted = use_node_ref();
    let on_check = {
        let (desk, pasted) = (desk.clone(), pasted.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(area) = pasted.cast::<web_sys::HtmlTextAreaElement>() {
                let text = area.value();
                match crate::scenario::limits::too_large(text.len() as u64) {
                    Some(why) => {
                        let mut next = (*desk).clone();
                        next.said = Some(Said {
                            problem: true,
                            text: format!("pasted text: error: {why}"),
                        });
                        desk.set(next);
                    }
                    None => review(&desk, "pasted text", &text),
                }
            }
        })
    };
    // Keeps the file under review; then, if asked, opens it in the app.
    let keep = {
        let desk = desk.clone();
        Callback::from(move |play: bool| {
            let Some(r) = desk.review.clone() else { return };
            let (Some(id), Keep::Yes { replaces }) = (r.id.clone(), &r.keep) else {
                return;
            };
            let mut next = (*desk).clone();
            // A conversation under way on an older version is set aside by the library,
            // which says why, as for any edited scenario.
            let _ = replaces;
            if storage::set(&authoring::keep_key(&id), &r.text) {
                if play {
                    let _ = gloo::utils::window()
                        .location()
                        .set_href(&format!("{TOP}#/play/{id}"));
                }
                next.kept = Rc::new(kept_now());
                next.review = Some(Rc::new(Review {
                    keep: Keep::Yes { replaces: true },
                    ..(*r).clone()
                }));
                next.said = Some(Said {
                    problem: false,
                    text: format!(
                        "\u{201c}{}\u{201d} is kept on this device: the library lists it under \u{201c}Your scenarios\u{201d}.",
                        r.title.clone().unwrap_or(id)
                    ),
                });
            } else {
                next.said = Some(Said {
                    problem: true,
                    text: "It could not be kept: this browser\u{2019}s storage is full or switched off. Download the file and keep it yourself.".into(),
                });
            }
            desk.set(next);
        })
    };
    let open_kept = {
        let desk = desk.clone();
        Callback::from(move |id: String| {
            if let Some(text) = storage::get(&authoring::keep_key(&id)) {
                review(&desk, &authoring::kept_file(&id), &text);
            }
        })
    };
    let remove = {
        let desk = desk.clone();
        Callback::from(move |item: KeptItem| {
            let sure = gloo::utils::window()
                .confirm_with_message(&format!(
                    "Remove \u{201c}{}\u{201d} from this device? Scores on it stay in Progress.",
                    item.title
                ))
                .unwrap_or(false);
            if !sure {
                return;
            }
            let mut next = (*desk).clone();
            next.said = Some(if storage::remove(&authoring::keep_key(&item.id)) {
                kept::forget(&item.id);
                Said {
                    problem: false,
                    text: format!(
                        "\u{201c}{}\u{201d} was removed from this device.",
                        item.title
                    ),
                }
            } else {
                Said {
                    problem: true,
                    text: "It could not be removed: this browser\u{2019}s storage is switched off."
                        .into(),
                }
            });
            next.kept = Rc::new(kept_now());
            if let Some(r) = &desk.review {
                if r.id.as_deref() == Some(item.id.as_str()) {
                    next.review = Some(Rc::new(authoring::review(
                        &r.file,
                        &r.text,
                        &desk.hosted,
                        &kept_ids(),
                    )));
                }
            }
            desk.set(next);
        })
    };

    let waiting = desk.ready.is_none();
    html! {
        <>
            <header class="top">
                <a class="brand" href={TOP}>{ "Attune" }</a>
                <nav aria-label="Main">
                    <a href={TOP}>{ "Library" }</a>
                    <a href={format!("{TOP}#/progress")}>{ "Progress" }</a>
                    <a href="./" aria-current="page">{ "Trainer" }</a>
                </nav>
            </header>
            <main class="page trainer" id="main">
                <h1>{ "Your scenarios" }</h1>
                <p class="lede">{ "Check a scenario file, see what random playthroughs make of it, and keep it on this device to play it in the library. Nothing leaves this device." }</p>
                if let Some(Err(problem)) = &desk.ready {
                    <div class="notice error" role="alert"><p>{ problem }</p></div>
                }
                <section class="open-file" aria-labelledby="open-title">
                    <h2 id="open-title">{ "Check a file" }</h2>
                    <label class={classes!("button", "file", waiting.then_some("disabled"))}>
                        { "Open a scenario file" }
                        <input type="file" accept=".toml,text/plain" disabled={waiting} onchange={on_file} />
                    </label>
                    <form class="paste" onsubmit={on_check}>
                        <label class="field" for="pasted">{ "Or paste its text" }</label>
                        <textarea id="pasted" ref={pasted} rows="8" spellcheck="false" autocomplete="off" />
                        <button type="submit" class="secondary" disabled={waiting}>{ "Check the text" }</button>
                    </form>
                </section>
                <div role="status" class="said">
                    if let Some(s) = &desk.said {
                        <p class={classes!("notice", if s.problem { "error" } else { "ok" })}>{ &s.text }</p>
                    }
                </div>
                if let Some(r) = &desk.review {
                    { review_view(r, &keep) }
                }
                <section aria-labelledby="kept-title">
                    <h2 id="kept-title">{ "Kept on this device" }</h2>
                    if desk.kept.is_empty() {
                        <p>{ "Nothing yet. A scenario you keep is listed here and in the library." }</p>
                    } else {
                        <ul class="kept">
                            { for desk.kept.iter().map(|k| kept_row(k, &open_kept, &remove)) }
                        </ul>
                    }
                </section>
            </main>
        </>
    }
}

fn kept_row(k: &KeptItem, open: &Callback<String>, remove: &Callback<KeptItem>) -> Html {
    let on_open = {
        let (open, id) = (open.clone(), k.id.clone());
        Callback::from(move |_| open.emit(id.clone()))
    };
    let on_remove = {
        let (remove, k) = (remove.clone(), k.clone());
        Callback::from(move |_| remove.emit(k.clone()))
    };
    html! {
        <li>
            <p><strong>{ &k.title }</strong>{ format!(" \u{b7} {} \u{b7} {}", k.id, k.size) }</p>
            <div class="actions">
                <button class="secondary" onclick={on_open} aria-label={format!("Check again: \u{201c}{}\u{201d}", k.title)}>{ "Check again" }</button>
                <a class="button secondary" href={format!("{TOP}#/play/{}", k.id)} aria-label={format!("Play \u{201c}{}\u{201d}", k.title)}>{ "Play" }</a>
                <button class="secondary" onclick={on_remove} aria-label={format!("Remove \u{201c}{}\u{201d}", k.title)}>{ "Remove" }</button>
            </div>
        </li>
    }
}

fn review_view(r: &Review, keep: &Callback<bool>) -> Html {
    let heading = r.title.clone().unwrap_or_else(|| r.file.clone());
    html! {
        <section class="review" aria-labelledby="review-title">
            <h2 id="review-title">{ heading }</h2>
            <p class="verdict">{ format!("{}: {}.", r.file, r.verdict()) }</p>
            if !r.problems.is_empty() {
                <ol class="findings">
                    { for r.problems.iter().map(|p| html! {
                        <li class={if p.error { "is-error" } else { "is-warning" }}>
                            <p>
                                <strong>{ if p.error { "Error" } else { "Warning" } }</strong>
                                { format!(" \u{b7} {}", p.place) }
                                if !p.context.is_empty() { { format!(" \u{b7} {}", p.context) } }
                            </p>
                            <p>{ &p.message }</p>
                            if let Some((n, text)) = &p.line {
                                <pre class="source" aria-label={format!("line {n}")}><span class="ln" aria-hidden="true">{ n }</span>{ text }</pre>
                            }
                        </li>
                    }) }
                </ol>
            }
            if let Some(play) = &r.play {
                <h3>{ format!("What {} random playthroughs found", play.runs) }</h3>
                <div class="table-wrap">
                    <table class="endings">
                        <thead><tr><th scope="col">{ "Ending" }</th><th scope="col">{ "Runs" }</th><th scope="col">{ "Mood on arrival" }</th><th scope="col">{ "Routes most taken" }</th></tr></thead>
                        <tbody>
                            { for play.endings.iter().map(|e| html! {
                                <tr>
                                    <th scope="row">{ &e.title }<span class="outcome">{ e.outcome }</span></th>
                                    <td>{ e.runs }</td>
                                    <td>{ if e.mood.is_empty() { "\u{2014}".to_string() } else { e.mood.clone() } }</td>
                                    <td>
                                        if !e.routes.is_empty() {
                                            <ul>{ for e.routes.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                                        }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <ul class="paths">{ for play.paths.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                if !play.findings.is_empty() {
                    <ul class="findings">
                        { for play.findings.iter().map(|(error, f)| html! {
                            <li class={if *error { "is-error" } else { "is-warning" }}>{ f }</li>
                        }) }
                    </ul>
                }
            }
            <div class="actions">
                { match &r.keep {
                    Keep::Yes { replaces } => html! {
                        <>
                            <button onclick={keep.reform(|_| false)}>{ if *replaces { "Keep this version" } else { "Keep on this device" } }</button>
                            <button class="secondary" onclick={keep.reform(|_| true)}>{ "Keep and play" }</button>
                        </>
                    },
                    Keep::No(why) => html! { <p class="why-not">{ why }</p> },
                } }
            </div>
        </section>
    }
}
