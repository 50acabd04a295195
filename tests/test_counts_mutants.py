"""Counts behaviour that mutation testing found unguarded (issue 16; docs/mutation-testing.md).

Each case pins the exact record a rule of extraction/counts.py gives, on a sentence that reaches
that rule; the mutant it kills is named beside it.
"""
import pytest
from spacy.tokens import Doc

from newsevents.extraction.counts import _verb_kind, find_counts, to_count


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
    "The bombing on Wednesday, the worst in 2019, killed 40 people.",
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


# Survivors of the mutation sample that needed a case of their own (issue 16). Where the parser
# makes the shape on a plain sentence, the sentence is used; otherwise the parse is built by hand
# (words, heads as absolute indices, labels): a shape the model gives on other sentences.

def parse(nlp, rows):
    """A Doc from (word, head index, dep, pos, tag, lemma) rows, each word followed by a space."""
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows))
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def found(doc):
    return [(m.kind, m.min, m.max, m.text, m.anchor.text) for m in find_counts(doc)]


def test_a_noun_conjoined_to_a_name_takes_the_verb_of_the_name(nlp):
    # "protesters" is the conjunct of "Ahmed": the climb passes a proper noun to reach "arrested"
    assert details(nlp, "Police arrested Ahmed and 12 protesters.") == [("detained", 12, 12, "12", False, "arrested")]


