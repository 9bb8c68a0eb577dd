//! Plays a scenario: a serializable `Session` and the one function that moves it on.
//!
//! Pure: time (milliseconds) and the random seed come in as arguments, so a
//! session replays exactly from its actions.

use crate::analyzer::{self, Analysis, Dimension, Signal, SignalId};
use crate::condition::{Facts, Var};
use crate::ids::{LineKey, Memory, NodeId, ScenarioId};
use crate::scenario::{Beat, Choice, Effect, Line, Scenario};
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// The version of the saved session format; bump it when the shape changes.
pub const SESSION_VERSION: u32 = 2;

/// A reply this soon after the previous one (or after starting again) is a repeated tap,
/// not a choice: nobody reads new replies and picks one in half a second, and a double
/// tap lands 60 to 250 ms apart. It is refused, so it cannot answer a line not yet heard.
pub const REPEAT_MS: u64 = 500;

/// Something the trainee does, or time passing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Begin again from the first beat with this seed.
    Start { seed: u64, at_ms: u64 },
    /// Give reply `choice` (its index in the beat's `choice` list) as reply number
    /// `turn` (0-based: the number of replies given before it), which names the beat the
    /// trainee saw; a second tap, arriving after that beat was answered, is refused.
    Reply {
        choice: usize,
        turn: usize,
        at_ms: u64,
    },
    /// Say something in one's own words as reply number `turn`: scored, then routed to
    /// the offered reply whose intent matches best (see [`analyzer::intent_match`]).
    Say {
        text: String,
        turn: usize,
        at_ms: u64,
    },
    /// A back-channel ("mm-hm", "go on") while they speak: not an interruption.
    Backchannel { at_ms: u64 },
    /// Time passes; lines finish, and beats without choices move on.
    Tick { at_ms: u64 },
    /// Go back to just before the trainee's reply number `turn` (0-based) and answer again.
    RestartFrom { turn: usize, at_ms: u64 },
}

impl Action {
    fn at_ms(&self) -> u64 {
        match *self {
            Action::Start { at_ms, .. }
            | Action::Reply { at_ms, .. }
            | Action::Say { at_ms, .. }
            | Action::Backchannel { at_ms }
            | Action::Tick { at_ms }
            | Action::RestartFrom { at_ms, .. } => at_ms,
        }
    }
}

/// What happened when an action was applied, in order. The web shell reacts to these
/// (reading a line aloud, scrolling, saving, recording an attempt) instead of comparing
/// states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The conversation began, or began again at a reply taken back.
    Began,
    /// The trainee's reply number `turn` (0-based) was taken and scored.
    Replied { turn: usize },
    /// That reply took the floor before the other person finished.
    CutOff,
    /// A typed reply was not understood (not English words, or like nothing on offer);
    /// the other person asked what was meant, and nothing moved on or was scored.
    NotUnderstood,
    /// A back-channel was heard while they spoke.
    Backchanneled,
    /// Their mood moved by this much (at least one is not 0).
    MoodMoved { agitation: i32, trust: i32 },
    /// They began line `index` of what they are saying now (see [`Session::lines`]).
    LineBegan { index: usize },
    /// They finished what they had to say in this beat; the floor is the trainee's.
    FinishedSpeaking,
    /// Replies are open again after the pause that guards against a repeated tap.
    RepliesOpened,
    /// The conversation reached this ending.
    Ended { ending: NodeId },
}

/// Why an action could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// The session was saved for another scenario.
    WrongScenario {
        expected: ScenarioId,
        found: ScenarioId,
    },
    /// The session's format version is not one this build reads.
    Version(u32),
    /// The conversation is over; only `Start` and `RestartFrom` apply.
    Ended,
    /// A typed reply with no words in it.
    EmptyReply,
    /// A typed reply longer than [`analyzer::MAX_REPLY_CHARS`] characters.
    TooLong { chars: usize },
    /// That reply does not exist here or is not on offer now.
    NoSuchChoice(usize),
    /// There is no reply with that number to go back to.
    NoSuchTurn(usize),
    /// Time went backwards.
    TimeWentBack { now: u64, last: u64 },
    /// A reply for a beat already answered (a double tap): reply number `turn` when
    /// `given` replies have been given.
    Stale { turn: usize, given: usize },
    /// A reply within [`REPEAT_MS`] of the previous one: a repeated tap.
    Repeated { after_ms: u64 },
    /// The session refers to a beat the scenario lacks (a save from an edited scenario).
    MissingBeat(NodeId),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::WrongScenario { expected, found } => write!(
                f,
                "this session belongs to scenario `{found}`, not `{expected}`"
            ),
            EngineError::Version(v) => write!(
                f,
                "this session was saved in format {v}; this version of Attune reads format {SESSION_VERSION}"
            ),
            EngineError::Ended => write!(f, "the conversation has ended"),
            EngineError::EmptyReply => write!(f, "the reply is empty"),
            EngineError::TooLong { chars } => write!(
                f,
                "the reply has {chars} characters; a reply holds at most {}",
                analyzer::MAX_REPLY_CHARS
            ),
            EngineError::NoSuchChoice(c) => write!(f, "reply {c} is not on offer here"),
            EngineError::NoSuchTurn(t) => write!(f, "there is no reply number {t} to go back to"),
            EngineError::TimeWentBack { now, last } => {
                write!(f, "time went backwards ({now} ms after {last} ms)")
            }
            EngineError::MissingBeat(b) => write!(f, "the scenario has no beat `{b}`"),
            EngineError::Repeated { after_ms } => write!(
                f,
                "a reply {after_ms} ms after the previous one is a repeated tap, not a choice"
            ),
            EngineError::Stale { turn, given } => write!(
                f,
                "reply number {} came after {given} replies had been given; it answered a moment that has passed",
                turn + 1
            ),
        }
    }
}

