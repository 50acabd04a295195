"""How many: numbers of people killed, injured, detained, deployed, protesting or displaced.

Works over the spaCy parse of one sentence (a ``Span`` or a one-sentence ``Doc``). A number is
first read as a quantity (digits, words, vague words, ranges, bounds), then rejected when it
counts no people (years, ages, money, units, times, phone numbers, road names), then given a
kind and an anchor (the event word it measures) by walking the dependency tree.

Conventions (the lexicons in ``codebooks/data/count_*.tsv`` hold the words and ranges):
  * "15" -> 15..15; "about/some/around 15" -> 15..15 (an approximate point);
  * "at least / more than / over 2,000" -> min 2000, max None (news figures are rounded, so a
    strict comparative is not shifted by one);
  * "up to / as many as / nearly / almost / fewer than 100" -> min None, max 100;
  * "15 to 20", "15-20", "between 15 and 20" -> 15..20;
  * vague words read as documented ranges, a plural scale word from one of it (coding guide):
    "dozens" 12..99, "hundreds" 100..999, "thousands" 1000..9999, "tens of thousands"
    10000..99999, "several" 3..9, "a handful" 2..5;
    "many" is not a count;
  * "one of the ..." is never a count; "a man" is not a count (only numbers are).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from ..codebooks import load_tsv
from ..model import Count
from .roles import lemma_forms

__all__ = ["CountMention", "find_counts", "to_count"]


@dataclass
class CountMention:
    """A number of people and what they were: kind, bounds, words, offsets, event anchor."""

    kind: str
    min: int | None
    max: int | None
    text: str
    start: int
    end: int
    cumulative: bool = False
    anchor: Token | None = None


def to_count(m: CountMention) -> Count:
    """The record form of a mention (offsets stay those of the parsed text)."""
    return Count(kind=m.kind, min=m.min, max=m.max, text=m.text, cumulative=m.cumulative,
                 start=m.start, end=m.end)


# ---------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class _Lex:
    numbers: dict            # word -> (value, role)
    vague: dict              # first word -> [(tuple(words), (min, max))]
    modifiers: dict          # tuple(words) -> bound, for words before a number
    modifier_verbs: dict     # lemma -> bound
    cues: dict               # (cue, word) -> (kind, needs)
    persons: frozenset
    armed: frozenset         # person nouns for fighters, security forces, suspects
    cumulative: tuple        # tuples of words


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    numbers = {r["word"]: (int(r["value"]), r["role"]) for r in load_tsv("count_numbers.tsv")}
    vague: dict[str, list] = {}
    for r in load_tsv("count_vague.tsv"):
        words = tuple(r["phrase"].split())
        bounds = (int(r["min"]) if r["min"] else None, int(r["max"]) if r["max"] else None)
        vague.setdefault(words[0], []).append((words, bounds))
    mods, mod_verbs = {}, {}
    for r in load_tsv("count_modifiers.tsv"):
        if r["where"] == "verb":
            mod_verbs[r["phrase"]] = r["bound"]
        else:
            mods[tuple(r["phrase"].split())] = r["bound"]
    cues = {(r["cue"], r["word"]): (r["kind"], r["needs"]) for r in load_tsv("count_kinds.tsv")}
    person_rows = load_tsv("count_person_nouns.tsv")
    persons = frozenset(r["lemma"] for r in person_rows)
    armed = frozenset(r["lemma"] for r in person_rows if r.get("role") == "armed")
    cumulative = tuple(tuple(r["phrase"].split()) for r in load_tsv("count_cumulative.tsv"))
    return _Lex(numbers, vague, mods, mod_verbs, cues, persons, armed, cumulative)


def _cue(cue: str, word: str) -> tuple[str, str] | None:
    return _lex().cues.get((cue, word))


def _cue_any(cue: str, tok: Token) -> tuple[str, str] | None:
    for f in lemma_forms(tok):
        hit = _cue(cue, f)
        if hit:
            return hit
    return None


# ---------------------------------------------------------------- reading quantities

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn)$", re.I)
_RANGE_SEP = {"to", "-", "–", "—", "and", "or"}


@dataclass
class _Qty:
    i: int            # first token index (within the doc) of the quantity words
    j: int            # one past the last token
    lo: int | None
    hi: int | None
    core: Token       # the token that attaches the quantity to the parse


def _low(tok: Token) -> str:
    return tok.text.lower()


def _match_phrase(toks: list[Token], i: int, table: dict) -> tuple[int, object] | None:
    """Longest phrase of ``table`` (first word -> [(word tuple, value)]) starting at toks[i]:
    (length, value). Every token of a candidate sentence is tried, so only the phrases that can
    begin with it are compared."""
    best = None
    for key, val in table.get(_low(toks[i]), ()):
        n = len(key)
        if i + n <= len(toks) and tuple(_low(t) for t in toks[i:i + n]) == key:
            if best is None or n > best[0]:
                best = (n, val)
    return best


def _number_at(toks: list[Token], i: int) -> tuple[int, float] | None:
    """A single number (digits or words) at toks[i]: (tokens used, value)."""
    nums = _lex().numbers
    t = toks[i].text.replace("\u00a0", "")
    low = t.lower()
    value: float | None = None
    k = i
    if _DIGITS.match(t):
        value, k = float(t.replace(",", "")), i + 1
    elif m := _SUFFIXED.match(t):
        value, k = float(m.group(1)) * nums[m.group(2).lower()][0], i + 1
    elif low in ("a", "an", "half") or (low in nums and nums[low][1] in ("unit", "tens")):
        value, k = _words_number(toks, i)
        if value is None:
            return None
    else:
        return None
    # a scale word after digits: "1.5 million", "12 k", "two dozen"
    while k < len(toks) and nums.get(_low(toks[k]), (0, ""))[1] == "scale":
        value *= nums[_low(toks[k])][0]
        k += 1
    return k - i, value


def _words_number(toks: list[Token], i: int) -> tuple[float | None, int]:
    """Spelled-out numbers: "three hundred", "twenty-five", "a dozen", "half a million"."""
    nums = _lex().numbers
    k, total, current, seen = i, 0.0, 0.0, False
    low = _low(toks[k])
    if low == "half" and k + 2 < len(toks) and _low(toks[k + 1]) in ("a", "an") \
            and nums.get(_low(toks[k + 2]), (0, ""))[1] == "scale":
        return 0.5 * nums[_low(toks[k + 2])][0], k + 3
    if low in ("a", "an"):
        if k + 1 < len(toks) and nums.get(_low(toks[k + 1]), (0, ""))[1] == "scale":
            current, k, seen = 1.0, k + 1, True
        else:
            return None, i
    while k < len(toks):
        w = _low(toks[k])
        role = nums.get(w, (0, ""))[1]
        if role in ("unit", "tens"):
            current += nums[w][0]
        elif role == "scale":
            val = nums[w][0]
            if val == 100 or val == 12:
                current = (current or 1) * val
            else:
                total += (current or 1) * val
                current = 0.0
        elif w in ("-", "and") and seen and k + 1 < len(toks) \
                and nums.get(_low(toks[k + 1]), (0, ""))[1] in ("unit", "tens"):
            pass
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None, i
    return total + current, k


# No count of people reaches this; larger numbers in text are not counts (and may be infinite floats).
MAX_COUNT = 1e12


def _quantity_at(toks: list[Token], i: int) -> _Qty | None:
    """A quantity (vague word, number or range) starting exactly at toks[i]."""
    lex = _lex()
    v = _match_phrase(toks, i, lex.vague)
    if v:
        n, (lo, hi) = v
        j = i + n
        if _low(toks[j - 1]) == "of":   # "a handful of": the "of" belongs to the noun phrase
            j -= 1
        return _Qty(i, j, lo, hi, _root_of(toks[i:j]))
    num = _number_at(toks, i)
    if not num:
        return None
    n, value = num
    if not value < MAX_COUNT:   # a 400-digit number (or one that overflows to inf) is no head count
        return None
    j = i + n
    lo = hi = int(round(value))
    # a range: "15 to 20", "15-20", "15 or 20"
    between = i > 0 and _low(toks[i - 1]) == "between"
    if j + 1 < len(toks) and _low(toks[j]) in _RANGE_SEP and (_low(toks[j]) != "and" or between):
        second = _number_at(toks, j + 1)
        if second and second[1] > value:
            hi = int(round(second[1]))
            j = j + 1 + second[0]
    elif "-" in toks[i].text and re.match(r"^\d+-\d+$", toks[i].text):
        a, b = toks[i].text.split("-")
        lo, hi = int(a), int(b)
    core = _root_of(toks[i:j])
    return _Qty(i, j, lo, hi, core)


def _root_of(toks: list[Token]) -> Token:
    """The token of a multi-token quantity whose head lies outside it."""
    ids = {t.i for t in toks}
    for t in reversed(toks):
        if t.head.i not in ids or t.head.i == t.i:
            if t.pos_ != "PUNCT" and _low(t) not in _RANGE_SEP:
                return t
    return toks[-1]


def _apply_modifier(toks: list[Token], q: _Qty) -> tuple[int, int | None, int | None]:
    """Widen the quantity with a bound word before it; returns (first index, min, max)."""
    lex = _lex()
    i, lo, hi = q.i, q.lo, q.hi
    for n in (4, 3, 2, 1):
        if i - n < 0:
            continue
        key = tuple(_low(t) for t in toks[i - n:i])
        bound = lex.modifiers.get(key)
        # "between" opens a range only right before its number ("between 40 and 60"); further
        # back it is no bound ("fighting between rebels killed 40")
        if bound is None and key == ("between",):
            return i - n, lo, hi
        if bound is None:
            continue
        if bound == "min":
            return i - n, lo, None
        if bound == "max":
            return i - n, None, hi
        return i - n, lo, hi
    # "the number of people detained has passed 1,000"
    if q.core.dep_ in ("dobj", "pobj") and lex.modifier_verbs.get(_verb_of(q.core).lemma_) == "min":
        return i, lo, None
    return i, lo, hi


def _verb_of(tok: Token) -> Token:
    h = tok.head
    if tok.dep_ == "pobj" and h.dep_ == "prep":
        h = h.head
    return h


# ---------------------------------------------------------------- what is not a count

_NONPERSON_AFTER = re.compile(
    r"^(%|percent|per|pc|pm|am|a\.m\.|p\.m\.|o'clock|gmt|utc|year|years|yrs|-year|month|months|day|days|"
    r"hour|hours|minute|minutes|week|weeks|km|kilometres|kilometers|miles|mile|metres|meters|kg|tonnes|tons|"
    r"dollars|euros|pounds|th|st|nd|rd)$", re.I)
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"}
_CURRENCY = {"$", "€", "£", "¥", "us$", "usd", "eur", "gbp", "rs", "rupees"}
_PERSON_SUFFIX = re.compile(r"(ers|ors|ists|ians|ants|ents|men|ees|ies)$")


def _is_trap(toks: list[Token], q: _Qty, first: int) -> bool:
    """True for numbers that are dates, ages, money, units, times, phone numbers, names."""
    words = [_low(t) for t in toks]
    nxt = words[q.j] if q.j < len(words) else ""
    nxt2 = words[q.j + 1] if q.j + 1 < len(words) else ""
    prev = words[first - 1] if first > 0 else ""
    text = toks[q.i].text
    if _NONPERSON_AFTER.match(nxt) or (nxt == "-" and _NONPERSON_AFTER.match(nxt2)):
        return True
    if nxt in _MONTHS or prev in _MONTHS or prev in _CURRENCY or text[:1] in _CURRENCY:
        return True
    # "aged between 20 and 30", "aged only 12": one word may stand between "aged" and the age
    if first > 1 and words[first - 2] == "aged":
        return True
    if prev in ("aged", "age", "ages", "number", "no.", "no", "#"):
        return True
    # "one of the deadliest": "one of" is never a count
    if words[q.i] == "one" and q.j == q.i + 1 and nxt == "of":
        return True
    # a four-digit year, or a number glued to an identifier ("Route 66", "Avenue 9", "G7")
    if re.match(r"^(1[89]|20)\d\d$", text):
        return True
    if first > 0 and toks[first - 1].text[:1].isupper() and toks[first - 1].pos_ == "PROPN" \
            and q.j == q.i + 1 and _glued(toks[first - 1], toks[q.i]):
        return True
    # phone numbers and codes: leading zero, or digit groups in a row
    if re.match(r"^0\d", text) or (q.j < len(toks) and re.match(r"^\d{2,}$", toks[q.j].text)):
        return True
    if first > 0 and re.match(r"^\d{2,}$", toks[first - 1].text):
        return True
    # "-strong" is a force size for troops ("a 1,000-strong force") and nothing else
    return False


def _glued(name: Token, number: Token) -> bool:
    """The number belongs to the name before it ("Route 66", "G 7"): one hangs on the other or both
    are one entity; "told VOA five people" has the number on the people, not on the name."""
    return number.head == name or name.head == number or (
        bool(name.ent_type_) and number.ent_iob_ == "I" and number.ent_type_ == name.ent_type_)


def _is_person(tok: Token) -> bool:
    """Does the noun name people ("protesters", "civilians", "Palestinians")?"""
    lex = _lex()
    lemma = tok.lemma_.lower()
    if lemma in lex.persons or tok.text.lower() in lex.persons:
        return True
    if tok.ent_type_ in ("NORP",) or (tok.pos_ == "PROPN" and tok.text.endswith("s")
                                      and tok.ent_type_ in ("NORP", "")):
        return tok.ent_type_ == "NORP" or bool(_PERSON_SUFFIX.search(tok.text.lower()))
    return bool(_PERSON_SUFFIX.search(tok.text.lower())) and tok.tag_ == "NNS"


def _is_troop(tok: Token) -> bool:
    return _cue("noun", tok.lemma_.lower()) is not None and \
        _cue("noun", tok.lemma_.lower())[0] == "troops" or \
        (_cue("noun", tok.text.lower()) or ("",))[0] == "troops"


# ---------------------------------------------------------------- kind and anchor

_SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "appos", "npadvmod", "conj"}
_VICTIM_KINDS = ("killed", "injured", "detained", "displaced")


def _counted_noun(toks: list[Token], q: _Qty) -> tuple[Token | None, bool]:
    """The noun a quantity counts, and whether it came through "-strong" ("1,000-strong force")."""
    core = q.core
    head = core.head
    if head.i != core.i and not (q.i <= head.i < q.j):
        if _low(head) == "strong" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head, True
        if core.dep_ in ("nummod", "quantmod", "amod", "compound", "advmod", "det") \
                and head.pos_ in ("NOUN", "PROPN") and head.i > core.i:
            return head, False
    for t in reversed(toks[q.i:q.j]):
        for c in t.children:
            if c.dep_ == "prep" and _low(c) == "of" and c.i >= q.j:
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if objs:
                    return objs[0], False
    return None, False


def _needs_ok(needs: str, noun: Token | None) -> bool:
    if needs == "troop":
        return noun is not None and _is_troop(noun)
    if needs == "civilian" and noun is not None and noun.lemma_.lower() in _lex().armed:
        return False
    return noun is None or _is_person(noun)


def _verb_kind(v: Token, noun: Token | None) -> tuple[str, Token] | None:
    """Kind given by the verb (or adjective) ``v`` that governs the counted group."""
    # verb + particle/complement/prepositional object: "shot dead", "took to the streets"
    for c in v.children:
        words = []
        if c.dep_ in ("prt", "acomp", "oprd", "dobj", "advmod"):
            words.append(c.lemma_.lower())
        if c.dep_ == "prep":
            words.append(c.lemma_.lower())
            words += [x.lemma_.lower() for x in c.children if x.dep_ == "pobj"]
        for w in words:
            for lemma in lemma_forms(v):
                hit = _cue("phrasal", f"{lemma}+{w}")
                if hit and _needs_ok(hit[1], noun):
                    return hit[0], v
    hit = _cue_any("verb", v)
    if hit and v.pos_ in ("VERB", "ADJ") and _needs_ok(hit[1], noun):
        return hit[0], v
    if v.pos_ in ("ADJ", "VERB") and _cue("compl", _low(v)) and _needs_ok("person", noun):
        return _cue("compl", _low(v))[0], v
    # "leaving dozens of people dead", "left 15 people injured"
    for c in v.children:
        if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl") and _cue("compl", _low(c)):
            if _needs_ok("person", noun):
                return _cue("compl", _low(c))[0], c
    # "remain in detention", "are on strike"
    for c in v.children:
        if c.dep_ == "prep":
            for x in c.children:
                if x.dep_ == "pobj" and _cue("prep", x.lemma_.lower()):
                    return _cue("prep", x.lemma_.lower())[0], x
    return None


def _noun_event_kind(n: Token) -> tuple[str, Token] | None:
    """Kind carried by an event noun ("crowd", "toll") or a noun with a kind clause
    ("the number of people detained")."""
    hit = _cue("event", n.lemma_.lower())
    if hit:
        return hit[0], n
    for c in n.children:
        if c.dep_ in ("acl", "relcl"):
            k = _verb_kind(c, None)
            if k:
                return k
        if c.dep_ == "prep" and _low(c) == "of":
            for x in c.children:
                if x.dep_ == "pobj":
                    k = _noun_event_kind(x)
                    if k:
                        return k
    return None


def _kind_and_anchor(toks: list[Token], q: _Qty, value: int | None) -> tuple[str, Token] | None:
    """Walk from the quantity to the word that says what it counts."""
    noun, strong = _counted_noun(toks, q)
    if noun is not None and not _is_person(noun) and _cue("event", noun.lemma_.lower()) is None:
        return None
    if strong and (noun is None or not _is_troop(noun)):
        return None
    core = q.core
    # "left 30 dead": the number modifies the kind adjective itself
    if core.head.pos_ in ("ADJ", "VERB") and core.dep_ == "nummod" and _cue("compl", _low(core.head)):
        return _cue("compl", _low(core.head))[0], core.head
    np = noun if noun is not None and (noun.i == core.head.i or strong) else core
    # the group's own clause: "people injured", "students who were marching"
    for owner in {np, noun} - {None}:
        for c in owner.children:
            if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ"):
                k = _verb_kind(c, noun)
                if k:
                    return k
    h, via_conj = np, False
    while h.dep_ == "conj" and h.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        h, via_conj = h.head, True
    # "a total of 2,400 soldiers", "a crowd of 5,000", "a rally of 20,000 supporters"
    if h.dep_ == "pobj" and _low(h.head) == "of" and h.head.head.pos_ in ("NOUN", "PROPN"):
        owner = h.head.head
        k = _noun_event_kind(owner)
        if k and (k[0] != "participants" or value != 1):
            return k
        h = owner
    verb, via_prep = None, False
    if h.dep_ == "pobj" and h.head.dep_ == "prep":
        verb, via_prep = h.head.head, True
    elif h.dep_ in _SUBJ_OBJ or h.dep_ in ("nsubj", "dobj"):
        verb = h.head
    if verb is not None and _cue("subset", verb.lemma_.lower()):
        return None                      # "the dead included two soldiers": part of another count
    if verb is not None and verb.i != h.i:
        # "continue to protest", "are believed to have fled", "forced to flee"
        seen = 0
        while _cue("raise", verb.lemma_.lower()) and seen < 4 and not _cue("verb", verb.lemma_.lower()):
            xs = [c for c in verb.children if c.dep_ == "xcomp"]
            if not xs:
                break
            verb, seen = xs[0], seen + 1
        if not via_prep or via_conj:
            k = _verb_kind(verb, noun)
            if k:
                kind, anchor = k
                if kind == "participants" and noun is not None and _is_troop(noun):
                    kind = "troops"
                return kind, anchor
        # "the death toll rose to 30", "the protest drew 10,000", "the crowd was estimated at"
        if _cue("measure", verb.lemma_.lower()):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != h.i:
                    k = _noun_event_kind(c)
                    if k:
                        return k
    if noun is not None:
        hit = _cue("noun", noun.lemma_.lower()) or _cue("noun", _low(noun))
        if hit:
            kind = hit[0]
            if kind in _VICTIM_KINDS:
                return kind, noun
            if value == 1:
                return None
            if verb is not None and verb.pos_ == "VERB" and not _cue("light", verb.lemma_.lower()) \
                    and not via_prep:
                return kind, verb
            return kind, noun
    return None


# ---------------------------------------------------------------- running totals

def _is_cumulative(sent: Span, anchor: Token) -> bool:
    """Is the count a running total ("so far", "this month", "since March", "in 2023")?"""
    clause = anchor
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    words = [t for t in clause.subtree if t.dep_ not in ("relcl",)]
    lows = [_low(t) for t in sorted(words, key=lambda t: t.i)]
    for phrase in _lex().cumulative:
        n = len(phrase)
        if any(tuple(lows[k:k + n]) == phrase for k in range(len(lows) - n + 1)):
            return True
    # "in 2023" with no day named is a year's total
    has_day = any(t.ent_type_ == "DATE" and (_low(t) in _MONTHS or t.lemma_.lower() in (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) for t in words)
    for t in words:
        if re.match(r"^(1[89]|20)\d\d$", t.text) and t.head.lower_ in ("in", "during", "and") \
                and not has_day:
            return True
    return False


# ---------------------------------------------------------------- entry point

def _tokens(sent: Span | Doc) -> list[Token]:
    return list(sent)


def find_counts(sent: Span | Doc) -> list[CountMention]:
    """Counts of people in one parsed sentence.

    Args:
        sent: a spaCy ``Span`` (one sentence of a parsed doc) or a one-sentence ``Doc``.
    Returns:
        CountMention per number of people found, in text order; offsets are into ``sent.doc.text``.
    """
    toks = _tokens(sent)
    out: list[CountMention] = []
    i = 0
    while i < len(toks):
        q = _quantity_at(toks, i)
        if q is None:
            i += 1
            continue
        first, lo, hi = _apply_modifier(toks, q)
        if not _is_trap(toks, q, first):
            found = _kind_and_anchor(toks, q, lo if lo == hi else None)
            if found:
                kind, anchor = found
                start, end = toks[first].idx, toks[q.j - 1].idx + len(toks[q.j - 1].text)
                out.append(CountMention(kind=kind, min=lo, max=hi, text=sent.doc.text[start:end],
                                        start=start, end=end,
                                        cumulative=_is_cumulative(sent, anchor), anchor=anchor))
        i = q.j
    return out


def counts_in(sents: Iterable[Span]) -> list[CountMention]:
    """All counts over several sentences."""
    return [m for s in sents for m in find_counts(s)]
