//! The library: the site's scenarios, then a trainer's own kept on this device.

use super::route::Route;
use crate::shelf::Card;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Library`].
#[derive(Properties)]
pub struct LibraryProps {
    /// The scenarios to list.
    pub cards: Rc<Vec<Card>>,
    /// The site's list of scenarios is still on its way.
    #[prop_or_default]
    pub loading: bool,
    /// Why the site's list of scenarios could not be read, if it could not.
    #[prop_or_default]
    pub problem: Option<String>,
    /// A problem to say above the list (a workshop link that cannot be used).
    #[prop_or_default]
    pub notice: Option<String>,
    /// The workshop this device joined: the cards are its scenarios.
    #[prop_or_default]
    pub room: Option<std::rc::Rc<super::room::Joined>>,
    /// Leaves the workshop.
    #[prop_or_default]
    pub on_leave: Callback<MouseEvent>,
    /// Called with the id of a kept scenario to remove from this device.
    pub on_remove: Callback<crate::ids::ScenarioId>,
    /// Past attempts, for best and last scores.
    pub history: crate::progress::History,
}

/// Never equal: the app makes new callbacks for these props whenever it draws, so they
/// would never compare equal anyway; comparing the rest first would only cost code.
impl PartialEq for LibraryProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// Lists the scenarios.
#[component]
pub fn Library(props: &LibraryProps) -> Html {
    let tag = use_state(String::new);
    let said = use_state(String::new);
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
    let (hosted, own): (Vec<&Card>, Vec<&Card>) = shown.into_iter().partition(|c| !c.own);
    html! {
        <main class="page" id="main">
            if let Some(n) = &props.notice {
                <p class="notice error" role="alert">{ n }</p>
            }
            if let Some(j) = &props.room {
                <h1>{ &j.workshop.name }</h1>
                <div class="joined">
                    <p>{ format!("You joined as {}. Your results stay on this device until you hand them in.", j.name) }</p>
                    { super::room::hand_in(&said) }
                    <button class="secondary" onclick={props.on_leave.clone()}>{ "Leave the workshop" }</button>
                </div>
            } else {
                <h1>{ "Choose a conversation" }</h1>
            }
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
                <p class="count" role="status">{ format!("{} of {} conversations", hosted.len() + own.len(), props.cards.len()) }</p>
                <ul class="cards">
                    { for hosted.into_iter().map(|c| card(c, &props.history, &props.on_remove)) }
                </ul>
                if !own.is_empty() {
                    <h2 class="own-title">{ "Your scenarios" }</h2>
                    <p>{ "Kept on this device from the trainer\u{2019}s page." }</p>
                    <ul class="cards">
                        { for own.into_iter().map(|c| card(c, &props.history, &props.on_remove)) }
                    </ul>
                }
                if props.room.is_none() {
                    <p class="trainer-link">
                        { "Trainers: check, keep and play your own scenario files in " }
                        <a href="trainer/">{ "the trainer\u{2019}s page" }</a>{ "." }
                    </p>
                }
            }
        </main>
    }
}

fn card(
    s: &Card,
    history: &crate::progress::History,
    on_remove: &Callback<crate::ids::ScenarioId>,
) -> Html {
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
            // A kept file that cannot be read has nothing to tell but its problem.
            if s.minutes > 0 {
                <p>{ &s.summary }</p>
                <dl class="facts compact">
                    <div><dt>{ "You are" }</dt><dd>{ &s.role }</dd></div>
                    <div><dt>{ "With" }</dt><dd>{ &s.with }</dd></div>
                    <div><dt>{ "Time" }</dt><dd>{ format!("about {} min", s.minutes) }</dd></div>
                    <div><dt>{ "Level" }</dt><dd>{ s.level }</dd></div>
                </dl>
            }
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
            if s.own && s.problems.is_some() {
                // It cannot be played: say so, and let it be removed.
            } else if let Some(replies) = super::kept::replies(&s.id) {
                <p class="unfinished">{ format!("Unfinished: you left it {} in.", count(replies, "reply", "replies")) }</p>
                <div class="actions">
                    <a class="button" href={href.clone()} aria-label={format!("Resume \u{201c}{}\u{201d}", s.title)}>{ "Resume" }</a>
                    <a class="button secondary" {href} onclick={
                        let id = s.id.clone();
                        Callback::from(move |_| super::kept::start_afresh(&id))
                    } aria-label={format!("Start \u{201c}{}\u{201d} afresh", s.title)}>{ "Start afresh" }</a>
                </div>
            } else {
                <a class="button" href={href} aria-label={format!("Play \u{201c}{}\u{201d}", s.title)}>{ "Play" }</a>
            }
            if s.own {
                <button class="secondary" aria-label={format!("Remove \u{201c}{}\u{201d} from this device", s.title)} onclick={
                    let (id, on_remove) = (s.id.clone(), on_remove.clone());
                    Callback::from(move |_| on_remove.emit(id.clone()))
                }>{ "Remove" }</button>
            }
        </li>
    }
}

/// "1 reply", "3 replies".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
