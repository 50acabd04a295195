"""Score the coder on PETRARCH2's unit-test sentences: `newsevents evaluate petrarch [PATH]`.

The records (``PETR.UnitTest.records.xml`` of openeventdata/petrarch2, MIT; read in place from
``../shared/data/petrarch2-unittest/`` relative to the repository root) are stylised sentences with
fictional actors (Arnor, Gondor) and their expected CAMEO codings. Per record with a gold event:

  * ``found``: the coder stores at least one event for the sentence;
  * ``root_right``: one stored event has the CAMEO root (first two digits) of a gold event;
  * ``event_recall``: the share of gold events whose root some stored event has;
  * ``source_right`` / ``target_right``: of the root-right pairs whose gold actor has a country
    code, the share whose stored actor names that country by the suite's own actor dictionary
    (``PETR.Validate.actors.txt`` beside the records; the fictional countries are in no other);
  * ``false_alarms``: the share of records coded "no events" that get one;
  * ``distinct_*``: ``records``, ``found`` and ``root_right`` again over distinct sentences: the
    suite repeats a few sentences in dozens of variants (other actors, an added clause), so a
    record counts only when no earlier record of its part is a variant of it: the same gold roots
    and, names left out, at least 60% of their words shared (Jaccard).

Gold codes outside CAMEO (the suite tests its own codes 21x-9xx) are left out, and a record whose
only events are such codes is skipped. Every fifth record (index 4, 9, ...) is held back while the
coder is developed and reported separately as ``heldout``; ``dev`` is the rest.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import metrics_table

DEFAULT_PATH = os.path.join("..", "shared", "data", "petrarch2-unittest", "PETR.UnitTest.records.xml")
_KEYS = ("records", "found", "root_right", "event_recall", "source_right", "target_right",
         "false_alarms", "noevent_records", "distinct_records", "distinct_found", "distinct_root_right")


@dataclass
class Record:
    id: str
    text: str
    events: list[tuple[str, str, str]] = field(default_factory=list)   # (source, target, code)
    noevents: bool = False


def _root(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 and code[:2].isdigit() else None


def _is_cameo(code: str) -> bool:
    root = _root(code)
    return root is not None and 1 <= int(root) <= 20


def read_records(path: str) -> list[Record]:
    """The sentences of the unit-test file, with their CAMEO codings."""
    with open(path, encoding="utf-8") as fh:
        xml = fh.read()
    xml = re.sub(r"<!--.*?-->", "", xml, flags=re.S)
    out = []
    for attrs, body in re.findall(r"<Sentence ([^>]*)>(.*?)</Sentence>", xml, re.S):
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if text is None:
            continue
        rid = re.search(r'id="([^"]*)"', attrs)
        rec = Record(rid.group(1) if rid else "", " ".join(text.group(1).split()))
        for coding in re.findall(r"<EventCoding([^>]*)>", body):
            if "noevents" in coding:
                rec.noevents = True
                continue
            get = {k: v for k, v in re.findall(r'(\w+)\s*=\s*"([^"]*)"', coding)}
            rec.events.append((get.get("sourcecode", ""), get.get("targetcode", ""), get.get("eventcode", "")))
        out.append(rec)
    return out


def split(records: list[Record]) -> tuple[list[Record], list[Record]]:
    """(dev, held out): every fifth record is held out."""
    return ([r for i, r in enumerate(records) if i % 5 != 4], [r for i, r in enumerate(records) if i % 5 == 4])


# --- the suite's actor dictionary --------------------------------------------------------------

def read_actor_names(path: str) -> list[tuple[tuple[str, ...], bool, str]]:
    """(name words, exact, country code) of each actor name and synonym of the suite's dictionary;
    longest names first. A name without a final "_" matches word prefixes ("ARGENTIN")."""
    names = []
    code = None
    with open(path, encoding="utf-8") as fh:
        text = re.sub(r"<!--.*?-->", "", fh.read(), flags=re.S)
    for raw in text.splitlines():
        line = raw.split("#")[0].strip()
        if not line or line.startswith(("<", "[")):
            continue
        m = re.match(r"^(\+?)([^\[{]+?)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*$", line)
        if m is None:
            continue
        syn, name, c = m.group(1), m.group(2).strip(), m.group(3)
        if c:
            code = c.strip().split()[0].upper()
        elif not syn:
            continue
        if code is None or code.startswith("-") or len(code) < 3:
            continue
        exact = name.endswith("_")
        words = tuple(w for w in re.split(r"[_\s]+", name.strip("_").lower()) if w)
        if words:
            names.append((words, exact, code[:3]))
    names.sort(key=lambda n: -len(n[0]))
    return names


def actor_country(text: str, names: list[tuple[tuple[str, ...], bool, str]]) -> str | None:
    """The country code of the longest dictionary name found in ``text``."""
    words = re.findall(r"[a-z0-9'-]+", text.lower())
    for name, exact, country in names:
        n = len(name)
        for i in range(len(words) - n + 1):
            window = words[i:i + n]
            ok = all((w == x if exact or j < n - 1 else w.startswith(x)) for j, (w, x) in enumerate(zip(window, name)))
            if ok:
                return country
    return None


# --- scoring ---------------------------------------------------------------------------------------

def _coder():
    from ..model import Article
    from ..pipeline import extract_article

    def run(text: str) -> list[tuple[str | None, str | None, str | None]]:
        events = extract_article(Article(text=text, published="2000-01-01"))
        return [(e.cameo, e.actor1.text if e.actor1 else None, e.actor2.text if e.actor2 else None)
                for e in events]
    return run


_VARIANT_OVERLAP = 0.6


def plain_words(text: str) -> frozenset[str]:
    """A sentence's words without its names (capitalised words), lower-cased: what variants share."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z0-9']+", text) if not w[0].isupper())


