"""The trigger lexicon (codebooks/data/triggers.tsv): loading, inflected forms, row conditions.

A row codes a token when all its conditions on the token's dependents hold; the first such row of
the token's lemma and part of speech wins. See the header of triggers.tsv for the condition syntax.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Token

from . import roles as R


@dataclass(frozen=True)
class Cond:
    name: str
    negated: bool
    values: frozenset[str]


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    role: str
    type: str | None
    mode: str | None
    cameo: str | None
    weight: float
    conds: tuple[Cond, ...]
    row: int
    # where a row from outside triggers.tsv comes from (the CAMEO verb dictionary floor)
    source: str | None = None
    # the subject undergoes the act (the dictionary's "[:code]" patterns: "faced criticism from X")
    reversed: bool = False

    @property
    def undergone(self) -> bool:
        """The subject undergoes the act: a "[:code]" dictionary pattern or a row marked ``undergo``."""
        return self.reversed or any(c.name == "undergo" for c in self.conds)

    @property
    def label(self) -> str:
        return self.source or f"{self.lemma}/{self.pos}#{self.row}"


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], tuple[Entry, ...]]
    frames: dict[str, Entry]
    light: frozenset[str]
    phase: frozenset[str]
    comm: frozenset[str]
    ctx: dict[str, frozenset[str]]
    words: frozenset[str]
    # irregular or prefixed forms listed in the forms column -> their row's lemma ("reimposed" -> impose)
    form_lemmas: dict[tuple[str, str], str] = field(default_factory=dict)
    # verb forms of every lemma the lexicon knows (light, phase and communication verbs too), to
    # mend lemmas the lemmatiser gets wrong ("staged" -> "stag")
    verb_forms: dict[str, str] = field(default_factory=dict)
    known: frozenset[str] = frozenset()


# --- loading ----------------------------------------------------------------------------------

def _rows() -> list[dict[str, str]]:
    from ..codebooks import load_tsv
    return load_tsv("triggers.tsv")


def _dash(v: str) -> str | None:
    v = (v or "").strip()
    return None if v in ("", "-") else v


def _parse_conds(text: str | None) -> tuple[Cond, ...]:
    out = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part or part == "-":
            continue
        neg = part.startswith("!")
        part = part.lstrip("!")
        name, _, vals = part.partition("=")
        out.append(Cond(name, neg, frozenset(v for v in vals.split("|") if v)))
    return tuple(out)


def inflections(lemma: str, pos: str) -> set[str]:
    """Regular inflected forms of a lemma (a superset is fine: they only feed the prefilter)."""
    w = lemma.lower()
    forms = {w}
    if pos == "N":
        forms |= {w + "s", w + "es"}
        if w.endswith("y"):
            forms.add(w[:-1] + "ies")
        return forms
    forms |= {w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        forms.add(w[:-1] + "ing")
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ied", w[:-1] + "ies"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}       # stop -> stopped (harmless if wrong)
    return forms


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The parsed trigger lexicon (cached)."""
    entries: dict[tuple[str, str], list[Entry]] = {}
    frames: dict[str, Entry] = {}
    light, phase, comm, words = set(), set(), set(), set()
    ctx: dict[str, frozenset[str]] = {}
    form_lemmas: dict[tuple[str, str], str] = {}
    verb_forms: dict[str, str] = {}
    for i, r in enumerate(_rows(), start=1):
        lemma, pos, role = r["lemma"].lower(), r["pos"], r["role"]
        if pos == "CTX":
            ctx[lemma] = frozenset(r["cond"].split("|"))
            continue
        weight = float(r["weight"]) if _dash(r["weight"]) else 0.0
        if pos == "V":
            extra = [f.lower() for f in (_dash(r["forms"]) or "").split("|") if f]
            for f in sorted(inflections(lemma, "V")) + extra:
                verb_forms.setdefault(f, lemma)
        entry = Entry(lemma, pos, role, _dash(r["type"]), _dash(r["mode"]), _dash(r["cameo"]),
                      weight, _parse_conds(r["cond"]), i)
        if pos == "FRAME":
            frames[lemma] = entry
            continue
        if role == "L":
            light.add(lemma)
        elif role == "P":
            phase.add(lemma)
        elif role == "C":
            comm.add(lemma)
        else:
            entries.setdefault((lemma, pos), []).append(entry)
            words.update(inflections(lemma, pos))
            forms = [f.lower() for f in (_dash(r["forms"]) or "").split("|") if f]
            words.update(forms)
            for f in forms:
                form_lemmas.setdefault((f, pos), lemma)
    words.update(("must", "should"))     # "X said Y must/should ..." is a REQUEST: let those sentences through
    entries = {k: [_with_word_sets(e, ctx) for e in v] for k, v in entries.items()}
    return Lexicon({k: tuple(v) for k, v in entries.items()}, frames, frozenset(light),
                   frozenset(phase), frozenset(comm), ctx, frozenset(words), form_lemmas, verb_forms,
                   frozenset({k[0] for k in entries} | light | phase | comm))


