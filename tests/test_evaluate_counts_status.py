"""The counts/status evaluations: gold file shape, metric keys, scoring on a tiny gold file."""
import json

import pytest

from newsevents.evaluate import counts as ev_counts
from newsevents.evaluate import status as ev_status
from newsevents.model import COUNT_KINDS, STATUSES


def test_packaged_gold_is_well_formed():
    gold = ev_counts.read_gold()
    assert len(gold) >= 150
    for g in gold:
        for c in g["counts"]:
            assert c["kind"] in COUNT_KINDS and c["trigger"] in g["text"]
            assert c["min"] is None or c["max"] is None or c["min"] <= c["max"]
        for e in g["events"]:
            assert e["status"] in STATUSES and e["trigger"] in g["text"]


@pytest.fixture
def tiny(tmp_path):
    rows = [
        {"text": "Police arrested 40 people.",
         "counts": [{"kind": "detained", "min": 40, "max": 40, "text": "40", "trigger": "arrested",
                     "cumulative": False}],
         "events": [{"trigger": "arrested", "status": "occurred"}]},
        {"text": "The army will deploy 300 soldiers.",
         "counts": [{"kind": "troops", "min": 999, "max": 999, "text": "300", "trigger": "deploy",
                     "cumulative": False}],
         "events": [{"trigger": "deploy", "status": "denied"}]},
    ]
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return str(p)


def test_counts_run_scores(tiny):
    m = ev_counts.run(tiny)     # a scorer error (or a missing model) is a failure, never a skip
    assert set(m) == {"precision", "recall", "attach_accuracy", "per_kind"}
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["attach_accuracy"] == 1.0
    assert m["per_kind"]["troops"]["recall"] == 0.0
    assert "attach accuracy" in ev_counts.format_table(m)


def test_status_run_scores(tiny):
    m = ev_status.run(tiny)
    assert set(m) == {"accuracy", "per_status"}
    assert m["accuracy"] == 0.5
    assert m["per_status"]["denied"] == {"precision": 1.0, "recall": 0.0, "support": 1}
    assert "accuracy" in ev_status.format_table(m)


def test_bad_gold_line_is_named_error(tmp_path):
    from newsevents.errors import InputError

    p = tmp_path / "bad.jsonl"
    p.write_text("{not json\n")
    with pytest.raises(InputError):
        ev_counts.read_gold(str(p))
