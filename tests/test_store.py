"""The DuckDB store: inserting, re-inserting, linking and querying events."""
from newsevents.model import Actor, Article, Count, Event, Evidence, Place, Source, mention_id
from newsevents.store import EventFilter, Store


def _event(article: Article, type_: str = "PROTEST", country: str = "KAZ", date: str = "2022-01-05",
           start: int = 0) -> Event:
    event = Event(type=type_, cameo="141", status="occurred",
                  actor1=Actor("protesters", sector="CVL", country=country),
                  date=date, date_precision="day",
                  location=Place("Almaty", name="Almaty", country=country, lat=43.25, lon=76.91, precision="city"),
                  counts={"participants": Count("participants", 1000, None, "over 1,000")},
                  evidence=Evidence("Protesters rallied in Almaty.", start, start + 29),
                  source=Source(article.id, article.url))
    event.assign_id()
    return event


def test_reingesting_the_same_article_adds_nothing(tmp_path):
    article = Article(text="Protesters rallied in Almaty on Wednesday.", url="https://example.org/a")
    with Store(tmp_path / "e.duckdb") as store:
        assert store.insert_article(article, [_event(article)]) == 1
        assert store.insert_article(article, [_event(article)]) == 0
        assert store.counts() == {"articles": 1, "events": 1, "article_events": 1, "skips": 0}


def test_filters_select_by_type_country_and_date(tmp_path):
    a = Article(text="first article text")
    b = Article(text="second article text")
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(a, [_event(a, "PROTEST", "KAZ", "2022-01-05")])
        store.insert_article(b, [_event(b, "COERCE", "KEN", "2023-07-12")])
        assert [e["type"] for e in store.events_matching(EventFilter(type="coerce"))] == ["COERCE"]
        assert [e["type"] for e in store.events_matching(EventFilter(country="KAZ"))] == ["PROTEST"]
        assert [e["type"] for e in store.events_matching(EventFilter(since="2023-01-01"))] == ["COERCE"]
        assert [e["type"] for e in store.events_matching(EventFilter(until="2022-12-31"))] == ["PROTEST"]
        record = next(store.events_matching(EventFilter(type="PROTEST")))
        assert record["counts"]["participants"]["min"] == 1000
        assert record["mentions"][0]["article_id"] == a.id


def test_parquet_export_roundtrip(tmp_path):
    a = Article(text="an article")
    out = tmp_path / "events.parquet"
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(a, [_event(a)])
        assert store.export_parquet(EventFilter(), out) == 1
    import pyarrow.parquet as pq
    table = pq.read_table(out)
    assert table.column("type").to_pylist() == ["PROTEST"]
    assert table.column("location").to_pylist()[0]["lat"] == 43.25
    assert table.column("counts").to_pylist()[0]["participants"]["min"] == 1000


def test_skips_are_recorded_and_origins_remembered(tmp_path):
    a = Article(text="an article", origin="pages/a.html")
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(a, [])
        store.record_skip("pages/empty.html", "empty input")
        assert store.stored_origins() == {"pages/a.html", "pages/empty.html"}


def test_the_same_event_from_two_articles_is_stored_once_with_both_sources(tmp_path):
    from newsevents.pipeline import extract
    text = ("Police in Nairobi arrested 40 protesters on Tuesday after crowds marched on parliament, "
            "officials said. The demonstrators were demanding lower fuel prices.")
    first = extract(text, published="2023-03-08", url="https://a.example/1")
    second = extract(text + " The interior minister did not comment.", published="2023-03-08",
                     url="https://b.example/2")
    with Store(tmp_path / "e.duckdb") as store:
        from newsevents.model import Article
        a = Article(text=text, url="https://a.example/1")
        b = Article(text=text + " The interior minister did not comment.", url="https://b.example/2")
        store.insert_article(a, first)
        assert store.insert_article(b, second) == 0   # nothing new: only links
        arrests = [e for e in store.events_matching(EventFilter(type="COERCE"))]
        assert len(arrests) == 1
        assert {m["article_id"] for m in arrests[0]["mentions"]} == {a.id, b.id}


def test_insert_articles_says_which_were_already_stored(tmp_path):
    a = Article(text="first article text")
    b = Article(text="second article text")
    with Store(tmp_path / "e.duckdb") as store:
        # the same article twice in one batch is stored once; the second is "already stored" (None)
        assert store.insert_articles([(a, [_event(a)]), (a, [_event(a)])]) == [1, None]
        assert store.insert_articles([(b, [_event(b, "COERCE")]), (a, [_event(a)])]) == [1, None]
        assert store.counts() == {"articles": 2, "events": 2, "article_events": 2, "skips": 0}


def _dated(article: Article, date: str, date_end: str | None = None, status: str = "occurred",
           type_: str = "PROTEST") -> Event:
    # an event's id is its article, offset, type and actors: a day of its own gets an offset of its own
    event = _event(article, type_, date=date, start=int(date.replace("-", "")) % 1000)
    event.status, event.date_end = status, date_end or date
    event.assign_id()
    return event


