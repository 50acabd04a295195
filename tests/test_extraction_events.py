"""The event coder on short sentences written for these tests."""
from __future__ import annotations

import pytest


from newsevents.extraction.events import (  # noqa: E402
    find_event_mentions, inflections, lexicon, main_event, trigger_words,
)




def code(nlp, text):
    doc = nlp(text)
    return [m for s in doc.sents for m in find_event_mentions(s)]


def main(nlp, text):
    return main_event(code(nlp, text))


def test_arrest_with_source_and_target(nlp):
    m = main(nlp, "Police arrested 30 protesters in Almaty.")
    assert (m.type, m.mode, m.cameo) == ("COERCE", "arrest", "173")
    assert m.source.root.lower_ == "police"
    assert m.target.root.lower_ == "protesters"


def test_passive_arrest_target_is_subject(nlp):
    m = main(nlp, "Karim Massimov was arrested on Saturday.")
    assert m.type == "COERCE"
    assert "Massimov" in m.target.text
    assert m.source is None


def test_passive_agent_is_source(nlp):
    m = main(nlp, "The journalist was arrested by police in the capital.")
    assert m.source.root.lower_ == "police"
    assert m.target.root.lower_ == "journalist"


def test_political_offensive_is_not_assault(nlp):
    types = {m.type for m in code(nlp, "The opposition launched an offensive against the president's allies.")}
    assert "ASSAULT" not in types


@pytest.mark.parametrize("text", [
    "The two leaders are locked in a war of words.",
    "The parties began a fierce battle for votes.",
    "Editors called the ruling an attack on press freedom.",
])
def test_metaphors_are_not_assault(nlp, text):
    assert all(m.type != "ASSAULT" for m in code(nlp, text))


def test_rebels_attack_base(nlp):
    m = main(nlp, "Rebels attacked a military base.")
    assert m.type == "ASSAULT"
    assert m.source.root.lower_ == "rebels"
    assert m.target.root.lower_ == "base"


def test_xcomp_chain_withdraw(nlp):
    m = main(nlp, "Russian-led forces began to withdraw from Kazakhstan.")
    assert (m.type, m.mode) == ("RETREAT", "withdraw")
    assert m.source.root.lower_ == "forces"
    assert m.target.text == "Kazakhstan"


def test_protest(nlp):
    m = main(nlp, "Thousands protested in the capital.")
    assert (m.type, m.mode) == ("PROTEST", "demo")


def test_label_is_accuse_by_labeler(nlp):
    m = main(nlp, "Tokayev labeled the unrest a foreign terrorist attack.")
    assert m.type == "ACCUSE"
    assert m.source.text == "Tokayev"
    assert all(x.type != "ASSAULT" for x in code(nlp, "Tokayev labeled the unrest a foreign terrorist attack."))


def test_deploy_troops_is_mobilize_but_peacekeepers_aid(nlp):
    assert main(nlp, "The alliance deployed 2,000 soldiers.").type == "MOBILIZE"
    assert main(nlp, "The alliance deployed 2,000 peacekeepers in the region.").type == "AID"


def test_fighting_broke_out(nlp):
    m = main(nlp, "Fighting broke out between the army and rebels.")
    assert m.type == "ASSAULT"


def test_two_events_in_one_sentence(nlp):
    ms = code(nlp, "The president arrested the mayor and released the journalists.")
    assert [m.type for m in ms] == ["COERCE", "CONCEDE"]     # coding guide: a release is CONCEDE
    assert all(m.source.root.lower_ == "president" for m in ms)


def test_said_alone_is_not_an_event(nlp):
    assert code(nlp, "The minister said the economy grew by three percent.") == []


def test_negated_attack_still_emitted(nlp):
    m = main(nlp, "The army did not attack the village.")
    assert m is not None and m.type == "ASSAULT"


def test_intent_frames(nlp):
    assert main(nlp, "The rebels agreed to withdraw from the town.").type == "AGREE"
    assert main(nlp, "Iran threatened to cut aid to the region.").type == "THREATEN"
    assert main(nlp, "The government refused to release the prisoners.").type == "REJECT"
    assert main(nlp, "The union demanded the release of the prisoners.").type == "REQUEST"


