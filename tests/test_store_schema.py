"""The typed schema: structs for every field, the schema version and the migration of an older
file, the analysts' views, ordering the table, and reprocessing an article."""
import csv
import json
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from newsevents.model import Actor, Article, Attribution, Count, Event, Evidence, Place, Source
from newsevents.store import SCHEMA_VERSION, EventFilter, Store

V1 = Path(__file__).parent / "fixtures" / "store_v1"


def _event(article: Article, type_: str = "ASSAULT", date: str = "2022-01-05", precision: str = "day",
           start: int = 0, country: str = "KAZ") -> Event:
    event = Event(type=type_, mode="firearms", cameo="190", status="occurred",
                  acled_type="Violence against civilians", acled_subtype="Attack",
                  actor1=Actor("soldiers", name="Kazakhstan military", country=country, sector="MIL", rule="demonym"),
                  actor2=Actor("protesters", country=country, sector="CVL"),
                  date=date, date_precision=precision, date_text="on Wednesday",
                  location=Place("Almaty", name="Almaty", country=country, admin1="Almaty", lat=43.25, lon=76.91,
                                 geonames_id=1526384, precision="city"),
                  counts={"killed": Count("killed", 8, 10, "eight to ten"),
                          "injured": Count("injured", 100, None, "over 100", cumulative=True)},
                  evidence=Evidence("Soldiers fired on protesters in Almaty.", start, start + 39, "fired", start + 9),
                  attribution=Attribution("officials said", Actor("officials", country=country, sector="GOV")),
                  source=Source(article.id, "https://example.org/a", "Almaty unrest", "example.org", "2022-01-06"))
    event.assign_id()
    return event


def _load_v1(tmp_path: Path) -> Path:
    path = tmp_path / "v1.duckdb"
    db = duckdb.connect(str(path))
    db.execute((V1 / "schema.sql").read_text())
    db.execute((V1 / "load.sql").read_text().replace("{dir}", str(V1)))
    db.close()
    return path


def test_every_field_is_a_typed_column_or_struct(tmp_path):
    article = Article(text="Soldiers fired on protesters in Almaty on Wednesday.", url="https://example.org/a",
                      captured="2022-01-06T10:00:00Z")
    event = _event(article)
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(article, [event])
        row = store.db.execute("SELECT e.actor1.country, e.counts.killed.max, e.counts.injured.cumulative, "
                               "e.location.geonames_id, e.evidence.trigger_start, e.attribution.actor.sector, "
                               "e.source.published, e.date, e.date_text FROM events e").fetchone()
        assert row[:6] == ("KAZ", 10, True, 1526384, 9, "GOV")
        assert str(row[6]) == "2022-01-06" and str(row[7]) == "2022-01-05" and row[8] == "on Wednesday"
        captured = store.db.execute("SELECT captured FROM articles").fetchone()[0]
        assert captured == datetime(2022, 1, 6, 10, 0)
        # the record read back from the typed columns is the record that went in
        stored = store.event(event.id)
        stored.pop("mentions")
        # a one-mention event: the record under its mention id, each count given by one report
        expected = json.loads(json.dumps(event.to_dict()))
        expected["id"] = store.resolve_id(event.id)
        for count in expected["counts"].values():
            count["sources"] = 1
        assert stored == expected
        assert store.schema_version() == SCHEMA_VERSION


def test_a_database_of_the_previous_release_is_migrated_on_open(tmp_path):
    path = _load_v1(tmp_path)
    with open(V1 / "events.csv", encoding="utf-8") as f:
        old = {row["id"]: json.loads(row["record"]) for row in csv.DictReader(f)}
    with Store(path, read_only=True) as store:     # even a reader gets the file migrated first
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts() == {"articles": 1, "events": 10, "article_events": 10, "skips": 1}
        for event_id, record in old.items():
            new = store.event(event_id)       # the old id answers through event_aliases
            assert len(new.pop("mentions")) == 1
            assert new.pop("id") != event_id and new == {k: v for k, v in record.items() if k != "id"}
        assert store.db.execute("SELECT captured FROM articles").fetchone()[0] == datetime(2023, 7, 13, 8, 30)
        assert len(list(store.events_matching(EventFilter(type="PROTEST")))) >= 1
        assert store.db.execute("SELECT count(*) FROM events_flat").fetchone()[0] == 10
    with Store(path) as store:     # opening it again changes nothing
        assert store.counts()["events"] == 10


