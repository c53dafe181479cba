//! Mentions: runs of capitalised tokens (with initials, particles and suffixes) cut into name
//! candidates. Titles and nationalities come off the front and are remembered as evidence;
//! days, months and dates come off the end; the context decides whether the run could be a
//! person at all (a known place or organisation, "the province of …", ", the energy company",
//! a quoted title of a work) and whether the words around it describe a person.

use super::names::{has_hyphen_particle, is_initial, strip_particle};
use super::tokens::{folded_key, is_contraction, is_plural_acronym, Token};
use super::words::{HYPHEN_PARTICLES, PARTICLES, PHOTO_AGENCIES, PLACE_OF, RUN_BREAKERS, SUFFIXES};
use super::PeopleExtractor;
use crate::article::lexicon::class;

/// How a token can take part in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Word,
    Initial,
    Particle,
    Suffix,
    No,
}

/// A name candidate after titles are stripped: a slice of the body's tokens and its evidence.
#[derive(Debug, Clone)]
pub(super) struct Mention<'t> {
    /// The name's tokens.
    pub(super) name: &'t [Token<'t>],
    pub(super) sentence_start: bool,
    /// A title or honorific stood before it.
    pub(super) titled: bool,
    /// One of those titles names a person's office or rank, not only a qualifier or institution.
    pub(super) personal: bool,
    /// A speech verb or an appositive next to it.
    pub(super) speech: bool,
    /// The run could not be a person here (place/organisation context).
    pub(super) org_context: bool,
    /// The index of the name's first token in the body's tokens.
    pub(super) start: usize,
    /// The list ("A, B and C", "A (Everton), B (Sion)") the mention is an item of, numbered
    /// from 1; 0 when it stands alone.
    pub(super) list: u32,
}

impl<'t> Mention<'t> {
    /// Name tokens as printed.
    pub(super) fn words(&self) -> impl Iterator<Item = &'t str> + Clone {
        self.name.iter().map(|t| t.text)
    }
    /// Folded tokens.
    pub(super) fn folded(&self) -> impl Iterator<Item = &'t str> + Clone {
        self.name.iter().map(|t| t.folded)
    }
    pub(super) fn first_folded(&self) -> &'t str {
        self.name[0].folded
    }
    /// Same folded words as `other`.
    pub(super) fn same_words(&self, other: &Mention<'_>) -> bool {
        self.folded().eq(other.folded())
    }
    /// A hash of the folded words (to remember organisation spans without copying them).
    pub(super) fn folded_key(&self) -> u64 {
        folded_key(self.name)
    }
    pub(super) fn has_suffix(&self, of: &[&str]) -> bool {
        self.name.last().is_some_and(|t| of.contains(&t.folded))
    }
    pub(super) fn is_junior(&self) -> bool {
        self.has_suffix(&["jr.", "jr", "sr.", "sr"])
    }
    /// The name without initials, particles and suffixes, folded (for matching).
    pub(super) fn core(&self) -> impl Iterator<Item = &'t str> + Clone {
        self.name
            .iter()
            .filter(|t| {
                !is_initial(t.text) && !SUFFIXES.contains(&t.folded) && !PARTICLES.contains(&t.folded)
            })
            .map(|t| strip_particle(t.folded))
    }
    pub(super) fn surname(&self) -> &'t str {
        self.core().last().unwrap_or("")
    }
    /// The initials of the name, in order.
    pub(super) fn initials(&self) -> impl Iterator<Item = &'t str> {
        self.words().filter(|w| is_initial(w))
    }
}

