//! People: finds the persons a body mentions and gives each one canonical name.
//!
//! Rules, not a model. First the body loses what names the people who made the story rather
//! than those it is about: byline, credit, contact, photo-credit and link lines ("Reporting by
//! …", "Media contact: …", "Photograph: …", "Read more: …", a front-matter author list, an
//! italic author bio); in a broadcast transcript, ALL-CAPS speaker labels are title-cased. Then
//! the body is split into word tokens; runs of capitalised tokens (with initials, particles such
//! as "al-"/"bin"/"von der" and suffixes such as "Jr."/"III") are name candidates, cut at
//! capitalised function words of a Title Case headline ("Slump Is"), contractions ("I'm"),
//! plural acronyms ("MPs") and a trailing date ("July 2"); a name's possessive ends its run and
//! the thing it owns is skipped ("Theresa May's Brexit deal"), other possessive runs are
//! institutions and dropped ("Prince George's County", "Sweden's Nordbanken"). Leading titles
//! ("Secretary of State", "Sen.", "Mr.") and nationalities are dropped and remembered as
//! evidence; runs that are places, organisations, publications, buildings or events (word lists
//! in `index-schema/`, or context: "in", "the province of", ", the energy company where", a
//! photo agency after a slash, an owner whose owned name speaks: "Marine Midland's O'Neill
//! said") are rejected, and so are their words alone ("Goldman" after "Goldman Sachs") and a
//! company's name without its legal form ("Dale Burdett" after "Dale Burdett Inc"). Multiword
//! names are then grouped by in-document co-reference (same surname and compatible given
//! names), and bare surnames attach to the one full name they can mean; an ambiguous bare
//! surname is not guessed, and a plural one ("the two Johnsons") is no one new.
//! Every person needs evidence (a title, also a lowercase one or a word for a person right
//! before the name: "vice president Masoumeh Ebtekar", "herder Lekishon Lenaiyasa", "his wife,
//! Lilian Tintori,"; a known given name, an initial, a suffix, a particle, a naming phrase such
//! as "a designer named Polina", an age set off by commas ("Oksana, 34, said"), a later
//! "his"/"her" that only the subject can own ("Dwayne Okafor-Reyes is still rebuilding his
//! store"), or a speech verb when the name's words are not also lowercase words of the body:
//! wire copy lets companies "say" things too; or a place in a scorecard or results row:
//! "Ruvani Okoye c Tamsin Hale b Delroy Marsh 44", "Quill 8-1-40-0", "(Okwu 12th, Castellane
//! 77th)"); a surname never given in full needs a personal title or a speech verb, and one
//! printed beside the initialed name it shortens ("Vellacott", "R. Vellacott") is no one new.
//! A row of a league table ("Blue Harbour 2 2 0 0 3 1 6") names a team. Each person gets the
//! fullest form the article prints, then the curated alias file maps nicknames to one
//! canonical name.
//!
//! Speed matters (every article of the archive passes through here): tokens borrow the body
//! (folded forms that differ go to one arena), words are found eight bytes at a time, each
//! token's lexicon classes are one cached hash lookup, and mentions are token slices.
//!
//! The package: `tokens` (the body as tokens), `mentions` (runs cut into name candidates),
//! `evidence` (what the context says of a candidate), `names` (aliases, keys and `Person`),
//! `words` (the word tables); this file groups mentions into people. Credit, contact and
//! transcript lines are cleaned by `article::credits` first.

mod evidence;
mod mentions;
mod names;
mod tokens;
pub(crate) mod words;

use std::sync::Arc;

pub use names::{person_key, Person, PersonAliases};

use self::mentions::Mention;
pub(crate) use self::names::strip_particle;
use self::tokens::{folded_key, tokenize, Token};
use self::words::LEGAL_FORMS;
use super::text::{fold_words_into, FastMap, FastSet};
use crate::article::credits::clean_body;
use crate::article::lexicon::{class, Lexicon};

