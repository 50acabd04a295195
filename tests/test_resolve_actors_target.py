"""Honest actors and targets: unnamed groups keep their own phrase, datelines are no actors, a place
is no target, and an article's short forms code as their full names."""

from newsevents.extraction import roles as R
from newsevents.resolve.actors import ActorResolver

SOMALI_STORY = ("Somalia's government said on Monday that gunmen had attacked a market in Somalia. "
                "Somali officials in Somalia condemned the attack.")


def _span_of(doc, word):
    tok = next(t for t in doc if t.text == word)
    return R.phrase(tok)


def _root(doc):
    return next(t for t in doc if t.dep_ == "ROOT")


def test_an_unnamed_group_placed_by_the_article_keeps_its_phrase_not_the_country_as_name():
    resolver = ActorResolver(SOMALI_STORY)
    assert resolver.context_country == "SOM"
    for phrase in ("Gunmen", "the protesters", "police"):
        actor = resolver.resolve_text(phrase)
        assert actor.country == "SOM" and "context:SOM" in actor.rule, actor
        assert actor.name is None and actor.text == phrase, actor
    # a state named alone, a capital and an organisation keep their names
    assert resolver.resolve_text("Somalia").name == "Somalia"
    assert resolver.resolve_text("the United Nations").name is not None


def test_an_unnamed_group_placed_by_its_sentence_keeps_its_phrase(nlp):
    doc = nlp("Security forces in Guinea fired tear gas at the crowd.")
    actor = ActorResolver("").resolve(_span_of(doc, "forces"))
    assert actor.country == "GIN" and actor.name is None, actor


def test_a_dateline_is_no_part_of_the_subject(nlp):
    doc = nlp("KABUL - Taliban fighters attacked a police checkpoint overnight.")
    subject = R.subject_of(_root(doc))
    actor = ActorResolver("").resolve(R.phrase(subject))
    assert actor.text == "Taliban fighters", actor
    doc = nlp("NAIROBI, Kenya — Protesters marched on parliament on Monday.")
    subject = R.subject_of(_root(doc))
    assert subject is not None and subject.text == "Protesters"
    assert ActorResolver("").resolve(R.phrase(subject)).sector == "CVL"
    doc = nlp("BAMAKO - Soldiers detained the prime minister on Monday.")
    subject = R.subject_of(next(t for t in doc if t.text == "detained"))
    actor = ActorResolver("").resolve(R.phrase(subject))
    assert actor.text == "Soldiers" and actor.sector == "MIL", actor


def test_a_capitalised_subject_without_a_dash_is_no_dateline(nlp):
    doc = nlp("NATO warned Moscow on Friday.")
    assert R.dateline_end(doc[0]) == 0
    assert R.subject_of(_root(doc)).text == "NATO"


def test_a_place_is_no_target(nlp):
    resolver = ActorResolver("")
    for sentence, word in (("Rebels attacked several villages near the river.", "villages"),
                           ("The army sent troops to the northern border.", "border"),
                           ("The envoys toured three cities.", "cities")):
        doc = nlp(sentence)
        assert resolver.resolve_target(_span_of(doc, word), None) is None, sentence
        kept = resolver.resolve(_span_of(doc, word), things=True)
        assert kept.country is None and kept.rule == "place, not an actor", kept
    # people of a place stay people
    doc = nlp("Rebels attacked the villagers.")
    assert resolver.resolve_target(_span_of(doc, "villagers"), None).sector == "CVL"


def test_a_short_form_defined_by_the_article_codes_as_its_full_name():
    text = ("The Chadian Revolutionary Army, or CRA, claimed the ambush. CRA fighters withdrew. The "
            "Chadian Revolutionary Army (CRA) later issued a statement.")
    resolver = ActorResolver(text)
    for phrase in ("CRA", "the CRA", "CRA fighters"):
        actor = resolver.resolve_text(phrase)
        assert (actor.country, actor.sector) == ("TCD", "REB"), actor
        assert actor.rule.startswith("org:CRA="), actor
    # the letters must be the name's initials
    resolver = ActorResolver("The Chadian Revolutionary Army, or FNT, claimed the ambush.")
    assert resolver.resolve_text("FNT").country is None


def test_a_short_form_names_the_source_again_so_it_is_no_target():
    text = "The Chadian Revolutionary Army, or CRA, claimed the ambush."
    resolver = ActorResolver(text)
    source = resolver.resolve_text("The Chadian Revolutionary Army")
    assert resolver.resolve_target("CRA", source) is None


def test_a_name_set_off_by_a_pair_of_dashes_is_no_dateline(nlp):
    doc = nlp("ECOWAS - the regional bloc of 15 states - suspended Mali on Sunday.")
    assert R.dateline_end(doc[0]) == 0


def test_a_state_in_apposition_is_whose_the_phrase_is(nlp):
    doc = nlp("The president made overtures to another key Egyptian ally, France.")
    actor = ActorResolver("").resolve(_span_of(doc, "ally"))
    assert (actor.name, actor.country) == ("France", "FRA"), actor
    doc = nlp("Kenya's foreign minister, Amina Mohamed, said the talks would resume.")
    assert ActorResolver("").resolve(_span_of(doc, "minister")).country == "KEN"