def is_variant(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) >= _VARIANT_OVERLAP * max(1, len(a | b))


def score(records: list[Record], coded: dict[str, list], names) -> tuple[dict[str, Any], list[dict]]:
    """Metrics over ``records`` given the coder's output per record id, and one row per record."""
    n = found = root_ok = ev_n = ev_ok = 0
    src_n = src_ok = tgt_n = tgt_ok = 0
    none_n = alarms = 0
    rows = []
    seen: list[tuple[frozenset[str], frozenset[str | None]]] = []
    distinct = Counter()
    for rec in records:
        got = coded[rec.id]
        gold = [e for e in rec.events if _is_cameo(e[2])]
        if rec.noevents and not rec.events:
            none_n += 1
            alarms += bool(got)
            rows.append({"id": rec.id, "text": rec.text, "gold": "none", "got": [g[0] for g in got]})
            continue
        if not gold:
            continue
        n += 1
        found += bool(got)
        roots = {_root(c) for c, _, _ in got}
        gold_roots = {_root(e[2]) for e in gold}
        root_ok += bool(roots & gold_roots)
        words = plain_words(rec.text)
        if not any(roots_seen == gold_roots and is_variant(words, w) for w, roots_seen in seen):
            seen.append((words, frozenset(gold_roots)))
            distinct.update(records=1, found=bool(got), root_right=bool(roots & gold_roots))
        for src, tgt, code in gold:
            ev_n += 1
            pairs = [g for g in got if _root(g[0]) == _root(code)]
            ev_ok += bool(pairs)
            if not pairs:
                continue
            for gold_actor, slot in ((src, 1), (tgt, 2)):
                country = gold_actor[:3].upper() if gold_actor and not gold_actor.startswith("-") else None
                if not country:
                    continue
                right = any(p[slot] and actor_country(p[slot], names) == country for p in pairs)
                if slot == 1:
                    src_n, src_ok = src_n + 1, src_ok + right
                else:
                    tgt_n, tgt_ok = tgt_n + 1, tgt_ok + right
        rows.append({"id": rec.id, "text": rec.text, "gold": [e[2] for e in gold],
                     "got": [g[0] for g in got], "root_right": bool(roots & gold_roots)})
    share = lambda a, b: round(a / b, 3) if b else 0.0
    return ({"records": n, "found": share(found, n), "root_right": share(root_ok, n),
             "event_recall": share(ev_ok, ev_n), "source_right": share(src_ok, src_n),
             "target_right": share(tgt_ok, tgt_n), "false_alarms": share(alarms, none_n),
             "noevent_records": none_n, "distinct_records": distinct["records"],
             "distinct_found": share(distinct["found"], distinct["records"]),
             "distinct_root_right": share(distinct["root_right"], distinct["records"])}, rows)


