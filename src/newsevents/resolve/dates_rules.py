"""One resolver per pattern of dates_lexicon: a regex match -> TimeMention (or None to drop it)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.resolve import dates_periods as P
from newsevents.resolve import dates_values as D
from newsevents.resolve.dates_values import _mention, _norm, _tense, _word_after, _word_before
from newsevents.resolve.dates_calendar import nth_weekday, season_span
from newsevents.resolve.dates_lexicon import build_patterns, load_lexicon

# words before an ambiguous month name ("May", "March") that make it a month
_MONTH_PREP = {"in", "since", "until", "till", "by", "of", "during", "from", "to", "through", "before",
               "after", "between", "and", "early", "late", "last", "this", "next", "or", "mid", "on",
               "until", "end", "beginning", "throughout", "into", "for", "each", "every", "that"}
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "dec", "sept"}
_QUANT_BEFORE = {"about", "some", "nearly", "over", "than", "approximately", "almost", "around", "roughly",
                 "only", "just", "the", "of", "to", "and", "no", "number", "no.", "flight", "route", "model",
                 "boeing", "airbus", "room", "page", "article"}
_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def accept(name: str, m: re.Match, text: str) -> bool:
    """Cheap checks that keep a candidate match before the longest ones are chosen."""
    if name == "month":
        word = m.group("mon")
        bare_abbr = len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july")
        if not m.group("mod") and not m.group("rel") and (word.rstrip(".").lower() in _AMBIGUOUS_MONTHS or bare_abbr):
            # "May", "March", "Jan": a month only after a preposition and not before a name ("Jan Kavan")
            return _word_before(text, m.start()) in _MONTH_PREP and not re.match(r"\s+[A-Z][a-z]", text[m.end():m.end() + 3])
        return True
    if name == "year":
        y = int(m.group("y"))
        start = m.start("y")
        before = text[start - 1:start] if start else ""
        if not (1600 <= y <= 2099) or (before and before in "$£€#,.:/") or before.isdigit():
            return False
        if before == "-" and not m.group("mod"):
            return False
        after = _word_after(text, m.end())
        if after in load_lexicon().get("count_noun") or re.match(r"\s*(?:-|–)?\s*(?:to\s+)?\d", text[m.end():m.end() + 4]) and not re.match(r"\s*(?:-|–)\s*\d{2}\b", text[m.end():m.end() + 5]):
            return False
        prev = re.search(r"(\S+)\s+$", text[max(0, m.start() - 20):m.start()])
        if prev and re.fullmatch(r"(?=.*[A-Z])[A-Z0-9-]{2,}", prev.group(1)) and not m.group("mod"):
            return False   # a model number: "GTX 1660", "Boeing 747-400" style codes
        if not m.group("mod") and _word_before(text, m.start()) in _QUANT_BEFORE and _word_before(text, m.start()) not in ("the", "of", "to", "and"):
            return False
        return True
    if name == "slash":
        a, b = int(m.group("a")), int(m.group("b"))
        return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
    if name == "relday":
        return not (m.group("w").lower() == "today" and _word_before(text, m.start()) == "usa")
    if name == "quarter":
        unit2 = (m.group("unit2") or "").lower()
        adj = _norm(m.group("adj"))
        if unit2 == "quarter":
            return bool(m.group("det") or adj)
        if unit2 in ("half", "period"):
            return bool(adj) and any(w in adj for w in ("latest", "year-ago", "year-earlier", "comparable", "just"))
        return True
    if name == "spelled_year":
        after = _word_after(text, m.end())
        if not m.group(0).lower().startswith("the year") and (
                after in load_lexicon().get("count_noun") or (m.group("c") is None and after.endswith("s"))):
            return False
        return True
    if name == "spelled_decade":
        # "in his forties" is an age; "the nineties" with the article is a decade
        return m.group(0).lower().startswith("the") and _word_before(text, m.start()) not in ("his", "her", "their")
    if name == "duration":
        return not (_norm(m.group("n")) in ("a", "an") and m.group("u").lower().startswith("quarter"))
    return True


def resolve(name: str, m: re.Match, ctx) -> D.TimeMention | None:
    """Run the resolver for pattern ``name``; None drops the match."""
    if not _RESOLVERS:
        _RESOLVERS.update(_resolvers())
    fn = _RESOLVERS.get(name)
    return fn(m, ctx) if fn else None


# ---------------------------------------------------------------- helpers


def _month_no(word: str) -> int:
    return build_patterns().month_index[word.rstrip(".").lower()]


def _month_year(month: int, anchor: date, rel: str | None, tense: str | None, strict: bool = False) -> int:
    """Year of a bare month name seen from the anchor."""
    am, y = anchor.month, anchor.year
    if rel in ("last", "past"):
        return y if month < am else y - 1
    if rel == "next":
        return y if month > am else y + 1
    if rel == "this":
        return y
    return D._choose_year(month, 15 if month != am else anchor.day, anchor, tense, strict)


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- resolvers


def _r_mdy(m: re.Match, ctx):
    month = _month_no(m.group("mon"))
    d1 = int(re.match(r"\d+", m.group("d")).group(0))
    d2 = int(re.match(r"\d+", m.group("d2")).group(0)) if m.group("d2") else None
    if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
        if d2 is None or not 1 <= d1 <= 31:
            return None
        d2 = None
    y = int(m.group("y")) if m.group("y") else None
    if y is None and ctx.anchor is not None:
        wd = m.group("wd")
        if wd:   # "Friday, Oct. 23": the year in which that day is a Friday, nearest first
            wdn = build_patterns().weekday_index[wd.lower()]
            for cand in sorted((ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1),
                               key=lambda c: abs(c - ctx.anchor.year)):
                dd = _safe_date(cand, month, d1)
                if dd and dd.isoweekday() == wdn and abs((dd - ctx.anchor).days) < 200:
                    y = cand
                    break
        if y is None:
            y = D._choose_year(month, d1, ctx.anchor, _tense(m, ctx), ctx.strict)
    if y is None:
        value = f"XXXX-{month:02d}-{d1:02d}"
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(value, ""))
    start = _safe_date(y, month, d1)
    if start is None:
        return None
    end = _safe_date(y, month, d2) if d2 else None
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(start, "", end))


def _r_my(m: re.Match, ctx):
    return _mention(ctx, m.start(), m.end(), "DATE", D._month_when(int(m.group("y")), _month_no(m.group("mon")), ""))


def _r_month(m: re.Match, ctx):
    month = _month_no(m.group("mon"))
    rel = _norm(m.group("rel")) or None
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(f"XXXX-{month:02d}", ""))
    tense = None if rel else _tense(m, ctx)
    y = _month_year(month, ctx.anchor, rel, tense, ctx.strict)
    return _mention(ctx, m.start(), m.end(), "DATE", D._month_when(y, month, ""))


def _r_iso(m: re.Match, ctx):
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(d, "")) if d else None


def _r_slash(m: re.Match, ctx):
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    # day first when the first number cannot be a month; otherwise month first (US usage)
    day, month = (a, b) if a > 12 else (b, a)
    d = _safe_date(y, month, day)
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(d, "")) if d else None


def _r_year(m: re.Match, ctx):
    y = int(m.group("y"))
    season = _norm(m.group("season"))
    if season:
        code = load_lexicon().get("season")[season]
        built = D._span_when(f"{y}-{code}", season_span(y, code), "month", "")
        return _mention(ctx, m.start(), m.end(), "DATE", built)
    return _mention(ctx, m.start(), m.end(), "DATE", D._year_when(y, ""))


def _clock_value(clock: str) -> str | None:
    """'10 p.m.' -> '22:00', 'noon' -> '12:00'; parts of the day -> 'AF', 'MO'."""
    c = clock.lower().replace(" ", "")
    named = {"noon": "12:00", "midnight": "24:00", "midday": "12:00", "mid-day": "12:00"}
    if c in named:
        return named[c]
    if "afternoon" in c:
        return "AF"
    if "morning" in c:
        return "MO"
    m = re.match(r"(\d{1,2})(?::(\d\d))?([ap])", c)
    if not m:
        return None
    h = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    return f"{h:02d}:{m.group(2) or '00'}"


def _r_clock(m: re.Match, ctx):
    """A clock time with its day: kind TIME, and the day's When (the day is what events need)."""
    day_text = m.group("day") or m.group("day2")
    clock = _clock_value(m.group("clock") or m.group("clock2"))
    tense = ctx.tense or D.tense_at(ctx.text, m.start())
    inner = [x for x in ctx.find(day_text, ctx.anchor, tense, ctx.strict) if x.kind == "DATE"]
    if not inner or clock is None:
        return None
    when = inner[0].when
    if when is None or when.date is None:
        return _mention(ctx, m.start(), m.end(), "TIME", D._open_when(None, ""))
    value = f"{when.date}T{clock}"
    when.value = value
    return _mention(ctx, m.start(), m.end(), "TIME", (value, when))


