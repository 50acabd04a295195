"""The event queries, as SQL text: filters, sorting and cursor pagination.

The CLI's ``events`` command and the HTTP API's ``GET /events`` are two faces of these functions;
the store runs what they build. No database import here: this module only writes SQL over the
store's tables (``events e``, ``article_events``, ``articles``), so a change of schema is made in
one place.
"""
from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from .errors import QueryError
from .model import COUNT_KINDS, PLOVER_TYPES, SECTORS, STATUSES

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
_CAMEO = re.compile(r"^\d{1,4}$")
# An actor code as coders write it: a country (KEN), a sector (GOV) or both (KENGOV).
_ACTOR_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})?$")


@dataclass
class EventFilter:
    """What an event query selects; every field optional. Lists are ORed, fields ANDed.

    Multi-valued fields (type, status, country, mode) take one value or several separated by
    commas, as the CLI and the API's query strings give them.
    """

    q: str | None = None              # words anywhere in the record (evidence, actors, place, title)
    type: str | None = None           # PLOVER type(s), e.g. PROTEST or PROTEST,ASSAULT
    mode: str | None = None           # PLOVER mode(s)
    cameo: str | None = None          # CAMEO code prefix, e.g. 14 (all protests) or 173
    acled_type: str | None = None     # ACLED event type, e.g. Protests
    status: str | None = None         # occurred, ongoing, planned, claimed, denied, hypothetical
    country: str | None = None        # ISO3 of actor1, actor2 or the place
    actor: str | None = None          # actor name (words of it) or code (KEN, GOV, KENGOV)
    since: str | None = None          # ISO date, inclusive (events that end on or after it)
    until: str | None = None          # ISO date, inclusive (events that start on or before it)
    bbox: str | None = None           # min_lon,min_lat,max_lon,max_lat
    min_confidence: float | None = None
    story: str | None = None          # a story id, where the database has stories
    located: bool | None = None       # only events with coordinates (a map's points)
    limit: int | None = None          # at most this many events in all (CLI); pages have their own size

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self) if f.name != "limit")


SORTS = {
    # name: (key expression, direction, how a cursor's key value is typed back into SQL)
    "date": ("coalesce(e.date, DATE '9999-12-31')", "ASC", "CAST(? AS DATE)"),
    "-date": ("coalesce(e.date, DATE '0001-01-01')", "DESC", "CAST(? AS DATE)"),
    "confidence": ("coalesce(e.confidence, -1.0)", "ASC", "CAST(? AS DOUBLE)"),
    "-confidence": ("coalesce(e.confidence, -1.0)", "DESC", "CAST(? AS DOUBLE)"),
    "first_seen": ("e.first_seen", "ASC", "CAST(? AS TIMESTAMP)"),
    "-first_seen": ("e.first_seen", "DESC", "CAST(? AS TIMESTAMP)"),
}
DEFAULT_SORT = "date"

# The flat columns a map or a table needs (name: expression over the typed columns of ``events e``).
SUMMARY = {
    "id": "e.id", "type": "e.type", "mode": "e.mode", "cameo": "e.cameo", "acled_type": "e.acled_type",
    "status": "e.status", "actor1_name": "coalesce(e.actor1.name, e.actor1.text)",
    "actor1_country": "e.actor1.country", "actor2_name": "coalesce(e.actor2.name, e.actor2.text)",
    "actor2_country": "e.actor2.country", "date": "e.date", "date_end": "e.date_end",
    "location_name": "e.location.name", "location_country": "e.location.country",
    "lat": "e.location.lat", "lon": "e.location.lon", "confidence": "e.confidence",
    **{f"{k}_min": f"e.counts.{k}.min" for k in COUNT_KINDS},
}
SUMMARY_COLUMNS = tuple(SUMMARY)
SUMMARY_SQL = ", ".join(f"{expr} AS {name}" for name, expr in SUMMARY.items())

# Words anywhere in the record: the evidence sentence, the actors' and place's words and the title.
_SEARCHED = ("concat_ws(' ', e.evidence.sentence, e.actor1.text, e.actor1.name, e.actor2.text, e.actor2.name, "
             "e.location.text, e.location.name, e.source.title, e.date_text)")


