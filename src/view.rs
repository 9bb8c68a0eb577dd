//! What the conversation screen shows, decided here and tested natively; the web shell
//! only draws a [`PlayView`].

use crate::engine::{Event, Session, Speaker, Utterance};
use crate::face::{Face, Landing};
use crate::scenario::Scenario;

/// When feedback is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A short note after each reply.
    Coach,
    /// Feedback only at the end.
    Assessment,
}

/// One thing said, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub speaker: Speaker,
    /// The name shown with it: the other person's, someone else's who spoke up, or
    /// "You"; empty for narration.
    pub who: String,
    pub text: String,
    /// "(cut off)" under a line of theirs the trainee cut into, "(you cut in)" under the
    /// reply that did.
    pub note: Option<&'static str>,
    /// Said in passing, moving nothing on: a back-channel, a reply not understood and
    /// their question.
    pub aside: bool,
    /// For a reply typed in one's own words, what it was taken as.
    pub heard_as: Option<String>,
    /// In coach mode, the note on the reply.
    pub coach: Option<String>,
}

/// Whether the newest line is brought into view after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    /// Nothing new was said.
    No,
    /// They said something: shown unless the trainee has scrolled up to reread.
    IfFollowing,
    /// The trainee acted (replied, began again, was asked what they meant): always shown.
    Always,
}

/// The conversation screen at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayView {
    /// Everything said so far, in order, then the beat in progress as far as it has got.
    pub said: Vec<Shown>,
    /// The replies on offer, as (index in the beat, text), in this session's order.
    pub replies: Vec<(usize, String)>,
    /// Which reply the next one is (0-based): a reply names the moment it answers.
    pub turn: usize,
    /// Whether a reply is taken now (not within the guard against a repeated tap).
    pub open: bool,
    /// Whether they are still speaking: "mm-hm" is a back-channel only then.
    pub speaking: bool,
    /// The moment to skip ahead to, where skipping is allowed.
    pub skip_to: Option<u64>,
    /// "Dana seems upset and guarded."
    pub mood: String,
    pub face: Face,
    /// How the last action moved them, for a moment's movement of the face.
    pub landing: Option<Landing>,
    /// Counts the replies and back-channels, so the face's movement plays again for each.
    pub moment: u32,
    /// What to read aloud now, for those who listen: the line they just began, or their
    /// question about a reply not understood.
    pub say: Option<String>,
    /// Whether what was being read aloud stops: the trainee took the floor or began
    /// again, or there is something new to say.
    pub hush: bool,
    /// Whether to bring the newest line into view.
    pub follow: Follow,
    /// Whether the conversation has reached an ending.
    pub ended: bool,
}

/// The name shown with something said (see [`Shown::who`]).
fn who(scenario: &Scenario, u: &Utterance) -> String {
    match u.speaker {
        Speaker::Partner => u.who.as_ref().unwrap_or(&scenario.partner.name).clone(),
        Speaker::Trainee => "You".into(),
        Speaker::Narration => String::new(),
    }
}

impl PlayView {
    /// The screen for `session`, after the action that produced `events`.
    pub fn of(scenario: &Scenario, session: &Session, mode: Mode, events: &[Event]) -> PlayView {
        let ended = session.ended().is_some();
        let mut turns = session.turns.iter();
        let mut said: Vec<Shown> = session
            .transcript
            .iter()
            .map(|u| {
                // An aside is no reply of the trainee's: no turn, note or "heard as".
                let turn = (u.speaker == Speaker::Trainee && !u.aside)
                    .then(|| turns.next())
                    .flatten();
                Shown {
                    speaker: u.speaker,
                    who: who(scenario, u),
                    text: u.text.clone(),
                    note: match (u.speaker, u.overlapped) {
                        (Speaker::Partner, true) => Some("(cut off)"),
                        (Speaker::Trainee, true) => Some("(you cut in)"),
                        _ => None,
                    },
                    aside: u.aside,
                    heard_as: turn.and_then(|t| crate::debrief::heard_as(scenario, t)),
                    coach: turn
                        .filter(|_| mode == Mode::Coach)
                        .map(|t| crate::debrief::coach_note(scenario, t)),
                }
            })
            .collect();
        if !ended {
            said.extend(
                session
                    .said_in_beat(scenario, session.lines_started(scenario))
                    .into_iter()
                    .map(|u| Shown {
                        speaker: u.speaker,
                        who: who(scenario, &u),
                        text: u.text,
                        note: None,
                        aside: u.aside,
                        heard_as: None,
                        coach: None,
                    }),
            );
        }
        let (agitation, trust) = session.partner.mood_words();
        let p = &session.partner;
        let say = events
            .iter()
            .rev()
            .find_map(|e| match e {
                // Narration is for reading, not for a voice.
                Event::LineBegan { index } => session
                    .lines(scenario)
                    .get(*index)
                    .filter(|l| !l.narration)
                    .map(|l| &l.text),
                Event::NotUnderstood => session.asides.last().map(|(_, u)| &u.text),
                _ => None,
            })
            .cloned();
        let acted = events.iter().any(|e| {
            matches!(
                e,
                Event::Replied { .. } | Event::Began | Event::NotUnderstood
            )
        });
        let spoke = events.iter().any(|e| matches!(e, Event::LineBegan { .. }));
        PlayView {
            said,
            replies: session
                .choices(scenario)
                .into_iter()
                .map(|(i, c)| (i, c.text.clone()))
                .collect(),
            turn: session.turns.len(),
            open: session.replies_open(),
            speaking: !ended && session.speaking(scenario),
            skip_to: session.skip_to(scenario),
            mood: format!("{} seems {agitation} and {trust}.", scenario.partner.name),
            face: crate::face::face(p.agitation, p.trust, session.feeling(scenario)),
            landing: crate::face::landing(events),
            moment: session.turns.len() as u32 + p.backchannels,
            hush: say.is_some()
                || events
                    .iter()
                    .any(|e| matches!(e, Event::Replied { .. } | Event::Began)),
            say,
            follow: match (acted, spoke) {
                (true, _) => Follow::Always,
                (false, true) => Follow::IfFollowing,
                (false, false) => Follow::No,
            },
            ended,
        }
    }
}
