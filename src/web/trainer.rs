//! The trainer's page (`trainer/`), its own small app so the trainee's first load does
//! not carry it: open or paste a scenario file, see every problem beside its line and
//! what random playthroughs found, keep it on this device (the library lists it under
//! "Your scenarios"), play it, and remove what is kept. What it shows is decided by
//! [`crate::authoring`].

use super::files::read_chosen_file;
use super::workshop_desk::WorkshopDesk;
use super::{fetch, kept, packing, storage};
use crate::authoring::{self, Keep, KeptItem, Review, Share};
use crate::ids::ScenarioId;
use crate::twine::{self, Imported};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// From this page (`trainer/`) to the top of the site.
const TOP: &str = "../";

/// Mounts the trainer's page into `#app`.
pub fn start() {
    crate::tomlread::suggest_names();
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
fn kept_ids() -> Vec<ScenarioId> {
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
    hosted: Rc<Vec<(ScenarioId, String)>>,
    ready: Option<Result<(), String>>,
    review: Option<Rc<Review>>,
    /// The file under review came in a share link and waits for the person's consent.
    from_link: bool,
    /// How the file under review can be shared, once asked.
    share: Option<Share>,
    /// A Twine file with several stories, waiting for one to be picked: its name, text
    /// and the stories' names.
    archive: Option<Rc<(String, String, Vec<String>)>>,
    /// What importing a Twine story did, when the file under review came from one.
    imported: Option<Rc<Imported>>,
    said: Option<Said>,
    kept: Rc<Vec<KeptItem>>,
}

/// A change to the page's state, applied to the state as it is when it lands (after a
/// fetch or a decompression, the state may have moved on since the change was made).
struct Change(Box<dyn FnOnce(&mut Desk)>);

impl Change {
    fn new(f: impl FnOnce(&mut Desk) + 'static) -> Self {
        Change(Box::new(f))
    }
}

impl Reducible for Desk {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut next = (*self).clone();
        (change.0)(&mut next);
        Rc::new(next)
    }
}

type DeskHandle = UseReducerHandle<Desk>;

/// The page's address without its fragment.
fn page_address() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Takes the share link's fragment off the address, so a reload does not ask again.
fn forget_link() {
    if let Ok(history) = gloo::utils::window().history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
}

/// Reads the scenario a share link carries: the review of its text, or why it cannot be
/// read. The text is untrusted: bounded in size as it inflates, checked like any file.
async fn open_link(packed: Vec<u8>, hosted: &[(ScenarioId, String)]) -> Result<Review, String> {
    let limit = crate::scenario::limits::MAX_FILE_BYTES;
    let bytes = packing::unpack(&packed, limit)
        .await
        .map_err(|why| format!("This share link cannot be opened: {why}. Nothing was added."))?;
    let text = crate::catalog::utf8_text("shared link", bytes)
        .map_err(|why| format!("This share link cannot be opened: {why}. Nothing was added."))?;
    Ok(authoring::review("shared link", &text, hosted, &kept_ids()))
}

/// Opens the share link in the page's address, if there is one: its file is reviewed and
/// waits for the person's consent; a link that cannot be read says why and is forgotten.
async fn take_link(desk: &DeskHandle, hosted: Rc<Vec<(ScenarioId, String)>>) {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let opened = match authoring::shared_in(&hash) {
        None => return,
        Some(Err(why)) => Err(format!(
            "This share link cannot be opened: {why}. Nothing was added."
        )),
        Some(Ok(packed)) => open_link(packed, &hosted).await,
    };
    if opened.is_err() {
        forget_link();
    }
    desk.dispatch(Change::new(move |next: &mut Desk| {
        next.share = None;
        match opened {
            Ok(r) => {
                next.review = Some(Rc::new(r));
                next.from_link = true;
                next.said = None;
            }
            Err(why) => {
                next.review = None;
                next.from_link = false;
                next.said = Some(Said {
                    problem: true,
                    text: why,
                });
            }
        }
    }));
}

