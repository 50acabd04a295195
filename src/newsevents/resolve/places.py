"""Places: resolve an article's toponyms to GeoNames entries (recognition is in ``toponyms``).

Resolution (``resolve_toponyms``) scores every gazetteer candidate of every toponym with the
whole article as context: a qualifier right after the name ("Almaty, Kazakhstan", "Springfield,
Ill."), the states and countries the article mentions, the region its other places lie in, the
kind of entry (country, state, county, town), population as a prior, and whether the name is
the entry's main name or an alternate one. Names in one coordinated list ("Ohio, Oregon and
Washington") lean to one kind (countries with countries, states with states of one country), and
inside such a list "China, Japan" is two members, not a town and its qualifier.

Every weight is data (codebooks/data/geo_resolver_weights.json, each with its reason), so it can
be ablated and tuned on one corpus and checked on another (``evaluate/geo_tune.py``); the forms
news writes around a gazetteer name ("North Dallas", "Platte Co.", "Ontarians") are data too
(geo_name_forms.tsv), tried only when the name as written is not in the gazetteer.

``find_places`` runs recognition and resolution in one call; ``focus_place`` guesses where an
article's events happen. ``recognize_toponyms``, ``is_demonym`` and ``PLACE_LABELS`` are
re-exported from ``toponyms``, so the whole place API can be imported from this module.

Gazetteer data: GeoNames (https://www.geonames.org/), CC BY 4.0; see ``gazetteer.ATTRIBUTION``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..codebooks import load_json, load_lines, load_rows
from ..model import Place
from .gazetteer import Candidate, Gazetteer, fold, haversine_km, load_gazetteer
from .toponyms import (
    PLACE_LABELS,
    _abbreviation_at,
    _demonyms,
    _us_abbreviations,
    _wordset,
    is_demonym,
    recognize_toponyms,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["PLACE_LABELS", "find_places", "focus_place", "is_demonym", "place_for",
           "recognize_toponyms", "resolve_toponyms"]

_PRECISION = {"continent": "country", "country": "country", "admin1": "admin1", "region": "admin1",
              "admin2": "city", "city": "city"}
_QUALIFIER = re.compile(r"\s*,\s*")
_AREA_KINDS = ("country", "admin1", "continent", "region")


# ---------------------------------------------------------------------------------------------
# data files


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Capitalised country codes written in text ("US", "U.K.") -> ISO2."""
    out = {}
    for line in load_lines("geo_country_aliases.tsv"):
        name, iso2 = line.split("\t")
        if name.replace(".", "").isupper() and len(name.replace(".", "")) <= 3:
            out[name] = iso2
    return out


@lru_cache(maxsize=1)
def resolver_weights() -> dict[str, float]:
    """The resolver's weights by name (codebooks/data/geo_resolver_weights.json, each with why)."""
    return {k: float(v["value"]) for k, v in load_json("geo_resolver_weights.json")["weights"].items()}


def _weights(override: dict[str, float] | None) -> dict[str, float]:
    """The data file's weights, with ``override`` (tuning, ablation) replacing some of them."""
    if not override:
        return resolver_weights()
    unknown = set(override) - set(resolver_weights())
    if unknown:
        raise KeyError(f"no resolver weight named {sorted(unknown)}")
    return {**resolver_weights(), **override}


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
    reduced = _reduced_form(gaz, key)
    if reduced:
        return reduced
    return gaz.spelling_variants(name)


@lru_cache(maxsize=1)
def _name_forms() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """geo_name_forms.tsv by form: [(words, kinds or endings)], longest words first."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for form, words, kinds, _why in load_rows("geo_name_forms.tsv"):
        out.setdefault(form, []).append((words, tuple(kinds.split(","))))
    for rows in out.values():
        rows.sort(key=lambda r: -len(r[0]))
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Abbreviation -> the word it stands for ("co" -> "county"), from geo_name_forms.tsv."""
    return {w: kinds[0] for w, kinds in _name_forms().get("abbreviation", ())}


