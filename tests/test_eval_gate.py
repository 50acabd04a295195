"""Accuracy cannot silently regress: each evaluation must stay at or above its pinned floor.

The repo's own gold sets (counts, status) always run; the shared dev sets run when ../shared/data
is present and skip with a message otherwise.
"""
import json
from importlib import import_module
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
SHARED = Path(__file__).parents[2] / "shared" / "data"
CASES = {name: spec for name, spec in FLOORS.items() if not name.startswith("_")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_evaluation_stays_above_its_floor(name):
    spec = CASES[name]
    module = import_module(f"newsevents.evaluate.{spec.get('module', name)}")
    args = []
    if spec["path"]:
        path = SHARED / spec["path"]
        if not path.exists():
            pytest.skip(f"dev data not present: {path}")
        args.append(str(path))
    metrics = module.run(*args, **spec.get("options", {}))
    low = {key: (metrics[key], floor) for key, floor in spec["floors"].items() if metrics[key] < floor}
    assert not low, f"{name} fell below its floor: {low}"
