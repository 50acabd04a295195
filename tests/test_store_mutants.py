"""The store's documented operations that mutation testing found unchecked (issue 16): inputs and
failures kept for a resumed run, pages and their cursor, reading one event or article, the
exports, stories, ordering, removing articles. Each test asserts what the method's docstring
promises, on a real DuckDB file."""
import json

import pyarrow.parquet as pq
import pytest

from newsevents.errors import NotFound, QueryError
from newsevents.model import Actor, Article, Count, Event, Evidence, Place, Source, mention_id
from newsevents.store import EventFilter, Store

ALMATY = Place("Almaty", name="Almaty", country="KAZ", lat=43.25, lon=76.91, precision="city")
NAIROBI = Place("Nairobi", name="Nairobi", country="KEN", lat=-1.29, lon=36.82, precision="city")


def _event(article: Article, type_: str, place: Place, date: str, sentence: str) -> Event:
    start = article.text.index(sentence)
    event = Event(type=type_, cameo="141" if type_ == "PROTEST" else "173", status="occurred",
                  actor1=Actor("protesters", sector="CVL", country=place.country),
                  date=date, date_precision="day", location=place,
                  counts={"participants": Count("participants", 300, None, "300")},
                  evidence=Evidence(sentence, start, start + len(sentence)),
                  source=Source(article.id, article.url))
    event.assign_id()
    return event


def _articles() -> list[tuple[Article, list[Event]]]:
    """Three articles, three events: a protest in Almaty, an arrest in Nairobi, a later protest in Nairobi."""
    out = []
    for n, (type_, place, date, sentence) in enumerate([
            ("PROTEST", ALMATY, "2022-01-05", "Protesters rallied in Almaty on Wednesday."),
            ("COERCE", NAIROBI, "2023-03-07", "Police arrested 300 protesters in Nairobi on Tuesday."),
            ("PROTEST", NAIROBI, "2023-07-12", "Students marched in Nairobi on Wednesday.")]):
        article = Article(text=f"Report {n}. {sentence} More later.", url=f"https://example.org/{n}",
                          title=f"Report {n}", site="example.org", published=date, origin=f"pages/{n}.html",
                          dropped=["Share this article"])
        out.append((article, [_event(article, type_, place, date, sentence)]))
    return out


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "e.duckdb") as s:
        assert s.insert_articles(_articles()) == [1, 1, 1]
        yield s


def test_has_article_says_whether_an_article_is_stored(store):
    article, _ = _articles()[0]
    assert store.has_article(article.id) is True
    assert store.has_article(Article(text="never stored").id) is False


def test_a_reprocessing_run_reads_every_input_again(store):
    store.record_inputs([("key-a", "pages/a.html"), ("key-a", "pages/a-again.html"), ("key-b", "pages/b.html")])
    assert store.input_keys() == {"key-a", "key-b"}
    assert store.db.execute("SELECT origin FROM inputs WHERE key = 'key-a'").fetchall() == [("pages/a.html",)]
    assert store.stored_origins() == {"pages/0.html", "pages/1.html", "pages/2.html"}
    store.reprocess = True
    assert store.input_keys() == set() and store.stored_origins() == set()


def test_failures_count_attempts_and_a_skip_or_clearing_forgets_them(store):
    assert store.record_failure("pages/x.html", "timeout") == 1
    assert store.record_failure("pages/x.html", "reset") == 2
    assert store.record_failure("pages/y.html", "timeout") == 1
    assert store.failed_origins() == {"pages/x.html": "reset", "pages/y.html": "timeout"}
    assert store.failed_origins(min_attempts=2) == {"pages/x.html": "reset"}
    store.record_skip("pages/x.html", "empty input")
    assert store.failed_origins() == {"pages/y.html": "timeout"}
    store.clear_failures(["pages/y.html"])
    assert store.failed_origins() == {}
    assert store.counts()["skips"] == 1


def test_pages_follow_their_cursor_to_the_last_page(store):
    first, cursor = store.events_page(EventFilter(), size=2)
    assert [e["date"] for e in first] == ["2022-01-05", "2023-03-07"] and cursor
    rest, end = store.events_page(EventFilter(), cursor=cursor, size=2)
    assert [e["date"] for e in rest] == ["2023-07-12"] and end is None
    newest, _ = store.events_page(EventFilter(), sort="-date", size=1)
    assert newest[0]["date"] == "2023-07-12"
    assert [e["date"] for e in store.events_matching(EventFilter(limit=2))] == ["2022-01-05", "2023-03-07"]
    assert store.count_matching(EventFilter(country="KEN")) == 2


def test_a_summary_page_has_flat_columns_with_iso_dates(store):
    page, _ = store.events_page(EventFilter(type="COERCE"), summary=True)
    assert len(page) == 1
    assert page[0]["type"] == "COERCE" and page[0]["date"] == "2023-03-07"
    assert "record" not in page[0] and "mentions" not in page[0]


