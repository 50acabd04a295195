"""The single-process runner, and the ingest summary every runner returns."""
from __future__ import annotations

import signal
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..config import Settings
from ..ingest import (
    Document,
    document_to_article,
    input_files,
    input_key,
    is_container,
    read_documents,
)
from ..model import Article, Event, Skip
from ..pipeline import extract_articles
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
    # origin -> input key of the inputs read but not yet stored (see unstored_documents)
    pending_keys: dict[str, str] = field(default_factory=dict, repr=False)
    not_news: int = 0    # stored articles labelled "other" by the relevance judgement

    def lines(self) -> list[str]:
        rate = self.read / self.seconds if self.seconds else 0.0
        out = [f"read {self.read} inputs in {self.seconds:.1f}s ({rate:.1f}/s): stored {self.stored}, "
               f"already stored {self.already_stored}, skipped {len(self.skipped)}, events written {self.events}"]
        reasons = Counter(s.reason.split(":")[0] for s in self.skipped)
        for reason, n in reasons.most_common():
            out.append(f"  skipped {n}: {reason}")
        if self.not_news:
            out.append(f"  {self.not_news} of the stored articles are labelled 'other' (not public-affairs "
                       "news): coded only with --all-text or a lower --min-relevance")
        for skip in self.skipped[:20]:
            out.append(f"  skip {skip.origin}: {skip.reason}")
        if len(self.skipped) > 20:
            out.append(f"  ... and {len(self.skipped) - 20} more skips (table `skips` in the database)")
        return out


def unstored_documents(paths: list[str], store: Store, settings: Settings, published: str | None,
                       url: str | None, pending: dict[str, str] | None = None) -> Iterator[Document | Skip | str]:
    """Documents to work on; inputs stored (or skipped) before come back as their origin string.

    This is what makes an interrupted run resumable: the rerun reads inputs again (cheap) but
    sends only the unfinished ones to extraction (expensive). An input is known by its origin or
    by its key (``ingest.input_key``: its content, else its resolved path), so the same content
    under another path spelling, through a symlink or inside an archive is not read again, in
    this run or a later one. ``pending`` collects origin -> key of the inputs let through, for
    ``record_many`` to note once their outcome is stored.
    """
    done = store.stored_origins()
    known = store.input_keys()
    for item in read_documents(paths, settings, published=published, url=url):
        origin = item.origin
        key = input_key(item)
        if origin in done or key in known:
            yield origin or ""
            continue
        known.add(key)
        if pending is not None:
            pending[origin] = key
        yield item


def code_documents(docs: list[Document], settings: Settings) -> list[tuple[Article | Skip, list[Event] | None]]:
    """The work unit every engine runs: documents to (Article, events) or (Skip, None), in order.

    An unexpected error in the pipeline skips the article it happened on (with the error as the
    reason) instead of ending a long run; the rest of the batch is coded one by one.
    """
    items = [document_to_article(d, settings) for d in docs]
    articles = [a for a in items if isinstance(a, Article)]
    try:
        coded = extract_articles(articles, settings) if articles else []
    except Exception:  # noqa: BLE001 - isolate the article that fails, keep the run going
        coded = [_code_one(a, settings) for a in articles]
    found = iter(coded)
    out: list[tuple[Article | Skip, list[Event] | None]] = []
    for item in items:
        events = next(found) if isinstance(item, Article) else None
        if isinstance(events, Skip):
            item, events = events, None
        out.append((item, events))
    return out


def _code_one(article: Article, settings: Settings) -> list[Event] | Skip:
    try:
        return extract_articles([article], settings)[0]
    except Exception as exc:  # noqa: BLE001
        return Skip(article.origin or article.id, f"pipeline error: {type(exc).__name__}: {exc}"[:300])


def expected_inputs(paths: list[str]) -> int | None:
    """How many inputs a run will have, when that is known without reading (no containers)."""
    total = 0
    for path in input_files(paths):
        if is_container(path):
            return None
        total += 1
    return total


def record(store: Store, summary: IngestSummary, item: Article | Skip | str, events: list | None) -> None:
    """Account for one input's outcome and store it."""
    record_many(store, summary, [(item, events)])


def record_many(store: Store, summary: IngestSummary,
                outcomes: list[tuple[Article | Skip | str, list | None]]) -> None:
    """Account for several inputs' outcomes; their articles are stored in one transaction."""
    articles = []
    for item, events in outcomes:
        summary.read += 1
        if isinstance(item, str):
            summary.already_stored += 1
        elif isinstance(item, Skip):
            summary.skipped.append(item)
            store.record_skip(item.origin, item.reason)
        else:
            articles.append((item, events or []))
    for (article, _), new in zip(articles, store.insert_articles(articles) if articles else []):
        if new is None:
            summary.already_stored += 1
        else:
            summary.stored += 1
            summary.events += new
            summary.not_news += article.relevance_label == "other"
    if summary.pending_keys:
        done = [item.origin for item, _ in outcomes if not isinstance(item, str) and item.origin in summary.pending_keys]
        store.record_inputs([(summary.pending_keys.pop(origin), origin) for origin in done])


def in_batches(items: Iterable, size: int) -> Iterator[list]:
    """Group a stream into lists of ``size`` (the last may be shorter)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@register("local")
def ingest_local(paths: list[str], store: Store, settings: Settings, published: str | None = None,
                 url: str | None = None, progress: bool | None = None, batch: int = 16,
                 **_: object) -> IngestSummary:
    """Ingest in this process: read, code in batches, store."""
    summary = IngestSummary()
    started = time.perf_counter()
    bar = input_bar(progress, paths)
    try:
        with stop_between_records() as stop:
            for group in in_batches(unstored_documents(paths, store, settings, published, url,
                                                       summary.pending_keys), batch):
                docs = [d for d in group if isinstance(d, Document)]
                coded = iter(code_documents(docs, settings))
                record_many(store, summary, [next(coded) if isinstance(item, Document) else (item, None)
                                             for item in group])
                bar.update(len(group))
                stop.check()
    except KeyboardInterrupt:
        interrupted(summary)
        raise
    finally:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _Stop:
    requested = False

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt


@contextmanager
def stop_between_records():
    """Turn the first Ctrl-C into a stop at the next ``check()``, between two stored inputs, so
    that no article is cut off halfway through its transaction; a second Ctrl-C stops at once."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum, frame):
        if stop.requested:
            raise KeyboardInterrupt
        stop.requested = True

    if previous is signal.SIG_IGN:  # started in the background with Ctrl-C ignored: keep it so
        yield stop
        return
    signal.signal(signal.SIGINT, handler)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted(summary: IngestSummary) -> None:
    """Tell the user what an interrupted run kept and how to finish it."""
    print(f"\ninterrupted after {summary.read} inputs ({summary.stored} stored); "
          "run the same command again to finish the rest", file=sys.stderr)


def input_bar(enabled: bool | None, paths: list[str]):
    """The progress bar of an ingest run over ``paths``; counts inputs first when that is cheap."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return progress_bar(enabled, expected_inputs(paths) if enabled else None)


def progress_bar(enabled: bool | None, total: int | None = None):
    """A tqdm bar with articles/s (and an ETA when ``total`` is known) on a terminal; silent in pipes and CI."""
    from tqdm import tqdm
    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(disable=not enabled, total=total, unit="article", dynamic_ncols=True, file=sys.stderr)
