//! The scenarios on offer and the state of each one opened: the site's index, the files
//! fetched from it, and the scenarios a trainer keeps on this device. The web app keeps
//! one [`Shelf`], feeds it what its fetches return, and shows what [`Shelf::cards`] and
//! [`Shelf::lookup`] say; every decision is here, tested natively.

use crate::catalog::{self, Entry};
use crate::ids::ScenarioId;
use crate::scenario::Scenario;
use std::rc::Rc;

/// The site's index, as far as it has arrived.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Listing {
    /// Not fetched yet.
    #[default]
    Loading,
    /// Read: these entries, in library order.
    Listed(Rc<Vec<Entry>>),
    /// It could not be fetched or read; why.
    Failed(String),
}

/// A hosted scenario file the app has asked for.
#[derive(Clone, Debug, PartialEq)]
enum Opened {
    /// Fetched ahead, not yet checked: kept so it opens without the network.
    Prefetched(Rc<str>),
    Fetching,
    Ready(Rc<Scenario>),
    /// Why it cannot be played, one problem per line, each with its place in the file.
    Failed(Rc<Vec<String>>),
}

/// What has happened, for [`Shelf::reduce`].
#[derive(Clone, Debug)]
pub enum ShelfAction {
    /// The index's text arrived, or the reason it did not.
    Listed(Result<String, String>),
    /// The file of this scenario id is being fetched.
    Fetching(ScenarioId),
    /// The file of this scenario id arrived, or the reason it did not.
    Fetched(ScenarioId, Result<String, String>),
    /// This scenario id cannot be played for a reason outside its file (the analyzer's
    /// data did not arrive): the problem, as a whole line.
    Unplayable(ScenarioId, String),
    /// The text of this scenario id's file, fetched ahead of its opening (after the
    /// first conversation opened), so it can be opened offline.
    Prefetched(ScenarioId, String),
    /// Forget a failed file, so it is fetched again.
    Retry(ScenarioId),
    /// The scenarios a trainer keeps on this device, as their storage keys and texts
    /// (all of them: any kept before and not here is gone). Each is checked again; the
    /// analyzer's data must be in.
    Kept(Vec<(String, String)>),
    /// The scenarios kept on this device cannot be checked (the analyzer's data did not
    /// arrive): their storage keys, listed as unplayable with this problem (a whole line).
    KeptUnchecked(Vec<String>, String),
}

/// What to show for a scenario id (the page `#/play/<id>`).
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// Play it.
    Ready(Rc<Scenario>),
    /// Its file has to be fetched: start fetching it (and show [`Lookup::Waiting`]).
    Fetch(Entry),
    /// The index or its file is on its way.
    Waiting,
    /// It cannot be played: its title, as far as known, and what is wrong.
    Failed {
        title: String,
        problems: Rc<Vec<String>>,
    },
    /// No scenario has this id here.
    NotFound,
}

/// One card of the library.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: ScenarioId,
    pub title: String,
    pub summary: String,
    /// Who the trainee plays.
    pub role: String,
    /// "Name, role" of the other person.
    pub with: String,
    pub minutes: u32,
    /// "Introductory", "Intermediate" or "Advanced".
    pub level: &'static str,
    pub tags: Vec<String>,
    /// A trainer's own, kept on this device rather than hosted.
    pub own: bool,
    /// Why it could not be opened, once that is known.
    pub problems: Option<Rc<Vec<String>>>,
}

/// Each scenario opened, by id: a list, not a map. A site offers tens of scenarios, and
/// each kind of map costs the web app its own copy of the map's code (a kilobyte).
#[derive(Clone, Debug, PartialEq, Default)]
struct Opens(Vec<(ScenarioId, Opened)>);

impl Opens {
    fn get(&self, id: &ScenarioId) -> Option<&Opened> {
        self.0.iter().find(|(i, _)| i == id).map(|(_, o)| o)
    }

    fn contains_key(&self, id: &ScenarioId) -> bool {
        self.get(id).is_some()
    }

    fn insert(&mut self, id: ScenarioId, opened: Opened) {
        self.remove(&id);
        self.0.push((id, opened));
    }

