"""Whether two mentions (event records of different articles) report one event, and why.

``match(a, b)`` is a pure, symmetric predicate: it needs the same PLOVER type, compatible status,
actors, dates and places (each widened by its precision), and then enough agreement (named actors,
a shared place, the same day, counts, similar sentences) to call them one event. Thresholds and
weights are data (``codebooks/data/merge.json``), each with why.
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..codebooks import load_json, load_tsv
from ..model import STATUSES, Actor, Event, Place
from ..resolve.dates_calendar import month_span
from ..resolve.gazetteer import haversine_km

_REAL = frozenset({"occurred", "ongoing", "claimed"})   # told as happening: one event however hedged
# A meeting or strike announced, then held, is one event (the coref gold's planned-then-occurred)
_PLANNED_OR_REAL = _REAL | {"planned"}


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """The merge thresholds and weights (``codebooks/data/merge.json``)."""
    return load_json("merge.json")


@dataclass
class MatchExplanation:
    """Why two mentions are (or are not) one event."""

    verdict: bool
    agreed: list[str] = field(default_factory=list)   # fields that agreed: type, status, actor1, place, day, ...
    conflict: str | None = None        # the first field that ruled the pair out
    date_days: float | None = None     # gap between the two date spans, in days (0: they overlap)
    place_km: float | None = None      # distance between the two places
    actors: str | None = None          # how the actors agree: same name, country+sector, one side empty
    evidence: float = 0.0              # Dice overlap of the sentences' content words
    score: float = 0.0                 # the weighted agreement compared with the threshold
    compatible: bool = False           # no field ruled the pair out (they may join inside a block)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def match(a: Event, b: Event) -> MatchExplanation:
    """Whether mentions ``a`` and ``b`` report the same event, with the reasons.

    Two steps: vetoes (type, status, mode, actors, dates, places: ``compatible`` is False on the
    first that conflicts), then a score, the weighted agreement of what is left (``merge.json``),
    compared with one threshold. Clustering (``merge.cluster``) uses both: matching pairs link a
    block, and inside it groups join on their average score, never across an incompatible pair.

    Args:
        a, b: event records, each with its ``source`` (the article's publication date dates a
            mention without time words of its own).
    Returns:
        A ``MatchExplanation``; ``verdict`` is the answer. ``match(a, b)`` equals ``match(b, a)``.
    """
    cfg = config()
    weights = cfg["weights"]
    out = MatchExplanation(verdict=False)
    if a.type != b.type:
        out.conflict = "type"
        return out
    out.agreed.append("type")
    if not status_compatible(a.status, b.status):
        out.conflict = "status"
        return out
    out.agreed.append("status")
    score = 0.0
    if a.mode and b.mode and a.mode == b.mode:
        out.agreed.append("mode")
        score += weights["same_mode"]
    elif a.mode and b.mode:
        # an arrest and a seizure are two acts, however close; yet outlets name one march a riot
        score += weights["modes_differ"]
    kinds = []
    for slot in ("actor1", "actor2"):
        kind = actor_agreement(getattr(a, slot), getattr(b, slot))
        if kind is None:
            out.conflict = slot
            return out
        kinds.append(kind)
        if kind in ("same name", "country+sector"):
            out.agreed.append(slot)
            score += weights["same_name"] if kind == "same name" else weights["same_country_sector"]
    out.actors = ", ".join(kinds)
    gap = date_gap(a, b)
    out.date_days = gap
    if gap is None or gap > slack(a) + slack(b):
        out.conflict = "date"
        return out
    both_days = a.date_precision == b.date_precision == "day" and a.date is not None and b.date is not None
    if both_days and gap == 0:
        out.agreed.append("day")
        score += weights["same_day"]
    elif both_days:
        score += weights["days_apart"]     # within slack, but two stated days more often mean two events
    elif gap == 0:
        out.agreed.append("dates overlap")
    place = place_agreement(a.location, b.location)
    if place is None:
        out.conflict = "place"
        return out
    level, km = place
    out.place_km = None if km is None else round(km, 1)
    if level:
        out.agreed.append(f"place ({level})")
        score += weights[f"place_{level}"]
    counts = counts_agree(a, b)
    if counts:
        out.agreed.append("counts")
        score += weights["counts"]
    elif counts is False:
        score += weights["counts_differ"]
    similarity = evidence_similarity(a, b)
    out.evidence = round(similarity, 3)
    if similarity >= cfg["min_evidence"]:
        out.agreed.append("evidence")
        score += weights["evidence"] * similarity
    out.compatible = True
    out.score = round(score, 3)
    out.verdict = out.score >= cfg["threshold"]
    if not out.verdict:
        out.conflict = "too little agreement"
    return out


def bound_parts(event: Event) -> tuple:
    """What ``score_bound`` reads of one mention (its evidence words, mode, and whether it has a
    date, a place and counts): worked out once per mention when it is bounded against many."""
    words = content_words(event.evidence.sentence) if event.evidence else frozenset()
    return words, event.mode, event.date is not None, event.location is not None, bool(event.counts)


def score_bound(a: Event, b: Event, a_parts: tuple | None = None, b_parts: tuple | None = None) -> float:
    """A score ``match(a, b)`` cannot exceed: the evidence overlap and the actors as ``match``
    scores them, the rest at its best where both sides have it (a mode, a day, a place, counts).
    Far cheaper than the match, so a pair that cannot reach the threshold is left out without it.
    ``a_parts`` and ``b_parts``: their ``bound_parts``, when already known."""
    cfg = config()
    w = cfg["weights"]
    words_a, mode_a, dated_a, placed_a, counted_a = a_parts or bound_parts(a)
    words_b, mode_b, dated_b, placed_b, counted_b = b_parts or bound_parts(b)
    similarity = _dice(words_a, words_b)
    bound = w["evidence"] * similarity if similarity >= cfg["min_evidence"] else 0.0
    if mode_a and mode_b:
        bound += w["same_mode"] if mode_a == mode_b else w["modes_differ"]
    if dated_a and dated_b:
        bound += max(w["same_day"], w["days_apart"], 0)
    if placed_a and placed_b:
        bound += max(w["place_city"], w["place_admin1"], w["place_country"], 0)
    if counted_a and counted_b:
        bound += max(w["counts"], w["counts_differ"], 0)
    if bound + 2 * max(w["same_name"], w["same_country_sector"], 0) >= cfg["threshold"]:
        for slot in ("actor1", "actor2"):
            kind = actor_agreement(getattr(a, slot), getattr(b, slot))
            bound += w["same_name"] if kind == "same name" else w["same_country_sector"] if kind == "country+sector" \
                else 0.0
    # match rounds its score to 3 decimals: a bound just under the threshold may round up to it
    return bound + 0.001


def status_compatible(a: str, b: str) -> bool:
    """Told as happening (occurred, ongoing, claimed) goes together, and with planned (announced,
    then held); a claim goes with its denial (one side claims a downing, the other denies it);
    denied and hypothetical otherwise only with their own kind."""
    return a == b or (a in _PLANNED_OR_REAL and b in _PLANNED_OR_REAL) or {a, b} == {"claimed", "denied"}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["iso3"]: row["name"].lower() for row in load_tsv("countries.tsv")}


def proper_name(actor: Actor | None) -> str | None:
    """The actor's own name (an organisation, a person), lowercased; None when its name is only
    its country's ("Police" in Kenya is named "Kenya" by the resolver: a coded actor, not a name)."""
    if actor is None or not actor.name:
        return None
    name = actor.name.lower()
    return None if actor.country and _country_names().get(actor.country) == name else name


