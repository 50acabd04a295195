"""The event queries as SQL: filter validation, cursors and the page query, run on a real DuckDB."""
import pytest

from newsevents.errors import QueryError
from newsevents.model import Actor, Article, Event, Evidence, Place, Source
from newsevents.queries import EventFilter, StoreShape, decode_cursor, encode_cursor, page_sql, where_clause
from newsevents.store import Store


def test_an_empty_filter_has_no_where_clause():
    assert where_clause(EventFilter()) == ("", [])


def test_values_are_parameters_never_sql():
    sql, params = where_clause(EventFilter(q="'; DROP TABLE events; --", actor="O'Brien"))
    assert "DROP" not in sql and "O'Brien" not in sql
    assert "%'; DROP TABLE events; --%" in params


def test_like_wildcards_in_text_are_literal(tmp_path):
    article = Article(text="Protesters rallied in Almaty, 100% of the square full.")
    event = Event(type="PROTEST", cameo="141", actor1=Actor("Protesters"), date="2022-01-05",
                  location=Place("Almaty", name="Almaty", country="KAZ", lat=43.2, lon=76.9),
                  evidence=Evidence(article.text, 0, len(article.text), "rallied", 11),
                  source=Source(article.id))
    event.assign_id()
    with Store(tmp_path / "e.duckdb") as store:
        store.insert_article(article, [event])
        assert len(list(store.events_matching(EventFilter(q="100%")))) == 1
        assert list(store.events_matching(EventFilter(q="100%_x"))) == []
        assert len(list(store.events_matching(EventFilter(q="almaty")))) == 1   # any case


@pytest.mark.parametrize("f, words", [
    (EventFilter(type="PROTESTS"), "unknown type"),
    (EventFilter(status="rumour"), "unknown status"),
    (EventFilter(country="KE"), "alpha-3"),
    (EventFilter(since="2022-1-5"), "YYYY-MM-DD"),
    (EventFilter(bbox="10,10,0,0"), "min_lon <= max_lon"),
    (EventFilter(cameo="14a"), "CAMEO"),
    (EventFilter(story="s1"), "no stories"),
])
def test_bad_filters_say_what_to_give(f, words):
    with pytest.raises(QueryError, match=words):
        where_clause(f)


def test_a_story_filter_uses_whatever_links_the_database_has():
    assert "story_events" in where_clause(EventFilter(story="s1"), StoreShape(tables=frozenset({"story_events"})))[0]
    column = StoreShape(event_columns=frozenset({"story_id"}), tables=frozenset({"events", "stories"}))
    assert "story_id = ?" in where_clause(EventFilter(story="s1"), column)[0]
    # every schema-3 events table has the column: stories exist only once their table is built
    with pytest.raises(QueryError, match="no stories"):
        where_clause(EventFilter(story="s1"), StoreShape(event_columns=frozenset({"story_id"})))


def test_cursors_round_trip_and_belong_to_their_sort():
    cursor = encode_cursor("-date", "2022-01-05", 41)
    assert decode_cursor(cursor, "-date") == ("2022-01-05", 41)
    with pytest.raises(QueryError, match="sort=-date"):
        decode_cursor(cursor, "date")
    with pytest.raises(QueryError, match="cursor"):
        decode_cursor("bm90IGpzb24", "date")


def test_a_page_asks_for_one_row_more_than_its_size():
    sql, _ = page_sql(EventFilter(type="PROTEST"), "-confidence", None, 25)
    assert sql.endswith("LIMIT 26") and "DESC" in sql


def test_a_country_matches_either_actor_or_the_place_and_several_countries_any(tmp_path):
    cases = [("KEN", "UGA", "UGA"), (None, "ETH", "TZA"), (None, None, None)]
    with Store(tmp_path / "e.duckdb") as store:
        for i, (c1, c2, place) in enumerate(cases):
            # an article each: events of one sentence would be merged into one record
            article = Article(text=f"Report {i}: police arrested traders on day {i + 1}.")
            event = Event(type="COERCE", cameo="173", actor1=Actor("police", country=c1),
                          actor2=Actor("traders", country=c2), date=f"2022-0{i + 1}-01",
                          location=Place("somewhere", country=place) if place else None,
                          evidence=Evidence(article.text, 0, len(article.text), "arrested", 17),
                          source=Source(article.id))
            event.assign_id()
            store.insert_article(article, [event])

        def dates(country):
            return sorted(e["date"] for e in store.events_matching(EventFilter(country=country)))
        assert dates("KEN") == ["2022-01-01"]                   # actor1 only
        assert dates("ETH") == ["2022-02-01"]                   # actor2 only
        assert dates("TZA") == ["2022-02-01"]                   # the place only
        assert dates("UGA,TZA") == ["2022-01-01", "2022-02-01"]
        assert dates("USA") == []                               # no country at all is no match
        assert store.count_matching(EventFilter(country="KEN,ETH")) == 2


@pytest.mark.parametrize("every", [2, 5])   # matches close together (the band is read) or far apart
def test_a_page_holds_the_matching_records_only_in_order(tmp_path, every):
    with Store(tmp_path / "e.duckdb") as store:
        for i in range(20):
            article = Article(text=f"Report {i}: crowds gathered in the square on day {i + 1}.")
            event = Event(type="PROTEST" if i % every == 0 else "ASSAULT", cameo="141", actor1=Actor("crowds"),
                          date=f"2022-01-{i + 1:02d}", evidence=Evidence(article.text, 0, len(article.text),
                                                                         "gathered", 18),
                          source=Source(article.id))
            event.assign_id()
            store.insert_article(article, [event])
        page, following = store.events_page(EventFilter(type="PROTEST"), "-date", None, 3, as_json=False)
        wanted = [f"2022-01-{i + 1:02d}" for i in range(19, -1, -1) if i % every == 0][:3]
        assert [e["date"] for e in page] == wanted and all(e["type"] == "PROTEST" for e in page)
        assert following is not None
