"""GDELT 2.0's event table: 61 tab-separated columns, no header, as GDELT's export files are.

Column names and order from the GDELT 2.0 Event Database codebook; the Goldstein score of each
CAMEO code is data (codebooks/data/goldstein.tsv, GDELT's own lookup table).
"""
from __future__ import annotations

import csv
from datetime import date as Date
from datetime import datetime
from typing import IO, Any, Iterable

from ..codebooks import goldstein
from . import country, sites

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS = {
    "GlobalEventID": "the event id as an integer: its first 15 hex digits (stable across exports)",
    "Day": "event date YYYYMMDD (empty when undated)",
    "MonthYear": "YYYYMM",
    "Year": "YYYY",
    "FractionDate": "year + day of year / 365, 4 decimals",
    **{f"Actor1{k}": v for k, v in {
        "Code": "CAMEO actor code: ISO3 country + sector, e.g. KENCOP",
        "Name": "the actor's name (upper case, as GDELT writes names)",
        "CountryCode": "ISO3 country of the actor",
        "KnownGroupCode": "empty: known groups (UN, NATO ...) are not coded apart from the sector IGO",
        "EthnicCode": "empty: not coded", "Religion1Code": "empty: not coded", "Religion2Code": "empty: not coded",
        "Type1Code": "the actor's sector (GOV, MIL, COP, REB, CVL ...)",
        "Type2Code": "empty", "Type3Code": "empty"}.items()},
    **{f"Actor2{k}": "as for Actor1, of the target actor" for k in _ACTOR},
    "IsRootEvent": "1 when the evidence sentence starts in the article's first 500 characters (its lead), else 0",
    "EventCode": "the CAMEO code",
    "EventBaseCode": "its first three digits",
    "EventRootCode": "its first two digits",
    "QuadClass": "1 verbal cooperation (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), "
                 "4 material conflict (14-20)",
    "GoldsteinScale": "the Goldstein score of the CAMEO code (codebooks/data/goldstein.tsv, GDELT's table)",
    "NumMentions": "number of stored articles that report the event (one mention each)",
    "NumSources": "number of distinct sites among them",
    "NumArticles": "number of stored articles that report the event",
    "AvgTone": "empty: tone is not computed",
    **{f"Actor1Geo_{k}": "empty: actors are not placed apart from the event" for k in _GEO},
    **{f"Actor2Geo_{k}": "empty: actors are not placed apart from the event" for k in _GEO},
    "ActionGeo_Type": "1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin1), from the place's "
                      "precision",
    "ActionGeo_FullName": "place, admin1, country",
    "ActionGeo_CountryCode": "FIPS 10-4 country code (GDELT's; from GeoNames)",
    "ActionGeo_ADM1Code": "empty: GDELT's FIPS admin1 codes are not resolved",
    "ActionGeo_ADM2Code": "empty",
    "ActionGeo_Lat": "latitude", "ActionGeo_Long": "longitude",
    "ActionGeo_FeatureID": "GeoNames id of the place (GDELT uses GNS ids; both are numbers naming a place)",
    "DATEADDED": "when the event was first stored, YYYYMMDDHHMMSS (UTC)",
    "SOURCEURL": "URL of the first article that reports it",
}
assert len(COLUMNS) == 61


def quad_class(code: str | None) -> int | str:
    try:
        root = int((code or "")[:2])
    except ValueError:
        return ""
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _actor(event: dict[str, Any], role: str) -> list[Any]:
    name = event.get(f"{role}_name") or event.get(f"{role}_text")
    if not name:
        return [""] * len(_ACTOR)
    iso3, sector = event.get(f"{role}_country") or "", event.get(f"{role}_sector") or ""
    return [iso3 + sector, name.upper(), iso3, "", "", "", "", sector, "", ""]


def _geo(event: dict[str, Any]) -> list[Any]:
    if event.get("lat") is None and not event.get("location_country"):
        return [""] * len(_GEO)
    iso3 = event.get("location_country")
    facts = country(iso3)
    us = iso3 == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5}.get(event.get("location_precision") or "", 3 if us else 4)
    names = [event.get("location_name"), event.get("location_admin1"), facts.get("name")]
    full = ", ".join(dict.fromkeys(n for n in names if n))
    return [kind, full, facts.get("fips", ""), "", "", event.get("lat") if event.get("lat") is not None else "",
            event.get("lon") if event.get("lon") is not None else "", event.get("geonames_id") or ""]


def row(event: dict[str, Any]) -> list[Any]:
    day = event.get("date")
    code = event.get("cameo") or ""
    seen = event.get("first_seen")
    n = event.get("n_articles") or 0
    dated = isinstance(day, Date)
    return [
        int(event["id"][:15], 16),
        day.strftime("%Y%m%d") if dated else "", day.strftime("%Y%m") if dated else "", day.year if dated else "",
        round(day.year + day.timetuple().tm_yday / 365, 4) if dated else "",
        *_actor(event, "actor1"), *_actor(event, "actor2"),
        1 if (event.get("evidence_start") or 0) < 500 else 0,
        code, code[:3], code[:2], quad_class(code), goldstein(code) if code else "",
        n, len(sites(event)), n, "",
        *([""] * len(_GEO)), *([""] * len(_GEO)), *_geo(event),
        seen.strftime("%Y%m%d%H%M%S") if isinstance(seen, datetime) else "",
        (event.get("urls") or [event.get("url") or ""])[0] or "",
    ]


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
    n = 0
    for event in rows:
        writer.writerow(row(event))
        n += 1
    return n
