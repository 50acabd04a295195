"""Who acts and who is acted on, by event type: the source and target tokens of a coded trigger.

extraction/roles.py knows the grammar (subjects, objects, phrases); this module knows what each
PLOVER type makes of it: the prepositions that name a target ("aid to X", "withdrawal from X"),
what moves in a withdrawal or a deployment, mutual acts ("X and Y clashed"), stances ("is opposed
to X"), and an attack's devices and victims ("a bomb exploded, killing six soldiers").
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from . import roles as R
from .lexicon import Entry, _lemma, _pos, lexicon

__all__ = ["CONSEQUENCE", "complement_target", "content_target", "source_and_target", "span_of", "via_object"]

# Prepositions whose object is the target, by type, when the direct object is not (it is a thing).
_TARGET_PREPS = {
    "AID": ("to", "for"),
    "COOPERATE": ("with", "to"),
    "RETREAT": ("from",),
    "MOBILIZE": ("to", "against", "into"),
    "PROTEST": ("against", "at", "outside"),
    "CONSULT": ("with",),
}
# Types of acts between equals: a coordinated subject names both sides.
MUTUAL = frozenset({"CONSULT", "COOPERATE", "ASSAULT", "AGREE"})
# Types whose passive participle with "to" states the subject's stance ("is opposed to").
_STANCE = frozenset({"REJECT", "SUPPORT", "AGREE"})
_THING_PREPS = ("on", "against", "to", "with", "from", "into", "for", "at")
# Nouns whose "of" object is the actor ("withdrawal of troops"), not the one acted on.
_OF_IS_SOURCE = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "AID"})
# Consequence verbs: "the bombing killed ten", "killed in an air strike" are the noun's event.
CONSEQUENCE = frozenset({"kill", "wound", "injure"})
_HARM = CONSEQUENCE | {"hit", "destroy", "damage", "target", "strike", "rock", "claim"}
# Verbs of a device going off: their intransitive subject and their object are the device, not a
# participant ("the bomb exploded", "detonated 20 bombs"); "blew himself up" names no target.
_DETONATE = frozenset({"explode", "detonate", "blow"})
_DIE = frozenset({"die", "perish"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself", "themself"})
# CAMEO codes of acts done to persons (release persons, arrest, deport, abduct, assassinate):
# their nouns take the patient as possessor ("Khalil's deportation", "his abduction").
_PATIENT_POSSESSOR = ("0841", "173", "174", "181", "185", "186")
# CAMEO code of providing military protection or peacekeeping: the forces sent are its source.
_PEACEKEEPING = "074"
# Instrument sets of the trigger lexicon (triggers.tsv CTX rows): weapons are no actors.
_INSTRUMENT_SETS = ("explosives", "firearms", "primitive")
# Types whose object is often the source's own agents, sent or called back ("recalled its
# ambassador", "deployed their troops"): such an object is no target.
_OWN_AGENT_TYPES = frozenset({"SANCTION", "MOBILIZE"})


def span_of(tok: Token | None) -> Span | None:
    return R.phrase(tok) if tok is not None else None


def _dative(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "dative":
            if c.pos_ == "ADP":
                obj = R.first(c, "pobj")
                if obj is not None:
                    return obj
            else:
                return c
    return None


def via_object(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Prepositional objects of the verb, then of its direct object ("shared evidence with X")."""
    found = R.prep_objects(tok, preps)
    obj = R.first(tok, "dobj")
    if obj is not None:
        found += R.prep_objects(obj, preps)
    return found


def complement_target(inner: Token) -> Token | None:
    """Who a complement without a lexicon row acts on: "threatened to cut power to X"."""
    dative = _dative(inner)
    if dative is not None:
        return dative
    found = via_object(inner, ("to", "against", "on", "with", "for", "from", "into"))
    if found:
        return found[0]
    obj = R.first(inner, "dobj")
    if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")):
        return obj
    return None


def content_target(kind: str, inner: Token, e: Entry | None) -> Token | None:
    """Whom a framed act is aimed at, given the event it frames (``inner``, coded ``e``).

    A request or demand is aimed at whoever is asked to act: when its content is an event noun
    ("demanded the release of X", "called for Israel's withdrawal") that is the noun's doer (often
    unstated), not the one the content event acts on (X is released, not asked). A threat, intent
    or refusal is aimed at the target of the act it names ("threatened to attack X")."""
    if e is None:
        return complement_target(inner)
    src, tgt = source_and_target(inner, e)
    if kind == "request" and _pos(inner) == "N":
        return src
    return tgt


