//! Evidence: what the words around a name say about it. A lowercase title or word for a
//! person before it, an apposition that names a thing after it, a speech verb or a naming
//! phrase next to it, a possessive pronoun later in its clause that only it can own; and what
//! a multiword or a lone candidate needs before it counts as a person.

use super::mentions::Mention;
use super::names::strip_particle;
use super::tokens::{appears_lowercase, Token};
use super::words::{APPOSITION_ENDS, APPOSITION_VERBS, AUXILIARIES, BUSINESS_TITLES, PREPOSITIONS, SUFFIXES};
use super::PeopleExtractor;
use crate::article::extract::text::FastSet;
use crate::article::lexicon::class;

impl PeopleExtractor {
    /// Evidence that a multiword candidate is a person: a title, a known given name, an
    /// initial, a suffix or an attached particle ("al-Assad"); or a speech verb, unless a word
    /// of the name is also a lowercase word of the body ("Newmont Gold said" in a story about
    /// gold): wire copy lets companies speak as often as people.
    pub(super) fn strong(&self, m: &Mention<'_>, body: &str) -> bool {
        m.titled
            || self.is(&m.name[0], class::GIVEN)
            || m.initials().next().is_some()
            || m.has_suffix(SUFFIXES)
            || m.folded().any(|f| strip_particle(f) != f)
            || (m.speech && !m.core().any(|w| appears_lowercase(body, w)))
    }

    /// Evidence that a lone word is a person: a personal title or honorific before it
    /// ("Mr. Hale", "President Erdogan", not "U.S. Officials") or a speech verb next to it.
    pub(super) fn single_evidence(&self, m: &Mention<'_>) -> bool {
        m.personal || m.speech || self.initialed(m)
    }

    /// A surname after initials: "P. Simmons", "J.R. Okafor" (scorecards and results print
    /// players so), the initials not a place's ("U.S.").
    pub(super) fn initialed(&self, m: &Mention<'_>) -> bool {
        let initials = &m.name[..m.name.len() - 1];
        m.name.len() > 1 && initials.iter().all(|t| super::names::is_initial(t.text))
    }
}

/// The word of a lone-word mention: its last word that is no initial ("Dale" in "A. Dale",
/// "Elizabeth" in "Elizabeth I").
pub(super) fn lone_word<'t>(m: &Mention<'t>) -> &'t Token<'t> {
    m.name.iter().rev().find(|t| !super::names::is_initial(t.text)).unwrap_or(&m.name[0])
}

impl PeopleExtractor {
    /// Whether a lone word could be a person's name at all in this body: two letters or more,
    /// no dot ("Calif.") and no one-letter part ("D-Wis"), never written in lowercase in the
    /// same body ("Officials said" when "officials" appears too), and not a word of an
    /// organisation named in it ("Chrysler" after "Chrysler Corp").
    pub(super) fn could_be_single(&self, m: &Mention<'_>, body: &str, org_words: &FastSet<&str>) -> bool {
        let token = lone_word(m);
        token.text.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
            && !token.text.contains('.')
            && token.text.split('-').all(|part| part.chars().nth(1).is_some())
            && !org_words.contains(token.folded)
            && !appears_lowercase(body, token.folded)
    }

    /// Words that are never a one-word person (places, months, nationalities…).
    pub(super) fn never_single(&self, folded: &str) -> bool {
        const NEVER: u32 = class::PLACE
            | class::NON_NAME
            | class::NATIONALITY
            | class::ORG_WORD
            | class::TITLE
            | class::ORG_NAME;
        self.word_is(folded, NEVER)
    }

