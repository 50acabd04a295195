"""The actor lexicon: names of countries, demonyms, capitals and seats of power, organisations,
role nouns and well-known people (codebooks/data/{countries,organisations,roles,people}.tsv),
matched against the words of a phrase. Used by resolve/actors.py, which codes whole phrases."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..codebooks import load_lines, load_tsv
from ..codebooks.petrarch2 import ActorEntry, actor_dictionary, describe_code, key_words

# A word: dotted acronyms (U.S., U.N.), or letters/digits joined by - ' ’ / and an optional final dot.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w]|[-'’/&](?=\w))*\.?")
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_CUT_WORDS = frozenset("of in at from on near with for by to into against inside outside across "
                       "who which that whose after during over under among between".split())
_LEADING_SKIP = frozenset("by the a an its their his her our some several many two three four "
                          "five hundreds thousands dozens of with from to".split())
_NAME_PARTICLES = frozenset("al al- bin ben ibn de da del van von el abu abd la le".split())
_MAX_NGRAM = 8
_PLACE_KINDS = frozenset(("country", "demonym", "capital", "seat", "region"))


@dataclass(frozen=True)
class _Entry:
    kind: str                 # org, country, demonym, seat, capital, region, role
    surface: str              # the words as written in the data file
    country: str | None = None
    sector: str | None = None
    name: str | None = None   # canonical name (org or country)
    title: bool = False       # a role that can stand before a person's name
    domestic: bool = False    # an unnamed holder belongs to the story's country
    cap: bool = False         # match only when written with a capital
    plural: bool = False      # a plural demonym ("Palestinians"): the people themselves
    inherits: bool = False    # a holder ("leader") that takes the sector of a group noun beside it


@dataclass(frozen=True)
class _Match:
    entry: _Entry
    start: int                # token index
    end: int


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one substitution, insertion, deletion or swap apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


@dataclass(frozen=True)
class _Person:
    name: str
    country: str | None
    sector: str | None
    rule: str


def _tokens(text: str) -> list[tuple[str, int, bool]]:
    """(word, char offset, possessive) for each word; a final dot is kept only on abbreviations."""
    out = []
    abbreviations = _abbreviations()
    for m in _TOKEN.finditer(text):
        word, poss = m.group(), False
        if _POSSESSIVE.search(word):
            word, poss = word[:-2], True
        if word.endswith(".") and not _DOTTED.match(word) and word.lower() not in abbreviations:
            word = word[:-1]
        if word:
            out.append((word, m.start(), poss))
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(r["term"].lower() for r in _role_rows() if r["term"].endswith("."))


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Lemmas of nouns that name a place, not an actor (actor_place_nouns.txt): "villages"."""
    return frozenset(load_lines("actor_place_nouns.txt"))


@lru_cache(maxsize=1)
def _role_rows() -> tuple[dict[str, str], ...]:
    return tuple(load_tsv("roles.tsv"))


def _plurals(term: str) -> list[str]:
    words = term.split()
    last = words[-1]
    if last.endswith(".") or last.endswith("s") or last in ("police", "people", "military",
                                                             "media", "intelligence", "militiamen"):
        return []
    if last.endswith("man"):
        forms = [last[:-3] + "men"]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("ch", "sh", "x")):
        forms = [last + "es"]
    else:
        forms = [last + "s"]
    return [" ".join(words[:-1] + [f]) for f in forms]


def _demonym_plurals(word: str) -> list[str]:
    if word.endswith(("ese", "ish", "ch", "sh", "ss", "s", "i.", ".")) or " " in word:
        return [word[:-1] + "men"] if word.endswith("man") else []
    return [word + "s"]


