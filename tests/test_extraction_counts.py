"""Counts of people: numbers, vague words, bounds, ranges, kinds, anchors and traps."""
import pytest

from newsevents.extraction.counts import CountMention, find_counts, to_count  # noqa: E402




def counts(nlp, text):
    return [(m.kind, m.min, m.max) for m in find_counts(nlp(text))]


@pytest.mark.parametrize("text, expected", [
    ("Rebels killed 37 farmers near the river.", [("killed", 37, 37)]),
    ("At least 8,500 people have been arrested since May.", [("detained", 8500, None)]),
    ("More than 300 marines were sent to the island.", [("troops", 300, None)]),
    ("Up to 70 villagers were wounded in the raid.", [("injured", None, 70)]),
    ("Almost 600 families fled the district.", [("displaced", None, 600)]),
    ("Between 40 and 60 miners were hospitalised.", [("injured", 40, 60)]),
    ("Scores of students marched on the ministry.", [("participants", 20, 99)]),
    ("Tens of thousands of people rallied in the capital.", [("participants", 10000, 99999)]),
    ("Two dozen hostages were seized by the gang.", [("detained", 24, 24)]),
    ("The gang kidnapped two dozen passengers.", [("detained", 24, 24)]),
    ("About 2.5 million people have been displaced.", [("displaced", 2500000, 2500000)]),
    ("Some 12k protesters gathered downtown.", [("participants", 12000, 12000)]),
    ("Forty-two people died in the fire at the camp.", [("killed", 42, 42)]),
    # a verb can bound the number: "passed / exceeded N" is at least N; "rose to N" is N
    ("The death toll passed 1,000 on Monday.", [("killed", 1000, None)]),
    ("The death toll exceeded 500.", [("killed", 500, None)]),
    ("The death toll rose to 1,000.", [("killed", 1000, 1000)]),
])
def test_numbers_bounds_and_kinds(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "A 52-year-old woman was arrested on Tuesday.",
    "The suspect, aged 33, was detained in Lyon.",
    "Fuel prices rose 40 percent in 2021.",
    "The ministry pledged $20 million to rebuild the school.",
    "It was one of the biggest protests the city has seen.",
    "Shells hit a million-strong city overnight.",
    "The convoy was ambushed on Highway 7 at 4 pm.",
    "Troops seized 30 tonnes of explosives and 12 vehicles.",
    "Many people were injured in the stampede.",
])
def test_traps_are_not_counts(nlp, text):
    assert counts(nlp, text) == []


def test_anchor_and_offsets(nlp):
    doc = nlp("The blast left 14 dead and injured 31 others.")
    found = find_counts(doc)
    assert [(m.kind, m.anchor.text) for m in found] == [("killed", "dead"), ("injured", "injured")]
    assert doc.text[found[0].start:found[0].end] == "14"


def test_cumulative_and_record(nlp):
    m = find_counts(nlp("So far 95 journalists have been jailed this year."))[0]
    assert isinstance(m, CountMention) and m.cumulative
    c = to_count(m)
    assert (c.kind, c.min, c.max, c.cumulative) == ("detained", 95, 95, True)
    assert not find_counts(nlp("Police detained 20 people on Friday."))[0].cumulative


def test_attackers_fleeing_are_not_displaced(nlp):
    assert counts(nlp, "The 5 gunmen fled in a stolen car.") == []
    assert counts(nlp, "The 500 residents fled in boats.") == [("displaced", 500, 500)]


def details(nlp, text):
    return [(m.kind, m.min, m.max, m.text, m.cumulative, m.anchor.text) for m in find_counts(nlp(text))]


