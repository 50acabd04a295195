"""TimeML reader and TempEval-3 style scoring of DATE expressions."""
import json

import pytest

from newsevents.errors import InputError
from newsevents.evaluate import timeml

FIXTURE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>fixture1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-01-13" temporalFunction="false" functionInDocument="CREATION_TIME">January 13, 2022</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">seized</EVENT> the town on <TIMEX3 tid="t1" type="DATE" value="2022-01-08" functionInDocument="NONE">Saturday</TIMEX3> &amp; held it for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.
Talks <EVENT eid="e2" class="OCCURRENCE">resume</EVENT> <TIMEX3 tid="t3" type="DATE" value="2022-02" functionInDocument="NONE">next month</TIMEX3>, officials said <TIMEX3 tid="t4" type="DATE" value="2022-01-12">Wednesday</TIMEX3>.
The group was founded in <TIMEX3 tid="t5" type="DATE" value="1998">1998</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_strips_tags_and_keeps_offsets():
    doc = timeml.parse_timeml(FIXTURE, "fixture1")
    assert str(doc.dct) == "2022-01-13"
    assert "<" not in doc.text and "& held" in doc.text
    assert [g.text for g in doc.timexes] == ["Saturday", "three days", "next month", "Wednesday", "1998"]
    for g in doc.timexes:
        assert doc.text[g.start:g.end] == g.text
    assert all(g.value != "2022-01-13" for g in doc.timexes)   # the DCT is not a gold mention


def test_parse_rejects_non_timeml():
    with pytest.raises(InputError):
        timeml.parse_timeml("<html>no text element</html>")


def test_perfect_scores_on_fixture(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.tml").write_text(FIXTURE, encoding="utf-8")
    metrics = timeml.run(str(tmp_path))
    assert metrics["documents"] == 1 and metrics["gold"] == 4
    for key in ("strict_f1", "relaxed_f1", "value_f1", "value_accuracy"):
        assert metrics[key] == 1.0, (key, metrics)
    json.dumps(metrics)
    table = timeml.format_table(metrics)
    assert "value" in table and "1.000" in table


def test_wrong_value_and_extent_are_scored_apart(tmp_path):
    # the gold says Saturday is 2022-01-01 and marks "on Saturday": relaxed but not strict, wrong value
    bad = FIXTURE.replace('value="2022-01-08" functionInDocument="NONE">Saturday',
                          'value="2022-01-01" functionInDocument="NONE">Saturday')
    bad = bad.replace('the town on <TIMEX3 tid="t1"', 'the town <TIMEX3 tid="t1"').replace(
        '">Saturday</TIMEX3>', '">on Saturday</TIMEX3>')
    (tmp_path / "b.tml").write_text(bad, encoding="utf-8")
    m = timeml.run(str(tmp_path))
    assert m["strict_f1"] == 0.75 and m["relaxed_f1"] == 1.0
    assert m["value_accuracy"] == 0.75 and m["value_f1"] == 0.75


def test_missing_path_raises():
    with pytest.raises(InputError):
        timeml.run("/nonexistent/timeml")