@dataclass
class _Lexicon:
    exact: dict[tuple[str, ...], list[_Entry]]    # case-sensitive acronyms (US, UN, WHO)
    lower: dict[tuple[str, ...], list[_Entry]]
    countries: dict[str, str]                     # ISO3 -> name
    titles_pattern: re.Pattern
    longest: dict[str, int]                       # first word (lowercase) -> longest key length

    def lookup(self, words: list[str], i: int) -> tuple[int, list[_Entry]]:
        """Longest match starting at token i: (length, entries), or (0, [])."""
        # Only n-grams some key starts with are tried: most words start none (fast path).
        for n in range(min(self.longest.get(words[i].lower(), 0), len(words) - i), 0, -1):
            key = tuple(words[i:i + n])
            hits = self.exact.get(key)
            if hits:
                return n, hits
            hits = self.lower.get(tuple(w.lower() for w in key))
            if hits:
                if all(e.cap for e in hits) and not key[0][:1].isupper():
                    continue
                hits = [e for e in hits if not e.cap or key[0][:1].isupper()]
                return n, hits
        return 0, []


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= 5


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    exact: dict[tuple[str, ...], list[_Entry]] = {}
    lower: dict[tuple[str, ...], list[_Entry]] = {}

    def add(surface: str, entry: _Entry) -> None:
        words = tuple(w for w, _, _ in _tokens(surface))
        if not words:
            return
        if _is_acronym(surface):
            exact.setdefault(words, []).append(entry)
        else:
            bucket = lower.setdefault(tuple(w.lower() for w in words), [])
            # Explicit rows beat derived plurals and earlier same-kind rows keep priority.
            if not any(e.kind == entry.kind for e in bucket):
                bucket.append(entry)

    countries: dict[str, str] = {}
    for row in load_tsv("organisations.tsv"):
        entry_args = dict(country=row["country"] or None, sector=row["sector"] or None, name=row["name"])
        for alias in [row["name"]] + row["aliases"].split(";"):
            if alias.strip():
                add(alias.strip(), _Entry("org", alias.strip(), **entry_args))
    for row in load_tsv("countries.tsv"):
        iso, name = row["iso3"], row["name"]
        countries[iso] = name
        for alias in [name] + row["alt_names"].split(";"):
            if alias.strip():
                add(alias.strip(), _Entry("country", alias.strip(), iso, None, name))
        for dem in row["demonyms"].split(";"):
            dem = dem.strip()
            if dem:
                add(dem, _Entry("demonym", dem, iso, None, name))
                for form in _demonym_plurals(dem):
                    add(form, _Entry("demonym", dem, iso, None, name, plural=True))
        if row["capital"]:
            add(row["capital"], _Entry("capital", row["capital"], iso, "GOV", name))
        for seat in row["seats"].split(";"):
            if seat.strip():
                where, _, sector = seat.partition("=")
                add(where.strip(), _Entry("seat", where.strip(), iso, sector.strip() or "GOV", name))
        for region in row["regions"].split(";"):
            if region.strip():
                add(region.strip(), _Entry("region", region.strip(), iso, None, name))
    # The Phoenix country records' other names (spellings such as "Ethopia", cities such as
    # "Herat"): places of their country, where no row of ours names the words already.
    for key, iso in actor_dictionary().country_names.items():
        if key and key not in lower and iso in countries and (len(key) > 1 or len(key[0]) > 3):
            # Capitalised only: "us" is a pronoun, "Chad" alone is left to countries.tsv.
            lower[key] = [_Entry("region", " ".join(key), iso, None, countries[iso], cap=True)]
    explicit = {r["term"].lower() for r in _role_rows()}
    for row in _role_rows():
        term = row["term"]
        args = dict(sector=row["sector"], title=row["kind"] == "title",
                    domestic=row["domestic"] == "1", inherits=row.get("inherits") == "1")
        add(term, _Entry("role", term, cap=row.get("case") == "cap", **args))
        for plural in _plurals(term):
            if plural.lower() not in explicit:
                add(plural, _Entry("role", term, **args))
    titles = sorted({r["term"] for r in _role_rows() if r["kind"] == "title"}, key=len, reverse=True)
    title_alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    # Title then a capitalised name of 1-4 words ("President Kassym-Jomart Tokayev").
    titles_pattern = re.compile(
        r"(?<![\w-])(?i:(" + title_alt + r"))(?!\w)\s+"
        r"((?:(?:al-|el-|bin\s|ben\s|abu\s|de\s|van\s|von\s)?[A-Z][\w'’-]+\.?\s?){1,4})")
    longest: dict[str, int] = {}
    for key in list(exact) + list(lower):
        first = key[0].lower()
        longest[first] = max(longest.get(first, 0), len(key))
    return _Lexicon(exact, lower, countries, titles_pattern, longest)


