"""Accuracy cannot silently regress: each evaluation must stay at or above its pinned floors.

Every floor lives in tests/eval_floors.json (its "_how" says how to move one). A floor's key names
a figure of the evaluation's metrics, with dots into nested per-class figures
("per_status.claimed.recall"). The repo's own gold sets always run; the shared dev sets are read
from ../shared/data beside the repository: absent, their gate skips on a developer's machine and
fails under CI (CI=true). A scorer that raises fails the gate: it is never a skip.
"""
import json
import warnings
from importlib import import_module
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
CASES = {name: spec for name, spec in FLOORS.items() if not name.startswith("_")}
# A figure this far above its floor means the floor was not raised with it (see "_how").
SLACK = 0.02


class FloorSlack(UserWarning):
    """A figure rose more than SLACK above its floor: raise the floor in tests/eval_floors.json."""


def figure(metrics: dict, key: str) -> float:
    value = metrics
    for part in key.split("."):
        assert isinstance(value, dict) and part in value, f"the scorer gives no figure {key!r}"
        value = value[part]
    assert isinstance(value, (int, float)), f"{key!r} is {value!r}, not a number"
    return value


def test_every_floor_is_a_number_between_0_and_1():
    assert CASES
    for name, spec in CASES.items():
        assert spec["floors"], name
        for key, floor in spec["floors"].items():
            assert isinstance(floor, (int, float)) and 0 < floor <= 1, (name, key, floor)


def test_figure_reads_nested_keys_and_refuses_missing_ones():
    metrics = {"accuracy": 0.9, "per_status": {"denied": {"recall": 0.5}}}
    assert figure(metrics, "per_status.denied.recall") == 0.5
    with pytest.raises(AssertionError, match="no figure"):
        figure(metrics, "per_status.planned.recall")


@pytest.mark.parametrize("name", sorted(CASES))
def test_evaluation_stays_above_its_floor(name, shared):
    spec = CASES[name]
    module = import_module(f"newsevents.evaluate.{spec.get('module', name)}")
    args = [str(shared(f"data/{spec['path']}"))] if spec["path"] else []
    metrics = module.run(*args, **spec.get("options", {}))
    figures = {key: figure(metrics, key) for key in spec["floors"]}
    low = {key: (figures[key], floor) for key, floor in spec["floors"].items() if figures[key] < floor}
    assert not low, f"{name} fell below its floor (figure, floor): {low}"
    slack = {key: (figures[key], floor) for key, floor in spec["floors"].items()
             if figures[key] - floor > SLACK + 1e-9}
    if slack:
        warnings.warn(FloorSlack(f"{name}: raise these floors (figure, floor): {slack}"))