    fn remove(&mut self, id: &ScenarioId) {
        self.0.retain(|(i, _)| i != id);
    }

    fn values(&self) -> impl Iterator<Item = &Opened> {
        self.0.iter().map(|(_, o)| o)
    }
}

/// The scenarios on offer; see the module's documentation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Shelf {
    pub listing: Listing,
    /// What became of each scenario opened (see [`Opens`]).
    opened: Opens,
    /// The kept scenarios that checked clean, by title.
    own: Vec<Rc<Scenario>>,
    /// The kept ones that did not: their id and why.
    own_failed: Vec<(ScenarioId, Rc<Vec<String>>)>,
}

impl Shelf {
    /// The shelf after `action`.
    pub fn reduce(&self, action: ShelfAction) -> Shelf {
        let mut next = self.clone();
        match action {
            ShelfAction::Listed(Ok(text)) => {
                next.listing = match catalog::parse_index(&catalog::index_path(), &text) {
                    Ok(entries) => Listing::Listed(Rc::new(entries)),
                    Err(e) => Listing::Failed(e.to_string()),
                };
            }
            ShelfAction::Listed(Err(why)) => {
                next.listing = Listing::Failed(format!(
                    "{}: error: the list of scenarios could not be fetched: {why}",
                    catalog::index_path()
                ));
            }
            ShelfAction::Fetching(id) => {
                next.opened.insert(id, Opened::Fetching);
            }
            ShelfAction::Fetched(id, result) => {
                let Some(entry) = self.entry(&id) else {
                    return next;
                };
                let opened = match result {
                    Ok(text) => match catalog::open(entry, &text) {
                        Ok(s) => Opened::Ready(Rc::new(s)),
                        Err(problems) => Opened::Failed(Rc::new(problems)),
                    },
                    Err(why) => Opened::Failed(Rc::new(vec![format!(
                        "{}: error: the file could not be fetched: {why}",
                        entry.url()
                    )])),
                };
                next.opened.insert(id, opened);
            }
            ShelfAction::Unplayable(id, problem) => {
                if self.entry(&id).is_some() {
                    next.opened
                        .insert(id, Opened::Failed(Rc::new(vec![problem])));
                }
            }
            ShelfAction::Prefetched(id, text) => {
                if self.entry(&id).is_some() && !self.opened.contains_key(&id) {
                    next.opened.insert(id, Opened::Prefetched(text.into()));
                }
            }
            ShelfAction::Retry(id) => {
                if matches!(self.opened.get(&id), Some(Opened::Failed(_))) {
                    next.opened.remove(&id);
                }
            }
            ShelfAction::Kept(stored) => {
                let hosted = self.cards();
                next.own.clear();
                next.own_failed.clear();
                for (key, text) in &stored {
                    let Some(id) = crate::authoring::kept_id(key) else {
                        continue;
                    };
                    match admit(&hosted, &crate::authoring::kept_file(&id), text) {
                        Ok(s) if s.id == id => next.own.push(Rc::new(s)),
                        Ok(s) => next.own_failed.push((
                            id.clone(),
                            Rc::new(vec![crate::scenario::visible(&format!(
                                "{}: error: it is kept under the id `{id}` but its id is `{}`; keep it again from the trainer's page",
                                crate::authoring::kept_file(&id),
                                s.id
                            ))]),
                        )),
                        Err(problems) => next.own_failed.push((id, Rc::new(problems))),
                    }
                }
                crate::lean::sort_small_by_key(&mut next.own, |s| s.title.clone());
            }
            ShelfAction::KeptUnchecked(keys, problem) => {
                let problem = Rc::new(vec![problem]);
                next.own.clear();
                next.own_failed = keys
                    .iter()
                    .filter_map(|k| crate::authoring::kept_id(k))
                    .map(|id| (id, problem.clone()))
                    .collect();
            }
        }
        next
    }

    fn entry(&self, id: &ScenarioId) -> Option<&Entry> {
        match &self.listing {
            Listing::Listed(entries) => entries.iter().find(|e| e.id == *id),
            _ => None,
        }
    }