def _match_all(words: list[str]) -> tuple[list[_Match], list[int]]:
    """Greedy longest matches over the words, and the indexes of words no entry covered."""
    lex = _lexicon()
    matches, loose, i = [], [], 0
    while i < len(words):
        n, entries = lex.lookup(words, i)
        if not n and "-" in words[i]:
            # "Russian-led", "US-backed", "Saudi-funded": the first part names a country.
            _, entries = lex.lookup([words[i].split("-")[0]], 0)
            entries = [e for e in entries if e.kind in _PLACE_KINDS]
            n = 1 if entries else 0
        if n:
            matches.extend(_Match(e, i, i + n) for e in entries)
            i += n
        else:
            loose.append(i)
            i += 1
    return matches, loose


@dataclass(frozen=True)
class _People:
    keys: dict[tuple[str, ...], _Person]     # lowercase name words -> the person (name "" if shared)
    longest: dict[str, int]                  # first word -> longest key length
    shared: frozenset[tuple[str, ...]]       # forms two listed people share


@lru_cache(maxsize=1)
def _known_people() -> _People:
    """people.tsv: well-known officials by full name and listed short forms.

    A form two people share keeps their country and sector only when both agree ("Bush"); it then
    names nobody in particular. A form they disagree on is dropped.
    """
    keys: dict[tuple[str, ...], _Person] = {}
    dropped: set[tuple[str, ...]] = set()
    for row in load_tsv("people.tsv"):
        person = _Person(row["name"], row["country"] or None, row["sector"] or None, "person:known")
        for form in [row["name"]] + [a.strip() for a in row["aliases"].split(";") if a.strip()]:
            key = tuple(w.lower() for w, _, _ in _tokens(form))
            if not key or key in dropped:
                continue
            old = keys.get(key)
            if old is None:
                keys[key] = person
            elif old.name != person.name:
                if (old.country, old.sector) == (person.country, person.sector):
                    keys[key] = _Person("", person.country, person.sector, person.rule)
                else:
                    del keys[key]
                    dropped.add(key)
    longest: dict[str, int] = {}
    for key in keys:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    shared = frozenset(dropped) | frozenset(k for k, p in keys.items() if not p.name)
    return _People(keys, longest, shared)


def _find_known(words: list[str], lo: int = 0, hi: int | None = None) -> tuple[int, _Person] | None:
    """The first well-known person named in words[lo:hi], longest form first: (start, person)."""
    people = _known_people()
    hi = len(words) if hi is None else hi
    for i in range(lo, hi):
        for n in range(min(people.longest.get(words[i].lower(), 0), hi - i), 0, -1):
            last = words[i + n - 1]
            if not last[:1].isupper():
                continue        # names end in a capitalised word: "rice" is no Condoleezza Rice
            found = people.keys.get(tuple(w.lower() for w in words[i:i + n]))
            if found is not None:
                return i, found
    return _find_misspelt(words, lo, hi)


def _find_misspelt(words: list[str], lo: int, hi: int) -> tuple[int, _Person] | None:
    """A listed person whose full name is written with its last word misspelt by one edit
    ("Francois Mitterand"): the other words must match exactly and the surname be long (6+).
    A name is matched to a listed name, never to a country."""
    people = _known_people()
    for i in range(lo, hi):
        for n in range(min(people.longest.get(words[i].lower(), 0), hi - i), 1, -1):
            last = words[i + n - 1]
            if len(last) < 6 or not last[:1].isupper():
                continue
            lead = tuple(w.lower() for w in words[i:i + n - 1])
            hits = {p.name: p for key, p in people.keys.items() if len(key) == n and key[:-1] == lead
                    and p.name and _one_edit(last.lower(), key[-1])}
            if len(hits) == 1:
                person = next(iter(hits.values()))
                return i, _Person(person.name, person.country, person.sector, "person:known:misspelt")
    return None


