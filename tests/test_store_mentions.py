"""The store's candidate join and the score bound only save work: the join never leaves out a
stored mention that ``match`` finds compatible with a new one, and ``score_bound`` is never under
the score ``match`` gives, so merging at insert gives the events of matching every pair."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.merge.cluster import links
from newsevents.merge.match import config, match, score_bound
from newsevents.model import STATUSES, Actor
from newsevents.store import Store
from newsevents.store_mentions import candidate_pairs, stored_mention

from merge_fixtures import ALMATY, NAIROBI, article, mention

# Names that trip each rule: a country's own name ("Kenya" for Kenya's police), a proper name in
# two cases, a name DuckDB and Python lowercase differently (dotted capital I), empty strings
NAMES = [None, "", "Kenya", "kenya", "Kazakhstan", "Ruto", "RUTO", "Odinga", "\u0130nal Group", "i\u0307nal group"]
COUNTRIES = [None, "", "KEN", "KAZ"]
SECTORS = [None, "", "COP", "MIL", "GOV", "CVL", "OPP"]
SENTENCES = ["Police arrested protesters in the capital.", "Police detained protesters in the capital today.",
             "Two teachers were arrested over an exam leak.", "A journalist was held at a checkpoint."]
actors = st.one_of(st.none(), st.builds(lambda n, c, s: Actor("someone", name=n, country=c, sector=s),
                                        st.sampled_from(NAMES), st.sampled_from(COUNTRIES), st.sampled_from(SECTORS)))
places = st.sampled_from([None, NAIROBI, ALMATY, dict(NAIROBI, country=None), dict(ALMATY, country="")])
dates = st.sampled_from([("2023-03-10", "day"), ("2023-03-11", "day"), ("2023-03-06", "week"), (None, None)])


@st.composite
def mentions(draw, site: str):
    sentence = draw(st.sampled_from(SENTENCES))
    art = article(sentence + f" ({site})", site, "2023-03-12")
    day, precision = draw(dates)
    event = mention(art, "COERCE", sentence, day, precision or "day", actor1=draw(actors), actor2=draw(actors),
                    place=draw(places), status=draw(st.sampled_from(STATUSES)))
    event.mode = draw(st.sampled_from([None, "arrest", "seize"]))
    return art, event


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mentions("stored.example"), min_size=1, max_size=6), mentions("new.example"))
def test_the_candidate_join_keeps_every_stored_mention_match_finds_compatible(stored, new):
    with Store(":memory:") as store:
        store.merge_across = False      # each mention its own row, nothing merged before the probe
        for i, (art, event) in enumerate(stored):
            art.url, art.site = f"https://s{i}.example/a", f"s{i}.example"
            store.insert_articles([(art, [event])])
        rows = store.db.execute("SELECT id, record FROM mentions").fetchall()
        _, probe = new
        probe.id = "probe"
        _, kept = candidate_pairs(store.db, {}, [probe])
        for mid, text in rows:
            other = stored_mention(mid, text)
            if match(probe, other).compatible:
                assert "probe" in kept.get(mid, ()), (probe, other)


@settings(max_examples=300, deadline=None)
@given(mentions("a.example"), mentions("b.example"))
def test_the_score_bound_is_never_under_the_score(a, b):
    why = match(a[1], b[1])
    if why.compatible:
        assert score_bound(a[1], b[1]) >= why.score
    if why.verdict:
        assert score_bound(a[1], b[1]) >= config()["threshold"]


@settings(max_examples=100, deadline=None)
@given(st.lists(mentions("new.example"), min_size=1, max_size=3),
       st.lists(mentions("stored.example"), min_size=1, max_size=4))
def test_links_are_the_matching_pairs_between_new_and_stored(new, stored):
    fresh = [m for _, m in new]
    old = [m for _, m in stored]
    for i, m in enumerate(old):
        m.id = f"s{i}"
        m.source.article_id = f"stored{i}"
    for i, m in enumerate(fresh):
        m.id = f"n{i}"
        m.source.article_id = f"new{i}"
    kept = {m.id: {n.id for n in fresh} for m in old}
    expected = {(a.id, b.id) for a in fresh for b in old if match(a, b).verdict}
    assert set(links(fresh, old, kept)) == expected
