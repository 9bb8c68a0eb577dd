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

/// Offers `text` as a file named `name` to save (a download): an SVG image if the name
/// says so, else a TOML file.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(if name.ends_with(".svg") {
        "image/svg+xml"
    } else {
        "application/toml"
    });
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