def test_will_cooperate_is_agree_and_must_is_request(nlp):
    assert main(nlp, "Norway will provide food aid to the refugees.").type == "AGREE"
    assert main(nlp, "The minister said the rebels must lay down their arms.").type == "REQUEST"


def test_kill_folds_into_bombing(nlp):
    ms = code(nlp, "A roadside bombing killed three soldiers.")
    assert len(ms) == 1 and ms[0].type == "ASSAULT" and ms[0].mode == "explosives"


def test_rule_names_lexicon_row(nlp):
    m = main(nlp, "Police arrested 30 protesters in Almaty.")
    assert m.rule.startswith("arrest/V#") and 0 < m.confidence <= 1


def test_trigger_words_have_inflections():
    words = trigger_words()
    for w in ("arrest", "arrested", "arrests", "arresting", "riot", "riots", "rioting",
              "withdrew", "withdrawn", "clashes", "airstrike", "protesters", "must"):
        assert w in words, w
    assert "said" not in words


def test_inflections_regular():
    assert {"stopped", "stops", "stopping"} <= inflections("stop", "V")
    assert "rallies" in inflections("rally", "N")


def test_lexicon_rows_are_well_formed():
    from newsevents.model import PLOVER_TYPES
    lex = lexicon()
    for rows in lex.entries.values():
        for e in rows:
            if e.role == "E":
                assert e.type in PLOVER_TYPES, e.label
                assert 0 < e.weight <= 1, e.label


def test_lexicon_cameo_agrees_with_table():
    from newsevents import codebooks
    lex = lexicon()
    rows = [e for rs in lex.entries.values() for e in rs] + list(lex.frames.values())
    for e in rows:
        if e.cameo and e.type:
            ptype, _ = codebooks.cameo_to_plover(e.cameo)
            assert ptype == e.type, f"{e.label}: CAMEO {e.cameo} is {ptype}, row says {e.type}"


# --- trigger precision and recall (WikiEvents audit) ----------------------------------------------

def test_verbless_heading_with_context_row_terminates(nlp):
    # Regression: clause_words climbed to the root by object identity, which spaCy never repeats,
    # so a verbless sentence with a ctx-conditioned trigger looped forever.
    from newsevents.extraction.lexicon import clause_words
    doc = nlp("Deadly clashes between students and police in the capital")
    words = clause_words(doc[1])
    assert "students" in words and "clashes" in words


def test_definite_event_noun_is_a_mention(nlp):
    ms = code(nlp, "Officials condemned the bombing on Tuesday.")
    assert any(m.type == "ASSAULT" and m.trigger.lower_ == "bombing" for m in ms)


def test_agent_noun_folds_into_its_verb(nlp):
    ms = [m for m in code(nlp, "Gunmen and suicide bombers attacked the army base.") if m.type == "ASSAULT"]
    assert [m.trigger.lower_ for m in ms] == ["attacked"]


def test_accidental_explosion_is_not_an_assault(nlp):
    ms = code(nlp, "Seven militants died in an accidental explosion near the border.")
    assert not any(m.type == "ASSAULT" for m in ms)


def test_capturing_territory_is_not_an_arrest(nlp):
    ms = code(nlp, "The militias captured the last remaining territory in March.")
    assert not any(m.cameo == "173" for m in ms)
    ms = code(nlp, "Police captured the suspect in Lyon.")
    assert any(m.cameo == "173" for m in ms)


def test_verb_misparse_in_noun_slot_keeps_the_clause(nlp):
    # The small model reads "IS" in "IS attacks" as a verb with "attacks" as its attribute; the
    # attack is still an event and its context is the clause of "killed".
    ms = code(nlp, "In April, two dozen pro-regime fighters were killed in IS attacks in the desert.")
    assert any(m.type == "ASSAULT" and m.trigger.lower_ == "attacks" for m in ms)


def test_existential_blast_is_an_event_but_heart_attack_is_not(nlp):
    ms = code(nlp, "There was an explosion outside the bakery on Friday.")
    assert any(m.type == "ASSAULT" and m.trigger.lower_ == "explosion" for m in ms)
    ms = code(nlp, "The senator suffered a heart attack at his home.")
    assert not any(m.type == "ASSAULT" for m in ms)
    ms = code(nlp, "Residents fled after the ghastly attacks on shoppers.")
    assert any(m.type == "ASSAULT" for m in ms)


