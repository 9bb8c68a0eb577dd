//! The debrief: the ending, the scores, and every reply with what helped or hurt and why.

use super::route::Route;
use crate::debrief::{signal_line, DebriefView, Mark};
use crate::engine::Session;
use crate::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Debrief`]. They never compare equal: the debrief is drawn again whenever
/// the conversation page is (rarely, once a conversation is over), which costs less than
/// comparing two whole sessions, and less code.
#[derive(Properties)]
pub struct DebriefProps {
    pub scenario: Rc<Scenario>,
    pub session: Session,
    /// Play again from the start.
    pub on_again: Callback<()>,
    /// Go back to just before reply number `turn` and answer again.
    pub on_restart: Callback<usize>,
    /// In a workshop: offer to hand the results in.
    pub hand_in: bool,
}

impl PartialEq for DebriefProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// Shows how the conversation ended and what each reply did (see [`DebriefView`]).
#[component]
pub fn Debrief(props: &DebriefProps) -> Html {
    let said = use_state(String::new);
    let Some(view) = DebriefView::of(&props.scenario, &props.session) else {
        return html! { <p class="notice error" role="alert">{ "This conversation has no ending to show." }</p> };
    };
    let (ending, c) = (view.ending, &view.score);
    let again = {
        let cb = props.on_again.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="ending" aria-labelledby="ending-title">
            <p class={classes!("outcome", format!("outcome-{}", ending.outcome.word()))}>{ ending.outcome.label() }</p>
            <h2 id="ending-title" tabindex="-1">{ &ending.title }</h2>
            { for ending.debrief.split("\n\n").map(|p| html! { <p>{ p }</p> }) }
            <section class="scores" aria-label="Your scores">
                <dl class="facts big">
                    <div><dt>{ "Presence" }</dt><dd>{ format!("{} / 100", c.presence) }</dd></div>
                    <div><dt>{ "Listening" }</dt><dd>{ format!("{} / 100", c.listening) }</dd></div>
                    <div><dt>{ "Reflections to questions" }</dt><dd>{ &view.ratio }</dd></div>
                </dl>
                <dl class="facts">
                    { for c.fundamentals.iter().map(|f| html! {
                        <div><dt>{ f.fundamental.label() }</dt><dd>{ format!("{} / 100", f.score) }</dd></div>
                    }) }
                </dl>
            </section>
            <dl class="facts">
                <div><dt>{ "Replies" }</dt><dd>{ c.replies }</dd></div>
                <div><dt>{ "Times you cut in" }</dt><dd>{ c.interruptions }</dd></div>
                <div><dt>{ "Back-channels" }</dt><dd>{ view.backchannels }</dd></div>
            </dl>
            <div class="actions">
                <button class="button" onclick={again}>{ "Play again" }</button>
                <a class="button secondary" href={Route::Library.hash()}>{ "Back to the library" }</a>
                if props.hand_in { { super::room::hand_in(&said) } }
            </div>
            <h3>{ "Your replies, one by one" }</h3>
            <ol class="review">
                { for view.replies.iter().enumerate().map(|(i, r)| {
                    let restart = {
                        let cb = props.on_restart.clone();
                        Callback::from(move |_| cb.emit(i))
                    };
                    let t = r.turn;
                    html! {
                        <li class="reply">
                            <p class="said">
                                <span class="scores">{ format!("Presence {} \u{b7} listening {}", t.presence, t.listening) }</span>
                                if t.interrupted { <span class="note">{ " \u{b7} you cut in" }</span> }
                                if t.typed { <span class="note">{ " \u{b7} in your own words" }</span> }
                            </p>
                            <blockquote>{ marks(&r.parts) }</blockquote>
                            if let Some(note) = r.note { <p class="coach">{ note }</p> }
                            <ul class="signals">
                                { for t.signals.iter().map(signal_line).map(|line| html! {
                                    <li class={if line.helped { "good" } else { "bad" }}>
                                        <strong>{ line.label }</strong>
                                        { format!(" ({}): ", line.effect) }
                                        { &line.note }
                                    </li>
                                }) }
                            </ul>
                            if let Some(best) = r.stronger {
                                <p class="stronger"><strong>{ "A stronger reply here: " }</strong>{ best }</p>
                            }
                            <button class="button secondary small" onclick={restart}>
                                { "Try again from here" }<span class="visually-hidden">{ format!(" (reply {})", i + 1) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// A reply's words with each signal's words marked, good or bad (see [`marked`]).
pub fn marks(parts: &[(&str, Option<Mark>)]) -> Html {
    html! {
        { for parts.iter().map(|(text, mark)| match mark {
            Some(m) => html! {
                <mark class={if m.helped { "good" } else { "bad" }}>{ *text }<span class="visually-hidden">{ format!(" ({})", m.label) }</span></mark>
            },
            None => html! { { *text } },
        }) }
    }
}