/// The person extractor: the lexicon and the alias file in force.
#[derive(Debug, Clone, Default)]
pub struct PeopleExtractor {
    pub aliases: PersonAliases,
    lexicon: Arc<Lexicon>,
}

impl PeopleExtractor {
    pub fn new(lexicon: Arc<Lexicon>, aliases: PersonAliases) -> PeopleExtractor {
        PeopleExtractor { aliases, lexicon }
    }

    /// The `class` flags of a token, looked up once.
    fn class(&self, token: &Token<'_>) -> u32 {
        let cached = token.class.get();
        if cached != class::UNKNOWN {
            return cached;
        }
        let flags = self.lexicon.class(token.folded);
        token.class.set(flags);
        flags
    }

    /// Whether the token's folded form carries `flag`.
    fn is(&self, token: &Token<'_>, flag: u32) -> bool {
        self.class(token) & flag != 0
    }

    /// Whether a folded word (not a token) carries `flag`.
    fn word_is(&self, folded: &str, flag: u32) -> bool {
        self.lexicon.is(folded, flag)
    }

    /// Whether the tokens, folded and joined, are an entry of places.txt or org-names.txt. A
    /// lone plain word ("Sochi") is answered by its class flags, without folding it again.
    fn is_known_name(&self, run: &[Token<'_>], scratch: &mut String) -> bool {
        let plain = run[0].folded.bytes().all(|b| b.is_ascii_alphanumeric());
        if let [token] = run {
            if plain {
                return self.is(token, class::PLACE | class::ORG_NAME);
            }
        } else if plain && !self.is(&run[0], class::KNOWN_FIRST) {
            // No multiword entry starts with this word.
            return false;
        }
        scratch.clear();
        fold_words_into(run.iter().map(|t| t.text), scratch);
        self.lexicon.is_known_name(scratch.as_str())
    }

    /// A title, also when written with a trailing dot the list lacks ("Supt.").
    fn is_title(&self, token: &Token<'_>) -> bool {
        self.is(token, class::TITLE)
            || (token.folded.ends_with('.') && self.word_is(token.folded.trim_end_matches('.'), class::TITLE))
    }
}

/// One person of the article while mentions are grouped: its mentions merged.
#[derive(Debug, Clone)]
struct Entity<'t> {
    best: Mention<'t>,
    first_seen: usize,
    evidence: bool,
    org: bool,
}

/// The mentions of a body sorted out: multiword people, lone words still to attach, and the
/// organisations and places met on the way.
#[derive(Default)]
struct Groups<'t> {
    people: Vec<Entity<'t>>,
    singles: Vec<(usize, Mention<'t>)>,
    /// Hashes of the folded words of every organisation or place span.
    org_spans: FastSet<u64>,
    /// The words of multiword organisations and places.
    org_words: FastSet<&'t str>,
    /// Lists with multiword names that have evidence of their own: how many.
    person_lists: FastMap<u32, u32>,
}