/// Reviews `text` as the file `file`, once the analyzer's data is in.
fn review(desk: &DeskHandle, file: &str, text: &str) {
    let (file, text) = (file.to_string(), text.to_string());
    desk.dispatch(Change::new(move |next: &mut Desk| {
        next.review = Some(Rc::new(authoring::review(
            &file,
            &text,
            &next.hosted,
            &kept_ids(),
        )));
        next.said = None;
        next.from_link = false;
        next.share = None;
        next.archive = None;
        next.imported = None;
    }));
}

/// Opens a file: a Twine story is imported first (an archive of several asks which one);
/// anything else is reviewed as a scenario file.
fn open_file(desk: &DeskHandle, name: &str, text: &str) {
    let twee = text.trim_start().starts_with("::");
    if !(twine::is_story_file(name) || twee) {
        review(desk, name, text);
        return;
    }
    match twine::stories(name, text) {
        Ok(all) if all.len() > 1 => {
            let names = all.into_iter().map(|s| s.name).collect();
            let archive = Rc::new((name.to_string(), text.to_string(), names));
            desk.dispatch(Change::new(move |next: &mut Desk| {
                next.review = None;
                next.imported = None;
                next.said = None;
                next.archive = Some(archive);
            }));
        }
        Ok(_) => import_story(desk, name, text, None),
        Err(why) => say_problem(desk, why),
    }
}

/// Imports one story of a Twine file and reviews the scenario it makes.
fn import_story(desk: &DeskHandle, name: &str, text: &str, pick: Option<&str>) {
    match twine::import(name, text, pick) {
        Ok(imported) => {
            review(desk, &format!("{}.toml", imported.id), &imported.toml);
            let imported = Rc::new(imported);
            desk.dispatch(Change::new(move |next: &mut Desk| {
                next.imported = Some(imported)
            }));
        }
        Err(why) => say_problem(desk, why),
    }
}

/// Shows a problem, and nothing under review.
fn say_problem(desk: &DeskHandle, why: String) {
    desk.dispatch(Change::new(move |next: &mut Desk| {
        next.review = None;
        next.archive = None;
        next.imported = None;
        next.said = Some(Said {
            problem: true,
            text: why,
        });
    }));
}

