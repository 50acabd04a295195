"""Place recognition and resolution on short texts written for these tests."""
from __future__ import annotations


import pytest

from newsevents.model import Place
from newsevents.resolve.gazetteer import fold, haversine_km, load_gazetteer
from newsevents.resolve.places import focus_place, recognize_toponyms, resolve_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name)))
    return out


def test_fold_removes_accents_case_and_abbreviations():
    assert fold("São Paulo") == "sao paulo"
    assert fold("St. Louis") == fold("Saint Louis")
    assert fold("Kazakhstan's") == "kazakhstans"


def test_almaty_kazakhstan(gaz):
    text = "Riots broke out in Almaty, Kazakhstan."
    almaty, kaz = resolve_toponyms(text, spans_of(text, "Almaty", "Kazakhstan"), gaz)
    assert almaty.country == "KAZ" and almaty.precision == "city"
    assert haversine_km(almaty.lat, almaty.lon, 43.25, 76.9) < 20
    assert (almaty.start, almaty.end) == (19, 25)
    assert kaz.precision == "country" and kaz.country == "KAZ"


def test_paris_texas_versus_paris(gaz):
    text = "The storm hit Paris, Texas, on Monday."
    paris = resolve_toponyms(text, spans_of(text, "Paris", "Texas"), gaz)[0]
    assert paris.country == "USA" and paris.admin1 == "Texas"
    text = "Thousands marched in Paris on Saturday."
    paris = resolve_toponyms(text, spans_of(text, "Paris"), gaz)[0]
    assert paris.country == "FRA"


def test_state_abbreviation_qualifies_town(gaz):
    text = "The plant in Springfield, Ill., closed."
    spring, ill = resolve_toponyms(text, spans_of(text, "Springfield", "Ill."), gaz)
    assert spring.admin1 == "Illinois"
    assert ill.precision == "admin1" and ill.name == "Illinois"


def test_document_context_picks_the_nearby_town(gaz):
    text = ("Flooding closed roads across Middlesex County. In Cambridge, Massachusetts officials "
            "opened shelters, and Boston sent crews.")
    spans = spans_of(text, "Middlesex County", "Cambridge", "Massachusetts", "Boston")
    places = resolve_toponyms(text, spans, gaz)
    assert places[1].country == "USA" and places[1].admin1 == "Massachusetts"
    assert places[3].admin1 == "Massachusetts"
    # Without the state and county, the bigger Cambridge (England) wins on population.
    alone = "Cambridge is busy."
    assert resolve_toponyms(alone, spans_of(alone, "Cambridge"), gaz)[0].country == "GBR"


def test_unknown_name_is_none(gaz):
    text = "They met in Zzyzxqwv."
    assert resolve_toponyms(text, spans_of(text, "Zzyzxqwv"), gaz) == [None]


def test_demonym_span_resolves_to_its_country(gaz):
    text = "Russian troops moved."
    assert resolve_toponyms(text, spans_of(text, "Russian"), gaz)[0].country == "RUS"


def test_recognize_skips_demonyms_and_organisations(nlp, gaz):
    text = ("Kazakh officials met Russian diplomats in Moscow on Monday. Students at Moscow State "
            "University and travellers at Almaty airport were not affected.")
    doc = nlp(text)
    found = [text[s:e] for s, e in recognize_toponyms(doc, gaz)]
    assert "Moscow" in found
    assert found.count("Moscow") == 1          # not the one in the university's name
    assert "Kazakh" not in found and "Russian" not in found
    assert "Almaty" not in found               # "Almaty airport" is a facility


def test_recognize_adds_gazetteer_names_with_context(nlp, gaz):
    text = "The mayor of Opelousas said the new bridge near Opelousas would open in May."
    doc = nlp(text)
    found = [text[s:e] for s, e in recognize_toponyms(doc, gaz)]
    assert "Opelousas" in found
    assert "May" not in found


def test_focus_place_prefers_repeated_city():
    def p(name, country, precision, gid):
        return Place(text=name, name=name, country=country, precision=precision, geonames_id=gid,
                     lat=0.0, lon=0.0, start=0, end=len(name))
    places = [p("Almaty", "KAZ", "city", 1), p("Almaty", "KAZ", "city", 1), p("Kazakhstan", "KAZ", "country", 2),
              p("Moscow", "RUS", "city", 3)]
    focus = focus_place(places)
    assert focus.name == "Almaty" and focus.precision == "admin1" and focus.start is None
    focus = focus_place([p("Almaty", "KAZ", "city", 1), p("Astana", "KAZ", "city", 4)])
    assert focus.precision == "country" and focus.country == "KAZ"
    assert focus_place([None]) is None


