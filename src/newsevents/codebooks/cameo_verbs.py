"""The CAMEO verb dictionary of PETRARCH2 (``data/petrarch2/CAMEO.2.0.txt``, MIT) read as data.

The file groups verbs in blocks ("--- DEPORT [174] ---"); every verb of a block shares the block's
patterns, and a verb alone is coded with its own ``[code]`` or else the block's. A pattern is

    - [pre-verb nouns] * [post-verb nouns] [(PREP noun) ...]   [CODE]   # VERB it was found with

where a noun is a word, a ``{MULTI WORD}`` phrase (its last word the head) or a ``&SYNSET`` defined at
the top of the file. ``$``, ``+``, ``^`` and ``%`` mark actor slots and are dropped: the coder finds
actors from the parse. A code ``[---]`` says the pattern is no event; ``[A:B]`` keeps A (B when A is
empty). The format is described in PETRARCH2's ``dictionaries.rst``.

This module only reads the file; extraction/verb_floor.py matches the patterns against a parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Term", "PrepTerm", "VerbPattern", "VerbSense", "VerbDictionary", "verb_dictionary"]

DATA_FILE = "petrarch2/CAMEO.2.0.txt"
_MARKERS = frozenset({"$", "+", "^", "%"})
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Term:
    """A noun of a pattern: positions of a phrase, each a set of alternative words; the last is the head."""

    words: tuple[frozenset[str], ...]
    text: str

    @property
    def head(self) -> frozenset[str]:
        return self.words[-1]


@dataclass(frozen=True)
class PrepTerm:
    """A prepositional phrase of a pattern: "(AT CONVOY)"; ``term`` is None for a bare "(TO)"."""

    prep: str
    term: Term | None
    text: str


@dataclass(frozen=True)
class VerbPattern:
    block: str
    pre: tuple[Term, ...]
    post: tuple[Term, ...]
    preps: tuple[PrepTerm, ...]
    code: str | None          # None: the pattern says "no event" ([---])
    text: str                 # the pattern as written, for explain
    verb: str                 # the verbs the pattern was written for (its comment, comma-separated), or ''
    # a paired code with only its second half ("[:111]", FACE * CRITICISM, COME * (UNDER FIRE)): the
    # event runs from the target to the source, so the verb's subject is the one acted on
    reversed: bool = False


def _reversed_code(text: str | None) -> bool:
    return bool(text) and ":" in text and not text.partition(":")[0].strip()


@dataclass(frozen=True)
class VerbSense:
    """One verb of a block: lemma, an obligatory particle ("ask for", "blow up"), its own code."""

    lemma: str
    particle: str | None
    code: str | None          # the verb alone: its own code, else the block's; None: no event
    block: str
    name: str                 # as written in the file ("+BLOW_UP", "EXPEL")
    own_code: str | None = None   # the code on the verb's own line, if any


@dataclass(frozen=True)
class VerbDictionary:
    senses: dict[str, tuple[VerbSense, ...]]          # lemma (and irregular forms) -> senses
    patterns: dict[str, tuple[VerbPattern, ...]]      # block -> patterns, in file order
    forms: dict[str, str]                             # irregular inflected form -> lemma


def _parse_code(text: str | None) -> str | None:
    if not text:
        return None
    code = text.strip()
    if ":" in code:
        first, _, second = code.partition(":")
        code = first.strip() or second.strip()
    code = code.rstrip("!")
    return code if code and code.isdigit() else None


def _head_word(phrase: str) -> str:
    return phrase.replace("_", " ").split()[-1].lower()


def _word_set(token: str, synsets: dict[str, frozenset[str]]) -> frozenset[str]:
    if token.startswith("&"):
        return synsets.get(token.rstrip("_"), frozenset())
    return frozenset({_head_word(token).rstrip("_")}) if token.strip("_") else frozenset()


def _term(tokens: list[str], synsets: dict[str, frozenset[str]]) -> Term | None:
    parts = [p for t in tokens if t not in _MARKERS for p in t.split("_") if p]   # FIGHTER_&AIRCRAFT
    words = tuple(s for s in (_word_set(p, synsets) for p in parts) if s)
    return Term(words, " ".join(tokens)) if words else None


def _split_elements(body: str) -> list[str | list[str]]:
    """Pattern text -> elements: a word, '*', or a list for a brace/parenthesis group (kept nested
    as one string for parentheses)."""
    out: list = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "({":
            depth, j = 0, i
            while j < n:
                if body[j] in "({":
                    depth += 1
                elif body[j] in ")}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(body[i:j + 1] if ch == "(" else body[i + 1:j].split())
            i = j + 1
            continue
        j = i
        while j < n and not body[j].isspace() and body[j] not in "({":
            j += 1
        out.append(body[i:j])
        i = j
    return out


def _pattern(line: str, block: str, synsets: dict[str, frozenset[str]]) -> VerbPattern | None:
    text, _, comment = line[1:].partition("#")
    code_m = _CODE.search(text)
    if code_m is None:
        return None
    body = text[:code_m.start()].strip()
    if "*" not in body:
        return None
    pre: list[Term] = []
    post: list[Term] = []
    preps: list[PrepTerm] = []
    seen_verb = False
    for el in _split_elements(body):
        if el == "*":
            seen_verb = True
            continue
        if isinstance(el, str) and el.startswith("("):
            inner = _split_elements(el[1:-1])
            if not inner or not isinstance(inner[0], str):
                continue
            rest = [t for x in inner[1:] for t in (x if isinstance(x, list) else [x])]
            preps.append(PrepTerm(inner[0].lower(), _term(rest, synsets), el))
            continue
        term = _term(el if isinstance(el, list) else [el], synsets)
        if term is not None:
            (post if seen_verb else pre).append(term)
    return VerbPattern(block, tuple(pre), tuple(post), tuple(preps), _parse_code(code_m.group(1)),
                       f"- {body}", ",".join(v.strip() for v in comment.split(",") if v.strip()),
                       _reversed_code(code_m.group(1)))


def _verb_line(line: str, block: str, block_code: str | None) -> tuple[VerbSense, list[str]] | None:
    text = line.partition("#")[0].strip()
    if not text:
        return None
    code_m = _CODE.search(text)
    own = code_m.group(1) if code_m else None
    forms_m = re.search(r"\{([^}]*)\}", text)
    name = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", text).strip().split()[0]
    if "_" in name:
        parts = name.split("_")
        verb_i = next((k for k, p in enumerate(parts) if p.startswith("+")), 0)
        if verb_i != 0:
            return None       # pre-compounded ("WIRE_+TAP"): the parse rarely keeps these together
        lemma, particle = parts[0].lstrip("+").lower(), " ".join(parts[1:]).lower() or None
    else:
        lemma, particle = name.lstrip("+").lower(), None
    code = block_code if own is None else _parse_code(own)
    forms = []
    if forms_m:
        for f in forms_m.group(1).split():
            forms.append(f.split("_")[0].lstrip("+").lower())
    return VerbSense(lemma, particle, code, block, name, None if own is None else _parse_code(own)), forms


def parse(text: str) -> VerbDictionary:
    """Read the verb dictionary's text (synsets, verb blocks with their patterns)."""
    synsets: dict[str, set[str]] = {}
    senses: dict[str, list[VerbSense]] = {}
    patterns: dict[str, list[VerbPattern]] = {}
    forms: dict[str, str] = {}
    current_set: str | None = None
    block: str | None = None
    block_code: str | None = None
    in_verbs = False
    frozen: dict[str, frozenset[str]] = {}
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            frozen = {k: frozenset(v) for k, v in synsets.items()}
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line.split()[0].rstrip("_")
                synsets[current_set] = set()
            elif line.startswith("+") and current_set:
                synsets[current_set].add(_head_word(line[1:].split("#")[0].strip()).rstrip("_"))
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            if m:
                block, block_code = m.group(1), _parse_code(m.group(2))
                patterns.setdefault(block, [])
            continue
        if block is None:
            continue
        if line.startswith("-"):
            p = _pattern(line, block, frozen)
            if p is not None:
                patterns[block].append(p)
            continue
        if line.startswith("~"):
            continue
        got = _verb_line(line, block, block_code)
        if got is None:
            continue
        sense, irregular = got
        senses.setdefault(sense.lemma, []).append(sense)
        for f in irregular:
            if f != sense.lemma:
                forms.setdefault(f, sense.lemma)
    return VerbDictionary({k: tuple(v) for k, v in senses.items()},
                          {k: tuple(v) for k, v in patterns.items()}, forms)


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    """The packaged CAMEO verb dictionary, parsed once per process."""
    from . import _read
    return parse(_read(DATA_FILE))
