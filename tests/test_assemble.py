"""Assembly: each event's own date and place, and what the defaults leave out (real spaCy model)."""
from newsevents.config import Settings
from newsevents.model import Article
from newsevents.pipeline import extract_article

PAD = " The report was published by a local newspaper in its morning edition."


def _events(text: str, published: str = "2022-01-13", **settings):
    return extract_article(Article(text=text + PAD, published=published), Settings(**settings))


def _one(text: str, event_type: str, **kw):
    found = [e for e in _events(text, **kw) if e.type == event_type]
    assert len(found) == 1, [(e.type, e.evidence.sentence) for e in _events(text, **kw)]
    return found[0]


# ---- dates
def test_an_event_without_time_words_is_dated_by_its_report_not_a_week():
    event = _one("The government condemned the attack by the rebels.", "ACCUSE")
    assert (event.date, event.date_end, event.date_precision, event.date_text) == (
        "2022-01-13", None, "reported", None)
    assert any("publication date, as reported" in line for line in event.explain)


def test_a_weekday_in_a_past_clause_is_the_day_before_publication():
    # 2022-01-13 is a Thursday: "on Saturday" in a report of what happened is 2022-01-08
    event = _one("Police arrested 300 protesters on Saturday as demonstrations spread.", "COERCE")
    assert (event.date, event.date_precision) == ("2022-01-08", "day")


def test_a_planned_event_without_time_words_has_no_date():
    event = _one("The union is scheduled to hold a protest.", "PROTEST")
    assert event.status == "planned"
    assert event.date is None and event.date_precision is None


# ---- places
def test_a_place_named_as_a_location_is_the_event_place():
    event = _one("Police arrested 30 protesters in Almaty on Monday.", "COERCE")
    assert event.location is not None and event.location.name == "Almaty"
    assert event.location.country == "KAZ" and event.location.lat is not None


def test_an_actor_country_is_not_a_place():
    event = _one("Kenya accused Somalia of backing the rebels.", "ACCUSE")
    assert event.location is None
    assert any(line.startswith("location None: no place") for line in event.explain)


def test_a_possessor_is_an_owner_not_a_place():
    event = _one("Police arrested Russia's ambassador.", "COERCE")
    assert event.location is None


def test_the_dateline_places_an_event_that_names_no_place_of_its_own():
    event = _one("NAIROBI, Jan 10, 2022 (Reuters) - The government condemned the attack by the rebels.",
                 "ACCUSE")
    assert event.location is not None and event.location.name == "Nairobi"
    assert any("dateline" in line for line in event.explain)


# ---- what the defaults leave out
def test_a_supposed_event_is_left_out_unless_asked_for():
    text = "It is unclear whether police arrested the leader."
    assert not [e for e in _events(text) if e.type == "COERCE"]
    kept = [e for e in _events(text, keep_non_events=True) if e.type == "COERCE"]
    assert [e.status for e in kept] == ["hypothetical"]


def test_an_analysts_opinion_is_no_event_by_default():
    text = "Jonathan Pollack, a senior fellow at the Brookings Institution, accused China of bullying its neighbours."
    assert not [e for e in _events(text) if e.type == "ACCUSE"]
    kept = [e for e in _events(text, keep_non_events=True) if e.type == "ACCUSE"]
    assert len(kept) == 1 and "commentator" in kept[0].non_event and "'fellow'" in kept[0].non_event


def test_what_analysts_report_is_no_event_but_officials_reports_are():
    assert not [e for e in _events("Analysts said the army attacked the town.") if e.type == "ASSAULT"]
    assert [e.type for e in _events("Officials said the army attacked the town.")] == ["ASSAULT"]


def test_a_habit_is_no_event():
    assert not [e for e in _events("The group frequently conducts bombings in Somalia.") if e.type == "ASSAULT"]
    assert [e.type for e in _events("The group conducted a bombing in Somalia on Monday.")] == ["ASSAULT"]


# ---- status of the record (coding guide: claimed is "reported by one side only")
def test_a_third_party_relaying_an_event_reports_it_occurred():
    event = _one("A U.N. envoy said security forces arrested 300 protesters in Yangon.", "COERCE")
    assert event.status == "occurred"
    assert any("relayed by a third party" in line for line in event.explain)


def test_a_side_telling_its_own_deed_is_a_claim():
    event = _one("The militants said they attacked the army base.", "ASSAULT")
    assert event.status == "claimed"


def test_an_allegation_stays_a_claim():
    event = _one("The ministry claimed that rebels attacked the convoy.", "ASSAULT")
    assert event.status == "claimed"


def test_a_statement_in_the_progressive_is_a_statement_made():
    event = _one("Farmers are calling on the government to lift the ban.", "REQUEST")
    assert event.status == "occurred"


def test_a_negated_predicate_about_an_event_noun_does_not_deny_it():
    found = [e for e in _events("Washington's demand for disarmament did not mesh with Pyongyang's position.")
             if e.type == "REQUEST"]
    assert found and all(e.status != "denied" for e in found)


# ---- the event's own place
def test_a_place_of_another_clause_is_not_the_events():
    event = _one("The U.N. chief condemned the military, as eight protesters were killed Friday in Aungban.",
                 "ACCUSE")
    assert event.location is None


def test_a_place_locating_what_the_event_was_done_to_is_its_place():
    event = _one("Gunmen stormed a hotel in Beledweyne on Tuesday.", "ASSAULT")
    assert event.location is not None and event.location.name == "Beledweyne"


def test_a_place_modifying_another_noun_is_not_the_events():
    event = _one("Students staged protests over the war in Gaza.", "PROTEST")
    assert event.location is None
