//! A scenario as a graph of beats and endings: where each beat can lead, what the start
//! reaches, and what can still reach an ending. The validator, the playtest and the
//! trainer's tools share it.

use crate::scenario::{Beat, Scenario};
use std::collections::{HashMap, HashSet, VecDeque};

/// Every place a beat can lead: choices, their routes, and `next`.
pub fn successors(b: &Beat) -> impl Iterator<Item = &str> {
    b.choices
        .iter()
        .flat_map(|c| {
            std::iter::once(c.goto.as_str()).chain(c.routes.iter().map(|r| r.goto.as_str()))
        })
        .chain(b.next.as_deref())
}

/// The beats and endings of a scenario by id, and what can reach what; built once, so
/// every question is answered in constant time.
pub struct Graph<'a> {
    s: &'a Scenario,
    beats: HashMap<&'a str, &'a Beat>,
    endings: HashSet<&'a str>,
    /// Reached from the start, following every way on whatever the conditions.
    reached: HashSet<&'a str>,
    /// From which some path leads to an ending (the endings themselves included).
    can_end: HashSet<&'a str>,
}

impl<'a> Graph<'a> {
    pub fn new(s: &'a Scenario) -> Self {
        let mut beats = HashMap::new();
        for b in &s.beats {
            // The first of duplicate ids wins, as in the engine.
            beats.entry(b.id.as_str()).or_insert(b);
        }
        let endings: HashSet<&str> = s.endings.iter().map(|e| e.id.as_str()).collect();

        // Forward from the start.
        let mut reached: HashSet<&str> = HashSet::new();
        let mut queue: VecDeque<&str> = VecDeque::new();
        if beats.contains_key(s.start.as_str()) {
            queue.push_back(&s.start);
            reached.insert(&s.start);
        }
        while let Some(id) = queue.pop_front() {
            if let Some(b) = beats.get(id) {
                for n in successors(b) {
                    if reached.insert(n) {
                        queue.push_back(n);
                    }
                }
            }
        }

        // Backward from the endings, along reversed edges.
        let mut predecessors: HashMap<&str, Vec<&str>> = HashMap::new();
        for b in beats.values() {
            for n in successors(b) {
                predecessors.entry(n).or_default().push(&b.id);
            }
        }
        let mut can_end: HashSet<&str> = endings.clone();
        let mut queue: VecDeque<&str> = can_end.iter().copied().collect();
        while let Some(id) = queue.pop_front() {
            for &p in predecessors.get(id).map_or(&[][..], Vec::as_slice) {
                if can_end.insert(p) {
                    queue.push_back(p);
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
    pub fn known(&self, id: &str) -> bool {
        self.beats.contains_key(id) || self.endings.contains(id)
    }

    /// Whether an ending has this id.
    pub fn is_ending(&self, id: &str) -> bool {
        self.endings.contains(id)
    }

    /// Whether some path from the start leads to this beat or ending.
    pub fn reached(&self, id: &str) -> bool {
        self.reached.contains(id)
    }

    /// The beats the start reaches that go on (by a choice or `next`) but from which no
    /// path leads to an ending, in the file's order, each once.
    pub fn trapped(&self) -> Vec<&'a str> {
        let mut trapped: Vec<&str> = self
            .s
            .beats
            .iter()
            .filter(|o| {
                self.reached.contains(o.id.as_str())
                    && !self.can_end.contains(o.id.as_str())
                    && (!o.choices.is_empty() || o.next.is_some())
            })
            .map(|o| o.id.as_str())
            .collect();
        trapped.dedup();
        trapped
    }
}