impl PeopleExtractor {
    /// The people mentioned in `body`, in order of first mention, each with its canonical
    /// name (the alias file applied) and key.
    pub fn extract(&self, body: &str) -> Vec<Person> {
        let cleaned = clean_body(body);
        let body = cleaned.as_deref().unwrap_or(body);
        let mut arena = String::with_capacity(body.len() / 4);
        let tokens = tokenize(body, &mut arena);
        let mut groups = self.group(self.mentions(&tokens), body);
        let singles = std::mem::take(&mut groups.singles);
        let mut new_singles = self.attach_singles(singles, &mut groups);
        // A bare surname beside the initialed name it shortens ("Vellacott" and "R.
        // Vellacott" in a scorecard) is that person, or one of several ("Okoye" beside "T.
        // Okoye" and "S. Okoye"): no one new.
        let initialed: Vec<&str> = new_singles
            .iter()
            .filter(|e| self.initialed(&e.best))
            .map(|e| evidence::lone_word(&e.best).folded)
            .collect();
        new_singles.retain(|e| e.best.name.len() > 1 || !initialed.contains(&e.best.name[0].folded));
        // Initials without a dot ("R Kelly", but also "X Factor") name people only in a list of
        // such names (a results table).
        let dotless = |e: &Entity<'_>| self.initialed(&e.best) && !e.best.name[0].text.ends_with('.');
        let table = new_singles.iter().filter(|e| dotless(e)).count() >= 3;
        let mut found: Vec<&Entity<'_>> = groups
            .people
            .iter()
            .filter(|p| !p.org && p.evidence)
            .chain(new_singles.iter().filter(|p| {
                p.evidence
                    && (!p.best.sentence_start || p.best.titled || self.initialed(&p.best))
                    && (table || !dotless(p) || p.best.personal || p.best.speech)
                    && !self.never_single(evidence::lone_word(&p.best).folded)
                    && self.could_be_single(&p.best, body, &groups.org_words)
            }))
            .collect();
        found.sort_by_key(|p| p.first_seen);
        let mut people: Vec<Person> = Vec::new();
        for entity in found {
            let mut name = String::new();
            for (i, word) in entity.best.words().enumerate() {
                if i > 0 {
                    name.push(' ');
                }
                name.push_str(word);
            }
            let person = self.aliases.person(&name);
            if !people.iter().any(|p| p.name == person.name) {
                people.push(person);
            }
        }
        people
    }

