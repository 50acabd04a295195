"""The multi-process runner: every core of one machine, one spaCy pipeline per worker.

The parent reads documents (cheap: bytes and archive records), sends them in small chunks to
worker processes that do the expensive part (HTML extraction, cleaning, parsing, coding), and
stores what comes back, in input order. Only the parent writes to the database (DuckDB has
one writer), and the number of chunks in flight is bounded, so memory does not grow with the
number of inputs. Interrupting a run keeps everything stored so far; rerunning the same
command skips it and finishes the rest.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from ..config import Settings
from ..errors import NewsEventsError
from ..ingest import Document, failure
from ..model import Article, Event, Skip
from ..store import Store
from . import register
from .local import (BATCH_BYTES, IngestSummary, code_documents, document_bytes, input_bar, interrupted, record,
                    record_many, stop_between_records, unstored_documents)

# Documents per task: small enough that a Ctrl-C waits little for in-flight work and the bar
# moves smoothly, large enough that nlp.pipe gets a batch of sentences worth parsing together.
CHUNK = 8
# Chunks queued per worker beyond the one it is working on: keeps workers busy while the
# parent stores, without reading far ahead of them.
AHEAD = 2

_settings: Settings | None = None  # the worker's settings, set once by _init_worker


@register("pool")
def ingest_pool(paths: list[str], store: Store, settings: Settings, published: str | None = None,
                url: str | None = None, workers: int | None = None, progress: bool | None = None,
                chunk: int = CHUNK, retry_failed: bool = False, **_: object) -> IngestSummary:
    """Ingest with a pool of worker processes.

    Args:
        paths: files, folders, globs, archives, "-".
        store: the database; written by this process only.
        settings: pipeline options, sent to every worker.
        published: a publication date that overrides any found (YYYY-MM-DD).
        url: the URL of a single input.
        workers: worker processes; None or < 1 means one per CPU.
        progress: show a progress bar (None: only on a terminal).
        chunk: documents per task.
        retry_failed: also retry inputs that failed in MAX_ATTEMPTS earlier runs.
    Returns:
        The same IngestSummary the local runner gives for the same inputs.
    Raises:
        NewsEventsError: the worker processes cannot start.

    A worker that dies (killed, out of memory) breaks the pool: the chunks in flight are
    recorded as failures (a rerun retries them) and a new pool takes the rest.
    """
    workers = workers if workers and workers > 0 else (os.cpu_count() or 1)
    summary = IngestSummary()
    started = time.perf_counter()
    bar = input_bar(progress, paths)
    pool = _Pool(workers, settings)
    pending: deque[tuple[Future, list[Document], int]] = deque()
    limit = workers * (1 + AHEAD)
    try:
        with stop_between_records() as stop:
            for group in _chunks(unstored_documents(paths, store, settings, published, url,
                                                    summary.pending_keys, retry_failed), chunk):
                if isinstance(group, list):
                    pending.append(pool.submit(group))
                else:  # already stored, or not a document at all: account for it here
                    record(store, summary, group, None)
                    bar.update(1)
                while len(pending) >= limit:
                    _store_results(pending.popleft(), pool, store, summary, bar, stop)
                stop.check()
            while pending:
                _store_results(pending.popleft(), pool, store, summary, bar, stop)
    except KeyboardInterrupt:
        interrupted(summary)
        # workers ignore SIGINT; drop queued chunks and let the running ones end
        pool.executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
        pool.executor.shutdown(wait=True, cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _context():
    # forkserver: workers start from a clean process that has already imported the pipeline's
    # modules (fast start, no inherited DuckDB handle or threads); spawn where it is missing.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["newsevents.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def _chunks(items: Iterable[Document | Skip | str], size: int) -> Iterator[list[Document] | Skip | str]:
    """Documents grouped in lists of ``size`` (fewer when they hold BATCH_BYTES); anything else
    passed through on its own."""
    group: list[Document] = []
    held = 0
    for item in items:
        if isinstance(item, Document):
            group.append(item)
            held += document_bytes(item)
            if len(group) >= size or held >= BATCH_BYTES:
                yield group
                group = []
                held = 0
        else:
            yield item
    if group:
        yield group


class _Pool:
    """The worker processes, replaced by a new pool when one breaks."""

    def __init__(self, workers: int, settings: Settings):
        self.workers, self.settings = workers, settings
        self.done = 0       # chunks that came back from workers: a pool that never returned one cannot start
        self.generation = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(),
                                   initializer=_init_worker, initargs=(self.settings,))

    def submit(self, docs: list[Document]) -> tuple[Future, list[Document], int]:
        try:
            return self.executor.submit(_work, docs), docs, self.generation
        except BrokenProcessPool:
            self.restart(self.generation)
            return self.executor.submit(_work, docs), docs, self.generation

    def restart(self, generation: int) -> None:
        """Start a new pool in place of the broken one of ``generation`` (once per broken pool)."""
        if generation != self.generation:
            return
        if not self.done:
            raise NewsEventsError("the worker processes could not start (see the messages above); "
                                  "try --workers 1 to run in this process")
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.generation += 1
        self.executor = self._start()


def _store_results(item: tuple[Future, list[Document], int], pool: _Pool, store: Store, summary: IngestSummary,
                   bar, stop) -> None:
    future, docs, generation = item
    try:
        outcomes = future.result()
        pool.done += 1
    except BrokenProcessPool as exc:
        # a worker died (killed, out of memory) with this chunk in flight: its documents failed
        # this time and a rerun retries them; the rest of the run goes on in a new pool
        pool.restart(generation)
        reason = RuntimeError(f"a worker process died while coding this chunk ({exc or 'pool broken'})")
        outcomes = [(failure(d.origin, reason), None) for d in docs]
    record_many(store, summary, outcomes)
    bar.update(len(outcomes))
    stop.check()


def _init_worker(settings: Settings) -> None:
    """Runs once in each worker: ignore Ctrl-C (the parent handles it) and load the pipeline."""
    global _settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _settings = settings
    from ..nlp import load_pipeline
    load_pipeline(settings.spacy_model)


def _work(docs: list[Document]) -> list[tuple[Article | Skip, list[Event] | None]]:
    """One task in a worker: extract and code a chunk of documents."""
    assert _settings is not None, "worker was not initialised"
    return code_documents(docs, _settings)


__all__ = ["ingest_pool", "CHUNK"]
