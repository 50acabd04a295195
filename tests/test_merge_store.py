"""Merging in the store: any ingest order gives the same events, re-ingest changes nothing, a
corrected article replaces its mentions (an event may split), old ids resolve, schema 2 migrates."""
import json
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.model import Article
from newsevents.store import EventFilter, Store

from merge_fixtures import NAIROBI, article, corpus, mention, police, protesters

V2 = Path(__file__).parent / "fixtures" / "store_v2"
CORPUS = corpus()


def _state(store: Store) -> dict:
    """Every event's record and its mention ids, by event id (what must not depend on order)."""
    out = {}
    for record in store.events_matching():
        full = store.event(record["id"])
        mentions = sorted(m["mention_id"] for m in full.pop("mentions"))
        out[record["id"]] = (json.dumps(full, sort_keys=True), mentions)
    return out


def _ingest(order: list[int], cuts: list[int]) -> dict:
    with Store(":memory:") as store:
        pairs = [CORPUS[i] for i in order]
        bounds = sorted({0, len(pairs), *cuts})
        for lo, hi in zip(bounds, bounds[1:]):
            store.insert_articles(pairs[lo:hi])
        return _state(store)


EXPECTED = _ingest(list(range(len(CORPUS))), [])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(len(CORPUS))), st.lists(st.integers(1, len(CORPUS) - 1), max_size=3))
def test_any_ingest_order_and_batching_gives_the_same_events(order, cuts):
    assert _ingest(order, cuts) == EXPECTED


def test_the_corpus_gives_five_events_one_of_them_reported_three_times():
    assert sorted(len(m) for _, m in EXPECTED.values()) == [1, 1, 1, 1, 3]


def test_reingesting_an_article_changes_nothing():
    with Store(":memory:") as store:
        assert store.insert_articles(CORPUS) == [2, 0, 0, 1, 1, 1]
        before = _state(store)
        assert store.insert_articles(CORPUS[:3]) == [None, None, None]
        assert _state(store) == before


def test_a_corrected_article_replaces_its_mentions_and_an_event_may_split():
    a = article("Police arrested 40 protesters in Nairobi on Saturday.", "a.example", "2023-03-12")
    b = article("Police detained 40 people in Nairobi at the weekend, officials said.", "b.example", "2023-03-13")
    c = article("Police detained people in Nairobi at the weekend.", "c.example", "2023-03-13")
    first = mention(a, "COERCE", a.text, "2023-03-11", actor1=police(), actor2=protesters(), place=NAIROBI)
    # b is the bridge: a and c name days a day apart (too weak on their own, yet compatible), b's
    # weekend covers both and its words are c's, so the three average enough agreement together
    second = mention(b, "COERCE", b.text, "2023-03-11", "week", "2023-03-12", actor1=police(), place=NAIROBI)
    third = mention(c, "COERCE", c.text, "2023-03-12", actor1=police(), place=NAIROBI)
    with Store(":memory:") as store:
        store.insert_articles([(a, [first]), (b, [second]), (c, [third])])
        [event] = store.events_matching()
        assert len(store.event(event["id"])["mentions"]) == 3
        # b's corrected text (same URL) reports a march, not the arrest
        fixed = Article(text="Protesters marched in Nairobi at the weekend.", url=b.url, site=b.site,
                        published=b.published)
        march = mention(fixed, "PROTEST", fixed.text, "2023-03-11", actor1=protesters(), place=NAIROBI)
        assert store.insert_articles([(fixed, [march])]) == [1]
        assert not store.has_article(b.id) and store.has_article(fixed.id)
        events = {e["type"]: e for e in store.events_matching(EventFilter(type="COERCE"))}
        arrests = list(store.events_matching(EventFilter(type="COERCE")))
        assert len(arrests) == 2 and len(events) == 1      # the arrest split in two without its bridge
        assert store.resolve_id(event["id"]) in {e["id"] for e in arrests}
        assert store.counts()["article_events"] == 3


