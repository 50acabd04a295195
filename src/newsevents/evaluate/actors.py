"""Actor coding against the PLOVER gold standard records, with the gold actor words given (oracle spans).

``newsevents evaluate actors PATH`` where PATH is PLOVER_GSR_CAMEO.json (openeventdata/PLOVER,
CC BY-SA 4.0). Each gold source/target actor's ``actorText`` is coded with
``ActorResolver(record text).resolve_text(actorText)`` (the record's sentence is the article
context, as in the full pipeline) and compared with the gold ``code`` (country) and ``sector``.

How gold CAMEO-style codes are read (documented so the figure can be reproduced):
  * country codes are ISO3 except three CAMEO spellings: JAP -> JPN, ITL -> ITA, VTN -> VNM;
  * IGO / NGO mean an international organisation: right when we give no country and sector
    IGO or NGO; IMG / ISM (international militant / Muslim groups) are right when we give no
    country;
  * sectors: LEG and SPY -> GOV, JRN -> MED, CIV, REF, LAB, AGR -> CVL, the first three letters
    of compound codes (CVLalb -> CVL); gold MED (medical), ELI (elites), CRM, UAF, SOC, MOS, ***
    and empty sectors, and the sector of IGO/NGO actors, are not scored.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from ..errors import InputError
from ..model import SECTORS
from ..resolve.actors import ActorResolver

_CODE_FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_ORG_CODES = {"IGO", "NGO"}
_STATELESS = {"IMG", "ISM"}
_SECTOR_FIX = {"LEG": "GOV", "SPY": "GOV", "JRN": "MED", "CIV": "CVL", "REF": "CVL", "LAB": "CVL",
               "AGR": "CVL"}
_UNSCORED_SECTORS = {"MED", "ELI", "CRM", "UAF", "SOC", "MOS", "***"}


def _gold_actors(record: dict) -> list[tuple[str, dict]]:
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            continue   # "" or a stray string: no actor
        out.extend((role, a) for a in value if isinstance(a, dict) and a.get("actorText"))
    return out


def gold_sector(actor: dict) -> str | None:
    """The gold sector in our scheme, or None when it is not scored."""
    code = (actor.get("code") or "").upper()
    raw = (actor.get("sector") or "").strip()
    if not raw or code in _ORG_CODES or code in _STATELESS:
        return None
    head = raw[:3].upper()
    if head in _UNSCORED_SECTORS:
        return None
    head = _SECTOR_FIX.get(head, head)
    return head if head in SECTORS else None


def country_correct(actor: dict, country: str | None, sector: str | None) -> bool:
    code = (actor.get("code") or "").strip().upper()
    if code in _ORG_CODES:
        return country is None and sector in ("IGO", "NGO")
    if code in _STATELESS:
        return country is None
    return country == _CODE_FIX.get(code, code)


def load_records(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read PLOVER gold records from {path}: {exc}") from exc
    return [r for r in data if isinstance(r, dict) and r.get("event") != "DOCUMENT" and r.get("text")]


def run(path: str, context: bool = True, errors: int = 0, **options: Any) -> dict:
    """Country and sector accuracy of actor coding on the gold actor strings.

    Args:
        path: PLOVER_GSR_CAMEO.json.
        context: use each record's sentence as the article context (default True).
        errors: how many wrong cases to include under ``"errors"`` (0 = none).
    Returns:
        dict with n_source, n_target, source_country_accuracy, target_country_accuracy,
        country_accuracy, country_precision, country_coverage, n_sector, sector_accuracy,
        sector_precision, us_per_actor (and errors when asked).
    """
    records = load_records(path)
    tally = {k: 0 for k in ("n_source", "n_target", "ok_source", "ok_target", "given", "given_ok",
                            "n_sector", "ok_sector", "sector_given", "sector_given_ok")}
    wrong: list[dict] = []
    elapsed, calls = 0.0, 0
    for record in records:
        resolver = ActorResolver(record["text"] if context else "")
        for role, gold in _gold_actors(record):
            text = gold["actorText"].strip()
            t0 = time.perf_counter()
            actor = resolver.resolve_text(text)
            elapsed += time.perf_counter() - t0
            calls += 1
            key = "source" if role == "source" else "target"
            ok = country_correct(gold, actor.country, actor.sector)
            tally[f"n_{key}"] += 1
            tally[f"ok_{key}"] += ok
            if actor.country is not None:
                tally["given"] += 1
                tally["given_ok"] += ok
            want = gold_sector(gold)
            sector_ok = True
            if want is not None:
                sector_ok = actor.sector == want
                tally["n_sector"] += 1
                tally["ok_sector"] += sector_ok
                if actor.sector is not None:
                    tally["sector_given"] += 1
                    tally["sector_given_ok"] += sector_ok
            if (not ok or not sector_ok) and len(wrong) < errors:
                wrong.append({"text": text, "gold": [gold.get("code"), gold.get("sector")],
                              "got": [actor.country, actor.sector], "rule": actor.rule})
    div = lambda a, b: round(a / b, 4) if b else 0.0
    n_all = tally["n_source"] + tally["n_target"]
    metrics = {
        "n_source": tally["n_source"],
        "n_target": tally["n_target"],
        "source_country_accuracy": div(tally["ok_source"], tally["n_source"]),
        "target_country_accuracy": div(tally["ok_target"], tally["n_target"]),
        "country_accuracy": div(tally["ok_source"] + tally["ok_target"], n_all),
        "country_precision": div(tally["given_ok"], tally["given"]),
        "country_coverage": div(tally["given"], n_all),
        "n_sector": tally["n_sector"],
        "sector_accuracy": div(tally["ok_sector"], tally["n_sector"]),
        "sector_precision": div(tally["sector_given_ok"], tally["sector_given"]),
        "us_per_actor": round(1e6 * elapsed / calls, 1) if calls else 0.0,
    }
    if errors:
        metrics["errors"] = wrong
    return metrics


def format_table(metrics: dict) -> str:
    """The metrics as a two-column table (errors, if any, listed after)."""
    rows = [(k, str(v)) for k, v in metrics.items() if k != "errors"]
    width = max(len(k) for k, _ in rows)
    lines = ["actor coding, oracle spans (PLOVER GSR)", "-" * (width + 12)]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    for e in metrics.get("errors", []):
        lines.append(f"  {e['text']!r}: gold {e['gold']} got {e['got']} ({e['rule']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="PLOVER_GSR_CAMEO.json")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--no-context", action="store_true", help="code each phrase on its own")
    parser.add_argument("--errors", type=int, default=0, help="list this many wrong cases")
    args = parser.parse_args(argv)
    metrics = run(args.path, context=not args.no_context, errors=args.errors)
    print(json.dumps(metrics, indent=2) if args.json else format_table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
