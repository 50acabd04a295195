"""Status as the coding guide defines it (issue 11): a non-occurred event is never stored as
occurred, and an act done by saying it is done, not planned.

Each case is a syntactic pattern, checked on the real spaCy model, with a counter-case that must
keep its old status.
"""
import pytest

from newsevents.config import Settings
from newsevents.extraction.status import classify_status
from newsevents.model import Article
from newsevents.pipeline import extract_article

PAD = " The report was published by a local newspaper in its morning edition."


def _status(nlp, text: str, word: str) -> str:
    doc = nlp(text)
    return classify_status(next(t for t in doc if t.text == word)).status


def _records(text: str, event_type: str):
    events = extract_article(Article(text=text + PAD, published="2024-05-10"), Settings(keep_non_events=True))
    return [e for e in events if e.type == event_type]


# ---- a speech verb whose object is the act: announcing sanctions imposes them
@pytest.mark.parametrize("text, word", [
    ("The ministry announced sanctions on three Russian banks on Monday.", "sanctions"),
    ("The European Union announced new sanctions against Iran on Tuesday.", "sanctions"),
    ("The rebels announced a ceasefire in the north.", "ceasefire"),
])
def test_an_announced_act_is_done(nlp, text, word):
    assert _status(nlp, text, word) == "occurred"


@pytest.mark.parametrize("text, word, status", [
    ("The government announced plans to impose sanctions.", "sanctions", "planned"),   # the plan is announced
    ("The army is preparing an attack on the city.", "attack", "planned"),             # not a speech verb
    ("The minister promised aid to the flood victims.", "aid", "planned"),
])
def test_a_plan_or_promise_stays_planned(nlp, text, word, status):
    assert _status(nlp, text, word) == status


# ---- a phrase fronted before the speech verb sets its scene; it is not what was said
@pytest.mark.parametrize("text, word", [
    ("In announcing the sanctions on the former leader, the State Department said he was corrupt.", "sanctions"),
    ("After announcing the arrests, police said the suspects were foreigners.", "arrests"),
])
def test_a_fronted_scene_is_not_the_claim(nlp, text, word):
    assert _status(nlp, text, word) == "occurred"


def test_a_complement_after_the_speech_verb_is_the_claim(nlp):
    assert _status(nlp, "Police accused him of killing two protesters.", "killing") == "claimed"


# ---- a modal on another verb scopes over a conjoined threat: it is supposed, not made
@pytest.mark.parametrize("text", [
    "The president might resign and start threatening the opposition.",
    "The army could withdraw and start threatening the villagers.",
])
def test_a_modal_on_a_conjoined_verb_is_not_folded(text):
    threats = _records(text, "THREATEN")
    assert threats and all(e.status == "hypothetical" for e in threats)
    assert all(e.non_event for e in threats)


@pytest.mark.parametrize("text, event_type", [
    ("Rebels said they would attack the town.", "THREATEN"),           # the modal is the threat's own
    ("Russia said it would not accept the proposal.", "REJECT"),       # the refusal's own negation
])
def test_a_modal_of_the_expression_itself_is_folded(text, event_type):
    records = _records(text, event_type)
    assert [e.status for e in records] == ["occurred"]


# ---- a side telling its own deed is a claim: no doer named, and the speaker an armed side
@pytest.mark.parametrize("text, word", [
    ("Both forces say huge quantities of ammunition were seized and several rebels were captured.", "seized"),
    ("Security forces said five suspects were arrested.", "arrested"),
])
def test_an_armed_side_reporting_a_deed_with_no_doer_claims_it(text, word):
    records = [e for e in _records(text, "COERCE") if e.evidence.trigger == word]
    assert [e.status for e in records] == ["claimed"]


@pytest.mark.parametrize("text, word", [
    ("Officials said several hundred troops were deployed to the villages.", "deployed"),   # not an armed side
    ("Witnesses said several shops were looted.", "looted"),
])
def test_others_relaying_a_deed_with_no_doer_relay_it(text, word):
    records = [e for e in _records(text, "MOBILIZE") + _records(text, "COERCE") if e.evidence.trigger == word]
    assert [e.status for e in records] == ["occurred"]


def test_an_event_noun_without_its_doer_is_relayed(nlp):
    """Only a passive hides the doer: "the military says ... attacks" names no deed of its own."""
    text = "The military said the airstrike hit a rebel base near the border."
    records = [e for e in _records(text, "ASSAULT") if e.evidence.trigger == "airstrike"]
    assert [e.status for e in records] == ["occurred"]
