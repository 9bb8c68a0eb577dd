//! Scores for a whole conversation: presence, listening, the reflection-to-question
//! ratio, interruptions and the four fundamentals of service. Deterministic.

use crate::analyzer::{Signal, SignalId};
use crate::engine::{Session, Turn};
use crate::scenario::{Choice, Ending, Quality, Scenario};
use serde::{Deserialize, Serialize};

/// One of the four fundamentals of service (seed 002).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fundamental {
    /// The customer believes we want to serve them.
    PositiveRegard,
    /// Dedicated to delivering what the customer wants.
    Commitment,
    /// Delivered to a high standard.
    EffectiveAction,
    /// Ensure the outcome and attend to the relationship.
    FollowThrough,
}

impl Fundamental {
    /// All four, in the order they are taught.
    pub const ALL: [Fundamental; 4] = [
        Fundamental::PositiveRegard,
        Fundamental::Commitment,
        Fundamental::EffectiveAction,
        Fundamental::FollowThrough,
    ];

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            Fundamental::PositiveRegard => "Positive regard",
            Fundamental::Commitment => "Commitment",
            Fundamental::EffectiveAction => "Effective action",
            Fundamental::FollowThrough => "Follow-through",
        }
    }

    /// Its name in files: `positive_regard`, `commitment`, `effective_action`,
    /// `follow_through`.
    pub fn word(self) -> &'static str {
        match self {
            Fundamental::PositiveRegard => "positive_regard",
            Fundamental::Commitment => "commitment",
            Fundamental::EffectiveAction => "effective_action",
            Fundamental::FollowThrough => "follow_through",
        }
    }

    /// The signals that earn it (positive) or cost it (negative), and how.
    ///
    /// Positive regard: being seen and valued (appreciation, naming feelings,
    /// reflecting, apologising, encouraging them on), lost to dismissal, contempt,
    /// self-focus and cutting in. Commitment: taking the problem on and building on
    /// their ideas, lost to blame and "yes, but". Effective action: concrete actions
    /// and questions that find out what is needed, lost to defensiveness and
    /// hostility. Follow-through: checking back and confirming, lost to contempt.
    ///
    /// The roadblocks fall where they do the damage: judging, labelling, moralizing,
    /// the non-apology and going quiet cost regard; arguing costs commitment; ordering,
    /// warning and probing ("why didn't you ...") cost effective action, because they
    /// push instead of finding out. Advice and reassurance are not counted against any
    /// fundamental: they cost listening, and in their place they can serve.
    pub fn signals(self) -> &'static [SignalId] {
        use SignalId::*;
        match self {
            Fundamental::PositiveRegard => &[
                Appreciation,
                FeelingNamed,
                Reflection,
                Apology,
                Sympathy,
                Validation,
                Autonomy,
                Backchannel,
                Dismissive,
                Hostile,
                SelfFocus,
                Interruption,
                Judging,
                Labelling,
                Moralizing,
                NonApology,
                Withdrawing,
            ],
            Fundamental::Commitment => &[Commitment, YesAnd, Answered, Defensive, YesBut, Arguing],
            Fundamental::EffectiveAction => &[
                Commitment,
                OpenQuestion,
                Answered,
                Defensive,
                Hostile,
                Ordering,
                Warning,
                Probing,
            ],
            Fundamental::FollowThrough => &[FollowThrough, Appreciation, Hostile, Withdrawing],
        }
    }
}

/// How one fundamental went, with the replies behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundamentalScore {
    pub fundamental: Fundamental,
    /// 0 to 100; 50 when nothing in the conversation spoke to it.
    pub score: u8,
    /// Indexes of the replies (turns) that earned it.
    pub earned: Vec<usize>,
    /// Indexes of the replies that cost it.
    pub cost: Vec<usize>,
}

