//! Unit tests of the people extractor, on original text.

use super::*;

fn extractor(aliases: PersonAliases) -> PeopleExtractor {
    PeopleExtractor::new(Arc::new(Lexicon::builtin()), aliases)
}

fn names(people: Vec<Person>) -> Vec<String> {
    people.into_iter().map(|p| p.name).collect()
}

fn people(body: &str) -> Vec<String> {
    names(extractor(PersonAliases::default()).extract(body))
}

#[test]
fn title_chain_initial_and_possessive_make_one_person() {
    let body = "Secretary of State Michael R. Pompeo flew to the border on Friday. \
                Pompeo said the aid would get through. Pompeo's aides agreed.";
    assert_eq!(people(body), ["Michael R. Pompeo"]);
}

#[test]
fn titles_before_names_are_dropped() {
    let body = "British Foreign Secretary Jeremy Hunt met Supreme Leader Ayatollah Ali Khamenei's envoy. \
                Kremlin spokesman Dmitry Peskov declined to comment, and Sen. Lindsey Graham, R-S.C., \
                said he was worried.";
    assert_eq!(people(body), ["Jeremy Hunt", "Ali Khamenei", "Dmitry Peskov", "Lindsey Graham"]);
}

#[test]
fn suffixes_are_kept_and_tell_father_from_son() {
    let body = "Special counsel Robert S. Mueller III wrote the report. Donald J. Trump praised it, \
                and Donald Trump Jr. said nothing. Mueller declined to testify.";
    assert_eq!(people(body), ["Robert S. Mueller III", "Donald J. Trump", "Donald Trump Jr."]);
}

#[test]
fn shared_surnames_stay_two_and_ambiguous_surname_is_not_guessed() {
    let body = "Senator Ron Johnson met Boris Johnson in London. Johnson said little.";
    assert_eq!(people(body), ["Ron Johnson", "Boris Johnson"]);
}

#[test]
fn places_and_organisations_that_look_like_names_are_not_people() {
    let body = "Analysts at Morgan Stanley and Goldman Sachs told the Los Angeles Times, distributed \
                by Tribune Content Agency, that Fort Worth and Silver Spring gained jobs. \
                Hurricane Maria hit in September. The Trump administration had no comment. \
                Visitors crowded the Lincoln Memorial and Johns Hopkins University.";
    assert_eq!(people(body), Vec::<String>::new());
}

#[test]
fn particles_and_multiword_names_stay_whole() {
    let body = "Bashar al-Assad met Mohammed bin Salman, Ursula von der Leyen and Kim Jong Un. \
                Assad later spoke with Xi Jinping.";
    assert_eq!(
        people(body),
        ["Bashar al-Assad", "Mohammed bin Salman", "Ursula von der Leyen", "Kim Jong Un", "Xi Jinping"]
    );
}

#[test]
fn bare_surname_needs_strong_evidence() {
    let body = "The talks stalled. Mr. Hale arrived late. President Erdogan was not there. \
                Washington said nothing, and May was a cold month. \"It is over,\" Quist said.";
    assert_eq!(people(body), ["Hale", "Erdogan", "Quist"]);
}

#[test]
fn wire_copy_companies_and_committees_are_not_people() {
    let body = "Chrysler Corp raised prices on Monday. Chrysler said demand was strong, U.S. \
                Officials said, and officials at the Ministry of International Trade and Industry, said \
                nothing. Newmont Gold said gold output rose. House Banking members met in the morning.";
    assert_eq!(people(body), Vec::<String>::new());
}

#[test]
fn appositive_names_count_and_mid_sentence_runs_need_evidence() {
    let body = "The program's chief adviser, Moncef Slaoui, said the gap would close. Talks with \
                Keystone Midland stalled while Xandrel Quist was away.";
    assert_eq!(people(body), ["Moncef Slaoui"]);
}

#[test]
fn accents_are_kept_and_aliases_apply() {
    let aliases = PersonAliases::from_toml("\"Michael R. Pompeo\" = [\"Mike Pompeo\"]").unwrap();
    assert_eq!(
        names(extractor(aliases).extract("Mike Pompeo met Nicolás Maduro's rival Juan Guaidó.")),
        ["Michael R. Pompeo", "Nicolás Maduro", "Juan Guaidó"]
    );
}

