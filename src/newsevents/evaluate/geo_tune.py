"""Does the toponym resolver generalise? Ablation and tuning of its weights on one part of a
corpus, scored on parts it never saw (issue 11).

``ablate`` sets each weight of codebooks/data/geo_resolver_weights.json to zero in turn and
gives acc@161 on each corpus part: a weight that moves one corpus only is fitted to it, one that
moves nothing is a weight to drop. ``tune`` is coordinate ascent over the weights on the tuning
part of ONE corpus (halving, raising by half or zeroing a weight, kept only when acc@161 rises by
``min_gain``); the tuned weights are then scored on that corpus's held-out part and on the other
corpus, untouched: the cross-corpus figures. Nothing here changes the data file; a tuned value
is copied there by hand, with its reason, only when it holds on the parts it was not tuned on.

    python -m newsevents.evaluate.geo_tune ../shared/data/geo-lgl/lgl.xml ../shared/data/geo-lgl/GeoVirus.xml
"""
from __future__ import annotations

import argparse
import json
import sys

from ..codebooks import load_json
from ..resolve.places import resolver_weights
from .geo import SPLITS, score

# Thresholds and scales are not scores: tuning them moves where a rule starts, not how much
# evidence counts; the data file marks them ("tuned": false) and they are left out of the search.
_NOT_TUNED = frozenset(name for name, spec in load_json("geo_resolver_weights.json")["weights"].items()
                       if spec.get("tuned", True) is False)


def accuracy(path: str, split: str, weights: dict[str, float] | None = None) -> float:
    """acc@161 with gold toponyms on one part ("tune", "held" or "all") of a corpus."""
    return score(path, gold_toponyms=True, split=split, weights=weights)[0]["acc_161"]


def parts(paths: list[str], weights: dict[str, float] | None = None) -> dict[str, float]:
    """acc@161 on every part of every corpus: {"lgl.xml:tune": .., "lgl.xml:held": ..}."""
    out = {}
    for path in paths:
        m = score(path, gold_toponyms=True, weights=weights)[0]
        name = path.rsplit("/", 1)[-1]
        out.update({f"{name}:{p}": m["splits"][p]["acc_161"] for p in SPLITS})
    return out


def ablate(paths: list[str]) -> dict[str, dict[str, float]]:
    """Each score weight set to zero: the change of acc@161 on every corpus part."""
    base = parts(paths)
    out = {"baseline": base}
    for name in resolver_weights():
        if name in _NOT_TUNED:
            continue
        got = parts(paths, {name: 0.0})
        out[name] = {k: round(got[k] - base[k], 4) for k in base}
    return out


def tune(path: str, rounds: int = 1, min_gain: float = 0.002) -> dict[str, float]:
    """Coordinate ascent on the tuning part of ``path``: the weights that changed, new values."""
    current: dict[str, float] = {}
    best = accuracy(path, "tune")
    for _ in range(rounds):
        improved = False
        for name, value in resolver_weights().items():
            if name in _NOT_TUNED:
                continue
            base = current.get(name, value)
            for trial in (base * 0.5, base * 1.5, 0.0):
                acc = accuracy(path, "tune", {**current, name: trial})
                if acc >= best + min_gain:
                    best, current[name], improved = acc, trial, True
                    break
        if not improved:
            break
    return current


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Ablate the resolver's weights, or tune them on one corpus's "
                                             "tuning part and score the held-out part and the other corpus.")
    ap.add_argument("paths", nargs="+", help="LGL / GeoVirus style XML files")
    ap.add_argument("--ablate", action="store_true", help="zero each weight in turn")
    ap.add_argument("--min-gain", type=float, default=0.002,
                    help="keep a change only when acc@161 on the tuning part rises this much")
    args = ap.parse_args(argv)
    if args.ablate:
        print(json.dumps(ablate(args.paths), indent=1))
        return 0
    report = {"data file": parts(args.paths)}
    for path in args.paths:
        tuned = tune(path, min_gain=args.min_gain)
        report[f"tuned on {path.rsplit('/', 1)[-1]}:tune"] = {"weights": tuned, **parts(args.paths, tuned)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
