//! The analyzer on hard cases and hostile input, and the `attune score` contract.
#![cfg(not(target_arch = "wasm32"))]

use attune::analyzer::{analyze, Input, SignalId};
use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn signals(said: &str, reply: &str) -> Vec<SignalId> {
    analyze(&Input {
        said,
        reply,
        ..Input::default()
    })
    .signals
    .iter()
    .map(|s| s.id)
    .collect()
}

#[test]
fn hard_cases_a_word_match_gets_wrong() {
    let said = "I can't calm down, I've been waiting all week and nobody has helped me.";
    // Their own words quoted back are not an instruction to calm down.
    assert!(!signals(
        said,
        "You said you can't calm down, and after a week of waiting that makes sense."
    )
    .contains(&SignalId::Dismissive));
    assert!(signals(said, "Calm down, it's only been a week.").contains(&SignalId::Dismissive));
    // "Not only ... but also" is not a yes-but.
    assert!(!signals(
        said,
        "Not only have you waited all week, but you've also had no help."
    )
    .contains(&SignalId::YesBut));
    // Negated and conditional apologies are not apologies.
    assert!(
        !signals(said, "I'm not sorry, that's how the queue works.").contains(&SignalId::Apology)
    );
    assert!(!signals(said, "I'm sorry you feel that way.").contains(&SignalId::Apology));
    assert!(
        signals(said, "I'm sorry. A week with no help is too long.").contains(&SignalId::Apology)
    );
    // A "but" inside a reflection of their words belongs to them.
    let said = "I like the idea but we have no staff for it.";
    assert!(!signals(
        said,
        "So you like the idea, but you're worried there's no staff for it."
    )
    .contains(&SignalId::YesBut));
    assert!(
        signals(said, "I like it too, but it won't happen this year.").contains(&SignalId::YesBut)
    );
    // Open versus closed questions.
    assert!(signals(said, "What would it take to staff it?").contains(&SignalId::OpenQuestion));
    assert!(signals(said, "Could you tell me more about the staffing?")
        .contains(&SignalId::OpenQuestion));
    assert!(signals(said, "Do you have anyone in mind?").contains(&SignalId::ClosedQuestion));
    // "Tell me about it" turns the talk to oneself; asked as a question, it asks for theirs.
    let asked = signals(said, "Can you tell me about it?");
    assert!(asked.contains(&SignalId::OpenQuestion) && !asked.contains(&SignalId::SelfFocus));
    assert!(
        signals(said, "Tell me about it, we never have staff either.")
            .contains(&SignalId::SelfFocus)
    );
    // An "or" inside a question-word question still asks for their story; options offered
    // after it, or compared, ask for a choice.
    let said = "I drink most nights, and more at weekends.";
    for open in [
        "What do you like about drinking or about going out?",
        "How important would it be to cut your risk of a stroke or a heart attack?",
        "curious how the weekends go",
    ] {
        assert!(
            signals(said, open).contains(&SignalId::OpenQuestion),
            "{open}"
        );
    }
    for closed in [
        "What would you rather do, stay in or go out?",
        "whats worse the weekdays or the weekends",
        "Do you drink wine or beer?",
        "Is most of it at the weekend",
    ] {
        assert!(
            signals(said, closed).contains(&SignalId::ClosedQuestion),
            "{closed}"
        );
    }
    // Words that look like a roadblock but belong to someone else or to another clause.
    let said = "My husband thinks I wasted the money, and the letters scare me.";
    let not = |reply: &str, id: SignalId| {
        assert!(!signals(said, reply).contains(&id), "{id:?} in {reply}");
    };
    not(
        "But they don't feel as scary to you now?",
        SignalId::Dismissive,
    );
    not(
        "Right now, though, it all feels too much.",
        SignalId::YesBut,
    );
    not("You wore your black coat anyway.", SignalId::Withdrawing);
    not(
        "You know what you need to do about the letters.",
        SignalId::Ordering,
    );
    not("He's thinking you were irresponsible.", SignalId::Judging);
    not(
        "You realize it's something you shouldn't have done.",
        SignalId::Moralizing,
    );
    assert!(signals(said, "Anyway, about your renewal.").contains(&SignalId::Withdrawing));
    assert!(signals(said, "You need to just open them.").contains(&SignalId::Ordering));
    assert!(signals(said, "Don't be scared of them.").contains(&SignalId::Dismissive));
    assert!(signals(
        said,
        "It sounds to me like part of you is frightened of them."
    )
    .contains(&SignalId::Reflection));
    // A stem with nothing after it says nothing back.
    not("So, you--", SignalId::Reflection);
    not("Right, so you--", SignalId::Reflection);
    assert!(signals(said, "So you're not sure.").contains(&SignalId::Reflection));
    // "and" builds only when it carries the idea forward.
    assert!(signals(
        said,
        "Yes, and to keep it simple, let's start with ten customers."
    )
    .contains(&SignalId::YesAnd));
    assert!(!signals(said, "Twice, and you said nothing about it.").contains(&SignalId::YesAnd));
    // A summary in one's own words, reusing none of theirs.
    assert!(signals(
        said,
        "It sounds like you want it to work and can't see how yet."
    )
    .contains(&SignalId::Reflection));
}

#[test]
fn what_a_clause_does_decides_it_wherever_it_sits() {
    let said = "I keep saying I'll quit and then I buy another pack.";
    let has = |reply: &str, id: SignalId| signals(said, reply).contains(&id);
    // A "but" that leads into their own side, said back, takes nothing back.
    assert!(has(
        "Okay. But it sounds like part of you really does want to quit.",
        SignalId::Reflection
    ));
    assert!(!has(
        "Okay. But it sounds like part of you really does want to quit.",
        SignalId::YesBut
    ));
    assert!(has("Okay, but buying one is a choice.", SignalId::YesBut));
    // A stem ending in "that" goes on past the comma.
    assert!(has(
        "So what I'm hearing you say is that, when you're stressed, you buy another pack.",
        SignalId::Reflection
    ));
    // The question word where the answer would go asks for a fact.
    assert!(has(
        "So you've been smoking for how long?",
        SignalId::ClosedQuestion
    ));
    assert!(!has(
        "So you've been smoking for how long?",
        SignalId::Reflection
    ));
    assert!(has("And why'd she leave?", SignalId::OpenQuestion));
    // Asking for the reasons behind a choice stays open, whatever options follow; a
    // question that only offers the options is a choice.
    for reasons in [
        "Why did you say six rather than two or three?",
        "What made you pick a seven and not a four?",
    ] {
        assert!(has(reasons, SignalId::OpenQuestion), "{reasons}");
        assert!(!has(reasons, SignalId::ClosedQuestion), "{reasons}");
    }
    assert!(has(
        "Which would be easier, cutting down or stopping?",
        SignalId::ClosedQuestion
    ));
    // An imperative after a condition is still advice.
    assert!(has(
        "If the craving comes back, just call the quit line.",
        SignalId::Advising
    ));
    // What they can do, told from one's own side, and a stem about us, say nothing back.
    assert!(!has(
        "So that's something that you can work on with your nurse.",
        SignalId::Reflection
    ));
    assert!(!has(
        "It sounds like we need to talk more about the packs.",
        SignalId::Reflection
    ));
    assert!(has(
        "It sounds like you want to know you can do it.",
        SignalId::Reflection
    ));
}

