"""Counts behaviour that mutation testing found unguarded (issue 16; docs/mutation-testing.md).

Each case pins the exact record a rule of extraction/counts.py gives, on a sentence that reaches
that rule; the mutant it kills is named beside it.
"""
import pytest

from newsevents.extraction.counts import find_counts, to_count


def details(nlp, text):
    return [(m.kind, m.min, m.max, m.text, m.cumulative, m.anchor.text) for m in find_counts(nlp(text))]


@pytest.mark.parametrize("text, expected", [
    # "between" opens a range only right before its number; further back it is no bound word
    # (was "between rebels killed 40": _apply_modifier took any "between" up to four words back)
    ("Fighting between rebels killed 40 people.", [("killed", 40, 40, "40", False, "killed")]),
    ("Clashes between police and protesters killed 40 people.", [("killed", 40, 40, "40", False, "killed")]),
    ("Between 40 and 60 miners were hospitalised.", [("injured", 40, 60, "Between 40 and 60", False, "hospitalised")]),
    # spelled-out numbers: "and" joins a tens word to its hundreds; "half a million" is three words
    ("One hundred and twenty people were killed.", [("killed", 120, 120, "One hundred and twenty", False, "killed")]),
    ("Two hundred and fifty people were detained.",
     [("detained", 250, 250, "Two hundred and fifty", False, "detained")]),
    ("Half a million people fled.", [("displaced", 500000, 500000, "Half a million", False, "fled")]),
    # a verb with its particle or complement is one cue, anchored on the verb: "shot dead"
    ("Soldiers shot dead 12 protesters.", [("killed", 12, 12, "12", False, "shot")]),
    # "leaving N people dead": the complement says what the number counts
    ("Gunmen stormed a hotel on Tuesday, leaving at least five people dead.",
     [("killed", 5, None, "at least five", False, "dead")]),
    ("Some 5,000 people took part in the march.", [("participants", 5000, 5000, "Some 5,000", False, "took")]),
    # a number that ends the sentence (no full stop: a headline, a caption)
    ("Rebels killed 300", [("killed", 300, 300, "300", False, "killed")]),
    # a headline's capitalised last word is no identifier glued to a number at its start
    ("300 killed in Kabul", [("killed", 300, 300, "300", False, "killed")]),
    # "in" or "during" a year, with no day named: the year's running total
    ("Police arrested 300 people during 2021.", [("detained", 300, 300, "300", True, "arrested")]),
])
def test_exact_counts(nlp, text, expected):
    assert details(nlp, text) == expected


@pytest.mark.parametrize("text", [
    # a year named with a day is the date of one incident, not a year's running total
    "The attack on Sunday, the deadliest in 2021, killed 300 people.",
    "The bombing on Monday, the worst in 2019, killed 40 people.",
])
def test_a_year_with_a_day_is_one_incident(nlp, text):
    found = details(nlp, text)
    assert len(found) == 1 and found[0][0] == "killed" and found[0][4] is False


def test_only_people_are_counted(nlp):
    # a plural noun that names no people is no count, whatever the verb
    assert details(nlp, "The drought killed 300 goats.") == []
    assert details(nlp, "The drought killed 300 farmers.") == [("killed", 300, 300, "300", False, "killed")]
    # a capitalised plural name of people ("Refugees" parsed as a proper noun) is people
    assert details(nlp, "Police detained 40 Rohingya Refugees.") == [("detained", 40, 40, "40", False, "detained")]


def test_the_record_keeps_the_offsets(nlp):
    doc = nlp("Rebels killed 37 farmers near the river.")
    count = to_count(find_counts(doc)[0])
    assert (count.kind, count.min, count.max, count.text) == ("killed", 37, 37, "37")
    assert (count.start, count.end) == (14, 16) and doc.text[count.start:count.end] == "37"
