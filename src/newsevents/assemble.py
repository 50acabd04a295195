"""Assembles event records from one article's coded mentions: actors, status, date, place and
counts chosen for each mention from the resolvers' output (resolve/) and the parse.

The pipeline (pipeline.py) composes the stages; this module decides, per event, which date, which
place and which counts belong to it, and says why in ``Event.explain``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .codebooks import acled_rule, identifiable_actor, load_lines, load_tsv, plover_types
from .extraction.acled_cues import acled_cues, date_cues
from .extraction.verb_floor import FLOOR_RULE
from .extraction.counts import find_counts, to_count
from .extraction.events import COOPERATIVE, EventMention, find_event_mentions
from .extraction.status import (accusation_content, classify_status, commentator_names, cue_on_words, in_quotes, relayed_by_third_party,
                                standing_condition, standing_position, status_cues,
                                told_by_another_state)
from .model import Actor, Article, Attribution, Event, Evidence, Place, Source, When, record_id
from .record_model import SIGNS_PREFIX, clause_signs, quoted_spans, real_probability, record_features
from .resolve.actors import ActorResolver
from .resolve.dates import find_time_mentions, open_range
from .resolve.places import resolve_toponyms
from .resolve.split_states import split_by_state
from .resolve.toponyms import dateline_spans
from .syntax import PASS_SUBJ, SUBJ, clause_range


@dataclass
class ArticleContext:
    """What one article's events share: its source, anchor date, actors and places."""

    article: Article
    source: Source
    anchor: date | None
    actors: ActorResolver
    places: list[Place]
    dateline: Place | None = None
    unresolved: list[tuple[int, int]] = field(default_factory=list)  # named places with no coordinates
    quotes: list[tuple[int, int]] = field(default_factory=list)      # direct quotations
    record_model: bool = True
    commentators: frozenset[str] = frozenset()   # people introduced as analysts, by name and surname


def article_context(article: Article, toponym_spans: list[tuple[int, int]],
                    record_model: bool = True) -> ArticleContext:
    """What every event of the article shares: its source, anchor date, actor resolver and places.

    The dateline ("NAIROBI, Jan 10 (Reuters) -") is where the report was filed: the place of an
    event that names none of its own."""
    lead = dateline_spans(article.text)
    spans = sorted(set(toponym_spans) | set(lead))
    resolved = resolve_toponyms(article.text, spans)
    places = [p for p in resolved if p is not None]
    dateline = next((p for span, p in zip(spans, resolved) if p is not None and span in lead), None)
    return ArticleContext(
        article=article,
        source=Source(article.id, article.url, article.title, article.site, article.published),
        anchor=date.fromisoformat(article.published) if article.published else None,
        actors=ActorResolver(article.text, published=article.published),
        places=places,
        dateline=dateline,
        unresolved=[span for span, p in zip(spans, resolved) if p is None],
        quotes=quoted_spans(article.text),
        record_model=record_model,
        commentators=commentator_names(article.text),
    )


