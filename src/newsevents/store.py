"""The database: DuckDB tables for articles, events, the links between them and skipped inputs.

This is the only module that imports duckdb. Methods are named for what they do
(``insert_article``, ``events_matching``); faces call them and format the result. Here: the
connection, migrations, transactions and writing articles; ``store_mentions.py`` writes events
and mentions (merging), ``store_read.py`` holds the reading methods (``Store`` is a ``Reading``).
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from . import store_mentions
from .errors import StoreError
from .model import Article, Event, mention_id
from .queries import EventFilter
from .store_migrate import migration_sql, schema_version
from .store_read import Reading
from .store_schema import ARTICLE_ARROW, SCHEMA, SCHEMA_VERSION, VIEWS, article_row
from .store_stories import write_stories

__all__ = ["Store", "EventFilter", "SCHEMA", "SCHEMA_VERSION"]

# A table is rewritten in order (``Store.optimize``) once this share of its rows came after the
# last rewrite, and only past this size: a small table is read whole at no cost anyway.
_UNORDERED_SHARE = 0.1
_ORDER_FROM_ROWS = 50_000


class Store(Reading):
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
        # merge mentions across articles (merge/); off: one event per exact record key, as before
        self.merge_across = True
        # stored mentions decoded by earlier batches (store_mentions.records), kept between batches
        self._mentions_decoded: dict = {}
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
        return schema_version(self.db)

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
            for sql in migration_sql(version) if version else ():
                self.db.execute(sql)
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

    def release(self) -> None:
        """Close a database file until its next use, so that other processes can open it."""
        if self._db is not None and self.path != ":memory:":
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

        Each article's record is stored as a mention and merged with the stored events it
        reports (``merge/``; with ``merge_across`` off, only a mention of the same record key).
        An article whose URL is stored with another text is a correction: the old version's
        mentions are taken out first. Returns, per pair, the number of new events, or None when
        the article was already stored (or came earlier in the same batch). Rows go in as one
        columnar insert per table: a DuckDB statement costs milliseconds.
        """
        ids = list({article.id for article, _ in pairs})
        stored = {r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()} if ids else set()
        urls = list({a.url for a, _ in pairs if a.url and a.id not in stored})
        # a new text at a stored URL replaces the stored version (a corrected article)
        replaced = {r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE url IN (SELECT unnest(?)) AND id NOT IN (SELECT unnest(?))",
            [urls, ids]).fetchall()} if urls else set()
        if self.reprocess:
            replaced |= stored
            stored = set()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        articles, mentions, first_article = [], [], {}
        for article, found in pairs:
            if article.id in stored:
                continue
            stored.add(article.id)
            articles.append(article_row(article, now))
            for event in found:
                record = event.id or event.assign_id()
                mid = mention_id(article.id, record)
                if mid in first_article:
                    continue        # one record named twice by an article: one mention
                first_article[mid] = article.id
                mentions.append((store_mentions.as_mention(event, article, mid), record))
        self.db.execute("BEGIN TRANSACTION")
        try:
            if replaced:
                self._remove(sorted(replaced))
            self._insert("articles", articles, ARTICLE_ARROW)
            made = (store_mentions.merge_in(self.db, self._mentions_decoded, mentions, now) if self.merge_across
                    else store_mentions.link_by_key(self.db, mentions, now))
            if mentions:
                store_mentions.stories_stale(self.db)
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot store {len(articles)} articles: {exc}") from exc
        out: list[int | None] = []
        fresh = {a["id"] for a in articles}
        for article, _ in pairs:
            if article.id not in fresh:
                out.append(None)
                continue
            fresh.discard(article.id)
            out.append(made.get(article.id, 0))
        return out

    def _insert(self, table: str, rows: Any, schema: pa.Schema) -> None:
        store_mentions.insert_rows(self.db, table, rows, schema)

    def _remove(self, article_ids: list[str]) -> int:
        return store_mentions.remove(self.db, self._mentions_decoded, article_ids, self.merge_across)

    def would_join(self, events: list[Event]) -> list[tuple[str, Any] | None]:
        """For records not stored (``explain --db``): the stored event each would join and why
        (the explanation of its match with that event's earliest matching mention), or None."""
        # a reader's own cursor: no result of another query left open on it
        return store_mentions.would_join(self.db.cursor(), self._mentions_decoded, events)

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

    def reader(self) -> "Store":
        """A view of this database for one thread (DuckDB connections are not shared across
        threads; a cursor is a cheap second connection to the same open database)."""
        view = Store.__new__(Store)
        view.path, view.read_only, view.wait = self.path, self.read_only, self.wait
        view._db, view._shape = self.db.cursor(), self.shape()
        view.reprocess, view.merge_across = self.reprocess, self.merge_across
        view._mentions_decoded = {}
        return view

    def interrupt(self) -> None:
        """Stop the query running on this connection (from another thread): it raises StoreError."""
        self.db.interrupt()

    def _run(self, sql: str, params: list[Any]) -> duckdb.DuckDBPyConnection:
        try:
            return self.db.execute(sql, params)
        except duckdb.InterruptException as exc:
            raise StoreError("the query was stopped: it ran past the time limit; narrow the filters") from exc

    def remove_articles(self, article_ids: list[str]) -> int:
        """Take articles out with their mentions; the events they reported are regrouped from the
        mentions left (an event may split, or go when no mention is left). Returns how many events went."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            gone = self._remove(article_ids)
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot remove {len(article_ids)} articles: {exc}") from exc
        return gone

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

    def build_stories(self, force: bool = False) -> int | None:
        """Group the merged events into stories (``merge.stories``) and store them (table
        ``stories``, ``events.story_id``), when events changed since the last build (or ``force``).
        Returns how many stories, or None when they were current."""
        self.db.execute("CREATE TABLE IF NOT EXISTS store_state (key VARCHAR PRIMARY KEY, value BIGINT)")
        stale = self.db.execute("SELECT value FROM store_state WHERE key = 'stories_stale'").fetchone()
        if not force and "stories" in self.shape().tables and not (stale and stale[0]):
            return None
        self.db.execute("BEGIN TRANSACTION")
        try:
            made = write_stories(self.db)
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot build stories: {exc}") from exc
        self._shape = None
        return made

    def load_parquet_events(self, pattern: str) -> int:
        """Load event rows written as Parquet partitions (by a cluster run) into this database."""
        pattern = pattern.replace("'", "''")
        before = self.counts()["events"]
        self.db.execute(f"INSERT OR IGNORE INTO events BY NAME SELECT * FROM read_parquet('{pattern}')")
        return self.counts()["events"] - before