def _verb_roles(tok: Token, e: Entry) -> tuple[Token | None, Token | None]:
    src = R.subject_of(tok)
    if src is None and (R.is_passive(tok) or R.bare_participle(tok)) and R.agent_of(tok) is None:
        src = R.means_doer(tok, lexicon().light)      # "was ousted in a coup led by X"
    if src is not None and R.is_time(src):
        src = None
    obj = R.object_of(tok)
    if obj is not None and R.is_time(obj):
        obj = None
    thing = any(c.name == "obj" and not c.negated for c in e.conds)
    if (src is None and (e.cameo or "").startswith(_PATIENT_POSSESSOR) and R.is_passive(tok)
            and R.agent_of(tok) is None):
        # "Mech Dara has been released on bail", "he was deported": the one acted on; the doer is
        # unstated (the return's roles below would make the released one the mover)
        return None, R.passive_subject(tok)
    if src is None and (e.type in ("RETREAT", "MOBILIZE") or (e.cameo or "").startswith(_PEACEKEEPING)) \
            and R.is_passive(tok) and R.agent_of(tok) is None:
        # "guerrillas were demobilized", "troops were pulled out of X", "soldiers were deployed to
        # X", "UN forces have been deployed to protect civilians": the ones who go, toward or
        # away from X (peacekeepers sent provide the protection: CAMEO 074)
        moved = R.passive_subject(tok)
        if moved is not None and not R.is_time(moved):
            away = R.prep_objects(tok, ("from", "out") if e.type == "RETREAT" else _TARGET_PREPS["MOBILIZE"])
            return moved, (away[0] if away else None)
    if src is None and e.type in _STANCE and R.is_passive(tok) and R.agent_of(tok) is None:
        # a stance, not an act done to someone: "Israel is opposed to X", "is committed to X"
        to = R.prep_objects(tok, ("to",))
        if to:
            return R.passive_subject(tok), to[0]
    dative = _dative(tok)
    if dative is not None:
        return src, dative
    preps = _TARGET_PREPS.get(e.type or "")
    if preps:
        found = via_object(tok, preps)
        if found:
            return src, found[0]
        if e.type in ("AID", "RETREAT", "MOBILIZE") and obj is not None and not R.is_passive(tok):
            # "withdrew its troops", "sent aid": the object is what moves; a passive subject is not.
            # What is handed back goes to someone: "paid compensation to X", "returned land to X".
            if thing or e.type != "RETREAT" or e.mode == "withdraw":
                given = via_object(tok, ("to",)) if e.type == "RETREAT" else []
                return src, (given[0] if given else None)
            return src, obj
    if thing:
        # "opened fire on X", else "opened fire to disperse X": whom the thing is used on
        found = via_object(tok, _THING_PREPS) or [t for t in [R.purpose_object(tok)] if t is not None]
        return src, (found[0] if found else obj)
    if obj is not None:
        return src, obj
    # "complained over Israeli air raids", "protested about the ban": what the act is about
    found = R.prep_objects(tok, ("against", "on", "at", "with", "over", "about"))
    return src, (found[0] if found else None)


# prepositions that make a meeting noun the setting of its verb ("agreed at a summit", "told X in
# phone conversations")
# ("after talks with X, Y said": who acts right after a meeting took part in it)
_SETTING_PREPS = frozenset({"at", "during", "in", "after", "following"})