/// Where a reflection-to-question ratio stands against MITI 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatioBand {
    /// 2:1 or better.
    Good,
    /// 1:1 or better.
    Fair,
    /// Below 1:1.
    BelowFair,
    /// No questions asked: the ratio is not defined.
    NoQuestions,
}

/// The scores of a whole conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationScore {
    /// Mean of the replies' presence scores, 0 to 100 (50 with no replies).
    pub presence: u8,
    /// Mean of the replies' listening scores.
    pub listening: u8,
    pub replies: usize,
    pub reflections: usize,
    /// Open and closed questions.
    pub questions: usize,
    /// Reflections per question, in hundredths (250 = 2.5:1); none without questions.
    pub ratio_hundredths: Option<u32>,
    pub ratio_band: RatioBand,
    pub interruptions: usize,
    pub fundamentals: Vec<FundamentalScore>,
}

/// The mean of reply scores, rounded half up; 50 (neutral) with none.
pub fn mean(scores: impl Iterator<Item = u8>) -> u8 {
    let (mut n, mut sum) = (0usize, 0usize);
    for s in scores {
        n += 1;
        sum += usize::from(s);
    }
    (sum + n / 2).checked_div(n).map_or(50, |m| m as u8)
}

/// Scores a conversation from its replies.
pub fn score(turns: &[Turn]) -> ConversationScore {
    let n = turns.len();
    let mean_of = |f: fn(&Turn) -> u8| -> u8 { mean(turns.iter().map(f)) };
    let count = |id: SignalId| {
        turns
            .iter()
            .filter(|t| t.signals.iter().any(|s| s.id == id))
            .count()
    };
    let reflections = count(SignalId::Reflection);
    let questions = count(SignalId::OpenQuestion) + count(SignalId::ClosedQuestion);
    let ratio_hundredths = (questions > 0).then(|| (reflections * 100 / questions) as u32);
    let ratio_band = match ratio_hundredths {
        None => RatioBand::NoQuestions,
        Some(r) if r >= 200 => RatioBand::Good,
        Some(r) if r >= 100 => RatioBand::Fair,
        Some(_) => RatioBand::BelowFair,
    };
    let fundamentals = Fundamental::ALL
        .into_iter()
        .map(|f| {
            let (mut pos, mut neg) = (0u32, 0u32);
            let (mut earned, mut cost) = (Vec::new(), Vec::new());
            for (i, t) in turns.iter().enumerate() {
                let (mut p, mut q) = (0u32, 0u32);
                for s in t.signals.iter().filter(|s| f.signals().contains(&s.id)) {
                    let w = s.weight.unsigned_abs();
                    if s.weight > 0 {
                        p += w;
                    } else {
                        q += w;
                    }
                }
                if p > 0 {
                    earned.push(i);
                }
                if q > 0 {
                    cost.push(i);
                }
                pos += p;
                neg += q;
            }
            // Smoothed share of what spoke for it: 50 with nothing either way.
            let score = (100 * (pos + 10) + (pos + neg + 20) / 2) / (pos + neg + 20);
            FundamentalScore {
                fundamental: f,
                score: score as u8,
                earned,
                cost,
            }
        })
        .collect();
    ConversationScore {
        presence: mean_of(|t| t.presence),
        listening: mean_of(|t| t.listening),
        replies: n,
        reflections,
        questions,
        ratio_hundredths,
        ratio_band,
        interruptions: turns.iter().filter(|t| t.interrupted).count(),
        fundamentals,
    }
}

/// How one signal is shown beside a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalLine {
    /// Its name for people ("Open question").
    pub label: &'static str,
    /// Whether it helped the conversation; otherwise it hurt it.
    pub helped: bool,
    /// What it did to the reply's scores, its own score first: "+45 listening, +20 presence".
    pub effect: String,
    /// The coaching note.
    pub note: String,
}