def assemble_sentence(ctx: ArticleContext, base: int, sent: Span) -> list[tuple[EventMention, Event]]:
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
        when, why = choose_date(ctx, sent, mention.trigger, clause, event.status)
        if when is not None:
            event.date, event.date_end, event.date_precision, event.date_text = (
                when.date, when.date_end, when.precision, when.text)
        event.explain.append(f"date {when.value or when.date if when else None}: {why}")
        on = when.date if when is not None else None     # a listed person's role on the event's day
        if mention.source is not None:
            event.actor1, why = _slot_actor(ctx, mention.source, on)
            event.explain.append(f"actor1 {mention.source.text!r}: {why}")
        if mention.target is not None:
            # A thing done to ("attacked a convoy") leaves the target empty too: a slot holds an actor.
            event.actor2, why = _slot_actor(ctx, mention.target, on, event.actor1, target=True)
            event.explain.append(f"actor2 {mention.target.text!r}: {why}")
        if _foreign_restriction(event):
            event.explain.append("type SANCTION: a ban or restriction on another country's actor (coding guide)")
        if status.attribution:
            speaker_actor = (ctx.actors.resolve(status.speaker, on=on) if status.speaker is not None
                             else ctx.actors.resolve_text(status.attribution))
            event.attribution = Attribution(status.attribution, speaker_actor)
            if status.status == "occurred" and (status.cue or "").endswith(REPORTED_STATEMENT) and \
                    told_by_another_state(event.actor1, speaker_actor):
                event.status = "claimed"
                event.explain.append("status claimed: a statement told by another country's speaker (one side only)")
        event.non_event = mention.non_event or non_event_reason(mention, status, ctx.commentators) or _floor_without_actors(mention, event)
        if event.non_event:
            event.explain.append(f"not coded by default: {event.non_event}")
        actors = [(a.start_char, a.end_char) for a in (mention.source, mention.target) if a is not None]
        verbal = plover_types().get(mention.type, {}).get("verbal", False)
        event.location, why = choose_place(ctx, base, sent, clause, actors, verbal, mention.trigger)
        event.explain.append(f"location {event.location.name if event.location else None}: {why}")
        rule = acled_rule(event.type, event.mode, event.cameo,
                          event.actor1.sector if event.actor1 else None, event.actor2.sector if event.actor2 else None,
                          acled_cues(mention.trigger, mention.source, mention.target, mention.words)
                          | date_cues(event.date, event.date_end, ctx.article.published))
        if rule is not None:
            if rule.get("target"):
                event.acled_type, event.acled_subtype = rule["target"]
            event.explain.append(f"acled {' / '.join(rule['target']) if rule.get('target') else 'not coded'}: "
                                 f"{rule.get('why', '')}")
            if rule.get("non_event") and not event.non_event and \
                    (rule.get("non_event_whoever") or not identifiable_actor(event.actor1)):
                # an accident, a disaster, a match, a private crime: no identifiable actor acts (acled.json)
                event.non_event = rule["non_event"]
                event.explain.append(f"not coded by default: {event.non_event}")
        event.evidence = Evidence(sent.text, base + sent.start_char, base + sent.end_char,
                                  trigger=mention.trigger.text, trigger_start=base + mention.trigger.idx)
        if ctx.record_model:
            weight = event.confidence
            signs = clause_signs(mention.trigger, sent, len(mentions))
            features = record_features(event, mention.rule, weight, ctx.quotes, len(ctx.article.text), signs)
            event.confidence = round(real_probability(features), 3)
            # the signs are listed so that explain shows them and training reads what was scored
            event.explain.append(f"confidence {event.confidence}: the record model's probability of a real "
                                 f"event (lexicon weight {weight}; {SIGNS_PREFIX}{', '.join(signs)})")
        events.append((mention, event))
    _attach_counts(counts, events, base)
    # one action naming several states is one event per state (coding guide): after the counts
    # are attached, so every state's record carries them
    events = [(mention, record) for mention, event in events
              for record in split_by_state(ctx.actors, event, mention.source, mention.target,
                                            ctx.places, base, ctx.article.text)]
    for _, event in events:
        event.id = record_id(event)
    return events


def _slot_actor(ctx: ArticleContext, span: Span, on: str | None, source: Actor | None = None, target: bool = False):
    """The actor a role's phrase names and why; None for a thing, not an actor (a target: nor
    the source again)."""
    actor = ctx.actors.resolve_target(span, source, on=on) if target else ctx.actors.resolve(span, on=on)
    if actor is None:
        return None, "no actor (a thing, or the source again): empty"
    return actor, actor.rule


_EXPRESSIONS = ("frame:", "modal:", "comm+must")
REPORTED_STATEMENT = " (a reported statement of a verbal event)"
# Cues above the expression that it does not absorb: a promise on a condition, a doubted or
# feared one, or one that failed is still no promise made ("if a deal is reached, troops will
# withdraw", "is unlikely to agree", "wary of offering concessions")
_UNFOLDED_CUES = frozenset({"if", "unless", "whether", "should", "unlikely", "likely", "wary", "reluctant",
                            "hesitant", "afraid", "doubt", "unclear", "elusive", "impossible",
                            "fruitless", "futile", "unable"})


