"""Actor rules that mutation testing found unchecked (issue 16). Written about what the coding guide
asks of any actor resolver, not the shape of today's rules: a slot holds an actor or stays empty,
the country comes from the phrase, the sentence's place, the article or a dictionary, and the
sector from roles."""
from datetime import date

import pytest
from spacy.tokens import Doc

from newsevents.resolve.actors import ActorResolver


def _span(doc, word):
    tok = next(t for t in doc if t.text == word)
    return doc[tok.left_edge.i:tok.i + 1]


def test_a_domestic_role_takes_the_country_of_the_capital_the_article_is_set_in():
    # the capital stands for its country when the article's place is weighed
    resolver = ActorResolver("Thousands marched in Nairobi on Monday. Police fired tear gas.")
    police = resolver.resolve_text("police")
    assert (police.country, police.sector) == ("KEN", "COP"), police


@pytest.mark.parametrize("text, country", [
    ("Security forces in South Sudan fired on the crowd.", "SSD"),     # a country of two words
    ("Security forces in Burkina Faso fired on the crowd.", "BFA"),
])
def test_a_domestic_group_takes_the_country_its_sentence_places_it_in(nlp, text, country):
    actor = ActorResolver().resolve(_span(nlp(text), "forces"))
    assert (actor.country, actor.sector) == (country, "COP"), actor


@pytest.mark.parametrize("published", ["2015-03-02", date(2015, 3, 2)])
def test_a_dictionary_role_is_read_on_the_publication_date_given_as_text_or_date(published):
    actor = ActorResolver("", published=published).resolve_text("Angela Merkel")
    assert (actor.country, actor.sector) == ("DEU", "GOV"), actor


def test_a_later_mention_of_a_person_adds_what_the_first_lacked():
    text = "President Smithfield spoke on Monday. Kenya's President Smithfield left on Tuesday."
    actor = ActorResolver(text).resolve_text("Smithfield")
    assert (actor.name, actor.country, actor.sector) == ("Smithfield", "KEN", "GOV"), actor


def test_a_lone_pronoun_names_the_one_person_resolved_before_it():
    resolver = ActorResolver("Kazakhstan's President Kassym-Jomart Tokayev spoke on Friday.")
    nobody = resolver.resolve_text("he")
    assert (nobody.name, nobody.country, nobody.rule) == (None, None, "pronoun:no antecedent")
    resolver.resolve_text("President Tokayev")
    he = resolver.resolve_text("he")
    assert (he.name, he.country, he.sector) == ("Kassym-Jomart Tokayev", "KAZ", "GOV"), he


@pytest.mark.parametrize("phrase", ["the Russian-led alliance", "Russian-led alliances", "Saudi-led coalitions"])
def test_a_grouping_of_states_a_state_leads_is_international_singular_or_plural(phrase):
    actor = ActorResolver().resolve_text(phrase)
    assert (actor.country, actor.sector) == (None, "IGO"), actor


@pytest.mark.parametrize("phrase", ["outside Nairobi", "near Nairobi", "in Nairobi"])
def test_a_place_named_as_where_is_its_country_not_its_government(phrase):
    # a capital alone is its government ("Nairobi said"); after a place word it is only where
    actor = ActorResolver().resolve_text(phrase)
    assert (actor.country, actor.sector) == ("KEN", None), actor
    assert ActorResolver().resolve_text("Nairobi").sector == "GOV"


@pytest.mark.parametrize("phrase, country, sector", [
    ("members of Hamas", "PSE", "REB"),           # the organisation named after the head codes it
    ("supporters of Hezbollah", "LBN", "REB"),
])
def test_a_group_of_an_organisation_takes_the_organisations_country_and_sector(phrase, country, sector):
    actor = ActorResolver().resolve_text(phrase)
    assert (actor.country, actor.sector) == (country, sector), actor


@pytest.mark.parametrize("phrase", ["Kofi Annan in Kenya", "Antonio Guterres in Kenya"])
def test_an_international_official_takes_no_country_from_where_they_are(phrase):
    # the coding guide: country is null for international organisations
    actor = ActorResolver().resolve_text(phrase)
    assert (actor.country, actor.sector) == (None, "IGO"), actor


@pytest.mark.parametrize("phrase, name", [("President Smithfield", "Smithfield"),
                                          ("President Jane Smithfield", "Jane Smithfield")])
