"""Clause -> event mentions: PLOVER type, mode, CAMEO code, source and target of each trigger.

The trigger lexicon (codebooks/data/triggers.tsv) lists verb, noun and adjective lemmas with
conditions on their dependents; rows of one lemma are tried in file order and the first that holds
codes the trigger. Frames turn a complement into one event: "agreed to withdraw" is AGREE (intent
to retreat), "threatened to cut aid" THREATEN, "refused to meet" REJECT, "demanded the release"
REQUEST, "said Iraq must cooperate" REQUEST; "began to withdraw" is the withdrawal itself.
Negation is left to extraction/status.py: a negated trigger is still a mention.
"""
from __future__ import annotations

import calendar

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from ..codebooks import plover_types
from . import roles as R
from .event_roles import (
    CONSEQUENCE,
    complement_target,
    content_target,
    source_and_target,
    span_of,
    via_object,
)
from . import lexicon as _lexicon
from .speech import prefilter_words as speech_prefilter, speech_act
from .status import believed_above, in_quotes, is_report_verb
from .verb_floor import FLOOR_RULE, floor_words, reversed_roles, verb_entry
from .lexicon import (
    Entry,
    _head_word,
    _lemma,
    _pos,
    doer_nouns,
    inflections,
    is_thing,
    lexicon,
    match,
    people_nouns,
    trigger_lemmas,
    trigger_words,
)

__all__ = [
    "EventMention",
    "find_event_mentions",
    "inflections",
    "lexicon",
    "main_event",
    "match",
    "prefilter",
    "trigger_lemmas",
    "trigger_words",
]

# PLOVER types that cooperate (a promise of them is AGREE) or coerce (a promise is THREATEN).
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
_MAYBE = frozenset({"may", "might", "could"})
_MUST = frozenset({"must", "should", "ought"})
_FRAME_ROLES = frozenset({"I", "T", "R", "Q"})
# Subordinators of clauses that set the scene for the main clause's event.
_BACKGROUND = frozenset({"after", "before", "since", "until", "following", "when", "while", "as", "amid"})


@dataclass
class EventMention:
    """One coded trigger in a parsed sentence."""

    trigger: Token
    type: str
    mode: str | None
    cameo: str | None
    source: Span | None
    target: Span | None
    rule: str
    confidence: float
    words: list[Token] = field(default_factory=list)   # frame words folded in ("agreed", "to")
    # why the coding guide counts it as no event (a habit, a general statement), else None
    non_event: str | None = None
    # a promise on a condition the other side must meet, coded as a threat: the condition is the threat's
    conditional: bool = False


def prefilter() -> dict[str, frozenset[str] | None]:
    """Word form -> co-words a sentence must also hold to be parsed (None: none): the trigger
    lexicon's, widened by the verbs of the CAMEO verb dictionary floor."""
    return _merged_prefilter()


@lru_cache(maxsize=1)
def _merged_prefilter() -> dict[str, frozenset[str] | None]:
    merged = dict(_lexicon.prefilter())
    for form, need in list(floor_words().items()) + list(speech_prefilter().items()):
        if form in merged:
            old = merged[form]
            merged[form] = None if old is None or need is None else old | need
        elif need is None or need:
            merged[form] = need
    return merged


def code_token(tok: Token, sent_words: set[str], relax_head: bool = False) -> Entry | None:
    """The lexicon row that codes ``tok``; for a verb, weighed against the CAMEO verb dictionary's
    patterns (verb_floor.verb_entry: the most specific coding wins, the dictionary is the floor)."""
    e = match(tok, sent_words, relax_head)
    if tok.pos_ != "VERB":
        return e
    return verb_entry(tok, e)


# --- frames -----------------------------------------------------------------------------------------

def _complement(tok: Token) -> Token | None:
    """The event a frame word governs: xcomp/ccomp clause, or an eventive object or "to/for" object."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") or _for_clause(c):
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "for", "on", "upon"):
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    return o
    return R.first(tok, "dobj")


def _for_clause(c: Token) -> bool:
    """"called for Damascus to allow ...": the parser makes the clause an adverbial one marked by
    "for"; it is the verb's complement (what is called for)."""
    return c.dep_ == "advcl" and c.i > c.head.i and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)


def _resolve_complement(comp: Token, sent_words: set[str], depth: int = 0) -> tuple[Token, Entry | None]:
    """Follow phase verbs ("agreed to begin withdrawing") to the coded event of a complement."""
    lex = lexicon()
    if depth < 4 and _lemma(comp) in lex.phase:
        inner = R.first(comp, "xcomp") or R.first(comp, "dobj")
        if inner is not None:
            return _resolve_complement(inner, sent_words, depth + 1)
    if depth < 4 and _lemma(comp) in lex.light:
        inner = R.first(comp, "dobj")
        if inner is not None:
            e = code_token(inner, sent_words, relax_head=True)
            if e is not None:
                return inner, e
    e = code_token(comp, sent_words, relax_head=True)
    if e is None and depth < 4:
        inner = R.first(comp, "dobj")
        ie = code_token(inner, sent_words) if inner is not None else None
        if ie is not None and _supported(inner, ie):
            return inner, ie        # "to reach agreement", "to renew talks": the noun's own verb
    return comp, e