def test_views_for_analysts(tmp_path):
    a, b = Article(text="first article"), Article(text="second article")
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(a, [_event(a), _event(a, "PROTEST", "2022-01-07", start=50)])
        store.insert_article(b, [_event(b, "ASSAULT", "2022-01-05", start=5),
                                 _event(b, "ASSAULT", "2022-01-01", "week", start=60)])
        flat = store.db.execute("SELECT actor1_country, killed_min, killed_max, injured_cumulative, lat, url, "
                                "evidence_sentence FROM events_flat ORDER BY id").fetchall()
        # a's and b's shooting on the 5th (same actors, place and day) are one event, reported twice
        assert len(flat) == 3 and flat[0][:5] == ("KAZ", 8, 10, True, 43.25)
        sources = store.db.execute("SELECT count(*), count(DISTINCT article_id) FROM event_sources").fetchone()
        assert sources == (4, 2)
        daily = store.db.execute("SELECT day::VARCHAR, type, country, events, share_left_out FROM daily "
                                 "ORDER BY day, type").fetchall()
        # the week-precision ASSAULT is not counted on a day, and is half of KAZ's ASSAULTs
        assert daily == [("2022-01-05", "ASSAULT", "KAZ", 1, 0.5), ("2022-01-07", "PROTEST", "KAZ", 1, 0.0)]


def test_parquet_is_typed_for_duckdb_and_polars(tmp_path):
    import polars as pl
    a = Article(text="an article")
    out = tmp_path / "events.parquet"
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(a, [_event(a)])
        assert store.export_parquet(EventFilter(), out) == 1
    assert duckdb.connect().execute(f"SELECT e.actor1.country, e.counts.killed.max FROM '{out}' e").fetchall() == [("KAZ", 10)]
    frame = pl.read_parquet(out)
    assert frame["counts"].struct.field("killed").struct.field("max").to_list() == [10]
    assert pq.read_schema(out).field("date").type.equals(__import__("pyarrow").date32())


def test_the_ordered_table_answers_the_same_pages(tmp_path):
    articles = [Article(text=f"article {i}") for i in range(30)]
    with Store(tmp_path / "e.duckdb") as store:
        store.merge_across = False   # thirty events, whatever their likeness: this is about order
        for i, article in enumerate(articles):
            store.insert_article(article, [_event(article, ("ASSAULT", "PROTEST", "AGREE")[i % 3],
                                                  f"2022-01-{1 + i % 9:02d}", start=i)])
        f = EventFilter(type="ASSAULT,PROTEST", country="KAZ")
        before = [r["id"] for r in store.events_matching(f, "-date")]
        first, cursor = store.events_page(f, "-date", size=7)
        assert store.optimize(force=True)
        after = [r["id"] for r in store.events_matching(f, "-date")]
        assert before == after and len(after) == 20
        # a cursor given out before the rewrite goes on where it stopped
        rest = []
        while cursor:
            page, cursor = store.events_page(f, "-date", cursor=cursor, size=7)
            rest += [r["id"] for r in page]
        assert [r["id"] for r in first] + rest == before
        assert not store.optimize()      # nothing new since


def test_reprocessing_replaces_an_articles_events_and_links_only(tmp_path):
    a, b = Article(text="first article", published="2022-01-01"), Article(text="second article")
    shared = _event(b, start=1)
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(a, [_event(a, date="2022-01-20"), shared])
        store.insert_article(b, [shared, _event(b, "PROTEST", start=9)])
        assert store.counts()["events"] == 3
        store.reprocess = True
        corrected = Article(text="first article", published="2022-02-01")
        store.insert_article(corrected, [_event(corrected, "AGREE", "2022-02-01")])
        assert store.counts() == {"articles": 2, "events": 3, "article_events": 3, "skips": 0}
        assert sorted(r["type"] for r in store.events_matching()) == ["AGREE", "ASSAULT", "PROTEST"]
        assert store.db.execute("SELECT published::VARCHAR FROM articles WHERE id = ?", [a.id]).fetchone()[0] \
            == "2022-02-01"
        # the event b reports too is kept, linked to b only
        assert [m["article_id"] for m in store.event(shared.id)["mentions"]] == [b.id]