def test_subdivision_code_in_capitals_names_the_state(gaz):
    text = "Floods hit NSW and the coast of Queensland this week."
    nsw, qld = resolve_toponyms(text, spans_of(text, "NSW", "Queensland"), gaz)
    assert nsw is not None and nsw.precision == "admin1" and nsw.country == "AUS"
    assert nsw.admin1 == "New South Wales"


def test_bare_state_name_is_the_state_not_a_town_of_that_name(gaz):
    # Kansas and Oregon are also the names of small US towns; Iowa context must not pull them.
    text = "Farmers in Iowa, Kansas and Oregon reported losses."
    places = resolve_toponyms(text, spans_of(text, "Iowa", "Kansas", "Oregon"), gaz)
    assert [p.precision for p in places] == ["admin1", "admin1", "admin1"]


def test_country_and_state_points_lie_near_their_centres(gaz):
    # Points of large areas must not lean to where their towns crowd (southern Canada, east Texas).
    text = "Canada and Texas and China."
    canada, texas, china = resolve_toponyms(text, spans_of(text, "Canada", "Texas", "China"), gaz)
    assert haversine_km(canada.lat, canada.lon, 60.0, -96.0) < 400
    assert haversine_km(texas.lat, texas.lon, 31.25, -99.25) < 161
    assert haversine_km(china.lat, china.lon, 35.0, 104.0) < 161


def test_seas_islands_and_macro_regions_resolve(gaz):
    # Names GeoNames' city and division lists lack come from geo_regions.tsv.
    text = "Ships crossed the Indian Ocean from Sumatra to the Middle East, past Lake Victoria."
    ocean, sumatra, mideast, lake = resolve_toponyms(
        text, spans_of(text, "Indian Ocean", "Sumatra", "Middle East", "Lake Victoria"), gaz)
    assert ocean.precision == "country" and ocean.country is None and ocean.geonames_id is None
    assert sumatra.country == "IDN" and sumatra.precision == "admin1"
    assert haversine_km(sumatra.lat, sumatra.lon, 0.0, 102.0) < 300
    assert haversine_km(mideast.lat, mideast.lon, 29.0, 42.0) < 800
    assert haversine_km(lake.lat, lake.lon, -1.0, 33.0) < 161


def test_island_beats_a_small_town_of_the_same_name(gaz):
    text = "Volcanic ash fell across Java on Monday."
    (java,) = resolve_toponyms(text, spans_of(text, "Java"), gaz)
    assert java.country == "IDN"


def test_region_code_matches_only_in_capitals(gaz):
    text = "The EU sent aid. Later, Eu in Normandy was quiet."
    eu = resolve_toponyms(text, [(4, 6)], gaz)[0]
    assert eu.name == "European Union" and eu.precision == "country"
    town = resolve_toponyms(text, [(text.index("Eu in"), text.index("Eu in") + 2)], gaz)[0]
    assert town is None or town.name != "European Union"


def test_former_country_name_takes_the_country_point(gaz):
    text = "Ebola was first found in Zaire, today the Democratic Republic of Congo."
    zaire, drc = resolve_toponyms(text, spans_of(text, "Zaire", "Democratic Republic of Congo"), gaz)
    assert zaire.country == drc.country == "COD"
    assert (zaire.lat, zaire.lon) == (drc.lat, drc.lon)


def test_division_designator_is_optional(gaz):
    # GeoNames names it "Dagestan, Respublika"; news writes "Dagestan".
    text = "Gunmen attacked a police post in Dagestan."
    (dag,) = resolve_toponyms(text, spans_of(text, "Dagestan"), gaz)
    assert dag.country == "RUS" and dag.precision == "admin1"


def test_province_with_towns_in_its_south_gets_a_central_point(gaz):
    text = "Fires burned in Ontario and Queensland."
    on, qld = resolve_toponyms(text, spans_of(text, "Ontario", "Queensland"), gaz)
    assert on.lat > 48.5 and qld.lat < -21.0   # the towns alone would put them at ~45 N and ~-24 S, 149 E
    assert haversine_km(qld.lat, qld.lon, -22.5, 144.5) < 161


