"""The process-pool runner gives exactly the local runner's results, and resumes where it stopped."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.ingest import Document, document_to_article, read_documents, read_inputs
from newsevents.model import Article, Skip
from newsevents.runners import get_runner
from newsevents.runners.local import code_documents, expected_inputs, ingest_local
from newsevents.runners.pool import ingest_pool
from newsevents.store import Store

SETTINGS = Settings()

# Short news articles written for these tests (and reused by test_runners_ray.py): every body
# sentence is a full clause, as in real reporting.
ARTICLES = [
    ("2023-05-09", "Protest in the capital",
     "Thousands of students marched through the capital on Tuesday to protest against higher tuition "
     "fees. Police said that officers detained 40 people near the parliament building after clashes "
     "broke out in the afternoon. The interior ministry said the demonstrators had blocked the main road."),
    ("2023-06-14", "Ministers meet on trade",
     "The foreign ministers of Kenya and Uganda met in Nairobi on Wednesday to discuss a new trade "
     "agreement. Officials said the two governments signed a deal to cut tariffs on farm goods. "
     "The talks will continue next month in Kampala, a spokesman said."),
    ("2023-07-02", "Attack on village",
     "Gunmen attacked a village in northern Nigeria on Sunday and killed at least 12 people, local "
     "officials said. The army said soldiers were sent to the area after the attack. Residents said "
     "that many families fled to a nearby town."),
    ("2023-08-21", "Sanctions announced",
     "The European Union imposed new sanctions on Belarus on Monday over the detention of opposition "
     "leaders. The government in Minsk rejected the measures and accused Brussels of interference. "
     "Diplomats said further steps were being prepared."),
    ("2023-09-05", "Aid delivered",
     "The United Nations delivered food aid to thousands of displaced families in Sudan on Tuesday. "
     "Aid workers said the convoy reached the camp after days of negotiations with local commanders. "
     "The agency appealed for more funding to support the operation."),
    ("2023-10-11", "Troops withdraw",
     "Russia began withdrawing its troops from the border region on Wednesday, the defence ministry "
     "said. Officials in Kyiv said they had seen no sign of the withdrawal. NATO called on Moscow to "
     "reduce tensions in the region."),
]


def html_page(published: str, title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{published}T08:00:00Z'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
            f"{paragraphs.replace('..', '.')}</article><footer>Copyright Example News</footer></body></html>")


def write_folder(folder: Path) -> list[Path]:
    """HTML pages and text files of the first four ARTICLES, an empty file and a binary file (two skips)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (published, title, body) in enumerate(ARTICLES[:4]):
        if i % 2 == 0:
            path = folder / f"page{i}.html"
            path.write_text(html_page(published, title, body), encoding="utf-8")
        else:
            path = folder / f"story{i}.txt"
            path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    return sorted(folder.iterdir())


