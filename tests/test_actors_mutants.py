"""Actor rules that mutation testing found unchecked (issue 16). Written about what the coding guide
asks of any actor resolver, not the shape of today's rules: a slot holds an actor or stays empty,
the country comes from the phrase, the sentence's place, the article or a dictionary, and the
sector from roles."""
from datetime import date

import pytest

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