impl std::error::Error for EngineError {}

/// A small set of names of one kind, in the order first added: what a partner remembers
/// ([`Memory`]), the lines they said to the end or the lines a reply cut off ([`LineKey`]).
///
/// A list rather than a `BTreeSet` or a `HashSet`: these hold a handful of names, and
/// each kind of tree or table costs the web app its own copy of its code. For the same
/// reason the names are kept as text whatever their kind, so that every kind shares one
/// copy of the code that looks them up, saves and reads them; the kind is in the type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Names<N> {
    names: Vec<String>,
    kind: PhantomData<N>,
}

/// Saved as a list of text.
impl<N> Serialize for Names<N> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.names.serialize(serializer)
    }
}

/// A name listed twice (by hand) is no harm: it is found, and removed, all the same.
impl<'de, N> Deserialize<'de> for Names<N> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(|names| Names {
            names,
            kind: PhantomData,
        })
    }
}

impl<N> Default for Names<N> {
    fn default() -> Self {
        Names {
            names: Vec::new(),
            kind: PhantomData,
        }
    }
}

impl<N: AsRef<str> + Into<String>> Names<N> {
    pub fn contains(&self, name: &N) -> bool {
        self.names.iter().any(|n| n == name.as_ref())
    }

    pub fn insert(&mut self, name: N) {
        if !self.contains(&name) {
            self.names.push(name.into());
        }
    }

    pub fn remove(&mut self, name: &N) {
        self.names.retain(|n| n != name.as_ref());
    }
}

impl<N> Names<N> {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names in the order first added.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

/// The other person's state: mood plus what they remember.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerState {
    pub agitation: i32,
    pub trust: i32,
    /// How many replies they took as slights; each makes later warmth land softer.
    pub slights: u32,
    /// Memories left by replies.
    pub memories: Names<Memory>,
    /// Keys of lines they said to the end.
    pub heard: Names<LineKey>,
    /// Times the trainee took the floor before they finished.
    pub interruptions: u32,
    /// Back-channels given while they spoke.
    pub backchannels: u32,
}

impl PartnerState {
    /// Their mood in words, for people and screen readers: (`"upset"`, `"guarded"`).
    pub fn mood_words(&self) -> (&'static str, &'static str) {
        let agitation = match self.agitation {
            ..=20 => "calm",
            21..=45 => "a little tense",
            46..=70 => "upset",
            _ => "very upset",
        };
        let trust = match self.trust {
            ..=25 => "distrustful",
            26..=50 => "guarded",
            51..=75 => "open",
            _ => "trusting",
        };
        (agitation, trust)
    }
}

/// Where the conversation is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Position {
    /// The other person is speaking (or has finished) the beat's lines.
    Beat {
        id: NodeId,
        /// When they started speaking.
        started_ms: u64,
        /// Which `variant` supplies the lines, if any.
        variant: Option<usize>,
        /// Whether a back-channel has already been counted in this beat.
        backchanneled: bool,
    },
    /// The conversation is over.
    Ended { ending: NodeId, at_ms: u64 },
}

/// One reply the trainee gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// The beat it answered.
    pub beat: NodeId,
    /// The reply's index in the beat's `choice` list.
    pub choice: usize,
    /// The index of the reply's route that was taken, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<usize>,
    /// What the trainee said.
    pub text: String,
    /// Milliseconds after they began speaking.
    pub elapsed_ms: u64,
    /// How long their full speech in that beat would have taken.
    pub speech_ms: u64,
    /// Whether the reply took the floor before they finished.
    pub interrupted: bool,
    /// Keys of lines cut off by the interruption.
    pub missed: Names<LineKey>,
    /// Their agitation and trust after the reply.
    pub agitation_after: i32,
    pub trust_after: i32,
    /// Whether the trainee typed the reply in their own words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub typed: bool,
    /// The reply's presence score, 0 to 100.
    pub presence: u8,
    /// The reply's listening score, 0 to 100.
    pub listening: u8,
    /// What the analyzer found in the reply.
    pub signals: Vec<Signal>,
}

/// Who said something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The other person.
    Partner,
    /// The person training.
    Trainee,
    /// No one: a line of narration, what the trainee sees happen.
    Narration,
}

/// One thing said, in the order it was said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Utterance {
    pub speaker: Speaker,
    /// Who said it, when someone other than the partner spoke up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    pub text: String,
    /// For the other person: the line was cut off. For the trainee: the reply cut in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overlapped: bool,
    /// Part of an exchange that moved nothing on: a typed reply not understood, and the
    /// other person asking what was meant. Not one of the trainee's [`Session::turns`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aside: bool,
}

impl Utterance {
    /// A line of a beat or an ending, as said: by the partner, someone else or no one.
    fn of_line(l: &Line) -> Utterance {
        Utterance {
            speaker: if l.narration {
                Speaker::Narration
            } else {
                Speaker::Partner
            },
            who: l.speaker.clone(),
            text: l.text.clone(),
            overlapped: false,
            aside: false,
        }
    }
}

