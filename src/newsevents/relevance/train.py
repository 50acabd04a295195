"""Rebuild the relevance model (``data/model.json``) from the training data in ``training/``.

    python -m newsevents.relevance.train            # writes data/model.json and prints its scores
    python -m newsevents.relevance.train --check    # cross-validate only, write nothing

Needs scikit-learn (the ``train`` extra); scoring at run time does not. Deterministic: the same
data give the same weights. The 91 labelled pages of ../shared/data/article-extraction-dev are
the held-out evaluation (`newsevents evaluate relevance`), never training data.

Examples (see training/PROVENANCE.txt): public-affairs news = Voice of America stories (public
domain) as whole articles, three-sentence chunks and sentences, PLOVER GSR sentences (CC BY-SA 4.0)
and passages written for the project; other = passages and sentences written for the project.
"""
from __future__ import annotations

import argparse
import re
import json
from pathlib import Path

from newsevents.relevance import NEWS, OTHER, chunks_of, features, sentences_of

HERE = Path(__file__).parent
TRAINING = HERE / "training"
MODEL = HERE / "data" / "model.json"
# Inverse regularisation strength; chosen by cross-validation on the training data (--check).
C = 4.0
# Features whose weight is smaller than this are left out of the shipped file (no measurable effect).
MIN_WEIGHT = 1e-3
_SOURCE_NAMES = re.compile(r"\b(?:Voice of America|VOA(?:'s)?)(?: News)?\b|(?:[A-Z][\w.'-]* ?)+ contributed to this report\.?")


def read_passages(path: Path) -> list[tuple[str, str]]:
    """(genre, passage) from an authored file: paragraphs, '## genre' headers, '#' comments."""
    out, genre = [], ""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = []
        for line in block.strip().splitlines():
            if line.startswith("## "):
                genre = line[3:].strip()
            elif not line.startswith("#"):
                lines.append(line.strip())
        if lines:
            out.append((genre, " ".join(lines)))
    return out


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def examples() -> list[tuple[str, str, str]]:
    """(text, label, group) for every training example; a group is one source document, so that
    cross-validation never has pieces of one document on both sides."""
    out: list[tuple[str, str, str]] = []

    def document(text: str, label: str, group: str) -> None:
        # chunks as articles are scored (a whole article would teach the model that long = news:
        # only the news side has long documents), and sentences as sentences are scored
        out.extend((chunk, label, group) for chunk in chunks_of(text))
        out.extend((s, label, group) for s in sentences_of(text) if s not in chunks_of(text))

    for line in (TRAINING / "voa.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        # the name of the training source is no evidence about other sources' text
        text = _SOURCE_NAMES.sub(" ", f"{story['title']}\n\n{story['text']}")
        document(text, NEWS, f"voa:{story['id']}")
    for i, text in enumerate(read_lines(TRAINING / "plover_gsr_sentences.txt")):
        out.append((text, NEWS, f"plover:{i}"))
    for name, label in (("news_passages.txt", NEWS), ("other_passages.txt", OTHER)):
        for i, (genre, text) in enumerate(read_passages(TRAINING / name)):
            document(text, label, f"{name}:{i}")
    for i, text in enumerate(read_lines(TRAINING / "other_sentences.txt")):
        out.append((text, OTHER, f"other_sentences:{i}"))
    return out


def _matrix(texts: list[str]):
    from sklearn.feature_extraction import DictVectorizer
    vec = DictVectorizer()
    return vec, vec.fit_transform(features(t) for t in texts)


def _classifier():
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=C, class_weight="balanced", solver="lbfgs", max_iter=5000)


def cross_validate(data: list[tuple[str, str, str]], folds: int = 5) -> dict[str, float]:
    """Grouped k-fold precision, recall and F1 of "news" at 0.5 (no document on both sides of a
    split): over chunks (passages of two or more sentences), over sentences, and over whole
    documents scored as articles are (the mean of their chunks' probabilities)."""
    from sklearn.model_selection import GroupKFold
    texts = [t for t, _, _ in data]
    y = [1 if lab == NEWS else 0 for _, lab, _ in data]
    groups = [g for _, _, g in data]
    prob = [0.0] * len(data)
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(texts, y, groups):
        vec, X = _matrix([texts[i] for i in train_idx])
        clf = _classifier().fit(X, [y[i] for i in train_idx])
        for i, p in zip(test_idx, clf.predict_proba(vec.transform(features(texts[i]) for i in test_idx))[:, 1]):
            prob[i] = float(p)
    chunk = [len(sentences_of(t)) > 1 for t in texts]
    by_group: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        if chunk[i]:
            by_group.setdefault(g, []).append(i)
    doc_truth = [y[idx[0]] for idx in by_group.values()]
    doc_pred = [int(sum(prob[i] for i in idx) / len(idx) >= 0.5) for idx in by_group.values()]
    scores: dict[str, float] = {}
    for name, truth, pred in (
            ("chunks", [y[i] for i in range(len(data)) if chunk[i]], [int(prob[i] >= 0.5) for i in range(len(data)) if chunk[i]]),
            ("sentences", [y[i] for i in range(len(data)) if not chunk[i]], [int(prob[i] >= 0.5) for i in range(len(data)) if not chunk[i]]),
            ("documents", doc_truth, doc_pred)):
        tp = sum(1 for a, b in zip(truth, pred) if a and b)
        fp = sum(1 for a, b in zip(truth, pred) if not a and b)
        fn = sum(1 for a, b in zip(truth, pred) if a and not b)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        scores[f"{name}_precision"] = round(p, 3)
        scores[f"{name}_recall"] = round(r, 3)
        scores[f"{name}_f1"] = round(2 * p * r / (p + r) if p + r else 0.0, 3)
        scores[f"{name}_other_recall"] = round(sum(1 for a, b in zip(truth, pred) if not a and not b)
                                               / max(1, sum(1 for a in truth if not a)), 3)
        scores[f"{name}_n"] = len(truth)
    return scores


def train(data: list[tuple[str, str, str]]) -> dict:
    vec, X = _matrix([t for t, _, _ in data])
    clf = _classifier().fit(X, [1 if lab == NEWS else 0 for _, lab, _ in data])
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    return {"bias": round(float(clf.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="cross-validate only; do not write the model")
    args = ap.parse_args(argv)
    data = examples()
    n_news = sum(1 for _, lab, _ in data if lab == NEWS)
    print(f"{len(data)} examples: {n_news} news, {len(data) - n_news} other")
    scores = cross_validate(data)
    print(json.dumps(scores, indent=1))
    if args.check:
        return
    model = train(data)
    model = {"about": "newsevents relevance model: logistic regression over newsevents.relevance.features; "
                      "rebuild with python -m newsevents.relevance.train", "C": C,
             "examples": len(data), "cross_validation": scores, **model}
    MODEL.parent.mkdir(exist_ok=True)
    MODEL.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL} ({len(model['weights'])} features)")


if __name__ == "__main__":
    main()
