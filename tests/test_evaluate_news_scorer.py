"""The news scorer's judgement of one story, on a story written for the test."""
from newsevents.evaluate.news import actor_matches, actor_named, score_story

TEXT = "Gunmen attacked a hotel in Mogadishu on Monday. The government condemned the attack."


def _story(actor1: dict) -> dict:
    return {"id": "t1", "text": TEXT, "events": [
        {"n": 1, "type": "ASSAULT", "sentence": "Gunmen attacked a hotel in Mogadishu on Monday.",
         "actor1": actor1, "actor2": None, "status": "occurred"}]}


def _record(actor1: dict) -> dict:
    return {"type": "ASSAULT", "status": "occurred", "actor1": actor1, "actor2": None,
            "evidence": {"start": 0, "end": 47}}


def test_country_and_sector_make_an_actor_right_but_not_named():
    gunmen = {"text": "Gunmen", "country": "SOM", "sector": "REB"}
    somalia = {"text": "Somalia", "name": "Somalia", "country": "SOM", "sector": "REB"}
    assert actor_matches(somalia, gunmen) and not actor_named(somalia, gunmen)
    assert actor_named({"text": "the gunmen", "country": "SOM"}, gunmen)
    assert actor_named(None, gunmen) and not actor_named(somalia, None)


def test_a_record_right_by_country_alone_is_not_counted_named():
    gold = {"text": "Gunmen", "country": "SOM", "sector": "REB"}
    lenient = score_story(_story(gold), [_record({"text": "Somalia", "country": "SOM", "sector": "REB"})])
    assert lenient["tally"]["right"] == 1 and lenient["tally"]["named"] == 0
    assert lenient["tally"]["found"] == 1 and lenient["tally"]["named_found"] == 0
    named = score_story(_story(gold), [_record({"text": "Gunmen", "country": "SOM", "sector": "REB"})])
    assert named["tally"]["named"] == 1 and named["tally"]["named_found"] == 1
