"""Property-based tests (hypothesis) of the text stages: any text terminates; every evidence
offset points into the text; every date is a valid date; every count is non-negative with
min <= max."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings, strategies as st

from newsevents.config import Settings
from newsevents.errors import InputError
from newsevents.extraction.sentences import split_sentences
from newsevents.ingest import article_from_text
from newsevents.pipeline import extract_articles, text_parts
from newsevents.resolve.dates import find_time_mentions

NEWS_WORDS = ("police arrested protesters killed injured at least 40 dozens hundreds of soldiers attacked the "
              "village on Tuesday last week in March 2021 next month 1999 0 9999 year ago since between and "
              "to officials said government Kenya Nairobi Russia troops withdrew sanctions imposed 3,000 "
              "rebels 12 detained people marched capital . , ; \" ' ( ) - \n").split(" ")
words = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=12),
                           st.integers(min_value=-10**6, max_value=10**400).map(str)), max_size=80)
texts = words.map(" ".join)
ANCHOR = date(2023, 3, 7)


def valid_day(value: str | None) -> bool:
    return value is None or bool(date.fromisoformat(value))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_sentences_cover_the_text_with_true_offsets(text):
    for sentence in split_sentences(text):
        assert 0 <= sentence.start <= sentence.end <= len(text)
        assert text[sentence.start:sentence.end] == sentence.text


@settings(max_examples=300, deadline=None)
@given(texts, st.dates(min_value=date(1800, 1, 1), max_value=date(2199, 12, 31)))
def test_time_mentions_point_into_the_text_and_are_valid_dates(text, anchor):
    for mention in find_time_mentions(text, anchor):
        assert 0 <= mention.start <= mention.end <= len(text)
        if mention.when:
            assert valid_day(mention.when.date) and valid_day(mention.when.date_end)
            if mention.when.date and mention.when.date_end:
                assert mention.when.date <= mention.when.date_end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000), st.integers(min_value=50, max_value=500))
def test_parts_cut_the_text_without_losing_a_character(text, size):
    import newsevents.pipeline as pipeline
    parts = pipeline._cut(text, 0, len(text), size)
    assert "".join(p for _, p in parts) == text
    assert all(text[o:o + len(p)] == p and len(p) <= size for o, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in text_parts(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3))
@example(
    paragraphs=[';²'],
).via('discovered failure')
def test_events_have_true_offsets_valid_dates_and_sane_counts(paragraphs):
    text = "\n\n".join(p for p in paragraphs) + " Police arrested 40 protesters in Nairobi on Tuesday."
    try:
        article = article_from_text(text * 2, "prop", Settings(min_chars=1), published="2023-03-07")
    except InputError:
        return
    for event in extract_articles([article], Settings())[0]:
        ev = event.evidence
        assert ev is None or 0 <= ev.start <= ev.end <= len(article.text)
        assert valid_day(event.date) and valid_day(event.date_end)
        for count in event.counts.values():
            assert count.min is None or count.min >= 0
            assert count.max is None or count.max >= 0
            assert count.min is None or count.max is None or count.min <= count.max