def _frame_row(kind: str, inner_type: str | None, default: Entry) -> Entry:
    frames = lexicon().frames
    key = f"@{kind}:{inner_type}".lower()
    if inner_type and key in frames:
        return frames[key]
    if f"@{kind}:*" in frames:
        return frames[f"@{kind}:*"]
    return default


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)



def _assault_mode(tok: Token, src: Token | None) -> str | None:
    """Instrument words near an ASSAULT trigger set its mode ("killed by a roadside bomb")."""
    lex = lexicon()
    near = {_lemma(t) for t in tok.subtree} | {t.lower_ for t in tok.subtree}
    if src is not None:
        near |= {_lemma(t) for t in src.subtree}
    for mode in ("aerial", "explosives", "heavy-weapons", "firearms", "primitive"):
        if near & lex.ctx.get(mode, frozenset()):
            return mode
    return None


def _supported(tok: Token, e: Entry | None) -> bool:
    """Whether a noun's row named its governing verb ("renewed negotiations", "reached agreement"):
    that verb only carries the noun's event, as a light verb does."""
    if e is None:
        return False
    return any(c.name == "head" and not c.negated and _head_word(tok) in c.values for c in e.conds)


def _weight(tok: Token, e: Entry | None = None) -> float:
    """Main clauses count more than subordinate ones when a sentence's main event is chosen."""
    lex = lexicon()
    dep, head = tok.dep_, tok.head
    if _pos(tok) == "N" and dep in ("dobj", "nsubjpass") and _supported(tok, e):
        return 1.0
    if dep == "ROOT":
        return 1.15
    if dep == "ccomp" and head.dep_ == "ROOT" and _lemma(head) in lex.comm | {"report", "announce"}:
        return 1.15
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND for c in tok.children):
        return 0.8      # "..., one day after a jet shot down a helicopter": the setting, not the news
    if dep in ("advcl", "relcl", "acl", "csubj"):
        return 0.85
    if _pos(tok) == "N":
        if dep == "pobj" and head.lower_ in _BACKGROUND:
            return 0.8      # "after violent protests", "amid clashes": the setting
        if dep in ("dobj", "nsubjpass", "attr") and _lemma(head) not in lex.light | lex.phase:
            return 0.8
        if dep == "pobj" and _lemma(head.head) not in lex.light | lex.phase:
            return 0.85
    return 1.0


def _mention(tok: Token, e: Entry, src: Token | None, tgt: Token | None, how: str,
             words: list[Token] | None = None, base: Entry | None = None) -> EventMention:
    mode = e.mode
    if e.type == "ASSAULT" and mode is None:
        mode = _assault_mode(tok, src)
    rule = f"{(base or e).label} {how}" + (f" -> {e.label}" if base is not None and base is not e else "")
    conf = max(0.05, min(1.0, e.weight * _weight(words[0] if words else tok, base or e)))
    return EventMention(tok, e.type or "", mode, e.cameo, span_of(src), span_of(tgt), rule,
                        round(conf, 3), list(words or []))


# --- the coder ----------------------------------------------------------------------------------

def _demand_content(tok: Token, e: Entry) -> Token | None:
    """The clause a demand noun asks for ("its demand that Israel ease restrictions"): it is what
    is demanded, not an event of its own. The parser often hangs the clause on the noun's verb."""
    if e.type != "REQUEST" or _pos(tok) != "N":
        return None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp") and c.i > tok.i:
            return c
    if tok.dep_ == "dobj":
        for c in tok.head.children:
            if c.dep_ == "ccomp" and c.i > tok.i and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark"):
                return c
    return None


def _carrier(tok: Token, e: Entry) -> Token | None:
    """The verb whose modals speak for a trigger: the trigger itself, or the light or support verb
    of an event noun ("will hold talks", "would tighten the blockade")."""
    if _pos(tok) == "V":
        return tok
    if tok.dep_ == "dobj" and (_lemma(tok.head) in lexicon().light or _supported(tok, e)):
        return tok.head
    return None


def _on_condition(tok: Token) -> bool:
    """A promise made on a condition the other side must meet ("will withdraw unless X holds
    elections", "if X does not ...") is a threat: CAMEO codes conditional promises as THREATEN."""
    for c in tok.children:
        if c.dep_ != "advcl":
            continue
        marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and _negated(c)):
            return True
    return False


def _conditional(row: Entry, *toks: Token) -> Entry:
    """The threat row for a conditional promise, else the row unchanged."""
    if row.type == "AGREE" and any(_on_condition(t) for t in toks):
        return _frame_row("threat", None, row)
    return row


def _must_clause(tok: Token, deps: tuple[str, ...] = ("ccomp",)) -> Token | None:
    for c in R.children(tok, *deps):
        aux = _aux(c)
        if aux & _MUST:
            return c
    return None


