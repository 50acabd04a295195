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


def details(text: str, anchor: date | None = ANCHOR) -> list[tuple]:
    return [(m.text, m.kind, m.value, m.start, (m.when.date, m.when.date_end, m.when.value) if m.when else None)
            for m in find_time_mentions(text, anchor)]


# Survivors of the sample drawn again on today's source (issue 16), each a reading of its own.
@pytest.mark.parametrize("text, anchor, found", [
    # a half year runs from the first of January or of July
    ("Output rose in the second half of 2021.", ANCHOR,
     [("the second half of 2021", "DATE", "2021-H2", 15, ("2021-07-01", "2021-12-31", "2021-H2"))]),
    # "this year's" names this year's half even before it begins
    ("Output will rise in this year's second half.", ANCHOR,
     [("this year's second half", "DATE", "2022-H2", 20, ("2022-07-01", "2022-12-31", "2022-H2"))]),
    # a half that begins on the anchor's day is this year's
    ("Output rose in the second half.", date(2022, 7, 1),
     [("the second half", "DATE", "2022-H2", 15, ("2022-07-01", "2022-12-31", "2022-H2"))]),
    # with no publication date: an open value, none at all when the quarter has no number
    ("Profits fell in the second half.", None,
     [("the second half", "DATE", "XXXX-H2", 16, (None, None, "XXXX-H2"))]),
    ("Profits fell last quarter.", None, [("last quarter", "DATE", None, 13, (None, None, None))]),
    ("Shops close on Christmas Day.", None, [("Christmas Day", "DATE", "XXXX-12-25", 15, (None, None, "XXXX-12-25"))]),
    ("Protests are planned at the weekend.", None, [("the weekend", "DATE", None, 24, (None, None, None))]),
    # "year-earlier" counts back from the quarter just named
    ("Profits rose in the second quarter of 2020, up from the year-earlier second quarter.", ANCHOR,
     [("the second quarter of 2020", "DATE", "2020-Q2", 16, ("2020-04-01", "2020-06-30", "2020-Q2")),
      ("the year-earlier second quarter", "DATE", "2019-Q2", 52, ("2019-04-01", "2019-06-30", "2019-Q2"))]),
    # "the preceding quarter" after a named one is the quarter before it, not before publication
    ("Profits rose in the third quarter of 2020 after falling in the preceding quarter.", ANCHOR,
     [("the third quarter of 2020", "DATE", "2020-Q3", 16, ("2020-07-01", "2020-09-30", "2020-Q3")),
      ("the preceding quarter", "DATE", "2020-Q2", 59, ("2020-04-01", "2020-06-30", "2020-Q2"))]),
    ("Profits rose from the year-ago period.", ANCHOR,
     [("the year-ago period", "DATE", "2020-Q4", 18, ("2020-10-01", "2020-12-31", "2020-Q4"))]),
    # "next March" in January is this year's; "next spring" in December is next year's
    ("Elections are due next March.", ANCHOR, [("next March", "DATE", "2022-03", 18, ("2022-03-01", "2022-03-31", "2022-03"))]),
    ("Elections are due next spring.", date(2022, 12, 20),
     [("next spring", "DATE", "2023-SP", 18, ("2023-03-01", "2023-05-31", "2023-SP"))]),
    ("Talks resumed on 2021-05-03.", ANCHOR,
     [("2021-05-03", "DATE", "2021-05-03", 17, ("2021-05-03", "2021-05-03", "2021-05-03"))]),
    ("Plans for the future were shelved.", ANCHOR, [("the future", "DATE", "FUTURE_REF", 10, (None, None, "FUTURE_REF"))]),
    # two years joined by "to" are both years, not a range of quantities
    ("Fighting lasted from 2015 to 2020.", ANCHOR,
     [("2015", "DATE", "2015", 21, ("2015-01-01", "2015-12-31", "2015")),
      ("2020", "DATE", "2020", 29, ("2020-01-01", "2020-12-31", "2020"))]),
])
def test_dates_of_the_redrawn_sample(text, anchor, found):
    assert details(text, anchor) == found


def test_an_abbreviated_month_with_its_full_stop_needs_no_preposition():
    # "Feb." cannot be a name's first word ("Jan Kavan"): a month, where it stands
    assert [m.text for m in find_time_mentions("Feb. brought more protests.", ANCHOR)] == ["Feb."]


def test_future_years_look_ahead():
    assert details("Prices will rise in future years.") == [("future years", "DATE", "FUTURE_REF", 20, (None, None, "FUTURE_REF"))]


def test_a_tense_the_caller_gives_decides_the_year_of_a_clock_time_on_a_day():
    # the caller's tense decides outright, for the day inside a clock time as for a day alone
    [mention] = find_time_mentions("The vote is at 10 a.m. on December 20.", ANCHOR, "future")
    assert (mention.kind, mention.value) == ("TIME", "2022-12-20T10:00")


