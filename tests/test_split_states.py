"""One event per state (coding guide): an action naming several states is one record per state
(real spaCy model, the whole pipeline)."""
from newsevents.config import Settings
from newsevents.model import Article
from newsevents.pipeline import extract_article
from newsevents.resolve.split_states import SPLIT_NOTE, conjunct_spans

PAD = " The report was published by a local newspaper in its morning edition."
ALL = dict(min_confidence=0, keep_non_events=True)


def _of_type(text: str, event_type: str):
    found = extract_article(Article(text=text + PAD, published="2024-03-04"), Settings(**ALL))
    return [e for e in found if e.type == event_type]


def _pairs(events):
    return [((e.actor1.text, e.actor1.country) if e.actor1 else None,
             (e.actor2.text, e.actor2.country) if e.actor2 else None) for e in events]


def test_a_sanction_on_three_states_is_three_events_with_the_same_fields():
    events = _of_type("President Donald Trump imposed new tariffs on Mexico, Canada and China on Saturday.",
                      "SANCTION")
    assert [a2 for _, a2 in _pairs(events)] == [("Mexico", "MEX"), ("Canada", "CAN"), ("China", "CHN")]
    assert {e.actor1.country for e in events} == {"USA"}
    assert len({(e.date, e.status, e.cameo, e.evidence.start) for e in events}) == 1
    assert len({e.id for e in events}) == 3          # three records, not retellings of one
    assert all(any(SPLIT_NOTE in line for line in e.explain) for e in events)


def test_coordinated_source_states_each_act_and_distributive_words_stay_out():
    events = _of_type("Australia, Canada and the United States all condemned Thailand on Friday.", "ACCUSE")
    assert _pairs(events) == [(("Australia", "AUS"), ("Thailand", "THA")), (("Canada", "CAN"), ("Thailand", "THA")),
                              (("the United States", "USA"), ("Thailand", "THA"))]
    events = _of_type("Both Pakistan and China rejected the claims on Monday, officials said.", "REJECT")
    assert [a1 for a1, _ in _pairs(events)] == [("Pakistan", "PAK"), ("China", "CHN")]


def test_national_adjectives_coordinated_are_two_states():
    events = _of_type("The U.N. Security Council rejected a Chinese and Russian proposal on Tuesday.", "REJECT")
    assert [e.actor2.country for e in events] == ["CHN", "RUS"]


def test_reciprocal_states_act_on_each_other():
    events = _of_type("Egypt and Turkey expelled each other's ambassadors on Monday.", "SANCTION")
    assert [(e.actor1.country, e.actor2.country) for e in events] == [("EGY", "TUR"), ("TUR", "EGY")]


def test_non_state_co_actors_stay_one_record():
    # the guide: sub-national or non-state co-actors stay together
    events = _of_type("Rebels and Malian soldiers attacked the village on Monday.", "ASSAULT")
    assert len(events) == 1
    assert not any(SPLIT_NOTE in line for line in events[0].explain)


def test_two_actors_of_one_state_stay_one_record():
    events = _of_type("President Trump and Secretary of State Marco Rubio condemned Iran on Monday.", "ACCUSE")
    assert len(events) == 1


def test_a_meeting_of_two_states_keeps_both_sides_in_one_record():
    # acts between equals: the coordinated subject already names both sides
    events = _of_type("Jordan and Syria held talks in Amman on Monday.", "CONSULT")
    assert len(events) == 1 and events[0].actor2.country == "SYR"


def test_conjunct_spans_cut_a_list_into_its_members(nlp):
    doc = nlp("Sanctions were imposed on several countries, including Iran, Syria and North Korea.")
    head = next(t for t in doc if t.text == "countries")
    spans = conjunct_spans(doc[head.left_edge.i:head.i + 1])
    assert [s.text for s in spans] == ["Iran", "Syria", "North Korea"]


def test_a_counted_anaphor_recalls_the_states_of_the_sentence_before():
    text = ("In late January, Burkina Faso, Mali and Niger withdrew from ECOWAS after a yearlong dispute "
            "with the bloc. The three military-led nations accused the regional body of failing its members.")
    events = _of_type(text, "ACCUSE")
    assert [e.actor1.country for e in events] == ["BFA", "MLI", "NER"]
    assert {e.actor1.text for e in events} == {"The three military-led nations"}


def test_a_counted_anaphor_that_counts_otherwise_stays_as_it_is():
    text = ("In late January, Burkina Faso, Mali and Niger withdrew from ECOWAS after a yearlong dispute "
            "with the bloc. Both countries accused the regional body of failing its members.")
    events = _of_type(text, "ACCUSE")
    assert len(events) == 1
    assert not any(SPLIT_NOTE in line for line in events[0].explain)


def test_coordinated_national_modifiers_split_and_non_state_heads_do_not():
    events = _of_type("Trump at first imposed 25% tariffs on Canadian and Mexican exports to the U.S. on Monday.",
                      "SANCTION")
    assert [e.actor2.country for e in events] == ["CAN", "MEX"]
    events = _of_type("Canadian and Mexican farmers protested against the tariffs on Monday in Ottawa.", "PROTEST")
    assert len(events) == 1


def test_a_meeting_named_by_two_national_modifiers_is_one_event_with_both_sides():
    events = _of_type("Last week, Cameroon and C.A.R. officials met in Bangui to discuss border security.", "CONSULT")
    assert [(e.actor1.country, e.actor2.country) for e in events] == [("CMR", "CAF")]
