//! Component tests in headless Chromium: the app renders, lists the scenarios and plays.
#![cfg(target_arch = "wasm32")]

use attune::builtin;
use attune::web::{App, Play, Route};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, so tests never share the runner's own.
fn mount_point() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::scheduler::flush().await;
    gloo::timers::future::sleep(Duration::from_millis(20)).await;
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_library_lists_every_shipped_scenario() {
    gloo::utils::window().location().set_hash("#/").unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    let titles: Vec<String> = (0..root.query_selector_all(".card h2").unwrap().length())
        .map(|i| {
            root.query_selector_all(".card h2")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    let expected: Vec<String> = builtin::scenarios().into_iter().map(|s| s.title).collect();
    assert_eq!(titles, expected);
    let first_link = root.query_selector(".card a.button").unwrap().unwrap();
    assert_eq!(
        first_link.get_attribute("href").unwrap(),
        Route::Play(builtin::scenarios()[0].id.clone()).hash()
    );
}

#[wasm_bindgen_test]
async fn the_conversation_shows_lines_as_spoken_and_replies_as_buttons() {
    let scenario = Rc::new(
        builtin::scenarios()
            .into_iter()
            .find(|s| s.id == "yes-and")
            .unwrap(),
    );
    let root = mount_point();
    yew::Renderer::<Play>::with_root_and_props(
        root.clone(),
        attune::web::play::PlayProps {
            scenario: scenario.clone(),
            on_finish: Default::default(),
        },
    )
    .render();
    settle().await;
    // The first sentence has begun; the last has not yet.
    let text = root.text_content().unwrap();
    assert!(text.contains(&scenario.beats[0].lines[0].text), "{text}");
    assert!(
        !text.contains(&scenario.beats[0].lines[2].text),
        "lines arrive at speaking pace"
    );
    assert!(root
        .query_selector(".transcript[aria-live=polite]")
        .unwrap()
        .is_some());
    let buttons = root.query_selector_all("button.choice").unwrap();
    assert_eq!(buttons.length() as usize, scenario.beats[0].choices.len());
    // Replying now cuts in; the transcript says so.
    let first: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(buttons.item(0).unwrap()).unwrap();
    first.click();
    settle().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("(you cut in)"), "{text}");
}
