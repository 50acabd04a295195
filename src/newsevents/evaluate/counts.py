"""Evaluate count extraction on a gold set: `newsevents evaluate counts [PATH]`.

Gold lines (JSON Lines): {"text": ..., "counts": [{"kind", "min", "max", "text", "trigger",
"cumulative"}], "events": [...]}. A predicted count is correct when kind, min and max match a
gold count of the same sentence (each gold count matches once). Attach accuracy is the share of
correct counts whose anchor word is the gold trigger.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import COUNT_KINDS
from . import gold_set_main, per_class_table, read_gold_lines

GOLD = "counts_status.jsonl"


def read_gold(path: str | None = None) -> list[dict[str, Any]]:
    """Gold records from ``path``, or the packaged counts/status gold set."""
    return read_gold_lines(path, GOLD)


def _parse_all(texts: list[str], model: str | None):
    from ..config import Settings
    from ..nlp import load_pipeline, parse

    return list(parse(load_pipeline(model or Settings().spacy_model), texts))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float]:
    return (tp / n_pred if n_pred else 1.0), (tp / n_gold if n_gold else 1.0)


def run(path: str | None = None, model: str | None = None, errors: bool = False,
        **options: Any) -> dict[str, Any]:
    """Score find_counts against the gold set.

    Args:
        path: gold JSON Lines file; None for the packaged gold set.
        model: spaCy pipeline name.
        errors: also return the list of misses and false alarms under "errors".
    Returns:
        {"precision", "recall", "attach_accuracy", "per_kind": {kind: {precision, recall, support}}}
    """
    from ..extraction.counts import find_counts

    gold = read_gold(path)
    docs = _parse_all([g["text"] for g in gold], model)
    tp = n_pred = n_gold = attached = 0
    kind_tp, kind_pred, kind_gold = Counter(), Counter(), Counter()
    mistakes = []
    for g, doc in zip(gold, docs):
        want = [(c["kind"], c["min"], c["max"], c.get("trigger", "")) for c in g.get("counts", [])]
        got = find_counts(doc)
        n_gold += len(want)
        n_pred += len(got)
        kind_gold.update(w[0] for w in want)
        kind_pred.update(m.kind for m in got)
        left = list(want)
        for m in got:
            hit = next((w for w in left if w[:3] == (m.kind, m.min, m.max)), None)
            if hit is None:
                mistakes.append({"text": g["text"], "false": [m.kind, m.min, m.max, m.text]})
                continue
            left.remove(hit)
            tp += 1
            kind_tp[m.kind] += 1
            if m.anchor is not None and m.anchor.text.lower() == hit[3].lower():
                attached += 1
            else:
                mistakes.append({"text": g["text"], "anchor": [m.text, str(m.anchor), hit[3]]})
        for w in left:
            mistakes.append({"text": g["text"], "missed": list(w)})
    precision, recall = _prf(tp, n_pred, n_gold)
    per_kind = {}
    for k in COUNT_KINDS:
        p, r = _prf(kind_tp[k], kind_pred[k], kind_gold[k])
        per_kind[k] = {"precision": round(p, 3), "recall": round(r, 3), "support": kind_gold[k]}
    out: dict[str, Any] = {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "attach_accuracy": round(attached / tp, 3) if tp else 0.0,
        "per_kind": per_kind,
    }
    if errors:
        out["errors"] = mistakes
    return out


def format_table(metrics: dict[str, Any]) -> str:
    """A readable table of the count metrics."""
    return per_class_table(f"counts  precision {metrics['precision']:.3f}  recall {metrics['recall']:.3f}  "
                           f"attach accuracy {metrics['attach_accuracy']:.3f}", "kind", metrics["per_kind"])


def main(argv: list[str] | None = None) -> None:
    gold_set_main("Evaluate count extraction on a gold set.", run, format_table, argv)

if __name__ == "__main__":
    main()