def test_json_pages_carry_the_mentions_inside_each_record(store):
    texts, _ = store.events_page(EventFilter(type="PROTEST"), as_json=True)
    records = [json.loads(t) for t in texts]
    assert [r["location"]["name"] for r in records] == ["Almaty", "Nairobi"]
    assert all(len(r["mentions"]) == 1 for r in records)
    bare, _ = store.events_page(EventFilter(type="PROTEST"), mentions=False)
    assert [r["location"]["name"] for r in bare] == ["Almaty", "Nairobi"] and all("mentions" not in r for r in bare)


def test_one_event_is_found_by_its_id_a_mention_id_or_a_record_id(store):
    article, events = _articles()[1]
    stored = next(store.events_matching(EventFilter(type="COERCE")))
    record_id = events[0].id
    for some_id in (stored["id"], mention_id(article.id, record_id), record_id):
        assert store.resolve_id(some_id) == stored["id"]
    assert store.resolve_id("no-such-id") is None
    event = store.event(mention_id(article.id, record_id))
    assert event["id"] == stored["id"]
    [mention] = event["mentions"]
    assert mention["article_id"] == article.id
    assert mention["sentence"] == "Police arrested 300 protesters in Nairobi on Tuesday."
    assert article.text[mention["start"]:mention["end"]] == mention["sentence"]
    assert mention["article"]["url"] == article.url and "text" not in mention["article"]
    assert mention["record"]["type"] == "COERCE"
    with pytest.raises(NotFound):
        store.event("no-such-id")


def test_one_article_comes_with_its_text_dropped_lines_and_events(store):
    article, _ = _articles()[2]
    got = store.article(article.id)
    assert got["text"] == article.text and got["dropped"] == ["Share this article"]
    assert got["published"] == "2023-07-12"
    [event] = got["events"]
    assert article.text[event["start"]:event["end"]] == "Students marched in Nairobi on Wednesday."
    assert event["record"]["location"]["name"] == "Nairobi"
    with pytest.raises(NotFound):
        store.article("no-such-article")


def test_stored_articles_come_back_as_ingested(store):
    batches = list(store.stored_articles(batch=2))
    assert [len(b) for b in batches] == [2, 1]
    got = {a.id: a for batch in batches for a in batch}
    for article, _ in _articles():
        back = got[article.id]
        assert (back.text, back.url, back.title, back.published, back.origin, back.dropped) == \
            (article.text, article.url, article.title, article.published, article.origin, article.dropped)


def test_map_cells_and_stats_count_the_matching_events(store):
    cells = store.map_cells(EventFilter(), 1.0)
    assert sorted(c["n"] for c in cells) == [1, 2]
    stats = store.stats(EventFilter(country="KEN"))
    assert stats["total"] == 2
    assert {(x["key"], x["n"]) for x in stats["by_type"]} == {("COERCE", 1), ("PROTEST", 1)}


def test_exports_hold_every_matching_event(store, tmp_path):
    assert store.export_parquet(EventFilter(country="KEN"), tmp_path / "ken.parquet") == 2
    assert sorted(pq.read_table(tmp_path / "ken.parquet").column("type").to_pylist()) == ["COERCE", "PROTEST"]
    assert store.export_parquet(EventFilter(), tmp_path / "flat.parquet", flat=True) == 3
    table = store.events_arrow(EventFilter(type="PROTEST"))
    assert table.num_rows == 2
    rows = list(store.flat_rows(EventFilter(type="PROTEST")))
    assert [r["n_articles"] for r in rows] == [1, 1]
    assert [r["urls"] for r in rows] == [["https://example.org/0"], ["https://example.org/2"]]


def test_stories_are_built_once_and_read_back(store):
    assert store.stories() is None
    with pytest.raises(NotFound):
        store.timeline("no-story")
    made = store.build_stories()
    assert made == len(store.stories())
    assert store.build_stories() is None          # nothing changed since
    assert store.build_stories(force=True) == made
    for story in store.stories():
        assert store.timeline(story["id"])


def test_optimize_rewrites_the_table_only_when_asked_or_large(store):
    before = sorted(e["id"] for e in store.events_matching())
    assert store.optimize() is False               # three rows: far below the size worth ordering
    assert store.optimize(force=True) is True
    assert sorted(e["id"] for e in store.events_matching()) == before


def test_removing_an_article_takes_its_events_out(store):
    article, _ = _articles()[0]
    assert store.remove_articles([article.id]) == 1
    assert store.has_article(article.id) is False
    assert store.counts() == {"articles": 2, "events": 2, "article_events": 2, "skips": 0}


def test_a_corrected_article_at_the_same_url_replaces_the_old_version(store):
    old, _ = _articles()[0]
    new = Article(text=old.text + " Police dispersed them.", url=old.url)
    assert store.insert_article(new, []) == 0
    assert store.has_article(old.id) is False and store.has_article(new.id) is True
    assert store.count_matching(EventFilter(country="KAZ")) == 0


def test_a_reader_sees_the_same_database(store):
    view = store.reader()
    assert view.path == store.path and view.count_matching(EventFilter()) == 3


