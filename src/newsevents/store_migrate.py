"""Bringing an older database file to ``SCHEMA_VERSION``: the version a file holds and the SQL of
each step. The store runs them in one transaction (only ``store.py`` imports duckdb: the
connection comes in as an argument)."""
from __future__ import annotations

from typing import Any

from .merge.match import config, slack
from .model import DATE_PRECISIONS, Event
from .store_schema import MIGRATIONS, SCHEMA, SCHEMA_VERSION, events_from_v1_sql, mentions_from_v2_sql


def schema_version(db: Any) -> int:
    """The version of the tables' shape the open file holds (1: the first release, without the
    ``schema_version`` table; 0: an empty file)."""
    tables = {r[0] for r in db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_version" in tables:
        row = db.execute("SELECT max(version) FROM schema_version").fetchone()
        if row and row[0]:
            return int(row[0])
    return 1 if "events" in tables else 0


def migration_sql(version: int) -> list[str]:
    """The statements that bring a file of ``version`` (> 0) to ``SCHEMA_VERSION``, in order."""
    named = {"@schema": SCHEMA, "@events_from_v1": events_from_v1_sql(), "@mentions_from_v2": mentions_from_v2()}
    return [named.get(sql, sql) for step in range(version + 1, SCHEMA_VERSION + 1) for sql in MIGRATIONS[step]]


def mentions_from_v2() -> str:
    """The v2 -> v3 copy of links into mentions, with the date windows of ``merge.match``."""
    pads = {}
    for precision in DATE_PRECISIONS:
        probe = Event("PROTEST", date="2000-01-01" if precision != "reported" else None, date_precision=precision)
        pads[precision] = int(-(-slack(probe) // 1))
    return mentions_from_v2_sql(pads, reach_back=int(config()["reported_days_before"]))


__all__ = ["migration_sql", "mentions_from_v2", "schema_version"]
