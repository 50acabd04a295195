"""The database: DuckDB tables for articles, events, the links between them and skipped inputs.

This is the only module that imports duckdb. Methods are named for what they do
(``insert_article``, ``events_matching``); faces call them and format the result.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pyarrow as pa

from .errors import StoreError
from .model import Article, Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, site VARCHAR, author VARCHAR,
    published DATE, published_source VARCHAR, language VARCHAR, origin VARCHAR, captured VARCHAR,
    text VARCHAR, dropped JSON, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, cameo VARCHAR,
    acled_type VARCHAR, acled_subtype VARCHAR, status VARCHAR,
    actor1_name VARCHAR, actor1_country VARCHAR, actor1_sector VARCHAR,
    actor2_name VARCHAR, actor2_country VARCHAR, actor2_sector VARCHAR,
    date DATE, date_end DATE, date_precision VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, location_precision VARCHAR,
    killed_min INTEGER, injured_min INTEGER, detained_min INTEGER, troops_min INTEGER,
    participants_min INTEGER, displaced_min INTEGER,
    confidence DOUBLE, record JSON, first_seen TIMESTAMP
);
CREATE TABLE IF NOT EXISTS article_events (
    article_id VARCHAR, event_id VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER,
    confidence DOUBLE, PRIMARY KEY (article_id, event_id)
);
CREATE TABLE IF NOT EXISTS skips (
    origin VARCHAR PRIMARY KEY, reason VARCHAR, skipped_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS failures (
    origin VARCHAR PRIMARY KEY, reason VARCHAR, attempts INTEGER, failed_at TIMESTAMP
);
"""

_COUNT_KINDS = ("killed", "injured", "detained", "troops", "participants", "displaced")
_TEXT_COLUMNS = ("id", "type", "mode", "cameo", "acled_type", "acled_subtype", "status",
                 "actor1_name", "actor1_country", "actor1_sector", "actor2_name", "actor2_country",
                 "actor2_sector")
_EVENT_ARROW = pa.schema(
    [(name, pa.string()) for name in _TEXT_COLUMNS]
    + [("date", pa.string()), ("date_end", pa.string()), ("date_precision", pa.string()),
       ("location_name", pa.string()), ("location_country", pa.string()), ("lat", pa.float64()),
       ("lon", pa.float64()), ("location_precision", pa.string())]
    + [(f"{kind}_min", pa.int64()) for kind in _COUNT_KINDS]
    + [("confidence", pa.float64()), ("record", pa.string()), ("first_seen", pa.timestamp("us"))])


_ARTICLE_ARROW = pa.schema(
    [(name, pa.string()) for name in ("id", "url", "title", "site", "author", "published",
                                      "published_source", "language", "origin", "captured", "text",
                                      "dropped")]
    + [("ingested_at", pa.timestamp("us"))])
_LINK_ARROW = pa.schema([("article_id", pa.string()), ("event_id", pa.string()), ("sentence", pa.string()),
                         ("start_char", pa.int64()), ("end_char", pa.int64()), ("confidence", pa.float64())])


def _article_row(article: Article, now: datetime) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in ("id", "url", "title", "site", "author", "published",
                                                     "published_source", "language", "origin", "captured",
                                                     "text")}
    row.update(dropped=json.dumps(article.dropped), ingested_at=now)
    return row


def _event_row(event: Event, now: datetime) -> dict[str, Any]:
    """The events-table row of one event (flat columns for queries, the whole record as JSON)."""
    return {**event.flat(), "record": json.dumps(event.to_dict()), "first_seen": now}


@dataclass
class EventFilter:
    """What `events_matching` selects; every field optional."""

    type: str | None = None
    country: str | None = None    # actor1, actor2 or location country (ISO3)
    since: str | None = None      # ISO date, inclusive
    until: str | None = None      # ISO date, inclusive
    status: str | None = None
    limit: int | None = None


