"""A hostile crawler's output, generated here: every bad input gets one clear reason, the run
ends without a traceback in bounded time and memory, and every good input of the batch is stored.

Rejections (not an article) go to the `skips` table, failures (ours or the environment's) to
`failures`; the exit code is 3 when anything failed. The permission cases need a non-root user:
when the tests run as root, the ingest runs as `nobody` (setpriv), which also makes the
gazetteer cache unwritable (another case of the issue).
"""
from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from warc_samples import capture_warc_bytes, warc_bytes  # noqa: E402

ENGLISH = ("Police in the capital arrested at least 40 protesters on Tuesday after crowds marched on the "
           "parliament building, officials said. The demonstrators were demanding lower fuel prices. ")
OTHER = ("Soldiers attacked a village in the north of the country on Sunday and killed 12 people, local "
         "officials said. Residents said many families fled to a nearby town after the attack. ")
SRC = str(Path(__file__).resolve().parents[1] / "src")
PEAK_BYTES = 1.5e9
SECONDS = 300

# name -> (table, words of the reason); None means stored
EXPECTED = {
    "good.txt": None,
    "good.html": None,
    "digits.txt": None,
    "years.txt": None,
    "bad\\xff.txt": None,
    "evil\\x1b[31mred.txt": None,
    "batch.jsonl:1": None,
    "batch.jsonl:2": ("skips", "nested too deeply"),
    "bomb.jsonl.gz": ("skips", "decompression bomb"),
    "gigabyte.jsonl.gz": ("skips", "decompression bomb"),
    "fifo": ("skips", "not a regular file (a FIFO)"),
    "/dev/zero": ("skips", "not a regular file (a character device)"),
    "cut.warc.gz#1": None,
    "cut.warc.gz#2": None,
    "cut.warc.gz#3": ("failures", "truncated WARC record"),
    "capture.warc.gz#2": None,
    "capture.warc.gz#4": None,
    "capture.warc.gz#6": ("failures", "ends between two records"),
    "trailer.warc.gz#2": None,
    "trailer.warc.gz#4": None,
    "trailer.warc.gz#5": ("failures", "without its trailer"),
    "pdf.html": ("skips", "binary"),
    "jpeg.html": ("skips", "binary"),
    "zip.html": ("skips", "binary"),
    "sjis.txt": ("skips", "not English"),
    "rtl.txt": ("skips", "not English"),
    "empty.txt": ("skips", "empty"),
    "loop_a": ("failures", "symbolic links"),
    "loop_b": ("failures", "symbolic links"),
    "locked.txt": ("failures", "Permission denied"),
    "locked_dir": ("failures", "cannot read folder"),
    "z_after/late.txt": None,
}

# the inputs given to the batch (a container gives one outcome per record)
INPUT_NAMES = sorted({re.sub(r"(#|:)\d+$", "", name) for name in EXPECTED})


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(ENGLISH * 2)
    (folder / "good.html").write_text(f"<html><head><title>Clashes</title></head><body><article><p>{OTHER}</p>"
                                      f"<p>The army said troops were sent to the area after the attack.</p></article></body></html>")
    (folder / "digits.txt").write_text(f"Officials said {'9' * 400} people were detained in the capital on "
                                       f"Monday after protests. " + ENGLISH)
    (folder / "years.txt").write_text("Rebels attacked the town in the year 0, historians said, and the army will "
                                      "withdraw its troops by December 31, 9999, the ministry said. " + OTHER)
    (folder / os.fsdecode(b"bad\xff.txt")).write_text(OTHER + ENGLISH)
    (folder / "evil\x1b[31mred.txt").write_text(ENGLISH + OTHER + ENGLISH)
    nested = "[" * 100_000 + "]" * 100_000
    (folder / "batch.jsonl").write_text(json.dumps({"text": OTHER * 2, "url": "https://example.org/2023/03/07/b"})
                                        + "\n" + nested + "\n")
    # one line that inflates to 200 MB from about 200 KB: read in bounded chunks, stopped by the cap
    with gzip.open(folder / "bomb.jsonl.gz", "wb", compresslevel=9) as fh:
        fh.write(b'{"text": "')
        for _ in range(200):
            fh.write(b"a" * 1_000_000)
        fh.write(b'"}\n')
    # a line of a gigabyte in 1 MB gzip members (1 MB of file): stopped by the cap, never held
    member = gzip.compress(b"a" * (1 << 20))
    (folder / "gigabyte.jsonl.gz").write_bytes(gzip.compress(b'{"text": "') + member * 1024 + gzip.compress(b'"}\n'))
    os.mkfifo(folder / "fifo")
    data = warc_bytes(3)
    (folder / "cut.warc.gz").write_bytes(data[:len(data) - 40])
    # cut exactly between two records (a request whose response never came): no record is short
    data, ends = capture_warc_bytes(3, start=10)
    (folder / "capture.warc.gz").write_bytes(data[:ends[4]])
    # cut inside the last gzip member's trailer: its record is whole, the archive is not
    data, _ = capture_warc_bytes(2, start=20)
    (folder / "trailer.warc.gz").write_bytes(data[:-4])
    (folder / "pdf.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" + bytes(range(256)) * 20)
    (folder / "jpeg.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 20)
    (folder / "zip.html").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 20)
    (folder / "sjis.txt").write_bytes(("警察は火曜日、首都で抗議者40人を逮捕したと当局者が発表した。" * 6).encode("shift_jis"))
    (folder / "rtl.txt").write_text("اعتقلت الشرطة في العاصمة ما لا يقل عن 40 متظاهرا يوم الثلاثاء بعد أن سارت الحشود "
                                    "نحو مبنى البرلمان، بحسب ما قال مسؤولون. " * 4)
    (folder / "empty.txt").write_bytes(b"")
    os.symlink("loop_b", folder / "loop_a")
    os.symlink("loop_a", folder / "loop_b")
    (folder / "locked.txt").write_text(ENGLISH)
    (folder / "locked.txt").chmod(0)
    (folder / "locked_dir").mkdir()
    (folder / "locked_dir" / "inside.txt").write_text(OTHER)
    (folder / "locked_dir").chmod(0)
    (folder / "z_after").mkdir()   # walked after the locked folder: must still be read
    (folder / "z_after" / "late.txt").write_text("Late report. " + OTHER + OTHER)


