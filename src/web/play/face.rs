//! The other person's face, drawn from what [`crate::face`] decides.

use crate::decimal::fixed;
use yew::prelude::*;

/// Draws the other person's face ([`crate::face`] decides its shape). Decorative: their
/// mood is also said in words. A reply that moved their mood makes it move for a moment,
/// warmer or colder; `moment` (a count of replies and back-channels) makes the movement
/// play again each time.
pub fn face(f: &crate::face::Face, landing: Option<crate::face::Landing>, moment: u32) -> Html {
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
