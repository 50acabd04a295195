"""Events told more than once in one article: one record per event.

A record's key (``model.record_key``: type, actors, status, day, place) says when two mentions of
one article are the same event. Within an article, a mention with the key of an earlier record, or a back-reference
that recalls one ("the attack", "Saturday's bombing" after the attack was told), is folded into
that record (``RepeatTracker.merged``) instead of becoming a record of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from ..codebooks import plover_types
from ..extraction.events import EventMention
from ..model import Actor, Event, Place, record_id, record_key
from ..syntax import DEFINITE, PERSONAL, clause_range
from .match import match


@dataclass
class RepeatTracker:
    """The article's records so far: by merge key, and by the words and number they were told with."""

    seen: dict[tuple, Event] = field(default_factory=dict)
    plural: set[int] = field(default_factory=set)         # told first by a plural ("previous attacks")
    heads: dict[int, set[str]] = field(default_factory=dict)  # record -> trigger lemmas it was told with
    told_in: dict[int, set[int]] = field(default_factory=dict)  # record -> starts of sentences that retold it

    def merged(self, events: list[Event], mention: EventMention, event: Event, base: int) -> bool:
        """Fold ``event`` into the earlier record it repeats (same merge key, or a back-reference
        that recalls it) and return True; else note it as a record of its own and return False."""
        key = record_key(event)
        # A key with neither actor says too little to call two mentions one event ("An attack on
        # a convoy" and "the latest attack" once their things leave the actor slots): such a
        # mention is merged only as a back-reference.
        first = self.seen.get(key) if event.actor1 is not None or event.actor2 is not None else None
        if first is not None and not all(_one_phrase(getattr(first, slot), getattr(event, slot))
                                         for slot in ("actor1", "actor2")):
            first = None    # "EU officials told national governments": one key, other participants
        named = _named_place(event, mention.trigger, base)
        lemma = mention.trigger.lemma_.lower()
        if first is None and is_back_reference(mention.trigger) and _arguments_known(mention.trigger):
            # "the attack" recalls one event, not a plural ("attacks in Britain")
            single = mention.trigger.tag_ in ("NN", "NNP")
            able = [e for e in events if not (single and id(e) in self.plural)]
            # The same head word first ("the van attack" recalls the attack, not the bombing told
            # in between), else the nearest record of the type; when the records told with the
            # same word all conflict with it, it is another event of that kind.
            same_head = [e for e in able if lemma in self.heads.get(id(e), ())]
            first = antecedent(same_head, event, named)
            if first is None and not same_head:
                first = antecedent(able, event, named)
        retelling = False
        if first is None:
            first = reported_again(events, event, self.told_in)
        if (first is None and mention.trigger.tag_ not in ("NNS", "NNPS") and not _sets_apart(mention.trigger)
                and _arguments_known(mention.trigger)):
            first = retold(events, event, named, lemma, self.heads)
            retelling = first is not None
        if first is not None:
            absorb_repeat(first, event, named, same_key=key in self.seen,
                          how=" (told again, less specific)" if retelling else "")
            self.heads.setdefault(id(first), set()).add(lemma)
            if event.evidence is not None:
                self.told_in.setdefault(id(first), set()).add(event.evidence.start)
            self.seen[record_key(first)] = first
            return True
        self.seen[key] = event
        if mention.trigger.tag_ in ("NNS", "NNPS"):
            self.plural.add(id(event))
        self.heads[id(event)] = {lemma}
        return False


_REAL = frozenset({"occurred", "claimed", "ongoing"})


def is_back_reference(trigger: Token) -> bool:
    """Whether a trigger refers back to an event told before: an event noun with a definite,
    demonstrative or possessive determiner ("the attack", "this cowardly attack", "Saturday's
    bombing", "its withdrawal"). A numeral ("two attacks", which ``events._specific`` accepts as one
    particular event) or an indefinite article introduces an event rather than recalling one.
    """
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = trigger
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head        # "the August 4 assassination attempt": the determiner is the head's
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head        # "the attacks and bombings": the list's first noun carries it
    if any(_contrastive(c) for c in noun.children):
        return False            # "the latest attack", "the most serious riots": another event or a part
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)


