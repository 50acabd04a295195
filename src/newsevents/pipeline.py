"""Composes the stages for one article and for batches of articles.

ingest -> sentences (regex) -> prefilter -> spaCy parse -> event mentions -> assembly (actors,
status, counts, dates, places: assemble.py) -> records. Engines (runners/) only call
``extract_articles``; the CLI and the Python API call ``extract``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import article_context, assemble_sentence, count_kinds_for
from .config import Settings
from .errors import InputError
from .extraction.events import find_event_mentions, prefilter
from .extraction.sentences import Sentence, candidate_sentences, split_sentences
from .ingest import article_from_bytes
from .invariants import finish_records
from .model import Article, Event
from .nlp import load_pipeline
from .relevance import is_public_affairs, judge as judge_relevance, needs_public_actor, score as relevance_score
from .merge.within import RepeatTracker
from .resolve.places import recognize_toponyms

DEFAULT_SETTINGS = Settings()
# spaCy refuses a text over nlp.max_length (a million characters) and its parser needs about
# 1 GB per 100,000 characters parsed at once: a longer article is coded in parts of at most
# this many characters, cut at a paragraph, sentence or word end (evidence offsets are then
# moved back into the whole text). Long text is split, never refused.
PART_CHARS = 100_000
# Coding a sentence costs more than linear time in its length (10,000 characters 7 s, 20,000
# 32 s): a run of text this long without a sentence end is not a sentence, and is cut at spaces.
SENTENCE_CHARS = 2_000
_RUN_ON = re.compile(r"[^.!?\n]{%d,}" % SENTENCE_CHARS)

def extract(text_or_html: str, published: str | None = None, url: str | None = None,
            title: str | None = None, settings: Settings | None = None) -> list[Event]:
    """The events of one article given as HTML or as (scraped) plain text.

    Args:
        text_or_html: the page's HTML or the article's text.
        published: publication date (YYYY-MM-DD); relative dates resolve against it.
        url: the article's address, kept as its source.
        title: the article's title, when known.
        settings: pipeline options; defaults to ``Settings()``.
    Returns:
        The event records, in text order.
    Raises:
        InputError: the input is empty, binary, too large, not English or holds no article.
    """
    settings = settings or DEFAULT_SETTINGS
    article = article_from_bytes(text_or_html.encode("utf-8"), origin="<string>", settings=settings,
                                 published=published, url=url)
    if title and not article.title:
        article.title = title
    return extract_article(article, settings)


def extract_article(article: Article, settings: Settings | None = None) -> list[Event]:
    """The events of one ingested article."""
    return extract_articles([article], settings)[0]


def extract_articles(articles: list[Article], settings: Settings | None = None) -> list[list[Event]]:
    """The events of each article, parsing every candidate sentence of the batch in one ``nlp.pipe``
    (an article over PART_CHARS on its own, part by part)."""
    settings = settings or DEFAULT_SETTINGS
    if not any(map(_too_long, articles)):
        return _extract_batch(articles, settings)
    short = iter(_extract_batch([a for a in articles if not _too_long(a)], settings))
    return [_extract_in_parts(a, settings) if _too_long(a) else next(short) for a in articles]


def _too_long(article: Article) -> bool:
    return len(article.text) > PART_CHARS or _RUN_ON.search(article.text) is not None


def text_parts(text: str) -> list[tuple[int, str]]:
    """``text`` cut into (offset, part) pieces: at most PART_CHARS each, cut at the last
    paragraph break, else sentence end, else space of the window; a run-on stretch without a
    sentence end in pieces of at most SENTENCE_CHARS."""
    parts, pos = [], 0
    for m in _RUN_ON.finditer(text):
        parts += _cut(text, pos, m.start(), PART_CHARS) + _cut(text, m.start(), m.end(), SENTENCE_CHARS)
        pos = m.end()
    parts += _cut(text, pos, len(text), PART_CHARS)
    return [(offset, part) for offset, part in parts if part.strip()]


def _cut(text: str, start: int, end: int, size: int) -> list[tuple[int, str]]:
    parts = []
    while end - start > size:
        window = text[start:start + size]
        cut = next((m.end() for pattern in (r"\n\s*\n", r"[.!?]\s", r"\s")
                    for m in [_last_match(pattern, window)] if m and m.end() > size // 2), size)
        parts.append((start, text[start:start + cut]))
        start += cut
    parts.append((start, text[start:end]))
    return parts


def _last_match(pattern: str, text: str) -> re.Match | None:
    last = None
    for last in re.finditer(pattern, text):
        pass
    return last


def _extract_in_parts(article: Article, settings: Settings) -> list[Event]:
    """The events of a long article, its parts coded in batches of at most PART_CHARS."""
    events: list[Event] = []
    batch: list[tuple[int, str]] = []
    parts = text_parts(article.text)
    for i, (offset, part) in enumerate(parts):
        batch.append((offset, part))
        if i + 1 < len(parts) and sum(len(p) for _, p in batch) + len(parts[i + 1][1]) <= PART_CHARS:
            continue
        coded = _extract_batch([replace(article, text=p) for _, p in batch], settings)
        for (start, _), found in zip(batch, coded):
            for event in found:
                _shift(event, start)
                events.append(event)
        batch = []
    return events


def _shift(event: Event, offset: int) -> None:
    """Move an event's character offsets from its part into the whole article text."""
    spans = [event.evidence, event.location, event.actor1, event.actor2, *event.counts.values()]
    for span in spans:
        for name in ("start", "end", "trigger_start"):
            if span is not None and isinstance(getattr(span, name, None), int):
                setattr(span, name, getattr(span, name) + offset)


