"""Merging mentions across articles (merge/): the pairwise predicate and its traps, grouping,
the merged event's fields, and stories. Records are built directly: no parse is needed."""
from dataclasses import replace

import pytest

from newsevents.merge.cluster import cluster
from newsevents.merge.derive import derive
from newsevents.merge.match import match
from newsevents.merge.stories import build_stories
from newsevents.model import Actor, mention_id

from merge_fixtures import ALMATY, MOMBASA, NAIROBI, article, corpus, mention, police, protesters, security_forces


def _ids(events):
    for e in events:
        e.id = mention_id(e.source.article_id, e.id)
    return events


def test_one_arrest_told_on_saturday_and_last_week_merges():
    a = article("Police arrested 40 protesters in Nairobi on Saturday.", "a.example", "2023-03-13")
    b = article("Kenyan security forces detained dozens of demonstrators in Nairobi last week.", "b.example",
                "2023-03-15")
    x = mention(a, "COERCE", a.text, "2023-03-11", actor1=police(), actor2=protesters(), place=NAIROBI)
    y = mention(b, "COERCE", b.text, "2023-03-06", "week", "2023-03-12", actor1=security_forces(),
                actor2=protesters(), place=NAIROBI)
    why = match(x, y)
    assert why.verdict and why.date_days == 0 and why.place_km == 0
    assert {"actor1", "actor2", "place (city)"} <= set(why.agreed)
    assert why.to_dict() == match(y, x).to_dict()      # symmetric


def test_police_and_security_forces_of_one_country_merge_but_not_of_two():
    a = article("Police fired tear gas at protesters in Almaty on Wednesday.", "a.example", "2022-01-06")
    b = article("Security forces fired on crowds in Almaty on Wednesday.", "b.example", "2022-01-06")
    x = mention(a, "ASSAULT", a.text, "2022-01-05", actor1=police("KAZ"), place=ALMATY)
    y = mention(b, "ASSAULT", b.text, "2022-01-05", actor1=security_forces("KAZ"), place=ALMATY)
    assert match(x, y).verdict
    y.actor1 = security_forces("RUS")
    assert match(x, y).conflict == "actor1"


def test_the_same_actors_and_place_on_different_days_stay_apart():
    a = article("Police arrested 40 protesters in Nairobi on Saturday.", "a.example", "2023-03-13")
    b = article("Police arrested 40 protesters in Nairobi on Saturday.", "b.example", "2023-03-20")
    x = mention(a, "COERCE", a.text, "2023-03-11", actor1=police(), actor2=protesters(), place=NAIROBI)
    y = mention(b, "COERCE", b.text, "2023-03-18", actor1=police(), actor2=protesters(), place=NAIROBI)
    why = match(x, y)
    assert not why.verdict and why.conflict == "date" and why.date_days == 7


def test_two_unnamed_arrests_on_one_day_merge_only_on_similar_evidence():
    a = article("A journalist was detained at a checkpoint on Friday.", "a.example", "2023-03-11")
    b = article("Two teachers were arrested over a school exam leak on Friday.", "b.example", "2023-03-11")
    c = article("On Friday a journalist was detained at an army checkpoint.", "c.example", "2023-03-11")
    x, y, z = (mention(art, "COERCE", art.text, "2023-03-10") for art in (a, b, c))
    assert not match(x, y).verdict and match(x, y).conflict == "too little agreement"
    assert match(x, z).verdict and "evidence" in match(x, z).agreed


def test_status_and_named_actors_must_be_compatible():
    a = article("Rebels attacked the town of Kidal on Monday.", "a.example", "2023-03-14")
    b = article("Rebels denied attacking the town of Kidal on Monday.", "b.example", "2023-03-14")
    x = mention(a, "ASSAULT", a.text, "2023-03-13", actor1=Actor("rebels", name="CMA", country="MLI", sector="REB"))
    y = mention(b, "ASSAULT", b.text, "2023-03-13", actor1=Actor("rebels", name="CMA", country="MLI", sector="REB"),
                status="denied")
    assert match(x, y).conflict == "status"
    assert match(x, replace(y, status="claimed")).verdict
    # a claim and its denial report one downing (the denial itself is a REJECT of its own)
    assert match(replace(x, status="claimed"), y).compatible
    # a march announced, then held, is one event; a supposed one is not the one that happened
    assert match(replace(x, status="planned"), x).verdict
    assert match(replace(x, status="hypothetical"), x).conflict == "status"
    # two different named actors of one country are two actors
    other = replace(y, status="occurred", actor1=Actor("rebels", name="JNIM", country="MLI", sector="REB"))
    assert match(x, other).conflict == "actor1"


