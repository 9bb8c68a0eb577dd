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

/// The analyzer's English data, as the app installs it once fetched.
fn english() {
    attune::analyzer::install_english(attune::analyzer::en::TEXT).unwrap();
}

/// The shelf the app builds from the shipped index.
fn shelf() -> attune::shelf::Shelf {
    let files: Vec<(String, Result<String, String>)> = builtin::FILES
        .iter()
        .map(|(n, t)| (n.to_string(), Ok(t.to_string())))
        .collect();
    let index = attune::catalog::index(&files, None).text;
    attune::shelf::Shelf::default().reduce(attune::shelf::ShelfAction::Listed(Ok(index)))
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let all = root.query_selector_all(selector).unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn kept_scenarios_are_listed_apart_and_remove_names_the_one_tapped() {
    english();
    let mini = include_str!("data/minimal.toml");
    let shelf = shelf().reduce(attune::shelf::ShelfAction::Kept(vec![
        (
            attune::authoring::keep_key(&"mini".into()),
            mini.to_string(),
        ),
        (
            attune::authoring::keep_key(&"broken".into()),
            "title = ".to_string(),
        ),
    ]));
    let cards = Rc::new(shelf.cards());
    let root = mount_point();
    let removed = Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let on_remove = {
        let removed = removed.clone();
        yew::Callback::from(move |id: attune::ids::ScenarioId| {
            removed.borrow_mut().push(id.to_string())
        })
    };
    yew::Renderer::<attune::web::Library>::with_root_and_props(
        root.clone(),
        attune::web::library::LibraryProps {
            cards,
            loading: false,
            problem: None,
            notice: None,
            room: None,
            on_leave: Default::default(),
            on_remove,
            history: Default::default(),
        },
    )
    .render();
    settle().await;
    assert_eq!(texts(&root, "h2.own-title"), ["Your scenarios"]);
    let own = root
        .query_selector_all("h2.own-title ~ ul.cards .card")
        .unwrap();
    assert_eq!(own.length(), 2);
    // The broken one says why and offers no Play, only Remove.
    let broken: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(own.item(1).unwrap());
    assert!(broken
        .text_content()
        .unwrap()
        .contains("broken.toml (kept on this device):1:"));
    assert!(broken.query_selector("a.button").unwrap().is_none());
    let remove: web_sys::HtmlElement =
        wasm_bindgen::JsCast::unchecked_into(broken.query_selector("button").unwrap().unwrap());
    remove.click();
    settle().await;
    assert_eq!(*removed.borrow(), ["broken"]);
}

#[wasm_bindgen_test]
async fn the_library_lists_the_indexed_scenarios_with_links_to_play_them() {
    let shelf = shelf();
    let cards = Rc::new(shelf.cards());
    let root = mount_point();
    yew::Renderer::<attune::web::Library>::with_root_and_props(
        root.clone(),
        attune::web::library::LibraryProps {
            cards: cards.clone(),
            loading: false,
            problem: None,
            notice: None,
            room: None,
            on_leave: Default::default(),
            on_remove: Default::default(),
            history: Default::default(),
        },
    )
    .render();
    settle().await;
    let expected: Vec<String> = cards.iter().map(|c| c.title.clone()).collect();
    assert_eq!(texts(&root, ".card h2"), expected);
    // No kept scenarios: no "Your scenarios" and nothing to remove.
    assert!(texts(&root, "h2.own-title").is_empty());
    assert!(root.query_selector(".card button").unwrap().is_none());
    let first_link = root.query_selector(".card a.button").unwrap().unwrap();
    assert_eq!(
        first_link.get_attribute("href").unwrap(),
        Route::Play(cards[0].id.clone()).hash()
    );
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn in_a_workshop_the_library_names_it_and_the_conversation_keeps_the_rooms_settings() {
    let shelf = shelf();
    let all = shelf.cards();
    let workshop = attune::workshop::Workshop {
        name: "Tuesday front desk".into(),
        scenarios: vec![all[2].id.clone(), all[0].id.clone()],
        mode: attune::view::Mode::Assessment,
        typing: false,
        pass_mark: None,
    };
    let cards = Rc::new(workshop.offered(&all).0);
    let joined = Rc::new(attune::web::room::Joined {
        workshop: workshop.clone(),
        name: "Sam".into(),
    });
    let root = mount_point();
    yew::Renderer::<attune::web::Library>::with_root_and_props(
        root.clone(),
        attune::web::library::LibraryProps {
            cards,
            loading: false,
            problem: None,
            notice: None,
            room: Some(joined.clone()),
            on_leave: Default::default(),
            on_remove: Default::default(),
            history: Default::default(),
        },
    )
    .render();
    settle().await;
    assert_eq!(texts(&root, "h1"), ["Tuesday front desk"]);
    assert_eq!(
        texts(&root, ".card h2"),
        [all[2].title.clone(), all[0].title.clone()]
    );
    assert!(texts(&root, ".joined p")[0].contains("You joined as Sam."));
    assert!(root.query_selector(".trainer-link").unwrap().is_none());

    // The conversation: no choice of feedback and no box for one's own words.
    english();
    let scenario = Rc::new(
        builtin::scenarios()
            .into_iter()
            .find(|s| s.id == all[0].id)
            .unwrap(),
    );
    let root = mount_point();
    yew::Renderer::<Play>::with_root_and_props(
        root.clone(),
        attune::web::play::PlayProps {
            scenario,
            on_finish: Default::default(),
            keep: false,
            on_under_way: Default::default(),
            room: Some(joined.settings()),
        },
    )
    .render();
    settle().await;
    assert!(root.query_selector("input[name=mode]").unwrap().is_none());
    assert!(root.query_selector("input[name=pace]").unwrap().is_some());
    assert!(root
        .query_selector(".own-words textarea")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_app_says_so_when_the_sites_scenario_list_cannot_be_read() {
    // The test runner's server has no scenarios/index.toml: the library must say so,
    // not stay blank or spin for ever, and still lead trainers to their page.
    gloo::utils::window().location().set_hash("#/").unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("p.loading[role=status]")
        .unwrap()
        .is_some());
    for _ in 0..250 {
        if root.query_selector("p.loading").unwrap().is_none() {
            break;
        }
        settle().await;
    }
    let alert = texts(&root, "[role=alert]").join(" ");
    assert!(alert.contains("scenarios/index.toml: error:"), "{alert}");
    assert!(root
        .query_selector(".trainer-link a[href='trainer/']")
        .unwrap()
        .is_some());
    assert!(root.query_selector(".card").unwrap().is_none());
}

/// The conversation screen for `scenario`, mounted and drawn, outside any workshop.
async fn play(scenario: &Rc<attune::scenario::Scenario>) -> web_sys::Element {
    let root = mount_point();
    yew::Renderer::<Play>::with_root_and_props(
        root.clone(),
        attune::web::play::PlayProps {
            scenario: scenario.clone(),
            on_finish: Default::default(),
            keep: false,
            on_under_way: Default::default(),
            room: None,
        },
    )
    .render();
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn the_conversation_shows_lines_as_spoken_and_replies_as_buttons() {
    english();
    let scenario = Rc::new(
        builtin::scenarios()
            .into_iter()
            .find(|s| s.id == "yes-and")
            .unwrap(),
    );
    let root = play(&scenario).await;
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

#[wasm_bindgen_test]
async fn narration_shows_as_no_ones_line() {
    english();
    let scenario = Rc::new(
        attune::scenario::parse("narration.toml", include_str!("data/narration.toml")).unwrap(),
    );
    let root = play(&scenario).await;
    // The opening narration, in the transcript without a name; no one speaks yet.
    let items = root.query_selector_all(".transcript > li").unwrap();
    assert_eq!(items.length(), 1);
    let first: web_sys::Element = wasm_bindgen::JsCast::dyn_into(items.item(0).unwrap()).unwrap();
    assert_eq!(first.class_name(), "line narration");
    assert_eq!(
        first
            .query_selector(".who")
            .unwrap()
            .unwrap()
            .text_content(),
        Some(String::new()),
        "no one's name"
    );
    assert_eq!(
        first.text_content().unwrap(),
        scenario.beats[0].lines[0].text
    );
}

/// Plays a shipped scenario to its end with the weakest authored replies, in the engine.
fn finished_session(id: &str) -> (Rc<attune::scenario::Scenario>, attune::engine::Session) {
    english();
    use attune::engine::{Action, Session};
    use attune::scenario::Quality;
    let s = Rc::new(
        builtin::scenarios()
            .into_iter()
            .find(|s| s.id == id)
            .unwrap(),
    );
    let mut session = Session::new(&s, 5, 0);
    let mut now = 0;
    while session.ended().is_none() {
        now += 60_000;
        session = session.apply(&s, &Action::Tick { at_ms: now }).unwrap();
        if session.ended().is_some() {
            break;
        }
        let choices = session.choices(&s);
        let (i, _) = choices
            .iter()
            .find(|(_, c)| c.quality == Some(Quality::Poor))
            .unwrap_or(&choices[0]);
        session = session
            .apply(
                &s,
                &Action::Reply {
                    choice: *i,
                    turn: session.turns.len(),
                    at_ms: now,
                },
            )
            .unwrap();
    }
    (s, session)
}

#[wasm_bindgen_test]
async fn the_debrief_highlights_signals_offers_stronger_replies_and_restarts() {
    use std::cell::Cell;
    let (scenario, session) = finished_session("irate-customer");
    let root = mount_point();
    let restarted = Rc::new(Cell::new(None::<usize>));
    let on_restart = {
        let restarted = restarted.clone();
        yew::Callback::from(move |t: usize| restarted.set(Some(t)))
    };
    yew::Renderer::<attune::web::debrief::Debrief>::with_root_and_props(
        root.clone(),
        attune::web::debrief::DebriefProps {
            scenario: scenario.clone(),
            session: session.clone(),
            on_again: Default::default(),
            on_restart,
            hand_in: false,
        },
    )
    .render();
    settle().await;
    let text = root.text_content().unwrap();
    // Outside a workshop there is nothing to hand in.
    assert!(!text.contains("Hand in your results"));
    assert!(text.contains(
        scenario
            .ending(session.ended().unwrap())
            .unwrap()
            .title
            .as_str()
    ));
    assert!(
        text.contains("Presence") && text.contains("Listening"),
        "{text}"
    );
    // Every signal reads as its label for people and its effect on both scores.
    for sig in session.turns.iter().flat_map(|t| &t.signals) {
        let line = attune::debrief::signal_line(sig);
        let shown = format!("{} ({}): {}", line.label, line.effect, line.note);
        assert!(text.contains(&shown), "{shown} not in {text}");
    }
    let replies = root.query_selector_all("ol.review > li").unwrap().length() as usize;
    assert_eq!(replies, session.turns.len());
    // Poor replies carry harmful signals, highlighted in their words, with a stronger reply shown.
    assert!(root.query_selector_all("mark.bad").unwrap().length() > 0);
    assert!(root.query_selector_all(".stronger").unwrap().length() > 0);
    let buttons = root.query_selector_all("ol.review button").unwrap();
    assert_eq!(buttons.length() as usize, session.turns.len());
    let second: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(buttons.item(1).unwrap()).unwrap();
    second.click();
    settle().await;
    assert_eq!(restarted.get(), Some(1));
}

/// In the browser `usize` has 32 bits: a saved count beyond it is refused with its place,
/// not truncated (4294967296 once came back as 0).
#[wasm_bindgen_test]
fn a_saved_count_too_large_for_the_browser_is_refused_not_truncated() {
    use attune::progress::History;
    let good = "version = 3\n\n[[attempt]]\nscenario_id = \"a\"\nscenario_title = \"A\"\nending = \"e\"\noutcome = \"steady\"\npresence = 50\nlistening = 50\nreplies = 4294967295\ninterruptions = 0\nfinished_at = 1\nseed = \"1\"\n";
    assert_eq!(
        History::parse(good).unwrap().attempts[0].replies,
        4_294_967_295
    );
    let big = good.replace("replies = 4294967295", "replies = 4294967296");
    let err = History::parse(&big).unwrap_err();
    assert!(
        err.contains("line 10") && err.contains("replies") && err.contains("out of range"),
        "{err}"
    );
}

#[wasm_bindgen_test]
async fn a_conversation_kept_on_the_device_is_taken_up_and_the_app_told_it_is_under_way() {
    use attune::engine::{Action, Session};
    english();
    let s = Rc::new(
        builtin::scenarios()
            .into_iter()
            .find(|s| s.id == "irate-customer")
            .unwrap(),
    );
    let first = Session::new(&s, 9, 0);
    let (choice, reply) = first.choices(&s)[0];
    let reply = reply.text.clone();
    let session = first
        .apply(
            &s,
            &Action::Reply {
                choice,
                turn: 0,
                at_ms: 60_000,
            },
        )
        .unwrap()
        // Kept a while later: replies are open again.
        .apply(&s, &Action::Tick { at_ms: 61_000 })
        .unwrap();
    let text = attune::saved::Saved::of(&s, &session).unwrap().to_text();
    let storage = gloo::utils::window().local_storage().unwrap().unwrap();
    storage
        .set_item("attune.conversation.irate-customer", &text)
        .unwrap();
    let under_way = Rc::new(std::cell::Cell::new(false));
    let told = under_way.clone();
    let root = mount_point();
    yew::Renderer::<Play>::with_root_and_props(
        root.clone(),
        attune::web::play::PlayProps {
            scenario: s.clone(),
            on_finish: Default::default(),
            keep: true,
            on_under_way: yew::Callback::from(move |on| told.set(on)),
            room: None,
        },
    )
    .render();
    settle().await;
    assert_eq!(texts(&root, ".line.trainee .text"), [reply]);
    assert!(under_way.get());
    // The trainee's role as the author wrote it, never lower-cased or given an article.
    let setting = texts(&root, "p.setting").join("");
    assert!(
        setting.ends_with(&format!(
            "Your role: {}.",
            s.trainee_role.trim_end_matches('.')
        )),
        "{setting}"
    );
    // A new reply is kept as it is given.
    let button: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(
        root.query_selector("button.choice:enabled")
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    button.click();
    settle().await;
    // Taken over under this tab's own key (the one it found is moved, not copied).
    assert!(storage
        .get_item("attune.conversation.irate-customer")
        .unwrap()
        .is_none());
    let keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("attune.conversation.irate-customer."))
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let kept = storage.get_item(&keys[0]).unwrap().unwrap();
    let kept = attune::saved::Saved::parse(&kept).unwrap();
    assert_eq!(kept.replies, 2);
    // When it was kept, by the shell's clock.
    assert!(kept.saved_at > 1_700_000_000_000);
    storage.remove_item(&keys[0]).unwrap();
}
