"""The export formats and the Python API, read back with the library a user would use and compared
with the stored events."""
import io
import json
import subprocess
import sys

import jsonschema
import pandas as pd
import pytest

import newsevents
from newsevents.errors import QueryError
from newsevents.export import write_events
from newsevents.formats import acled, describe, gdelt
from newsevents.model import Actor, Article, Count, Event, Evidence, Place, Source
from newsevents.store import EventFilter, Store

# ACLED's public export columns (ACLED Codebook 2023), in order
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
# GDELT 2.0 Event Database codebook, the export file's 61 columns in order
GDELT_COLUMNS = (["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
                 + [f"Actor{n}{k}" for n in (1, 2) for k in ("Code", "Name", "CountryCode", "KnownGroupCode",
                                                              "EthnicCode", "Religion1Code", "Religion2Code",
                                                              "Type1Code", "Type2Code", "Type3Code")]
                 + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                    "NumMentions", "NumSources", "NumArticles", "AvgTone"]
                 + [f"{g}Geo_{k}" for g in ("Actor1", "Actor2", "Action") for k in
                    ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")]
                 + ["DATEADDED", "SOURCEURL"])
GEOJSON_SCHEMA = {
    "type": "object", "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {
                    "type": {"const": "Point"},
                    "coordinates": {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}}},
                "properties": {"type": ["object", "null"]}}}}}}


def _events(article: Article) -> list[Event]:
    source = Source(article.id, article.url, "Clashes in Gao", "sahel.example", "2023-03-02")
    clash = Event(type="ASSAULT", mode="firearms", cameo="190", acled_type="Violence against civilians",
                  acled_subtype="Attack", actor1=Actor("gunmen", country="MLI", sector="REB"),
                  actor2=Actor("villagers", country="MLI", sector="CVL"), date="2023-03-01", date_precision="day",
                  date_text="on Wednesday", location=Place("Gao", name="Gao", country="MLI", admin1="Gao",
                                                          lat=16.27, lon=-0.04, geonames_id=2457163,
                                                          precision="city"),
                  counts={"killed": Count("killed", 12, 15, "12 to 15")},
                  evidence=Evidence("Gunmen killed 12 to 15 villagers near Gao on Wednesday.", 0, 55, "killed", 7),
                  source=source, confidence=0.8)
    talks = Event(type="CONSULT", cameo="036", actor1=Actor("Mali's government", name="Mali", country="MLI",
                                                             sector="GOV"),
                  date="2023-03-02", date_precision="reported", location=None,
                  evidence=Evidence("Mali's government said it would meet the rebels.", 56, 104, "meet", 90),
                  source=source)
    for event in (clash, talks):
        event.assign_id()
    return [clash, talks]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "e.duckdb"
    article = Article(text="Gunmen killed 12 to 15 villagers near Gao on Wednesday.", url="https://sahel.example/a",
                      site="sahel.example", published="2023-03-02")
    with Store(path) as store:
        store.insert_article(article, _events(article))
    return path


def _export(path, fmt: str) -> str:
    out = io.StringIO()
    with Store(path, read_only=True) as store:
        write_events(store, EventFilter(), fmt, out)
    return out.getvalue()


def test_acled_csv_has_acleds_columns_and_the_stored_values(db):
    frame = pd.read_csv(io.StringIO(_export(db, "acled")), keep_default_na=False)
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) == 1       # the verbal CONSULT has no ACLED type: left out
    row = frame.iloc[0]
    assert row["event_date"] == "2023-03-01" and row["year"] == 2023 and row["time_precision"] == 1
    assert row["disorder_type"] == "Political violence" and row["event_type"] == "Violence against civilians"
    assert row["inter1"] == 2 and row["inter2"] == 7 and row["interaction"] == 27
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["iso"] == 466 and row["country"] == "Mali" and row["geo_precision"] == 1
    assert row["fatalities"] == 12 and row["latitude"] == 16.27 and row["source"] == "sahel.example"
    assert "villagers near Gao" in row["notes"] and row["event_id_cnty"].startswith("MLI")
    assert set(acled.COLUMNS) == set(ACLED_COLUMNS)