def _generic(actor: Actor) -> bool:
    return not proper_name(actor) and not actor.country and not actor.sector


def _sectors_fit(a: str | None, b: str | None, groups: str = "security_sectors") -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in config()[groups])


def actor_agreement(a: Actor | None, b: Actor | None) -> str | None:
    """How two mentions' actors in one slot agree ("same name", "country+sector", "related
    sectors", "one side empty"), or None when they are different actors: two different names,
    different countries or sectors (GOV with COP or MIL only in one country)."""
    if a is None or b is None or _generic(a) or _generic(b):
        return "one side empty"
    name_a, name_b = proper_name(a), proper_name(b)
    if name_a and name_b:
        return "same name" if name_a == name_b else None
    if a.country and b.country and a.country != b.country:
        return None
    if not _sectors_fit(a.sector, b.sector, "state_sectors"):
        return None
    if not _sectors_fit(a.sector, b.sector):
        # the authorities and their police, one country's state in one act: no veto, no agreement
        return "related sectors"        # different countries were ruled out above
    if a.country and a.country == b.country and a.sector and b.sector:
        return "country+sector"
    return "one side empty"


def _days(value: str | None) -> tuple[date, date] | None:
    """The days an ISO date names: a day, or a whole month or year ("2025-01", "2025")."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(value) == 7:
            return month_span(int(value[:4]), int(value[5:7]))
        day = date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def date_span(event: Event) -> tuple[date, date] | None:
    """The days a mention's event may lie on: its date span, else the publication date of its
    article (taken as 'reported' precision). A reported date only bounds the event from above:
    news tells what happened on or before publication, so its span reaches back
    ``reported_days_before`` days (and a stated day earlier in that window does not conflict)."""
    start = _days(event.date)
    if start is None and event.source is not None:
        start = _days(event.source.published)
        return None if start is None else _reported(start)
    if start is None:
        return None
    if (event.date_precision or "day") == "reported":
        return _reported(start)
    end = _days(event.date_end)
    return start[0], max(start[1], end[1] if end else start[1])


def _reported(day: tuple[date, date]) -> tuple[date, date]:
    return day[0] - timedelta(days=config()["reported_days_before"]), day[1]


def slack(event: Event) -> float:
    """Days a mention's span is widened by on each side, by its precision."""
    table = config()["date_slack_days"]
    precision = event.date_precision if event.date else "reported"
    return float(table.get(precision or "day", table["day"]))


