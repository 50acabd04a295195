"""The Phoenix/PETRARCH2 dictionaries (codebooks/data/petrarch2/, MIT, Open Event Data Alliance).

Read as data, parsed once per process and cached:

* ``actor_dictionary()``: the actor files (Phoenix.Countries, .International, .MilNonState): people
  and bodies with CAMEO actor codes and the dates each code held, e.g. ANGELA_MERKEL_ with
  [DEUELI 720101-000101] [DEUGOV >051122] [DEUELI]. ``match(words, i)`` finds the longest entry
  starting at word i; ``ActorEntry.code_on(day)`` picks the code that held on a day.
* ``agent_dictionary()``: Phoenix.agents.txt, role nouns ("police", "foreign minister",
  "protesters") -> a CAMEO agent code and our sector.
* ``describe_code(code)``: a CAMEO actor code -> (country ISO3 or None, sector in model.SECTORS or
  None): DEUGOVEDU -> (DEU, GOV), IGOUNO -> (None, IGO), MNCUSA -> (USA, BUS), IMGMUSALQ -> (None, REB).

Format (dictionaries.rst of PETRARCH2): a record is a phrase line (words joined by ``_`` or blanks,
optional codes), ``+`` synonym lines, and tab-indented date restrictions ``[CODE <date]``,
``[CODE >date]``, ``[CODE date-date]`` or a bare default ``[CODE]``; dates are YYMMDD or YYYYMMDD.
Country-only records ([AFG] with its cities as synonyms) are left out: countries.tsv names
countries, and a city is a place, not its state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import load_tsv

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"

# CAMEO role codes -> our sectors (model.SECTORS). Codes not listed (ELI elites, HLH health,
# CRM criminals, UAF unidentified armed forces, identity codes MUS, CHR, ...) give no sector.
_SECTOR_OF = {
    "GOV": "GOV", "LEG": "GOV", "SPY": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD",
    "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP", "PTY": "PTY", "CVL": "CVL",
    "CIV": "CVL", "REF": "CVL", "LAB": "CVL", "AGR": "CVL", "MED": "MED", "JRN": "MED",
    "BUS": "BUS", "MNC": "BUS", "EDU": "EDU", "REL": "REL", "IGO": "IGO", "NGO": "NGO",
    "NGM": "NGO", "IMG": "REB",
}
# Leading codes that name a kind of international actor, not a state: no country.
_STATELESS = frozenset({"IGO", "NGO", "NGM", "IMG"})
_WORD = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"\[([^\]]*)\]")


def key_words(text: str) -> tuple[str, ...]:
    """Lowercase alphanumeric words of a name, as dictionary keys and text are both compared:
    "AL-MALIKI", "al-Maliki" and "al Maliki" all give ("al", "maliki"); a possessive 's is dropped."""
    text = text.lower().replace("’", "'").replace("'s ", " ")
    if text.endswith("'s"):
        text = text[:-2]
    return tuple(_WORD.findall(text.replace("'", "")))


@dataclass(frozen=True)
class ActorEntry:
    """One actor record: its first name as written in the file and its dated codes."""

    name: str                                       # "ANGELA_MERKEL_"
    source: str                                     # "Countries", "International", "MilNonState"
    codes: tuple[tuple[str, int, int], ...]         # (code, from YYYYMMDD, to YYYYMMDD); 0 / 99999999 open
    default: str | None                             # the code when no dated one holds

    def code_on(self, day: int | None) -> tuple[str, int, int] | None:
        """The code that held on ``day`` (YYYYMMDD), else the default; with no day, the default,
        else the latest dated code. None: a null code (``---``) or nothing that applies."""
        found: tuple[str, int, int] | None = None
        if day is not None:
            found = next((c for c in self.codes if c[1] <= day <= c[2]), None)
        elif self.codes and self.default is None:
            found = max(self.codes, key=lambda c: c[2])
        if found is None and self.default is not None:
            found = (self.default, 0, 99999999)
        if found is None or found[0].strip("-") == "":
            return None
        return found

    def countries(self) -> frozenset[str | None]:
        """Every country this entry's codes name (None for stateless codes)."""
        codes = [c[0] for c in self.codes] + ([self.default] if self.default else [])
        return frozenset(describe_code(c)[0] for c in codes if c.strip("-"))

    def label(self, code: tuple[str, int, int] | None) -> str:
        """How `explain` names the entry and the code used: "MERKEL, ANGELA [DEUGOV 20051122-]"."""
        words = [w for w in self.name.replace("_", " ").split() if w]
        if not code:
            return " ".join(words)
        lo = str(code[1]) if code[1] else ""
        hi = str(code[2]) if code[2] != 99999999 else ""
        dates = f" {lo}-{hi}" if lo or hi else ""
        return f"{' '.join(words)} [{code[0]}{dates}]"


