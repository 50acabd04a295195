"""The Ray runner: the same stages on Ray Data, from input shards to Parquet to DuckDB.

    input files (rows)  --flat_map: read_documents-->  document rows
                        --map_batches(_Coder, one pipeline per actor)-->  outcome rows
                        --write_parquet(partition_cols=["kind"])-->  OUT/RUN/kind=article|event|skip|failure|stored/
    then, in the driver: article rows (each with its events) -> Store, with the accounting
    every runner shares (runners.local.record).

The event rows (``kind=event``) are flat and can be queried in place, e.g. with DuckDB:
``SELECT type, count(*) FROM read_parquet('OUT/RUN/kind=event/*.parquet') GROUP BY type``.
They are each article's own records, before merging across articles: ``event_id`` is the
record's id, and ``newsevents.model.mention_id(article_id, event_id)`` its row in the store's
``mentions`` table (whose ``event_id`` is the merged event).
The reading and coding functions are the ones the other runners call; this module only moves
rows between them. On a cluster, every node must see the input paths (shared storage) and
have newsevents installed; OUT must be a folder the driver can read.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, Iterator

from ..config import Settings
from ..errors import InputError, NewsEventsError
from ..ingest import Document, input_files, input_key, read_documents
from ..model import Actor, Article, Attribution, Count, Event, Evidence, Place, Skip, Source
from ..store import Store
from . import register
from .local import IngestSummary, code_documents, progress_bar, record_many

# The object store of a local Ray runtime: capped so Ray does not claim 30% of RAM on a laptop.
OBJECT_STORE_BYTES = 512 * 1024 * 1024
BATCH = 32  # documents per map_batches call: fewer, larger batches spend less on Ray Data bookkeeping

_DOC_FIELDS = [f.name for f in fields(Document)]
# One schema for every outcome row, so that every Parquet file has the same columns.
_STRING_COLUMNS = ("kind", "origin", "reason", "article_id", "record", "event_id", "type", "mode", "cameo",
                   "acled_type", "acled_subtype", "status", "actor1_name", "actor1_country", "actor1_sector",
                   "actor2_name", "actor2_country", "actor2_sector", "date", "date_end", "date_precision",
                   "location_name", "location_country", "location_precision", "published", "url")


@register("ray")
def ingest_ray(paths: list[str], store: Store, settings: Settings, published: str | None = None,
               url: str | None = None, workers: int | None = None, progress: bool | None = None,
               address: str | None = None, out: str | None = None, batch: int = BATCH,
               **_: object) -> IngestSummary:
    """Ingest on Ray Data, write Parquet partitions, then load them into ``store``.

    Args:
        paths: files, folders and globs (not stdin: workers read the files themselves).
        store: the database the results are loaded into.
        settings: pipeline options, sent to every actor.
        published, url: as for the other runners.
        workers: coding actors; None means one per CPU of the Ray cluster.
        progress: Ray's progress bars and the loading bar (None: only on a terminal).
        address: a Ray cluster to join (``ray://...`` or ``host:port``); None starts a local one.
        out: folder for the Parquet partitions; default ``<db>.parquet/`` beside the database.
    Returns:
        The IngestSummary, the same as the local runner's for the same inputs.
    """
    if "-" in paths:
        raise InputError("--engine ray reads files on its workers, not stdin: save the input to a file first")
    ray = _import_ray()
    started = time.perf_counter()
    owns_runtime = start_ray(address, workers)
    try:
        run_dir = Path(out or default_out(store)) / f"run-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        actors = workers if workers and workers > 0 else max(1, int(ray.cluster_resources().get("CPU", 1)))
        enabled = _show_progress(progress)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = enabled
        # Ray Data polls each worker's memory (USS) from a thread; on a small machine that costs
        # the coding actors about a tenth of their CPU (py-spy), for a statistic we do not use.
        context.memory_usage_poll_interval_s = None
        # inputs known by origin or by key (ingest.input_key); this runner does not note new keys
        dataset = build_dataset(paths, settings, store.stored_origins() | store.input_keys(), published, url,
                                actors, batch)
        # writing takes no CPU slot of its own: all of them are held by the coding actors
        dataset.write_parquet(str(run_dir), partition_cols=["kind"], ray_remote_args={"num_cpus": 0})
    finally:
        if owns_runtime:
            ray.shutdown()
    summary = load_outcomes(run_dir, store, progress=enabled)
    summary.seconds = time.perf_counter() - started
    return summary


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise NewsEventsError("--engine ray needs Ray Data: pip install 'newsevents[ray]'") from exc
    return ray


def _show_progress(progress: bool | None) -> bool:
    import sys
    return sys.stderr.isatty() if progress is None else progress


def start_ray(address: str | None = None, cpus: int | None = None) -> bool:
    """Join ``address`` or start a local Ray runtime (``cpus`` CPUs, capped object store).

    Returns True when this call started or joined the runtime (the caller shuts it down), False
    when Ray was already running in this process.
    """
    ray = _import_ray()
    if ray.is_initialized():
        return False
    # Workers of a local runtime must import newsevents even when it is not pip-installed.
    package_root = str(Path(__file__).resolve().parents[2])
    env = {"PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        # Ray runs workers at nice 15 by default: on a shared machine they would then get only
        # the cycles nobody else wants. The pool's workers run at normal priority; so do these.
        # Idle workers are kept (not killed after a second) so that read and write tasks reuse
        # them instead of starting, and importing newsevents into, a new process each time.
        ray.init(num_cpus=cpus if cpus and cpus > 0 else os.cpu_count(), object_store_memory=OBJECT_STORE_BYTES,
                 include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env},
                 _system_config={"worker_niceness": 0, "idle_worker_killing_time_threshold_ms": 600_000,
                                 "num_workers_soft_limit": 8})
    return True


def default_out(store: Store) -> str:
    """``<db>.parquet`` beside a database file; a folder under the temp dir for ``:memory:``."""
    if store.path == ":memory:":
        import tempfile
        return tempfile.mkdtemp(prefix="newsevents-ray-")
    return store.path + ".parquet"


def build_dataset(paths: list[str], settings: Settings, done: set[str], published: str | None,
                  url: str | None, actors: int, batch: int = BATCH):
    """The lazy Ray dataset of outcome rows for ``paths`` (nothing runs until it is consumed)."""
    import ray

    files = [{"path": p} for p in input_files(paths)]
    if not files:
        raise InputError("no inputs given")
    done_ref = ray.put(frozenset(done))
    # Reading is cheap (bytes and archive records, no extraction): read tasks take no CPU slot,
    # so that every CPU holds a coding actor, and run a few at a time, so that they reuse a few
    # worker processes rather than start one per shard. About one batch of files per block: a
    # fixed number of blocks grows with the input until their pages overflow the object store
    # (2,730 pages in 8 blocks ran at half the speed of 86 blocks).
    blocks = max(actors * 2, -(-len(files) // batch))
    docs = ray.data.from_items(files, override_num_blocks=max(1, min(len(files), blocks))).flat_map(
        _read_shard, fn_kwargs={"settings": settings, "done": done_ref, "published": published, "url": url},
        num_cpus=0, compute=ray.data.TaskPoolStrategy(size=max(1, actors // 2)))
    return docs.map_batches(_Coder, fn_constructor_kwargs={"settings": settings}, batch_size=batch,
                            batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=actors))


def _read_shard(row: dict[str, Any], settings: Settings, done, published: str | None,
                url: str | None) -> Iterator[dict[str, Any]]:
    """One input file's document rows (documents, skips, and origins already stored)."""
    import ray
    if isinstance(done, ray.ObjectRef):  # older Ray versions pass references through unresolved
        done = ray.get(done)
    for item in read_documents([row["path"]], settings, published=published, url=url):
        if item.origin in done or input_key(item) in done:
            yield _doc_row(Document(item.origin), "stored")
        elif isinstance(item, Skip):
            yield _doc_row(Document(item.origin), "failure" if item.failed else "skip", item.reason)
        else:
            yield _doc_row(item, "document")


def _doc_row(doc: Document, state: str, reason: str | None = None) -> dict[str, Any]:
    row = asdict(doc)
    row["state"], row["reason"] = state, reason
    return row


class _Coder:
    """A Ray Data actor: one loaded pipeline, coding batches of document rows into outcome rows."""

    def __init__(self, settings: Settings):
        from ..nlp import load_pipeline
        self.settings = settings
        load_pipeline(settings.spacy_model)

    def __call__(self, batch):
        rows = batch.to_pylist()
        docs = [Document(**{k: r[k] for k in _DOC_FIELDS}) for r in rows if r["state"] == "document"]
        coded = iter(code_documents(docs, self.settings))
        out: list[dict[str, Any]] = []
        for r in rows:
            if r["state"] == "stored":
                out.append({"kind": "stored", "origin": r["origin"]})
            elif r["state"] in ("skip", "failure"):
                out.append({"kind": r["state"], "origin": r["origin"], "reason": r["reason"]})
            else:
                out.extend(outcome_rows(*next(coded)))
        return rows_table(out)


def outcome_rows(item: Article | Skip, events: list[Event] | None) -> list[dict[str, Any]]:
    """Rows for one coded input: an article row that carries everything needed to store it,
    plus one flat row per event for querying the Parquet output directly."""
    if isinstance(item, Skip):
        return [{"kind": "failure" if item.failed else "skip", "origin": item.origin, "reason": item.reason}]
    events = events or []
    payload = {"article": asdict(item), "events": [asdict(e) for e in events]}
    rows = [{"kind": "article", "origin": item.origin, "article_id": item.id, "n_events": len(events),
             "record": json.dumps(payload), "published": item.published, "url": item.url}]
    for position, e in enumerate(events):
        rows.append({**e.flat(), "kind": "event", "origin": item.origin, "article_id": item.id,
                     "position": position, "record": json.dumps(e.to_dict()), "event_id": e.id,
                     "published": item.published, "url": item.url})
    return rows


def rows_table(rows: list[dict[str, Any]]):
    """Outcome rows as a pyarrow Table with the one fixed schema."""
    import pyarrow as pa
    schema = pa.schema([(name, pa.string()) for name in _STRING_COLUMNS]
                       + [("n_events", pa.int32()), ("position", pa.int32()), ("lat", pa.float64()),
                          ("lon", pa.float64()), ("confidence", pa.float64())])
    return pa.Table.from_pylist(rows, schema=schema)


def load_outcomes(run_dir: str | Path, store: Store, progress: bool = False) -> IngestSummary:
    """Store the outcome rows of a Ray run (``run_dir`` as written by ``ingest_ray``), file by file.

    Only the article, skip and stored partitions are read: an article row carries its events,
    so memory stays at one Parquet file's worth of rows whatever the size of the run.
    """
    import pyarrow.parquet as pq

    summary = IngestSummary()
    bar = progress_bar(progress)
    run_dir = Path(run_dir)
    for kind in ("article", "skip", "failure", "stored"):
        for path in sorted((run_dir / f"kind={kind}").glob("*.parquet")):
            columns = ["origin", "reason", "record"]
            for rb in pq.ParquetFile(path).iter_batches(columns=columns, batch_size=256):
                rows = rb.to_pylist()
                record_many(store, summary, [_outcome(kind, row) for row in rows])
                bar.update(len(rows))
    bar.close()
    return summary


def _outcome(kind: str, row: dict[str, Any]) -> tuple[Article | Skip | str, list[Event] | None]:
    if kind == "stored":
        return row["origin"], None
    if kind in ("skip", "failure"):
        return Skip(row["origin"], row["reason"], failed=kind == "failure"), None
    payload = json.loads(row["record"])
    return Article(**payload["article"]), [event_from_dict(e) for e in payload["events"]]


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an Event from ``dataclasses.asdict(event)`` (the form the article rows carry)."""
    d = dict(data)
    for name in ("actor1", "actor2"):
        d[name] = Actor(**d[name]) if d.get(name) else None
    d["location"] = Place(**d["location"]) if d.get("location") else None
    d["counts"] = {k: Count(**c) for k, c in (d.get("counts") or {}).items()}
    d["evidence"] = Evidence(**d["evidence"]) if d.get("evidence") else None
    if d.get("attribution"):
        att = d["attribution"]
        d["attribution"] = Attribution(att["text"], Actor(**att["actor"]) if att.get("actor") else None)
    d["source"] = Source(**d["source"]) if d.get("source") else None
    return Event(**d)


__all__ = ["ingest_ray", "start_ray", "build_dataset", "load_outcomes", "event_from_dict", "OBJECT_STORE_BYTES"]
