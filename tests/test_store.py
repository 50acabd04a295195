"""The DuckDB store: inserting, re-inserting, linking and querying events."""
from newsevents.model import Actor, Article, Count, Event, Evidence, Place, Source
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
    assert table.column("lat").to_pylist() == [43.25]


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
