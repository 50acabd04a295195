"""Failures are retried and rejections are not; readers get in while ingest writes; 20 SIGKILLs
at random moments lose and double nothing."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_runners_pool import ARTICLES, snapshot, write_warc  # noqa: E402
from warc_samples import warc_bytes  # noqa: E402

from newsevents.config import Settings
from newsevents.runners.local import EXIT_FAILED, EXIT_OK, MAX_ATTEMPTS, ingest_local
from newsevents.store import EventFilter, Store

SETTINGS = Settings()
SRC = str(Path(__file__).resolve().parents[1] / "src")
KILLS = 20


def cli(*args: str, **kw) -> list[str]:
    return [sys.executable, "-m", "newsevents", *args]


def env() -> dict:
    return {**os.environ, "PYTHONPATH": SRC}


def write_stories(folder: Path, n: int) -> list[str]:
    """``n`` distinct short news stories as text files (ARTICLES with the story number in them)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        published, title, body = ARTICLES[i % len(ARTICLES)]
        (folder / f"story{i:02d}.txt").write_text(f"{title} ({i})\n\n{body} It was report number {i}.\n")
    return [str(folder)]


def test_a_rerun_retries_failures_not_rejections(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")                      # a rejection
    whole = warc_bytes(3)
    (folder / "crawl.warc.gz").write_bytes(whole[:-40])           # a download cut off: a failure
    db = tmp_path / "e.duckdb"

    def run(**options):
        with Store(db) as store:
            summary = ingest_local([str(folder)], store, SETTINGS, progress=False, **options)
            return summary, store.failed_origins(), store.db.execute(
                "SELECT origin, attempts FROM failures").fetchall()

    first, failed, rows = run()
    assert first.stored == 2 and len(first.skipped) == 1 and len(first.failed) == 1
    assert first.exit_code == EXIT_FAILED
    assert list(failed) == [f"{folder}/crawl.warc.gz#3"] and rows[0][1] == 1
    for attempt in range(2, MAX_ATTEMPTS + 1):
        again, _, rows = run()
        # the failure is tried again; the rejection and the stored records are not
        assert len(again.failed) == 1 and again.skipped == [] and again.already_stored == 3
        assert rows[0][1] == attempt
    given_up, _, rows = run()
    assert given_up.failed == [] and given_up.not_retried == 1 and given_up.exit_code == EXIT_FAILED
    assert rows[0][1] == MAX_ATTEMPTS
    forced, _, rows = run(retry_failed=True)
    assert len(forced.failed) == 1 and rows[0][1] == MAX_ATTEMPTS + 1
    (folder / "crawl.warc.gz").write_bytes(whole)                 # the download completed
    fixed, failed, rows = run(retry_failed=True)
    assert fixed.stored == 1 and fixed.failed == [] and failed == {} and fixed.exit_code == EXIT_OK


def test_exit_codes_are_documented_and_given(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(f"{ARTICLES[0][1]}\n\n{ARTICLES[0][2]}\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    done = subprocess.run(cli("ingest", str(good), str(tmp_path / "empty.txt"), "--db", str(tmp_path / "a.duckdb"),
                              "--workers", "1"), capture_output=True, env=env(), timeout=300)
    assert done.returncode == EXIT_OK, done.stderr.decode()
    cut = tmp_path / "cut.warc"
    whole = warc_bytes(2, gz=False)
    cut.write_bytes(whole[:-30])
    done = subprocess.run(cli("ingest", str(cut), "--db", str(tmp_path / "b.duckdb"), "--workers", "1"),
                          capture_output=True, env=env(), timeout=300)
    assert done.returncode == EXIT_FAILED and b"failed 1" in done.stdout, done.stdout.decode()
    from newsevents import cli as cli_module
    assert "3 ingest ran but some input failed" in cli_module.__doc__


def test_readers_answer_while_ingest_writes(tmp_path):
    inputs = write_stories(tmp_path / "in", 48)
    db = tmp_path / "e.duckdb"
    Store(db).close()
    writer = subprocess.Popen(cli("ingest", *inputs, "--db", str(db), "--workers", "1"), env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reads = while_running = 0
    try:
        while writer.poll() is None:
            with Store(db, read_only=True, wait=30) as store:    # waits for a gap between batches
                n = sum(1 for _ in store.events_matching(EventFilter()))
            reads += 1
            while_running += writer.poll() is None
            if reads == 3:   # and the CLI reader, as a user would run it
                done = subprocess.run(cli("events", "--db", str(db), "--limit", "5"), capture_output=True,
                                      env=env(), timeout=120)
                assert done.returncode == 0, done.stderr.decode()
            time.sleep(0.2)
    finally:
        out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err.decode()
    assert while_running >= 3, (reads, while_running)
    assert b"stored 48" in out, out.decode()
    assert n >= 0


@pytest.fixture(scope="module")
def kill_inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    return write_stories(root / "stories", 16) + [str(write_warc(root / "crawl.warc.gz", ARTICLES, start=40))]


def test_twenty_sigkills_lose_and_double_nothing(kill_inputs, tmp_path):
    started = time.perf_counter()
    with Store(tmp_path / "reference.duckdb") as store:
        ingest_local(kill_inputs, store, SETTINGS, progress=False)
        reference = snapshot(store)
    # a run's life: starting Python and loading the model, then about the work just timed
    lifetime = 4.0 + 2 * (time.perf_counter() - started)
    db = tmp_path / "killed.duckdb"
    command = cli("ingest", *kill_inputs, "--db", str(db), "--workers", "1")
    rng = random.Random(13)
    kills = runs = 0
    while kills < KILLS and runs < 3 * KILLS:
        runs += 1
        proc = subprocess.Popen(command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, lifetime))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        elif proc.wait() == 0:
            # the run finished before its kill: start the work again, so the kills keep landing
            # on a run that has work to do (what is checked is the database after the last run)
            for leftover in (db, db.with_name(db.name + ".wal")):
                leftover.unlink(missing_ok=True)
        proc.wait()
    assert kills >= KILLS, f"only {kills} kills landed in {runs} runs"
    final = subprocess.run(command, capture_output=True, env=env(), timeout=300)
    assert final.returncode == 0, final.stderr.decode()
    with Store(db) as store:
        assert snapshot(store) == reference


def test_a_pool_that_cannot_start_is_an_error_not_silence(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text(f"{ARTICLES[0][1]}\n\n{ARTICLES[0][2]}\n")
    done = subprocess.run([sys.executable, "-m", "newsevents", "--model", "no_such_model", "ingest", str(story),
                           "--db", str(tmp_path / "e.duckdb"), "--workers", "2"],
                          capture_output=True, env=env(), timeout=300)
    assert done.returncode == 1
    assert "worker processes could not start" in done.stderr.decode().strip().splitlines()[-1]


def test_the_deadline_makes_a_slow_input_a_failure_and_the_batch_goes_on():
    from newsevents.ingest import Document
    from newsevents.runners.local import code_documents
    slow = Settings(article_seconds=0.001)
    docs = [Document(f"{i}.txt", text=f"{title}\n\n{body}\n", published=day)
            for i, (day, title, body) in enumerate(ARTICLES[:2])]
    out = code_documents(docs, slow)
    assert len(out) == 2
    for item, events in out:
        assert item.failed and "took longer than" in item.reason and events is None
    assert all(events is not None for _, events in code_documents(docs, SETTINGS))
