"""The database: DuckDB tables for articles, events, the links between them and skipped inputs.

This is the only module that imports duckdb. Methods are named for what they do
(``insert_article``, ``events_matching``); faces call them and format the result.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import duckdb

from .errors import StoreError
from .model import Article, Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, site VARCHAR, author VARCHAR,
    published DATE, published_source VARCHAR, language VARCHAR, origin VARCHAR,
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
"""

_COUNT_KINDS = ("killed", "injured", "detained", "troops", "participants", "displaced")


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
    """An events database file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False):
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if not read_only:
            self.db.execute(SCHEMA)

    def close(self) -> None:
        self.db.close()

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
        if self.has_article(article.id):
            return 0
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        new = 0
        self.db.execute("BEGIN TRANSACTION")
        try:
            self.db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [article.id, article.url, article.title, article.site, article.author, article.published,
                 article.published_source, article.language, article.origin, article.text,
                 json.dumps(article.dropped), now])
            for event in events:
                new += self._insert_event(article.id, event, now)
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot store article {article.id}: {exc}") from exc
        return new

    def _insert_event(self, article_id: str, event: Event, now: datetime) -> int:
        """Insert an event, or link it when the same event is already stored from another article."""
        event_id = event.id or event.assign_id()
        exists = self.db.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone()
        if not exists:
            a1, a2, loc = event.actor1, event.actor2, event.location
            counts = [event.counts[k].min if k in event.counts else None for k in _COUNT_KINDS]
            self.db.execute(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [event_id, event.type, event.mode, event.cameo, event.acled_type, event.acled_subtype,
                 event.status,
                 a1.name or a1.text if a1 else None, a1.country if a1 else None, a1.sector if a1 else None,
                 a2.name or a2.text if a2 else None, a2.country if a2 else None, a2.sector if a2 else None,
                 event.date, event.date_end, event.date_precision,
                 loc.name if loc else None, loc.country if loc else None,
                 loc.lat if loc else None, loc.lon if loc else None, loc.precision if loc else None,
                 *counts, event.confidence, json.dumps(event.to_dict()), now])
        ev = event.evidence
        self.db.execute(
            "INSERT OR IGNORE INTO article_events VALUES (?,?,?,?,?,?)",
            [article_id, event_id, ev.sentence if ev else None, ev.start if ev else None,
             ev.end if ev else None, event.confidence])
        return 0 if exists else 1

    def record_skip(self, origin: str, reason: str) -> None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.db.execute("INSERT OR REPLACE INTO skips VALUES (?,?,?)", [origin, reason, now])

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