def trigger_words() -> frozenset[str]:
    """Every lowercase word form that can trigger an event (lemmas and inflections), for the prefilter."""
    return lexicon().words


_CO_WORD_CONDS = {"obj": "N", "pobj": "N", "prt": None, "comp": "A", "head": "V", "ctx": None}


def _co_words(entry: Entry, lex: Lexicon) -> frozenset[str] | None:
    """Words one of which must be in the sentence for ``entry`` to match, or None if it needs none.

    Every condition of a row must hold, so any one positive condition on a dependent word is a
    necessary condition: the tightest one is kept.
    """
    best: frozenset[str] | None = None
    for cond in entry.conds:
        if cond.negated or cond.name not in _CO_WORD_CONDS:
            continue
        values = cond.values
        if cond.name == "ctx":
            values = frozenset().union(*(lex.ctx.get(v, frozenset()) for v in cond.values))
        pos = _CO_WORD_CONDS[cond.name]
        forms = frozenset(f for v in values for f in (inflections(v, pos) if pos else {v.lower()}))
        if pos == "V":      # irregular forms of the governing verb: "undertook a mediation mission"
            forms |= frozenset(f for f, lemma in lex.verb_forms.items() if lemma in values)
        if best is None or len(forms) < len(best):
            best = forms
    return best


@lru_cache(maxsize=1)
def prefilter() -> dict[str, frozenset[str] | None]:
    """Word form -> the co-words a sentence must also hold for it to be worth parsing (None: none).

    Parsing is the pipeline's cost; "game" or "back" alone cannot trigger anything when every row
    of their lemma asks for a particular object or context word.
    """
    lex = lexicon()
    needs: dict[str, frozenset[str] | None] = {}
    by_lemma: dict[str, list[Entry]] = {}
    for (lemma, _pos), rows in lex.entries.items():
        by_lemma.setdefault(lemma, []).extend(rows)
    for lemma, rows in by_lemma.items():
        co = [_co_words(e, lex) for e in rows]
        need = None if any(c is None for c in co) else frozenset().union(*co)
        for form in inflections(lemma, "V") | inflections(lemma, "N"):
            if form in lex.words:
                old = needs.get(form, frozenset())
                needs[form] = None if need is None or old is None else old | need
    for form in lex.words:
        needs.setdefault(form, None)     # irregular forms ("withdrew") and "must": no co-word known
    return needs


def trigger_lemmas() -> frozenset[str]:
    """Kept for the first API draft: the same set as :func:`trigger_words`."""
    return trigger_words()


# --- conditions ----------------------------------------------------------------------------------