def _reduced_form(gaz: Gazetteer, key: str, depth: int = 0) -> list[Candidate]:
    """Candidates for a folded name the gazetteer lacks, through the forms news writes around a
    gazetteer name (geo_name_forms.tsv): abbreviations expanded, then a prefix or suffix word
    taken off ("North Dallas", "Boston Harbor", "Platte Co."), the answer kept to the kinds that
    form allows; else a demonym's place ("Ontarians")."""
    forms = _name_forms()
    abbrev = _abbreviations()
    expanded = " ".join(abbrev.get(w, w) for w in key.split())
    if expanded != key:
        hits = gaz.candidates(expanded)
        if hits:
            return hits
        key = expanded
    for form in ("suffix", "prefix"):  # a suffix says the kind; a prefix is more often part of a name
        for affix, kinds in forms.get(form, ()):
            if form == "prefix" and key.startswith(affix + " "):
                rest = key[len(affix) + 1:]
            elif form == "suffix" and key.endswith(" " + affix):
                rest = key[: -len(affix) - 1]
            else:
                continue
            if rest in _wordset("geo_place_stopwords.txt"):
                continue  # "East-West Center" is no town called Center: a common word is no name
            # One more form may wrap the rest ("North Platte Co." -> "platte county" -> "platte").
            found = gaz.candidates(rest) or (_reduced_form(gaz, rest, depth + 1) if depth < 1 else [])
            hits = [c for c in found if c.kind in kinds]
            # "East China", "Central Plateau": a part of a country or state is a region we do not
            # hold, not a town that shares the area's name (a suffix says its kind, so it may).
            if form == "prefix" and any(c.kind not in kinds and c.kind in _AREA_KINDS
                                        and not c.alternate for c in found):
                return []
            if hits:
                return hits
    return _demonym_place(gaz, key) if depth == 0 and " " not in key else []


def _demonym_place(gaz: Gazetteer, key: str) -> list[Candidate]:
    """The area or large city a word for its people names ("Ontarians", "Dagestani")."""
    min_pop = resolver_weights()["demonym_city_min_population"]
    for ending, stems in _name_forms().get("demonym", ()):
        if not key.endswith(ending) or len(key) - len(ending) < 4:
            continue
        stem = key[: len(key) - len(ending)]
        for tail in stems:
            # Areas answer by any of their names ("Dagestan" is an alternate of "Dagestan,
            # Respublika"); a city only by its main name, as a town's alternates collide.
            hits = [c for c in gaz.candidates(stem + tail)
                    if c.kind in ("country", "admin1", "region", "continent")
                    or (c.kind == "city" and not c.alternate and c.population >= min_pop)]
            if hits:
                return hits
    return []


