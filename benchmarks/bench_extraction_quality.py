"""Main-text extraction: speed and 4-word-shingle F1 of newsevents.ingest.html on a gold set.

Usage:
    PYTHONPATH=src python benchmarks/bench_extraction_quality.py [DIR]

DIR holds html/*.html and ground-truth.json ({page_id: {"articleBody", "url"}}), as in the
scrapinghub article-extraction-benchmark; default ../shared/data/article-extraction-dev (from the
repository root).
Scoring follows that benchmark: precision and recall of 4-word shingles, averaged over pages
(a page with no extracted text scores 0).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

DEFAULT = "../shared/data/article-extraction-dev"


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0))}


def score(found: str, truth: str) -> tuple[float, float, float]:
    a, b = shingles(found), shingles(truth)
    if not a and not b:
        return 1.0, 1.0, 1.0
    if not a or not b:
        return 0.0, 0.0, 0.0
    tp = len(a & b)
    p, r = tp / len(a), tp / len(b)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(path: str = DEFAULT, clean: bool = True) -> dict:
    """Extract every page with the ingest HTML path; return speed and mean P/R/F1."""
    from newsevents.ingest import decode
    from newsevents.ingest.html import extract_html

    root = Path(path)
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    pages = [(p.stem, p.read_bytes()) for p in sorted((root / "html").glob("*.html"))]
    results = []
    start = time.perf_counter()
    for page_id, data in pages:
        page = extract_html(decode(data, html=True), truth[page_id].get("url"))
        text = "" if page is None else (page.text if clean else page.text + "\n" + "\n".join(page.dropped))
        results.append(score(text, truth[page_id]["articleBody"]))
    seconds = time.perf_counter() - start
    n = len(results)
    return {
        "pages": n,
        "pages_per_s": round(n / seconds, 1),
        "precision": round(sum(r[0] for r in results) / n, 4),
        "recall": round(sum(r[1] for r in results) / n, 4),
        "f1": round(sum(r[2] for r in results) / n, 4),
    }


def format_table(metrics: dict) -> str:
    """The metrics as a two-column table."""
    width = max(len(k) for k in metrics)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in metrics.items())


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    print("ingest.html (trafilatura + line cleaning)")
    print(format_table(run(target)))
    print("\ntrafilatura text only (same options, no line cleaning)")
    print(format_table(run(target, clean=False)))
