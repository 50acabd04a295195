"""The words an ACLED sub-event type hinges on, read from an event mention's parse.

ACLED decides a sub-event type from the weapon (grenade, chemical agent, suicide bomber, drone,
shells, IED), the actors (state forces, rebels, protesters, a mob), the targets (civilians,
protesters) and territory (a town captured or retaken). The coder finds the event; this module
names which of the word sets of ``codebooks/data/acled.json`` ("cues") occur in four zones of the
mention, and ``codebooks.acled_for`` turns them, with the actors' sectors, into a type:

- the clause the trigger governs (``syntax.clause_range``), plus the words folded into the mention
  ("killed" folded into "the bombing"): cue ``NAME``;
- the source and target phrases: ``source.NAME``, ``target.NAME``;
- the trigger itself, as its lemma alone and with its particle or direct object ("shoot down",
  "take control"): ``trigger.NAME``;
- the whole sentence, for what wire news tells in another clause ("entered the town unopposed
  after the troops pulled out"): ``sentence.NAME``.

``date_cues`` adds ``recalled`` for an event whose own date ends more than a year before the report
(an anniversary, a trial): ACLED codes an event when it happens, not when it is remembered.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from ..codebooks import load_json
from ..syntax import clause_range

__all__ = ["acled_cues", "cue_sets", "date_cues"]

# An event dated further back than this before its report is recalled, not reported.
RECALLED_AFTER = timedelta(days=365)

_DEPENDENT = frozenset({"advcl", "acl", "xcomp", "conj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@lru_cache(maxsize=1)
def cue_sets() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Cue name -> (single words, phrases) from acled.json."""
    out = {}
    for name, entries in load_json("acled.json")["cues"].items():
        if name.startswith("_"):
            continue
        words = frozenset(e for e in entries if " " not in e)
        phrases = tuple(e for e in entries if " " in e)
        out[name] = (words, phrases)
    return out


@lru_cache(maxsize=1)
def _sentence_cue_names() -> frozenset[str]:
    """The cue sets some rule of acled.json reads over the whole sentence (``sentence.NAME``): only
    those are looked for there, as a sentence is long and the phrases are regular expressions."""
    keys = ("cues", "any_cues", "also_any_cues", "no_cues")
    return frozenset(c.split(".", 1)[1] for rule in load_json("acled.json")["mapping"] for k in keys
                     for c in rule.get(k, []) if c.startswith("sentence."))


def _found(words: set[str], text: str, names: frozenset[str] | None = None) -> set[str]:
    """Names of the cue sets (of ``names``, else all) with a word in ``words`` or a phrase in ``text``."""
    hits = set()
    for name, (singles, phrases) in cue_sets().items():
        if names is not None and name not in names:
            continue
        if words & singles or any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in phrases):
            hits.add(name)
    return hits


def _zone(tokens: list[Token]) -> tuple[set[str], str]:
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    text = " ".join(t.lower_ for t in tokens) + " | " + " ".join(t.lemma_.lower() for t in tokens)
    return words, text


def _governors(trigger: Token) -> list[Token]:
    """The words an event noun is the complement of, up to the verb that governs them ("the
    anniversary of the bombing", "charges linked to the killing", "remember the victims of"): an
    event told as what another thing is about takes its context from them."""
    out, tok = [], trigger
    while tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("pobj", "dobj", "compound") and tok.head is not tok:
        tok = tok.head
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            tok = tok.head
        out.append(tok)
        if tok.pos_ in ("VERB", "AUX"):
            break
    return out


def trigger_phrases(trigger: Token) -> set[str]:
    """The trigger's lemma, alone and with its particle and its direct object ("take over",
    "take control", "shoot down"), and its object's lemma with a particle ("took it over")."""
    lemma = trigger.lemma_.lower()
    out = {lemma}
    parts = [c.lemma_.lower() for c in trigger.children if c.dep_ == "prt"]
    objects = [c.lemma_.lower() for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for p in parts:
        out.add(f"{lemma} {p}")
    for o in objects:
        out.add(f"{lemma} {o}")
        for p in parts:
            out.add(f"{lemma} {p} {o}")
    for c in trigger.children:
        if c.dep_ == "advmod" and c.lower_ == "back":
            out.add(f"{lemma} back")       # "seized back the town"
    return out


def acled_cues(trigger: Token, source: Span | None = None, target: Span | None = None,
               folded: list[Token] | None = None) -> frozenset[str]:
    """The ACLED cue names that hold for one event mention.

    Args:
        trigger: the mention's trigger token.
        source, target: its actor phrases, when found.
        folded: other words the coder folded into the mention ("killed" in "the blast killed").
    Returns:
        Cue names: ``NAME`` (clause), ``source.NAME``, ``target.NAME``, ``trigger.NAME``,
        ``sentence.NAME``.
    """
    doc = trigger.doc
    heads = [trigger] + [t for t in folded or () if t.i != trigger.i]
    if trigger.dep_ in _DEPENDENT and not any(c.dep_ in _SUBJECTS for c in trigger.children):
        # "..., killing 72" after "a jet crashed"; "youths protesting the results hurled rocks":
        # a clause without its own subject tells part of the clause it hangs on.
        heads.append(trigger.head)
    clause: list[Token] = []
    for tok in heads:
        s, e = clause_range(tok)
        clause += [t for t in doc if s <= t.idx < e and t not in clause]
    clause += [t for t in _governors(trigger) if t not in clause]
    cues = set(_found(*_zone(clause)))
    cues |= {f"sentence.{name}" for name in _found(*_zone(list(trigger.sent)), _sentence_cue_names())}
    for prefix, span in (("source", source), ("target", target)):
        if span is not None:
            cues |= {f"{prefix}.{name}" for name in _found(*_zone(list(span)))}
    phrases = trigger_phrases(trigger)
    for name, (singles, multi) in cue_sets().items():
        if phrases & (singles | set(multi)):
            cues.add(f"trigger.{name}")
    return frozenset(cues)


def date_cues(event_date: str | None, event_date_end: str | None, published: str | None) -> frozenset[str]:
    """``{"recalled"}`` when the event's own date (ISO, its end when it is a period) ends more than
    ``RECALLED_AFTER`` before the publication date; else nothing (no date, or a recent one)."""
    last = event_date_end or event_date
    if not last or not published:
        return frozenset()
    try:
        ended, reported = date.fromisoformat(last[:10]), date.fromisoformat(published[:10])
    except ValueError:
        return frozenset()
    return frozenset({"recalled"}) if reported - ended > RECALLED_AFTER else frozenset()
