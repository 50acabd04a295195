"""Fetching pages, sitemaps and feeds by URL from a real local HTTP server: the user agent,
robots.txt, retries with backoff, and the fetch time kept as the article's captured time."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.ingest import Document, read_documents
from newsevents.ingest.fetch import Fetcher, read_url
from newsevents.model import Skip

SAMPLE = (Path(__file__).parents[1] / "src" / "newsevents" / "samples" / "sample-article.txt").read_text()
PAGE = ("<html><head><title>Fuel tax protests</title></head><body><article><h1>Fuel tax protests</h1>"
        + "".join(f"<p>{p}</p>" for p in SAMPLE.split("\n\n")) + "</article></body></html>").encode()


class Site(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []
    flaky = {"left": 1}

    def log_message(self, *args):
        pass

    def do_GET(self):
        Site.seen.append((self.path, self.headers.get("User-Agent", "")))
        host = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            return self._send(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path == "/sitemap.xml":
            body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{host}/news/1.html</loc></url><url><loc>{host}/private/2.html</loc></url></urlset>")
            return self._send(body.encode(), "application/xml")
        if self.path == "/flaky.html" and Site.flaky["left"]:
            Site.flaky["left"] -= 1
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.end_headers()
            return
        if self.path in ("/news/1.html", "/private/2.html", "/flaky.html"):
            return self._send(PAGE, "text/html; charset=utf-8")
        self.send_response(404)
        self.end_headers()

    def _send(self, body: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.seen.clear()
    Site.flaky["left"] = 1
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_sitemap_is_read_page_by_page_as_robots_txt_allows(site):
    items = list(read_documents([f"{site}/sitemap.xml"], Settings(), published="2023-07-13"))
    docs = [i for i in items if isinstance(i, Document)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert [d.url for d in docs] == [f"{site}/news/1.html"] and docs[0].kind == "html"
    assert docs[0].captured and docs[0].captured[:2] == "20" and docs[0].published == "2023-07-13"
    assert len(skips) == 1 and "robots.txt" in skips[0].reason and skips[0].origin.endswith("/private/2.html")
    assert all(agent.startswith("newsevents/") for _, agent in Site.seen)
    assert "/private/2.html" not in [path for path, _ in Site.seen]


def test_a_failing_page_is_tried_again_then_skipped_with_its_reason(site):
    fetcher = Fetcher(backoff=0.01, host_pause=0)
    assert [kind for kind, _ in read_url(f"{site}/flaky.html", fetcher)] == ["page"]
    assert [p for p, _ in Site.seen].count("/flaky.html") == 2
    missing = list(read_url(f"{site}/gone.html", fetcher))
    assert isinstance(missing[0], Skip) and "HTTP 404" in missing[0].reason


def test_extract_reads_a_url(site, capsys):
    from newsevents.cli import main
    assert main(["extract", f"{site}/news/1.html", "--published", "2023-07-13"]) == 0
    assert '"PROTEST"' in capsys.readouterr().out
