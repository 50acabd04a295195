"""WikiEvents scorer: KAIROS mapping, head words, matching on a tiny hand-made article."""
from __future__ import annotations

import json

import pytest

from newsevents.evaluate import wikievents as we

DEV = "data/wikievents-dev/dev.jsonl"  # under ../shared


def event(etype, roles=()):
    return {"event_type": etype, "arguments": [{"role": r} for r in roles]}


def test_kairos_mapping():
    assert we.gold_type(event("Conflict.Attack.DetonateExplode")) == "ASSAULT"
    assert we.gold_type(event("Justice.ArrestJailDetain.Unspecified")) == "COERCE"
    assert we.gold_type(event("Conflict.Demonstrate.Unspecified")) == "PROTEST"
    assert we.gold_type(event("Contact.Contact.Meet")) == "CONSULT"
    assert we.gold_type(event("Contact.Contact.Broadcast")) is None
    assert we.gold_type(event("Life.Die.Unspecified", ["Victim"])) is None
    assert we.gold_type(event("Life.Die.Unspecified", ["Victim", "Killer"])) == "ASSAULT"


def test_comparable_predictions():
    assert we.comparable(we.Predicted("ASSAULT", 0, 1, {}, "190"))
    assert we.comparable(we.Predicted("COERCE", 0, 1, {}, "173"))
    assert not we.comparable(we.Predicted("COERCE", 0, 1, {}, "1723"))
    assert not we.comparable(we.Predicted("AGREE", 0, 1, {}, "030"))


def test_head_word():
    assert we.head_word("the deputy chief of the militia") == "chief"
    assert we.head_word("the IRA's") == "ira"                       # possessive ending
    assert we.head_word("Venezuela’s") == "venezuela"
    assert we.head_word("security forces and assassinations") == "forces"   # first conjunct
    assert we.head_word("Major General Vyacheslav Gladkikh") == "gladkikh"
    assert we.head_word("Police") == "police"
    assert we.head_word("") == ""


