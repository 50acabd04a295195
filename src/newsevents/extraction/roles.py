"""Who acts and who is acted on: source and target phrases of a trigger from the dependency parse.

Works on spaCy tokens only (no lexicon): subjects through passives, xcomp chains, conjunctions and
relative clauses; objects, datives and prepositional objects; and the actor phrase of a head noun.
A few closed word classes steer the choice (verbs of taking part, of going somewhere for an event,
nouns that measure an event); they are grammar, not codebook facts, so they stay beside the rules.
"""
from __future__ import annotations

from spacy.tokens import Token

# The parse readers live in the parse stage; the event stages read them through this module (R.phrase).
from ..syntax import (  # noqa: F401
    ACTOR_ENTS,
    DEFINITE,
    PASS_SUBJ,
    PERSONAL,
    RELATIVE,
    SUBJ,
    antecedent,
    children,
    first,
    phrase,
)

# Nouns for a statement: a clause hanging on one ("a declaration demanding X") is its issuer's.
SPEECH_NOUNS = frozenset({"declaration", "statement", "resolution", "letter", "communique", "message",
                          "reminder", "appeal", "call", "demand", "warning", "ultimatum", "note"})
_NOT_AGENT = frozenset({"end", "time", "what", "then", "now", "noon", "midnight", "dawn"})
# Verbs whose object is a means, not the doer of the "to" clause ("used tear gas to disperse").
INSTRUMENT_VERBS = _INSTRUMENT_VERBS = frozenset({"use", "employ", "spend", "need", "take", "have", "fire", "deploy",
                               "send", "give", "provide", "offer", "open", "build", "set", "establish"})
# Endings of agent nouns, which name people ("bomber", "gunmen", "militant" does not, names do).
AGENT_ENDINGS = ("er", "or", "ist", "man", "men")


def lemma_forms(tok: Token) -> list[str]:
    """The lemma, the surface form, then the surface with a regular ending stripped: the small
    model's lemmatizer misses some verbs ("staged" -> "stag"), so word-list look-ups try these too."""
    w = tok.lower_
    out = [tok.lemma_.lower(), w]
    for suffix, add in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                        ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.append(w[: len(w) - len(suffix)] + add)
    if len(w) > 5 and w.endswith(("ed", "ing")):
        stem = w[:-2] if w.endswith("ed") else w[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])           # "stopped" -> "stop"
    return out


def takes_part(verb: Token) -> bool:
    """Whether a verb says its subject takes part in what its "in" object names ("were involved
    in", "took part in", "remained on")."""
    return lemma_in(verb, _TAKING_PART)


def lemma_in(tok: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether one of the token's lemma forms (:func:`lemma_forms`) is in ``words``."""
    return any(f in words for f in lemma_forms(tok))


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in tok.children) or reduced_passive(tok)


def reduced_passive(tok: Token) -> bool:
    """A reduced relative the parser read as a clause ("Three protesters arrested in a raid were
    released"): a past participle with a subject but no auxiliary or object, under a later verb
    that has no subject of its own (the participle took it). Its "subject" is the one acted on.
    A past tense tagged as a participle ("Two trains collided ..., the fire service said") keeps
    its subject: its head has one."""
    if tok.tag_ != "VBN" or tok.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in tok.children}
    if "nsubj" not in deps or deps & {"aux", "auxpass", "dobj", "ccomp", "xcomp", "dative", "attr", "acomp"}:
        return False
    def subjectless(verb: Token) -> bool:
        return verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in SUBJ + PASS_SUBJ + ("expl",) for c in verb.children)

    # the clause that lost its subject: the later head, or a conjunct with its own auxiliary
    # ("arrested in a raid [and] were released")
    head = tok.head
    return (head.i > tok.i and subjectless(head)) or any(
        c.dep_ == "conj" and subjectless(c) and any(a.dep_ in ("aux", "auxpass") for a in c.children)
        for c in tok.children)


def agent_of(tok: Token) -> Token | None:
    """The object of the "by" agent of a passive verb ("was arrested by police" -> police)."""
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and is_passive(tok)):
            obj = first(c, "pobj")
            # "by the end of 1972", "by what they saw" are not agents
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and obj.lower_ not in _NOT_AGENT:
                return obj
    return None


