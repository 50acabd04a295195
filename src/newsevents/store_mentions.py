"""The events and mentions tables written: each article's records stored as mentions and merged
into events (``merge/``: the block the new mentions fall in is grouped again and only its events
rewritten), articles taken out again, and the candidate join that finds a block at 100,000
events. Plain functions over the connection, run by ``store.py`` inside its transactions (only
``store.py`` imports duckdb); ``cache`` keeps stored mentions decoded between batches.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

import pyarrow as pa

from .merge import incremental
from .merge.cluster import links
from .merge.derive import site_of
from .merge.match import country_names, date_window, veto_keys
from .model import Article, Event, Source
from .store_schema import EVENT_ARROW, MENTION_ARROW, event_row, mention_row

# Stored mentions kept decoded between batches (``records``): a block's candidates are read
# again by the next batches of the same days.
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


def _candidates_sql() -> str:
    """One row per stored mention that some new mention (``_new``) may match: same type, date
    windows that meet, and none of match's vetoes on status, place country or actors; with the
    new ones. Built on each call, not at import, so that mutation testing reaches ``_slot_veto``
    (issue 16); a few microseconds against the join it runs."""
    return f"""
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
# The new mentions' side of the join: their windows and ``veto_keys``.
_NEW_ARROW = pa.schema(
    [("mid", pa.string()), ("type", pa.string()), ("lo", pa.date32()), ("hi", pa.date32()),
     ("statuses", pa.list_(pa.string())), ("place_country", pa.string())]
    + [(f"{slot}_{key}", kind) for slot in ("actor1", "actor2")
       for key, kind in (("open", pa.bool_()), ("name", pa.string()), ("country", pa.string()),
                         ("sector", pa.string()), ("fits", pa.list_(pa.string())))])


def insert_rows(db: Any, table: str, rows: Any, schema: pa.Schema) -> None:
    """Rows into a table as one columnar insert (by name: the columns left out take their defaults)."""
    rows = list(rows)
    if rows:
        db.register("_batch", pa.Table.from_pylist(rows, schema=schema))
        # by name, so the columns the batch leaves out take their defaults (seq)
        picked = "* EXCLUDE (seq)" if table == "events" else "*"
        db.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT {picked} FROM _batch")
        db.unregister("_batch")


def link_by_key(db: Any, mentions: list[tuple[Event, str]], now: datetime) -> dict[str, int]:
    """Without merging across articles: a mention's event is the one of its record key."""
    known = {r[0] for r in db.execute(
        "SELECT id FROM events WHERE id IN (SELECT unnest(?))", [[r for _, r in mentions]]).fetchall()}
    events, rows, made = {}, [], {}
    for mention, record in mentions:
        article_id = mention.source.article_id   # type: ignore[union-attr]
        if record not in known and record not in events:
            event = Event.from_dict(mention.to_dict())
            event.id = record
            events[record] = event_row(event, now)
            made[article_id] = made.get(article_id, 0) + 1
        rows.append(mention_row_of(mention, record, record, None))
    insert_rows(db, "events", events.values(), EVENT_ARROW)
    insert_rows(db, "mentions", rows, MENTION_ARROW)
    return made


def merge_in(db: Any, cache: dict, mentions: list[tuple[Event, str]], now: datetime) -> dict[str, int]:
    """Group the block the new mentions fall in again (``merge.incremental.plan``) and rewrite
    only its events. Returns new events per article."""
    if not mentions:
        return {}
    new = [m for m, _ in mentions]
    records = {m.id: r for m, r in mentions}
    plans = [incremental.plan(new, block(db, cache, new))]
    apply(db, plans, now, {m.id: records[m.id] for m in new})
    order = {m.source.article_id: i for i, m in reversed(list(enumerate(new)))}   # type: ignore[union-attr]
    made: dict[str, int] = {}
    for p in plans:
        for group, origins in zip(p.groups, p.origins):
            if not origins:      # a new event: counted for the batch's first article that reports it
                first = min((m.source.article_id for m in group), key=order.__getitem__)   # type: ignore[union-attr]
                made[first] = made.get(first, 0) + 1
    return made


