"""Word lists and compiled patterns for the date resolver (data in codebooks/data/time_words.tsv)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "codebooks" / "data" / "time_words.tsv"


@dataclass(frozen=True)
class Lexicon:
    """The time words by category: {category: {word: value}}."""

    words: dict[str, dict[str, str]]

    def get(self, category: str) -> dict[str, str]:
        return self.words.get(category, {})


@lru_cache(maxsize=1)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read time_words.tsv (category, word, value; '#' lines are comments)."""
    words: dict[str, dict[str, str]] = {}
    for line in Path(path or _DATA).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, word, value = line.split("\t")[:3]
        words.setdefault(category, {})[word] = value
    return Lexicon(words)


def _alt(words, suffix: str = r"\b") -> str:
    """A regex alternation, longest first so that 'sept' wins over 'sep'."""
    items = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") + suffix for w in items) + ")"


def _cased(words) -> list[str]:
    """Title case and upper case forms: month and weekday names are proper nouns."""
    out = []
    for w in words:
        out.append(" ".join(p[:1].upper() + p[1:] for p in w.split(" ")))
        out.append(w.upper())
    return out


@dataclass(frozen=True)
class Patterns:
    """Compiled patterns, one per kind of expression, in the order they are tried."""

    items: tuple[tuple[str, re.Pattern], ...]
    tense_cue: re.Pattern
    month_index: dict[str, int]
    weekday_index: dict[str, int]
    cue_tense: dict[str, str]      # tense cue word -> past | present | future
    not_past_ed: frozenset[str]    # words in -ed that are no past-tense verb