def find_event_mentions(sent: Span) -> list[EventMention]:
    """Event mentions in one parsed sentence, in trigger order.

    Args:
        sent: a sentence span of a spaCy Doc with tagger, parser and lemmatizer run.
    Returns:
        One EventMention per coded trigger; frames ("agreed to withdraw") give one mention for
        the pair. A sentence without a clear trigger gives an empty list.
    """
    lex = lexicon()
    sent_words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    if sent_words.isdisjoint(lex.words) and sent_words.isdisjoint(lex.comm) and sent_words.isdisjoint(_merged_prefilter()):
        return []
    found: dict[int, EventMention] = {}
    consumed: set[int] = set()

    # 1. "X said Y must ...": a demand by the speaker on Y.
    for tok in sent:
        if _lemma(tok) not in lex.comm or _pos(tok) not in ("V", "N"):
            continue
        noun = _pos(tok) == "N"
        if noun and not (tok.dep_ == "dobj" and _lemma(tok.head) in lex.light):
            continue        # "issued a reminder that Iraq must ...": the noun under a light verb
        clause = _must_clause(tok, ("ccomp", "acl") if noun else ("ccomp",))
        if clause is None:
            continue
        inner, _ = _resolve_complement(clause, sent_words)
        row = lex.frames["@must"]
        src = R.first(tok.head if noun else tok, *R.SUBJ)
        tgt = R.first(clause, *R.SUBJ)
        if _opinion_must(clause, tgt):
            continue
        told = None if noun else R.first(tok, "dobj")
        if tgt is not None and tgt.lower_ in ("they", "he", "she", "it") and told is not None:
            tgt = told      # "officials told governments that they shouldn't ...": those told
        found[tok.i] = _mention(tok, row, src, tgt, "comm+must", [tok, clause])
        found[tok.i].non_event = ("advice on a condition ('if ..., they should'), a counterfactual: no event"
                                  if _conditional_advice(clause) else _no_event(tok, row.type))
        consumed |= {clause.i, inner.i}

    # 2. Frames: intent, threat, refusal, request with their complement event.
    for tok in sent:
        if tok.i in consumed or tok.i in found:
            continue
        e = match(tok, sent_words)
        if e is None or e.role not in _FRAME_ROLES or tok.dep_ in ("amod", "compound"):
            continue    # "the long-threatened invasion", "promised aid": a modifier frames nothing
        if _advice(tok, e.type) or _naming_participle(tok):
            continue
        habit = _generic(tok)
        if _pos(tok) == "A" and tok.dep_ == "ROOT" and R.subject_of(tok) is None:
            continue    # "Ready to grow your business?": a fragment addressed to the reader, no one promises
        comp = _complement(tok)
        inner, ie = (None, None)
        if comp is not None:
            inner, ie = _resolve_complement(comp, sent_words)
        if e.role == "I" and ie is not None and ie.role in ("Q", "T", "R"):
            continue    # "plans to urge", "intends to demand": the request, threat or refusal is the event, coded on its own word
        inner_type = ie.type if ie is not None and ie.role == "E" else None
        if e.role == "I" and inner_type == "MOBILIZE" and _joint(inner):
            inner_type = "COOPERATE"    # "agreed to hold joint exercises": military cooperation promised
        got = (inner_type or "none").lower()
        if any(c.name == "comptype" and (got in {v.lower() for v in c.values}) == c.negated for c in e.conds):
            continue    # "failed to reach agreement" is a refusal; "failed to capture the town" is not
        kind = {"I": "intent", "T": "threat", "R": "refuse", "Q": "request"}[e.role]
        row = _frame_row(kind, inner_type, e) if (inner_type or kind != "intent") else e
        src = _issuer(R.subject_of(tok))
        tgt = None
        if R.is_passive(tok) and kind in ("request", "threat"):
            tgt = R.passive_subject(tok)    # "the bloggers were asked to record": those asked
        elif src is None and R.is_passive(tok):
            src = R.passive_subject(tok)          # "Vietnam is committed to ...", "is prepared to"
        if _thing_subject(tok, src, row):
            continue
        if kind == "request" and tgt is None:
            tgt = R.first(tok, "dobj") if (comp is not None and comp.dep_ == "xcomp") else None
            if tgt is None and comp is not None and (comp.dep_ == "ccomp" or _for_clause(comp)):
                tgt = R.first(comp, *R.SUBJ)
        if tgt is None and inner is not None:
            tgt = content_target(kind, inner, ie)
        if tgt is None and kind in ("refuse", "request", "threat"):
            obj = R.first(tok, "dobj")
            if kind == "request" and obj is not None and ie is not None and obj.i == inner.i:
                obj = None      # the event asked for ("demanded the release of X") is not who is asked
            tgt = obj if obj is not None else (
                via_object(tok, ("to", "against", "on", "with"))[:1] or [None])[0]
        if kind == "refuse" and tgt is not None and _pos(tgt) == "N":
            # "rejected a U.S. request", "dismissed an appeal from X": the one refused
            tgt = R.noun_source(tgt, frozenset()) or tgt
        if kind == "intent" and inner_type is None and _commercial(tok):
            continue
        how = f"frame:{kind}" + (f"({_lemma(inner)})" if inner is not None else "")
        promise = row
        if kind == "intent":
            row = _conditional(row, *[t for t in (tok, inner) if t is not None])
        words = [tok] + ([comp] if comp is not None else [])
        found[tok.i] = _mention(tok, row, src, tgt, how, words, base=e)
        found[tok.i].conditional = row is not promise
        found[tok.i].non_event = "a habit or a general statement, no one event" if habit else _no_event(tok, found[tok.i].type)
        if comp is not None:
            consumed |= {comp.i, inner.i}

    # 3. Plain triggers, with "will/would" turning cooperation into AGREE and force into THREATEN.
    for tok in sent:
        if tok.i in consumed or tok.i in found:
            continue
        e = code_token(tok, sent_words)
        if e is None or e.role != "E":
            continue
        content = _demand_content(tok, e)
        if content is not None:
            consumed |= {content.i, _resolve_complement(content, sent_words)[0].i}
        if _advice(tok, e.type):
            continue
        habit = _generic(tok) or _standing(tok, e.type)
        if any(c.name == "oprd" and not c.negated for c in e.conds) and _naming_participle(tok):
            continue    # "a militia called the anti-Balaka": a labelling participle names, nobody acts
        src, tgt = source_and_target(tok, e)
        if e.undergone:
            src, tgt = reversed_roles(tok, src)     # "faced criticism from X": X is the doer
        if src is None:
            body = _named_body(tok, e)
            if body is not None:
                src, tgt = body, (None if tgt is not None and tgt.i == body.i else tgt)
        if _thing_subject(tok, src, e):
            continue
        if _back_reference(tok, src, tgt):
            continue
        if e.type == "ASSAULT" and _lemma(tok) in CONSEQUENCE and src is not None and (
                match(src, sent_words, relax_head=True) is not None):
            continue    # "the attack, which killed three": the deaths belong to the attack
        if e.type == "ASSAULT" and _lemma(tok) in CONSEQUENCE and _mishap(src):
            continue    # "two crashes that killed 346 people", "floods killed 12": no one attacked
        row, how = e, "clause"
        verb = _carrier(tok, e)
        conditional = False
        if verb is not None and not habit and believed_above(verb) is None:
            # a forecast ("there is little reason to think the leaders will meet") promises and
            # threatens nothing: the event stays itself, its status hypothetical
            aux = _aux(verb)
            if aux & _FUTURE:
                neg = _negated(verb)
                if neg and e.type in COOPERATIVE:
                    row, how = _frame_row("refuse", e.type, e), "modal:will-not"
                elif not neg:
                    promise = _frame_row("intent", e.type, e)
                    row, how = _conditional(promise, verb), "modal:will"
                    conditional = row is not promise
            elif aux & _MAYBE and e.type not in COOPERATIVE and _own_word(verb):
                row, how = _frame_row("intent", e.type, e), "modal:may"
        found[tok.i] = _mention(tok, row, src, tgt, how, base=e)
        found[tok.i].conditional = conditional
        found[tok.i].non_event = "a habit or a general statement, no one event" if habit else _no_event(tok, found[tok.i].type)

    # 4. Statements that charge or clear someone: "said X was involved in corrupt acts" (speech.py)
    coded = set(found) | consumed
    for tok in sent:
        act = None if tok.i in coded else speech_act(tok, coded)
        if act is not None:
            found[tok.i] = _mention(tok, act.entry, act.source, act.target, act.how, [tok, act.clause])

    _fold_consequences(found)
    _fold_agent_nouns(found)
    if any(not m.rule.startswith(FLOOR_RULE) for m in found.values()):
        # the floor fills gaps: a sentence the lexicon codes keeps the lexicon's reading
        found = {i: m for i, m in found.items() if not m.rule.startswith(FLOOR_RULE)}
    return [found[i] for i in sorted(found)]


