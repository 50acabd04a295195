"""Cheap sentence splitting with character offsets, and the trigger prefilter.

Parsing is the cost of the pipeline (spaCy's small model parses about 3,000
tokens/s per core), so sentences are found with a regex first and only those
holding a possible event trigger are handed to spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from ..codebooks import load_lines

# A sentence ends at . ! or ? (optionally followed by closing quotes/brackets) before
# whitespace and a capital, digit or quote; a blank line always ends one.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["“‘'(\[]?[A-Z0-9])|\n\s*\n""")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
_LAST_WORD = re.compile(r"(\S+)\.[\"'”’)\]]*$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lines("abbreviations.txt"))


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets into ``text``; whitespace is trimmed."""
    abbreviations = _abbreviations()
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        piece = text[start:match.start()]
        last = _LAST_WORD.search(piece)
        if last and "\n" not in match.group() and (
            last.group(1).lower().lstrip("(\"'") in abbreviations or len(last.group(1)) == 1
        ):
            continue  # "Gen. Serdyukov", "U.S. troops", "J. Smith": not a boundary
        _append(sentences, text, start, match.start())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(s, s + len(stripped), stripped))


def words(text: str) -> set[str]:
    """Lowercase word forms of ``text``, as the prefilter compares them."""
    return set(_WORD.findall(text.lower()))


def candidate_sentences(sentences: Iterable[Sentence],
                        triggers: Mapping[str, frozenset[str] | None]) -> list[Sentence]:
    """The sentences holding a trigger word form together with one of the co-words it needs."""
    chosen = []
    for sentence in sentences:
        found = words(sentence.text)
        for word in found & triggers.keys():
            need = triggers[word]
            if need is None or not need.isdisjoint(found):
                chosen.append(sentence)
                break
    return chosen
