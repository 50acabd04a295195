"""PLOVER JSON records, one per line, in the shape of the PLOVER gold standard records
(openeventdata/PLOVER): source and target lists of actors, event, mode, context, eventText, text."""
from __future__ import annotations

import json
from typing import IO, Any, Iterable

from ..codebooks import cameo_rows

COLUMNS = {
    "id": "the event id",
    "date": "the event's start date, YYYY-MM-DD (null when undated)",
    "source": "[{actorText, code (ISO3), sector, name}] of actor1 ([] when none)",
    "target": "the same for actor2",
    "event": "PLOVER event type",
    "mode": "PLOVER mode ('' when none)",
    "context": "PLOVER context of the CAMEO code (codebooks/data/cameo.tsv), comma-separated, '' when none",
    "eventText": "the trigger words",
    "text": "the evidence sentence",
    "status": "occurred, ongoing, planned, claimed, denied or hypothetical (newsevents' field)",
    "location": "{placeName, country, admin1, lat, lon, geonamesID, precision}, or null",
    "publication": "the sites of the reporting articles, '; '-separated",
    "url": "the first reporting article's URL",
    "language": "en",
    "coder": "newsevents",
}


def _contexts() -> dict[str, str]:
    return {row["code"]: row.get("plover_context") or "" for row in cameo_rows()}


def _actors(event: dict[str, Any], role: str) -> list[dict[str, Any]]:
    text = event.get(f"{role}_text") or event.get(f"{role}_name")
    if not text:
        return []
    actor = {"actorText": text, "code": event.get(f"{role}_country") or "", "sector": event.get(f"{role}_sector") or ""}
    if event.get(f"{role}_name"):
        actor["name"] = event[f"{role}_name"]
    return [actor]


def record(event: dict[str, Any], contexts: dict[str, str]) -> dict[str, Any]:
    from . import sites
    date = event.get("date")
    location = None
    if event.get("location_name") or event.get("location_country"):
        location = {"placeName": event.get("location_name"), "country": event.get("location_country"),
                    "admin1": event.get("location_admin1"), "lat": event.get("lat"), "lon": event.get("lon"),
                    "geonamesID": event.get("geonames_id"), "precision": event.get("location_precision")}
    return {"id": event["id"], "date": str(date) if date else None, "source": _actors(event, "actor1"),
            "target": _actors(event, "actor2"), "event": event.get("type"), "mode": event.get("mode") or "",
            "context": contexts.get(event.get("cameo") or "", ""), "eventText": event.get("evidence_trigger") or "",
            "text": event.get("evidence_sentence") or "", "status": event.get("status"), "location": location,
            "publication": "; ".join(sites(event)), "url": (event.get("urls") or [event.get("url")])[0],
            "language": "en", "coder": "newsevents"}


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    contexts = _contexts()
    n = 0
    for event in rows:
        out.write(json.dumps(record(event, contexts), ensure_ascii=False) + "\n")
        n += 1
    return n