# Appositive: "Karim Massimov, the head of the intelligence services," / "Tokayev, Kazakhstan's president,"


@dataclass(frozen=True)
class _Listed:
    """A Phoenix/PETRARCH2 actor entry found in a phrase, coded on the event's day."""

    start: int                # word index in the phrase
    end: int
    entry: ActorEntry
    code: tuple[str, int, int] | None    # the code that held on the day (None: none held)
    country: str | None
    sector: str | None


def _find_listed(words: list[str], day: int | None, names: frozenset[int] = frozenset(),
                 lo: int = 0, hi: int | None = None) -> _Listed | None:
    """The first Phoenix actor entry named in words[lo:hi], longest first, matched exactly on its
    key words ("al-Maliki" = "al Maliki"); names start and end with a capitalised word.

    Several entries under one name must agree on the country of the code that held on ``day``;
    when no code held then (a former office), the person keeps the country of their latest
    earlier code, with no sector (CAMEO's elites). ``names``: indexes of capitalised words no
    lexicon knows; an entry may not start or end inside such a run: "Un" of "Kim Jong Un" is
    not the UN."""
    hi = len(words) if hi is None else hi
    keys: list[str] = []
    owner: list[int] = []           # key word -> index of the phrase word it comes from
    for i in range(lo, hi):
        for k in key_words(words[i]):
            keys.append(k)
            owner.append(i)
    dictionary = actor_dictionary()
    j = 0
    while j < len(keys):
        first = words[owner[j]]
        if not _capitalised(first) or (j > 0 and owner[j - 1] == owner[j]) or owner[j] - 1 in names:
            j += 1
            continue
        n, entries = dictionary.match(keys, j)
        if n == 1 and (keys[j],) in _known_people().shared:
            n = 0           # a surname two listed people share ("Hussein") names nobody
        last = owner[j + n - 1] if n else -1
        if n and _capitalised(words[last]) and last + 1 not in names and (
                j + n == len(keys) or owner[j + n] != last):
            found = _code_listed(entries, day)
            if found is not None and n == 1 and _surname_countries().get(keys[j], {found[2]}) - {found[2]}:
                found = None    # a surname listed people of another country share ("Hussein")
            if found is not None:
                code, entry, country, sector = found
                return _Listed(owner[j], owner[j + n - 1] + 1, entry, code, country, sector)
        j += max(n, 1)
    return None


def _capitalised(word: str) -> bool:
    """A name's word: capitalised, or a particle before a capitalised part ("al-Maliki")."""
    return word[:1].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])


def _code_listed(entries: list[ActorEntry], day: int | None):
    """(code, entry, country, sector) for the entries of one name, or None when they disagree."""
    coded = []
    for entry in entries:
        code = entry.code_on(day)
        if code is not None:
            coded.append((code, entry) + describe_code(code[0]))
        elif day is not None:
            before = [c for c in entry.codes if c[2] < day] or list(entry.codes)
            if before:
                latest = max(before, key=lambda c: c[2])
                coded.append((None, entry, describe_code(latest[0])[0], None))
    if not coded:
        return None
    on_day = [c for c in coded if c[0] is not None] or coded
    if len({c[2] for c in on_day}) != 1:
        return None         # two people or bodies of different countries share the name
    return on_day[0]


@lru_cache(maxsize=1)
def _surname_countries() -> dict[str, set[str | None]]:
    """The last word of each listed person's full name (people.tsv) -> their countries."""
    out: dict[str, set[str | None]] = {}
    for row in load_tsv("people.tsv"):
        words = key_words(row["name"])
        if len(words) > 1:
            out.setdefault(words[-1], set()).add(row["country"] or None)
    return out