/// The whole page.
#[component]
pub fn Trainer() -> Html {
    let desk = use_reducer(|| Desk {
        kept: Rc::new(kept_now()),
        ..Desk::default()
    });
    {
        // The analyzer's data (checking scores the replies), then the site's index; then
        // a share link in the address, if there is one.
        let desk = desk.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let ready = fetch::ensure_english_from(TOP).await;
                let hosted: Vec<(ScenarioId, String)> =
                    match fetch::text(&format!("{TOP}{}", crate::catalog::index_path())).await {
                        Ok(text) => crate::catalog::parse_index("index.toml", &text)
                            .map(|entries| entries.into_iter().map(|e| (e.id, e.title)).collect())
                            .unwrap_or_default(),
                        Err(_) => Vec::new(),
                    };
                let ok = ready.is_ok();
                let hosted = Rc::new(hosted);
                let listed = hosted.clone();
                desk.dispatch(Change::new(move |next: &mut Desk| {
                    next.ready = Some(ready);
                    next.hosted = listed;
                }));
                if ok {
                    take_link(&desk, hosted).await;
                }
            });
        });
    }
    {
        // A share link pasted into this tab's address bar: the page does not reload.
        let desk = desk.clone();
        let ready = matches!(desk.ready, Some(Ok(())));
        use_effect_with(ready, move |&ready| {
            let listener = ready.then(|| {
                let hosted = desk.hosted.clone();
                EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    let (desk, hosted) = (desk.clone(), hosted.clone());
                    wasm_bindgen_futures::spawn_local(
                        async move { take_link(&desk, hosted).await },
                    );
                })
            });
            move || drop(listener)
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
                    Ok(text) => open_file(&desk, &name, &text),
                    Err(why) => {
                        desk.dispatch(Change::new(move |next: &mut Desk| {
                            next.review = None;
                            next.said = Some(Said {
                                problem: true,
                                text: if why.starts_with(&name) {
                                    why
                                } else {
                                    format!("{name}: error: the file could not be read ({why})")
                                },
                            });
                        }));
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
                        desk.dispatch(Change::new(move |next: &mut Desk| {
                            next.said = Some(Said {
                                problem: true,
                                text: format!("pasted text: error: {why}"),
                            });
                        }));
                    }
                    None => open_file(&desk, "pasted text", &text),
                }
            }
        })
    };
    // Keeps the file under review; then, if asked, opens it in the app. A conversation
    // under way on an older version is set aside by the library, which says why, as for
    // any edited scenario.
    let keep = {
        let desk = desk.clone();
        Callback::from(move |play: bool| {
            let Some(r) = desk.review.clone() else { return };
            let (Some(id), Keep::Yes { .. }) = (r.id.clone(), &r.keep) else {
                return;
            };
            let kept = storage::set(&authoring::keep_key(&id), &r.text);
            if kept {
                if desk.from_link {
                    forget_link();
                }
                if play {
                    let _ = gloo::utils::window()
                        .location()
                        .set_href(&format!("{TOP}#/play/{id}"));
                }
            }
            desk.dispatch(Change::new(move |next: &mut Desk| {
                if !kept {
                    next.said = Some(Said {
                        problem: true,
                        text: "It could not be kept: this browser\u{2019}s storage is full or switched off. Save the file and keep it yourself.".into(),
                    });
                    return;
                }
                next.from_link = false;
                next.kept = Rc::new(kept_now());
                next.said = Some(Said {
                    problem: false,
                    text: format!(
                        "\u{201c}{}\u{201d} is kept on this device: the library lists it under \u{201c}Your scenarios\u{201d}.",
                        r.title.clone().unwrap_or_else(|| id.to_string())
                    ),
                });
                next.review = Some(Rc::new(Review {
                    keep: Keep::Yes { replaces: true },
                    ..(*r).clone()
                }));
            }));
        })
    };
    let open_kept = {
        let desk = desk.clone();
        Callback::from(move |id: ScenarioId| {
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
            let removed = storage::remove(&authoring::keep_key(&item.id));
            if removed {
                kept::forget_all(&item.id);
            }
            desk.dispatch(Change::new(move |next: &mut Desk| {
                next.said = Some(if removed {
                    Said {
                        problem: false,
                        text: format!("\u{201c}{}\u{201d} was removed from this device.", item.title),
                    }
                } else {
                    Said {
                        problem: true,
                        text: "It could not be removed: this browser\u{2019}s storage is switched off.".into(),
                    }
                });
                next.kept = Rc::new(kept_now());
                // The file under review, if it is the one removed, may now be kept anew.
                if let Some(r) = next.review.clone() {
                    if r.id.as_ref() == Some(&item.id) {
                        next.review = Some(Rc::new(authoring::review(
                            &r.file,
                            &r.text,
                            &next.hosted,
                            &kept_ids(),
                        )));
                    }
                }
            }));
        })
    };

    let share = {
        let desk = desk.clone();
        Callback::from(move |_| {
            let Some(r) = desk.review.clone() else { return };
            let desk = desk.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let packed = packing::pack(&r.text).await;
                desk.dispatch(Change::new(move |next: &mut Desk| match packed {
                    Ok(packed) => {
                        next.share = Some(authoring::share_link(&page_address(), &packed))
                    }
                    Err(why) => {
                        next.said = Some(Said {
                            problem: true,
                            text: format!("No link could be made: {why}. Share the file instead."),
                        });
                        next.share = Some(Share::TooLong(0));
                    }
                }));
            });
        })
    };
    let copy = {
        let desk = desk.clone();
        Callback::from(move |link: String| {
            let desk = desk.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let copied = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link))
                    .await
                    .is_ok();
                desk.dispatch(Change::new(move |next: &mut Desk| {
                next.said = Some(if copied {
                    Said { problem: false, text: "The link is copied: paste it into an email or a chat.".into() }
                } else {
                    Said { problem: true, text: "This browser would not copy it: select the link above and copy it yourself.".into() }
                });
                }));
            });
        })
    };
    let save_file = {
        let desk = desk.clone();
        Callback::from(move |_| {
            let Some(r) = desk.review.clone() else { return };
            if let Err(why) = super::files::download(&authoring::file_name(&r), &r.text) {
                desk.dispatch(Change::new(move |next: &mut Desk| {
                    next.said = Some(Said {
                        problem: true,
                        text: format!("The file {why}."),
                    });
                }));
            }
        })
    };
    let decline = {
        let desk = desk.clone();
        Callback::from(move |_| {
            forget_link();
            desk.dispatch(Change::new(move |next: &mut Desk| {
                next.review = None;
                next.from_link = false;
                next.said = Some(Said {
                    problem: false,
                    text: "Nothing was added.".into(),
                });
            }));
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
                    <p>{ "A scenario file (.toml), or a Twine story to import: Twee (.twee), or Twine\u{2019}s published or archive HTML." }</p>
                    <label class={classes!("button", "file", waiting.then_some("disabled"))}>
                        { "Open a scenario file" }
                        <input type="file" accept=".toml,.twee,.tw,.html,.htm,text/plain,text/html" disabled={waiting} onchange={on_file} />
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
                if let Some(archive) = &desk.archive {
                    { archive_view(archive, &desk) }
                }
                if let Some(i) = &desk.imported {
                    { imported_view(i, &save_file) }
                }
                if let Some(r) = &desk.review {
                    if desk.from_link {
                        { link_view(r, &keep, &decline) }
                    }
                    { review_view(r, &desk, &keep, &share, &copy, &save_file) }
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
                <WorkshopDesk scenarios={desk.hosted.clone()} loading={waiting} />
                <super::dashboard::Dashboard />
            </main>
        </>
    }
}

fn kept_row(k: &KeptItem, open: &Callback<ScenarioId>, remove: &Callback<KeptItem>) -> Html {
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

/// What a share link carries, and the question whether to add it.
fn link_view(r: &Review, keep: &Callback<bool>, decline: &Callback<MouseEvent>) -> Html {
    html! {
        <section class="shared" aria-labelledby="shared-title">
            <h2 id="shared-title">{ "A scenario shared with you by link" }</h2>
            <p>{ "It came in a link, not from this site. Here is what it is; it is added to this device only if you say so." }</p>
            <dl class="facts">
                <div><dt>{ "Title" }</dt><dd>{ r.title.clone().unwrap_or_else(|| "(none: the file could not be read)".into()) }</dd></div>
                if let Some(summary) = &r.summary {
                    <div><dt>{ "Summary" }</dt><dd>{ summary }</dd></div>
                }
                <div><dt>{ "Size" }</dt><dd>{ format!("{:.1} KB", r.text.len() as f64 / 1000.0) }</dd></div>
                <div><dt>{ "Check" }</dt><dd>{ r.verdict() }</dd></div>
            </dl>
            <div class="actions">
                { match &r.keep {
                    Keep::Yes { replaces } => html! {
                        <>
                            <button onclick={keep.reform(|_| false)}>{ if *replaces { "Add it, replacing the one kept" } else { "Add it to this device" } }</button>
                            <button class="secondary" onclick={keep.reform(|_| true)}>{ "Add and play" }</button>
                        </>
                    },
                    Keep::No(why) => html! { <p class="why-not">{ why }</p> },
                } }
                <button class="secondary" onclick={decline.clone()}>{ "Don\u{2019}t add it" }</button>
            </div>
        </section>
    }
}

fn review_view(
    r: &Review,
    desk: &Desk,
    keep: &Callback<bool>,
    share: &Callback<MouseEvent>,
    copy: &Callback<String>,
    save_file: &Callback<MouseEvent>,
) -> Html {
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
            // A file from a link is added (or not) above, with the person's consent.
            if !desk.from_link {
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
                    if r.play.is_some() {
                        <button class="secondary" onclick={share.clone()}>{ "Share by link" }</button>
                    }
                </div>
                { share_view(r, desk.share.as_ref(), copy, save_file) }
            }
        </section>
    }
}

/// The share link, or why there is none and the file instead.
fn share_view(
    r: &Review,
    share: Option<&Share>,
    copy: &Callback<String>,
    save_file: &Callback<MouseEvent>,
) -> Html {
    match share {
        None => html! {},
        Some(Share::Link(link)) => {
            let on_copy = {
                let (copy, link) = (copy.clone(), link.clone());
                Callback::from(move |_| copy.emit(link.clone()))
            };
            html! {
                <div class="share">
                    <label class="field" for="share-link">{ "Share link" }</label>
                    <input id="share-link" type="text" readonly=true value={link.clone()} onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() { input.select(); }
                    })} />
                    <p class="note">{ format!("The link carries the whole scenario ({} characters) after its #, which browsers never send to a server. Whoever opens it sees what it is and adds it only if they choose.", link.len()) }</p>
                    <div class="actions">
                        <button onclick={on_copy}>{ "Copy the link" }</button>
                        <button class="secondary" onclick={save_file.clone()}>{ format!("Save {}", authoring::file_name(r)) }</button>
                    </div>
                </div>
            }
        }
        Some(Share::TooLong(chars)) => html! {
            <div class="share">
                if *chars > 0 {
                    <p>{ format!("This scenario is too large for a link ({chars} characters; a link carries up to {}). Share the file instead: trainees open it on this page.", authoring::LINK_LIMIT) }</p>
                }
                <button onclick={save_file.clone()}>{ format!("Save {}", authoring::file_name(r)) }</button>
            </div>
        },
    }
}