def test_would_join_names_the_stored_event_a_new_record_would_join(store):
    article, events = _articles()[1]
    stored = next(store.events_matching(EventFilter(type="COERCE")))
    later = Article(text="Another report. " + events[0].evidence.sentence, url="https://other.example/1")
    same = _event(later, "COERCE", NAIROBI, "2023-03-07", events[0].evidence.sentence)
    elsewhere = _event(later, "COERCE", ALMATY, "2021-06-01", events[0].evidence.sentence)
    joined, alone = store.would_join([same, elsewhere])
    assert joined[0] == stored["id"] and joined[1].verdict
    assert alone is None
    assert store.counts()["events"] == 3        # only asked: nothing stored


def test_without_merging_across_articles_each_new_record_is_one_new_event(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        store.merge_across = False
        assert store.insert_articles(_articles()) == [1, 1, 1]
        text = "Protesters rallied in Almaty on Wednesday. Students marched in Nairobi on Friday."
        article = Article(text=text, url="https://other.example/0")
        events = [_event(article, "PROTEST", ALMATY, "2022-01-05", "Protesters rallied in Almaty on Wednesday."),
                  _event(article, "PROTEST", NAIROBI, "2023-07-14", "Students marched in Nairobi on Friday.")]
        assert store.insert_article(article, events) == 2
        assert store.counts()["events"] == 5


def test_an_event_counts_its_mentions_and_distinct_sources(store):
    article, events = _articles()[1]
    later = Article(text="Another report. " + events[0].evidence.sentence, url="https://other.example/1",
                    site="other.example")
    assert store.insert_article(later, [_event(later, "COERCE", NAIROBI, "2023-03-07",
                                               events[0].evidence.sentence)]) == 0
    event_id = next(store.events_matching(EventFilter(type="COERCE")))["id"]
    assert store.db.execute("SELECT n_mentions, n_sources FROM events WHERE id = ?", [event_id]).fetchone() == (2, 2)
    protest = next(store.events_matching(EventFilter(country="KAZ")))["id"]
    assert store.db.execute("SELECT n_mentions, n_sources FROM events WHERE id = ?", [protest]).fetchone() == (1, 1)


def test_reading_more_events_than_one_page_follows_the_cursor_without_repeats(tmp_path):
    # events_matching reads 1,000 records a page: the second page starts where the first ended
    articles = []
    for n in range(1001):
        day = f"{2000 + n // 300}-{1 + n // 25 % 12:02d}-{1 + n % 25:02d}"
        sentence = f"Protesters rallied in Almaty, report {n}."
        article = Article(text=f"{sentence} More later.", url=f"https://example.org/p{n}", title=f"P{n}",
                          site="example.org", published=day, origin=f"pages/p{n}.html")
        articles.append((article, [_event(article, "PROTEST", ALMATY, day, sentence)]))
    with Store(tmp_path / "e.duckdb") as store:
        store.merge_across = False      # one event per record: the page holds 1,001 events
        store.insert_articles(articles)
        # with a limit first: a reader that lost its cursor would start again and never end
        limited = [e["id"] for e in store.events_matching(EventFilter(limit=1001))]
        assert len(limited) == len(set(limited)) == 1001
        assert [e["id"] for e in store.events_matching()] == limited


def test_optimize_rewrites_the_table_only_when_a_tenth_of_its_rows_are_new(store):
    # the docstring: rewritten "when enough rows came since the last rewrite (or force)"
    db = store.db
    assert store.optimize() is False                     # three rows: too few to order
    db.execute("INSERT INTO events SELECT e.* REPLACE (e.id || '-' || t.i AS id) "
               "FROM events e, range(20000) t(i)")       # 60,003 rows, none ordered yet
    assert store.optimize() is True
    assert db.execute("SELECT value FROM store_state WHERE key = 'ordered_rows'").fetchone() == (60003,)
    db.execute("INSERT INTO events SELECT e.* REPLACE (e.id || '+' || t.i AS id) "
               "FROM (SELECT * FROM events LIMIT 3) e, range(1000) t(i)")   # 3,000 new: 5 %
    assert store.optimize() is False
    assert store.optimize(force=True) is True
    types = [t for (t,) in db.execute("SELECT type FROM events").fetchall()]
    assert types == sorted(types) and store.counts()["events"] == 63003


def test_a_record_stored_without_a_source_takes_its_articles(tmp_path):
    # as_mention: the stored mention carries its article as source (site and date included)
    pairs = _articles()[:1]
    article, [event] = pairs[0]
    event.source = None
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_articles(pairs)
        [record] = store.events_matching()
    assert record["source"] == {"article_id": article.id, "url": "https://example.org/0", "title": "Report 0",
                                "site": "example.org", "published": "2022-01-05"}


def test_a_story_filter_on_the_arrow_export_reads_the_stores_shape(store):
    # before stories are built the store cannot filter by one; once built, it can (the export
    # must read the store's shape, not assume a database without stories)
    with pytest.raises(QueryError):
        store.events_arrow(EventFilter(story="s1"))
    store.build_stories()
    stories = store.stories()
    want = {story["id"]: len(store.timeline(story["id"])) for story in stories}
    for story_id, n in {**want, "no-such-story": 0}.items():
        assert store.events_arrow(EventFilter(story=story_id)).num_rows == n
