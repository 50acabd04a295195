"""Writes event records as JSON Lines, JSON or CSV (Parquet goes through the store)."""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable

COUNT_KINDS = ("killed", "injured", "detained", "troops", "participants", "displaced")

CSV_COLUMNS = (
    "id", "type", "mode", "cameo", "acled_type", "acled_subtype", "status",
    "actor1_text", "actor1_name", "actor1_country", "actor1_sector",
    "actor2_text", "actor2_name", "actor2_country", "actor2_sector",
    "date", "date_end", "date_precision", "date_text",
    "location_name", "location_country", "location_admin1", "lat", "lon", "geonames_id", "location_precision",
    *(f"{k}_{b}" for k in COUNT_KINDS for b in ("min", "max")),
    "confidence", "attribution", "evidence_sentence", "evidence_start", "evidence_end",
    "article_id", "url", "title", "published",
)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One event record as one flat row (the CSV columns)."""
    row: dict[str, Any] = {k: record.get(k) for k in ("id", "type", "mode", "cameo", "acled_type",
                                                      "acled_subtype", "status", "date", "date_end",
                                                      "date_precision", "date_text", "confidence")}
    for role in ("actor1", "actor2"):
        actor = record.get(role) or {}
        for key in ("text", "name", "country", "sector"):
            row[f"{role}_{key}"] = actor.get(key)
    loc = record.get("location") or {}
    for key in ("name", "country", "admin1"):
        row[f"location_{key}"] = loc.get(key)
    row.update(lat=loc.get("lat"), lon=loc.get("lon"), geonames_id=loc.get("geonames_id"),
               location_precision=loc.get("precision"))
    counts = record.get("counts") or {}
    for kind in COUNT_KINDS:
        row[f"{kind}_min"] = (counts.get(kind) or {}).get("min")
        row[f"{kind}_max"] = (counts.get(kind) or {}).get("max")
    attribution = record.get("attribution") or {}
    row["attribution"] = attribution.get("text")
    evidence = record.get("evidence") or {}
    row.update(evidence_sentence=evidence.get("sentence"), evidence_start=evidence.get("start"),
               evidence_end=evidence.get("end"))
    source = record.get("source") or {}
    row.update(article_id=source.get("article_id"), url=source.get("url"), title=source.get("title"),
               published=source.get("published"))
    return row


def write_records(records: Iterable[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Write records to ``out`` as jsonl, json or csv; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = list(records)
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(items)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(flatten(record))
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r}: choose jsonl, json or csv")
    return n