@dataclass(frozen=True)
class StoreShape:
    """What optional parts a database has (other stages add them over time); queries adapt."""

    event_columns: frozenset[str] = frozenset()
    article_columns: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()

    @property
    def story_membership(self) -> str | None:
        """SQL selecting the event ids of story ``?``, or None when the database has no stories."""
        if "story_events" in self.tables:
            return "SELECT event_id FROM story_events WHERE story_id = ?"
        # every schema-3 events table has the column; stories exist once the table is built
        if "story_id" in self.event_columns and "stories" in self.tables:
            return "SELECT id FROM events WHERE story_id = ?"
        return None


def _values(value: str, upper: bool = True) -> list[str]:
    items = [v.strip() for v in str(value).split(",") if v.strip()]
    return [v.upper() for v in items] if upper else items


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _date(value: str, name: str) -> str:
    try:
        if _ISO_DATE.match(value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name}={value!r} is not a day of the calendar: write YYYY-MM-DD, e.g. 2023-01-31") from None
    raise QueryError(f"{name}={value!r} is not a date: write YYYY-MM-DD, e.g. 2023-01-31")


def _acled_types() -> list[str]:
    from .codebooks import acled_types
    return list(acled_types())


def _plover_modes() -> list[str]:
    """The modes an event can have: PLOVER's, and those the trigger lexicon gives."""
    from .codebooks import load_tsv, plover_types
    modes = {mode for row in plover_types().values() for mode in row.get("modes") or {}}
    modes |= {row["mode"] for row in load_tsv("triggers.tsv") if row.get("mode") and row["mode"] != "-"}
    return sorted(modes)