# --- session 2: trigger precision (issue 3) ---------------------------------------------------------

def test_definite_event_noun_under_a_noun_is_still_a_mention(nlp):
    # "the ringleader of Saturday's attack" names one particular attack; "a ban on protests" none
    types = [m.type for m in code(nlp, "The ringleader of Saturday's attack was known to the police.")]
    assert "ASSAULT" in types
    assert [m.type for m in code(nlp, "The new law is a ban on protests.")] == []


def test_call_in_is_a_summons_not_a_request(nlp):
    found = code(nlp, "Her boss called her in for a talk last week.")
    assert all(m.type != "REQUEST" for m in found)
    m = main(nlp, "The opposition called for nationwide protests on Thursday.")
    assert m.type == "REQUEST"


def test_fronted_preposition_does_not_make_a_call_for(nlp):
    # the "for" of "For each business" is an adjunct, not the complement of "call for"
    found = code(nlp, "For each business, call all the workers and organize the vote.")
    assert all(m.type != "REQUEST" for m in found)


def test_police_raid_is_coercion_not_assault(nlp):
    m = main(nlp, "Police officers raided three homes in east London on Monday.")
    assert (m.type, m.cameo) == ("COERCE", "170")
    m = main(nlp, "Rebel fighters raided an army base near the border.")
    assert m.type == "ASSAULT"


# --- main-event choice, frames and lexicon repairs (session 2) ------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Kenya said it will withdraw its troops from Somalia.", "AGREE"),
    ("Kenya said it will withdraw its troops from Somalia unless the talks resume.", "THREATEN"),
])
def test_conditional_promise_is_threat(nlp, text, expected):
    assert main(nlp, text).type == expected


@pytest.mark.parametrize("text,expected", [
    ("Farmers staged a protest in the capital to demand higher prices.", "PROTEST"),   # lemma "stag"
    ("The army lifted the curfew in the northern city.", "CONCEDE"),
    ("The government reimposed a curfew on the town.", "COERCE"),                     # listed form
    ("The union repeated its demand that the company withdraw the plan.", "REQUEST"),
    ("The country recalled its ambassador after rebels attacked the embassy.", "SANCTION"),
    ("Norway launched a mediation effort between the two factions.", "CONSULT"),
    ("The two sides failed to reach an agreement on the border.", "REJECT"),
    ("The governor ordered patrols by police in the market.", "MOBILIZE"),
    ("The president ordered the departure of all foreign staff.", "REQUEST"),
    ("The United States is providing satellite images and intelligence to the army.", "AID"),
    ("The kidnappers said they will release the engineer on Friday.", "AGREE"),
    ("The detainee died as a result of torture.", "ASSAULT"),
    ("The two countries will hold talks next week.", "AGREE"),
])
def test_main_event_type(nlp, text, expected):
    m = main(nlp, text)
    assert m is not None and m.type == expected, [(x.trigger.text, x.type, x.confidence) for x in code(nlp, text)]


def test_failing_at_an_attack_is_no_refusal(nlp):
    assert all(m.type != "REJECT" for m in code(nlp, "The rebels failed to capture the town."))


def test_modifier_frame_word_frames_nothing(nlp):
    types = [m.type for m in code(nlp, "The army began its long-threatened invasion of the north.")]
    assert "THREATEN" not in types and "ASSAULT" in types


def test_prefilter_knows_irregular_support_verbs():
    from newsevents.extraction.lexicon import prefilter
    assert "undertook" in prefilter()["mediation"]


@pytest.mark.parametrize("text,expected", [
    ("Gunmen gunned down a judge outside the court.", "ASSAULT"),
    ("The minister ruled out talks with the rebels.", "REJECT"),
    ("The government said it would not meet the kidnappers' demands.", "REJECT"),
    ("The country said it will not accept more refugees.", "REJECT"),
    ("Police were ordered to cordon off the square.", "REQUEST"),
    ("The government agreed to allow international inspectors into the plant.", "AGREE"),
    ("The president received a team of observers from the African Union.", "RETREAT"),
    ("The envoy delivered a message to the junta that it must free the prisoners.", "REQUEST"),
    ("The army opened a corridor for civilians leaving the city.", "RETREAT"),
])
def test_news_verbs(nlp, text, expected):
    assert main(nlp, text).type == expected, [(x.trigger.text, x.type, x.rule) for x in code(nlp, text)]