# Dashes that end a dateline ("MOGADISHU -", "NAIROBI, Kenya —").
_DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def dateline_end(tok: Token) -> int:
    """Index of the first token after the dateline that opens ``tok``'s sentence ("MOGADISHU -",
    "NAIROBI, Kenya (Reuters) —"), or the sentence's start when it opens with none. A dateline
    is a place name in capitals, optionally a comma and a name or a wire in brackets, then a dash:
    where the story was filed, never part of an actor."""
    sent, doc = tok.sent, tok.doc
    i = sent.start
    while i < sent.end and doc[i].is_alpha and len(doc[i].text) >= 3 and doc[i].text.isupper():
        i += 1
    if i == sent.start:
        return sent.start
    if i < sent.end and doc[i].text == ",":
        j = i + 1
        while j < min(sent.end, i + 5) and doc[j].text[:1].isupper() and doc[j].text not in _DATELINE_DASHES:
            j += 1
        i = j if j > i + 1 else i
    if i < sent.end and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(sent.end, i + 5)) if doc[k].text == ")"), None)
        i = close + 1 if close is not None else i
    if not (i < sent.end - 1 and doc[i].text in _DATELINE_DASHES):
        return sent.start
    if any(t.text in _DATELINE_DASHES for t in doc[i + 1:min(sent.end, i + 16)]):
        return sent.start       # "NATO — which has 32 members — said": a dash pair sets off an aside
    return i + 1


def _speaker(tok: Token) -> Token | None:
    """Subject of the communication verb whose clausal complement holds ``tok``, if any."""
    node = tok
    while node.dep_ in ("ccomp", "conj", "xcomp", "aux") and node.head.i != node.i:
        node = node.head
        subj = first(node, *SUBJ)
        if subj is not None and subj.lower_ not in PERSONAL:
            return subj
    return None


