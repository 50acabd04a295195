"""The single-process runner, and the ingest summary every runner returns."""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from ..config import Settings
from ..ingest import read_inputs
from ..model import Article, Skip
from ..pipeline import extract_articles, parse_batches
from ..store import Store
from . import register


@dataclass
class IngestSummary:
    """What an ingest run did with every input it was given."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    skipped: list[Skip] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = self.read / self.seconds if self.seconds else 0.0
        out = [f"read {self.read} inputs in {self.seconds:.1f}s ({rate:.1f}/s): stored {self.stored}, "
               f"already stored {self.already_stored}, skipped {len(self.skipped)}, events written {self.events}"]
        reasons = Counter(s.reason.split(":")[0] for s in self.skipped)
        for reason, n in reasons.most_common():
            out.append(f"  skipped {n}: {reason}")
        for skip in self.skipped[:20]:
            out.append(f"  skip {skip.origin}: {skip.reason}")
        if len(self.skipped) > 20:
            out.append(f"  ... and {len(self.skipped) - 20} more skips (table `skips` in the database)")
        return out


def unstored_inputs(paths: list[str], store: Store, settings: Settings, published: str | None,
                    url: str | None) -> Iterator[Article | Skip | str]:
    """Inputs to work on; origins stored by an earlier run come back as their origin string."""
    done = store.stored_origins()
    for item in read_inputs(paths, settings, published=published, url=url):
        origin = item.origin
        if origin in done:
            yield origin or ""
        else:
            yield item


def record(store: Store, summary: IngestSummary, item: Article | Skip | str, events: list | None) -> None:
    """Account for one input's outcome and store it."""
    summary.read += 1
    if isinstance(item, str):
        summary.already_stored += 1
    elif isinstance(item, Skip):
        summary.skipped.append(item)
        store.record_skip(item.origin, item.reason)
    else:
        if store.has_article(item.id):
            summary.already_stored += 1
            return
        summary.events += store.insert_article(item, events or [])
        summary.stored += 1


@register("local")
def ingest_local(paths: list[str], store: Store, settings: Settings, published: str | None = None,
                 url: str | None = None, progress: bool | None = None, batch: int = 16,
                 **_: object) -> IngestSummary:
    """Ingest in this process: read, code in batches, store."""
    summary = IngestSummary()
    started = time.perf_counter()
    bar = progress_bar(progress)
    for group in parse_batches(unstored_inputs(paths, store, settings, published, url), batch):
        articles = [a for a in group if isinstance(a, Article)]
        coded = iter(extract_articles(articles, settings)) if articles else iter(())
        for item in group:
            record(store, summary, item, next(coded) if isinstance(item, Article) else None)
            bar.update(1)
    bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def progress_bar(enabled: bool | None):
    """A tqdm bar with articles/s and ETA on a terminal; silent in pipes and CI."""
    from tqdm import tqdm
    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(disable=not enabled, unit="article", dynamic_ncols=True, file=sys.stderr)
