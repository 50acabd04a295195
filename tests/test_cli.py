"""End to end through the CLI: a real spaCy pipeline, a real DuckDB file, real processes."""
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path


from newsevents.cli import EXAMPLES, build_parser, main

SAMPLE = Path(__file__).parents[1] / "src" / "newsevents" / "samples" / "sample-article.txt"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], input=stdin,
                          capture_output=True, timeout=300)


def test_every_command_has_help_and_an_example():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == set(EXAMPLES)
    for name, sub in commands.items():
        assert sub.description, name
        assert sub.epilog.startswith("example: newsevents " + name)


def test_extract_prints_events_as_jsonl_and_csv(capsys):
    assert main(["extract", str(SAMPLE), "--published", "2023-07-13"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    types = {r["type"] for r in records}
    assert "COERCE" in types and "PROTEST" in types
    for record in records:
        assert record["source"]["published"] == "2023-07-13"
        start, end = record["evidence"]["start"], record["evidence"]["end"]
        assert end > start
    assert main(["extract", str(SAMPLE), "--published", "2023-07-13", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(records)


def test_extract_reads_stdin_and_fails_clearly_on_empty_input(tmp_path):
    done = run_cli("extract", "-", "--published", "2023-07-13", stdin=SAMPLE.read_bytes())
    assert done.returncode == 0 and done.stdout.strip()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = run_cli("extract", str(empty))
    assert done.returncode != 0
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert "empty" in done.stderr.decode()


def test_ingest_accounts_for_every_input_and_is_idempotent(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 10)
    db = tmp_path / "e.duckdb"
    first = run_cli("ingest", str(folder), "--db", str(db), "--published", "2023-07-13")
    out = first.stdout.decode()
    assert first.returncode == 0, first.stderr.decode()
    assert "read 3 inputs" in out and "stored 1" in out and "skipped 2" in out
    second = run_cli("ingest", str(folder), "--db", str(db), "--published", "2023-07-13")
    assert "stored 0" in second.stdout.decode() and "events written 0" in second.stdout.decode()

    exported = run_cli("events", "--db", str(db), "--type", "COERCE", "--format", "jsonl")
    records = [json.loads(line) for line in exported.stdout.decode().splitlines()]
    assert records and all(r["type"] == "COERCE" for r in records)
    out_file = tmp_path / "ev.parquet"
    done = run_cli("events", "--db", str(db), "--format", "parquet", "--out", str(out_file))
    assert done.returncode == 0 and out_file.stat().st_size > 0


def test_events_without_a_database_is_a_one_line_error(tmp_path):
    done = run_cli("events", "--db", str(tmp_path / "missing.duckdb"))
    assert done.returncode != 0 and "no database" in done.stderr.decode()


def test_demo_says_where_the_database_is(tmp_path):
    db = tmp_path / "demo.duckdb"
    done = run_cli("demo", "--db", str(db))
    assert done.returncode == 0, done.stderr.decode()
    assert f"database: {db}" in done.stdout.decode()
    assert db.exists()


def test_schema_lists_every_field(capsys):
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    for field in ("actor1", "date_precision", "location", "counts", "evidence", "confidence", "source"):
        assert field in out


def test_evaluate_news_scores_the_packaged_voa_gold(capsys):
    assert main(["evaluate", "news", "--limit", "3", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["stories"] == 3 and metrics["gold_events"] > 10 and metrics["records"] > 0
    assert 0.0 < metrics["recall"] <= 1.0 and 0.0 <= metrics["record_precision"] <= metrics["real_share"]
    assert metrics["named_precision"] <= metrics["record_precision"] and metrics["named_recall"] <= metrics["recall"]
    assert set(metrics["split"]) == {"read", "unread"}


def test_explain_shows_what_the_defaults_leave_out(tmp_path, capsys):
    page = tmp_path / "a.txt"
    page.write_text("It is unclear whether police arrested the opposition leader in the capital. "
                    "The report was published by a local newspaper in its morning edition.", encoding="utf-8")
    assert main(["explain", str(page), "--published", "2022-01-13"]) == 0
    out = capsys.readouterr().out
    assert "[hypothetical]" in out and "not stored: hypothetical" in out
    assert main(["extract", str(page), "--published", "2022-01-13"]) == 0
    assert capsys.readouterr().out.strip() == ""
    assert main(["extract", str(page), "--published", "2022-01-13", "--keep-non-events"]) == 0
    assert '"hypothetical"' in capsys.readouterr().out


def test_stories_and_timeline_list_a_crisis_in_date_order(tmp_path):
    # the coref gold's first scenario (repo-owned articles): several outlets report one protest
    from newsevents.evaluate.coref import load_coref_gold
    articles = [a for a in load_coref_gold() if a["scenario"] == "S01"]
    feed = tmp_path / "s01.jsonl"
    feed.write_text("".join(json.dumps({k: a[k] for k in ("url", "title", "text", "published", "site")}) + "\n"
                            for a in articles), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run_cli("ingest", str(feed), "--db", str(db)).returncode == 0
    listed = run_cli("stories", "--db", str(db))
    assert listed.returncode == 0, listed.stderr.decode()
    first = listed.stdout.decode().splitlines()[0]
    story_id = first.split()[0]
    assert "Almaty" in first or "KAZ" in first
    timeline = run_cli("timeline", story_id, "--db", str(db))
    days = re.findall(r"^\w{16} (\d{4}-\d{2}-\d{2})", timeline.stdout.decode(), flags=re.M)
    assert len(days) >= 2 and days == sorted(days)
    sources = run_cli("events", "--db", str(db), "--sources", "--type", "COERCE")
    assert "joins event" in sources.stdout.decode()      # a report merged across outlets, explained
    missing = run_cli("timeline", "0000000000000000", "--db", str(db))
    assert missing.returncode != 0 and len(missing.stderr.decode().strip().splitlines()) == 1
