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


# ---- a request, offer or plan that was not made is no event (the negation is the act's own)
@pytest.mark.parametrize("text, event_type", [
    ("The rebels offered no evidence for their claims.", "AGREE"),
    ("The governor did not ask for a new law.", "REQUEST"),
])
def test_a_negated_offer_or_request_was_not_made(text, event_type):
    kept, stored = _kept(text, event_type)
    assert not stored
    assert all(e.status == "denied" and e.non_event for e in kept)


def test_a_refusal_stated_as_will_not_is_made():
    events = _events("The government said it will not withdraw its troops from the border.")
    assert [(e.type, e.status) for e in events if e.type == "REJECT"] == [("REJECT", "occurred")]


# ---- standing conditions: a material event in the present tense is a state or a habit
@pytest.mark.parametrize("text, event_type", [
    ("Both tankers are sanctioned by the U.S. Treasury Department.", "SANCTION"),
    ("Foreign influencers cooperate with the Chinese government to boost its narratives.", "COOPERATE"),
])
def test_a_material_event_in_the_present_is_a_standing_condition(text, event_type):
    kept, stored = _kept(text, event_type)
    assert kept and not stored and all(e.non_event for e in kept)


def test_a_verbal_act_in_the_present_is_a_statement_made():
    kept, stored = _kept("Beijing denies the allegations of forced labour.", "REJECT")
    assert stored and stored[0].non_event is None


def test_a_noun_tagged_as_a_present_verb_is_not_a_standing_condition(nlp):
    from newsevents.extraction.events import _standing
    doc = nlp("The arrest of an activist who played a role in last year's Columbia University protests "
              "over the war has prompted questions.")
    protests = next(t for t in doc if t.text == "protests")
    assert not _standing(protests, "PROTEST")


# ---- hiring or paying someone to do it: the deed is only the purpose
def test_hiring_someone_to_kill_is_no_killing(nlp):
    assert _status(nlp, "Prosecutors say the two men hired a gunman to kill the journalist.", "kill").status == "hypothetical"


# ---- the progressive of another verb does not make an event ongoing
@pytest.mark.parametrize("text, word", [
    ("The recent border skirmish is making India wary of China.", "skirmish"),
    ("The two men are facing charges of attempted murder.", "murder"),
    ("Analysts are praising the bloc despite the recent withdrawal of three member states.", "withdrawal"),
    ("The group is threatening to conduct a test, refusing to meet the envoys.", "refusing"),
])
def test_the_progressive_of_another_verb_is_not_ongoing(nlp, text, word):
    assert _status(nlp, text, word).status != "ongoing"


@pytest.mark.parametrize("text, word", [
    ("Farmers are blocking the border crossings.", "blocking"),
    ("The rebels are holding talks with the government.", "talks"),
    ("Protesters are marching and blocking roads in the capital.", "blocking"),
])
def test_the_progressive_of_the_event_itself_is_ongoing(nlp, text, word):
    assert _status(nlp, text, word).status == "ongoing"


def test_a_participle_speech_verb_speaks_for_its_clauses_subject(nlp):
    result = _status(nlp, "Washington appeared to step back, indicating that sanctions would be imposed "
                          "if Ankara activated the system.", "imposed")
    assert result.speaker is not None and result.speaker.text == "Washington"


# ---- an analyst named once is an analyst later: their quoted words are opinion, no event
def test_commentator_names_are_learned_from_appositives_and_titles():
    from newsevents.extraction.status import commentator_names
    text = ("Joshua Pollack, a North Korean expert at the Middlebury Institute, said talks stalled. "
            "\"We see it,\" said Professor Mesut Casin. So, the talks went on. Fellow officials agreed.")
    names = commentator_names(text)
    assert {"Joshua Pollack", "Pollack", "Mesut Casin", "Casin"} <= names
    assert "So" not in names and "officials" not in names


def test_an_analysts_later_quote_is_no_event_but_a_fact_they_relay_stays():
    text = ("Jonathan Pollack, a senior fellow at the Brookings Institution, follows the region. "
            "\"The army will never stop. It attacked the village on Monday,\" Pollack said. "
            "Pollack said police arrested 20 protesters in Seoul on Monday.")
    kept = [e for e in _events(text, keep_non_events=True) if e.type == "ASSAULT"]
    assert kept and all("commentator" in (e.non_event or "") for e in kept)
    stored = [e for e in _events(text) if e.type == "COERCE"]
    assert stored and stored[0].non_event is None
