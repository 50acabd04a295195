"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per located event."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import IO, Any, Iterable

COLUMNS = {
    "geometry": "Point [longitude, latitude] of the event's place (events without coordinates are left out)",
    "id": "the event id",
    "properties": "every column of the events_flat view (dates as YYYY-MM-DD), plus n_articles and the "
                  "reporting articles' sites and urls",
}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def feature(event: dict[str, Any]) -> dict[str, Any] | None:
    if event.get("lat") is None or event.get("lon") is None:
        return None
    return {"type": "Feature", "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
            "properties": {k: _plain(v) for k, v in event.items() if k != "seq"}}


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for event in rows:
        item = feature(event)
        if item is not None:
            out.write((",\n" if n else "\n") + json.dumps(item, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n
