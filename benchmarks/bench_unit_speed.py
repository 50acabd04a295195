"""Speed of the cheap per-item steps whose cost the unit tests used to assert (under load those
asserts failed for no fault of the code; the tests now check behaviour only, and this reports time).

    PYTHONPATH=src python benchmarks/bench_unit_speed.py [--repeat 2000]

Prints, with the budget each step was written for:
  - rejecting a 50 MB input by its size, without reading it      (budget 0.5 s)
  - resolving one actor phrase with an article's resolver          (budget 0.5 ms per phrase)
  - one gazetteer candidates() lookup                               (budget 1 ms per lookup)
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.resolve.actors import ActorResolver
from newsevents.resolve.gazetteer import load_gazetteer

ARTICLE = ("ALMATY - Kazakhstan's President Kassym-Jomart Tokayev said on Friday that Russian-led "
           "forces would leave within days. Police in Almaty detained hundreds of protesters.")


def timed(label: str, budget: float, unit: str, seconds: float) -> None:
    verdict = "ok" if seconds <= budget else "OVER BUDGET"
    print(f"{label:<45} {seconds * (1e3 if unit == 'ms' else 1):9.3f} {unit}  "
          f"(budget {budget * (1e3 if unit == 'ms' else 1):g} {unit}) {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.html"
        with open(big, "wb") as fh:       # sparse: cheap to make, slow to read if we did
            fh.seek(50_000_000)
            fh.write(b"<p>end</p>")
        start = time.perf_counter()
        list(read_inputs([str(big)], Settings()))
        timed("reject a 50 MB input by size", 0.5, "s", time.perf_counter() - start)

    resolver = ActorResolver(ARTICLE)
    start = time.perf_counter()
    for i in range(args.repeat):
        resolver.resolve_text(f"Kazakh security forces {i}")
    timed("resolve one actor phrase", 0.0005, "ms", (time.perf_counter() - start) / args.repeat)

    gazetteer = load_gazetteer()
    start = time.perf_counter()
    for _ in range(args.repeat):
        gazetteer.candidates("Springfield")
    timed("one gazetteer lookup", 0.001, "ms", (time.perf_counter() - start) / args.repeat)


if __name__ == "__main__":
    main()