def test_an_earlier_report_takes_the_anchor_and_the_old_id_still_resolves():
    late = article("Police arrested 40 protesters in Nairobi on Saturday.", "a.example", "2023-03-14")
    early = article("Police arrested dozens of protesters in Nairobi on Saturday.", "b.example", "2023-03-12")
    with Store(":memory:") as store:
        store.insert_articles([(late, [mention(late, "COERCE", late.text, "2023-03-11", actor1=police(),
                                               actor2=protesters(), place=NAIROBI)])])
        [old] = [e["id"] for e in store.events_matching()]
        store.insert_articles([(early, [mention(early, "COERCE", early.text, "2023-03-11", actor1=police(),
                                                actor2=protesters(), place=NAIROBI)])])
        [new] = [e["id"] for e in store.events_matching()]
        assert new != old and store.event(old)["id"] == new
        mentions = store.event(new)["mentions"]
        assert [m["article_id"] for m in mentions] == [early.id, late.id]
        # the mention that joined says why; the first report joined nothing
        assert mentions[0]["match"]["verdict"] and "place (city)" in mentions[0]["match"]["agreed"]
        assert mentions[1]["match"] is None


def test_without_merging_across_only_the_same_record_key_is_one_event():
    with Store(":memory:") as store:
        store.merge_across = False
        store.insert_articles(CORPUS)
        assert store.counts()["events"] == 7


def test_stories_are_built_on_demand_and_listed_with_a_timeline():
    with Store(":memory:") as store:
        assert store.stories() is None
        store.insert_articles(CORPUS)
        assert store.build_stories() == 1 and store.build_stories() is None
        [story] = store.stories()
        dates = [e["date"] for e in store.timeline(story["id"])]
        assert dates == sorted(dates) and len(dates) == 2
        assert len(list(store.events_matching(EventFilter(story=story["id"])))) == 2


def test_a_schema_2_database_is_migrated_to_mentions(tmp_path):
    path = tmp_path / "v2.duckdb"
    db = duckdb.connect(str(path))
    db.execute((V2 / "schema.sql").read_text())
    db.execute((V2 / "load.sql").read_text().replace("{dir}", str(V2)))
    # one event with a date of precision 'reported' (it bounds the event from above)
    db.execute("UPDATE events SET date_precision = 'reported', record = json_merge_patch(record, "
               "'{\"date_precision\": \"reported\"}')::VARCHAR WHERE id = '0ff84fc94d580561'")
    old = dict(db.execute("SELECT id, record FROM events").fetchall())
    db.close()
    with Store(path) as store:
        assert store.schema_version() == 3
        assert store.counts() == {"articles": 2, "events": 2, "article_events": 3, "skips": 0}
        for old_id, text in old.items():
            record = store.event(old_id)        # through event_aliases
            mentions = record.pop("mentions")
            assert record.pop("id") == store.resolve_id(old_id)
            assert record == {k: v for k, v in json.loads(text).items() if k != "id"}
            assert {m["record"]["source"]["article_id"] for m in mentions} == {m["article_id"] for m in mentions}
        shared = store.db.execute("SELECT n_mentions, n_sources FROM events ORDER BY n_mentions DESC").fetchall()
        assert shared == [(2, 2), (1, 1)]
        # migrated mentions carry the date windows that inserted ones get
        from newsevents.merge.match import date_window
        from newsevents.model import Event
        for lo, hi, text in store.db.execute("SELECT day_lo, day_hi, record FROM mentions").fetchall():
            assert (lo, hi) == date_window(Event.from_dict(json.loads(text)))
        # a new report of the migrated arrest joins it
        c = article("Police arrested 40 protesters in Nairobi on Saturday, witnesses said.", "c.example", "2023-03-13")
        store.insert_articles([(c, [mention(c, "COERCE", c.text, "2023-03-11", actor1=police(),
                                            actor2=protesters(), place=NAIROBI)])])
        assert store.counts()["events"] == 2