#[test]
fn every_span_points_into_the_reply_at_the_words_that_triggered_it() {
    let reply = "Honestly? Calm down. I'll call you tomorrow at nine to confirm.";
    let a = analyze(&Input {
        said: "Nobody rang me back.",
        reply,
        ..Input::default()
    });
    let text = |id: SignalId| {
        let s = a.signals.iter().find(|s| s.id == id).unwrap();
        let (from, to) = s.span.unwrap();
        &reply[from..to]
    };
    assert_eq!(text(SignalId::Dismissive), "Calm down");
    assert!(text(SignalId::FollowThrough).contains("call you"));
    // Timing signals have no span.
    let timed = analyze(&Input {
        said: "x",
        earlier: "",
        reply: "Let's move on.",
        elapsed_ms: Some(1),
        speech_ms: Some(10),
    });
    assert_eq!(
        timed
            .signals
            .iter()
            .find(|s| s.id == SignalId::Interruption)
            .unwrap()
            .span,
        None
    );
}

#[test]
fn odd_input_is_scored_without_panicking() {
    for reply in [
        "",
        "   ",
        "😀😀😀 🙏🏽",
        "مرحبا، أنا آسف جدا",
        "\u{202e}I'm sorry\u{202c}",
        "Je suis désolé, 我很抱歉, I'm sorry.",
        "!!!???...",
        "'''---''' - ' -",
    ] {
        let a = analyze(&Input {
            said: reply,
            reply,
            ..Input::default()
        });
        assert!(a.presence <= 100 && a.listening <= 100);
        for s in &a.signals {
            if let Some((x, y)) = s.span {
                assert!(
                    x <= y
                        && y <= reply.len()
                        && reply.is_char_boundary(x)
                        && reply.is_char_boundary(y)
                );
            }
        }
    }
    let huge = "I hear you, and I'm sorry. ".repeat(4_000); // about 100 KB
    assert!(huge.len() > 100_000);
    let a = analyze(&Input {
        said: &huge,
        reply: &huge,
        ..Input::default()
    });
    assert!(a.has(SignalId::Apology));
}

#[test]
fn a_reply_is_read_only_up_to_what_a_reply_may_hold() {
    use attune::analyzer::{capped, room_note, MAX_REPLY_CHARS};
    // Cut at a character, never inside one: "é" is two bytes, "😀" four.
    for unit in ["a", "é", "😀", "you said "] {
        let long = unit.repeat(MAX_REPLY_CHARS + 7);
        let cut = capped(&long);
        assert_eq!(cut.chars().count(), MAX_REPLY_CHARS, "{unit:?}");
        assert!(long.starts_with(cut));
    }
    assert_eq!(capped("short"), "short");
    // Nothing past the cap is read: an apology after it finds nothing, and every span
    // stays inside it (the "you said" that was once quadratic fills the rest).
    let reply = format!(
        "{} I'm so sorry.",
        "you said ".repeat(MAX_REPLY_CHARS / "you said ".len() + 1)
    );
    let a = analyze(&Input {
        said: "You said it would be here by Friday.",
        reply: &reply,
        ..Input::default()
    });
    assert!(!a.has(SignalId::Apology));
    let within = capped(&reply).len();
    assert!(a
        .signals
        .iter()
        .filter_map(|s| s.span)
        .all(|(_, y)| y <= within));
    assert!(a.parts.iter().all(|p| p.span.1 <= within));
    // The box says how much room is left only near the end, and when it is full.
    assert_eq!(room_note(0), None);
    assert_eq!(room_note(MAX_REPLY_CHARS - MAX_REPLY_CHARS / 10 - 1), None);
    assert_eq!(
        room_note(MAX_REPLY_CHARS - 5).as_deref(),
        Some("5 characters left.")
    );
    assert_eq!(
        room_note(MAX_REPLY_CHARS - 1).as_deref(),
        Some("1 character left.")
    );
    assert!(room_note(MAX_REPLY_CHARS)
        .unwrap()
        .contains("2000 characters"));
}

#[test]
fn a_long_run_without_full_stops_is_read_in_bounded_sentences() {
    use attune::analyzer::text::{tokenize, MAX_SENTENCE_WORDS};
    // Rules that look across a sentence look at no more than MAX_SENTENCE_WORDS words.
    let run = "and then ".repeat(MAX_SENTENCE_WORDS);
    let reply = format!("{run}it sounds like the waiting is wearing you down");
    let t = tokenize(&reply, attune::analyzer::english());
    assert!(t.sentences.len() >= 2);
    assert!(t
        .sentences
        .iter()
        .all(|s| s.last - s.first <= MAX_SENTENCE_WORDS));
    assert!(t.sentences.windows(2).all(|w| w[0].last == w[1].first));
    // A reflection after the long run is still found.
    assert!(signals(
        "I've been waiting for weeks and it's wearing me down.",
        &reply
    )
    .contains(&SignalId::Reflection));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gets_valid_scores_and_spans(said in "\\PC{0,200}", reply in "\\PC{0,300}", e in proptest::option::of(0u64..60_000), t in proptest::option::of(0u64..60_000)) {
        let a = analyze(&Input { said: &said, earlier: "", reply: &reply, elapsed_ms: e, speech_ms: t });
        prop_assert!(a.presence <= 100 && a.listening <= 100);
        for s in &a.signals {
            if let Some((x, y)) = s.span {
                prop_assert!(x <= y && y <= reply.len() && reply.is_char_boundary(x) && reply.is_char_boundary(y));
            }
        }
        // Deterministic.
        prop_assert_eq!(a, analyze(&Input { said: &said, earlier: "", reply: &reply, elapsed_ms: e, speech_ms: t }));
    }
}

