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

"The minister said the decision by Washington was irresponsible": a complement whose evaluative
words (VADER's valence lexicon, codebooks/data/valence_vader.tsv) are strongly negative about another
actor, or about that actor's act, is criticism (ACCUSE, CAMEO 111) of that actor. The event words of
the lexicon do not count as evaluation ("said the attack killed five" reports, it does not judge),
and a statement negative about no actor ("said the floods were devastating") criticises no one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from . import roles as R
from .lexicon import Entry, _lemma, inflections, is_thing, lexicon, people_nouns
from .status import in_quotes

__all__ = ["SpeechAct", "charge_words", "prefilter_words", "speech_act", "statement_verbs", "valence"]

_RULE = "speech"
# Confidence of a charge read from a statement: below an explicit "accused" (0.9), like a bare
# CAMEO verb pattern (verb_floor), since the clause, not a verb, carries the accusation.
_CHARGE_WEIGHT = 0.7
_DENIAL_WEIGHT = 0.7
_NEED_WEIGHT = 0.65
# Criticism is read from valence, not from a charge: weaker evidence than a charge word.
_CRITICISM_WEIGHT = 0.6
# VADER's ratings run -4..+4; -1.5 keeps words raters agree are clearly negative ("irresponsible"
# -1.9, "illegal" -2.6) and leaves mild ones ("chilling" -0.1, "concern" unrated) out.
_NEGATIVE = -1.5
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_OBJECT_SPEECH = frozenset({"highlight", "stress", "note"})
# Blocks of the CAMEO verb dictionary (PETRARCH2 CAMEO.2.0) whose verbs make a statement or publish a
# finding: "a U.N. report found that ...", "the institute wrote that ...", "the government reported
# that ...". Their complements are read like those of the lexicon's communication verbs.
_STATEMENT_BLOCKS = frozenset({"EXPLAIN_VERBAL", "ALLEGE", "DISCOVER", "WRITE"})


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


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """word (lower case) -> VADER mean valence, -4..+4 (codebooks/data/valence_vader.tsv, MIT)."""
    from ..codebooks import load_tsv
    return {r["word"]: float(r["valence"]) for r in load_tsv("valence_vader.tsv")}


@lru_cache(maxsize=1)
def _negative_words() -> frozenset[str]:
    return frozenset(w for w, v in valence().items() if v <= _NEGATIVE)


@lru_cache(maxsize=1)
def statement_verbs() -> frozenset[str]:
    """Lemmas of the verbs whose complement is a statement: the lexicon's communication verbs and
    the CAMEO verb dictionary's statement and finding blocks (_STATEMENT_BLOCKS)."""
    from ..codebooks.cameo_verbs import verb_dictionary
    found = {s.lemma for senses in verb_dictionary().senses.values() for s in senses
             if s.block in _STATEMENT_BLOCKS and s.particle is None and " " not in s.lemma}
    return lexicon().comm | frozenset(found)


def _forms(kind: str) -> frozenset[str]:
    words = charge_words().get(kind, {})
    return frozenset(f for w in words for f in inflections(w, "N") | inflections(w, "V"))


@lru_cache(maxsize=1)
def prefilter_words() -> dict[str, frozenset[str]]:
    """Speech verb form -> the charge or accusation words a sentence must also hold to be parsed."""
    co = (_forms("charge") | _forms("wrongdoer") | _forms("accusation") | frozenset(inflections("need", "V"))
          | frozenset(charge_words().get("blame", {}))
          | _negative_words())     # not the negators: 3% more sentences parsed, no reading gained
    lex = lexicon()
    from ..codebooks.cameo_verbs import verb_dictionary
    verbs = statement_verbs()
    forms = {f for lemma in verbs for f in inflections(lemma, "V")}
    forms |= {f for f, lemma in lex.verb_forms.items() if lemma in verbs}     # "said", "told"
    forms |= {f for f, lemma in verb_dictionary().forms.items() if lemma in verbs}     # "found", "wrote"
    out = {f: co for f in forms}
    out["according"] = co       # "X was behind the plot, according to prosecutors" (_according)
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
    return None if subj is None else _issuer(subj)


def _issuer(subj: Token) -> Token | None:
    """The actor a statement's subject stands for: the issuer of a document ("a U.N. report", "a
    report by the State Department"), else the subject itself; None for a document with no issuer."""
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
    if tok.lower_ == "according":
        return _according(tok, coded)
    if _lemma(tok) not in statement_verbs():
        return _labelled(tok)
    speaker = _speaker(tok)
    if speaker is None or is_thing(speaker):
        return None
    for clause in _complements(tok):
        if _quoted_whole(clause):
            continue
        act = _read_statement(tok, speaker, clause, coded)
        if act is not None:
            return act
    if _lemma(tok) in _OBJECT_SPEECH:
        obj = R.first(tok, "dobj")
        if obj is not None and _word_of(obj, "charge") is not None and obj.i not in coded:
            code = _code(obj)
            return SpeechAct(_entry("ACCUSE", "allege", code, _CHARGE_WEIGHT, tok), speaker, _owner(obj), obj,
                             f"{_RULE}:charge({obj.lower_})")
    return _labelled(tok)       # "described the decision as irresponsible"


def _read_statement(tok: Token, speaker: Token, clause: Token, coded: set[int],
                    skip: frozenset[int] = frozenset()) -> SpeechAct | None:
    """What a statement ``clause`` made by ``speaker`` through ``tok`` does: a denial, a call for
    something needed, a charge or a criticism; None when it reports an event or says nothing of
    these. ``skip``: tokens that are not the statement's words (its attribution)."""
    if clause.i in coded or any(c.i in coded for c in clause.children if c.dep_ == "conj"):
        return None
    words = [t for t in _clause_tokens(clause) if t.i not in skip]
    if any(t.i in coded and t.pos_ == "VERB" for t in words):
        return None     # "said the initiative aims to mobilize ...": the clause reports an event
    if _lemma(clause) in lexicon().light and any(c.i in coded for c in clause.children if c.dep_ == "dobj"):
        return None     # "police have launched an investigation into alleged crimes": an event noun's report
    denial = _denial(clause, words)
    if denial is not None:
        return SpeechAct(_entry("REJECT", None, "120", _DENIAL_WEIGHT, tok), speaker, None, clause,
                         f"{_RULE}:denial({denial.lower_})")
    if _negated(clause):
        return None     # "said Berisha was not involved": no charge made
    needed = _need(clause)
    if needed is not None:
        return SpeechAct(_entry("REQUEST", None, "100", _NEED_WEIGHT, tok), speaker, needed[0], clause,
                         f"{_RULE}:need({needed[1]})")
    subj = R.first(clause, *R.SUBJ, *R.PASS_SUBJ)
    if subj is not None and subj.lower_ in R.PERSONAL:
        return None     # "North Korea said it conducted a test": the speaker's own deed, no charge
    blamed = _blame(clause, words, coded)
    if blamed is not None:
        code = _code(blamed[1]) if _word_of(blamed[1], "charge") is not None else "112"
        return SpeechAct(_entry("ACCUSE", "allege", code, _CHARGE_WEIGHT, tok), speaker, subj, clause,
                         f"{_RULE}:blame({blamed[0].lower_})")
    # a charge word that modifies a noun names a kind of thing ("terrorism deaths"), no charge
    charge = next((t for t in words if _word_of(t, "charge") is not None and t.dep_ != "compound"), None)
    if charge is None:
        # "said the attackers were in touch with planners abroad": a wrongdoer as a subject
        charge = next((t for t in words if t.dep_ == "nsubj" and _word_of(t, "wrongdoer") is not None), None)
    if charge is None:
        critic = _criticism(clause, speaker)
        if critic is not None:
            return SpeechAct(_entry("ACCUSE", "disapprove", "111", _CRITICISM_WEIGHT, tok), speaker,
                             critic[1], clause, f"{_RULE}:criticism({critic[0].lower_})")
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in charge.children):
        # "the S-400 poses no threat": the charge is denied, not made
        return SpeechAct(_entry("REJECT", None, "120", _DENIAL_WEIGHT, tok), speaker, None, clause,
                         f"{_RULE}:denial({charge.lower_})")
    code = _code(charge)
    return SpeechAct(_entry("ACCUSE", "allege", code, _CHARGE_WEIGHT, tok), speaker,
                     _charged(clause, charge), clause, f"{_RULE}:charge({charge.lower_})")


