"""The README and the help text say what the code does (issue 17): the command reference is the
parser's own, and --published's help matches what --published does."""
from __future__ import annotations

import json
from pathlib import Path

from newsevents.cli import build_parser, main
from newsevents.cli_reference import current_section, reference
from newsevents.ingest.published import PRECEDENCE
from newsevents.store import Store

README = Path(__file__).parents[1] / "README.md"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Protest outside parliament</title>
<meta property="article:published_time" content="2023-05-09T08:00:00Z"></head><body><article>
<h1>Protest outside parliament</h1><p>Thousands of students marched through the capital on Tuesday to protest
against higher tuition fees, and police detained 40 people near the parliament building.</p>
<p>The interior ministry said the demonstrators had blocked the main road for several hours.</p>
</article></body></html>"""


def _help(command: str, option: str) -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    return next(a.help for a in sub._actions if option in a.option_strings)


def test_the_readme_command_reference_is_the_parsers():
    assert current_section(README.read_text("utf-8")) == reference(), (
        "README.md's command reference drifted from the CLI: run `python -m newsevents.cli_reference README.md`")


def test_published_help_says_it_overrides_every_date_and_it_does(tmp_path, capsys):
    """Issue 17: `ingest --help` said --published applies to inputs that have no date; it overrides every input."""
    assert PRECEDENCE[0] == "user"      # the argument is the first step of the one precedence
    for command in ("extract", "explain", "ingest"):
        text = _help(command, "--published")
        assert "overrides any date found" in text and "every input" in text, command
        assert "has none" not in text and "no date" not in text, command
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    db = tmp_path / "e.duckdb"
    assert main(["ingest", str(page), "--db", str(db), "--published", "2023-06-01", "--workers", "1",
                 "--no-progress"]) == 0
    with Store(db) as store:
        assert store.db.execute("SELECT CAST(published AS VARCHAR), published_source FROM articles").fetchall() == [
            ("2023-06-01", "user")]
    capsys.readouterr()
    assert main(["extract", str(page), "--published", "2023-06-01"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and {r["source"]["published"] for r in records} == {"2023-06-01"}


def test_the_readme_figures_are_the_report_scripts():
    """Every figure part of the README is between the markers benchmarks/report.py writes, and the
    script writes each evaluation figure with the command that gives it."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("report", Path(__file__).parents[1] / "benchmarks" / "report.py")
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    readme = README.read_text("utf-8")
    for part in ("evaluations", "speed"):
        assert report.START.format(part=part) in readme and report.END.format(part=part) in readme, part
    idents = {ident for ident, *_ in report.EVALUATIONS}
    assert all(ident in idents for _, rows in report.FIGURES for _, ident, _, _ in rows)
    section = report.evaluations_section({"counts": {"precision": 1.0, "recall": 0.95, "_command": "newsevents evaluate counts"},
                                          "plover": {"missing": "../shared/data/plover-gsr"}}, "a test machine")
    assert "| counts precision / recall | 1.000 / 0.950 | ≥ 0.95 / ≥ 0.90 | `newsevents evaluate counts` |" in section
    assert "not measured: no data at `../shared/data/plover-gsr`" in section
    assert "a test machine" in section
    row = {"rate": 10.0, "peak_worker_mb": 400.0, "peak_parent_mb": 300.0}
    speed = report.speed_section({"runs": 3, "n": 910, "workers": 2, "load_before": 0.5, "load_after": 0.7,
                                  "engines": {"local": [row, dict(row, rate=11.0), dict(row, rate=12.0)],
                                              "pool": [dict(row, rate=r) for r in (18.0, 20.0, 19.0)]},
                                  "extraction": {"f1": 0.95, "pages_per_s": 40.0}, "verbatim": []}, "a test machine")
    # the median of the runs, each run kept, and the pool's ratio taken run by run
    assert "| **11.0** (10.0, 11.0, 12.0) |" in speed and "1.80 × one process (1.80, 1.82, 1.58)" in speed
    assert "a test machine" in speed and "median of 3 runs" in speed