    /// Whether the library is still waiting for the index.
    pub fn loading(&self) -> bool {
        self.listing == Listing::Loading
    }

    /// Why the index could not be read, if it could not.
    pub fn problem(&self) -> Option<&str> {
        match &self.listing {
            Listing::Failed(why) => Some(why),
            _ => None,
        }
    }

    /// What to show for a scenario id.
    pub fn lookup(&self, id: &ScenarioId) -> Lookup {
        if let Some(s) = self.own.iter().find(|s| s.id == *id) {
            return Lookup::Ready(s.clone());
        }
        if self.loading() {
            return Lookup::Waiting;
        }
        let Some(entry) = self.entry(id) else {
            // A kept scenario that cannot be played (never in a hosted one's place).
            return match self.own_failed.iter().find(|(o, _)| o == id) {
                Some((_, problems)) => Lookup::Failed {
                    title: id.to_string(),
                    problems: problems.clone(),
                },
                None => Lookup::NotFound,
            };
        };
        match self.opened.get(id) {
            None | Some(Opened::Prefetched(_)) => Lookup::Fetch(entry.clone()),
            Some(Opened::Fetching) => Lookup::Waiting,
            Some(Opened::Ready(s)) => Lookup::Ready(s.clone()),
            Some(Opened::Failed(problems)) => Lookup::Failed {
                title: entry.title.clone(),
                problems: problems.clone(),
            },
        }
    }

    /// The text fetched ahead for a scenario id, to open it with instead of fetching.
    pub fn prefetched(&self, id: &ScenarioId) -> Option<Rc<str>> {
        match self.opened.get(id) {
            Some(Opened::Prefetched(text)) => Some(text.clone()),
            _ => None,
        }
    }

    /// Once a hosted conversation has opened (so the word lists are in), the listed files
    /// not yet fetched: fetched ahead, they open even if the network goes. None before.
    pub fn to_prefetch(&self) -> Vec<Entry> {
        let Listing::Listed(entries) = &self.listing else {
            return Vec::new();
        };
        if !self.opened.values().any(|o| matches!(o, Opened::Ready(_))) {
            return Vec::new();
        }
        entries
            .iter()
            .filter(|e| !self.opened.contains_key(&e.id))
            .cloned()
            .collect()
    }

    /// The library's topics: every tag of the cards, in order, with how many cards
    /// carry it.
    pub fn topics(cards: &[Card]) -> Vec<(String, usize)> {
        let mut topics: Vec<(String, usize)> = Vec::new();
        for tag in cards.iter().flat_map(|c| &c.tags) {
            match topics.iter_mut().find(|(t, _)| t == tag) {
                Some((_, n)) => *n += 1,
                None => topics.push((tag.clone(), 1)),
            }
        }
        crate::lean::sort_small_by_key(&mut topics, |(t, _)| t.clone());
        topics
    }

