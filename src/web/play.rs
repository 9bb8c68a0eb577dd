//! The conversation: the other person speaks at their pace; the trainee replies by tapping.

use super::{kept, new_seed, now_ms, storage};
use crate::decimal::fixed;
use crate::engine::{Action, EngineError, Event, Session, Speaker};
use crate::scenario::Scenario;
pub use crate::view::Mode;
use crate::view::{Follow, PlayView};
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use std::rc::Rc;
use yew::prelude::*;

/// How often time is passed to the engine, in milliseconds.
const TICK_MS: u32 = 150;

/// Props for [`Play`].
#[derive(Properties, PartialEq)]
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

/// The session's clock: it goes on from the session's own time (a conversation taken up
/// after a reload goes on from the moment it was kept), runs at the trainee's reading
/// pace, and jumps ahead when they skip to the end of what is being said.
#[derive(Clone, Copy, Debug)]
struct Clock {
    /// A moment on the page's clock, and the session's time then.
    page: f64,
    session: u64,
    /// Session milliseconds per page millisecond.
    rate: f64,
}

impl Clock {
    fn now(self) -> u64 {
        self.session + ((now_ms() as f64 - self.page).max(0.0) * self.rate) as u64
    }

    /// The same clock, from now on at `rate`.
    fn at_rate(self, rate: f64) -> Clock {
        Clock {
            page: now_ms() as f64,
            session: self.now(),
            rate,
        }
    }

    /// The clock moved on to `to` (never back).
    fn moved_to(self, to: u64) -> Clock {
        Clock {
            page: now_ms() as f64,
            session: self.now().max(to),
            rate: self.rate,
        }
    }
}

/// The clock as the view and its callbacks share it.
type SharedClock = Rc<std::cell::Cell<Clock>>;

/// How fast the other person speaks, for the trainee's reading pace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Slower,
    Usual,
    Faster,
}

impl Pace {
    /// Each pace with its label.
    const ALL: [(Pace, &'static str); 3] = [
        (Pace::Slower, "Slower"),
        (Pace::Usual, "Usual"),
        (Pace::Faster, "Faster"),
    ];

    /// The word it is saved as.
    fn word(self) -> &'static str {
        match self {
            Pace::Slower => "slower",
            Pace::Usual => "usual",
            Pace::Faster => "faster",
        }
    }

    /// Session time per page time: slower gives 40% more time to read each line.
    fn rate(self) -> f64 {
        match self {
            Pace::Slower => 1.0 / 1.4,
            Pace::Usual => 1.0,
            Pace::Faster => 1.4,
        }
    }
}

const PACE_KEY: &str = "attune.pace";

fn load_pace() -> Pace {
    let saved = storage::get(PACE_KEY);
    Pace::ALL
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| saved.as_deref() == Some(p.word()))
        .unwrap_or(Pace::Usual)
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
    let mode = use_state(load_mode);
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
        let (keep, unkept) = (props.keep, unkept.clone());
        use_effect_with(state.step, move |_| {
            if !events.is_empty() {
                unkept.set(!kept::keep(&scenario, &session, keep));
            }
            on_under_way.emit(session.resumable(&scenario));
            if events.iter().any(|e| matches!(e, Event::Ended { .. })) {
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
                    { utterance(u, partner) }
                    if let Some(h) = &u.heard_as { <li class="heard-as">{ h }</li> }
                    if let Some(n) = &u.coach { <li class="coach-note">{ n }</li> }
                </>
            }
        })
        .collect();

    let backchannel = {
        let dispatcher = state.dispatcher();
        let at = at.clone();
        Callback::from(move |_| dispatcher.dispatch(Action::Backchannel { at_ms: at() }))
    };
    // Replies given so far: each reply names the moment it answers, so a double tap or a
    // second Enter is refused by the engine instead of answering a line not yet heard.
    let (turn, open) = (view.turn, view.open);
    let say = {
        let dispatcher = state.dispatcher();
        let at = at.clone();
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::Say {
                text,
                turn,
                at_ms: at(),
            })
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
                let dispatcher = state.dispatcher();
                let at = at.clone();
                Callback::from(move |_| {
                    dispatcher.dispatch(Action::Start {
                        seed: new_seed(),
                        at_ms: at(),
                    })
                })
            };
            let restart = {
                let dispatcher = state.dispatcher();
                let at = at.clone();
                Callback::from(move |turn: usize| {
                    dispatcher.dispatch(Action::RestartFrom { turn, at_ms: at() })
                })
            };
            html! {
                <>
                    <div class="after">{ partner_row(Html::default()) }</div>
                    <super::debrief::Debrief scenario={state.scenario.clone()} session={session.clone()} on_again={again} on_restart={restart} />
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
                            let dispatcher = state.dispatcher();
                            let at = at.clone();
                            let index = *index;
                            // The reply names the moment it answers; a second tap is refused.
                            let onclick = Callback::from(move |_| dispatcher.dispatch(Action::Reply { choice: index, turn, at_ms: at() }));
                            // Inert for a moment after a reply, so a tap meant for the last
                            // one cannot land on a new reply sliding under the finger.
                            html! { <li><button class="choice" {onclick} disabled={!open}>{ text }</button></li> }
                        }) }
                    </ul>
                    <OwnWords on_say={say} {open} />
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
                { radios("mode", "Feedback", &[(Mode::Coach, "After each reply (coach)"), (Mode::Assessment, "At the end (assessment)")], *mode, {
                    let mode = mode.clone();
                    Callback::from(move |m| { save_mode(m); mode.set(m); })
                }) }
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

