"""Writing records as JSON Lines, JSON and CSV."""
import csv
import io
import json

import pytest

from newsevents.export import CSV_COLUMNS, write_records
from newsevents.model import Actor, Count, Event, Evidence, Source


def _record():
    event = Event(type="COERCE", mode="arrest", cameo="173", actor2=Actor("Karim Massimov", country="KAZ"),
                  counts={"detained": Count("detained", 12000, None, "At least 12,000")},
                  evidence=Evidence("X was arrested.", 10, 25), source=Source("abc", url="https://x.org"))
    return event.to_dict()


def test_csv_has_flat_columns():
    out = io.StringIO()
    assert write_records([_record()], out, "csv") == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["detained_min"] == "12000" and rows[0]["actor2_country"] == "KAZ"
    assert rows[0]["url"] == "https://x.org"


def test_jsonl_and_json():
    out = io.StringIO()
    write_records([_record(), _record()], out, "jsonl")
    assert [json.loads(line)["type"] for line in out.getvalue().splitlines()] == ["COERCE", "COERCE"]
    out = io.StringIO()
    write_records([_record()], out, "json")
    assert json.loads(out.getvalue())[0]["cameo"] == "173"


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="unknown format"):
        write_records([], io.StringIO(), "xml")
