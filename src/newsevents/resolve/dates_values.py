"""The values of time expressions: the mention record, tense cues and the TIMEX3 builders that
the pattern resolvers (dates_rules, dates_periods) share. It imports only the calendar and lexicon
leaves, so the date modules import each other in one direction: dates -> rules -> periods -> values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

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
    find: Callable | None = None  # the whole finder, for an expression inside another (a clock's day)


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
    return int(value) if value and value.isdecimal() else None


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "100Y"
    return load_lexicon().get("unit").get(w.rstrip("s") if w != "fortnights" else "fortnight", "")


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w.'-]+)\W*$", text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"\W{0,2}([\w'-]+)", text[pos:pos + 30])
    return m.group(1).lower() if m else ""


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


_DEADLINE = {"by", "until", "till"}


def _tense(m: re.Match, ctx) -> str | None:
    if ctx.tense:
        return ctx.tense
    if _word_before(ctx.text, m.start()) in _DEADLINE:
        return "future"   # "repay the loan by February": a deadline usually lies ahead
    return tense_at(ctx.text, m.start())


def _mention(ctx, start: int, end: int, kind: str, built) -> TimeMention:
    value, when = built if built is not None else (None, None)
    text = ctx.text[start:end]
    if when is not None:
        when.text = text
    return TimeMention(start=start, end=end, text=text, kind=kind, value=value, when=when)