def _pos(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        return "V"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "N"
    if tok.pos_ == "ADJ":
        return "A"
    if tok.tag_.startswith("VB"):
        return "V"
    return None


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    lex = lexicon()
    if lemma not in lex.known and tok.tag_.startswith("VB"):
        return lex.verb_forms.get(tok.lower_, lemma)
    return lemma


def _words_of(tok: Token) -> set[str]:
    """Lemma and surface of a noun with its compounds and its "of" object (state of emergency)."""
    out = {_lemma(tok), tok.lower_}
    for c in tok.children:
        if c.dep_ in ("compound", "amod"):
            out |= {_lemma(c), c.lower_}
        elif c.dep_ == "prep" and c.lower_ == "of":
            for o in R.children(c, "pobj"):
                out |= {_lemma(o), o.lower_}
    return out


def _objects(tok: Token) -> set[str]:
    if _pos(tok) == "N":
        objs = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in R.children(c, "pobj")]
    else:
        obj = R.object_of(tok)
        objs = [obj] if obj is not None else []
    # coordinated objects count too: "photographs and other military intelligence"
    objs += [c for o in objs for c in o.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    out: set[str] = set()
    for o in objs:
        out |= _words_of(o)
        if o.pos_ in ("AUX", "VERB", "ADP"):
            # the small model sometimes takes a word of the object for a verb ("captured IS' last
            # territory": IS/AUX with "territory" as its attribute): read the nouns it governs
            for c in o.children:
                if c.dep_ in ("attr", "dobj", "oprd") and c.pos_ in ("NOUN", "PROPN"):
                    out |= _words_of(c)
    return out


def _modifiers(tok: Token) -> list[Token]:
    """A word's compound and adjectival modifiers, and those of its compounds ("the Malabar Joint
    Maritime Exercise": Joint modifies Maritime, which modifies Exercise)."""
    out, stack = [], [c for c in tok.children if c.dep_ in ("compound", "amod", "advmod", "nmod")]
    while stack:
        c = stack.pop()
        out.append(c)
        if c.dep_ in ("compound", "nmod"):
            stack.extend(g for g in c.children if g.dep_ in ("compound", "amod"))
    return out


def _pobjs(tok: Token) -> set[str]:
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative"):
            for o in R.children(c, "pobj"):
                out |= _words_of(o)
    return out


def _head_word(tok: Token) -> str:
    head = tok.head
    if tok.dep_ == "compound" and _lemma(head) in lexicon().ctx.get("vehicle", frozenset()) and head.i != tok.i:
        return _head_word(head)     # "launched a mediation effort": the effort's verb governs mediation
    if tok.dep_ == "pobj":
        head = head.head
    if tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
        return _head_word(head)
    return _lemma(head)


def _is_metaphor(tok: Token, lex: Lexicon) -> bool:
    """"war of words", "battle for votes", "attack on press freedom": the object is abstract."""
    abstract = lex.ctx.get("abstract", frozenset())
    # An attribute is a label only under a real verb: "killed in IS attacks" is parsed with "IS"
    # as a verb in a prepositional phrase, and "attacks" as its attribute.
    labelled = (tok.dep_ in ("attr", "oprd") and tok.head.dep_ not in _NOMINAL
                and not any(c.dep_ == "expl" for c in tok.head.children))   # "there was a blast"
    if labelled or (
            tok.dep_ in ("dobj", "dative") and len(R.children(tok.head, "dobj", "dative", "oprd")) >= 2
            and tok.i > min(c.i for c in R.children(tok.head, "dobj", "dative", "oprd"))):
        return True     # "called it an attack on democracy", "labeled X a terrorist attack": a label
    words = set()
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "on", "against", "over"):
            for o in R.children(c, "pobj"):
                words |= _words_of(o)
    obj = R.first(tok, "dobj")
    if obj is not None:
        words |= _words_of(obj)
    return bool(words & abstract)


_NOMINAL = frozenset({"pobj", "dobj", "compound", "nsubj", "nsubjpass", "poss"})


