"""Calendar arithmetic for the date resolver: spans of weeks, months, quarters, seasons."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

# season -> (first month, number of months); winter starts in December of the named year
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, the day clipped to the month's length."""
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def week_value(d: date) -> str:
    """ISO week of ``d`` as a TIMEX3 value: 2022-W02."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_span(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def weekend_span(d: date) -> tuple[date, date]:
    """Saturday and Sunday of the ISO week of ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday + timedelta(days=5), monday + timedelta(days=6)


def month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def year_span(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_span(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), month_span(y, 3 * q)[1]


def half_span(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def season_span(y: int, s: str) -> tuple[date, date]:
    first, n = _SEASONS[s]
    start = date(y, first, 1)
    end = add_months(start, n) - timedelta(days=1)
    return start, end


def season_of(d: date) -> tuple[int, str]:
    """The season holding ``d`` as (year, code); January and February belong to last year's winter."""
    if d.month in (1, 2):
        return d.year - 1, "WI"
    for code, (first, n) in _SEASONS.items():
        if first <= d.month < first + n:
            return d.year, code
    return d.year, "WI"


def nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` (1 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = month_span(y, month)[1]
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)
