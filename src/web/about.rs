//! What Attune trains, and where the ideas come from, in our own words.

use super::route::Route;
use yew::prelude::*;

/// The about page.
#[component]
pub fn About() -> Html {
    html! {
        <main class="page prose" id="main">
            <h1>{ "About Attune" }</h1>
            <p class="lede">{ "Attune is a place to practise the two things people remember about being served: whether you were with them, and whether you heard them." }</p>
            <h2>{ "Presence" }</h2>
            <p>{ "Presence is the way you show up. A calm, centred person who is glad to help gives an upset customer somewhere to land. It shows in positive regard (they can tell you want to serve them), in commitment (you take the problem on as yours), in effective action (you do something concrete), and in follow-through (you check the outcome and look after the relationship). It is lost to defensiveness, blame, hiding behind policy, sarcasm, and to telling someone to calm down." }</p>
            <h2>{ "Listening" }</h2>
            <p>{ "Listening starts with letting people finish. A short \u{201c}mm-hm\u{201d} tells them you are with them without taking the floor; cutting in does take it, and what they were about to say is often what mattered most. Studies of doctors' appointments found patients were redirected within the first quarter-minute or so, while those allowed to finish needed only a few seconds more." }</p>
            <p>{ "Listening shows when you say back what you heard: in their words (a paraphrase) or in yours (a summary), naming the feeling you hear, and asking open questions that invite more. Counsellors aim for about two reflections for every question. And when someone offers an idea, \u{201c}yes, and\u{201d} builds on it where \u{201c}yes, but\u{201d} takes the yes away." }</p>
            <h2>{ "How you are scored" }</h2>
            <p>{ "Every reply, tapped or typed, is read for signals such as reflections, named feelings, open questions, commitments, apologies, \u{201c}but\u{201d}s and dismissals, and scored for presence and listening. The other person reacts, and remembers: a slight early on makes later warmth land softer. At the end you see your scores, the four fundamentals of service, and which replies helped or hurt." }</p>
            <h2>{ "Where the ideas come from" }</h2>
            <ul>
                <li>{ "Writing on customer service: the four fundamentals of service; always be serving; the Platinum Rule of treating people as they wish to be treated; yes-and rather than yes-but." }</li>
                <li>{ "Research on interruptions in medical consultations (Beckman and Frankel 1984; Marvel and colleagues 1999; Singh Ospina and colleagues 2019; Mulder-Vos and colleagues 2023)." }</li>
                <li>{ "Rubrics from counselling and care: Motivational Interviewing Treatment Integrity (MITI 4), the EPITOME empathy framework, and the NURSE way of responding to emotion; and the HEARD and LAST models of service recovery." }</li>
            </ul>
            <h2>{ "Your data" }</h2>
            <p>{ "Attune runs entirely in your browser. Your attempts are stored on this device only, and leave it only if you export them. " }<a href={Route::Progress.hash()}>{ "See your progress" }</a>{ "." }</p>
        </main>
    }
}
