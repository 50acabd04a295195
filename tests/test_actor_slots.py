"""An actor slot holds an actor or stays empty (coding guide): places, things and states alone."""
from datetime import date

from newsevents.resolve.actors import ActorResolver
from newsevents.syntax import phrase


def _span_of(doc, word):
    return phrase(next(t for t in doc if t.text == word))


def test_a_place_in_a_things_phrase_is_no_actor(nlp):
    # "townships in Yangon", "a hotel in Beledweyne", "a train in Balochistan province": where, not who
    for text, word in (("The junta imposed martial law on six townships in Yangon.", "townships"),
                       ("Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday.", "hotel"),
                       ("The army attacked a train in Pakistan's Balochistan province.", "train")):
        doc = nlp(text)
        assert ActorResolver(text).resolve(_span_of(doc, word)) is None, text


def test_a_thing_tied_to_an_actor_by_a_non_place_preposition_keeps_it(nlp):
    text = "Activists protested against the violations by Algerian security forces."
    doc = nlp(text)
    actor = ActorResolver(text).resolve(_span_of(doc, "violations"))
    assert (actor.country, actor.sector) == ("DZA", "COP"), actor


def test_a_phoenix_agent_without_a_sector_is_no_actor(nlp):
    # PETRARCH's agents list "HOSPITAL" (code HLH, no sector of ours): occupied buildings are things
    text = "Security forces have occupied at least 36 hospitals."
    doc = nlp(text)
    assert ActorResolver(text).resolve(_span_of(doc, "hospitals")) is None


def test_a_state_named_alone_is_its_government():
    resolver = ActorResolver()
    for name, iso in (("Ukraine", "UKR"), ("the United States", "USA"), ("Thailand", "THA")):
        actor = resolver.resolve_text(name)
        assert (actor.country, actor.sector) == (iso, "GOV"), actor
    # a people, a place phrase or a role keep their own sector
    assert resolver.resolve_text("Ukrainians").sector == "CVL"
    assert resolver.resolve_text("Ukrainian troops").sector == "MIL"
    assert resolver.resolve_text("in Ukraine").sector is None


def test_a_time_in_a_relative_clause_dates_that_clause_not_the_event():
    from newsevents.pipeline import extract
    text = ("Former prime minister Sali Berisha, who resigned as party leader in 2013, rejected the "
            "allegations on Thursday.")
    events = [e for e in extract(text, published="2021-05-22") if e.type == "REJECT"]
    assert events, "the rejection is coded"
    assert (events[0].date, events[0].date_precision) == ("2021-05-20", "day"), events[0]
