"""PLOVER GSR scorer: name mapping, actor comparison, metrics on a tiny hand-made gold file."""
from __future__ import annotations

import json

import pytest

from newsevents.evaluate import plover
from newsevents.model import Actor

GSR = "data/plover-gsr/PLOVER_GSR_CAMEO.json"  # under ../shared


def test_old_names_map_to_plover_2021():
    assert plover.gold_type({"event": "DEMAND"}) == "REQUEST"
    assert plover.gold_type({"event": "DISAPPROVE"}) == "ACCUSE"
    assert plover.gold_type({"event": "FIGHT"}) == "ASSAULT"
    assert plover.gold_type({"event": "INVESTIGATE"}) == "ACCUSE"
    assert plover.gold_type({"event": "PROTEST"}) == "PROTEST"


def test_actor_matching_rules():
    assert plover.actor_matches({"USA"}, "USA", "GOV")
    assert not plover.actor_matches({"USA"}, "RUS", "GOV")
    assert plover.actor_matches({"IGO"}, None, "IGO")
    assert not plover.actor_matches({"IGO"}, None, "GOV")
    # IGO and NGO both mean an international organisation (the gold codes Amnesty IGO)
    assert plover.actor_matches({"IGO"}, None, "NGO")
    assert plover.actor_matches({"IMG"}, None, "REB")
    assert not plover.actor_matches({"IMG"}, None, None)       # nothing coded is no answer
    assert not plover.actor_matches({"IMG"}, "AFG", "REB")
    assert plover._gold_codes([{"code": "VTN"}]) == {"VNM"}
    assert plover._gold_codes([{"code": "JAP"}]) == {"JPN"}
    assert plover._gold_sectors([{"code": "SRB", "sector": "CVLalb"}, {"code": "X", "sector": "LEG"}]) == {"CVL", "GOV"}


def test_macro_f1_counts_missing_predictions_as_misses():
    assert plover.macro_f1([("A", "A"), ("B", "B")]) == 1.0
    assert plover.macro_f1([("A", None), ("B", "B")]) == pytest.approx(0.5)


def test_per_type_scores_count_a_wrong_type_against_both_types():
    scores = plover.per_type_scores([("A", "A"), ("A", "B"), ("B", "B"), ("B", None)])
    assert scores["A"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    assert scores["B"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}


def test_score_with_fake_coder(tmp_path):
    records = [
        {"id": "1", "event": "DOCUMENT"},
        {"id": "2", "event": "FIGHT", "text": "Rebels shelled the town.", "source": [{"code": "SDN", "sector": "REB"}],
         "target": [{"code": "SDN"}]},
        {"id": "3", "event": "DEMAND", "text": "France demanded talks.", "source": [{"code": "FRA"}], "target": ""},
        {"id": "4", "event": "AGREE", "text": "Nothing here.", "source": [{"code": "USA"}]},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records))
    answers = {
        "Rebels shelled the town.": [("ASSAULT", 0.9, Actor("Rebels", country="SDN", sector="REB"), Actor("the town"))],
        "France demanded talks.": [("ACCUSE", 0.4, None, None), ("REQUEST", 0.8, Actor("France", country="FRA"), None)],
    }
    loaded = plover.load_records(str(path))
    assert [r["id"] for r in loaded] == ["2", "3", "4"]
    metrics, rows = plover.score(loaded, lambda text: answers.get(text, []))
    assert metrics["type_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["type_precision"] == 1.0
    assert metrics["coverage"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["source_country_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["target_country_accuracy"] == 0.0
    assert metrics["source_sector_accuracy"] == 1.0
    assert "type_accuracy" in plover.format_table(metrics)


def test_gsr_file_loads(shared):
    records = plover.load_records(str(shared(GSR)))
    assert len(records) == 322
    assert all(plover.gold_type(r) in plover.PLOVER_TYPES for r in records)


def test_a_thing_as_target_is_scored_by_the_events_place():
    from types import SimpleNamespace
    place = SimpleNamespace(text="Jericho", country="PSE")
    event = SimpleNamespace(location=place)
    assert not plover._names_actor(Actor(text="targets"))
    assert plover._names_actor(Actor(text="police", sector="COP"))
    assert plover._place_actor(event).country == "PSE"


def test_coded_share_leaves_out_sentences_without_an_event():
    rows = [{"pred": "ASSAULT", "source_ok": True}, {"pred": None, "source_ok": False},
            {"pred": "AID", "source_ok": False}, {"pred": "AID"}]
    assert plover._coded_share(rows, "source_ok") == 0.5
