"""HTML pages: main text and metadata with trafilatura, publication date without guessing."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import trafilatura

from newsevents.ingest.text import clean_text, date_from_url

# trafilatura and htmldate log every page they find nothing in; our Skip reasons say it once.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

# Measured on the article-extraction dev pages (benchmarks/bench_extraction_quality.py):
# precision mode without tables or comments is both the most accurate and the fastest.
EXTRACT_OPTIONS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
}
# htmldate options: no free-text search (it can pick a copyright year or a sidebar date),
# and the URL only after the page's own metadata. max_date is far in the future on purpose:
# trafilatura's default is today's date, which we never want to see as a published date.
DATE_OPTIONS = {"original_date": True, "extensive_search": False,
                "deferred_url_extractor": True, "max_date": "2099-12-31"}

_HTML_SNIFF = re.compile(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p[\s>]",
                         re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


@dataclass
class Page:
    """What trafilatura found in one HTML page."""

    text: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    date: str | None = None
    date_source: str | None = None  # "metadata" or "url"
    dropped: list[str] = field(default_factory=list)


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a document look like HTML markup."""
    return bool(_HTML_SNIFF.search(head[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def extract_html(html: str, url: str | None = None) -> Page | None:
    """Main text and metadata of one page, or None if trafilatura finds no main text.

    Args:
        html: the decoded page.
        url: where it came from (helps with relative canonical links and URL dates).
    Returns:
        Page with paragraphs separated by blank lines; leftover widget lines ("Share this
        article", photo credits) are removed by the plain-text cleaner and kept in ``dropped``.
    """
    doc = trafilatura.bare_extraction(html, url=url, date_extraction_params=dict(DATE_OPTIONS),
                                      **EXTRACT_OPTIONS)
    if doc is None or not (doc.text or "").strip():
        return None
    cleaned = clean_text(doc.text, find_title=False)
    page_url = doc.url or url
    found = _iso_date(doc.date)
    source = None
    if found:
        # htmldate consults the URL after the page metadata; say so when that is where it came from
        source = "url" if found in (date_from_url(page_url), date_from_url(url)) else "metadata"
    else:
        found = date_from_url(page_url) or date_from_url(url)
        source = "url" if found else None
    return Page(text=cleaned.text, title=_clean(doc.title), author=_clean(doc.author),
                site=_clean(doc.sitename), url=page_url, date=found, date_source=source,
                dropped=cleaned.dropped)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None