def write_warc(path: Path, articles: list[tuple[str, str, str]], start: int = 0) -> Path:
    """A gzipped WARC with a request and a response record per article, plus one 404 response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (published, title, body) in enumerate(articles, start=start):
            uri = f"https://news.example.org/{published.replace('-', '/')}/story-{i}.html"
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=req))
            payload = html_page(published, title, body).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/gone", "response",
                                                      payload=io.BytesIO(b"<html>gone</html>"),
                                                      http_headers=missing))
    return path


def snapshot(store: Store) -> dict:
    """Everything a run leaves in a database, without timestamps: for comparing two runs."""
    articles = store.db.execute(
        "SELECT id, url, title, published, origin, text FROM articles ORDER BY id").fetchall()
    links = store.db.execute(
        "SELECT article_id, event_id, sentence, start_char, end_char, confidence FROM article_events "
        "ORDER BY article_id, event_id").fetchall()
    skips = store.db.execute("SELECT origin, reason FROM skips ORDER BY origin").fetchall()
    events = sorted(store.events_matching(), key=lambda e: e["id"])
    return {"articles": articles, "links": links, "skips": skips, "events": events}




@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("pool")
    files = write_folder(root / "pages")
    warc = write_warc(root / "crawl.warc.gz", ARTICLES[4:], start=4)
    return [str(p) for p in files] + [str(warc)]


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("local") / "local.duckdb")
    summary = ingest_local(inputs, store, SETTINGS, progress=False)
    yield summary, snapshot(store)
    store.close()


def test_pool_gives_the_same_events_as_local(inputs, local_run, tmp_path):
    local_summary, local_snapshot = local_run
    assert local_summary.stored == 6 and local_snapshot["events"], "fixture articles should code events"
    with Store(tmp_path / "pool.duckdb") as store:
        summary = ingest_pool(inputs, store, SETTINGS, workers=2, progress=False, chunk=2)
        got = snapshot(store)
    assert (summary.read, summary.stored, summary.already_stored, summary.events) == (
        local_summary.read, local_summary.stored, local_summary.already_stored, local_summary.events)
    assert sorted((s.origin, s.reason) for s in summary.skipped) == sorted(
        (s.origin, s.reason) for s in local_summary.skipped)
    assert got == local_snapshot


def test_rerun_after_a_partial_run_finishes_the_rest(inputs, local_run, tmp_path):
    """An interrupted run keeps what it stored; the rerun skips that and does the rest."""
    half = inputs[: len(inputs) // 2]
    with Store(tmp_path / "resume.duckdb") as store:
        first = ingest_pool(half, store, SETTINGS, workers=2, progress=False)
        second = ingest_pool(inputs, store, SETTINGS, workers=2, progress=False)
        got = snapshot(store)
    assert first.read == len(half)
    assert second.already_stored == first.read  # every input of the first run: stored or skipped
    assert second.stored == local_run[0].stored - first.stored
    assert got["events"] == local_run[1]["events"] and got["articles"] == local_run[1]["articles"]


def test_engine_registry_and_default_workers(inputs, tmp_path):
    assert get_runner("pool") is ingest_pool and get_runner("local") is ingest_local
    with pytest.raises(ValueError, match="unknown engine"):
        get_runner("spark")
    with Store(":memory:") as store:  # workers=None: one per CPU; still the same accounting
        summary = ingest_pool(inputs[:2], store, SETTINGS, workers=None, progress=False)
    assert summary.read == 2


def test_two_phases_compose_to_read_inputs(inputs):
    docs = list(read_documents(inputs, SETTINGS))
    assert all(isinstance(d, (Document, Skip)) for d in docs)
    composed = [document_to_article(d, SETTINGS) if isinstance(d, Document) else d for d in docs]
    direct = list(read_inputs(inputs, SETTINGS))
    # what the inputs hold: four pages and two WARC records are articles; an empty file, a binary
    # file and a WARC 404 are skips, each with its reason
    articles = [x for x in composed if isinstance(x, Article)]
    assert len(articles) == 6 and len({a.id for a in articles}) == 6 and all(a.text for a in articles)
    assert len([x for x in composed if isinstance(x, Skip) and x.reason]) == 3
    assert [type(x) for x in composed] == [type(x) for x in direct]
    assert [x.id if isinstance(x, Article) else x.reason for x in composed] == [
        x.id if isinstance(x, Article) else x.reason for x in direct]
    # the cheap phase extracts nothing: HTML stays raw bytes until a worker turns it into an Article
    pages = [d for d in docs if isinstance(d, Document) and d.origin.endswith(".html")]
    assert pages and all(d.data is not None and d.data.lstrip().startswith(b"<!DOCTYPE") for d in pages)


def test_warc_records_keep_url_and_capture_date(inputs):
    warc = [p for p in inputs if p.endswith(".warc.gz")]
    items = list(read_inputs(warc, SETTINGS))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) == 2
    assert all(a.url.startswith("https://news.example.org/") and a.captured and a.captured[:4].isdigit()
               for a in articles)
    assert [s.reason for s in items if isinstance(s, Skip)] == ["HTTP 404 response, not a page"]


def test_a_failing_article_is_skipped_not_fatal(monkeypatch):
    import newsevents.runners.local as local

    def broken(articles, settings):
        if any("boom" in a.text for a in articles):
            raise RuntimeError("boom")
        return [[] for _ in articles]

    monkeypatch.setattr(local, "extract_articles", broken)
    text = "The council met on Monday to discuss the budget and agreed to meet again next week. "
    docs = [Document("a.txt", text=text * 2), Document("b.txt", text="boom " + text * 2)]
    out = code_documents(docs, SETTINGS)
    assert isinstance(out[0][0], Article) and out[0][1] == []
    assert isinstance(out[1][0], Skip) and out[1][0].reason.startswith("pipeline error: RuntimeError")
    assert out[1][0].failed  # an error of ours: a failure that a rerun retries, not a rejection


def test_expected_inputs_counts_files_but_not_containers(inputs):
    pages = [p for p in inputs if not p.endswith(".warc.gz")]
    assert expected_inputs(pages) == len(pages)
    assert expected_inputs(inputs) is None