def _named_body(tok: Token, e: Entry) -> Token | None:
    """The body a row's ``body=`` condition found, as the act's source when its clause names none:
    "the security meeting of ECOWAS" is ECOWAS's meeting, "was expelled from the party" the party's act."""
    preps = {v for c in e.conds if c.name == "body" and not c.negated for v in c.values}
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            return next(iter(R.children(c, "pobj")), None)
    return None


def _joint(tok: Token | None) -> bool:
    """An activity done together with others: "joint exercises", "drills with the navy" (word set
    ``joint``)."""
    if tok is None:
        return False
    joint = lexicon().ctx.get("joint", frozenset())
    return any((c.dep_ in ("amod", "compound") and c.lower_ in joint) or (c.dep_ == "prep" and c.lower_ == "with")
               for c in tok.children)


def _opinion_must(clause: Token, subj: Token | None) -> bool:
    """"said one should not read too much into it", "said the verdict should be seen as ...": a
    generic "one" or a way of judging something (word sets ``generic_one``, ``judged``) is an
    opinion, not a demand on anyone."""
    ctx = lexicon().ctx
    if subj is not None and subj.lower_ in ctx.get("generic_one", frozenset()):
        return True
    return R.is_passive(clause) and _lemma(clause) in ctx.get("judged", frozenset())


def _conditional_advice(clause: Token) -> bool:
    """"If there's hard evidence, they should push for a trial": what someone should do on a
    condition is advice about a case that may not arise (the coding guide: counterfactuals are no
    event); "must ... if" stays a demand with its condition."""
    return any(a.dep_ == "aux" and a.lower_ == "should" for a in clause.children) and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in clause.children)


def _mishap(src: Token | None) -> bool:
    """Whether the subject of a killing or wounding is an accident or a disaster (word set
    ``mishap``), which kills without an attacker (coding guide; issue 11: a plane crash is no attack)."""
    if src is None:
        return False
    first = src
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    words = {_lemma(t) for t in (src, first)} | {t.lower_ for t in (src, first)}
    return bool(words & lexicon().ctx.get("mishap", frozenset()))