def test_gdelt_rows_have_the_codebooks_61_columns(db):
    frame = pd.read_csv(io.StringIO(_export(db, "gdelt")), sep="\t", header=None, names=GDELT_COLUMNS,
                        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert frame.shape == (2, 61) and list(gdelt.COLUMNS) == GDELT_COLUMNS
    clash = frame[frame["EventCode"] == "190"].iloc[0]
    assert clash["Day"] == 20230301 and clash["Actor1Code"] == "MLIREB" and clash["Actor2Type1Code"] == "CVL"
    assert clash["QuadClass"] == 4 and clash["GoldsteinScale"] == -10.0 and clash["EventRootCode"] == "19"
    assert clash["ActionGeo_Lat"] == 16.27 and clash["ActionGeo_CountryCode"] == "ML"
    assert clash["ActionGeo_FeatureID"] == 2457163 and clash["SOURCEURL"] == "https://sahel.example/a"
    talks = frame[frame["EventCode"] == "036"].iloc[0]
    assert talks["QuadClass"] == 1 and talks["GoldsteinScale"] == 4.0


def test_plover_records_and_geojson_features(db):
    records = [json.loads(line) for line in _export(db, "plover").splitlines()]
    clash = next(r for r in records if r["event"] == "ASSAULT")
    assert clash["source"] == [{"actorText": "gunmen", "code": "MLI", "sector": "REB"}]
    assert clash["target"][0]["actorText"] == "villagers" and clash["mode"] == "firearms"
    assert clash["eventText"] == "killed" and clash["location"]["placeName"] == "Gao"
    collection = json.loads(_export(db, "geojson"))
    jsonschema.validate(collection, GEOJSON_SCHEMA)
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[-0.04, 16.27]]  # the located one
    assert collection["features"][0]["properties"]["killed_max"] == 15


def test_every_format_documents_every_column():
    for name in ("acled", "gdelt", "plover", "geojson"):
        assert all(line.split(maxsplit=1)[1].strip() for line in describe(name).splitlines()), name


def test_python_api_returns_records_and_tables(db):
    import polars as pl
    with newsevents.open(db) as database:
        found = database.events(type="ASSAULT", since="2023-01-01")
        records = list(found)
        assert len(found) == 1 and records[0]["counts"]["killed"]["max"] == 15
        frame = found.to_pandas()
        assert frame.loc[0, "actor1_country"] == "MLI" and frame.loc[0, "killed_min"] == 12
        assert found.to_polars()["lat"].to_list() == [16.27]
        assert isinstance(found.to_polars(), pl.DataFrame)
        nested = found.to_arrow(nested=True)
        assert nested.column("counts").to_pylist()[0]["killed"]["max"] == 15
        assert len(database.events()) == 2
        assert database.sql("SELECT count(*) AS n FROM daily").column("n").to_pylist() == [1]
        with pytest.raises(QueryError, match="YYYY-MM-DD"):
            database.events(since="01/03/2023")
        with pytest.raises(QueryError, match="unknown filter colour"):
            database.events(colour="red")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, timeout=120)


def test_cli_exports_warns_and_explains_itself(db, tmp_path):
    done = _cli()
    assert done.returncode == 0 and "reads news articles" in done.stdout and "COMMAND" in done.stdout
    assert _cli("--version").stdout.startswith("newsevents ")
    out = tmp_path / "x.csv"
    done = _cli("events", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert done.returncode == 0 and "does not end in .parquet" in done.stderr
    assert pd.read_parquet(out)["type"].tolist() == ["ASSAULT", "CONSULT"]
    for bad, said in ((["--since", "2023-02-30"], "YYYY-MM-DD"), (["--country", "ML"], "alpha-3"),
                      (["--type", "FIGHT"], "choose from AGREE")):
        done = _cli("events", "--db", str(db), *bad)
        assert done.returncode == 1 and said in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    # a common option after the command, as before it
    done = _cli("events", "--db", str(db), "--min-confidence", "0.7", "--format", "acled")
    assert done.returncode == 0 and len(done.stdout.strip().splitlines()) == 2
    done = _cli("--min-confidence", "0.9", "events", "--db", str(db), "--quiet")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
