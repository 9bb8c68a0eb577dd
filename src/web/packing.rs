//! Compressing text for a link with the browser's own CompressionStream (raw deflate), so
//! the app carries no compressor of its own, and reading it back with a bound on the
//! size, so a link that inflates to gigabytes is refused, not followed.

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const FORMAT: &str = "deflate-raw";

/// `bytes` through the browser's `CompressionStream` or `DecompressionStream` (`kind`),
/// read back a chunk at a time; more than `limit` bytes out is an error.
async fn through(kind: &str, bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let unsupported = || {
        format!("this browser cannot {}compress (it has no {kind}); use a current Chrome, Edge, Firefox or Safari", if kind.starts_with('D') { "de" } else { "" })
    };
    let ctor = Reflect::get(&js_sys::global(), &JsValue::from_str(kind))
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok())
        .ok_or_else(unsupported)?;
    let stream = Reflect::construct(&ctor, &Array::of1(&JsValue::from_str(FORMAT)))
        .map_err(|_| unsupported())?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes)))
        .map_err(|_| "the text could not be prepared".to_string())?;
    let out = blob
        .stream()
        .pipe_through(stream.unchecked_ref::<web_sys::ReadableWritablePair>());
    let reader: web_sys::ReadableStreamDefaultReader = out.get_reader().unchecked_into();
    let mut read = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| "the data is damaged (cut short, or changed)".to_string())?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            return Ok(read);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|_| "the data is damaged".to_string())?
            .unchecked_into();
        if read.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(format!("it holds more than {limit} bytes"));
        }
        read.extend(value.to_vec());
    }
}

/// `text` compressed with raw deflate.
pub async fn pack(text: &str) -> Result<Vec<u8>, String> {
    through("CompressionStream", text.as_bytes(), usize::MAX).await
}

/// Raw-deflate `bytes` inflated, refused past `limit` bytes.
pub async fn unpack(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    through("DecompressionStream", bytes, limit).await
}
