"""benchmarks/report.py writes every figure part of the README: the markers of each part are there,
and the news and serving parts are drawn from what the evaluations and bench_serve return."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("report", ROOT / "benchmarks" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_part_has_its_markers_in_the_readme(report):
    readme = (ROOT / "README.md").read_text("utf-8")
    for part in report.PARTS:
        assert report.START.format(part=part) in readme and report.END.format(part=part) in readme, part
        assert part in report.SECTIONS


def test_only_refuses_a_part_that_does_not_exist(report, capsys):
    with pytest.raises(SystemExit):
        report.main(["--only", "evaluations,nonsense", "--print"])
    assert "no part nonsense" in capsys.readouterr().err


def test_the_news_part_is_the_evaluations_output(report):
    news = {"record_precision": 0.2, "real_share": 0.5, "recall": 0.3, "type_recall": 0.4, "records": 90,
            "stories": 45, "gold_events": 451, "field_errors": {"actor2": 5, "date": 1},
            "split": {"read": {"record_precision": 0.1, "recall": 0.25},
                      "unread": {"record_precision": 0.3, "recall": 0.35, "real_share": 0.6}}}
    relevance = {"other_pages": 68, "other_events_all_text": 100, "other_events": 25, "other_events_per_page": 0.368,
                 "news_pages": 23, "news_events_all_text": 165, "news_events": 160, "pages_scored": 84,
                 "news_precision": 0.59, "news_recall": 1.0}
    baseline = {"_commit": "abc1234", "record_precision": "0.032 / 0.032 / 0.031", "field_errors": {"date": 9, "place": 20}}
    section = report.news_section({"news": news, "relevance": relevance, "relevance-cv": {"missing": "scikit-learn"},
                                   "baseline": baseline}, "a test machine")
    assert "| landed main (abc1234) | now |" in section
    assert "| record precision, all / read / unread | 0.032 / 0.032 / 0.031 | 0.200 / 0.100 / 0.300 | ≥ 0.80 |" in section
    assert "| 2.0 (90 records, 45 stories, 451 gold events) |" in section
    assert "| place 20, date 9 | actor2 5, date 1 |" in section
    assert "| 100 | 25 (0.368 a page) |" in section and "| 165 | 160 |" in section
    assert "not measured: scikit-learn" in section and "a test machine" in section


def test_the_serving_part_is_bench_serves_output_or_says_it_failed(report):
    section = report.serving_section({"load_before": 1.0, "load_after": 2.0, "runs": [
        {"events": 100_000, "command": "python benchmarks/bench_serve.py --events 100000", "req_per_s": 99.5,
         "p50_ms": 30.0, "p95_ms": 80.0, "server_cpu_ms_per_req": 8.0, "cpu_bound_req_per_s_on_2_cores": 233.0,
         "first_load_s": [1.7, 0.7, 1.2]},
        {"events": 1_000_000, "command": "python benchmarks/bench_serve.py --events 1000000", "failed": "no | browser"}]},
        "a test machine")
    assert ("| 100,000 | 99.5 | 30.0 / 80.0 | 8.0 ms | 233.0 req/s | 1.70 s (0.70-1.20 s) | responsive |"
            in section), section
    assert "| 1,000,000 | not measured: no \\| browser |" in section and "a test machine" in section


def test_ray_is_given_as_a_ratio_to_the_pool(report):
    row = {"rate": 10.0, "peak_worker_mb": 400.0, "peak_parent_mb": 300.0}
    speed = report.speed_section({"runs": 1, "n": 10, "workers": 2, "load_before": 0.5, "load_after": 0.7,
                                  "engines": {"pool": [dict(row, rate=20.0)], "ray": [dict(row, rate=12.0)]},
                                  "extraction": {}, "verbatim": []}, "a test machine")
    assert "0.60 × the pool (0.60)" in speed
