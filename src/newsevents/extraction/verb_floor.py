"""The coverage floor of the coder: CAMEO verb patterns (PETRARCH2's CAMEO.2.0 verb dictionary).

A verb that no row of triggers.tsv codes is looked up in the verb dictionary
(codebooks/cameo_verbs.py): the most specific of its block's patterns whose nouns and prepositional
phrases are found around it in the parse gives the CAMEO code ("fired missiles at X": FIRE with
``- * &WEAPON`` -> 190 family), else the verb's own code. The code is mapped to a PLOVER type and mode
through cameo.tsv. The floor is a fallback under the lexicon and the clause rules: it never
overrides a lexicon row, and its matches face the same filters (generic statements, advice,
things as actors) plus its own: as PETRARCH codes only events between a source and a target
actor, the subject must be a doer and the verb must act on one; a synonym in a block takes the
block's code only through a pattern.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..codebooks import cameo_to_plover
from ..codebooks.cameo_verbs import PrepTerm, Term, VerbPattern, VerbSense, verb_dictionary
from . import roles as R
from .lexicon import Cond, Entry, _lemma, is_thing, lexicon

__all__ = ["FLOOR_RULE", "floor_entry", "floor_words", "verb_entry"]

FLOOR_RULE = "CAMEO.2.0 verb"

# Confidence of a floor match: below most lexicon rows (0.75-0.9), a bare verb lower still.
_PATTERN_WEIGHT = 0.7
_BARE_WEIGHT = 0.6
_OBJECT_DEPS = ("dobj", "attr", "oprd", "acomp", "dative")
_PARTICLE_DEPS = ("prt", "advmod", "prep", "agent", "dative", "acomp")
# prepositions and particles written as bare pattern words ("- * AT", "- * OFF")
_FUNCTION_WORDS = frozenset({"at", "against", "with", "to", "for", "on", "in", "off", "up", "out", "down",
                             "into", "from", "over", "back", "away", "forward", "by", "about", "upon"})


def _words(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _modifier_words(tok: Token) -> set[str]:
    """Words before a noun in its own phrase ("{HUMANITARIAN AID}", "{ARREST WARRANT}")."""
    out: set[str] = set()
    for t in tok.subtree:
        if t.i >= tok.i:
            break
        out |= _words(t)
    return out


def _term_matches(term: Term, nouns: list[Token]) -> bool:
    for n in nouns:
        if term.head & _words(n):
            mods = _modifier_words(n)
            if all(pos & mods for pos in term.words[:-1]):
                return True
    return False


def _with_conjuncts(toks: list[Token]) -> list[Token]:
    return toks + [c for t in toks for c in t.children if c.dep_ == "conj"]


def _post_nouns(verb: Token) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.pos_ != "ADP"]
    return _with_conjuncts(objs)


def _particles(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in _PARTICLE_DEPS}


def _prep_match(p: PrepTerm, verb: Token, objs: list[Token]) -> bool:
    for holder in [verb] + objs:
        for c in holder.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == p.prep:
                if p.term is None:
                    return True
                pobjs = _with_conjuncts([o for o in c.children if o.dep_ in ("pobj", "pcomp")])
                if _term_matches(p.term, pobjs):
                    return True
    # "(ASIDE RIFT)", "(ON ALERT)" read as a particle: the word beside the verb and the noun among its objects
    if p.prep in _particles(verb) and (p.term is None or _term_matches(p.term, objs)):
        return True
    return False


def _written_for(p: VerbPattern, sense: VerbSense) -> bool:
    """A pattern holds for the verbs it was written with (its comment names them; PETRARCH shares it
    with the whole block, whose WordNet synonyms often mean something else: "used drones" is no
    investigation, "targeted officials" no attack) or for any verb when no verb is named."""
    if not p.verb:
        return True
    for verb in p.verb.split(","):      # "# REESTABLISH , RESTORE": written for each
        if not verb.split():
            continue
        written = verb.split()[0].lstrip("+").split("_")[0].lower()
        if written == sense.lemma or written.rstrip("s") == sense.lemma or verb.upper() == sense.name.upper():
            return True
    return False


@lru_cache(maxsize=None)
def _usable_patterns(sense: VerbSense) -> tuple[tuple[VerbPattern, tuple[frozenset[str], ...]], ...]:
    """The block's patterns that hold for this verb, each with the word sets one word of which
    must be near the verb (every term's head, every preposition)."""
    out = []
    for p in verb_dictionary().patterns.get(sense.block, ()):
        if not (p.pre or p.post or p.preps) or not _written_for(p, sense):
            continue
        needed = tuple(t.head for t in p.pre + p.post) + tuple(
            frozenset({pt.prep}) | (pt.term.head if pt.term else frozenset()) for pt in p.preps)
        out.append((p, needed))
    return tuple(out)


def _specificity(p: VerbPattern) -> int:
    return (sum(len(t.words) for t in p.pre + p.post)
            + sum(1 + (len(t.term.words) if t.term else 0) for t in p.preps))


def _pattern_holds(p: VerbPattern, verb: Token, subj: Token | None, objs: list[Token],
                   particles: set[str]) -> bool:
    for t in p.pre:
        if subj is None or not _term_matches(t, _with_conjuncts([subj])):
            return False
    for t in p.post:
        if not (_term_matches(t, objs) or (len(t.words) == 1 and t.head & particles)):
            return False
    return all(_prep_match(pt, verb, objs) for pt in p.preps)


def _senses(verb: Token) -> list[VerbSense]:
    vd = verb_dictionary()
    lemma = _lemma(verb)
    senses = vd.senses.get(lemma) or vd.senses.get(vd.forms.get(verb.lower_, ""), ())
    particles = _particles(verb)
    with_particle = [s for s in senses if s.particle and s.particle in particles]
    return with_particle or [s for s in senses if not s.particle]


@lru_cache(maxsize=None)
def _plover(code: str) -> tuple[str, str | None] | None:
    try:
        ptype, mode = cameo_to_plover(code)
    except KeyError:
        return None
    return (ptype, mode) if ptype else None


def floor_entry(verb: Token, pattern_only: bool = False) -> Entry | None:
    """The CAMEO verb dictionary's coding of a verb token as a lexicon entry, or None (see _floor)."""
    return _floor(verb, pattern_only)[0]


def _floor(verb: Token, pattern_only: bool = False) -> tuple[Entry | None, VerbPattern | None]:
    """The CAMEO verb dictionary's coding of a verb token as a lexicon entry, or None.

    Args:
        verb: a verb token of a parsed sentence.
        pattern_only: only a pattern naming a noun codes (the verb alone, or with a bare
            preposition, gives None).
    Returns:
        An Entry (role E) whose ``source`` names the dictionary verb and pattern, or None when
        the verb is not in the dictionary, its best pattern says "no event", its code has no
        PLOVER type (CAMEO 01 statements), or the doers it needs are missing.
    """
    if verb.pos_ != "VERB" or verb.dep_ in ("amod", "compound") or _means_or_aim(verb):
        return None, None
    senses = _senses(verb)
    if not senses:
        return None, None
    subj = R.first(verb, *R.SUBJ, *R.PASS_SUBJ) or R.subject_of(verb)
    objs = _post_nouns(verb)
    particles = _particles(verb)
    best: tuple[int, VerbPattern, VerbSense] | None = None
    near = {w for t in verb.subtree for w in (t.lower_, t.lemma_.lower())}
    if subj is not None:
        near |= {w for t in subj.subtree for w in (t.lower_, t.lemma_.lower())}
    for sense in senses:
        for p, needed in _usable_patterns(sense):
            if not all(n & near for n in needed):
                continue    # a word the pattern needs is nowhere near the verb: skip the parse walk
            if _pattern_holds(p, verb, subj, objs, particles):
                spec = _specificity(p)
                if best is None or spec > best[0]:
                    best = (spec, p, sense)
    if best is not None:
        _, pattern, sense = best
        code = pattern.code
    else:
        pattern, sense = None, senses[0]
        code = sense.code
    if pattern is None and sense.code != sense.own_code and sense.lemma != sense.block.lower():
        return None, None   # a synonym of the block takes the block's code only through a pattern
    if pattern_only and (pattern is None or not _names_a_noun(pattern)):
        return None, None
    if code is None or not _has_doers(verb, pattern):
        return None, None
    plover = _plover(code)
    if plover is None:
        return None, None
    ptype, mode = plover
    written = sense.name.lstrip("+").replace("_", " ")
    how = f"'{pattern.text}'" if pattern is not None else "the verb alone"
    conds: tuple[Cond, ...] = ()
    if pattern is not None and pattern.post and objs:
        # what the pattern names after the verb is a thing used or done ("fired missiles at X"):
        # the roles reader then looks past it for the target
        conds = (Cond("obj", False, frozenset(w for t in pattern.post for w in t.head)),)
    return Entry(_lemma(verb), "V", "E", ptype, mode, code,
                 _PATTERN_WEIGHT if pattern is not None else _BARE_WEIGHT, conds, 0,
                 source=f"{FLOOR_RULE} {written}: {how} -> {code}",
                 reversed=pattern is not None and pattern.reversed), pattern


def _names_a_noun(p: VerbPattern) -> bool:
    """Whether a pattern names a word beyond the verb and bare prepositions ("- * EVIDENCE",
    "- * (AT CONVOY)"), which makes it more specific than a verb coded by itself."""
    return bool(p.pre or any(t.head - _FUNCTION_WORDS for t in p.post) or any(pt.term for pt in p.preps))


# lexicon conditions that look at the words around a verb: a row with one of them is as specific
# as a dictionary pattern; a row without them codes the verb by itself
_WORD_CONDS = frozenset({"obj", "pobj", "prep", "prt", "comp", "body"})


def _generic_row(e: Entry) -> bool:
    return not any(c.name in _WORD_CONDS and not c.negated and c.values for c in e.conds)


def verb_entry(verb: Token, row: Entry | None) -> Entry | None:
    """The coding of a verb from its lexicon row and the CAMEO verb dictionary: the most specific wins.

    CAMEO's own rule is that the longest matching pattern codes: a dictionary pattern naming the
    verb's object or prepositional phrase ("accused X of genocide" -> 1124) is more specific than a
    lexicon row that codes the verb by itself, so it gives the CAMEO code within the row's PLOVER
    type; and it codes a verb whose lexicon rows all failed their conditions. A lexicon row with conditions on the words around the
    verb, or a frame row (intent, threat, refusal, request), keeps its reading; a verb the lexicon
    does not know takes the dictionary's coding, its pattern or the verb alone. A light, phase or
    communication verb is left to the lexicon: its object or clause is the event.

    Args:
        verb: a verb token of a parsed sentence.
        row: the lexicon row that codes it, or None.
    Returns:
        The entry to code the verb with, or None.
    """
    if row is None:
        lex = lexicon()
        lemma = _lemma(verb)
        if lemma in lex.light or lemma in lex.phase or lemma in lex.comm:
            return None     # its object or clause is the event ("issued a travel warning"): the lexicon decided
        return floor_entry(verb, pattern_only=lemma in lex.known)
    if row.role != "E" or not _generic_row(row):
        return row
    floor = floor_entry(verb, pattern_only=True)
    if floor is None or floor.cameo == row.cameo:
        return row
    if floor.type != row.type:
        # another PLOVER type stays out: a block's patterns are shared by synonyms and word classes
        # that often mean something else ("to protest the violations" is a demonstration, CAMEO's
        # 110 there; "seized power" is CAMEO.2.0's 180, a coup the coding guide's COERCE), and the
        # lexicon's rows were written for the types
        return row
    # the lexicon row stays the mention's rule (it is no gap filler), the pattern gives the code
    # its condition on the object (a thing used or done) lets the roles reader look past it for the target
    return Entry(row.lemma, row.pos, row.role, floor.type, floor.mode, floor.cameo, row.weight,
                 row.conds + floor.conds, row.row, source=f"{row.label} by {floor.source}")


def _means_or_aim(verb: Token) -> bool:
    """A verb of means ("used drones to ...": roles' instrument verbs) or an aim ("... to target
    security forces": a purpose infinitive with no subject of its own) states no event by itself."""
    if _lemma(verb) in R.INSTRUMENT_VERBS:
        return True
    return (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and R.first(verb, *R.SUBJ) is None)


def _doer(tok: Token | None) -> bool:
    return tok is not None and not R.is_time(tok) and not is_thing(tok)


def _has_doers(verb: Token, pattern: VerbPattern | None) -> bool:
    """PETRARCH codes an event only between two actors: the floor asks for a doer (a person,
    group or name, not a thing, pronoun-free as an object) as the subject or "by" agent, and one
    acted on: the object, or the object of a preposition of the verb or of its object ("presented
    evidence against the minister")."""
    if not _doer(R.subject_of(verb)):
        return False
    obj = R.first(verb, "dobj", "dative")
    if pattern is None or not (pattern.pre or any(len(t.words) > 1 or not t.head & _FUNCTION_WORDS
                                                  for t in pattern.post) or any(p.term for p in pattern.preps)):
        # the verb alone, or with a bare preposition ("COME - * (TO)", "HIT - * WITH"): only its
        # own object names whom it acts on ("arrived in Junction City" acts on no one)
        return obj is not None and obj.pos_ in ("NOUN", "PROPN") and _doer(obj)
    holders = [verb] + ([obj] if obj is not None else [])
    targets = [obj] + [o for h in holders for c in h.children if c.dep_ in ("prep", "dative", "agent")
                       for o in c.children if o.dep_ == "pobj"]
    return any(t is not None and t.pos_ in ("NOUN", "PROPN") and _doer(t) for t in targets)


@lru_cache(maxsize=1)
def floor_words() -> dict[str, frozenset[str] | None]:
    """Verb form -> co-words one of which a sentence must hold for the floor to code it, for the
    prefilter: a word of one of its block's coded patterns (the nouns the speed depends on)."""
    from .lexicon import inflections
    vd = verb_dictionary()
    needs: dict[str, frozenset[str] | None] = {}
    plural: dict[frozenset[str], frozenset[str]] = {}     # one block's co-words are shared by its verbs
    by_lemma: dict[str, list[VerbSense]] = {}
    for lemma, senses in vd.senses.items():
        by_lemma.setdefault(lemma, []).extend(senses)
    for form, lemma in vd.forms.items():
        by_lemma.setdefault(form, []).extend(vd.senses.get(lemma, ()))
    for key, senses in by_lemma.items():
        need: set[str] | None = set()
        for sense in senses:
            # a verb coded alone lets no sentence through by itself (most are common words:
            # "remove", "hit"); it codes when the sentence is parsed for another trigger
            for p, _needed in _usable_patterns(sense):
                if p.code is None or _plover(p.code) is None:
                    continue
                words = [t.head for t in p.post + p.pre] + [t.term.head for t in p.preps if t.term]
                words = [w - _FUNCTION_WORDS for w in words if w - _FUNCTION_WORDS]
                if words:       # a pattern of prepositions alone ("- * (TO)") lets nothing through
                    need |= min(words, key=len)
        forms = inflections(key, "V") if key in vd.senses else {key}
        if need is not None:
            need = frozenset(need)
            if need not in plural:
                plural[need] = frozenset(w for n in need for w in inflections(n, "N"))
            need = plural[need]
        for f in forms:
            if need is None or needs.get(f, frozenset()) is None:
                needs[f] = None
            else:
                needs[f] = needs.get(f, frozenset()) | need
    return needs


def reversed_roles(verb: Token, subj: Token | None) -> tuple[Token | None, Token | None]:
    """Source and target of a "[:code]" pattern, whose subject undergoes the act ("the minister faced
    criticism from rights groups", "came under fire from the opposition"): the doer is the "from"
    or "by" phrase on the verb or on the noun the pattern names, else unnamed; the subject is the target."""
    if verb.pos_ == "NOUN":
        # a row's noun ("faced criticism", "came under fire"): the verb over it and that verb's subject
        verb = verb.head if verb.dep_ != "pobj" else verb.head.head
        subj = R.first(verb, *R.SUBJ, *R.PASS_SUBJ) or R.subject_of(verb)
    if subj is not None and (not _doer(subj) or (_lemma(subj), "N") in lexicon().entries):
        subj = None     # "the arrest drew condemnation": an act, whose author the subject does not name
    holders = [verb] + [o for o in _post_nouns(verb)]
    holders += [o for c in verb.children if c.dep_ == "prep" for o in R.children(c, "pobj")]
    for h in holders:
        for c in h.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
                doer = R.first(c, "pobj")
                if doer is not None and _doer(doer):
                    return doer, subj
    return None, subj
