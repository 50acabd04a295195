"""Actor phrases in context: `newsevents evaluate actor-phrases [PATH]`.

Gold lines (JSON Lines, the packaged ``gold/actor_phrases.jsonl`` by default): {"id", "split",
"kind", "text", "phrase", "date", "country", "sector"}. Written for newsevents from realistic news
wording (not taken from any corpus); gold country and sector are public facts on ``date``.
kind: person (a well-known named person), person_context (named; the country is only in the
sentence), person_unknown (no clue: no country), official, agency, group, pronoun, and thing (a
non-agentive noun in an actor slot: the slot must stay empty). ``split`` "test" marks the held-back
quarter, reported on its own and not read while developing.

Each text is parsed; the phrase's syntactic head is widened to its actor phrase as the coder does
(``syntax.phrase``) and coded by ``ActorResolver(text, published=date).resolve``. Scores:
  * country: right when the coded country equals the gold (None included); a thing is right only
    when the resolver leaves the slot empty (returns None);
  * sector: over gold actors with a sector;
  * empty: the share of things left empty, and of actors wrongly left empty.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..errors import InputError
from . import gold_set_main, read_gold_lines

GOLD = "actor_phrases.jsonl"
_PEOPLE = ("person", "person_context", "person_unknown")


def read_gold(path: str | None = None) -> list[dict[str, Any]]:
    """Gold rows from ``path``, or the packaged actor-phrase set."""
    return read_gold_lines(path, GOLD)


def _span(doc: Any, text: str, phrase: str) -> Any:
    start = text.find(phrase)
    if start < 0:
        raise InputError(f"phrase {phrase!r} is not in its text {text[:60]!r}")
    return doc.char_span(start, start + len(phrase), alignment_mode="expand")


def code_all(gold: list[dict[str, Any]], model: str | None = None) -> list[Any]:
    """The resolver's Actor (or None: an empty slot) for each gold row."""
    from ..config import Settings
    from ..nlp import load_pipeline
    from ..resolve.actors import ActorResolver
    from ..syntax import phrase

    nlp = load_pipeline(model or Settings().spacy_model)
    out = []
    for g, doc in zip(gold, nlp.pipe([g["text"] for g in gold])):
        span = _span(doc, g["text"], g["phrase"])
        resolver = ActorResolver(g["text"], published=g.get("date"))
        out.append(resolver.resolve(phrase(span.root)))
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def run(path: str | None = None, model: str | None = None, errors: bool = False,
        **options: Any) -> dict[str, Any]:
    """Score actor coding on phrases in context.

    Args:
        path: gold JSON Lines file; None for the packaged set.
        model: spaCy pipeline name.
        errors: also return the wrong rows under "errors".
    Returns:
        {"dev": {...}, "test": {...}, "all": {...}, "country_accuracy", "things_empty"}, each split with n, country_accuracy,
        people_country_accuracy, sector_accuracy, things_empty, actors_empty and per_kind country
        accuracy.
    """
    gold = read_gold(path)
    coded = code_all(gold, model)
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    mistakes = []
    for g, actor in zip(gold, coded):
        country = actor.country if actor is not None else None
        if g["kind"] == "thing":
            ok = actor is None
        else:
            ok = actor is not None and country == g["country"]
        sector_ok = None
        if g["kind"] != "thing" and g.get("sector"):
            sector_ok = actor is not None and actor.sector == g["sector"]
        for split in (g["split"], "all"):
            t = tally[split]
            t["n"] += 1
            t["ok"] += ok
            t[f"n:{g['kind']}"] += 1
            t[f"ok:{g['kind']}"] += ok
            if g["kind"] in _PEOPLE:
                t["n_people"] += 1
                t["ok_people"] += ok
            if sector_ok is not None:
                t["n_sector"] += 1
                t["ok_sector"] += sector_ok
            if g["kind"] == "thing":
                t["n_things"] += 1
                t["things_empty"] += actor is None
            else:
                t["n_actors"] += 1
                t["actors_empty"] += actor is None
        if not ok or sector_ok is False:
            mistakes.append({"id": g["id"], "split": g["split"], "phrase": g["phrase"],
                             "gold": [g["country"], g.get("sector")],
                             "got": None if actor is None else [actor.country, actor.sector],
                             "rule": None if actor is None else actor.rule})
    out: dict[str, Any] = {}
    for split in ("dev", "test", "all"):
        t = tally[split]
        kinds = sorted({k[2:] for k in t if k.startswith("n:")})
        out[split] = {
            "n": t["n"],
            "country_accuracy": _ratio(t["ok"], t["n"]),
            "people_country_accuracy": _ratio(t["ok_people"], t["n_people"]),
            "sector_accuracy": _ratio(t["ok_sector"], t["n_sector"]),
            "things_empty": _ratio(t["things_empty"], t["n_things"]),
            "actors_empty": _ratio(t["actors_empty"], t["n_actors"]),
            "per_kind": {k: _ratio(t[f"ok:{k}"], t[f"n:{k}"]) for k in kinds},
        }
    # Flat figures over all rows, for tests/eval_floors.json.
    out["country_accuracy"] = out["all"]["country_accuracy"]
    out["things_empty"] = out["all"]["things_empty"]
    if errors:
        out["errors"] = mistakes
    return out


def format_table(metrics: dict[str, Any]) -> str:
    """One column per split (dev, held-back test, all)."""
    splits = ("dev", "test", "all")
    keys = ["n", "country_accuracy", "people_country_accuracy", "sector_accuracy", "things_empty",
            "actors_empty"]
    kinds = sorted({k for s in splits for k in metrics[s]["per_kind"]})
    lines = [f"{'actor phrases':<26}" + "".join(f"{s:>8}" for s in splits), "-" * 50]
    for key in keys:
        lines.append(f"{key:<26}" + "".join(f"{metrics[s][key]:>8}" for s in splits))
    for kind in kinds:
        lines.append(f"{'country: ' + kind:<26}"
                     + "".join(f"{metrics[s]['per_kind'].get(kind, '-'):>8}" for s in splits))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    gold_set_main("Evaluate actor coding on actor phrases in context.", run, format_table, argv)


if __name__ == "__main__":
    main()