def test_places_too_far_apart_for_their_precision_do_not_merge():
    a = article("Police arrested 40 protesters in Nairobi on Saturday.", "a.example", "2023-03-13")
    b = article("Police arrested 40 protesters in Mombasa on Saturday.", "b.example", "2023-03-13")
    x = mention(a, "COERCE", a.text, "2023-03-11", actor1=police(), place=NAIROBI)
    y = mention(b, "COERCE", b.text, "2023-03-11", actor1=police(),
                place=dict(NAIROBI, name="Mombasa", lat=-4.05466, lon=39.66359, geonames_id=186301))
    assert match(x, y).conflict == "place"
    y.location.precision = "country"
    assert match(x, y).verdict         # "in Kenya": the same country is all it says


def test_a_spot_without_coordinates_or_a_town_in_the_named_province_does_not_veto():
    a = article("Police arrested 14 people outside parliament in Nairobi on Tuesday.", "a.example", "2023-03-15")
    b = article("Police arrested 14 people outside parliament on Tuesday.", "b.example", "2023-03-15")
    x = mention(a, "COERCE", a.text, "2023-03-14", actor1=police(), place=NAIROBI)
    spot = dict(name="parliament", country="KEN", precision="point")       # the gazetteer lacks it
    y = mention(b, "COERCE", b.text, "2023-03-14", actor1=police(), place=spot)
    assert match(x, y).compatible and match(x, y).place_km is None
    # a named spot agrees with the same spot only by name; two different towns still conflict
    assert "place (city)" in match(y, replace(y, location=replace(y.location))).agreed
    province = dict(NAIROBI, name="Nairobi County", admin1=None, lat=-1.0, lon=37.5, geonames_id=1,
                    precision="admin1")
    town = dict(NAIROBI, name="Ruiru", admin1="Nairobi County", lat=-1.15, lon=36.96, geonames_id=2)
    far = replace(x, location=replace(x.location, **town, text="Ruiru"))
    assert match(replace(x, location=replace(x.location, **province, text="Nairobi County")), far).compatible
    mombasa = dict(NAIROBI, name="Mombasa", lat=-4.05466, lon=39.66359, geonames_id=186301)
    assert match(x, replace(x, location=replace(x.location, **mombasa, text="Mombasa"))).conflict == "place"


def test_a_report_that_fits_two_events_does_not_chain_them():
    # two meetings of the same ministers in one city on consecutive days, and a later report dated
    # only by its month that fits both: single links would make the three one event
    day1 = article("The ministers met in Nairobi on Monday to discuss the border.", "a.example", "2023-03-14")
    day2 = article("A second round of talks on trade opened in Nairobi on Tuesday.", "b.example", "2023-03-15")
    later = article("The ministers met in Nairobi this month to discuss the border.", "c.example", "2023-03-30")
    ministers = Actor("the ministers", name="Kenya", country="KEN", sector="GOV")
    mentions = _ids([
        mention(day1, "CONSULT", day1.text, "2023-03-13", actor1=ministers, place=NAIROBI),
        mention(day2, "CONSULT", day2.text, "2023-03-14", actor1=ministers, place=NAIROBI),
        mention(later, "CONSULT", later.text, "2023-03", "month", actor1=ministers, place=NAIROBI)])
    first, second, recall = mentions
    assert match(first, recall).verdict and match(second, recall).verdict
    assert match(first, second).compatible and not match(first, second).verdict
    groups = [[m.id for m in g] for g in cluster(mentions)]
    assert len(groups) == 2 and [first.id, recall.id] in groups      # the border talk's words decide
    assert [[m.id for m in g] for g in cluster(list(reversed(mentions)))] == groups


def test_clusters_do_not_depend_on_the_order_of_mentions():
    mentions = _ids([m for _, found in corpus() for m in found])
    groups = [[m.id for m in g] for g in cluster(mentions)]
    assert [[m.id for m in g] for g in cluster(list(reversed(mentions)))] == groups
    assert sorted(len(g) for g in groups) == [1, 1, 1, 1, 3]


def test_the_merged_event_takes_the_most_precise_values_and_a_count_range():
    mentions = _ids([m for _, found in corpus() for m in found])
    arrest = next(g for g in cluster(mentions) if len(g) == 3)
    event = derive(arrest)
    assert event.id == arrest[0].id and arrest[0].source.published == "2023-03-12"   # the earliest report
    assert event.date == "2023-03-11" and event.date_precision == "day"
    assert event.location.name == "Nairobi"
    detained = event.counts["detained"]
    assert (detained.min, detained.max, detained.sources) == (24, 52, 3)
    assert event.status == "occurred"           # two occurred, one claimed
    assert event.confidence == pytest.approx(1 - 0.4 ** 3, abs=1e-3)    # three sites
    assert event.actor2 is not None             # from the mention that names both sides
    assert derive(list(reversed(arrest))).to_dict() == event.to_dict()