/// How a back-channel shows in the conversation.
pub const BACKCHANNEL_TEXT: &str = "Mm-hm.";

/// What the other person says when a typed reply is not understood, in turn.
pub const WHAT_DO_YOU_MEAN: [&str; 3] = [
    "Sorry, what do you mean?",
    "I'm not sure I follow. What do you mean?",
    "Sorry, I didn't get that. Could you put it another way?",
];

/// The state of one playthrough; serializable, with a format version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub scenario_id: ScenarioId,
    pub seed: u64,
    pub partner: PartnerState,
    pub position: Position,
    pub turns: Vec<Turn>,
    /// Everything said so far, except the lines of the beat in progress and its asides.
    pub transcript: Vec<Utterance>,
    /// What the trainee said in the beat in progress that moved nothing on (a
    /// back-channel, a reply not understood and the other person's question), each with
    /// how many of the beat's lines had begun by then (see [`Session::said_in_beat`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asides: Vec<(usize, Utterance)>,
    /// Every action since the last `Start` except the passing of time (`Tick`), which
    /// restarts replay from and a saved conversation is restored from.
    pub log: Vec<Action>,
    /// When the conversation (re)started.
    pub started_ms: u64,
    /// The time of the latest action.
    pub now_ms: u64,
}

struct FactsAt<'a> {
    state: &'a PartnerState,
    interrupted: bool,
    /// The conversation's presence and listening so far (see [`scores_so_far`]).
    scores: (u8, u8),
}

/// The conversation's presence and listening so far, as the debrief reckons them (50
/// before any reply), with `now`, a reply being routed, counted among them.
fn scores_so_far(turns: &[Turn], now: Option<(u8, u8)>) -> (u8, u8) {
    let scores = || turns.iter().map(|t| (t.presence, t.listening)).chain(now);
    (
        crate::debrief::mean(scores().map(|s| s.0)),
        crate::debrief::mean(scores().map(|s| s.1)),
    )
}

impl Facts for FactsAt<'_> {
    fn number(&self, var: Var) -> i64 {
        match var {
            Var::Agitation => i64::from(self.state.agitation),
            Var::Trust => i64::from(self.state.trust),
            Var::Interruptions => i64::from(self.state.interruptions),
            Var::Presence => i64::from(self.scores.0),
            Var::Listening => i64::from(self.scores.1),
        }
    }
    fn remembers(&self, memory: &Memory) -> bool {
        self.state.memories.contains(memory)
    }
    fn heard(&self, key: &LineKey) -> bool {
        self.state.heard.contains(key)
    }
    fn interrupted(&self) -> bool {
        self.interrupted
    }
}

/// What the trainee said: an authored reply, or their own words.
#[derive(Clone, Copy)]
enum Said<'a> {
    Choice(usize),
    Typed(&'a str),
}

/// How a typed reply moves the other person, from its own scores: presence above the
/// neutral 50 settles them and builds trust; listening builds trust.
pub fn typed_effect(a: &Analysis) -> Effect {
    let p = i32::from(a.presence) - 50;
    let l = i32::from(a.listening) - 50;
    Effect {
        agitation: (-4 * p - l) / 10,
        trust: (p + l) / 5,
    }
}

/// Total speaking time of some lines.
pub fn speech_ms(lines: &[Line]) -> u64 {
    lines.iter().map(|l| u64::from(l.duration_ms())).sum()
}

/// How long until the last line someone says (not narration) is finished: a reply
/// before then cuts in.
pub fn spoken_ms(lines: &[Line]) -> u64 {
    let (mut end, mut spoken) = (0, 0);
    for l in lines {
        end += u64::from(l.duration_ms());
        if !l.narration {
            spoken = end;
        }
    }
    spoken
}

/// How many of the lines are finished `elapsed` ms after speech began.
pub fn lines_finished(lines: &[Line], elapsed: u64) -> usize {
    let mut end = 0;
    lines
        .iter()
        .take_while(|l| {
            end += u64::from(l.duration_ms());
            end <= elapsed
        })
        .count()
}

impl Session {
    /// A new playthrough, with the other person starting to speak at `at_ms`.
    pub fn new(scenario: &Scenario, seed: u64, at_ms: u64) -> Session {
        let mut s = Session {
            version: SESSION_VERSION,
            scenario_id: scenario.id.clone(),
            seed,
            partner: PartnerState {
                agitation: scenario.mood.agitation.clamp(0, 100),
                trust: scenario.mood.trust.clamp(0, 100),
                slights: 0,
                memories: Names::default(),
                heard: Names::default(),
                interruptions: 0,
                backchannels: 0,
            },
            position: Position::Ended {
                ending: NodeId::default(),
                at_ms,
            },
            turns: Vec::new(),
            transcript: Vec::new(),
            asides: Vec::new(),
            log: Vec::new(),
            started_ms: at_ms,
            now_ms: at_ms,
        };
        s.enter(scenario, &scenario.start, at_ms);
        s
    }

