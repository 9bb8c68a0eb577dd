//! Time in the browser: the page's clock, seeds, and the clock a conversation runs on.

use std::rc::Rc;

/// Milliseconds on a clock that never goes backwards.
pub fn now_ms() -> u64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now()) as u64
}

/// A fresh random seed for a playthrough.
pub fn new_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

/// The session's clock: it goes on from the session's own time (a conversation taken up
/// after a reload goes on from the moment it was kept), runs at the trainee's reading
/// pace, and jumps ahead when they skip to the end of what is being said.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// A moment on the page's clock, and the session's time then.
    pub page: f64,
    pub session: u64,
    /// Session milliseconds per page millisecond.
    pub rate: f64,
}

impl Clock {
    pub fn now(self) -> u64 {
        self.session + ((now_ms() as f64 - self.page).max(0.0) * self.rate) as u64
    }

    /// The same clock, from now on at `rate`.
    pub fn at_rate(self, rate: f64) -> Clock {
        Clock {
            page: now_ms() as f64,
            session: self.now(),
            rate,
        }
    }

    /// The clock moved on to `to` (never back).
    pub fn moved_to(self, to: u64) -> Clock {
        Clock {
            page: now_ms() as f64,
            session: self.now().max(to),
            rate: self.rate,
        }
    }
}

/// The clock as the view and its callbacks share it.
pub type SharedClock = Rc<std::cell::Cell<Clock>>;
