"""Mentions grouped into events, in two steps that depend only on the set of mentions.

1. Blocks: the connected components of matching pairs (``match`` found no conflict: same type,
   status, mode, actors, dates and places within their precision, and the score reaches the
   threshold). Components do not depend on the order mentions arrive in. Mere compatibility would
   chain a dense day of news into one block spanning months (a 100,000-event store took minutes
   per batch); a match is needed to link, compatibility to join inside a block.
2. Inside a block, average-link agglomeration over the pair scores (``match(...).score``): the
   two groups with the highest average score join while it reaches the threshold, and never two
   groups holding an incompatible pair (or two mentions of one article). Single links would chain
   two meetings a day apart through one report that fits both; an average needs most pairs to agree.
   Ties fall to the groups' anchors, so the result is a function of the block's mentions.

An event's id is the mention id of its anchor, the earliest mention by (published, article id,
offset), so it stays the same as later reports arrive.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Event
from .match import MatchExplanation, bound_parts, config, date_window, match, score_bound

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


def edges(mentions: list[Event]) -> Iterator[Edge]:
    """The compatible pairs (with their explanations) among ``mentions``; only pairs of one type
    whose date windows overlap are tried. (Stored mentions are matched at insert by ``links``.)"""
    for rows in _windowed(mentions).values():
        for i, (lo, hi, a_id, a) in enumerate(rows):
            for lo2, _, b_id, b in rows[i + 1:]:
                if lo2 > hi:
                    break
                if a.source and b.source and a.source.article_id == b.source.article_id:
                    continue    # one article's records are already one per event (merge/within.py)
                why = match(a, b)
                if why.compatible:
                    yield a_id, b_id, why


def links(new: list[Event], stored: list[Event], kept: dict[str, Iterable[str]]) -> Iterator[tuple[str, str]]:
    """The matching pairs (``match(...).verdict``) between ``new`` and ``stored`` mentions, each
    stored one tried only with the new ones ``kept`` names for it (the store's candidate join:
    one type, date windows that meet, no veto). A pair whose score cannot reach the threshold
    (``score_bound``) is not matched in full: a dense day holds thousands of such pairs."""
    threshold = config()["threshold"]
    fresh = {m.id: (m, bound_parts(m)) for m in new}
    for b in stored:
        b_parts = bound_parts(b)
        for a_id in sorted(kept.get(b.id, ())):
            a, a_parts = fresh[a_id]    # the candidate join names only new mentions
            if a.source and b.source and a.source.article_id == b.source.article_id:
                continue    # one article's records are already one per event (merge/within.py)
            if score_bound(a, b, a_parts, b_parts) >= threshold and match(a, b).verdict:
                yield a_id, b.id


def cluster(mentions: list[Event]) -> list[list[Event]]:
    """Mentions grouped into events from scratch: each group sorted by ``anchor_key``, the groups
    by their anchors. The same mentions in any order give the same groups."""
    groups = Groups()
    for m in mentions:
        groups.add(m.id)
    scored: dict[tuple[str, str], float] = {}
    for a, b, why in edges(mentions):
        if why.verdict:
            groups.union(a, b)
        scored[(a, b)] = scored[(b, a)] = why.score
    by_id = {m.id: m for m in mentions}
    out = []
    for ids in groups.components():
        out.extend(agglomerate(sorted((by_id[i] for i in ids), key=anchor_key), scored))
    return sorted(out, key=lambda g: anchor_key(g[0]))


def agglomerate(block: list[Event], scored: dict[tuple[str, str], float]) -> list[list[Event]]:
    """Average-link grouping of one block (sorted by ``anchor_key``): ``scored`` holds the score of
    every compatible pair, both ways; a pair not in it may never share a group."""
    threshold = config()["threshold"]
    members: dict[int, list[int]] = {i: [i] for i in range(len(block))}
    # (i, j) with i < j, group ids (their lowest member): the sum of scores over all cross pairs,
    # kept only while every cross pair is compatible
    link: dict[tuple[int, int], float] = {}
    for i, a in enumerate(block):
        for j in range(i + 1, len(block)):
            score = scored.get((a.id, block[j].id))
            if score is not None:
                link[(i, j)] = score
    while link:
        (i, j), best = max(((pair, total / (len(members[pair[0]]) * len(members[pair[1]])))
                            for pair, total in link.items()), key=lambda item: (round(item[1], 9), -item[0][0], -item[0][1]))
        if best < threshold:
            break
        members[i] += members.pop(j)
        merged: dict[tuple[int, int], float] = {}
        for (x, y), total in link.items():
            if i in (x, y) or j in (x, y):
                other = y if x in (i, j) else x
                if other in (i, j):
                    continue
                key = (min(i, other), max(i, other))
                merged.setdefault(key, 0.0)
                merged[key] += total
        counts: dict[tuple[int, int], int] = {}
        for (x, y) in link:
            if i in (x, y) or j in (x, y):
                other = y if x in (i, j) else x
                if other not in (i, j):
                    key = (min(i, other), max(i, other))
                    counts[key] = counts.get(key, 0) + 1
        link = {pair: total for pair, total in link.items() if i not in pair and j not in pair}
        # the joined group links to another only if both halves did (every cross pair compatible)
        link.update({pair: total for pair, total in merged.items() if counts[pair] == 2})
    return [[block[k] for k in sorted(group)] for _, group in sorted(members.items())]


__all__ = ["Groups", "agglomerate", "anchor_key", "cluster", "edges", "links"]
