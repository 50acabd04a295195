"""Relevance: is a text public-affairs news (politics, government, conflict, protest, crime and
justice, diplomacy, disasters, public health) or something else (reviews, sports, entertainment,
markets, advice, recipes, blogs)?

A logistic regression over word and word-pair features, trained by ``train.py`` and shipped as
``data/model.json``; it is scored here in pure Python, so the runtime needs nothing more. The same
model scores a whole article (title and body) and a single sentence.

Public API:
    score(text) -> float                     probability that a passage or sentence is public-affairs news
    article_score(text) -> float             the mean score of an article's three-sentence chunks
    label_for(score, threshold) -> str       "news" or "other"
    needs_public_actor(article, threshold, sure) -> bool   whether only public-affairs events are kept
    is_public_affairs(event) -> bool         violence, or an actor acting in public affairs (by its sector)
    top_features(text, n) -> list            the words that pushed the score most, for `explain`
    section_of(url) -> str | None            the section, not public affairs, a URL files its page under
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..model import STATE_NOTE

NEWS = "news"
OTHER = "other"

# Words (with an inner apostrophe), numbers and currency/percent signs; numbers are one feature,
# so a score line or a price is "a number" wherever it appears.
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*|[$%€£]")


# Sentence ends for chunking: end punctuation, space, then something that starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘A-Z0-9])")
# Sentences per chunk when an article is scored: the size of the training passages, so that a long
# article is judged by the same kind of text the model learnt from, whatever its length.
CHUNK_SENTENCES = 3


def sentences_of(text: str) -> list[str]:
    """A cheap sentence split (paragraphs, then end punctuation); sentences under four words dropped."""
    return [s.strip() for para in text.split("\n") for s in _SENTENCE_END.split(para) if len(s.split()) >= 4]


def chunks_of(text: str, size: int = CHUNK_SENTENCES) -> list[str]:
    """Consecutive groups of ``size`` sentences (the whole text when it has no full sentence)."""
    sents = sentences_of(text)
    return [" ".join(sents[i:i + size]) for i in range(0, len(sents), size)] or [text]


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Words that say how a text is written rather than what it is about: spaCy's English stop
    words (function words, "however", "first", "made") and the verbs of reporting."""
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS) | {"s", "t", "said", "says", "say", "told", "according", "added",
                                    "want", "think", "going", "new", "like", "got", "way"}


# Sectors of roles.tsv whose holders act in public affairs (government, military, rebels, police,
# courts, opposition, parties, NGOs); business, media, education and civilian roles ("company",
# "family", "city") are everywhere else too.
PUBLIC_SECTORS = frozenset({"GOV", "MIL", "REB", "COP", "JUD", "OPP", "PTY", "NGO"})


@lru_cache(maxsize=1)
def public_affairs_words() -> dict[str, frozenset[str]]:
    """Words that name public-affairs actors, from the codebooks: role nouns and titles
    (roles.tsv: president, police, rebels, ...) and countries with their demonyms and capitals.
    They generalise beyond the training text: any story about a minister or a country uses them."""
    from newsevents.codebooks import load_tsv
    roles = {row["term"].lower() for row in load_tsv("roles.tsv")
             if " " not in row["term"] and row["sector"] in PUBLIC_SECTORS}
    roles |= {r + "s" for r in roles}
    places: set[str] = set()
    for row in load_tsv("countries.tsv"):
        for field in ("name", "demonyms", "capital"):
            places.update(v.lower() for v in (row.get(field) or "").split(";") if v and " " not in v)
    return {"roles": frozenset(roles), "places": frozenset(places)}


