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


# --- criticism read from valence (VADER lexicon), findings of bodies, labels ------------------

def test_valence_lexicon_is_loaded_from_its_data_file():
    from newsevents.extraction.speech import valence
    v = valence()
    assert v["irresponsible"] < -1.5 and v["good"] > 1.5
    assert ":)" not in v        # words only: emoticons are left out


def test_negative_judgement_of_an_actor_act_is_criticism_of_its_author(nlp):
    [m] = speech(nlp, "The foreign minister said the decision by Washington was irresponsible and dangerous.")
    assert (m.type, m.cameo) == ("ACCUSE", "111")
    assert m.source.root.lower_ == "minister"
    assert m.target.root.lower_ == "washington"


def test_negative_judgement_of_a_group_targets_the_group(nlp):
    [m] = speech(nlp, "The spokesman said the regime was brutal.")
    assert m.cameo == "111" and m.target.root.lower_ == "regime"


def test_negative_words_about_no_ones_doing_are_no_criticism(nlp):
    assert speech(nlp, "The governor said the floods were devastating.") == []
    assert speech(nlp, "He said his office was very concerned that a crisis could be developing.") == []


def test_what_befalls_the_subject_blames_no_one(nlp):
    # negative words for victims' suffering or a report of deaths are facts, not an accusation
    assert speech(nlp, "A reporter in the town said at least six people have been confirmed dead.") == []
    assert speech(nlp, "The owner said that businesses are struggling under the new rules.") == []


def test_negated_negative_word_is_no_criticism(nlp):
    assert speech(nlp, "The president said the talks were not illegal.") == []


def test_finding_of_a_report_is_read_like_a_statement(nlp):
    [m] = speech(nlp, "The commission reported that the police had engaged in corruption.")
    assert m.type == "ACCUSE" and m.source.root.lower_ == "commission"
    assert m.target.root.lower_ == "police"
    [m] = speech(nlp, "In a report, Amnesty International wrote that the militia was guilty of war crimes.")
    assert m.type == "ACCUSE" and m.target.root.lower_ == "militia"


def test_finding_without_a_charge_is_no_accusation(nlp):
    assert speech(nlp, "The study found that the vaccine was effective.") == []


def test_reported_investigation_is_not_a_charge_by_the_reporter(nlp):
    ms = code(nlp, "Military police have launched an investigation into alleged crimes by the militia, "
                   "the newspaper reported.")
    assert not [m for m in ms if m.rule.startswith("speech")]


def test_naming_an_act_a_wrong_is_an_accusation(nlp):
    [m] = speech(nlp, "China called the visit a violation of its sovereignty.")
    assert (m.type, m.cameo) == ("ACCUSE", "1121")
    assert m.source.root.lower_ == "china" and m.target is None     # the visitor is not named here


def test_describing_a_decision_as_unacceptable_is_criticism(nlp):
    [m] = speech(nlp, "The ministry described the decision as unacceptable.")
    assert (m.type, m.cameo) == ("ACCUSE", "111")
    assert m.target is None


def test_describing_a_situation_as_dire_judges_no_one(nlp):
    assert speech(nlp, "He described the situation as dire.") == []


def test_according_to_an_actor_is_that_actors_statement(nlp):
    [m] = speech(nlp, "According to the ministry, the rebels were responsible for widespread abuses.")
    assert (m.type, m.cameo) == ("ACCUSE", "1122")
    assert m.source.root.lower_ == "ministry" and m.target.root.lower_ == "rebels"


def test_according_to_a_report_speaks_for_its_issuer(nlp):
    [m] = speech(nlp, "According to a U.N. report, the militia committed war crimes in the region.")
    assert m.type == "ACCUSE" and m.target.root.lower_ == "militia"
    assert m.source.root.text == "U.N."


def test_according_to_without_a_charge_is_no_accusation(nlp):
    assert speech(nlp, "According to police, the suspects fled to the mountains.") == []


def test_charge_word_naming_a_kind_of_thing_is_no_charge(nlp):
    # "terrorism deaths" are deaths of a kind: Pakistan is charged with nothing
    assert not [m for m in speech(nlp, "According to the index, Pakistan experienced a 45% increase in "
                                       "terrorism deaths last year.") if m.type == "ACCUSE"]


def test_saying_an_actor_is_responsible_for_an_attack_blames_it(nlp):
    [m] = speech(nlp, "Ukraine said Russia was responsible for the attack.")
    assert (m.type, m.cameo) == ("ACCUSE", "112")
    assert m.source.root.lower_ == "ukraine" and m.target.root.lower_ == "russia"


def test_responsible_for_no_wrong_is_no_blame(nlp):
    assert speech(nlp, "The minister said the ministry is responsible for education.") == []