    /// The library's cards: the hosted scenarios in the index's order, then the trainer's
    /// own kept on this device, by title (those that cannot be played last, with why).
    pub fn cards(&self) -> Vec<Card> {
        let mut cards: Vec<Card> = match &self.listing {
            Listing::Listed(entries) => entries
                .iter()
                .map(|e| {
                    card(
                        e,
                        match self.opened.get(&e.id) {
                            Some(Opened::Failed(p)) => Some(p.clone()),
                            _ => None,
                        },
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        cards.extend(self.own.iter().map(|s| Card {
            own: true,
            ..card(&Entry::of("", s), None)
        }));
        cards.extend(self.own_failed.iter().map(|(id, problems)| Card {
            id: id.clone(),
            title: id.to_string(),
            summary: String::new(),
            role: String::new(),
            with: String::new(),
            minutes: 0,
            level: "",
            tags: Vec::new(),
            own: true,
            problems: Some(problems.clone()),
        }));
        cards
    }
}

/// Checks a scenario file a trainer keeps, against the library's cards: its scenario, or
/// the lines that say why it cannot be listed. A file whose id a hosted
/// scenario has is refused, so it never takes that scenario's place or its best and last
/// scores.
fn admit(cards: &[Card], file: &str, text: &str) -> Result<Scenario, Vec<String>> {
    let report = crate::validate::check_file_to_play(file, text);
    let Some(s) = report.playable() else {
        return Err(report.problems.iter().map(ToString::to_string).collect());
    };
    if let Some(hosted) = cards.iter().find(|c| !c.own && c.id == s.id) {
        return Err(vec![crate::scenario::visible(&format!(
            "{file}: error: its id `{}` is already used by \u{201c}{}\u{201d} on this site; give your scenario an id of its own, so the two and their scores stay apart",
            s.id, hosted.title
        ))]);
    }
    Ok(s.clone())
}

fn card(e: &Entry, problems: Option<Rc<Vec<String>>>) -> Card {
    let with = match (e.partner.is_empty(), e.partner_role.is_empty()) {
        (false, false) => format!("{}, {}", e.partner, e.partner_role),
        (false, true) => e.partner.clone(),
        _ => e.partner_role.clone(),
    };
    Card {
        id: e.id.clone(),
        title: e.title.clone(),
        summary: e.summary.clone(),
        role: e.trainee_role.clone(),
        with,
        minutes: e.minutes,
        level: e.difficulty.label(),
        tags: e.tags.clone(),
        own: false,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_text() -> String {
        let files: Vec<(String, Result<String, String>)> = crate::builtin::FILES
            .iter()
            .map(|(n, t)| (n.to_string(), Ok(t.to_string())))
            .collect();
        catalog::index(&files, None).text
    }

    fn listed() -> Shelf {
        Shelf::default().reduce(ShelfAction::Listed(Ok(index_text())))
    }

    #[test]
    fn the_library_waits_for_the_index_then_lists_it() {
        let shelf = Shelf::default();
        assert!(shelf.loading() && shelf.cards().is_empty());
        assert_eq!(shelf.lookup(&"yes-and".into()), Lookup::Waiting);
        let shelf = listed();
        assert!(!shelf.loading() && shelf.problem().is_none());
        assert_eq!(shelf.cards().len(), crate::builtin::FILES.len());
        let card = shelf
            .cards()
            .into_iter()
            .find(|c| c.id == "yes-and")
            .unwrap();
        assert!(card.with.contains(", ") && !card.own && card.problems.is_none());
        assert_eq!(shelf.lookup(&"nobody".into()), Lookup::NotFound);
    }

    #[test]
    fn topics_are_every_tag_once_in_order_with_how_many_scenarios_carry_it() {
        let cards = listed().cards();
        let topics = Shelf::topics(&cards);
        let names: Vec<&str> = topics.iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "in order, each once");
        for (tag, n) in &topics {
            assert_eq!(
                *n,
                cards.iter().filter(|c| c.tags.contains(tag)).count(),
                "{tag}"
            );
        }
        assert!(topics.iter().any(|(_, n)| *n > 1), "some topic is shared");
    }

    #[test]
    fn a_scenario_is_fetched_once_then_played() {
        let shelf = listed();
        let Lookup::Fetch(entry) = shelf.lookup(&"yes-and".into()) else {
            panic!("should ask for the file");
        };
        assert_eq!(entry.url(), "scenarios/yes-and.toml");
        let shelf = shelf.reduce(ShelfAction::Fetching("yes-and".into()));
        assert_eq!(shelf.lookup(&"yes-and".into()), Lookup::Waiting);
        let text = crate::builtin::FILES
            .iter()
            .find(|(n, _)| *n == "yes-and.toml")
            .unwrap()
            .1;
        let shelf = shelf.reduce(ShelfAction::Fetched("yes-and".into(), Ok(text.into())));
        let Lookup::Ready(s) = shelf.lookup(&"yes-and".into()) else {
            panic!("should be ready");
        };
        assert_eq!(s.id, "yes-and");
    }

    #[test]
    fn a_broken_or_missing_file_is_shown_with_its_problem_and_can_be_retried() {
        let shelf = listed()
            .reduce(ShelfAction::Fetched(
                "yes-and".into(),
                Ok("title = \n".into()),
            ))
            .reduce(ShelfAction::Fetched(
                "irate-customer".into(),
                Err("the site answered 404".into()),
            ));
        let Lookup::Failed { title, problems } = shelf.lookup(&"yes-and".into()) else {
            panic!("should fail");
        };
        assert!(!title.is_empty());
        assert!(
            problems[0].starts_with("scenarios/yes-and.toml:1:"),
            "{problems:?}"
        );
        let Lookup::Failed { problems, .. } = shelf.lookup(&"irate-customer".into()) else {
            panic!("should fail");
        };
        assert!(problems[0].contains("could not be fetched: the site answered 404"));
        // The library shows the problem on the card; the others are untouched.
        let cards = shelf.cards();
        assert_eq!(cards.iter().filter(|c| c.problems.is_some()).count(), 2);
        let shelf = shelf.reduce(ShelfAction::Retry("yes-and".into()));
        assert!(matches!(shelf.lookup(&"yes-and".into()), Lookup::Fetch(_)));
        let shelf = shelf.reduce(ShelfAction::Unplayable(
            "yes-and".into(),
            "lexicon/en.toml: error: offline".into(),
        ));
        let Lookup::Failed { problems, .. } = shelf.lookup(&"yes-and".into()) else {
            panic!("should fail");
        };
        assert_eq!(problems[0], "lexicon/en.toml: error: offline");
        // A late answer for an id the index does not list changes nothing.
        assert_eq!(
            shelf.reduce(ShelfAction::Fetched("ghost".into(), Ok(String::new()))),
            shelf
        );
    }

    #[test]
    fn an_index_that_cannot_be_fetched_or_read_is_reported_and_own_scenarios_still_work() {
        let shelf = Shelf::default().reduce(ShelfAction::Listed(Err("offline".into())));
        assert!(shelf
            .problem()
            .unwrap()
            .contains("could not be fetched: offline"));
        let shelf = Shelf::default().reduce(ShelfAction::Listed(Ok("version = [".into())));
        assert!(shelf
            .problem()
            .unwrap()
            .starts_with("scenarios/index.toml:1:"));
        let own = crate::builtin::read(0).unwrap();
        let kept = vec![(
            crate::authoring::keep_key(&own.id),
            crate::builtin::FILES[0].1.to_string(),
        )];
        let shelf = shelf.reduce(ShelfAction::Kept(kept));
        assert!(matches!(shelf.lookup(&own.id), Lookup::Ready(_)));
        let cards = shelf.cards();
        assert_eq!(cards.len(), 1);
        assert!(cards[0].own);
    }

    #[test]
    fn kept_scenarios_are_checked_listed_after_the_hosted_ones_and_replaced_as_a_whole() {
        let (_, text) = crate::builtin::FILES[0];
        let shelf = listed();
        let hosted = crate::builtin::read(0).unwrap();
        let key = crate::authoring::keep_key;
        let renamed = |id: &str| {
            text.replacen(
                &format!("id = \"{}\"", hosted.id),
                &format!("id = \"{id}\""),
                1,
            )
        };
        let shelf = shelf.reduce(ShelfAction::Kept(vec![
            // The hosted id: refused, so it never takes that scenario's place or scores.
            (key(&hosted.id), text.to_string()),
            (key(&"my-copy".into()), renamed("my-copy")),
            // Kept under one id, holding another (edited by hand): refused.
            (key(&"elsewhere".into()), renamed("not-elsewhere")),
            (key(&"broken".into()), "title = ".into()),
            // Not a kept scenario's key at all.
            ("attune.pace".into(), "usual".into()),
            (format!("{}.unreadable-5", key(&"x".into())), "x".into()),
        ]));
        let cards = shelf.cards();
        assert_eq!(cards.len(), crate::builtin::FILES.len() + 4, "{cards:#?}");
        // The hosted ones first, in the index's order, untouched.
        assert!(cards[..crate::builtin::FILES.len()]
            .iter()
            .all(|c| !c.own && c.problems.is_none()));
        let own = &cards[crate::builtin::FILES.len()..];
        assert_eq!(own[0].id, "my-copy");
        assert!(own[0].problems.is_none() && own.iter().all(|c| c.own));
        let why = |id: &str| {
            own.iter()
                .find(|c| c.id == id)
                .unwrap()
                .problems
                .clone()
                .unwrap()
        };
        assert!(
            why(hosted.id.as_str())[0].contains(&format!(
                "its id `{}` is already used by \u{201c}{}\u{201d}",
                hosted.id, hosted.title
            )),
            "{:?}",
            why(hosted.id.as_str())
        );
        assert!(why("elsewhere")[0]
            .contains("kept under the id `elsewhere` but its id is `not-elsewhere`"));
        assert!(
            why("broken")[0].starts_with("broken.toml (kept on this device):1:"),
            "{:?}",
            why("broken")
        );
        assert!(matches!(shelf.lookup(&"my-copy".into()), Lookup::Ready(_)));
        assert!(matches!(
            shelf.lookup(&"broken".into()),
            Lookup::Failed { .. }
        ));
        // The hosted scenario still opens as the hosted one.
        assert!(matches!(shelf.lookup(&hosted.id), Lookup::Fetch(_)));
        // Unchecked (the word lists did not arrive): each is listed with why, not dropped.
        let unchecked = shelf.reduce(ShelfAction::KeptUnchecked(
            vec![key(&"my-copy".into()), "attune.pace".into()],
            "lexicon/en.toml: error: offline".into(),
        ));
        let cards = unchecked.cards();
        let own: Vec<&Card> = cards.iter().filter(|c| c.own).collect();
        assert_eq!(own.len(), 1);
        assert_eq!(own[0].id, "my-copy");
        assert_eq!(
            own[0].problems.as_deref().map(Vec::as_slice),
            Some(&["lexicon/en.toml: error: offline".to_string()][..])
        );
        assert!(matches!(
            unchecked.lookup(&"my-copy".into()),
            Lookup::Failed { .. }
        ));
        // What is kept now replaces what was: one removed is gone.
        let shelf = shelf.reduce(ShelfAction::Kept(vec![(
            key(&"my-copy".into()),
            renamed("my-copy"),
        )]));
        assert_eq!(shelf.cards().len(), crate::builtin::FILES.len() + 1);
        assert_eq!(shelf.lookup(&"broken".into()), Lookup::NotFound);
    }

    #[test]
    fn after_the_first_conversation_the_others_are_fetched_ahead_and_open_from_memory() {
        let shelf = listed();
        assert!(
            shelf.to_prefetch().is_empty(),
            "nothing ahead before a conversation opens"
        );
        let text = |name: &str| {
            crate::builtin::FILES
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1
                .to_string()
        };
        let shelf = shelf.reduce(ShelfAction::Fetched(
            "yes-and".into(),
            Ok(text("yes-and.toml")),
        ));
        let ahead: Vec<crate::ids::ScenarioId> =
            shelf.to_prefetch().into_iter().map(|e| e.id).collect();
        assert_eq!(ahead.len(), crate::builtin::FILES.len() - 1);
        assert!(!ahead.contains(&"yes-and".into()));
        let shelf = shelf.reduce(ShelfAction::Prefetched(
            "irate-customer".into(),
            text("irate-customer.toml"),
        ));
        assert!(!shelf.to_prefetch().iter().any(|e| e.id == "irate-customer"));
        // Opening it uses the text in memory: the app hands it over as fetched.
        assert!(matches!(
            shelf.lookup(&"irate-customer".into()),
            Lookup::Fetch(_)
        ));
        let kept = shelf.prefetched(&"irate-customer".into()).expect("kept");
        let shelf = shelf.reduce(ShelfAction::Fetched(
            "irate-customer".into(),
            Ok(kept.to_string()),
        ));
        assert!(matches!(
            shelf.lookup(&"irate-customer".into()),
            Lookup::Ready(_)
        ));
        assert!(shelf.prefetched(&"irate-customer".into()).is_none());
        // A late prefetch never replaces a file already opened or being fetched.
        let again = shelf.reduce(ShelfAction::Prefetched("yes-and".into(), "title = ".into()));
        assert_eq!(again, shelf);
    }
}
