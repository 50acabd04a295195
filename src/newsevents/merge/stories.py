"""Merged events grouped into stories: connected in place, time and actors.

Two events are linked when they lie in one admin1 area or within ``story_km`` of each other (a
country-level place: the same country), the later starts at most ``story_gap_days`` after the
earlier ends, and they share an actor (a name, or a country and sector). A story is a connected
component of at least two events; the same events give the same stories whatever their order.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta
from typing import Any

from ..model import Event
from .cluster import Groups
from .match import config, distance_km, proper_name

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _span(event: Event) -> tuple[date, date] | None:
    try:
        start = date.fromisoformat(event.date) if event.date else None
        end = date.fromisoformat(event.date_end) if event.date_end else start
    except ValueError:
        return None
    return (start, max(start, end or start)) if start else None


def _country(event: Event) -> str | None:
    if event.location is not None and event.location.country:
        return event.location.country
    return event.actor1.country if event.actor1 is not None else None


def _actor_keys(event: Event) -> set[tuple]:
    keys: set[tuple] = set()
    for actor in (event.actor1, event.actor2):
        if actor is None:
            continue
        name = proper_name(actor)
        if name:
            keys.add(("name", name))
        if actor.country and actor.sector:
            keys.add(("code", actor.country, actor.sector))
    return keys


def _near(a: Event, b: Event) -> bool:
    x, y = a.location, b.location
    if x is None or y is None or x.precision_rank() >= 3 or y.precision_rank() >= 3:
        return True     # the same country (the bucket) is all a country-level place can say
    if x.admin1 and x.admin1 == y.admin1:
        return True
    km = distance_km(x, y)
    return km is not None and km <= config()["story_km"]


def build_stories(events: list[Event]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Stories of merged events.

    Returns:
        The story rows (id, title, date_start, date_end, place, country, main_type, main_actors,
        n_events, types) and each member event's story id.
    """
    gap = timedelta(days=config()["story_gap_days"])
    widest = timedelta(days=config()["story_max_span_days"])
    buckets: dict[str, list[tuple]] = {}
    for event in events:
        span, country = _span(event), _country(event)
        # a year-wide date ("in 2019", "since 1999") would bridge unrelated events a year apart
        if span is not None and country and span[1] - span[0] <= widest:
            buckets.setdefault(country, []).append((span[0], span[1], event.id, event))
    groups = Groups()
    for rows in buckets.values():
        rows.sort(key=lambda r: (r[0], r[2]))
        keys = {r[2]: _actor_keys(r[3]) for r in rows}
        for i, (_, end, a_id, a) in enumerate(rows):
            groups.add(a_id)
            for start, _, b_id, b in rows[i + 1:]:
                if start > end + gap:
                    break
                if keys[a_id] & keys[b_id] and _near(a, b):
                    groups.union(a_id, b_id)
    by_id = {e.id: e for e in events}
    stories, member = [], {}
    for ids in groups.components():
        if len(ids) < 2:
            continue
        chosen = sorted((by_id[i] for i in ids), key=lambda e: (e.date or "", e.id))
        row = _story_row(chosen)
        stories.append(row)
        member.update((e.id, row["id"]) for e in chosen)
    stories.sort(key=lambda r: (r["date_start"], r["id"]))
    return stories, member


def _story_row(events: list[Event]) -> dict[str, Any]:
    anchor = events[0]
    places = Counter(e.location.name or e.location.text for e in events if e.location is not None)
    place = min(places, key=lambda p: (-places[p], p)) if places else None
    types = Counter(e.type for e in events)
    main_type = min(types, key=lambda t: (-types[t], t))
    # resolved actors only: a bare phrase ("them", "the arrests") names no one in a story's summary
    actors = Counter(a.name for e in events for a in (e.actor1, e.actor2) if a is not None and a.name)
    countries = Counter(c for c in (_country(e) for e in events) if c)
    start = min(_span(e)[0] for e in events)          # type: ignore[index]
    end = max(_span(e)[1] for e in events)            # type: ignore[index]
    # the title's month is the one most events fall in (ties: the earliest), not the first event's
    months = Counter((s.year, s.month) for s in (_span(e)[0] for e in events))  # type: ignore[index]
    year, month = min(months, key=lambda m: (-months[m], m))
    return {
        "id": hashlib.sha1(f"story|{anchor.id}".encode()).hexdigest()[:16],
        "title": f"{place or min(countries)}, {_MONTHS[month - 1]} {year}: {main_type}",
        "date_start": start, "date_end": end, "place": place,
        "country": min(countries, key=lambda c: (-countries[c], c)),
        "main_type": main_type,
        "main_actors": [name for name, _ in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:3]],
        "n_events": len(events),
        "types": {t: types[t] for t in sorted(types)},
    }


__all__ = ["build_stories"]