def _blame(clause: Token, words: list[Token], coded: set[int]) -> tuple[Token, Token] | None:
    """The word that lays a wrong at the clause's subject's door ("said Russia was responsible for
    the attack", "X was behind the kidnapping"): a "blame" word of speech_charges.tsv whose object
    is a charge word or an event the sentence codes, said of an actor subject; with that object."""
    subj = R.first(clause, *R.SUBJ)
    if subj is None or subj.pos_ == "PRON" or (subj.pos_ == "NOUN" and is_thing(subj)):
        return None
    inside = {t.i for t in subj.subtree}
    for t in words:
        if t.i in inside or _word_of(t, "blame") is None:
            continue
        holder = t if t.pos_ == "ADP" else next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        obj = R.first(holder, "pobj", "pcomp") if holder is not None else None
        for o in ([obj, *(c for c in obj.children if c.dep_ == "conj")] if obj is not None else []):
            if o.i in coded or _word_of(o, "charge") is not None:
                return t, o
    return None


def _according(tok: Token, coded: set[int]) -> SpeechAct | None:
    """"X was allegedly behind the plot, according to prosecutors": the clause an "according to"
    attributes to an actor (or to a document's issuer: "according to a U.N. report") is that
    actor's statement, read like the complement of "said"."""
    to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    who = R.first(to, "pobj") if to is not None else None
    clause = tok.head
    if who is None or clause.i == tok.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    speaker = _issuer(who)
    if speaker is None or is_thing(speaker) or speaker.pos_ == "PRON":
        return None
    return _read_statement(tok, speaker, clause, coded, frozenset(t.i for t in tok.subtree))


