"""ACLED's public CSV layout (ACLED Codebook 2023 column names and meanings).

Only events ACLED would code are written: those with an ACLED event type (the coder leaves it
empty for verbal and diplomatic events, which ACLED does not record).
"""
from __future__ import annotations

import csv
from datetime import datetime, timezone
from typing import IO, Any, Iterable

from . import country, sites

COLUMNS = {
    "event_id_cnty": "ISO3 of the event's country (the place's, else actor1's) + the 16-hex event id, e.g. KEN3f2a...",
    "event_date": "the event's start date, YYYY-MM-DD",
    "year": "year of event_date",
    "time_precision": "1 = the day is known (precision day), 2 = within a week or a range of days, 3 = month or "
                      "year, or only the publication date ('reported')",
    "disorder_type": "from event_type: Battles, Explosions/Remote violence, Violence against civilians -> Political "
                     "violence; Protests -> Demonstrations, except Excessive force against protesters -> Political "
                     "violence; Demonstrations; Riots -> Demonstrations, except Mob violence -> Political violence; "
                     "Strategic developments -> Strategic developments",
    "event_type": "the event's ACLED type (acled_type)",
    "sub_event_type": "the event's ACLED sub-event type (acled_subtype)",
    "actor1": "actor1's resolved name, else the words the text calls it",
    "assoc_actor_1": "empty: associated actors are not coded",
    "inter1": "ACLED interaction code of actor1 from its sector: 1 state forces (GOV, MIL, COP, JUD), 2 rebel groups "
              "(REB), 3 political militias (PTY, OPP), 5 rioters / 6 protesters (civilians in a Riots / Protests "
              "event), 7 civilians (CVL and the rest of society), 8 external / other forces (IGO); 0 no actor",
    "actor2": "actor2's name or words, empty when there is none",
    "assoc_actor_2": "empty: associated actors are not coded",
    "inter2": "as inter1, for actor2",
    "interaction": "the two inter codes, lower first, as one number (17 = state forces and civilians; 60 = "
                   "protesters alone)",
    "civilian_targeting": "'Civilian targeting' when actor2 is civilians in a political violence event, else empty",
    "iso": "ISO 3166-1 numeric code of the country (GeoNames)",
    "region": "empty: ACLED's regions are its own division of the world, not derived",
    "country": "country name (GeoNames) of the place, else of actor1",
    "admin1": "the place's first-level division when resolved",
    "admin2": "empty: not resolved",
    "admin3": "empty: not resolved",
    "location": "the place's name",
    "latitude": "the place's latitude",
    "longitude": "the place's longitude",
    "geo_precision": "1 = the point or town, 2 = the region (admin1), 3 = only the country",
    "source": "the sites of the articles that report the event, '; '-separated",
    "source_scale": "empty: the sites are not classed as national, regional or international",
    "notes": "the evidence sentence, with the date words when the text gave them",
    "fatalities": "the lowest reported number killed (ACLED codes the most conservative figure), 0 when none is given",
    "tags": "crowd size=<the words> for a participants count; 'cumulative' when a count is a running total",
    "timestamp": "Unix time the event was first stored",
}

_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_DISORDER_BY_SUBTYPE = {"Excessive force against protesters": "Political violence; Demonstrations",
                        "Mob violence": "Political violence"}
_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "JUD": 1, "REB": 2, "PTY": 3, "OPP": 3, "IGO": 8}


def inter(sector: str | None, event_type: str | None, present: bool) -> int:
    if not present:
        return 0
    if sector in _INTER:
        return _INTER[sector]
    if event_type == "Protests":
        return 6
    if event_type == "Riots":
        return 5
    return 7


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two codes, lower first (17); one actor alone is that code and 0 (60)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    return int(f"{codes[0]}{codes[1] if len(codes) > 1 else 0}") if codes else 0


def _precision(date_precision: str | None) -> int:
    return {"day": 1, "week": 2, "range": 2}.get(date_precision or "", 3)


def _geo_precision(precision: str | None) -> int | None:
    return {"point": 1, "city": 1, "admin1": 2, "country": 3}.get(precision or "")


def row(event: dict[str, Any]) -> dict[str, Any] | None:
    """One ACLED row of a flat event row, or None when ACLED does not code the event."""
    event_type = event.get("acled_type")
    if not event_type:
        return None
    iso3 = event.get("location_country") or event.get("actor1_country")
    facts = country(iso3)
    has1 = bool(event.get("actor1_name") or event.get("actor1_text"))
    has2 = bool(event.get("actor2_name") or event.get("actor2_text"))
    i1 = inter(event.get("actor1_sector"), event_type, has1)
    i2 = inter(event.get("actor2_sector"), event_type, has2)
    disorder = _DISORDER_BY_SUBTYPE.get(event.get("acled_subtype") or "", _DISORDER.get(event_type, ""))
    date = event.get("date")
    tags = []
    if event.get("participants_text"):
        tags.append(f"crowd size={event['participants_text']}")
    if any(event.get(f"{k}_cumulative") for k in ("killed", "injured", "detained", "displaced")):
        tags.append("cumulative")
    notes = event.get("evidence_sentence") or ""
    if event.get("date_text"):
        notes = f"On {date} ({event['date_text']}): {notes}" if date else notes
    seen = event.get("first_seen")
    return {
        "event_id_cnty": f"{iso3 or ''}{event['id']}", "event_date": str(date) if date else "",
        "year": date.year if hasattr(date, "year") else "", "time_precision": _precision(event.get("date_precision")),
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": event.get("acled_subtype") or "",
        "actor1": event.get("actor1_name") or event.get("actor1_text") or "", "assoc_actor_1": "", "inter1": i1,
        "actor2": event.get("actor2_name") or event.get("actor2_text") or "", "assoc_actor_2": "", "inter2": i2,
        "interaction": interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if i2 == 7 and disorder.startswith("Political violence") else "",
        "iso": facts.get("isonumeric", ""), "region": "", "country": facts.get("name", ""),
        "admin1": event.get("location_admin1") or "", "admin2": "", "admin3": "",
        "location": event.get("location_name") or "", "latitude": event.get("lat"), "longitude": event.get("lon"),
        "geo_precision": _geo_precision(event.get("location_precision")) or "",
        "source": "; ".join(sites(event)), "source_scale": "", "notes": notes,
        "fatalities": event.get("killed_min") or 0, "tags": "; ".join(tags),
        "timestamp": int(seen.replace(tzinfo=timezone.utc).timestamp()) if isinstance(seen, datetime) else "",
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    n = 0
    for event in rows:
        item = row(event)
        if item is not None:
            writer.writerow(item)
            n += 1
    return n
