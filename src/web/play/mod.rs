//! The conversation: the other person speaks at their pace; the trainee replies by tapping.
//!
//! The page and its parts: the face (`face`), the transcript (`transcript`), the box for
//! one's own words (`reply`), and reading aloud (`speech`).

pub mod face;
pub mod reply;
pub mod speech;
pub mod transcript;

use super::clock::{new_seed, now_ms, Clock, SharedClock};
use super::dispatch::dispatching;
use super::settings::{
    load_flag, load_mode, load_pace, save_flag, save_mode, Pace, PACE_KEY, READ_ALOUD_KEY,
};
use super::{kept, storage};
use crate::engine::{Action, EngineError, Event, Session};
use crate::scenario::Scenario;
pub use crate::view::Mode;
use crate::view::{Follow, PlayView};
use face::face;
use gloo::timers::callback::Interval;
use reply::OwnWords;
use speech::{speak, speech};
use std::rc::Rc;
use transcript::{follow_newest_line, utterance};
use yew::prelude::*;

/// How often time is passed to the engine, in milliseconds.
const TICK_MS: u32 = 150;

/// Props for [`Play`].
#[derive(Properties)]
pub struct PlayProps {
    /// The scenario to play.
    pub scenario: Rc<Scenario>,
    /// Called once with the record of each finished playthrough.
    #[prop_or_default]
    pub on_finish: Callback<crate::progress::Attempt>,
    /// Keep the conversation on the device as it goes, and take up one kept before (a
    /// hosted scenario; a trainer's own file is gone when the page closes).
    #[prop_or_default]
    pub keep: bool,
    /// Called with whether a conversation is under way (leaving would interrupt it).
    #[prop_or_default]
    pub on_under_way: Callback<bool>,
    /// In a workshop, what the room fixes: the feedback mode, and whether replies in
    /// one's own words are offered.
    #[prop_or_default]
    pub room: Option<(Mode, bool)>,
}

/// Never equal: the app makes new callbacks for these props whenever it draws, so they
/// would never compare equal anyway; comparing the rest first would only cost code.
impl PartialEq for PlayProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The state behind the view: the scenario, the session, what the last action did, and
/// the last refusal.
#[derive(Clone, PartialEq)]
pub struct PlayState {
    pub scenario: Rc<Scenario>,
    pub session: Session,
    pub error: Option<String>,
    /// What the last action did, and how many actions have been applied: effects react
    /// to these once each.
    pub events: Rc<Vec<Event>>,
    pub step: u64,
    /// Why a conversation kept on the device could not be taken up, if one could not.
    pub notice: Option<String>,
}

impl PlayState {
    /// A new playthrough.
    pub fn new(scenario: Rc<Scenario>, seed: u64, at_ms: u64) -> Self {
        let session = Session::new(&scenario, seed, at_ms);
        PlayState {
            scenario,
            session,
            error: None,
            events: Rc::default(),
            step: 0,
            notice: None,
        }
    }

    /// The conversation kept on the device for this scenario, taken up where it was, or
    /// a new one (saying why, when a kept one could not be taken up).
    fn open(scenario: Rc<Scenario>, keep: bool) -> Self {
        let taken = if keep {
            kept::take_up(&scenario)
        } else {
            Ok(None)
        };
        match taken {
            // Taken up: effects react as to a beginning (the newest line is scrolled to).
            Ok(Some(session)) => PlayState {
                session,
                events: Rc::new(vec![Event::Began]),
                ..PlayState::new(scenario, 0, 0)
            },
            Ok(None) => PlayState::new(scenario, new_seed(), now_ms()),
            Err(notice) => PlayState {
                notice: Some(notice),
                ..PlayState::new(scenario, new_seed(), now_ms())
            },
        }
    }
}

impl Reducible for PlayState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.session.step(&self.scenario, &action) {
            Ok((next, events)) => {
                // Time passing that changes nothing keeps the same state: no render.
                if matches!(action, Action::Tick { .. }) && events.is_empty() {
                    return self;
                }
                Rc::new(PlayState {
                    session: next,
                    error: None,
                    events: Rc::new(events),
                    step: self.step + 1,
                    ..(*self).clone()
                })
            }
            // A repeated tap or Enter is ignored, not shown as a fault.
            Err(EngineError::Stale { .. } | EngineError::Repeated { .. }) => self,
            Err(e) => Rc::new(PlayState {
                error: Some(e.to_string()),
                ..(*self).clone()
            }),
        }
    }
}

