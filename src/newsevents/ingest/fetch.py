"""Pages, sitemaps and feeds a user names by http(s) URL, fetched politely.

Politeness: a user agent that names the tool, a timeout, retries with exponential backoff on
connection errors, 429 and 5xx answers (a Retry-After header is honoured up to a limit), a pause
between requests to one host, and robots.txt read once per host and obeyed. Each page's fetch time
is kept as the article's ``captured`` time.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlparse

from newsevents.model import Skip

USER_AGENT = "newsevents/{version} (news event coder; +https://pypi.org/project/newsevents/)"
TIMEOUT_S = 20.0
RETRIES = 3
BACKOFF_S = 1.0          # waits 1, 2, 4 s between tries
MAX_RETRY_AFTER_S = 60.0
HOST_PAUSE_S = 1.0       # between two requests to the same host
MAX_BYTES = 20_000_000
MAX_LINKED_PAGES = 1000  # pages read from one sitemap or feed

_SITEMAP = re.compile(rb"<(urlset|sitemapindex)\b", re.I)
_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>", re.I)


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


@dataclass
class Page:
    url: str                 # after redirects
    data: bytes
    content_type: str
    charset: str | None
    fetched: str             # ISO time, UTC


@dataclass
class Fetcher:
    """One polite client: robots.txt per host, a pause per host, retries with backoff."""

    user_agent: str = ""
    timeout: float = TIMEOUT_S
    retries: int = RETRIES
    backoff: float = BACKOFF_S
    host_pause: float = HOST_PAUSE_S
    _robots: dict[str, Any] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.user_agent:
            from newsevents import __version__
            self.user_agent = USER_AGENT.format(version=__version__)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this user agent read the URL (no robots.txt: yes)."""
        parts = urlparse(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            rules = urllib.robotparser.RobotFileParser()
            try:
                rules.parse(self._get(root + "/robots.txt", robots=True).data.decode("utf-8", "replace").splitlines())
            except (urllib.error.HTTPError, OSError, FetchError):
                rules.parse([])     # unreachable or missing robots.txt: nothing is disallowed
            self._robots[root] = rules
        return bool(self._robots[root].can_fetch(self.user_agent, url))

    def get(self, url: str) -> Page:
        """Fetch one URL, if robots.txt allows it.

        Raises:
            FetchError: disallowed, an HTTP error, too large, or no answer after the retries.
        """
        if not self.allowed(url):
            raise FetchError(f"{url}: robots.txt of the site disallows it for {self.user_agent.split()[0]}")
        return self._get(url)

    def _get(self, url: str, robots: bool = False) -> Page:
        host = urlparse(url).netloc
        wait = self._last.get(host, 0.0) + self.host_pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        for attempt in range(self.retries + 1):
            try:
                self._last[host] = time.monotonic()
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    data = answer.read(MAX_BYTES + 1)
                    if len(data) > MAX_BYTES:
                        raise FetchError(f"{url}: larger than {MAX_BYTES / 1e6:g} MB")
                    return Page(answer.geturl(), data, answer.headers.get_content_type(),
                                answer.headers.get_content_charset(),
                                datetime.now(timezone.utc).replace(microsecond=0).isoformat())
            except urllib.error.HTTPError as exc:
                if robots or exc.code not in (429, 500, 502, 503, 504) or attempt == self.retries:
                    if robots:
                        raise
                    raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
                delay = _retry_after(exc.headers.get("Retry-After")) or self.backoff * 2 ** attempt
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if attempt == self.retries:
                    reason = getattr(exc, "reason", exc)
                    raise FetchError(f"{url}: no answer after {self.retries + 1} tries ({reason})") from None
                delay = self.backoff * 2 ** attempt
            time.sleep(min(delay, MAX_RETRY_AFTER_S))
        raise FetchError(f"{url}: no answer")   # not reached


class FetchError(Exception):
    """A URL could not be read (its message is the Skip's reason)."""


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def sitemap_urls(data: bytes, base: str) -> tuple[str, list[str]]:
    """("urlset" or "sitemapindex", the <loc> URLs) of a sitemap."""
    kind = _SITEMAP.search(data[:4096])
    return (kind.group(1).decode().lower() if kind else "urlset",
            [urljoin(base, m.decode("utf-8", "replace")) for m in _LOC.findall(data)])


def read_url(url: str, fetcher: Fetcher, depth: int = 0) -> Iterator[tuple[str, Page] | Skip]:
    """("page", Page) for an article URL; for a sitemap or a feed, the pages it links to (at most
    ``MAX_LINKED_PAGES``); ("feed", Page) for a feed whose entries name no page. Skip for a URL
    that cannot be read."""
    from newsevents.ingest.archives import looks_like_feed
    try:
        page = fetcher.get(url)
    except FetchError as exc:
        yield Skip(url, str(exc))
        return
    head = page.data[:4096]
    links: list[str] = []
    if _SITEMAP.search(head) and depth < 2:
        kind, links = sitemap_urls(page.data, page.url)
        if kind == "sitemapindex":
            for child in links[:MAX_LINKED_PAGES]:
                yield from read_url(child, fetcher, depth + 1)
            return
    elif looks_like_feed(page.data) and depth < 2:
        import feedparser
        links = [e.get("link") for e in feedparser.parse(page.data).entries if e.get("link")]
        if not links:
            yield ("feed", page)
            return
    else:
        yield ("page", page)
        return
    for link in links[:MAX_LINKED_PAGES]:
        try:
            yield ("page", fetcher.get(link))
        except FetchError as exc:
            yield Skip(link, str(exc))
