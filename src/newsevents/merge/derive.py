"""A merged event's fields from its mentions: the most precise date and place, counts as a range
over the reports, confidence rising with independent sources, status by majority."""
from __future__ import annotations

import copy
from collections import Counter
from urllib.parse import urlsplit

from ..model import DATE_PRECISIONS, STATUSES, Count, Event
from .cluster import anchor_key
from .match import proper_name


def site_of(mention: Event) -> str:
    """The outlet a mention came from: its site, else its URL's host, else its article (an
    article of unknown origin counts as a source of its own)."""
    source = mention.source
    if source is None:
        return ""
    if source.site:
        return source.site.lower()
    if source.url:
        return urlsplit(source.url).netloc.lower().removeprefix("www.")
    return source.article_id


def _completeness(mention: Event) -> int:
    """How much a mention says of its actors: named, countried, sectored, and both slots."""
    return sum(bool(value) for actor in (mention.actor1, mention.actor2) if actor is not None
               for value in (proper_name(actor), actor.country, actor.sector)) + \
        sum(actor is not None for actor in (mention.actor1, mention.actor2))


def _date_rank(mention: Event) -> tuple:
    precision = mention.date_precision if mention.date else None
    rank = DATE_PRECISIONS.index(precision) if precision in DATE_PRECISIONS else len(DATE_PRECISIONS)
    return rank, (mention.date_end or mention.date or "") > (mention.date or "")


def derive(mentions: list[Event]) -> Event:
    """The merged event of a group of mentions (one mention: itself, under its mention id).

    Args:
        mentions: the event's mentions, each with ``id`` (its mention id) and ``source``.
    Returns:
        A new Event whose id is the anchor mention's id.
    """
    ordered = sorted(mentions, key=anchor_key)
    anchor = ordered[0]
    event = copy.deepcopy(anchor)
    sites = {site_of(m) for m in ordered}
    if len(ordered) > 1:
        actors = max(ordered, key=_completeness)     # max keeps the first (anchor order) of equals
        event.actor1, event.actor2 = copy.deepcopy(actors.actor1), copy.deepcopy(actors.actor2)
        dated = min(ordered, key=_date_rank)
        event.date, event.date_end = dated.date, dated.date_end
        event.date_precision, event.date_text = dated.date_precision, dated.date_text
        placed = [m for m in ordered if m.location is not None]
        if placed:
            event.location = copy.deepcopy(min(placed, key=lambda m: m.location.precision_rank()).location)
        event.status = _majority([m.status for m in ordered])
        event.confidence = _confidence(ordered)
        event.explain.append(f"merged {len(ordered)} mentions from {len(sites)} sources: date from "
                             f"{dated.id}, place from {placed[0].id if placed else '-'}, actors from {actors.id}")
    event.counts = _counts(ordered)
    event.id = anchor.id
    return event


def _majority(statuses: list[str]) -> str:
    """The status most mentions give; occurred wins a tie, then the codebook's order."""
    tally = Counter(statuses)
    return min(tally, key=lambda s: (-tally[s], s != "occurred", STATUSES.index(s) if s in STATUSES else 99))


def _confidence(mentions: list[Event]) -> float:
    """Independent sources each make a wrong record less likely: 1 - prod(1 - best confidence of
    each site), capped at 0.99 (two outlets can copy one wire story)."""
    best: dict[str, float] = {}
    for m in mentions:
        site = site_of(m)
        best[site] = max(best.get(site, 0.0), m.confidence)
    doubt = 1.0
    for value in best.values():
        doubt *= 1.0 - value
    return round(min(0.99, 1.0 - doubt), 3)


def _counts(mentions: list[Event]) -> dict[str, Count]:
    """Each kind's range over the reports that give it (running totals only when no report gives
    an incident's own count), with how many reports gave it."""
    out: dict[str, Count] = {}
    kinds = sorted({kind for m in mentions for kind in m.counts})
    for kind in kinds:
        given = [(m, m.counts[kind]) for m in mentions if kind in m.counts]
        own = [g for g in given if not g[1].cumulative] or given
        first = copy.deepcopy(own[0][1])
        lows = [c.min for _, c in own if c.min is not None]
        highs = [c.max if c.max is not None else c.min for _, c in own]
        highs = [h for h in highs if h is not None]
        if len(own) > 1:
            first.min = min(lows) if lows else None
            first.max = max(highs) if highs else None
            first.start = first.end = None
        first.sources = len({m.source.article_id if m.source else m.id for m, _ in own})
        out[kind] = first
    return out


__all__ = ["derive", "site_of"]
