"""The record model: Event.confidence as the probability of a real event (real spaCy model)."""
import json
from importlib import resources

from newsevents.config import Settings
from newsevents.model import Article
from newsevents.pipeline import extract_article
from newsevents.record_model import (clause_signs, quoted_spans, real_probability, record_features, rule_kind,
                                     signs_of)
from newsevents.training.record_model import choose_threshold

PAD = " The report was published by a local newspaper in its morning edition."


def _events(text, **settings):
    return extract_article(Article(text=text + PAD, published="2022-01-13"), Settings(**settings))


def _shipped():
    return json.loads((resources.files("newsevents") / "codebooks" / "data" / "record_model.json").read_text())


def test_the_shipped_model_carries_its_provenance_and_scores():
    model = _shipped()
    assert model["weights"] and "read split" in model["_about"]
    curve = {row["threshold"]: row for row in model["scores"]["read_cross_validated"]}
    chosen = curve[model["threshold"]]
    assert chosen["real_share"] > curve[0.0]["real_share"] and chosen["right_share"] > curve[0.0]["right_share"]
    unread = {row["threshold"]: row for row in model["scores"]["unread"]}
    assert unread[model["threshold"]]["real_share"] >= unread[0.0]["real_share"]


def test_the_storing_threshold_is_the_models():
    # a retrain that moves the threshold must move the default with it
    assert Settings().min_confidence == _shipped()["threshold"]


def test_the_threshold_keeps_recall_within_the_allowed_loss():
    rows = [{"threshold": 0.0, "recall": 0.45}, {"threshold": 0.3, "recall": 0.44},
            {"threshold": 0.4, "recall": 0.42}, {"threshold": 0.5, "recall": 0.44}]
    assert choose_threshold(rows[:3], 0.02) == 0.3
    assert choose_threshold(rows[:3], 0.05) == 0.4


def test_confidence_is_the_models_probability_and_explained():
    event = _events("Police arrested the opposition leader in Nairobi on Monday.")[0]
    assert 0.2 <= event.confidence <= 1.0
    assert any(line.startswith(f"confidence {event.confidence}: the record model") for line in event.explain)
    assert "dep=ROOT" in signs_of(event) and "tag=VBD" in signs_of(event)    # what it was judged on
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


def _signs(nlp, text, word):
    doc = nlp(text)
    return clause_signs(next(t for t in doc if t.text == word), next(doc.sents), 1)


def test_clause_signs_see_modality_around_the_trigger(nlp):
    assert "condition_own" in _signs(nlp, "If a deal is reached, troops will withdraw from the border.", "withdraw")
    assert "modal_own=planned" in _signs(nlp, "If a deal is reached, troops will withdraw from the border.", "withdraw")
    unlikely = _signs(nlp, "The government is unlikely to agree to the talks.", "agree")
    assert "govern=hypothetical" in unlikely and "dep=xcomp" in unlikely and "subj=noun" in unlikely
    assert "habitual" in _signs(nlp, "Police often arrest protesters in the capital.", "arrest")
    assert "neg_own" in _signs(nlp, "The army did not attack the village.", "attack")
    assert "question" in _signs(nlp, "Will the rebels attack the town?", "attack")
    plain = _signs(nlp, "Russia invaded Ukraine on Thursday.", "invaded")
    assert plain == ["dep=ROOT", "sent_records=1", "subj=name", "tag=VBD", "tense=past"]


def test_clause_signs_of_a_noun_trigger(nlp):
    signs = _signs(nlp, "They said the attack on the convoy killed five soldiers.", "attack")
    assert {"dep=nsubj", "noun_det=def", "tag=NN", "govern=claimed"} <= set(signs)


def test_a_condition_lowers_the_probability(nlp):
    base = {"type=RETREAT": 1.0, "status=occurred": 1.0, "rule=clause": 1.0, "pos=V": 1.0, "lexicon_weight": 0.8}
    plain = _signs(nlp, "Troops withdrew from the border on Monday.", "withdrew")
    supposed = _signs(nlp, "If a deal is reached, troops will withdraw from the border.", "withdraw")
    assert real_probability(base | {s: 1.0 for s in supposed}) < real_probability(base | {s: 1.0 for s in plain})