@lru_cache(maxsize=1)
def _naming_verbs() -> frozenset[str]:
    """Verbs that name their object by an object predicate ("called the visit a violation",
    "branded them traitors"): those the lexicon codes ACCUSE when the object predicate is there
    (rows with an ``oprd`` condition)."""
    return frozenset(lemma for (lemma, pos), rows in lexicon().entries.items() if pos == "V"
                     and any(e.type == "ACCUSE" and any(c.name == "oprd" and not c.negated for c in e.conds)
                             for e in rows))


def _label_of(tok: Token) -> Token | None:
    """What a verb names its object: the object of its "as" ("exposed X as a fraud") or, for a
    naming verb, its object predicate ("called the strike a war crime", "called it barbaric")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            return R.first(c, "pobj", "amod", "acomp")
    if _lemma(tok) in _naming_verbs():
        return R.first(tok, "oprd")
    return None


def _labelled(tok: Token) -> SpeechAct | None:
    """"Historians exposed X as a fraud", "identifying him as a propagandist", "called the visit a
    violation of its sovereignty": a verb that names its object as a wrongdoer or a wrong accuses
    (the CAMEO verb dictionary's REGARD/VIEW/DESCRIBE * (AS &CRIME), (AS TERRORIST) patterns, read
    for any verb the lexicon leaves uncoded); one that names it by a strongly negative judgement
    ("described the decision as irresponsible", "called the attack barbaric": the dictionary's
    DESCRIBE * (AS MISTAKE), (AS LAWLESS) patterns, with VADER's valence for the judgement) criticises
    (CAMEO 111). The target is the object when it is an actor, else the author of the act it names."""
    obj = R.first(tok, "dobj")
    if obj is None or obj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    label = _label_of(tok)
    if label is None:
        return None
    labels = [label, *(c for c in label.children if c.dep_ == "conj")]     # "barbaric and cowardly"
    if any(_word_of(t, "any") is not None for t in labels):
        label = next(t for t in labels if _word_of(t, "any") is not None)
        code, how = _code(label), "label"
    elif any(_evaluation(t) <= _NEGATIVE for t in labels):
        label = next(t for t in labels if _evaluation(t) <= _NEGATIVE)
        code, how = "111", "label-criticism"
    else:
        return None
    if obj.pos_ == "PRON":
        if obj.lower_ in _THING_PRONOUNS:
            return None         # "called it a mistake": what "it" is, the parse does not say
        judged_party: tuple[Token | None] | None = (obj,)      # "branded them traitors"
    else:
        judged_party = _judged_party(obj)
    if judged_party is None:
        return None             # "described the situation as dire": no one's doing judged
    target = judged_party[0]
    speaker = R.first(tok, *R.SUBJ)     # its own subject: a borrowed one is often misparsed
    if speaker is None or is_thing(speaker) or speaker.lower_ in R.RELATIVE:
        return None
    mode = "disapprove" if code == "111" else "allege"
    return SpeechAct(_entry("ACCUSE", mode, code, _CHARGE_WEIGHT if how == "label" else _CRITICISM_WEIGHT, tok),
                     speaker, target, label, f"{_RULE}:{how}({label.lower_})")


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


def _negates(tok: Token) -> bool:
    """Whether a word is negated: by its own or its head's "not"/"never" ("is not acceptable",
    "never legitimate")."""
    return any(c.dep_ == "neg" or c.lower_ in _NEGATORS and c.dep_ in ("advmod", "det")
               for t in (tok, tok.head) for c in t.children)


def _evaluation(tok: Token) -> float:
    """A word's valence as the statement uses it: VADER's rating, turned over when negated ("not
    acceptable" is negative, "not illegal" is not), 0 for an event word of the lexicon (those tell
    what happened, they do not judge it) and for names."""
    if tok.pos_ not in ("ADJ", "ADV", "NOUN", "VERB") or tok.ent_type_ or tok.is_stop:
        return 0.0
    lemma = _lemma(tok)
    if lemma in lexicon().words or tok.lower_ in lexicon().words:
        return 0.0
    v = valence().get(tok.lower_, valence().get(lemma, 0.0))
    return -v if _negates(tok) else v


def _act_noun(tok: Token) -> bool:
    """Whether a noun names an act (a noun row of the trigger lexicon: "the arrest", "the
    sanctions"), which someone did."""
    return tok.pos_ == "NOUN" and (_lemma(tok), "N") in lexicon().entries


def _criticism(clause: Token, speaker: Token) -> tuple[Token, Token | None] | None:
    """The negative word and the criticised actor of a statement that judges another actor or its
    act ("said the decision by Washington was irresponsible", "said Russia's conditions are
    unacceptable", "said the arrest sent a chilling message"); None when its negative words are
    not about an actor's doing. The target is the clause's subject when it is an actor, else the
    author ("by", possessor) of the act it names; an act with no author named leaves it empty."""
    subj = R.first(clause, *R.SUBJ, *R.PASS_SUBJ)
    if subj is None or subj.lower_ in R.PERSONAL or subj.pos_ == "PRON":
        return None
    judged = _judgement(clause)
    if judged is None:
        return None
    if _word_of(subj, "any") is not None or R.is_time(subj):
        return None
    judged_party = _judged_party(subj)
    if judged_party is None:
        return None                     # "said the floods were devastating": no one's doing judged
    target = judged_party[0]
    if target is not None and target.lower_ == speaker.lower_:
        return None                     # self-criticism is rare; a misparse is not
    return judged, target


_THING_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "what", "which"})
_COPULAS = frozenset({"be", "remain", "seem", "appear", "become", "look", "sound"})


