"""The database's shape: typed tables, the analysts' views, the schema version and its migrations.

Every field of the event record is a typed column or a typed STRUCT (``e.actor1.country``,
``e.counts.killed.max``), so DuckDB, Parquet, pandas and polars read it without JSON. The shape is
written once here (``EVENT_FIELDS``) and rendered both as DuckDB DDL and as the Arrow schema rows
are inserted with. No database import here: ``store.py`` runs this SQL.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from .model import COUNT_KINDS, Article, Event

SCHEMA_VERSION = 3
# version 1: the first release (flat minimum counts, the rest in a JSON `record`, `captured` text)
# version 2: typed columns and STRUCTs for every field, `captured` TIMESTAMP, `seq`, views
# version 3: `mentions` (each article's own record) merged into `events` across articles;
#            `article_events` a view over mentions; `event_aliases`; counts' `sources`; stories

# A field: (name, type) where type is a DuckDB scalar type name or a list of fields (a STRUCT).
Field = tuple[str, Any]
ACTOR: list[Field] = [("text", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
                      ("sector", "VARCHAR"), ("rule", "VARCHAR")]
PLACE: list[Field] = [("text", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"), ("admin1", "VARCHAR"),
                      ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonames_id", "BIGINT"), ("precision", "VARCHAR")]
COUNT: list[Field] = [("min", "INTEGER"), ("max", "INTEGER"), ("text", "VARCHAR"), ("cumulative", "BOOLEAN"),
                      ("sources", "INTEGER")]
EVENT_FIELDS: list[Field] = [
    ("id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"), ("cameo", "VARCHAR"),
    ("acled_type", "VARCHAR"), ("acled_subtype", "VARCHAR"), ("status", "VARCHAR"),
    ("actor1", ACTOR), ("actor2", ACTOR),
    ("date", "DATE"), ("date_end", "DATE"), ("date_precision", "VARCHAR"), ("date_text", "VARCHAR"),
    ("location", PLACE),
    ("counts", [(kind, COUNT) for kind in COUNT_KINDS]),
    ("evidence", [("sentence", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("trigger", "VARCHAR"),
                  ("trigger_start", "INTEGER")]),
    ("confidence", "DOUBLE"),
    ("attribution", [("text", "VARCHAR"), ("actor", ACTOR)]),
    ("source", [("article_id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"), ("site", "VARCHAR"),
                ("published", "DATE")]),
    ("non_event", "VARCHAR"),
]
# Stored beside the record: when it was first stored; the order rows were stored in (the
# tie-break of sorted pages; unlike the row id it survives the table being rewritten in order);
# and the record as JSON text, as the API sends it. A page of 100 whole records read from this
# one column costs a quarter of assembling them from the ~45 typed leaf columns (DuckDB reads
# each column's blocks around the rows), so it is kept beside them: both are written together.
# A merged event also keeps how many mentions and distinct sites stand behind it, and its story.
EVENT_EXTRA: list[Field] = [("first_seen", "TIMESTAMP"), ("seq", "BIGINT"), ("record", "VARCHAR"),
                            ("n_mentions", "INTEGER"), ("n_sources", "INTEGER"), ("story_id", "VARCHAR")]
# A mention: one article's own record of an event (its typed fields, ``record_id`` the coder's id
# for it), the merged event it belongs to, its date window for the candidate join (``day_lo`` ..
# ``day_hi``: ``merge.match.date_window``), and ``match``: why it joined (JSON of the explanation).
MENTION_KEYS: list[Field] = [("id", "VARCHAR"), ("article_id", "VARCHAR"), ("event_id", "VARCHAR"),
                             ("record_id", "VARCHAR")]
MENTION_EXTRA: list[Field] = [("published", "DATE"), ("site", "VARCHAR"), ("day_lo", "DATE"), ("day_hi", "DATE"),
                              ("match", "VARCHAR"), ("record", "VARCHAR")]
MENTION_FIELDS: list[Field] = MENTION_KEYS + [f for f in EVENT_FIELDS if f[0] != "id"] + MENTION_EXTRA

_ARROW = {"VARCHAR": pa.string(), "DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us")}


def duckdb_type(kind: Any) -> str:
    """A field's type as DuckDB writes it (STRUCT for a list of fields)."""
    if isinstance(kind, str):
        return kind
    return "STRUCT(" + ", ".join(f'"{name}" {duckdb_type(sub)}' for name, sub in kind) + ")"


def arrow_type(kind: Any) -> pa.DataType:
    if isinstance(kind, str):
        return _ARROW[kind]
    return pa.struct([(name, arrow_type(sub)) for name, sub in kind])


