"""Reported speech coded by what it does (extraction/speech.py), on sentences written for these tests."""
from __future__ import annotations

from newsevents.extraction.events import find_event_mentions, prefilter
from newsevents.extraction.speech import charge_words


def code(nlp, text):
    doc = nlp(text)
    return [m for s in doc.sents for m in find_event_mentions(s)]


def speech(nlp, text):
    return [m for m in code(nlp, text) if m.rule.startswith("speech")]


def test_statement_charging_its_subject_is_an_accusation(nlp):
    [m] = speech(nlp, "The foreign minister said the governor was involved in corrupt deals.")
    assert (m.type, m.cameo) == ("ACCUSE", "1121")
    assert m.source.root.lower_ == "minister"
    assert m.target.root.lower_ == "governor"


def test_document_speaks_for_its_issuer(nlp):
    [m] = speech(nlp, "A 2022 report by the Interior Ministry said torture is widespread in the border prisons.")
    assert m.type == "ACCUSE" and m.cameo == "1122"
    assert m.source.root.lower_ == "ministry"
    assert m.target is None         # no actor charged by name: the slot stays empty


def test_object_of_highlight_charges_its_owner(nlp):
    [m] = speech(nlp, "The envoy highlighted the junta's aggression against its neighbours.")
    assert (m.type, m.cameo) == ("ACCUSE", "1123")
    assert m.target.root.lower_ == "junta"


def test_dismissed_accusation_is_a_denial(nlp):
    [m] = speech(nlp, "The defence lawyer said the charges were baseless.")
    assert m.type == "REJECT"
    assert m.source.root.lower_ == "lawyer"


def test_no_threat_is_a_denial_not_a_charge(nlp):
    [m] = speech(nlp, "The defence minister insisted that the new radar poses no threat to its neighbours.")
    assert m.type == "REJECT"


def test_reported_event_is_not_a_charge(nlp):
    ms = code(nlp, "Officials said the rebels attacked a police convoy and killed terrorists.")
    assert not [m for m in ms if m.rule.startswith("speech")]
    assert any(m.type == "ASSAULT" for m in ms)


def test_negated_charge_is_no_accusation(nlp):
    assert not [m for m in speech(nlp, "The spokesman said the mayor was not involved in any corruption.")
                if m.type == "ACCUSE"]


def test_whole_direct_quote_is_left_alone(nlp):
    assert speech(nlp, 'The former diplomat said, "Corruption is everywhere in that ministry."') == []


def test_date_possessor_is_no_charged_party(nlp):
    [m] = speech(nlp, "The army spokesman claimed Friday's attackers were in contact with handlers abroad.")
    assert m.type == "ACCUSE" and m.source.root.lower_ == "spokesman"
    assert m.target is None


def test_speech_verbs_with_charge_words_pass_the_prefilter():
    need = prefilter()["said"]
    assert need is not None and {"corruption", "genocide", "allegations"} <= need
    assert charge_words()["charge"]["espionage"] == "1125"


def test_statement_that_others_need_to_act_is_a_call(nlp):
    [m] = speech(nlp, "The envoy said the junta needs to free the detained ministers.")
    assert (m.type, m.cameo) == ("REQUEST", "100")
    assert m.source.root.lower_ == "envoy" and m.target.root.lower_ == "junta"


def test_first_person_need_is_no_call(nlp):
    assert speech(nlp, "The minister said we need to rebuild the whole process.") == []


def test_naming_someone_as_a_wrongdoer_is_an_accusation(nlp):
    [m] = speech(nlp, "Investigators exposed the trader as a fraudster.")
    assert m.type == "ACCUSE" and m.target.root.lower_ == "trader"


def test_planned_meeting_keeps_its_raised_subject(nlp):
    # "is expected to meet": the passive's subject is the one who will meet (roles.subject_of)
    [m] = [m for m in code(nlp, "The foreign minister is expected to meet his Chinese counterpart next week.")
           if m.type == "CONSULT"]
    assert m.source.root.lower_ == "minister"
    assert m.target.root.lower_ == "counterpart"
