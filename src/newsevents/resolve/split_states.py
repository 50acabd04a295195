"""One event per state: an action that names several states as its source or target.

The coding guide ("One event, many sentences"): "When one action names several target or source
states, each state gets its own event (a travel ban on three countries is three events).
Sub-national or non-state co-actors stay together." An actor slot whose phrase is a coordination
("Mexico, Canada and China", "a Chinese and Russian proposal", "several countries, including Iran
and Syria") whose every conjunct resolves to a state of its own country gives one record per state;
every other field is the same. Anything else (a person and a state of one country, rebels beside
a state, a list too long to be one act) stays one record.
"""
from __future__ import annotations

from copy import deepcopy
from functools import lru_cache
from dataclasses import replace
from typing import Any

from ..codebooks import load_lines
from ..extraction.event_roles import MUTUAL
from ..extraction.sentences import split_sentences
from ..model import Actor, Event, Place
from ..syntax import phrase_head
from .actors import ActorResolver

# Sectors through which a state acts (government, armed forces, police, courts): a conjunct coded
# so is the state; any other sector (rebels, civilians, business) is a non-state co-actor.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD"})
# Rule notes of a phrase that names a state itself ("Canada", "Chinese", "Washington").
_STATE_RULES = ("country:", "demonym:", "metonym:")
# A longer list reads as a summary of many acts (or a parse gone astray), not one act per state.
MAX_STATES = 5
# Both slots may split; past this many records only the target slot is split.
MAX_RECORDS = 9
# Prepositions that list the members of a group noun ("countries including Iran and Syria").
_LISTING = frozenset({"including", "like"})
# Words that spread a coordination over its members ("both Pakistan and China", "... all offered"):
# no part of one member's name.
_DISTRIBUTIVES = frozenset({"both", "either", "neither", "all", "each"})
SPLIT_NOTE = "split: one event per state (coding guide: each state named by one action gets its own event)"


def split_by_state(actors: ActorResolver, event: Event, source: Any, target: Any,
                   places: list[Place] = (), base: int = 0, text: str = "") -> list[Event]:
    """The records ``event`` stands for: one per state pair when its source or target phrase
    coordinates several states, else ``[event]`` itself.

    Args:
        actors: the article's actor resolver.
        event: the coded record of one event mention (its actors resolved from the whole phrases).
        source, target: the mention's source and target spans (spaCy), or None.
        places: the article's resolved places (with offsets), where a counted anaphor ("both
            countries") finds the states it recalls; base: the offset of the spans' text in the
            article's ``text``.
    Returns:
        The records, in the order the states are named; split ones carry ``SPLIT_NOTE`` in explain.
    """
    on = event.date
    tgt_states = (_states(actors, target, on, event.actor1, target=True) if event.actor2 is not None else None) \
        or _recalled_states(actors, target, places, base, text)
    src_recalled = _recalled_states(actors, source, places, base, text)
    # A mutual act whose target is the source's own second conjunct ("Jordan and Syria held talks")
    # already names both sides: the source is not split again.
    inside = target is not None and source is not None and source.start <= target.start and target.end <= source.end
    src_states = src_recalled or (None if inside or event.actor1 is None else _states(actors, source, on, None))
    if src_states and tgt_states and len(src_states) * len(tgt_states) > MAX_RECORDS:
        src_states = None
    if not src_states and not tgt_states:
        return [event]
    if src_states and len(src_states) == 2 and not tgt_states and _reciprocal(target):
        # "Egypt and Turkey expelled each other's ambassadors": each state acts on the other
        tgt_states = src_states[::-1]
        pairs = list(zip(src_states, tgt_states))
    elif src_states and len(src_states) == 2 and event.actor2 is None and event.type in MUTUAL:
        # an act between equals ("Cameroon and C.A.R. officials met") is one event naming both
        # sides, as event_roles codes a coordinated subject: the second state is the target
        tgt_states = src_states[1:]
        pairs = [(src_states[0], src_states[1])]
    else:
        pairs = [(a1, a2) for a1 in src_states or [event.actor1] for a2 in tgt_states or [event.actor2]]
    out = []
    for a1, a2 in pairs:
        if a1 is not None and a2 is not None and a1.country == a2.country and is_state(a2):
            # a state does not act on itself: the slot that was not split (the parse's guess) is
            # left empty; a pair of two split slots is no event
            if src_states and tgt_states:
                continue
            a1, a2 = (a1, None) if src_states else (None, a2)
        record = deepcopy(event)
        record.actor1, record.actor2 = a1, a2
        for slot, actor in (("actor1", a1), ("actor2", a2)):
            if actor is not None and ((slot == "actor1" and src_states) or (slot == "actor2" and tgt_states)):
                record.explain.append(f"{slot} {actor.text!r}: {actor.rule}; {SPLIT_NOTE}")
        out.append(record)
    return out or [event]


