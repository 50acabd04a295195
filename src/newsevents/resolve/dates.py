"""When: find time expressions in raw text and resolve them against the publication date.

Pure Python over compiled regexes (no parse needed), so it runs on every sentence cheaply.
Values follow TIMEX3 (TimeML): 2022-01-08, 2022-W02, 2022-01, 2022-Q3, 2022-SU, 199 (a decade),
PAST_REF/PRESENT_REF/FUTURE_REF. Without an anchor, relative expressions stay unresolved
(value None or with X placeholders, ``when.date`` None): never a made-up full date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.model import When
from newsevents.resolve.dates_calendar import month_span, quarter_span, week_span, week_value, year_span
from newsevents.resolve.dates_lexicon import build_patterns, load_lexicon

KINDS = ("DATE", "DURATION", "SET", "TIME")
TENSES = ("past", "present", "future")


@dataclass
class TimeMention:
    """One time expression: character offsets into the text, TIMEX3 type and value, and When."""

    start: int
    end: int
    text: str
    kind: str                   # DATE | DURATION | SET | TIME
    value: str | None = None    # TIMEX3 value, None when it cannot be resolved
    when: When | None = None    # set for DATE and TIME mentions


@dataclass
class _Ctx:
    """What the resolver knows while it walks one text left to right."""

    text: str
    anchor: date | None
    tense: str | None
    strict: bool = False    # True when the caller gave the tense: it then decides, not just weighs
    last_quarter: tuple[int, int, int] | None = None  # (year, quarter, end offset of the mention)


# ---------------------------------------------------------------- tense


_CLAUSE_END = re.compile(r"[!?;:\n]|\.(?=\s+[A-Z\"'`(])|\"|''|``")
def tense_at(text: str, offset: int, window: int = 100) -> str | None:
    """Guess the tense of the clause around ``offset`` from nearby cue words.

    Cue words are in codebooks/data/time_words.tsv (future_cue, past_cue, present_cue), and
    any other word in -ed counts as past. A future cue counts as nearer than it is, since
    passive participles (-ed) often sit next to it ("will be completed on Friday").

    Returns:
        "past", "present", "future" or None when no cue is found.
    """
    lo = max(0, offset - window)
    hi = min(len(text), offset + window)
    left = text[lo:offset]
    cut = None
    for m in _CLAUSE_END.finditer(left):
        cut = m.end()
    if cut is not None:
        lo += cut
    right = _CLAUSE_END.search(text, offset + 1, hi)
    if right:
        hi = right.start()
    best: tuple[float, str] | None = None
    patterns = build_patterns()
    for m in patterns.tense_cue.finditer(text, lo, hi):
        word = " ".join(m.group(0).lower().split())
        tense = patterns.cue_tense.get(word)
        if tense is None:   # a regular -ed form, unless it is a known adjective or non-verb
            if word in patterns.not_past_ed:
                continue
            tense = "past"
        dist = float(m.start() - offset if m.start() >= offset else offset - m.end())
        if tense == "future":
            dist = dist * 0.6
        elif tense == "present":
            dist = dist * 1.5 + 5
        if best is None or dist < best[0]:
            best = (dist, tense)
    return best[1] if best else None


# ---------------------------------------------------------------- building values


def _day_when(d: date, text: str, end: date | None = None) -> tuple[str, When]:
    """One day, or a run of days ("January 5-6": value of the first day, precision "range")."""
    value = d.isoformat()
    precision = "range" if end is not None and end != d else "day"
    return value, When(date=value, date_end=(end or d).isoformat(), precision=precision, text=text,
                       value=value)


def _span_when(value: str, span: tuple[date, date], precision: str, text: str) -> tuple[str, When]:
    return value, When(date=span[0].isoformat(), date_end=span[1].isoformat(), precision=precision,
                       text=text, value=value)


def _open_when(value: str | None, text: str) -> tuple[str | None, When]:
    return value, When(text=text, value=value)


def _year_when(y: int, text: str) -> tuple[str, When]:
    return _span_when(f"{y:04d}", year_span(y), "year", text)


def _month_when(y: int, m: int, text: str) -> tuple[str, When]:
    return _span_when(f"{y:04d}-{m:02d}", month_span(y, m), "month", text)


def _week_when(d: date, text: str) -> tuple[str, When]:
    return _span_when(week_value(d), week_span(d), "week", text)


def _quarter_when(y: int, q: int, text: str) -> tuple[str, When]:
    return _span_when(f"{y:04d}-Q{q}", quarter_span(y, q), "month", text)


def _choose_year(month: int, day: int, anchor: date, tense: str | None, strict: bool = False) -> int:
    """The year of a yearless month(-day): the nearest one, leaning back in the past tense.

    News dates sit close to the publication date, and the clause tense often belongs to
    another verb ("said the dividend is payable Dec. 7"), so a guessed tense only weighs
    distances; a tense given by the caller (``strict``) decides the side outright.
    """
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(date(y, month, min(day, 28 if month == 2 else day)))
        except ValueError:
            continue

    if strict and tense in ("past", "future"):
        side = [c for c in cands if (c <= anchor if tense == "past" else c >= anchor)]
        return (max(side) if tense == "past" else min(side)).year

    def cost(c: date) -> float:
        days = (c - anchor).days
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        if tense is None and days > 0:
            return abs(days) * _UNKNOWN_FUTURE   # with no tense cue, news mostly reports the past
        return abs(days) * (_AGAINST_TENSE if against else 1.0)

    return min(cands, key=lambda c: (cost(c), c > anchor)).year


_AGAINST_TENSE = 3.0
_UNKNOWN_FUTURE = 2.0   # a date on the wrong side of the anchor for the tense counts as this much further


def _weekday_date(anchor: date, wd: int, rel: str | None, tense: str | None) -> date:
    """The date of weekday ``wd`` (1 = Monday) seen from ``anchor``."""
    back = (anchor.isoweekday() - wd) % 7
    fwd = (wd - anchor.isoweekday()) % 7
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=fwd or 7)
    if rel == "this":
        return anchor + timedelta(days=wd - anchor.isoweekday())
    if tense == "future" or (tense == "present" and fwd < back):
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back)


def _number(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    value = load_lexicon().get("number").get(w)
    return int(value) if value and value.isdigit() else None


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "100Y"
    return load_lexicon().get("unit").get(w.rstrip("s") if w != "fortnights" else "fortnight", "")


# the resolvers, one per pattern, live in dates_rules.py; they use the helpers above
from newsevents.resolve import dates_rules  # noqa: E402


def find_time_mentions(text: str, anchor: date | None, tense: str | None = None) -> list[TimeMention]:
    """Find and resolve the time expressions in ``text``.

    Args:
        text: raw text (a sentence or a whole article).
        anchor: the publication date; None leaves relative expressions unresolved.
        tense: "past", "present" or "future" to override the guess made from nearby words.
    Returns:
        mentions in text order, non-overlapping (the longest expression wins).
    """
    if tense is not None and tense not in TENSES:
        tense = None
    return _find(text, anchor, tense, strict=tense is not None)


def _find(text: str, anchor: date | None, tense: str | None, strict: bool) -> list[TimeMention]:
    candidates = []
    for order, (name, rx) in enumerate(build_patterns().items):
        for m in rx.finditer(text):
            if m.end() > m.start() and dates_rules.accept(name, m, text):
                candidates.append((m.start(), m.end(), order, name, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in candidates:
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        taken.append((c[0], c[1]))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    ctx = _Ctx(text=text, anchor=anchor, tense=tense, strict=strict)
    out = []
    for start, end, _, name, m in chosen:
        mention = dates_rules.resolve(name, m, ctx)
        if mention is not None:
            out.append(mention)
    return out


def resolve_mention(text: str, anchor: date | None, tense: str | None = None) -> TimeMention | None:
    """Resolve one expression on its own, e.g. resolve_mention("last week", date(2022, 1, 13))."""
    found = find_time_mentions(text, anchor, tense)
    return max(found, key=lambda m: m.end - m.start) if found else None


_SINCE = re.compile(r"\b(?:since|ever since)\s+(?:the\s+)?$", re.I)


def open_range(text: str, mention: TimeMention, anchor: date | None) -> When | None:
    """The When of an event that runs "since December": from that time up to the publication date.

    TimeML values the expression alone ("2021-12"); an event that has gone on since then covers
    the whole stretch, so its When is a range ending on the anchor. Other mentions are unchanged.
    """
    when = mention.when
    if anchor is None or when is None or not when.date or when.date > anchor.isoformat():
        return when
    cue = _SINCE.search(text[max(0, mention.start - 20):mention.start])
    if cue is None:
        return when
    return When(date=when.date, date_end=anchor.isoformat(), precision="range",
                text=text[mention.start - len(cue.group(0)):mention.end], value=when.value)


def when_for_span(mentions: list[TimeMention], start: int, end: int) -> When | None:
    """The When of the DATE (else TIME) mention inside the span [start, end), e.g. a clause.

    A mention that resolves to a calendar date is preferred over a reference (PAST_REF ...),
    and among equals the first in the span wins. Durations and sets never give a date.
    """
    inside = [m for m in mentions if m.when is not None and m.kind in ("DATE", "TIME")
              and m.start >= start and m.end <= end]
    if not inside:
        return None
    inside.sort(key=lambda m: (m.when.date is None, m.kind != "DATE", m.start))
    return inside[0].when