def test_lemma_repair_only_for_unknown_lemmas(nlp):
    from newsevents.extraction.lexicon import _lemma
    doc = nlp("Students staged a sit-in while police arrested two organisers.")
    staged = next(t for t in doc if t.lower_ == "staged")
    arrested = next(t for t in doc if t.lower_ == "arrested")
    assert _lemma(staged) == "stage"
    assert _lemma(arrested) == "arrest"


# Generic and habitual statements (issue 3 audit, docs/wikievents-audit.md): no one event happened.
@pytest.mark.parametrize("text", [
    "In the border province, kidnappings and violence are commonplace.",
    "Bombings are a regular occurrence in the capital.",
    "Attacks on aid workers remain rare in the region.",
    "The hills are full of rebels who attack convoys and lay mines.",
    "The valley is rife with bandits who continue to ambush trucks.",
])
def test_generic_or_habitual_statement_is_no_event(nlp, text):
    # kept as a mention flagged with the reason (shown by explain, stored only with --keep-non-events)
    assaults = [m for m in code(nlp, text) if m.type == "ASSAULT"]
    assert all(m.non_event and "habit" in m.non_event for m in assaults)


@pytest.mark.parametrize("text", [
    "The militia, which attacked the town last year, withdrew.",
    "The bombing was deadly.",
    "Rebels who had ambushed the convoy were arrested.",
])
def test_past_event_in_relative_clause_or_copula_is_kept(nlp, text):
    assert any(m.type == "ASSAULT" for m in code(nlp, text))


# --- general news pages: naming, sales, advice and things are no events (docs/general-news-audit.md)

def _types(nlp, text):
    return {(m.type, m.cameo) for m in code(nlp, text)}


@pytest.mark.parametrize("text", [
    "Researchers studied a protein called Zorbin in young mice.",
    "The new dish is called Green Harbour Soup.",
])
def test_naming_is_no_accusation(nlp, text):
    assert not any(t == "ACCUSE" for t, _ in _types(nlp, text))


def test_calling_someone_a_name_is_still_an_accusation(nlp):
    assert ("ACCUSE", "111") in _types(nlp, "The minister called the protest a terrorist provocation.")


@pytest.mark.parametrize("text", [
    "The new app supports offline maps and voice control.",
    "This allows engineers to change the length of the car.",
    "Early results are promising.",
])
def test_a_thing_does_not_cooperate(nlp, text):
    assert not code(nlp, text)


def test_a_group_noun_still_agrees(nlp):
    m = main(nlp, "The regional forum agreed to set up a research centre in Lima.")
    assert m is not None and m.type == "AGREE"


@pytest.mark.parametrize("text", [
    "You can still ask the shop for a refund, of course.",
    "For more details, please visit our website.",
    "Welcome to my weekly strategy lesson.",
])
def test_advice_to_the_reader_is_no_event(nlp, text):
    assert not code(nlp, text)


def test_you_in_a_quote_can_still_attack(nlp):
    assert any(m.type == "ASSAULT" for m in code(nlp, '"If you shoot it down, it may explode," he said.'))


@pytest.mark.parametrize("text", [
    "Today only, the retailer offers the refurbished laptop for $700.",
    "The company offers an open advertising platform for publishers.",
])
def test_a_sale_is_no_offer_of_cooperation(nlp, text):
    assert not any(t == "AGREE" for t, _ in _types(nlp, text))


def test_a_political_offer_is_kept(nlp):
    m = main(nlp, "Libya has offered to hand over the two suspects to Britain.")
    assert m is not None and m.type == "AGREE"


def test_release_needs_a_person_or_group(nlp):
    assert not any(t == "CONCEDE" for t, _ in _types(nlp, "The cells release cytokines after an infection."))
    assert ("CONCEDE", "0841") in _types(nlp, "The rebels released the two aid workers on Monday.")


def test_star_explosions_are_no_attack(nlp):
    assert not any(t == "ASSAULT" for t, _ in _types(nlp, "Supernova explosions created fast outflows of gas."))