@dataclass(frozen=True)
class AgentEntry:
    phrase: str      # as written ("FOREIGN_MINISTER")
    code: str        # CAMEO agent code without its ~ ("GOVFRM", "NGO")
    sector: str | None


class _Trie:
    """Phrases (tuples of key words) -> values, with the longest phrase length per first word."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, ...], list] = {}
        self.longest: dict[str, int] = {}

    def add(self, key: tuple[str, ...], value) -> None:
        if not key:
            return
        bucket = self.items.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)

    def match(self, words: list[str] | tuple[str, ...], i: int) -> tuple[int, list]:
        """Longest entry starting at word i: (length, values), or (0, [])."""
        for n in range(min(self.longest.get(words[i], 0), len(words) - i), 0, -1):
            found = self.items.get(tuple(words[i:i + n]))
            if found:
                return n, found
        return 0, []


def _read(name: str) -> str:
    return (resources.files("newsevents.codebooks") / "data" / "petrarch2" / name).read_text(
        encoding="utf-8", errors="replace")


def _date(text: str) -> int:
    """YYMMDD or YYYYMMDD -> YYYYMMDD (two-digit years up to 30 are 20xx)."""
    digits = text.strip()
    if len(digits) > 8:
        digits = digits[:8]         # a stray extra digit in the file (">201005011")
    if len(digits) == 6:
        yy = int(digits[:2])
        return (2000 + yy if yy <= 30 else 1900 + yy) * 10000 + int(digits[2:])
    return int(digits)


def _code(inner: str) -> tuple[str, int, int] | None:
    """``DEUGOV >051122`` -> ("DEUGOV", 20051122, 99999999); a bare code -> (code, -1, -1)."""
    parts = inner.split(None, 1)
    if not parts:
        return None
    code, restriction = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
    try:
        if not restriction:
            return code, -1, -1
        if restriction.startswith("<"):
            return code, 0, _date(restriction[1:])
        if restriction.startswith(">"):
            return code, _date(restriction[1:]), 99999999
        lo, _, hi = restriction.partition("-")
        return code, _date(lo), _date(hi)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(r["iso3"] for r in load_tsv("countries.tsv"))


@lru_cache(maxsize=4096)
def describe_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor or agent code -> (country ISO3 or None, our sector or None)."""
    chunks = [code[k:k + 3].upper() for k in range(0, len(code), 3)]
    country = None
    if chunks and chunks[0] in _country_codes():
        country = chunks.pop(0)
    elif chunks and chunks[0] in _STATELESS:
        return None, _SECTOR_OF[chunks[0]]
    elif chunks and chunks[0] == "MNC":
        chunks.pop(0)
        country = chunks.pop(0) if chunks and chunks[0] in _country_codes() else None
        return country, "BUS"
    sector = next((_SECTOR_OF[c] for c in chunks if c in _SECTOR_OF), None)
    return country, sector