def expressed_status(mention: EventMention):
    """The status of a mention; a refusal, promise, threat or demand is itself the event.

    "said it would not withdraw" is a REJECT that happened, not a denied withdrawal: when the
    coder folded the modal or negation into the type, it no longer makes the event unreal.
    """
    status = classify_status(mention.trigger)
    how = mention.rule.split(" ")[1] if " " in mention.rule else ""
    verbal = plover_types().get(mention.type, {}).get("verbal", False)
    unfolded = status.unreal or (status.cue or "").lower() in _UNFOLDED_CUES
    if status.status == "denied" and not how.startswith("modal:will-not"):
        unfolded = True         # "did not ask", "offered no evidence": the request or offer itself was not made
    if not cue_on_words(status, [mention.trigger] + mention.words):
        # a modal or negation on another verb scopes over this one and is no word of its
        # expression: "Trump may overreach and start threatening" supposes the threat
        unfolded = True
    if (status.cue or "").lower() in ("if ...", "unless ...") and (mention.conditional or status.speaker is not None):
        # a promise or threat on a condition, said by someone ("O'Brien said the president would
        # meet Kim if ...", "will withdraw unless X holds elections") is made: the condition is its own
        unfolded = False
    if status.status == "planned" and _plan_above(status, mention):
        # "plans to urge ministers to focus": the plan is over the whole request, not a word of it
        unfolded = True
    if (how.startswith(_EXPRESSIONS) and status.status in ("planned", "denied", "hypothetical")
            and not unfolded):
        return replace(status, status="claimed" if status.attribution and not verbal else "occurred",
                       cue=f"{status.cue} (folded into {mention.type} by {how})")
    if verbal and status.status == "claimed" and status.attribution:
        # A statement reported is a statement made: "claimed" is for what one side says happened
        # ("the army said it killed 30"), not for the saying itself ("officials said X accused Y").
        return replace(status, status="occurred", cue=f"{status.cue}{REPORTED_STATEMENT}")
    if not verbal and relayed_by_third_party(status, mention.trigger, mention.source):
        return replace(status, status="occurred", cue=f"{status.cue} (relayed by a third party, not a side's own claim)")
    if status.status == "ongoing" and status.cue == mention.trigger.text and _utterance(mention):
        # "Ankara is warning", "sellers are calling on authorities": a statement in the progressive
        # is a statement made (the coding guide dates it by its report), not a standing state.
        return replace(status, status="occurred", cue=f"{status.cue} (a statement in the progressive is made)")
    if status.status == "ongoing" and verbal and _continuation(status, mention.trigger):
        # "will continue to stand with the people": a verbal act pledged to go on is a statement
        # made now (the coding guide dates it by its report); "continues to defy" without the
        # pledge stays a standing condition
        return replace(status, status="occurred", cue=f"{status.cue} (a pledge to go on is a statement made)")
    return status


def _cue_token(status, trigger: Token) -> Token | None:
    """The word of the trigger's sentence that decided ``status`` (the nearest of that text)."""
    word = (status.cue or "").split(" ")[0]
    found = [t for t in trigger.sent if t.text == word]
    return min(found, key=lambda t: abs(t.i - trigger.i)) if found else None


def _continuation(status, trigger: Token) -> bool:
    """Whether the status comes from a verb of continuation above the event that a future
    modal makes a pledge ("will continue to")."""
    cue = _cue_token(status, trigger)
    return cue is not None and cue.i != trigger.i and ("govern", cue.lemma_.lower()) in _govern_ongoing() \
        and any(c.dep_ == "aux" and ("aux", c.lower_) in status_cues() and status_cues()[("aux", c.lower_)] == "planned"
                for c in cue.children)


@lru_cache(maxsize=1)
def _govern_ongoing() -> frozenset[tuple[str, str]]:
    return frozenset((kind, word) for (kind, word), st in status_cues().items() if kind == "govern" and st == "ongoing")


def _plan_above(status, mention: EventMention) -> bool:
    """Whether a verb of plan decided the status from above the expression, not one of its
    words: the trigger hangs under it ("plans to urge"), so the plan scopes over the whole act."""
    cue = _cue_token(status, mention.trigger)
    if cue is None or cue.pos_ != "VERB" or cue.i in {w.i for w in [mention.trigger] + mention.words}:
        return False
    cur = mention.trigger
    while cur.dep_ in ("xcomp", "ccomp") and cur.head.i != cur.i:     # its complement, not a conjunct
        cur = cur.head
        if cur.i == cue.i:
            return True
    return False


def _utterance(mention: EventMention) -> bool:
    """Whether a mention is one statement (plover.json: utterance, not a lasting mode)."""
    row = plover_types().get(mention.type, {})
    return bool(row.get("utterance")) and mention.mode not in row.get("lasting_modes", ())


