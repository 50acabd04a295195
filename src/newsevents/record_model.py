"""How likely an assembled record is a real event: a small trained model over what the coder knows.

The lexicon's weight says how reliable a trigger word is; it knows nothing of the rest of the
record. Hand audits of real news show that many records are no event at all (quotes of opinion,
things in actor slots, talk about events rather than events), and that the signs are spread over
the whole record: which rule fired, whether the actors resolved to a country or a sector, whether
the trigger sits in a quotation or in reported speech, whether the clause has its own date or
place. A logistic regression over those features, trained on the hand-coded VOA stories of the
``read`` split (public domain; `newsevents evaluate news` scores the ``unread`` split it never
saw), turns them into ``Event.confidence``: the probability that the record is a real event.

The weights are data (``codebooks/data/record_model.json``), scored here in pure Python; the
training script (``python -m newsevents.training.record_model``) rebuilds them deterministically
and writes their scores next to them.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from .codebooks import load_json
from .model import Event

MODEL_FILE = "record_model.json"
_QUOTES = re.compile(r"[\u201c\"][^\u201d\"]{3,}?[\u201d\"]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations in a text."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def rule_kind(rule: str) -> str:
    """What kind of coder rule made the mention: the verb dictionary floor, a frame (a verb
    folded into another: "urged X to"), a communication with "must", or a plain clause."""
    if rule.startswith("CAMEO.2.0"):
        return "floor"
    if "frame:" in rule or "@" in rule:
        return "frame"
    return "clause"


def record_features(event: Event, rule: str, lexicon_weight: float,
                    quotes: list[tuple[int, int]], text_length: int) -> dict[str, float]:
    """The features of one assembled record (before its confidence is set). ``rule`` is the coder's
    rule for the mention (as in the record's explain line "type T: RULE"); a lexicon noun entry
    ("attack/N#456") marks a noun trigger."""
    pos = "N" if "/N#" in rule.split(" ")[0] else "V"
    f: dict[str, float] = {f"type={event.type}": 1.0, f"status={event.status}": 1.0,
                           f"rule={rule_kind(rule)}": 1.0, f"pos={pos}": 1.0,
                           "lexicon_weight": lexicon_weight}
    for slot, actor in (("a1", event.actor1), ("a2", event.actor2)):
        if actor is None:
            f[f"{slot}=none"] = 1.0
            continue
        f[f"{slot}=some"] = 1.0
        f[f"{slot}_country"] = float(bool(actor.country))
        f[f"{slot}_named"] = float(bool(actor.name))
        f[f"{slot}_sector={actor.sector}"] = 1.0
    at = event.evidence.trigger_start if event.evidence and event.evidence.trigger_start is not None else -1
    f["in_quote"] = float(any(a <= at < b for a, b in quotes))
    f["attributed"] = float(event.attribution is not None)
    f["own_date"] = float(bool(event.date_text))
    f["own_place"] = float(event.location is not None)
    f["position"] = (event.evidence.start / text_length) if event.evidence and text_length else 0.0
    return f


def rule_of(event: Event) -> str:
    """The coder's rule for a record, read back from its explain line "type T: RULE"."""
    prefix = f"type {event.type}: "
    return next((line[len(prefix):] for line in event.explain if line.startswith(prefix)), "")


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    return load_json(MODEL_FILE)


def real_probability(features: dict[str, float]) -> float:
    """P(the record is a real event) under the shipped model."""
    model = _model()
    weights = model["weights"]
    z = model["intercept"] + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-z))
