"""The main actor (source) of a trigger from the parse (issue 11): coordinated finite verbs,
gerunds done by the governing verb's object, "by" agents of event nouns and of the event an
agentless passive happened in, a meeting's participants, gerunds describing an "of" actor."""

from newsevents.extraction import event_roles as ER
from newsevents.extraction import roles as R
from newsevents.extraction.lexicon import lexicon


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def _text(tok):
    return R.phrase(tok).text if tok is not None else None


def test_finite_conjunct_of_an_infinitive_takes_the_speaker(nlp):
    # the parser hangs "called" on the infinitive "protect"; a finite verb is coordinated with
    # the finite "said", whose subject acts
    doc = nlp("The minister said the plan seeks to deploy soldiers to protect farmers and called on "
              "donors to fund it.")
    verb = _tok(doc, "called")
    assert verb.head.tag_ == "VB"
    assert _text(R.subject_of(verb)) == "The minister"


def test_finite_conjunct_keeps_its_own_head_otherwise(nlp):
    doc = nlp("The rebels attacked the town and burned the market.")
    assert _text(R.subject_of(_tok(doc, "burned"))) == "The rebels"


def test_gerund_after_for_or_of_is_done_by_the_object(nlp):
    doc = nlp("The minister accused Hamas of attacking the convoy.")
    assert _text(R.subject_of(_tok(doc, "attacking"))) == "Hamas"
    doc = nlp("Analysts praised Kenya for hosting the talks.")
    assert _text(R.subject_of(_tok(doc, "hosting"))) == "Kenya"


def test_gerund_after_for_keeps_the_subject_when_the_object_is_a_thing(nlp):
    doc = nlp("The army used helicopters for attacking the villages.")
    assert _text(R.subject_of(_tok(doc, "attacking"))) != "helicopters"


def test_event_noun_carried_out_by_an_agent(nlp):
    doc = nlp("An offensive launched by government forces last week has pushed the militants back.")
    src = R.noun_source(_tok(doc, "offensive"), lexicon().light)
    assert _text(src) == "government forces"


def test_reacting_verb_agent_is_not_the_doer_of_the_event_noun(nlp):
    doc = nlp("The attack condemned by the United Nations killed 12 villagers.")
    src = R.noun_source(_tok(doc, "attack"), lexicon().light)
    assert src is None or "United Nations" not in _text(src)


def test_agentless_passive_takes_the_doer_of_the_event_it_happened_in(nlp):
    doc = nlp("The president was ousted in a coup led by the army chief in 2013.")
    assert _text(R.means_doer(_tok(doc, "ousted"), lexicon().light)) == "the army chief"
    doc = nlp("The president was ousted in 2013.")
    assert R.means_doer(_tok(doc, "ousted"), lexicon().light) is None


def test_gerund_on_a_noun_of_an_actor_is_the_actor_doing(nlp):
    doc = nlp("The ministry released a video of John Smith signing the agreement.")
    assert _text(R.subject_of(_tok(doc, "signing"))) == "John Smith"


def test_after_a_meeting_the_subject_took_part(nlp):
    doc = nlp("The governor, after a meeting with farmers, told officials to draft new rules.")
    entry = next(e for e in lexicon().entries[("meeting", "N")] if e.type == "CONSULT")
    src, _ = ER.source_and_target(_tok(doc, "meeting"), entry)
    assert _text(src) == "The governor"


def test_participle_with_a_subject_but_no_auxiliary_is_passive(nlp):
    # regression: "Three protesters arrested in a raid" made the protesters the ones arresting
    doc = nlp("Three protesters arrested in a raid led by police were released on Monday, their lawyers said.")
    verb = _tok(doc, "arrested")
    assert R.reduced_passive(verb)
    assert _text(R.passive_subject(verb)) == "Three protesters"
    entry = next(e for e in lexicon().entries[("arrest", "V")] if e.type == "COERCE")
    src, tgt = ER.source_and_target(verb, entry)
    assert _text(src) == "police" and _text(tgt) == "Three protesters"


def test_active_participle_with_an_object_keeps_its_subject(nlp):
    doc = nlp("Police have arrested three protesters.")
    assert not R.reduced_passive(_tok(doc, "arrested"))
    assert _text(R.subject_of(_tok(doc, "arrested"))) == "Police"


def test_deployed_peacekeepers_provide_the_protection(nlp):
    # CAMEO 074: forces sent to protect are the source, not the target, of a passive "deployed"
    doc = nlp("United Nations forces have been deployed to protect civilians in the region.")
    entry = next(e for e in lexicon().entries[("deploy", "V")] if (e.cameo or "").startswith("074"))
    src, _ = ER.source_and_target(_tok(doc, "deployed"), entry)
    assert _text(src) == "United Nations forces"


def test_gerund_hung_on_the_object_is_done_by_the_object(nlp):
    doc = nlp("The ministry accused the rebels of shelling residential areas of the city overnight.")
    verb = _tok(doc, "shelling")
    assert verb.head.head.text == "rebels"        # the parse hangs "of shelling" on the object
    assert _text(R.subject_of(verb)) == "the rebels"


def test_unlabelled_finite_verb_after_its_head_shares_the_subject(nlp):
    doc = nlp("Police in the capital arrested five opposition activists on Monday, then released them "
              "after questioning, a spokesman said.")
    verb = _tok(doc, "released")
    assert verb.dep_ == "dep"
    assert _text(R.subject_of(verb)) == "Police"


def test_name_read_as_a_verb_heads_its_coordinated_verbs(nlp):
    doc = nlp("Trump at first imposed 25% tariffs on Canadian exports, then exempted the duties on "
              "vehicles and later delayed the tariffs for four weeks.")
    for word in ("imposed", "exempted", "delayed"):
        assert _text(R.subject_of(_tok(doc, word))) == "Trump"


def test_imperative_root_is_no_name(nlp):
    doc = nlp("Stop the attacks on civilians now.")
    assert not R._name_read_as_verb(doc[0])


def test_past_tense_tagged_as_participle_keeps_its_subject(nlp):
    # regression: "collided" tagged VBN under "said" is no reduced relative
    doc = nlp("Two trains collided near Larissa on Tuesday, killing 57 people, the fire service said.")
    assert not R.reduced_passive(_tok(doc, "collided"))
