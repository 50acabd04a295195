"""Mentions grouped into events: the connected components of ``match`` over mentions.

Components do not depend on the order mentions arrive in: a new mention only adds edges, so the
events it touches join, and an event is the same set of mentions whatever came first. An event's
id is the mention id of its anchor, the earliest mention by (published, article id, offset), so
it stays the same as later reports arrive.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Event
from .match import MatchExplanation, date_window, match

Edge = tuple[str, str, MatchExplanation]


def anchor_key(mention: Event) -> tuple[str, str, int, str]:
    """The order that picks an event's anchor: earliest publication, then article id, then offset."""
    source = mention.source
    published = (source.published or "")[:10] if source else ""
    return (published or "9999-12-31", source.article_id if source else "",
            mention.evidence.start if mention.evidence else 0, mention.id)


class Groups:
    """Union-find over mention ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        self.add(item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:        # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def components(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())


def _windowed(mentions: Iterable[Event]) -> dict[str, list[tuple]]:
    """Mentions with a date window, by type, sorted by the window's start (for a sweep)."""
    by_type: dict[str, list[tuple]] = {}
    for m in mentions:
        window = date_window(m)
        if window is not None:
            by_type.setdefault(m.type, []).append((window[0], window[1], m.id, m))
    for rows in by_type.values():
        rows.sort(key=lambda r: (r[0], r[2]))
    return by_type


def edges(new: list[Event], stored: list[Event] = ()) -> Iterator[Edge]:   # type: ignore[assignment]
    """The matching pairs among ``new`` mentions and between ``new`` and ``stored`` ones (stored
    pairs are already joined); only pairs of one type whose date windows overlap are tried."""
    fresh = {m.id for m in new}
    by_type = _windowed(list(new) + [m for m in stored if m.id not in fresh])
    for rows in by_type.values():
        for i, (lo, hi, a_id, a) in enumerate(rows):
            for lo2, _, b_id, b in rows[i + 1:]:
                if lo2 > hi:
                    break
                if a_id not in fresh and b_id not in fresh:
                    continue
                if a.source and b.source and a.source.article_id == b.source.article_id:
                    continue    # one article's records are already one per event (merge/within.py)
                why = match(a, b)
                if why.verdict:
                    yield a_id, b_id, why


def cluster(mentions: list[Event]) -> list[list[Event]]:
    """Mentions grouped into events from scratch: each group sorted by ``anchor_key``, the groups
    by their anchors. The same mentions in any order give the same groups."""
    groups = Groups()
    for m in mentions:
        groups.add(m.id)
    for a, b, _ in edges(mentions):
        groups.union(a, b)
    by_id = {m.id: m for m in mentions}
    out = [sorted((by_id[i] for i in ids), key=anchor_key) for ids in groups.components()]
    return sorted(out, key=lambda g: anchor_key(g[0]))


__all__ = ["Groups", "anchor_key", "cluster", "edges"]
