//! The transcript: what has been said, and keeping the newest line in view.

use super::reply::keep_reply_box_in_view;
use crate::engine::Speaker;
use yew::prelude::*;

thread_local! {
    /// Where the page was last scrolled to, to show a new line.
    static FOLLOWED_TO: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Scrolls the newest line into view, unless (when not `always`) the trainee has scrolled
/// up from where it was last put to reread. The reply area is the last thing on the page,
/// so scrolling to the bottom shows it in place with the newest line just above
/// (scrolling the line itself to the bottom would put it under the sticky replies).
pub fn follow_newest_line(always: bool) {
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

pub fn utterance(u: &crate::view::Shown) -> Html {
    let class = match u.speaker {
        Speaker::Partner => "line partner",
        Speaker::Trainee => "line trainee",
        Speaker::Narration => "line narration",
    };
    html! {
        <li class={classes!(class, u.note.is_some().then_some("overlapped"), u.aside.then_some("aside"))}>
            <span class="who">{ &u.who }</span>
            <span class="text">{ &u.text }</span>
            if let Some(n) = u.note { <span class="note">{ n }</span> }
        </li>
    }
}