/// The picker for an archive of several stories.
fn archive_view(archive: &Rc<(String, String, Vec<String>)>, desk: &DeskHandle) -> Html {
    let on_pick = {
        let (archive, desk) = (archive.clone(), desk.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(select) = gloo::utils::document()
                .get_element_by_id("story-pick")
                .and_then(|el| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(el).ok()
                })
            else {
                return;
            };
            let (name, text, _) = &*archive;
            import_story(&desk, name, text, Some(&select.value()));
        })
    };
    html! {
        <section class="archive" aria-labelledby="archive-title">
            <h2 id="archive-title">{ format!("{} holds {} stories", archive.0, archive.2.len()) }</h2>
            <form onsubmit={on_pick}>
                <label class="field" for="story-pick">{ "Import the story" }</label>
                <select id="story-pick">
                    { for archive.2.iter().map(|n| html! { <option value={n.clone()}>{ n }</option> }) }
                </select>
                <button type="submit">{ "Import" }</button>
            </form>
        </section>
    }
}

/// What importing a Twine story did and what is left to write.
fn imported_view(i: &Imported, save_file: &Callback<MouseEvent>) -> Html {
    html! {
        <section class="imported" aria-labelledby="imported-title">
            <h2 id="imported-title">{ format!("Imported from Twine: \u{201c}{}\u{201d}", i.story) }</h2>
            if !i.notes.is_empty() {
                <h3>{ "What the import changed" }</h3>
                <ul class="findings">
                    { for i.notes.iter().map(|n| html! {
                        <li class={if n.refused { "is-error" } else { "is-warning" }}>
                            <strong>{ if n.refused { "Left out" } else { "Changed" } }</strong>
                            { format!(" \u{b7} {}", place(n)) }
                            <p>{ crate::scenario::visible(&n.message) }</p>
                        </li>
                    }) }
                </ul>
            }
            <h3>{ "Still to write" }</h3>
            <ul>{ for i.to_write.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
            <p>{ "Save the scenario file, write these in any editor, and open it here again." }</p>
            <button onclick={save_file.clone()}>{ format!("Save {}.toml", i.id) }</button>
        </section>
    }
}

/// "passage “Opening”, line 24".
fn place(n: &twine::Note) -> String {
    let passage = crate::scenario::visible(&n.passage);
    match (passage.is_empty(), n.line) {
        (true, 0) => "the story".into(),
        (true, l) => format!("line {l}"),
        (false, 0) => format!("passage \u{201c}{passage}\u{201d}"),
        (false, l) => format!("passage \u{201c}{passage}\u{201d}, line {l}"),
    }
}
