"""Boilerplate removal, dates and the language check of the ingest stage."""

import pytest

from newsevents.ingest.language import detect_language, is_english
from newsevents.ingest.text import clean_text, date_from_url, find_date, load_patterns

SAMPLE = "samples/euronews-csto-withdrawal-2022-01-13.txt"  # under ../shared

# Our own scraped-style page, the same shape as a news site's copy-paste (different content).
SCRAPED = """Follow Us

Flood waters force thousands from homes in river valley

Rescue teams carry residents through a flooded street in Riverton.
Rescue teams carry residents through a flooded street in Riverton. Copyright Jane Roe/Example Press via AP
Copyright Jane Roe/Example Press via AP
By Newsroom with Reuters
Published on 04/03/2023 - 09:15
Share this articleComments
Share this articleClose Button
Copy/paste the article video embed link below:Copy to clipboardCopied

Heavy rain caused the Green River to burst its banks on Friday, flooding dozens of villages downstream.

Emergency services said more than 3,000 people had been evacuated overnight as the water kept rising.

Don't miss
Storm season: what forecasters expect next
Dams under strain across the region [VIDEO]

The regional governor declared a state of emergency and asked the army for boats and helicopters.

Share this articleComments

You might also like

Drought hits farmers in the south
Election campaign opens in the capital
"""


def test_scraped_fixture_loses_widgets_and_keeps_body():
    c = clean_text(SCRAPED)
    assert c.title == "Flood waters force thousands from homes in river valley"
    assert c.author == "Newsroom"
    assert c.date == "2023-03-04"
    assert c.text.startswith("Heavy rain caused the Green River")
    assert "state of emergency" in c.text  # the body after the mid-article link list survives
    for junk in ("Follow Us", "Share this", "Copyright", "clipboard", "You might also like",
                 "Drought hits", "Storm season", "[VIDEO]", "Published on", "Rescue teams"):
        assert junk not in c.text, junk
    assert "Election campaign opens in the capital" in c.dropped
    assert "Follow Us" in c.dropped


def test_repeated_paragraph_kept_once_and_short_repeats_kept():
    para = "The council voted on Tuesday to close the old bridge to heavy traffic until repairs end."
    c = clean_text(f"{para}\n\nA second paragraph that says something else entirely about it.\n\n{para}\n\n___\n\n___")
    assert c.text.count(para) == 1
    assert c.text.count("___") == 2


def test_tail_marker_at_top_does_not_swallow_article():
    body = "Police said the march through the city centre passed off peacefully on Saturday afternoon."
    c = clean_text(f"Related\n\n{body}\n\n{body.replace('Saturday', 'Sunday')}")
    assert body in c.text


def test_body_sentences_that_resemble_widgets_are_kept():
    lines = ["By Sunday, all of the troops had left the border area, officials said.",
             "Updated figures show 12 people died in the clashes near the border.",
             "May 5, 2022 was the day the ceasefire began, both sides agreed later."]
    c = clean_text("\n\n".join(lines), find_title=False)
    for line in lines:
        assert line in c.text


def test_euronews_sample_is_clean(shared):
    c = clean_text(shared(SAMPLE).read_text("utf-8"))
    for junk in ("Share this article", "You might also like", "Latvia", "HRW", "Copyright"):
        assert junk not in c.text, junk
    caption = "Peacekeepers of the Collective Security Treaty Organization attend a ceremony in Almaty."
    assert c.text.count(caption) <= 1
    assert c.title == "Russian-led forces begin withdrawing from Kazakhstan"
    assert "Karim Massimov, was arrested on Saturday" in c.text