def _issuer(src: Token | None) -> Token | None:
    """A statement or warning speaks for whoever issued it: "Pyongyang issued a series of warnings
    demanding ..." has Pyongyang as the one demanding. Other subjects are kept."""
    if src is None or _lemma(src) not in lexicon().ctx.get("issuer", frozenset()):
        return src
    t = src
    while t.dep_ in ("pobj", "prep") and t.head.i != t.i:
        t = t.head      # "a series of warnings": up to the phrase's head
    if t.dep_ == "dobj" and t.head.pos_ in ("VERB", "AUX"):
        return R.first(t.head, *R.SUBJ) or src
    return src


_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def _own_word(verb: Token) -> bool:
    """Whether "could/may/might X" is the actor's own word, a threat: the actor says it ("Iran said
    it could close the strait", "we may strike"). A possibility the text or someone else states
    about the actor ("rebels could attack", "he feared militants could attack", "they may be
    arrested") threatens nothing; the event stays itself (its status says hypothetical)."""
    if R.is_passive(verb):
        return False            # the one who would act is not even the subject
    v = verb
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head              # "rebels have retreated and could attack": the first conjunct's place
    actor = R.first(verb, *R.SUBJ) or R.first(v, *R.SUBJ)
    if actor is None:
        return False
    if {t.lower_ for t in actor.subtree} & _FIRST_PERSON and in_quotes(verb):
        return True             # "we could strike", "our forces may respond", in a quotation
    if v.dep_ != "ccomp" or v.head.i == v.i:
        return False
    speaker = R.first(v.head, *R.SUBJ)
    # "said it could", "said his forces could": the actor is the speaker or the speaker's own
    own = actor.lower_ in R.PERSONAL or any(c.dep_ == "poss" and c.lower_ in R.PERSONAL for c in actor.children)
    return speaker is not None and (speaker.lower_ == actor.lower_ or own)


def _fold_agent_nouns(found: dict[int, EventMention]) -> None:
    """"suicide bombers attacked", "protesters marched": a noun naming the doers of an event is
    that event's actor when its own verb is coded with the same type, not a second event."""
    for i, m in list(found.items()):
        tok = m.trigger
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head      # "gunmen and suicide bombers attacked": the first conjunct's verb
        if _pos(tok) != "N" or first.dep_ not in R.SUBJ:
            continue
        verb = found.get(first.head.i)
        if verb is not None and verb is not m and verb.type == m.type and _lemma(tok).endswith(("er", "or")):
            verb.source = verb.source or m.source or span_of(tok)
            verb.words.append(tok)
            del found[i]


def _fold_consequences(found: dict[int, EventMention]) -> None:
    """Fold "killed"/"wounded" into the attack of the same sentence: one incident, one event.

    The attack it hangs on ("the bombing killed", "killed in an air strike") is preferred; else
    the sentence's first other attack mention.
    """
    for i, m in list(found.items()):
        tok = m.trigger
        if m.type != "ASSAULT" or _lemma(tok) not in CONSEQUENCE:
            continue
        linked = [c for c in tok.children if c.dep_ in R.SUBJ]
        for p in tok.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by", "during"):
                linked += R.children(p, "pobj")
        others = [found[c.i] for c in linked if c.i in found] + [
            o for o in found.values() if o.type == "ASSAULT" and _lemma(o.trigger) not in CONSEQUENCE]
        for other in others:
            if other.type == "ASSAULT" and other is not m:
                other.source = other.source or m.source
                other.target = other.target or m.target
                other.words.append(tok)
                del found[i]
                break


def _back_reference(tok: Token, src: Token | None, tgt: Token | None) -> bool:
    """Whether an eventive noun is no event of its own: a modifier ("arrest warrants"), the object
    of another noun with no participant ("a ban on protests"), or a verbless list item/heading."""
    lex = lexicon()
    vehicle = tok.dep_ == "compound" and _lemma(tok.head) in lex.ctx.get("vehicle", frozenset())
    if tok.dep_ in ("amod", "compound") and not vehicle:
        return True     # "a convicted recruiter", "protest movement", "arrest warrants": a modifier
    if _pos(tok) != "N":
        return False
    sent = tok.sent
    first = tok
    actors = lex.ctx.get("mil", frozenset()) | lex.ctx.get("crowd", frozenset())
    while (first.dep_ == "conj" and first.head.i != first.i and _pos(first.head) == "N"
           and not first.head.ent_type_ and _lemma(first.head) not in actors):
        first = first.head      # "a ban on gatherings and protests": the list's first noun says where
    head = first.head
    if (first.dep_ == "pobj" and head.head.pos_ in ("NOUN", "PROPN")
            and _lemma(head.head) not in lex.ctx.get("quantity", frozenset()) | lex.ctx.get("outcome", frozenset())
            and src is None and tgt is None and not _specific(tok)):
        return True     # "a ban on protests", "fear of attacks": no particular event
    # A definite noun with no participant ("the attack", "Friday's bombing") is kept: it is often a
    # later sentence's own report of the event (WikiEvents marks such repeats), and store merging,
    # not the coder, decides whether two mentions are one incident.
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


_COPULAS = frozenset({"be", "remain", "become", "seem"})
_SIMPLE_PRESENT = frozenset({"VBP", "VBZ"})


