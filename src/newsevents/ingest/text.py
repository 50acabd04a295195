"""Scraped plain text: boilerplate removal, headline, byline, and dates from datelines or URLs.

The line patterns live in ``codebooks/data/boilerplate.tsv``; this module only applies them.
Every removed line is returned in ``Cleaned.dropped`` so a reader can audit what went.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

KINDS = ("line", "credit", "byline", "dateline", "tail", "block", "header")

# A body paragraph is a line this long; before the first one we are in the page header
# (navigation, headline, caption, byline), where header-only patterns apply.
BODY_WORDS = 15
# The trailing related-links block only counts once this much body text has been kept,
# so a "Related" menu at the top of a page cannot swallow the whole article.
TAIL_MIN_BODY_CHARS = 200
# A caption directly above a credit line is dropped only when it is this short.
CAPTION_MAX_WORDS = 40
# Repeated lines are dropped from this length on; shorter ones are structure (list labels,
# separators like "___") that pages repeat on purpose.
DEDUPE_MIN_WORDS = 6
TITLE_MAX_WORDS = 20
# An unpunctuated line this long directly followed by another is taken as hard-wrapped text.
WRAP_MIN_CHARS = 60
TITLE_MAX_CHARS = 160

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = (
    # 2022-01-13
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    # 13/01/2022, 13.01.2022, 1/13/2022
    ("dmy_num", re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")),
    # January 13, 2022 / Jan. 13 2022
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)),
    # 13 January 2022
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b", re.I)),
)
_URL_DATE = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[-_])"),
    re.compile(r"[/_-]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|[-_])"),
)
# How many leading lines may hold a dateline ("Published on 13/01/2022") when no pattern flagged one.
DATELINE_SEARCH_LINES = 12
# A wire-style dateline opening the first paragraph: "ALMATY, Jan 13, 2022 (Reuters) - Police ...".
# It says where and when the story was filed, not what happened: the event coder must not read it
# as the subject of the first sentence. An upper-case place or an agency in brackets is required,
# so that an ordinary sentence with a dash is never cut.
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,[^()\n–—]{1,40}?)?\s*(?P<agency>\([A-Za-z][\w .&/-]{0,25}\))?"
    r"\s*(?:[-–—]{1,2}|:)\s+(?=[A-Z0-9\"“‘'])")
WIRE_DATELINE_LINES = 3
_FINAL_PUNCT = tuple('.!?:;,"”’)…')
_SENTENCE_END = tuple('.!?:;"”’)…')


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern
    note: str


@dataclass
class Cleaned:
    """Result of :func:`clean_text`: the body plus what was learnt on the way."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO date from a dateline, or None
    dropped: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def load_patterns() -> tuple[Pattern, ...]:
    """Read boilerplate.tsv (kind, regex, note) once."""
    raw = resources.files("newsevents.codebooks").joinpath("data/boilerplate.tsv").read_text("utf-8")
    out = []
    for number, row in enumerate(raw.splitlines(), start=1):
        if not row.strip() or row.startswith("#") or row.startswith("kind\t"):
            continue
        parts = row.split("\t")
        if len(parts) < 2 or parts[0] not in KINDS:
            raise ValueError(f"boilerplate.tsv line {number}: expected 'kind<TAB>regex<TAB>note', got {row!r}")
        out.append(Pattern(parts[0], re.compile(parts[1], re.I), parts[2] if len(parts) > 2 else ""))
    return tuple(out)


def _match(line: str, patterns: tuple[Pattern, ...], header: bool) -> tuple[Pattern, re.Match] | None:
    for pat in patterns:
        if pat.kind == "header" and not header:
            continue
        m = pat.regex.search(line)
        if m:
            return pat, m
    return None


def _norm(line: str) -> str:
    return " ".join(line.lower().split())