def non_event_reason(mention: EventMention, status, commentators: frozenset[str] = frozenset()) -> str | None:
    """Why the coding guide counts this mention as no event, or None: what the text only supposes,
    and analysts' and academics' opinions (a verbal act by a commentator, or anything a
    commentator is reported to say; ``commentators``: the names the article introduces as such)."""
    if status.status == "hypothetical":
        return "hypothetical: the text only supposes it"
    verbal = plover_types().get(mention.type, {}).get("verbal", False)
    if (verbal or mention.type in COOPERATIVE) and (accusation := accusation_content(mention.trigger)) is not None:
        # an alleged act of force stays, claimed: conflict data (ACLED) record allegations of violence
        return f"the content of an accusation ({accusation.text!r}): that ACCUSE's object, no event of its own"
    if status.status == "denied":
        return f"denied: the text says it did not happen ({status.cue!r})"
    if (verb := standing_condition(mention.trigger)) is not None:
        return f"a standing condition ({verb.text!r} {mention.trigger.text!r}): the act that set it up is the event"
    if standing_position(mention.trigger):
        return f"a standing position ({mention.trigger.text!r} in the simple present): an attitude held, no act"
    if verbal and mention.source is not None and (word := _commentator(mention.source)):
        return f"an analyst's opinion ({word!r} is a commentator)"
    if status.speaker is not None and (word := _commentator(status.speaker)):
        return f"reported by a commentator ({word!r})"
    # a name the article introduced as an analyst: their quoted words and their own verbal acts (a
    # fact they relay outside quotation marks, "Roy said the leaders spoke by phone", stays)
    quoted = status.speaker if status.status == "claimed" or in_quotes(mention.trigger) else None
    for span, what in ((quoted, "quoted from"), (mention.source if verbal else None, "an opinion of")):
        if span is not None and (name := next((t.text for t in span if t.text in commentators), None)):
            return f"{what} a commentator ({name!r}, introduced as one in the article)"
    if status.speaker is None and status.attribution:
        word = next((w for w in status.attribution.lower().split() if _lemma_of(w) in _commentators()), None)
        if word:
            return f"reported by a commentator ({word!r})"
    return None


# CAMEO codes of restrictions the lexicon types COERCE as CAMEO2PLOVER maps them: sanctions,
# embargoes and boycotts (163), bans (1722)
_RESTRICTIONS = ("163", "1722")


def _foreign_restriction(event: Event) -> bool:
    """A ban or restriction on a foreign state, organisation or person is a SANCTION, one on a
    government's own population COERCE (coding guide): with both actors known, a target of another
    country, or an international body, retypes it. Returns whether it did."""
    a1, a2 = event.actor1, event.actor2
    if event.type != "COERCE" or not (event.cameo or "").startswith(_RESTRICTIONS) or a1 is None or a2 is None:
        return False
    if not a1.country or not ((a2.country and a2.country != a1.country) or (not a2.country and a2.sector == "IGO")):
        return False
    event.type, event.mode = "SANCTION", None
    return True


def _floor_without_actors(mention: EventMention, event: Event) -> str | None:
    """A verb the lexicon does not list is coded from the CAMEO verb dictionary only as PETRARCH
    codes it: between two actors it knows (a country or a sector on each side)."""
    if not mention.rule.startswith(FLOOR_RULE):
        return None
    coded = [a for a in (event.actor1, event.actor2) if a is not None and (a.country or a.sector)]
    return None if len(coded) == 2 else "a CAMEO verb-dictionary match needs two coded actors"


@lru_cache(maxsize=1)
def _commentators() -> frozenset[str]:
    return frozenset(load_lines("commentators.txt"))


def _lemma_of(word: str) -> str:
    word = word.strip(".,;:'\"")
    return word[:-1] if word.endswith("s") and word[:-1] in _commentators() else word


def _commentator(span: Span | Token) -> str | None:
    """The commentator noun naming a phrase: in its words or its appositive ("Pollack, a fellow")."""
    root = span.root if isinstance(span, Span) else span
    words = list(span) if isinstance(span, Span) else [span]
    for appos in (c for c in root.children if c.dep_ == "appos"):
        words.extend(appos.subtree)
    return next((t.text for t in words if t.lemma_.lower() in _commentators() and t.pos_ == "NOUN"), None)


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