thread_local! {
    /// Where the page was last scrolled to, to show a new line.
    static FOLLOWED_TO: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Scrolls the newest line into view, unless (when not `always`) the trainee has scrolled
/// up from where it was last put to reread. The reply area is the last thing on the page,
/// so scrolling to the bottom shows it in place with the newest line just above
/// (scrolling the line itself to the bottom would put it under the sticky replies).
fn follow_newest_line(always: bool) {
    let window = gloo::utils::window();
    let document = gloo::utils::document();
    let y = window.scroll_y().unwrap_or(0.0);
    // More than a line's height up from where the last line was shown: rereading.
    if !always && y < FOLLOWED_TO.with(std::cell::Cell::get) - 48.0 {
        return;
    }
    let top_of = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|e| e.get_bounding_client_rect().top())
    };
    let bottom = document.document_element().map_or(0.0, |e| {
        f64::from(e.scroll_height()) - f64::from(e.client_height())
    });
    // On a small phone the replies can fill most of the screen: never scroll the start
    // of the newest line off the top to show all of them.
    let newest_top = top_of(".transcript > li:last-child").map(|top| top + y - 8.0);
    let target = newest_top.map_or(bottom, |top| bottom.min(top)).max(0.0);
    window.scroll_to_with_x_and_y(0.0, target);
    FOLLOWED_TO.with(|f| f.set(target));
    // Someone typing keeps their box: it stays above the keyboard as lines arrive.
    keep_reply_box_in_view();
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

/// Props for [`OwnWords`].
#[derive(Properties, PartialEq)]
pub struct OwnWordsProps {
    /// Called with the typed reply.
    pub on_say: Callback<String>,
    /// Whether a reply is taken now; while not, Enter keeps the text in the box.
    pub open: bool,
}

/// A box for replying in one's own words instead of tapping a reply.
#[component]
pub fn OwnWords(props: &OwnWordsProps) -> Html {
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                text.set(area.value());
            }
        })
    };
    // Sends the reply, unless it is blank or replies are not yet taken, and empties the box.
    let open = props.open;
    let send = {
        let text = text.clone();
        let on_say = props.on_say.clone();
        Callback::from(move |()| {
            if open && !text.trim().is_empty() {
                on_say.emit((*text).clone());
                text.set(String::new());
            }
        })
    };
    let onsubmit = {
        let send = send.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(());
        })
    };
    // An on-screen keyboard covers the lower part of the screen, or shrinks the page,
    // a moment after the box is focused: keep the box above it then and whenever the
    // visible area changes size while typing.
    let onfocus = Callback::from(move |_: FocusEvent| {
        gloo::timers::callback::Timeout::new(300, keep_reply_box_in_view).forget();
    });
    use_effect_with((), |()| {
        let window = gloo::utils::window();
        let target: web_sys::EventTarget = match window.visual_viewport() {
            Some(viewport) => viewport.into(),
            None => window.into(),
        };
        let listener = EventListener::new(&target, "resize", |_| keep_reply_box_in_view());
        move || drop(listener)
    });
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        // Enter sends; Shift+Enter makes a new line.
        if e.key() == "Enter" && !e.shift_key() {
            e.prevent_default();
            send.emit(());
        }
    });
    let room = crate::analyzer::room_note(text.chars().count());
    html! {
        <form class="own-words" {onsubmit}>
            <label for="own-words" class="visually-hidden">{ "Or say it in your own words" }</label>
            <div class="own-row">
                <textarea id="own-words" value={(*text).clone()}
                    {oninput} {onfocus} {onkeydown}
                    maxlength={crate::analyzer::MAX_REPLY_CHARS.to_string()}
                    aria-describedby="own-words-room"
                    rows="1" placeholder="Or in your own words\u{2026}" />
                <button type="submit" disabled={!open || text.trim().is_empty()}>{ "Say it" }</button>
            </div>
            <p id="own-words-room" class="room" aria-live="polite">{ room.unwrap_or_default() }</p>
        </form>
    }
}

