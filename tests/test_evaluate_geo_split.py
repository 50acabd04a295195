"""The geo evaluator's tuning / held-out split: by document, deterministic, a third held out."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.evaluate import geo

ARTICLE = """  <article docid="{docid}">
    <text><![CDATA[Riots broke out in Almaty, Kazakhstan.]]></text>
    <toponyms>
      <toponym><start>19</start><end>25</end><phrase>Almaty</phrase>
        <gaztag geonameid="1526384"><lat>43.25</lat><lon>76.91</lon></gaztag></toponym>
    </toponyms>
  </article>
"""


def _ids(part: str, n: int) -> list[str]:
    found = [str(i) for i in range(1000) if geo.split_of(str(i)) == part]
    return found[:n]


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[str, list[str], list[str]]:
    tune, held = _ids("tune", 3), _ids("held", 2)
    body = "".join(ARTICLE.format(docid=d) for d in tune + held)
    path = tmp_path / "lgl.xml"
    path.write_text(f"<articles>\n{body}</articles>\n", encoding="utf-8")
    return str(path), tune, held


def test_split_is_stable_and_holds_out_about_a_third():
    ids = [f"doc-{i}" for i in range(3000)]
    parts = [geo.split_of(d) for d in ids]
    assert parts == [geo.split_of(d) for d in ids]          # no state, no randomness
    assert set(parts) == {"tune", "held"}
    assert 0.30 < parts.count("held") / len(parts) < 0.37


def test_split_keeps_only_its_documents_and_all_reports_both(corpus):
    path, tune, held = corpus
    assert [a.doc_id for a in geo.read_gold(path)] == tune + held
    assert geo.run(path, gold_toponyms=True, split="held")["articles"] == len(held)
    assert geo.run(path, gold_toponyms=True, split="tune")["articles"] == len(tune)
    m = geo.run(path, gold_toponyms=True)
    assert m["articles"] == 5 and m["resolved"] == 5
    assert {p: m["splits"][p]["resolved"] for p in geo.SPLITS} == {"tune": 3, "held": 2}
    table = geo.format_table(m).splitlines()
    assert table[0].split() == ["all", "tune", "held"]
    assert any(line.split()[:4] == ["articles", "5", "3", "2"] for line in table)


def test_split_of_a_file_reordered_is_the_same(corpus, tmp_path):
    path, tune, held = corpus
    text = Path(path).read_text(encoding="utf-8")
    blocks = text.split("  <article ")[1:]
    reordered = tmp_path / "rev.xml"
    reordered.write_text("<articles>\n" + "".join("  <article " + b.replace("</articles>\n", "")
                                                   for b in reversed(blocks)) + "</articles>\n",
                         encoding="utf-8")
    held_ids = {a.doc_id for a in geo.read_gold(reordered) if geo.split_of(a.doc_id) == "held"}
    assert held_ids == set(held)


def test_unknown_split_is_an_input_error(corpus):
    with pytest.raises(InputError, match="unknown split"):
        geo.run(corpus[0], gold_toponyms=True, split="dev")


def test_tuning_reports_every_part_and_changes_no_data(corpus):
    from newsevents.evaluate import geo_tune
    from newsevents.resolve.places import resolver_weights
    path = corpus[0]
    before = dict(resolver_weights())
    assert geo_tune.parts([path]) == {"lgl.xml:tune": 1.0, "lgl.xml:held": 1.0}
    # nothing to gain on a corpus resolved right already: no weight changes
    assert geo_tune.tune(path) == {}
    assert resolver_weights() == before
    # the trial weights reach the resolver through the scorer (an unknown one is refused there)
    with pytest.raises(KeyError, match="no resolver weight"):
        geo_tune.accuracy(path, "held", {"prior_of_nothing": 1.0})
