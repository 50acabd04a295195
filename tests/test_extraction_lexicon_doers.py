"""Doers and things in the trigger lexicon: the `doer` condition and the thing test."""
from __future__ import annotations

import pytest

from newsevents.extraction.lexicon import doer_nouns, is_thing, lexicon, match


def _tok(nlp, text, word):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def test_doer_nouns_join_roles_people_and_word_sets():
    words = doer_nouns()
    assert {"police", "government", "forum", "defendant"} <= words
    assert "app" not in words and "result" not in words


@pytest.mark.parametrize("text,word,thing", [
    ("The app supports maps.", "app", True),
    ("This allows us to hike.", "This", True),
    ("The police arrested him.", "police", False),
    ("The APEC forum agreed to meet.", "forum", False),
    ("The bombers fled.", "bombers", False),
    ("Members of the party resigned.", "Members", False),
    ("The CSTO contingent has provided all the necessary assistance.", "contingent", False),
])
def test_is_thing(nlp, text, word, thing):
    assert is_thing(_tok(nlp, text, word)) is thing


def test_release_rows_need_a_person_or_group(nlp):
    cond = [c for e in lexicon().entries[("release", "V")] for c in e.conds if c.name == "doer"]
    assert cond, "the general release rows should carry the doer condition"
    tok = _tok(nlp, "The cells release cytokines after an infection.", "release")
    assert match(tok, set()) is None
    tok = _tok(nlp, "The rebels released the two aid workers.", "released")
    assert match(tok, set()) is not None