def test_state_named_with_its_towns_is_the_state_not_a_town_elsewhere(gaz):
    # Ontario, California is a city of 175,000; beside Toronto the province is meant.
    text = "The company, based in Toronto, Ontario, recalled pet food sold in Canada."
    (on,) = resolve_toponyms(text, spans_of(text, "Ontario"), gaz)
    assert on.country == "CAN" and on.precision == "admin1"


def test_country_in_a_list_of_countries_is_the_country(gaz):
    # "China, Japan" inside a list is two countries, not a town called China in Japan.
    text = "Officials in Peru, China, Japan and Chile reported cases."
    places = resolve_toponyms(text, spans_of(text, "Peru", "China", "Japan", "Chile"), gaz)
    assert [p.country for p in places] == ["PER", "CHN", "JPN", "CHL"]
    assert all(p.precision == "country" for p in places)


def test_state_in_a_list_of_states_is_the_state(gaz):
    # "Washington, West Virginia" inside a list of states is no town in West Virginia.
    text = "Cases came from Ohio, Oregon, Washington, West Virginia and Wyoming."
    names = ("Ohio", "Oregon", "Washington", "West Virginia", "Wyoming")
    places = resolve_toponyms(text, spans_of(text, *names), gaz)
    wash = places[2]
    assert wash.precision == "admin1" and wash.admin1 == "Washington"
    assert haversine_km(wash.lat, wash.lon, 47.4, -120.5) < 250


def test_qualifier_still_holds_outside_lists(gaz):
    text = "He grew up in Washington, Pennsylvania."
    wash = resolve_toponyms(text, spans_of(text, "Washington", "Pennsylvania"), gaz)[0]
    assert wash.admin1 == "Pennsylvania" and wash.precision == "city"


def test_name_followed_by_state_is_the_state(gaz):
    text = "The cow came from a Washington state farm, officials in Ottawa said."
    wash = resolve_toponyms(text, spans_of(text, "Washington", "Ottawa"), gaz)[0]
    assert wash.precision == "admin1" and wash.country == "USA"


def test_archipelago_keeps_its_nominal_point(gaz):
    # Indonesia's largest island piece (Kalimantan) holds under a third of its land: the
    # outline's centroid would put the country in Borneo.
    indonesia = gaz.country("ID")
    assert haversine_km(indonesia.lat, indonesia.lon, -5.0, 120.0) < 50


def test_list_groups_need_three_names_or_a_conjunction():
    from newsevents.resolve.places import _list_groups
    text = "Almaty, Kazakhstan; Ohio and Utah; Peru, Chile, Bolivia"
    spans = spans_of(text, "Almaty", "Kazakhstan", "Ohio", "Utah", "Peru", "Chile", "Bolivia")
    groups = _list_groups(text, spans)
    assert 0 not in groups and 1 not in groups      # a name and its qualifier
    assert groups[2] == [3] and groups[3] == [2]
    assert groups[5] == [4, 6]
    text = "Countries such as Chile, Japan, and the United Kingdom"
    assert _list_groups(text, spans_of(text, "Chile", "Japan", "United Kingdom"))[2] == [0, 1]


def test_cache_key_follows_the_index_code(monkeypatch, tmp_path):
    from newsevents.resolve import gazetteer
    before = gazetteer._data_fingerprint()
    changed = tmp_path / "gazetteer.py"
    changed.write_text("# another way of building the index\n")
    monkeypatch.setattr(gazetteer, "__file__", str(changed))
    assert gazetteer._data_fingerprint() != before


def test_list_lifts_states_of_one_country_only(gaz):
    # Villages named like provinces of several other countries must not pull one another up to
    # those provinces just because they stand in one list.
    text = "Peru sent doctors to the villages of Magdalena, San Juan and Huambo after the spill."
    places = resolve_toponyms(text, spans_of(text, "Peru", "Magdalena", "San Juan", "Huambo"), gaz)
    assert places[2].precision == "city" and places[3].precision == "city"


def test_big_city_beats_its_village_namesake_in_a_mentioned_state(gaz):
    text = "Health officials in New York and Texas reported cases, and the mayor of Boston declared an emergency."
    boston = resolve_toponyms(text, spans_of(text, "New York", "Texas", "Boston"), gaz)[2]
    assert boston.admin1 == "Massachusetts"


# Recognition on hand-made Docs: the entity labels are set here, so these tests check the rules,
# not what one spaCy model happens to tag.