EVENT_ARROW = pa.schema([(name, arrow_type(kind)) for name, kind in EVENT_FIELDS + EVENT_EXTRA])
MENTION_ARROW = pa.schema([(name, arrow_type(kind)) for name, kind in MENTION_FIELDS])

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, site VARCHAR, author VARCHAR,
    published DATE, published_source VARCHAR, language VARCHAR, origin VARCHAR, captured TIMESTAMP,
    text VARCHAR, dropped JSON, ingested_at TIMESTAMP, relevance DOUBLE, relevance_label VARCHAR
);
CREATE SEQUENCE IF NOT EXISTS event_seq;
CREATE TABLE IF NOT EXISTS events (
    {", ".join(f'"{name}" {duckdb_type(kind)}' + (" PRIMARY KEY" if name == "id" else "")
               for name, kind in EVENT_FIELDS)},
    first_seen TIMESTAMP, seq BIGINT DEFAULT nextval('event_seq'), record VARCHAR,
    n_mentions INTEGER, n_sources INTEGER, story_id VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    {", ".join(f'"{name}" {duckdb_type(kind)}' + (" PRIMARY KEY" if name == "id" else "")
               for name, kind in MENTION_FIELDS)}
);
CREATE TABLE IF NOT EXISTS event_aliases (old_id VARCHAR PRIMARY KEY, event_id VARCHAR);
CREATE TABLE IF NOT EXISTS skips (
    origin VARCHAR PRIMARY KEY, reason VARCHAR, skipped_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS inputs (
    key VARCHAR PRIMARY KEY, origin VARCHAR, done_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS failures (
    origin VARCHAR PRIMARY KEY, reason VARCHAR, attempts INTEGER, failed_at TIMESTAMP
);
"""

_COUNT_COLUMNS = ",\n    ".join(f"e.counts.{k}.min AS {k}_min, e.counts.{k}.max AS {k}_max, "
                                f"e.counts.{k}.text AS {k}_text, e.counts.{k}.cumulative AS {k}_cumulative"
                                for k in COUNT_KINDS)
# Views an analyst starts from; made again on every open for writing, so a release can change them.
VIEWS = f"""
CREATE OR REPLACE VIEW events_flat AS SELECT
    e.id, e.type, e.mode, e.cameo, e.acled_type, e.acled_subtype, e.status,
    e.actor1.text AS actor1_text, e.actor1.name AS actor1_name, e.actor1.country AS actor1_country,
    e.actor1.sector AS actor1_sector, e.actor1.rule AS actor1_rule,
    e.actor2.text AS actor2_text, e.actor2.name AS actor2_name, e.actor2.country AS actor2_country,
    e.actor2.sector AS actor2_sector, e.actor2.rule AS actor2_rule,
    e.date, e.date_end, e.date_precision, e.date_text,
    e.location.text AS location_text, e.location.name AS location_name, e.location.country AS location_country,
    e.location.admin1 AS location_admin1, e.location.lat AS lat, e.location.lon AS lon,
    e.location.geonames_id AS geonames_id, e.location.precision AS location_precision,
    {_COUNT_COLUMNS},
    e.evidence.sentence AS evidence_sentence, e.evidence.start AS evidence_start, e.evidence."end" AS evidence_end,
    e.evidence.trigger AS evidence_trigger, e.evidence.trigger_start AS evidence_trigger_start,
    e.confidence,
    e.attribution.text AS attribution, e.attribution.actor.name AS attribution_actor_name,
    e.attribution.actor.country AS attribution_actor_country,
    e.source.article_id AS article_id, e.source.url AS url, e.source.title AS title, e.source.site AS site,
    e.source.published AS published, e.non_event, e.first_seen
FROM events e;
CREATE OR REPLACE VIEW article_events AS SELECT
    article_id, event_id, arg_min(evidence.sentence, coalesce(evidence.start, 0)) AS sentence,
    min(evidence.start) AS start_char, arg_min(evidence."end", coalesce(evidence.start, 0)) AS end_char,
    max(confidence) AS confidence
FROM mentions GROUP BY article_id, event_id;
CREATE OR REPLACE VIEW event_sources AS SELECT
    l.event_id, l.article_id, l.sentence, l.start_char, l.end_char, l.confidence,
    a.url, a.title, a.site, a.published, a.captured, e.type, e.date
FROM article_events l JOIN articles a ON a.id = l.article_id JOIN events e ON e.id = l.event_id;
CREATE OR REPLACE VIEW daily AS
WITH keyed AS (
    SELECT e.date, e.date_precision, e.type, coalesce(e.location.country, e.actor1.country) AS country
    FROM events e
), groups AS (
    SELECT type, country, count(*) AS n_all, count(*) FILTER (WHERE date_precision = 'day') AS n_day
    FROM keyed GROUP BY type, country
)
SELECT k.date AS day, k.type, k.country, count(*) AS events,
       round(1 - g.n_day / g.n_all, 4) AS share_left_out
FROM keyed k JOIN groups g ON g.type = k.type AND g.country IS NOT DISTINCT FROM k.country
WHERE k.date_precision = 'day' AND k.date IS NOT NULL
GROUP BY k.date, k.type, k.country, g.n_day, g.n_all;
"""

VIEW_DOCS = {
    "article_events": "one row per article and event it reports (over the mentions table): sentence, offsets",
    "events_flat": "one row per event, every field a column (actor1_country, killed_max, evidence_sentence, url ...)",
    "event_sources": "one row per event and article that reports it, with the sentence and its character offsets",
    "daily": "events per day, type and country (the place's, else actor1's), counting only events dated to "
             "the day; share_left_out is the share of that type and country's events that are not",
}


# version 1 -> 2: every field from the JSON record into its typed column; `captured` as TIMESTAMP.
# "@schema" makes the new tables (SCHEMA); "@events_from_v1" is ``events_from_v1_sql()``.
MIGRATIONS: dict[int, list[str]] = {
    2: [
        "ALTER TABLE events RENAME TO events_v1",
        "ALTER TABLE articles RENAME TO articles_v1",
        "@schema",
        # by name: a first-release file may have the relevance columns or not
        "INSERT INTO articles BY NAME SELECT * REPLACE (TRY_CAST(captured AS TIMESTAMP) AS captured) FROM articles_v1",
        "@events_from_v1",
        "DROP TABLE events_v1",
        "DROP TABLE articles_v1",
    ],
    # version 2 -> 3: every link of an article to an event becomes a mention (the event's record,
    # with that article's sentence, offsets and source); each event keeps its mentions, takes its
    # anchor mention's id, and its old id is kept in event_aliases.
    3: [
        "ALTER TABLE article_events RENAME TO article_events_v2",
        "ALTER TABLE events RENAME TO events_v2",
        "@schema",
        "@mentions_from_v2",
        "CREATE TEMP TABLE anchors AS SELECT event_id AS old_id, arg_min(id, (coalesce(published, DATE '9999-12-31'), "
        "article_id, coalesce(evidence.start, 0), id)) AS new_id, count(*) AS n, "
        "count(DISTINCT coalesce(lower(site), article_id)) AS n_sources FROM mentions GROUP BY event_id",
        "INSERT INTO events BY NAME SELECT e.* REPLACE (coalesce(a.new_id, e.id) AS id, "
        "json_merge_patch(e.record, json_object('id', coalesce(a.new_id, e.id)))::VARCHAR AS record) "
        "FROM events_v2 e LEFT JOIN anchors a ON a.old_id = e.id ORDER BY e.seq",
        "UPDATE events SET n_mentions = a.n, n_sources = a.n_sources FROM anchors a WHERE events.id = a.new_id",
        "INSERT OR IGNORE INTO event_aliases SELECT old_id, new_id FROM anchors WHERE old_id <> new_id",
        "UPDATE mentions SET event_id = a.new_id FROM anchors a WHERE mentions.event_id = a.old_id",
        "DROP TABLE anchors",
        "DROP TABLE article_events_v2",
        "DROP TABLE events_v2",
    ],
}


def mentions_from_v2_sql(window_days: dict[str, int], reach_back: int = 0) -> str:
    """Copy version-2 links into mentions: the event's record with the linking article's
    sentence, offsets and source, and the date window ``merge.match.date_window`` gives (a
    reported date also reaches back ``reach_back`` days: it bounds the event from above)."""
    pad = "CASE " + " ".join(f"WHEN e.date IS NOT NULL AND e.date_precision = '{p}' THEN {d}"
                             for p, d in window_days.items() if p != "reported") + \
        f" ELSE {window_days['reported']} END"
    evidence = ("{'sentence': l.sentence, 'start': l.start_char, 'end': l.end_char, "
                "'trigger': CASE WHEN e.evidence.start = l.start_char THEN e.evidence.trigger END, "
                "'trigger_start': CASE WHEN e.evidence.start = l.start_char THEN e.evidence.trigger_start END}")
    source = "{'article_id': a.id, 'url': a.url, 'title': a.title, 'site': a.site, 'published': a.published}"
    mid = "left(sha1(l.article_id || '|' || e.id), 16)"
    # the record's own fields by name (a file migrated from version 1 has the version-3 extras already)
    own = ", ".join({"evidence": f"{evidence} AS evidence", "source": f"{source} AS source"}.get(name, f'e."{name}"')
                    for name, _ in EVENT_FIELDS if name != "id")
    return (f"INSERT INTO mentions BY NAME SELECT {own}, {mid} AS id, l.article_id, "
            "e.id AS event_id, e.id AS record_id, a.published, a.site, "
            f"coalesce(e.date, a.published) - ({pad})::INTEGER - (CASE WHEN e.date IS NULL "
            f"OR e.date_precision = 'reported' THEN {int(reach_back)} ELSE 0 END) AS day_lo, "
            f"coalesce(e.date_end, e.date, a.published) + ({pad})::INTEGER AS day_hi, NULL AS match, "
            f"json_merge_patch(e.record, json_object('id', {mid}, 'evidence', {evidence}, 'source', "
            f"json_object('article_id', a.id, 'url', a.url, 'title', a.title, 'site', a.site, "
            "'published', a.published::VARCHAR)))::VARCHAR AS record "
            "FROM article_events_v2 l JOIN events_v2 e ON e.id = l.event_id JOIN articles a ON a.id = l.article_id")


def _json_shape(kind: Any) -> Any:
    """The json_transform structure of a field (DuckDB reads the record's JSON into typed values)."""
    if isinstance(kind, str):
        return kind
    return {name: _json_shape(sub) for name, sub in kind}


def events_from_v1_sql() -> str:
    """Copy version-1 events (flat columns and the JSON record) into the typed table."""
    shape = json.dumps({name: _json_shape(kind) for name, kind in EVENT_FIELDS}).replace("'", "''")
    names = ", ".join(f'r."{name}"' for name, _ in EVENT_FIELDS)
    columns = ", ".join(f'"{name}"' for name, _ in EVENT_FIELDS)
    return (f"INSERT INTO events ({columns}, "
            f"first_seen, seq, record) SELECT {names}, v.first_seen, nextval('event_seq'), v.record::VARCHAR FROM ("
            f"SELECT first_seen, record, json_transform(record, '{shape}') AS r FROM events_v1 ORDER BY rowid) v")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _timestamp(value: str | None) -> datetime | None:
    """An ISO date-time (a WARC-Date like 2023-01-05T12:00:00Z) as a naive UTC datetime."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = (moment - moment.utcoffset()).replace(tzinfo=None)
    return moment


def event_row(event: Event, now: datetime) -> dict[str, Any]:
    """The events-table row of one event: the record as typed values (``EVENT_ARROW``)."""
    row = event.to_dict()
    text = json.dumps(row)
    row["counts"] = {kind: row["counts"].get(kind) for kind in COUNT_KINDS}
    for key in ("date", "date_end"):
        row[key] = _date(row[key])
    if row.get("source"):
        row["source"]["published"] = _date(row["source"].get("published"))
    row["first_seen"] = now
    row["seq"] = None
    row["record"] = text
    row["n_mentions"] = row["n_sources"] = row["story_id"] = None
    return row


def mention_row(mention: Event, article_id: str, event_id: str, record_id: str, published: str | None,
                site: str | None, window: tuple[date, date] | None, match: str | None) -> dict[str, Any]:
    """The mentions-table row of one article's record (``MENTION_ARROW``); ``mention.id`` is its mention id."""
    row = event_row(mention, datetime.min)
    for name in ("first_seen", "seq", "n_mentions", "n_sources", "story_id"):
        row.pop(name)
    row.update(article_id=article_id, event_id=event_id, record_id=record_id, published=_date(published),
               site=site, day_lo=window[0] if window else None, day_hi=window[1] if window else None,
               match=match)
    return row


def article_row(article: Article, now: datetime) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in ("id", "url", "title", "site", "author",
                                                     "published_source", "language", "origin", "text")}
    row.update(published=_date(article.published), captured=_timestamp(article.captured),
               dropped=json.dumps(article.dropped), ingested_at=now, relevance=article.relevance,
               relevance_label=article.relevance_label)
    return row


ARTICLE_ARROW = pa.schema(
    [(name, pa.string()) for name in ("id", "url", "title", "site", "author")]
    + [("published", pa.date32()), ("published_source", pa.string()), ("language", pa.string()),
       ("origin", pa.string()), ("captured", pa.timestamp("us")), ("text", pa.string()), ("dropped", pa.string()),
       ("ingested_at", pa.timestamp("us")), ("relevance", pa.float64()), ("relevance_label", pa.string())])
LINK_ARROW = pa.schema([("article_id", pa.string()), ("event_id", pa.string()), ("sentence", pa.string()),
                        ("start_char", pa.int64()), ("end_char", pa.int64()), ("confidence", pa.float64())])
