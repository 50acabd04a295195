"""Did it happen: the status of an event mention, and who says so.

``classify_status(trigger)`` reads the parse around the event word and returns one of
occurred, ongoing, planned, claimed, denied, hypothetical, with the cue word and the speaker.

How it decides (cue words in ``codebooks/data/status_cues.tsv``):
  * the event's own clause: negation or "no" on its subject/object -> denied; modal "will" ->
    planned, "could/might/may/would" -> hypothetical ("would" under a past speech verb is a
    reported future -> planned); present progressive, "have been -ing", "still" -> ongoing;
    inside an "if/unless" clause or a clause with a conditional -> hypothetical;
  * the verbs above it: "plans/is set/scheduled/agreed to X" -> planned; "threatened to X",
    "has not ruled out X" -> hypothetical; "continue to X" -> ongoing; "denied X-ing",
    "rejected claims that X" -> denied; "X said/claimed/according to Y that ..." and quotes ->
    claimed with attribution Y; "accused Y of X-ing", "labelled it an X", "allegedly" -> claimed.
  * the coding guide's status read from the grammar (issue 11): a noun's "of" phrase it fears or
    reports ("the risk of being deported", "reports of killings"; cue ``of``); an infinitive on
    a noun is a purpose ("regulations to ban the sale"); a comparison ("like the government is
    prosecuting") supposes; a report only required or supposed ("must show", "could not
    confirm") is none; a past progressive under a past speech verb is the backshifted present,
    ongoing; a why/how/where clause presupposes its event; "can hear" asserts what is perceived;
    a past or progressive statement is made whatever its condition ("is warning ... if").
  * precedence: denied > hypothetical > planned > ongoing > claimed > occurred; so "troops are
    scheduled to leave, according to the CSTO" is planned, with attribution "the CSTO".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

import re

from ..codebooks import load_lines, load_tsv
from .lexicon import match

__all__ = ["StatusResult", "accusation_content", "believed_above", "classify_status", "commentator_names", "cue_on_words",
           "in_quotes", "is_report_verb", "relayed_by_third_party", "standing_condition", "standing_position",
           "told_by_another_state"]

_ORDER = ("denied", "hypothetical", "planned", "ongoing", "claimed", "occurred")
_NEG = {"not", "n't", "never", "no"}
_NOBODY = {"nobody", "none", "nothing", "no one", "noone"}
_PRESENT_BE = {"is", "are", "am", "'re", "'s", "be"}
_PAST_BE = {"was", "were"}
_ASSERTING_MODALS = {"can", "ca"}
_ABILITY = {"can", "could", "ca"}
_PRESUPPOSING = {"why", "how", "where"}      # not "whether", "if", "when" (a time may be still to come)     # "police can confirm that ...": the speaker asserts it
# Subject pronouns by which a speaker reports its own deed ("militants said they released")
_SELF_PRONOUNS = {"i", "we", "he", "she", "it", "they"}
_NP_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "prep", "attr", "oprd", "conj", "appos",
            "compound", "npadvmod", "dative", "agent", "acomp"}


@dataclass
class StatusResult:
    """Status of one event mention, the word that decided it, and who said so (or None)."""

    status: str
    cue: str | None = None
    attribution: str | None = None
    speaker: Span | None = None
    # The status comes from above the event's own clause: a condition, a forecast, a doubt, an
    # effort or a failure. A promise, threat or refusal coded from the clause does not absorb it.
    unreal: bool = False


@lru_cache(maxsize=1)
def status_cues() -> dict[tuple[str, str], str]:
    """(cue kind, word) -> status, from status_cues.tsv (also the record model's word classes)."""
    return {(r["cue"], r["word"]): r["status"] for r in load_tsv("status_cues.tsv")}


def _cue(kind: str, tok: Token) -> str | None:
    table = status_cues()
    if kind == "govern" and tok.lemma_ == "go" and tok.tag_ != "VBG":
        return None                      # only "going to" looks ahead
    # A phrasal verb is its own word: "set off a bomb" is no plan, though "set to" is.
    prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    words = [f"{tok.lemma_.lower()} {prt[0]}"] if prt else []
    for w in words + [tok.lemma_.lower(), tok.text.lower()]:
        if (kind, w) in table:
            return table[(kind, w)]
    return None


def _speaker(verb: Token) -> Span | None:
    """The subject of a speech verb: "Kremlin spokesman Dmitry Peskov said" -> that span."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "that", "which", "who"):
            toks = list(c.subtree)
            left, right = toks[0].i, toks[-1].i + 1
            span = c.doc[left:right]
            while len(span) and span[-1].is_punct:
                span = span[:-1]
            while len(span) and span[0].is_punct:
                span = span[1:]
            return span if len(span) else None
        if c.dep_ == "agent" and (phrase := _object_phrase(c)) is not None:
            return phrase
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i:
        return _speaker(verb.head)      # "Washington appeared to step back, indicating that ...": its subject's
    return None


def _according_to(verb: Token) -> Span | None:
    """The source of "according to X" attached anywhere in the clause of ``verb``."""
    for t in verb.subtree:
        if t.lower_ == "according":
            for to in t.children:
                if to.lower_ == "to" and (phrase := _object_phrase(to)) is not None:
                    return phrase
    return None


def _object_phrase(prep: Token) -> Span | None:
    """The whole phrase of a preposition's object ("by [the riot police]")."""
    objs = [x for x in prep.children if x.dep_ == "pobj"]
    return objs[0].doc[objs[0].left_edge.i:objs[0].right_edge.i + 1] if objs else None


def _own_clause(v: Token, is_trigger_clause: bool, own_tense: bool = True) -> tuple[str, str] | None:
    """Status set by the words of the clause headed by ``v`` (modals, negation, tense; the
    progressive only when ``own_tense``: the clause's verb carries the event)."""
    found: list[tuple[str, str]] = []
    kids = list(v.children)
    for c in kids:
        if c.dep_ == "mark" and _cue("mark", c):
            found.append((_cue("mark", c), c.text))
        if c.dep_ in ("aux", "auxpass") and _cue("aux", c):
            if c.lower_ in _ABILITY and _cue("perceive", v):
                continue        # "we can still hear gunfire", "forces could be seen surrounding": perceived, so real
            if not is_trigger_clause and _cue("aux", c) == "planned" and _cue("govern", v) == "ongoing":
                continue        # "will continue to stand with": a continuation says the event goes on already
            if c.lower_ == "should" and c.i < v.i and v.dep_ == "advcl" and \
                    any(x.dep_.startswith("nsubj") and x.i > c.i for x in kids):
                found.append(("hypothetical", c.text))      # "Should talks fail, ..."
            else:
                found.append((_cue("aux", c), c.text))
        if is_trigger_clause and c.dep_ == "neg":
            found.append(("denied", c.text))
        if c.dep_ == "advmod" and _cue("advmod", c):
            st = _cue("advmod", c)
            if st != "denied" or is_trigger_clause:
                found.append((st, c.text))
        if is_trigger_clause and c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
            if c.lower_ in _NOBODY or any(d.dep_ in ("det", "neg") and d.lower_ == "no" for d in c.children):
                found.append(("denied", "no"))
        # a conditional clause hanging on this one: "If the talks fail, the army would launch"
        if c.dep_ == "advcl" and (any(m.dep_ == "mark" and _cue("mark", m) for m in c.children) or
                                  (c.children and any(a.lower_ == "should" and a.i < c.i for a in c.children))):
            # a past or a progressive statement is made whatever its condition ("Ankara is
            # warning Washington of consequences if ..."); a modal or a present supposes the event
            if not (v.tag_ == "VBD" or _progressive(v, kids)) or any(a.dep_ == "aux" and _cue("aux", a) for a in kids):
                mark = next((m.lower_ for m in c.children if m.dep_ == "mark" and _cue("mark", m)), "if")
                found.append(("hypothetical", f"{mark} ..."))    # the condition of this clause
    # "forces can be seen surrounding the hotel": the -ing complement of a perception verb is an
    # action seen in progress (the bare "seen surround" would be a completed one); as for the
    # progressive, going on now when perceived in the present or in backshifted reported speech
    # ("the reporter said forces could be seen surrounding"), a past event in a past narrative
    if own_tense and v.tag_ == "VBG" and v.dep_ in ("xcomp", "ccomp", "oprd") and _cue("perceive", v.head) \
            and not any(c.dep_ == "aux" for c in kids) and _perceived_now(v.head):
        found.append(("ongoing", v.text))
    # progressive present: "are protesting", "have been occupying"
    if own_tense and v.tag_ == "VBG":
        auxes = [c for c in kids if c.dep_ == "aux"]
        if any(a.lower_ in _PRESENT_BE for a in auxes) or \
                (any(a.lower_ == "been" for a in auxes) and any(a.lower_ in ("have", "has", "'ve") for a in auxes)) \
                or (any(a.lower_ in _PAST_BE for a in auxes) and _backshifted(v)):
            found.append(("ongoing", v.text))
    # "the siege is still under way", "workers are on strike"
    if v.lemma_ == "be" and v.lower_ in _PRESENT_BE:
        for c in kids:
            if c.dep_ in ("acomp", "advmod", "prep", "attr") and (
                    _cue("state", c) or any(_cue("state", x) for x in c.subtree)):
                found.append(("ongoing", c.text))
    if not found:
        return None
    supposed = [f for f in found if f[0] == "hypothetical" and _cue_word("mark", f[1].split(" ")[0])]
    # "if this happens, Turkey will not buy": the condition outranks the negation it holds
    return supposed[0] if supposed else min(found, key=lambda f: _ORDER.index(f[0]))


def _perceived_now(verb: Token) -> bool:
    """Whether a perception verb is in the present ("can see", "are seen") or backshifted under a
    past speech verb ("said forces could be seen")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") or any(a.lower_ in _PRESENT_BE or a.lower_ in ("can", "ca") for a in auxes):
        return True
    return _backshifted(verb)


def _progressive(v: Token, kids: list[Token]) -> bool:
    """"is warning", "were holding": a be auxiliary on an -ing verb."""
    return v.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_ == "be" for a in kids)


def _presupposed(verb: Token) -> bool:
    """A finite clause asked about by "why", "how", "where" ("can't figure out why the book was
    banned", "it is unclear how many were killed"): it takes the event as given, so a doubt,
    a modal or a negation above it does not touch it."""
    first = verb.left_edge
    return (verb.dep_ in ("ccomp", "xcomp", "advcl", "csubj") and first.tag_ == "WRB" and first.lower_ in _PRESUPPOSING
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _backshifted(verb: Token) -> bool:
    """Whether a clause is the complement of a speech verb in the past ("security sources said
    militants were holding hostages"): reported speech shifts the present back, so its past
    progressive tells what was going on when it was said (the present "are holding")."""
    if verb.dep_ not in ("ccomp", "parataxis") or _cue("report", verb.head) is None:
        return False
    speech = verb.head
    # "security sources said, adding that bombers were using ...": a participle of speech takes
    # the time of the clause it hangs on
    while speech.tag_ == "VBG" and speech.dep_ in ("advcl", "conj") and speech.head.i != speech.i:
        speech = speech.head
    return speech.tag_ == "VBD"


def _says_it_occurred(verb: Token) -> bool:
    """Whether ``verb`` says its subject took place ("happened", "took place", "was held")."""
    words = [verb.lemma_.lower()] + [f"{verb.lemma_.lower()} {c.lemma_.lower()}" for c in verb.children
                                     if c.dep_ in ("dobj", "prt", "advmod")]
    return any(("occur", w) in status_cues() for w in words)


def _predicate_cue(verb: Token) -> tuple[str, str] | None:
    """The status a predicate adjective of ``verb`` gives its subject or complement clause
    ("is unlikely", "proved elusive", "remains unclear"), from the govern cues."""
    for c in verb.children:
        if c.dep_ in ("acomp", "oprd") and (st := _cue("govern", c)) in ("hypothetical", "denied"):
            return st, c.text
    return None


def _np_verb(noun: Token) -> Token:
    """The verb an event noun hangs on ("attack" in "wounded in a PKK attack" -> "wounded")."""
    x = noun
    while x.pos_ not in ("VERB", "AUX") and x.dep_ in _NP_DEPS and x.head.i != x.i:
        x = x.head
    return x


def _in_quotes(tok: Token) -> bool:
    marks = sum(1 for t in tok.doc[tok.sent.start if tok.doc.has_annotation("SENT_START") else 0:tok.i]
                if t.text in ('"', "\u201c", "\u201d", "''", "``"))
    return marks % 2 == 1


def _quote_speaker(tok: Token) -> tuple[Token, Span | None] | None:
    """For an event inside quotation marks, the speech verb outside them and its subject."""
    sent = tok.sent
    inside = False
    for t in sent:
        if t.text in ('"', "\u201c", "\u201d", "''", "``"):
            inside = not inside
            continue
        if not inside and t.pos_ == "VERB" and _cue("report", t):
            return t, _speaker(t)
    return None


def classify_status(trigger: Token) -> StatusResult:
    """Status of the event named by ``trigger`` in its parsed sentence.

    Args:
        trigger: the event word (verb or noun) in a spaCy parse.
    Returns:
        StatusResult(status, cue, attribution text, speaker span).
    """
    flags: list[tuple[str, str]] = []
    speaker: Span | None = None
    reported = False
    cur, own_negation = trigger, True
    located = False     # an event noun in a prepositional phrase of its clause: that clause's setting
    # The progressive says the event goes on only on the event's own verb, its conjuncts, or the
    # verb carrying an event noun as its object ("are holding talks"); not on a verb an event
    # noun is subject of or hangs under ("the skirmish is making India wary", "are facing murder
    # charges"), nor on a verb above the clause ("is threatening to conduct ..., refusing to meet").
    own_tense = True
    if trigger.dep_ in ("pcomp", "pobj") and _cue("prep", trigger.head):
        flags.append((_cue("prep", trigger.head), trigger.head.text))   # "without investigating"
    if trigger.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or trigger.pos_ == "ADJ":
        if (of := _of_cue(trigger)) is not None:
            flags.append(of)            # "the threat of sanctions", "reports of sexual violence"
        for c in trigger.children:
            if c.dep_ == "amod" and _cue("amod", c):
                flags.append((_cue("amod", c), c.text))
            if c.dep_ in ("det", "neg") and c.lower_ == "no":
                flags.append(("denied", c.text))
        verb = _np_verb(trigger)
        if verb.i != trigger.i:
            path = trigger
            while path.head.i != verb.i and path.head.i != path.i:
                path = path.head
            if _cue("label", verb) and path.dep_ in ("oprd", "dobj", "attr", "ccomp", "xcomp") and \
                    sum(1 for c in verb.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp")) >= 2:
                flags.append(("claimed", verb.text))
                speaker = _speaker(verb)
                reported = True
            g = _cue("govern", verb)
            # a speech verb's object is the act its saying performs ("announced sanctions",
            # "announcing the ceasefire"): done, not planned; "announced plans to" keeps its noun cue
            said_act = path.dep_ == "dobj" and _cue("report", verb) is not None
            if g == "ongoing" or (g in ("planned", "hypothetical") and not said_act
                                  and path.dep_ in ("nsubj", "nsubjpass", "dobj")):
                flags.append((g, verb.text))
            if verb.lemma_ == "be" and verb.lower_ in _PRESENT_BE and path.dep_ == "prep":
                flags.append(("ongoing", verb.text))       # "workers are on strike"
            # Negation on the verb an event noun is subject of denies the event only when that verb
            # says it took place ("the attack did not happen"), not for any predicate about it
            # ("their demands did not mesh", "the arrest was not a reflection of ...").
            own_negation = path.dep_.startswith("nsubj") and _says_it_occurred(verb)
            located = path.dep_ == "prep"
            own_tense = path.i == trigger.i and path.dep_ == "dobj"
            cur = verb
    unreal: list[tuple[str, str]] = []     # flags from above the event that no expression absorbs
    modal = False                           # a future or possibility modal on the way up
    for _depth in range(8):
        own = _own_clause(cur, own_negation, own_tense)
        if own:
            flags.append(own)
        modal = modal or any(c.dep_ == "aux" and _cue("aux", c) in ("planned", "hypothetical") for c in cur.children)
        own_negation = False
        rel, par = cur.dep_, cur.head
        own_tense = own_tense and rel == "conj"
        if _presupposed(cur):
            break
        if par.i == cur.i or reported:
            break
        if modal and rel in ("ccomp", "xcomp", "acl", "relcl") and (word := _believed(par)) is not None:
            # "little reason to think the leaders will meet", "believe rebels could attack",
            # "it was evident they would impose": what someone expects is a forecast, no event
            flags.append(("hypothetical", word.text))
            unreal.append(flags[-1])
        if rel in ("ccomp", "parataxis") and (_cue("report", par) or _cue("deny", par)):
            status = "denied" if _cue("deny", par) else "claimed"
            flags.append((status, par.text))
            speaker = _speaker(par) or _according_to(par)
            # "announced it would pull back": a reported future, not a condition
            if par.tag_ == "VBD" and any(f == ("hypothetical", "would") for f in flags):
                flags = [("planned", "would") if f == ("hypothetical", "would") else f for f in flags]
            # "it must show the person violated the law", "could not confirm that anyone was hurt":
            # a report only required or supposed is no report made ("can confirm" asserts)
            required = next((a for a in par.children if a.dep_ == "aux" and a.lower_ not in _ASSERTING_MODALS
                             and _cue("aux", a) == "hypothetical"), None)
            if required is not None:
                flags.append(("hypothetical", required.text))
                unreal.append(flags[-1])
            reported = True
            break
        if (rel == "acl" or (rel == "relcl" and _infinitive(cur))) and par.pos_ in ("NOUN", "PROPN"):
            noun_cue = _cue("noun", par)
            if noun_cue is None:
                judged = _predicate_cue(par.head) if par.dep_ in ("nsubj", "nsubjpass") else None
                if judged is not None:
                    flags.append(judged)        # "efforts to negotiate a ceasefire proved fruitless"
                    unreal.append(judged)
                elif _depth == 0 and _infinitive(cur) and not _ranked(par) and cur.i > par.i:
                    # an infinitive on a noun says what the thing is for ("regulations to ban the
                    # sale", "ways to oppose the limits", "$500,000 to plan a murder"): a purpose (only the
                    # event's own clause: "a move to strengthen ties after meeting X" keeps the meeting)
                    flags.append(("hypothetical", "to"))
                    unreal.append(flags[-1])
                break
            verb = _np_verb(par)
            if noun_cue == "claimed":
                flags.append(("denied" if _cue("deny", verb) else "claimed", par.text))
                speaker = _speaker(verb) if verb.i != par.i else None
                reported = True
                break
            if noun_cue in ("hypothetical", "denied"):
                if located:
                    break               # "an attempt to bridge the gap at talks in Stockholm": the talks were held
                flags.append((noun_cue, par.text))
                unreal.append(flags[-1])    # "efforts to impose", "the failure to sell", "not the time to"
            else:
                flags.append((noun_cue, par.text))
            cur = verb
            continue
        if rel == "relcl":
            break
        if rel == "pcomp" and par.head.i != par.i and (of := _of_cue(cur)) is not None:
            # "face the greatest risk of being deported", "reports of killing civilians": the noun
            # says the act is feared or only reported
            flags.append(of)
            if of[0] == "hypothetical":
                unreal.append(of)
            else:
                speaker, reported = _speaker(_np_verb(par.head)), True
                break
            cur = _np_verb(par.head)
            continue
        if rel == "pcomp" and par.head.i != par.i:
            g = par.head if par.head.pos_ in ("VERB", "AUX", "ADJ") else _np_verb(par.head)
            if par.i < g.i:
                # a phrase fronted before the verb sets its scene, it is not what was said or
                # planned: "In announcing the sanctions, the department said ..." ("accused him of
                # killing", after its verb, is)
                cur = g
                continue
            if _cue("report", g) or _cue("deny", g):
                flags.append(("denied" if _cue("deny", g) else "claimed", g.text))
                speaker = _speaker(g)
                reported = True
                break
            if _cue("govern", g):
                flags.append((_cue("govern", g), g.text)) if _cue("govern", g) != "inherit" else None
            cur = g
            continue
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        judged = _predicate_cue(par) if rel in ("xcomp", "csubj", "ccomp", "nsubj", "nsubjpass") else None
        if judged is not None:
            # "is unlikely to agree", "signing a deal has proved elusive", "it is unclear whether":
            # the adjective its clause is judged by says it has not happened
            flags.append(judged)
            unreal.append(judged)
        elif rel == "xcomp" and infinitive and par.lemma_ == "be" and not any(
                c.dep_ in ("attr", "acomp") and _ranked(c) for c in par.children):
            # "the president is to visit"; not "was the first to share word of the strike": a rank
            # says who did it in what order, nothing planned
            flags.append(("planned", par.text))
        if rel in ("xcomp", "dobj", "ccomp") or (rel == "advcl" and infinitive):
            g = _cue("govern", par)
            if g and g != "inherit":
                flags.append((g, par.text))
                if g in ("denied", "claimed"):
                    speaker = _speaker(par) if g == "denied" else next(
                        (o for o in [_speaker(par)] if o is not None and
                         any(c.dep_ == "agent" for c in par.children)), None)
        cur = par
    top = cur
    if speaker is None:
        src = _according_to(top) or (_according_to(trigger.head) if trigger.head.i != top.i else None)
        if src is not None:
            speaker = src
            flags.append(("claimed", "according to"))
            reported = True
    if not reported:
        # "X happened, police said" parsed with the speech verb hanging on the event clause
        for c in top.children:
            if c.dep_ in ("parataxis", "ccomp", "advcl") and c.pos_ == "VERB" and _cue("report", c) \
                    and not any(x.dep_ == "ccomp" for x in c.children) and c.i > trigger.i:
                flags.append(("claimed", c.text))
                speaker = _speaker(c)
                reported = True
                break
    if not reported and _in_quotes(trigger):
        found = _quote_speaker(trigger)
        if found:
            flags.append(("claimed", found[0].text))
            speaker = found[1]
    if not flags:
        return StatusResult("occurred", None, speaker.text if speaker is not None else None, speaker)
    unreal += [f for f in flags if f[0] == "hypothetical" and _cue_word("mark", f[1].split(" ")[0])]
    supposed = [f for f in flags if f[0] == "hypothetical" and f in unreal]
    # A condition or a forecast over the event outranks a negation inside it: "if this happens,
    # Turkey will not buy" supposes a refusal, it reports none.
    status, cue = supposed[0] if supposed else min(flags, key=lambda f: _ORDER.index(f[0]))
    return StatusResult(status, cue, speaker.text if speaker is not None else None, speaker,
                        unreal=(status, cue) in unreal)


def standing_condition(trigger: Token) -> Token | None:
    """The verb by which an event noun names a standing condition, else None: the state its
    subject remains in ("the resident remains in detention") or a restriction that stays in
    force ("the ban remains in place"; a bare noun after "in", not a place: "remain in the
    square"). The coding guide counts standing conditions ("the ban is still in place") as no
    event; the act that set them up is the event. Verbs: the ``condition`` cues."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" and trigger.head.head.i != trigger.head.i:
        verb = trigger.head.head
        return verb if _cue("condition", verb) and trigger.head.dep_ == "prep" else None
    if trigger.dep_ in ("nsubj", "nsubjpass") and _cue("condition", trigger.head):
        verb = trigger.head
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
            if any(o.dep_ == "pobj" and o.pos_ == "NOUN" and not any(d.dep_ in ("det", "poss") for d in o.children)
                   for o in prep.children):
                return verb
    return None


def standing_position(trigger: Token) -> bool:
    """Whether a stance verb in the simple present heads a main clause ("the group also opposes
    Chinese investment"): an attitude held, no act on a day. Under a speech verb, in quotation
    marks or with a time word of its own it is a statement made ("Putin said Thursday that
    Russia supports"; "'We oppose it,' he said"; "on Monday Russia backs ..."). Verbs: the
    ``stance`` cues."""
    present = trigger.tag_ in ("VBZ", "VBP") or (
        trigger.tag_ == "VB" and trigger.dep_ == "conj" and trigger.head.tag_ in ("VBZ", "VBP"))  # "oppose X and back Y"
    if not present or not _cue("stance", trigger) or _in_quotes(trigger):
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") or (c.dep_ in ("npadvmod", "prep", "advmod") and c.ent_type_ in ("DATE", "TIME"))
           for c in trigger.children):
        return False
    head = trigger
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "ROOT"


def _of_cue(word: Token) -> tuple[str, str] | None:
    """The status a noun gives the event in its "of" phrase ("risk of being deported", "the threat
    of sanctions", "reports of killings"; the ``of`` cues), with the noun, else None."""
    prep = word.head
    if word.dep_ not in ("pobj", "pcomp") or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    noun = prep.head
    if noun.pos_ not in ("NOUN", "PROPN") or (status := _cue("of", noun)) is None:
        return None
    return status, noun.text


def _ranked(word: Token) -> bool:
    """An ordinal or a superlative, alone or as the head's modifier ("first", "the last", "the only")."""
    words = [word] + [c for c in word.children if c.dep_ in ("amod", "det")]
    return any(w.ent_type_ == "ORDINAL" or w.tag_ == "JJS" or w.lower_ in ("first", "last", "only") for w in words)


def _cue_word(kind: str, word: str) -> bool:
    return (kind, word.lower()) in status_cues()


def believed_above(verb: Token) -> Token | None:
    """The word of belief or expectation a clause hangs under ("think" in "little reason to think
    the leaders will meet"; "believe" in "believe rebels have retreated and could attack"), else None."""
    cur = verb
    for _depth in range(6):
        rel, par = cur.dep_, cur.head
        if par.i == cur.i:
            return None
        if rel in ("ccomp", "xcomp", "acl", "relcl") and (word := _believed(par)) is not None:
            return word
        if rel not in ("conj", "ccomp", "xcomp"):
            return None
        cur = par
    return None


def cue_on_words(result: StatusResult, words: list[Token]) -> bool:
    """Whether the modal or negation that decided ``result`` sits on one of ``words`` (on a noun's
    verb for a noun): it belongs to that expression. True for any other cue, and when the cue
    word is not found in the sentence. "said it would not accept" puts "would" on "accept";
    in "might resign and start threatening", "might" sits on "resign", not on the threat.

    Args:
        result: the status classify_status gave.
        words: the expression's words (the trigger first).
    """
    if not result.cue or not words:
        return True
    sent = words[0].sent
    word = result.cue.split(" ")[0]
    found = [t for t in sent if t.text == word]
    if not found:
        return True
    cue = min(found, key=lambda t: abs(t.i - words[0].i))
    if cue.dep_ not in ("aux", "auxpass", "neg"):
        return True         # a verb or adjective of plan or doubt: the frame decides what it folds
    own = {w.i for w in words} | {_np_verb(w).i for w in words if w.pos_ in ("NOUN", "PROPN")}
    return cue.head.i in own


def is_report_verb(tok: Token) -> bool:
    """Whether a word is a speech or report verb of the status cues ("say", "tell", "announce")."""
    return _cue("report", tok) is not None


def in_quotes(tok: Token) -> bool:
    """Whether a word stands inside quotation marks in its sentence."""
    return _in_quotes(tok)


def _infinitive(verb: Token) -> bool:
    """A "to" infinitive: "the time for the Council to consider" (parsed as a relative clause)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _believed(word: Token) -> Token | None:
    """The word of belief or expectation governing a clause ("think", "believe", "fear", "it was
    evident", "is confident", "reason"), from the believe cues, else None."""
    if _cue("believe", word):
        return word
    return next((c for c in word.children if c.dep_ in ("acomp", "attr") and _cue("believe", c)), None)


def relayed_by_third_party(result: StatusResult, trigger: Token, source: Span | None) -> bool:
    """Whether a claimed event is only relayed: a plain reporting verb or "according to" (relay
    cues) whose speaker is not the event's own actor. The coding guide's claimed is "reported by
    one side only": a side telling its own deed ("militants said they released dozens") is a
    claim; officials, witnesses or a U.N. envoy saying that security forces arrested people relay
    an event that occurred. A direct quotation is the speaker's own account, a claim as before.

    Args:
        result: the status classify_status gave the trigger.
        trigger: the event word.
        source: the event's actor phrase, or None.
    """
    if result.status != "claimed" or not result.cue or _in_quotes(trigger):
        return False                      # a speaker's own quoted words are that speaker's account
    if result.cue.lower() != "according to":
        verbs = [t for t in trigger.sent if t.text == result.cue]
        if not verbs or not any(("relay", w) in status_cues() for w in (verbs[0].lemma_.lower(), verbs[0].lower_)):
            return False
    if source is None:
        # a passive that hides its doer ("Both forces say ammunition was seized"): when the
        # speaker is an armed side, the only party the sentence offers for the deed is the
        # speaker, telling its own; an event noun without its doer ("the airstrike") says nothing so
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
        return not passive or result.speaker is None or not _armed_side(result.speaker)
    if source.root.lower_ in _SELF_PRONOUNS and len(source) == 1:
        return False
    if result.speaker is not None:
        said = {t.lemma_.lower() for t in result.speaker if t.is_alpha and not t.is_stop}
        if said & {t.lemma_.lower() for t in source if t.is_alpha and not t.is_stop}:
            return False
    return True


def accusation_content(trigger: Token) -> Token | None:
    """The accusation whose prepositional object the event is ("accused him of undermining democracy
    and allowing graft", "were accused of planning to kidnap", "blamed Pakistan for attacking"):
    a verb the lexicon codes ACCUSE, reached through "of"/"for" and conjuncts; else None. Issue 11
    and the coding guide code the accusation with the act as its content, not the act on its own."""
    tok = trigger
    for _depth in range(4):
        if tok.dep_ in ("pcomp", "pobj") and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head
            entry = match(verb, {t.lower_ for t in verb.sent})
            return verb if entry is not None and entry.type == "ACCUSE" else None
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def told_by_another_state(actor, speaker) -> bool:
    """Whether a verbal act is told by a speaker of another country than its actor's ("the Thai
    government said China had asked for the return"): reported by one side only, the coding
    guide's claimed. A speaker telling its own country's act ("Ukraine said it is ready", an
    official reporting the government's request) makes the statement known as made.

    Args:
        actor: the event's resolved actor1 (model.Actor) or None.
        speaker: the resolved actor of the attribution, or None.
    """
    if actor is None or speaker is None:
        return False
    return bool(actor.country and speaker.country and actor.country != speaker.country)


# Sectors of roles.tsv that are sides of armed conflict: their reports of combat are their own account
_ARMED_SECTORS = frozenset({"MIL", "REB"})


@lru_cache(maxsize=1)
def _armed_roles() -> frozenset[str]:
    return frozenset(r["term"].lower() for r in load_tsv("roles.tsv") if r["sector"] in _ARMED_SECTORS)


def _armed_side(speaker: Span) -> bool:
    """Whether a speaker is named by an armed role ("both forces", "the army", "militants")."""
    roles = _armed_roles()
    head = speaker.root
    words = [head.lower_, head.lemma_.lower()]
    compounds = " ".join(t.lower_ for t in speaker if t.i <= head.i and t.dep_ in ("compound", "amod") or t.i == head.i)
    return any(w in roles for w in words) or compounds in roles


_NAME = r"((?:[A-Z][\w'’-]+\s){0,3}[A-Z][\w'’-]+)"
# "Joshua Pollack, a North Korean expert at ...", "Denny Roy, senior fellow and ...": a full name and
# its appositive, up to the next comma, period or quotation mark
_DESCRIBED = re.compile(_NAME + r",\s+((?:an?|the)\s+)?([^,.;:\"“”]{3,120})")


@lru_cache(maxsize=1)
def _commentator_nouns() -> frozenset[str]:
    return frozenset(load_lines("commentators.txt"))


@lru_cache(maxsize=1)
def _titled() -> re.Pattern:
    """"Professor Mesut Casin", "analyst Jane Doe": a commentator noun as the name's title."""
    nouns = "|".join(sorted(_commentator_nouns(), key=len, reverse=True))
    return re.compile(r"\b(?i:" + nouns + r")\s+" + _NAME)


def commentator_names(text: str) -> frozenset[str]:
    """The people an article introduces as commentators (an appositive or a title whose noun is in
    ``codebooks/data/commentators.txt``: "Joshua Pollack, a North Korean expert", "Professor Mesut
    Casin"), by full name and by surname, so that "Pollack said" later is known for an analyst.
    The coding guide counts analysts' and academics' opinions as no event."""
    nouns = _commentator_nouns()

    def commentator(words: str) -> bool:
        return any(w in nouns or (w.endswith("s") and w[:-1] in nouns)
                   for w in re.findall(r"[a-z]+", words.lower()))

    names = {m.group(1) for m in _DESCRIBED.finditer(text)
             if len(m.group(1).split()) > 1 and commentator(m.group(3))}      # a full name, not "So, the"
    names |= {m.group(1) for m in _titled().finditer(text) if len(m.group(1).split()) > 1}
    return frozenset(names | {n.split()[-1] for n in names if len(n.split()) > 1})