/// Plays one scenario from start to ending.
#[component]
pub fn Play(props: &PlayProps) -> Html {
    let room = props.room;
    let mode = use_state(|| room.map_or_else(load_mode, |r| r.0));
    let read_aloud = use_state(|| speech().is_some() && load_flag(READ_ALOUD_KEY));
    let state = {
        let scenario = props.scenario.clone();
        let keep = props.keep;
        use_reducer(move || PlayState::open(scenario, keep))
    };
    // What the screen shows, decided in the core.
    let view = PlayView::of(&state.scenario, &state.session, *mode, &state.events);
    // Whether a conversation under way could not be kept on the device.
    let unkept = use_state(|| false);
    let pace = use_state(load_pace);
    let clock: SharedClock = {
        let (session, rate) = (state.session.now_ms, pace.rate());
        (*use_memo((), move |()| {
            Rc::new(std::cell::Cell::new(Clock {
                page: now_ms() as f64,
                session,
                rate,
            }))
        }))
        .clone()
    };
    let at = {
        let clock = clock.clone();
        move || clock.get().now()
    };
    {
        let dispatcher = state.dispatcher();
        let at = at.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(TICK_MS, move || {
                dispatcher.dispatch(Action::Tick { at_ms: at() })
            });
            move || drop(interval)
        });
    }
    {
        // After each action: keep the conversation (or forget it once over), tell the app
        // whether one is under way, and record a playthrough once, when it ends.
        let scenario = state.scenario.clone();
        let session = state.session.clone();
        let events = state.events.clone();
        let on_finish = props.on_finish.clone();
        let on_under_way = props.on_under_way.clone();
        let (keep, unkept, room) = (props.keep, unkept.clone(), props.room.is_some());
        use_effect_with(state.step, move |_| {
            if !events.is_empty() {
                unkept.set(!kept::keep(&scenario, &session, keep));
            }
            on_under_way.emit(session.resumable(&scenario));
            if events.iter().any(|e| matches!(e, Event::Ended { .. })) {
                // In a workshop, its results are kept for handing in too.
                if room && !super::room::keep_result(&scenario, &session) {
                    unkept.set(true);
                }
                if let Some(a) = crate::progress::Attempt::from_session(
                    &scenario,
                    &session,
                    js_sys::Date::now() as u64,
                ) {
                    on_finish.emit(a);
                }
            }
        });
    }
    {
        // Leaving the view leaves nothing under way behind it.
        let on_under_way = props.on_under_way.clone();
        use_effect_with((), move |()| move || on_under_way.emit(false));
    }
    {
        // Read each line aloud as it begins (PlayView says what, and when to stop).
        let (say, hush) = (view.say.clone(), view.hush);
        use_effect_with((state.step, *read_aloud), move |(_, on)| {
            if let Some(synth) = speech() {
                if hush || !*on {
                    synth.cancel();
                }
                if let (true, Some(text)) = (*on, say) {
                    speak(&synth, &text);
                }
            }
        });
    }
    {
        // Keep the newest line in view, as PlayView says.
        let follow = view.follow;
        use_effect_with(state.step, move |_| match follow {
            Follow::Always => follow_newest_line(true),
            Follow::IfFollowing => follow_newest_line(false),
            Follow::No => {}
        });
    }

    let s = &state.scenario;
    let session = &state.session;
    let partner = &s.partner.name;
    let speaking = view.speaking;

    // What has been said, then the beat in progress as far as it has got.
    let said: Vec<Html> = view
        .said
        .iter()
        .map(|u| {
            html! {
                <>
                    { utterance(u) }
                    if let Some(h) = &u.heard_as { <li class="heard-as">{ h }</li> }
                    if let Some(n) = &u.coach { <li class="coach-note">{ n }</li> }
                </>
            }
        })
        .collect();

    let backchannel = {
        let at = at.clone();
        dispatching(&state.dispatcher(), move |_| Action::Backchannel {
            at_ms: at(),
        })
    };
    // Replies given so far: each reply names the moment it answers, so a double tap or a
    // second Enter is refused by the engine instead of answering a line not yet heard.
    let (turn, open) = (view.turn, view.open);
    let say = {
        let at = at.clone();
        dispatching(&state.dispatcher(), move |text: String| Action::Say {
            text,
            turn,
            at_ms: at(),
        })
    };
    // Who they are and how they seem, kept beside the replies so both are in view
    // at the moment of choosing; the back-channel sits here, as it is for while they speak.
    let partner_row = |backchannel: Html| {
        html! {
            <div class="partner-row">
                { face(&view.face, view.landing, view.moment) }
                <div class="partner-state">
                    <p class="mood" aria-live="polite">{ &view.mood }</p>
                    <p class="speaking" aria-hidden="true" hidden={!speaking}>
                        { "Still speaking" }<span class="dots"><span/><span/><span/></span>
                    </p>
                </div>
                { backchannel }
            </div>
        }
    };
    let controls = match view.ended {
        true => {
            let again = {
                let at = at.clone();
                dispatching(&state.dispatcher(), move |()| Action::Start {
                    seed: new_seed(),
                    at_ms: at(),
                })
            };
            let restart = {
                let at = at.clone();
                dispatching(&state.dispatcher(), move |turn: usize| {
                    Action::RestartFrom { turn, at_ms: at() }
                })
            };
            html! {
                <>
                    <div class="after">{ partner_row(Html::default()) }</div>
                    <super::debrief::Debrief scenario={state.scenario.clone()} session={session.clone()} on_again={again} on_restart={restart} hand_in={room.is_some()} />
                </>
            }
        }
        false => {
            html! {
                <section class="controls" aria-label="Your reply">
                    { partner_row(html! {
                        <>
                            <button class="backchannel" onclick={backchannel} disabled={!speaking}
                                aria-label={format!("Mm-hm: show {partner} you are listening, without taking the floor")}>
                                { "Mm-hm" }
                            </button>
                            if let Some(to) = view.skip_to {
                                <button class="backchannel secondary" onclick={
                                    let (clock, dispatcher) = (clock.clone(), state.dispatcher());
                                    Callback::from(move |_| {
                                        clock.set(clock.get().moved_to(to));
                                        dispatcher.dispatch(Action::Tick { at_ms: clock.get().now() });
                                    })
                                } aria-label={format!("Skip ahead: read the rest of what {partner} is saying now")}>
                                    { "Skip ahead" }
                                </button>
                            }
                        </>
                    }) }
                    <h2 class="visually-hidden">{ "Your replies" }</h2>
                    <ul class="choices">
                        { for view.replies.iter().map(|(index, text)| {
                            let at = at.clone();
                            let index = *index;
                            // The reply names the moment it answers; a second tap is refused.
                            let onclick = dispatching(&state.dispatcher(), move |_| Action::Reply { choice: index, turn, at_ms: at() });
                            // Inert for a moment after a reply, so a tap meant for the last
                            // one cannot land on a new reply sliding under the finger.
                            html! { <li><button class="choice" {onclick} disabled={!open}>{ text }</button></li> }
                        }) }
                    </ul>
                    if room.is_none_or(|r| r.1) {
                        <OwnWords on_say={say} {open} />
                    }
                </section>
            }
        }
    };

    html! {
        <main class="page play" id="main">
            <div class="play-head">
                <h1>{ &s.title }</h1>
                // The role as the author wrote it ("IT support lead", not "the iT support lead").
                <p class="setting">{ sentence(&s.setting) }{ " Your role: " }{ sentence(&s.trainee_role) }</p>
                if speech().is_some() {
                    <label class="choice-inline read-aloud">
                        <input type="checkbox" checked={*read_aloud} onchange={
                            let read_aloud = read_aloud.clone();
                            Callback::from(move |_| { let on = !*read_aloud; save_flag(READ_ALOUD_KEY, on); read_aloud.set(on); })
                        } />
                        { format!("Read {partner}'s lines aloud") }
                    </label>
                }
                if room.is_none() {
                    { radios("mode", "Feedback", &[(Mode::Coach, "After each reply (coach)"), (Mode::Assessment, "At the end (assessment)")], *mode, {
                        let mode = mode.clone();
                        Callback::from(move |m| { save_mode(m); mode.set(m); })
                    }) }
                }
                { radios("pace", "Reading pace", &Pace::ALL, *pace, {
                    let (pace, clock) = (pace.clone(), clock.clone());
                    Callback::from(move |p: Pace| {
                        storage::set(PACE_KEY, p.word());
                        clock.set(clock.get().at_rate(p.rate()));
                        pace.set(p);
                    })
                }) }
            </div>
            <ol class="transcript" aria-live="polite" aria-relevant="additions" aria-label="Conversation">
                { for said }
            </ol>
            if let Some(n) = &state.notice {
                <p class="notice error" role="alert">{ n }</p>
            }
            if *unkept {
                <p class="notice error" role="alert">{ "This conversation cannot be kept on this device (the browser\u{2019}s storage is full or switched off): closing or reloading the page will lose it." }</p>
            }
            if let Some(e) = &state.error {
                <p class="notice error" role="alert">{ e }</p>
            }
            { controls }
        </main>
    }
}

/// A setting as a group of radio buttons: each option with its label, the one chosen
/// checked, `on` called with the option chosen.
fn radios<T: Copy + PartialEq + 'static>(
    name: &'static str,
    legend: &'static str,
    options: &[(T, &'static str)],
    current: T,
    on: Callback<T>,
) -> Html {
    html! {
        <fieldset class="mode">
            <legend>{ legend }</legend>
            { for options.iter().map(|&(value, label)| {
                let onchange = on.reform(move |_| value);
                html! {
                    <label class="choice-inline">
                        <input type="radio" {name} checked={current == value} {onchange} />
                        { label }
                    </label>
                }
            }) }
        </fieldset>
    }
}

/// The text with a full stop, unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}