def clause_words(tok: Token) -> set[str]:
    """Words (forms and lemmas) of the clause a trigger sits in: its governing verb's subtree,
    leaving out clauses coordinated with it ("labeled X a terrorist attack and launched ...")."""
    head = tok
    # spaCy builds a new Token object on each access, so identity (`is`) never sees the root
    while (head.pos_ not in ("VERB", "AUX") or head.dep_ in _NOMINAL) and head.head.i != head.i:
        head = head.head    # a "verb" in a noun's slot is a mis-parse ("killed in IS attacks")
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head    # "troops are scheduled to complete their departure": the controller's clause
    words: set[str] = set()
    stack = [head]
    while stack:
        t = stack.pop()
        words.add(t.lower_)
        words.add(t.lemma_.lower())
        stack.extend(c for c in t.children if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return words


# --- doers and things ------------------------------------------------------------------------------

_THING_PRONOUNS = frozenset({"this", "that", "these", "those", "what", "which", "something", "everything"})


@lru_cache(maxsize=1)
def doer_nouns() -> frozenset[str]:
    """Nouns that name a doer: people nouns, and the lexicon's word sets of armed forces, their
    arms and acts (mil), places that act through their authorities (seat) and documents that speak
    for their issuer (issuer)."""
    ctx = lexicon().ctx
    words = set(people_nouns())
    for name in ("mil", "seat", "issuer"):
        words |= ctx.get(name, frozenset())
    return frozenset(words)


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns that name people or groups of them, the actors an actor slot may hold ("the three
    nations", "owners of food stalls"): roles.tsv terms, person nouns (count_person_nouns.tsv) and
    the lexicon's actor, crowd and police word sets."""
    from ..codebooks import load_tsv
    words = {r["term"].lower() for r in load_tsv("roles.tsv") if " " not in r["term"]}
    words |= {r["lemma"].lower() for r in load_tsv("count_person_nouns.tsv")}
    ctx = lexicon().ctx
    for name in ("actor", "crowd", "police"):
        words |= ctx.get(name, frozenset())
    return frozenset(words)


def is_thing(tok: Token) -> bool:
    """Whether a subject or object names a thing, not a person or group: a common noun that is no
    role, group or person noun and has no named or group modifier ("the app", "early results",
    "cytokines"), or a demonstrative ("this allows us"). Names and personal pronouns are doers."""
    if _named(tok):
        return False
    if tok.pos_ in ("PRON", "DET"):
        return tok.lower_ in _THING_PRONOUNS
    if tok.pos_ != "NOUN":
        return False
    doers = doer_nouns()
    if R.agentive(tok) or _lemma(tok) in doers or tok.lower_ in doers:
        return False
    # "members of the party", "the APEC forum", "the UNITA militarist wing": a noun of a named or
    # known group is a doer
    of = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in R.children(c, "pobj")]
    of += [c for c in tok.children if c.dep_ == "compound"]
    return not any(_named(o) or _lemma(o) in doers for o in of)


def _phrase(tok: Token) -> str:
    """A noun's phrase without its determiner ("the European Union" -> "european union")."""
    words = [t.text for t in tok.subtree if t.dep_ not in ("det", "punct") and t.i <= tok.i]
    return " ".join(words).lower()


@lru_cache(maxsize=1)
def igo_names() -> frozenset[str]:
    """Lowercased names and aliases of the intergovernmental bodies in organisations.tsv."""
    from ..codebooks import load_tsv
    out: set[str] = set()
    for row in load_tsv("organisations.tsv"):
        if row.get("sector") == "IGO":
            out.add(row["name"].lower())
            out.update(a.strip().lower() for a in (row.get("aliases") or "").split(";") if a.strip())
    return frozenset(out)


def _named(tok: Token) -> bool:
    """A name: a proper noun, an actor entity, an acronym the tagger took for a common noun
    ("the CSTO contingent": CSTO is tagged NNS, and entities are not known yet when coding), or a
    capitalised word that is a listed person's name ("Trump met with Kim": the tagger reads a
    sentence-initial "Trump" as the noun trump)."""
    return (tok.pos_ == "PROPN" or tok.ent_type_ in R.ACTOR_ENTS
            or (len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha())
            or (tok.is_title and tok.lower_ in person_name_words()))


@lru_cache(maxsize=1)
def person_name_words() -> frozenset[str]:
    """Lowercased one-word aliases of the people codebook (people.tsv): the distinctive surnames
    news text names a person by on second mention ("Trump", "Erdogan"; not "May" or "Rice")."""
    from ..codebooks import load_tsv
    out: set[str] = set()
    for row in load_tsv("people.tsv"):
        forms = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        out.update(f.lower() for f in forms if " " not in f)
    return frozenset(out)


def _holds(cond: Cond, tok: Token, lex: Lexicon, sent_words: set[str]) -> bool:
    name, vals = cond.name, cond.values
    if name == "obj":
        ok = bool(_objects(tok) & vals)
    elif name == "prt":
        ok = any(c.dep_ == "prt" and c.lower_ in vals for c in tok.children)
    elif name == "prep":
        # A preposition that governs the trigger's complement follows it ("called for talks"); a
        # fronted one is an adjunct ("For each business, call all the workers").
        ok = any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in vals and c.i > tok.i
                 for c in tok.children) or any(
            # "called for Damascus to allow": the parser marks the clause with the preposition
            c.dep_ == "advcl" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ in vals for m in c.children)
            for c in tok.children) or any(
            # "asked President Trump for relief": the parser hangs the verb's preposition on a name
            # that is its object; a name takes no such modifier of its own
            o.dep_ in ("dobj", "dative") and _named(o) and any(
                c.dep_ == "prep" and c.lower_ in vals and c.i > o.i for c in o.children)
            for o in tok.children)
    elif name == "pobj":
        ok = bool(_pobjs(tok) & vals)
    elif name == "comp":
        ok = any(c.lower_ in vals or _lemma(c) in vals for c in _modifiers(tok))
    elif name == "head":
        ok = _head_word(tok) in vals
    elif name == "ctx":
        # The trigger word itself does not count as its own context ("offensive" is military).
        # Context is read in the trigger's own clause, not anywhere in the sentence.
        own = {tok.lower_, _lemma(tok)}
        words = clause_words(tok)
        ok = any(bool((lex.ctx.get(v, frozenset()) & words) - own) for v in vals)
    elif name == "meta":
        return not _is_metaphor(tok, lex)
    elif name == "xcomp":
        ok = any(c.dep_ == "xcomp" for c in tok.children)
    elif name == "dobj":
        ok = any(c.dep_ == "dobj" for c in tok.children)
    elif name == "ccomp":
        ok = any(c.dep_ == "ccomp" for c in tok.children)
    elif name == "oprd":
        ok = any(c.dep_ == "oprd" for c in tok.children) or (
            # "labeled the unrest a terrorist attack": the small model often parses two objects
            len(R.children(tok, "dobj", "dative", "attr")) >= 2)
    elif name == "agent":
        ok = R.subject_of(tok) is not None or R.agent_of(tok) is not None
    elif name == "under":
        # the preposition the noun is the object of: "agreed at a summit", "said during talks"
        ok = tok.dep_ == "pobj" and tok.head.lower_ in vals
    elif name == "owner":
        # a noun whose doer is written on it ("Pyongyang's demand", "its call", "a call by the UN")
        # names one act, not the idea of one ("the demand for oil")
        ok = any(c.dep_ == "poss" and not R.is_time(c) for c in tok.children) or bool(R.prep_objects(tok, ("by",)))
    elif name == "subj":
        # the verb's subject names one of these words or a word of a named set ("troops arrived",
        # "diplomats gathered"): the mover decides whether an arrival is a troop movement
        ok = _subject_in(tok, vals, lex)
    elif name == "official":
        # the subject is a state by name ("China", "Beijing", a listed leader) or an office (word set
        # ``office``), not a crowd: its protest is an official complaint (CAMEO 114), no demonstration
        subj = R.subject_of(tok)
        name_ = "" if subj is None else " ".join(t.lower_ for t in subj.subtree if t.pos_ == "PROPN")
        ok = subj is not None and (_lemma(subj) in lex.ctx.get("office", frozenset())
                                   or (subj.pos_ == "PROPN" and name_ in state_words()))
    elif name == "pass":
        ok = R.is_passive(tok)
    elif name == "doer":
        # the object (or passive subject) is a person or group: "released the activists", not
        # "released cytokines" or "released AirPlay support"
        obj = R.object_of(tok)
        ok = obj is not None and not is_thing(obj)
    elif name == "statement":
        # a clausal complement that states a fact or an opinion: its own subject and no modal
        # ("agreed that the economy had suffered", '"the danger has not passed," agreed X'), not
        # what someone will or should do ("agreed that their countries should cooperate")
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        ok = comp is not None and R.first(comp, *R.SUBJ, *R.PASS_SUBJ) is not None and not (
            {c.lower_ for c in comp.children if c.dep_ in ("aux", "auxpass")} & (_WILL | _MAY | _MUST))
    elif name == "thing":
        # the word's object (no values) or the object of one of these prepositions names a thing,
        # not a person, group or force: "met with success", "dispatched coffins", "deployed a
        # system" are no meeting and no troop move; one sense rule for every verb that needs a doer
        if vals:
            objs = [o for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in vals
                    for o in R.children(c, "pobj")]
        else:
            obj = R.object_of(tok)
            objs = [obj] if obj is not None else []
        ok = bool(objs) and all(is_thing(o) for o in objs)
    elif name == "foreign":
        # the word's object (no values) or the object of one of these prepositions is a state or is
        # marked by one other than the subject's: "barred Russian diplomats", "restrictions on China".
        # The coding guide makes a ban on a foreign state, body or person SANCTION and one on a
        # government's own people COERCE
        obj = R.object_of(tok)
        if vals:
            # the preposition may hang on the verb or on its object ("imposed restrictions on China")
            holders = [tok] + ([obj] if obj is not None else [])
            objs = [o for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in vals
                    for o in R.children(c, "pobj")]
        else:
            objs = [obj] if obj is not None else []
        objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
        # a state of the actor's own ("Museveni banned Ugandan candidates") marks its own people
        subj = R.subject_of(tok)
        own = _states_of(subj) if subj is not None else set()
        ok = any(_states_of(o) - own for o in objs)
    elif name == "body":
        # the object of one of these prepositions is an intergovernmental body or a pact
        # ("withdrew from ECOWAS", "pulled out of the treaty"): leaving it reduces relations
        bodies = lex.ctx.get("body", frozenset())
        objs = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in vals for o in R.children(c, "pobj")]
        objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
        ok = any(_lemma(o) in bodies or _phrase(o) in igo_names() for o in objs)
    elif name == "threatcomp":
        # a warning is a threat when it says what will be done ("warned that it would retaliate",
        # "warning it could turn to Russia"), not when it describes a state or another's prospects
        # ("warned the fire is too big", "warned the situation could get worse")
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        ok = False
        if comp is not None and _lemma(comp) not in _COPULAS:
            aux = {c.lower_ for c in comp.children if c.dep_ in ("aux", "auxpass")}
            subj = R.first(comp, *R.SUBJ)
            own = subj is not None and (subj.lower_ in R.PERSONAL or subj.lower_ in ("we", "i", "us"))
            ok = bool(aux & _WILL) or (bool(aux & _MAY) and own)
    elif name == "undergo":
        return True     # no test: marks a row whose subject undergoes the act (Entry.undergone)
    elif name == "comptype":
        return True     # the type of a frame's complement: checked by the frame coder (events.py)
    else:
        ok = False
    return ok != cond.negated