def choose_date(ctx: ArticleContext, sent: Span, trigger: Token, clause: tuple[int, int],
                status: str) -> tuple[When | None, str]:
    """The event's own date and why: a time expression of its clause, resolved by the clause's tense.

    With none, an event that happened is dated by its report: the publication date with precision
    ``reported``, which claims no knowledge of the day (the coding guide leaves an undated past
    event undated; a reader filters ``reported`` out as such). Planned and hypothetical events get
    no date. An event that happened is never dated after its article: a weekday read as coming
    ("on Saturday" in a past clause published on Thursday) is read again as past.
    """
    tense = clause_tense(trigger)
    found = _clause_dates(ctx, sent, trigger, clause, tense)
    if found is not None and ctx.anchor is not None and status in ("occurred", "ongoing") \
            and found.date and found.date > ctx.anchor.isoformat():
        found = _clause_dates(ctx, sent, trigger, clause, "past")
        if found is not None and found.date and found.date > ctx.anchor.isoformat():
            found = None
    if found is not None:
        return found, f"its clause says {found.text!r} ({tense} tense)"
    if ctx.anchor is None:
        return None, "no time words in its clause and no publication date"
    if status in ("planned", "hypothetical"):
        return None, f"no time words in its clause; a {status} event is not dated by its report"
    return (When(date=ctx.anchor.isoformat(), precision="reported", text=None, value=None),
            "no time words in its clause: the publication date, as reported")


def _clause_dates(ctx: ArticleContext, sent: Span, trigger: Token, clause: tuple[int, int],
                  tense: str | None) -> When | None:
    mentions = [m for m in find_time_mentions(sent.doc.text, ctx.anchor, tense)
                if m.kind == "DATE" and m.when is not None and clause[0] <= m.start and m.end <= clause[1]
                and not _dates_another_noun(sent.doc, m.start, m.end, trigger)
                and not _dates_another_clause(sent.doc, m.start, m.end, trigger)]
    if not mentions:
        return None
    best = min(mentions, key=lambda m: abs(m.start - trigger.idx))
    if best.when.date or best.when.text:
        return open_range(sent.doc.text, best, ctx.anchor)
    return None


def _dates_another_noun(doc: Doc, start: int, end: int, trigger: Token) -> bool:
    """ "following last week's unrest": a possessive time belongs to its own noun, not the trigger."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "poss" and root.head.i != trigger.i


def _dates_another_clause(doc: Doc, start: int, end: int, trigger: Token) -> bool:
    """ "Berisha, who resigned in 2013, rejected the allegations Thursday": a time inside a relative
    clause that does not hold the trigger dates that clause's own event, not the trigger's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(12):
        if node.dep_ == "relcl" and not (node.left_edge.i <= trigger.i <= node.right_edge.i):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def choose_place(ctx: ArticleContext, base: int, sent: Span, clause: tuple[int, int],
                 actors: list[tuple[int, int]], verbal: bool = False,
                 trigger: Token | None = None) -> tuple[Place | None, str]:
    """The event's own place and why: a place named as the location of the event itself, else
    (not for a verbal act: where the speaker stood is said of its own verb) one its sentence
    names as a location outside any other clause, else the article's dateline, else none.

    A place is the event's when its preposition of place hangs on the event's word or the verbs
    it hangs on ("met in Bangui", "tried to kill her in New York"), or, for a material event, on
    what the event was done to ("stormed a hotel in Beledweyne", "imposed martial law on
    townships in Yangon"); or when it names the event's noun ("the Kabul bombing"). A place
    that locates another clause or another noun ("protesters killed in Shan state" under
    "condemned", "the war in Gaza", "fentanyl flowing into the United States") is not the
    event's. A place inside an actor's words ("Syria has offered", "Kenyan police") names who
    acts, and a possessor ("Russia's jets") names an owner: neither says where.
    """
    lo, hi = base + sent.start_char, base + sent.end_char
    located = [p for p in ctx.places
               if p.start is not None and lo <= p.start and p.end <= hi
               and not any(base + a <= p.start and p.end <= base + b for a, b in actors)
               and _names_location(sent.doc, p.start - base, p.end - base)]
    if trigger is None:
        own = [p for p in located if base + clause[0] <= p.start and p.end <= base + clause[1]]
    else:
        anchors = _event_anchors(trigger)
        own = [p for p in located if _locates_event(sent.doc, p.start - base, p.end - base, anchors, verbal)]
    if own:
        return min(own, key=Place.precision_rank), "named as the location of the event"
    free = [p for p in located if trigger is not None and _in_main_line(sent.doc, p.start - base, p.end - base)]
    if free and not verbal:
        return min(free, key=Place.precision_rank), "named as a location in its sentence"
    if ctx.dateline is not None:
        return ctx.dateline, "the article's dateline"
    unresolved = [ctx.article.text[a:b] for a, b in ctx.unresolved if lo <= a and b <= hi]
    if unresolved:
        return None, f"{', '.join(map(repr, unresolved))} not found in the gazetteer"
    if located:
        return None, "the places it names locate another clause or thing"
    return None, "no place named as a location"


