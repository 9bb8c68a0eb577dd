//! Reading the other person's lines aloud, where the browser can.

pub fn speech() -> Option<web_sys::SpeechSynthesis> {
    let window = gloo::utils::window();
    let has = js_sys::Reflect::has(&window, &"speechSynthesis".into()).unwrap_or(false);
    if has {
        window.speech_synthesis().ok()
    } else {
        None
    }
}

/// Says a line, preferring an English voice that runs on the device (network voices fail offline).
pub fn speak(synth: &web_sys::SpeechSynthesis, text: &str) {
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    let voices = synth.get_voices();
    let local: Vec<web_sys::SpeechSynthesisVoice> = (0..voices.length())
        .filter_map(|i| {
            wasm_bindgen::JsCast::dyn_into::<web_sys::SpeechSynthesisVoice>(voices.get(i)).ok()
        })
        .filter(|v| v.local_service())
        .collect();
    if let Some(v) = local
        .iter()
        .find(|v| v.lang().starts_with("en"))
        .or(local.first())
    {
        utterance.set_voice(Some(v));
    }
    synth.speak(&utterance);
}
