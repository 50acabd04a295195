"""Composes the stages for one article and for batches of articles.

ingest -> sentences (regex) -> prefilter -> spaCy parse -> events -> actors,
status, counts, dates, places -> records. Engines (runners/) only call
``extract_articles``; the CLI and the Python API call ``extract``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .codebooks import acled_for, load_tsv
from .config import Settings
from .errors import InputError
from .extraction.counts import find_counts, to_count
from .extraction.events import EventMention, find_event_mentions, prefilter
from .extraction.sentences import Sentence, candidate_sentences, split_sentences
from .extraction.status import classify_status
from .ingest import article_from_bytes
from .model import Article, Attribution, Event, Evidence, Place, Source, When
from .nlp import load_pipeline
from .relevance import judge as judge_relevance, score as relevance_score
from .repeats import RepeatTracker, event_id, merge_key
from .resolve.actors import ActorResolver
from .resolve.dates import find_time_mentions, open_range
from .resolve.places import focus_place, recognize_toponyms, resolve_toponyms
from .syntax import PASS_SUBJ, SUBJ, clause_range

DEFAULT_SETTINGS = Settings()


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
    """The events of each article, parsing every candidate sentence of the batch in one ``nlp.pipe``."""
    settings = settings or DEFAULT_SETTINGS
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
        events = [e for e in code_article(article, parsed, merge_repeats=settings.merge_repeats)
                  if e.confidence >= settings.min_confidence]
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


@dataclass
class _Context:
    """What one article's events share: its source, anchor date, actors and places."""

    article: Article
    source: Source
    anchor: date | None
    actors: ActorResolver
    places: list[Place]
    focus: Place | None


def code_article(article: Article, parsed: list[tuple[Sentence, Doc]], merge_repeats: bool = True) -> list[Event]:
    """Turn the parsed candidate sentences of one article into event records.

    With ``merge_repeats`` an event told twice (the same merge key: headline and lede) or recalled
    by a back-reference ("the attack", "Saturday's bombing": ``is_back_reference``, ``antecedent``)
    is kept once, at its first mention, which takes the repeat's counts, place and finer date;
    without it every mention is a record, as mention-level evaluations (WikiEvents triggers) need.
    """
    anchor = date.fromisoformat(article.published) if article.published else None
    spans: list[tuple[int, int]] = []
    for sentence, doc in parsed:
        spans.extend((sentence.start + a, sentence.start + b) for a, b in recognize_toponyms(doc))
    places = [p for p in resolve_toponyms(article.text, spans) if p is not None]
    ctx = _Context(
        article=article,
        source=Source(article.id, article.url, article.title, article.site, article.published),
        anchor=anchor,
        actors=ActorResolver(article.text),
        places=places,
        focus=focus_place(places),
    )
    events: list[Event] = []
    told = RepeatTracker()
    for sentence, doc in parsed:
        for sent in doc.sents:
            for mention, event in _code_sentence(ctx, sentence.start, sent):
                if merge_repeats and told.merged(events, mention, event, sentence.start):
                    continue    # the same event told again: kept once, at its first mention
                events.append(event)
    return events


def _code_sentence(ctx: _Context, base: int, sent: Span) -> list[tuple[EventMention, Event]]:
    mentions = find_event_mentions(sent)
    if not mentions:
        return []
    counts = find_counts(sent)
    events = []
    for mention in mentions:
        clause = clause_range(mention.trigger)
        status = expressed_status(mention)
        event = Event(type=mention.type, mode=mention.mode, cameo=mention.cameo, status=status.status,
                      confidence=round(mention.confidence, 3), source=ctx.source)
        event.explain.append(f"type {mention.type}: {mention.rule}")
        event.explain.append(f"status {status.status}: {status.cue or 'no cue'}")
        if mention.source is not None:
            event.actor1 = ctx.actors.resolve(mention.source)
            event.explain.append(f"actor1 {mention.source.text!r}: {event.actor1.rule}")
        if mention.target is not None:
            event.actor2 = ctx.actors.resolve(mention.target)
            event.explain.append(f"actor2 {mention.target.text!r}: {event.actor2.rule}")
        if status.attribution:
            speaker_actor = (ctx.actors.resolve(status.speaker) if status.speaker is not None
                             else ctx.actors.resolve_text(status.attribution))
            event.attribution = Attribution(status.attribution, speaker_actor)
        when = _when(ctx, sent, mention.trigger, clause, event.status)
        if when is not None:
            event.date, event.date_end, event.date_precision, event.date_text = (
                when.date, when.date_end, when.precision, when.text)
            event.explain.append(f"date {when.value or when.date}: {when.text or 'publication week'}")
        acting = (mention.source.start_char, mention.source.end_char) if mention.source is not None else None
        event.location = _location(ctx, base, clause, acting)
        if event.location is not None:
            event.explain.append(f"location {event.location.name}: {event.location.precision}")
        event.acled_type, event.acled_subtype = acled_for(
            event.type, event.mode, event.cameo,
            event.actor1.sector if event.actor1 else None, event.actor2.sector if event.actor2 else None)
        event.evidence = Evidence(sent.text, base + sent.start_char, base + sent.end_char,
                                  trigger=mention.trigger.text, trigger_start=base + mention.trigger.idx)
        events.append((mention, event))
    _attach_counts(counts, events, base)
    for _, event in events:
        event.id = event_id(event)
    return events