class ActorDictionary:
    """The actor records of the Phoenix dictionaries, indexed by their names' key words."""

    def __init__(self) -> None:
        self.trie = _Trie()
        self.entries = 0
        # Names of country-only records (their spellings and cities): key words -> ISO3.
        self.country_names: dict[tuple[str, ...], str] = {}
        for name in ACTOR_FILES:
            self._load(_read(name), name.split(".")[1])

    def _load(self, text: str, source: str) -> None:
        names: list[str] = []
        codes: list[tuple[str, int, int]] = []

        def flush() -> None:
            if names and codes:
                dated = tuple((c, lo, hi) for c, lo, hi in codes if lo >= 0)
                bare = [c for c, lo, _ in codes if lo < 0]
                if all(len(c) == 3 for c, _, _ in codes):
                    # A country alone: its names are places of that country, not actors.
                    country = describe_code(codes[-1][0])[0]
                    for n in names:
                        if country:
                            self.country_names.setdefault(key_words(n.replace("_", " ")), country)
                else:
                    entry = ActorEntry(names[0], source, dated, bare[0] if bare else None)
                    self.entries += 1
                    for n in names:
                        self.trie.add(key_words(n.replace("_", " ")), entry)
            names.clear()
            codes.clear()

        for raw in text.splitlines():
            line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
            if not line.strip() or line.lstrip().startswith("<!--"):
                continue
            found = [c for c in (_code(m) for m in _CODE.findall(line)) if c is not None]
            phrase = _CODE.sub(" ", line).strip()
            if raw[:1] in ("\t", " "):
                codes.extend(found)             # a date restriction of the current record
            elif line.startswith("+"):
                names.append(phrase[1:].strip())
                codes.extend(found)
            else:
                flush()
                names.append(phrase)
                codes.extend(found)
        flush()

    def match(self, words: list[str] | tuple[str, ...], i: int) -> tuple[int, list[ActorEntry]]:
        """Longest record names starting at key word i: (length in key words, entries)."""
        return self.trie.match(words, i)


class AgentDictionary:
    """Phoenix agents: role nouns with their plurals -> AgentEntry."""

    def __init__(self) -> None:
        self.trie = _Trie()
        subs: dict[str, list[str]] = {}
        for raw in _read(AGENT_FILE).splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("<!--"):
                continue
            if line.startswith("!") and "=" in line:
                marker, _, forms = line.partition("=")
                subs[marker.strip()] = [f.strip() for f in forms.split(",") if f.strip()]
                continue
            m = _CODE.search(line)
            if m is None:
                continue
            code = m.group(1).strip().replace("~", "")
            head = line[:m.start()]
            plural = None
            if "{" in head:
                head, _, rest = head.partition("{")
                plural = rest.split("}", 1)[0].strip()
            phrase = head.strip()
            entry = AgentEntry(phrase, code, describe_code(code)[1] if code else None)
            for form in _expand(phrase, subs):
                self.trie.add(key_words(form.replace("_", " ")), entry)
                if plural is None and not re.search(r"![A-Z]+!", phrase):
                    for p in _plurals(form):
                        self.trie.add(key_words(p.replace("_", " ")), entry)
            if plural:
                for form in plural.split():
                    self.trie.add(key_words(form.replace("_", " ")), entry)

    def match(self, words: list[str] | tuple[str, ...], i: int) -> tuple[int, list[AgentEntry]]:
        return self.trie.match(words, i)


def _expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    for marker, forms in subs.items():
        if marker in phrase:
            return [phrase.replace(marker, f) for f in forms]
    return [phrase]


def _plurals(phrase: str) -> list[str]:
    """Regular plurals of a phrase's last word, as PETRARCH makes them: +S, Y -> IES, SS -> SSES."""
    stem = phrase.rstrip("_ ")
    if not stem:
        return []
    if stem.endswith("SS"):
        return [stem + "ES"]
    if stem.endswith("Y") and stem[-2:-1] not in "AEIOU":
        return [stem[:-1] + "IES"]
    return [stem + "S"]


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The Phoenix actor dictionaries, parsed once per process."""
    return ActorDictionary()


@lru_cache(maxsize=1)
def agent_dictionary() -> AgentDictionary:
    """The Phoenix agents dictionary, parsed once per process."""
    return AgentDictionary()