def _generic(tok: Token) -> bool:
    """Whether a trigger states a habit or a general fact, not one event (no status fits it):
    an event noun described by a generic predicate ("kidnappings are commonplace", "bombings are a
    regular occurrence"; word sets ``generic``/``genericnoun`` in triggers.tsv), a verb with an
    adverb of frequency (``habitual``: "frequently conducts bombings"), or a verb in the simple
    present of a relative clause ("rebels who attack convoys", "where the leaders meet")."""
    ctx = lexicon().ctx
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head          # "kidnappings and violence are commonplace": the list's subject
    habitual = ctx.get("habitual", frozenset())
    if _pos(tok) == "N":
        if first.dep_ in ("dobj", "nsubjpass") and _often(first.head, habitual):
            return True             # "the group frequently conducts bombings"
        if any(c.dep_ == "amod" and c.lower_ in ctx.get("habitual_amod", frozenset()) for c in tok.children):
            return True             # "protect them from regular attacks"
        if _tally(tok, ctx.get("tally", frozenset())):
            return True             # "launched 504 attacks in 2024", "several recent attacks"
        if first.dep_ != "nsubj" or first.head.lemma_ not in _COPULAS:
            return False
        generic, nouns = ctx.get("generic", frozenset()), ctx.get("genericnoun", frozenset())
        for c in first.head.children:
            if c.dep_ == "acomp" and c.lower_ in generic:
                return True
            if c.dep_ == "attr" and c.lower_ in nouns and any(
                    a.dep_ == "amod" and a.lower_ in generic for a in c.children):
                return True
        return False
    # A news report tells a past event in the past tense; in a relative clause the simple present
    # says what someone habitually does. "continue to ambush": the phase verb carries the tense.
    v = first
    while v.dep_ in ("xcomp", "conj") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
        v = v.head
    # An adverb of frequency makes any tense a habit or a tally, not one event ("the group
    # frequently conducts bombings", "officials routinely deny", "has repeatedly called for").
    if _often(first, habitual) or _often(v, habitual):
        return True
    # "rebels traditionally attempt to pass when attacked", "people lose their green cards most
    # often when they are convicted": a "when" clause of a habit is part of the habit
    w = v
    while w.head.i != w.i and (
            (w.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _WHENEVER for m in w.children))
            or (w.dep_ in ("xcomp", "conj") and w.head.pos_ in ("VERB", "AUX") and w.i != v.i)):
        w = w.head
        if _often(w, habitual):
            return True
    return (v.dep_ == "relcl" and v.tag_ in _SIMPLE_PRESENT
            and not any(c.dep_ in ("aux", "auxpass") for c in v.children))


_PRESENT_BE_FORMS = frozenset({"is", "are", "am", "'s", "'re"})
_CLAUSES = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "parataxis"})


def _standing(tok: Token, etype: str | None) -> bool:
    """Whether a material event verb is in the simple present ("foreign influencers cooperate with
    the government", "the party allows them to go") or the present passive ("the vessels are
    sanctioned", "books that are banned"): news tells a deed in the past tense, so the present
    states a standing condition or a habit (coding guide), not one event. Verbal acts are left
    alone: "Beijing denies the allegations" is a statement made."""
    if _pos(tok) != "V" or plover_types().get(etype or "", {}).get("verbal", True):
        return False
    v = tok
    while v.dep_ == "conj" and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
        v = v.head
    if v.dep_ not in _CLAUSES or not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return False        # a clause with its subject, not a noun tagged as a verb ("University protests")
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if v.tag_ in _SIMPLE_PRESENT and not aux:
        # The tagger reads some past forms as present: "retook" (not the base form of its lemma),
        # "set up camps after the army left", "put ... on Monday" (a base form that is also the
        # past, with a past clause or a date of its own): read those as the past they are.
        if v.tag_ == "VBP" and (v.lower_ != _lemma(v) or any(
                (c.dep_ in ("advcl", "conj") and c.tag_ == "VBD") or c.ent_type_ in ("DATE", "TIME")
                for c in v.subtree if c.i != v.i)):
            return False
        return True
    return v.tag_ == "VBN" and bool(aux) and all(a.dep_ == "auxpass" and a.lower_ in _PRESENT_BE_FORMS for a in aux)


def _tally(tok: Token, tally: frozenset[str]) -> bool:
    """A plural event noun counted or quantified ("504 attacks", "several recent attacks") and not
    tied to one occasion (no possessor, definite article or date on it): a series or a tally, not
    one discrete, datable event (coding guide)."""
    if tok.tag_ != "NNS" or _lemma(tok) in people_nouns():
        return False    # "200 hostages" counts people held, not events
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in R.DEFINITE) or c.ent_type_ in ("DATE", "TIME"):
            return False
    for c in tok.children:
        if c.dep_ in ("amod", "det", "quantmod") and c.lower_ in tally:
            return True
        if c.dep_ == "nummod" and c.like_num and c.text.replace(",", "").isdecimal() and int(c.text.replace(",", "")) > 2:
            return True
    return False


_WHENEVER = frozenset({"when", "whenever"})