def test_capitalised_words_right_after_a_title_name_a_person_of_the_titles_sector(phrase, name):
    actor = ActorResolver().resolve_text(phrase)     # no article to learn the name from
    assert (actor.name, actor.country, actor.sector) == (name, None, "GOV"), actor


def _subject(doc):
    root = next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))
    return doc[root.left_edge.i:root.i + 1]


@pytest.mark.parametrize("text", [
    "Kenyan protesters gathered on Monday. Police fired tear gas.",    # one mention, no other country
    "Protesters gathered in Kenya on Monday. Police fired tear gas.",
])
def test_an_article_that_names_one_country_sets_it_for_a_domestic_role(text):
    police = ActorResolver(text).resolve_text("police")
    assert (police.country, police.sector) == ("KEN", "COP"), police


@pytest.mark.parametrize("text, country", [
    ("Tibet protesters gathered on Monday. Police fired tear gas.", "CHN"),     # a region names its country
    ("Cabinda protesters gathered on Monday. Police fired tear gas.", "AGO"),
])
def test_a_region_of_a_country_sets_the_articles_country(text, country):
    police = ActorResolver(text).resolve_text("police")
    assert (police.country, police.sector) == (country, "COP"), police


def test_a_surname_three_people_share_names_none_of_them():
    text = ("Kenya's President John Smithfield spoke. Uganda's Minister Jane Smithfield replied. "
            "Tanzania's General Paul Smithfield left.")
    resolver = ActorResolver(text)
    alone = resolver.resolve_text("Smithfield")
    assert (alone.name, alone.country, alone.sector) == (None, None, None), alone
    paul = resolver.resolve_text("Paul Smithfield")      # the full name still codes its person
    assert (paul.name, paul.country, paul.sector) == ("Paul Smithfield", "TZA", "MIL"), paul


def test_a_pronoun_takes_the_one_person_titled_before_its_sentence_not_after(nlp):
    text = ("Kenya's President Smithfield spoke on Monday. He said the talks would go on. "
            "Later, Uganda's Minister Jones arrived.")
    he = ActorResolver(text).resolve(nlp("He said the talks would go on.")[0:1])
    assert (he.name, he.country, he.sector) == ("Smithfield", "KEN", "GOV"), he


def test_a_learned_surname_in_lower_case_is_a_word_not_the_person():
    resolver = ActorResolver("General Wood spoke on Monday.")
    assert resolver.resolve_text("General Wood").name == "Wood"
    militants = resolver.resolve_text("militants hiding in the wood")
    assert (militants.name, militants.country, militants.sector) == (None, None, "REB"), militants


def test_ethnic_people_are_no_state_and_take_the_country_the_article_is_set_in():
    # the coding guide: "ethnic Albanians" are civilians, coded by where they live, not Albania
    alone = ActorResolver().resolve_text("ethnic Albanians")
    assert (alone.country, alone.sector) == (None, "CVL"), alone
    placed = ActorResolver("Police in Serbia detained ten men. Serbia's government said so.") \
        .resolve_text("ethnic Albanians")
    assert (placed.country, placed.sector) == ("SRB", "CVL"), placed


@pytest.mark.parametrize("text", [
    "Talks resumed on Monday.\nKenya's President Smithfield spoke on Tuesday.",    # a new paragraph
    "Kenya's President Smithfield spoke on Tuesday.",                              # the text's start
    'Talks resumed ("Kenya\'s President Smithfield attended") on Monday.',
])
def test_the_words_that_open_a_line_before_a_title_say_whose_official_it_is(text):
    actor = ActorResolver(text).resolve_text("Smithfield")
    assert (actor.name, actor.country, actor.sector) == ("Smithfield", "KEN", "GOV"), actor


@pytest.mark.parametrize("determiner", ["The", "This", "That"])
def test_a_definite_description_names_the_one_alliance_the_article_names(nlp, determiner):
    resolver = ActorResolver("Leaders of the CSTO met in Moscow on Monday.")
    actor = resolver.resolve(_subject(nlp(f"{determiner} alliance said troops would stay.")))
    assert (actor.name, actor.country, actor.sector) == ("Collective Security Treaty Organization", None, "IGO"), actor