# Prepositions that put something somewhere. Not "to", "from", "on", "over", "between", "toward":
# they as often name a partner, origin or topic ("turned to Russia", "sanctions on Iran").
_LOCATIVE_PREPS = frozenset(("in", "at", "near", "across", "throughout", "outside", "inside", "around",
                             "within", "along", "off", "into"))
# Prepositions whose object is what a material event is done to or at ("fired on a convoy in X").
_TARGET_PREPS = _LOCATIVE_PREPS | {"on", "against", "upon", "onto"}
# How an event noun hangs on its verb ("launched an attack", "came under attack", "a series of strikes").
_NOUN_TO_VERB = frozenset(("dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "compound", "conj", "appos"))


def _event_anchors(trigger: Token) -> set[int]:
    """The tokens a place may hang on to be the event's: the trigger, the verb an event noun
    hangs on, and the verbs above that through infinitives and coordination."""
    anchors = {trigger.i}
    x = trigger
    while x.pos_ not in ("VERB", "AUX") and x.dep_ in _NOUN_TO_VERB and x.head.i != x.i:
        x = x.head
        anchors.add(x.i)
    while x.dep_ in ("xcomp", "conj") and x.head.i != x.i and x.head.pos_ in ("VERB", "AUX"):
        x = x.head
        anchors.add(x.i)
    return anchors


def _place_prep(doc: Doc, start: int, end: int) -> tuple[Token | None, Token | None]:
    """The locative preposition a place hangs on, or the noun it names ("the Kabul bombing")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None
    token = span.root
    while token.dep_ in ("compound", "appos", "conj", "amod", "nmod") and token.head.i != token.i:
        if token.dep_ in ("compound", "nmod", "amod") and token.head.pos_ == "NOUN":
            return None, token.head
        token = token.head
    for _ in range(2):            # "in the northern province of Balochistan"
        if token.dep_ != "pobj":
            return None, None
        prep = token.head
        if prep.lower_ in _LOCATIVE_PREPS:
            return prep, None
        if prep.lower_ != "of" or prep.head.dep_ not in ("pobj", "compound"):
            return None, None
        token = prep.head
    return None, None


def _locates_event(doc: Doc, start: int, end: int, anchors: set[int], verbal: bool) -> bool:
    """Whether a place named as a location hangs on the event (see choose_place)."""
    prep, named = _place_prep(doc, start, end)
    if named is not None:
        if named.i in anchors:
            return True                       # "the Kabul bombing"
        if named.dep_ != "pobj":
            return False
        if named.head.lower_ == "of" and named.head.head.i in anchors and not verbal:
            return True                       # "the bombing of the Oklahoma City federal building"
        if named.head.lower_ not in _LOCATIVE_PREPS:
            return False
        prep = named.head                     # "at the Singapore summit"
    if prep is None:
        return False
    x = prep.head
    for _ in range(6):
        if x.i in anchors:
            return True
        if verbal:
            return False                      # a verbal act's place is said of its own verb
        # what the event was done to: its object, passive subject, or object of "on"/"at"/"in",
        # with their conjuncts and participles ("ambushed a bus transporting troops in Kalat")
        if x.pos_ in ("NOUN", "PROPN") and x.dep_ in ("dobj", "nsubjpass", "conj"):
            x = x.head
        elif x.pos_ == "VERB" and x.dep_ == "acl" and x.tag_ in ("VBG", "VBN"):
            x = x.head
        elif x.pos_ in ("NOUN", "PROPN") and x.dep_ == "pobj" and (
                x.head.lower_ in _TARGET_PREPS or (x.head.lower_ == "of" and x.head.head.i in anchors)):
            x = x.head.head                   # "an attack on a train in X", "the bombing of a hotel in X"
        else:
            return False
    return False


def _in_main_line(doc: Doc, start: int, end: int) -> bool:
    """Whether a place locates the sentence's main line, not a clause or noun of its own:
    its preposition hangs on the sentence's root verb."""
    prep, named = _place_prep(doc, start, end)
    if named is not None:
        return False
    return prep is not None and prep.head.dep_ == "ROOT"


def _names_location(doc: Doc, start: int, end: int) -> bool:
    """Whether the place at these sentence offsets is named as where something is."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    if token.dep_ == "poss" or (token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS"):
        return False
    prep, named = _place_prep(doc, start, end)
    return prep is not None or named is not None


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
