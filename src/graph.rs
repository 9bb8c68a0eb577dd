//! A scenario as a graph of beats and endings: where each beat can lead, what the start
//! reaches, and what can still reach an ending. The validator, the playtest and the
//! trainer's tools share it.

use crate::ids::NodeId;
use crate::lean::add;
use crate::scenario::{Beat, Scenario};

/// Every place a beat can lead: choices, their routes, and `next`.
pub fn successors(b: &Beat) -> impl Iterator<Item = &NodeId> {
    b.choices
        .iter()
        .flat_map(|c| std::iter::once(&c.goto).chain(c.routes.iter().map(|r| &r.goto)))
        .chain(&b.next)
}

/// The beats and endings of a scenario by id, and what can reach what; built once. Kept
/// in lists, not hash maps (see [`add`]): a scenario has at most a few hundred beats.
pub struct Graph<'a> {
    s: &'a Scenario,
    /// The first beat of each id, as in the engine.
    beats: Vec<&'a Beat>,
    endings: Vec<&'a str>,
    /// Reached from the start, following every way on whatever the conditions.
    reached: Vec<&'a str>,
    /// From which some path leads to an ending (the endings themselves included).
    can_end: Vec<&'a str>,
}

impl<'a> Graph<'a> {
    pub fn new(s: &'a Scenario) -> Self {
        let mut ids = Vec::new();
        let beats: Vec<&Beat> = s.beats.iter().filter(|b| add(&mut ids, &b.id)).collect();
        let beat = |id: &str| beats.iter().copied().find(|b| b.id == id);
        let endings: Vec<&str> = s.endings.iter().map(|e| e.id.as_str()).collect();

        // Forward from the start.
        let mut reached: Vec<&str> = Vec::new();
        let mut todo: Vec<&str> = Vec::new();
        if beat(s.start.as_str()).is_some() {
            todo.push(s.start.as_str());
            reached.push(s.start.as_str());
        }
        while let Some(id) = todo.pop() {
            for n in beat(id)
                .into_iter()
                .flat_map(successors)
                .map(NodeId::as_str)
            {
                if add(&mut reached, n) {
                    todo.push(n);
                }
            }
        }

        // Backward from the endings, along reversed edges.
        let mut can_end = endings.clone();
        let mut todo = endings.clone();
        while let Some(id) = todo.pop() {
            for b in &beats {
                if successors(b).any(|n| *n == id) && add(&mut can_end, b.id.as_str()) {
                    todo.push(b.id.as_str());
                }
            }
        }
        Graph {
            s,
            beats,
            endings,
            reached,
            can_end,
        }
    }

    /// Whether a beat or an ending has this id.
    pub fn known(&self, id: &NodeId) -> bool {
        self.beats.iter().any(|b| b.id == *id) || self.is_ending(id)
    }

    /// Whether an ending has this id.
    pub fn is_ending(&self, id: &NodeId) -> bool {
        self.endings.contains(&id.as_str())
    }

    /// Whether some path from the start leads to this beat or ending.
    pub fn reached(&self, id: &NodeId) -> bool {
        self.reached.contains(&id.as_str())
    }

    /// The beats the start reaches that go on (by a choice or `next`) but from which no
    /// path leads to an ending, in the file's order, each once.
    pub fn trapped(&self) -> Vec<&'a str> {
        let mut trapped: Vec<&str> = self
            .s
            .beats
            .iter()
            .filter(|o| {
                self.reached(&o.id)
                    && !self.can_end.contains(&o.id.as_str())
                    && (!o.choices.is_empty() || o.next.is_some())
            })
            .map(|o| o.id.as_str())
            .collect();
        trapped.dedup();
        trapped
    }
}