def _extract_batch(articles: list[Article], settings: Settings) -> list[list[Event]]:
    nlp = load_pipeline(settings.spacy_model)
    triggers = prefilter()
    chosen: list[list[Sentence]] = []
    for article in articles:
        # an article that is not public-affairs news is kept (with its score) but not coded
        sentences = split_sentences(article.text) if judge_relevance(article, settings.min_relevance) else []
        sentences = candidate_sentences(sentences, triggers) if settings.prefilter else sentences
        if settings.min_sentence_relevance > 0:
            sentences = [s for s in sentences if relevance_score(s.text) >= settings.min_sentence_relevance]
        chosen.append(sentences)
    texts = [s.text for group in chosen for s in group]
    docs = iter(parse_candidates(nlp, texts, settings))
    results = []
    for article, group in zip(articles, chosen):
        parsed = [(s, doc) for s, doc in zip(group, docs) if doc is not None]
        # the one place records are finished: the invariants hold on every path (invariants.py)
        events = finish_records(article, code_article(article, parsed, merge_repeats=settings.merge_repeats,
                                                      record_model=settings.record_model))
        events = [e for e in events if e.confidence >= settings.min_confidence
                  and (settings.keep_non_events or e.non_event is None)]
        # in the band where news and other pages overlap, an event that is no violence and has no
        # government, military, police or other public actor is most often a product, a match or a market move
        if needs_public_actor(article, settings.min_relevance, settings.min_relevance_without_public_actor):
            events = [e for e in events if is_public_affairs(e)]
        for event in events:
            sentence = relevance_score(event.evidence.sentence) if event.evidence else None
            event.explain.append(f"relevance: article {article.relevance:.2f} ({article.relevance_label})"
                                 + (f", sentence {sentence:.2f}" if sentence is not None else ""))
        results.append(events)
    return results


def parse_candidates(nlp: Language, texts: list[str], settings: Settings) -> list[Doc | None]:
    """Parse candidate sentences; None for those that hold no event.

    Named entities cost as much as the rest of the small pipeline together, and most candidate
    sentences hold no event once parsed, so with ``settings.deferred_ner`` the entity recogniser
    runs only on sentences where the coder finds an event mention without it.
    """
    if not settings.deferred_ner or "ner" not in nlp.pipe_names:
        return list(nlp.pipe(texts, batch_size=settings.batch_size))
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size, disable=["ner"]))
    keep = [i for i, doc in enumerate(docs) if any(find_event_mentions(sent) for sent in doc.sents)]
    ner = nlp.get_pipe("ner")
    out: list[Doc | None] = [None] * len(docs)
    for i, doc in zip(keep, ner.pipe((docs[i] for i in keep), batch_size=settings.batch_size)):
        out[i] = doc
    return out


def code_article(article: Article, parsed: list[tuple[Sentence, Doc]], merge_repeats: bool = True,
                 record_model: bool = True) -> list[Event]:
    """Turn the parsed candidate sentences of one article into event records.

    With ``merge_repeats`` an event told twice (the same merge key: headline and lede) or recalled
    by a back-reference ("the attack", "Saturday's bombing": ``is_back_reference``, ``antecedent``)
    is kept once, at its first mention, which takes the repeat's counts, place and finer date;
    without it every mention is a record, as mention-level evaluations (WikiEvents triggers) need.
    """
    spans: list[tuple[int, int]] = []
    for sentence, doc in parsed:
        spans.extend((sentence.start + a, sentence.start + b) for a, b in recognize_toponyms(doc))
    ctx = article_context(article, spans, record_model)
    events: list[Event] = []
    told = RepeatTracker()
    for sentence, doc in parsed:
        for sent in doc.sents:
            for mention, event in assemble_sentence(ctx, sentence.start, sent):
                if merge_repeats and told.merged(events, mention, event, sentence.start):
                    continue    # the same event told again: kept once, at its first mention
                events.append(event)
    return events


__all__ = ["extract", "extract_article", "extract_articles", "code_article", "count_kinds_for",
           "InputError"]