def test_stories_join_events_connected_in_place_time_and_actors():
    mentions = _ids([m for _, found in corpus() for m in found])
    events = [derive(g) for g in cluster(mentions)]
    stories, member = build_stories(events)
    # the arrest, the march in Mombasa (the protesters, 440 km away: not the same place) and the
    # arrest a week later (police and protesters in Nairobi, seven days on)
    [story] = stories
    assert story["n_events"] == 2 and story["title"] == "Nairobi, March 2023: COERCE"
    assert str(story["date_start"]) == "2023-03-11" and str(story["date_end"]) == "2023-03-18"
    assert build_stories(list(reversed(events)))[0] == stories


def test_an_event_dated_only_to_a_year_links_no_story():
    # "since 2019" spans a year: it would bridge the March 2023 arrest to anything that year
    mentions = _ids([m for _, found in corpus() for m in found])
    events = [derive(g) for g in cluster(mentions)]
    stories, _ = build_stories(events)
    old = article("Police have detained protesters in Nairobi since 2019.", "wire.test", "2023-03-20")
    yearly = _ids([mention(old, "COERCE", "Police have detained protesters in Nairobi since 2019.",
                           date="2019-01-01", date_end="2023-03-20", precision="year",
                           actor1=police(), actor2=protesters(), place=NAIROBI)])
    with_year, member = build_stories(events + [derive(yearly)])
    assert with_year == stories and yearly[0].id not in member


def test_one_sentence_tells_an_event_twice_but_two_targets_stay_two():
    from newsevents.merge.within import reported_again
    from newsevents.model import Actor
    sentence = "Gunmen attacked a police station and a school in Nairobi on Monday."
    art = article(sentence, "example.org", "2024-06-26")
    gunmen = Actor("Gunmen", sector="REB")
    station = mention(art, "ASSAULT", sentence, "2024-06-24", actor1=gunmen, actor2=Actor("a police station"),
                      place=NAIROBI)
    # the same sentence's second trigger without participants or place of its own: the same attack
    bare = mention(art, "ASSAULT", sentence, "2024-06-24")
    assert reported_again([station], bare) is station
    # a second target, a second place or another day in the sentence: another event
    school = mention(art, "ASSAULT", sentence, "2024-06-24", actor1=gunmen, actor2=Actor("a school"))
    assert reported_again([station], school) is None
    elsewhere = mention(art, "ASSAULT", sentence, "2024-06-24", place=MOMBASA)
    assert reported_again([station], elsewhere) is None
    earlier = mention(art, "ASSAULT", sentence, "2024-06-23")
    assert reported_again([station], earlier) is None
    # a record of another sentence is left to keys and back-references
    other = article("A bomb went off. " + sentence, "example.org", "2024-06-26")
    first = mention(other, "ASSAULT", "A bomb went off.", "2024-06-24")
    assert reported_again([first], mention(other, "ASSAULT", sentence, "2024-06-24")) is None


def test_authorities_and_police_of_one_country_are_compatible_but_do_not_score_as_one_sector():
    a = article("Kazakh authorities detained dozens of demonstrators in Almaty.", "a.example", "2025-01-05")
    b = article("Police detained dozens of demonstrators in Almaty on Saturday.", "b.example", "2025-01-04")
    authorities = Actor("Kazakh authorities", name="Kazakhstan", country="KAZ", sector="GOV")
    x = mention(a, "COERCE", a.text, actor1=authorities, place=ALMATY)
    y = mention(b, "COERCE", b.text, "2025-01-04", actor1=police("KAZ"), place=ALMATY)
    found = match(x, y)
    assert found.compatible and found.actors.startswith("related sectors") and "actor1" not in found.agreed
    z = mention(b, "COERCE", b.text, "2025-01-04", actor1=replace(authorities, country="KEN"), place=ALMATY)
    assert match(x, z).conflict == "actor1"


def test_a_reported_date_bounds_the_event_from_above_only():
    # no time words: published on the 18th, so on or before it; a day stated four days earlier fits
    late = article("Police detained the protest's organisers, their lawyers said.", "a.example", "2025-03-18")
    told = article("Police detained the protest's organisers on Friday.", "b.example", "2025-03-14")
    after = article("Police detained the protest's organisers on Monday.", "c.example", "2025-03-24")
    x = mention(late, "COERCE", late.text, actor1=police())
    assert match(x, mention(told, "COERCE", told.text, "2025-03-14", actor1=police())).compatible
    assert match(x, mention(after, "COERCE", after.text, "2025-03-24", actor1=police())).conflict == "date"