#[test]
fn credit_contact_and_photo_lines_are_not_mentions() {
    let body = "MPs watch as Nick Boles speaks. Photograph: Jessica Taylor/AFP/Getty Images\n\n\
                (Photo: Jane Doe / Getty Images)\n\n\
                Reporting by Elizabeth Piper and William James in London; Editing by Janet Lawrence\n\n\
                --With assistance from Dina Khrennikova.\n\n\
                To contact the reporters on this story: Helen Robertson in London at hr@example.com\n\n\
                Write to Tom Fairweather at tom@example.com\n\n\
                Contacts Investors: Dominic Ferreira, +1 212-555-0190 Media: Helena Brightwater\n\n\
                Contributing: Grace Hauck\n\n\
                *By Lin Qiaoyun*\n\n\
                --- *Lin Qiaoyun reports on China's economy from Beijing.*";
    assert_eq!(people(body), ["Nick Boles"]);
}

#[test]
fn front_matter_author_lists_are_credits() {
    let body = "authors:\n\n- Priscilla Odum\n\n- Benjamin Szabo\n\nFed Chair Jerome H. Powell spoke.";
    assert_eq!(people(body), ["Jerome H. Powell"]);
}

#[test]
fn transcript_speaker_labels_are_title_cased_names() {
    let body = "MARGARET OKAFOR, HOST:\n\n\
                Good evening. I'm Margaret Okafor, and Desmond Achterberg is here.\n\n\
                DESMOND ACHTERBERG, BYLINE: Hi, Margaret.\n\nOKAFOR: What changed?\n\n\
                ACHTERBERG: The testimony.\n\nUNIDENTIFIED PERSON: No comment.";
    assert_eq!(people(body), ["Margaret Okafor", "Desmond Achterberg"]);
}

#[test]
fn lowercase_descriptions_and_appositions_name_people() {
    let body = "Oksana, 34, said she voted no. \
                In Samburu County, herder Lekishon Lenaiyasa walked a field. Officials infected \
                include vice president Masoumeh Ebtekar. The New South Wales Premier, Gladys \
                Berejiklian, declared an emergency. Leopoldo López, his wife, Lilian Tintori, and \
                their daughter left. His neighbor, a designer named Polina, said she voted no. \
                \"We reuse masks,\" said a nurse who asked to be identified only as Shirin.";
    assert_eq!(
        people(body),
        [
            "Oksana",
            "Lekishon Lenaiyasa",
            "Masoumeh Ebtekar",
            "Gladys Berejiklian",
            "Leopoldo López",
            "Lilian Tintori",
            "Polina",
            "Shirin"
        ]
    );
}

#[test]
fn companies_and_places_described_as_such_are_not_people() {
    let body = "Sondland wanted an investigation of Burisma, the energy company where Hunter Biden \
                sat on the board. For exporters in the coastal province of Zhejiang, the escalation \
                hurt, and Hayat Tahrir al-Sham, a militant group, holds Idlib. Dale Burdett Inc faces \
                claims, Dale Burdett said. The notes were priced at par, said lead manager Goldman, \
                Sachs and Co. Avnet named Dillon, Read and Co as manager. Jerry Gottlieb, senior \
                vice president, Lorimar-Telepictures, will serve.";
    assert_eq!(people(body), ["Hunter Biden", "Jerry Gottlieb"]);
}

#[test]
fn headline_and_tag_words_do_not_join_names() {
    let body = "MPs rejected Theresa May's deal again.\n\n\
                Read more: China's Oil Demand Slump Is the Biggest Since the Crisis\n\n\
                The Christian Science Monitor July 2, 2020\n\n\
                Topics Brexit European Union House of Commons Theresa May";
    assert_eq!(people(body), ["Theresa May"]);
}

#[test]
fn possessives_own_things_and_employ_people() {
    let body = "MPs rejected Theresa May's Brexit deal. Sweden's Nordbanken banking group said it \
                would wait. James O'Neill of Marine Midland Bank spoke. \
                Marine Midland's O'Neill said the dollar fell. A choir from Prince George's County sang.";
    assert_eq!(people(body), ["Theresa May", "James O'Neill"]);
}

