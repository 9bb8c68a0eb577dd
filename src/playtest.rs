//! Seeded random playthroughs that find dead ends, endless loops and endings no one reaches.

use crate::engine::{speech_ms, Action, Session};
use crate::graph::successors;
use crate::ids::NodeId;
use crate::scenario::Scenario;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A playthrough gives up after at least this many beats and reports a possible
/// endless loop.
pub const MAX_STEPS: usize = 1_000;

/// How many beats a playthrough of `scenario` may pass before it gives up: ten visits to
/// every beat, and never fewer than [`MAX_STEPS`], so a long chain that does reach its
/// ending is never reported as a loop.
pub fn step_limit(scenario: &Scenario) -> usize {
    MAX_STEPS.max(scenario.beats.len().saturating_mul(10))
}

/// Where a playthrough got stuck.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stuck {
    /// The run's number (0-based) and the seed that reproduces it.
    pub run: u32,
    pub seed: u64,
    /// The beat where nothing could be said.
    pub beat: NodeId,
    /// What went wrong.
    pub reason: String,
}

/// What a batch of random playthroughs found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlaytestReport {
    pub runs: u32,
    /// How often each ending was reached.
    pub endings: BTreeMap<NodeId, u32>,
    /// Endings no run reached.
    pub unreached_endings: Vec<NodeId>,
    /// Beats no run visited.
    pub unvisited_beats: Vec<NodeId>,
    /// Runs that got stuck.
    pub stuck: Vec<Stuck>,
    /// The fewest replies any run needed to reach an ending.
    pub fewest_replies: Option<usize>,
    pub interruptions: u32,
    /// Per ending reached, in the order the scenario lists its endings: how the runs
    /// that reached it got there.
    pub arrivals: Vec<Arrival>,
    /// The typical playthrough: the run whose conversation scores are the median of all
    /// runs that reached an ending (by presence plus listening; the earlier run on a tie).
    pub typical: Option<Typical>,
}

/// How the random playthroughs that reached one ending got there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Arrival {
    pub ending: NodeId,
    pub runs: u32,
    /// The lowest and highest agitation, and trust, on arrival.
    pub agitation: (i32, i32),
    pub trust: (i32, i32),
    /// The routes most often taken (the beats replied in, in order), with how many runs
    /// took each; the most frequent first, at most [`ROUTES_SHOWN`].
    pub routes: Vec<(Vec<NodeId>, u32)>,
    /// How many different routes led here in all.
    pub route_count: usize,
}

/// How many of an ending's routes a report names.
pub const ROUTES_SHOWN: usize = 3;

/// The playthrough with the median conversation scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Typical {
    pub run: u32,
    pub seed: u64,
    pub ending: NodeId,
    pub presence: u8,
    pub listening: u8,
    pub replies: usize,
}

impl PlaytestReport {
    /// Whether the playtest found something that must be fixed.
    pub fn failed(&self) -> bool {
        !self.stuck.is_empty() || !self.unreached_endings.is_empty()
    }
}