fn score_cli(input: &[u8]) -> (i32, Vec<serde_json::Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("score")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code().unwrap(), lines)
}

#[test]
fn score_cli_writes_one_line_per_input_in_order() {
    let input = concat!(
        r#"{"said": "Six days without internet.", "reply": "Calm down.", "elapsed_ms": 1000, "speech_ms": 5000}"#,
        "\n",
        r#"{"said": "Six days without internet.", "reply": "Six days. That sounds exhausting."}"#,
        "\n",
    );
    let (code, lines) = score_cli(input.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 2);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["signals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&lines[0]), vec!["interruption", "dismissive"]);
    assert_eq!(lines[0]["signals"][0]["span"], serde_json::Value::Null);
    assert_eq!(lines[0]["signals"][1]["span"], serde_json::json!([0, 9]));
    assert_eq!(lines[0]["signals"][1]["dimension"], "presence");
    assert!(lines[0]["signals"][1]["note"]
        .as_str()
        .unwrap()
        .contains("calm down"));
    assert!(ids(&lines[1]).contains(&"reflection".to_string()));
    assert!(lines[1]["listening"].as_u64().unwrap() > lines[0]["listening"].as_u64().unwrap());
}

#[test]
fn score_cli_reports_bad_lines_and_carries_on() {
    let mut input =
        b"{\"said\": \"x\", \"reply\": \"Thank you.\"}\nnot json\n{\"reply\": \"no said\"}\n"
            .to_vec();
    input.extend_from_slice(&[0xff, 0xfe, b'\n']);
    input.extend_from_slice(b"{\"said\": \"x\", \"reply\": \"Sorry.\"}\n");
    let (code, lines) = score_cli(&input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 5);
    assert!(lines[0]["presence"].is_u64());
    assert!(
        lines[1]["error"].as_str().unwrap().starts_with("line 2:"),
        "{}",
        lines[1]
    );
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("missing field `said`"));
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 4: not UTF-8"));
    assert!(lines[4]["presence"].is_u64());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn score_cli_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (code, lines) = score_cli(&bytes);
        prop_assert!(code == 0 || code == 1);
        let nonblank = bytes.split(|b| *b == b'\n').filter(|l| !String::from_utf8_lossy(l).trim().is_empty()).count();
        prop_assert_eq!(lines.len(), nonblank);
    }
}

#[test]
fn a_reflection_may_return_to_what_they_said_earlier() {
    let earlier = "My dad had a heart attack at fifty-four, and I turned fifty-three last month.";
    let reply = "Your dad had a heart attack at fifty-four, and you've just turned fifty-three.";
    let with = analyze(&Input {
        said: "Anyway. The knee.",
        earlier,
        reply,
        ..Input::default()
    });
    let without = analyze(&Input {
        said: "Anyway. The knee.",
        reply,
        ..Input::default()
    });
    assert!(with.has(SignalId::Reflection));
    assert!(with.listening > without.listening || without.has(SignalId::Reflection));
    let (code, lines) = score_cli(
        br#"{"said": "Anyway. The knee.", "earlier": "My dad had a heart attack at fifty-four.", "reply": "Your dad had a heart attack at fifty-four."}"#,
    );
    assert_eq!(code, 0);
    assert!(lines[0]["signals"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "reflection"));
}

/// The English data is written as its header says: lower case, single spaces, in the
/// spelling replies are normalised to, nothing empty, every phrase once per list; a slip
/// would silently never match.
#[test]
fn the_english_lexicon_is_well_formed() {
    use attune::analyzer::{en, lexicon::NAMES, Lexicon};
    let lex = Lexicon::read(en::FILE, en::TEXT).expect("the English data reads");
    let respelt: std::collections::HashMap<&str, &str> = lex.spellings.iter().collect();
    for (i, list) in NAMES.into_iter().zip(lex.lists) {
        // Letters, not words.
        let letters = i == "undouble";
        let phrases: Vec<&str> = list.iter().collect();
        assert!(!phrases.is_empty(), "list {i} is empty");
        assert_eq!(
            list.0.matches('|').count(),
            phrases.len(),
            "list {i} has an empty phrase"
        );
        for p in &phrases {
            assert_eq!(*p, p.to_lowercase(), "list {i}: `{p}` is not lower case");
            assert_eq!(
                *p,
                p.split_whitespace().collect::<Vec<_>>().join(" "),
                "list {i}: `{p}` is not single-spaced"
            );
            assert!(
                !p.contains('\u{2019}'),
                "list {i}: `{p}` uses a curly apostrophe"
            );
            for w in p.split(' ').filter(|_| !letters) {
                assert!(
                    respelt.get(w).is_none_or(|to| to == &w),
                    "list {i}: `{p}` uses `{w}`, which replies are respelt to `{}`",
                    respelt[w]
                );
            }
        }
        let mut sorted = phrases.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), phrases.len(), "list {i} repeats a phrase");
    }
}