def date_window(event: Event) -> tuple[date, date] | None:
    """The widened span as whole days: the store's candidate join reads mentions whose windows overlap."""
    span = date_span(event)
    if span is None:
        return None
    pad = timedelta(days=math.ceil(slack(event)))
    return span[0] - pad, span[1] + pad


def veto_keys(event: Event) -> dict[str, Any]:
    """What the store's candidate join needs to leave out stored mentions that ``match`` would veto
    against ``event`` (status, place country, each actor slot's name, country and sector), so that
    only the rest are read back and scored. Each value mirrors one veto of ``match``; None where
    the event rules nothing out. The join may keep more than ``match`` accepts, never fewer.
    """
    statuses = None
    if isinstance(event.status, str):
        statuses = sorted({event.status} | {s for s in STATUSES if status_compatible(event.status, s)})
    place = event.location.country if event.location is not None and event.location.country else None
    out: dict[str, Any] = {"statuses": statuses, "place_country": place}
    for slot in ("actor1", "actor2"):
        actor = getattr(event, slot)
        open_ = actor is None or _generic(actor)
        sector = None if open_ else actor.sector     # type: ignore[union-attr]
        out[f"{slot}_open"] = open_
        out[f"{slot}_name"] = None if open_ else proper_name(actor)
        out[f"{slot}_country"] = None if open_ or not actor.country else actor.country   # type: ignore[union-attr]
        out[f"{slot}_sector"] = sector
        out[f"{slot}_fits"] = sorted({other for group in config()["state_sectors"] if sector in group
                                      for other in group} | ({sector} if sector is not None else set()))
    return out


def country_names() -> dict[str, str]:
    """Every country's name by ISO3, lowercased: an actor named as its own country has no name of
    its own (``proper_name``); the store's candidate join tests a stored actor against these."""
    return dict(_country_names())