/// Plays `runs` random playthroughs; run `i` uses seed `seed + i`.
///
/// A random player replies at a random moment (sometimes while the other person
/// is still speaking, which is an interruption), sometimes gives a back-channel
/// first, and picks any reply on offer.
pub fn playtest(scenario: &Scenario, runs: u32, seed: u64) -> PlaytestReport {
    let mut report = PlaytestReport {
        runs,
        ..PlaytestReport::default()
    };
    let mut visited: BTreeSet<NodeId> = BTreeSet::new();
    // Per ending: runs, mood on arrival, and how often each route was taken.
    let mut arrived: BTreeMap<NodeId, (Arrival, BTreeMap<Vec<NodeId>, u32>)> = BTreeMap::new();
    // (presence + listening, run, seed, ending, presence, listening, replies) of every run that ended.
    let mut finished: Vec<(u16, u32, u64, NodeId, u8, u8, usize)> = Vec::new();
    for run in 0..runs {
        let run_seed = seed.wrapping_add(u64::from(run));
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(run_seed);
        let mut now = 0u64;
        let mut session = Session::new(scenario, rng.random(), now);
        let mut steps = 0;
        let limit = step_limit(scenario);
        loop {
            if let Some(ending) = session.ended() {
                *report.endings.entry(ending.clone()).or_default() += 1;
                let n = session.turns.len();
                report.fewest_replies = Some(report.fewest_replies.map_or(n, |f| f.min(n)));
                report.interruptions += session.partner.interruptions;
                let (a, t) = (session.partner.agitation, session.partner.trust);
                let (arrival, routes) = arrived.entry(ending.clone()).or_insert_with(|| {
                    (
                        Arrival {
                            ending: ending.clone(),
                            agitation: (a, a),
                            trust: (t, t),
                            ..Arrival::default()
                        },
                        BTreeMap::new(),
                    )
                });
                arrival.runs += 1;
                arrival.agitation = (arrival.agitation.0.min(a), arrival.agitation.1.max(a));
                arrival.trust = (arrival.trust.0.min(t), arrival.trust.1.max(t));
                let route: Vec<NodeId> = session.turns.iter().map(|t| t.beat.clone()).collect();
                *routes.entry(route).or_default() += 1;
                let score = crate::debrief::score(&session.turns);
                finished.push((
                    u16::from(score.presence) + u16::from(score.listening),
                    run,
                    run_seed,
                    ending.clone(),
                    score.presence,
                    score.listening,
                    n,
                ));
                break;
            }
            let Some(beat) = session.beat(scenario) else {
                report.stuck.push(Stuck {
                    run,
                    seed: run_seed,
                    beat: NodeId::default(),
                    reason: "the session points at no beat".into(),
                });
                break;
            };
            let beat_id = beat.id.clone();
            visited.insert(beat_id.clone());
            steps += 1;
            if steps > limit {
                report.stuck.push(Stuck {
                    run,
                    seed: run_seed,
                    beat: beat.id.clone(),
                    reason: format!(
                        "no ending after {limit} beats: a loop the player cannot leave"
                    ),
                });
                break;
            }
            let total = crate::engine::spoken_ms(session.lines(scenario));
            let started = now - session.elapsed_ms();
            if rng.random_bool(0.3) && session.elapsed_ms() < total {
                now += 1;
                session = step(scenario, &session, Action::Backchannel { at_ms: now });
            }
            // Mostly wait for them to finish; sometimes cut in.
            let reply_at = if rng.random_bool(0.25) {
                started + rng.random_range(0..total.max(1))
            } else {
                started + total + rng.random_range(0..2_000)
            };
            now = now.max(reply_at).max(session.replies_open_ms());
            session = step(scenario, &session, Action::Tick { at_ms: now });
            if session.ended().is_some() || session.beat(scenario).map(|b| &b.id) != Some(&beat_id)
            {
                continue;
            }
            let mut choices = session.choices(scenario);
            if choices.is_empty() {
                // Nothing to say yet (replies may wait for a line): let them finish.
                now = now.max(started + speech_ms(session.lines(scenario)));
                session = step(scenario, &session, Action::Tick { at_ms: now });
                choices = session.choices(scenario);
            }
            if choices.is_empty() {
                if beat.next.is_some() {
                    continue;
                }
                report.stuck.push(Stuck {
                    run,
                    seed: run_seed,
                    beat: beat_id,
                    reason: "no reply is on offer in this state and the beat has no `next`".into(),
                });
                break;
            }
            let (choice, _) = choices[rng.random_range(0..choices.len())];
            let turn = session.turns.len();
            session = step(
                scenario,
                &session,
                Action::Reply {
                    choice,
                    turn,
                    at_ms: now,
                },
            );
        }
    }
    report.unvisited_beats = scenario
        .beats
        .iter()
        .filter(|b| !visited.contains(&b.id))
        .map(|b| b.id.clone())
        .collect();
    report.unreached_endings = scenario
        .endings
        .iter()
        .filter(|e| !report.endings.contains_key(&e.id))
        .map(|e| e.id.clone())
        .collect();
    report.arrivals = scenario
        .endings
        .iter()
        .filter_map(|e| arrived.remove(&e.id))
        .map(|(mut arrival, routes)| {
            arrival.route_count = routes.len();
            let mut routes: Vec<(Vec<NodeId>, u32)> = routes.into_iter().collect();
            // Most taken first; among equals, the shorter route, then by name.
            routes.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(a.0.cmp(&b.0))
            });
            routes.truncate(ROUTES_SHOWN);
            arrival.routes = routes;
            arrival
        })
        .collect();
    finished.sort_by_key(|f| (f.0, f.1));
    report.typical = finished
        .get(finished.len().saturating_sub(1) / 2)
        .map(|f| Typical {
            run: f.1,
            seed: f.2,
            ending: f.3.clone(),
            presence: f.4,
            listening: f.5,
            replies: f.6,
        });
    report
}

fn step(scenario: &Scenario, session: &Session, action: Action) -> Session {
    // The random player only takes actions the engine offers; an error here is an engine bug.
    session
        .apply(scenario, &action)
        .unwrap_or_else(|e| panic!("engine refused {action:?}: {e}"))
}