@pytest.mark.xfail(strict=True, reason="known bug (docs/mutation-testing.md, _described_organisation #3): a plural "
                                       "organisation noun names several bodies, yet it is named after the one the "
                                       "article names")
@pytest.mark.parametrize("plural", ["The groups", "The movements"])
def test_a_plural_organisation_noun_is_not_the_one_body_the_article_names(nlp, plural):
    # org_descriptions.tsv lists nouns for one organisation; their plural names several, so it
    # cannot stand for the single body the article names ("Hamas ... The groups said")
    resolver = ActorResolver("Hamas said it fired rockets on Monday.")
    actor = resolver.resolve(_subject(nlp(f"{plural} said they would fight on.")))
    assert actor is None or actor.name is None, actor


@pytest.mark.parametrize("sentence, name, sector", [
    ("A report by the World Health Organization was published.", "World Health Organization", "IGO"),
    ("A report by Amnesty International was published.", "Amnesty International", "NGO"),
])
def test_a_thing_done_by_an_international_body_is_that_bodys(nlp, sentence, name, sector):
    # an international body has no country: its sector alone makes it the actor
    actor = ActorResolver().resolve(_subject(nlp(sentence)))
    assert (actor.name, actor.country, actor.sector) == (name, None, sector), actor


@pytest.mark.parametrize("text, surname, country", [
    ("President Ruto spoke on Monday.", "Ruto", "KEN"),
    ("President Tokayev spoke on Monday.", "Tokayev", "KAZ"),
])
def test_a_surname_alone_keeps_the_sector_of_the_title_and_the_lists_country(text, surname, country):
    # the title that introduced the person is its role (sector); the people list says whose
    actor = ActorResolver(text).resolve_text(surname)
    assert (actor.name, actor.country, actor.sector) == (surname, country, "GOV"), actor


def test_a_listed_person_out_of_office_on_the_day_keeps_the_country_not_the_role():
    # the dictionary dates each role; on a day outside them the person is still that country's
    actor = ActorResolver("", published="2010-06-01").resolve_text("Kofi Apraku")
    assert (actor.name, actor.country, actor.sector) == ("Kofi Apraku", "GHA", None), actor


def test_a_group_owned_by_a_pronoun_takes_the_antecedents_country(nlp):
    text = "Kenya said its forces would withdraw from the border."
    forces = ActorResolver().resolve(_span(nlp(text), "forces"))
    assert (forces.country, forces.sector) == ("KEN", "MIL"), forces


def test_a_clause_mistaken_for_an_appositive_does_not_stop_learning_the_next_one():
    # "X, are barred ..." is a verb, skipped; the real appositive after it still names Harker
    text = ("Oleg Ivanov and Pavel Petrov, are barred from travel to the United States. "
            "Tom Harker, a Kenyan minister, said the ban was unfair.")
    actor = ActorResolver(text).resolve_text("Harker")
    assert (actor.name, actor.country, actor.sector) == ("Tom Harker", "KEN", "GOV"), actor


def test_a_seat_of_power_the_sentence_places_a_group_in_gives_its_country(nlp):
    text = "Police in the Kremlin detained dozens of protesters."
    police = ActorResolver().resolve(_span(nlp(text), "Police"))
    assert (police.country, police.sector) == ("RUS", "COP"), police


def test_a_pronoun_takes_a_person_the_dictionary_named():
    # a person coded from the dictionary, with no title in the article, is a "she" antecedent
    resolver = ActorResolver("", published="2015-03-02")
    resolver.resolve_text("Angela Merkel")
    she = resolver.resolve_text("she")
    assert (she.name, she.country, she.sector) == ("Angela Merkel", "DEU", "GOV"), she


def test_a_thing_takes_the_place_of_the_verb_its_own_verb_is_coordinated_with(nlp):
    # "met in Sudan and imposed a curfew": the curfew's verb shares the place of the first verb
    text = "Officials met in Sudan and imposed a curfew."
    curfew = ActorResolver().resolve(_span(nlp(text), "curfew"))
    assert (curfew.country, curfew.sector) == ("SDN", None), curfew


# Survivors of the mutation sample that another rule masked or no sentence reached (issue 16).
# A rule that another one backs up is called on its own, so that each is checked; a parse shape
# the model gives on other sentences is built by hand where no plain sentence makes it.

