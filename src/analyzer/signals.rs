//! The one table of signals: each row gives a signal's stable id, the score it counts
//! towards and its weight there, its weight on the other score, whether it harms the
//! conversation and whether it is one of Gordon's roadblocks. Its words for people (a
//! label and the coaching note a trainee reads) are language data, by the same id, in
//! `signal_labels` and `signal_notes` of `assets/lexicon/en.toml`. Everything else about
//! a signal is derived from these.

use serde::{Deserialize, Serialize};

/// What a signal counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Presence,
    Listening,
}

impl Dimension {
    /// The dimension's name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Presence => "presence",
            Dimension::Listening => "listening",
        }
    }

    /// The other dimension.
    pub fn other(self) -> Dimension {
        match self {
            Dimension::Presence => Dimension::Listening,
            Dimension::Listening => Dimension::Presence,
        }
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Row {
    /// The stable name, as in JSON and scenario files.
    pub name: &'static str,
    pub dimension: Dimension,
    /// How much it moves its own score.
    pub weight: i32,
    /// How much it moves the other score: presence and listening are two sides of one
    /// reply (a reflection shows regard; contempt shuts the other person up).
    pub cross: i32,
    /// Whether it harms the conversation: a reply marked `best` or `good` should not carry
    /// it, and a typed reply that does counts as a slight.
    pub harmful: bool,
    /// Whether it is one of Gordon's roadblocks to listening.
    pub roadblock: bool,
}

macro_rules! signals {
    ($( $(#[doc = $doc:literal])* $id:ident = $name:literal, $dim:ident, $weight:expr, $cross:expr, $harm:ident, $road:ident; )*) => {
        /// The kinds of signal; their snake_case names are a stable contract.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum SignalId {
            $( $(#[doc = $doc])* $id, )*
        }

        /// The table, in the order of [`SignalId`].
        pub const TABLE: &[Row] = &[
            $( Row {
                name: $name,
                dimension: Dimension::$dim,
                weight: $weight,
                cross: $cross,
                harmful: signals!(@flag $harm),
                roadblock: signals!(@flag $road),
            }, )*
        ];

        impl SignalId {
            /// Every signal, in table order.
            pub const ALL: &'static [SignalId] = &[ $( SignalId::$id, )* ];
        }
    };
    (@flag harmful) => { true };
    (@flag roadblock) => { true };
    (@flag no) => { false };
}

signals! {
    /// Says back what they said or meant, in their words or one's own.
    Reflection = "reflection", Listening, 45, 20, no, no;
    /// A feeling named as theirs.
    FeelingNamed = "feeling_named", Listening, 25, 15, no, no;
    /// A question that invites their story.
    OpenQuestion = "open_question", Listening, 40, 20, no, no;
    /// A question that asks for yes, no, a fact or a choice.
    ClosedQuestion = "closed_question", Listening, -5, 0, no, no;
    /// A short encouragement that does not take the floor.
    Backchannel = "backchannel", Listening, 30, 15, no, no;
    /// The floor taken before they finished.
    Interruption = "interruption", Listening, -50, -20, harmful, no;
    /// The talk turned to oneself.
    SelfFocus = "self_focus", Listening, -45, -20, harmful, no;
    /// Agreement taken back with "but".
    YesBut = "yes_but", Listening, -40, -30, harmful, no;
    /// Their idea taken up and built on.
    YesAnd = "yes_and", Listening, 30, 20, no, no;
    /// Minimising the problem or policing the feeling.
    Dismissive = "dismissive", Presence, -50, -30, harmful, no;
    /// Blame, excuses, policy, passing the problem on.
    Defensive = "defensive", Presence, -45, -25, harmful, no;
    /// Sarcasm, contempt, insults, shouting.
    Hostile = "hostile", Presence, -65, -30, harmful, no;
    /// An apology for what happened.
    Apology = "apology", Presence, 30, 5, no, no;
    /// Sorrow or concern for what they are going through.
    Sympathy = "sympathy", Presence, 30, 15, no, no;
    /// Saying their reaction makes sense.
    Validation = "validation", Presence, 30, 20, no, no;
    /// A concrete action one takes on oneself.
    Commitment = "commitment", Presence, 40, 15, no, no;
    /// Checking back or confirming the outcome.
    FollowThrough = "follow_through", Presence, 25, 20, no, no;
    /// Thanks and respect.
    Appreciation = "appreciation", Presence, 25, 5, no, no;
    /// A direct answer to the question they asked.
    Answered = "answered", Listening, 20, 5, no, no;
    /// Asking permission or offering a choice.
    Autonomy = "autonomy", Presence, 25, 20, no, no;
    /// Gordon 1: ordering, directing, commanding.
    Ordering = "ordering", Listening, -40, -25, harmful, roadblock;
    /// Gordon 2: warning, threatening.
    Warning = "warning", Presence, -50, -25, harmful, roadblock;
    /// Gordon 3: moralising, preaching, "should have".
    Moralizing = "moralizing", Listening, -40, -30, harmful, roadblock;
    /// Gordon 4: advising, giving solutions before they feel heard.
    Advising = "advising", Listening, -40, -15, harmful, roadblock;
    /// Gordon 5: arguing, persuading with logic, correcting.
    Arguing = "arguing", Listening, -45, -25, harmful, roadblock;
    /// Gordon 6: judging, criticising, blaming them.
    Judging = "judging", Presence, -50, -25, harmful, roadblock;
    /// Gordon 7: praising or agreeing to steer.
    Praising = "praising", Listening, -30, -20, harmful, roadblock;
    /// Gordon 8: name-calling, labelling.
    Labelling = "labelling", Presence, -50, -25, harmful, roadblock;
    /// Gordon 9: interpreting, analysing, diagnosing their motives.
    Interpreting = "interpreting", Listening, -40, -20, harmful, roadblock;
    /// Gordon 10: reassuring, consoling to close the feeling.
    Reassuring = "reassuring", Listening, -40, -15, harmful, roadblock;
    /// Gordon 11: probing, interrogating with "why didn't you".
    Probing = "probing", Listening, -40, -25, harmful, roadblock;
    /// Gordon 12: withdrawing, distracting, changing the subject.
    Withdrawing = "withdrawing", Listening, -45, -25, harmful, roadblock;
    /// An apology that blames the feeling ("sorry you feel that way").
    NonApology = "non_apology", Presence, -50, -20, harmful, no;
}

impl SignalId {
    fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// The stable name, as in JSON.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// A short name for people, from the language data (`signal_labels` in
    /// `assets/lexicon/en.toml`); its stable name until that is installed.
    pub fn label(self) -> &'static str {
        super::english()
            .signal_text(self)
            .map_or(self.name(), |t| t.0)
    }

    /// Reads a stable name.
    pub fn from_name(name: &str) -> Option<SignalId> {
        SignalId::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// Which score it counts towards.
    pub fn dimension(self) -> Dimension {
        self.row().dimension
    }

    /// How much it moves its own score.
    pub fn weight(self) -> i32 {
        self.row().weight
    }

    /// How much it moves the other score.
    pub fn cross_weight(self) -> i32 {
        self.row().cross
    }

    /// Its effect on one score.
    pub fn effect(self, d: Dimension) -> i32 {
        if self.dimension() == d {
            self.weight()
        } else {
            self.cross_weight()
        }
    }

    /// Whether it hurts the score.
    pub fn is_negative(self) -> bool {
        self.weight() < 0
    }

    /// Whether it harms the conversation (the one definition the validator, the engine and
    /// the web app share).
    pub fn is_harmful(self) -> bool {
        self.row().harmful
    }

    /// Whether it is one of Gordon's twelve roadblocks to listening.
    pub fn is_roadblock(self) -> bool {
        self.row().roadblock
    }

    /// A coaching note a trainee can act on, from the language data (as [`Self::label`]);
    /// empty until that is installed.
    pub fn note(self) -> &'static str {
        super::english().signal_text(self).map_or("", |t| t.1)
    }
}
