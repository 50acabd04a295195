"""The database: DuckDB tables for articles, events, the links between them and skipped inputs.

This is the only module that imports duckdb. Methods are named for what they do
(``insert_article``, ``events_matching``); faces call them and format the result.
"""
from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pyarrow as pa

from . import queries
from .errors import NotFound, StoreError
from .model import Article, Event
from .queries import EventFilter, StoreShape
from .store_schema import (ARTICLE_ARROW, EVENT_ARROW, LINK_ARROW, MIGRATIONS, SCHEMA, SCHEMA_VERSION, VIEWS,
                           article_row, event_row, events_from_v1_sql)

__all__ = ["Store", "EventFilter", "SCHEMA", "SCHEMA_VERSION"]

# A table is rewritten in order (``Store.optimize``) once this share of its rows came after the
# last rewrite, and only past this size: a small table is read whole at no cost anyway.
_UNORDERED_SHARE = 0.1
_ORDER_FROM_ROWS = 50_000


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
        # ingest --reprocess: stored articles are coded again and their events replaced
        self.reprocess = False
        self.db   # opened now, so that a file that cannot be opened is an error here, not at first use
        if read_only and self.path != ":memory:" and 0 < self.schema_version() < SCHEMA_VERSION:
            # an older release's file: migrated once for writing, then opened as asked
            self.close()
            Store(self.path, wait=wait).close()
            self.db
        if not read_only:
            self._migrate()

    def schema_version(self) -> int:
        """The version of the tables' shape this file holds (1: the first release, without the table)."""
        tables = {r[0] for r in self.db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "schema_version" in tables:
            row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
            if row and row[0]:
                return int(row[0])
        return 1 if "events" in tables else 0

    def _migrate(self) -> None:
        """Bring the file to ``SCHEMA_VERSION``: new tables on a new file, each migration step on an
        older one (in one transaction), and the views made again."""
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer newsevents (schema {version}, this release "
                             f"reads {SCHEMA_VERSION}): upgrade newsevents")
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.db.execute("BEGIN TRANSACTION")
        try:
            for step in range(version + 1, SCHEMA_VERSION + 1) if version else ():
                for sql in MIGRATIONS[step]:
                    self.db.execute({"@schema": SCHEMA, "@events_from_v1": events_from_v1_sql()}.get(sql, sql))
            self.db.execute(SCHEMA)
            # databases made before articles had a relevance score
            self.db.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS relevance DOUBLE;"
                            "ALTER TABLE articles ADD COLUMN IF NOT EXISTS relevance_label VARCHAR")
            if version < SCHEMA_VERSION:
                self.db.execute("INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION, now])
            self.db.execute(VIEWS)
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot bring {self.path} from schema {version} to {SCHEMA_VERSION}: {exc}") from exc

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
        """Origins already stored or skipped: a resumed run does not read them again (a
        reprocessing run reads them all)."""
        if self.reprocess:
            return set()
        rows = self.db.execute("SELECT origin FROM articles UNION SELECT origin FROM skips").fetchall()
        return {r[0] for r in rows if r[0]}

    def input_keys(self) -> set[str]:
        """Keys of the inputs already stored or skipped (``ingest.input_key``: content, or the
        resolved path): a resumed run under another path spelling does not read them again."""
        if self.reprocess:
            return set()
        return {r[0] for r in self.db.execute("SELECT key FROM inputs").fetchall()}

    def record_inputs(self, keys: list[tuple[str, str]]) -> None:
        """Note (key, origin) pairs of inputs whose outcome is stored; the first origin is kept."""
        if keys:
            now = datetime.now(timezone.utc).replace(tzinfo=None)
            self.db.executemany("INSERT OR IGNORE INTO inputs VALUES (?,?,?)", [[k, o, now] for k, o in keys])

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
        if self.reprocess and stored:
            self.remove_articles(sorted(stored))
            stored = set()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        articles, events, links = [], {}, []
        for article, found in pairs:
            if article.id in stored:
                continue
            stored.add(article.id)
            articles.append(article_row(article, now))
            linked = set()
            for event in found:
                event_id = event.id or event.assign_id()
                if event_id in linked:
                    continue
                linked.add(event_id)
                events.setdefault(event_id, event_row(event, now))
                ev = event.evidence
                links.append({"article_id": article.id, "event_id": event_id,
                              "sentence": ev.sentence if ev else None, "start_char": ev.start if ev else None,
                              "end_char": ev.end if ev else None, "confidence": event.confidence})
        known = {r[0] for r in self.db.execute(
            "SELECT id FROM events WHERE id IN (SELECT unnest(?))", [list(events)]).fetchall()} if events else set()
        self.db.execute("BEGIN TRANSACTION")
        try:
            for table, rows, schema in (("articles", articles, ARTICLE_ARROW), ("events", events.values(), EVENT_ARROW),
                                        ("article_events", links, LINK_ARROW)):
                rows = list(rows)
                if rows:
                    self.db.register("_batch", pa.Table.from_pylist(rows, schema=schema))
                    # by name, so the columns the batch leaves out take their defaults (seq)
                    picked = "* EXCLUDE (seq)" if table == "events" else "*"
                    self.db.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT {picked} FROM _batch")
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
        return queries.where_clause(f, self.shape())

    def shape(self) -> StoreShape:
        """The optional columns and tables this database has (read once per connection)."""
        if getattr(self, "_shape", None) is None:
            rows = self.db.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
            self._shape = StoreShape(event_columns=frozenset(c for t, c in rows if t == "events"),
                                     article_columns=frozenset(c for t, c in rows if t == "articles"),
                                     tables=frozenset(t for t, _ in rows))
        return self._shape

    def reader(self) -> "Store":
        """A view of this database for one thread (DuckDB connections are not shared across
        threads; a cursor is a cheap second connection to the same open database)."""
        view = Store.__new__(Store)
        view.path, view.read_only, view.wait = self.path, self.read_only, self.wait
        view._db, view._opened, view._shape = self.db.cursor(), time.monotonic(), self.shape()
        view.reprocess = self.reprocess
        return view

    def interrupt(self) -> None:
        """Stop the query running on this connection (from another thread): it raises StoreError."""
        self.db.interrupt()

    def _run(self, sql: str, params: list[Any]) -> duckdb.DuckDBPyConnection:
        try:
            return self.db.execute(sql, params)
        except duckdb.InterruptException as exc:
            raise StoreError("the query was stopped: it ran past the time limit; narrow the filters") from exc

    def events_page(self, f: EventFilter, sort: str = queries.DEFAULT_SORT, cursor: str | None = None,
                    size: int = 100, summary: bool = False, mentions: bool = True,
                    as_json: bool = False) -> tuple[list[Any], str | None]:
        """One page of matching events and the cursor of the next page (None on the last).

        Args:
            f: the filter.
            sort: a key of ``queries.SORTS`` (``-`` first for newest/highest first).
            cursor: the ``next`` cursor of the previous page.
            size: events per page.
            summary: flat columns (``queries.SUMMARY_COLUMNS``) instead of whole records.
            mentions: add each record's ``mentions`` (the articles that report it).
            as_json: records as JSON text (as stored) instead of dicts: a server sends them on
                without decoding and encoding them again.
        Raises:
            QueryError: a bad filter, sort or cursor.
        """
        # Whole records are fetched by row id after the page is chosen: carrying the JSON text
        # through the filter and the sort would read it for every match, not for the page.
        columns = queries.SUMMARY_SQL if summary else "e.rowid"
        sql, params = queries.page_sql(f, sort, cursor, size, columns, self.shape())
        cursor_ = self._run(sql, params)
        names = [d[0] for d in cursor_.description]
        rows = cursor_.fetchall()
        following = None
        if len(rows) > size:
            rows = rows[:size]
            following = queries.encode_cursor(sort, rows[-1][-2], rows[-1][-1])
        if summary:
            out = [dict(zip(names[:-2], row[:-2])) for row in rows]
            for item in out:
                for key in ("date", "date_end"):
                    item[key] = item[key].isoformat() if item[key] else None
            return out, following
        rowids = [row[0] for row in rows]
        found = {r[0]: r[1:] for r in self._run(queries.RECORDS_BY_ROWID_SQL,
                                                [min(rowids), max(rowids), rowids]).fetchall()} if rows else {}
        ids = [found[row[0]][0] for row in rows]
        texts = [found[row[0]][1] for row in rows]
        linked = dict(self._run(queries.MENTIONS_SQL, [ids]).fetchall()) if mentions and rows else None
        if as_json:
            if linked is not None:   # the record is a JSON object: its mentions go in before the brace
                texts = [text[:text.rindex("}")] + ', "mentions": ' + json.dumps(linked.get(i, [])) + "}"
                         for text, i in zip(texts, ids)]
            return texts, following
        out = [json.loads(text) for text in texts]
        if linked is not None:
            for record in out:
                record["mentions"] = linked.get(record["id"], [])
        return out, following

    def count_matching(self, f: EventFilter) -> int:
        sql, params = queries.count_sql(f, self.shape())
        return self._run(sql, params).fetchone()[0]

    def events_matching(self, f: EventFilter | None = None,
                        sort: str = queries.DEFAULT_SORT) -> Iterator[dict[str, Any]]:
        """Event records with the articles that report them (``mentions``), oldest first by default."""
        f = f or EventFilter()
        left = f.limit
        cursor = None
        while left is None or left > 0:
            size = 1000 if left is None else min(1000, left)
            page, cursor = self.events_page(f, sort, cursor=cursor, size=size)
            yield from page
            if left is not None:
                left -= len(page)
            if cursor is None:
                break

    def event(self, event_id: str) -> dict[str, Any]:
        """One event record with every mention: the article (without its text), the sentence and offsets.

        Raises:
            NotFound: no event has this id.
        """
        row = self._run(queries.RECORD_BY_ID_SQL, [event_id]).fetchone()
        if row is None:
            raise NotFound(f"no event with id {event_id!r}")
        record = json.loads(row[0])
        links = self._run("SELECT article_id, sentence, start_char, end_char, confidence FROM article_events "
                          "WHERE event_id = ? ORDER BY article_id", [event_id]).fetchall()
        articles = self._articles_meta([link[0] for link in links])
        record["mentions"] = [{"article_id": a, "sentence": s, "start": b, "end": e, "confidence": c,
                               "article": articles.get(a)} for a, s, b, e, c in links]
        return record

    def _articles_meta(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Articles by id without their text (title, url, dates, relevance when stored, ...)."""
        if not ids:
            return {}
        cur = self._run("SELECT * EXCLUDE (text, dropped) FROM articles WHERE id = ANY(?::VARCHAR[])", [ids])
        names = [d[0] for d in cur.description]
        return {row[0]: _plain(dict(zip(names, row))) for row in cur.fetchall()}

    def article(self, article_id: str) -> dict[str, Any]:
        """One article (text and every stored column) and the events it reports, with their offsets.

        Raises:
            NotFound: no article has this id.
        """
        cur = self._run("SELECT * FROM articles WHERE id = ?", [article_id])
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        article = _plain(dict(zip(names, row)))
        article["dropped"] = json.loads(article["dropped"]) if article.get("dropped") else []
        links = self._run("SELECT l.event_id, l.sentence, l.start_char, l.end_char, e.record FROM article_events l "
                          "JOIN events e ON e.id = l.event_id WHERE l.article_id = ? ORDER BY l.start_char",
                          [article_id]).fetchall()
        article["events"] = [{"event_id": i, "sentence": s, "start": b, "end": e, "record": json.loads(r)}
                             for i, s, b, e, r in links]
        return article

    def map_cells(self, f: EventFilter, cell: float) -> list[dict[str, Any]]:
        """Placed matching events gathered in cells of ``cell`` degrees (``queries.grid_sql``)."""
        sql, params = queries.grid_sql(f, cell, self.shape())
        cur = self._run(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def stats(self, f: EventFilter) -> dict[str, Any]:
        """Counts of the matching events by type, day, country and status, and in all."""
        out: dict[str, Any] = {"total": self.count_matching(f)}
        for group in queries.STATS_GROUPS:
            sql, params = queries.stats_sql(f, group, self.shape())
            out[f"by_{group}"] = [{"key": k, "n": n} for k, n in self._run(sql, params).fetchall()]
        return out

    def stories(self, limit: int = 1000) -> list[dict[str, Any]] | None:
        """The stories table's rows, or None when this database has no stories."""
        if "stories" not in self.shape().tables:
            return None
        cur = self._run(f"SELECT * FROM stories LIMIT {int(limit)}", [])
        names = [d[0] for d in cur.description]
        return [_plain(dict(zip(names, row))) for row in cur.fetchall()]

    def export_parquet(self, f: EventFilter, out: str | Path, flat: bool = False) -> int:
        """Write the matching events to a Parquet file: the typed record (actors, place, counts,
        evidence as nested fields: ``location.lat``, ``counts.killed.max``), or with ``flat`` the
        columns of the ``events_flat`` view."""
        sql, params = queries.table_sql(f, flat, self.shape())
        out = str(out).replace("'", "''")
        self.db.execute(f"COPY ({sql}) TO '{out}' (FORMAT PARQUET)", params)
        return self.db.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0]

    def events_arrow(self, f: EventFilter, flat: bool = True) -> pa.Table:
        """The matching events as an Arrow table, oldest first: the ``events_flat`` columns, or the
        typed record with nested fields."""
        sql, params = queries.table_sql(f, flat, self.shape())
        return self.db.cursor().sql(sql, params=params).to_arrow_table()

    def flat_rows(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """The matching events as ``events_flat`` rows (oldest first), each with the articles that
        report it: ``n_articles``, their ``sites`` and ``urls`` (the export formats' input)."""
        sql, params = queries.flat_rows_sql(f or EventFilter(), self.shape())
        cursor = self._run(sql, params)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(1000):
            for row in batch:
                yield dict(zip(names, row))

    def remove_articles(self, article_ids: list[str]) -> int:
        """Take articles out with their links, and the events no other article reports (before
        they are coded again); returns how many events went."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            linked = [r[0] for r in self.db.execute(
                "SELECT DISTINCT event_id FROM article_events WHERE article_id = ANY(?::VARCHAR[])",
                [article_ids]).fetchall()]
            self.db.execute("DELETE FROM article_events WHERE article_id = ANY(?::VARCHAR[])", [article_ids])
            gone = self.db.execute(
                "DELETE FROM events WHERE id = ANY(?::VARCHAR[]) AND id NOT IN (SELECT event_id FROM article_events) "
                "RETURNING id", [linked]).fetchall()
            self.db.execute("DELETE FROM articles WHERE id = ANY(?::VARCHAR[])", [article_ids])
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot remove {len(article_ids)} articles: {exc}") from exc
        return len(gone)

    def stored_articles(self, batch: int = 256) -> Iterator[list[Article]]:
        """Every stored article as it was ingested (text and what is known of its source), in batches."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY ingested_at, id").fetchall()]
        names = ("text", "url", "title", "site", "author", "published", "published_source", "language", "origin",
                 "captured", "dropped", "id")
        for start in range(0, len(ids), batch):
            rows = self.db.execute(f"SELECT {', '.join(names)} FROM articles WHERE id = ANY(?::VARCHAR[]) "
                                   "ORDER BY ingested_at, id", [ids[start:start + batch]]).fetchall()
            out = []
            for row in rows:
                item = dict(zip(names, row))
                item["published"] = item["published"].isoformat() if item["published"] else None
                item["captured"] = item["captured"].isoformat() if item["captured"] else None
                item["dropped"] = json.loads(item["dropped"]) if item["dropped"] else []
                out.append(Article(**item))
            yield out

    def optimize(self, force: bool = False) -> bool:
        """Rewrite the events table ordered by type, place country and date, when enough rows came
        since the last rewrite (or ``force``). DuckDB keeps each column's min and max per row
        group, so a query for one type then reads only that type's row groups, and the records of
        a page (one type, one country) lie together.
        Returns whether the table was rewritten."""
        total = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        self.db.execute("CREATE TABLE IF NOT EXISTS store_state (key VARCHAR PRIMARY KEY, value BIGINT)")
        row = self.db.execute("SELECT value FROM store_state WHERE key = 'ordered_rows'").fetchone()
        ordered = row[0] if row else 0
        if not force and (total < _ORDER_FROM_ROWS or total - ordered < _UNORDERED_SHARE * total):
            return False
        self.db.execute("BEGIN TRANSACTION")
        try:
            # a new table, not DELETE and INSERT: the old one's blocks are freed when it is dropped
            self.db.execute("ALTER TABLE events RENAME TO events_unordered")
            self.db.execute(SCHEMA)
            self.db.execute("INSERT INTO events SELECT * FROM events_unordered "
                            "ORDER BY type, location.country, date, seq")
            self.db.execute("DROP TABLE events_unordered")
            self.db.execute("INSERT OR REPLACE INTO store_state VALUES ('ordered_rows', ?)", [total])
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot reorder the events table: {exc}") from exc
        self.db.execute("CHECKPOINT")
        return True

    def counts(self) -> dict[str, int]:
        """How many articles, events, links and skips the database holds."""
        return {name: self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in ("articles", "events", "article_events", "skips")}

    def load_parquet_events(self, pattern: str) -> int:
        """Load event rows written as Parquet partitions (by a cluster run) into this database."""
        pattern = pattern.replace("'", "''")
        before = self.counts()["events"]
        self.db.execute(f"INSERT OR IGNORE INTO events BY NAME SELECT * FROM read_parquet('{pattern}')")
        return self.counts()["events"] - before


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row with dates and times as ISO strings (JSON-ready)."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