impl PeopleExtractor {
    /// How a token can take part in a name.
    pub(super) fn part(&self, token: &Token<'_>, prev_is_name: bool, next: Option<&Token<'_>>) -> Part {
        let text = token.text;
        // Multi-byte UTF-8 never contains ASCII digit bytes, so a byte scan suffices.
        let has_digit = || text.bytes().any(|b| b.is_ascii_digit());
        if !token.cap {
            // Most body words: lowercase, so only a suffix ("jr."), an attached particle
            // ("al-Assad") or a particle inside a name ("bin", "von der") can be a name part.
            if prev_is_name && token.folded.len() > 2 && self.is(token, class::SUFFIX) {
                return Part::Suffix;
            }
            if has_hyphen_particle(token.folded)
                && HYPHEN_PARTICLES.iter().any(|p| {
                    token.folded.starts_with(p)
                        && text.get(p.len()..).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase)
                })
            {
                return if has_digit() { Part::No } else { Part::Word };
            }
            if prev_is_name
                && self.is(token, class::PARTICLE)
                && token.punct_after.is_none()
                && next.is_some_and(|n| n.cap || self.is(n, class::PARTICLE) || has_hyphen_particle(n.folded))
            {
                return Part::Particle;
            }
            return Part::No;
        }
        if has_digit() || is_contraction(token.folded) || is_plural_acronym(text) {
            return Part::No;
        }
        if prev_is_name && self.is(token, class::SUFFIX) {
            return Part::Suffix;
        }
        if is_initial(text) {
            return if matches!(token.folded, "u.s." | "u.n." | "u.k." | "e.u." | "d.c.") {
                Part::No
            } else {
                Part::Initial
            };
        }
        // ALL-CAPS words (headlines, datelines, acronyms) are not names.
        let mut letters = 0usize;
        let mut all_upper = true;
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            all_upper &= c.is_uppercase();
            if !all_upper {
                break;
            }
        }
        if letters > 1 && all_upper {
            return Part::No;
        }
        Part::Word
    }

    /// Every name candidate of the body, in order.
    pub(super) fn mentions<'t>(&self, tokens: &'t [Token<'t>]) -> Vec<Mention<'t>> {
        let mut mentions = Vec::new();
        let mut scratch = String::new();
        // A results table or a squad list: three names or more with a note in parentheses
        // ("Ann Okafor (Everton)", "Bo Lindqvist (Czech Republic)").
        let noted = (1..tokens.len())
            .filter(|&k| {
                let t = &tokens[k];
                t.cap
                    && t.punct_after == Some('(')
                    && tokens[k - 1].cap
                    && tokens[k - 1].punct_after.is_none()
                    && tokens.get(k + 1).is_some_and(|n| n.cap)
            })
            .count();
        let table = noted >= 3;
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            // Only a capitalised word or an attached particle ("al-Assad") starts a name.
            if !token.cap && !has_hyphen_particle(token.folded) {
                i += 1;
                continue;
            }
            let part = self.part(token, false, tokens.get(i + 1));
            if part != Part::Word && !(token.cap && part == Part::Initial) {
                i += 1;
                continue;
            }
            let start = i;
            let Run { mut end, institution, possessed } = self.extend_run(tokens, start);
            // A particle may not end a run.
            while end > start + 1 && self.part(&tokens[end - 1], true, None) == Part::Particle {
                end -= 1;
            }
            // Possessive inside the run ends it unless it is an institution.
            if !institution {
                if let Some(p) = (start..end - 1).find(|&k| tokens[k].possessive) {
                    end = p + 1;
                }
            }
            let mut owned = end;
            if possessed {
                // The owned thing's capitalised words: "Brexit" in "May's Brexit deal".
                while owned < tokens.len() && tokens[owned].cap && tokens[owned - 1].punct_after.is_none() {
                    owned += 1;
                }
            }
            if !institution {
                if let Some(mut m) = self.mention(tokens, start, end, table, &mut scratch) {
                    // "Marine Midland's O'Neill said", "said Touche Ross's Collander": the one
                    // who speaks is the owned name; the owner is the employer.
                    if possessed
                        && (self.speech_near(tokens, end, owned)
                            || (start > 0 && matches!(tokens[start - 1].folded, "said" | "says")))
                    {
                        m.org_context = true;
                    }
                    mentions.push(m);
                }
            }
            i = owned;
        }
        self.link_lists(tokens, &mut mentions);
        mentions
    }

    /// Numbers the lists of names: mentions that follow each other with only a comma, a
    /// semicolon, "and" or a parenthesised note between them ("goals from Ann Lee, Bo
    /// Park and Cy Diaz", "Marc Okafor (Everton), Yvo Brandt (Sion)"), on one line.
    fn link_lists(&self, tokens: &[Token<'_>], mentions: &mut [Mention<'_>]) {
        let mut next_list = 0u32;
        for k in 1..mentions.len() {
            let (a, b) = (&mentions[k - 1], &mentions[k]);
            let end = a.start + a.name.len();
            if b.start < end || !self.list_gap(tokens, end, b.start) {
                continue;
            }
            let list = if a.list == 0 {
                next_list += 1;
                next_list
            } else {
                a.list
            };
            mentions[k - 1].list = list;
            mentions[k].list = list;
        }
    }

    /// Whether `tokens[from..to]` (between the end of one name and the start of the next)
    /// separates two items of a list: nothing but the punctuation after the first name (a
    /// comma, a semicolon), "and", or one parenthesised note of up to four words ("&" joins
    /// the names of one firm: "Standard & Poor's").
    fn list_gap(&self, tokens: &[Token<'_>], from: usize, to: usize) -> bool {
        let last = &tokens[from - 1];
        if last.paragraph_end || last.sentence_end && last.punct_after != Some(';') {
            return false;
        }
        let mut k = from;
        let mut after = last.punct_after;
        if after == Some('(') {
            // "(Everton)", "(Czech Republic)": skip the note to its closing parenthesis.
            let close = (k..to.min(k + 4)).find(|&j| tokens[j].punct_after == Some(')'));
            let Some(close) = close else { return false };
            if tokens[close].paragraph_end {
                return false;
            }
            k = close + 1;
            // The note's own punctuation comes first: read what stands before the next name.
            after = match tokens.get(k) {
                Some(t) if k == to => t.punct_before.filter(|&c| c != ')'),
                _ => None,
            };
            if tokens[close].sentence_end {
                return false;
            }
        }
        match to - k {
            0 => matches!(after, Some(',' | ';')),
            1 => after.is_none() && tokens[k].folded == "and",
            _ => false,
        }
    }

    /// Extends the run that starts at `tokens[start]` while tokens are name parts and no
    /// punctuation intervenes.
    fn extend_run(&self, tokens: &[Token<'_>], start: usize) -> Run {
        let mut run = Run { end: start + 1, institution: false, possessed: false };
        while run.end < tokens.len() {
            let end = run.end;
            let prev = &tokens[end - 1];
            if prev.punct_after.is_some_and(|c| c != '.' || prev.sentence_end) || prev.paragraph_end {
                break;
            }
            if prev.possessive {
                let next = &tokens[end];
                if !next.cap || self.is(next, class::TITLE) {
                    break;
                }
                // A place owns a person: "Germany's Wouter Albers", "Ecuador's Nicolas
                // Lapierre" (a given name after the place); the place ends the run.
                // Not when a word for an institution follows the name, or the word after
                // that ("Varna's Victor Dorov hospital", "Tarvin's Grace Holloway art
                // gallery").
                let institution_after = || {
                    let Some(p) = (end..tokens.len().min(end + 5)).find(|&k| !tokens[k].cap) else {
                        return false;
                    };
                    let org = |k: usize| tokens.get(k).is_some_and(|t| !t.cap && self.is(t, class::ORG_WORD));
                    tokens[p - 1].punct_after.is_none()
                        && (org(p) || (tokens[p].punct_after.is_none() && org(p + 1)))
                };
                if self.is(prev, class::PLACE)
                    && self.is(next, class::GIVEN)
                    && !self.is(next, class::PLACE | class::ORG_NAME)
                    && !institution_after()
                {
                    break;
                }
                // "Prince George's County", "St. Martin's Episcopal Church": an institution
                // when the capitalised words after the possessive end in one.
                let names_institution = tokens[end..]
                    .iter()
                    .take(4)
                    .scan(true, |go, t| {
                        let seen = *go && t.cap;
                        *go = t.punct_after.is_none() && !t.possessive;
                        seen.then_some(t)
                    })
                    .any(|t| self.is(t, class::ORG_WORD));
                // "Theresa May's Brexit deal": a name (given name, title or initial) owns
                // a thing; the run ends at the possessive and the thing is skipped.
                // Otherwise ("Sweden's Nordbanken", "Reader's Digest", "Touche Ross's
                // Collander") the whole run is dropped like an institution.
                if !names_institution
                    && tokens[start..end]
                        .iter()
                        .any(|t| self.is(t, class::GIVEN | class::TITLE) || is_initial(t.text))
                {
                    run.possessed = true;
                    break;
                }
                run.institution = true;
            }
            let part = self.part(&tokens[end], true, tokens.get(end + 1));
            if part == Part::No || RUN_BREAKERS.contains(&tokens[end].folded) {
                break;
            }
            run.end += 1;
        }
        run
    }

    /// Turns the run `tokens[start..end]` into a mention, or None if it is no name at all.
    /// `scratch` is a reused buffer for folded multiword lookups.
    fn mention<'t>(
        &self,
        tokens: &'t [Token<'t>],
        start: usize,
        end: usize,
        table: bool,
        scratch: &mut String,
    ) -> Option<Mention<'t>> {
        let run = &tokens[start..end];
        if self.is_known_name(run, scratch) {
            // Remembered as an organisation or place, so that its words are not people on
            // their own either ("Goldman said" after "Goldman Sachs").
            return Some(Mention {
                name: run,
                sentence_start: run[0].sentence_start,
                titled: false,
                personal: false,
                speech: false,
                org_context: true,
                start,
                list: 0,
            });
        }
        let mut cut = self.cut(tokens, start, end)?;
        let (s, e) = (cut.s, cut.e);
        let name = &run[s..e];
        if !cut.titled && self.described(tokens, start, &cut, table, scratch) {
            cut.titled = true;
            cut.personal = true;
        }
        let org_context = self.org_context(tokens, start, &cut, scratch)?;
        let speech = self.speech_near(tokens, start + s, start + e)
            || (name.len() > 1 && e == run.len() && self.subject_of_pronoun(tokens, start + e));
        Some(Mention {
            name,
            sentence_start: name[0].sentence_start || (s > 0 && run[0].sentence_start && !cut.titled),
            titled: cut.titled,
            personal: cut.personal,
            speech,
            org_context,
            start: start + s,
            list: 0,
        })
    }

    /// Cuts titles, honorifics, nationalities and sentence-opening function words off the
    /// front of the run `tokens[start..end]`, and days, months and a date off its end. None
    /// when nothing is left.
    fn cut(&self, tokens: &[Token<'_>], start: usize, end: usize) -> Option<Cut> {
        let run = &tokens[start..end];
        let mut s = 0;
        let mut titled = false;
        let mut personal = false;
        // "Secretary of State": a title chain may continue across "of" before the run.
        if start >= 2 && tokens[start - 1].folded == "of" && self.is(&tokens[start - 2], class::TITLE) {
            titled = self.is(&run[0], class::TITLE);
            personal = titled && !self.is(&tokens[start - 2], class::MODIFIER);
        }
        while s < run.len() {
            if self.is_title(&run[s]) {
                titled = true;
                personal |= !self.is(&run[s], class::MODIFIER);
            } else if self.is(&run[s], class::NATIONALITY | class::NON_NAME) {
                titled = false;
                personal = false;
            } else {
                break;
            }
            s += 1;
        }
        // Trailing days and months ("Johnson Monday") are not part of the name.
        let mut e = run.len();
        while e > s && self.is(&run[e - 1], class::TRAILING) {
            e -= 1;
        }
        // A month ending a run before a number makes it a date: "The Christian Science
        // Monitor July 2, 2020".
        let dated = e == run.len()
            && e > s + 1
            && crate::calendar::month_from_name(run[e - 1].folded).is_some()
            && run[e - 1].punct_after.is_none()
            && tokens.get(start + e).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
        if dated {
            e -= 1;
        }
        // The run's own end, a date after it aside.
        let run_end = if dated { e + 1 } else { e };
        while s < e && run[s].folded.contains("year-old") {
            s += 1;
        }
        // A title inside the run ("Tarrant County Judge Glen Whitley"): the name follows it.
        if let Some(k) = (s..e).rev().find(|&k| run[k].cap && self.is(&run[k], class::TITLE)) {
            if e - (k + 1) >= 2 && !self.is(&run[s], class::GIVEN) || k == s {
                s = k + 1;
                titled = true;
                personal |= !self.is(&run[k], class::MODIFIER);
            }
        }
        (s < e).then_some(Cut { s, e, len: run.len(), run_end, titled, personal })
    }

    /// Whether the words around an untitled name describe a person: a lowercase title or word
    /// for a person right before the run ("vice president Masoumeh Ebtekar", "herder Lekishon
    /// Lenaiyasa"), one set off by commas before a name set off by commas ("The New South Wales
    /// Premier, Gladys Berejiklian, declared"), or an age set off by commas after it ("Polina,
    /// 34, said").
    fn described(
        &self,
        tokens: &[Token<'_>],
        start: usize,
        cut: &Cut,
        table: bool,
        scratch: &mut String,
    ) -> bool {
        let (s, e) = (cut.s, cut.e);
        let last = &tokens[start + e - 1];
        if s == 0 && start > 0 {
            let prev = &tokens[start - 1];
            let described =
                prev.punct_after.is_none() && !prev.cap && self.describes_person(tokens, start - 1);
            // Not when the title is itself set off after a name: "Jerry Gottlieb, senior vice
            // president, Lorimar-Telepictures, will serve".
            let apposed = prev.punct_after == Some(',')
                && self.is_person_word(prev)
                && (last.punct_after.is_some_and(|c| matches!(c, ',' | ';' | ')')) || last.sentence_end)
                && self
                    .description_start(tokens, start - 1)
                    .checked_sub(1)
                    .is_none_or(|k| tokens[k].punct_after != Some(','));
            if described || apposed {
                return true;
            }
        }
        // A results line: "Steffi Okafor (Germany) beat …", "1. Lena Marsh (Czech Republic)
        // 12.60"; in a table or squad list of such names, any note: "Yvo Brandt (Sion)".
        if e == cut.len && e - s >= 2 && last.punct_after == Some('(') {
            if let Some(place) = self.paren_note(tokens, start + e, scratch) {
                if place || table {
                    return true;
                }
            }
            // A scorer and the minute: "Scorers: Ann Okafor (31st), Bo Brandt (75th pen)".
            if tokens.get(start + e).is_some_and(|t| is_ordinal(t.folded)) {
                return true;
            }
        }
        if s == 0 && e == cut.len && scorecard(tokens, start, start + e) {
            return true;
        }
        if e == cut.len && last.punct_after == Some(',') {
            if let Some(age) = tokens.get(start + e) {
                let years = age.text.parse::<u8>().is_ok_and(|years| (1..120).contains(&years));
                // Not "Antofagasta, 1,000 km" or "Trave Ore, 106,490 dwt".
                let thousands = tokens
                    .get(start + e + 1)
                    .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
                return years && !thousands && age.punct_after == Some(',');
            }
        }
        false
    }

    /// The capitalised note in parentheses that starts at `tokens[k]` (up to four words, the
    /// last closing it): Some(whether it names a place or a nationality), None when there is
    /// no such note.
    fn paren_note(&self, tokens: &[Token<'_>], k: usize, scratch: &mut String) -> Option<bool> {
        let close = (k..tokens.len().min(k + 4)).find(|&j| tokens[j].punct_after.is_some())?;
        if tokens[close].punct_after != Some(')') || !tokens[k..=close].iter().all(|t| t.cap) {
            return None;
        }
        let note = &tokens[k..=close];
        let place = matches!(note, [t] if matches!(t.folded, "u.s." | "u.k." | "u.a.e."))
            || self.is_known_name(note, scratch)
            || note.iter().all(|t| self.is(t, class::PLACE | class::NATIONALITY));
        Some(place)
    }

    /// Whether the context says the cut name is a place, organisation or work rather than a
    /// person; None when the run is no name at all ("the Trump administration", a photo credit).
    fn org_context(
        &self,
        tokens: &[Token<'_>],
        start: usize,
        cut: &Cut,
        scratch: &mut String,
    ) -> Option<bool> {
        let (s, e, titled) = (cut.s, cut.e, cut.titled);
        let name = &tokens[start + s..start + e];
        let first = &name[0];
        let last = &name[name.len() - 1];
        let whole = e == cut.len;
        if let Some(after) = tokens.get(start + e) {
            // "the Trump administration", "Keller Group"-style continuations.
            if whole && last.punct_after.is_none() && !last.possessive && self.is(after, class::ORG_AFTER) {
                return None;
            }
            // A photo credit: "Jessica Taylor/AFP/Getty Images", "Jane Doe / Getty Images".
            if whole && last.punct_after == Some('/') && PHOTO_AGENCIES.contains(&after.folded) {
                return None;
            }
        }
        let given = self.is(first, class::GIVEN);
        let trimmed = s > 0 || !whole;
        let mut org = trimmed && self.is_known_name(name, scratch)
            || self.is(last, class::ORG_WORD) && name.len() > 1 && cut.run_end == cut.len
            || (!titled && self.is(first, class::PREFIX))
            // "(Major) League Baseball", "Union Carbide": an organisation word first.
            || (name.len() > 1 && !given && self.is(first, class::ORG_WORD))
            // A firm's partners: "Standard & Poor's", "Marks & Spencer".
            || last.punct_after == Some('&')
            || first.punct_before == Some('&')
            || (name.len() > 1 && !given && (self.is(last, class::PLACE) || self.is(first, class::PLACE)))
            || (name.len() == 1 && self.is(first, class::NATIONALITY | class::ORG_WORD));
        if s == 0 && start > 0 {
            let b = &tokens[start - 1];
            org |= !titled
                && !given
                && !last.possessive
                && b.punct_after.is_none()
                && self.is(b, class::PLACE_BEFORE);
        }
        // A row of a league table: the team, then played, won, drawn, lost, goals and points
        // ("Blue Harbour 2 2 0 0 3 1 6"); a player's averages end in a decimal ("6 1 212 42.40").
        org |= whole && last.punct_after.is_none() && standings_row(tokens, start + e);
        // "the coastal province of Zhejiang", "the city of Qom".
        org |= !titled
            && start >= 2
            && tokens[start - 1].folded == "of"
            && !tokens[start - 2].cap
            && PLACE_OF.contains(&tokens[start - 2].folded);
        // An appositive that says what the run is: "Burisma, the energy company", "Golos, an
        // independent election monitoring group", "Bodalla, a town in New South Wales".
        org |= !titled && whole && self.apposition_is_thing(tokens, start + e);
        // A quoted title of a work: "Norma Rae".
        org |= first.punct_before.is_some_and(|c| matches!(c, '"' | '\u{201c}'))
            && last.punct_after.is_some_and(|c| matches!(c, '"' | '\u{201d}'))
            && !titled;
        Some(org)
    }
}

/// How far a run of name parts goes, and what a possessive inside it made of it.
struct Run {
    end: usize,
    /// A possessive run that names an institution ("Prince George's County").
    institution: bool,
    /// A name that owns the capitalised thing after it ("Theresa May's Brexit deal").
    possessed: bool,
}

/// Where the name sits inside its run once titles, dates and trailing words are cut.
pub(super) struct Cut {
    /// The name is `run[s..e]`.
    s: usize,
    e: usize,
    /// The run's length, and its end with a date after it aside.
    len: usize,
    run_end: usize,
    titled: bool,
    personal: bool,
}

/// Whether the name `tokens[start..end]` stands in a scorecard row the way only players do:
/// a cricket batsman before his dismissal, the fielder after "c" and the bowler after "b"
/// ("Ruvani Okoye c Tamsin Hale b Delroy Marsh 44", "Peregrine Vance lbw b Marsh 12", "Idris
/// Kell not out 7"), a bowler before his figures ("Quill 8-1-40-0,"), or a goal's scorer before
/// the minute in a match summary ("Thornbury 2 (Okwu 12th, Castellane 77th)").
fn scorecard(tokens: &[Token<'_>], start: usize, end: usize) -> bool {
    let plain_lower =
        |t: &Token<'_>, words: &[&str]| !t.cap && t.punct_after.is_none() && words.contains(&t.text);
    if start > 0 && plain_lower(&tokens[start - 1], &["c", "b", "st"]) {
        return true;
    }
    let (first, last) = (&tokens[start], &tokens[end - 1]);
    let Some(after) = tokens.get(end).filter(|_| last.punct_after.is_none()) else { return false };
    let number = |k: usize| tokens.get(k).is_some_and(|t| t.text.bytes().all(|b| b.is_ascii_digit()));
    if matches!(after.text, "c" | "b" | "lbw" | "st") {
        return after.punct_after.is_none();
    }
    if matches!(after.text, "not" | "run") {
        return tokens.get(end + 1).is_some_and(|t| t.text == "out") && number(end + 2);
    }
    if is_figures(after.text) {
        return true;
    }
    is_ordinal(after.folded)
        && first.punct_before.is_some_and(|c| matches!(c, '(' | ','))
        && (after.punct_after.is_some_and(|c| matches!(c, ',' | ')'))
            || tokens.get(end + 1).is_some_and(|t| matches!(t.folded, "minute" | "min" | "pen")))
}

/// Whether six bare numbers or more start at `tokens[k]`, on one line, with no other number
/// after them: the figures of a league table's row.
fn standings_row(tokens: &[Token<'_>], k: usize) -> bool {
    let mut numbers = 0;
    for t in tokens.get(k..).unwrap_or_default() {
        if !t.text.bytes().all(|b| b.is_ascii_digit()) {
            // "42.40": an average, so a player's row.
            return numbers >= 6 && !t.text.starts_with(|c: char| c.is_ascii_digit());
        }
        numbers += 1;
        if t.punct_after.is_some() || t.paragraph_end {
            break;
        }
    }
    numbers >= 6
}

/// Bowling figures: overs, maidens, runs and wickets joined by hyphens ("9-2-35-0",
/// "8.4-1-40-0").
fn is_figures(text: &str) -> bool {
    let mut parts = 0;
    for part in text.split('-') {
        parts += 1;
        let digits = part.bytes().filter(u8::is_ascii_digit).count();
        let dots = part.bytes().filter(|&b| b == b'.').count();
        if digits == 0 || digits + dots != part.len() || dots > 1 {
            return false;
        }
    }
    parts == 4
}

/// "31st", "2nd", "83rd", "90th": a minute or a place in a results line.
fn is_ordinal(folded: &str) -> bool {
    let digits = folded.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 3 && matches!(&folded[digits..], "st" | "nd" | "rd" | "th")
}