def tagged_doc(words: list[str], ents: list[str], sent_starts: list[int] | None = None):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc
    starts = sent_starts or [1] + [0] * (len(words) - 1)
    return Doc(spacy.blank("en").vocab, words=words, ents=ents,
               sent_starts=[bool(s) for s in starts])


def found_in(doc, gaz) -> list[str]:
    return [doc.text[s:e] for s, e in recognize_toponyms(doc, gaz)]


def test_town_tagged_as_person_is_a_place_by_its_context(gaz):
    # "Alexandria woman charged": a resident noun after the name; "of Alexandria" after a
    # person's age is the residence formula of local news.
    words = ["Alexandria", "woman", "charged", ".", "Jane", "Roe", ",", "19", ",", "of",
             "Alexandria", ",", "was", "held", "."]
    ents = ["B-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-DATE", "O", "O",
            "B-ORG", "O", "O", "O", "O"]
    starts = [1, 0, 0, 0, 1] + [0] * 10
    assert found_in(tagged_doc(words, ents, starts), gaz) == ["Alexandria", "Alexandria"]


def test_person_name_with_weak_context_stays_a_person(gaz):
    # "according to Jones": "to" is no preposition of location for a name spaCy called a person.
    words = ["The", "fire", "spread", ",", "according", "to", "Jones", "."]
    ents = ["O"] * 6 + ["B-PERSON", "O"]
    assert found_in(tagged_doc(words, ents), gaz) == []


def test_titled_name_or_known_surname_is_not_a_town(gaz):
    # spaCy tags both "Ripley"s as places; one follows a title, the other is the surname of a
    # person named in full in the same text.
    words = ["Said", "coach", "Ripley", ".", "Ann", "Ripley", "met", "Ripley", "fans", "in",
             "Ohio", "."]
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "B-GPE", "O"]
    starts = [1, 0, 0, 0, 1] + [0] * 7
    assert found_in(tagged_doc(words, ents, starts), gaz) == ["Ohio"]


def test_short_capitals_tagged_otherwise_are_not_places(gaz):
    words = ["Officials", "at", "SEC", "said", "so", "."]
    ents = ["O", "O", "B-ORG", "O", "O", "O"]
    assert found_in(tagged_doc(words, ents), gaz) == []


def test_dateline_in_capitals_is_a_place(gaz):
    words = ["HARTFORD", "\u2014", "State", "legislators", "met", ".", "UPDATE", "\u2014", "none", "."]
    ents = ["O"] * len(words)
    starts = [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert found_in(tagged_doc(words, ents, starts), gaz) == ["HARTFORD"]


def test_named_streets_are_toponyms_numbered_roads_are_not(gaz):
    words = ["On", "Main", "Street", "and", "N.", "Elm", "Ave.", "the", "crash", "closed",
             "Highway", "19", "."]
    ents = ["O"] * len(words)
    assert found_in(tagged_doc(words, ents), gaz) == ["Main Street", "N. Elm Ave."]
    # A street named after a town is the street: its span covers the town's name.
    text = "Police closed Alexandria Road in Alexandria."
    doc = tagged_doc(["Police", "closed", "Alexandria", "Road", "in", "Alexandria", "."],
                     ["O", "O", "O", "O", "O", "B-GPE", "O"])
    assert found_in(doc, gaz) == ["Alexandria Road", "Alexandria"]
    # Streets have no gazetteer entry: they are recognised but stay unresolved.
    assert resolve_toponyms(text, spans_of(text, "Alexandria Road"), gaz) == [None]


def test_list_members_and_plural_division_word(gaz):
    # Members of a list whose neighbour is a place; each name before "counties".
    words = ["Storms", "hit", "Lombard", ",", "Roselle", "and", "Itasca", "and", "school", "boards",
             "in", "Barrow", "and", "Oconee", "counties", "met", "."]
    ents = ["O", "O", "B-GPE"] + ["O"] * 14
    assert found_in(tagged_doc(words, ents), gaz) == ["Lombard", "Roselle", "Itasca", "Barrow", "Oconee"]
    # Two names joined by a comma alone are a town and its qualifier, not a list: no new member.
    words = ["Smith", ",", "Lombard", "said", "."]
    assert found_in(tagged_doc(words, ["O", "O", "B-GPE", "O", "O"]), gaz) == ["Lombard"]