def _recalled_states(actors: ActorResolver, span: Any, places: list[Place], base: int,
                     text: str) -> list[Actor] | None:
    """The states a counted anaphor ("both countries", "the two governments") recalls: the
    countries named before it in its sentence, else in the sentence before, when they are exactly
    as many as it counts; each keeps the anaphor's text. None otherwise (the slot stays as it is)."""
    n = _anaphor_count(span)
    if n is None or not text:
        return None
    start = base + span.start_char
    here = next((s for s in _sentences(text) if s.start <= start < s.end + 1), None)
    if here is None:
        return None
    earlier = [s for s in _sentences(text) if s.end <= here.start]
    windows = [(here.start, start)] + ([(earlier[-1].start, earlier[-1].end)] if earlier else [])
    for lo, hi in windows:
        named: dict[str, Place] = {}
        for p in places:
            if p.precision == "country" and p.country and p.start is not None and lo <= p.start < hi:
                named.setdefault(p.country, p)
        if not named:
            continue
        if len(named) != n:
            return None     # the nearest mention of states does not count as the anaphor does
        found = []
        for place in named.values():
            state = actors.resolve_text(place.text)
            if state.country != place.country:
                return None
            found.append(replace(state, text=span.text, name=state.name or place.name,
                                 rule=f"recalled by {span.text!r}:{state.rule}"))
        return found
    return None


_COUNT_WORDS = {"both": 2, "two": 2, "three": 3}


def _anaphor_count(span: Any) -> int | None:
    """How many states a counted anaphor names ("both countries" 2, "the three military-led
    nations" 3), or None when the phrase is none."""
    if span is None:
        return None
    root = span.root
    if root.tag_ not in ("NNS", "NNPS") or root.lemma_.lower() not in _anaphor_nouns():
        return None
    counts = [_COUNT_WORDS[c.lower_] for c in root.children
              if c.lower_ in _COUNT_WORDS and c.dep_ in ("det", "predet", "nummod", "preconj") and c.i < root.i]
    others = [c for c in root.children if c.i < root.i and c.dep_ in ("poss", "compound")
              or c.ent_type_ in ("GPE", "NORP")]
    return counts[0] if len(counts) == 1 and not others else None


@lru_cache(maxsize=1)
def _anaphor_nouns() -> frozenset[str]:
    return frozenset(load_lines("pair_anaphor_nouns.txt"))


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple:
    return tuple(split_sentences(text))


def _reciprocal(span: Any) -> bool:
    """The phrase says "each other" or "one another"."""
    if span is None:
        return False
    words = [t.lower_ for t in span]
    return any(words[i:i + 2] in (["each", "other"], ["one", "another"]) for i in range(len(words) - 1))