_EXPRESSIONS = ("frame:", "modal:", "comm+must")


def expressed_status(mention: EventMention):
    """The status of a mention; a refusal, promise, threat or demand is itself the event.

    "said it would not withdraw" is a REJECT that happened, not a denied withdrawal: when the
    coder folded the modal or negation into the type, it no longer makes the event unreal.
    """
    status = classify_status(mention.trigger)
    how = mention.rule.split(" ")[1] if " " in mention.rule else ""
    if how.startswith(_EXPRESSIONS) and status.status in ("planned", "denied", "hypothetical"):
        return replace(status, status="claimed" if status.attribution else "occurred",
                       cue=f"{status.cue} (folded into {mention.type} by {how})")
    return status


_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_GOVERNORS = {"schedule", "plan", "set", "expect", "intend", "due", "prepare", "vow", "promise"}


def clause_tense(trigger: Token) -> str | None:
    """past, present or future, read from the trigger's verb group in the parse."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "dobj", "pcomp") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    for token in chain:
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or token.lemma_ in _FUTURE_GOVERNORS:
            return "future"
    for token in chain:
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if "Past" in token.morph.get("Tense") and token.tag_ == "VBD":
            return "past"
        if any("Past" in a.morph.get("Tense") for a in auxes) or any(a.lemma_ == "have" for a in auxes):
            return "past"
    return "present"


def _when(ctx: _Context, sent: Span, trigger: Token, clause: tuple[int, int], status: str) -> When | None:
    tense = clause_tense(trigger)
    mentions = [m for m in find_time_mentions(sent.doc.text, ctx.anchor, tense)
                if m.kind == "DATE" and m.when is not None and clause[0] <= m.start and m.end <= clause[1]
                and not _dates_another_noun(sent.doc, m.start, m.end, trigger)]
    if mentions:
        best = min(mentions, key=lambda m: abs(m.start - trigger.idx))
        if best.when.date or best.when.text:
            return open_range(sent.doc.text, best, ctx.anchor)
    if ctx.anchor is None or status in ("planned", "hypothetical"):
        return None
    # No time words in the clause: the news is about the days before publication.
    week_start = ctx.anchor.toordinal() - 6
    return When(date=date.fromordinal(week_start).isoformat(), date_end=ctx.anchor.isoformat(),
                precision="week", text=None, value=None)


def _dates_another_noun(doc: Doc, start: int, end: int, trigger: Token) -> bool:
    """ "following last week's unrest": a possessive time belongs to its own noun, not the trigger."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "poss" and root.head.i != trigger.i


def _location(ctx: _Context, base: int, clause: tuple[int, int],
              acting: tuple[int, int] | None = None) -> Place | None:
    """The place named in the event's clause, else the article's focus at country precision.

    A place inside the acting actor's words ("Syria has offered", "Kenyan police") names who
    acts, not where.
    """
    lo, hi = base + clause[0], base + clause[1]
    inside = [p for p in ctx.places if p.start is not None and lo <= p.start and p.end <= hi
              and not (acting and base + acting[0] <= p.start and p.end <= base + acting[1])]
    if inside:
        return min(inside, key=Place.precision_rank)
    if ctx.focus is not None:
        return _lowered(ctx.focus)
    return None


def _lowered(place: Place) -> Place:
    """The article's focus as an event place: only as precise as its country."""
    if place.precision == "country":
        return place
    return Place(text=place.text, name=place.name, country=place.country, admin1=None, lat=None, lon=None,
                 geonames_id=None, precision="country")