def _noun_roles(tok: Token, e: Entry) -> tuple[Token | None, Token | None]:
    lex = lexicon()
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.n_lefts + tok.n_rights == 0:
        tok = tok.head      # "a mediation effort between X and Y": the phrase hangs on the head noun
    supports = {v for c in e.conds if c.name == "head" and not c.negated for v in c.values}
    typed = _TARGET_PREPS.get(e.type or "", ())
    agent_preps = tuple(p for p in ("by", "from") if p not in typed)
    src = R.noun_source(tok, lex.light | lex.phase | supports, agent_preps)
    if e.type == "CONSULT" and src is not None and src.dep_ == "compound" and src.ent_type_ in ("GPE", "LOC", "FAC"):
        src = None                          # "the Singapore summit", "the Hanoi talks": the venue
    if src is not None and _held_in(tok, e, src):
        return None, src                    # "X remains in detention": X is the one held
    setting = None
    if src is None and e.type == "CONSULT" and tok.dep_ == "pobj" and tok.head.lower_ in _SETTING_PREPS \
            and tok.head.head.pos_ == "VERB" and not R.is_passive(tok.head.head):
        setting = tok.head.head
        src = R.subject_of(setting)         # who acts at a meeting takes part in it: "agreed at a summit"
    tgt = None
    of = R.prep_objects(tok, ("of",))
    # The type's own prepositions first ("withdrawal of forces from X", "aid to X", "talks with X"),
    # on the noun or its "of" object; then the prepositions of any hostile or joint act.
    found = _via_nouns([tok] + of[:1], typed) + R.prep_objects(tok, ("against", "on", "at", "with", "into"))
    if found:
        tgt = found[0]
    if of:
        # "the release of prisoners", "the arrest of X": acts done to persons take the patient
        patient_of = (e.cameo or "").startswith(_PATIENT_POSSESSOR)
        if e.type in _OF_IS_SOURCE and src is None and not patient_of:
            src = of[0]
        elif tgt is None and (e.type not in _OF_IS_SOURCE or patient_of):
            tgt = of[0]
    parties = R.between(tok)
    if parties:
        # "fighting between X and Y", "a mediation between X and Y" (its mediator is the source)
        if src is None and len(parties) > 1:
            src, tgt = parties[0], tgt or parties[1]
        elif tgt is None:
            tgt = parties[0]
    if tgt is None and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        # "opened investigations against X", "gave a warm welcome to X": the verb holds the phrase
        light = _lemma(tok.head) in lex.light | supports
        found = R.prep_objects(tok.head, ("against", "on", "at") + (("to",) if light else ()))
        tgt = found[0] if found else (_dative(tok.head) if light else None)
    if tgt is None and setting is not None:
        # "told Trump in phone conversations": the one the verb addresses is the other party
        obj = _dative(setting) or R.first(setting, "dobj")
        tgt = obj if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in R.ACTOR_ENTS) else None
    if tgt is None:
        tgt = _purpose_target(tok)
    head = tok.head
    if tgt is None and tok.dep_ in ("nsubj",) and _lemma(head) in _HARM:
        tgt = R.first(head, "dobj")                       # "a bombing killed ten soldiers"
    if tgt is None and tok.dep_ == "pobj" and head.head.pos_ == "VERB":
        tgt = R.passive_subject(head.head)                # "ten were killed in a bombing"
    return src, tgt


# Verbs that put their subject in a state rather than doing anything ("remains in custody").
_STATE_COPULAS = frozenset({"be", "remain", "stay"})


def _held_in(noun: Token, e: Entry, src: Token) -> bool:
    """Whether the doer found for an act done to persons ("detention", "custody", "arrest") is
    the subject of the verb that puts someone in that state ("remains in detention", "is under
    arrest", "was taken into custody"): the one held, not the one holding."""
    if not (getattr(e, "cameo", None) or "").startswith(_PATIENT_POSSESSOR):
        return False
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "under", "into") or noun.head.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = noun.head.head
    # a doer keeps its subject ("soldiers took part in the arrest", "34 people are involved in the
    # assassination attempt"); a state verb's subject or a placing verb's passive subject is held
    if src == R.subject_of(verb):
        return _lemma(verb) in _STATE_COPULAS
    return src == R.passive_subject(verb) and not R.takes_part(verb)


def _via_nouns(nouns: list[Token], preps: tuple[str, ...]) -> list[Token]:
    """Prepositional objects of each noun in turn (a noun, then its "of" object)."""
    found: list[Token] = []
    for n in nouns:
        found += R.prep_objects(n, preps) if preps else []
    return found


def _purpose_target(noun: Token) -> Token | None:
    """Whom an event noun's purpose clause is aimed at: "began a hunger strike to demand the
    resignation of X" -> the resignation (its phrase names X)."""
    # Only the verb's own object: "after the explosion, X sent orders to strengthen security"
    # says nothing of whom the explosion was aimed at.
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return R.purpose_object(noun.head)
    return None


def _is_instrument(tok: Token | None) -> bool:
    """Whether an actor candidate names a weapon or device rather than who used it or was hit:
    "the bomb exploded", "twin bombs", "the knife". Agent nouns ("gunmen", "bomber") are people."""
    if tok is None or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    lemma = _lemma(tok)
    if lemma.endswith(R.AGENT_ENDINGS):
        return False
    ctx = lexicon().ctx
    return any(lemma in ctx.get(k, frozenset()) or tok.lower_ in ctx.get(k, frozenset()) for k in _INSTRUMENT_SETS)