# Closed-class adjectives that set an event apart from one told before instead of recalling it.
_CONTRAST = frozenset({"latest", "last", "previous", "earlier", "next", "new", "other", "recent",
                       "past", "prior", "further", "similar", "second", "third", "first"})


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "agent", "pobj"})


def _arguments_known(trigger: Token) -> bool:
    """Whether every participant the trigger's clause names is one already known: a pronoun, a
    name or a definite phrase ("They attacked the hotel"). A bare, indefinite or counted phrase
    ("EU officials told national governments", "several rebels were neutralized") brings
    participants of its own, which the coder may have left out of its slots."""
    children = list(trigger.children)
    if trigger.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        # "journalists have been blocked ... and briefly detained": the list's subject is the head's
        children += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and trigger.pos_ in ("NOUN", "PROPN")):
            args = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in _ARGUMENT_DEPS:
            args = [child]
        else:
            continue
        for arg in args:
            if arg.pos_ in ("PRON", "PROPN"):
                continue
            if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in arg.children):
                return False
    return True


def _sets_apart(trigger: Token) -> bool:
    """An event noun told as another of its kind ("their second summit", "the latest attack")."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(_contrastive(c) for c in trigger.children)


def _contrastive(mod: Token) -> bool:
    """A modifier that picks out another event or a part of one: a superlative or an ordinal."""
    if mod.dep_ not in ("amod", "advmod", "nummod"):
        return False
    return (mod.tag_ in ("JJS", "RBS") or mod.ent_type_ == "ORDINAL" or mod.lower_ in _CONTRAST
            or any(c.tag_ == "RBS" for c in mod.children))


def _named_place(event: Event, trigger: Token, base: int) -> Place | None:
    """The event's place when it is named in the trigger's own clause (not the article's focus)."""
    place = event.location
    if place is None or place.start is None:
        return None
    lo, hi = clause_range(trigger)
    return place if base + lo <= place.start and place.end <= base + hi else None


def _same_actor(earlier: Actor | None, later: Actor | None) -> bool:
    """A participant the back-reference names must be the earlier event's (or be missing there)."""
    if earlier is None or later is None:
        return True
    if earlier.name and later.name:
        return earlier.name.lower() == later.name.lower()
    if earlier.country and later.country and earlier.country != later.country:
        return False
    if (earlier.text or "").lower() == (later.text or "").lower():
        return True
    # Unnamed on one side ("the militants" vs "the Taliban", "a police station" vs "five officers"):
    # the resolver can only tell them apart by country (above) or by sector.
    return not (earlier.sector and later.sector and earlier.sector != later.sector)


def _place_fits(earlier: Place | None, named: Place | None) -> bool:
    """Whether a place named with the back-reference can be where the earlier event happened:
    the same place, or one inside the other (a city of the earlier event's country)."""
    if earlier is None or named is None:
        return True
    if earlier.geonames_id is not None and earlier.geonames_id == named.geonames_id:
        return True
    if (earlier.name or earlier.text).lower() == (named.name or named.text).lower():
        return True
    if earlier.country and named.country and earlier.country != named.country:
        return False
    if earlier.admin1 and named.admin1 and earlier.admin1 != named.admin1:
        return False
    # two different places of the same level (two cities) are two places
    return earlier.precision_rank() != named.precision_rank()


def _span(event: Event) -> tuple[str, str] | None:
    return (event.date, event.date_end or event.date) if event.date else None


def _date_fits(earlier: Event, later: Event) -> bool:
    """An explicit date with the back-reference must overlap the earlier event's dates."""
    if later.date_text is None:
        return True     # no time words with the back-reference: it brings no date of its own
    a, b = _span(earlier), _span(later)
    if a is None or b is None:
        # no publication date to resolve them against: two different date words are two dates
        return earlier.date_text is None or earlier.date_text.lower() == later.date_text.lower()
    if earlier.date_text is None and (b[0] < a[0] or b[1] > a[1]):
        # "killed in the fighting so far this year": a period around a guessed week; but one day
        # of the week before a guessed date ("since the attacks began Tuesday") dates the event
        return b[0] == b[1] and b[1] <= a[0] and _days_between(b[0], a[0]) <= 7
    return a[0] <= b[1] and b[0] <= a[1]


def _days_between(earlier: str, later: str) -> int:
    return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days


def _cameo_fits(earlier: str | None, later: str | None) -> bool:
    """Whether two CAMEO codes of one PLOVER type can name one event: the same code family, or
    one of them the unspecified code of its root ("180", "190": any assault, any use of force)."""
    if not earlier or not later or earlier[:3] == later[:3]:
        return True
    return any(len(c) == 3 and c.endswith("0") for c in (earlier, later))


def antecedent(events: list[Event], later: Event, named: Place | None) -> Event | None:
    """The record a back-reference repeats: the nearest earlier one of its PLOVER type whose
    status, participants, place and date do not conflict with it; None when there is none.

    Args:
        events: the article's records so far, in text order.
        later: the back-reference's own record.
        named: the place named in the back-reference's clause, if any.
    """
    for earlier in reversed(events):
        if not _same_kind(earlier, later):
            continue
        if not _cameo_fits(earlier.cameo, later.cameo):
            continue    # "the bombing" recalls a bombing or an attack, not the gunfire before it
        if (_same_actor(earlier.actor1, later.actor1) and _same_actor(earlier.actor2, later.actor2)
                and _setting_fits(earlier, later, named)):
            return earlier
    return None


def _same_kind(earlier: Event, later: Event) -> bool:
    """One PLOVER type, and statuses that agree or are both real: "threatened an attack" ... "the
    attack killed 5" is not merged on a guess."""
    return earlier.type == later.type and (
        earlier.status == later.status or {earlier.status, later.status} <= _REAL)


def _setting_fits(earlier: Event, later: Event, named: Place | None) -> bool:
    """The later mention's place, date and counts do not conflict with the earlier record's."""
    return _place_fits(earlier.location, named) and _date_fits(earlier, later) and _counts_fit(earlier, later)


def retold(events: list[Event], later: Event, named: Place | None, lemma: str,
           heads: dict[int, set[str]]) -> Event | None:
    """The earlier record a later, less specific mention tells again ("Gunmen stormed a hotel ..."
    then "They attacked the hotel at dawn"; "came under a bomb and gun attack" then "heard a blast
    and gunfire"), else None.

    Event coreference in news: the retelling uses the same word or a word of the same CAMEO code,
    and names no participant, place, date or count that differs from the earlier record's, nor
    one the earlier record lacks (a new participant may be a new event: "Ankara, too, is warning
    Washington" after Ankara's first warning).
    """
    if plover_types().get(later.type, {}).get("utterance"):
        return None     # a demand, accusation, rejection or threat told in a clause of its own is one more statement
    for earlier in reversed(events):
        if not _same_kind(earlier, later):
            continue
        # the same word (in one CAMEO family), or a word of the very same CAMEO code
        same_word = lemma in heads.get(id(earlier), ())
        if not (same_word and _cameo_fits(earlier.cameo, later.cameo)
                or (earlier.cameo and earlier.cameo == later.cameo)):
            continue
        slots = ("actor1", "actor2")
        if not all(_one_participant(getattr(earlier, s), getattr(later, s)) for s in slots):
            continue
        if any(getattr(earlier, s) is None and getattr(later, s) is not None for s in slots):
            continue
        if not _within_dates(earlier, later):
            continue    # "detained in the past two years": a period holds many events, not one retold
        if _setting_fits(earlier, later, named):
            return earlier
    return None


def _within_dates(earlier: Event, later: Event) -> bool:
    """A retelling's own time words name the earlier event's time or a part of it, not a wider period."""
    a, b = _span(earlier), _span(later)
    if later.date_text is None or earlier.date_text is None or a is None or b is None:
        return True
    return a[0] <= b[0] and b[1] <= a[1]


def _counts_fit(earlier: Event, later: Event) -> bool:
    """Two mentions that count the same thing differently ("seven arrested", "the arrest of
    another five") are two events; a running total is no incident's own count."""
    for kind, count in later.counts.items():
        other = earlier.counts.get(kind)
        if other is not None and not (count.cumulative or other.cumulative) and other.min != count.min:
            return False
    return True


def _one_phrase(a: Actor | None, b: Actor | None) -> bool:
    """Whether two actor phrases resolved alike can be one participant: the same words, one the
    other's head ("Putin" and "President Vladimir Putin") or a pronoun; a resolved name alone
    can be the country or body both belong to ("national governments" and "France")."""
    if a is None or b is None:
        return True
    x, y = (a.text or "").lower().split(), (b.text or "").lower().split()
    if not x or not y or x == y:
        return True
    if len(x) == 1 and x[0] in PERSONAL or len(y) == 1 and y[0] in PERSONAL:
        return True
    return x[-1] in y or y[-1] in x


def reported_again(events: list[Event], later: Event, told_in: dict[int, set[int]] | None = None) -> Event | None:
    """The earlier record of the same sentence that ``later`` tells again in other words ("met
    with Kim ... at the Singapore summit", "a bomb and gun attack"), else None.

    The cross-article match (``match.match``) must find the two compatible (type, status, actors,
    date, place); within one sentence they must also not name two participants or two places of
    their own: "attacked a police station and a school" tells two targets, and is kept as two.
    A record is of the sentence when it was told there first or again (``told_in``: record ->
    sentence starts): "They attacked the hotel, with an explosion" once "attacked" was folded in."""
    if later.evidence is None:
        return None
    here = later.evidence.start
    for earlier in reversed(events):
        own = earlier.evidence is not None and earlier.evidence.start == here
        if not own and here not in (told_in or {}).get(id(earlier), ()):
            continue
        if not own and any(getattr(earlier, s) is None and getattr(later, s) is not None for s in ("actor1", "actor2")):
            continue    # a record told first elsewhere: only a mention that adds no participant joins it
        if not match(earlier, later).compatible or _span(earlier) != _span(later):
            continue
        if all(_one_participant(getattr(earlier, slot), getattr(later, slot)) for slot in ("actor1", "actor2")) \
                and _one_place(earlier.location, later.location):
            return earlier
    return None


def _one_participant(a: Actor | None, b: Actor | None) -> bool:
    """One slot names at most one participant: one side missing, or both the same actor."""
    if a is None or b is None:
        return True
    if a.name and b.name:
        return a.name.lower() == b.name.lower()
    return (a.text or "").lower() == (b.text or "").lower()


def _one_place(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or (a.name or a.text).lower() == (b.name or b.text).lower()


def absorb_repeat(first: Event, repeat: Event, named: Place | None, same_key: bool = False,
                  how: str = "") -> None:
    """Fold a repeated mention into the record it repeats: the record gains the counts, the place
    named with the repeat and its finer date when it lacked them, and says it merged the repeat."""
    ev = repeat.evidence
    first.explain.append(f"merged repeat at {ev.trigger_start if ev else '?'}: {ev.trigger if ev else '?'}"
                         + (" (same key)" if same_key else "") + how)
    for kind, count in repeat.counts.items():
        if kind not in first.counts and not count.cumulative:   # a running total is no incident's
            first.counts[kind] = count
            first.explain.append(f"count {kind} {count.text!r}: from the merged repeat")
    if named is not None and (first.location is None
                              or named.precision_rank() < first.location.precision_rank()):
        first.location = named
        first.explain.append(f"location {named.name}: {named.precision}, from the merged repeat")
    a, b = _span(first), _span(repeat)
    if repeat.date_text and b is not None and (a is None or (a[0] <= b[0] and b[1] <= a[1] and b != a)):
        first.date, first.date_end, first.date_precision, first.date_text = (
            repeat.date, repeat.date_end, repeat.date_precision, repeat.date_text)
        first.explain.append(f"date {repeat.date}: {repeat.date_text}, from the merged repeat")
    first.id = record_id(first)


__all__ = ["RepeatTracker", "absorb_repeat", "antecedent", "is_back_reference", "retold"]
