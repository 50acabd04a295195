"""Word senses that decide the PLOVER type (issue 11): an object's class, a governing verb, the
subject's class and the coding guide's SANCTION/COERCE split, read from the parse and the lexicon's
word sets rather than from single sentences."""
from __future__ import annotations

import pytest

from newsevents.extraction.events import find_event_mentions
from newsevents.extraction.lexicon import lexicon, state_words


def _types(nlp, text: str) -> dict[str, str]:
    """Trigger word -> PLOVER type of each mention the coder finds in ``text``."""
    doc = nlp(text)
    return {m.trigger.text: m.type for s in doc.sents for m in find_event_mentions(s)}


@pytest.mark.parametrize("text,word,etype", [
    # a strike is a protest when workers, unions or a protest are named, or it is gone on or called
    ("Thousands of teachers went on strike in Nairobi on Monday.", "strike", "PROTEST"),
    ("A general strike called by the unions shut the port on Tuesday.", "strike", "PROTEST"),
    ("Dockworkers struck at three ports on Monday over wages.", "struck", "PROTEST"),
    # a meeting with a person or group is a consultation
    ("The German chancellor met with the Chinese president in Beijing on Tuesday.", "met", "CONSULT"),
    # a troop move names a force or its means
    ("China deployed warships and submarines near the island on Monday.", "deployed", "MOBILIZE"),
    ("The navy dispatched two vessels to the strait on Monday.", "dispatched", "MOBILIZE"),
    # the coding guide: a ban on a foreign state or its people is SANCTION, on one's own people COERCE
    ("The United States barred Russian diplomats from entering the building on Monday.", "barred", "SANCTION"),
    ("The government banned flights from China on Monday.", "banned", "SANCTION"),
    ("Washington imposed new restrictions on China on Monday.", "imposed", "SANCTION"),
    ("The junta barred women from working for aid groups on Monday.", "barred", "COERCE"),
    ("The government imposed restrictions on journalists on Monday.", "imposed", "COERCE"),
    # a state of the actor's own marks its own people: COERCE
    ("President Yoweri Museveni has banned Ugandan opposition candidates from the elections.", "banned", "COERCE"),
    # a force verb's object class: an actor's acts and words are attacked or shot down in speech
    ("The opposition leader attacked the government's handling of the economy on Monday.", "attacked", "ACCUSE"),
    ("The foreign minister shot down the proposal on Monday.", "shot", "REJECT"),
    ("Rebels attacked an army base in the north on Monday.", "attacked", "ASSAULT"),
    ("Russian forces shot down a drone over the border on Monday.", "shot", "ASSAULT"),
    # sanctions and tariffs hit or target a state
    ("The United States hit Russia with new sanctions on Monday.", "hit", "SANCTION"),
    ("China targeted Canadian farmers with tariffs on Monday.", "targeted", "SANCTION"),
    # crowd-control means fired at people: COERCE, as the coding guide codes police crowd control
    ("Police fired tear gas at protesters in the capital on Monday.", "fired", "COERCE"),
    ("Police fired rubber bullets at the crowd on Monday.", "fired", "COERCE"),
    # agreeing that something will be done is a commitment
    ("Both leaders agreed that their ministers would meet again next month.", "agreed", "AGREE"),
    ("The two ministers agreed that their countries should work together on trade.", "agreed", "AGREE"),
])
def test_sense_gives_the_type(nlp, text, word, etype):
    assert _types(nlp, text).get(word) == etype


@pytest.mark.parametrize("text,word", [
    # "the strike" with no sign of workers or a protest is no protest (an air strike in war news)
    ("Officials said the strike was the result of a two-year effort to track him.", "strike"),
    # natural forces strike without protesting
    ("A powerful earthquake struck the coast of Chile on Sunday.", "struck"),
    # meeting with a reaction is no meeting: the object of "with" is a thing
    ("The offensive launched this month has met with surprising success.", "met"),
    ("The plan met with fierce resistance in parliament.", "met"),
    # a thing dispatched or deployed is no troop move
    ("Authorities dispatched coffins from the railway station on Wednesday.", "dispatched"),
    ("The company deployed a new app for its customers on Monday.", "deployed"),
    # concurring with a statement is speech, not a commitment to cooperate
    ("Both leaders agreed that the region's economy had suffered badly.", "agreed"),
    ('"The danger has not passed," agreed a spokesman for the exiles.', "agreed"),
])
def test_other_sense_is_not_coded_as_that_type(nlp, text, word):
    assert word not in _types(nlp, text)


def test_word_set_values_expand_in_object_conditions():
    rows = lexicon().entries[("deploy", "V")]
    objs = [c for e in rows for c in e.conds if c.name == "obj"]
    assert any("@forceword" in c.values for c in objs)
    assert {"vessel", "submarines", "reinforcements"} <= lexicon().ctx["forceword"]


def test_state_words_hold_names_demonyms_capitals_and_people():
    words = state_words()
    assert words["russian"] == {"RUS"} and words["kabul"] == {"AFG"} and "CHN" in words["china"]
    assert "UGA" in words["museveni"]
    assert "women" not in words and "government" not in words
