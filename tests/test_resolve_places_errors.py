"""Regression tests for place-resolution errors a map reader would see (issue 4, session 3)."""
from __future__ import annotations

import pytest

from newsevents.resolve.gazetteer import fold, load_gazetteer, skeleton
from newsevents.resolve.places import resolve_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append((start, start + len(name)))
        pos = start + len(name)
    return out


def test_ocean_short_name_beats_namesake_town(gaz):
    # "Pacific" is a curated alias of the Pacific Ocean, not a weak GeoNames alternate name.
    text = "Birds fly along the Pacific coast of the US, from Alaska to Oregon."
    places = resolve_toponyms(text, spans_of(text, "Pacific", "US", "Alaska", "Oregon"), gaz)
    assert places[0].name == "Pacific Ocean" and places[0].country is None


def test_state_of_before_name_means_the_division(gaz):
    text = "The case was found in the state of Washington, officials in Texas said."
    place = resolve_toponyms(text, spans_of(text, "Washington", "Texas"), gaz)[0]
    assert place.precision == "admin1" and place.lon < -115
    # Without the cue the capital city keeps its usual reading.
    plain = "The case was found in Washington, officials said."
    assert resolve_toponyms(plain, spans_of(plain, "Washington"), gaz)[0].precision == "city"


def test_qualifier_that_no_namesake_lies_in_gives_the_qualifier(gaz):
    # The gazetteer has Stroud in England, Oklahoma and Australia, none in Ontario.
    text = "He was stopped on a highway in Stroud, Ontario, Canada."
    place = resolve_toponyms(text, spans_of(text, "Stroud", "Ontario", "Canada"), gaz)[0]
    assert place.country == "CAN" and place.admin1 == "Ontario"
    # Inside a list joined by "and", the next name is a member, not a qualifier.
    text = "Flights to Moscow, Kiev, Minsk and Riga."
    kiev = resolve_toponyms(text, spans_of(text, "Moscow", "Kiev", "Minsk", "Riga"), gaz)[1]
    assert kiev.country == "UKR"


def test_small_town_far_from_everything_else_stays_unresolved(gaz):
    text = ("In London, police said he met a contact in Piccadilly before flying to Moscow. "
            "Officials in Britain and Russia confirmed it.")
    places = resolve_toponyms(text, spans_of(text, "London", "Piccadilly", "Moscow", "Britain", "Russia"), gaz)
    assert places[1] is None                      # not Piccadilly, Western Australia
    assert places[0].country == "GBR"


def test_transliteration_variants_of_divisions(gaz):
    assert skeleton(fold("Menoufia")) == skeleton(fold("Al Minufiyah"))
    assert skeleton(fold("Daqahliya")) == skeleton(fold("Ad Daqahliyah"))
    text = "Cases were reported in Menoufia and Daqahliya, Egypt's health ministry said in Cairo."
    places = resolve_toponyms(text, spans_of(text, "Menoufia", "Daqahliya", "Egypt", "Cairo"), gaz)
    assert [p.country for p in places[:2]] == ["EGY", "EGY"]
    assert all(p.precision == "admin1" for p in places[:2])


def test_loose_match_outside_the_articles_countries_is_dropped(gaz):
    # A loose spelling match in a country the article never names is no evidence.
    text = "Clashes in Adhamiyah left two dead, police in Baghdad said, Iraq's ministry added."
    place = resolve_toponyms(text, spans_of(text, "Adhamiyah", "Baghdad", "Iraq"), gaz)[0]
    assert place is None or place.country == "IRQ"


def test_another_name_of_a_country_carries_the_countrys_geonames_id(gaz):
    text = "Fighting spread in DR Congo. The Democratic Republic of the Congo closed its border."
    short, full = resolve_toponyms(text, spans_of(text, "DR Congo", "Democratic Republic of the Congo"), gaz)
    assert short is not None and full is not None
    assert short.country == full.country == "COD"
    assert short.geonames_id is not None and short.geonames_id == full.geonames_id
