//! The one table of signals: each row gives a signal's stable id, a label for people,
//! the score it counts towards and its weight there, its weight on the other score,
//! whether it harms the conversation, whether it is one of Gordon's roadblocks, and the
//! coaching note a trainee reads. Everything else about a signal is derived from here.

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
    /// A short name for people.
    pub label: &'static str,
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
    /// A coaching note a trainee can act on.
    pub note: &'static str,
}

macro_rules! signals {
    ($( $(#[doc = $doc:literal])* $id:ident = $name:literal, $label:literal, $dim:ident, $weight:expr, $cross:expr, $harm:ident, $road:ident, $note:literal; )*) => {
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
                label: $label,
                dimension: Dimension::$dim,
                weight: $weight,
                cross: $cross,
                harmful: signals!(@flag $harm),
                roadblock: signals!(@flag $road),
                note: $note,
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
    Reflection = "reflection", "Reflection", Listening, 45, 20, no, no,
        "You said back what they told you, which shows you understood; do it before adding your own point.";
    /// A feeling named as theirs.
    FeelingNamed = "feeling_named", "Feeling named", Listening, 25, 15, no, no,
        "You named the feeling; saying it tentatively ('it sounds like...') helps them feel understood.";
    /// A question that invites their story.
    OpenQuestion = "open_question", "Open question", Listening, 40, 20, no, no,
        "An open question invites their story; reflect what they answer before asking the next one.";
    /// A question that asks for yes, no, a fact or a choice.
    ClosedQuestion = "closed_question", "Closed question", Listening, -5, 0, no, no,
        "A yes/no or fact question narrows the talk; 'what' or 'how' invites more of their story.";
    /// A short encouragement that does not take the floor.
    Backchannel = "backchannel", "Back-channel", Listening, 30, 15, no, no,
        "A short 'mm-hm' shows you are with them without taking the floor.";
    /// The floor taken before they finished.
    Interruption = "interruption", "Interruption", Listening, -50, -20, harmful, no,
        "You took the floor before they finished; let them finish, or say 'mm-hm' to show you are listening.";
    /// The talk turned to oneself.
    SelfFocus = "self_focus", "Self-focus", Listening, -45, -20, harmful, no,
        "The reply turns the talk to you and your story; bring it back to them and what they need.";
    /// Agreement taken back with "but".
    YesBut = "yes_but", "Yes, but", Listening, -40, -30, harmful, no,
        "'But' cancels the agreement before it; try 'and'.";
    /// Their idea taken up and built on.
    YesAnd = "yes_and", "Yes, and", Listening, 30, 20, no, no,
        "You built on what they offered instead of countering it.";
    /// Minimising the problem or policing the feeling.
    Dismissive = "dismissive", "Dismissive", Presence, -50, -30, harmful, no,
        "Minimising the problem or policing their feelings ('calm down', 'it's no big deal') raises the heat; name the feeling instead.";
    /// Blame, excuses, policy, passing the problem on.
    Defensive = "defensive", "Defensive", Presence, -45, -25, harmful, no,
        "Blame, excuses or policy put the organisation first; own the problem and say what you will do.";
    /// Sarcasm, contempt, insults, shouting.
    Hostile = "hostile", "Hostile", Presence, -65, -30, harmful, no,
        "Sarcasm, curtness or insults break the relationship; slow down and speak to the person.";
    /// An apology for what happened.
    Apology = "apology", "Apology", Presence, 30, 5, no, no,
        "A sincere apology owns what happened; pair it with what you will do.";
    /// Sorrow or concern for what they are going through.
    Sympathy = "sympathy", "Sympathy", Presence, 30, 15, no, no,
        "You showed you care about what happened to them; let them go on before moving to fixes.";
    /// Saying their reaction makes sense.
    Validation = "validation", "Validation", Presence, 30, 20, no, no,
        "You told them their reaction makes sense, which lets them stop defending it.";
    /// A concrete action one takes on oneself.
    Commitment = "commitment", "Commitment", Presence, 40, 15, no, no,
        "A concrete action you take on yourself builds trust; a time makes it stronger.";
    /// Checking back or confirming the outcome.
    FollowThrough = "follow_through", "Follow-through", Presence, 25, 20, no, no,
        "Checking back or saying when you will come back to them shows you will see it through.";
    /// Thanks and respect.
    Appreciation = "appreciation", "Appreciation", Presence, 25, 5, no, no,
        "Thanks and respect show positive regard.";
    /// A direct answer to the question they asked.
    Answered = "answered", "Answered their question", Listening, 20, 5, no, no,
        "You answered the question they asked; a quick check that it answers it fully shows you heard it.";
    /// Asking permission or offering a choice.
    Autonomy = "autonomy", "Their choice", Presence, 25, 20, no, no,
        "Asking before you advise, or offering a choice, leaves the decision with them.";
    /// Gordon 1: ordering, directing, commanding.
    Ordering = "ordering", "Ordering", Listening, -40, -25, harmful, roadblock,
        "Telling them what they must do takes the conversation over; find out what they need first.";
    /// Gordon 2: warning, threatening.
    Warning = "warning", "Warning", Presence, -50, -25, harmful, roadblock,
        "A threat ('if you keep..., I'll...') turns the talk into a power struggle; say what you can do instead.";
    /// Gordon 3: moralising, preaching, "should have".
    Moralizing = "moralizing", "Moralising", Listening, -40, -30, harmful, roadblock,
        "'You should have...' lectures them about the past; they need help with the present.";
    /// Gordon 4: advising, giving solutions before they feel heard.
    Advising = "advising", "Advising", Listening, -40, -15, harmful, roadblock,
        "Advice before they feel heard tells them you stopped listening; reflect first, then ask before you advise.";
    /// Gordon 5: arguing, persuading with logic, correcting.
    Arguing = "arguing", "Arguing", Listening, -45, -25, harmful, roadblock,
        "Correcting or contradicting them puts you on the other side; say back what they see before you explain.";
    /// Gordon 6: judging, criticising, blaming them.
    Judging = "judging", "Judging", Presence, -50, -25, harmful, roadblock,
        "Blaming or criticising them makes them defend themselves instead of going on; describe the problem, not the person.";
    /// Gordon 7: praising or agreeing to steer.
    Praising = "praising", "Praise to steer", Listening, -30, -20, harmful, roadblock,
        "Praise used to steer them ('a smart person like you will understand') feels like pressure; respect what they said instead.";
    /// Gordon 8: name-calling, labelling.
    Labelling = "labelling", "Labelling", Presence, -50, -25, harmful, roadblock,
        "A label ('overreacting', 'ridiculous') dismisses the person; describe what happened and how they feel.";
    /// Gordon 9: interpreting, analysing, diagnosing their motives.
    Interpreting = "interpreting", "Interpreting", Listening, -40, -20, harmful, roadblock,
        "Telling them what they 'really' feel or why closes the conversation; offer your guess tentatively, as a reflection.";
    /// Gordon 10: reassuring, consoling to close the feeling.
    Reassuring = "reassuring", "Reassuring", Listening, -40, -15, harmful, roadblock,
        "Reassurance ('don't worry', 'you're not alone') closes the feeling before it is heard; name it first.";
    /// Gordon 11: probing, interrogating with "why didn't you".
    Probing = "probing", "Probing", Listening, -40, -25, harmful, roadblock,
        "'Why didn't you...?' sounds like blame and puts them on trial; ask what happened instead.";
    /// Gordon 12: withdrawing, distracting, changing the subject.
    Withdrawing = "withdrawing", "Changing the subject", Listening, -45, -25, harmful, roadblock,
        "Changing the subject tells them what they said doesn't matter; stay with it until they are done.";
    /// An apology that blames the feeling ("sorry you feel that way").
    NonApology = "non_apology", "Non-apology", Presence, -50, -20, harmful, no,
        "'Sorry you feel that way' puts the problem in their feeling, not in what happened; apologise for what happened.";
}

impl SignalId {
    fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// The stable name, as in JSON.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// A short name for people.
    pub fn label(self) -> &'static str {
        self.row().label
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

    /// A coaching note a trainee can act on.
    pub fn note(self) -> &'static str {
        self.row().note
    }
}