def _prior(c: Candidate, w: dict[str, float]) -> float:
    """Context-free score: kind of entry, population, main vs alternate name (``w``: the weights)."""
    if c.kind in ("country", "continent"):
        score = w["prior_country"]
    elif c.kind in ("admin1", "region"):
        score = w["prior_admin1"]
    elif c.kind == "admin2":
        score = w["prior_admin2_base"] + w["prior_admin2_per_log_pop"] * math.log10(c.population + 1)
    else:
        score = w["prior_city_per_log_pop"] * math.log10(c.population + 10)
        score += w["prior_capital"] if c.capital else 0.0
        # A city of half a million or more is what its bare name means unless the text says
        # otherwise: a state named elsewhere in the article is too weak a hint for its namesake
        # village (Boston, New York beside New York and Boston, Massachusetts).
        if c.population >= w["big_city_population"] and not c.capital:
            score += w["prior_big_city"]
    # A country's alternate names are mostly its common short names ("Venezuela" for the ISO
    # name "Venezuela, Bolivarian Republic of"): no penalty for them.
    if c.alternate and c.kind in ("admin1", "region"):
        score -= w["alternate_name_division"]
    elif c.alternate and c.kind not in ("country", "continent"):
        score -= w["alternate_name_place"]
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
_KIND_BEFORE = re.compile(r"\b(state|province)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


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


def _worded_list(text: str, spans: list[tuple[int, int]], i: int, lists: dict[int, list[int]]) -> bool:
    """Whether name ``i`` is a member of a list joined by "and"/"or" somewhere."""
    members = lists.get(i)
    if not members:
        return False
    lo, hi = min(members + [i]), max(members + [i])
    return bool(_AND_OR.search(text[spans[lo][1]:spans[hi][0]]))


def _kind_word(text: str, end: int, start: int | None = None) -> str | None:
    """The word "state" or "province" right after a name ("Washington state") or before it with
    "of" ("the state of Washington", "the province of Quebec"): a division."""
    m = _KIND_WORD.match(text, end)
    if m:
        return m.group(1)
    if start is not None:
        m = _KIND_BEFORE.search(text[max(0, start - 30):start])
        return m.group(1).lower() if m else None
    return None


def _resolve(text: str, spans: list[tuple[int, int]], gaz: Gazetteer,
             context: list[Candidate] | None = None,
             w: dict[str, float] | None = None) -> list[Candidate | None]:
    w = w or resolver_weights()

    def prior(c: Candidate) -> float:
        return _prior(c, w)

    names = [text[s:e] for s, e in spans]
    cands = [_lookup(gaz, n) for n in names]
    quals = [_qualifier(text, e, spans, gaz) for _, e in spans]
    # A common word that is also some division's name ("West", "Gulf", "Center", "Secretary"):
    # in news it is nearly always the word; only a qualifier after it makes it a place.
    stop = _wordset("geo_place_stopwords.txt")
    cands = [[] if fold(n) in stop and not q else cs for n, cs, q in zip(names, cands, quals)]
    keys = [fold(n) for n in names]
    lists = _list_groups(text, spans)
    division_word = [_kind_word(text, e, s) is not None for s, e in spans]
    # Inside a list of three or more, "China, Japan" or "Ohio, Washington, West Virginia" is two
    # members, not a name and its qualifier, when the name itself is a country or state of the
    # qualifier's kind: a country is not qualified by a country, nor a state by a state.
    for i, q in enumerate(quals):
        if q and len(lists.get(i, ())) >= 2:
            kinds = {c.kind for c in cands[i] if not c.alternate}
            if any(x.kind in kinds for x in q):
                quals[i] = []
    # "Stroud, Ontario" where no town of the name lies in the qualifier: the gazetteer lacks the
    # town, and the qualifier is what the text vouches for; a namesake abroad would be wrong.
    # In a list ("Moscow, Kiev, Minsk and Riga") the next name is a member, not a qualifier; a
    # chain of commas alone ("Stroud, Ontario, Canada") is an address.
    for i, q in enumerate(quals):
        if (q and cands[i] and not _worded_list(text, spans, i, lists)
                and all(c.kind in ("city", "admin2") for c in cands[i])
                and not any(x.country == c.country and (x.kind == "country" or x.admin1 == c.admin1)
                            for x in q for c in cands[i])):
            cands[i] = [max(q, key=prior)]
    # A loose spelling match ("Menoufia" for Al Minufiyah) counts only inside a country the
    # article names as a country, or when it is a country itself (there are few, so a misspelt
    # one rarely collides). Towns are no such evidence: namesakes of the article's own places
    # abroad would vouch for each other.
    named = {c.country for cs in cands for c in cs if c.kind == "country" and not c.loose}
    named |= {c.country for c in context or () if c.kind == "country"}
    cands = [[c for c in cs if not c.loose or c.kind == "country" or c.country in named]
             for cs in cands]
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
            score = prior(c) + near_bonus.get((keys[i], c.index), 0.0)
            if division_word[i] and c.kind == "admin1":
                score += w["division_word"]
            # The members of a list are places of one kind: countries with countries ("Mexico,
            # China, Japan and Brazil": China is no town in Japan), states with states of the
            # same country ("Ohio, Oregon, Washington").
            mates = [chosen[j] for j in lists.get(i, ()) if chosen[j] is not None]
            if mates and c.kind in ("country", "admin1"):
                score += w["list_same_kind"] * sum(m.kind == c.kind and (c.kind == "country" or m.country == c.country)
                                   for m in mates) / len(mates)
            if (c.kind == "city" and c.country in state_cc and (c.country, c.admin1) not in states
                    and not c.capital and c.population < w["town_named_like_state_max_population"]):
                score -= w["town_named_like_state"]
            if quals[i]:
                if any(q.country == c.country and (q.kind == "country" or q.admin1 == c.admin1)
                       for q in quals[i]):
                    score += w["qualifier"]
            if ctx:
                if c.country:  # seas and continents spanning countries have none
                    score += w["context_country"] * countries[c.country] / len(ctx)
                if c.kind != "country" and c.admin1:
                    score += w["context_admin1"] * min(admin1s[c.admin1], 2) / 2
                if use_region:
                    near = [math.exp(-_gap_km(c, o) / _scale_km(o))
                            for o in ctx if o.index != c.index]
                    if near:
                        score += w["context_distance"] * sum(near) / len(near)
            if score > best_score:
                best, best_score = c, score
        return best

    # Co-location: how close each candidate lies to SOME reading of each other name in the
    # article. Local news names several small places near one another; the readings that sit
    # together are the right ones even when no state is named.
    top = [sorted(cs, key=prior, reverse=True)[:25] for cs in cands]
    by_key: dict[str, list[Candidate]] = {}
    for k, cs in zip(keys, top):
        if cs and not any(c.kind in ("country", "continent") for c in cs):
            by_key.setdefault(k, cs)
    # A reading of another name vouches for its neighbours as much as it is itself likely: its
    # prior against that name's best reading (exp of the difference, over a temperature). Without
    # this, the small American namesakes of Geneva, Vienna and Brussels vouched for each other.
    plausible = {k: [(o, math.exp((prior(o) - prior(cs[0])) / w["co_location_temperature"]))
                     for o in cs] for k, cs in by_key.items()}
    near_bonus: dict[tuple[str, int], float] = {}
    for k, cs in by_key.items():
        others = [o for k2, o in plausible.items() if k2 != k]
        if not others or len(cs) < 2:
            continue
        for c in cs:
            total = 0.0
            for os_ in others:
                total += max(p * math.exp(-_gap_km(c, o) / w["co_location_km"]) for o, p in os_)
            near_bonus[(k, c.index)] = w["co_location"] * total / len(others)

    chosen: list[Candidate | None] = [None] * len(spans)
    # First pass: qualifiers and priors only, then twice with the document as context. Each
    # name sees the readings already updated in this pass: updating all at once lets two names
    # flip together between two far-apart readings forever (San Diego and Los Angeles, both
    # also districts of Madrid).
    chosen = [pick(i, chosen, False) for i in range(len(spans))]
    for _ in range(2):
        for i in range(len(spans)):
            chosen[i] = pick(i, chosen, True)
    return _drop_strays(chosen, keys, context, w)


def _drop_strays(chosen: list[Candidate | None], keys: list[str],
                 context: list[Candidate] | None, w: dict[str, float]) -> list[Candidate | None]:
    """Leave unresolved the small towns that nothing else in the article is near: the article's
    place is missing from the gazetteer and a namesake abroad stood in ("a sushi bar in
    Piccadilly" in a London story -> Piccadilly, Australia)."""
    out = list(chosen)
    for i, c in enumerate(chosen):
        if c is None:
            continue
        others = {keys[j]: o for j, o in enumerate(chosen) if o is not None and keys[j] != keys[i]}
        ctx = list(others.values()) + list(context or [])
        placed = [o for o in ctx if o.kind not in ("continent",)]
        if c.kind not in ("city", "admin2") or c.capital or c.population >= w["stray_max_population"]:
            continue
        if len({o.index for o in placed}) < 2 or any(o.country == c.country for o in placed):
            continue
        if all(_gap_km(o, c) > w["stray_km"] for o in placed):
            out[i] = None
    return out


def _to_place(text: str, span: tuple[int, int], c: Candidate | None, gaz: Gazetteer) -> Place | None:
    if c is None:
        return None
    admin1 = gaz.admin1_name.get(c.admin1) if c.admin1 else None
    return Place(text=text[span[0]:span[1]], name=c.name, country=gaz.iso3.get(c.country) if c.country else None,
                 admin1=admin1, lat=round(c.lat, 5), lon=round(c.lon, 5), geonames_id=c.geonames_id or None,
                 precision=_PRECISION[c.kind], start=span[0], end=span[1])


def resolve_toponyms(text: str, spans: list[tuple[int, int]],
                     gazetteer: Gazetteer | None = None,
                     weights: dict[str, float] | None = None) -> list[Place | None]:
    """Resolve each toponym span of ``text`` to a Place, using the whole document as context.

    Args:
        text: the article text the offsets point into.
        spans: (start, end) character offsets of the toponyms, e.g. from ``recognize_toponyms``.
        weights: resolver weights replacing the data file's (tuning and ablation only).
    Returns:
        One Place per span (same order), or None where the gazetteer has no entry for the name.
    """
    gaz = gazetteer or load_gazetteer()
    spans = [tuple(s) for s in spans]
    chosen = _resolve(text, spans, gaz, w=_weights(weights))
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
