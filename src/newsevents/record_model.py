"""How likely an assembled record is a real event: a small trained model over what the coder knows.

The lexicon's weight says how reliable a trigger word is; it knows nothing of the rest of the
record. Hand audits of real news show that many records are no event at all (quotes of opinion,
things in actor slots, talk about events rather than events), and that the signs are spread over
the whole record: which rule fired, whether the actors resolved to a country or a sector, whether
the trigger sits in a quotation or in reported speech, whether the clause has its own date or
place, and how the clause holds the trigger (``clause_signs``: a modal or a condition over it, the
verb or adjective governing it, its dependency role, a habitual adverb, a pronoun or generic
subject, a noun trigger's determiner, negation, how many records the sentence gives). A logistic
regression over those features, trained on the hand-coded VOA stories of the
``read`` split (public domain; `newsevents evaluate news` scores the ``unread`` split it never
saw), turns them into ``Event.confidence``: the probability that the record is a real event.

The weights are data (``codebooks/data/record_model.json``), scored here in pure Python; the
training script (``python -m newsevents.training.record_model``) rebuilds them deterministically
and writes their scores next to them.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from .codebooks import load_json, plover_types
from .extraction.lexicon import lexicon
from .extraction.status import status_cues
from .model import Event

MODEL_FILE = "record_model.json"
_QUOTES = re.compile(r"[\u201c\"][^\u201d\"]{3,}?[\u201d\"]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations in a text."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def rule_kind(rule: str) -> str:
    """What kind of coder rule made the mention: the verb dictionary floor, a frame (a verb
    folded into another: "urged X to"), a communication with "must", or a plain clause."""
    if rule.startswith("CAMEO.2.0"):
        return "floor"
    if "frame:" in rule or "@" in rule:
        return "frame"
    return "clause"


# dependency roles of a trigger kept as themselves; the rest are "other" (few records each)
_ROLES = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "pobj", "dobj",
                    "nsubj", "nsubjpass", "compound", "amod", "attr", "appos"})
_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ", "VBP", "VB", "NN", "NNS"})
_SUBJECTS = ("nsubj", "nsubjpass")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_CLIMB = 3      # heads above the trigger read for what governs it ("said it was unlikely to agree")


def _governors(trigger: Token) -> list[Token]:
    """The heads above the trigger, nearest first, up to the sentence root."""
    out, tok = [], trigger
    while tok.head.i != tok.i and len(out) < _CLIMB:
        tok = tok.head
        out.append(tok)
    return out


def _subject_sign(tok: Token | None) -> str:
    """What kind of subject a clause has: none, a pronoun, a name, a generic plural, a common noun."""
    if tok is None:
        return "subj=none"
    if tok.pos_ == "PRON":
        return "subj=pron"
    if tok.pos_ == "PROPN" or tok.ent_type_:
        return "subj=name"
    if tok.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return "subj=generic"
    return "subj=noun"


_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "attr", "conj", "compound", "appos"})


def _carrier(trigger: Token) -> Token:
    """The verb whose tense tells the event's time: the trigger, or the verb an event noun hangs on."""
    tok = trigger
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ in _NOUN_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _tense(verb: Token) -> str:
    """The tense and aspect of a clause from its verb and auxiliaries: news tells a deed in the
    past; the simple present states a position or a habit, the perfect a background."""
    if verb.pos_ not in ("VERB", "AUX"):
        return "none"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if any(a.tag_ == "MD" for a in aux):
        return "modal"
    if words & {"had", "'d"}:
        return "past_perfect"
    if words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN" or "been" in words:
        return "perfect"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'s", "was", "were"}:
        return "progressive"
    if verb.tag_ == "VBD" or words & {"was", "were", "did"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "do", "does"}:
        return "present"
    return "nonfinite"


def _time_reference(trigger: Token, cues) -> bool:
    """Whether the event sits in a clause or phrase that only dates another ("the day after the 40
    were deported", "following the withdrawal of three states"; ``timeref`` cues): the coding guide
    codes no past clause used as a time reference."""
    tok = trigger
    for _ in range(3):
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and ("timeref", c.lower_) in cues for c in tok.children):
            return True
        if tok.dep_ in ("pobj", "pcomp") and ("timeref", tok.head.lower_) in cues:
            return True
        if tok.head.i == tok.i or tok.dep_ not in ("conj", "compound", "pobj", "pcomp"):
            return False
        tok = tok.head
    return False


