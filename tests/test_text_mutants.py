"""Boilerplate rules of ``ingest/text.py`` that mutation testing found unchecked (issue 16): the
mid-article link list, header-only lines, the tail's body threshold and the caption above a
credit. Each test states the rule as the module's constants and comments give it."""
import pytest

from newsevents.ingest.text import BODY_WORDS, TAIL_MIN_BODY_CHARS, TITLE_MAX_WORDS, clean_text

BODY = ("Protesters gathered outside the parliament building in the capital on Monday to demand the "
        "release of detained opposition leaders, witnesses said.")
AFTER = "The interior ministry said the crowd left peacefully in the evening."


def cleaned(*lines: str, **options):
    return clean_text("\n".join(lines), find_title=False, **options)


@pytest.mark.parametrize("words, dropped", [(TITLE_MAX_WORDS + 5, True), (TITLE_MAX_WORDS + 6, False)])
def test_a_link_list_takes_unpunctuated_headlines_up_to_its_length_limit(words, dropped):
    headline = " ".join(["Flood"] * words)
    got = cleaned(BODY, "", "Don't miss", headline, "", AFTER)
    assert "Don't miss" in got.dropped
    assert (headline in got.dropped, headline in got.text) == (dropped, not dropped)
    assert AFTER in got.text


def test_a_link_list_ends_at_a_sentence_even_one_closed_by_a_separator():
    # a "|" after a full stop is a menu separator: the line is still a sentence, so the list ends
    sentence = "The governor declared a state of emergency on Friday. |"
    got = cleaned(BODY, "", "Read more", "Dams under strain across the region |", sentence, AFTER)
    assert got.dropped == ["Read more", "Dams under strain across the region |"]
    assert got.text.split("\n\n")[1:] == [sentence, AFTER]


def test_header_only_lines_are_dropped_before_the_body_and_kept_after_it():
    got = cleaned("Menu", "", BODY, "", "Live", "", AFTER)
    assert got.dropped == ["Menu"]
    assert got.text.split("\n\n") == [BODY, "Live", AFTER]


@pytest.mark.parametrize("words, header", [(BODY_WORDS, False), (BODY_WORDS - 1, True)])
def test_the_first_line_of_body_length_ends_the_page_header(words, header):
    line = " ".join(["word"] * (words - 1)) + " end."
    got = cleaned(line, "", "Newsletter", "", AFTER)
    assert ("Newsletter" in got.dropped) == header
    assert ("Newsletter" in got.text) == (not header)


def _body_of(chars: int, wrapped: bool) -> list[str]:
    """Body lines holding exactly ``chars`` characters as the module counts them (a wrapped line
    joins its paragraph with one space)."""
    if not wrapped:
        return ["a" * (chars - 1) + "."]
    first = "Police said the crowd grew through the afternoon and"   # unpunctuated: continued below
    return [first, "b" * (chars - len(first) - 2) + "."]


@pytest.mark.parametrize("wrapped", [False, True])
@pytest.mark.parametrize("chars, cut", [(TAIL_MIN_BODY_CHARS, True), (TAIL_MIN_BODY_CHARS - 1, False)])
def test_a_related_links_tail_cuts_the_rest_once_enough_body_was_kept(chars, cut, wrapped):
    body = _body_of(chars, wrapped)
    got = cleaned(*body, "", "Related", "Drought hits farmers in the south", **{"rewrap": True})
    assert len(got.text.split("\n\n")[0]) == chars
    assert ("Drought hits farmers in the south" in got.dropped) == cut
    assert ("Drought hits farmers in the south" in got.text) == (not cut)


def test_a_credit_after_a_blank_line_drops_no_caption_and_a_credit_right_below_one_does():
    caption = "Protesters outside parliament on Monday."
    apart = cleaned(BODY, "", caption, "", "Copyright Reuters", "", AFTER)
    assert caption in apart.text and apart.dropped == ["Copyright Reuters"]
    below = cleaned(BODY, "", caption, "Copyright Reuters", "", AFTER)
    assert caption not in below.text and below.dropped == ["Copyright Reuters", caption]


@pytest.mark.parametrize("sentence", ['He said: "We will stay."', "He said: \u201cWe will stay.\u201d"])
def test_a_link_list_ends_at_a_quoted_sentence(sentence):
    got = cleaned(BODY, "", "Read more", "Dams under strain across the region", sentence, AFTER)
    assert got.dropped == ["Read more", "Dams under strain across the region"]
    assert got.text.split("\n\n")[1:] == [sentence, AFTER]


def test_a_credit_right_below_a_repeated_line_takes_no_caption():
    # the repeat is dropped, so nothing kept stands directly above the credit
    caption = "Rescue teams carry residents through a flooded street."
    got = cleaned(BODY, "", caption, caption, "Copyright Reuters", "", AFTER)
    assert got.text.split("\n\n") == [BODY, caption, AFTER]
    assert got.dropped == [caption, "Copyright Reuters"]