@lru_cache(maxsize=1)
def state_words() -> dict[str, frozenset[str]]:
    """Lowercased names, other names, demonyms and capitals of the states in countries.tsv, and the
    names of the people in people.tsv, each with the state (ISO alpha-3) it marks."""
    from ..codebooks import load_tsv
    out: dict[str, set[str]] = {}
    for row in load_tsv("countries.tsv"):
        for col in ("name", "alt_names", "demonyms", "capital"):
            for v in (row.get(col) or "").split(";"):
                if v.strip():
                    out.setdefault(v.strip().lower(), set()).add(row["iso3"])
    for row in load_tsv("people.tsv"):
        if row.get("country"):
            for v in [row["name"], *(row.get("aliases") or "").split(";")]:
                if v.strip():
                    out.setdefault(v.strip().lower(), set()).add(row["country"])
    return {k: frozenset(v) for k, v in out.items()}


def _states_of(tok: Token) -> set[str]:
    """The states a noun names or is marked by ("China", "Russian diplomats", "firms from Iran",
    "President Yoweri Museveni")."""
    words = state_words()
    parts = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    parts += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
              for o in R.children(c, "pobj")]
    out: set[str] = set()
    for p in parts:
        phrase = " ".join(t.lower_ for t in p.subtree if t.dep_ not in ("det", "punct", "case")
                          and t.i <= p.i)
        for key in (p.lower_, phrase, " ".join(t.lower_ for t in p.subtree if t.pos_ == "PROPN"),
                    p.lower_[:-1] if p.tag_ == "NNS" else ""):
            out |= words.get(key, frozenset())
    return out


