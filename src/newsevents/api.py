"""The Python face of a stored database: ``newsevents.open(db).events(type=..., since=...)``.

    import newsevents
    with newsevents.open("events.duckdb") as db:
        protests = db.events(type="PROTEST", country="KEN", since="2023-01-01")
        frame = protests.to_pandas()          # one row per event, every field a column
        for record in protests:               # or the event records themselves
            print(record["date"], record["actor1"]["name"])
"""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterator

from .errors import NewsEventsError, QueryError
from .queries import DEFAULT_SORT, SORTS, EventFilter, where_clause
from .store import Store

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = ["open_database", "Database", "Events"]

_FILTERS = tuple(f.name for f in fields(EventFilter))


class Events:
    """The events matching one filter: iterate for records, or take them as a table."""

    def __init__(self, store: Store, selection: EventFilter, sort: str = DEFAULT_SORT):
        self._store, self.filter, self.sort = store, selection, sort

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Event records (``newsevents schema``) with the articles that report them (``mentions``)."""
        return self._store.events_matching(self.filter, self.sort)

    def __len__(self) -> int:
        total = self._store.count_matching(self.filter)
        return min(total, self.filter.limit) if self.filter.limit else total

    def to_arrow(self, nested: bool = False) -> "pyarrow.Table":
        """A pyarrow Table: the ``events_flat`` columns, or with ``nested`` the typed record
        (actor1, location, counts ... as structs)."""
        return self._store.events_arrow(self.filter, flat=not nested)

    def to_pandas(self, nested: bool = False) -> "pandas.DataFrame":
        """A pandas DataFrame of ``to_arrow`` (needs pandas)."""
        return self.to_arrow(nested).to_pandas()

    def to_polars(self, nested: bool = False) -> "polars.DataFrame":
        """A polars DataFrame of ``to_arrow`` (needs polars)."""
        try:
            import polars as pl
        except ImportError:
            raise NewsEventsError("to_polars needs polars: pip install polars") from None
        frame = pl.from_arrow(self.to_arrow(nested))
        assert isinstance(frame, pl.DataFrame)
        return frame

    def export(self, fmt: str, out: str | Path | IO[str]) -> int:
        """Write the events as jsonl, json, csv, parquet, acled, gdelt, plover or geojson to a file
        (or an open text stream); returns how many were written."""
        from .export import write_events
        return write_events(self._store, self.filter, fmt, out, self.sort)


class Database:
    """An events database opened for reading (``newsevents.open``)."""

    def __init__(self, path: str | Path):
        if not Path(path).exists():
            raise NewsEventsError(f"no database at {path}: run `newsevents ingest ... --db {path}` first")
        self._store = Store(path, read_only=True)

    def events(self, sort: str = DEFAULT_SORT, **filters: Any) -> Events:
        """The events matching ``filters`` (the CLI's and API's: type, country, since, until,
        status, actor, cameo, acled_type, mode, bbox, min_confidence, q, story, limit).

        Raises:
            QueryError: an unknown filter name or a value that cannot be one (checked here).
        """
        unknown = sorted(set(filters) - set(_FILTERS))
        if unknown:
            raise QueryError(f"unknown filter {', '.join(unknown)}: choose from {', '.join(_FILTERS)}")
        selection = EventFilter(**filters)
        where_clause(selection)      # a bad value fails here, not when the events are read
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: choose from {', '.join(SORTS)}")
        return Events(self._store, selection, sort)

    def event(self, event_id: str) -> dict[str, Any]:
        """One event record with every article that reports it."""
        return self._store.event(event_id)

    def sql(self, query: str) -> "pyarrow.Table":
        """Run SQL over the tables and views (events, events_flat, event_sources, daily, articles)."""
        return self._store.db.cursor().sql(query).to_arrow_table()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(path: str | Path) -> Database:
    """Open an events database for reading (a file of an older release is migrated first)."""
    return Database(path)
