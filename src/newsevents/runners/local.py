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
from ..errors import DeadlineExceeded, InputError
from ..ingest import (
    Document,
    document_to_article,
    failure,
    input_files,
    input_key,
    is_container,
    read_documents,
)
from ..ingest.limits import deadline, escape
from ..model import Article, Event, Skip
from ..pipeline import PART_CHARS, extract_articles
from ..store import Store
from . import register


# Exit codes of `newsevents ingest` (README, "Exit codes"): every input stored or rejected; some
# input failed (an error of ours or of the environment: rerun to retry it).
EXIT_OK = 0
EXIT_FAILED = 3
# A failure is retried by the next runs up to this many attempts in all; after that only
# `--retry-failed` tries it again (an input that crashes the coder every time stays recorded).
MAX_ATTEMPTS = 3
# The most document bytes a batch (or a pool chunk) holds: with extraction's copies (decoded
# text, the HTML tree, parses of 100,000-character parts) a batch stays well under 1.5 GB.
BATCH_BYTES = 40_000_000


class EarlierFailure(str):
    """The origin of an input that failed in MAX_ATTEMPTS earlier runs and is not retried."""


@dataclass
class IngestSummary:
    """What an ingest run did with every input it was given.

    Every input is counted once: stored, already stored, skipped (rejected: not an article), or
    failed (ours or the environment's, retried by a rerun); ``read`` is their sum.
    """

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    skipped: list[Skip] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0
    # origin -> input key of the inputs read but not yet stored (see unstored_documents)
    pending_keys: dict[str, str] = field(default_factory=dict, repr=False)
    not_news: int = 0    # stored articles labelled "other" by the relevance judgement
    failed: list[Skip] = field(default_factory=list)
    not_retried: int = 0

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed or self.not_retried else EXIT_OK

    def lines(self) -> list[str]:
        rate = self.read / self.seconds if self.seconds else 0.0
        out = [f"read {self.read} inputs in {self.seconds:.1f}s ({rate:.1f}/s): stored {self.stored}, "
               f"already stored {self.already_stored}, skipped {len(self.skipped)}, failed {len(self.failed)}, "
               f"events written {self.events}"]
        for word, items, table in (("skipped", self.skipped, "skips"), ("failed", self.failed, "failures")):
            reasons = Counter(s.reason.split(":")[0] if word == "skipped" else ": ".join(s.reason.split(": ")[:2])
                              for s in items)
            for reason, n in reasons.most_common(10):
                out.append(f"  {word} {n}: {escape(reason)}")
            for skip in items[:20]:
                out.append(f"  {'skip' if word == 'skipped' else 'fail'} {escape(skip.origin)}: {escape(skip.reason)}")
            if len(items) > 20:
                out.append(f"  ... and {len(items) - 20} more (table `{table}` in the database)")
        if self.not_news:
            out.append(f"  {self.not_news} of the stored articles are labelled 'other' (not public-affairs "
                       "news): coded only with --all-text or a lower --min-relevance")
        if self.failed:
            out.append(f"  {len(self.failed)} inputs failed: run the same command again to retry them")
        if self.not_retried:
            out.append(f"  {self.not_retried} inputs failed in {MAX_ATTEMPTS} earlier runs and were not tried "
                       "again (table `failures`; --retry-failed tries them)")
        return out


def unstored_documents(paths: list[str], store: Store, settings: Settings, published: str | None,
                       url: str | None, pending: dict[str, str] | None = None,
                       retry_failed: bool = False) -> Iterator[Document | Skip | str]:
    """Documents to work on; inputs stored (or rejected) before come back as their origin string.

    This is what makes an interrupted run resumable: the rerun reads inputs again (cheap) but
    sends only the unfinished ones to extraction (expensive). An input is known by its origin or
    by its key (``ingest.input_key``: its content, else its resolved path), so the same content
    under another path spelling, through a symlink or inside an archive is not read again, in
    this run or a later one. ``pending`` collects origin -> key of the inputs let through, for
    ``record_many`` to note once their outcome is stored. Inputs that failed before are tried
    again, up to MAX_ATTEMPTS runs (any number with ``retry_failed``); rejected ones not.
    """
    done = done_origins(store, retry_failed)
    known = store.input_keys()
    for item in read_documents(paths, settings, published=published, url=url):
        origin = item.origin
        if origin in done:
            yield done[origin]
            continue
        key = input_key(item)
        if key in known:
            yield origin or ""
            continue
        known.add(key)
        if pending is not None:
            pending[origin] = key
        yield item