def _with_word_sets(entry: Entry, ctx: dict[str, frozenset[str]]) -> Entry:
    """``entry`` with each "@name" value of its obj/pobj conditions joined by the lexicon's word set
    of that name: a class of objects ("@forceword") written once in triggers.tsv and shared by every
    verb that takes it, expanded once when the lexicon is read (the "@name" stays, matching no word)."""
    if not any(v.startswith("@") for c in entry.conds if c.name in ("obj", "pobj") for v in c.values):
        return entry
    conds = tuple(replace(c, values=c.values.union(*(ctx.get(v[1:], frozenset()) for v in c.values
                                                      if v.startswith("@"))))
                  if c.name in ("obj", "pobj") else c for c in entry.conds)
    return replace(entry, conds=conds)


def _subject_in(tok: Token, vals: frozenset[str], lex: Lexicon) -> bool:
    """Whether the subject of ``tok`` (its head noun and modifiers, and coordinated subjects)
    names a word of ``vals``, each a word or the name of a word set of the lexicon."""
    subj = R.subject_of(tok)
    if subj is None:
        return False
    words: set[str] = set()
    for v in vals:
        words |= lex.ctx.get(v, frozenset({v}))
    subjects = [subj] + [c for c in subj.children if c.dep_ == "conj"]
    return any(_words_of(s) & words for s in subjects)