def test_a_number_parsed_as_advmod_of_its_noun_counts_that_noun(nlp):
    doc = parse(nlp, [("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("arrested", 1, "ROOT", "VERB", "VBD", "arrest"),
                      ("40", 3, "advmod", "NUM", "CD", "40"), ("protesters", 1, "dobj", "NOUN", "NNS", "protester"),
                      (".", 1, "punct", "PUNCT", ".", ".")])
    assert found(doc) == [("detained", 40, 40, "40", "arrested")]


def test_an_adjective_clause_on_the_counted_noun_says_what_it_counts(nlp):
    # "injured" tagged as an adjective heading the noun's clause (acl), as in "30 people injured"
    doc = parse(nlp, [("There", 1, "expl", "PRON", "EX", "there"), ("were", 1, "ROOT", "VERB", "VBD", "be"),
                      ("30", 3, "nummod", "NUM", "CD", "30"), ("people", 1, "attr", "NOUN", "NNS", "people"),
                      ("injured", 3, "acl", "ADJ", "JJ", "injured"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert found(doc) == [("injured", 30, 30, "30", "injured")]
    # a kind verb that is no complement word ("evacuated"), tagged as an adjective: still its kind
    doc = parse(nlp, [("There", 1, "expl", "PRON", "EX", "there"), ("were", 1, "ROOT", "VERB", "VBD", "be"),
                      ("500", 3, "nummod", "NUM", "CD", "500"), ("residents", 1, "attr", "NOUN", "NNS", "resident"),
                      ("evacuated", 3, "acl", "ADJ", "JJ", "evacuate"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert found(doc) == [("displaced", 500, 500, "500", "evacuated")]


@pytest.mark.parametrize("word", ["aged", "age"])
def test_a_number_after_aged_is_an_age_even_when_parsed_as_the_subject(nlp, word):
    # the parser makes the age the verb's subject ("Three boys aged only 12 were arrested"
    # parses so): the word before it, not the parse, says it is no count of people
    doc = parse(nlp, [("Three", 1, "nummod", "NUM", "CD", "three"), ("boys", 5, "nsubjpass", "NOUN", "NNS", "boy"),
                      (word, 1, "amod", "ADJ", "JJ", word), ("12", 5, "nsubjpass", "NUM", "CD", "12"),
                      ("were", 5, "auxpass", "AUX", "VBD", "be"), ("arrested", 5, "ROOT", "VERB", "VBN", "arrest"),
                      (".", 5, "punct", "PUNCT", ".", ".")])
    assert found(doc) == [("detained", 3, 3, "Three", "arrested")]


def test_an_age_with_a_word_before_the_number_is_no_count(nlp):
    assert details(nlp, "Three boys aged only 12 were arrested.") == [("detained", 3, 3, "Three", False, "arrested")]


def test_a_phrasal_cue_that_needs_people_rejects_a_noun_that_names_none(nlp):
    # _verb_kind on its own, with the counted noun given: "shot dead" counts people, not goats
    doc = nlp("Soldiers shot dead 12 goats.")
    shot, goats = doc[1], doc[4]
    assert _verb_kind(shot, goats) is None
    doc = nlp("Soldiers shot dead 12 farmers.")
    assert _verb_kind(doc[1], doc[4]) == ("killed", doc[1])


@pytest.mark.parametrize("text, expected", [
    ("A local official told VOA five people had likely been killed.", [("killed", 5, 5, "five", False, "killed")]),
    ("Police told Reuters 12 people were arrested.", [("detained", 12, 12, "12", False, "arrested")]),
    # the identifier rule still holds where the number hangs on the name
    ("Gunmen on Route 66 killed two soldiers.", [("killed", 2, 2, "two", False, "killed")]),
])
def test_a_name_before_a_number_is_no_identifier_when_the_number_counts_people(nlp, text, expected):
    assert details(nlp, text) == expected


# Survivors of the sample drawn again after the _glued and "aged" fixes (issue 16).

@pytest.mark.parametrize("text, expected", [
    # "ages" before the number is an age too, as "aged" and "age" are
    ("Three boys ages 12 were arrested.", [("detained", 3, 3, "Three", False, "arrested")]),
    # "aged" far after the count (the last word of a caption) says nothing about it
    ("The 12 protesters arrested were mostly middle aged", [("detained", 12, 12, "12", False, "arrested")]),
    # money is no count, even where a measure verb would read a crowd's size
    ("The protest drew $5,000 in donations.", []),
    # spelled-out thousands and hundreds add up ("two thousand five hundred" is 2,500)
    ("Two thousand five hundred people fled.",
     [("displaced", 2500, 2500, "Two thousand five hundred", False, "fled")]),
    # a pronoun before the conjoined noun passes the verb on, as a name does
    ("Police arrested him and 12 protesters.", [("detained", 12, 12, "12", False, "arrested")]),
    # "are dead": the complement of "be" says what the number counts
    ("Thirty people are dead.", [("killed", 30, 30, "Thirty", False, "dead")]),
    # a crowd's size by a passive measure verb, and an event noun counted by a measure verb
    ("The crowd was estimated at 5,000.", [("participants", 5000, 5000, "5,000", False, "crowd")]),
    ("The march drew a 10,000 crowd.", [("participants", 10000, 10000, "10,000", False, "march")]),
    # a bound verb with the number behind a preposition still makes it a lower bound
    ("The number of people detained has passed beyond 1,000.",
     [("detained", 1000, None, "1,000", False, "detained")]),
    # only the verbs of the "raise" list pass their complement's kind up: a wish is no flight
    ("Five hundred people wanted to flee.", []),
    # fighters fleeing are no displaced civilians: the clause's cue asks for civilians
    ("Police detained 40 fighters fleeing the town.", [("detained", 40, 40, "40", False, "detained")]),
    # a running total said on the clause ("so far this year"), the count anchored on its noun
    ("There have been 300 detainees so far this year.", [("detained", 300, 300, "300", True, "detainees")]),
])
def test_exact_counts_of_the_second_draw(nlp, text, expected):
    assert details(nlp, text) == expected


def test_a_unit_after_a_hyphen_is_no_count_even_when_the_number_hangs_on_the_people(nlp):
    # "16-year-old protesters" with the number parsed as the protesters' own (the model hangs it
    # on "year" here, on the noun on other text): the unit after the hyphen makes it an age
    doc = parse(nlp, [("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("arrested", 1, "ROOT", "VERB", "VBD", "arrest"),
                      ("16", 7, "nummod", "NUM", "CD", "16"), ("-", 4, "punct", "PUNCT", "HYPH", "-"),
                      ("year", 6, "npadvmod", "NOUN", "NN", "year"), ("-", 6, "punct", "PUNCT", "HYPH", "-"),
                      ("old", 7, "amod", "ADJ", "JJ", "old"), ("protesters", 1, "dobj", "NOUN", "NNS", "protester"),
                      (".", 1, "punct", "PUNCT", ".", ".")])
    assert found(doc) == []


def test_a_number_inside_a_named_entity_is_an_identifier(nlp):
    # "Route 66 protesters": the model makes "Route 66" one entity (FAC) and, as for "Block 9
    # residents", may hang the number on the people; the shared entity makes it a name's number
    rows = [("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("arrested", 1, "ROOT", "VERB", "VBD", "arrest"),
            ("Route", 4, "nmod", "PROPN", "NNP", "Route"), ("66", 4, "nummod", "NUM", "CD", "66"),
            ("protesters", 1, "dobj", "NOUN", "NNS", "protester"), (".", 1, "punct", "PUNCT", ".", ".")]
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              ents=["O", "O", "B-FAC", "I-FAC", "O", "O"])
    assert found(doc) == []