class Store:
    """An events database file (or ``:memory:``).

    DuckDB lets one process hold a file for writing and no other process read it meanwhile. So a
    writer calls :meth:`release` between batches (the file is closed and reopened on next use),
    and both sides wait up to ``wait`` seconds for the other's lock instead of failing at once:
    readers get the file between two batches of an ingest run.
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False, wait: float = 0.0):
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        self._db: duckdb.DuckDBPyConnection | None = None
        if not read_only:
            self.db.execute(SCHEMA)

    @property
    def db(self) -> duckdb.DuckDBPyConnection:
        """The open connection; (re)opened here after :meth:`release`."""
        if self._db is None:
            self._db = self._connect()
            self._opened = time.monotonic()
        return self._db

    def _connect(self) -> duckdb.DuckDBPyConnection:
        give_up = time.monotonic() + self.wait
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.Error as exc:
                if "lock" not in str(exc).lower() or time.monotonic() >= give_up:
                    raise StoreError(f"cannot open database {self.path}: {exc}") from exc
                time.sleep(0.02)   # another process holds the file for a moment: wait for it

    def release(self, held: float = 0.0) -> None:
        """Close a database file until its next use, so that other processes can open it; only
        when it has been open for ``held`` seconds or more."""
        if self._db is not None and self.path != ":memory:" and time.monotonic() - self._opened >= held:
            self._db.close()
            self._db = None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def stored_origins(self) -> set[str]:
        """Origins already stored or skipped: a resumed run does not read them again."""
        rows = self.db.execute("SELECT origin FROM articles UNION SELECT origin FROM skips").fetchall()
        return {r[0] for r in rows if r[0]}

    def insert_article(self, article: Article, events: list[Event]) -> int:
        """Store an article and its events; returns the number of new event rows (0 if already stored)."""
        return self.insert_articles([(article, events)])[0] or 0

    def insert_articles(self, pairs: list[tuple[Article, list[Event]]]) -> list[int | None]:
        """Store articles with their events in one transaction.

        Returns, per pair, the number of new event rows, or None when the article was already
        stored (or came earlier in the same batch). An event already stored from another article
        is only linked to the new one. Rows go in as one columnar insert per table: a DuckDB
        statement costs milliseconds, so row-at-a-time inserts would dominate a fast ingest.
        """
        ids = list({article.id for article, _ in pairs})
        stored = {r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()} if ids else set()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        articles, events, links = [], {}, []
        for article, found in pairs:
            if article.id in stored:
                continue
            stored.add(article.id)
            articles.append(_article_row(article, now))
            linked = set()
            for event in found:
                event_id = event.id or event.assign_id()
                if event_id in linked:
                    continue
                linked.add(event_id)
                events.setdefault(event_id, _event_row(event, now))
                ev = event.evidence
                links.append({"article_id": article.id, "event_id": event_id,
                              "sentence": ev.sentence if ev else None, "start_char": ev.start if ev else None,
                              "end_char": ev.end if ev else None, "confidence": event.confidence})
        known = {r[0] for r in self.db.execute(
            "SELECT id FROM events WHERE id IN (SELECT unnest(?))", [list(events)]).fetchall()} if events else set()
        self.db.execute("BEGIN TRANSACTION")
        try:
            for table, rows, schema in (("articles", articles, _ARTICLE_ARROW), ("events", events.values(), _EVENT_ARROW),
                                        ("article_events", links, _LINK_ARROW)):
                rows = list(rows)
                if rows:
                    self.db.register("_batch", pa.Table.from_pylist(rows, schema=schema))
                    self.db.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM _batch")
                    self.db.unregister("_batch")
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot store {len(articles)} articles: {exc}") from exc
        out: list[int | None] = []
        seen: set[str] = set()
        fresh = {a["id"] for a in articles}
        for article, found in pairs:
            if article.id not in fresh:
                out.append(None)
                continue
            fresh.discard(article.id)
            new = {e.id for e in found} - known - seen
            seen |= new
            out.append(len(new))
        return out

    def record_skip(self, origin: str, reason: str) -> None:
        """A rejected input (not an article): kept, and not read again by a rerun."""
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.db.execute("INSERT OR REPLACE INTO skips VALUES (?,?,?)", [origin, reason, now])
        self.db.execute("DELETE FROM failures WHERE origin = ?", [origin])

    def record_failure(self, origin: str, reason: str) -> int:
        """An input that failed (our error or the environment's); returns its attempts so far."""
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.db.execute("INSERT INTO failures VALUES (?,?,1,?) ON CONFLICT (origin) DO UPDATE SET "
                        "reason = excluded.reason, attempts = failures.attempts + 1, failed_at = excluded.failed_at",
                        [origin, reason, now])
        return self.db.execute("SELECT attempts FROM failures WHERE origin = ?", [origin]).fetchone()[0]

    def clear_failures(self, origins: list[str]) -> None:
        """Forget the failures of inputs that have now been stored."""
        if origins:
            self.db.execute("DELETE FROM failures WHERE origin IN (SELECT unnest(?))", [origins])

    def failed_origins(self, min_attempts: int = 1) -> dict[str, str]:
        """Origins that failed in at least ``min_attempts`` runs, with their last reason."""
        rows = self.db.execute("SELECT origin, reason FROM failures WHERE attempts >= ?", [min_attempts]).fetchall()
        return dict(rows)

    # -- reading ---------------------------------------------------------------------------------

    def _where(self, f: EventFilter) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if f.type:
            clauses.append("e.type = ?")
            params.append(f.type.upper())
        if f.country:
            clauses.append("? IN (e.actor1_country, e.actor2_country, e.location_country)")
            params.append(f.country.upper())
        if f.status:
            clauses.append("e.status = ?")
            params.append(f.status)
        if f.since:
            clauses.append("coalesce(e.date_end, e.date) >= CAST(? AS DATE)")
            params.append(f.since)
        if f.until:
            clauses.append("e.date <= CAST(? AS DATE)")
            params.append(f.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _events_query(self, f: EventFilter) -> tuple[str, list[Any]]:
        where, params = self._where(f)
        sql = (
            "SELECT e.record, list({'article_id': l.article_id, 'sentence': l.sentence, "
            "'start': l.start_char, 'end': l.end_char} ORDER BY l.article_id) AS mentions "
            "FROM events e JOIN article_events l ON l.event_id = e.id" + where +
            " GROUP BY e.id, e.record, e.date ORDER BY e.date NULLS LAST, e.id")
        if f.limit:
            sql += f" LIMIT {int(f.limit)}"
        return sql, params

    def events_matching(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Event records with the articles that report them (``mentions``), oldest first."""
        sql, params = self._events_query(f or EventFilter())
        cursor = self.db.execute(sql, params)
        while rows := cursor.fetchmany(1000):
            for record, mentions in rows:
                data = json.loads(record)
                data["mentions"] = mentions
                yield data

    def export_parquet(self, f: EventFilter, out: str | Path) -> int:
        """Write the matching events (flat columns plus the JSON record) to a Parquet file."""
        where, params = self._where(f)
        sql = f"SELECT e.* FROM events e{where} ORDER BY e.date NULLS LAST, e.id"
        if f.limit:
            sql += f" LIMIT {int(f.limit)}"
        out = str(out).replace("'", "''")
        self.db.execute(f"COPY ({sql}) TO '{out}' (FORMAT PARQUET)", params)
        return self.db.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0]

    def counts(self) -> dict[str, int]:
        """How many articles, events, links and skips the database holds."""
        return {name: self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in ("articles", "events", "article_events", "skips")}

    def load_parquet_events(self, pattern: str) -> int:
        """Load event rows written as Parquet partitions (by a cluster run) into this database."""
        pattern = pattern.replace("'", "''")
        before = self.counts()["events"]
        self.db.execute(f"INSERT OR IGNORE INTO events SELECT * FROM read_parquet('{pattern}')")
        return self.counts()["events"] - before