    /// Sorts mentions into organisation spans, multiword people (grouped by in-document
    /// co-reference) and lone words.
    fn group<'t>(&self, mentions: Vec<Mention<'t>>, body: &str) -> Groups<'t> {
        let mut groups = Groups::default();
        // A list with one name that has evidence of its own lends it to the other names of
        // the list: "goals from Ann Lee, Bo Okafor and Cy Diaz".
        let strong: Vec<bool> = mentions
            .iter()
            .map(|m| !m.org_context && m.core().nth(1).is_some() && self.strong(m, body))
            .collect();
        for (m, &strong) in mentions.iter().zip(&strong) {
            if strong && m.list != 0 {
                *groups.person_lists.entry(m.list).or_default() += 1;
            }
        }
        for ((order, mention), strong) in mentions.into_iter().enumerate().zip(strong) {
            if mention.org_context {
                groups.org_spans.insert(mention.folded_key());
                if mention.name.len() > 1 {
                    groups.org_words.extend(mention.folded());
                    // The name without its legal form is the company too: "Yapi ve Kredi
                    // Bankasi told Reuters" after "Kredi Bankasi A.S.", "Dale Burdett" after
                    // "Dale Burdett Inc" (not "Martin Luther King Jr." after "… Memorial").
                    let suffix =
                        mention.name.iter().rev().take_while(|t| self.is(t, class::ORG_WORD)).count();
                    let core = mention.name.len() - suffix;
                    if core >= 2 && mention.name.last().is_some_and(|t| LEGAL_FORMS.contains(&t.folded)) {
                        groups.org_spans.insert(folded_key(&mention.name[..core]));
                    }
                }
                continue;
            }
            if mention.core().nth(1).is_none() {
                groups.singles.push((order, mention));
                continue;
            }
            let evidence = strong || groups.person_lists.contains_key(&mention.list);
            match groups.people.iter_mut().position(|p| same_person(&p.best, &mention)) {
                Some(index) => {
                    let person = &mut groups.people[index];
                    person.evidence |= evidence;
                    if mention.name.len() > person.best.name.len() {
                        let seen = person.best.sentence_start && mention.sentence_start;
                        person.best = Mention { sentence_start: seen, ..mention };
                    } else if !mention.sentence_start {
                        person.best.sentence_start = false;
                    }
                }
                None => groups.people.push(Entity { best: mention, first_seen: order, evidence, org: false }),
            }
        }
        for person in &mut groups.people {
            if groups.org_spans.contains(&person.best.folded_key()) {
                person.org = true;
            }
        }
        groups
    }

    /// Attaches bare surnames (or given names) to the one person they can mean; returns the
    /// lone words that mean no one yet (an ambiguous one is not guessed).
    fn attach_singles<'t>(
        &self,
        singles: Vec<(usize, Mention<'t>)>,
        groups: &mut Groups<'t>,
    ) -> Vec<Entity<'t>> {
        let people = &mut groups.people;
        let word_of = |m: &Mention<'t>| m.core().last().unwrap_or_else(|| strip_particle(m.first_folded()));
        // A list with two people in it lists people: two multiword names with evidence, or two
        // lone words that are surnames of such people ("Okafor, Given, Lindqvist, Brandt"
        // after "Ann Okafor" and "Bo Brandt").
        let mut known: FastMap<u32, u32> = FastMap::default();
        for (_, m) in singles.iter().filter(|(_, m)| m.list != 0) {
            let word = word_of(m);
            if people.iter().any(|p| !p.org && p.evidence && p.best.surname() == word) {
                *known.entry(m.list).or_default() += 1;
            }
        }
        let person_lists = &groups.person_lists;
        let person_list = |list: u32| {
            let count = |map: &FastMap<u32, u32>| map.get(&list).copied().unwrap_or(0);
            list != 0 && (count(person_lists) >= 2 || count(&known) >= 2)
        };
        let mut new_singles: Vec<Entity<'t>> = Vec::new();
        for (order, mut mention) in singles {
            if person_list(mention.list) {
                // An item of a list of people: a person, also when it opens the sentence.
                mention.speech = true;
                mention.sentence_start = false;
            }
            let word = word_of(&mention);
            let by_surname: Vec<usize> =
                (0..people.len()).filter(|&i| !people[i].org && people[i].best.surname() == word).collect();
            let candidates = if by_surname.is_empty() {
                (0..people.len())
                    .filter(|&i| !people[i].org && people[i].best.core().any(|w| w == word))
                    .collect()
            } else {
                by_surname
            };
            // A plural of a listed surname ("the two Johnsons", "the Osterhauses") is no one new.
            let plural = candidates.is_empty()
                && [word.strip_suffix("es"), word.strip_suffix('s')]
                    .into_iter()
                    .flatten()
                    .any(|stem| people.iter().any(|p| !p.org && p.best.surname() == stem));
            if plural {
                continue;
            }
            match candidates.len() {
                1 => {
                    let person = &mut people[candidates[0]];
                    person.evidence |= mention.titled || mention.speech;
                }
                0 => {
                    if let Some(existing) = new_singles.iter_mut().find(|p| p.best.same_words(&mention)) {
                        existing.evidence |= self.single_evidence(&mention);
                        existing.best.sentence_start &= mention.sentence_start && !mention.titled;
                    } else if !groups.org_spans.contains(&mention.folded_key()) {
                        let mut mention = mention;
                        mention.sentence_start &= !mention.titled;
                        let evidence = self.single_evidence(&mention);
                        new_singles.push(Entity { best: mention, first_seen: order, evidence, org: false });
                    }
                }
                _ => {} // ambiguous: not guessed
            }
        }
        new_singles
    }
}

/// Whether two multiword mentions name the same person: same surname, same Jr./Sr. status,
/// and the given names of one contained in the other's ("Michael Pompeo" ⊂ "Michael R. Pompeo").
fn same_person(a: &Mention<'_>, b: &Mention<'_>) -> bool {
    if a.is_junior() != b.is_junior() {
        return false;
    }
    let (mut ia, mut ib) = (a.initials().peekable(), b.initials().peekable());
    if ia.peek().is_some() && ib.peek().is_some() && !ia.eq(ib) {
        return false;
    }
    if a.surname() != b.surname() {
        return false;
    }
    let (ca, cb) = (a.core(), b.core());
    let (short, long) = if ca.clone().count() <= cb.clone().count() { (ca, cb) } else { (cb, ca) };
    short.into_iter().all(|t| long.clone().any(|l| l == t))
}

#[cfg(test)]
mod tests;
