"""Resolvers for periods: decades, quarters, seasons, weeks/months/years relative to the anchor, "ago"."""
from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.resolve import dates_values as D
from newsevents.resolve.dates_calendar import (
    add_months, half_span, quarter_of, quarter_span, season_of, season_span, week_value, weekend_span,
)
from newsevents.resolve.dates_lexicon import load_lexicon
from newsevents.resolve.dates_values import _mention, _norm, _tense

_QUARTER_GAP = 400   # characters: a "year ago" this close after a quarter refers to that quarter

def _r_decade(m: re.Match, ctx):
    if m.group("y"):
        stem = int(m.group("y"))
    else:
        century = (ctx.anchor.year // 100) if ctx.anchor else 19
        stem = century * 10 + int(m.group("yy"))
        if ctx.anchor and stem * 10 > ctx.anchor.year:
            stem -= 10      # a decade stem counts tens of years: the century before is 10 stems back
    built = D._span_when(str(stem), (date(stem * 10, 1, 1), date(stem * 10 + 9, 12, 31)), "year", "")
    return _mention(ctx, m.start(), m.end(), "DATE", built)


def _r_century(m: re.Match, ctx):
    n = int(m.group("n"))
    if not 1 <= n <= 21:
        return None
    first = (n - 1) * 100
    built = D._span_when(f"{n - 1:02d}", (date(max(first, 1), 1, 1), date(first + 99, 12, 31)), "year", "")
    return _mention(ctx, m.start(), m.end(), "DATE", built)


def _words_number(words: str) -> int | None:
    """'ninety-six' -> 96, 'oh five' -> 5, 'fifteen' -> 15."""
    total = 0
    for w in re.split(r"[-\s]+", words.lower()):
        if w in ("oh", "and", ""):
            continue
        n = D._number(w)
        if n is None:
            return None
        total += n
    return total


def _r_spelled_year(m: re.Match, ctx):
    if m.group("c"):
        y = D._number(m.group("c")) * 100 + (_words_number(m.group("rest")) or 0)
    else:
        y = 2000 + (_words_number(m.group("small")) if m.group("small") else 0)
    return _mention(ctx, m.start(), m.end(), "DATE", D._year_when(y, ""))


def _r_spelled_decade(m: re.Match, ctx):
    tens = _words_number(m.group("tens")[:-3] + "y")   # nineties -> ninety
    if tens is None:
        return None
    stem = 190 + tens // 10
    if ctx.anchor and stem * 10 > ctx.anchor.year:
        stem -= 100
    built = D._span_when(str(stem), (date(stem * 10, 1, 1), date(stem * 10 + 9, 12, 31)), "year", "")
    return _mention(ctx, m.start(), m.end(), "DATE", built)


def _last_completed_quarter(anchor: date) -> tuple[int, int]:
    q = quarter_of(anchor) - 1
    return (anchor.year, q) if q else (anchor.year - 1, 4)


def _quarter_before(quarter: tuple[int, int]) -> tuple[int, int]:
    year, q = quarter
    return (year, q - 1) if q > 1 else (year - 1, 4)


def _r_quarter(m: re.Match, ctx):
    det = _norm(m.group("det"))
    adj = _norm(m.group("adj"))
    ordinal = m.group("ord")
    unit = (m.group("unit") or m.group("unit2") or "").lower()
    explicit = m.group("y") or m.group("y2") or m.group("y3")
    anchor = ctx.anchor
    previous_year = det == "last year's" or "year-ago" in adj or "year-earlier" in adj
    start = m.start()
    if ordinal and "-" in m.group(0)[m.end("ord") - m.start():m.start("unit") - m.start()] and det in ("the", "this", "last", "next", "that"):
        start = m.start("adj") if adj else m.start("ord")   # "the third-quarter loss": 'the' goes with 'loss'
    n = int(load_lexicon().get("ordinal")[ordinal.lower()]) if ordinal else None
    if unit == "half":
        if n not in (1, 2):
            return None
        if explicit:
            y = int(explicit)
        elif anchor is None:
            return _mention(ctx, start, m.end(), "DATE", D._open_when(f"XXXX-H{n}", ""))
        else:
            y = anchor.year - previous_year if (det or "this") != "next year's" else anchor.year + 1
            if not previous_year and det not in ("this year's", "next year's") and half_span(y, n)[0] > anchor:
                y -= 1
        return _mention(ctx, start, m.end(), "DATE", D._span_when(f"{y}-H{n}", half_span(y, n), "month", ""))
    if n is not None and n > 4:
        return None
    if explicit:
        y, q = int(explicit), n
        if q is None:
            return None
    elif anchor is None:
        return _mention(ctx, start, m.end(), "DATE", D._open_when(f"XXXX-Q{n}" if n else None, ""))
    elif n is not None:
        q = n
        if det == "this year's":
            y = anchor.year
        elif det == "next year's":
            y = anchor.year + 1
        elif previous_year:
            base = ctx.last_quarter
            y = (base[0] if base and base[1] == n else anchor.year) - 1
        else:
            y = anchor.year if quarter_span(anchor.year, n)[0] <= anchor else anchor.year - 1
    else:
        cur = (anchor.year, quarter_of(anchor))
        if det in ("this",) or "current" in adj:
            y, q = cur
        elif det == "next" or "coming" in adj:
            y, q = (cur[0], cur[1] + 1) if cur[1] < 4 else (cur[0] + 1, 1)
        elif ctx.last_quarter and any(w in adj for w in ("previous", "prior", "preceding")):
            # "after falling in the preceding quarter": the one before the quarter just named
            y, q = _quarter_before(ctx.last_quarter[:2])
        elif det == "last" or any(w in adj for w in ("previous", "prior", "preceding", "past")):
            y, q = _last_completed_quarter(anchor)
        elif ctx.last_quarter and not any(w in adj for w in ("latest", "recent", "just")):
            y, q = ctx.last_quarter[:2]
        else:
            y, q = _last_completed_quarter(anchor)
        if previous_year:
            y -= 1
    if not previous_year:
        ctx.last_quarter = (y, q, m.end())
    return _mention(ctx, start, m.end(), "DATE", D._quarter_when(y, q, ""))


def _r_qcode(m: re.Match, ctx):
    q = int(m.group("q") or m.group("q2"))
    y = m.group("y") or m.group("y2")
    if y is None:
        if ctx.anchor is None:
            return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(f"XXXX-Q{q}", ""))
        a = ctx.anchor
        y = a.year if quarter_span(a.year, q)[0] <= a else a.year - 1
    ctx.last_quarter = (int(y), q, m.end())
    return _mention(ctx, m.start(), m.end(), "DATE", D._quarter_when(int(y), q, ""))