/// The fewest replies on any path from the start to an ending, ignoring conditions
/// (so a lower bound on every real playthrough); `None` if no ending can be reached.
pub fn shortest_path_replies(scenario: &Scenario) -> Option<usize> {
    // 0-1 breadth-first search: a reply costs one, a `next` costs nothing.
    let mut best: BTreeMap<&NodeId, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([(&scenario.start, 0usize)]);
    while let Some((id, cost)) = queue.pop_front() {
        if best.get(id).is_some_and(|&c| c <= cost) {
            continue;
        }
        best.insert(id, cost);
        let Some(b) = scenario.beat(id) else { continue };
        if let Some(n) = &b.next {
            queue.push_front((n, cost));
        }
        for n in successors(b).filter(|n| Some(*n) != b.next.as_ref()) {
            queue.push_back((n, cost + 1));
        }
    }
    scenario
        .endings
        .iter()
        .filter_map(|e| best.get(&e.id).copied())
        .min()
}

/// Which replies a scripted playthrough takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PathKind {
    /// The reply marked `best` (else the highest quality on offer), once they finish.
    Best,
    /// The lowest quality on offer (`poor` first), once they finish.
    Worst,
}

impl PathKind {
    /// The word on the command line and in JSON.
    pub fn word(self) -> &'static str {
        match self {
            PathKind::Best => "best",
            PathKind::Worst => "worst",
        }
    }

    /// Reads `best` or `worst`.
    pub fn from_word(word: &str) -> Option<PathKind> {
        match word {
            "best" => Some(PathKind::Best),
            "worst" => Some(PathKind::Worst),
            _ => None,
        }
    }
}

/// Where a scripted playthrough ended and how the conversation scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathReport {
    pub path: PathKind,
    /// The ending reached, or none if the path got stuck or looped.
    pub ending: Option<NodeId>,
    /// The ending's outcome word (`repaired`, `steady`, `strained`, `lost`).
    pub outcome: Option<String>,
    /// The replies given, in order, with what the analyzer made of them.
    pub replies: Vec<String>,
    #[serde(skip)]
    pub turns: Vec<crate::engine::Turn>,
    pub score: crate::debrief::ConversationScore,
    /// Why the path stopped short of an ending, if it did.
    pub stuck: Option<String>,
}

/// Plays the scenario taking, at every turn, the best (or the worst) reply on offer once
/// the other person has finished speaking; ties go to the reply listed first.
pub fn play_path(scenario: &Scenario, path: PathKind) -> PathReport {
    use crate::scenario::Quality;
    // Lower is better: best, good, mixed, poor; unmarked replies count as mixed.
    let rank = |q: Option<Quality>| match q {
        Some(Quality::Best) => 0,
        Some(Quality::Good) => 1,
        None | Some(Quality::Mixed) => 2,
        Some(Quality::Poor) => 3,
    };
    let mut session = Session::new(scenario, 0, 0);
    let mut now = 0u64;
    let mut stuck = None;
    let limit = step_limit(scenario);
    for _ in 0..limit {
        if session.ended().is_some() {
            break;
        }
        // Let them finish.
        let total = speech_ms(session.lines(scenario));
        now = now
            .max(now - session.elapsed_ms() + total)
            .max(session.replies_open_ms());
        session = match session.apply(scenario, &Action::Tick { at_ms: now }) {
            Ok(s) => s,
            Err(e) => {
                stuck = Some(e.to_string());
                break;
            }
        };
        if session.ended().is_some() {
            break;
        }
        let choices = session.choices(scenario);
        let pick = match path {
            PathKind::Best => choices.iter().min_by_key(|(i, c)| (rank(c.quality), *i)),
            PathKind::Worst => choices
                .iter()
                .min_by_key(|(i, c)| (std::cmp::Reverse(rank(c.quality)), *i)),
        };
        let Some(&(choice, _)) = pick else {
            if session.beat(scenario).is_some_and(|b| b.next.is_some()) {
                now += 1;
                continue;
            }
            stuck = Some("no reply is on offer".into());
            break;
        };
        let turn = session.turns.len();
        session = match session.apply(
            scenario,
            &Action::Reply {
                choice,
                turn,
                at_ms: now,
            },
        ) {
            Ok(s) => s,
            Err(e) => {
                stuck = Some(e.to_string());
                break;
            }
        };
    }
    let ending = session.ended().cloned();
    if ending.is_none() && stuck.is_none() {
        stuck = Some(format!("no ending after {limit} beats"));
    }
    PathReport {
        path,
        outcome: ending
            .as_ref()
            .and_then(|e| scenario.ending(e))
            .map(|e| e.outcome.word().to_string()),
        ending,
        replies: session.turns.iter().map(|t| t.text.clone()).collect(),
        turns: session.turns.clone(),
        score: crate::debrief::score(&session.turns),
        stuck,
    }
}
