"""Reported speech coded by what the statement does (PLOVER/CAMEO code a speech act by its content).

"Blinken said Berisha was involved in corrupt acts", "the State Department said corruption is
pervasive", "He highlighted the regime's violation of human rights": a communication verb (the C
rows of triggers.tsv) whose clausal complement or object charges someone with wrongdoing (a word of
codebooks/data/speech_charges.tsv, from CAMEO's ACCUSE sub-codes and PETRARCH2's &CRIME set) is an
accusation (ACCUSE, CAMEO 112x) by the speaker; the charged party, when the clause names one, is its
target. "The lawyer said the evidence was circumstantial", "said the charges are not true": a
statement that dismisses or negates an accusation is a denial (REJECT; coding guide: "Denying an
accusation: REJECT").

A complement that tells an event of its own ("said troops attacked the town") is a report of that
event, coded there, not a charge: only a clause whose head is coded as no event is read here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from . import roles as R
from .lexicon import Entry, _lemma, inflections, is_thing, lexicon
from .status import in_quotes

__all__ = ["SpeechAct", "charge_words", "prefilter_words", "speech_act"]

_RULE = "speech"
# Confidence of a charge read from a statement: below an explicit "accused" (0.9), like a bare
# CAMEO verb pattern (verb_floor), since the clause, not a verb, carries the accusation.
_CHARGE_WEIGHT = 0.7
_DENIAL_WEIGHT = 0.7
_NEED_WEIGHT = 0.65
_OBJECT_SPEECH = frozenset({"highlight", "stress", "note"})


@dataclass(frozen=True)
class SpeechAct:
    """What a statement does: its row (type, CAMEO code), who said it and whom it is about."""

    entry: Entry
    source: Token | None
    target: Token | None
    clause: Token           # the complement (or object) that carries the charge or denial
    how: str


@lru_cache(maxsize=1)
def charge_words() -> dict[str, dict[str, str]]:
    """kind ("charge", "wrongdoer", "accusation", "dismiss"; "any": a charge or a wrongdoer) ->
    word -> CAMEO code ("-" when none)."""
    from ..codebooks import load_tsv
    out: dict[str, dict[str, str]] = {}
    for row in load_tsv("speech_charges.tsv"):
        out.setdefault(row["kind"], {})[row["word"].lower()] = row["cameo"]
    out["any"] = {**out.get("charge", {}), **out.get("wrongdoer", {})}
    return out


def _forms(kind: str) -> frozenset[str]:
    words = charge_words().get(kind, {})
    return frozenset(f for w in words for f in inflections(w, "N") | inflections(w, "V"))


@lru_cache(maxsize=1)
def prefilter_words() -> dict[str, frozenset[str]]:
    """Speech verb form -> the charge or accusation words a sentence must also hold to be parsed."""
    co = _forms("charge") | _forms("wrongdoer") | _forms("accusation") | frozenset(inflections("need", "V"))
    lex = lexicon()
    forms = {f for lemma in lex.comm for f in inflections(lemma, "V")}
    forms |= {f for f, lemma in lex.verb_forms.items() if lemma in lex.comm}     # "said", "told"
    out = {f: co for f in forms}
    for f in _forms("charge") | _forms("wrongdoer"):
        out.setdefault(f, frozenset({"as"}))      # "exposed X as a fraud" (_labelled)
    return out


def _word_of(tok: Token, kind: str) -> str | None:
    words = charge_words().get(kind, {})
    for f in R.lemma_forms(tok):
        if f in words:
            return f
    return None


# Clauses inside a complement that set its scene or describe one of its nouns ("since terrorists
# held passengers, the operation was conducted", "an initiative to combat terrorism"): their words
# charge no one in the statement's own claim.
_SCENE = frozenset({"advcl", "relcl", "acl", "parataxis", "appos"})


def _clause_tokens(head: Token) -> list[Token]:
    """The complement's own words: its subtree without scene-setting or describing clauses."""
    out, todo = [], [head]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ not in _SCENE)
    return sorted(out, key=lambda t: t.i)


def _quoted_whole(clause: Token) -> bool:
    """Whether a complement is a direct quotation from its start ('said, "A major provocation
    ..."'): such quotes are mostly colour and opinion, while a statement the reporter words
    ("said Berisha \"was involved in ...\"", "said the attack shows ...") is the act reported."""
    first = next((t for t in clause.subtree if not t.is_punct), clause)
    if in_quotes(first):
        return True
    # a quote opened in an earlier sentence: '... no signal support," Hayat said.'
    end = max(t.i for t in clause.subtree) + 1
    doc = clause.doc
    while end < len(doc) and doc[end].text in (",", "."):
        end += 1
    return end < len(doc) and end < clause.head.i + 1 and doc[end].text in _CLOSING_QUOTES


