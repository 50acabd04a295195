"""When: find time expressions in raw text and resolve them against the publication date.

Pure Python over compiled regexes (no parse needed), so it runs on every sentence cheaply.
Values follow TIMEX3 (TimeML): 2022-01-08, 2022-W02, 2022-01, 2022-Q3, 2022-SU, 199 (a decade),
PAST_REF/PRESENT_REF/FUTURE_REF. Without an anchor, relative expressions stay unresolved
(value None or with X placeholders, ``when.date`` None): never a made-up full date.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from newsevents.model import When
from newsevents.resolve import dates_rules
from newsevents.resolve.dates_lexicon import build_patterns
from newsevents.resolve.dates_values import KINDS, TENSES, TimeMention, _Ctx, tense_at

__all__ = ["KINDS", "TENSES", "TimeMention", "tense_at", "find_time_mentions", "resolve_mention", "open_range",
           "when_for_span"]

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
    ctx = _Ctx(text=text, anchor=anchor, tense=tense, strict=strict, find=_find)
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
    """The When of an event that runs "since December": its stated start.

    The coding guide dates an ongoing event by its stated start ("have arrested 2,400 people since
    February 1" is dated February 1, at the expression's own precision); the text keeps the cue so
    that a reader sees the event ran on from there. Other mentions are unchanged.
    """
    when = mention.when
    if anchor is None or when is None or not when.date or when.date > anchor.isoformat():
        return when
    cue = _SINCE.search(text[max(0, mention.start - 20):mention.start])
    if cue is None:
        return when
    return replace(when, text=text[mention.start - len(cue.group(0)):mention.end])


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