def _often(verb: Token, habitual: frozenset[str]) -> bool:
    """Whether an adverb of frequency ("frequently") or a time phrase of every occasion ("every
    month", word set ``habitual_det``) modifies the verb."""
    every = lexicon().ctx.get("habitual_det", frozenset())
    return any((c.dep_ == "advmod" and c.lower_ in habitual) or
               (c.dep_ in ("npadvmod", "advmod") and any(d.dep_ == "det" and d.lower_ in every for d in c.children))
               for c in verb.children)


# Types whose source must be a doer: a thing cannot promise, allow, support or ask ("the app
# supports", "early results are promising"). Force and its effects can have an instrument subject.
_ACTOR_TYPES = frozenset({"AGREE", "CONCEDE", "SUPPORT", "REJECT", "REQUEST", "ACCUSE", "CONSULT",
                          "THREATEN", "COOPERATE", "AID", "RETREAT", "PROTEST"})
_ADVICE_SUBJECTS = frozenset({"you", "yourself", "yourselves"})


def _thing_subject(tok: Token, src: Token | None, e: Entry | None) -> bool:
    """Whether a verbal trigger's subject is a thing, not an actor ("the platform offers", "this
    allows us", "his health continued to decline"): no cooperative or verbal event then."""
    if src is None or e is None or e.type not in _ACTOR_TYPES or _pos(tok) == "N":
        return False
    if _lemma(src) in lexicon().ctx.get("vehicle", frozenset()):
        return False    # "efforts to urge Ukraine": the effort stands for whoever makes it
    if src.head.i != tok.i and tok.tag_ in ("VBG", "VB") and tok.dep_ in ("pcomp", "advcl", "acl", "xcomp"):
        return False    # "in a move to strengthen ties after meeting with X": a borrowed subject, not the doer
    return is_thing(src)


_CURRENCY = frozenset({"$", "€", "£", "¥", "us$", "usd", "eur", "dollar", "dollars", "euro", "euros", "cent", "cents"})


def _commercial(tok: Token) -> bool:
    """Whether an offer or promise with no cooperative event in it is a sale ("offers the MacBook
    for $700", "my6sense offers a platform"): its clause names a price, or it is a standing offer in
    the simple present with an object and no clause ("offered to hand over" is a political offer)."""
    subj = R.subject_of(tok)
    public = subj is not None and _lemma(subj) in doer_nouns()     # "the government offered a reward"
    if not public and any(t.lower_ in _CURRENCY or t.ent_type_ == "MONEY" for t in tok.subtree):
        return True
    return (tok.tag_ in _SIMPLE_PRESENT and R.first(tok, "dobj") is not None
            and not any(c.dep_ in ("aux", "auxpass", "xcomp", "ccomp") for c in tok.children))


def _naming_participle(tok: Token) -> bool:
    """"a spec called PD for power delivery": a past participle modifying a noun with no "by"
    agent names or describes the noun; it is no call, promise or threat by anyone."""
    # The parser also hangs misread finite verbs on a distant noun as "acl" ("The Authority - which
    # ... - called for"): a modifier follows its noun directly and has no auxiliary.
    return (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.i == tok.head.i + 1
            and R.agent_of(tok) is None and not any(c.dep_ in ("aux", "auxpass") for c in tok.children))


def _advice(tok: Token, etype: str | None = None) -> bool:
    """Whether a trigger is advice to the reader, not an event: an imperative ("Get ready to
    start", "please visit") or, for a cooperative or verbal event, a generic second-person subject
    ("you can ask for ...", "you'll meet"); "if you shoot it down" in a quote is still an attack."""
    v = tok
    while v.dep_ in ("xcomp", "conj", "acomp") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX", "ADJ"):
        v = v.head
    subj = R.first(v, *R.SUBJ, *R.PASS_SUBJ)     # "you're promised a smooth ride" too
    if subj is not None:
        return subj.lower_ in _ADVICE_SUBJECTS and etype in _ACTOR_TYPES
    # an imperative: a bare main verb with neither subject nor auxiliary
    # ("Welcome to ..." is often tagged VBP: a present verb with no subject is no statement)
    return (v.dep_ == "ROOT" and v.tag_ in ("VB", "VBP") and not R.is_passive(v)
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "csubj", "expl") for c in v.children))


def _specific(tok: Token) -> bool:
    """A noun that names one particular event: "Saturday's attack", "the 1974 bombing"."""
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in R.DEFINITE):
            return True
        if c.dep_ in ("compound", "nummod", "npadvmod") and (c.ent_type_ in ("DATE", "TIME") or c.like_num):
            return True
    return False


