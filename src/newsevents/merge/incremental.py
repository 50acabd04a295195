"""Merging as the store applies it: new mentions joined to stored events, events re-derived.

The store pulls stored mentions whose date windows meet the new ones (one SQL join), and these
pure functions say which events the new mentions join (``join_new``) and what each touched
event becomes (``rewrite``); after an article is taken out, ``regroup`` splits what is no longer
connected. The store only runs SQL around them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Event
from .cluster import Groups, anchor_key, cluster, edges
from .derive import derive, site_of
from .match import MatchExplanation


@dataclass
class Joined:
    """One component the new mentions made: the stored events it joins and the new mentions in it."""

    old_ids: list[str]
    new: list[Event]
    links: dict[str, MatchExplanation] = field(default_factory=dict)   # new mention id -> why it joined


@dataclass
class Rewrite:
    """What some stored events become: old event ids out, merged events (with their mentions) in."""

    old_ids: list[str]
    groups: list[list[Event]]
    events: list[Event]
    aliases: dict[str, str]                    # old id -> the id that now answers for it
    links: dict[str, MatchExplanation] = field(default_factory=dict)

    def sources(self, event: Event) -> int:
        group = self.groups[self.events.index(event)]
        return len({site_of(m) for m in group})


def join_new(new: list[Event], stored: dict[str, tuple[Event, str]]) -> list[Joined]:
    """The components the new mentions form with the stored candidates.

    Args:
        new: the batch's mentions (``id`` their mention ids, ``source`` set).
        stored: stored candidate mentions by mention id, each with its event id.
    """
    groups = Groups()
    for m in new:
        groups.add(m.id)
    links: dict[str, tuple[tuple, MatchExplanation]] = {}
    by_id = {m.id: m for m in new} | {i: m for i, (m, _) in stored.items()}
    for a, b, why in edges(new, [m for m, _ in stored.values()]):
        groups.union(a, b)
        for one, other in ((a, b), (b, a)):
            # the link recorded for a new mention: to the earliest-anchored mention it matched
            if one not in stored and (one not in links or anchor_key(by_id[other]) < links[one][0]):
                links[one] = (anchor_key(by_id[other]), why)
    for mention_id, (_, event_id) in stored.items():
        groups.union(mention_id, "event:" + event_id)
    out = []
    fresh = {m.id for m in new}
    for ids in groups.components():
        members = [i for i in ids if i in fresh]
        if not members:
            continue
        old = sorted({i.removeprefix("event:") for i in ids if i.startswith("event:")})
        out.append(Joined(old, sorted((by_id[i] for i in members), key=anchor_key),
                          {i: links[i][1] for i in members if i in links}))
    return out


def rewrite(joined: Joined, members: dict[str, list[Event]]) -> Rewrite:
    """The event a component becomes: every mention of the events it joins and its new ones."""
    group = sorted([m for old in joined.old_ids for m in members.get(old, [])] + joined.new, key=anchor_key)
    event = derive(group)
    aliases = {old: event.id for old in joined.old_ids if old != event.id}
    return Rewrite(joined.old_ids, [group], [event], aliases, joined.links)


def regroup(old_id: str, remaining: list[Event]) -> Rewrite:
    """What an event becomes once some of its mentions are gone: nothing, or one event per group
    of what is still connected (a split is possible). Its old id answers for the earliest group."""
    groups = cluster(remaining)
    events = [derive(g) for g in groups]
    aliases = {old_id: events[0].id} if events and events[0].id != old_id else {}
    return Rewrite([old_id], groups, events, aliases)


__all__ = ["Joined", "Rewrite", "join_new", "regroup", "rewrite"]