@lru_cache(maxsize=1)
def build_patterns() -> Patterns:
    lex = load_lexicon()
    months = lex.get("month")
    full_months = [m for m in months if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in months if m not in full_months]
    mon = "(?-i:" + "|".join([_alt(_cased(full_months)), _alt(_cased(abbr), r"(?:\.|\b)")]) + ")"
    wd = "(?-i:" + _alt(_cased(lex.get("weekday")), r"(?!s\b)\b") + ")"
    num = _alt([w for w in lex.get("number")]) 
    unit = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
    season = _alt(lex.get("season"))
    year = r"(?:1[0-9]|20)\d\d"
    day = r"[0-3]?\d(?:st|nd|rd|th)?"
    part = _alt(lex.get("part_of_day"))
    mod = r"(?:early|late|mid|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)"
    clock = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)|noon|midnight|mid-?day|mid-?afternoon|mid-?morning)"
    holidays = "(?-i:" + _alt(_cased(lex.get("holiday"))) + ")"
    refs = _alt(lex.get("reference"))
    sets = _alt(lex.get("set"))
    p = {
        # Monday, Jan. 5, 2022 / January 5-6 / Jan 5 to 6
        "mdy": rf"(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s+(?P<d>{day})(?:\s*(?:-|–|to|through|until)\s*(?P<d2>{day}))?(?![\d:%.,]\d)\b(?:,?\s+(?P<y>{year})(?!\d))?",
        # 5 January 2022 / 5-6 January / the 5th of January
        "dmy": rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?\b(?P<d>{day})(?:\s*(?:-|–|to)\s*(?P<d2>{day}))?\s+(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<y>{year})(?!\d))?",
        "my": rf"(?:(?P<mod>{mod})[-\s]+)?(?P<mon>{mon}),?\s+(?:of\s+)?(?P<y>{year})\b",
        "month": rf"(?:(?P<mod>{mod})[-\s]+)?(?:(?P<rel>last|this|next|past)\s+)?(?P<mon>{mon})(?!\s*[0-3]?\d(?:st|nd|rd|th)?\b)",
        "iso": rf"(?<![\d/.-])(?P<y>{year})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)",
        "slash": r"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])",
        "year": rf"(?:(?P<mod>{mod}|fiscal(?:\s+year)?|(?:the\s+)?(?P<season>{season})\s+of)[-\s]+)?(?P<y>{year})\b(?![%]|[.,]\d|'?s\b)",
        "decade": r"(?:(?:the\s+)?(?:early|late|mid)[-\s]+)?(?:(?P<y>(?:1[0-9]|20)\d)0|'(?P<yy>\d)0)'?s\b",
        # 10 p.m. Wednesday / noon Thursday / 5 p.m. EST Nov. 9 / Friday at 10:35 a.m.
        "clock": rf"(?:(?P<clock>{clock})(?:\s+(?-i:[A-Z]{{3}}))?,?\s+(?:on\s+)?(?P<day>{wd}|today|yesterday|tomorrow|{mon}\s+{day}\b(?:,?\s+{year}\b)?)"
                 rf"|(?P<day2>{wd}|today|yesterday|tomorrow|{mon}\s+{day}\b)(?:,?\s+at)?\s+(?P<clock2>{clock})(?:\s+(?-i:[A-Z]{{3}})\b)?)",
        "spelled_year": r"(?:the\s+year\s+)?(?:(?P<c>eighteen|nineteen|twenty)[-\s]+(?P<rest>oh[-\s]+(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?)|two\s+thousand(?:\s+and)?(?:\s+(?P<small>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)\b",
        "spelled_decade": r"(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
        "century": r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b",
        "quarter": rf"(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|this|last|next|that)\s+)?"
                   r"(?P<adj>(?:(?:fiscal|comparable|latest|current|recent|most\s+recent|past|previous|prior|"
                   r"preceding|year-ago|year-earlier|same|just-ended|just\s+ended|coming|final)\s+)*)"
                   rf"(?:(?P<y3>{year})\s+)?"
                   r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?P<unit>quarter|half)|(?P<unit2>quarter|half|period))"
                   rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y>{year})|,?\s+(?P<y2>{year}))?\b(?!s\b|-)",
        "qcode": rf"(?-i:Q(?P<q>[1-4]))\b(?:\s+(?P<y>{year}))?|(?P<y2>{year})\s*(?-i:Q(?P<q2>[1-4]))\b",
        "relday": rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight)\b(?:\s+(?P<p>{part}))?",
        "dayafter": r"the\s+day\s+(?P<ba>before\s+yesterday|after\s+tomorrow)\b",
        "partday": rf"(?P<rel>this|last)\s+(?P<p>{part})",
        "weekday": rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>last|this|next|coming)\s+)?(?P<wd>{wd})(?:\s+(?P<p>{part}))?",
        "relunit": rf"(?:(?P<mod>early|late|earlier|later|{mod}|the\s+rest\s+of)[-\s]+(?:in\s+)?)?"
                   r"(?P<rel>last|this|next|past|previous|coming|current|the\s+past|the\s+previous|the\s+coming|"
                   r"the\s+current|the\s+next|the\s+last)\s+(?P<u>week|weekend|month|year|decade)\b(?!s\b|-)",
        "relseason": rf"(?:(?P<mod>early|late|mid)[-\s]+)?(?P<rel>last|this|next|past|the|the\s+past|the\s+coming)\s+(?P<s>{season})(?!s\b)",
        "inthe": r"(?P<mod>earlier|later)\s+in\s+the\s+(?P<u>week|month|year)\b",
        "endof": r"(?P<mod>the\s+end|the\s+beginning|the\s+start|the\s+middle|the\s+rest)\s+of\s+the\s+(?P<u>week|month|year)\b",
        "weekend": r"the\s+weekend\b",
        "ago": rf"(?:(?:about|nearly|almost|more\s+than|less\s+than|some|over|roughly|around|just|only|exactly)\s+)?"
               rf"\b(?P<n>{num}|\d+)[-\s]+(?P<u>{unit})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|hence|from\s+now|back)\b",
        "yearago": r"\byear-(?:earlier|ago)\b",
        "ref": rf"(?:{refs}|recent\s+(?:days|weeks|months|years|decades)(?:\s+and\s+(?:days|weeks|months|years))?|future\s+(?:quarters|years|months))",
        "holiday": rf"{holidays}(?:,?\s+(?P<y>{year})\b)?",
        "duration": rf"(?:(?:the\s+)?(?:past|last|next|first|previous|coming|following)\s+)?"
                    r"(?:(?:more\s+than|less\s+than|at\s+least|up\s+to|about|nearly|almost|some|over|roughly|around|another|just|only)\s+)?"
                    rf"\b(?P<n>{num}|\d+(?:\.\d+)?)(?:\s+1/2)?[-\s]+(?:and\s+a\s+half\s+)?(?:more\s+)?(?P<u>{unit})(?:-long|-old)?\b",
        "set": rf"{sets}|(?:every|each)\s+(?:other\s+)?(?:{unit}|{wd}|morning|night|{mon})",
    }
    items = tuple((name, re.compile(r"(?<![\w'-])" + rx if not rx.startswith("(?<!") else rx, re.I))
                  for name, rx in p.items())
    cue_tense: dict[str, str] = {}
    for cat in ("past_cue", "present_cue", "future_cue"):
        cue_tense.update({w: v for w, v in lex.get(cat).items()})
    cues = list(cue_tense)
    def alt(words):
        return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(words, key=len, reverse=True))

    clitics = [c for c in cues if c.startswith("'")]          # 'll attaches to the word before it
    words = [c for c in cues if not c.startswith("'")]
    tense_cue = re.compile(r"(?:(?<![\w'])(?:" + alt(words) + r")" + (r"|" + alt(clitics) if clitics else "")
                           + r")(?![\w'])|\b[a-z]{3,}ed\b", re.I)
    month_index = dict(months.items())
    return Patterns(items, tense_cue, {k: int(v) for k, v in month_index.items()},
                    {k: int(v) for k, v in lex.get("weekday").items()},
                    cue_tense, frozenset(lex.get("not_past_ed")))
