"""Evaluate the relevance judgement on the hand-labelled article-extraction dev pages:
`newsevents evaluate relevance [FOLDER]`.

The labels (gold/relevance_pages.jsonl: page id, url, "news" or "other", a reason) are packaged;
the pages are not (publishers' content): FOLDER is a copy of the article-extraction benchmark's dev
pages with html/PAGE_ID.html, by default ../shared/data/article-extraction-dev from the repository
root. Reports precision, recall and F1 of "news" over the pages that ingest keeps (English, with
text), and the events per page of each label with the relevance gate (default settings) and
without it (``--all-text``), since the point of the gate is fewer events from pages that are not news.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError

DEFAULT_PAGES = Path("..") / "shared" / "data" / "article-extraction-dev"
GOLD = "relevance_pages.jsonl"


def read_labels() -> list[dict[str, str]]:
    text = (resources.files("newsevents.evaluate") / "gold" / GOLD).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def run(path: str | None = None, limit: int | None = None, events: bool = True, **_: Any) -> dict[str, Any]:
    """Metrics of the relevance judgement (and of the events it lets through) on the labelled pages.

    Raises:
        InputError: the folder of pages is missing (it is not part of the package).
    """
    from ..config import Settings
    from ..ingest import read_inputs
    from ..model import Article
    from ..pipeline import extract_articles

    folder = Path(path) if path else DEFAULT_PAGES
    if not (folder / "html").is_dir():
        raise InputError(f"no pages at {folder}/html: the relevance labels score the article-extraction "
                         "dev pages, which are not packaged; run from the repository root with "
                         "../shared/data present, or give the folder")
    settings = Settings()
    all_text = settings.with_(min_relevance=0.0, min_sentence_relevance=0.0, min_relevance_without_public_actor=0.0)
    labels = read_labels()[:limit] if limit else read_labels()
    rows = []
    for page in labels:
        item = next(iter(read_inputs([str(folder / "html" / f"{page['id']}.html")], settings)), None)
        row = {"id": page["id"], "label": page["label"], "relevance": None, "events": 0, "events_all_text": 0}
        if isinstance(item, Article):
            if events:
                row["events_all_text"] = len(extract_articles([item], all_text)[0])
                row["events"] = len(extract_articles([item], settings)[0])
            else:
                from ..relevance import judge
                judge(item, settings.min_relevance)
            row["relevance"] = item.relevance
            row["predicted"] = item.relevance_label
        rows.append(row)
    scored = [r for r in rows if r["relevance"] is not None]
    tp = sum(1 for r in scored if r["label"] == "news" and r["predicted"] == "news")
    fp = sum(1 for r in scored if r["label"] != "news" and r["predicted"] == "news")
    fn = sum(1 for r in scored if r["label"] == "news" and r["predicted"] != "news")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    metrics: dict[str, Any] = {
        "pages": len(rows), "pages_scored": len(scored), "threshold": settings.min_relevance,
        "news_precision": p, "news_recall": r, "news_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "news_pages": sum(1 for x in rows if x["label"] == "news"),
        "other_pages": sum(1 for x in rows if x["label"] == "other"),
    }
    if events:
        for label in ("news", "other"):
            group = [x for x in rows if x["label"] == label]
            for key, name in (("events", "events"), ("events_all_text", "events_all_text")):
                total = sum(x[key] for x in group)
                metrics[f"{label}_{name}"] = total
                metrics[f"{label}_{name}_per_page"] = total / len(group) if group else 0.0
        # the gate's effect as shares where higher is better (the form the evaluation floors take)
        metrics["news_events_kept"] = metrics["news_events"] / max(1, metrics["news_events_all_text"])
        metrics["other_events_removed"] = 1 - metrics["other_events"] / max(1, metrics["other_events_all_text"])
    return metrics


def format_table(metrics: dict[str, Any]) -> str:
    from . import metrics_table
    return metrics_table(metrics, ["pages", "pages_scored", "threshold", "news_precision", "news_recall",
                                   "news_f1", "news_pages", "news_events", "news_events_all_text",
                                   "news_events_per_page", "other_pages", "other_events",
                                   "other_events_all_text", "other_events_per_page",
                                   "other_events_all_text_per_page", "news_events_kept",
                                   "other_events_removed"])