def main_event(mentions: list[EventMention]) -> EventMention | None:
    """The sentence's main event: the most confident mention, the earliest on a tie."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.confidence, -m.trigger.i))


# --- no event: what the coding guide does not count, read from the syntax -------------------------

# Dependencies by which a trigger sits inside a phrase or clause that describes a noun; a clause
# under a speech verb is what was said, so the walk stops there ("officials, who say the army
# killed five": a claim made now, not a description).
_DESCRIBING = frozenset({"conj", "xcomp", "acl", "dobj", "pobj", "prep", "pcomp", "nmod", "compound",
                         "advcl", "ccomp", "attr", "oprd"})


def _no_event(tok: Token, etype: str | None) -> str | None:
    """Why the coding guide counts the trigger as no event, read from its syntax, else None: a
    relative clause that describes a noun in the present or the past perfect, an event noun naming
    the kind of another event, a formula of news writing, a background state."""
    if _described(tok):
        return "it describes a noun (a relative clause in the present or past perfect), no event told"
    if _kind_of(tok):
        return f"an event noun naming a kind of {tok.head.text!r}, no event of its own"
    if _private_voice(tok, etype):
        return "a private person's opinion (the coding guide codes no quotes of private individuals)"
    if _formulaic(tok):
        return "a formula of news writing (anonymity, a request for comment), no event"
    if _background(tok):
        return "a background state told before the story's events (already, before), no event"
    return None


def _described(tok: Token) -> bool:
    """Whether the trigger lies in a relative clause whose verb is in the simple present or the past
    perfect: such a clause says what a person or thing is or had done ("a former official who had
    negotiated with North Korea", "Douyin, where he posts clips praising life in China", "countries
    where they face a chance of being tortured"), background the coding guide does not code. A
    relative clause in the simple past ("the Taliban, who seized power in 2021") tells an event."""
    cur = tok
    for _depth in range(8):
        if cur.tag_ == "VBD" and cur.dep_ != "relcl":
            return False        # "who remain in custody since authorities deported 40": a past deed
        if cur.dep_ == "relcl":
            aux = {c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")}
            if "had" in aux or "'d" in aux:
                return not _dated(cur)     # "who had been arrested in March" is a datable past event
            return cur.tag_ in _SIMPLE_PRESENT and not aux and cur.i != tok.i
        if cur.dep_ not in _DESCRIBING or cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and is_report_verb(cur.head):
            return False
        cur = cur.head
    return False


def _kind_of(tok: Token) -> bool:
    """An event noun that modifies another noun names a kind of it ("murder-for-hire charges",
    "attack helicopters", "the protest ban", "protest leaders"), unless that noun carries the
    event (word sets ``vehicle``, ``quantity``, ``carrier``: "a mediation effort", "a wave of
    protests", "an aid package")."""
    head = tok.head
    if _pos(tok) != "N" or tok.dep_ not in ("compound", "nmod") or head.i <= tok.i or head.pos_ != "NOUN":
        return False
    ctx = lexicon().ctx
    carriers = ctx.get("vehicle", frozenset()) | ctx.get("quantity", frozenset()) | ctx.get("carrier", frozenset())
    return _lemma(head) not in carriers and head.lower_ not in carriers


def _private_voice(tok: Token, etype: str | None) -> bool:
    """A verbal event whose subject is a private individual named by a noun of word set ``private``
    ("a college student in Beijing said she agreed", "some commenters praised the efforts"); a name
    or an office is no private person."""
    if not plover_types().get(etype or "", {}).get("verbal", False):
        return False
    v = tok
    while v.dep_ in ("conj", "xcomp", "ccomp") and v.head.i != v.i and R.subject_of(v) is None:
        v = v.head
    subj = R.subject_of(v)
    if subj is not None and subj.pos_ == "PRON" and v.dep_ == "ccomp" and is_report_verb(v.head):
        subj = R.subject_of(v.head)     # "a college student said she agreed": the speaker's own act
    if subj is None or subj.pos_ == "PRON" or any(c.dep_ == "compound" and c.ent_type_ == "ORG" for c in subj.children):
        return False        # "a U.N. resident coordinator" is an office
    private = lexicon().ctx.get("private", frozenset())
    # the word's own form: "sellers" and "Cameroon's farmers" are a group that acts together
    return subj.lower_ in private and not any(c.dep_ == "poss" for c in subj.children)


def _formulaic(tok: Token) -> bool:
    """A trigger whose object is a formula of news writing (word set ``formula``: "requested
    anonymity", "spoke on condition of anonymity", "an email requesting comment", "declined to
    comment"): the reporter's sourcing, no event."""
    formula = lexicon().ctx.get("formula", frozenset())
    for w in tok.subtree:
        if w.i == tok.i or (w.lower_ not in formula and _lemma(w) not in formula):
            continue
        x = w
        while x.i != tok.i and x.dep_ in ("dobj", "pobj", "prep", "xcomp"):
            x = x.head
        if x.i == tok.i:
            return True
    return False


def _background(tok: Token) -> bool:
    """A past progressive or past perfect with "already" or "before" on it (word set ``background``):
    "The United Nations was already providing assistance to 1 million people before the coup" tells
    the state of things the story's events change, a standing condition, no event."""
    words = lexicon().ctx.get("background", frozenset())
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    past_progressive = tok.tag_ == "VBG" and bool(aux & {"was", "were"})
    past_perfect = tok.tag_ == "VBN" and "had" in aux
    return (past_progressive or past_perfect) and any(
        c.dep_ in ("advmod", "prep", "mark", "advcl") and c.lower_ in words for c in tok.children)



_CALENDAR = frozenset(m.lower() for m in (*calendar.month_name[1:], *calendar.day_name))


def _dated(clause: Token) -> bool:
    """Whether a clause carries a date of its own: a year, a month, a weekday or "ago" (a
    duration, "for years", dates nothing)."""
    return any(t.lower_ in _CALENDAR or t.lower_ == "ago" or (t.like_num and len(t.text) == 4 and t.text.isdigit())
               for t in clause.subtree)
