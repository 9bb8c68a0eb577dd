//! The scenarios shipped with Attune, from `assets/scenarios/`, compiled in for native
//! programs and the tests. The web app does not carry them: the built site holds them in
//! its `scenarios/` folder with their index, and the app fetches a file when it is opened
//! (see [`crate::catalog`]).

use crate::scenario::Scenario;
use crate::validate::{check_file, Report};

/// File name and text of every shipped scenario, in library order (the order of
/// `assets/scenarios/index.toml`; a test holds them together).
pub const FILES: &[(&str, &str)] = &[
    (
        "irate-customer.toml",
        include_str!("../assets/scenarios/irate-customer.toml"),
    ),
    (
        "interrupting-physician.toml",
        include_str!("../assets/scenarios/interrupting-physician.toml"),
    ),
    (
        "yes-and.toml",
        include_str!("../assets/scenarios/yes-and.toml"),
    ),
    (
        "coffee-regular.toml",
        include_str!("../assets/scenarios/coffee-regular.toml"),
    ),
    (
        "hotel-recovery.toml",
        include_str!("../assets/scenarios/hotel-recovery.toml"),
    ),
    (
        "manager-as-customer.toml",
        include_str!("../assets/scenarios/manager-as-customer.toml"),
    ),
];

/// Checks every shipped scenario; the reports come in `FILES` order.
pub fn reports() -> Vec<Report> {
    FILES
        .iter()
        .map(|(name, text)| check_file(name, text))
        .collect()
}

/// The shipped scenarios, parsed without checking: the test suite proves every one of
/// them validates cleanly.
pub fn scenarios() -> Vec<Scenario> {
    (0..FILES.len()).filter_map(read).collect()
}

/// The shipped scenario at `index` in `FILES`, parsed without checking (see [`scenarios`]).
pub fn read(index: usize) -> Option<Scenario> {
    let (name, text) = FILES.get(index)?;
    crate::scenario::parse(name, text).ok()
}
