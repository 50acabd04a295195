"""Merging as the store applies it: the block the new mentions fall in is grouped again.

Events are a function of the set of stored mentions (``merge.cluster``): blocks of mentions
linked by matching pairs, average-link groups inside each. So at insert the store gathers the whole block the new
mentions join (``store_mentions.block``: candidates by date window, again from what was added, until
nothing is added), and these pure functions say what the block's events become (``plan``); after
an article is taken out the same is done with what is left of its block. The store only runs SQL
around them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Event
from .cluster import anchor_key, cluster
from .derive import derive, site_of
from .match import MatchExplanation, match


@dataclass
class Rewrite:
    """What some stored events become: old event ids out, merged events (with their mentions) in."""

    old_ids: list[str]
    groups: list[list[Event]]
    events: list[Event]
    aliases: dict[str, str]                    # old id -> the id that now answers for it
    links: dict[str, MatchExplanation] = field(default_factory=dict)   # new mention id -> why it joined
    origins: list[list[str]] = field(default_factory=list)   # per group: the old events it holds mentions of

    def sources(self, event: Event) -> int:
        group = self.groups[self.events.index(event)]
        return len({site_of(m) for m in group})


def plan(new: list[Event], stored: dict[str, tuple[Event, str]]) -> Rewrite:
    """The events of one block: its stored mentions (by mention id, with their event ids) and the
    new ones, grouped from scratch, so the result does not depend on what came first.

    An old event's id answers for the group that now holds its anchor (its earliest remaining
    mention). A new mention's link is its match with the best-scoring mention of its group.
    """
    event_of = {i: event_id for i, (_, event_id) in stored.items()}
    groups = cluster(list(new) + [m for m, _ in stored.values()])
    events = [derive(g) for g in groups]
    first: dict[str, tuple[tuple, str]] = {}
    origins = []
    for group, event in zip(groups, events):
        origins.append(sorted({event_of[m.id] for m in group if m.id in event_of}))
        for m in group:
            old = event_of.get(m.id)
            if old is not None and (old not in first or anchor_key(m) < first[old][0]):
                first[old] = (anchor_key(m), event.id)
    aliases = {old: new_id for old, (_, new_id) in first.items() if old != new_id}
    links = {}
    fresh = {m.id for m in new}
    for group in groups:
        for m in group:
            if m.id in fresh and len(group) > 1:
                whys = [(match(m, other), anchor_key(other)) for other in group if other.id != m.id]
                links[m.id] = min(whys, key=lambda w: (-w[0].score, w[1]))[0]
    return Rewrite(sorted(set(event_of.values())), groups, events, aliases, links, origins)


__all__ = ["Rewrite", "plan"]