def _assault_roles(tok: Token, src: Token | None, tgt: Token | None) -> tuple[Token | None, Token | None]:
    """ASSAULT participants the generic rules get wrong: devices taken for actors and victims told
    by a harm clause ("a blast which injured several people", "blew himself up, killing six")."""
    lemma = _lemma(tok)
    if lemma in _DETONATE and tgt is not None and (tgt.lower_ in _REFLEXIVE or lemma != "blow"):
        tgt = None      # "detonated 20 bombs", "the bombs were detonated": the device
    if lemma in _DETONATE and src is not None and R.first(tok, "dobj") is None and not R.is_passive(tok) \
            and not R.agentive(src):
        src = None      # "a device that exploded": what went off
    src = None if _is_instrument(src) or _went_off(src) else src
    tgt = None if _is_instrument(tgt) else tgt
    if tgt is None and _pos(tok) != "N":
        for c in tok.children:
            if c.dep_ in ("advcl", "conj", "xcomp") and _lemma(c) in CONSEQUENCE and c.i > tok.i:
                tgt = R.first(c, "dobj")                       # "blew himself up, killing six"
                if tgt is not None:
                    break
    if tgt is None and _pos(tok) == "N":
        for c in tok.children:
            if c.dep_ in ("relcl", "acl") and (_lemma(c) in _HARM or _lemma(c) == "aim"):
                # "the attack, which killed three", "bombings targeted at the military"
                tgt = R.first(c, "dobj") or next(iter(R.prep_objects(c, ("at", "against", "on"))), None)
                break
        head = tok.head
        if tgt is None and tok.dep_ == "pobj" and head.head.pos_ == "VERB" and _lemma(head.head) in _DIE:
            tgt = R.first(head.head, *R.SUBJ)                  # "scores died in the attacks"
    return src, tgt


def _own(tgt: Token, src: Token | None) -> bool:
    """Whether a target is held by the source through a possessive pronoun ("its ambassador",
    "their troops"): the pronoun binds to the source, or to nobody else in the sentence."""
    poss = R.first(tgt, "poss")
    if poss is None or poss.pos_ != "PRON" or poss.lower_ not in R.PERSONAL:
        return False
    ant = R.antecedent(poss)
    return ant is None or (src is not None and ant.i == src.i)


def _went_off(tok: Token | None) -> bool:
    """Whether a subject is what went off ("the bomb exploded", "a device exploded, wounding 13"):
    the subject of an intransitive explode/detonate/blow that names no person or group."""
    if tok is None or tok.dep_ not in R.SUBJ or _lemma(tok.head) not in _DETONATE:
        return False
    return R.first(tok.head, "dobj") is None and not R.agentive(tok)


def source_and_target(tok: Token, e: Entry) -> tuple[Token | None, Token | None]:
    if e.cameo == "0841" and e.type != "RETREAT":
        e = replace(e, type="RETREAT")   # a release (CONCEDE by the coding guide) has a return's roles
    src, tgt = _noun_roles(tok, e) if _pos(tok) == "N" else _verb_roles(tok, e)
    if src is None and _pos(tok) == "N":
        src = R.responsible_party(tok)
    if e.type == "ASSAULT":
        src, tgt = _assault_roles(tok, src, tgt)
    owner = R.first(tok, "poss") if _pos(tok) == "N" else None
    if owner is not None and (e.cameo or "").startswith(_PATIENT_POSSESSOR) and not R.is_time(owner) \
            and not R.prep_objects(tok, ("of",)):
        # "his arrest by police", "Navalny's release from prison": the one arrested or released;
        # with an "of" object the possessor is the doer ("Thailand's deportation of 40 Uyghurs")
        src, tgt = (None if src is not None and src.i == owner.i else src), owner
    if tgt is not None and e.type in _OWN_AGENT_TYPES and _own(tgt, src):
        tgt = None      # "France recalled its ambassador": the source's own envoy or forces move
    if tgt is not None and src is not None and tgt.i == src.i:
        tgt = None      # one phrase found by both rules ("34 people involved in the attempt") acts
    if tgt is None and src is not None and e.type in MUTUAL:
        # "Pakistani and Indian troops exchanged fire", "Jordan and Syria held talks": each party
        # acts on the other (CAMEO codes both dyads); the second conjunct stands as the target.
        tgt = next((c for c in src.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
    return src, tgt
