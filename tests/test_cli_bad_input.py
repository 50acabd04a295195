"""Every bad input gets one clear line and a non-zero exit from `extract`, and a recorded skip from `ingest`."""
import json
import subprocess
import sys

import pytest

ENGLISH = ("Police in the capital arrested at least 40 protesters on Tuesday after crowds marched on the "
           "parliament building, officials said. The demonstrators were demanding lower fuel prices. ")


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], input=stdin,
                          capture_output=True, timeout=300)


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.bin": (bytes(range(256)) * 64, "binary"),
    "nonenglish.txt": (("Полиция задержала десятки протестующих в столице во вторник, сообщили власти. "
                       "Демонстранты требовали снижения цен на топливо и отставки правительства. " * 3
                       ).encode("cp1251"), "not English"),
    "noarticle.html": (b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                       "no article"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_extract_rejects_bad_input_in_one_line(tmp_path, name):
    data, words = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    done = run_cli("extract", str(path))
    err = done.stderr.decode().strip()
    assert done.returncode != 0
    assert len(err.splitlines()) == 1, err
    assert words in err and name in err


def test_a_50_mb_page_is_refused_without_reading_it(tmp_path):
    page = tmp_path / "huge.html"
    with open(page, "wb") as fh:
        fh.write(b"<html><body><p>" + b"word " * (10 * 1024 * 1024) + b"</p></body></html>")
    done = run_cli("extract", str(page))
    assert done.returncode != 0 and "too large" in done.stderr.decode()


def test_latin1_and_cp1251_english_text_is_read(tmp_path):
    text = "José Müller, the mayor of Zürich, said police detained 12 protesters on Monday. " + ENGLISH
    for encoding in ("latin-1", "cp1251"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding, errors="replace"))
        done = run_cli("extract", str(path), "--published", "2023-03-07")
        assert done.returncode == 0, done.stderr.decode()
        records = [json.loads(line) for line in done.stdout.decode().splitlines()]
        assert any(r["type"] == "COERCE" for r in records)
        if encoding == "latin-1":
            assert any("Müller" in r["evidence"]["sentence"] or "Zürich" in r["evidence"]["sentence"]
                       for r in records)


def test_ingest_records_every_bad_input_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(ENGLISH * 2, encoding="utf-8")
    lines = [json.dumps({"text": ENGLISH, "url": "https://example.org/a", "published": "2023-03-07"}),
             "{not json", json.dumps({"url": "https://example.org/no-text"})]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    done = run_cli("ingest", str(folder), "--db", str(db), "--published", "2023-03-07")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    # 5 files + 3 JSON Lines records: 2 articles stored, 6 skips, each with its reason
    assert "read 8 inputs" in out and "stored 2" in out and "skipped 6" in out, out
    assert "batch.jsonl:2" in out