def run_ingest(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run `newsevents ingest` (as nobody when we are root); its outcome and seconds."""
    command = [sys.executable, "-m", "newsevents", "ingest", *args, "--workers", "1"]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: permission cases cannot be made")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {**os.environ, "PYTHONPATH": SRC, "HOME": str(cwd / "home")}
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=SECONDS)
    finally:
        if proc.poll() is None:
            proc.kill()
    seconds = time.perf_counter() - started
    return subprocess.CompletedProcess(command, proc.returncode, out, err), seconds


def prepare(base: Path) -> list[str]:
    """Write the corpus under ``base`` (readable by nobody where it should be); the ingest's arguments."""
    base.chmod(0o777)   # the ingest may run as nobody
    write_corpus(base / "in")
    for path in [base / "in", base / "in" / "z_after" / "late.txt",
                 *(p for p in (base / "in").iterdir() if not p.is_symlink() and not p.name.startswith("locked"))]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    (base / "home").mkdir(mode=0o555)   # a home whose cache cannot be written
    return ["in", "/dev/zero", "--db", "out.duckdb"]


def cleanup(base: Path) -> None:
    (base / "in" / "locked_dir").chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def corpus_run():
    base = Path(tempfile.mkdtemp(prefix="newsevents-bad-"))
    args = prepare(base)
    db = base / "out.duckdb"
    done, seconds = run_ingest(args, base)
    # the largest RSS of any child process so far: an upper bound on the ingest's peak
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    yield base, db, done, seconds, peak
    cleanup(base)


def outcomes(db: Path) -> dict[str, tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    rows = {o: ("articles", "") for (o,) in con.execute("SELECT origin FROM articles").fetchall()}
    rows.update({o: ("skips", r) for o, r in con.execute("SELECT origin, reason FROM skips").fetchall()})
    rows.update({o: ("failures", r) for o, r in con.execute("SELECT origin, reason FROM failures").fetchall()})
    con.close()
    return {(o if o.startswith("/dev") else o.split("in/", 1)[-1]): v for o, v in rows.items()}


def test_no_traceback_bounded_time_and_memory_and_failure_exit(corpus_run):
    _, _, done, seconds, peak = corpus_run
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert done.returncode == 3, (done.returncode, err[-2000:], done.stdout.decode()[-2000:])
    assert seconds < SECONDS
    assert peak < PEAK_BYTES, f"peak RSS {peak / 1e6:.0f} MB"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_input_has_its_one_outcome(corpus_run, name):
    _, db, _, _, _ = corpus_run
    found = outcomes(db)
    expected = EXPECTED[name]
    assert name in found, sorted(found)
    table, reason = found[name]
    if expected is None:
        assert table == "articles", (name, found[name])
    else:
        assert table == expected[0] and expected[1] in reason, (name, found[name])
        assert "\n" not in reason


def test_nothing_else_and_nothing_missing(corpus_run):
    _, db, done, _, _ = corpus_run
    found = outcomes(db)
    assert set(found) == set(EXPECTED), sorted(set(found) ^ set(EXPECTED))


def test_terminal_output_is_escaped(corpus_run):
    _, _, done, _, _ = corpus_run
    out = done.stdout
    assert b"\x1b" not in out and b"\xff" not in out
    assert b"evil\\x1b[31mred.txt" in out or b"failed" in out


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_extract_refuses_a_date_out_of_range_in_one_line(tmp_path, day):
    page = tmp_path / "a.txt"
    page.write_text(ENGLISH * 2)
    done = subprocess.run([sys.executable, "-m", "newsevents", "extract", str(page), "--published", day],
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": SRC})
    err = done.stderr.decode()
    assert done.returncode == 1 and len(err.strip().splitlines()) == 1 and "out of range" in err, err
