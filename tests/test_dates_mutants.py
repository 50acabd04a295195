"""Date rules of ``resolve/dates*.py`` that mutation testing found unchecked (issue 16). Each test
states a reading the coding guide or the rule's own comment fixes, anchored on 2022-01-13."""
from datetime import date

import pytest

from newsevents.resolve.dates import find_time_mentions

ANCHOR = date(2022, 1, 13)


def readings(text: str, anchor: date | None = ANCHOR) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in find_time_mentions(text, anchor)]


@pytest.mark.parametrize("text, found", [
    # "this" names the month of the anchor's year, even one nearer in the year before
    ("Elections this December.", ("this December", "2022-12")),
    ("The plant closed this January.", ("this January", "2022-01")),
])
def test_this_month_is_the_month_of_the_current_year(text, found):
    assert readings(text) == [found]


@pytest.mark.parametrize("text, value", [
    ("The strike started in March 2015.", "2015-03"),        # far from the anchor: no guess gives it
    ("The strike started in March of 2015.", "2015-03"),
    ("The strike started in MARCH 2015.", "2015-03"),         # capitals are a month name too
])
def test_a_month_with_its_year_is_that_month(text, value):
    [(_, got)] = readings(text)
    assert got == value


@pytest.mark.parametrize("text", [
    "Two thousand rifles were seized.",       # a plural noun after a spelled number: a quantity
    "The group seized two thousand rifles.",
    "Two thousand soldiers were deployed.",   # a listed count noun
])
def test_a_spelled_number_before_a_plural_noun_is_no_year(text):
    assert readings(text) == []


def test_a_spelled_year_alone_is_a_year():
    assert readings("He was born in two thousand and one.") == [("two thousand and one", "2001")]


@pytest.mark.parametrize("text, found", [
    ("She rose to fame in the nineties.", [("the nineties", "199")]),
    ("Both men are in their forties.", []),     # an age, not a decade
    ("She is in her forties.", []),
    ("He is in his forties.", []),
])
def test_a_decade_needs_the_article_and_no_possessive(text, found):
    assert readings(text) == found


@pytest.mark.parametrize("text", ["Jan. Kavan said the talks failed.", "Mar. Smith said the talks failed."])
def test_an_abbreviated_ambiguous_month_needs_a_preposition(text):
    # "Jan"/"Mar" are months only after a preposition ("on Jan. 5"), with or without the full stop
    assert readings(text) == []
    assert readings("Talks resumed in " + text.split()[0] + " after a pause.")[0][1] is not None


@pytest.mark.parametrize("text, anchor, words", [
    ("Gunfire was heard two hours ago.", ANCHOR, "two hours ago"),     # finer than a day
    ("Gunfire was heard two hours ago.", None, "two hours ago"),       # no publication date
    ("Two days later, the talks failed.", ANCHOR, "Two days later"),   # counted from the story's own time
])
def test_a_time_ago_that_cannot_be_dated_is_a_date_mention_with_an_open_value(text, anchor, words):
    [mention] = find_time_mentions(text, anchor)
    assert (mention.text, mention.kind, mention.value) == (words, "DATE", None)
    assert mention.when is not None and mention.when.text == words and mention.when.date is None