@pytest.mark.parametrize("text, expected", [
    # bound words of three words, and "N of them" / "including N" leaving the total alone
    ("No fewer than 40 people were killed in the attack.", [("killed", 40, None, "No fewer than 40", False, "killed")]),
    ("As many as 60 soldiers were wounded.", [("injured", None, 60, "As many as 60", False, "wounded")]),
    ("About 500 people, 40 of them children, were displaced.",
     [("displaced", 500, 500, "About 500", False, "displaced")]),
    ("The strike killed 12 people, including 3 children.", [("killed", 12, 12, "12", False, "killed")]),
    # a running total: "since", "a total of ... in <year>"; a single day or month is one incident
    ("Police have detained 1,200 people since January.", [("detained", 1200, 1200, "1,200", True, "detained")]),
    ("A total of 45 people have been killed in 2021.", [("killed", 45, 45, "A total of 45", True, "killed")]),
    ("Police detained 300 people on Monday.", [("detained", 300, 300, "300", False, "detained")]),
    ("Police detained 300 people in January.", [("detained", 300, 300, "300", False, "detained")]),
    # the counted people: a vague "handful of", "two of the", a nationality, "others"
    ("A handful of protesters were arrested.", [("detained", 2, 5, "A handful", False, "arrested")]),
    ("Two of the soldiers were killed.", [("killed", 2, 2, "Two", False, "killed")]),
    ("Twelve Syrians were killed in the strike.", [("killed", 12, 12, "Twelve", False, "killed")]),
    ("More than 200 Ukrainians fled to Poland.", [("displaced", 200, None, "More than 200", False, "fled")]),
    ("Some 3,000 troops marched into the city.", [("troops", 3000, 3000, "Some 3,000", False, "marched")]),
    # two counts in one sentence, each on its own verb
    ("Five people were killed and 12 others wounded.",
     [("killed", 5, 5, "Five", False, "killed"), ("injured", 12, 12, "12", False, "wounded")]),
    ("At least 7 people were hurt and 2 killed.",
     [("injured", 7, None, "At least 7", False, "hurt"), ("killed", 2, 2, "2", False, "killed")]),
    ("Thousands of people marched, and 200 were detained.",
     [("participants", 1000, 9999, "Thousands", False, "marched"), ("detained", 200, 200, "200", False, "detained")]),
    ("The rebels killed 14 villagers and 3 policemen.",
     [("killed", 14, 14, "14", False, "killed"), ("killed", 3, 3, "3", False, "killed")]),
    ("The death toll has risen to 35.", [("killed", 35, 35, "35", False, "toll")]),
    ("300 people were killed in 2021.", [("killed", 300, 300, "300", True, "killed")]),
    ("300 people were killed on Sunday, March 7, 2021.", [("killed", 300, 300, "300", False, "killed")]),
    ("Forty skateboarders were injured.", [("injured", 40, 40, "Forty", False, "injured")]),
    ("Some 400 Kenyans were evacuated.", [("displaced", 400, 400, "Some 400", False, "evacuated")]),
    ("The blast left 40 people dead.", [("killed", 40, 40, "40", False, "dead")]),
    ("The attack left 12 people injured.", [("injured", 12, 12, "12", False, "injured")]),
    ("The clashes killed 40 to 50 people.", [("killed", 40, 50, "40 to 50", False, "killed")]),
    ("Police detained 40 people, 12 of whom were released.", [("detained", 40, 40, "40", False, "detained")]),
    ("The death toll from the attack rose to 50.", [("killed", 50, 50, "50", False, "toll")]),
    ("The number of those detained has climbed to 300.", [("detained", 300, 300, "300", False, "detained")]),
    ("At least 20 people, mostly students, were hurt.", [("injured", 20, None, "At least 20", False, "hurt")]),
    ("Dozens were killed and hundreds injured.",
     [("killed", 12, 99, "Dozens", False, "killed"), ("injured", 100, 999, "hundreds", False, "injured")]),
    # not counts of people: an age, a bus or room number, "one of"
    ("Men aged between 18 and 60 were detained.", []),
    ("Victims aged 20 were killed.", []),
    ("Two men aged 25 were killed.", [("killed", 2, 2, "Two", False, "killed")]),
    ("Three protesters, aged 17, 19 and 22, were arrested.", [("detained", 3, 3, "Three", False, "arrested")]),
    ("Police arrested 3 people aged between 18 and 20.", [("detained", 3, 3, "3", False, "arrested")]),
    ("Flight number 370 crashed, killing 239 people.", [("killed", 239, 239, "239", False, "killing")]),
    ("A No. 10 bus exploded, injuring 12 passengers.", [("injured", 12, 12, "12", False, "injuring")]),
    ("40 Congolese were killed.", [("killed", 40, 40, "40", False, "killed")]),
    ("Rebels killed 300.", [("killed", 300, 300, "300", False, "killed")]),
    ("Room no. 12 was searched and 4 guards were detained.", [("detained", 4, 4, "4", False, "detained")]),
    ("A man aged 25 was killed.", []),
    ("Bus number 10 was attacked and 5 passengers were injured.", [("injured", 5, 5, "5", False, "injured")]),
    ("One of the soldiers was killed.", []),
])
def test_bounds_totals_and_the_counted_people(nlp, text, expected):
    assert details(nlp, text) == expected
