"""Stories in the store: the merged events grouped (``merge.stories``) and written to the table
``stories`` and ``events.story_id``. The store runs this in a transaction (only ``store.py``
imports duckdb: the connection comes in as an argument)."""
from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from .merge.stories import build_stories
from .model import Event

STORIES_TABLE = ("CREATE OR REPLACE TABLE stories (id VARCHAR PRIMARY KEY, title VARCHAR, date_start DATE, "
                 "date_end DATE, place VARCHAR, country VARCHAR, main_type VARCHAR, main_actors VARCHAR[], "
                 "n_events INTEGER, types VARCHAR)")


def write_stories(db: Any) -> int:
    """Group every dated event into stories and store them (inside the caller's transaction).
    Returns how many stories."""
    events = [Event.from_dict(json.loads(r[0])) for r in db.execute(
        "SELECT record FROM events WHERE date IS NOT NULL ORDER BY id").fetchall()]
    stories, member = build_stories(events)
    db.execute(STORIES_TABLE)
    if stories:
        db.register("_stories", pa.Table.from_pylist([dict(s, types=json.dumps(s["types"])) for s in stories]))
        db.execute("INSERT INTO stories BY NAME SELECT * FROM _stories")
        db.unregister("_stories")
    db.execute("UPDATE events SET story_id = NULL WHERE story_id IS NOT NULL")
    if member:
        db.register("_member", pa.table({"id": list(member), "story_id": list(member.values())}))
        db.execute("UPDATE events SET story_id = m.story_id FROM _member m WHERE events.id = m.id")
        db.unregister("_member")
    db.execute("INSERT OR REPLACE INTO store_state VALUES ('stories_stale', 0)")
    return len(stories)


__all__ = ["write_stories"]