def run(path: str | None = None, part: str = "both", errors: bool = False, **options: Any) -> dict[str, Any]:
    """Score the coder on the unit-test records.

    Args:
        path: the records file; None for ``../shared/data/petrarch2-unittest/`` from the working directory.
        part: "dev", "heldout", "all" or "both" (dev and held out side by side).
        errors: also return one row per record under "errors".
    Returns:
        {"dev": metrics, "heldout": metrics} for "both", else the metrics of that part;
        {"skipped": reason} when the file is absent.
    """
    path = path or DEFAULT_PATH
    if not os.path.exists(path):
        return {"skipped": f"PETRARCH2 unit-test records not found at {path}: run from the repository "
                           f"root with ../shared/data present, or give the path"}
    records = read_records(path)
    actors = os.path.join(os.path.dirname(path), "PETR.Validate.actors.txt")
    names = read_actor_names(actors) if os.path.exists(actors) else []
    dev, held = split(records)
    chosen = {"dev": dev, "heldout": held, "all": records, "both": records}[part]
    code = _coder()
    coded = {r.id: code(r.text) for r in chosen}
    if part == "both":
        out: dict[str, Any] = {}
        all_rows = []
        for name, recs in (("dev", dev), ("heldout", held)):
            out[name], rows = score(recs, coded, names)
            all_rows += rows
    else:
        out, all_rows = score(chosen, coded, names)
    if errors:
        out["errors"] = [r for r in all_rows if r.get("gold") == "none" and r["got"] or not r.get("root_right", True)]
    return out


def format_table(metrics: dict[str, Any]) -> str:
    if "skipped" in metrics:
        return f"skipped: {metrics['skipped']}"
    if "dev" in metrics:
        lines = [f"{'metric':<20}{'dev':>8}{'heldout':>9}", f"{'-' * 20}{'-' * 7:>8}{'-' * 7:>9}"]
        for k in _KEYS:
            d, h = metrics["dev"].get(k), metrics["heldout"].get(k)
            fmt = lambda v: f"{v:.3f}" if isinstance(v, float) else str(v)
            lines.append(f"{k:<20}{fmt(d):>8}{fmt(h):>9}")
        return "\n".join(lines)
    return metrics_table(metrics, _KEYS)


def main(argv: list[str] | None = None) -> None:
    import argparse
    ap = argparse.ArgumentParser(description="Score the coder on PETRARCH2's unit-test sentences.")
    ap.add_argument("path", nargs="?", default=None, help=f"records file (default {DEFAULT_PATH})")
    ap.add_argument("--part", choices=("both", "dev", "heldout", "all"), default="both")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--errors", action="store_true", help="list the records coded wrong first")
    args = ap.parse_args(argv)
    metrics = run(args.path, part=args.part, errors=args.errors)
    if args.errors:
        for row in metrics.pop("errors", []):
            print(json.dumps(row, ensure_ascii=False))
    print(json.dumps(metrics, indent=2) if args.json else format_table(metrics))
    if "skipped" in metrics:
        sys.exit(0)


if __name__ == "__main__":
    main()
