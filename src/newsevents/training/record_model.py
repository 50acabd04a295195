"""Rebuild the record model (codebooks/data/record_model.json): `python -m newsevents.training.record_model`.

Training data: the records the pipeline makes (its record model off) on the hand-coded VOA stories
of the ``read`` split (src/newsevents/evaluate/gold/voa_news.jsonl; Voice of America, public
domain), each labelled real when `evaluate news` matches it to a gold event (whatever its fields)
and not real otherwise. A logistic regression (scikit-learn, a dev dependency: only the weights
ship) is fitted on them; its 5-fold cross-validated scores on the read split and its scores on
the ``unread`` split, which it never sees, are written next to the weights. Deterministic.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..evaluate import news
from ..model import Event
from ..record_model import MODEL_FILE, quoted_spans, record_features, rule_of

OUT = Path(__file__).resolve().parents[1] / "codebooks" / "data" / MODEL_FILE
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


def labelled_records(split: str) -> list[tuple[dict[str, float], bool, bool]]:
    """(features, real, right) of every record the pipeline makes on one split of the VOA gold."""
    from ..config import Settings
    from ..model import Article
    from ..pipeline import extract_articles

    stories = [s for s in news.read_gold_packaged() if s.get("split", "read") == split]
    articles = [Article(text=s["text"], published=s["published"]) for s in stories]
    outputs = extract_articles(articles, Settings(record_model=False))
    rows = []
    for story, events in zip(stories, outputs):
        verdicts = news.score_story(story, [e.to_dict() for e in events])["verdicts"]
        quotes = quoted_spans(story["text"])
        for event, verdict in zip(events, verdicts):
            rows.append((_features(event, quotes, len(story["text"])), verdict != "not an event",
                         verdict == "right"))
    return rows


def _features(event: Event, quotes: list[tuple[int, int]], length: int) -> dict[str, float]:
    return record_features(event, rule_of(event), event.confidence, quotes, length)


def _kept(scores, rows, threshold: float) -> dict[str, float]:
    kept = [r for p, r in zip(scores, rows) if p >= threshold]
    n = len(kept)
    return {"threshold": threshold, "kept": n, "of": len(rows),
            "real_share": round(sum(r[1] for r in kept) / n, 3) if n else 0.0,
            "right_share": round(sum(r[2] for r in kept) / n, 3) if n else 0.0,
            "right_kept": sum(r[2] for r in kept), "right_all": sum(r[2] for r in rows)}


def train(c: float = 0.5) -> dict:
    """Fit the model on the read split; return the JSON document to ship."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    train_rows, test_rows = labelled_records("read"), labelled_records("unread")
    keys = sorted({k for f, _, _ in train_rows for k in f})
    x = np.array([[f.get(k, 0.0) for k in keys] for f, _, _ in train_rows])
    y = np.array([real for _, real, _ in train_rows])
    fit = LogisticRegression(C=c, max_iter=5000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    cv = cross_val_predict(fit, x, y, cv=folds, method="predict_proba")[:, 1]
    fit.fit(x, y)
    x_test = np.array([[f.get(k, 0.0) for k in keys] for f, _, _ in test_rows])
    held = fit.predict_proba(x_test)[:, 1]
    return {
        "_about": ("Record model of newsevents (record_model.py): logistic regression, P(a record is a "
                   "real event), trained by `python -m newsevents.training.record_model` on the records "
                   "the pipeline makes on the read split of the VOA news gold (Voice of America, public "
                   "domain). Scores: cross-validated on the read split, and on the unread split it never saw."),
        "intercept": round(float(fit.intercept_[0]), 6),
        "weights": {k: round(float(w), 6) for k, w in zip(keys, fit.coef_[0]) if abs(w) > 1e-9},
        "trained_on": {"records": len(train_rows), "real": int(y.sum())},
        "scores": {"read_cross_validated": [_kept(cv, train_rows, t) for t in (0.0, *THRESHOLDS)],
                   "unread": [_kept(held, test_rows, t) for t in (0.0, *THRESHOLDS)]},
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Rebuild the record model from the VOA gold's read split.")
    ap.add_argument("--out", default=str(OUT), help="where to write the model (default: the packaged file)")
    ap.add_argument("-C", type=float, default=0.5, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    model = train(args.C)
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    for split, rows in model["scores"].items():
        for row in rows:
            print(split, json.dumps(row))


if __name__ == "__main__":
    main()
