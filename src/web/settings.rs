//! The trainee's settings, stored on the device: feedback mode, reading pace, reading aloud.

use super::storage;
use crate::view::Mode;

/// How fast the other person speaks, for the trainee's reading pace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Slower,
    Usual,
    Faster,
}

impl Pace {
    /// Each pace with its label.
    pub const ALL: [(Pace, &'static str); 3] = [
        (Pace::Slower, "Slower"),
        (Pace::Usual, "Usual"),
        (Pace::Faster, "Faster"),
    ];

    /// The word it is saved as.
    pub fn word(self) -> &'static str {
        match self {
            Pace::Slower => "slower",
            Pace::Usual => "usual",
            Pace::Faster => "faster",
        }
    }

    /// Session time per page time: slower gives 40% more time to read each line.
    pub fn rate(self) -> f64 {
        match self {
            Pace::Slower => 1.0 / 1.4,
            Pace::Usual => 1.0,
            Pace::Faster => 1.4,
        }
    }
}

pub const PACE_KEY: &str = "attune.pace";

pub fn load_pace() -> Pace {
    let saved = storage::get(PACE_KEY);
    Pace::ALL
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| saved.as_deref() == Some(p.word()))
        .unwrap_or(Pace::Usual)
}

pub const READ_ALOUD_KEY: &str = "attune.readAloud";

pub fn load_flag(key: &str) -> bool {
    storage::get(key).is_some_and(|v| v == "on")
}

pub fn save_flag(key: &str, on: bool) {
    storage::set(key, if on { "on" } else { "off" });
}

/// The browser's speech synthesis, where it has one.
pub const MODE_KEY: &str = "attune.mode";

pub fn load_mode() -> Mode {
    match storage::get(MODE_KEY).as_deref() {
        Some("assessment") => Mode::Assessment,
        _ => Mode::Coach,
    }
}

pub fn save_mode(m: Mode) {
    storage::set(
        MODE_KEY,
        if m == Mode::Coach {
            "coach"
        } else {
            "assessment"
        },
    );
}
