"""One resolver per pattern of dates_lexicon: a regex match -> TimeMention (or None to drop it)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.resolve import dates as D
from newsevents.resolve.dates_calendar import (
    add_months, add_years, half_span, month_span, nth_weekday, quarter_of, quarter_span,
    season_of, season_span, week_span, week_value, weekend_span,
)
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
_QUARTER_GAP = 400   # characters: a "year ago" this close after a quarter refers to that quarter


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w.'-]+)\W*$", text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"\W{0,2}([\w'-]+)", text[pos:pos + 30])
    return m.group(1).lower() if m else ""


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def accept(name: str, m: re.Match, text: str) -> bool:
    """Cheap checks that keep a candidate match before the longest ones are chosen."""
    if name == "month":
        word = m.group("mon")
        bare_abbr = len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july")
        if not m.group("mod") and not m.group("rel") and (word.rstrip(".").lower() in _AMBIGUOUS_MONTHS or bare_abbr):
            return _word_before(text, m.start()) in _MONTH_PREP
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
    fn = _RESOLVERS.get(name)
    return fn(m, ctx) if fn else None


# ---------------------------------------------------------------- helpers


def _tense(m: re.Match, ctx) -> str | None:
    return ctx.tense or D.tense_at(ctx.text, m.start())


def _mention(ctx, start: int, end: int, kind: str, built) -> D.TimeMention:
    value, when = built if built is not None else (None, None)
    text = ctx.text[start:end]
    if when is not None:
        when.text = text
    return D.TimeMention(start=start, end=end, text=text, kind=kind, value=value, when=when)


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
            y = D._choose_year(month, d1, ctx.anchor, _tense(m, ctx), ctx.tense is not None)
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
    y = _month_year(month, ctx.anchor, rel, tense, ctx.tense is not None)
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


def _r_decade(m: re.Match, ctx):
    if m.group("y"):
        stem = int(m.group("y"))
    else:
        century = (ctx.anchor.year // 100) if ctx.anchor else 19
        stem = century * 10 + int(m.group("yy"))
        if ctx.anchor and stem * 10 > ctx.anchor.year:
            stem -= 100
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
    if not rel and ctx.tense is None and re.match(r"'s\s+[a-z]", ctx.text[m.end():m.end() + 5]):
        tense = "past"   # "Thursday's closing price", "Wednesday's ruling": something that exists
    d = D._weekday_date(ctx.anchor, wd, rel, tense or "past")
    return _mention(ctx, m.start(), m.end(), "DATE", D._day_when(d, ""))


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


_RESOLVERS = {
    "mdy": _r_mdy, "dmy": _r_mdy, "my": _r_my, "month": _r_month, "iso": _r_iso, "slash": _r_slash,
    "year": _r_year, "decade": _r_decade, "century": _r_century,
    "spelled_year": _r_spelled_year, "spelled_decade": _r_spelled_decade, "quarter": _r_quarter, "qcode": _r_qcode,
    "relday": _r_relday, "dayafter": _r_dayafter, "partday": _r_partday, "weekday": _r_weekday,
    "relunit": _r_relunit, "relseason": _r_relseason, "inthe": _r_inthe, "endof": _r_inthe,
    "weekend": _r_weekend, "ago": _r_ago, "yearago": _r_yearago, "ref": _r_ref,
    "holiday": _r_holiday, "duration": _r_duration, "set": _r_set,
}