_CLOSING_QUOTES = frozenset({'"', "”", "''", "’’"})


def _code(word: Token) -> str:
    """The ACCUSE code a charge or wrongdoer word gives (CAMEO 1121-1125, else 112)."""
    return charge_words()["any"].get(_word_of(word, "any") or "", "112")


def _entry(etype: str, mode: str | None, cameo: str, weight: float, tok: Token) -> Entry:
    return Entry(_lemma(tok), "V", "E", etype, mode, cameo, weight, (), 0, source=f"{_RULE}:{etype.lower()}")


def _speaker(tok: Token) -> Token | None:
    """Who makes the statement: the verb's subject, or the issuer of a document subject ("a report
    by the State Department said", "the ministry's statement said")."""
    subj = R.subject_of(tok)
    if subj is None:
        return None
    if _lemma(subj) in lexicon().ctx.get("issuer", frozenset()) | {"report"}:
        for c in subj.children:
            if c.dep_ == "poss" and c.lower_ not in R.PERSONAL:
                return c
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                obj = R.first(c, "pobj")
                if obj is not None:
                    return obj
            if c.dep_ == "compound" and not is_thing(c):
                return c        # "a U.N. report"
        return None             # a document with no issuer named: no speaker
    return subj


@lru_cache(maxsize=1)
def _time_names() -> frozenset[str]:
    """Weekday, month and holiday names (time_words.tsv): "Tuesday's attackers" names no owner."""
    from ..codebooks import load_rows
    keep = {"weekday", "month", "holiday", "season", "reference", "unit"}
    return frozenset(r[1].lower() for r in load_rows("time_words.tsv") if len(r) > 1 and r[0] in keep)


def _owner(noun: Token) -> Token | None:
    """The actor a charge noun is about: its possessor or "by"/"of" agent ("the regime's
    violation", "Russia's aggression", "abuses by the army")."""
    for c in noun.children:
        if (c.dep_ == "poss" and c.lower_ not in R.PERSONAL and c.pos_ != "PRON"
                and not R.is_time(c) and c.lower_ not in _time_names() and not c.like_num):
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "of"):
            obj = R.first(c, "pobj")
            if obj is not None and not is_thing(obj) and _word_of(obj, "any") is None:
                return obj
    return None


def _charged(clause: Token, charge: Token) -> Token | None:
    """The party a clause charges: the clause's subject when it is an actor and the charge lies in
    what is said of it ("Berisha was involved in corrupt acts"), else the charge noun's owner.
    None when unsure: an empty slot is honest, a wrong one is not."""
    subj = R.first(clause, *R.SUBJ, *R.PASS_SUBJ)
    if subj is not None and charge not in list(subj.subtree):
        if subj.pos_ in ("PROPN",) or (subj.pos_ == "NOUN" and not is_thing(subj)):
            if _word_of(subj, "any") is None:
                return subj
    owner = _owner(charge)
    if owner is not None:
        return owner
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _complements(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ == "ccomp"]
    if not out and tok.dep_ in ("parataxis", "ROOT") and tok.head.i != tok.i and tok.head.i < tok.i:
        # '"The attackers are based abroad," the ministry said': the quote is the head
        if tok.head.dep_ == "ROOT" and tok.head.pos_ in ("VERB", "AUX"):
            out.append(tok.head)
    return out