def date_gap(a: Event, b: Event) -> float | None:
    """Days between two mentions' spans (0 when they overlap); None when either has no date."""
    x, y = date_span(a), date_span(b)
    if x is None or y is None:
        return None
    return float(max(0, (max(x[0], y[0]) - min(x[1], y[1])).days))


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two placed points."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)   # type: ignore[arg-type]


def place_agreement(a: Place | None, b: Place | None) -> tuple[str | None, float | None] | None:
    """How two places agree: (level, km) with level "city", "admin1", "country" or None (one
    missing, or one is a spot the gazetteer does not place); None when they are too far apart for
    their precision."""
    if a is None or b is None:
        return None, None
    if a.country and b.country and a.country != b.country:
        return None
    level = {0: "city", 1: "city", 2: "admin1"}.get(max(a.precision_rank(), b.precision_rank()), "country")
    if _same_name(a, b):
        return level, 0.0
    if _unplaced(a) or _unplaced(b):
        # a facility, landmark or district without coordinates ("parliament", "Place de la Nation")
        # lies somewhere in the other's area: it cannot rule the pair out, nor agree
        return None, None
    if _contains(a, b) or _contains(b, a):
        return "admin1", None
    km = distance_km(a, b)
    limit = config()["place_km"][level]
    if limit is None:    # a country-level place: the same country is all it can say
        return ("country" if a.country and b.country else None), km
    if km is not None:
        return (level, km) if km <= limit else None
    if level == "admin1" and a.admin1 and a.admin1 == b.admin1:
        return level, None
    return None


def _same_name(a: Place, b: Place) -> bool:
    return (a.geonames_id is not None and a.geonames_id == b.geonames_id) or \
        (a.name or a.text).lower() == (b.name or b.text).lower()


def _unplaced(place: Place) -> bool:
    return place.lat is None and place.geonames_id is None and place.precision_rank() < 3


def _contains(area: Place, inner: Place) -> bool:
    """Whether ``area`` is, or may be, an admin1 region that ``inner`` lies in by name: Kanbalu in
    Sagaing region; Saravena in Arauca, a city that names its province as well."""
    if inner.admin1 is None or inner.admin1.lower() != (area.name or area.text).lower():
        return False
    return area.precision == "admin1" or (area.admin1 or "").lower() == inner.admin1.lower()


def counts_agree(a: Event, b: Event) -> bool | None:
    """Whether the two mentions give a count of one kind within ``count_ratio`` of each other:
    True when one kind agrees, False when kinds both give all differ, None when none is shared."""
    ratio = config()["count_ratio"]
    shared = False
    for kind, x in a.counts.items():
        y = b.counts.get(kind)
        if y is None:
            continue
        xs = [v for v in (x.min, x.max) if v is not None]
        ys = [v for v in (y.min, y.max) if v is not None]
        if not xs or not ys or x.cumulative or y.cumulative:
            continue
        shared = True
        low, high = max(min(xs), min(ys)), min(max(xs), max(ys))
        if low <= high or (low > 0 and low <= ratio * high):
            return True
    return False if shared else None


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """A sentence's content words: lowercased, without function words, reporting verbs and
    weekdays, with a plural or possessive ending cut (cheap; no parse needed)."""
    stop = _stopwords()
    words = set()
    for word in _WORD.findall(text.lower()):
        word = word.removesuffix("'s").rstrip(",.")
        if word in stop or len(word) < 3 and not word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(config()["stopwords"])


def evidence_similarity(a: Event, b: Event) -> float:
    """Dice overlap of the two evidence sentences' content words (0 when either has none)."""
    x = content_words(a.evidence.sentence) if a.evidence else frozenset()
    y = content_words(b.evidence.sentence) if b.evidence else frozenset()
    return _dice(x, y)


def _dice(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


__all__ = ["MatchExplanation", "match", "proper_name", "date_window", "content_words", "evidence_similarity",
           "actor_agreement", "place_agreement", "status_compatible", "config", "veto_keys", "country_names", "score_bound", "bound_parts"]