/// How a signal is shown: helped when it moves the scores up on balance and is not
/// harmful, with its effect on both scores.
pub fn signal_line(s: &Signal) -> SignalLine {
    let own = format!("{:+} {}", s.weight, s.dimension.name());
    let effect = match s.cross_weight {
        0 => own,
        c => format!("{own}, {c:+} {}", s.dimension.other().name()),
    };
    SignalLine {
        label: s.id.label(),
        helped: helped(s),
        effect,
        note: s.note.clone(),
    }
}

/// Whether a signal helped the conversation: it moves the scores up on balance and is
/// not harmful.
fn helped(s: &Signal) -> bool {
    !s.id.is_harmful() && s.weight + s.cross_weight > 0
}

/// The author's note on an authored reply: the route taken has the last word, where it
/// has one ("you cut in: ..."), then the reply's own.
fn authored_note<'s>(s: &'s Scenario, t: &Turn) -> Option<&'s str> {
    if t.typed {
        return None;
    }
    let c = s.beat(&t.beat)?.choices.get(t.choice)?;
    t.route
        .and_then(|i| c.routes.get(i)?.feedback.as_deref())
        .or(c.feedback.as_deref())
}

/// The note shown after a reply in coach mode: the author's feedback on an authored
/// reply; otherwise the note of the most harmful signal, or, with none harmful, of the
/// signal that moved the scores most; otherwise a nudge towards reflecting.
pub fn coach_note(s: &Scenario, t: &Turn) -> String {
    let authored = authored_note(s, t).map(str::to_string);
    let total = |x: &&Signal| x.weight + x.cross_weight;
    let harmful = t
        .signals
        .iter()
        .filter(|x| x.id.is_harmful())
        .min_by_key(total);
    let weightiest = || t.signals.iter().max_by_key(|x| total(x).abs());
    authored.unwrap_or_else(|| {
        harmful.or_else(weightiest).map_or_else(
            || "Nothing stood out in that reply; a reflection of what they said would show you listened.".to_string(),
            |x| x.note.clone(),
        )
    })
}

/// A stronger reply than reply number `turn`, if there was one: the author's best reply
/// among those on offer at that moment, unless that is the reply given.
pub fn stronger_reply<'s>(s: &'s Scenario, session: &Session, turn: usize) -> Option<&'s Choice> {
    let t = session.turns.get(turn)?;
    let beat = s.beat(&t.beat)?;
    let gave_best = !t.typed && beat.choices.get(t.choice)?.quality == Some(Quality::Best);
    if gave_best {
        return None;
    }
    let offered = session.offered_at(s, turn);
    // The first in the file, whatever order they were shown in.
    beat.choices
        .iter()
        .enumerate()
        .find(|(i, c)| offered.contains(i) && c.quality == Some(Quality::Best) && c.text != t.text)
        .map(|(_, c)| c)
}

/// For a reply typed in one's own words, the reply on offer it was taken as, so the
/// trainee sees why the other person answered as they did: "Heard as: “Go on.”".
pub fn heard_as(s: &Scenario, t: &Turn) -> Option<String> {
    let choice = s.beat(&t.beat)?.choices.get(t.choice)?;
    t.typed
        .then(|| format!("Heard as: \u{201c}{}\u{201d}", choice.text))
}

/// What the debrief shows: how the conversation ended, its scores, and each reply with
/// what it did and why. The web app renders it as it is.
#[derive(Clone, Debug, PartialEq)]
pub struct DebriefView<'s> {
    pub ending: &'s Ending,
    pub score: ConversationScore,
    /// The reflection-to-question ratio for people: "2.50 : 1 (good, by the MITI
    /// standard of 2:1)", or "3 reflections, no questions".
    pub ratio: String,
    /// The trainee's "mm-hm"s while the other person spoke.
    pub backchannels: u32,
    pub replies: Vec<ReplyReview<'s>>,
}

