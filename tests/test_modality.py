"""What did not happen is no record: conditions, forecasts, efforts and failures, habits (issue 11).

Each case is a pattern of the coding guide ("not events: forecasts, counterfactuals, generic or
habitual statements"), checked on the real spaCy model through the whole pipeline; the kept
record (``keep_non_events``) says why it is left out.
"""
import pytest

from newsevents.config import Settings
from newsevents.extraction.status import classify_status
from newsevents.model import Article
from newsevents.pipeline import extract_article

PAD = " The report was published by a local newspaper in its morning edition."


def _events(text: str, **settings):
    return extract_article(Article(text=text + PAD, published="2024-05-10"), Settings(**settings))


def _kept(text: str, event_type: str):
    """The records of one type with what the defaults leave out kept, and the stored ones."""
    kept = [e for e in _events(text, keep_non_events=True) if e.type == event_type]
    stored = [e for e in _events(text) if e.type == event_type]
    return kept, stored


def _status(nlp, text: str, word: str):
    doc = nlp(text)
    return classify_status(next(t for t in doc if t.text == word))


# ---- forecasts: a future or a possibility under a word of belief is no event, and no promise
@pytest.mark.parametrize("text, word", [
    ("There is little reason to think that the two leaders will meet this year.", "meet"),
    ("Analysts believe the rebels could attack the capital.", "attack"),
    ("It was evident that the government would impose new restrictions.", "impose"),
    ("Diplomats fear that the army might shell the town.", "shell"),
])
def test_a_forecast_is_hypothetical(nlp, text, word):
    result = _status(nlp, text, word)
    assert result.status == "hypothetical" and result.unreal


def test_a_forecast_is_not_folded_into_a_promise():
    kept, stored = _kept("There is little reason to think that the two leaders will meet this year.", "CONSULT")
    assert [e.status for e in kept] == ["hypothetical"] and kept[0].non_event
    assert not stored
    assert not [e for e in _events("There is little reason to think that the two leaders will meet this year.")
                if e.type == "AGREE"]


# ---- a possibility is a threat only in the actor's own words
def test_a_possibility_the_text_states_is_no_threat():
    kept, stored = _kept("The rebels could attack the capital.", "ASSAULT")
    assert [e.status for e in kept] == ["hypothetical"] and not stored
    assert not [e for e in _events("The rebels could attack the capital.") if e.type == "THREATEN"]


def test_a_passive_possibility_is_no_threat():
    text = "In serious cases, green card holders may be arrested by immigration agents."
    assert not [e for e in _events(text, keep_non_events=True) if e.type == "THREATEN"]


def test_the_actor_saying_it_could_act_is_a_threat():
    events = _events("The defence minister said his forces could strike the rebel camps.", keep_non_events=True)
    assert [(e.type, e.status) for e in events if e.type in ("THREATEN", "ASSAULT")] == [("THREATEN", "occurred")]


# ---- conditions
def test_a_condition_outranks_a_negation_inside_it(nlp):
    result = _status(nlp, "If the talks fail, the army will not withdraw from the city.", "withdraw")
    assert result.status == "hypothetical" and result.cue.startswith("if")


def test_an_event_inside_a_condition_is_no_event():
    kept, stored = _kept("The talks will resume if the rebels attack the convoy again.", "ASSAULT")
    assert [e.status for e in kept] == ["hypothetical"] and not stored


def test_a_conditional_threat_said_by_an_official_is_made():
    # the condition belongs to the threat: CAMEO codes a promise on a condition as THREATEN
    events = _events("The ministry said sanctions would be imposed if the government refused the inspections.")
    assert [(e.type, e.status) for e in events if e.type == "THREATEN"] == [("THREATEN", "occurred")]


def test_an_unless_threat_is_made():
    events = _events("The army said it will withdraw its troops unless the rebels hold elections.")
    assert [(e.type, e.status) for e in events if e.type == "THREATEN"] == [("THREATEN", "occurred")]


# ---- efforts, failures, the moment for it
@pytest.mark.parametrize("text, word, expected", [
    ("Ankara wants to blunt any new efforts to impose sanctions against Turkey.", "impose", "hypothetical"),
    ("Berisha has been under pressure to resign from the party.", "resign", "hypothetical"),
    ("Frustration grew over the failure to sell missiles to Turkey.", "sell", "denied"),
    ("Now is not the time for the Council to consider offering sanctions relief.", "offering", "hypothetical"),
])
def test_what_is_only_sought_or_failed_did_not_happen(nlp, text, word, expected):
    result = _status(nlp, text, word)
    assert result.status == expected and result.unreal


def test_an_event_noun_where_an_attempt_was_made_happened(nlp):
    # the talks are where the attempt was made: they were held
    text = "An attempt to bridge that difference at working-level talks in Stockholm in October broke down."
    assert _status(nlp, text, "talks").status != "hypothetical"


def test_what_did_not_happen_is_left_out_and_says_why():
    kept, stored = _kept("Police did not detain any journalists on Monday.", "COERCE")
    assert [e.status for e in kept] == ["denied"] and "did not happen" in kept[0].non_event
    assert not stored


# ---- habits: kept with a reason, not dropped silently
@pytest.mark.parametrize("text, event_type", [
    ("About 13,700 dogs are slaughtered every month in the city.", "ASSAULT"),
    ("Residents lose their homes most often when they are convicted of crimes.", "ACCUSE"),
    ("The rebels traditionally cross the border when attacked by government troops.", "ASSAULT"),
    ("The ranchers need protection from regular attacks by the militias.", "ASSAULT"),
])
def test_a_habit_is_no_event(text, event_type):
    kept, stored = _kept(text, event_type)
    assert kept and all("habit" in (e.non_event or "") for e in kept)
    assert not stored


def test_a_single_past_event_in_a_when_clause_is_kept():
    kept, stored = _kept("The rebels crossed the border on Monday when they were attacked by government troops.",
                         "ASSAULT")
    assert stored and stored[0].non_event is None