/// The data file says what is wrong with it, where: a trainer or translator editing it
/// sees the line and column, never a silent empty list.
#[test]
fn a_broken_lexicon_file_is_refused_with_the_place() {
    use attune::analyzer::{en, Lexicon};
    let e = |text: &str| Lexicon::read("en.toml", text).unwrap_err().to_string();
    let extra = format!("{}\nbackchanels = [\"mm\"]\n", en::TEXT);
    let lines = en::TEXT.lines().count();
    assert!(
        e(&extra).contains(&format!("en.toml:{}:1", lines + 2)),
        "{}",
        e(&extra)
    );
    assert!(e(&extra).contains("unknown list `backchanels`"));
    // Every signal's label and note, and no other signal, said with the list's place.
    let unknown = en::TEXT.replacen("\"reflection=Reflection\",", "\"reflexion=Reflection\",", 1);
    assert!(
        e(&unknown).contains("list `signal_labels`: unknown signal `reflexion`"),
        "{}",
        e(&unknown)
    );
    let at = en::TEXT[..en::TEXT.find("signal_labels = [").unwrap()]
        .lines()
        .count()
        + 1;
    assert!(
        e(&unknown).contains(&format!("en.toml:{at}:")),
        "{}",
        e(&unknown)
    );
    let gone = en::TEXT.replacen(
        "    \"reflection=You said back",
        "    \"other_reflection=You said back",
        1,
    );
    assert!(
        e(&gone).contains("unknown signal `other_reflection`"),
        "{}",
        e(&gone)
    );
    let without = en::TEXT.replacen("\"open_question=Open question\",", "", 1);
    assert!(
        e(&without).contains("list `signal_labels` has no `open_question=...`"),
        "{}",
        e(&without)
    );
    let missing = en::TEXT.replacen("\nfillers = [", "\nfillers_gone = [", 1);
    assert!(e(&missing).contains("unknown list `fillers_gone`"));
    let wrong = en::TEXT.replacen("\"um\", \"uh\", \"er\"", "\"um\", 3, \"er\"", 1);
    assert!(e(&wrong).contains("expected a string"), "{}", e(&wrong));
    assert!(e("backchannels = [").contains("en.toml:1:"));
    assert!(e("").contains("missing list"));
}