def clause_signs(trigger: Token, sent: Span, records_in_sentence: int) -> list[str]:
    """Binary signs of how the sentence holds a trigger, for the record model.

    Word classes come from the status rules' cues (status_cues.tsv) and the lexicon's word sets
    (triggers.tsv: habitual); the rest is the parse. No sign names a word, so nothing memorises
    the training stories."""
    cues, habitual = status_cues(), lexicon().ctx.get("habitual", frozenset())
    above = _governors(trigger)
    signs = {f"dep={trigger.dep_ if trigger.dep_ in _ROLES else 'other'}",
             f"tag={trigger.tag_ if trigger.tag_ in _TAGS else 'other'}",
             f"sent_records={min(records_in_sentence, 3)}"}
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        signs.add(f"pobj_of={'noun' if trigger.head.head.pos_ in ('NOUN', 'PROPN') else 'verb'}")
    if trigger.pos_ == "NOUN":
        dets = [c.lower_ for c in trigger.children if c.dep_ in ("det", "poss")]
        signs.add("noun_det=" + ("none" if not dets else "def" if dets[0] in _DEFINITE
                                 else "poss" if any(c.dep_ == "poss" for c in trigger.children) else "other"))
    for i, tok in enumerate([trigger, *above]):
        where = "own" if i == 0 else "above"
        for child in tok.children:
            word = child.lower_
            if child.tag_ == "MD":
                signs.add(f"modal_{where}={cues.get(('aux', word), 'other')}")
            elif child.dep_ == "neg":
                signs.add(f"neg_{where}")
            elif child.dep_ == "mark":
                signs.add(f"mark_{where}={cues.get(('mark', word), 'other')}")
            elif child.dep_ == "advmod" and word in habitual:
                signs.add("habitual")
            elif child.dep_ == "auxpass" and i == 0:
                signs.add("passive")
            elif child.dep_ == "advcl":
                # a clause hung on it with a conditional mark: "if a deal is reached, troops will withdraw"
                marks = {cues.get(("mark", m.lower_)) for m in child.children if m.dep_ == "mark"}
                if "hypothetical" in marks:
                    signs.add(f"condition_{where}")
        if i > 0:
            governs = cues.get(("govern", tok.lemma_.lower()))
            if governs:
                signs.add(f"govern={governs}")
            elif cues.get(("report", tok.lemma_.lower())):
                signs.add("governed_by_report")
    signs.add(f"tense={_tense(_carrier(trigger))}")
    if _time_reference(trigger, cues):
        signs.add("time_reference")
    if trigger.pos_ == "NOUN" and trigger.dep_ in _SUBJECTS and any(
            c.dep_ in ("acomp", "attr", "oprd") for c in trigger.head.children):
        signs.add("judged_noun")     # "the killing of demonstrators is unacceptable": said of it, not told
    # the clause's subject: the trigger's own, else the nearest above ("is unlikely to agree")
    subject = next((c for tok in [trigger, *above] for c in tok.children if c.dep_ in _SUBJECTS), None)
    signs.add(_subject_sign(subject))
    if sent.text.rstrip().endswith("?"):
        signs.add("question")
    return sorted(signs)


def record_features(event: Event, rule: str, lexicon_weight: float,
                    quotes: list[tuple[int, int]], text_length: int,
                    signs: list[str] | tuple[str, ...] = ()) -> dict[str, float]:
    """The features of one assembled record (before its confidence is set). ``rule`` is the coder's
    rule for the mention (as in the record's explain line "type T: RULE"); a lexicon noun entry
    ("attack/N#456") marks a noun trigger; ``signs`` are the clause's (``clause_signs``)."""
    pos = "N" if "/N#" in rule.split(" ")[0] else "V"
    f: dict[str, float] = {f"type={event.type}": 1.0, f"status={event.status}": 1.0,
                           f"rule={rule_kind(rule)}": 1.0, f"pos={pos}": 1.0,
                           "lexicon_weight": lexicon_weight}
    f.update((sign, 1.0) for sign in signs)
    if "tense=present" in signs and plover_types().get(event.type, {}).get("verbal", False):
        f["present_verbal"] = 1.0       # "the group opposes", "both reject the claims": a standing position

    for slot, actor in (("a1", event.actor1), ("a2", event.actor2)):
        if actor is None:
            f[f"{slot}=none"] = 1.0
            continue
        f[f"{slot}=some"] = 1.0
        f[f"{slot}_country"] = float(bool(actor.country))
        # named or placed: the model was trained when an unnamed group took its country's name
        f[f"{slot}_named"] = float(bool(actor.name or actor.country))
        f[f"{slot}_sector={actor.sector}"] = 1.0
    at = event.evidence.trigger_start if event.evidence and event.evidence.trigger_start is not None else -1
    f["in_quote"] = float(any(a <= at < b for a, b in quotes))
    f["attributed"] = float(event.attribution is not None)
    speaker = event.attribution.actor if event.attribution else None
    if speaker is not None:
        # a party to the event speaking for itself, or someone else (an official of a third
        # country, a group, a witness) reporting it
        party = any(a is not None and ((a.country and a.country == speaker.country and a.sector == speaker.sector)
                                       or a.text == speaker.text) for a in (event.actor1, event.actor2))
        f["speaker=party" if party else f"speaker_sector={speaker.sector}"] = 1.0
    f["own_date"] = float(bool(event.date_text))
    f["own_place"] = float(event.location is not None)
    f["position"] = (event.evidence.start / text_length) if event.evidence and text_length else 0.0
    return f


SIGNS_PREFIX = "signs: "


def signs_of(event: Event) -> list[str]:
    """The clause signs a record was judged on, read back from its confidence explain line."""
    line = next((l for l in event.explain if l.startswith("confidence ") and SIGNS_PREFIX in l), "")
    return line.split(SIGNS_PREFIX, 1)[1].rstrip(")").split(", ") if line else []


def lexicon_weight_of(event: Event) -> float:
    """The trigger lexicon's weight of a record, read back from its confidence explain line."""
    line = next((l for l in event.explain if l.startswith("confidence ") and "lexicon weight " in l), "")
    return float(re.search(r"lexicon weight ([0-9.]+)", line).group(1)) if line else event.confidence


def rule_of(event: Event) -> str:
    """The coder's rule for a record, read back from its explain line "type T: RULE"."""
    prefix = f"type {event.type}: "
    return next((line[len(prefix):] for line in event.explain if line.startswith(prefix)), "")


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    return load_json(MODEL_FILE)


def real_probability(features: dict[str, float]) -> float:
    """P(the record is a real event) under the shipped model."""
    model = _model()
    weights = model["weights"]
    z = model["intercept"] + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-z))
