"""A small, fast language check: is this text English, and if not, what does it look like?

Two signals, no model: the writing system of the letters (Cyrillic, Arabic, CJK, ...), and for
Latin script the share of words that are frequent function words of each language
(``codebooks/data/language_stopwords.tsv``). Good enough to keep non-English pages out of an
English pipeline; not a general language identifier.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Unicode blocks of non-Latin scripts -> the language most news in that script is written in.
# (Unicode block boundaries are facts of the standard, not a lexicon.)
SCRIPTS = (
    (0x0370, 0x03FF, "el"), (0x0400, 0x052F, "ru"), (0x0530, 0x058F, "hy"), (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0x0900, 0x097F, "hi"), (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"), (0x0B80, 0x0BFF, "ta"), (0x0C00, 0x0C7F, "te"), (0x0D00, 0x0D7F, "ml"),
    (0x0E00, 0x0E7F, "th"), (0x10A0, 0x10FF, "ka"), (0x1100, 0x11FF, "ko"), (0x1200, 0x137F, "am"),
    (0x3040, 0x30FF, "ja"), (0x3400, 0x4DBF, "zh"), (0x4E00, 0x9FFF, "zh"), (0xAC00, 0xD7AF, "ko"),
    (0xFB50, 0xFDFF, "ar"), (0xFE70, 0xFEFF, "ar"),
)
UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")
SAMPLE_CHARS = 6000          # enough text to decide; keeps the check O(1) per document
MIN_WORDS = 12               # below this we do not judge (returns None)
NON_LATIN_SHARE = 0.30       # more than this share of letters in one other script: not English
ENGLISH_MIN_RATIO = 0.18     # English news runs at 0.35-0.50 of tokens in the stopword list
OTHER_MIN_RATIO = 0.15       # another language's list must cover this much to call the text that language
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1)
def load_stopwords() -> dict[str, frozenset[str]]:
    """Read language_stopwords.tsv: code -> set of words."""
    raw = resources.files("newsevents.codebooks").joinpath("data/language_stopwords.tsv").read_text("utf-8")
    table = {}
    for row in raw.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        code, _, words = row.partition("\t")
        table[code] = frozenset(words.split())
    return table


def _script(ch: str) -> str | None:
    cp = ord(ch)
    if cp < 0x0370:
        return None
    for lo, hi, code in SCRIPTS:
        if lo <= cp <= hi:
            return code
    return None


def detect_language(text: str) -> str | None:
    """Guess an ISO 639-1 code for ``text`` ("en", "ru", "de", ...), or None if too little to tell.

    Latin-script text that matches no stopword list well (score tables, name lists) gives None.
    """
    sample = text[:SAMPLE_CHARS]
    letters = 0
    scripts: dict[str, int] = {}
    for ch in sample:
        if ch.isalpha():
            letters += 1
            code = _script(ch)
            if code:
                scripts[code] = scripts.get(code, 0) + 1
    if letters == 0:
        return None
    if scripts:
        code, n = max(scripts.items(), key=lambda kv: kv[1])
        if n / letters > NON_LATIN_SHARE:
            if code == "ru" and any(ch in UKRAINIAN_LETTERS for ch in sample):
                return "uk"
            if code == "zh" and scripts.get("ja", 0) > 0.05 * n:
                return "ja"  # Japanese mixes kana into kanji; Chinese has none
            return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    ratios = {code: sum(w in stop for w in words) / len(words) for code, stop in load_stopwords().items()}
    english = ratios.get("en", 0.0)
    best, best_ratio = max(ratios.items(), key=lambda kv: kv[1])
    # English wins ties: many short words ("a", "in", "on") are shared across languages
    if english >= ENGLISH_MIN_RATIO and english >= best_ratio * 0.9:
        return "en"
    if best != "en" and best_ratio >= OTHER_MIN_RATIO:
        return best
    # few function words of any language (score tables, lists of names): cannot tell
    return None


def is_english(text: str) -> bool:
    """True unless the text clearly looks like another language (short texts pass)."""
    return detect_language(text) in ("en", None)
