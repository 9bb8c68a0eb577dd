//! Setting up a workshop, on the trainer's page: a name, the site's scenarios to offer,
//! the feedback mode for the room, whether attendees may type their own replies, and a
//! pass mark; the result is a link and a QR code to project. What the link holds, what
//! stops it being made and the QR code itself are decided by [`crate::workshop`].

use crate::ids::ScenarioId;
use crate::view::Mode;
use crate::workshop::{self, Qr, Workshop};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WorkshopDeskProps {
    /// The site's scenarios (id and title), in the library's order.
    pub scenarios: Rc<Vec<(ScenarioId, String)>>,
    /// Still fetching the site's index.
    pub loading: bool,
}

/// The address of the site's top (the library), from this page in `trainer/`.
fn site_address() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    web_sys::Url::new_with_base("../", &href)
        .map(|u| u.href())
        .unwrap_or(href)
}

/// What the form made: the workshop, its link and the QR code of the link.
#[derive(Clone, PartialEq)]
struct Made {
    workshop: Workshop,
    link: String,
    qr: Result<Qr, String>,
}

#[component]
pub fn WorkshopDesk(props: &WorkshopDeskProps) -> Html {
    let name = use_state(String::new);
    let chosen = use_state(Vec::<ScenarioId>::new);
    let mode = use_state(|| Mode::Coach);
    let typing = use_state(|| true);
    let pass = use_state(String::new);
    let problems = use_state(Vec::<String>::new);
    let made = use_state(|| None::<Rc<Made>>);
    let projecting = use_state(|| false);
    let said = use_state(|| None::<(bool, String)>);
    let close_button = use_node_ref();

    // Any change to the form takes the link away: a link on screen is always the form's.
    let changed = {
        let (made, problems) = (made.clone(), problems.clone());
        move || {
            made.set(None);
            problems.set(Vec::new());
        }
    };
    // A text field's input keeps its value in `state` (and takes the link away).
    let typed = |state: &UseStateHandle<String>| {
        let (state, changed) = (state.clone(), changed.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(input.value());
                changed();
            }
        })
    };
    let (on_name, on_pass) = (typed(&name), typed(&pass));
    let toggle = {
        let (chosen, changed, all) = (chosen.clone(), changed.clone(), props.scenarios.clone());
        Callback::from(move |id: ScenarioId| {
            let mut next: Vec<ScenarioId> = (*chosen).clone();
            if let Some(at) = next.iter().position(|c| *c == id) {
                next.remove(at);
            } else {
                next.push(id);
            }
            // Kept in the library's order, whatever order they were ticked in.
            next.sort_by_key(|c| all.iter().position(|(id, _)| id == c));
            chosen.set(next);
            changed();
        })
    };
    let on_make = {
        let (name, chosen, mode, typing, pass) = (
            name.clone(),
            chosen.clone(),
            mode.clone(),
            typing.clone(),
            pass.clone(),
        );
        let (problems, made, said) = (problems.clone(), made.clone(), said.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let pass_text = pass.trim();
            let pass_mark = if pass_text.is_empty() {
                Ok(None)
            } else {
                pass_text.parse::<u8>().map(Some)
            };
            let w = Workshop {
                name: name.trim().to_string(),
                scenarios: (*chosen).clone(),
                mode: *mode,
                typing: *typing,
                pass_mark: pass_mark.clone().unwrap_or(None),
            };
            let mut found = w.problems();
            // A number too large for a mark at all is as unusable as one over 100.
            if pass_mark.is_err() {
                found.push(workshop::PASS_MARK_PROBLEM.into());
            }
            said.set(None);
            if found.is_empty() {
                let link = w.link(&site_address());
                let qr = workshop::qr(&link);
                made.set(Some(Rc::new(Made {
                    workshop: w,
                    link,
                    qr,
                })));
                problems.set(Vec::new());
            } else {
                made.set(None);
                problems.set(found);
            }
        })
    };
    let on_copy = {
        let (made, said) = (made.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(m) = (*made).clone() else { return };
            let said = said.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let copied = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&m.link))
                    .await
                    .is_ok();
                said.set(Some(if copied {
                    (false, "The workshop link is copied.".into())
                } else {
                    (
                        true,
                        "This browser would not copy it: select the link and copy it yourself."
                            .into(),
                    )
                }));
            });
        })
    };
    let on_save_qr = {
        let (made, said) = (made.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(m) = (*made).clone() else { return };
            let Ok(qr) = &m.qr else { return };
            if let Err(why) = super::files::download("workshop-qr-code.svg", &qr.svg(1024)) {
                said.set(Some((true, format!("The QR code {why}."))));
            }
        })
    };
    let on_project = {
        let projecting = projecting.clone();
        Callback::from(move |_: MouseEvent| {
            // The whole screen where the browser allows it; the view fills the window anyway.
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.request_fullscreen();
            }
            projecting.set(true);
        })
    };
    let on_close = {
        let projecting = projecting.clone();
        Callback::from(move |_: ()| {
            let document = gloo::utils::document();
            if document.fullscreen_element().is_some() {
                document.exit_fullscreen();
            }
            projecting.set(false);
        })
    };
    {
        // The projected view takes the focus, so Escape and a screen reader find it.
        let close_button = close_button.clone();
        use_effect_with(*projecting, move |&on| {
            if on {
                if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }

    let scenarios = props.scenarios.iter().map(|(id, title)| {
        let on_change = toggle.reform({
            let id = id.clone();
            move |_| id.clone()
        });
        html! {
            <li>
                <label class="choice-inline">
                    <input type="checkbox" name="scenario" value={id.to_string()} checked={chosen.contains(id)} onchange={on_change} />
                    { title }
                </label>
            </li>
        }
    });
    let mode_radio = |value: Mode, label: &'static str| {
        let on_change = {
            let (mode, changed) = (mode.clone(), changed.clone());
            Callback::from(move |_: Event| {
                mode.set(value);
                changed();
            })
        };
        html! {
            <label class="choice-inline">
                <input type="radio" name="workshop-mode" checked={*mode == value} onchange={on_change} />
                { label }
            </label>
        }
    };
    let on_typing = {
        let (typing, changed) = (typing.clone(), changed.clone());
        Callback::from(move |_: Event| {
            typing.set(!*typing);
            changed();
        })
    };
    let qr_figure = |qr: &Qr, class: &'static str, label: String| {
        let view = format!("0 0 {0} {0}", qr.size);
        html! {
            <svg class={class} viewBox={view} role="img" aria-label={label} shape-rendering="crispEdges">
                <rect width={qr.size.to_string()} height={qr.size.to_string()} fill="#fff" />
                <path d={qr.path.clone()} fill="#000" />
            </svg>
        }
    };

    html! {
        <section class="workshop-desk" aria-labelledby="workshop-title">
            <h2 id="workshop-title">{ "Set up a workshop" }</h2>
            <p>{ "Make a link and a QR code for a room: attendees who open it see the workshop\u{2019}s name and only its scenarios, with the settings you choose here. Their results stay on their devices until they hand them in; bring the files they send you into Workshop results, below." }</p>
            <form class="workshop-form" onsubmit={on_make} novalidate=true>
                <label class="field-block" for="workshop-name">{ "Workshop name" }</label>
                <input id="workshop-name" type="text" maxlength={workshop::MAX_NAME.to_string()} autocomplete="off" value={(*name).clone()} oninput={on_name} />
                <fieldset>
                    <legend>{ "Scenarios" }</legend>
                    if props.loading {
                        <p role="status">{ "Loading the site\u{2019}s scenarios\u{2026}" }</p>
                    } else if props.scenarios.is_empty() {
                        <p>{ "This site lists no scenarios (its scenarios/index.toml could not be read)." }</p>
                    } else {
                        <ul class="scenario-picks">{ for scenarios }</ul>
                    }
                </fieldset>
                <fieldset class="mode">
                    <legend>{ "Feedback, the same for everyone" }</legend>
                    { mode_radio(Mode::Coach, "After each reply (coach)") }
                    { mode_radio(Mode::Assessment, "At the end (assessment)") }
                </fieldset>
                <label class="choice-inline">
                    <input type="checkbox" checked={*typing} onchange={on_typing} />
                    { "Attendees may type replies in their own words" }
                </label>
                <label class="field-block" for="workshop-pass">{ "Pass mark (0 to 100, optional)" }</label>
                <input id="workshop-pass" type="text" inputmode="numeric" autocomplete="off" value={(*pass).clone()} oninput={on_pass} aria-describedby="workshop-pass-note" />
                <p class="note" id="workshop-pass-note">{ "The mean of presence and listening an attempt needs to pass. Leave it empty for no pass mark." }</p>
                if !problems.is_empty() {
                    <div class="notice error" role="alert">
                        <ul class="problems">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                    </div>
                }
                <button type="submit">{ "Make the link and QR code" }</button>
            </form>
            <div role="status" class="workshop-said">
                if let Some((problem, text)) = &*said {
                    <p class={classes!("notice", if *problem { "error" } else { "ok" })}>{ text }</p>
                }
            </div>
            if let Some(m) = &*made {
                <div class="workshop-made">
                    <label class="field-block" for="workshop-link">{ "Workshop link" }</label>
                    <input id="workshop-link" type="text" readonly=true value={m.link.clone()} onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() { input.select(); }
                    })} />
                    <p class="note">{ format!(
                        "{} scenario{}, {} feedback, {}{}. Test it on a tablet before the session; once it has loaded there, it works without the network.",
                        m.workshop.scenarios.len(),
                        if m.workshop.scenarios.len() == 1 { "" } else { "s" },
                        if m.workshop.mode == Mode::Coach { "coach" } else { "assessment" },
                        if m.workshop.typing { "own words allowed" } else { "authored replies only" },
                        m.workshop.pass_mark.map_or(String::new(), |p| format!(", pass mark {p}")),
                    ) }</p>
                    { match &m.qr {
                        Ok(qr) => qr_figure(qr, "qr", format!("QR code of the link to the workshop \u{201c}{}\u{201d}", m.workshop.name)),
                        Err(why) => html! { <p class="notice error">{ format!("No QR code: {why}. Share the link instead.") }</p> },
                    } }
                    <div class="actions">
                        <button onclick={on_copy}>{ "Copy the workshop link" }</button>
                        if m.qr.is_ok() {
                            <button class="secondary" onclick={on_project}>{ "Show full screen" }</button>
                            <button class="secondary" onclick={on_save_qr}>{ "Save the QR code (SVG)" }</button>
                        }
                    </div>
                </div>
                if *projecting {
                    if let Ok(qr) = &m.qr {
                        <div class="projector" role="dialog" aria-modal="true" aria-labelledby="projector-title" onkeydown={
                            let on_close = on_close.clone();
                            Callback::from(move |e: KeyboardEvent| if e.key() == "Escape" { on_close.emit(()) })
                        }>
                            <h2 id="projector-title">{ &m.workshop.name }</h2>
                            { qr_figure(qr, "qr projected", "QR code of the workshop link: scan it to join".into()) }
                            <p class="projector-link">{ &m.link }</p>
                            <button ref={close_button} onclick={on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
                        </div>
                    }
                }
            }
        </section>
    }
}