def where_clause(f: EventFilter, shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters for a filter over ``events e``.

    Raises:
        QueryError: a value that cannot be a filter (unknown type or status, bad date or box).
    """
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.type:
        types = _values(f.type)
        unknown = [t for t in types if t not in PLOVER_TYPES]
        if unknown:
            raise QueryError(f"unknown type {', '.join(unknown)}: choose from {', '.join(PLOVER_TYPES)}")
        add(_in("e.type", types), *types)
    if f.mode:
        modes = _values(f.mode, upper=False)
        known = _plover_modes()
        unknown = [m for m in modes if m.lower() not in known]
        if unknown:
            raise QueryError(f"unknown mode {', '.join(unknown)}: choose from {', '.join(known)}")
        add(_in("lower(e.mode)", modes), *[m.lower() for m in modes])
    if f.cameo:
        code = str(f.cameo).strip()
        if not _CAMEO.match(code):
            raise QueryError(f"cameo={code!r} is not a CAMEO code prefix: digits, e.g. 14 or 173")
        add("starts_with(e.cameo, ?)", code)
    if f.acled_type:
        known = _acled_types()
        if f.acled_type.strip().lower() not in {k.lower() for k in known}:
            raise QueryError(f"unknown ACLED type {f.acled_type!r}: choose from {', '.join(known)}")
        add("lower(e.acled_type) = ?", f.acled_type.strip().lower())
    if f.status:
        statuses = _values(f.status, upper=False)
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            raise QueryError(f"unknown status {', '.join(unknown)}: choose from {', '.join(STATUSES)}")
        add(_in("e.status", statuses), *statuses)
    if f.country:
        countries = _values(f.country)
        bad = [c for c in countries if not _COUNTRY.match(c)]
        if bad:
            raise QueryError(f"country {', '.join(bad)}: give ISO 3166-1 alpha-3 codes (three letters: KEN, "
                             "USA, GBR), not alpha-2 (KE) or names")
        # one "code IN (the three fields)" per code: DuckDB evaluates it faster than three IN lists
        # (a fifth of the page query on a million events); the place first, the commonest match
        add("(" + " OR ".join(["? IN (e.location.country, e.actor1.country, e.actor2.country)"] * len(countries))
            + ")", *countries)
    if f.actor:
        add(*_actor_clause(f.actor.strip()))
    if f.since:
        add("coalesce(e.date_end, e.date) >= CAST(? AS DATE)", _date(f.since, "since"))
    if f.until:
        add("e.date <= CAST(? AS DATE)", _date(f.until, "until"))
    if f.bbox:
        add("e.location.lon BETWEEN ? AND ? AND e.location.lat BETWEEN ? AND ?", *_bbox(f.bbox))
    if f.located:
        add("e.location.lat IS NOT NULL AND e.location.lon IS NOT NULL")
    if f.min_confidence is not None:
        add("e.confidence >= ?", float(f.min_confidence))
    if f.q:
        add(f"{_SEARCHED} ILIKE ? ESCAPE '\\'", f"%{_like_escape(f.q.strip())}%")
    if f.story:
        membership = (shape or StoreShape()).story_membership
        if membership is None:
            raise QueryError("this database has no stories (they are built when stories exist)")
        add(f"e.id IN ({membership})", f.story)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _actor_clause(value: str) -> tuple[Any, ...]:
    """An actor by its words (either actor's name or the words the text calls it by: "police" finds
    "Kenyan police", whose name is Kenya) or, when code-shaped, by country and sector."""
    name = f"%{_like_escape(value)}%"
    sql = ("(e.actor1.name ILIKE ? ESCAPE '\\' OR e.actor2.name ILIKE ? ESCAPE '\\'"
           " OR e.actor1.text ILIKE ? ESCAPE '\\' OR e.actor2.text ILIKE ? ESCAPE '\\'")
    params: list[Any] = [name, name, name, name]
    if _ACTOR_CODE.match(value):
        first, rest = value[:3], value[3:]
        for role in ("actor1", "actor2"):
            if rest:
                sql += f" OR (e.{role}.country = ? AND e.{role}.sector = ?)"
                params += [first, rest]
            elif first in SECTORS:
                sql += f" OR e.{role}.sector = ? OR e.{role}.country = ?"
                params += [first, first]
            else:
                sql += f" OR e.{role}.country = ?"
                params.append(first)
    return (sql + ")", *params)


def _bbox(value: str) -> list[float]:
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise QueryError(f"bbox={value!r}: give min_lon,min_lat,max_lon,max_lat, e.g. 30,-5,42,5") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError(f"bbox={value!r}: need -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90")
    return [west, east, south, north]


def encode_cursor(sort: str, key: Any, row: int) -> str:
    """An opaque cursor: the sort and the last row's key and row id, so the next page starts after it."""
    raw = json.dumps([sort, None if key is None else str(key), row]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, key, row = json.loads(raw)
        row = int(row)
    except (ValueError, TypeError):
        raise QueryError("cursor is not one this server gave out: start again without it") from None
    if made_for != sort:
        raise QueryError(f"cursor was made for sort={made_for}, not sort={sort}: start again without it")
    return key, row


def page_sql(f: EventFilter, sort: str = DEFAULT_SORT, cursor: str | None = None, size: int = 100,
             columns: str = "e.rowid", shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    """One page of events: ``columns``, then the sort key and the row id (one row more than
    ``size``, so the caller knows whether another page follows).

    Ties in the sort key are broken by ``seq`` (the order rows were stored in): an integer, where
    the 16-character event id cost half the query on a million rows; unlike the row id it stays
    when the table is rewritten in order (``Store.optimize``).

    Raises:
        QueryError: unknown sort, a cursor from another sort, or a bad filter value.
    """
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: choose from {', '.join(SORTS)}")
    key, direction, typed = SORTS[sort]
    where, params = where_clause(f, shape)
    if cursor:
        after, last_row = decode_cursor(cursor, sort)
        op = ">" if direction == "ASC" else "<"
        keyset = f"({key} {op} {typed} OR ({key} = {typed} AND e.seq {op} ?))"
        where = (where + " AND " if where else " WHERE ") + keyset
        params += [after, after, int(last_row)]
    sql = (f"SELECT {columns}, {key} AS sort_key, e.seq AS sort_row FROM events e{where} "
           f"ORDER BY sort_key {direction}, sort_row {direction} LIMIT {int(size) + 1}")
    return sql, params


def _selected(f: EventFilter, shape: StoreShape | None) -> tuple[str, list[Any]]:
    """The matching events' ids in export order (oldest first, then as stored), to join on."""
    where, params = where_clause(f, shape)
    return f"SELECT e.id, e.date, e.seq FROM events e{where}", params


def _limited(sql: str, f: EventFilter) -> str:
    return sql + (f" LIMIT {int(f.limit)}" if f.limit else "")


def table_sql(f: EventFilter, flat: bool = True, shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    """The matching events as a table, oldest first: the ``events_flat`` view's columns, or the
    typed record (structs) without the store's own ``seq`` and ``record`` columns."""
    selected, params = _selected(f, shape)
    source = "events_flat" if flat else "(SELECT * EXCLUDE (seq, record) FROM events)"
    return _limited(f"SELECT x.* FROM {source} x JOIN ({selected}) o USING (id) "
                    "ORDER BY o.date NULLS LAST, o.seq", f), params


def flat_rows_sql(f: EventFilter, shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    """``events_flat`` rows of the matching events with the articles that report each: how many,
    their sites and their URLs (oldest article first), as the export formats read them."""
    selected, params = _selected(f, shape)
    return _limited(
        "SELECT x.*, m.n_articles, m.sites, m.urls FROM events_flat x "
        f"JOIN ({selected}) o USING (id) "
        "LEFT JOIN (SELECT l.event_id AS id, count(*) AS n_articles, "
        "list(DISTINCT a.site) FILTER (WHERE a.site IS NOT NULL) AS sites, "
        "list(a.url ORDER BY a.published, a.id) FILTER (WHERE a.url IS NOT NULL) AS urls "
        "FROM article_events l JOIN articles a ON a.id = l.article_id GROUP BY l.event_id) m USING (id) "
        "ORDER BY o.date NULLS LAST, o.seq", f), params


def count_sql(f: EventFilter, shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    where, params = where_clause(f, shape)
    return f"SELECT count(*) FROM events e{where}", params


# A page's records by row id. The range lets DuckDB skip the row groups outside it: pages of a
# table stored in order (``Store.optimize``) lie close together.
RECORDS_BY_ROWID_SQL = ("SELECT e.rowid, e.id, e.record FROM events e "
                        "WHERE e.rowid BETWEEN ? AND ? AND e.rowid = ANY(?::BIGINT[])")
RECORDS_IN_ROWID_RANGE_SQL = "SELECT e.rowid, e.id, e.record FROM events e WHERE e.rowid BETWEEN ? AND ?"
RECORD_BY_ID_SQL = "SELECT e.record FROM events e WHERE e.id = ?"

# An event's mentions, earliest first (the anchor first): why each joined, its own record.
EVENT_MENTIONS_SQL = (
    "SELECT id, article_id, evidence.sentence, evidence.start, evidence.\"end\", confidence, match, record "
    "FROM mentions WHERE event_id = ? ORDER BY published NULLS LAST, article_id, evidence.start, id")

MENTIONS_SQL = (
    "SELECT event_id, list({'article_id': article_id, 'sentence': sentence, 'start': start_char, "
    "'end': end_char} ORDER BY article_id) FROM article_events "
    "WHERE event_id = ANY(?::VARCHAR[]) GROUP BY event_id")

STATS_GROUPS = {
    "type": "e.type",
    "day": "CAST(e.date AS VARCHAR)",
    "country": "coalesce(e.location.country, e.actor1.country)",
    "status": "e.status",
}


def grid_sql(f: EventFilter, cell: float, shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    """The placed matching events gathered in square cells of ``cell`` degrees: per cell its count,
    mean point, most common type and largest count of people (a map of many events)."""
    if not 0 < cell <= 360:
        raise QueryError(f"cell={cell}: give a size in degrees, above 0 and at most 360")
    where, params = where_clause(replace(f, located=True), shape)
    size = "greatest(" + ", ".join(f"coalesce(e.counts.{kind}.min, 0)" for kind in COUNT_KINDS) + ")"
    lat, lon = "e.location.lat", "e.location.lon"
    return (f"SELECT count(*) AS n, avg({lat}) AS lat, avg({lon}) AS lon, mode(e.type) AS type, max({size}) AS size "
            f"FROM events e{where} GROUP BY floor({lon} / {float(cell)!r}), floor({lat} / {float(cell)!r}) "
            "ORDER BY n DESC", params)


def stats_sql(f: EventFilter, group: str, shape: StoreShape | None = None) -> tuple[str, list[Any]]:
    """Counts of the matching events by one of ``STATS_GROUPS`` (nulls left out)."""
    expr = STATS_GROUPS[group]
    where, params = where_clause(f, shape)
    where = (where + " AND " if where else " WHERE ") + f"{expr} IS NOT NULL"
    order = "key" if group == "day" else "n DESC, key"
    return f"SELECT {expr} AS key, count(*) AS n FROM events e{where} GROUP BY key ORDER BY {order}", params