def test_queries_filter_by_status_and_inclusive_date_ranges_oldest_first(tmp_path):
    a = Article(text="first article text")
    events = [_dated(a, "2022-01-10"), _dated(a, "2022-01-05", "2022-01-08", status="planned"),
              _dated(a, "2022-01-20", type_="COERCE")]
    with Store(tmp_path / "e.duckdb") as store:
        assert store.insert_article(a, events) == 3
        dates = lambda f: [e["date"] for e in store.events_matching(f)]
        assert dates(EventFilter()) == ["2022-01-05", "2022-01-10", "2022-01-20"]
        assert dates(EventFilter(status="planned")) == ["2022-01-05"]
        # a range counts from its last day for "since" and from its first day for "until"
        assert dates(EventFilter(since="2022-01-08")) == ["2022-01-05", "2022-01-10", "2022-01-20"]
        assert dates(EventFilter(since="2022-01-09")) == ["2022-01-10", "2022-01-20"]
        assert dates(EventFilter(until="2022-01-10")) == ["2022-01-05", "2022-01-10"]
        assert dates(EventFilter(until="2022-01-04")) == []
        assert dates(EventFilter(type="PROTEST", since="2022-01-06", until="2022-01-30")) == [
            "2022-01-05", "2022-01-10"]
        assert dates(EventFilter(limit=2)) == ["2022-01-05", "2022-01-10"]
        out = tmp_path / "limited.parquet"
        assert store.export_parquet(EventFilter(country="kaz", limit=1), out) == 1
        assert store.export_parquet(EventFilter(type="COERCE"), tmp_path / "coerce.parquet") == 1


def test_each_article_link_keeps_its_sentence_offsets_and_confidence(tmp_path):
    a = Article(text="Protesters rallied in Almaty. More text follows here.")
    event = _event(a, start=0)
    event.confidence = 0.75
    with Store(tmp_path / "e.duckdb") as store:
        assert store.insert_article(a, [event, event]) == 1     # one event named twice: one link
        rows = store.db.execute("SELECT article_id, event_id, sentence, start_char, end_char, confidence "
                                "FROM article_events").fetchall()
        # the event's id is its anchor mention's: this article's record of it
        assert rows == [(a.id, mention_id(a.id, event.id), "Protesters rallied in Almaty.", 0, 29, 0.75)]
        [record] = store.events_matching()
        assert record["mentions"] == [{"article_id": a.id, "sentence": "Protesters rallied in Almaty.",
                                       "start": 0, "end": 29}]
        assert record["actor1"]["country"] == "KAZ" and record["status"] == "occurred"
        assert store.has_article(a.id) and not store.has_article("no-such-id")
        assert store.counts() == {"articles": 1, "events": 1, "article_events": 1, "skips": 0}


def test_a_skip_recorded_twice_keeps_the_last_reason(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        store.record_skip("pages/a.html", "empty input")
        store.record_skip("pages/a.html", "not English (ru)")
        assert store.db.execute("SELECT origin, reason FROM skips").fetchall() == [("pages/a.html", "not English (ru)")]


def test_parquet_partitions_load_once(tmp_path):
    a = Article(text="first article text")
    with Store(tmp_path / "src.duckdb") as source:
        source.insert_article(a, [_dated(a, "2022-01-10"), _dated(a, "2022-01-11")])
        source.export_parquet(EventFilter(), tmp_path / "part-0.parquet")
    with Store(tmp_path / "dst.duckdb") as store:
        assert store.load_parquet_events(str(tmp_path / "part-*.parquet")) == 2
        assert store.load_parquet_events(str(tmp_path / "part-*.parquet")) == 0
        assert store.counts()["events"] == 2


def test_a_database_that_cannot_be_opened_is_a_store_error(tmp_path):
    import pytest
    from newsevents.errors import StoreError
    (tmp_path / "not-a-db.duckdb").write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(tmp_path / "not-a-db.duckdb")
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_a_batch_counts_each_new_event_once_and_stamps_every_row(tmp_path):
    a, b, c = Article(text="article a"), Article(text="article b"), Article(text="article c")
    a.dropped = ["Share this article"]
    # ten days apart: the same protesters in Almaty on days this far apart are two events
    e1, e2 = _dated(a, "2022-01-10"), _dated(b, "2022-01-20")
    no_evidence = _dated(c, "2022-01-12", type_="COERCE")
    no_evidence.evidence = None
    with Store(tmp_path / "e.duckdb") as store:
        # c repeats both earlier events of the batch: nothing new; a repeated event is linked once
        assert store.insert_articles([(a, [e1, e1, e2]), (b, [e2]), (c, [e1, e2, no_evidence])]) == [2, 0, 1]
        assert store.counts() == {"articles": 3, "events": 3, "article_events": 6, "skips": 0}
        dropped = store.db.execute("SELECT dropped FROM articles WHERE id = ?", [a.id]).fetchone()[0]
        assert dropped == '["Share this article"]'
        assert store.db.execute("SELECT count(*) FROM articles WHERE ingested_at IS NULL").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM events WHERE first_seen IS NULL").fetchone()[0] == 0
        link = store.db.execute("SELECT sentence, start_char FROM article_events WHERE event_id = ?",
                                [store.resolve_id(no_evidence.id)]).fetchone()
        assert link == (None, None)
        store.record_skip("x.bin", "binary")
        assert store.db.execute("SELECT skipped_at IS NOT NULL FROM skips").fetchone()[0]


def test_parquet_paths_with_a_quote_load(tmp_path):
    folder = tmp_path / "it's here"
    folder.mkdir()
    a = Article(text="first article text")
    with Store(tmp_path / "src.duckdb") as source:
        source.insert_article(a, [_dated(a, "2022-01-10")])
        assert source.export_parquet(EventFilter(), folder / "part-0.parquet") == 1
    with Store(tmp_path / "dst.duckdb") as store:
        assert store.load_parquet_events(str(folder / "part-*.parquet")) == 1
