"""The CAMEO verb dictionary floor (extraction/verb_floor.py) and modality of frame contents."""
import json
from pathlib import Path

import pytest

from newsevents.codebooks.cameo_verbs import parse, verb_dictionary
from newsevents.model import Article
from newsevents.pipeline import extract_article

GOLD = Path(__file__).parent / "fixtures" / "modality_gold.jsonl"


def _events(text):
    return extract_article(Article(text=text, published="2022-01-13"))


def test_verb_dictionary_reads_blocks_patterns_and_codes():
    vd = verb_dictionary()
    assert vd.senses["expel"][0].code == "174"
    assert any(p.code == "1124" and p.text == "- * EVIDENCE" for p in vd.patterns["EXHIBIT"])
    assert sum(len(p) for p in vd.patterns.values()) > 4000


def test_parse_keeps_first_code_and_null_patterns():
    text = ("####### VERB PATTERNS #######\n---  DEMO   [---]  ---\nDEMO\n"
            "- * BUDGET  [---]  # DEMO\n- * (TO)  [042:043]  # DEMO\n- * (AT HEARING)  [:173]  # DEMO\n")
    vd = parse(text)
    codes = [p.code for p in vd.patterns["DEMO"]]
    assert codes == [None, "042", "173"]
    # a paired code with only its second half runs from the target to the source
    assert [p.reversed for p in vd.patterns["DEMO"]] == [False, False, True]
    assert vd.senses["demo"][0].code is None


@pytest.mark.parametrize("text,src,tgt", [
    ("The governor came under fire from the opposition party.", "party", "governor"),
    ("The minister faced criticism from rights groups.", "groups", "minister"),
])
def test_reversed_pattern_makes_the_subject_the_target(nlp, text, src, tgt):
    from newsevents.extraction.events import find_event_mentions
    [m] = [m for s in nlp(text).sents for m in find_event_mentions(s)]
    assert (m.type, m.cameo) == ("ACCUSE", "111")
    assert m.source.root.lower_ == src and m.target.root.lower_ == tgt


@pytest.mark.parametrize("text, ptype, cameo, pattern", [
    ("The Turkish parliament ratified an agreement with Libya on Thursday.", "SUPPORT", "057", "RATIFY"),
    ("Prosecutors presented evidence against the former minister.", "ACCUSE", "1124", "PRESENT: '- * EVIDENCE'"),
])
def test_floor_codes_verbs_the_lexicon_lacks_and_explains_the_pattern(text, ptype, cameo, pattern):
    events = _events(text)
    assert [(e.type, e.cameo) for e in events] == [(ptype, cameo)]
    assert f"CAMEO.2.0 verb {pattern}" in events[0].explain[0]


def test_floor_content_of_a_pledge_is_its_object():
    events = _events("The government pledged to expel foreign diplomats.")
    assert [(e.type, e.evidence.trigger) for e in events] == [("THREATEN", "pledged")]


@pytest.mark.parametrize("text", [
    "The ISIL group has already used cheap drones to carry out reconnaissance.",      # a means
    "McVeigh arrived in Junction City on April 14.",                                   # acts on no one
    "I'm a woman who has worked here for ten years, so I didn't think they'd fire me.",
])
def test_floor_needs_two_actors_and_no_means(text):
    assert not any("CAMEO.2.0" in e.explain[0] for e in _events(text))


def _gold():
    return [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("g", _gold(), ids=lambda g: g["id"])
def test_modality_gold(g):
    events = _events(g["text"])
    got = {e.evidence.trigger.lower(): e for e in events}
    for want in g.get("events", []):
        e = got.get(want["trigger"].lower())
        assert e is not None and (e.type, e.status) == (want["type"], want["status"]), g["text"]
    for word in g.get("not_events", []):
        assert word.lower() not in got, f"{word!r} is content, not an event: {g['text']}"
    for word in g.get("not_occurred", []):
        e = got.get(word.lower())
        assert e is None or e.status in ("hypothetical", "denied", "planned"), (word, e and e.status)


def test_pattern_comment_naming_several_verbs_holds_for_each():
    """"- * {DIPLOMATIC TIES} [050] # REESTABLISH , RESTORE" was written for RESTORE too."""
    from newsevents.extraction.verb_floor import _usable_patterns
    restore = next(s for s in verb_dictionary().senses["restore"] if s.block == "RE_ESTABLISH")
    assert any(p.text == "- * {DIPLOMATIC TIES}" for p, _ in _usable_patterns(restore))


def test_specific_pattern_gives_the_code_within_the_rows_type():
    """A lexicon row that codes the verb alone takes the CAMEO code of the dictionary's longer
    pattern when the two agree on the PLOVER type (CAMEO: the most specific pattern codes)."""
    events = _events("The United States accused Beijing of genocide in Xinjiang.")
    assert [(e.type, e.cameo) for e in events] == [("ACCUSE", "1124")]
    assert "by CAMEO.2.0 verb ACCUSE" in events[0].explain[0]


@pytest.mark.parametrize("text, ptype, cameo", [
    ("As a precaution, Cameroon banned the import of poultry from Europe.", "SANCTION", "163"),
    ("The military government banned the main opposition party.", "COERCE", "1722"),
])
def test_a_ban_on_trade_is_an_embargo(text, ptype, cameo):
    """CAMEO 163 (embargo; CAMEO.2.0 BAN - * IMPORT) and the coding guide's SANCTION for a ban on
    a foreign state's goods; a ban on a party stays CAMEO 1722 (COERCE)."""
    assert [(e.type, e.cameo) for e in _events(text)] == [(ptype, cameo)]
