"""One precedence for the publication date (ingest/published.py): argument, metadata, URL,
dateline, for every input kind, a test per step."""
import json

import pytest

from newsevents.config import Settings
from newsevents.ingest import article_from_bytes, read_inputs
from newsevents.ingest.published import PRECEDENCE, choose_published

SETTINGS = Settings()
BODY = ("Protesters gathered outside the parliament in the capital on Tuesday to demand the release "
        "of detained journalists. Police said the crowd of about 2,000 people dispersed peacefully in "
        "the evening after organisers met officials from the interior ministry.")
DATELINE = "NAIROBI, Jan 10, 2022 (Reuters) - "
URL = "https://news.example.com/2021/02/03/protest"
URL_NO_DATE = "https://news.example.com/world/protest"
META = '<meta property="article:published_time" content="2019-11-19T02:34:00Z">'


def page(meta: str = "", dateline: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Protest</title>{meta}</head><body>"
            f"<article><h1>Protest outside parliament</h1><p>{dateline}{BODY}</p><p>The ministry said it would "
            f"review the cases of all journalists held since March, a spokesman told reporters.</p></article>"
            f"</body></html>").encode()


def text(dateline: str = "") -> bytes:
    return f"Protest outside parliament\n\n{dateline}{BODY}\n".encode()


def dated(data: bytes, **kw) -> tuple[str | None, str | None]:
    article = article_from_bytes(data, "fixture", SETTINGS, **kw)
    return article.published, article.published_source


def test_the_steps_in_order():
    assert PRECEDENCE == ("user", "metadata", "url", "dateline")
    assert choose_published("2020-01-01", ("2020-01-02",), "2020-01-03", "2020-01-04") == ("2020-01-01", "user")
    assert choose_published(None, (None, "2020-01-02"), "2020-01-03", "2020-01-04") == ("2020-01-02", "metadata")
    assert choose_published(None, (None, None), "2020-01-03", "2020-01-04") == ("2020-01-03", "url")
    assert choose_published(None, (), None, "2020-01-04") == ("2020-01-04", "dateline")
    assert choose_published() == (None, None)


@pytest.mark.parametrize("make", [page, text], ids=["html", "text"])
def test_step_1_the_argument_overrides_every_date_found(make):
    data = make(META, DATELINE) if make is page else make(DATELINE)
    assert dated(data, url=URL, published="2023-06-01") == ("2023-06-01", "user")


def test_step_2_page_metadata_beats_the_url_even_a_day_apart():
    # the metadata is 2019-11-19 (UTC), the URL says the 18th: the documented order is kept
    assert dated(page(META, DATELINE), url="https://news.example.com/2019/11/18/protest") == ("2019-11-19", "metadata")
    assert dated(page(META, DATELINE), url=URL) == ("2019-11-19", "metadata")


@pytest.mark.parametrize("make", [page, text], ids=["html", "text"])
def test_step_3_the_url_beats_a_dateline(make):
    assert dated(make(dateline=DATELINE), url=URL) == ("2021-02-03", "url")


@pytest.mark.parametrize("make", [page, text], ids=["html", "text"])
def test_step_4_a_dateline_dates_a_page_with_nothing_else(make):
    """Issue 17: "NAIROBI, Jan 10, 2022 (Reuters) -" with no metadata gave an HTML page no date."""
    assert dated(make(dateline=DATELINE), url=URL_NO_DATE) == ("2022-01-10", "dateline")


@pytest.mark.parametrize("make", [page, text], ids=["html", "text"])
def test_no_step_no_date_never_today(make):
    assert dated(make(), url=URL_NO_DATE) == (None, None)


def test_records_of_a_container_follow_the_same_order(tmp_path):
    lines = [{"html": page(META).decode(), "published": "2020-05-05"},      # record metadata first
             {"html": page(META).decode(), "url": URL},                      # then the page's own
             {"text": text(DATELINE).decode(), "url": URL},                  # url beats dateline
             {"text": text(DATELINE).decode()}]                              # dateline
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", "utf-8")
    got = [(a.published, a.published_source) for a in read_inputs([str(path)], SETTINGS)]
    assert got == [("2020-05-05", "metadata"), ("2019-11-19", "metadata"), ("2021-02-03", "url"),
                   ("2022-01-10", "dateline")]
    given = [(a.published, a.published_source) for a in read_inputs([str(path)], SETTINGS, published="2023-06-01")]
    assert given == [("2023-06-01", "user")] * 4