def block(db: Any, cache: dict, seeds: list[Event]) -> dict[str, tuple[Event, str]]:
    """The stored mentions in the blocks of ``seeds`` (connected through matching pairs, see
    ``merge.cluster``), with their event ids: candidates by date window, then again from the
    mentions just added, until none is added."""
    out: dict[str, tuple[Event, str]] = {}
    seen = {m.id for m in seeds}
    frontier = list(seeds)
    while frontier:
        found, kept = candidate_pairs(db, cache, frontier)
        unseen = {i: c for i, c in found.items() if i not in seen}
        stored = [m for m, _ in unseen.values()]
        linked = {i for pair in links(frontier, stored, kept) for i in pair if i in unseen}
        frontier = [unseen[i][0] for i in sorted(linked)]
        for m in frontier:
            out[m.id] = unseen[m.id]
            seen.add(m.id)
    return out


def candidates(db: Any, cache: dict, new: list[Event]) -> dict[str, tuple[Event, str]]:
    """Stored mentions that could match the new ones, with their event ids (``candidate_pairs``)."""
    return candidate_pairs(db, cache, new)[0]


def candidate_pairs(db: Any, cache: dict, new: list[Event]
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
    db.register("_new", pa.Table.from_pylist(rows, schema=_NEW_ARROW))
    db.register("_countries", _countries_table())
    try:
        found = db.execute(_candidates_sql()).fetchall()
    finally:
        db.unregister("_new")
        db.unregister("_countries")
    decoded = records(db, cache, [i for i, _, _ in found])
    return {i: (decoded[i], event_id) for i, event_id, _ in found}, {i: set(by) for i, _, by in found}


@lru_cache(maxsize=1)
def _countries_table() -> pa.Table:
    """ISO3 code -> country name, the table the candidate join reads actors' country names from
    (built once: the join runs for every batch and every block round)."""
    names = country_names()
    return pa.table({"iso3": list(names), "name": list(names.values())})


def records(db: Any, cache: dict, ids: list[str]) -> dict[str, Event]:
    """Stored mentions' records as Events. Decoding the JSON costs more than matching it, and
    the next batches of the same days read the same candidates again: each is kept decoded
    with its text, and decoded again only when the text read differs (a re-coded article)."""
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
            kept = cache[i] = (text, stored_mention(i, text))
        out[i] = kept[1]
    return out


def would_join(db: Any, cache: dict, events: list[Event]) -> list[tuple[str, Any] | None]:
    """For records not stored (``explain --db``): the stored event each would join and why
    (the explanation of its match with that event's earliest matching mention), or None."""
    from .merge.cluster import anchor_key
    from .merge.match import match
    out: list[tuple[str, Any] | None] = []
    for event in events:
        probe = Event.from_dict(event.to_dict())
        probe.id = "probe"
        found = [(anchor_key(m), event_id, why) for m, event_id in candidates(db, cache, [probe]).values()
                 if (why := match(probe, m)).verdict]
        out.append(min(found, key=lambda f: f[0])[1:] if found else None)
    return out


def mentions_of(db: Any, event_ids: list[str]) -> dict[str, list[Event]]:
    """The stored mentions of these events, by event id."""
    out: dict[str, list[Event]] = {}
    if event_ids:
        for i, event_id, text in db.execute(
                "SELECT id, event_id, record FROM mentions WHERE event_id IN (SELECT unnest(?))",
                [event_ids]).fetchall():
            out.setdefault(event_id, []).append(stored_mention(i, text))
    return out


def apply(db: Any, plans: list[incremental.Rewrite], now: datetime, fresh: dict[str, str]) -> None:
    """Write what the touched events became: old event rows out, merged rows in, every mention
    pointed at its event, new mentions inserted (``fresh``: mention id -> record id), aliases kept."""
    old = sorted({i for p in plans for i in p.old_ids})
    first_seen = dict(db.execute("SELECT id, first_seen FROM events WHERE id IN (SELECT unnest(?))",
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
                    new_rows.append(mention_row_of(m, event.id, fresh[m.id],
                                                   json.dumps(why.to_dict()) if why else None))
                else:
                    moved.append((m.id, event.id))
    if old:
        db.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [old])
    insert_rows(db, "events", events, EVENT_ARROW)
    if moved:
        db.register("_moved", pa.table({"id": [m for m, _ in moved], "event_id": [e for _, e in moved]}))
        db.execute("UPDATE mentions SET event_id = m.event_id FROM _moved m "
                   "WHERE mentions.id = m.id AND mentions.event_id <> m.event_id")
        db.unregister("_moved")
    insert_rows(db, "mentions", new_rows, MENTION_ARROW)
    if aliases:
        db.register("_alias", pa.table({"old_id": list(aliases), "event_id": list(aliases.values())}))
        # an alias of an id that now moves on follows it; an id alive again is no alias
        db.execute("UPDATE event_aliases SET event_id = a.event_id FROM _alias a "
                   "WHERE event_aliases.event_id = a.old_id")
        db.execute("INSERT OR REPLACE INTO event_aliases SELECT old_id, event_id FROM _alias")
        db.unregister("_alias")
    alive = [e["id"] for e in events]
    if alive:
        db.execute("DELETE FROM event_aliases WHERE old_id IN (SELECT unnest(?))", [alive])


def stories_stale(db: Any) -> None:
    """Mark the stories out of date (built again on demand: ``Store.build_stories``)."""
    db.execute("CREATE TABLE IF NOT EXISTS store_state (key VARCHAR PRIMARY KEY, value BIGINT)")
    db.execute("INSERT OR REPLACE INTO store_state VALUES ('stories_stale', 1)")


def remove(db: Any, cache: dict, article_ids: list[str], merge_across: bool) -> int:
    """Take articles out with their mentions and regroup what is left of their blocks (see
    ``Store.remove_articles``). Returns how many events went."""
    linked = sorted(r[0] for r in db.execute(
        "SELECT DISTINCT event_id FROM mentions WHERE article_id = ANY(?::VARCHAR[])", [article_ids]).fetchall())
    db.execute("DELETE FROM mentions WHERE article_id = ANY(?::VARCHAR[])", [article_ids])
    db.execute("DELETE FROM articles WHERE id = ANY(?::VARCHAR[])", [article_ids])
    members = mentions_of(db, linked)
    empty = [i for i in linked if i not in members]
    if empty:
        db.execute("DELETE FROM events WHERE id = ANY(?::VARCHAR[])", [empty])
        db.execute("DELETE FROM event_aliases WHERE event_id = ANY(?::VARCHAR[])", [empty])
    if merge_across and members:
        # what is left of the block is grouped again: an event may split, or others change
        remaining = [m for i in sorted(members) for m in members[i]]
        left = block(db, cache, remaining) | {m.id: (m, i) for i in members for m in members[i]}
        apply(db, [incremental.plan([], left)], datetime.now(timezone.utc).replace(tzinfo=None), {})
    if linked:
        stories_stale(db)
    return len(empty)


def as_mention(event: Event, article: Article, mid: str) -> Event:
    """An article's record as a mention: its own copy, under its mention id, with its source."""
    mention = Event.from_dict(event.to_dict(explain=True))
    mention.id = mid
    if mention.source is None or mention.source.article_id != article.id:
        mention.source = Source(article.id, article.url, article.title, article.site, article.published)
    return mention


def stored_mention(mid: str, text: str) -> Event:
    """A stored mention's record (its JSON text) as an Event under its mention id."""
    mention = Event.from_dict(json.loads(text))
    mention.id = mid
    return mention


def mention_row_of(mention: Event, event_id: str, record_id: str, match: str | None) -> dict[str, Any]:
    """The mentions-table row of a mention in event ``event_id`` (``match``: why it joined, JSON)."""
    source = mention.source
    return mention_row(mention, source.article_id if source else "", event_id, record_id,
                       source.published if source else None, site_of(mention), date_window(mention), match)