def _shift_unit(anchor: date, unit: str, step: int, text: str):
    """The week/month/year/decade ``step`` units from the anchor's, as (value, When)."""
    if unit == "week":
        return D._week_when(anchor + timedelta(days=7 * step), text)
    if unit == "weekend":
        d = anchor + timedelta(days=7 * step)
        return D._span_when(week_value(d) + "-WE", weekend_span(d), "day", text)
    if unit == "month":
        d = add_months(anchor, step)
        return D._month_when(d.year, d.month, text)
    if unit == "year":
        return D._year_when(anchor.year + step, text)
    if unit == "decade":
        stem = anchor.year // 10 + step
        return D._span_when(str(stem), (date(stem * 10, 1, 1), date(stem * 10 + 9, 12, 31)), "year", text)
    return None


_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


def _r_relunit(m: re.Match, ctx):
    rel = _norm(m.group("rel")).replace("the ", "")
    unit = m.group("u").lower()
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    step = _STEP[rel]
    if unit == "weekend" and ctx.anchor.isoweekday() < 6 and step == 0 and _tense(m, ctx) == "past":
        step = -1
    return _mention(ctx, m.start(), m.end(), "DATE", _shift_unit(ctx.anchor, unit, step, ""))


def _r_inthe(m: re.Match, ctx):
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    return _mention(ctx, m.start(), m.end(), "DATE", _shift_unit(ctx.anchor, m.group("u").lower(), 0, ""))


def _r_weekend(m: re.Match, ctx):
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    step = 0 if ctx.anchor.isoweekday() >= 6 or _tense(m, ctx) == "future" else -1
    return _mention(ctx, m.start(), m.end(), "DATE", _shift_unit(ctx.anchor, "weekend", step, ""))


def _r_relseason(m: re.Match, ctx):
    code = load_lexicon().get("season")[m.group("s").lower()]
    rel = _norm(m.group("rel")).replace("the ", "") or "the"
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(f"XXXX-{code}", ""))
    a = ctx.anchor
    cands = [(y, season_span(y, code)) for y in (a.year - 2, a.year - 1, a.year, a.year + 1)]
    current_start = season_span(*season_of(a))[0]
    if rel in ("last", "past"):
        y = max(y for y, s in cands if s[0] < current_start)
    elif rel in ("next", "coming"):
        y = min(y for y, s in cands if s[0] > a)
    elif rel == "this":
        y = season_of(a)[0] if code == "WI" and a.month <= 2 else a.year
    else:
        tense = _tense(m, ctx)
        if tense == "past":
            y = max(y for y, s in cands if s[0] <= a)
        elif tense == "future":
            y = min(y for y, s in cands if s[1] >= a)
        else:
            y = a.year
    built = D._span_when(f"{y}-{code}", season_span(y, code), "month", "")
    return _mention(ctx, m.start(), m.end(), "DATE", built)


def _year_ago_value(m: re.Match, ctx, years: int):
    """'a year ago/earlier' just after a quarter names that quarter one year back (TimeML usage)."""
    lq = ctx.last_quarter
    if lq and years == 1 and 0 <= m.start() - lq[2] <= _QUARTER_GAP:
        y, q = lq[0] - 1, lq[1]
        return D._quarter_when(y, q, "")
    return D._year_when(ctx.anchor.year - years, "")


def _r_ago(m: re.Match, ctx):
    n = D._number(m.group("n"))
    unit = D._unit(m.group("u"))
    direction = _norm(m.group("dir"))
    sign = -1 if direction in ("ago", "earlier", "back") else 1
    if n is None:
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(ref, ""))
    if ctx.anchor is None or unit in ("H", "MIN", "S", ""):
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    if direction in ("earlier", "later") and unit != "Y":
        # "two days later" counts from the story's own time, not from the publication date
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    a = ctx.anchor
    k = sign * n
    if unit == "D":
        built = D._day_when(a + timedelta(days=k), "")
    elif unit in ("W", "2W"):
        built = D._week_when(a + timedelta(days=7 * k * (2 if unit == "2W" else 1)), "")
    elif unit == "M":
        d = add_months(a, k)
        built = D._month_when(d.year, d.month, "")
    elif unit == "Q":
        d = add_months(a, 3 * k)
        built = D._quarter_when(d.year, quarter_of(d), "")
    elif unit == "Y":
        built = _year_ago_value(m, ctx, n) if sign < 0 else D._year_when(a.year + k, "")
    else:   # decades, centuries
        years = 10 * n if unit == "10Y" else 100 * n
        built = D._year_when(a.year + sign * years, "")
    return _mention(ctx, m.start(), m.end(), "DATE", built)


def _r_yearago(m: re.Match, ctx):
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    return _mention(ctx, m.start(), m.end(), "DATE", _year_ago_value(m, ctx, 1))
