"""Reading the dependency parse: actor phrases, the antecedents of pronouns, a trigger's clause.

Part of the parse stage: plain functions over spaCy tokens, with no lexicon and no event types,
so extraction (who acts, who is acted on) and resolution ("their forces" takes the country of
"their") read the parse the same way without one stage reaching into another.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:      # spaCy objects are only passed in: importing this module needs no spaCy
    from spacy.tokens import Span, Token

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
# Dependents kept in an actor phrase: modifiers of the name, coordinated names, "of" phrases.
_PHRASE_DEPS = frozenset({
    "compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "flat", "nn",
    "conj", "cc", "prep", "pobj", "appos", "npadvmod", "advmod", "predet", "punct",
})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Determiners of a noun phrase that points at something already known ("the attack", "this bombing").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
PERSONAL = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her"})


def children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` whose dependency label is one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def first(tok: Token, *deps: str) -> Token | None:
    found = children(tok, *deps)
    return found[0] if found else None


def phrase_head(span: Span) -> Token:
    """The word a phrase names: its root, or the object of a preposition that heads it ("by the
    army" names the army)."""
    root = span.root
    if root.pos_ == "ADP" or root.dep_ in ("agent", "prep"):
        return first(root, "pobj") or root
    return root


def phrase(head: Token) -> Span:
    """The actor phrase headed by ``head``: its name modifiers, "of" phrase and coordinated names.

    Relative clauses and participial modifiers are left out: they are not part of the name. A
    personal pronoun is replaced by its antecedent in the sentence when one is clear, and a
    participle the parser took for the subject ("The Red Cross operating in Iraq said") by its noun.
    """
    head = _actor_token(head)
    keep = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if c.dep_ not in _PHRASE_DEPS:
                continue
            if c.dep_ == "prep" and c.lower_ not in ("of", "from"):
                continue
            if c.dep_ == "punct" and c.i > head.i:
                continue
            keep.append(c)
            stack.append(c)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    doc = head.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep")):
        hi -= 1     # a dangling "and" or "from" whose object the parse left outside
    while lo < hi and doc[lo].is_punct:
        lo += 1
    opened = sum(t.text == "(" for t in doc[lo:hi + 1]) - sum(t.text == ")" for t in doc[lo:hi + 1])
    if opened > 0 and hi + 1 < len(doc) and doc[hi + 1].text == ")":
        hi += 1     # "the Collective Security Treaty Organisation (CSTO)": close the bracket
    return doc[lo:hi + 1]


def _actor_token(tok: Token) -> Token:
    """The token that names the actor: a pronoun's antecedent, a misparsed participle's noun."""
    if tok.pos_ == "VERB" and tok.dep_ in SUBJ + PASS_SUBJ:
        nouns = [c for c in tok.children if c.dep_ in SUBJ and c.pos_ in ("NOUN", "PROPN")]
        if nouns:
            return nouns[0]
    if tok.lower_ in PERSONAL and tok.pos_ == "PRON":
        found = antecedent(tok)
        if found is not None:
            return found
    return tok


# Pronouns by what they can refer to: a person, or a group, state or organisation.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we"})
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def antecedent(pron: Token) -> Token | None:
    """The noun a personal pronoun refers to, within its sentence ("Iraq said it would allow").

    Only subjects (and passive subjects) before the pronoun are candidates, nearest first, that
    agree with it: "he/she" need a person's name or a singular noun, "they" a plural noun or a
    group, "it" a singular state or organisation. None when no candidate agrees.
    """
    low = pron.lower_
    if low not in PERSON_PRONOUNS and low not in GROUP_PRONOUNS:
        return None
    sent = pron.sent
    # An object pronoun never means its own clause's subject ("Amin expelled them").
    verb = pron.head.head if pron.head.dep_ in ("prep", "agent") else pron.head
    own = set() if pron.dep_ in SUBJ + PASS_SUBJ else {c.i for c in verb.children if c.dep_ in SUBJ}
    for tok in reversed(list(sent[: pron.i - sent.start])):
        if tok.dep_ not in SUBJ + PASS_SUBJ or tok.lower_ in PERSONAL or tok.lower_ in RELATIVE:
            continue
        if tok.i in own:
            continue
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
        if low in PERSON_PRONOUNS:
            ok = not plural and (tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and tok.ent_type_ == ""))
        elif low in ("it", "its"):
            ok = not plural and tok.ent_type_ in ("GPE", "ORG")
        else:
            ok = plural or tok.ent_type_ in ("GPE", "ORG", "NORP")
        if ok:
            return tok
    if low in PERSON_PRONOUNS:
        # No subject agrees: a lone named person earlier in the sentence is the only candidate
        # ("protests against the leader Mahmoud Abbas, saying he must resign").
        people = [e for e in pron.doc.ents if e.label_ == "PERSON" and sent.start <= e.start
                  and e.end <= pron.i and e.root.i not in own]
        if len({e.text for e in people}) == 1:
            return people[0].root
    return None


def clause_range(trigger: Token) -> tuple[int, int]:
    """Character range (within the parsed text) of the clause an event trigger governs.

    A trigger inside an infinitive or gerund complement ("began to withdraw") or an
    eventive noun that is the subject or object of a light verb ("riots took place")
    takes its governing verb's clause, where its time and place usually attach.
    """
    head = trigger
    while head.dep_ in ("xcomp", "pcomp") and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj"):
        governor = head.head.head if head.dep_ == "pobj" else head.head  # "amid gunfire" -> its verb
        if governor.pos_ in ("VERB", "AUX"):
            head = governor
    tokens = list(head.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
