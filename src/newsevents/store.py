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
from .merge import incremental
from .merge.cluster import links
from .merge.derive import site_of
from .merge.match import country_names, date_window, veto_keys
from .model import Article, Event, Source, mention_id
from .queries import EventFilter, StoreShape
from .store_migrate import migration_sql, schema_version
from .store_schema import (ARTICLE_ARROW, EVENT_ARROW, MENTION_ARROW, SCHEMA, SCHEMA_VERSION, VIEWS, article_row,
                           event_row, mention_row)
from .store_stories import write_stories

__all__ = ["Store", "EventFilter", "SCHEMA", "SCHEMA_VERSION"]

# A table is rewritten in order (``Store.optimize``) once this share of its rows came after the
# last rewrite, and only past this size: a small table is read whole at no cost anyway.
_UNORDERED_SHARE = 0.1
_ORDER_FROM_ROWS = 50_000

# Stored mentions kept decoded between batches (``Store._decoded``): a block's candidates are
# read again by the next batches of the same days.
_MENTION_CACHE = 20_000


def _slot_veto(slot: str, names: str) -> str:
    """SQL true when ``merge.match.actor_agreement`` vetoes the pair in one actor slot (stored
    mention's actor ``p.stored_<slot>``, the new one's ``veto_keys`` as ``p.<slot>_*``, ``names``
    the stored actor's country's name). Names are compared only when the stored one is ASCII
    (DuckDB and Python lowercase it alike); a NULL anywhere keeps the pair."""
    a = f"p.stored_{slot}"
    named = f"coalesce({a}.name, '') <> ''"
    ascii_ = f"strlen({a}.name) = length({a}.name)"
    # named as its own country ("Kenya" for Kenya's police): no name of its own (proper_name)
    country_named = f"({named} AND {ascii_} AND lower({a}.name) = {names}.name)"
    proper = f"({named} AND {ascii_} AND NOT coalesce({country_named}, false))"
    generic = f"(NOT {named} AND coalesce({a}.country, '') = '' AND coalesce({a}.sector, '') = '')"
    countries_differ = f"(p.{slot}_country IS NOT NULL AND coalesce({a}.country, '') <> '' " \
                       f"AND {a}.country <> p.{slot}_country)"
    sectors_misfit = f"(p.{slot}_sector IS NOT NULL AND {a}.sector IS NOT NULL " \
                     f"AND NOT list_contains(p.{slot}_fits, {a}.sector))"
    return (f"(NOT p.{slot}_open AND NOT {generic} AND ("
            f"(p.{slot}_name IS NOT NULL AND {proper} AND lower({a}.name) <> p.{slot}_name) OR "
            f"((p.{slot}_name IS NULL OR NOT {named} OR {country_named}) AND ({countries_differ} OR {sectors_misfit}))))")