@pytest.mark.parametrize("sentence, name, sector", [
    ("A report by the World Health Organization was published.", "World Health Organization", "IGO"),
    ("A report by Amnesty International was published.", "Amnesty International", "NGO"),
])
def test_each_lookup_finds_an_international_body_a_thing_is_tied_to(nlp, sentence, name, sector):
    # the "by" phrase (_attached) and the phrase-inner lookup (_inner) each find the body: a
    # body with no country is an actor by its sector alone
    doc = nlp(sentence)
    span = _subject(doc)
    resolver = ActorResolver(doc.text)
    for found in (resolver._attached(span.root, span), resolver._inner(span.root, span)):
        assert found is not None and (found.name, found.country, found.sector) == (name, None, sector), found


def test_a_pronoun_possessor_gives_way_to_the_national_adjective_of_the_thing(nlp):
    # "rejected their Israeli proposal for a ceasefire": the ceasefire's holder is the proposal's
    # national adjective; "their" alone codes nothing and must not hide it
    doc = nlp("The government rejected their Israeli proposal for a ceasefire.")
    ceasefire = _span(doc, "ceasefire")
    actor = ActorResolver(doc.text).resolve(ceasefire, things=True)
    assert (actor.name, actor.country) == ("Israel", "ISR"), actor


def test_a_pronoun_in_a_sentence_the_article_repeats_looks_before_that_sentence_only(nlp):
    # the article's first sentence comes back word for word after a person is titled: the "He"
    # of the first one has no one titled before it
    text = "He said the talks would go on. Kenya's President Smithfield spoke on Monday. He said the talks would go on."
    doc = nlp(text)
    he = ActorResolver(text).resolve(doc[0:1])
    assert (he.name, he.rule) == (None, "pronoun:no antecedent"), he


@pytest.mark.parametrize("sentence, word", [
    ("Bystanders filmed the arrest.", "Bystanders"),
    ("Police shot two bystanders.", "bystanders"),
])
def test_people_no_lexicon_codes_are_still_actors_not_things(nlp, sentence, word):
    # "bystander" is a noun of people (count_person_nouns.tsv) known by its lemma only
    doc = nlp(sentence)
    actor = ActorResolver(doc.text).resolve(_span(doc, word))
    assert actor is not None and actor.text.lower().endswith("bystanders"), actor


@pytest.mark.xfail(strict=True, reason="known bug (docs/mutation-testing.md, _code_phrase #163): a place before a "
                                       "named person's head outranks the person's own country")
def test_a_possessor_before_a_listed_person_only_describes_them():
    # "Turkey's rival Greece" is Greece; "Iran's ally Bashar al-Assad" is Syria's
    actor = ActorResolver().resolve_text("Iran's ally Bashar al-Assad")
    assert actor.country == "SYR", actor


# Survivors of the sample drawn again on fd218e4 (issue 16): short forms the article defines,
# the weight of "in" for the article's country, places kept as things, event nouns' possessors.

def test_a_short_form_the_article_defines_codes_as_its_full_name():
    # a short form after a known one is still learned; the known one keeps its own entry
    text = "The United Nations (UN) and the Baloch Liberation Army (BLA) spoke. The BLA said it held hostages."
    resolver = ActorResolver(text)
    bla = resolver.resolve_text("BLA")
    assert (bla.name, bla.country, bla.sector) == ("Baloch Liberation Army", "PAK", "REB"), bla
    un, plain = resolver.resolve_text("UN"), ActorResolver("").resolve_text("UN")
    assert (un.name, un.country, un.sector, un.rule) == (plain.name, plain.country, plain.sector, plain.rule), un


@pytest.mark.parametrize("text", [
    "The Economic Community of Central African States (ECCAS) met on Monday.",
    "The Economic Community of Central African States, or ECCAS, met on Monday.",
])
def test_the_short_form_of_an_international_body_takes_the_bodys_listed_name(text):
    # an international body has no country: its sector alone lets its short form be learned,
    # and the short form names the body as the lexicon does
    actor = ActorResolver(text).resolve_text("ECCAS")
    plain = ActorResolver("").resolve_text("Economic Community of Central African States")
    assert (actor.name, actor.country, actor.sector) == (plain.name, None, "IGO"), actor


