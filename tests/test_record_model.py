"""The record model: Event.confidence as the probability of a real event (real spaCy model)."""
import json
from importlib import resources

from newsevents.config import Settings
from newsevents.model import Article
from newsevents.pipeline import extract_article
from newsevents.record_model import quoted_spans, real_probability, rule_kind

PAD = " The report was published by a local newspaper in its morning edition."


def _events(text, **settings):
    return extract_article(Article(text=text + PAD, published="2022-01-13"), Settings(**settings))


def test_the_shipped_model_carries_its_provenance_and_scores():
    model = json.loads((resources.files("newsevents") / "codebooks" / "data" / "record_model.json").read_text())
    assert model["weights"] and "read split" in model["_about"]
    unread = {row["threshold"]: row for row in model["scores"]["unread"]}
    assert unread[0.2]["real_share"] >= unread[0.0]["real_share"]


def test_confidence_is_the_models_probability_and_explained():
    event = _events("Police arrested the opposition leader in Nairobi on Monday.")[0]
    assert 0.2 <= event.confidence <= 1.0
    assert any(line.startswith(f"confidence {event.confidence}: the record model") for line in event.explain)
    plain = _events("Police arrested the opposition leader in Nairobi on Monday.", record_model=False)[0]
    assert plain.confidence != event.confidence and not any("record model" in l for l in plain.explain)


def test_a_resolved_actor_raises_the_probability():
    with_actor = {"type=COERCE": 1.0, "status=occurred": 1.0, "rule=clause": 1.0, "pos=V": 1.0,
                  "lexicon_weight": 0.85, "a1=some": 1.0, "a1_country": 1.0, "a1_sector=COP": 1.0}
    without = {k: v for k, v in with_actor.items() if not k.startswith("a1")} | {"a1=none": 1.0}
    assert real_probability(with_actor) > real_probability(without)


def test_min_confidence_leaves_low_records_out():
    text = "Police arrested the opposition leader in Nairobi on Monday."
    assert _events(text, min_confidence=0.0) and not _events(text, min_confidence=0.999)


def test_helpers():
    assert quoted_spans('He said "we will fight" and left.') == [(8, 23)]
    assert rule_kind("CAMEO.2.0 verb HOST: ...") == "floor"
    assert rule_kind("urge/V#242 frame:request(x) -> @request:*/FRAME#41") == "frame"
    assert rule_kind("arrest/V#12 clause") == "clause"
