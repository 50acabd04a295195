"""The event record and the types every stage shares.

This module is the public contract. Nothing in it imports from any other
newsevents module, and every stage imports from it. Records become plain
dicts (``to_dict``) only when they are stored, printed or exported.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("occurred", "ongoing", "planned", "claimed", "denied", "hypothetical")
SECTORS = ("GOV", "MIL", "COP", "JUD", "REB", "OPP", "PTY", "CVL", "MED", "IGO", "NGO", "BUS", "REL", "EDU")
COUNT_KINDS = ("killed", "injured", "detained", "troops", "participants", "displaced")
# "reported": no time words of its own; the publication date, which bounds the event but does not date it
DATE_PRECISIONS = ("day", "range", "week", "month", "year", "reported")
PLACE_PRECISIONS = ("point", "city", "admin1", "country")


@dataclass
class Article:
    """One input document after ingest: clean text plus what we know of its source."""

    text: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None          # ISO date, YYYY-MM-DD, or None when unknown
    published_source: str | None = None   # where the date came from: user, metadata, url, dateline
    language: str | None = None
    origin: str | None = None             # file path, archive record id, ...
    captured: str | None = None           # when a web archive captured the page (ISO datetime)
    dropped: list[str] = field(default_factory=list)  # boilerplate lines removed, kept for audit
    id: str = ""
    relevance: float | None = None        # 0-1: how much it reads as public-affairs news (relevance/)
    relevance_label: str | None = None    # "news" or "other" against Settings.min_relevance

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def article_id(text: str) -> str:
    """Content address of an article: the same text always gets the same id."""
    normal = " ".join(text.split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


@dataclass
class Skip:
    """An input that produced no article, with the one-line reason why.

    ``failed`` tells a failure (an error of ours or of the environment: a crash, a deadline, a
    permission, a truncated download), which a rerun retries, from a rejection (the input is not
    an English article: empty, binary, too large, ...), which it does not.
    """

    origin: str
    reason: str
    failed: bool = False


@dataclass
class Actor:
    text: str
    name: str | None = None
    country: str | None = None   # ISO 3166-1 alpha-3
    sector: str | None = None
    rule: str | None = None      # what resolved it, for `explain`; notes joined by ";"


# The note in an Actor's rule for a state named alone, coded GOV by inference (resolve/actors.py);
# relevance does not take it as a sign of public affairs.
STATE_NOTE = "state"


@dataclass
class Place:
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None  # point, city, admin1, country
    start: int | None = None      # character offsets of the mention in the article text
    end: int | None = None

    def precision_rank(self) -> int:
        """How fine the place is, finest first: 0 point, 1 city, 2 admin1, 3 country (also when
        the precision is unknown), 4 anything else."""
        return _PLACE_PRECISIONS.get(self.precision or "country", 4)


_PLACE_PRECISIONS = {"point": 0, "city": 1, "admin1": 2, "country": 3}


@dataclass
class When:
    date: str | None = None       # ISO date of the start (YYYY-MM-DD)
    date_end: str | None = None   # ISO date of the end, inclusive
    precision: str | None = None  # day, range (several days, or "since ..."), week, month, year, reported
    text: str | None = None       # the words it came from
    value: str | None = None      # TIMEX3-style value: 2022-01-08, 2022-W02, 2022-01, PRESENT_REF, ...


@dataclass
class Count:
    kind: str                     # one of COUNT_KINDS
    min: int | None = None
    max: int | None = None
    text: str = ""
    cumulative: bool = False      # a running total ("12,000 detained this month"), not one incident
    start: int | None = None
    end: int | None = None
    sources: int | None = None    # on a merged event: how many of its reports gave this count


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str | None = None
    trigger_start: int | None = None   # character offset of the trigger word in the article text


@dataclass
class Attribution:
    text: str
    actor: Actor | None = None


@dataclass
class Source:
    article_id: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None


@dataclass
class Event:
    type: str
    mode: str | None = None
    cameo: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    status: str = "occurred"
    actor1: Actor | None = None
    actor2: Actor | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Place | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    evidence: Evidence | None = None
    confidence: float = 0.5
    attribution: Attribution | None = None
    source: Source | None = None
    explain: list[str] = field(default_factory=list)  # the rules and words behind each field
    non_event: str | None = None  # why the coding guide counts this mention as no event (left out by default)
    id: str = ""

    def assign_id(self) -> str:
        """A stable id from what the event is, so the same mention always gets the same id."""
        key = "|".join(
            str(x) for x in (
                self.source.article_id if self.source else "",
                self.evidence.start if self.evidence else "",
                self.type, self.cameo,
                self.actor1.text if self.actor1 else "", self.actor2.text if self.actor2 else "",
            )
        )
        self.id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return self.id

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        """The record back from ``to_dict`` (a stored record's JSON)."""
        def actor(d: dict | None) -> Actor | None:
            return Actor(**d) if d else None
        fields = dict(data)
        fields.pop("mentions", None)
        fields["actor1"], fields["actor2"] = actor(data.get("actor1")), actor(data.get("actor2"))
        fields["location"] = Place(**data["location"]) if data.get("location") else None
        fields["counts"] = {k: Count(kind=k, **{n: v for n, v in c.items() if n in _COUNT_FIELDS})
                            for k, c in (data.get("counts") or {}).items() if c}
        fields["evidence"] = Evidence(**data["evidence"]) if data.get("evidence") else None
        att = data.get("attribution")
        fields["attribution"] = Attribution(att["text"], actor(att.get("actor"))) if att else None
        fields["source"] = Source(**data["source"]) if data.get("source") else None
        fields["explain"] = list(data.get("explain") or [])
        return cls(**{k: v for k, v in fields.items() if k in _EVENT_FIELDS})

    def flat(self) -> dict[str, Any]:
        """The event as flat columns for tables and Parquet: actors, place and count minima spread out."""
        a1, a2, loc = self.actor1, self.actor2, self.location
        row: dict[str, Any] = {
            "id": self.id, "type": self.type, "mode": self.mode, "cameo": self.cameo,
            "acled_type": self.acled_type, "acled_subtype": self.acled_subtype, "status": self.status,
            "actor1_name": (a1.name or a1.text) if a1 else None, "actor1_country": a1.country if a1 else None,
            "actor1_sector": a1.sector if a1 else None,
            "actor2_name": (a2.name or a2.text) if a2 else None, "actor2_country": a2.country if a2 else None,
            "actor2_sector": a2.sector if a2 else None,
            "date": self.date, "date_end": self.date_end, "date_precision": self.date_precision,
            "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "location_precision": loc.precision if loc else None, "confidence": self.confidence,
        }
        for kind in COUNT_KINDS:
            row[f"{kind}_min"] = self.counts[kind].min if kind in self.counts else None
        return row

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = {k: {"min": c.min, "max": c.max, "text": c.text, "cumulative": c.cumulative,
                               "sources": c.sources}
                          for k, c in self.counts.items()}
        if data["location"]:
            data["location"].pop("start", None)
            data["location"].pop("end", None)
        if not explain:
            data.pop("explain")
        return data


def record_key(event: Event) -> tuple:
    """What one article's record is: type, actors, status, day and place (``merge.within`` folds
    two mentions of one article with the same key into one record)."""
    def actor_key(actor: Actor | None) -> tuple | None:
        if actor is None:
            return None
        return (actor.name or actor.text or "").lower(), actor.country, actor.sector
    place = event.location
    return (event.type, event.cameo, event.status, actor_key(event.actor1), actor_key(event.actor2),
            event.date, event.date_end, place.geonames_id if place else None, place.name if place else None)


def record_id(event: Event) -> str:
    """The id of a coded record: a hash of its ``record_key``, the same in every run. The store
    keeps each article's record as a mention (``mention_id``) and merges mentions into events."""
    return hashlib.sha1(repr(record_key(event)).encode("utf-8")).hexdigest()[:16]


def mention_id(article_id: str, record: str) -> str:
    """The id of one article's record in the store: unique across articles, stable across runs.
    (The same text as ``left(sha1(article_id || '|' || record_id), 16)`` in SQL.)"""
    return hashlib.sha1(f"{article_id}|{record}".encode("utf-8")).hexdigest()[:16]


_COUNT_FIELDS = frozenset({"min", "max", "text", "cumulative", "sources"})
_EVENT_FIELDS = frozenset(Event.__dataclass_fields__)


# Field-by-field description of the record: printed by `newsevents schema` and used in the README.
EVENT_SCHEMA: dict[str, str] = {
    "id": "stable 16-hex id of the event mention",
    "type": "PLOVER event type: " + ", ".join(PLOVER_TYPES),
    "mode": "PLOVER mode of the type (e.g. ASSAULT: aerial, firearms, ...), or null",
    "cameo": "CAMEO code as a string (e.g. '173'), or null",
    "acled_type": "ACLED event type (e.g. 'Protests'), or null when ACLED does not code it",
    "acled_subtype": "ACLED sub-event type (e.g. 'Peaceful protest'), or null",
    "status": "one of " + ", ".join(STATUSES),
    "actor1": "source actor {text, name, country (ISO 3166-1 alpha-3), sector, rule}",
    "actor2": "target actor, same shape as actor1, or null",
    "date": "ISO date the event started, or null when the text and publication date do not fix it",
    "date_end": "ISO date it ended (inclusive), or null",
    "date_precision": "day, range, week, month or year; 'reported' when the text gives no time of its own "
                      "and the date is the publication date (the event happened by then)",
    "date_text": "the words the date came from, or null when taken from the publication date",
    "location": "{text, name, country, admin1, lat, lon, geonames_id, precision: point|city|admin1|country}",
    "counts": "{kind: {min, max, text, cumulative, sources}} for kinds " + ", ".join(COUNT_KINDS),
    "evidence": "{sentence, start, end, trigger, trigger_start}: character offsets into the article text",
    "confidence": "0 to 1",
    "attribution": "{text, actor} for reported speech and claims, or null",
    "source": "{article_id, url, title, site, published}",
}
