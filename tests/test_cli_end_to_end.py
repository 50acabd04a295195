"""`explain`, `codebook` and every `evaluate` command, run through the CLI, and what they print.

Each evaluation runs on a few items of its gold (a slice of the packaged set, or of ../shared/data
with --limit) so the test checks the whole path (arguments, reader, pipeline, scorer, table or
JSON) in seconds; the figures themselves are gated in test_eval_gate.py.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from newsevents.cli import EVALUATIONS, main

SAMPLE = Path(__file__).parents[1] / "src" / "newsevents" / "samples" / "sample-article.txt"


def run_main(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def run_json(capsys, *argv: str) -> dict:
    return json.loads(run_main(capsys, *argv, "--json"))


def packaged_slice(tmp_path: Path, name: str, lines: int) -> str:
    """The first lines of a packaged gold file, as a gold file of its own."""
    text = (resources.files("newsevents.evaluate") / "gold" / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text("\n".join(text.splitlines()[:lines]) + "\n", encoding="utf-8")
    return str(path)


# --- explain ----------------------------------------------------------------------------------------

def test_explain_gives_each_event_its_evidence_and_the_rule_behind_every_field(capsys):
    out = run_main(capsys, "explain", str(SAMPLE), "--published", "2023-07-13")
    first, out = out.split("\n", 1)
    assert first.startswith("article ") and "relevance" in first and "coded" in first
    article = SAMPLE.read_text(encoding="utf-8")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert len(heads) >= 4
    blocks = re.split(r"\n(?=\S)", out.strip())
    assert len(blocks) == len(heads)
    for block in blocks:
        head, *lines = block.splitlines()
        assert re.match(r"[A-Z]+/\S+ cameo \d{2,4} \[(occurred|ongoing|planned|claimed|denied|hypothetical)\]",
                        head), head
        evidence = next(line for line in lines if line.startswith("  evidence: "))
        assert evidence[len("  evidence: "):] in " ".join(article.split())
        reasons = {line.split()[1] for line in lines if line.startswith("  - ")}
        assert {"type", "status", "date", "location"} <= reasons, block
    # the first sentence: Kenyan police arrested more than 300 protesters in Nairobi on Wednesday
    arrest = next(b for b in blocks if b.startswith("COERCE/arrest"))
    assert "Kenyan police" in arrest and "date 2023-07-12" in arrest and "place Nairobi" in arrest
    assert "- count detained 'more than 300'" in arrest
    assert "- actor1 'Kenyan police'" in arrest


# --- codebook ---------------------------------------------------------------------------------------

def test_codebook_plover_lists_every_type_with_its_description(capsys):
    from newsevents.model import PLOVER_TYPES
    out = run_main(capsys, "codebook", "plover")
    rows = {line.split()[0]: line for line in out.splitlines()[2:] if line.strip()}
    assert set(rows) == set(PLOVER_TYPES)
    assert "visit" in rows["CONSULT"] and "Meet" in rows["CONSULT"]


def test_codebook_cameo_maps_codes_to_plover(capsys):
    out = run_main(capsys, "codebook", "cameo")
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[2:] if line.strip()}
    assert len(rows) > 200
    assert rows["173"] == "COERCE" and rows["141"] == "PROTEST" and rows["190"] == "ASSAULT"


def test_codebook_acled_gives_the_types_and_the_rules_from_plover(capsys):
    out = run_main(capsys, "codebook", "acled")
    types, _, rules = out.partition("From PLOVER (first rule that holds wins):")
    for name in ("Battles", "Protests", "Riots", "Violence against civilians", "Explosions/Remote violence",
                 "Strategic developments"):
        assert name in types, name
    assert "Armed clash" in types and "Peaceful protest" in types
    assert rules.count("\n") > 10 and "PROTEST" in rules and "(not coded)" in rules


def test_codebook_names_its_choices_on_a_bad_name(capsys):
    with pytest.raises(SystemExit):
        main(["codebook", "gdelt"])
    assert "cameo" in capsys.readouterr().err


# --- evaluate: every name the CLI offers is run here ------------------------------------------------

TESTED = {"counts", "status", "acled", "news", "plover", "actors", "timeml", "geo", "wikievents", "petrarch",
          "relevance", "actor-phrases", "merging"}


def test_every_evaluation_is_run_end_to_end_here():
    assert set(EVALUATIONS) == TESTED


def test_evaluate_merging_json_scores_both_ways_in_both_orders(capsys):
    # the first scenario's four articles: the gold's own mentions and the pipeline's
    metrics = run_json(capsys, "evaluate", "merging", "--limit", "4")
    assert metrics["articles"] == 4 and metrics["same in both orders"] == {"gold mentions": True, "end to end": True}
    read = metrics["gold mentions"]["file"]["read"]
    # the whole set is held to its floors by the eval gate; here the face and the numbers it shows
    assert read["pairwise_p"] >= 0.9 and read["pairwise_r"] >= 0.6 and read["gold_mentions"] > 8


def test_evaluate_counts_table_and_json(tmp_path, capsys):
    gold = packaged_slice(tmp_path, "counts_status.jsonl", 30)
    table = run_main(capsys, "evaluate", "counts", gold)
    assert table.startswith("counts  precision") and "attach accuracy" in table
    for kind in ("killed", "detained"):
        assert kind in table
    metrics = run_json(capsys, "evaluate", "counts", gold)
    assert metrics["precision"] >= 0.9 and metrics["recall"] >= 0.9
    assert sum(row["support"] for row in metrics["per_kind"].values()) > 5


def test_evaluate_status_json(tmp_path, capsys):
    gold = packaged_slice(tmp_path, "counts_status.jsonl", 30)
    metrics = run_json(capsys, "evaluate", "status", gold)
    assert metrics["accuracy"] >= 0.9
    assert metrics["per_status"]["occurred"]["support"] > 5
    assert "accuracy" in run_main(capsys, "evaluate", "status", gold)


def test_evaluate_acled_json(tmp_path, capsys):
    gold = packaged_slice(tmp_path, "acled_snippets.jsonl", 25)
    metrics = run_json(capsys, "evaluate", "acled", gold)
    assert metrics["event_snippets"] + metrics["no_event_snippets"] == 25
    assert metrics["subtype_f1"] >= 0.7 and metrics["per_subtype"]
    assert {"subtype_f1_dev", "subtype_f1_held"} <= set(metrics)


def test_evaluate_news_table(capsys):
    table = run_main(capsys, "evaluate", "news", "--limit", "2")
    assert "record_precision" in table and "split read" in table
    assert re.search(r"stories\s+2\b", table), table


def test_evaluate_news_codes_with_the_flags_given(capsys):
    """The coding flags reach the pipeline: every record the model's threshold drops comes back at 0,
    and keeping non-events adds records of its own."""
    stored = run_json(capsys, "evaluate", "news", "--limit", "3")
    everything = run_json(capsys, "evaluate", "news", "--limit", "3", "--min-confidence", "0",
                          "--keep-non-events")
    assert everything["records"] > stored["records"] > 0
    assert everything["real_share"] < stored["real_share"]


def test_evaluate_refuses_a_flag_it_would_ignore(capsys):
    assert main(["evaluate", "counts", "--min-confidence", "0"]) == 1
    assert "--min-confidence works with evaluate news, acled; drop it for counts" in capsys.readouterr().err
    assert main(["--model", "en_core_web_sm", "evaluate", "geo", "gold.xml"]) == 1
    assert "--model does not apply to evaluate geo" in capsys.readouterr().err


def test_evaluate_plover(shared, capsys):
    path = str(shared("data/plover-gsr/PLOVER_GSR_CAMEO.json"))
    metrics = run_json(capsys, "evaluate", "plover", path, "--limit", "20")
    assert metrics["sentences"] == 20 and metrics["type_accuracy"] >= 0.6
    assert "type_accuracy" in run_main(capsys, "evaluate", "plover", path, "--limit", "3")


def test_evaluate_actors(shared, capsys):
    path = str(shared("data/plover-gsr/PLOVER_GSR_CAMEO.json"))
    table = run_main(capsys, "evaluate", "actors", path)
    assert table.startswith("actor coding, oracle spans")
    figures = dict(line.split() for line in table.splitlines()[2:] if len(line.split()) == 2)
    assert float(figures["source_country_accuracy"]) >= 0.8 and int(figures["n_source"]) > 200


def test_evaluate_timeml(shared, capsys):
    path = str(shared("data/tempeval3-tbaq"))
    metrics = run_json(capsys, "evaluate", "timeml", path, "--limit", "4")
    assert metrics["value_f1"] >= 0.5 and metrics["strict_f1"] >= 0.5


def test_evaluate_geo(shared, capsys):
    path = str(shared("data/geo-lgl/lgl.xml"))
    metrics = run_json(capsys, "evaluate", "geo", path, "--gold-toponyms", "--limit", "5")
    assert metrics["resolved"] > 10 and metrics["acc_161"] >= 0.5


def test_evaluate_wikievents(shared, tmp_path, capsys):
    # two documents of the dev set (and no coreference file beside them)
    lines = shared("data/wikievents-dev/dev.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    metrics = run_json(capsys, "evaluate", "wikievents", str(path))
    assert metrics["documents"] == 2 and metrics["gold_events"] > 0 and metrics["predicted_events"] > 0
    assert 0.0 < metrics["event_recall"] <= 1.0


def test_evaluate_wikievents_errors_lists_wrong_and_missed_events(shared, tmp_path, capsys):
    # regression: --errors reached score() as a bool where it appends to a list, and crashed
    lines = shared("data/wikievents-dev/dev.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    metrics = run_json(capsys, "evaluate", "wikievents", str(path), "--errors")
    wrong = metrics["predicted_events"] - round(metrics["event_precision"] * metrics["predicted_events"])
    missed = metrics["gold_events"] - round(metrics["event_recall"] * metrics["gold_events"])
    listed = [line for line in metrics["errors"] if line.split()[0] in ("FP", "MISS", "REP")]
    assert wrong + missed > 0 and len(listed) >= wrong + missed
    table = run_main(capsys, "evaluate", "wikievents", str(path), "--errors")
    assert table.splitlines()[0].split()[0] in ("FP", "MISS", "REP") and "event_precision" in table


def test_evaluate_errors_is_refused_where_nothing_lists_them(capsys):
    assert main(["evaluate", "counts", "--errors"]) == 1
    assert "--errors works with" in capsys.readouterr().err


def test_evaluate_actor_phrases(capsys):
    metrics = run_json(capsys, "evaluate", "actor-phrases")
    assert set(metrics) >= {"dev", "held"} or set(metrics) >= {"dev"}
    assert metrics["dev"]["n"] > 50 and metrics["dev"]["country_accuracy"] >= 0.9


def test_evaluate_petrarch(shared, capsys):
    shared("data/petrarch2-unittest/PETR.UnitTest.records.xml")
    metrics = run_json(capsys, "evaluate", "petrarch")
    assert metrics["dev"]["records"] > 100 and metrics["heldout"]["records"] > 20
    assert 0.5 <= metrics["dev"]["found"] <= 1.0


def test_evaluate_relevance(shared, capsys):
    shared("data/article-extraction-dev/ground-truth.json")
    metrics = run_json(capsys, "evaluate", "relevance")
    assert metrics["pages"] == 91 and metrics["news_recall"] >= 0.9
    assert metrics["other_events_per_page"] < metrics["news_events_per_page"]