#[test]
fn a_possessive_pronoun_later_in_the_sentence_points_back_at_its_subject() {
    let body = "In the town of Paradise, Dwayne Okafor-Reyes is still rebuilding his hardware store. \
                Keystone Midland rejected the offer, the Walton Group said, and Gross National \
                Product was falling, he said. Norbert Quist-Varga searched the ruins with his brother.";
    assert_eq!(people(body), ["Dwayne Okafor-Reyes", "Norbert Quist-Varga"]);
}

#[test]
fn plural_of_a_surname_is_no_new_person() {
    let body = "Senator Ron Johnson met Boris Johnson. The two Johnsons, who are not related, joked.";
    assert_eq!(people(body), ["Ron Johnson", "Boris Johnson"]);
}

#[test]
fn person_key_folds_initials_accents_and_numerals() {
    let aliases =
        PersonAliases::from_toml(include_str!("../../../../index-schema/person-aliases.toml")).unwrap();
    assert_eq!(person_key("Robert S. Mueller III"), person_key("Robert Mueller"));
    assert_eq!(person_key("Juan Guaidó"), person_key("Juan Guaido"));
    assert_ne!(person_key("Donald Trump Jr."), person_key("Donald Trump"));
    assert_eq!(aliases.key("Mike Pompeo"), person_key("Michael R. Pompeo"));
    assert_eq!(aliases.person("Mike Pompeo"), aliases.person("Michael R. Pompeo"));
    // One word keeps its only word, whatever it looks like.
    let single: Vec<String> = ["Guaidó", "al-Assad", "III", "J.", "O'Brien", ""].map(person_key).into();
    assert_eq!(single, ["guaido", "al assad", "iii", "j", "obrien", ""]);
}

#[test]
fn results_tables_name_players_by_initial_and_country() {
    let body = "Close of play: Harbourside 212 (K. Okonjo 71, D. Ferreira-Blum 4-40), Millbrook 98-3.\n\
                Women's 100 metres: 1. Lena Marsh-Quayle (Sweden) 11.02 2. Ilse Vandermolen (Belgium) 11.10\n\
                Second round: Tomasz Wierzbowski (Poland) beat Anselm Okafor (Nigeria) 6-3 6-4.\n\
                Bank of Harbourside (Canada) reported a loss.";
    assert_eq!(
        people(body),
        [
            "K. Okonjo",
            "D. Ferreira-Blum",
            "Lena Marsh-Quayle",
            "Ilse Vandermolen",
            "Tomasz Wierzbowski",
            "Anselm Okafor"
        ]
    );
}

#[test]
fn a_dotless_initial_needs_a_table_of_them() {
    assert_eq!(people("Viewers of the X Files and Q Weekly stayed up late."), Vec::<String>::new());
    let table = "Relay squad: T Abernathy-Cole, R Quennell, S Ovadia, M Lindqvist-Hart.";
    assert_eq!(people(table), ["T Abernathy-Cole", "R Quennell", "S Ovadia", "M Lindqvist-Hart"]);
}

#[test]
fn a_given_name_of_the_census_lists_is_evidence() {
    // "Delroy" is in the public-domain baby-name counts, not in the hand-written lists.
    assert_eq!(people("The hearing ended when Delroy Haverkamp walked out."), ["Delroy Haverkamp"]);
}

#[test]
fn a_name_with_evidence_lends_it_to_the_other_names_of_its_list() {
    let body = "First-half goals from Michael Okonjo, Xandrel Pitcairn and Obuya Tsvangi sealed it.";
    assert_eq!(people(body), ["Michael Okonjo", "Xandrel Pitcairn", "Obuya Tsvangi"]);
    // No name of the list has evidence: nobody is guessed.
    assert_eq!(people("Shares of Xandrel Pitcairn and Obuya Tsvangi rose."), Vec::<String>::new());
}

#[test]
fn lone_words_in_a_list_of_known_people_are_people() {
    let body = "Manager Ann Okafor recalled Bo Brandt on Friday.\n\n\
                The team: Marwood, Okafor, Tillich, Brandt, Quennell.";
    assert_eq!(people(body), ["Ann Okafor", "Bo Brandt", "Marwood", "Tillich", "Quennell"]);
}

