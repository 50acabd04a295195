"""Reading the database: pages of events, one event or article, counts, maps, stats, stories and
exports, as the ``Store`` methods the faces call (``Store`` is a ``Reading``). The SQL text is
``queries.py``'s; only ``store.py`` imports duckdb, so a query runs through ``Store._run``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

from . import queries
from .errors import NotFound
from .model import Article
from .queries import EventFilter, StoreShape


class Reading:
    """The reading methods of ``Store`` (its connection is ``db``; ``_run`` runs a query)."""

    _shape: StoreShape | None

    @property
    def db(self) -> Any:
        raise NotImplementedError

    def _run(self, sql: str, params: list[Any]) -> Any:
        raise NotImplementedError

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

    def counts(self) -> dict[str, int]:
        """How many articles, events, links (article and event) and skips the database holds."""
        return {name: self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in ("articles", "events", "article_events", "skips")}

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """A story's events in date order (records).

        Raises:
            NotFound: no such story (or the database has no stories).
        """
        stories = {s["id"]: s for s in self.stories() or []}
        if story_id not in stories:
            raise NotFound(f"no story with id {story_id!r}: `newsevents stories` lists them")
        return list(self.events_matching(EventFilter(story=story_id), "date"))


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row with dates and times as ISO strings (JSON-ready)."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