def done_origins(store: Store, retry_failed: bool = False) -> dict[str, str]:
    """Origins a run does not work on again: stored, rejected, or failed too often (as EarlierFailure)."""
    done: dict[str, str] = {origin: origin for origin in store.stored_origins()}
    if not retry_failed:
        done.update((origin, EarlierFailure(origin)) for origin in store.failed_origins(MAX_ATTEMPTS))
    return done


def code_documents(docs: list[Document], settings: Settings) -> list[tuple[Article | Skip, list[Event] | None]]:
    """The work unit every engine runs: documents to (Article, events) or (Skip, None), in order.

    An unexpected error in the pipeline skips the article it happened on (with the error as the
    reason) instead of ending a long run; the rest of the batch is coded one by one.
    """
    items = [_read_one(d, settings) for d in docs]
    articles = [a for a in items if isinstance(a, Article)]
    try:
        # the batch gets the deadline of all its articles; past it, each is coded on its own
        with deadline(settings.article_seconds * sum(map(_parts, articles)), "coding the batch"):
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


def document_bytes(item: object) -> int:
    """The bytes a Document holds (0 for anything else)."""
    if isinstance(item, Document):
        return len(item.data or b"") + len(item.text or "")
    return 0


def _read_one(doc: Document, settings: Settings) -> Article | Skip:
    """document_to_article within the per-article deadline (a pathological page ends as a failure)."""
    try:
        with deadline(settings.article_seconds, "reading the page"):
            return document_to_article(doc, settings)
    except DeadlineExceeded as exc:
        return failure(doc.origin, exc)


def _parts(article: Article) -> int:
    """How many parts the pipeline codes an article in: each gets ``article_seconds``."""
    return -(-len(article.text) // PART_CHARS) or 1


def _code_one(article: Article, settings: Settings) -> list[Event] | Skip:
    try:
        with deadline(settings.article_seconds * _parts(article), "coding the article"):
            return extract_articles([article], settings)[0]
    except InputError as exc:
        return Skip(article.origin or article.id, str(exc))
    except Exception as exc:  # noqa: BLE001
        return failure(article.origin or article.id, exc, "pipeline error")


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
        if isinstance(item, EarlierFailure):
            summary.not_retried += 1
        elif isinstance(item, str):
            summary.already_stored += 1
        elif isinstance(item, Skip) and item.failed:
            summary.failed.append(item)
            store.record_failure(item.origin, item.reason)
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
        # a failed input is not known by its key: the next run tries it again
        settled = [item.origin for item, _ in outcomes if not isinstance(item, str)
                   and not (isinstance(item, Skip) and item.failed) and item.origin in summary.pending_keys]
        store.record_inputs([(summary.pending_keys.pop(origin), origin) for origin in settled])
        for item, _ in outcomes:
            if isinstance(item, Skip) and item.failed:
                summary.pending_keys.pop(item.origin, None)
    store.clear_failures([a.origin for a, _ in articles if a.origin])
    # the database file is closed while the next batch is coded, so that readers (`events`, the
    # API) get it; reopening costs a few milliseconds a batch. (Keeping it through a short batch's
    # coding kept readers out past their wait on a loaded machine.)
    store.release()



def in_batches(items: Iterable, size: int) -> Iterator[list]:
    """Group a stream into lists of ``size`` (the last may be shorter), or fewer when their
    documents hold more than BATCH_BYTES: sixteen 20 MB pages would not fit the memory bound."""
    batch: list = []
    held = 0
    for item in items:
        batch.append(item)
        held += document_bytes(item)
        if len(batch) >= size or held >= BATCH_BYTES:
            yield batch
            batch = []
            held = 0
    if batch:
        yield batch


@register("local")
def ingest_local(paths: list[str], store: Store, settings: Settings, published: str | None = None,
                 url: str | None = None, progress: bool | None = None, batch: int = 16,
                 retry_failed: bool = False, **_: object) -> IngestSummary:
    """Ingest in this process: read, code in batches, store."""
    summary = IngestSummary()
    started = time.perf_counter()
    bar = input_bar(progress, paths)
    try:
        with stop_between_records() as stop:
            for group in in_batches(unstored_documents(paths, store, settings, published, url,
                                                       summary.pending_keys, retry_failed), batch):
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
