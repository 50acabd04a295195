"""Writes event records as JSON Lines, JSON or CSV, and stored events in every format
(``write_events``: also Parquet through the store and the field's formats in ``formats/``)."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from .queries import EventFilter
    from .store import Store

RECORD_FORMATS = ("jsonl", "json", "csv")
EXPORT_FORMATS = (*RECORD_FORMATS, "parquet", "acled", "gdelt", "plover", "geojson")
# the file endings each format is written with: another ending gets a warning
SUFFIXES = {"jsonl": (".jsonl", ".ndjson"), "json": (".json",), "csv": (".csv",), "parquet": (".parquet", ".pq"),
            "acled": (".csv",), "gdelt": (".csv", ".tsv", ".txt"), "plover": (".jsonl", ".json"),
            "geojson": (".geojson", ".json")}

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


def write_events(store: "Store", selection: "EventFilter", fmt: str, out: "str | Path | IO[str]",
                 sort: str | None = None) -> int:
    """Write the stored events a filter selects in one of ``EXPORT_FORMATS`` to a path or an open
    text stream (not for parquet); returns how many events were written."""
    from . import formats
    from .queries import DEFAULT_SORT
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ValueError("parquet is written to a file: give a path")
        return store.export_parquet(selection, out)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_events(store, selection, fmt, stream, sort)
    if fmt in RECORD_FORMATS:
        return write_records(store.events_matching(selection, sort or DEFAULT_SORT), out, fmt)
    return formats.write(fmt, store.flat_rows(selection), out)
