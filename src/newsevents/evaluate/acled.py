"""Evaluate ACLED coding on short news snippets: `newsevents evaluate acled [PATH]`.

Gold lines (JSON Lines): {"text", "acled_type", "acled_subtype"} for a snippet that reports one
political event, or with both null (and a "kind": accident, disaster, crime, sports, health,
economy) for one that must code no political event. The snippet's predicted sub-type is that of its
main ACLED-coded event: the most confident record that ACLED codes, the earliest on a tie.

Figures: the support-weighted F1 over the gold sub-event types (a no-event snippet coded as an
attack is a false positive for "Attack"), the share of event snippets whose ACLED event type is
right, the share of no-event snippets that code nothing (1 minus the false-alarm rate) and the share
of no-event snippets that store a violence or protest record at all (``violent_record_rate``). They
are given for the whole set and for its two splits: a line's own "split" field ("held" or "tune")
when it has one (the wire-register set `acled_wire.jsonl`), else every fifth line (position 4, 9,
14, ...) is held back; held lines were not read while the coder was developed, the others are the
dev split.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Event
from . import gold_set_main, read_gold_lines

GOLD = "acled_snippets.jsonl"
# Wire-news register, written before the rules were tuned on its "tune" lines (docs/acled-wire-gold.md).
WIRE = "acled_wire.jsonl"
PUBLISHED = "2024-06-15"
NONE = "-"
# PLOVER types that are political violence or protest: a no-event snippet should store none of them.
VIOLENT_TYPES = frozenset({"ASSAULT", "PROTEST"})


def split_of(position: int, line: dict | None = None) -> str:
    """The split of the gold line at ``position`` (0-based): its own "split" field when it has one,
    else every fifth line is held back."""
    if line is not None and "split" in line:
        return "held" if line["split"] == "held" else "dev"
    return "held" if position % 5 == 4 else "dev"


def main_acled_event(events: list[Event]) -> Event | None:
    """The snippet's main event ACLED codes: the most confident, the earliest on a tie."""
    coded = [e for e in events if e.acled_subtype]
    if not coded:
        return None
    return max(coded, key=lambda e: (e.confidence, -(e.evidence.trigger_start if e.evidence else 0)))


def _predict(texts: list[str], model: str | None, settings: Any = None) -> list[list[Event]]:
    from ..config import Settings
    from ..model import Article
    from ..pipeline import extract_articles

    settings = settings if settings is not None else Settings()
    if model:
        settings = settings.with_(spacy_model=model)
    articles = [Article(text=t, published=PUBLISHED) for t in texts]
    return extract_articles(articles, settings)


def score(pairs: list[tuple[dict, Event | None]], records: list[list[Event]] | None = None) -> dict[str, Any]:
    """Weighted sub-type F1, type accuracy and no-event accuracy of (gold, predicted main event) pairs;
    with each snippet's stored ``records``, also the share of no-event snippets that store a violence
    or protest record at all (PLOVER ASSAULT or PROTEST), whatever its ACLED coding."""
    gold = [g.get("acled_subtype") or NONE for g, _ in pairs]
    got = [p.acled_subtype if p is not None else NONE for _, p in pairs]
    support = Counter(x for x in gold if x != NONE)
    per_subtype, f1_sum = {}, 0.0
    for label, n in sorted(support.items()):
        tp = sum(1 for g, p in zip(gold, got) if g == p == label)
        n_pred = sum(1 for p in got if p == label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_subtype[label] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                              "support": n}
        f1_sum += f1 * n
    events = [(g, p) for g, p in pairs if g.get("acled_subtype")]
    quiet = [(g, p) for g, p in pairs if not g.get("acled_subtype")]
    type_right = sum(1 for g, p in events if p is not None and p.acled_type == g["acled_type"])
    false_alarms = sum(1 for _, p in quiet if p is not None)
    quiet_records = [r for (g, _), r in zip(pairs, records or []) if not g.get("acled_subtype")]
    violent = sum(1 for r in quiet_records if any(e.type in VIOLENT_TYPES for e in r))
    return {
        "subtype_f1": round(f1_sum / sum(support.values()), 3) if support else 0.0,
        "type_accuracy": round(type_right / len(events), 3) if events else 0.0,
        "false_alarm_rate": round(false_alarms / len(quiet), 3) if quiet else 0.0,
        "no_event_accuracy": round(1 - false_alarms / len(quiet), 3) if quiet else 1.0,
        "violent_record_rate": round(violent / len(quiet_records), 3) if quiet_records else 0.0,
        "event_snippets": len(events),
        "no_event_snippets": len(quiet),
        "per_subtype": per_subtype,
    }


