//! The browser's local storage, where this device keeps settings and progress.

/// The storage, if the browser allows it.
pub fn local() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The text saved under `key`.
pub fn get(key: &str) -> Option<String> {
    local().and_then(|s| s.get_item(key).ok().flatten())
}

/// Saves text under `key`; `false` where storage is full or switched off.
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Moves `text`, saved under `key` but unreadable, aside under a key of its own, so it
/// is neither lost nor in the way; the new key, or `None` if storage would not.
pub fn set_aside(key: &str, text: &str) -> Option<String> {
    let aside = format!("{key}.unreadable-{}", js_sys::Date::now() as u64);
    (set(&aside, text) && remove(key)).then_some(aside)
}

/// Removes what is saved under `key`; `true` if nothing is left there.
pub fn remove(key: &str) -> bool {
    local().is_some_and(|s| s.remove_item(key).is_ok())
}

/// Every key and text saved whose key starts with `prefix`, in storage order.
pub fn starting_with(prefix: &str) -> Vec<(String, String)> {
    let Some(s) = local() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}
