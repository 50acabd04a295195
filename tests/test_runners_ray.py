"""The Ray runner on a real local Ray runtime (2 CPUs, capped object store) gives the
single-machine run's results, event for event, and leaves queryable Parquet partitions."""
from __future__ import annotations

from dataclasses import asdict

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'newsevents[ray]' to test --engine ray")
pytest.importorskip("ray.data", reason="Ray Data is not installed: pip install 'ray[data]'")

from test_runners_pool import ARTICLES, snapshot, write_warc  # noqa: E402

from newsevents.config import Settings  # noqa: E402
from newsevents.runners import get_runner  # noqa: E402
from newsevents.runners.local import ingest_local  # noqa: E402
from newsevents.runners.ray import OBJECT_STORE_BYTES, event_from_dict, ingest_ray, start_ray  # noqa: E402
from newsevents.store import Store  # noqa: E402

SETTINGS = Settings()


@pytest.fixture(scope="module")
def ray_runtime():
    started = start_ray(None, cpus=2)
    resources = ray.cluster_resources()
    yield resources
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """A small web-archive corpus: three WARC shards, one of them also holding a 404."""
    root = tmp_path_factory.mktemp("warcs")
    return [str(write_warc(root / f"cc-news-{n}.warc.gz", ARTICLES[n * 2:n * 2 + 2], start=n * 2))
            for n in range(3)]


def test_ray_run_equals_the_single_machine_run(ray_runtime, corpus, tmp_path):
    assert ray_runtime.get("CPU") == 2
    assert ray_runtime.get("object_store_memory", 0) <= OBJECT_STORE_BYTES
    with Store(tmp_path / "local.duckdb") as store:
        local = ingest_local(corpus, store, SETTINGS, progress=False)
        expected = snapshot(store)
    assert local.stored == len(ARTICLES) and expected["events"]

    out = tmp_path / "parquet"
    with Store(tmp_path / "ray.duckdb") as store:
        summary = get_runner("ray")(corpus, store, SETTINGS, workers=2, progress=False, out=str(out))
        got = snapshot(store)
    assert (summary.read, summary.stored, summary.already_stored, summary.events) == (
        local.read, local.stored, local.already_stored, local.events)
    assert sorted((s.origin, s.reason) for s in summary.skipped) == sorted(
        (s.origin, s.reason) for s in local.skipped)
    assert got == expected

    # the event partition is flat and queryable as it is
    import pyarrow.dataset as ds
    [run] = list(out.iterdir())
    table = ds.dataset(str(run / "kind=event"), format="parquet").to_table(columns=["event_id", "type", "article_id"])
    # it holds each article's own records (before merging): their mention ids are the store's
    from newsevents.model import mention_id
    with Store(tmp_path / "ray.duckdb") as store:
        stored = sorted(r[0] for r in store.db.execute("SELECT id FROM mentions").fetchall())
    assert sorted(mention_id(a, r) for a, r in zip(table.column("article_id").to_pylist(),
                                                   table.column("event_id").to_pylist())) == stored


def test_event_records_survive_the_parquet_round_trip(tmp_path):
    from newsevents import pipeline
    from newsevents.ingest import read_inputs

    path = tmp_path / "a.txt"
    published, title, body = ARTICLES[2]
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    [article] = list(read_inputs([str(path)], SETTINGS, published=published))
    events = pipeline.extract_articles([article], SETTINGS)[0]
    assert events
    for event in events:
        rebuilt = event_from_dict(asdict(event))
        assert rebuilt == event and rebuilt.to_dict(explain=True) == event.to_dict(explain=True)


def test_stdin_is_refused_with_a_clear_message():
    from newsevents.errors import InputError
    with Store(":memory:") as store, pytest.raises(InputError, match="not stdin"):
        ingest_ray(["-"], store, SETTINGS)