def _r_relday(m: re.Match, ctx):
    word = m.group("w").lower()
    part = _norm(m.group("p"))
    kind = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), kind, D._open_when(None, ""))
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    d = ctx.anchor + timedelta(days=shift)
    value, when = D._day_when(d, "")
    if part:
        value = f"{value}T{_PART[part]}"
        when.value = value
    return _mention(ctx, m.start(), m.end(), kind, (value, when))


def _r_dayafter(m: re.Match, ctx):
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(None, ""))
    shift = -2 if m.group("ba").lower().startswith("before") else 2
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(ctx.anchor + timedelta(days=shift), ""))


def _r_partday(m: re.Match, ctx):
    part = _norm(m.group("p"))
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "TIME", D._open_when(None, ""))
    d = ctx.anchor - timedelta(days=1 if _norm(m.group("rel")) == "last" else 0)
    value, when = D._day_when(d, "")
    value = f"{value}T{_PART[part]}"
    when.value = value
    return _mention(ctx, m.start(), m.end(), "TIME", (value, when))


def _r_weekday(m: re.Match, ctx):
    wd = build_patterns().weekday_index[m.group("wd").lower()]
    rel = _norm(m.group("rel")) or None
    if ctx.anchor is None:
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(f"XXXX-WXX-{wd}", ""))
    tense = None if rel else _tense(m, ctx)
    if not rel and not ctx.strict and re.match(r"'s\s+[a-z]", ctx.text[m.end():m.end() + 5]):
        tense = "past"   # "Thursday's closing price", "Wednesday's ruling": something that exists
    d = D._weekday_date(ctx.anchor, wd, rel, tense or "past")
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(d, ""))