def clean_text(text: str, find_title: bool = True, captions: bool = True, rewrap: bool = True,
               patterns: tuple[Pattern, ...] | None = None) -> Cleaned:
    """Remove boilerplate lines from scraped text.

    Args:
        text: the raw text, one paragraph or widget per line.
        find_title: take the first short unpunctuated line before the body as the headline.
        captions: drop the line directly above a photo credit as its caption (needs blank
            lines between paragraphs; extractor output without them should pass False).
        rewrap: join hard-wrapped lines of one paragraph back into one line, so that a
            sentence is never cut by a paragraph break.
        patterns: boilerplate patterns (default: the data file).
    Returns:
        Cleaned with the body (paragraphs joined by blank lines), title, author, dateline date
        and the dropped lines in order.
    """
    patterns = load_patterns() if patterns is None else patterns
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str | None] = []       # None marks a line dropped after the fact (a caption)
    dropped: list[str] = []
    seen: set[str] = set()
    author = date_found = None
    body_chars = 0
    header = True
    prev_kept_index: int | None = None  # index in kept of the raw line just before, if kept
    in_block = False  # inside a mid-article link list ("Don't miss" + headlines)
    for number, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            prev_kept_index = None
            continue
        if in_block and _headline_like(line):
            dropped.append(line)
            prev_kept_index = None
            continue
        in_block = False
        hit = _match(line, patterns, header)
        if hit:
            pat, m = hit
            if pat.kind == "tail" and body_chars >= TAIL_MIN_BODY_CHARS:
                dropped.extend(" ".join(x.split()) for x in lines[number:] if x.strip())
                break
            dropped.append(line)
            in_block = pat.kind == "block"
            if pat.kind == "byline" and author is None and "author" in m.groupdict() and m.group("author"):
                author = m.group("author").strip(" ,")
            elif pat.kind == "dateline" and date_found is None:
                date_found = find_date(line)
            elif pat.kind == "credit" and captions and prev_kept_index is not None:
                caption = kept[prev_kept_index]
                if caption is not None and len(caption.split()) <= CAPTION_MAX_WORDS:
                    dropped.append(caption)
                    kept[prev_kept_index] = None
                    body_chars -= len(caption)
            prev_kept_index = None
            continue
        key = _norm(line)
        if key in seen and len(line.split()) >= DEDUPE_MIN_WORDS:
            # the same paragraph twice (a caption repeated, a lede echoed): keep the first only
            dropped.append(line)
            prev_kept_index = None
            continue
        seen.add(key)
        if rewrap and prev_kept_index is not None and prev_kept_index == len(kept) - 1 \
                and _continues(kept[-1], line, header):
            kept[-1] = kept[-1] + " " + line
            body_chars += len(line) + 1
            continue
        kept.append(line)
        prev_kept_index = len(kept) - 1
        body_chars += len(line)
        if len(line.split()) >= BODY_WORDS:
            header = False
    body = [x for x in kept if x is not None]
    title = None
    if find_title and body:
        title = _headline(body)
        if title is not None:
            body.remove(title)
    if date_found is None:
        date_found = _leading_dateline(body[:DATELINE_SEARCH_LINES])
    body = _strip_wire_dateline(body, dropped)
    return Cleaned("\n\n".join(body), title, author, date_found, dropped)


def _strip_wire_dateline(body: list[str], dropped: list[str]) -> list[str]:
    """The body without a wire dateline at the head of its first paragraphs (kept in ``dropped``)."""
    for i, line in enumerate(body[:WIRE_DATELINE_LINES]):
        m = _WIRE_DATELINE.match(line)
        if m and (m.group("agency") or m.group("place").replace(" ", "").isupper()) \
                and len(m.group("place").replace(" ", "")) >= 3:
            dropped.append(line[:m.end()].strip())
            return body[:i] + [line[m.end():]] + body[i + 1:]
    return body


def _continues(prev: str, line: str, header: bool) -> bool:
    """Is ``line`` the wrapped rest of the paragraph ``prev`` (no blank line between them)?"""
    if prev.endswith(_SENTENCE_END):
        return False
    if line[0].islower() or prev.endswith((",", "-")):
        return True
    # in the header a long unpunctuated line is more likely a headline than a wrapped sentence
    return not header and len(prev) >= WRAP_MIN_CHARS


def _headline_like(line: str) -> bool:
    """A link or headline: short and without sentence-final punctuation."""
    return len(line.split()) <= TITLE_MAX_WORDS + 5 and not line.rstrip("|").rstrip().endswith((".", "!", "?", '."', '.”'))


def _headline(body: list[str]) -> str | None:
    """The first line, if it looks like a headline: short, several words, no final punctuation."""
    first = body[0]
    words = first.split()
    if len(body) < 2 or not 2 <= len(words) <= TITLE_MAX_WORDS or len(first) > TITLE_MAX_CHARS:
        return None
    if first.endswith(_FINAL_PUNCT) or not first[0].isupper():
        return None
    return first


def _leading_dateline(lines: list[str]) -> str | None:
    """A date written at the head of the story ("WASHINGTON, Jan. 13, 2022 (Reuters) -")."""
    for line in lines:
        head = line[:80]
        if re.search(r"\(\w[\w ]{1,20}\)\s*[-–—]|\s[-–—]\s", head):
            found = find_date(head)
            if found:
                return found
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str, day_first: bool = True) -> str | None:
    """The first calendar date written in ``text`` as ISO YYYY-MM-DD, or None.

    Numeric dates like 01/02/2022 are read day first unless ``day_first`` is False; a part
    above 12 settles the order either way.
    """
    best: tuple[int, str] | None = None
    for kind, rx in _DATE_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        if kind == "ymd":
            iso = _iso(int(m[1]), int(m[2]), int(m[3]))
        elif kind == "dmy_num":
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            if a > 12 or (day_first and b <= 12):
                iso = _iso(y, b, a)
            else:
                iso = _iso(y, a, b)
        elif kind == "mdy":
            iso = _iso(int(m[3]), MONTHS[m[1][:3].lower()], int(m[2]))
        else:
            iso = _iso(int(m[3]), MONTHS[m[2][:3].lower()], int(m[1]))
        if iso and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
    return best[1] if best else None


def date_from_url(url: str | None) -> str | None:
    """A full date in a URL path (/2022/01/13/, -2022-01-13-, /20220113/), or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    for rx in _URL_DATE:
        m = rx.search(path)
        if m:
            iso = _iso(int(m[1]), int(m[2]), int(m[3]))
            if iso:
                return iso
    return None