def _states(actors: ActorResolver, span: Any, on: str | None, source: Actor | None,
            target: bool = False) -> list[Actor] | None:
    """The states a coordinated phrase names, one actor each, or None when it is not a
    coordination of two or more states of distinct countries."""
    if span is None:
        return None
    parts = conjunct_spans(span)
    whole = None
    if len(parts) == 1:
        parts = modifier_conjuncts(span)
        whole = actors.resolve(span, on=on)     # the head's sector is every modifier's ("leaders": GOV)
        if whole is not None and whole.sector not in STATE_SECTORS and whole.sector is not None:
            return None     # "Canadian and Mexican farmers": non-state co-actors stay together
    if not 2 <= len(parts) <= MAX_STATES:
        return None
    found = []
    for part in parts:
        actor = actors.resolve_target(part, source, on=on) if target else actors.resolve(part, on=on)
        if actor is not None and whole is not None:
            # the phrase stays the text ("the Serbian and Croatian leaders"), its state per record
            actor = replace(actor, text=span.text, sector=whole.sector or actor.sector)
        if actor is None or not is_state(actor):
            return None     # a non-state co-actor: the guide keeps them together
        found.append(actor)
    if len({a.country for a in found}) < len(found):
        return None         # two actors of one state ("Trump and Rubio") act as one
    return found


def is_state(actor: Actor) -> bool:
    """A state or an organ of it: a country with a state sector, or a phrase naming the country
    itself (its name, its adjective, its capital)."""
    if actor.country is None or "context:" in (actor.rule or ""):
        return False    # a country guessed from the article, not named by the phrase, tells no state apart
    if actor.sector in STATE_SECTORS:
        return True
    return actor.sector is None and (actor.rule or "").startswith(_STATE_RULES)


def modifier_conjuncts(span: Any) -> list[Any]:
    """The coordinated national modifiers of a phrase's head ("Canadian and Mexican exports", "a
    Chinese and Russian proposal", "the Turkish and French leaders"), one span each; [] when the
    head has none."""
    root = span.root
    for mod in root.children:
        if mod.dep_ not in ("amod", "compound", "nmod", "poss") or mod.i > root.i:
            continue
        conj = [c for c in mod.conjuncts if span.start <= c.i < root.i]
        if conj:
            mods = sorted([mod] + conj, key=lambda t: t.i)
            if all(m.pos_ in ("ADJ", "PROPN") for m in mods):
                return [span.doc[m.i:m.i + 1] for m in mods]
    return []


def conjunct_spans(span: Any) -> list[Any]:
    """The conjuncts of a phrase whose head is coordinated, each as its own span: "Mexico, Canada
    and China" -> Mexico | Canada | China; a group noun with a listing preposition ("countries
    including Iran and Syria") gives the listed members. One span (the phrase) otherwise."""
    root = phrase_head(span)
    heads = [root] + [c for c in root.conjuncts if span.start <= c.i < span.end]
    if len(heads) == 1 and root.tag_ in ("NNS", "NNPS"):
        listing = [o for p in root.children if p.dep_ == "prep" and p.lower_ in _LISTING
                   for o in p.children if o.dep_ == "pobj"]
        if listing:
            heads = [listing[0]] + list(listing[0].conjuncts)
    if len(heads) == 1:
        # the parse may hang the coordination on a name in apposition ("India's Prime Minister
        # Narendra Modi and Philippine President Rodrigo Duterte": Duterte a conjunct of Modi)
        named = [c for c in root.children if c.dep_ == "appos" and c.i > root.i]
        heads = [root] + [c for a in named[:1] for c in a.conjuncts if c.i > a.i and span.start <= c.i < span.end]
    if len(heads) == 1:
        return [span]
    heads.sort(key=lambda t: t.i)
    doc = span.doc
    out = []
    for head in heads:
        others = {t.i for h in heads if h is not head and head.is_ancestor(h) for t in h.subtree}
        keep = {t.i for t in head.subtree if t.i not in others and not
                (t.dep_ in ("cc", "punct", "preconj") and t.head in heads)
                and not (t.lower_ in _DISTRIBUTIVES and t.head in heads)}
        # the unbroken run of words around the head: "Australia, Canada and the United States
        # all" leaves "all" apart from "Australia"
        lo = hi = head.i
        while lo - 1 in keep:
            lo -= 1
        while hi + 1 in keep:
            hi += 1
        while lo < head.i and (doc[lo].lower_ in _DISTRIBUTIVES or doc[lo].is_punct or doc[lo].dep_ == "cc"):
            lo += 1     # "Both Mexican President Claudia Sheinbaum": "both" may hang on a name part
        while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
            hi -= 1
        out.append(doc[lo:hi + 1])
    return out