def _judgement(clause: Token) -> Token | None:
    """The negative word a clause says of its subject: what a copula predicates of it ("was
    irresponsible and dangerous", "is a disgrace", "were not acceptable"), or an active verb of
    which the subject is the doer ("Moscow sabotaged the talks"). A word for what befalls the subject
    ("six people died", "businesses are struggling", "journalists were harassed") or for its feelings
    ("was concerned") blames no one."""
    if R.is_passive(clause):
        return None
    if _lemma(clause) in _COPULAS:
        preds = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    elif clause.pos_ == "ADJ" and any(c.dep_ == "cop" for c in clause.children):
        preds = [clause]
    else:
        return clause if R.first(clause, "dobj") is not None and _evaluation(clause) <= _NEGATIVE else None
    for p in preds:
        for t in [p, *(c for c in p.children if c.dep_ in ("conj", "amod"))]:
            if t.tag_ == "VBN":
                continue        # "was concerned", "were disappointed": the subject's state of mind
            if _evaluation(t) <= _NEGATIVE:
                return t
    return None


def _judged_party(noun: Token) -> tuple[Token | None] | None:
    """Whom a judgement of ``noun`` is about, as a 1-tuple (its one item None when the act's author
    is not named); None when the noun is no one's doing. A name is the party; an act or a thing is
    its author's ("Russia's conditions", "the decision by Washington"); a group noun is the party
    ("the regime"); an act with no author named ("the arrest") judges someone unnamed."""
    if noun.pos_ == "PROPN":
        return (noun,)
    if noun.pos_ != "NOUN":
        return None
    owner = _author(noun)
    if owner is not None:
        return (owner,)
    if _party_noun(noun):
        return (noun,)
    if _act_noun(noun) or _lemma(noun) in lexicon().ctx.get("issuer", frozenset()):
        # an act or a decision, law or statement: its author or issuer, when unnamed, left empty
        return (None,)
    return None


def _party_noun(noun: Token) -> bool:
    """A common noun that names people or a group who act ("the regime", "the militia", "police"),
    not a document or thing that speaks for its issuer ("the decision"): a judgement of it is
    about them."""
    ctx = lexicon().ctx
    lemma = _lemma(noun)
    return (R.agentive(noun) or lemma in people_nouns() or lemma in ctx.get("mil", frozenset())
            or lemma in ctx.get("seat", frozenset()))


def _author(noun: Token) -> Token | None:
    """Who did what a noun names: its possessor or its "by" agent, when that is an actor."""
    for c in noun.children:
        cand = None
        if c.dep_ == "poss" and c.pos_ != "PRON" and c.lower_ not in R.PERSONAL:
            cand = c
        elif c.dep_ == "prep" and c.lower_ == "by":
            cand = R.first(c, "pobj")
        if cand is not None and not is_thing(cand) and not R.is_time(cand) and cand.lower_ not in _time_names():
            return cand
    return None