def run(path: str | None = None, model: str | None = None, errors: bool = False, gold: str = GOLD,
        settings: Any = None, **options: Any) -> dict[str, Any]:
    """Score the pipeline's ACLED coding against the snippet gold set.

    Args:
        path: gold JSON Lines file; None for the packaged snippet set.
        model: spaCy pipeline name.
        errors: also return the snippets coded wrong under "errors".
        gold: the packaged gold file read when ``path`` is None (``WIRE`` for the wire-register set).
        settings: the pipeline's settings; None for the defaults.
    Returns:
        The figures of :func:`score` for all snippets, each also suffixed ``_dev`` and ``_held``
        for the two splits, and "per_subtype" for all snippets.
    """
    lines = read_gold(path, gold)
    records = _predict([g["text"] for g in lines], model, settings)
    pairs = [(g, main_acled_event(events)) for g, events in zip(lines, records)]
    out = score(pairs, records)
    for split in ("dev", "held"):
        chosen = [i for i, g in enumerate(lines) if split_of(i, g) == split]
        part = score([pairs[i] for i in chosen], [records[i] for i in chosen])
        for key, value in part.items():
            if key != "per_subtype":
                out[f"{key}_{split}"] = value
    if errors:
        out["errors"] = [
            {"line": i + 1, "split": split_of(i, g), "text": g["text"], "gold": g.get("acled_subtype"),
             "got": p.acled_subtype if p else None, "type": p.type if p else None,
             "mode": p.mode if p else None, "cameo": p.cameo if p else None,
             "trigger": p.evidence.trigger if p and p.evidence else None,
             "actors": [a.sector if a else None for a in (p.actor1, p.actor2)] if p else None}
            for i, (g, p) in enumerate(pairs)
            if (g.get("acled_subtype") or None) != (p.acled_subtype if p else None)]
    return out


def read_gold(path: str | None = None, gold: str = GOLD) -> list[dict[str, Any]]:
    """Gold snippets from ``path``, or the packaged set ``gold``."""
    return read_gold_lines(path, gold)


_KEYS = ("subtype_f1", "type_accuracy", "false_alarm_rate", "no_event_accuracy", "violent_record_rate",
         "event_snippets", "no_event_snippets")


def format_table(metrics: dict[str, Any]) -> str:
    """Figures per split, then precision, recall and F1 per sub-event type (all snippets)."""
    lines = [f"{'metric':<20}{'all':>8}{'dev':>8}{'held':>8}", "-" * 44]
    for key in _KEYS:
        cells = [metrics.get(key), metrics.get(f"{key}_dev"), metrics.get(f"{key}_held")]
        lines.append(f"{key:<20}" + "".join(f"{c:>8.3f}" if isinstance(c, float) else f"{c!s:>8}"
                                            for c in cells))
    lines += ["", f"{'sub-event type':<38}{'precision':>10}{'recall':>8}{'f1':>7}{'support':>9}"]
    for name, row in metrics["per_subtype"].items():
        lines.append(f"{name:<38}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>7.3f}"
                     f"{row['support']:>9}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    gold_set_main("Evaluate ACLED sub-event types on news snippets.", run, format_table, argv)


if __name__ == "__main__":
    main()