/// One reply in the debrief.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyReview<'s> {
    pub turn: &'s Turn,
    /// The author's note on the reply, when it was tapped (a typed reply is the trainee's
    /// own words: the note of the reply it was taken as does not fit it).
    pub note: Option<&'s str>,
    /// The author's best reply on offer at that moment, unless that was the one given.
    pub stronger: Option<&'s str>,
    /// The reply's words in order, each part marked with the signal found in it, if any.
    pub parts: Vec<(&'s str, Option<Mark>)>,
}

/// A signal's words marked in a reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub label: &'static str,
    pub helped: bool,
}

impl<'s> DebriefView<'s> {
    /// The debrief of a finished conversation (`None` while it is going on, or if its
    /// ending is not in the scenario).
    pub fn of(s: &'s Scenario, session: &'s Session) -> Option<DebriefView<'s>> {
        let ending = s.ending(session.ended()?)?;
        let score = score(&session.turns);
        let ratio = match (score.ratio_hundredths, score.ratio_band) {
            (Some(r), band) => format!(
                "{}.{:02} : 1 ({})",
                r / 100,
                r % 100,
                match band {
                    RatioBand::Good => "good, by the MITI standard of 2:1",
                    RatioBand::Fair => "fair; 2:1 is good",
                    _ => "below the fair mark of 1:1",
                }
            ),
            (None, _) => format!("{} reflections, no questions", score.reflections),
        };
        let replies = session
            .turns
            .iter()
            .enumerate()
            .map(|(i, t)| ReplyReview {
                turn: t,
                note: authored_note(s, t),
                stronger: stronger_reply(s, session, i).map(|c| c.text.as_str()),
                parts: marked(&t.text, &t.signals),
            })
            .collect();
        Some(DebriefView {
            ending,
            score,
            ratio,
            backchannels: session.partner.backchannels,
            replies,
        })
    }
}