    /// Whether this session can be taken up again where it was left (after the trainee
    /// went back to the library and forward again): it is of this scenario and format,
    /// under way, and at a beat the scenario still has.
    pub fn resumable(&self, scenario: &Scenario) -> bool {
        self.scenario_id == scenario.id
            && self.version == SESSION_VERSION
            && self.ended().is_none()
            && self.beat(scenario).is_some()
            && !self.turns.is_empty()
    }

    /// Whether the conversation is over.
    pub fn ended(&self) -> Option<&NodeId> {
        match &self.position {
            Position::Ended { ending, .. } => Some(ending),
            Position::Beat { .. } => None,
        }
    }

    /// The current beat, if the conversation is on.
    pub fn beat<'s>(&self, scenario: &'s Scenario) -> Option<&'s Beat> {
        match &self.position {
            Position::Beat { id, .. } => scenario.beat(id),
            Position::Ended { .. } => None,
        }
    }

    /// The lines the other person says in the current beat (or the ending).
    pub fn lines<'s>(&self, scenario: &'s Scenario) -> &'s [Line] {
        match &self.position {
            Position::Beat { id, variant, .. } => match scenario.beat(id) {
                Some(b) => match variant.and_then(|v| b.variants.get(v)) {
                    Some(v) => &v.lines,
                    None => &b.lines,
                },
                None => &[],
            },
            // An ending's variant is chosen by the state it was reached in, which the
            // end leaves as it is.
            Position::Ended { ending, .. } => scenario.ending(ending).map_or(&[][..], |e| {
                let facts = FactsAt {
                    state: &self.partner,
                    interrupted: false,
                    scores: scores_so_far(&self.turns, None),
                };
                e.variants
                    .iter()
                    .find(|v| v.when.holds(&facts))
                    .map_or(&e.lines[..], |v| &v.lines[..])
            }),
        }
    }

    /// Milliseconds since the other person began the current beat.
    pub fn elapsed_ms(&self) -> u64 {
        match &self.position {
            Position::Beat { started_ms, .. } => self.now_ms.saturating_sub(*started_ms),
            Position::Ended { at_ms, .. } => self.now_ms.saturating_sub(*at_ms),
        }
    }

    /// Whether the other person (or someone with them) is still speaking; narration
    /// after their last line is not speech.
    pub fn speaking(&self, scenario: &Scenario) -> bool {
        self.elapsed_ms() < spoken_ms(self.lines(scenario))
    }

    /// What the other person feels besides their mood, where the scenario says: the
    /// current beat's feeling, else the partner's.
    pub fn feeling(&self, scenario: &Scenario) -> Option<crate::scenario::Feeling> {
        self.beat(scenario)
            .and_then(|b| b.feeling)
            .or(scenario.partner.feeling)
    }

    /// The moment the other person will have finished what they are saying now, if the
    /// trainee may skip ahead to it: only while they speak, and never in a beat whose
    /// lines the author timed (`ms`), where the waiting is the lesson.
    pub fn skip_to(&self, scenario: &Scenario) -> Option<u64> {
        let Position::Beat { started_ms, .. } = &self.position else {
            return None;
        };
        let lines = self.lines(scenario);
        let end = speech_ms(lines);
        (self.elapsed_ms() < end && lines.iter().all(|l| l.ms.is_none())).then(|| started_ms + end)
    }

    /// The replies on offer now, as (index in the beat, reply), in this session's shuffled order.
    pub fn choices<'s>(&self, scenario: &'s Scenario) -> Vec<(usize, &'s Choice)> {
        let Some(beat) = self.beat(scenario) else {
            return Vec::new();
        };
        let facts = FactsAt {
            state: &self.partner,
            interrupted: false,
            scores: scores_so_far(&self.turns, None),
        };
        // The order depends on the seed and the turn only, so a replay shows the same order;
        // every reply of the beat is placed, then those on offer taken, so one that comes
        // or goes moves no other. Xoshiro256++ is a named algorithm, the same on every
        // platform and in every version of rand (StdRng promises neither), and a fraction
        // of StdRng's code in the web app.
        let mut offered: Vec<(usize, &Choice)> = beat.choices.iter().enumerate().collect();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(
            self.seed ^ (self.turns.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        offered.shuffle(&mut rng);
        offered.retain(|(_, c)| c.when.as_ref().is_none_or(|w| w.holds(&facts)));
        // A reply that waits for a line of this beat to be heard joins the end of the list
        // when it comes (lines are heard in order), so the replies already under a
        // finger do not move.
        let keys: Vec<Option<&LineKey>> = self
            .lines(scenario)
            .iter()
            .map(|l| l.key.as_ref())
            .collect();
        let waits_for = |c: &Choice| {
            c.when.as_ref().map_or(0, |w| {
                w.required()
                    .iter()
                    .filter(|t| !t.negated)
                    .filter_map(|t| match &t.atom {
                        crate::condition::Atom::Heard(k) => {
                            keys.iter().position(|l| *l == Some(k)).map(|i| i + 1)
                        }
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0)
            })
        };
        crate::lean::sort_small_by_key(&mut offered, |(_, c)| waits_for(c));
        offered
    }

    fn enter(&mut self, scenario: &Scenario, target: &NodeId, at_ms: u64) {
        if let Some(beat) = scenario.beat(target) {
            let facts = FactsAt {
                state: &self.partner,
                interrupted: false,
                scores: scores_so_far(&self.turns, None),
            };
            let variant = beat.variants.iter().position(|v| v.when.holds(&facts));
            self.position = Position::Beat {
                id: beat.id.clone(),
                started_ms: at_ms,
                variant,
                backchanneled: false,
            };
        } else {
            self.position = Position::Ended {
                ending: target.clone(),
                at_ms,
            };
            let lines = self.lines(scenario);
            self.transcript.extend(lines.iter().map(Utterance::of_line));
        }
    }

    /// How many lines of the current beat have begun by now.
    pub fn lines_started(&self, scenario: &Scenario) -> usize {
        let elapsed = self.elapsed_ms();
        let mut start = 0u64;
        self.lines(scenario)
            .iter()
            .take_while(|l| {
                let begun = start <= elapsed;
                start += u64::from(l.duration_ms());
                begun
            })
            .count()
    }

    /// Marks lines finished by `now` as heard, and moves past beats that have no choices.
    fn advance_time(&mut self, scenario: &Scenario, now: u64) {
        // A chain of `next` beats is finite in a valid scenario; the bound guards a broken one.
        for _ in 0..=scenario.beats.len() {
            let Position::Beat { id, started_ms, .. } = &self.position else {
                return;
            };
            let (id, started) = (id.clone(), *started_ms);
            let lines = self.lines(scenario);
            let elapsed = now.saturating_sub(started);
            let done = lines_finished(lines, elapsed);
            for key in lines[..done].iter().filter_map(|l| l.key.clone()) {
                self.partner.heard.insert(key);
            }
            let total = speech_ms(lines);
            match scenario.beat(&id) {
                Some(b) if b.choices.is_empty() && elapsed >= total => match &b.next {
                    Some(next) => {
                        let next = next.clone();
                        let count = lines.len();
                        self.close_beat(scenario, count, false);
                        self.enter(scenario, &next, started + total);
                    }
                    None => return,
                },
                _ => return,
            }
        }
    }

    /// The beat in progress as said so far: its first `count` lines, with what the
    /// trainee said in between (back-channels, replies not understood) in its place.
    pub fn said_in_beat(&self, scenario: &Scenario, count: usize) -> Vec<Utterance> {
        let lines = self.lines(scenario);
        let count = count.min(lines.len());
        let mut asides = self.asides.iter().peekable();
        let mut said = Vec::new();
        for (i, l) in lines[..count].iter().enumerate() {
            while let Some((_, u)) = asides.next_if(|(at, _)| *at <= i) {
                said.push(u.clone());
            }
            said.push(Utterance::of_line(l));
        }
        said.extend(asides.map(|(_, u)| u.clone()));
        said
    }

    /// Moves the beat in progress into the transcript: its first `count` lines (the last
    /// marked cut off if `cut`) and the asides among them.
    fn close_beat(&mut self, scenario: &Scenario, count: usize, cut: bool) {
        let mut said = self.said_in_beat(scenario, count);
        if cut {
            // The line under way, unless it is narration: cutting in while nobody speaks
            // cuts nobody off, though it cuts in before what they were going to say.
            if let Some(last) = said
                .iter_mut()
                .rev()
                .find(|u| u.speaker != Speaker::Trainee && !u.aside)
                .filter(|u| u.speaker == Speaker::Partner)
            {
                last.overlapped = true;
            }
        }
        self.transcript.append(&mut said);
        self.asides.clear();
    }

    fn apply_effect(&mut self, e: Effect) {
        // A remembered slight dampens warmth: de-escalation and trust gains land at
        // 2/(2+slights) of their strength (the simulators' emotional memory, rubrics.md).
        let damp = |v: i32, soothing: bool, slights: u32| -> i32 {
            if soothing && slights > 0 {
                v * 2 / (2 + slights as i32)
            } else {
                v
            }
        };
        let p = &mut self.partner;
        p.agitation = (p.agitation + damp(e.agitation, e.agitation < 0, p.slights)).clamp(0, 100);
        p.trust = (p.trust + damp(e.trust, e.trust > 0, p.slights)).clamp(0, 100);
    }

    /// When the last reply was given, or the conversation taken back to one: both put new
    /// replies under the trainee's finger.
    fn last_answer_ms(&self) -> Option<u64> {
        self.log.iter().rev().find_map(|a| match a {
            Action::Reply { at_ms, .. }
            | Action::Say { at_ms, .. }
            | Action::RestartFrom { at_ms, .. } => Some(*at_ms),
            _ => None,
        })
    }

    /// The earliest moment a reply is taken as a choice rather than a repeated tap.
    pub fn replies_open_ms(&self) -> u64 {
        self.last_answer_ms()
            .map_or(0, |t| t.saturating_add(REPEAT_MS))
    }

    /// Whether a reply now would be taken as a choice (see [`REPEAT_MS`]).
    pub fn replies_open(&self) -> bool {
        self.now_ms >= self.replies_open_ms()
    }

    /// Applies one action, returning the new session or why it cannot.
    pub fn apply(&self, scenario: &Scenario, action: &Action) -> Result<Session, EngineError> {
        // Replays and playtests call this for every action: no events to work out.
        self.next(scenario, action)
    }

    /// Applies one action, returning the new session and what happened, or why it cannot.
    pub fn step(
        &self,
        scenario: &Scenario,
        action: &Action,
    ) -> Result<(Session, Vec<Event>), EngineError> {
        let next = self.next(scenario, action)?;
        let events = self.events(scenario, &next, action);
        Ok((next, events))
    }

    /// Whether the other person is in the same beat, begun at the same moment, in both.
    fn same_moment(&self, other: &Session) -> bool {
        match (&self.position, &other.position) {
            (
                Position::Beat { id, started_ms, .. },
                Position::Beat {
                    id: id2,
                    started_ms: started2,
                    ..
                },
            ) => id == id2 && started_ms == started2,
            _ => false,
        }
    }

    /// What happened between this session and `next`, the result of `action`.
    fn events(&self, scenario: &Scenario, next: &Session, action: &Action) -> Vec<Event> {
        let mut events = Vec::new();
        let began = matches!(action, Action::Start { .. } | Action::RestartFrom { .. });
        if began {
            events.push(Event::Began);
        }
        if next.turns.len() > self.turns.len() {
            events.push(Event::Replied {
                turn: self.turns.len(),
            });
            if next.turns.last().is_some_and(|t| t.interrupted) {
                events.push(Event::CutOff);
            }
        }
        if next.asides.len() > self.asides.len()
            && next
                .asides
                .last()
                .is_some_and(|(_, u)| u.speaker == Speaker::Partner)
        {
            events.push(Event::NotUnderstood);
        }
        if next.partner.backchannels > self.partner.backchannels {
            events.push(Event::Backchanneled);
        }
        let (agitation, trust) = (
            next.partner.agitation - self.partner.agitation,
            next.partner.trust - self.partner.trust,
        );
        if !began && (agitation != 0 || trust != 0) {
            events.push(Event::MoodMoved { agitation, trust });
        }
        if let Some(ending) = next.ended() {
            if began || self.position != next.position {
                events.push(Event::Ended {
                    ending: ending.clone(),
                });
            }
            return events;
        }
        let same = !began && self.same_moment(next);
        let from = if same {
            self.lines_started(scenario)
        } else {
            0
        };
        events.extend((from..next.lines_started(scenario)).map(|index| Event::LineBegan { index }));
        if !next.speaking(scenario) && (!same || self.speaking(scenario)) {
            events.push(Event::FinishedSpeaking);
        }
        if !began && next.replies_open() && !self.replies_open() {
            events.push(Event::RepliesOpened);
        }
        events
    }

    /// The session after `action`.
    fn next(&self, scenario: &Scenario, action: &Action) -> Result<Session, EngineError> {
        if self.scenario_id != scenario.id {
            return Err(EngineError::WrongScenario {
                expected: scenario.id.clone(),
                found: self.scenario_id.clone(),
            });
        }
        if self.version != SESSION_VERSION {
            return Err(EngineError::Version(self.version));
        }
        let now = action.at_ms();
        if now < self.now_ms && !matches!(action, Action::Start { .. }) {
            return Err(EngineError::TimeWentBack {
                now,
                last: self.now_ms,
            });
        }
        if let Position::Beat { id, .. } = &self.position {
            if scenario.beat(id).is_none() {
                return Err(EngineError::MissingBeat(id.clone()));
            }
        }
        match action {
            Action::Start { seed, at_ms } => Ok(Session::new(scenario, *seed, *at_ms)),
            Action::RestartFrom { turn, at_ms } => self.restart_from(scenario, *turn, *at_ms),
            Action::Tick { at_ms } => {
                // Not logged: replaying the replies passes the same time, and a log of
                // every tick would grow without end and be copied at every step.
                let mut s = self.clone();
                s.advance_time(scenario, *at_ms);
                s.now_ms = *at_ms;
                Ok(s)
            }
            Action::Backchannel { at_ms } => {
                let mut s = self.clone();
                s.advance_time(scenario, *at_ms);
                s.now_ms = *at_ms;
                if s.ended().is_some() {
                    return Err(EngineError::Ended);
                }
                if s.speaking(scenario) {
                    s.partner.backchannels += 1;
                    // Shown as the trainee's own "mm-hm", where it was said.
                    s.set_aside(scenario, Speaker::Trainee, BACKCHANNEL_TEXT);
                    if let Position::Beat { backchanneled, .. } = &mut s.position {
                        // Encouraging them to go on builds a little trust, once per beat.
                        if !*backchanneled {
                            *backchanneled = true;
                            s.apply_effect(Effect {
                                agitation: 0,
                                trust: 1,
                            });
                        }
                    }
                }
                s.log.push(action.clone());
                Ok(s)
            }
            Action::Reply {
                choice,
                turn,
                at_ms,
            } => self.reply(scenario, action, Said::Choice(*choice), *turn, *at_ms),
            Action::Say { text, turn, at_ms } => {
                self.reply(scenario, action, Said::Typed(text), *turn, *at_ms)
            }
        }
    }

    fn reply(
        &self,
        scenario: &Scenario,
        action: &Action,
        said: Said<'_>,
        turn: usize,
        at_ms: u64,
    ) -> Result<Session, EngineError> {
        // Checked first: a second tap on the last reply must not read as "ended".
        if turn != self.turns.len() {
            return Err(EngineError::Stale {
                turn,
                given: self.turns.len(),
            });
        }
        let open = self.replies_open_ms();
        if at_ms < open {
            return Err(EngineError::Repeated {
                after_ms: REPEAT_MS - (open - at_ms),
            });
        }
        let mut s = self.clone();
        s.advance_time(scenario, at_ms);
        s.now_ms = at_ms;
        if s.ended().is_some() {
            return Err(EngineError::Ended);
        }
        let beat = s.beat(scenario).ok_or(EngineError::Ended)?;
        let offered = s.choices(scenario);
        let lines = s.lines(scenario);
        let total = spoken_ms(lines);
        let elapsed = s.elapsed_ms();
        let interrupted = elapsed < total;
        // What they had begun to say by the reply, as one text for the analyzer; narration
        // is seen, not said.
        let started = s.lines_started(scenario);
        let heard_text = lines[..started]
            .iter()
            .filter(|l| !l.narration)
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // The analyzer reads only the latest of what they said before; joining the whole
        // conversation for every reply would make a long one slower at each step.
        let mut earlier: Vec<&str> = s
            .transcript
            .iter()
            .rev()
            .filter(|u| u.speaker == Speaker::Partner)
            .map(|u| u.text.as_str())
            .scan(0, |chars, t| {
                (*chars <= analyzer::MAX_CONTEXT_CHARS).then(|| {
                    *chars += t.len();
                    t
                })
            })
            .collect();
        earlier.reverse();
        let earlier = earlier.join(" ");
        let analyze = |reply: &str, timed: bool| {
            analyzer::analyze(&analyzer::Input {
                said: &heard_text,
                earlier: &earlier,
                reply,
                elapsed_ms: timed.then_some(elapsed),
                speech_ms: timed.then_some(total),
            })
        };
        // Which authored reply this is, and how it scores.
        let (choice, text, analysis, effect, slight) = match said {
            Said::Choice(index) => {
                if !offered.iter().any(|(i, _)| *i == index) {
                    return Err(EngineError::NoSuchChoice(index));
                }
                let c = &beat.choices[index];
                let mut a = analyze(&c.text, true);
                if let Some(o) = c.score {
                    // The author's scores stand for the words; cutting in still costs.
                    let cut = |d: Dimension| {
                        if interrupted {
                            SignalId::Interruption.effect(d)
                        } else {
                            0
                        }
                    };
                    let with = |x: u8, d| (i32::from(x.min(100)) + cut(d)).clamp(0, 100) as u8;
                    a.presence = with(o.presence, Dimension::Presence);
                    a.listening = with(o.listening, Dimension::Listening);
                }
                (index, c.text.clone(), a, c.effect, c.slight)
            }
            Said::Typed(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return Err(EngineError::EmptyReply);
                }
                let chars = text.chars().count();
                if chars > analyzer::MAX_REPLY_CHARS {
                    return Err(EngineError::TooLong { chars });
                }
                if !analyzer::reads_as_english(text, &heard_text) {
                    return Ok(s.not_understood(scenario, action, text));
                }
                let a = analyze(text, true);
                let words = analyzer::content_stems(text);
                let untimed = analyze(text, false);
                // Route to the best intent match; ties go to the reply listed first in the file.
                // Only replies it has something in common with: a content word, a signal,
                // or signals that help (or harm) alike; timing aside. A reply with nothing
                // in common with anything on offer is not understood.
                let kinds = |a: &Analysis| -> Vec<SignalId> {
                    a.signals
                        .iter()
                        .map(|s| s.id)
                        .filter(|id| *id != SignalId::Interruption)
                        .collect()
                };
                let helps = |ids: &[SignalId]| ids.iter().any(|id| id.weight() > 0);
                let harms = |ids: &[SignalId]| ids.iter().any(|id| id.is_harmful());
                let own = kinds(&untimed);
                let best = offered
                    .iter()
                    .filter_map(|(i, c)| {
                        let ca = analyze(&c.text, false);
                        let theirs = analyzer::content_stems(&c.text);
                        let other = kinds(&ca);
                        let akin = !words.is_disjoint(&theirs)
                            || other.iter().any(|id| own.contains(id))
                            || (helps(&own) && helps(&other))
                            || (harms(&own) && harms(&other));
                        akin.then(|| (*i, analyzer::intent_match(&untimed, &words, &ca, &theirs)))
                    })
                    .fold(None, |best: Option<(usize, f64)>, (i, m)| match best {
                        Some((bi, bm)) if bm > m || (bm == m && bi < i) => Some((bi, bm)),
                        _ => Some((i, m)),
                    });
                let Some((index, _)) = best else {
                    return Ok(s.not_understood(scenario, action, text));
                };
                // A typed reply with anything harmful in it is taken as a slight.
                let slight = a
                    .signals
                    .iter()
                    .any(|s| s.id.is_harmful() && s.id != SignalId::Interruption);
                (index, text.to_string(), a.clone(), typed_effect(&a), slight)
            }
        };
        let picked = &beat.choices[choice];
        let done = lines_finished(lines, elapsed);
        let mut missed = Names::default();
        for key in lines[done..].iter().filter_map(|l| l.key.clone()) {
            missed.insert(key);
        }
        s.close_beat(scenario, started, interrupted);
        s.transcript.push(Utterance {
            speaker: Speaker::Trainee,
            who: None,
            text: text.clone(),
            overlapped: interrupted,
            aside: false,
        });
        if interrupted {
            s.partner.interruptions += 1;
            s.apply_effect(scenario.interruption);
        }
        s.apply_effect(effect);
        if slight {
            s.partner.slights += 1;
        }
        for m in &picked.remember {
            s.partner.memories.insert(m.clone());
        }
        let facts = FactsAt {
            state: &s.partner,
            interrupted,
            scores: scores_so_far(&s.turns, Some((analysis.presence, analysis.listening))),
        };
        let route = picked.routes.iter().position(|r| r.when.holds(&facts));
        let target = route
            .map_or(&picked.goto, |i| &picked.routes[i].goto)
            .clone();
        // A route taken adds its own effect and memories, after the reply's.
        if let Some(r) = route.map(|i| &picked.routes[i]) {
            s.apply_effect(r.effect);
            for m in &r.remember {
                s.partner.memories.insert(m.clone());
            }
        }
        s.turns.push(Turn {
            beat: beat.id.clone(),
            choice,
            route,
            text,
            elapsed_ms: elapsed,
            speech_ms: total,
            interrupted,
            missed,
            agitation_after: s.partner.agitation,
            trust_after: s.partner.trust,
            typed: matches!(said, Said::Typed(_)),
            presence: analysis.presence,
            listening: analysis.listening,
            signals: analysis.signals,
        });
        s.enter(scenario, &target, at_ms);
        s.log.push(action.clone());
        Ok(s)
    }

    /// The session after a typed reply that was not understood: it and the other person's
    /// request to say what was meant are set aside in the beat; nothing is scored.
    fn not_understood(mut self, scenario: &Scenario, action: &Action, text: &str) -> Session {
        let asked = self
            .asides
            .iter()
            .filter(|(_, u)| u.speaker == Speaker::Partner)
            .count();
        let ask = WHAT_DO_YOU_MEAN[asked % WHAT_DO_YOU_MEAN.len()];
        self.set_aside(scenario, Speaker::Trainee, text);
        self.set_aside(scenario, Speaker::Partner, ask);
        self.log.push(action.clone());
        self
    }

    /// Adds something said in passing to the beat in progress, where it is now.
    fn set_aside(&mut self, scenario: &Scenario, speaker: Speaker, text: &str) {
        let at = self.lines_started(scenario);
        self.asides.push((
            at,
            Utterance {
                speaker,
                who: None,
                text: text.to_string(),
                overlapped: false,
                aside: true,
            },
        ));
    }

    /// The session at the moment reply number `turn` was given, just before it.
    fn moment_of(&self, scenario: &Scenario, turn: usize) -> Result<Session, EngineError> {
        if turn >= self.turns.len() {
            return Err(EngineError::NoSuchTurn(turn));
        }
        // Replay from the start; the last moment before a reply with `turn` replies
        // behind is the one that led to the reply.
        let mut s = Session::new(scenario, self.seed, self.started_ms);
        let mut snapshot = None;
        for a in &self.log {
            if matches!(a, Action::Reply { .. } | Action::Say { .. }) && s.turns.len() == turn {
                // The moment of the reply, with the time up to it passed.
                let at = Action::Tick { at_ms: a.at_ms() };
                snapshot = Some(s.apply(scenario, &at)?);
            }
            s = s.apply(scenario, a)?;
        }
        snapshot.ok_or(EngineError::NoSuchTurn(turn))
    }

    /// The replies that were on offer when reply number `turn` was given, by their index
    /// in its beat (a reply whose condition did not hold then was not one of them).
    pub fn offered_at(&self, scenario: &Scenario, turn: usize) -> Vec<usize> {
        self.moment_of(scenario, turn)
            .map(|m| m.choices(scenario).into_iter().map(|(i, _)| i).collect())
            .unwrap_or_default()
    }

    fn restart_from(
        &self,
        scenario: &Scenario,
        turn: usize,
        at_ms: u64,
    ) -> Result<Session, EngineError> {
        let mut s = self.moment_of(scenario, turn)?;
        // They begin that beat again now, so the trainee hears all of it anew.
        s.asides.clear();
        for key in s.lines(scenario).iter().filter_map(|l| l.key.as_ref()) {
            s.partner.heard.remove(key);
        }
        if let Position::Beat {
            started_ms,
            backchanneled,
            ..
        } = &mut s.position
        {
            *started_ms = at_ms;
            *backchanneled = false;
        }
        s.now_ms = at_ms;
        s.log = self.log.clone();
        s.log.push(Action::RestartFrom { turn, at_ms });
        Ok(s)
    }
}

#[cfg(test)]
mod names_tests {
    use super::Names;
    use crate::ids::Memory;

    #[test]
    fn names_behave_as_a_set_in_the_order_added() {
        let mut n = Names::default();
        for name in ["b", "a", "c", "a"] {
            n.insert(Memory::from(name));
        }
        assert_eq!(n.iter().collect::<Vec<_>>(), ["b", "a", "c"]);
        assert!(n.contains(&"b".into()) && !n.contains(&"d".into()));
        n.remove(&"b".into());
        n.remove(&"zz".into());
        assert!(!n.contains(&"b".into()));
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"["a","c"]"#);
        // A name listed twice by hand is found, and removed, all the same.
        let mut read: Names<Memory> = serde_json::from_str(r#"["c", "a", "c"]"#).unwrap();
        assert!(read.contains(&"c".into()));
        read.remove(&"c".into());
        assert!(!read.contains(&"c".into()) && read.contains(&"a".into()));
    }
}
