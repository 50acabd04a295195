"""The invariants every finished record holds (invariants.py), on hand-made records and, with
hypothesis, on generated articles run through the real pipeline."""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from newsevents.config import Settings
from newsevents.ingest import article_from_bytes
from newsevents.invariants import finish_records, violations
from newsevents.model import Article, Count, Event, Evidence
from newsevents.pipeline import extract, extract_article
from newsevents.model import record_id as event_id

TEXT = "Police arrested 300 protesters in Almaty. The protest went on."


def _event(**fields) -> Event:
    sentence = "Police arrested 300 protesters in Almaty."
    event = Event(type="COERCE", status="occurred", evidence=Evidence(sentence, 0, len(sentence), "arrested", 7))
    for name, value in fields.items():
        setattr(event, name, value)
    event.id = event_id(event)
    return event


def _article(published="2022-01-13") -> Article:
    return Article(text=TEXT, published=published)


def test_an_event_that_happened_after_publication_is_dated_by_its_report():
    article = _article()
    event = _event(date="2022-01-15", date_precision="day", date_text="Saturday")
    assert violations(article, [event])
    [done] = finish_records(article, [event])
    assert (done.date, done.date_precision, done.date_text) == ("2022-01-13", "reported", None)
    assert "invariant" in done.explain[-1]
    assert violations(article, [done]) == []


def test_a_planned_event_may_be_dated_after_publication():
    article = _article()
    event = _event(status="planned", date="2022-01-15")
    assert violations(article, [event]) == []
    assert finish_records(article, [event])[0].date == "2022-01-15"


def test_an_end_before_the_start_is_dropped():
    article = _article()
    event = _event(date="2022-01-10", date_end="2022-01-08")
    [done] = finish_records(article, [event])
    assert (done.date, done.date_end) == ("2022-01-10", None)
    assert violations(article, [done]) == []


def test_an_impossible_count_is_dropped():
    article = _article()
    event = _event(counts={"detained": Count("detained", 300, 200, "300"), "killed": Count("killed", -1, None, "x"),
                           "injured": Count("injured", 4, 4, "four")})
    assert len(violations(article, [event])) == 2
    [done] = finish_records(article, [event])
    assert set(done.counts) == {"injured"}


def test_evidence_is_moved_to_its_sentence_or_the_record_dropped():
    article = _article()
    shifted = _event()
    shifted.evidence = Evidence(shifted.evidence.sentence, 3, 3 + len(shifted.evidence.sentence), "arrested", 10)
    lost = _event()
    lost.evidence = Evidence("Nothing like this is in the text.", 0, 33)
    assert len(violations(article, [shifted, lost])) == 2
    [done] = finish_records(article, [shifted, lost])
    assert (done.evidence.start, done.evidence.trigger_start) == (0, 7)
    assert violations(article, [done]) == []


def test_the_id_is_the_hash_of_the_finished_record():
    article = _article()
    event = _event(date="2022-01-15")
    stale = event.id
    [done] = finish_records(article, [event])
    assert done.id != stale and done.id == event_id(done)


def test_regression_saturday_after_a_thursday_report_is_the_saturday_before():
    """Issue 17: "police arrested 300 protesters on Saturday as demonstrations spread", published
    on a Thursday, gave the protest the following Saturday."""
    text = ("Police arrested 300 protesters on Saturday as demonstrations spread across the country, "
            "officials said.")
    events = extract(text, published="2022-01-13")
    assert events
    for event in events:
        if event.status in ("occurred", "ongoing") and event.date:
            assert event.date <= "2022-01-13"


# ------------------------------------------------------------------ generated articles

ACTORS = ("Police", "Soldiers", "Protesters", "The government of Kenya", "Rebels", "Hundreds of students",
          "Russian troops", "The United Nations")
VERBS = ("arrested {n} protesters", "attacked a convoy, killing {n} people", "marched through the capital",
         "met officials from Ukraine", "detained {n} opposition members", "will meet the president",
         "plans to hold a rally", "accused the army of abuses", "said they had killed {n} fighters",
         "clashed with police, leaving {n} injured", "denied attacking the village")
TIMES = ("", " on Saturday", " on Monday", " yesterday", " last week", " next week", " tomorrow",
         " on March 3", " in 2019", " between May 2 and May 5", " since December", " this month",
         " on Sunday night", " two days ago", " later this year")
PLACES = ("", " in Nairobi", " in northern Mali", " near Kabul", " in Almaty")
NUMBERS = ("3", "12", "300", "dozens of", "more than 40", "up to 1,000", "two")


@st.composite
def articles(draw):
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        verb = draw(st.sampled_from(VERBS)).format(n=draw(st.sampled_from(NUMBERS)))
        sentences.append(f"{draw(st.sampled_from(ACTORS))} {verb}{draw(st.sampled_from(TIMES))}"
                         f"{draw(st.sampled_from(PLACES))}, officials said.")
    day = date(2015, 1, 1) + timedelta(days=draw(st.integers(0, 3000)))
    published = draw(st.sampled_from((day.isoformat(), None)))
    joiner = draw(st.sampled_from((" ", "\n\n")))
    return Article(text=joiner.join(sentences), published=published)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_generated_articles_break_no_invariant_and_get_the_same_ids_twice(nlp, article):
    events = extract_article(article)
    assert violations(article, events) == []
    again = extract_article(Article(text=article.text, published=article.published))
    assert [e.id for e in again] == [e.id for e in events]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_generated_html_pages_break_no_invariant(nlp, article):
    """The same through ingest: an HTML page with its date in the metadata, extracted by trafilatura."""
    meta = f'<meta property="article:published_time" content="{article.published}">' if article.published else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in article.text.split("\n\n"))
    html = (f"<html><head><title>News</title>{meta}</head><body><article><h1>News of the day</h1>{paragraphs}"
            f"<p>{'The report was confirmed by several sources on the ground. ' * 3}</p></article></body></html>")
    events = extract(html)
    if events:
        assert all(e.source.published == article.published for e in events)
        page = article_from_bytes(html.encode(), "<test>", Settings())
        assert violations(page, events) == []