_COPULAS = frozenset({"be", "remain", "become", "seem", "get", "appear"})
_WILL = frozenset({"will", "would", "shall", "'ll", "wo"})
_MAY = frozenset({"could", "may", "might", "can", "ca"})
_MUST = frozenset({"should", "must", "ought", "need", "have"})
_TIME_PREPS = frozenset({"in", "since", "until", "till", "by", "from", "before", "after", "during", "through",
                         "into", "throughout"})


def _month_name(tok: Token) -> bool:
    """"as of March 20", "on 3 March", "back in March": a capitalised trigger beside a day number,
    or the object of a preposition of time, is a month."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in _TIME_PREPS and not any(c.dep_ == "det" for c in tok.children):
        return True
    doc = tok.doc
    near = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(t.like_num and t.text.isdecimal() and int(t.text) <= 31 for t in near)   # "²" is a digit, not a number


def match(tok: Token, sent_words: set[str], relax_head: bool = False) -> Entry | None:
    """The first lexicon row of ``tok`` whose conditions hold, or None."""
    lex = lexicon()
    pos = _pos(tok)
    if pos is None or _month_name(tok):
        return None
    rows = lex.entries.get((_lemma(tok), pos))
    if rows is None and pos == "N" and tok.tag_ == "NNS":     # plural forms the lemmatiser missed
        rows = lex.entries.get((tok.lower_[:-1], pos))
    if rows is None:
        # a form the lexicon lists for another lemma: "reimposed" (lemma reimpose) is impose's row
        base = lex.form_lemmas.get((_lemma(tok), pos)) or lex.form_lemmas.get((tok.lower_, pos))
        rows = lex.entries.get((base, pos)) if base else None
    if not rows:
        return None
    for e in rows:
        if all(_holds(c, tok, lex, sent_words) for c in e.conds
               if not (relax_head and c.name == "head")):
            return e
    return None