def _r_ref(m: re.Match, ctx):
    phrase = _norm(m.group(0))
    value = load_lexicon().get("reference").get(phrase)
    if value is None:
        value = "FUTURE_REF" if phrase.startswith("future") else "PAST_REF"
    return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(value, ""))


def _holiday_date(code: str, y: int) -> date:
    month, rest = code.split("-")
    if rest[0].isdigit():
        return date(y, int(month), int(rest))
    wd = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}[rest[:2]]
    return nth_weekday(y, int(month), wd, -1 if rest[2] == "L" else int(rest[2]))


def _r_holiday(m: re.Match, ctx):
    name = _norm(m.group(0).split(",")[0])
    name = re.sub(r"\s+\d{4}$", "", name)
    code = load_lexicon().get("holiday").get(name)
    if code is None:
        return None
    if m.group("y"):
        y = int(m.group("y"))
    elif ctx.anchor is None:
        value = f"XXXX-{code}" if code[3].isdigit() else None
        return _mention(ctx, m.start(), m.end(), "DATE", D._open_when(value, ""))
    else:
        a = ctx.anchor
        tense = _tense(m, ctx)
        cands = [_holiday_date(code, y) for y in (a.year - 1, a.year, a.year + 1)]
        if tense == "future":
            y = min(c for c in cands if c >= a).year
        elif tense == "past":
            y = max(c for c in cands if c <= a).year
        else:
            y = min(cands, key=lambda c: abs((c - a).days)).year
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(_holiday_date(code, y), ""))


_DURATION_UNITS = {"S": "TS", "MIN": "TM", "H": "TH", "D": "D", "W": "W", "2W": "W", "M": "M",
                   "Q": "Q", "Y": "Y", "10Y": "Y", "100Y": "Y"}


def _r_duration(m: re.Match, ctx):
    raw = _norm(m.group("n"))
    unit = D._unit(m.group("u"))
    if not unit:
        return None
    try:
        n = float(raw) if re.fullmatch(r"\d+(?:\.\d+)?", raw) else D._number(raw)
    except ValueError:
        n = None
    code = _DURATION_UNITS[unit]
    scale = {"2W": 2, "10Y": 10, "100Y": 100}.get(unit, 1)
    if n is None:
        amount = "X"
    else:
        n = n * scale
        amount = str(int(n)) if float(n).is_integer() else str(n)
    value = f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"
    return D.TimeMention(m.start(), m.end(), ctx.text[m.start():m.end()], "DURATION", value, None)


def _r_set(m: re.Match, ctx):
    phrase = _norm(m.group(0))
    value = load_lexicon().get("set").get(phrase)
    if value is None:
        last = phrase.split()[-1]
        unit = D._unit(last)
        value = f"P1{_DURATION_UNITS.get(unit, 'D')}" if unit else "P1W" if last in build_patterns().weekday_index else "P1D"
    return D.TimeMention(m.start(), m.end(), ctx.text[m.start():m.end()], "SET", value, None)


_RESOLVERS: dict = {}


def _resolvers() -> dict:
    """Pattern name -> resolver; built on first use."""
    return {
        "mdy": _r_mdy, "dmy": _r_mdy, "my": _r_my, "month": _r_month, "iso": _r_iso, "slash": _r_slash,
        "year": _r_year, "decade": P._r_decade, "century": P._r_century, "clock": _r_clock,
        "spelled_year": P._r_spelled_year, "spelled_decade": P._r_spelled_decade,
        "quarter": P._r_quarter, "qcode": P._r_qcode,
        "relday": _r_relday, "dayafter": _r_dayafter, "partday": _r_partday, "weekday": _r_weekday,
        "relunit": P._r_relunit, "relseason": P._r_relseason, "inthe": P._r_inthe, "endof": P._r_inthe,
        "weekend": P._r_weekend, "ago": P._r_ago, "yearago": P._r_yearago, "ref": _r_ref,
        "holiday": _r_holiday, "duration": _r_duration, "set": _r_set,
    }
