//! The debrief: the ending, the scores, and every reply with what helped or hurt and why.

use super::Route;
use crate::analyzer::Signal;
use crate::debrief::{score, signal_line, ConversationScore, RatioBand};
use crate::engine::Session;
use crate::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Debrief`].
#[derive(Properties, PartialEq)]
pub struct DebriefProps {
    pub scenario: Rc<Scenario>,
    pub session: Session,
    /// Play again from the start.
    pub on_again: Callback<()>,
    /// Go back to just before reply number `turn` and answer again.
    pub on_restart: Callback<usize>,
}

/// Shows how the conversation ended and what each reply did.
#[component]
pub fn Debrief(props: &DebriefProps) -> Html {
    let s = &props.scenario;
    let session = &props.session;
    let Some(ending) = session.ended().and_then(|id| s.ending(id)) else {
        return html! { <p class="notice error" role="alert">{ "This conversation has no ending to show." }</p> };
    };
    let c = score(&session.turns);
    let again = {
        let cb = props.on_again.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="ending" aria-labelledby="ending-title">
            <p class={classes!("outcome", format!("outcome-{}", ending.outcome.word()))}>{ ending.outcome.label() }</p>
            <h2 id="ending-title" tabindex="-1">{ &ending.title }</h2>
            { for ending.debrief.split("\n\n").map(|p| html! { <p>{ p }</p> }) }
            { scores(&c) }
            <dl class="facts">
                <div><dt>{ "Replies" }</dt><dd>{ session.turns.len() }</dd></div>
                <div><dt>{ "Times you cut in" }</dt><dd>{ c.interruptions }</dd></div>
                <div><dt>{ "Back-channels" }</dt><dd>{ session.partner.backchannels }</dd></div>
            </dl>
            <div class="actions">
                <button class="button" onclick={again}>{ "Play again" }</button>
                <a class="button secondary" href={Route::Library.hash()}>{ "Back to the library" }</a>
            </div>
            <h3>{ "Your replies, one by one" }</h3>
            <ol class="review">
                { for session.turns.iter().enumerate().map(|(i, t)| {
                    let restart = {
                        let cb = props.on_restart.clone();
                        Callback::from(move |_| cb.emit(i))
                    };
                    let beat = s.beat(&t.beat);
                    let chosen = beat.and_then(|b| b.choices.get(t.choice));
                    let stronger = crate::debrief::stronger_reply(s, session, i);
                    let authored_note = chosen.filter(|_| !t.typed).and_then(|c| c.feedback.clone());
                    html! {
                        <li class="reply">
                            <p class="said">
                                <span class="scores">{ format!("Presence {} \u{b7} listening {}", t.presence, t.listening) }</span>
                                if t.interrupted { <span class="note">{ " \u{b7} you cut in" }</span> }
                                if t.typed { <span class="note">{ " \u{b7} in your own words" }</span> }
                            </p>
                            <blockquote>{ highlighted(&t.text, &t.signals) }</blockquote>
                            if let Some(note) = authored_note { <p class="coach">{ note }</p> }
                            <ul class="signals">
                                { for t.signals.iter().map(signal_line).map(|line| html! {
                                    <li class={if line.helped { "good" } else { "bad" }}>
                                        <strong>{ line.label }</strong>
                                        { format!(" ({}): ", line.effect) }
                                        { line.note }
                                    </li>
                                }) }
                            </ul>
                            if let Some(best) = stronger {
                                <p class="stronger"><strong>{ "A stronger reply here: " }</strong>{ &best.text }</p>
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

/// The reply with each signal's words marked, good or bad; overlapping spans keep the first.
pub fn highlighted(text: &str, signals: &[Signal]) -> Html {
    let mut spans: Vec<(usize, usize, &Signal)> = signals
        .iter()
        .filter_map(|s| s.span.map(|(a, b)| (a, b, s)))
        .filter(|(a, b, _)| {
            a < b && *b <= text.len() && text.is_char_boundary(*a) && text.is_char_boundary(*b)
        })
        .collect();
    crate::lean::sort_small_by_key(&mut spans, |(a, b, _)| (*a, std::cmp::Reverse(*b)));
    let mut parts: Vec<Html> = Vec::new();
    let mut pos = 0;
    for (a, b, s) in spans {
        if a < pos {
            continue;
        }
        parts.push(html! { { &text[pos..a] } });
        let line = signal_line(s);
        let class = if line.helped { "good" } else { "bad" };
        parts.push(html! {
            <mark class={class}>{ &text[a..b] }<span class="visually-hidden">{ format!(" ({})", line.label) }</span></mark>
        });
        pos = b;
    }
    parts.push(html! { { &text[pos..] } });
    html! { <>{ for parts }</> }
}

fn scores(c: &ConversationScore) -> Html {
    let ratio = match (c.ratio_hundredths, c.ratio_band) {
        (Some(r), band) => format!(
            "{}.{:02} : 1 ({})",
            r / 100,
            r % 100,
            match band {
                RatioBand::Good => "good, by the MITI standard of 2:1",
                RatioBand::Fair => "fair; 2:1 is good",
                _ => "below the fair mark of 1:1",
            }
        ),
        (None, _) => format!("{} reflections, no questions", c.reflections),
    };
    html! {
        <section class="scores" aria-label="Your scores">
            <dl class="facts big">
                <div><dt>{ "Presence" }</dt><dd>{ format!("{} / 100", c.presence) }</dd></div>
                <div><dt>{ "Listening" }</dt><dd>{ format!("{} / 100", c.listening) }</dd></div>
                <div><dt>{ "Reflections to questions" }</dt><dd>{ ratio }</dd></div>
            </dl>
            <dl class="facts">
                { for c.fundamentals.iter().map(|f| html! {
                    <div><dt>{ f.fundamental.label() }</dt><dd>{ format!("{} / 100", f.score) }</dd></div>
                }) }
            </dl>
        </section>
    }
}