def features(text: str) -> dict[str, float]:
    """The L2-normalised binary bag of lower-cased words and adjacent word pairs of a text, plus
    the share of its words that name public-affairs actors ("__roles", "__places")."""
    tokens = ["0" if t[0].isdigit() else t
              for t in _TOKEN.findall(text.lower().replace("\u2019", "'"))]
    # function words and possessives say how a text is written, not what it is about: a wire-style
    # review would otherwise read as news
    stop = _function_words()
    tokens = [t for t in (t.removesuffix("'s").replace("%", "percent") for t in tokens) if t not in stop]
    if not tokens:
        return {}
    names = set(tokens)
    names.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    if not names:
        return {}
    value = 1.0 / math.sqrt(len(names))
    out = {name: value for name in names}
    for kind, words in public_affairs_words().items():
        # scaled so that one such word in ten is 1.0, like a strong word feature of a short text
        out[f"__{kind}"] = min(1.0, 10.0 * sum(1 for t in tokens if t in words) / len(tokens))
    return out


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The shipped weights: {"bias": float, "weights": {feature: weight}, "threshold": float, ...}."""
    path = resources.files("newsevents.relevance") / "data" / "model.json"
    return json.loads(path.read_text(encoding="utf-8"))


def score(text: str) -> float:
    """Probability (0-1) that ``text`` is public-affairs news; 0.5 for a text with no words."""
    model = load_model()
    weights = model["weights"]
    z = model["bias"] + sum(weights.get(name, 0.0) * value for name, value in features(text).items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Chunks scored per article: the first 30 sentences say what a story is about, and scoring stays
# cheap (a few milliseconds) however long the page.
MAX_CHUNKS = 10


def article_score(text: str) -> float:
    """Relevance of a whole article: the mean score of its first chunks (length does not sway it)."""
    scores = [score(chunk) for chunk in chunks_of(text)[:MAX_CHUNKS]]
    return sum(scores) / len(scores)


def label_for(relevance: float, threshold: float) -> str:
    """"news" at or above the threshold, else "other"."""
    return NEWS if relevance >= threshold else OTHER


def top_features(text: str, n: int = 5) -> list[tuple[str, float]]:
    """The ``n`` features of the text with the largest weight in each direction, for `explain`."""
    weights = load_model()["weights"]
    found = sorted(((name, weights[name]) for name in features(text) if name in weights), key=lambda kv: kv[1])
    return found[-n:][::-1] + found[:n]


# A text of fewer sentences than one chunk is scored and labelled but never gated: on single
# sentences the model misses one news sentence in five (cross-validated sentence recall 0.80), and a
# snippet or a sentence given to `extract` is meant to be coded.
MIN_SENTENCES_TO_GATE = CHUNK_SENTENCES


@lru_cache(maxsize=1)
def other_sections() -> frozenset[str]:
    """Section names of news sites that are not public affairs (data/other_sections.txt)."""
    path = resources.files("newsevents.relevance") / "data" / "other_sections.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def section_of(url: str | None) -> str | None:
    """The section that is not public affairs a URL files its page under: a folder of its path
    (not the page's own last segment, which is its slug) or the first label of its host; None if none."""
    if not url:
        return None
    parts = urlsplit(url)
    sections = other_sections()
    folders = [seg.lower() for seg in parts.path.strip("/").split("/")[:-1]]
    host = (parts.hostname or "").split(".")
    for name in folders + host[:1] * (len(host) > 2):
        if name in sections:
            return name
    return None


# The relevance of a page its publisher files under a section that is not public affairs (sports,
# markets, entertainment, ...): below the default bar, whatever the text. The publisher's own
# filing is surer than a text model trained on other sources, and pages in such sections borrow
# the words of politics (a markets page on government stimulus, a sports page on a club's owner).
SECTION_CAP = 0.45


def judge(article, threshold: float) -> bool:
    """Score an Article (title and body), set its ``relevance`` and ``relevance_label``, and say
    whether it is to be coded: it reaches ``threshold``, the threshold is 0 or less, or the text is
    too short to judge (fewer than ``MIN_SENTENCES_TO_GATE`` sentences). A page whose URL files it
    under a section that is not public affairs (``section_of``) scores at most ``SECTION_CAP``."""
    text = f"{article.title}\n{article.text}" if article.title else article.text
    article.relevance = round(article_score(text), 4)
    if section_of(getattr(article, "url", None)):
        article.relevance = min(article.relevance, SECTION_CAP)
    article.relevance_label = label_for(article.relevance, threshold if threshold > 0 else 0.5)
    return (threshold <= 0 or article.relevance >= threshold
            or len(sentences_of(article.text)) < MIN_SENTENCES_TO_GATE)


# Sectors of resolved actors that act in public affairs: those of the role words above plus the ones
# only organisations and codebook names carry (international bodies, legislatures, intelligence,
# unidentified armed forces). Kept apart from PUBLIC_SECTORS, which the shipped model's features use.
PUBLIC_ACTOR_SECTORS = PUBLIC_SECTORS | {"IGO", "LEG", "SPY", "UAF"}


# PLOVER's type for violence: who attacks whom is public affairs (conflict, crime) whoever does it,
# and bombings and shootings are often told with no actor at all.
VIOLENCE_TYPES = frozenset({"ASSAULT"})


def needs_public_actor(article, threshold: float, sure: float) -> bool:
    """Whether an article judged news keeps only its public-affairs events (``is_public_affairs``):
    its relevance is below ``sure`` (the band where news and reviews, markets, sports and blogs
    overlap), the gate is on (``threshold`` above 0) and the text is long enough to judge. Call
    after ``judge``."""
    return (threshold > 0 and article.relevance is not None and article.relevance < sure
            and len(sentences_of(article.text)) >= MIN_SENTENCES_TO_GATE)


def is_public_affairs(event) -> bool:
    """The event is violence, or one of its actors is coded with a public-affairs sector
    (government, military, police, courts, ...)."""
    return event.type in VIOLENCE_TYPES or any(
        actor is not None and actor.sector in PUBLIC_ACTOR_SECTORS and not _state_named_alone(actor)
        for actor in (event.actor1, event.actor2))


def _state_named_alone(actor) -> bool:
    """The actor is a country's name alone, coded GOV by inference (resolve/actors.py, note "state"):
    teams and markets are named by their country too, so it is no sign of public affairs."""
    return STATE_NOTE in (actor.rule or "").split(";")
