"""Evaluate event status on a gold set: `newsevents evaluate status [PATH]`.

For each gold event {trigger, status} the first token of the parsed sentence whose text equals
the trigger (case-insensitive) is classified with ``classify_status``; accuracy is the share
classified right. A trigger not found in the parse counts as wrong.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import STATUSES
from . import gold_set_main, per_class_table
from .counts import _parse_all, read_gold


def _find_token(doc, word: str):
    word = word.lower()
    return next((t for t in doc if t.text.lower() == word), None)


def run(path: str | None = None, model: str | None = None, errors: bool = False,
        **options: Any) -> dict[str, Any]:
    """Score classify_status against the gold set.

    Args:
        path: gold JSON Lines file; None for the packaged gold set.
        model: spaCy pipeline name.
        errors: also return the misclassified events under "errors".
    Returns:
        {"accuracy", "per_status": {status: {precision, recall, support}}}
    """
    from ..extraction.status import classify_status

    gold = read_gold(path)
    docs = _parse_all([g["text"] for g in gold], model)
    right = total = 0
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    mistakes = []
    for g, doc in zip(gold, docs):
        for ev in g.get("events", []):
            total += 1
            n_gold[ev["status"]] += 1
            tok = _find_token(doc, ev["trigger"])
            got = classify_status(tok).status if tok is not None else None
            if got is not None:
                n_pred[got] += 1
            if got == ev["status"]:
                right += 1
                tp[got] += 1
            else:
                mistakes.append({"text": g["text"], "trigger": ev["trigger"], "gold": ev["status"],
                                 "got": got})
    per_status = {}
    for s in STATUSES:
        per_status[s] = {
            "precision": round(tp[s] / n_pred[s], 3) if n_pred[s] else 1.0,
            "recall": round(tp[s] / n_gold[s], 3) if n_gold[s] else 1.0,
            "support": n_gold[s],
        }
    out: dict[str, Any] = {"accuracy": round(right / total, 3) if total else 0.0,
                           "per_status": per_status}
    if errors:
        out["errors"] = mistakes
    return out


def format_table(metrics: dict[str, Any]) -> str:
    """A readable table of the status metrics."""
    return per_class_table(f"status  accuracy {metrics['accuracy']:.3f}", "status", metrics["per_status"])


def main(argv: list[str] | None = None) -> None:
    gold_set_main("Evaluate event status on a gold set.", run, format_table, argv)

if __name__ == "__main__":
    main()
