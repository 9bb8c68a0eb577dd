//! Reading a file the trainee or trainer picked.

use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Reads the file chosen in a file input as UTF-8 text and calls `done` with its name
/// and the text (or why it could not be read, with the place of the first byte that is
/// not UTF-8). `too_large` says from the file's size alone whether to refuse it unread.
/// The input is cleared, so the same file can be chosen again; the read lives in `slot`
/// until it finishes (dropping it cancels it).
pub fn read_chosen_file(
    e: &Event,
    slot: &Rc<RefCell<Option<FileReader>>>,
    too_large: fn(u64) -> Option<String>,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) {
    let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let file = gloo::file::File::from(file);
    let name = file.name();
    if let Some(why) = too_large(file.size()) {
        input.set_value("");
        done(name.clone(), Err(format!("{name}: error: {why}")));
        return;
    }
    // Read as bytes, so text that is not UTF-8 is placed and named, never shown garbled.
    let task = gloo::file::callbacks::read_as_bytes(&file, move |result| {
        let text = result
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::catalog::utf8_text(&name, bytes));
        done(name, text)
    });
    *slot.borrow_mut() = Some(task);
    input.set_value("");
}

/// The type of a file by its name's ending: SVG, CSV or (anything else) TOML.
fn kind(name: &str) -> &'static str {
    if name.ends_with(".svg") {
        "image/svg+xml"
    } else if name.ends_with(".csv") {
        "text/csv"
    } else {
        "application/toml"
    }
}

/// Offers `text` as a file named `name` through the device's share sheet where it can
/// share files (Web Share), and as a download where not.
pub fn share(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(kind(name));
    let data = web_sys::ShareData::new();
    if let Ok(file) = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options) {
        data.set_files(&js_sys::Array::of1(&file));
    }
    let navigator = gloo::utils::window().navigator();
    // `canShare` is missing where there is no sharing at all; calling it then throws.
    let can = js_sys::Reflect::has(&navigator, &"canShare".into()).unwrap_or(false)
        && navigator.can_share_with_data(&data);
    if !can {
        return download(name, text);
    }
    let (name, text) = (name.to_string(), text.to_string());
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(navigator.share_with_data(&data)).await
        {
            // The person closed the share sheet: nothing to do. Anything else: download.
            let cancelled = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n == "AbortError");
            if !cancelled {
                let _ = download(&name, &text);
            }
        }
    });
    Ok(())
}

/// Offers `text` as a file named `name` to save (a download): an SVG image, a CSV table
/// or a TOML file, by the name's ending.
#[inline(never)]
pub fn download(name: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind(name));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not prepare the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not prepare the file")?;
    let a: web_sys::HtmlAnchorElement = gloo::utils::document()
        .create_element("a")
        .map_err(|_| "could not prepare the file")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