@lru_cache(maxsize=1)
def _count_kinds_table() -> dict[tuple[str, str], frozenset[str]]:
    """(PLOVER type, CAMEO code or '-') -> the count kinds such an event can measure."""
    table = {}
    for row in load_tsv("event_count_kinds.tsv"):
        kinds = row["kinds"].strip()
        table[(row["type"], row["cameo"].strip() or "-")] = (
            frozenset() if kinds == "-" else frozenset(k.strip() for k in kinds.split(",")))
    return table


def count_kinds_for(event_type: str, cameo: str | None) -> frozenset[str]:
    """The count kinds an event of this type and CAMEO code can measure (event_count_kinds.tsv).

    The row of the longest CAMEO code that prefixes ``cameo`` wins, else the type's default row:
    an arrest (173) measures the detained, not the dead.
    """
    table = _count_kinds_table()
    code = cameo or ""
    for n in range(len(code), 0, -1):
        kinds = table.get((event_type, code[:n]))
        if kinds is not None:
            return kinds
    return table.get((event_type, "-"), frozenset())


_SUBJECTS = SUBJ + PASS_SUBJ + ("expl",)
# An adverbial clause with its own subject tells another happening than the one it hangs on
# ("detained after violence rocked the country, leaving dozens dead"). Reported speech (ccomp),
# coordination and relative clauses are climbed through: "officials said 3 died", and "an attack
# at a cafe which killed 13" (the parser often hangs the relative clause on the nearest noun).
_OWN_CLAUSE_DEPS = ("advcl",)


def count_clause(anchor: Token) -> Token | None:
    """The head of the adverbial clause with its own subject that holds a count's anchor, or
    None when the count sits in the sentence's main line (every event of the sentence may take it)."""
    for tok in [anchor, *anchor.ancestors]:
        if tok.dep_ in _OWN_CLAUSE_DEPS and any(c.dep_ in _SUBJECTS for c in tok.children):
            return tok
    return None


def _count_target(found, events: list[tuple[EventMention, Event]]) -> tuple[Event | None, str]:
    """The event a count measures and why; (None, reason) when no event can take it."""
    anchor = found.anchor
    able = [(m, e) for m, e in events if found.kind in count_kinds_for(e.type, e.cameo)]
    if anchor is None:
        return (able[0][1], "first event that can measure it") if able else (None, "no event can measure it")
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    for mention, event in events:
        # The count is the trigger's own word or its own argument ("seized hundreds of hostages"):
        # it measures the event if the type can, even when the row's CAMEO code would not.
        if mention.trigger.i in (anchor.i, verb.i if verb is not None else -1) and found.kind in (
                count_kinds_for(event.type, event.cameo) | count_kinds_for(event.type, None)):
            return event, f"its word {mention.trigger.text!r}"
    head = count_clause(anchor)
    if head is not None:
        inside = {t.i for t in head.subtree}
        able = [(m, e) for m, e in able if m.trigger.i in inside]
        if not able:
            return None, (f"its clause {head.text!r} ({head.dep_}) holds no event that can measure it")
    if not able:
        what = "; ".join(f"{e.type} {e.cameo or '-'} measures "
                         f"{','.join(sorted(count_kinds_for(e.type, e.cameo))) or 'none'}" for _, e in events)
        return None, f"no event in the sentence can measure it ({what})"
    ancestors = {t.i for t in anchor.ancestors}
    ranked = [(m.trigger.i not in ancestors, abs(m.trigger.i - anchor.i), e) for m, e in able]
    best = min(ranked, key=lambda r: (r[0], r[1]))
    return best[2], ("governs it" if not best[0] else "nearest event that can measure it")


def _attach_counts(counts: list, events: list[tuple[EventMention, Event]], base: int) -> None:
    """Give each count to the event it measures: its own trigger, else an event of the clause it
    sits in whose type and CAMEO code can measure its kind; a count no event can take is dropped
    and the drop is explained on the sentence's events."""
    for found in counts:
        target, why = _count_target(found, events)
        if target is None:
            for _, event in events:
                event.explain.append(f"count {found.kind} {found.text!r} dropped: {why}")
            continue
        if found.kind in target.counts:
            continue
        count = to_count(found)
        if count.start is not None:
            count.start += base
            count.end += base
        target.counts[found.kind] = count
        target.explain.append(f"count {found.kind} {count.text!r}: {why}")


__all__ = ["extract", "extract_article", "extract_articles", "code_article", "merge_key", "InputError"]