#[test]
fn squad_lists_and_results_with_notes_in_parentheses_name_players() {
    let squad = "Squad: Defenders - Zorvan Umarov (Harbourside), Qelmo Danaher (Millbrook), Ixtan \
                 Velikova (Eastfield).";
    assert_eq!(people(squad), ["Zorvan Umarov", "Qelmo Danaher", "Ixtan Velikova"]);
    let result = "Second round: Ixtan Velikova (Czech Republic) beat Qelmo Danaher (South Africa) 6-2 6-1.";
    assert_eq!(people(result), ["Ixtan Velikova", "Qelmo Danaher"]);
    let scorers = "Scorers: Zorvan Aliyev (31st), Qelmo Tillich (75th).";
    assert_eq!(people(scorers), ["Zorvan Aliyev", "Qelmo Tillich"]);
    // Two notes that are no places make no table.
    assert_eq!(
        people("Xandrel Pitcairn (Harbourside) and Obuya Tsvangi (Millbrook) merged."),
        Vec::<String>::new()
    );
}

#[test]
fn nationality_nouns_and_positions_are_cut_from_the_name() {
    let body = "Swede Ingvar Stenholm said he was tired. Fly-half Charlie Hodgkiss kicked three goals.";
    assert_eq!(people(body), ["Ingvar Stenholm", "Charlie Hodgkiss"]);
}

#[test]
fn clubs_leagues_and_an_organisation_word_first_are_not_people() {
    let body = "Leyton Rovers drew with Delroy Athletic, and Major League Baseball said the game \
                would be replayed.";
    assert_eq!(people(body), Vec::<String>::new());
}

#[test]
fn names_joined_by_an_ampersand_are_a_firm() {
    let body = "According to Standard & Poor's, the outlook improved, Quist & Okafor said.";
    assert_eq!(people(body), Vec::<String>::new());
}

#[test]
fn scorecard_rows_name_batsmen_fielders_and_bowlers() {
    let body = "Ruvani Okoye c Tamsin Hale b Delroy Marsh 44\n\nPeregrine Vance lbw b Marsh 12\n\n\
                Idris Kell not out 7\n\nBowling: Marsh 10-2-31-2, Quill 8.4-1-40-0";
    assert_eq!(
        people(body),
        ["Ruvani Okoye", "Tamsin Hale", "Delroy Marsh", "Peregrine Vance", "Idris Kell", "Quill"]
    );
}

#[test]
fn goal_scorers_before_the_minute_are_people() {
    let body = "Thornbury 2 (Okwu 12th, Castellane 77th) Millbrook 1 (Ravensdale 50th minute).";
    assert_eq!(people(body), ["Okwu", "Castellane", "Ravensdale"]);
    // An ordinal after a capitalised word in prose is no minute.
    assert_eq!(people("The Thornbury 2nd battalion marched."), Vec::<String>::new());
}

#[test]
fn a_place_owning_a_given_name_owns_a_person() {
    let body = "Germany's Wouter Albers beat Ecuador's Nicolas Lapierre in four sets. \
                Sweden's Nordvik bank lent the money.";
    assert_eq!(people(body), ["Wouter Albers", "Nicolas Lapierre"]);
}

#[test]
fn a_league_table_row_names_a_team_not_a_person() {
    let body = "Blue Harbour (Serbia) beat Dinamo Varna (Russia) 92-90.\n\n\
                Standings: Blue Harbour 2 2 0 0 3 1 6\n\nDinamo Varna 2 0 0 2 1 3 0";
    assert_eq!(people(body), Vec::<String>::new());
    // A player's averages end in a decimal: still a person.
    assert_eq!(people("Averages: Dominic Vell 4 6 1 212 88 42.40"), ["Dominic Vell"]);
}

#[test]
fn a_bare_surname_beside_an_initialed_name_is_no_one_new() {
    let body = "T. Okoye c and b Vellacott 50\n\nS. Okoye not out 12\n\nR. Vellacott c Okoye b Dunmore 44";
    assert_eq!(people(body), ["T. Okoye", "S. Okoye", "R. Vellacott", "Dunmore"]);
}

#[test]
fn a_place_owning_an_institution_named_for_a_person_is_no_person() {
    let body = "Doctors at Varna's Victor Dorov hospital said the outbreak was over.";
    assert_eq!(people(body), Vec::<String>::new());
}

#[test]
fn a_place_owning_a_gallery_named_like_a_person_is_no_person() {
    let body = "The show opens at Tarvin's Grace Holloway art gallery in May.";
    assert_eq!(people(body), Vec::<String>::new());
}