def speech_act(tok: Token, coded: set[int]) -> SpeechAct | None:
    """The accusation or denial a communication verb makes, if its complement is a charge.

    Args:
        tok: a token of a parsed sentence; only verbs of the lexicon's communication rows count.
        coded: indices of tokens already coded as events (a complement headed by one reports that
            event and is no charge).
    Returns:
        A SpeechAct, or None.
    """
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound", "acl") or tok.i in coded:
        return None
    if _lemma(tok) not in lexicon().comm:
        return _labelled(tok)
    speaker = _speaker(tok)
    if speaker is None or is_thing(speaker):
        return None
    for clause in _complements(tok):
        if clause.i in coded or any(c.i in coded for c in clause.children if c.dep_ == "conj"):
            continue
        if _quoted_whole(clause):
            continue
        words = _clause_tokens(clause)
        if any(t.i in coded and t.pos_ == "VERB" for t in words):
            continue    # "said the initiative aims to mobilize ...": the clause reports an event
        denial = _denial(clause, words)
        if denial is not None:
            return SpeechAct(_entry("REJECT", None, "120", _DENIAL_WEIGHT, tok), speaker, None, clause,
                             f"{_RULE}:denial({denial.lower_})")
        if _negated(clause):
            continue    # "said Berisha was not involved": no charge made
        needed = _need(clause)
        if needed is not None:
            return SpeechAct(_entry("REQUEST", None, "100", _NEED_WEIGHT, tok), speaker, needed[0], clause,
                             f"{_RULE}:need({needed[1]})")
        subj = R.first(clause, *R.SUBJ, *R.PASS_SUBJ)
        if subj is not None and subj.lower_ in R.PERSONAL:
            continue    # "North Korea said it conducted a test": the speaker's own deed, no charge
        charge = next((t for t in words if _word_of(t, "charge") is not None), None)
        if charge is None:
            # "said the attackers were in touch with planners abroad": a wrongdoer as a subject
            charge = next((t for t in words if t.dep_ == "nsubj" and _word_of(t, "wrongdoer") is not None), None)
        if charge is None:
            continue
        if any(c.dep_ == "det" and c.lower_ == "no" for c in charge.children):
            # "the S-400 poses no threat": the charge is denied, not made
            return SpeechAct(_entry("REJECT", None, "120", _DENIAL_WEIGHT, tok), speaker, None, clause,
                             f"{_RULE}:denial({charge.lower_})")
        code = _code(charge)
        return SpeechAct(_entry("ACCUSE", "allege", code, _CHARGE_WEIGHT, tok), speaker,
                         _charged(clause, charge), clause, f"{_RULE}:charge({charge.lower_})")
    if _lemma(tok) in _OBJECT_SPEECH:
        obj = R.first(tok, "dobj")
        if obj is not None and _word_of(obj, "charge") is not None and obj.i not in coded:
            code = _code(obj)
            return SpeechAct(_entry("ACCUSE", "allege", code, _CHARGE_WEIGHT, tok), speaker, _owner(obj), obj,
                             f"{_RULE}:charge({obj.lower_})")
    return None


def _labelled(tok: Token) -> SpeechAct | None:
    """"Historians exposed X as a fraud", "identifying him as a propagandist": a verb that names its
    object as a wrongdoer accuses it (the CAMEO verb dictionary's REGARD/VIEW/DESCRIBE * (AS &CRIME),
    (AS TERRORIST) patterns, read for any verb the lexicon leaves uncoded)."""
    obj = R.first(tok, "dobj")
    if obj is None or obj.pos_ not in ("PROPN", "PRON", "NOUN") or is_thing(obj):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            label = R.first(c, "pobj")
            if label is not None and _word_of(label, "any") is not None:
                speaker = R.first(tok, *R.SUBJ)     # its own subject: a borrowed one is often misparsed
                if speaker is None or is_thing(speaker) or speaker.lower_ in R.RELATIVE:
                    return None
                code = _code(label)
                return SpeechAct(_entry("ACCUSE", "allege", code, _CHARGE_WEIGHT, tok), speaker, obj, label,
                                 f"{_RULE}:label({label.lower_})")
    return None


def _need(clause: Token) -> tuple[Token | None, str] | None:
    """A statement that something is needed of others ("said a firm international response was
    urgently needed", "says the Schengen system needs reexamination", "said Turkey needs to return
    the missiles") is a call for it (REQUEST, CAMEO 100), as "said X must" is; the one who needs
    to act is its target. "We need to ..." is the speaker's own resolve, not a demand."""
    if _lemma(clause) != "need" or clause.pos_ not in ("VERB", "AUX"):
        return None
    subj = R.first(clause, *R.SUBJ, *R.PASS_SUBJ)
    if subj is None or subj.lower_ in ("i", "we", "you", "it", "one"):
        return None
    if R.is_passive(clause):
        return None, clause.lower_                  # "a response was needed": no one named
    if R.first(clause, "xcomp") is not None:
        return (None if is_thing(subj) else subj), clause.lower_     # "Turkey needs to return ..."
    if R.first(clause, "dobj") is not None and is_thing(subj):
        return None, clause.lower_                  # "the system needs reexamination"
    return None


def _denial(clause: Token, words: list[Token]) -> Token | None:
    """The accusation a clause dismisses: its subject is an accusation noun and the clause is
    negated or calls it false ("the charges are baseless", "the evidence would not show ...")."""
    subj = R.first(clause, *R.SUBJ, *R.PASS_SUBJ)
    if subj is None or _word_of(subj, "accusation") is None:
        return None
    if _negated(clause):
        return subj
    for t in words:
        if t.i not in {s.i for s in subj.subtree} and _word_of(t, "dismiss") is not None:
            return subj
    return None