def _article(tmp_path):
    text = "Rebels attacked the base . Police arrested two men in Kabul ."
    toks = text.split()
    record = {
        "doc_id": "d1", "tokens": toks, "text": text,
        "sentences": [[[[w, 0, 0] for w in toks[:5]], " ".join(toks[:5])],
                      [[[w, 0, 0] for w in toks[5:]], " ".join(toks[5:])]],
        "entity_mentions": [
            {"id": "d1-T1", "text": "Rebels"}, {"id": "d1-T2", "text": "base"},
            {"id": "d1-T3", "text": "men"}, {"id": "d1-T4", "text": "Kabul"}],
        "event_mentions": [
            {"event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 1, "end": 2},
             "arguments": [{"entity_id": "d1-T1", "role": "Attacker", "text": "Rebels"},
                           {"entity_id": "d1-T2", "role": "Target", "text": "base"}]},
            {"event_type": "Justice.ArrestJailDetain.Unspecified", "trigger": {"start": 6, "end": 7},
             "arguments": [{"entity_id": "d1-T3", "role": "Detainee", "text": "men"}]},
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n")
    return path


def test_offsets_rebuilt_from_sentence_text(tmp_path):
    doc = we.load_docs(str(_article(tmp_path)))[0]
    a, b = doc.token_spans[1]
    assert doc.text[a:b] == "attacked"
    a, b = doc.token_spans[6]
    assert doc.text[a:b] == "arrested"


def test_score_with_fake_predictions(tmp_path, monkeypatch):
    doc = we.load_docs(str(_article(tmp_path)))[0]
    at = doc.text.index("attacked")
    ar = doc.text.index("arrested")
    preds = [we.Predicted("ASSAULT", at, at + 8, {"actor1": "rebels", "actor2": "base"}, "190"),
             we.Predicted("ASSAULT", ar, ar + 8, {"actor2": "men"}, "190"),      # wrong type
             we.Predicted("AGREE", 0, 3, {}, "030")]                             # not comparable
    monkeypatch.setattr(we, "predict", lambda text, engine="auto": preds)
    m = we.score([doc])
    assert m["event_precision"] == 0.5 and m["event_recall"] == 0.5
    # arguments are scored on matched events; the wrong event's argument only in the *_all figure
    assert m["argument_precision"] == 1.0
    assert m["argument_precision_all"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["argument_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert "event_precision" in we.format_table(m)


def test_dev_offsets_line_up(shared):
    docs = we.load_docs(str(shared(DEV)))
    assert len(docs) == 20
    bad = 0
    total = 0
    for d in docs:
        for e in d.events:
            t = e["trigger"]
            a, b = d.token_spans[t["start"]][0], d.token_spans[t["end"] - 1][1]
            total += 1
            bad += d.text[a:b].split()[0].lower() != e["trigger"]["text"].split()[0].lower()
    assert bad / total < 0.02


def test_kairos_cannot_express_boycotts_or_phone_calls():
    assert not we.comparable(we.Predicted("PROTEST", 0, 1, {}, "143"))
    assert we.comparable(we.Predicted("PROTEST", 0, 1, {}, "141"))
    assert not we.comparable(we.Predicted("CONSULT", 0, 1, {}, "041"))
    assert we.comparable(we.Predicted("CONSULT", 0, 1, {}, "042"))
    assert we.gold_type(event("Justice.Sentence.Unspecified")) == "COERCE"


def test_assault_on_agentless_death_is_not_scored_and_errors_listed(tmp_path, monkeypatch):
    doc = we.load_docs(str(_article(tmp_path)))[0]
    doc.events.append({"event_type": "Life.Die.Unspecified", "trigger": {"start": 3, "end": 4},
                       "arguments": [{"entity_id": "d1-T2", "role": "Victim", "text": "base"}]})
    at = doc.text.index("attacked")
    base = doc.text.index("base")
    ar = doc.text.index("arrested")
    preds = [we.Predicted("ASSAULT", at, at + 8, {}, "190"),
             we.Predicted("ASSAULT", base, base + 4, {}, "180"),   # on an agentless death: unscored
             we.Predicted("ASSAULT", ar, ar + 8, {}, "190")]       # wrong type: a false positive
    monkeypatch.setattr(we, "predict", lambda text, engine="auto": preds)
    errors: list = []
    m = we.score([doc], errors=errors)
    assert m["predicted_events"] == 2 and m["event_precision"] == 0.5
    kinds = sorted(e[0] for e in errors)
    assert kinds == ["FP", "MISS"]
    assert "[[arrested]]" in we.format_errors(errors)


def _bombing(tmp_path):
    """One sentence that KAIROS tells as an attack plus a death caused by it."""
    text = "A bomber blew himself up , killing six soldiers , and the blast shook the town ."
    toks = text.split()
    record = {
        "doc_id": "d2", "tokens": toks, "text": text,
        "sentences": [[[[w, 0, 0] for w in toks], text]],
        "entity_mentions": [{"id": "d2-T1", "text": "bomber"}, {"id": "d2-T2", "text": "soldiers"},
                            {"id": "d2-T3", "text": "himself"}],
        "event_mentions": [
            {"event_type": "Conflict.Attack.DetonateExplode", "trigger": {"start": 2, "end": 3},
             "arguments": [{"entity_id": "d2-T1", "role": "Attacker", "text": "bomber"}]},
            {"event_type": "Life.Die.Unspecified", "trigger": {"start": 6, "end": 7},
             "arguments": [{"entity_id": "d2-T2", "role": "Victim", "text": "soldiers"},
                           {"entity_id": "d2-T3", "role": "Killer", "text": "himself"}]},
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n")
    (tmp_path / "coref-dev.jsonlines").write_text(json.dumps({"doc_key": "d2", "clusters": [["d2-T1", "d2-T3"]]}) + "\n")
    return we.load_docs(str(path))[0]


def test_death_told_with_its_attack_is_one_event(tmp_path, monkeypatch):
    doc = _bombing(tmp_path)
    assert [e["event_type"] for e in we.consequences(doc)] == ["Life.Die.Unspecified"]
    blew, kill = doc.text.index("blew"), doc.text.index("killing")
    preds = [we.Predicted("ASSAULT", blew, blew + 4, {"actor1": "bomber"}, "183"),
             we.Predicted("ASSAULT", kill, kill + 7, {}, "180")]
    monkeypatch.setattr(we, "predict", lambda text, engine="auto": preds)
    m = we.score([doc])
    assert m["gold_events"] == 1 and m["event_recall"] == 1.0
    assert m["consequences_unscored"] == 1 and m["event_precision"] == 1.0


def test_repeat_in_same_sentence_sharing_an_actor_is_unscored_but_strict_counts_it(tmp_path, monkeypatch):
    doc = _bombing(tmp_path)
    blew, blast = doc.text.index("blew"), doc.text.index("blast")
    preds = [we.Predicted("ASSAULT", blew, blew + 4, {}, "183"),
             we.Predicted("ASSAULT", blast, blast + 5, {"actor1": "bomber"}, "183")]
    monkeypatch.setattr(we, "predict", lambda text, engine="auto": preds)
    errors: list = []
    m = we.score([doc], errors=errors)
    assert m["repeats_unscored"] == 1 and m["event_precision"] == 1.0
    assert m["event_precision_strict"] == 0.5
    assert [e[0] for e in errors] == ["REP"]
    # without a shared participant it is an ordinary false positive
    preds[1] = we.Predicted("ASSAULT", blast, blast + 5, {"actor1": "town"}, "183")
    m = we.score([doc])
    assert m["repeats_unscored"] == 0 and m["event_precision"] == 0.5


def test_pipeline_prediction_sits_on_the_trigger_offset(monkeypatch):
    from newsevents.model import Event, Evidence
    text = "Attackers fled. Later the attack was condemned and the attack was repeated."
    second = text.rindex("attack")
    ev = Event(type="ASSAULT", cameo="190",
               evidence=Evidence(sentence=text, start=0, end=len(text), trigger="attack", trigger_start=second))
    import newsevents.pipeline as pl
    monkeypatch.setattr(pl, "extract_article", lambda article, settings=None: [ev])
    got = we.predict(text)
    assert [(p.start, p.end) for p in got] == [(second, second + 6)]


def _record(tmp_path, text, mentions, events, clusters=()):
    toks = text.split()
    record = {"doc_id": "d3", "tokens": toks, "text": text, "sentences": [[[[w, 0, 0] for w in toks], text]],
              "entity_mentions": [{"id": f"d3-{m[0]}", "text": m[1], "sent_idx": 0, "start": m[2], "end": m[2] + 1}
                                  for m in mentions],
              "event_mentions": [{"event_type": t, "trigger": {"start": i, "end": i + 1},
                                  "arguments": [{"entity_id": f"d3-{a}", "role": r, "text": x} for a, r, x in args]}
                                 for t, i, args in events]}
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n")
    (tmp_path / "coref-dev.jsonlines").write_text(json.dumps({"doc_key": "d3", "clusters": list(clusters)}) + "\n")
    return we.load_docs(str(path))[0]


def test_several_victims_make_one_unit_and_meeting_participants_fill_either_actor(tmp_path):
    doc = _record(tmp_path, "Gunmen attacked a man and a woman . Putin met Erdogan .",
                  [("T1", "Gunmen", 0), ("T2", "man", 3), ("T3", "woman", 6), ("T4", "Putin", 8), ("T5", "Erdogan", 10)],
                  [("Conflict.Attack.Unspecified", 1, [("T1", "Attacker", "Gunmen"), ("T2", "Target", "man"),
                                                       ("T3", "Target", "woman")]),
                   ("Contact.Contact.Meet", 9, [("T4", "Participant", "Putin"), ("T5", "Participant", "Erdogan")])])
    attack, meet = (we.gold_units(doc, e) for e in doc.events)
    assert len(attack) == 2          # actor1, and one actor2 unit either victim fills
    got = we.match_arguments({"actor2": "woman"}, attack)
    assert got["actor2"] is not None
    assert len(meet) == 2
    got = we.match_arguments({"actor1": "erdogan", "actor2": "putin"}, meet)
    assert all(u is not None for u in got.values())
    # one participant cannot fill both units
    got = we.match_arguments({"actor1": "putin", "actor2": "putin"}, meet)
    assert got["actor1"] is not None and got["actor2"] is None


def test_victims_of_a_death_in_the_attack_sentence_are_its_targets(tmp_path):
    doc = _record(tmp_path, "A bomb exploded , killing six soldiers .",
                  [("T1", "bomb", 1), ("T2", "soldiers", 6)],
                  [("Conflict.Attack.DetonateExplode", 2, [("T1", "ExplosiveDevice", "bomb")]),
                   ("Life.Die.Unspecified", 4, [("T2", "Victim", "soldiers")])])
    units = we.gold_units(doc, doc.events[0])
    assert [sorted(u.slots) for u in units] == [["actor2"]]
    assert we.match_arguments({"actor2": "soldiers"}, units)["actor2"] is not None


def test_relative_pronoun_stands_for_its_noun(tmp_path):
    doc = _record(tmp_path, "civilians who protested were jailed",
                  [("T1", "civilians", 0), ("T2", "who", 1)],
                  [("Conflict.Demonstrate.Unspecified", 2, [("T2", "Demonstrator", "who")])])
    assert "civilians" in doc.heads["d3-T2"]


def test_article_default_location_is_scored_only_where_the_gold_names_a_place(tmp_path, monkeypatch):
    doc = _record(tmp_path, "Rebels attacked the town . Police arrested him in Kabul .",
                  [("T1", "Rebels", 0), ("T2", "him", 7), ("T3", "Kabul", 9)],
                  [("Conflict.Attack.Unspecified", 1, [("T1", "Attacker", "Rebels")]),
                   ("Justice.ArrestJailDetain.Unspecified", 6, [("T2", "Detainee", "him"), ("T3", "Place", "Kabul")])])
    at, ar = doc.text.index("attacked"), doc.text.index("arrested")
    default = frozenset({"location"})
    preds = [we.Predicted("ASSAULT", at, at + 8, {"actor1": "rebels", "location": "syria"}, "190", {}, default),
             we.Predicted("COERCE", ar, ar + 8, {"actor2": "him", "location": "syria"}, "173", {}, default)]
    monkeypatch.setattr(we, "predict", lambda text, engine="auto": preds)
    m = we.score([doc])
    assert m["default_locations_unscored"] == 1
    assert m["argument_precision"] == pytest.approx(2 / 3, abs=1e-3)   # the arrest's default is wrong
    assert m["argument_recall"] == pytest.approx(2 / 3, abs=1e-3)


def test_arg_errors_list_wrong_and_missed_arguments(tmp_path, monkeypatch):
    doc = _record(tmp_path, "Rebels attacked the town .", [("T1", "Rebels", 0), ("T2", "town", 3)],
                  [("Conflict.Attack.Unspecified", 1, [("T1", "Attacker", "Rebels"), ("T2", "Target", "town")])])
    at = doc.text.index("attacked")
    preds = [we.Predicted("ASSAULT", at, at + 8, {"actor1": "town"}, "190", {"actor1": "the town"})]
    monkeypatch.setattr(we, "predict", lambda text, engine="auto": preds)
    arg_errors: list = []
    we.score([doc], arg_errors=arg_errors)
    out = we.format_arg_errors(arg_errors)
    assert "BAD actor1   'the town'" in out and "MISS actor1" in out and "MISS actor2" in out