# One row per stored mention that some new mention (``_new``) may match: same type, date windows
# that meet, and none of match's vetoes on status, place country or actors; with the new ones.
_CANDIDATES_SQL = f"""
WITH p AS (
  SELECT m.id, m.event_id, m.actor1 AS stored_actor1, m.actor2 AS stored_actor2, n.*
  FROM mentions m JOIN _new n ON m.type = n.type AND m.day_lo <= n.hi AND n.lo <= m.day_hi
  WHERE (n.statuses IS NULL OR list_contains(n.statuses, m.status))
    AND NOT coalesce(n.place_country IS NOT NULL AND coalesce(m.location.country, '') <> ''
                     AND m.location.country <> n.place_country, false))
SELECT p.id, any_value(p.event_id), list(p.mid) FROM p
  LEFT JOIN _countries c1 ON c1.iso3 = p.stored_actor1.country
  LEFT JOIN _countries c2 ON c2.iso3 = p.stored_actor2.country
WHERE NOT coalesce({_slot_veto("actor1", "c1")}, false) AND NOT coalesce({_slot_veto("actor2", "c2")}, false)
GROUP BY p.id
"""
_NEW_ARROW = pa.schema(
    [("mid", pa.string()), ("type", pa.string()), ("lo", pa.date32()), ("hi", pa.date32()), ("statuses", pa.list_(pa.string())),
     ("place_country", pa.string())]
    + [(f"{slot}_{key}", kind) for slot in ("actor1", "actor2")
       for key, kind in (("open", pa.bool_()), ("name", pa.string()), ("country", pa.string()),
                         ("sector", pa.string()), ("fits", pa.list_(pa.string())))])


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
        # merge mentions across articles (merge/); off: one event per exact record key, as before
        self.merge_across = True
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
                mentions.append((_as_mention(event, article, mid), record))
        self.db.execute("BEGIN TRANSACTION")
        try:
            if replaced:
                self._remove(sorted(replaced))
            self._insert("articles", articles, ARTICLE_ARROW)
            made = self._merge_in(mentions, now) if self.merge_across else self._link_by_key(mentions, now)
            if mentions:
                self._stories_stale()
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
        rows = list(rows)
        if rows:
            self.db.register("_batch", pa.Table.from_pylist(rows, schema=schema))
            # by name, so the columns the batch leaves out take their defaults (seq)
            picked = "* EXCLUDE (seq)" if table == "events" else "*"
            self.db.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT {picked} FROM _batch")
            self.db.unregister("_batch")

    def _link_by_key(self, mentions: list[tuple[Event, str]], now: datetime) -> dict[str, int]:
        """Without merging across articles: a mention's event is the one of its record key."""
        known = {r[0] for r in self.db.execute(
            "SELECT id FROM events WHERE id IN (SELECT unnest(?))", [[r for _, r in mentions]]).fetchall()}
        events, rows, made = {}, [], {}
        for mention, record in mentions:
            article_id = mention.source.article_id   # type: ignore[union-attr]
            if record not in known and record not in events:
                event = Event.from_dict(mention.to_dict())
                event.id = record
                events[record] = event_row(event, now)
                made[article_id] = made.get(article_id, 0) + 1
            rows.append(_mention_row(mention, record, record, None))
        self._insert("events", events.values(), EVENT_ARROW)
        self._insert("mentions", rows, MENTION_ARROW)
        return made

    def _merge_in(self, mentions: list[tuple[Event, str]], now: datetime) -> dict[str, int]:
        """Group the block the new mentions fall in again (``merge.incremental.plan``) and rewrite
        only its events. Returns new events per article."""
        if not mentions:
            return {}
        new = [m for m, _ in mentions]
        records = {m.id: r for m, r in mentions}
        plans = [incremental.plan(new, self._block(new))]
        self._apply(plans, now, {m.id: records[m.id] for m in new})
        order = {m.source.article_id: i for i, m in reversed(list(enumerate(new)))}   # type: ignore[union-attr]
        made: dict[str, int] = {}
        for p in plans:
            for group, origins in zip(p.groups, p.origins):
                if not origins:      # a new event: counted for the batch's first article that reports it
                    first = min((m.source.article_id for m in group), key=order.__getitem__)   # type: ignore[union-attr]
                    made[first] = made.get(first, 0) + 1
        return made

    def _block(self, seeds: list[Event]) -> dict[str, tuple[Event, str]]:
        """The stored mentions in the blocks of ``seeds`` (connected through matching pairs, see
        ``merge.cluster``), with their event ids: candidates by date window, then again from the
        mentions just added, until none is added."""
        block: dict[str, tuple[Event, str]] = {}
        seen = {m.id for m in seeds}
        frontier = list(seeds)
        while frontier:
            found, kept = self._candidate_pairs(frontier)
            candidates = {i: c for i, c in found.items() if i not in seen}
            stored = [m for m, _ in candidates.values()]
            linked = {i for pair in links(frontier, stored, kept) for i in pair if i in candidates}
            frontier = [candidates[i][0] for i in sorted(linked)]
            for m in frontier:
                block[m.id] = candidates[m.id]
                seen.add(m.id)
        return block

    def _candidates(self, new: list[Event], db: duckdb.DuckDBPyConnection | None = None
                    ) -> dict[str, tuple[Event, str]]:
        """Stored mentions that could match the new ones, with their event ids (``_candidate_pairs``)."""
        return self._candidate_pairs(new, db)[0]

    def _candidate_pairs(self, new: list[Event], db: duckdb.DuckDBPyConnection | None = None
                         ) -> tuple[dict[str, tuple[Event, str]], dict[str, set[str]]]:
        """Stored mentions that could match the new ones, with their event ids, and for each the
        new mentions it could match: one join on type and overlapping date windows
        (``merge.match.date_window``) that also leaves out the pairs ``match`` would veto on
        status, place country or actors (``merge.match.veto_keys``), so only the rest are read
        back as records and scored."""
        rows = [{"mid": m.id, "type": m.type, "lo": w[0], "hi": w[1], **veto_keys(m)} for m in new
                if (w := date_window(m)) is not None]
        if not rows:
            return {}, {}
        db = db or self.db
        db.register("_new", pa.Table.from_pylist(rows, schema=_NEW_ARROW))
        names = country_names()
        db.register("_countries", pa.table({"iso3": list(names), "name": list(names.values())}))
        try:
            found = db.execute(_CANDIDATES_SQL).fetchall()
        finally:
            db.unregister("_new")
            db.unregister("_countries")
        records = self._records([i for i, _, _ in found], db)
        return {i: (records[i], event_id) for i, event_id, _ in found}, {i: set(by) for i, _, by in found}

    def _records(self, ids: list[str], db: duckdb.DuckDBPyConnection) -> dict[str, Event]:
        """Stored mentions' records as Events. Decoding the JSON costs more than matching it, and
        the next batches of the same days read the same candidates again: each is kept decoded
        with its text, and decoded again only when the text read differs (a re-coded article)."""
        cache: dict[str, tuple[str, Event]] = self.__dict__.setdefault("_mention_cache", {})
        if len(cache) + len(ids) > _MENTION_CACHE:
            cache.clear()
        out = {}
        db.register("_ids", pa.table({"id": ids}))
        try:
            rows = db.execute("SELECT m.id, m.record FROM mentions m SEMI JOIN _ids n ON m.id = n.id").fetchall()
        finally:
            db.unregister("_ids")
        for i, text in rows:
            kept = cache.get(i)
            if kept is None or kept[0] != text:
                kept = cache[i] = (text, _stored_mention(i, text))
            out[i] = kept[1]
        return out

    def would_join(self, events: list[Event]) -> list[tuple[str, Any] | None]:
        """For records not stored (``explain --db``): the stored event each would join and why
        (the explanation of its match with that event's earliest matching mention), or None."""
        from .merge.cluster import anchor_key
        from .merge.match import match
        out: list[tuple[str, Any] | None] = []
        db = self.db.cursor()     # a reader's own cursor: no result of another query left open on it
        for event in events:
            probe = Event.from_dict(event.to_dict())
            probe.id = "probe"
            found = [(anchor_key(m), event_id, why) for m, event_id in self._candidates([probe], db).values()
                     if (why := match(probe, m)).verdict]
            out.append(min(found, key=lambda f: f[0])[1:] if found else None)
        return out

    def _mentions_of(self, event_ids: list[str]) -> dict[str, list[Event]]:
        """The stored mentions of these events, by event id."""
        out: dict[str, list[Event]] = {}
        if event_ids:
            for i, event_id, text in self.db.execute(
                    "SELECT id, event_id, record FROM mentions WHERE event_id IN (SELECT unnest(?))",
                    [event_ids]).fetchall():
                out.setdefault(event_id, []).append(_stored_mention(i, text))
        return out

    def _apply(self, plans: list[incremental.Rewrite], now: datetime, fresh: dict[str, str]) -> None:
        """Write what the touched events became: old event rows out, merged rows in, every mention
        pointed at its event, new mentions inserted (``fresh``: mention id -> record id), aliases kept."""
        old = sorted({i for p in plans for i in p.old_ids})
        first_seen = dict(self.db.execute("SELECT id, first_seen FROM events WHERE id IN (SELECT unnest(?))",
                                          [old]).fetchall()) if old else {}
        events, moved, new_rows, aliases = [], [], [], {}
        for plan in plans:
            aliases.update(plan.aliases)
            origins = plan.origins or [plan.old_ids] * len(plan.groups)
            for event, group, held in zip(plan.events, plan.groups, origins):
                row = event_row(event, min([first_seen[i] for i in held if i in first_seen] + [now]))
                row["n_mentions"], row["n_sources"] = len(group), plan.sources(event)
                events.append(row)
                for m in group:
                    if m.id in fresh:
                        why = plan.links.get(m.id)
                        new_rows.append(_mention_row(m, event.id, fresh[m.id],
                                                     json.dumps(why.to_dict()) if why else None))
                    else:
                        moved.append((m.id, event.id))
        if old:
            self.db.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [old])
        self._insert("events", events, EVENT_ARROW)
        if moved:
            self.db.register("_moved", pa.table({"id": [m for m, _ in moved], "event_id": [e for _, e in moved]}))
            self.db.execute("UPDATE mentions SET event_id = m.event_id FROM _moved m "
                            "WHERE mentions.id = m.id AND mentions.event_id <> m.event_id")
            self.db.unregister("_moved")
        self._insert("mentions", new_rows, MENTION_ARROW)
        if aliases:
            self.db.register("_alias", pa.table({"old_id": list(aliases), "event_id": list(aliases.values())}))
            # an alias of an id that now moves on follows it; an id alive again is no alias
            self.db.execute("UPDATE event_aliases SET event_id = a.event_id FROM _alias a "
                            "WHERE event_aliases.event_id = a.old_id")
            self.db.execute("INSERT OR REPLACE INTO event_aliases SELECT old_id, event_id FROM _alias")
            self.db.unregister("_alias")
        alive = [e["id"] for e in events]
        if alive:
            self.db.execute("DELETE FROM event_aliases WHERE old_id IN (SELECT unnest(?))", [alive])

    def _stories_stale(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS store_state (key VARCHAR PRIMARY KEY, value BIGINT)")
        self.db.execute("INSERT OR REPLACE INTO store_state VALUES ('stories_stale', 1)")

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
        view.reprocess, view.merge_across = self.reprocess, self.merge_across
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
        found = {}
        if rows:
            low, high = min(rowids), max(rowids)
            # a page in a narrow band of rows (the table is ordered as pages are asked for, see
            # optimize) is read whole: picking rows out by id costs a join, twice the band's read
            picked = high - low >= 2 * len(rowids)
            sql, params = ((queries.RECORDS_BY_ROWID_SQL, [low, high, rowids]) if picked
                           else (queries.RECORDS_IN_ROWID_RANGE_SQL, [low, high]))
            found = {r[0]: r[1:] for r in self._run(sql, params).fetchall()}
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

    def resolve_id(self, some_id: str) -> str | None:
        """The event an id names now: an event id, an old id (``event_aliases``: events joined or
        re-anchored since), a mention id or a coder's record id (the earliest mention's event)."""
        for sql in ("SELECT id FROM events WHERE id = ?", "SELECT event_id FROM event_aliases WHERE old_id = ?",
                    "SELECT event_id FROM mentions WHERE id = ?",
                    "SELECT event_id FROM mentions WHERE record_id = ? ORDER BY published, article_id LIMIT 1"):
            row = self._run(sql, [some_id]).fetchone()
            if row is not None:
                return row[0]
        return None

    def event(self, event_id: str) -> dict[str, Any]:
        """One event record with every mention: the article (without its text), the sentence and
        offsets, the mention's own values and why it was joined (``match``). An old id (of events
        joined since) answers with the event it is now part of.

        Raises:
            NotFound: no event has this id.
        """
        found = self.resolve_id(event_id)
        row = self._run(queries.RECORD_BY_ID_SQL, [found]).fetchone() if found else None
        if row is None:
            raise NotFound(f"no event with id {event_id!r}")
        record = json.loads(row[0])
        links = self._run(queries.EVENT_MENTIONS_SQL, [found]).fetchall()
        articles = self._articles_meta(sorted({link[1] for link in links}))
        record["mentions"] = [{"mention_id": i, "article_id": a, "sentence": s, "start": b, "end": e,
                               "confidence": c, "match": json.loads(m) if m else None,
                               "record": json.loads(r), "article": articles.get(a)}
                              for i, a, s, b, e, c, m, r in links]
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

    def _remove(self, article_ids: list[str]) -> int:
        linked = sorted(r[0] for r in self.db.execute(
            "SELECT DISTINCT event_id FROM mentions WHERE article_id = ANY(?::VARCHAR[])", [article_ids]).fetchall())
        self.db.execute("DELETE FROM mentions WHERE article_id = ANY(?::VARCHAR[])", [article_ids])
        self.db.execute("DELETE FROM articles WHERE id = ANY(?::VARCHAR[])", [article_ids])
        members = self._mentions_of(linked)
        empty = [i for i in linked if i not in members]
        if empty:
            self.db.execute("DELETE FROM events WHERE id = ANY(?::VARCHAR[])", [empty])
            self.db.execute("DELETE FROM event_aliases WHERE event_id = ANY(?::VARCHAR[])", [empty])
        if self.merge_across and members:
            # what is left of the block is grouped again: an event may split, or others change
            remaining = [m for i in sorted(members) for m in members[i]]
            block = self._block(remaining) | {m.id: (m, i) for i in members for m in members[i]}
            self._apply([incremental.plan([], block)], datetime.now(timezone.utc).replace(tzinfo=None), {})
        if linked:
            self._stories_stale()
        return len(empty)

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
        """How many articles, events, links (article and event) and skips the database holds."""
        return {name: self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in ("articles", "events", "article_events", "skips")}

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

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """A story's events in date order (records).

        Raises:
            NotFound: no such story (or the database has no stories).
        """
        stories = {s["id"]: s for s in self.stories() or []}
        if story_id not in stories:
            raise NotFound(f"no story with id {story_id!r}: `newsevents stories` lists them")
        return list(self.events_matching(EventFilter(story=story_id), "date"))

    def load_parquet_events(self, pattern: str) -> int:
        """Load event rows written as Parquet partitions (by a cluster run) into this database."""
        pattern = pattern.replace("'", "''")
        before = self.counts()["events"]
        self.db.execute(f"INSERT OR IGNORE INTO events BY NAME SELECT * FROM read_parquet('{pattern}')")
        return self.counts()["events"] - before


def _as_mention(event: Event, article: Article, mid: str) -> Event:
    """An article's record as a mention: its own copy, under its mention id, with its source."""
    mention = Event.from_dict(event.to_dict(explain=True))
    mention.id = mid
    if mention.source is None or mention.source.article_id != article.id:
        mention.source = Source(article.id, article.url, article.title, article.site, article.published)
    return mention


def _stored_mention(mid: str, text: str) -> Event:
    mention = Event.from_dict(json.loads(text))
    mention.id = mid
    return mention


def _mention_row(mention: Event, event_id: str, record_id: str, match: str | None) -> dict[str, Any]:
    source = mention.source
    return mention_row(mention, source.article_id if source else "", event_id, record_id,
                       source.published if source else None, site_of(mention), date_window(mention), match)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row with dates and times as ISO strings (JSON-ready)."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