@pytest.mark.parametrize("text,iso", [
    ("Published on 13/01/2022 - 10:31", "2022-01-13"),
    ("Updated: January 13, 2022", "2022-01-13"),
    ("Thursday 13 January 2022", "2022-01-13"),
    ("posted 2022-01-13T10:00Z", "2022-01-13"),
    ("12/25/2021", "2021-12-25"),
    ("no date here 2022", None),
])
def test_find_date(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize("url,iso", [
    ("https://example.com/2022/01/13/troops-withdraw", "2022-01-13"),
    ("https://example.com/news/world-2022-01-13-story", "2022-01-13"),
    ("https://example.com/news/20220113/story.html", "2022-01-13"),
    ("https://example.com/2022/01/story", None),
    ("https://example.com/2022/13/45/bad", None),
    (None, None),
])
def test_date_from_url(url, iso):
    assert date_from_url(url) == iso


def test_patterns_load_and_compile():
    kinds = {p.kind for p in load_patterns()}
    assert {"line", "credit", "byline", "dateline", "tail", "block", "header"} <= kinds


@pytest.mark.parametrize("text,code", [
    ("The government said on Monday that it would send more troops to the region after the attack.", "en"),
    ("Правительство заявило в понедельник, что направит дополнительные войска в регион после нападения.", "ru"),
    ("Уряд заявив у понеділок, що направить додаткові війська в регіон після нападу її.", "uk"),
    ("وقالت الحكومة يوم الاثنين إنها سترسل المزيد من القوات إلى المنطقة بعد الهجوم", "ar"),
    ("政府周一表示，袭击发生后将向该地区增派更多部队。", "zh"),
    ("Die Regierung sagte am Montag, dass sie nach dem Angriff mehr Truppen in die Region schicken werde, und das ist nicht neu.", "de"),
    ("Le gouvernement a déclaré lundi qu'il enverrait plus de troupes dans la région après l'attaque, et que la situation est grave.", "fr"),
    ("El gobierno dijo el lunes que enviaría más tropas a la región después del ataque, y que la situación es grave para los vecinos.", "es"),
])
def test_detect_language(text, code):
    assert detect_language(text) == code


def test_score_tables_are_not_called_foreign():
    assert is_english("Palm Bay 18 22 13 17 — 70\nRockledge 14 11 6 15 — 44\nTolivert 25 points. Davis 17 points. Smith 9 rebounds. Jones 4 assists.")


def test_copyright_sentences_in_the_body_survive():
    body = "Copyright infringement claims were filed against the company in a Paris court on Monday."
    c = clean_text(f"{body}\n\nCopyright 2023 The Associated Press. All rights reserved.", find_title=False)
    assert c.text == body


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = ("Government forces and rebels agreed on Sunday to a ceasefire that will\n"
               "take effect at midnight, the mediators said in a statement issued in\n"
               "the capital.\n\nA second paragraph follows here with more detail on the talks.")
    c = clean_text(wrapped, find_title=False)
    assert c.text.split("\n\n")[0] == ("Government forces and rebels agreed on Sunday to a ceasefire that will "
                                       "take effect at midnight, the mediators said in a statement issued in the capital.")


@pytest.mark.parametrize("text, body", [
    ("ALMATY, Jan 13, 2022 (Reuters) - Police arrested dozens of protesters.", "Police arrested dozens of protesters."),
    ("KYIV, Ukraine (AP) — Russian forces shelled the city.", "Russian forces shelled the city."),
    ("NAIROBI (Reuters) - Kenyan police fired tear gas.", "Kenyan police fired tear gas."),
    # not datelines: a dash inside a sentence, a title-case lead word, a short acronym
    ("The result - a surprise - was announced on Monday.", "The result - a surprise - was announced on Monday."),
    ("In Almaty - the largest city - riots broke out.", "In Almaty - the largest city - riots broke out."),
    ("UN - The Security Council met on Monday.", "UN - The Security Council met on Monday."),
])
def test_wire_dateline_is_not_body_text(text, body):
    cleaned = clean_text(text, find_title=False)
    assert cleaned.text == body
    if cleaned.text != text:
        assert cleaned.dropped[-1] == text[: len(text) - len(body)].strip()


def test_wire_dateline_date_becomes_the_published_date():
    assert clean_text("ALMATY, Jan 13, 2022 (Reuters) - Police arrested 20 people.").date == "2022-01-13"


BODY = ("Protesters gathered outside the parliament building in the capital on Monday to demand the "
        "release of detained opposition leaders, witnesses said.")


@pytest.mark.parametrize("above, dropped", [
    ("Protesters outside parliament in the capital on Monday.", True),          # a caption
    (" ".join(["Protesters gathered outside the parliament building in the capital on Monday to demand "
               "the release of detained leaders."] * 4), False),                  # a paragraph: kept
])
def test_the_line_right_above_a_photo_credit_is_dropped_only_when_caption_short(above, dropped):
    text = "\n\n".join([BODY, BODY.replace("Monday", "Tuesday"), above + "\nCopyright Reuters",
                        BODY.replace("Monday", "Friday")])
    cleaned = clean_text(text, find_title=False)
    assert "Copyright Reuters" in cleaned.dropped and "Copyright Reuters" not in cleaned.text
    assert (above in cleaned.dropped, above in cleaned.text) == (dropped, not dropped)
    assert above in clean_text(text, find_title=False, captions=False).text


def paragraphs(*lines: str, **options) -> list[str]:
    return clean_text("\n".join(lines), find_title=False, **options).text.split("\n\n")


@pytest.mark.parametrize("prev, line, joined", [
    ("The minister said the new budget would raise spending on all schools and",   # long, unpunctuated
     "Parliament will vote on it next week.", True),
    ("w " * 29 + "ab", "Next line here.", True),            # 60 characters: long enough to be wrapped
    ("w " * 29 + "a", "Next line here.", False),            # 59: a short line of its own
    ("In the capital,", "Kenyans marched.", True),           # a comma runs on
    ("Analysts expected", "iPhone sales to rise.", True),    # a lower-case start continues
    ("He left.", "then came back.", False),                  # a finished sentence never does
    ("Nairobi and Mombasa", "Police said 40 were held.", False),
])
def test_a_hard_wrapped_paragraph_is_joined_again(prev, line, joined):
    got = paragraphs(BODY, "", prev, line)
    assert got[1:] == ([f"{prev} {line}"] if joined else [prev, line])
    assert paragraphs(BODY, "", prev, line, rewrap=False)[1:] == [prev, line]


def test_in_the_header_a_long_unpunctuated_line_is_a_headline_not_a_wrapped_sentence():
    head = "Sixty characters long headline without any punctuation at all here"
    assert paragraphs(head, "Second Line Of The Header", "", BODY)[:2] == [head, "Second Line Of The Header"]


def test_a_repeated_line_is_dropped_from_six_words_on():
    six, five = "Short repeated line of six words", "Five words repeated line here"
    cleaned = clean_text("\n\n".join([BODY, six, six, five, five]), find_title=False)
    assert cleaned.text.split("\n\n")[1:] == [six, five, five]
    assert cleaned.dropped == [six]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_split_paragraphs(newline):
    assert paragraphs(BODY + newline * 2 + "Second paragraph here.") == [BODY, "Second paragraph here."]


def test_headline_author_and_wire_dateline():
    story = "Russian-led troops began to leave Kazakhstan on Thursday, officials said."
    cleaned = clean_text("Troops leave Kazakhstan\n\n" + story)
    assert (cleaned.title, cleaned.text) == ("Troops leave Kazakhstan", story)
    assert clean_text("Troops leave Kazakhstan\n\n" + story, find_title=False).title is None
    assert clean_text("Troops leave Kazakhstan").title is None          # a headline needs a story under it
    long_title = " ".join(["Kazakhstan"] * 14) + " Kazakh"            # 14 x 11 + 6 = 160 characters
    assert len(long_title) == 160 and clean_text(long_title + "\n\n" + story).title == long_title
    assert clean_text(long_title + "s\n\n" + story).title is None   # 161: too long for a headline
    cleaned = clean_text("By Jane Doe,\n\n" + BODY)
    assert (cleaned.author, cleaned.dropped) == ("Jane Doe", ["By Jane Doe,"])
    cleaned = clean_text(BODY + "\n\nUFA (Reuters) - Police detained 40 people in the city, officials said.")
    assert cleaned.text.endswith("\n\nPolice detained 40 people in the city, officials said.")
    assert cleaned.dropped == ["UFA (Reuters) -"]


def test_find_date_reads_numeric_dates_day_first_unless_told_and_takes_the_first():
    assert find_date("Posted 05/12/2022") == "2022-12-05"
    assert find_date("Posted 05/12/2022", day_first=False) == "2022-05-12"
    assert find_date("Posted 13/05/2022", day_first=False) == "2022-05-13"   # 13 cannot be a month
    assert find_date("September 5, 2022") == find_date("5 September 2022") == "2022-09-05"
    assert find_date("March 5, 2022") == find_date("5 March 2022") == "2022-03-05"
    assert find_date("Published January 13, 2022, updated 2022-02-01") == "2022-01-13"
    assert find_date("Updated 2022-02-01; published January 13, 2022") == "2022-02-01"
