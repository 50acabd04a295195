"""Mutation score per rule module, from mutmut's results (README, "Mutation testing").

    # every mutant of one module (slow: thousands of mutants on a shared 2-core machine)
    nice -n 15 mutmut run --max-children 1 "newsevents.extraction.counts*"
    # or a seeded random sample of each module's mutants (what the README's figures use)
    nice -n 15 mutmut run --max-children 1 $(python benchmarks/mutation_score.py counts --sample 120 --names)
    python benchmarks/mutation_score.py --sample 120    # the score table over the same sample
    python benchmarks/mutation_score.py                 # ... over every mutant run so far
    python benchmarks/mutation_score.py --survivors     # each surviving mutant's name (mutmut show NAME)
    # after adding tests to files already selected, run again only the sample's mutants not caught
    # (a caught mutant stays caught when tests are only added; mutmut keeps the other results, but
    # forgets them all when [tool.mutmut] changes)
    nice -n 15 mutmut run --max-children 1 $(python benchmarks/mutation_score.py counts --sample 120 --names --survivors)

Run from the repository root with no PYTHONPATH set: mutmut puts its mutated copy (mutants/src)
first on the path. A mutant counts as killed when a test failed or timed out; "no tests" (no selected
test reaches the function) counts against the score. The sample is drawn from the mutants mutmut
generated (mutants/**/*.meta), seeded, so the same command draws the same mutants while the source
does not change.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

# The rule modules of issue 16 and the mutant-name prefix of each (dates is one group of six files,
# store one of three: the store, its mentions and its reads).
MODULES = {
    "dates": "newsevents.resolve.dates",
    "text": "newsevents.ingest.text.",
    "counts": "newsevents.extraction.counts.",
    "status": "newsevents.extraction.status.",
    "store": ("newsevents.store.", "newsevents.store_mentions.", "newsevents.store_read."),
    "actors": "newsevents.resolve.actors.",
}
# A mutant is caught when a test failed on it, or it ran past its CPU limit (an endless loop);
# mutmut's own names for its exit codes decide which is which.
CAUGHT = {"killed", "timeout"}


def results(root: Path = Path("mutants")) -> dict[str, int | None]:
    """Mutant name -> mutmut's exit code (None: not run yet), over every generated mutant."""
    out: dict[str, int | None] = {}
    for meta in root.glob("src/**/*.py.meta"):
        out.update(json.loads(meta.read_text())["exit_code_by_key"])
    return out


def module_of(name: str) -> str | None:
    return next((module for module, prefix in MODULES.items() if name.startswith(prefix)), None)


def sample(names: list[str], module: str, size: int, seed: int) -> list[str]:
    pool = sorted(n for n in names if module_of(n) == module)
    return sorted(random.Random(seed).sample(pool, min(size, len(pool))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), help=", ".join(MODULES))
    parser.add_argument("--sample", type=int, help="only a seeded random sample of this many mutants per module")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--names", action="store_true",
                        help="print the mutant names (for mutmut run); with --survivors, only those not caught")
    parser.add_argument("--survivors", action="store_true", help="list the mutants that survived")
    args = parser.parse_args()
    from mutmut.stats import status_by_exit_code

    codes = results()
    if args.sample:
        chosen = {n for m in args.modules for n in sample(list(codes), m, args.sample, args.seed)}
        codes = {n: c for n, c in codes.items() if n in chosen}
    if args.names:
        names = sorted(n for n in codes if module_of(n) in args.modules)
        if args.survivors:   # not run yet, or run and not caught
            names = [n for n in names if codes[n] is None or status_by_exit_code[codes[n]] not in CAUGHT]
        print(" ".join(names))
        return
    print(f"{'module':<8}{'run':>6}{'killed':>8}{'timeout':>9}{'survived':>10}{'no tests':>10}{'score':>8}"
          f"{'mutants':>9}")
    for module in args.modules:
        run = {n: status_by_exit_code[c] for n, c in codes.items() if module_of(n) == module and c is not None}
        tally = Counter(run.values())
        score = sum(tally[s] for s in CAUGHT) / len(run) if run else 0.0
        total = sum(1 for n in codes if module_of(n) == module)
        print(f"{module:<8}{len(run):>6}{tally['killed']:>8}{tally['timeout']:>9}{tally['survived']:>10}"
              f"{tally['no tests']:>10}{score:>8.1%}{total:>9}")
        if args.survivors:
            for name in sorted(n for n, status in run.items() if status not in CAUGHT):
                print(f"    {name}  ({run[name]})")


if __name__ == "__main__":
    main()