@pytest.mark.parametrize("text", [
    "The fund held 24.4% of the company as of March 20.",
    "Bank shares extended their rally after the ruling.",
    "They demonstrated in 2013 that the cells respond to sugar.",
    "A faster standard called PD for power delivery raised the peak wattage.",
    "The bank called the court decision a landmark judgment.",
    "Samsung added the feature back in March.",
    "You're promised a smooth ride in the new car.",
    "His plan was met with hoots of laughter.",
])
def test_other_senses_are_no_events(nlp, text):
    assert not code(nlp, text)


def test_protest_senses_are_kept(nlp):
    assert any(m.type == "PROTEST" for m in code(nlp, "Thousands of students demonstrated outside parliament on Friday."))
    assert any(m.type == "REQUEST" for m in code(nlp, "The opposition party called for an emergency meeting of the council."))


# --- issue 11: types by the coding guide, coverage, and what is no event -----------------------------

def _kinds(nlp, text):
    return [m.type for m in code(nlp, text)]


@pytest.mark.parametrize("text, want", [
    ("The army held joint naval exercises with the Indian navy on Tuesday.", "MOBILIZE"),       # coding guide
    ("The navy staged the Pacific Joint Maritime Exercise near the strait.", "MOBILIZE"),     # compound chain
    ("Pyongyang conducted two ballistic missile tests last week.", "MOBILIZE"),
    ("The European Union ramped up sanctions on Belarus in March.", "SANCTION"),              # CAMEO 163
    ("The president spoke by telephone with his Kenyan counterpart on Friday.", "CONSULT"),   # CAMEO 041
    ("Both defendants pleaded not guilty on Monday.", "REJECT"),                            # denying an accusation
    ("The ministry called the allegations baseless.", "REJECT"),
    ("Mali and Niger withdrew from ECOWAS in January.", "SANCTION"),                         # leaving a body
    ("The opposition leader asked President Ruto for a meeting.", "REQUEST"),                # "for" hung on the name
    ("The governor told the police to close the market.", "REQUEST"),
    ("Washington designated the group as a terrorist organization.", "SANCTION"),
    ("Prosecutors charged the former minister with corruption on Monday.", "ACCUSE"),      # charges: ACCUSE
    ("Federal prosecutors indicted the mayor on bribery charges.", "ACCUSE"),
])
def test_coding_guide_types_and_coverage(nlp, text, want):
    assert want in _kinds(nlp, text), text


def test_leaving_a_place_is_still_a_retreat(nlp):
    assert "RETREAT" in _kinds(nlp, "The rebels withdrew from the town on Sunday.")


def test_agreeing_to_joint_exercises_is_a_promise_not_a_threat(nlp):
    kinds = _kinds(nlp, "Jordan and Britain agreed to hold joint military exercises next month.")
    assert "AGREE" in kinds and "THREATEN" not in kinds


@pytest.mark.parametrize("text", [
    "The group launched 312 attacks in 2023, up from 90 a year earlier.",
    "The militia has carried out several attacks on convoys.",
])
def test_a_tally_of_events_is_no_event(nlp, text):
    assaults = [m for m in code(nlp, text) if m.type == "ASSAULT"]
    assert all(m.non_event and "habit" in m.non_event for m in assaults)


def test_counted_people_and_one_occasion_stay_events(nlp):
    assert "ASSAULT" in _kinds(nlp, "Gunmen killed 12 people in two attacks on Monday.")
    assert "ASSAULT" in _kinds(nlp, "The rebels were holding more than 200 hostages, the army said.")


@pytest.mark.parametrize("text, threat", [
    ("Officials warn the fire is simply too big to put out.", False),
    ("He warned that the economy could shrink further next year.", False),
    ("The rebels warned that they would execute the hostages.", True),
    ("The minister warned Kabul of severe consequences.", True),
])
def test_a_warning_is_a_threat_only_when_it_says_what_will_be_done(nlp, text, threat):
    assert ("THREATEN" in _kinds(nlp, text)) == threat, text


@pytest.mark.parametrize("text", [
    "The premier called the vote a turning point.",                  # no person or group criticised
    "A militia called the Northern Lions attacked the village.",    # a participle that names
])
def test_calling_is_criticism_only_of_an_actor(nlp, text):
    assert "ACCUSE" not in _kinds(nlp, text)


