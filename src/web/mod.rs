//! The Yew web shell: maps DOM events to engine actions and session state to HTML.
//!
//! Laid out the Yew way: the app and its routes (`app`, `route`); pages and their
//! components (`library`, `play` with its face, transcript and reply area, `debrief`,
//! `progress`, `room` for a workshop; the about page is plain HTML, `assets/about.html`); hooks and helpers the components share (`clock`, `settings`,
//! `dispatch`, `storage`, `kept`, `fetch`, `files`, `packing`). The trainer's page
//! (`trainer`, with `workshop_desk`) is its own app. A module uses its
//! siblings; none imports from the module above it.

pub mod app;
pub mod clock;
pub mod dashboard;
pub mod debrief;
pub mod dispatch;
pub mod fetch;
pub mod files;
pub mod kept;
pub mod library;
pub mod packing;
pub mod play;
pub mod progress;
pub mod room;
pub mod route;
pub mod settings;
pub mod storage;
pub mod trainer;
pub mod workshop_desk;

pub use app::App;
pub use library::Library;
pub use play::Play;
pub use route::Route;

/// Mounts the app into `#app` (or the body when there is none).
pub fn start() {
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            // Replace the loading shell in the same task, so nothing blank is ever painted.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
