"""read_inputs / article_from_bytes: every input gets one outcome, with a clear reason when skipped."""
import io
import json

import pytest

from newsevents.config import Settings
from newsevents.errors import InputError
from newsevents.ingest import article_from_bytes, read_inputs
from newsevents.model import Article, Skip

SETTINGS = Settings()

BODY = ("Protesters gathered outside the parliament in the capital on Tuesday to demand the release "
        "of detained journalists. Police said the crowd of about 2,000 people dispersed peacefully in "
        "the evening after organisers met officials from the interior ministry.")

HTML = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Protest outside parliament</title>
<meta property="article:published_time" content="2023-05-09T08:00:00Z">
<meta name="author" content="Jane Reporter"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Protest outside parliament</h1><p>{BODY}</p>
<p>The ministry said it would review the cases of all journalists held since March, a spokesman told reporters.</p>
</article><footer>Copyright Example News 2023</footer></body></html>"""

HTML_NO_DATE = HTML.replace('<meta property="article:published_time" content="2023-05-09T08:00:00Z">', "")


def outcome(data, **kw):
    return article_from_bytes(data, "fixture", SETTINGS, **kw)


@pytest.mark.parametrize("data,message", [
    (b"", "empty input"),
    (b"   \n\n ", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file, not text"),
    (b"Too short.", "no article text"),
    ("Правительство заявило в понедельник, что направит дополнительные войска в регион после нападения "
     "на пограничный пост. По словам министра, ситуация остаётся напряжённой, но под контролем.".encode("cp1251"),
     "not English (looks like ru)"),
])
def test_bad_inputs_raise_named_error(data, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        outcome(data)


def test_too_large_bytes_rejected():
    with pytest.raises(InputError, match="too large"):
        article_from_bytes(b"a" * 2000, "fixture", Settings(max_bytes=1000))


def test_latin1_english_decodes_accents():
    text = ("José Müller said on Friday that the coalition would vote against the budget. "
            "Françoise Lefèvre, the finance minister, said talks would continue next week in Zürich.")
    art = outcome(text.encode("latin-1"))
    assert "José Müller" in art.text and "Zürich" in art.text
    assert art.language == "en"


def test_cp1251_russian_decodes_then_is_skipped_as_russian():
    data = ("Министр обороны заявил, что войска будут выведены из региона до конца месяца, "
            "а переговоры продолжатся в столице на следующей неделе.").encode("cp1251")
    with pytest.raises(InputError) as err:
        outcome(data)
    assert str(err.value) == "not English (looks like ru)"


def test_html_metadata_and_user_date():
    art = outcome(HTML.encode("utf-8"))
    assert "Protesters gathered outside the parliament" in art.text
    assert "Home" not in art.text
    assert art.title == "Protest outside parliament"
    assert (art.published, art.published_source) == ("2023-05-09", "metadata")
    art = outcome(HTML.encode("utf-8"), published="2023-06-01")
    assert (art.published, art.published_source) == ("2023-06-01", "user")


def test_html_date_from_url_and_never_today():
    art = outcome(HTML_NO_DATE.encode(), url="https://news.example.com/2021/02/03/protest")
    assert (art.published, art.published_source) == ("2021-02-03", "url")
    art = outcome(HTML_NO_DATE.encode(), url="https://news.example.com/world/protest")
    assert art.published is None and art.published_source is None


def test_bad_user_date_is_an_input_error():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        list(read_inputs(["nothing"], SETTINGS, published="yesterday"))


def test_large_file_rejected_by_size_without_reading(tmp_path):
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:  # sparse 50 MB file: cheap to make, and slow to read if we did
        fh.seek(50_000_000)
        fh.write(b"<p>end</p>")
    [skip] = list(read_inputs([str(big)], SETTINGS))   # its speed: benchmarks/bench_unit_speed.py
    assert isinstance(skip, Skip) and skip.reason.startswith("too large")


def test_mixed_folder_one_outcome_per_input(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "page.html").write_text(HTML, "utf-8")
    (tmp_path / "sub" / "story.txt").write_text("Parliament protest ends\n\n" + BODY, "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.bin").write_bytes(b"\x00\x01\x02\xff" * 100)
    lines = [json.dumps({"text": BODY, "url": "https://x.example/2023/01/02/a", "title": "A"}),
             "{not json",
             json.dumps({"html": HTML, "published": "2020-01-01T10:00:00"}),
             "",
             json.dumps({"url": "https://x.example/no-body"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (tmp_path / ".hidden").write_text("not an input")
    out = list(read_inputs([str(tmp_path)], SETTINGS))
    # 4 single files + 4 non-blank JSON lines
    assert len(out) == 8
    by_origin = {o.origin: o for o in out}
    assert isinstance(by_origin[str(tmp_path / "page.html")], Article)
    story = by_origin[str(tmp_path / "sub" / "story.txt")]
    assert isinstance(story, Article) and story.title == "Parliament protest ends"
    assert by_origin[str(tmp_path / "empty.txt")].reason == "empty input"
    assert by_origin[str(tmp_path / "image.bin")].reason == "binary file, not text"
    jl = str(tmp_path / "batch.jsonl")
    assert isinstance(by_origin[f"{jl}:1"], Article)
    assert by_origin[f"{jl}:1"].published_source == "url"
    assert isinstance(by_origin[f"{jl}:2"], Skip) and "malformed JSON" in by_origin[f"{jl}:2"].reason
    assert (by_origin[f"{jl}:3"].published, by_origin[f"{jl}:3"].published_source) == ("2020-01-01", "metadata")
    assert "no text or html" in by_origin[f"{jl}:5"].reason


def test_glob_and_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY.replace("Tuesday", "Wednesday"))
    out = list(read_inputs([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "*.none")], SETTINGS))
    assert [type(o).__name__ for o in out] == ["Article", "Article", "Skip", "Skip"]
    assert out[2].reason == "no such file or directory"
    assert out[3].reason == "no file matches this pattern"


def test_warc_response_and_request_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        uri = "https://news.example.com/2022/01/13/protest"
        req = StatusAndHeaders("GET /2022/01/13/protest HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", http_headers=req))
        for status, ctype, payload in (("200 OK", "text/html; charset=utf-8", HTML_NO_DATE.encode()),
                                       ("200 OK", "image/png", b"\x89PNG\x00\x00"),
                                       ("404 Not Found", "text/html", b"<html>missing</html>")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
        writer.write_record(writer.create_warc_record(uri, "conversion", payload=io.BytesIO(BODY.encode()),
                                                      warc_content_type="text/plain"))
    out = list(read_inputs([str(path)], SETTINGS))
    assert len(out) == 4  # the request record is not an input
    art = out[0]
    assert isinstance(art, Article) and art.url == "https://news.example.com/2022/01/13/protest"
    assert art.origin == f"{path}#2" and art.published == "2022-01-13"
    assert isinstance(out[1], Skip) and "image/png" in out[1].reason
    assert isinstance(out[2], Skip) and "404" in out[2].reason
    assert isinstance(out[3], Article) and out[3].text.startswith("Protesters gathered")


def test_not_a_warc_gives_one_skip(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file\n" * 10)
    out = list(read_inputs([str(path)], SETTINGS))
    assert len(out) == 1 and isinstance(out[0], Skip)


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example.com</link>
<item><title>Protest outside parliament</title><link>https://news.example.com/a</link>
<pubDate>Tue, 09 May 2023 08:00:00 GMT</pubDate>
<description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;More text follows here for the reader.&lt;/p&gt;</description></item>
<item><title>Short item</title><link>https://news.example.com/b</link><description>Too short.</description></item>
</channel></rss>"""


def test_rss_feed_entries(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS, "utf-8")
    out = list(read_inputs([str(path)], SETTINGS))
    assert len(out) == 2
    first, second = out
    assert isinstance(first, Article)
    assert (first.title, first.url, first.published, first.published_source) == (
        "Protest outside parliament", "https://news.example.com/a", "2023-05-09", "metadata")
    assert "<p>" not in first.text and first.origin == f"{path}#1"
    assert isinstance(second, Skip) and second.origin == f"{path}#2"


def test_stdin_text(monkeypatch):
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode())))
    [art] = list(read_inputs(["-"], SETTINGS))
    assert isinstance(art, Article) and art.origin == "-"