def _resolve_pronoun(subj: Token, verb: Token) -> Token:
    if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head
    if subj.lower_ in PERSONAL:
        speaker = _speaker(verb)
        if speaker is not None:
            return speaker
    return subj


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The acting subject of a verb or predicate adjective, following xcomp/conj/relcl/acl chains."""
    if depth > 6:
        return None
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None:
            return agent
        if verb.dep_ in ("conj",) and verb.head.pos_ in ("VERB", "AUX"):
            return subject_of(verb.head, depth + 1)
        return None
    subj = first(verb, *SUBJ)
    if subj is not None and subj.i < dateline_end(subj):
        # "NAIROBI, Kenya - Protesters marched": the dateline is where the story was filed; a
        # subject the parser hung on it ("MOGADISHU - Gunmen" read as an apposition) still acts
        cut = dateline_end(subj)
        subj = next((c for c in verb.children if c.dep_ in SUBJ and c.i >= cut), None) or next(
            (c for c in subj.children if c.dep_ in ("appos", "conj") and c.i >= cut), None)
        if subj is None:
            return None
    if subj is not None:
        return _resolve_pronoun(subj, verb)
    dep = verb.dep_
    head = verb.head
    if head.i == verb.i:
        return _stranded_subject(verb)
    governor = head.head if dep == "pcomp" and head.dep_ == "prep" else head
    if dep in ("pcomp", "dep", "conj", "advcl") and _name_read_as_verb(governor):
        return governor
    if dep == "xcomp":
        # Object control ("urged Iraq to cooperate") makes the object the subject of the xcomp;
        # an instrument ("used tear gas to disperse") is no subject: the object must name an actor.
        obj = first(head, "dobj")
        if obj is not None and head.pos_ == "VERB" and obj.i < verb.i and (
                not lemma_in(head, _INSTRUMENT_VERBS) or obj.ent_type_ in ACTOR_ENTS):
            return obj
        if is_passive(head) and agent_of(head) is None and passive_subject(head) is not None:
            # "Rubio is expected to meet X", "the envoy was asked to stay": raising and control
            # under a passive make its subject the doer of the "to" clause
            return passive_subject(head)
        return subject_of(head, depth + 1)
    if (dep == "advcl" and _to_infinitive(verb) and is_passive(head) and agent_of(head) is None
            and passive_subject(head) is not None):
        return passive_subject(head)    # "police were sent to disperse X": the ones sent do it
    if dep == "advcl" and bare_participle(verb):
        # "X is dead, killed in a joint operation": a bare past participle is passive; its
        # by-agent acts, the clause's subject is the one acted on (passive_subject)
        return agent_of(verb)
    if head.pos_ in ("VERB", "AUX") and (dep == "conj" or (
            dep == "dep" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.i < verb.i)):
        # an unlabelled finite verb after its head is an asyndetic conjunct ("arrested five men,
        # then released them")
        # coordination joins like with like: a finite verb hung on an infinitive ("said X aims
        # to mobilize ... and urged Y") is the conjunct of the nearest ancestor of its tense
        return subject_of(_finite_conjunct_head(verb), depth + 1)
    if dep == "pcomp" and head.dep_ == "prep" and head.lower_ in _DOER_OBJECT_PREPS and verb.tag_ == "VBG":
        doer = _gerund_doer(head)
        if doer is not None:
            return doer
    if dep in ("conj", "advcl", "acomp", "pcomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return subject_of(head, depth + 1)
    if dep == "acl" and verb.tag_ == "VBN":
        # "the members killed": a passive participle, its noun is the one acted on; its by-agent
        # is the doer ("books banned by the Taliban")
        return agent_of(verb)
    if dep == "acl" and verb.tag_ == "VBG" and head.pos_ == "NOUN" and head.ent_type_ == "":
        # "a video of X making an apology": the gerund tells what the "of" actor does
        for obj in prep_objects(head, ("of",)):
            if obj.ent_type_ in ACTOR_ENTS and obj.i < verb.i:
                return obj
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        if dep == "acl" and head.lemma_.lower() in SPEECH_NOUNS and head.dep_ == "dobj":
            return subject_of(head.head, depth + 1)     # "issued a declaration demanding ..."
        if _to_infinitive(verb) and head.pos_ == "NOUN" and head.ent_type_ == "":
            # "a rally to protest X", "efforts to end the war": whoever holds the rally or makes
            # the efforts ("the first country to recognise X" keeps its noun: no holder found)
            holder = _holder(head, depth)
            if holder is not None:
                return holder
        return head
    if dep == "pcomp" and head.dep_ == "prep":
        return subject_of(head.head, depth + 1)
    return None


# Prepositions whose gerund is done by the governing verb's object ("accused Y of attacking",
# "praised Y for activating"); other gerunds keep the subject ("arrested after fleeing").
_DOER_OBJECT_PREPS = frozenset({"of", "for"})


def _gerund_doer(prep: Token) -> Token | None:
    """Who does the gerund of a "for/of" phrase: the object of the verb it hangs on ("praised
    ECOWAS for activating"), or the named actor it hangs on when the parser attached it to a name."""
    gov = prep.head
    if gov.pos_ == "VERB":
        obj = first(gov, "dobj")
        if obj is not None and obj.i < prep.i and not is_time(obj) and not lemma_in(gov, _INSTRUMENT_VERBS) \
                and (obj.ent_type_ in ACTOR_ENTS or obj.pos_ in ("PROPN",) or agentive(obj)):
            return obj
        return None
    if gov.pos_ == "PROPN" and gov.ent_type_ in ACTOR_ENTS:
        return gov
    if gov.dep_ == "dobj" and gov.head.pos_ == "VERB" and not lemma_in(gov.head, _INSTRUMENT_VERBS) \
            and (gov.ent_type_ in ACTOR_ENTS or agentive(gov) or gov.tag_ == "NNS") and not is_time(gov):
        return gov          # "accused [the rebels of shelling]": the phrase hung on the object
    return None


def _finite_conjunct_head(verb: Token) -> Token:
    """The verb a coordinated verb is the conjunct of: its head, unless the head is an
    infinitive or gerund and the conjunct is finite; then the nearest ancestor of the same tag."""
    head = verb.head
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or head.tag_ not in ("VB", "VBG") or head.dep_ not in (
            "xcomp", "advcl", "ccomp", "pcomp"):
        return head
    node = head
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.tag_ == verb.tag_:
            return node
    return head


def means_doer(verb: Token, light: frozenset[str]) -> Token | None:
    """The doer of an agentless passive told by the event it happened in: "Morsi was ousted in a
    coup led by X" -> X, "killed in an attack by militants" -> militants."""
    for obj in prep_objects(verb, ("in", "during", "through")):
        if obj.pos_ == "NOUN":
            doer = next(iter(prep_objects(obj, ("by",))), None) or _carried_out_by(obj, light)
            if doer is not None:
                return doer
    return None


def _carried_out_by(noun: Token, light: frozenset[str]) -> Token | None:
    """The agent of a light verb's participle on an event noun: "an offensive launched by X",
    "a coup led by X" (a reacting verb's agent is not the doer: "an attack condemned by X")."""
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > noun.i and lemma_in(c, light):
            by = agent_of(c)
            if by is not None:
                return by
    return None


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _holder(noun: Token, depth: int) -> Token | None:
    """Who holds a plain noun: its possessor ("Iraq's plan"), else the subject of the verb it is
    the object of ("X staged a rally", "X converged for a rally")."""
    for c in noun.children:
        if c.dep_ == "poss" and not is_time(c):
            return c
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return subject_of(noun.head, depth + 1)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return subject_of(noun.head.head, depth + 1)
    return None


def _name_read_as_verb(tok: Token) -> bool:
    """A sentence's first word, a capitalised name the parser took for a bare verb heading the
    sentence ("Trump at first imposed ..., then exempted ..."): it has no subject, object or
    auxiliary of its own, and a finite verb hangs on it (an imperative governs no finite verb)."""
    if tok.i != tok.sent.start or tok.dep_ != "ROOT" or tok.tag_ != "VB" or not tok.is_title:
        return False
    if any(c.dep_ in SUBJ + PASS_SUBJ + ("dobj", "aux", "xcomp", "ccomp") for c in tok.children):
        return False
    below = [g for c in tok.children for g in ([c] + [p for p in c.children if c.dep_ == "prep"])]
    return any(v.tag_ in ("VBD", "VBZ", "VBN") and v.dep_ in ("pcomp", "dep", "conj") for v in below)


def _stranded_subject(verb: Token) -> Token | None:
    """A main verb the parser left without a subject ("With the signing of X, the government and
    the rebels have agreed"): the noun phrase right before it, when nothing but auxiliaries and
    adverbs stand between. Coordinated names lead back to their first conjunct."""
    if any(c.dep_ in ("expl", "nsubj", "csubj", "nsubjpass") for c in verb.children):
        return None
    i = verb.i - 1
    sent_start = verb.sent.start
    while i >= sent_start and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    if i < sent_start:
        return None
    tok = verb.doc[i]
    if tok.pos_ not in ("NOUN", "PROPN") or is_time(tok):
        return None
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i and (
            not any(t.is_punct and t.text != "/" for t in verb.doc[tok.head.i + 1:tok.i])):
        tok = tok.head
    return tok


def passive_subject(verb: Token) -> Token | None:
    subj = first(verb, *PASS_SUBJ) or (first(verb, "nsubj") if reduced_passive(verb) else None)
    if subj is not None:
        return _resolve_pronoun(subj, verb)
    if verb.dep_ == "conj" and is_passive(verb.head):
        return passive_subject(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":      # "protesters arrested on Monday"
        return verb.head
    if verb.dep_ == "advcl" and bare_participle(verb) and verb.head.pos_ in ("VERB", "AUX"):
        return first(verb.head, *SUBJ)                  # "X is dead, killed in an air strike"
    return None


def bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary or subject of its own ("..., killed in the raid")."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                          for c in verb.children)


def is_time(tok: Token) -> bool:
    """Dates and times ("on Tuesday", "last week") are never actors."""
    if tok.ent_type_ == "CARDINAL":
        # "One of Nazarbayev's allies, Karim Massimov" is a person; a bare "2,000" is not an actor
        return not any(c.dep_ in ("prep", "appos") for c in tok.children)
    return tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY") or \
        tok.lower_ in _NOT_AGENT


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions under ``tok`` (dates left out), in the order of ``preps``."""
    found = []
    for p in preps:
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ == p:
                obj = first(c, "pobj")
                if obj is not None and not is_time(obj):
                    found.append(obj)
    return found


def object_of(tok: Token) -> Token | None:
    """The direct object, or the passive subject (which is the object of the action)."""
    obj = first(tok, "dobj")
    if obj is not None:
        return obj
    return passive_subject(tok)


def noun_source(noun: Token, light: frozenset[str], agent_preps: tuple[str, ...] = ("by", "from")) -> Token | None:
    """Who does an eventive noun: "attack by rebels", "Palestinian riots", "X staged rallies".

    ``agent_preps`` name the prepositions of the doer ("a withdrawal from X" leaves X: pass ("by",))."""
    agent = prep_objects(noun, agent_preps)
    if agent:
        return agent[0]
    agent = [a for a in [_carried_out_by(noun, light)] if a is not None]
    if agent:
        return agent[0]
    # An event noun inside a name ("the Malabar Joint Maritime Exercise") is modified by the
    # name's other words, not by its doer: only a possessor names one there.
    named = noun.tag_ in ("NNP", "NNPS")
    for c in noun.children:
        if (c.dep_ == "poss" and c.pos_ != "PRON" and c.ent_type_ not in ("DATE", "TIME")) or (
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG") and not named):
            return c
    for c in noun.children if not named else ():
        # "US Predator attacks", "Hamas rocket attacks": a name one compound further out
        if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN"):
            for g in c.children:
                if g.dep_ in ("compound", "amod") and (g.ent_type_ in ("NORP", "GPE", "ORG") or (
                        g.pos_ == "PROPN" and c.pos_ == "NOUN")):
                    return g
    noun = _measured(noun)
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and lemma_in(head, light):
        return subject_of(head) or (passive_subject(head) if noun.dep_ != "nsubjpass" else None)
    if noun.dep_ == "pobj" and lemma_in(head.head, light):     # "went on strike"
        return subject_of(head.head)
    if noun.dep_ == "pobj" and head.lower_ in _ENGAGED_PREPS and head.head.pos_ == "VERB":
        verb = head.head
        if not is_passive(verb) and lemma_in(verb, _TAKING_PART):
            return subject_of(verb)       # "remained on alert", "took part in protests"
        if lemma_in(verb, _TAKING_PART) and agent_of(verb) is None:
            return passive_subject(verb)  # "were engaged in fighting", "were involved in clashes"
    if (noun.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB"
            and lemma_in(head.head, _GOING_FOR) and not is_passive(head.head)):
        return subject_of(head.head)      # "returned to Geneva for talks", "converged for a rally"
    for c in noun.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):
            return c
    if noun.dep_ == "conj":
        return noun_source(head, light) if head.pos_ in ("NOUN", "PROPN") else None
    return None


# A verb's "in/on" object that is an event is the subject's own activity when the verb says it
# takes part ("engaged in fighting", "remained on alert", "took part in protests"); other verbs'
# objects are not ("died in the attack", "reported on the bombing", "a probe into the blast").
_ENGAGED_PREPS = frozenset({"in", "on"})
# Verbs whose subject takes part in the event of their "in/on" object (passive: "were engaged in").
_TAKING_PART = frozenset({"engage", "involve", "embroil", "participate", "take", "join", "remain",
                          "stay", "persist", "continue", "be"})
# Verbs of going or gathering whose "for" object is what the goers do ("came for talks"); other
# verbs' "for" objects are reasons ("arrested for rioting", "blamed X for the attack").
_GOING_FOR = frozenset({"return", "come", "go", "travel", "arrive", "fly", "gather", "converge",
                        "assemble", "head", "meet", "sit"})
# Nouns that measure an event ("a series of attacks", "10 days of war games"): the event inherits
# the measure's place in the clause.
_MEASURES = frozenset({"series", "wave", "spate", "string", "round", "day", "week", "month", "year",
                       "night", "hour", "campaign", "number", "outbreak", "surge", "bout", "flurry"})


def _measured(noun: Token) -> Token:
    """The measure noun an event noun hangs on ("launched a wave of attacks" -> wave), else itself."""
    head = noun.head
    if (noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN"
            and lemma_in(head.head, _MEASURES)):
        return head.head
    return noun


def between(tok: Token) -> list[Token]:
    """The parties of a "between X and Y" / "among X" phrase under ``tok``: [X, Y, ...].

    The parser often hangs the phrase on the verb an event noun is the subject of ("fighting
    broke out between X and Y", "clashes erupted between"): that verb's phrase counts too."""
    objs = prep_objects(tok, ("between", "among"))
    if not objs and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and first(tok.head, "dobj") is None:
        objs = prep_objects(tok.head, ("between", "among"))
    for obj in objs:
        parties = [obj]
        stack = [obj]
        while stack:
            for c in stack.pop().children:
                if c.dep_ == "conj":
                    parties.append(c)
                    stack.append(c)
        return parties
    return []


def purpose_object(verb: Token) -> Token | None:
    """The object of a verb's "to" purpose clause: "opened fire to disperse the crowd" -> crowd."""
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            obj = first(c, "dobj")
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not is_time(obj):
                return obj
    return None


def clause_of(tok: Token) -> Token:
    """The verb heading the clause that holds ``tok``."""
    node = tok
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def agentive(tok: Token) -> bool:
    """Whether a subject names a person or group (a doer), not a thing: a name or an agent noun."""
    if tok.ent_type_ in ACTOR_ENTS:
        return True
    return tok.lemma_.lower().endswith(AGENT_ENDINGS) or tok.lower_.endswith(AGENT_ENDINGS)


def responsible_party(noun: Token) -> Token | None:
    """Who claims or accepts responsibility for an event noun ("X claimed responsibility for the
    attack" -> X); None when nobody does ("no group has claimed responsibility")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return None
    resp = prep.head
    verb = resp.head
    if resp.dep_ != "dobj" or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return None
    subj = subject_of(verb)
    if subj is None or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children):
        return None
    return subj