    /// Whether `tokens[k]`, lowercase, ends a chain of lowercase titles that names a person's
    /// office or occupation ("vice president", "attorney general", "deputy health minister",
    /// "herder"), not only a qualifier ("former", "state").
    pub(super) fn describes_person(&self, tokens: &[Token<'_>], mut k: usize) -> bool {
        loop {
            let token = &tokens[k];
            if token.cap {
                return false;
            }
            if self.is_person_word(token) {
                return true;
            }
            if !self.is_title(token) || k == 0 || tokens[k - 1].punct_after.is_some() {
                return false;
            }
            k -= 1;
        }
    }

    /// The first token of the description that ends at `tokens[k]`: up to three lowercase
    /// words before it that are no function words ("senior vice president", "retired teacher").
    pub(super) fn description_start(&self, tokens: &[Token<'_>], mut k: usize) -> usize {
        let end = k;
        while k > 0
            && end - k < 3
            && tokens[k - 1].punct_after.is_none()
            && !tokens[k - 1].cap
            && !self.is(&tokens[k - 1], class::NON_NAME)
        {
            k -= 1;
        }
        k
    }

    /// A word for a person: a personal title ("premier", "minister", not "former", nor in
    /// lowercase one of `BUSINESS_TITLES`) or one of `PERSON_NOUNS` ("herder", "wife").
    pub(super) fn is_person_word(&self, token: &Token<'_>) -> bool {
        self.is(token, class::PERSON_NOUN)
            || (self.is_title(token)
                && !self.is(token, class::MODIFIER)
                && (token.cap || !BUSINESS_TITLES.contains(&token.folded)))
    }

    /// Whether the run ending before `tokens[next]` is followed by ", a/an/the …" whose head noun
    /// (its last word before a function word or punctuation) names an organisation or a place
    /// ("the energy company where", "a militant group once"), not a person ("the ministry
    /// spokesman", "a port employee who").
    pub(super) fn apposition_is_thing(&self, tokens: &[Token<'_>], next: usize) -> bool {
        if next == 0 || tokens[next - 1].punct_after != Some(',') {
            return false;
        }
        if !tokens.get(next).is_some_and(|t| matches!(t.folded, "a" | "an" | "the")) {
            return false;
        }
        let mut head = None;
        let mut after_head = None;
        for token in tokens.iter().skip(next + 1).take(8) {
            if APPOSITION_ENDS.contains(&token.folded) || self.is(token, class::SPEECH) {
                after_head = Some(token);
                break;
            }
            head = Some(token);
            if token.punct_after.is_some() || token.possessive {
                break;
            }
        }
        // "Robert Gibson, the company said", "started by Geoffrey de Havilland, the company has
        // turned out": a new clause, not an apposition.
        if after_head.is_some_and(|t| self.is(t, class::SPEECH) || APPOSITION_VERBS.contains(&t.folded)) {
            return false;
        }
        let thing = head.is_some_and(|h| {
            !h.cap
                && !h.possessive
                && self.is(h, class::ORG_WORD | class::PLACE_BEFORE)
                && !self.is_person_word(h)
                && !PREPOSITIONS.contains(&h.folded)
                && h.folded != "broker"
        });
        // "the ministry of transport official leading …": a person word later in the phrase.
        thing
            && !tokens
                .iter()
                .skip(next + 1)
                .take(8)
                .take_while(|t| !matches!(t.folded, "who" | "whose" | "which" | "where" | "that"))
                .scan(false, |ended, t| {
                    let seen = !*ended;
                    *ended = t.punct_after.is_some();
                    seen.then_some(t)
                })
                .any(|t| self.is(t, class::PERSON_NOUN) || (self.is_title(t) && !self.is(t, class::MODIFIER)))
    }

    /// Whether the run ending before `tokens[next]` is the subject of a clause whose later
    /// possessive or reflexive pronoun can only be it: "Dwayne Okafor-Reyes is still rebuilding
    /// his hardware store", "Elie Haddad-Saab searched the silos with a photograph of his
    /// brother" (a verb follows the run, "his"/"her"/"himself"/"herself" comes later in the
    /// sentence, and no capitalised word between could be the one it means). Companies take
    /// "its"; "he said" is an attribution to someone else, so only possessives count.
    pub(super) fn subject_of_pronoun(&self, tokens: &[Token<'_>], next: usize) -> bool {
        let Some(verb) = tokens.get(next) else { return false };
        if next == 0 || tokens[next - 1].punct_after.is_some() || tokens[next - 1].possessive || verb.cap {
            return false;
        }
        let verb_like = AUXILIARIES.contains(&verb.folded)
            || (verb.folded.len() > 4 && verb.folded.ends_with("ed") && !self.is(verb, class::NON_NAME));
        if !verb_like {
            return false;
        }
        for token in &tokens[next..tokens.len().min(next + 30)] {
            if matches!(token.folded, "his" | "her" | "himself" | "herself") {
                return true;
            }
            if token.cap && !token.sentence_start || token.sentence_end {
                return false;
            }
        }
        false
    }

    /// A speech verb or an appositive around `tokens[start..end]`: "Hale said", "said Hale",
    /// "Hale, 45,", "Hale, a spokesman", "according to Hale".
    pub(super) fn speech_near(&self, tokens: &[Token<'_>], start: usize, end: usize) -> bool {
        let last = &tokens[end - 1];
        if let Some(next) = tokens.get(end) {
            // "Hale said"; "the adviser, Moncef Slaoui, said" (set off by commas on both sides,
            // unlike "Ministry of Trade and Industry, said").
            let appositive = last.punct_after == Some(',')
                && start > 0
                && tokens[start - 1].punct_after == Some(',')
                && matches!(next.folded, "said" | "says" | "told" | "added");
            if (last.punct_after.is_none() || appositive) && self.is(next, class::SPEECH) {
                return true;
            }
            if last.punct_after == Some(',')
                && (matches!(next.folded, "a" | "an" | "the" | "who" | "whose")
                    || next.text.bytes().all(|b| b.is_ascii_digit())
                    || self.is(next, class::TITLE))
            {
                return true;
            }
        }
        if start > 0 {
            let prev = &tokens[start - 1];
            let plain = prev.punct_after.is_none();
            // Naming a person: "a designer named Polina", "identified only as Shirin" (not "a dog
            // named Sully", "a company named …").
            if plain && prev.folded == "named" && start > 1 {
                // A noun before "named" (not a verb's subject: "Avnet named Dillon, Read").
                let noun = &tokens[start - 2];
                return !noun.cap
                    && noun.punct_after.is_none()
                    && !self.is(noun, class::NON_NAME | class::PLACE_BEFORE | class::ORG_WORD);
            }
            if plain && prev.folded == "as" && start > 2 {
                let (a, b) = (tokens[start - 2].folded, tokens[start - 3].folded);
                if a == "identified" || (a == "only" && matches!(b, "identified" | "known")) {
                    return true;
                }
            }
            if matches!(prev.folded, "said" | "says" | "asked" | "told" | "to") && prev.punct_after.is_none()
            {
                return prev.folded != "to" || (start > 1 && tokens[start - 2].folded == "according");
            }
        }
        false
    }
}