def test_a_country_the_article_puts_events_in_outweighs_one_it_only_mentions():
    # "in Kenya" is where the story is; Uganda is named once, not as the place
    resolver = ActorResolver("Thousands marched in Kenya. Uganda sent a delegation. Police fired tear gas.")
    police = resolver.resolve_text("police")
    assert (police.country, police.sector) == ("KEN", "COP"), police


def test_a_place_kept_as_a_thing_keeps_its_words(nlp):
    # a place with no state of its own is no actor; asked for things, it keeps its text
    doc = nlp("Troops attacked several villages.")
    found = ActorResolver(doc.text).resolve(_span(doc, "villages"), things=True)
    assert found is not None and (found.text, found.country, found.sector) == ("several villages", None, None), found


@pytest.mark.parametrize("sentence, country", [
    ("Kenya's arrest of the activist drew protests.", "KEN"),   # a state's possessive is who acts
    ("Putin's arrest drew protests.", None),                     # a person's is who it is done to
])
def test_the_possessor_of_an_event_done_to_someone_is_the_actor_only_when_not_a_person(nlp, sentence, country):
    doc = nlp(sentence)
    found = ActorResolver(doc.text).resolve(_span(doc, "arrest"))
    assert (found.country if found is not None else None) == country, found


def test_a_thing_proposed_by_a_non_governmental_body_is_that_bodys(nlp):
    # "rejected Amnesty International's proposal for a ceasefire": the ceasefire's holder is the
    # body, which has no country
    doc = nlp("The government rejected Amnesty International's proposal for a ceasefire.")
    found = ActorResolver(doc.text).resolve(_span(doc, "ceasefire"))
    assert (found.text, found.name, found.country, found.sector) == (
        "Amnesty International", "Amnesty International", None, "NGO"), found     # its words, no "'s"


def test_a_regnal_numeral_in_a_dictionary_name_stays_in_capitals():
    # the dictionary writes names in capitals: words are capitalised, short ones ("II") kept
    actor = ActorResolver("", published="2015-03-02").resolve_text("Queen Margrethe II")
    assert (actor.name, actor.country, actor.sector) == ("Margrethe II", "DNK", "GOV"), actor


@pytest.mark.parametrize("sentence, word, country", [
    ("Kenya said its Ugandan allies would help.", "allies", "UGA"),   # the phrase's own country stays
    ("Kenyan officials said their plan would fail.", "plan", None),   # a thing, not a group: no actor
])
def test_a_pronoun_owner_gives_its_country_only_to_a_group_with_none(nlp, sentence, word, country):
    doc = nlp(sentence)
    found = ActorResolver(doc.text).resolve(_span(doc, word))
    assert (found.country if found is not None else None) == country, found


@pytest.mark.xfail(strict=True, reason="known bug (docs/mutation-testing.md, _event_noun #5): an event noun tagged "
                                       "PROPN is not read as an event, so its 'of' phrase is taken for the actor")
def test_the_of_phrase_of_a_capitalised_event_noun_is_who_it_is_done_to(nlp):
    # a title-cased headline with "Arrest" tagged PROPN (built by hand; the model tags it NOUN
    # on this one): the activists are arrested, they do not act
    rows = [("The", 1, "det", "DET", "DT", "the"), ("Arrest", 5, "nsubj", "PROPN", "NNP", "arrest"),
            ("of", 1, "prep", "ADP", "IN", "of"), ("Kenyan", 4, "amod", "ADJ", "JJ", "kenyan"),
            ("Activists", 2, "pobj", "PROPN", "NNPS", "activists"), ("Sparks", 5, "ROOT", "VERB", "VBZ", "spark"),
            ("Protests", 5, "dobj", "NOUN", "NNS", "protest"), (".", 5, "punct", "PUNCT", ".", ".")]
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    found = ActorResolver(doc.text).resolve(doc[0:5])
    assert found is None or (found.country, found.sector) == (None, None), found


def test_a_person_an_international_body_titles_takes_no_country_from_the_dictionary():
    # the dictionary lists David Miliband as a British minister; titled by an NGO in the article,
    # he is that body's official, and a body with no country gives none
    resolver = ActorResolver("Amnesty International president David Miliband spoke on Monday.", published="2015-01-01")
    actor = resolver.resolve_text("David Miliband")
    assert (actor.name, actor.country, actor.sector) == ("David Miliband", None, "NGO"), actor