#[test]
fn every_reply_of_the_evaluation_sets_reads_as_english_and_no_other_language_does() {
    use attune::analyzer::reads_as_english;
    // The hand-written replies of both evaluation sets, informal ones included (typos,
    // slang, no punctuation, emoji): all English.
    let mut english = 0;
    for file in [
        include_str!("data/eval/replies.toml"),
        include_str!("data/eval/widened.toml"),
    ] {
        for line in file.lines().filter_map(|l| l.strip_prefix("  text = \"")) {
            let reply = line.trim_end_matches('"').replace("\\\"", "\"");
            assert!(reads_as_english(&reply, ""), "not read as English: {reply}");
            english += 1;
        }
    }
    assert!(english > 700, "{english} replies");
    // Other languages, gibberish, and no words at all.
    let others: Vec<&str> = include_str!("data/eval/not-understood.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert!(others.len() >= 30);
    for reply in others {
        assert!(!reads_as_english(reply, ""), "read as English: {reply}");
    }
    // A word of theirs said back counts, however rare: "Seven." to "It's been seven weeks".
    assert!(!reads_as_english("Glamorous.", ""));
    assert!(reads_as_english(
        "Glamorous.",
        "It all looked so glamorous at first."
    ));
}

/// One's own praise of something is not their words said back, even when it names
/// what they just talked about; their own judgement said back still reflects.
#[test]
fn praise_of_ones_own_is_not_a_reflection() {
    let earlier = "I was always out on my feet at work. It was great, honestly.";
    let walk = |reply: &str| {
        analyze(&Input {
            said: "I like to walk.",
            earlier,
            reply,
            ..Input::default()
        })
    };
    assert!(!walk("Walking is great exercise.").has(SignalId::Reflection));
    assert!(walk("Walking, something you like.").has(SignalId::Reflection));
    let said = "Honestly the new job has been great.";
    assert!(signals(said, "So the new job has been great.").contains(&SignalId::Reflection));
}

/// A label's words meant literally call nobody anything: "having a baby" is not calling
/// them a baby.
#[test]
fn a_label_meant_literally_is_not_labelling() {
    let said = "I'm pregnant, and I still go out with my friends most weekends.";
    assert!(!signals(
        said,
        "You're about to have a baby and bring her into this world."
    )
    .contains(&SignalId::Labelling));
    assert!(signals(said, "Stop being such a baby about it.").contains(&SignalId::Labelling));
}

/// Asserts that each reply, to what they said, has every signal in `must` and none in
/// `not`.
fn reads(said: &str, replies: &[&str], must: &[SignalId], not: &[SignalId]) {
    for reply in replies {
        let found = signals(said, reply);
        for id in must {
            assert!(found.contains(id), "{reply}: {id:?} missing from {found:?}");
        }
        for id in not {
            assert!(!found.contains(id), "{reply}: {id:?} found in {found:?}");
        }
    }
}

/// A name or a word or two after the last comma ("..., Billy?") leaves the question
/// before it asked: it is still open, not a statement followed by a closed question.
#[test]
fn a_question_ending_in_their_name_is_still_the_question_it_was() {
    let said = "I got into a bit of trouble with my mates last weekend.";
    reads(
        said,
        &[
            "So what sort of trouble are we talking about here, Billy?",
            "And what happened after that, love?",
        ],
        &[SignalId::OpenQuestion],
        &[SignalId::ClosedQuestion, SignalId::Reflection],
    );
    // A statement checked with them by name stays a reflection.
    reads(
        said,
        &["You got into trouble with your mates, Billy?"],
        &[SignalId::Reflection],
        &[],
    );
}

/// "Why don't you tell me...", "maybe you could tell me...", "talk to me about...": an
/// invitation to tell their story, worded like advice, is an open question; the same
/// wording with an action in it still advises.
#[test]
fn an_invitation_worded_like_advice_is_an_open_question() {
    let said = "Things have been a bit rough lately.";
    reads(
        said,
        &[
            "Why don't you start by telling me a little about what's been going on.",
            "Maybe you could tell me how that's going.",
            "So talk to me a bit more about what the doctor said.",
        ],
        &[SignalId::OpenQuestion],
        &[SignalId::Advising],
    );
    reads(
        said,
        &[
            "Why don't you just call them?",
            "Maybe you could call them tomorrow.",
        ],
        &[SignalId::Advising],
        &[],
    );
}

/// MITI: a scale asks for a number, so the question with it is closed, wherever the
/// scale sits in the sentence; the same question without it stays open.
#[test]
fn a_question_on_a_scale_asks_for_a_number() {
    let said = "I want to cut down on the drinking.";
    reads(
        said,
        &[
            "Okay, and so on a scale of 1 to 10, how confident are you that you can?",
            "Where do you see yourself on that scale?",
        ],
        &[SignalId::ClosedQuestion],
        &[SignalId::OpenQuestion],
    );
    reads(
        said,
        &["How confident are you that you can?"],
        &[SignalId::OpenQuestion],
        &[],
    );
}

/// Without a "?", "have" or "do" before anything but a pronoun gives an order or a wish
/// ("Have a good day"), not a question; with a pronoun, or with "?", it still asks.
#[test]
fn have_and_do_without_a_question_mark_ask_only_with_a_pronoun() {
    let said = "Thanks, that's all I needed today.";
    reads(
        said,
        &["All right. Have a good day.", "Have a look at the leaflet."],
        &[],
        &[SignalId::ClosedQuestion],
    );
    reads(
        said,
        &[
            "do you want to book the next one",
            "Have your parents seen it?",
        ],
        &[SignalId::ClosedQuestion],
        &[],
    );
}

/// Their own words said back are theirs: "you have to" inside "you also mentioned that
/// you have to..." orders nothing, and a condition they fear ("your worry is that if you
/// stop...") is no warning; both reflect.
#[test]
fn an_order_or_a_warning_in_their_words_said_back_is_a_reflection() {
    let said = "I have to sit an exam next month, and if I stop smoking I'll just put on weight.";
    reads(
        said,
        &[
            "And you also mentioned that you have to sit an exam next month.",
            "And your worry is that if you stop, you will put on weight.",
        ],
        &[SignalId::Reflection],
        &[SignalId::Ordering, SignalId::Warning],
    );
    reads(
        said,
        &["If you stop, you will end up putting on weight."],
        &[SignalId::Warning],
        &[],
    );
}

/// Reflective stems as counsellors say them, with "also" or without the contraction.
#[test]
fn reflective_stems_with_an_adverb_or_in_full_still_reflect() {
    reads(
        "I just don't want to get into trouble any more, with the police or at home.",
        &[
            "I also am hearing that you don't want to get into trouble anymore.",
            "I am hearing that you don't want any more trouble.",
        ],
        &[SignalId::Reflection],
        &[],
    );
}

/// "You don't need a..." sets one's own view against what they want: advice, not a
/// reflection; "you don't need to apologise" is not advice.
#[test]
fn you_dont_need_a_thing_advises() {
    let said = "I really want to get my tongue pierced for my birthday.";
    reads(
        said,
        &["You do not need a piercing."],
        &[SignalId::Advising],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["You don't need to apologise."],
        &[],
        &[SignalId::Advising],
    );
}

/// Professional knowledge from one's own side ("what we call...", "a sign of...") informs;
/// it says back nothing of theirs, whatever words it shares with them.
#[test]
fn what_we_call_it_informs() {
    reads(
        "I drink maybe twenty a week, and my level of drinking is fine.",
        &["Your level of drinking puts you in what we call a high-risk group."],
        &[],
        &[SignalId::Reflection],
    );
}

/// A cleft checked with "?" ("So what you're saying is...?") says back; it asks nothing.
#[test]
fn a_cleft_checked_with_a_question_mark_is_a_reflection() {
    let said = "I barely slept last night, it was a rough night with the baby.";
    reads(
        said,
        &[
            "So, what you're saying is you've had a rough night?",
            "What you want is some sleep?",
        ],
        &[SignalId::Reflection],
        &[SignalId::OpenQuestion],
    );
    reads(
        said,
        &["What do you want to happen?"],
        &[SignalId::OpenQuestion],
        &[],
    );
}

/// "Where" with a modal asks where they want to go, which is theirs to say; "where" about
/// something now or past asks for a place, a fact.
#[test]
fn where_they_want_to_go_is_open_and_where_something_is_is_closed() {
    let said = "I don't know, I just feel stuck with all of it.";
    reads(
        said,
        &[
            "Where would you like to start?",
            "So where is all of this going to take you?",
            "where do u wanna go from here",
        ],
        &[SignalId::OpenQuestion],
        &[SignalId::ClosedQuestion],
    );
    reads(
        said,
        &[
            "Where do you keep your medication?",
            "Where were you when it happened?",
        ],
        &[SignalId::ClosedQuestion],
        &[SignalId::OpenQuestion],
    );
}

/// A few words checked with them, with nothing said after ("You moved in the spring?"),
/// ask them to confirm a fact: a closed question. Framed as a reflection, naming their
/// feeling, or followed by something of one's own, the same words say back.
#[test]
fn a_bare_fact_checked_with_them_is_a_closed_question() {
    let said =
        "We moved here from the coast last spring and the kids had to start at a new school.";
    reads(
        said,
        &[
            "You moved in the spring?",
            "And the kids started at a new school?",
            "a new school?",
        ],
        &[SignalId::ClosedQuestion],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &[
            "So the move has been a lot for all of you?",
            "It sounds like a big change for everyone?",
            "That must have been hard on the kids?",
            "You moved in the spring? That's a lot of change at once.",
        ],
        &[SignalId::Reflection],
        &[SignalId::ClosedQuestion, SignalId::Arguing],
    );
}

/// An imperative about their things ("Call your doctor", "Keep your pills by the
/// kettle") orders them, whatever words it shares with them; a word or two before it
/// ("Obviously, don't...") does not hide it. Doing something for them ("Get you booked
/// in") and a second imperative joined to a farewell are not orders.
#[test]
fn an_imperative_about_their_things_orders_and_never_reflects() {
    let said = "My doctor says my blood pressure is too high and I keep forgetting my pills.";
    reads(
        said,
        &[
            "Call your doctor.",
            "Keep your pills by the kettle.",
            "Obviously, don't skip your pills.",
            "set an alarm for ur pills",
        ],
        &[SignalId::Ordering],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &[
            "Get you booked in with the nurse today.",
            "Take care, and come back if it doesn't settle.",
        ],
        &[],
        &[SignalId::Ordering],
    );
}

/// A summary announced ("Let me make sure I've got this right: ...") or a sentence opened
/// as a reflection ("So you've...") says back to its end, its "?" included; "still" inside
/// a clause is an adverb, not a "but". The announcement alone says nothing back, and what
/// follows it may still advise.
#[test]
fn an_announced_summary_says_back_to_its_end() {
    let said = "I've been on hold for forty minutes and this is the third time I'm calling about the same broken washing machine.";
    reads(
        said,
        &[
            "Let me make sure I have this right: the same fault, three calls, and still no fix?",
            "just so im clear. third call, same machine?",
            "So you've called three times and the machine still isn't fixed?",
        ],
        &[SignalId::Reflection],
        &[
            SignalId::ClosedQuestion,
            SignalId::Commitment,
            SignalId::YesBut,
        ],
    );
    reads(
        said,
        &["Let me make sure I have this right."],
        &[],
        &[SignalId::Reflection, SignalId::Commitment],
    );
    reads(
        said,
        &["Let me make sure I have this right: you should have called the engineer?"],
        &[SignalId::Moralizing],
        &[SignalId::Reflection],
    );
}

/// Explaining the other side away ("Maybe he's just trying to spread the workload")
/// argues; "all the time" said of them ("after all the time you've put in") is theirs,
/// not a claim that it happens to everyone; a question after a comma asks, with a noun
/// between its question word and its verb; "sting" is a feeling.
#[test]
fn explaining_away_argues_and_their_time_is_not_commonness() {
    let said = "My manager keeps giving my projects to the new guy and I don't know why. I've been here five years.";
    reads(
        said,
        &[
            "Maybe he's just trying to spread the workload.",
            "maybe theyre just busy",
        ],
        &[SignalId::Arguing],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &[
            "It sounds like you're feeling overlooked after all the time you've put in.",
            "Five years, and now your work goes to someone new. That must sting.",
        ],
        &[SignalId::Reflection, SignalId::FeelingNamed],
        &[SignalId::Dismissive],
    );
    reads(
        said,
        &["thats rough mate, what projects did he take"],
        &[SignalId::OpenQuestion],
        &[SignalId::Dismissive],
    );
    reads(
        said,
        &["Honestly, it happens all the time."],
        &[SignalId::Dismissive],
        &[SignalId::Reflection],
    );
}

/// Certainty claimed for an all-clear ("I'm sure the results are fine") reassures too
/// soon; the same certainty about how they feel ("I bet you're worried sick") names it.
/// Excusing the people they are upset with ("they're very busy") defends; having to do
/// something oneself ("I'll have to call them") threatens nothing without a consequence.
#[test]
fn certainty_about_the_outcome_reassures_and_about_them_reflects() {
    let said = "The nurse said my mum's scan results would be back today and nobody has called. I'm going out of my mind.";
    reads(
        said,
        &["I'm sure the results are fine.", "i bet it'll all work out"],
        &[SignalId::Reassuring],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &[
            "I bet you're worried sick.",
            "I'm sure you're exhausted.",
            "Waiting for news about your mum with no call must be agonising.",
        ],
        &[SignalId::Reflection, SignalId::FeelingNamed],
        &[SignalId::Reassuring],
    );
    reads(
        said,
        &["It's not the nurse's fault, they're very busy."],
        &[SignalId::Defensive],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["I'll have to call the ward and find out."],
        &[],
        &[SignalId::Warning],
    );
}

/// In chat register: "that's what happens when you..." judges; "it's just one..."
/// shrinks it; "they'll get back to you" reassures too soon; feeling ignored is what was
/// done to them, not their fault; their own "I failed" checked back is no judgement.
#[test]
fn chat_register_roadblocks_and_their_own_words_checked_back() {
    let said = "honestly i'm so done with this course, i failed the second assignment and my tutor hasn't replied to any of my emails";
    reads(
        said,
        &["thats what happens when u leave it to the last minute"],
        &[SignalId::Judging],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["its just one assignment tbh"],
        &[SignalId::Dismissive],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["Tutors are busy, they'll get back to you eventually."],
        &[SignalId::Reassuring],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["so ur feeling stuck and ignored"],
        &[SignalId::Reflection, SignalId::FeelingNamed],
        &[SignalId::Judging],
    );
    reads(
        said,
        &["u failed it?", "only one person replied?"],
        &[SignalId::ClosedQuestion],
        &[SignalId::Judging, SignalId::Dismissive],
    );
    reads(
        said,
        &["You ignored the deadline."],
        &[SignalId::Judging],
        &[SignalId::Reflection],
    );
}

/// "ill" is "I'll" after a word that opens a reply as well as at a clause's start ("ok ill
/// sort it now"), and stays "ill" elsewhere.
#[test]
fn ill_after_an_opener_is_a_promise() {
    let said = "I've asked three times for the report template and nobody has sent it.";
    reads(
        said,
        &["ok ill sort it now, sorry!!", "yeah ill send it in 10"],
        &[SignalId::Commitment],
        &[],
    );
    reads(said, &["the ill patient"], &[], &[SignalId::Commitment]);
}

/// A question word after "When you say..." asks for their story, not for a time;
/// "Sick how?" asks with its question word last; "otherwise" with what will happen to
/// their body warns; "you're not doing yourself any favours" judges.
#[test]
fn clinical_replies_read_by_what_they_do() {
    let said = "I don't want to take these tablets anymore. They make me feel sick and I can't see that they're doing anything.";
    reads(
        said,
        &["When you say sick, what's that like?", "Sick how?"],
        &[SignalId::OpenQuestion],
        &[SignalId::ClosedQuestion],
    );
    reads(
        said,
        &["You have to take them, otherwise your blood pressure will go up."],
        &[SignalId::Warning],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["You're not doing yourself any favours by stopping."],
        &[SignalId::Judging],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["On a scale of one to ten, how sick do you feel?"],
        &[SignalId::ClosedQuestion],
        &[SignalId::OpenQuestion],
    );
}

/// Answering a proposal: their own "can" said back in their words reflects ("Thursdays so
/// people can prepare"); "whatever you think" withdraws; "maybe we ask the team" builds on
/// it and passes nothing on, while "you'll need to ask the manager" does.
#[test]
fn answering_a_proposal_their_modal_said_back_reflects() {
    let said = "What if we moved the team meeting to Thursdays so people can actually prepare?";
    reads(
        said,
        &["Thursdays so people can prepare. What would that give the team?"],
        &[SignalId::Reflection, SignalId::OpenQuestion],
        &[],
    );
    reads(
        said,
        &["You can move it to Thursdays if you like."],
        &[],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["Sure, whatever you think."],
        &[SignalId::Withdrawing],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["yeah and maybe we ask the team what day suits them"],
        &[SignalId::YesAnd],
        &[SignalId::Defensive],
    );
    reads(
        said,
        &["You'll need to ask the manager."],
        &[SignalId::Defensive],
        &[SignalId::Reflection],
    );
}

/// Siding with the institution ("Schools have to follow procedures"), explaining it away
/// ("I'm sure there's a good reason") and shrugging it off ("Boys will be boys") are
/// roadblocks; a curt "wow." before saying back is surprise, not contempt.
#[test]
fn siding_with_the_institution_blocks_and_surprise_is_not_contempt() {
    let said = "My son got excluded from school today and the head teacher wouldn't even tell me properly what happened.";
    reads(
        said,
        &["Schools have to follow procedures, you know."],
        &[SignalId::Defensive],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["I'm sure there's a good reason."],
        &[SignalId::Arguing],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["Boys will be boys."],
        &[SignalId::Dismissive],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["wow. thats a lot to deal with in one day"],
        &[SignalId::Reflection],
        &[SignalId::Hostile],
    );
    reads(
        said,
        &["Whatever. Do what you want."],
        &[SignalId::Hostile],
        &[],
    );
}

/// Phone spellings ("wut", "ment", "shoudnt", "happend") are read as the words they stand
/// for; "should have" said of what went wrong ("that shouldn't have happened") owns it, and
/// only said of them does it moralize.
#[test]
fn phone_spellings_and_should_have_said_of_the_event() {
    let said = "The delivery was supposed to come yesterday, I took a day off work for it and nobody showed up.";
    reads(
        said,
        &["im really sory, that shoudnt have happend"],
        &[SignalId::Apology],
        &[SignalId::Moralizing],
    );
    reads(
        said,
        &["wut time were they ment to come"],
        &[SignalId::ClosedQuestion],
        &[],
    );
    reads(
        said,
        &["You shouldn't have taken the day off."],
        &[SignalId::Moralizing],
        &[SignalId::Reflection],
    );
}

/// A hedge weakens the promise it belongs to, not another promise in the same sentence:
/// "I'll have to check with my manager, and I'll ring you by five" promises the call;
/// "Hopefully, I'll send it today" promises nothing.
#[test]
fn a_hedge_weakens_only_its_own_promise() {
    let said = "I've been waiting two weeks for my refund and nobody tells me anything.";
    reads(
        said,
        &[
            "I'll have to check with my manager and I'll ring you by five.",
            "I'll call you by five, and I'll try to get the engineer out.",
        ],
        &[SignalId::Commitment, SignalId::FollowThrough],
        &[],
    );
    reads(
        said,
        &[
            "Hopefully, I'll send it today.",
            "I'll send it today, hopefully.",
            "I'll have to check with my manager.",
        ],
        &[],
        &[SignalId::Commitment],
    );
}

/// A yes/no form that asks them for an example or to fill one in ("Can you give me an
/// example of...?", "Would you mind telling me...?") asks for their story: open. Asking
/// whether they are doing something is still closed.
#[test]
fn asking_for_an_example_or_their_account_is_open() {
    let said = "I just feel like I keep letting my daughter down.";
    reads(
        said,
        &[
            "Can you give me an example of a time that felt like that?",
            "Would you mind filling me in on what happened?",
            "Do you mind telling me a bit more about that?",
            "could u give me an example",
            "Do you have any idea why it keeps happening?",
        ],
        &[SignalId::OpenQuestion],
        &[SignalId::ClosedQuestion],
    );
    reads(
        said,
        &[
            "Are you talking to her about it?",
            "Do you tell her how you feel?",
            "Do you know how she found out?",
        ],
        &[SignalId::ClosedQuestion],
        &[SignalId::OpenQuestion],
    );
}

/// A bare "I'm so sorry." after they tell of a loss (now or a few turns back) is sympathy,
/// not an apology; after a complaint it apologises, and "I'm sorry I can't..." apologises
/// for one's own side whatever they went through. A word one slip from a feeling
/// ("shared", "scared") is not read as that feeling when it is a form of a known word.
#[test]
fn sorry_after_a_loss_is_sympathy() {
    let loss = "My dad passed away in March and I still can't face sorting his things.";
    reads(
        loss,
        &["I'm so sorry.", "im so sorry", "Oh, so sorry."],
        &[SignalId::Sympathy],
        &[SignalId::Apology],
    );
    reads(
        loss,
        &["I'm sorry I can't help with that here."],
        &[SignalId::Apology],
        &[SignalId::Sympathy],
    );
    reads(
        "My order is three weeks late and nobody has called me back.",
        &["I'm so sorry."],
        &[SignalId::Apology],
        &[SignalId::Sympathy],
    );
    reads(
        "We did everything together, him and me.",
        &["So that was something the two of you shared."],
        &[SignalId::Reflection],
        &[SignalId::FeelingNamed],
    );
}

/// A real word is never "corrected" into the word in the lists one slip away from it:
/// "engaged" is not "enraged", "police" not "policy", "timing" not "tiring", "winning"
/// not "whining". Each slip would put a feeling or a roadblock into a reply that has none.
#[test]
fn a_real_word_is_not_read_as_a_slip_for_another() {
    let said = "We got engaged in May and he created this whole garden for me.";
    reads(
        said,
        &["So you got engaged in May and he created a garden for you."],
        &[SignalId::Reflection],
        &[SignalId::FeelingNamed],
    );
    let none: &[SignalId] = &[
        SignalId::FeelingNamed,
        SignalId::Defensive,
        SignalId::Labelling,
        SignalId::Warning,
        SignalId::Judging,
    ];
    reads(
        said,
        &[
            "The police were called and the timing was bad.",
            "He keeps winning at cards.",
            "She's been wearing it every day.",
        ],
        &[],
        none,
    );
    // A slip that is no word at all is still read as the word meant.
    reads(
        "I've been so stressed about the move.",
        &["that sounds really frustarting"],
        &[SignalId::FeelingNamed],
        &[],
    );
}

/// "ya" at the start of a clause is "yeah" ("ya but..." is a yes-but); elsewhere it is
/// "you" ("thank ya", "see ya"), and "ya know" is "you know".
#[test]
fn ya_at_the_start_is_yeah() {
    let said = "My order is two months late and nobody has replied to my emails.";
    reads(
        said,
        &[
            "ya but we're really busy right now",
            "Ya, but the emails go to another team.",
        ],
        &[SignalId::YesBut],
        &[],
    );
    reads(
        said,
        &["thank ya for telling me, I'll chase it today"],
        &[SignalId::Appreciation],
        &[SignalId::YesBut],
    );
}

/// A feeling said of them after it ("College has been hard for you", "frightening for
/// you") is named as theirs, though no one is named before it; one that belongs to a
/// prediction from one's own side ("will be tough for you unless...") still informs.
#[test]
fn a_feeling_said_for_them_is_theirs() {
    let said = "I'm the first in my family to go to college, and honestly I'm in over my head.";
    reads(
        said,
        &[
            "College has been hard for you.",
            "The whole move must be frightening for you.",
            "college has been rough on u",
        ],
        &[SignalId::Reflection, SignalId::FeelingNamed],
        &[],
    );
    reads(
        said,
        &["The exams will be tough for you unless you start studying now."],
        &[],
        &[SignalId::Reflection],
    );
}

/// A courtesy returned ("Nice to meet you too.", "You're welcome.") acknowledges; it says
/// nothing of theirs back, though it repeats their words.
#[test]
fn a_courtesy_returned_is_not_a_reflection() {
    reads(
        "Hi, nice to meet you.",
        &[
            "Nice to meet you too.",
            "nice to meet u as well",
            "You too!",
        ],
        &[],
        &[SignalId::Reflection],
    );
    reads(
        "Thank you, you've been really welcoming.",
        &["You're welcome.", "no problem"],
        &[],
        &[SignalId::Reflection],
    );
}

/// What a body goes through is named like a feeling: "you must be freezing" infers their
/// state, it orders nothing ("You must be there by nine." still orders). Chat forms:
/// "lemme" is "let me", "wht" is "what", "fri" is Friday.
#[test]
fn a_body_state_inferred_and_chat_forms() {
    let said = "The heating has been off for three weeks, I'm freezing and so fed up.";
    reads(
        said,
        &[
            "You must be so cold.",
            "u must be starving too if the cooker's on the same circuit",
        ],
        &[SignalId::FeelingNamed],
        &[SignalId::Ordering],
    );
    reads(
        said,
        &["You must be there by nine."],
        &[SignalId::Ordering],
        &[],
    );
    reads(
        said,
        &["lemme call him for u today and get someone out by fri"],
        &[SignalId::Commitment],
        &[],
    );
    reads(
        said,
        &["wht do u need most rn"],
        &[SignalId::OpenQuestion],
        &[SignalId::Reflection],
    );
}

/// Giving up on them ("I don't know what to tell you") withdraws, and putting it down to
/// what such people are like ("Landlords are like that.", "they're all the same")
/// dismisses; neither says back what they said, whatever words it shares. In chat, "y" at
/// the start is "why".
#[test]
fn shrugging_it_off_withdraws_or_dismisses() {
    let said = "My landlord still hasn't fixed the heating, it's been three weeks and I'm fed up.";
    reads(
        said,
        &["I don't know what to tell you.", "idk what to tell u tbh"],
        &[SignalId::Withdrawing],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &[
            "Landlords are like that.",
            "landlords r like that",
            "They're all the same, mate.",
        ],
        &[SignalId::Dismissive],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["y havent u called the council"],
        &[SignalId::Probing],
        &[],
    );
    reads(
        said,
        &["y do u think he keeps putting it off"],
        &[SignalId::OpenQuestion],
        &[SignalId::Probing],
    );
}

/// Gordon's labelling and arguing as people put them: a label asked of them ("Are you sure
/// you're not overreacting?") judges, though it is a question; asking a feeling ("Do you
/// feel hopeless?") or what others may think of them does not. Excusing the other side
/// ("cut him some slack") argues; "Quitting would be a big mistake" warns; calling them a
/// legend praises and says nothing back.
#[test]
fn labels_asked_and_the_other_side_excused() {
    let said = "I've covered for Sam for a month and nobody noticed. I'm exhausted and thinking of quitting.";
    reads(
        said,
        &[
            "Are you sure you're not overreacting?",
            "aren't u being a bit dramatic",
            "Don't you think you're being a little unfair to him?",
        ],
        &[SignalId::Judging],
        &[SignalId::ClosedQuestion, SignalId::Reflection],
    );
    reads(
        said,
        &[
            "Do you feel hopeless about it?",
            "Are you worried people will think you're lazy?",
        ],
        &[SignalId::ClosedQuestion],
        &[SignalId::Labelling, SignalId::Judging],
    );
    reads(
        said,
        &["Sam's going through a lot right now, cut him some slack."],
        &[SignalId::Arguing],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &["Quitting would be a big mistake."],
        &[SignalId::Warning],
        &[],
    );
    reads(
        said,
        &["wow ur a legend for holding it together"],
        &[],
        &[SignalId::Reflection],
    );
}

/// Asking leave to ask ("Can I ask what happened?") is as open as the question it asks:
/// open for their story, closed for a fact ("...how long you've waited?", "...what your
/// bills came to?") or when no question follows ("Can I ask you something?"). Calling an
/// operation routine dismisses the fear of it.
#[test]
fn leave_to_ask_is_as_open_as_what_it_asks() {
    let said = "The doctor says I need surgery on my hip and I'm terrified.";
    reads(
        said,
        &[
            "Can I ask what happened?",
            "Can I ask what the doctor told you about recovery?",
            "can i ask how ur feeling about it",
        ],
        &[SignalId::OpenQuestion],
        &[SignalId::ClosedQuestion],
    );
    reads(
        said,
        &[
            "May I ask how long you've been waiting?",
            "Can I ask what your last three bills came to?",
            "Can I ask you something?",
        ],
        &[SignalId::ClosedQuestion],
        &[SignalId::OpenQuestion],
    );
    reads(
        said,
        &["Why are you scared? It's a routine operation."],
        &[SignalId::Dismissive],
        &[],
    );
}

/// What something does to a body or a risk, said from one's own side, informs, whatever
/// words it shares with them; their own knowledge of it, said back, still reflects.
#[test]
fn what_something_does_to_them_is_information_not_a_reflection() {
    let said = "I know smoking is bad for me, everyone says so, but it's the only thing that calms me down.";
    reads(
        said,
        &[
            "Smoking is really bad for you. It can cause lung cancer.",
            "Smoking increases the risk of a stroke.",
            // "cause" is the word, not a phone's "because".
            "Smoking that much can cause lung cancer.",
        ],
        &[],
        &[SignalId::Reflection],
    );
    reads(
        said,
        &[
            "So you already know smoking is bad for you.",
            "You know it's bad for you, and still it's the one thing that calms you down.",
        ],
        &[SignalId::Reflection],
        &[],
    );
}