def test_calling_a_person_names_is_criticism(nlp):
    assert "ACCUSE" in _kinds(nlp, "The senator called the minister a liar.")


def test_a_warning_speaks_for_its_issuer(nlp):
    (m,) = [m for m in code(nlp, "The junta issued a series of warnings demanding that the envoys leave.")
            if m.type == "REQUEST"]
    assert m.source is not None and m.source.root.lower_ == "junta"


@pytest.mark.parametrize("text, demand", [
    ("The lawyer said the ruling should be seen as a warning to others.", False),
    ("The envoy said one should not read too much into the timing.", False),
    ("The minister said the rebels must lay down their arms.", True),
    ("The senator says imports from the region should stop for a year.", True),
])
def test_said_must_is_a_demand_unless_generic_or_a_judgement(nlp, text, demand):
    assert ("REQUEST" in _kinds(nlp, text)) == demand, text


def test_a_comeback_is_no_rally_and_a_fragment_no_promise(nlp):
    assert "PROTEST" not in _kinds(nlp, "The Spanish pair rallied to beat the champions in the tiebreak.")
    assert "PROTEST" in _kinds(nlp, "Thousands of teachers rallied in the capital on Monday.")
    assert "PROTEST" in _kinds(nlp, "Supporters of the defeated party staged rallies against its leader.")
    assert "AGREE" not in _kinds(nlp, "Ready to make your business grow faster?")
    assert "AGREE" in _kinds(nlp, "Iran is ready to resume talks, the minister said.")


@pytest.mark.parametrize("text, attack", [
    ("Two crashes that killed 346 people hurt the planemaker's sales.", False),
    ("Floods and landslides killed 40 people in the north on Sunday.", False),
    ("A roadside bomb killed four soldiers near the border.", True),
])
def test_an_accident_or_disaster_kills_without_an_attack(nlp, text, attack):
    assert ("ASSAULT" in _kinds(nlp, text)) == attack, text


@pytest.mark.parametrize("text, ptype, cameo", [
    ("The Vietnamese foreign ministry protested the seizure of the fishing boat.", "ACCUSE", "114"),
    ("Beijing protested against the sale of weapons to the island.", "ACCUSE", "114"),
    ("Thousands of students protested the decision in the capital.", "PROTEST", "141"),
    ("Ministry workers protested the pay cuts.", "PROTEST", "141"),
])
def test_an_official_protest_is_a_complaint_a_crowds_a_demonstration(nlp, text, ptype, cameo):
    m = main(nlp, text)
    assert (m.type, m.cameo) == (ptype, cameo)


@pytest.mark.parametrize("text, accused", [
    ("The opposition leader went on trial in the capital on Monday.", "leader"),
    ("The former governor is on trial for fraud.", "governor"),
    ("The general faces trial in a military court.", "general"),
])
def test_who_goes_on_trial_is_the_accused_not_the_accuser(nlp, text, accused):
    [m] = [m for m in code(nlp, text) if m.type == "ACCUSE"]
    assert m.source is None or m.source.root.lower_ != accused
    assert m.target.root.lower_ == accused


def test_a_court_adjourning_a_case_acts_in_the_trial(nlp):
    m = main(nlp, "A district judge adjourned the case of the detained editor until May.")
    assert (m.type, m.cameo) == ("ACCUSE", "115")
    assert m.source.root.lower_ == "judge"


def test_criticism_one_faces_is_made_by_the_from_phrase(nlp):
    [m] = [m for m in code(nlp, "The minister faced criticism from rights groups over the detentions.")
           if m.type == "ACCUSE"]
    assert m.cameo == "111"
    assert m.source.root.lower_ == "groups" and m.target.root.lower_ == "minister"


def test_condemnation_an_act_draws_leaves_its_unnamed_author_empty(nlp):
    [m] = [m for m in code(nlp, "The ban drew international condemnation.") if m.type == "ACCUSE"]
    assert m.source is None and m.target is None


def test_armed_men_firing_on_a_convoy_is_an_attack_not_criticism(nlp):
    m = main(nlp, "The convoy came under fire from militants near the border.")
    assert m.type == "ASSAULT"
    assert m.source.root.lower_ == "militants" and m.target.root.lower_ == "convoy"