/// If the trainee is typing in the reply box, scrolls the page just enough that the
/// box and its button are inside the visible area: above an on-screen keyboard whether
/// it shrinks the page (`interactive-widget=resizes-content`) or lies over it.
fn keep_reply_box_in_view() {
    let document = gloo::utils::document();
    let typing = document.active_element().filter(|e| e.id() == "own-words");
    let Some(form) = typing.and_then(|e| e.closest("form").ok().flatten()) else {
        return;
    };
    let window = gloo::utils::window();
    let (top, bottom) = match window.visual_viewport() {
        Some(v) => (v.offset_top(), v.offset_top() + v.height()),
        None => (
            0.0,
            window
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0),
        ),
    };
    let rect = form.get_bounding_client_rect();
    let margin = 8.0;
    if rect.bottom() > bottom {
        window.scroll_by_with_x_and_y(0.0, rect.bottom() - bottom + margin);
    } else if rect.top() < top {
        window.scroll_by_with_x_and_y(0.0, rect.top() - top - margin);
    }
}

/// Draws the other person's face ([`crate::face`] decides its shape). Decorative: their
/// mood is also said in words. A reply that moved their mood makes it move for a moment,
/// warmer or colder; `moment` (a count of replies and back-channels) makes the movement
/// play again each time.
fn face(f: &crate::face::Face, landing: Option<crate::face::Landing>, moment: u32) -> Html {
    use crate::face::Landing;
    let at = |v: f64| fixed(v, 1);
    let eye_y = 29.0 + f.look_down;
    let mouth = format!(
        "M 22 {c} Q 32 {m} 42 {c}",
        c = at(f.mouth_corners),
        m = at(f.mouth_middle)
    );
    let (inner, outer) = (at(f.brow_inner), at(f.brow_outer));
    let left = format!("M 18 {outer} L 27 {inner}");
    let right = format!("M 46 {outer} L 37 {inner}");
    let flush = format!("rgba(200, 80, 60, {})", fixed(f.flush, 2));
    let blush = fixed(f.blush, 2);
    let moved = match landing {
        Some(Landing::Warmer) => Some("warmer"),
        Some(Landing::Colder) => Some("colder"),
        None => None,
    };
    html! {
        <svg key={moment.to_string()} class={classes!("face", moved)} viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false">
            <circle cx="32" cy="32" r="29" class="skin" />
            <circle cx="32" cy="32" r="29" fill={flush} />
            <circle cx="17" cy="40" r="5" class="blush" opacity={blush.clone()} />
            <circle cx="47" cy="40" r="5" class="blush" opacity={blush} />
            <path d={left} class="brow" />
            <path d={right} class="brow" />
            <circle cx="24" cy={at(eye_y)} r={at(f.eye)} class="eye" />
            <circle cx="40" cy={at(eye_y)} r={at(f.eye)} class="eye" />
            if f.mouth_open > 0.0 {
                <ellipse cx="32" cy={at(f.mouth_middle)} rx="4" ry={at(f.mouth_open / 2.0)} class="mouth-open" />
            } else {
                <path d={mouth} class="mouth" />
            }
        </svg>
    }
}

const READ_ALOUD_KEY: &str = "attune.readAloud";

fn load_flag(key: &str) -> bool {
    storage::get(key).is_some_and(|v| v == "on")
}

fn save_flag(key: &str, on: bool) {
    storage::set(key, if on { "on" } else { "off" });
}

/// The browser's speech synthesis, where it has one.
fn speech() -> Option<web_sys::SpeechSynthesis> {
    let window = gloo::utils::window();
    let has = js_sys::Reflect::has(&window, &"speechSynthesis".into()).unwrap_or(false);
    if has {
        window.speech_synthesis().ok()
    } else {
        None
    }
}

/// Says a line, preferring an English voice that runs on the device (network voices fail offline).
fn speak(synth: &web_sys::SpeechSynthesis, text: &str) {
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    let voices = synth.get_voices();
    let local: Vec<web_sys::SpeechSynthesisVoice> = (0..voices.length())
        .filter_map(|i| {
            wasm_bindgen::JsCast::dyn_into::<web_sys::SpeechSynthesisVoice>(voices.get(i)).ok()
        })
        .filter(|v| v.local_service())
        .collect();
    if let Some(v) = local
        .iter()
        .find(|v| v.lang().starts_with("en"))
        .or(local.first())
    {
        utterance.set_voice(Some(v));
    }
    synth.speak(&utterance);
}

const MODE_KEY: &str = "attune.mode";

fn load_mode() -> Mode {
    match storage::get(MODE_KEY).as_deref() {
        Some("assessment") => Mode::Assessment,
        _ => Mode::Coach,
    }
}

fn save_mode(m: Mode) {
    storage::set(
        MODE_KEY,
        if m == Mode::Coach {
            "coach"
        } else {
            "assessment"
        },
    );
}

fn utterance(u: &crate::view::Shown, partner: &str) -> Html {
    let (class, who) = match u.speaker {
        Speaker::Partner => ("line partner", partner),
        Speaker::Trainee => ("line trainee", "You"),
    };
    html! {
        <li class={classes!(class, u.note.is_some().then_some("overlapped"), u.aside.then_some("aside"))}>
            <span class="who">{ who }</span>
            <span class="text">{ &u.text }</span>
            if let Some(n) = u.note { <span class="note">{ n }</span> }
        </li>
    }
}