# Survivors of the sample drawn after the fix of "the preceding quarter" (issue 16), each a reading of its own.
@pytest.mark.parametrize("text, anchor, found", [
    # "previous" after a named quarter counts back from it, as "preceding" and "prior" do
    ("Profits rose in the third quarter of 2020 after falling in the previous quarter.", ANCHOR,
     [("the third quarter of 2020", "DATE", "2020-Q3", 16, ("2020-07-01", "2020-09-30", "2020-Q3")),
      ("the previous quarter", "DATE", "2020-Q2", 59, ("2020-04-01", "2020-06-30", "2020-Q2"))]),
    # "the coming quarter" is the next one; "next year's second quarter" is next year's
    ("Profits will rise in the coming quarter.", ANCHOR,
     [("the coming quarter", "DATE", "2022-Q2", 21, ("2022-04-01", "2022-06-30", "2022-Q2"))]),
    ("Profits will rise in next year's second quarter.", ANCHOR,
     [("next year's second quarter", "DATE", "2023-Q2", 21, ("2023-04-01", "2023-06-30", "2023-Q2"))]),
    # "The third-quarter loss": the article, capital or not, goes with "loss"
    ("The third-quarter loss widened.", ANCHOR,
     [("third-quarter", "DATE", "2021-Q3", 4, ("2021-07-01", "2021-09-30", "2021-Q3"))]),
    # "the past winter" / "this past summer" is the last one completed before the current season
    ("Sales rose in the past winter.", ANCHOR,
     [("the past winter", "DATE", "2020-WI", 14, ("2020-12-01", "2021-02-28", "2020-WI"))]),
    ("Sales fell this past summer.", ANCHOR,
     [("past summer", "DATE", "2021-SU", 16, ("2021-06-01", "2021-08-31", "2021-SU"))]),
    # "next spring" said on the first day of spring is next year's: this one has begun
    ("Elections are due next spring.", date(2022, 3, 1),
     [("next spring", "DATE", "2023-SP", 18, ("2023-03-01", "2023-05-31", "2023-SP"))]),
    # "this weekend" in the past tense on a weekday is the weekend just gone
    ("Protests were held this weekend.", ANCHOR,
     [("this weekend", "DATE", "2022-W01-WE", 19, ("2022-01-08", "2022-01-09", "2022-W01-WE"))]),
    ("She rose to fame in the nineties.", ANCHOR,
     [("the nineties", "DATE", "199", 20, ("1990-01-01", "1999-12-31", "199"))]),
    # "oh" in a spelled year is a zero
    ("He was born in nineteen oh five.", ANCHOR,
     [("nineteen oh five", "DATE", "1905", 15, ("1905-01-01", "1905-12-31", "1905"))]),
    # "last January" said in January is the year before's; "last March" said in June is this year's
    ("Prices fell last January.", ANCHOR,
     [("last January", "DATE", "2021-01", 12, ("2021-01-01", "2021-01-31", "2021-01"))]),
    ("Prices fell last March.", date(2022, 6, 1),
     [("last March", "DATE", "2022-03", 12, ("2022-03-01", "2022-03-31", "2022-03"))]),
    # a two-digit year is of this century below 50, of the last one from 50
    ("The vote was on 5/3/21.", ANCHOR,
     [("5/3/21", "DATE", "2021-05-03", 16, ("2021-05-03", "2021-05-03", "2021-05-03"))]),
    ("The vote was on 25/3/98.", ANCHOR,
     [("25/3/98", "DATE", "1998-03-25", 16, ("1998-03-25", "1998-03-25", "1998-03-25"))]),
    # a part of the day makes a time; with no publication date it stays a time with an open value
    ("The attack happened yesterday morning.", ANCHOR,
     [("yesterday morning", "TIME", "2022-01-12TMO", 20, ("2022-01-12", "2022-01-12", "2022-01-12TMO"))]),
    ("The attack happened yesterday, police said.", None,
     [("yesterday", "DATE", None, 20, (None, None, None))]),
    # a holiday with no tense cue is the nearest one
    ("Christmas markets draw crowds.", date(2022, 12, 20),
     [("Christmas", "DATE", "2022-12-25", 0, ("2022-12-25", "2022-12-25", "2022-12-25"))]),
    # a yearless day in the past tense: the date ahead counts three times its distance
    ("The vote was held on July 1.", ANCHOR,
     [("July 1", "DATE", "2021-07-01", 21, ("2021-07-01", "2021-07-01", "2021-07-01"))]),
    # with no tense cue the date ahead counts twice: 122 days ahead weighs more than 243 back
    # (the 30th's own distance, not the 28th's)
    ("Elections on May 30.", date(2022, 1, 28),
     [("May 30", "DATE", "2021-05-30", 13, ("2021-05-30", "2021-05-30", "2021-05-30"))]),
])
def test_dates_of_the_sample_after_the_quarter_fix(text, anchor, found):
    assert details(text, anchor) == found


@pytest.mark.parametrize("text", ["A quarter of the votes were counted.", "The bill took a quarter of the session."])
def test_a_quarter_of_something_is_no_duration(text):
    # "a quarter" is a share, not three months
    assert readings(text) == []
