//! The reply area's box for replying in one's own words.

use gloo::events::EventListener;
use yew::prelude::*;

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
pub fn keep_reply_box_in_view() {
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