/// A reply's text cut into parts, each with the signal whose words it is: spans that
/// overlap an earlier one (by start, the longer first) are left unmarked; spans outside
/// the text or not on character boundaries are ignored.
pub fn marked<'t>(text: &'t str, signals: &[Signal]) -> Vec<(&'t str, Option<Mark>)> {
    let mut spans: Vec<(usize, usize, &Signal)> = signals
        .iter()
        .filter_map(|s| s.span.map(|(a, b)| (a, b, s)))
        .filter(|(a, b, _)| {
            a < b && *b <= text.len() && text.is_char_boundary(*a) && text.is_char_boundary(*b)
        })
        .collect();
    crate::lean::sort_small_by_key(&mut spans, |(a, b, _)| (*a, std::cmp::Reverse(*b)));
    let mut parts = Vec::new();
    let mut pos = 0;
    for (a, b, s) in spans {
        if a < pos {
            continue;
        }
        parts.push((&text[pos..a], None));
        parts.push((
            &text[a..b],
            Some(Mark {
                label: s.id.label(),
                helped: helped(s),
            }),
        ));
        pos = b;
    }
    parts.push((&text[pos..], None));
    parts.retain(|(t, _)| !t.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::{analyze, Input};

    fn turn(reply: &str, interrupted: bool) -> Turn {
        let a = analyze(&Input {
            said: "I've waited six days and nobody has called me back.",
            earlier: "",
            reply,
            elapsed_ms: Some(if interrupted { 1_000 } else { 9_000 }),
            speech_ms: Some(5_000),
        });
        Turn {
            beat: "b".into(),
            choice: 0,
            route: None,
            text: reply.into(),
            elapsed_ms: 0,
            speech_ms: 0,
            interrupted,
            missed: Default::default(),
            agitation_after: 0,
            trust_after: 0,
            typed: false,
            presence: a.presence,
            listening: a.listening,
            signals: a.signals,
        }
    }

    #[test]
    fn an_empty_conversation_is_neutral() {
        let s = score(&[]);
        assert_eq!(
            (s.presence, s.listening, s.ratio_band),
            (50, 50, RatioBand::NoQuestions)
        );
        assert!(s.fundamentals.iter().all(|f| f.score == 50));
    }

    #[test]
    fn ratio_bands_follow_miti() {
        let reflect = turn(
            "Six days and nobody called you back. That sounds exhausting.",
            false,
        );
        let ask = turn("What would help most today?", false);
        let s = score(&[reflect.clone(), reflect.clone(), ask.clone()]);
        assert_eq!(
            (s.reflections, s.questions, s.ratio_hundredths),
            (2, 1, Some(200))
        );
        assert_eq!(s.ratio_band, RatioBand::Good);
        assert_eq!(
            score(&[reflect.clone(), ask.clone()]).ratio_band,
            RatioBand::Fair
        );
        assert_eq!(
            score(&[reflect, ask.clone(), ask]).ratio_band,
            RatioBand::BelowFair
        );
    }

    #[test]
    fn fundamentals_name_the_replies_behind_them() {
        let turns = [
            turn("Calm down, please.", true),
            turn(
                "I'll book a technician for tomorrow at nine and call you at eight to confirm.",
                false,
            ),
            turn("Thank you for your patience.", false),
        ];
        let s = score(&turns);
        let get = |f: Fundamental| {
            s.fundamentals
                .iter()
                .find(|x| x.fundamental == f)
                .unwrap()
                .clone()
        };
        let regard = get(Fundamental::PositiveRegard);
        assert_eq!(regard.cost, vec![0]);
        assert_eq!(regard.earned, vec![2]);
        let follow = get(Fundamental::FollowThrough);
        assert_eq!(follow.earned, vec![1, 2]);
        assert!(follow.score > 70, "{follow:?}");
        assert!(regard.score < 50, "{regard:?}");
        assert_eq!(s.interruptions, 1);
        // Deterministic.
        assert_eq!(score(&turns), s);
    }

    #[test]
    fn a_signal_line_names_it_for_people_with_both_effects() {
        let t = turn("What happened when you called?", false);
        let open = t
            .signals
            .iter()
            .find(|s| s.id == SignalId::OpenQuestion)
            .expect("an open question");
        let line = signal_line(open);
        assert_eq!(line.label, "Open question");
        assert!(line.helped);
        assert_eq!(
            line.effect,
            format!(
                "{:+} listening, {:+} presence",
                SignalId::OpenQuestion.weight(),
                SignalId::OpenQuestion.cross_weight()
            )
        );
        let t = turn("Calm down, it's not a big deal.", false);
        let lines: Vec<SignalLine> = t.signals.iter().map(signal_line).collect();
        assert!(
            !lines.is_empty() && lines.iter().all(|l| !l.helped),
            "{lines:?}"
        );
        // A harmful signal is never shown as helping, whatever its weights.
        for s in &t.signals {
            assert!(s.id.is_harmful() || s.weight + s.cross_weight <= 0, "{s:?}");
        }
    }

    #[test]
    fn the_coach_note_puts_harm_first_then_the_weightiest_signal() {
        let scenario = crate::builtin::read(0).expect("a shipped scenario");
        let mut typed = turn("I'm sorry. Did you get our email?", false);
        typed.typed = true;
        let apology = typed
            .signals
            .iter()
            .find(|s| s.id == SignalId::Apology)
            .expect("an apology");
        // The closed question costs a little; the apology moves the scores more.
        assert!(typed
            .signals
            .iter()
            .any(|s| s.id == SignalId::ClosedQuestion));
        assert_eq!(coach_note(&scenario, &typed), apology.note);
        let mut rude = turn("I'm sorry, but you need to calm down.", false);
        rude.typed = true;
        let note = coach_note(&scenario, &rude);
        let harmful: Vec<&Signal> = rude.signals.iter().filter(|s| s.id.is_harmful()).collect();
        assert!(!harmful.is_empty());
        assert!(harmful.iter().any(|s| s.note == note), "{note}");
        let mut nothing = turn("Okay.", false);
        nothing.typed = true;
        nothing.signals.clear();
        assert!(coach_note(&scenario, &nothing).contains("reflection"));
    }
}
