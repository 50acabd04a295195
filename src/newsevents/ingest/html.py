"""HTML pages: main text and metadata with trafilatura; the dates a page gives (metadata, URL,
dateline), without guessing. Which one is the publication date is decided in ``ingest.published``."""
from __future__ import annotations

import datetime
import json
import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from newsevents.errors import DeadlineExceeded, ExtractionFailed
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
    "fast": True,   # no fallback comparison with readability/jusText: measured below
}
# htmldate options: no free-text search (it can pick a copyright year or a sidebar date),
# and the URL only after the page's own metadata. max_date (today) only rejects future dates;
# trafilatura also reports it as ``filedate``, which we never read, so today never becomes a date.
DATE_OPTIONS = {"original_date": True, "extensive_search": False, "deferred_url_extractor": True}

# A page longer than this (characters), or holding a tag with MANY_ATTRIBUTES, is extracted
# in a child process killed at the deadline (ingest/html_child.py): libxml2 compares a tag's
# attributes with each other inside one C call that no signal stops, so one tag with 120,000
# attributes (1.3 MB) held it 77 s and a 19 MB one would hold it hours. Below both bounds the
# worst markup measured costs about 1.8 s in this process (145 tags of 999 attributes in 1 MB;
# nested inline elements 1.7 s at 1.2 MB); the child's start (0.3 s) is paid by rare pages only.
ISOLATE_CHARS = 1_000_000
MANY_ATTRIBUTES = re.compile(r"""<[A-Za-z][^\s<>/]*(?>\s+[^\s=<>]+(?>=(?>"[^"]*"|'[^']*'|[^\s<>]*))?){1000}""")
# The child's address space: a 19 MB page of paragraphs peaks at 0.33 GB; beside a coding
# process (about 0.6 GB) a batch stays under its 1.5 GB bound.
CHILD_MEMORY = 900_000_000
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])   # the folder holding newsevents/

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
    date: str | None = None         # the page's metadata date (None when it is the URL's: see below)
    url_date: str | None = None     # a full date in the page's URL
    dateline: str | None = None     # a date at the head of the story ("NAIROBI, Jan 10, 2022 (Reuters) -")
    dropped: list[str] = field(default_factory=list)


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a document look like HTML markup."""
    return bool(_HTML_SNIFF.search(head[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def extract_html(html: str, url: str | None = None, seconds: float | None = None) -> Page | None:
    """Main text and metadata of one page, or None if trafilatura finds no main text.

    Args:
        html: the decoded page.
        url: where it came from (helps with relative canonical links and URL dates).
        seconds: the most a page isolated in a child process may take (ISOLATE_CHARS, MANY_ATTRIBUTES);
            None: no limit but the caller's own deadline.
    Returns:
        Page with paragraphs separated by blank lines; leftover widget lines ("Share this
        article", photo credits) are removed by the plain-text cleaner and kept in ``dropped``.
    Raises:
        DeadlineExceeded: a large page took longer than ``seconds``.
        ExtractionFailed: a large page's extraction process ran out of memory or crashed.
    """
    if len(html) > ISOLATE_CHARS or MANY_ATTRIBUTES.search(html):
        return extract_in_child(html, url, seconds)
    return extract_here(html, url)


def extract_in_child(html: str, url: str | None, seconds: float | None) -> Page | None:
    """:func:`extract_here` in a child process, killed at ``seconds`` or when this process's
    own deadline (SIGALRM, ingest.limits.deadline) interrupts the wait."""
    header = json.dumps({"url": url, "seconds": seconds or 0, "memory": CHILD_MEMORY}).encode()
    payload = header + b"\n" + html.encode("utf-8", "surrogatepass")
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": _PACKAGE_ROOT + (os.pathsep + path if path else "")}
    # its own session: a Ctrl-C meant for the ingest stops the ingest between records, not the page
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.ingest.html_child"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(payload, timeout=seconds or None)
    except subprocess.TimeoutExpired:
        raise DeadlineExceeded(f"reading the page took longer than {seconds:g} s (article_seconds): "
                               f"its extraction process was stopped") from None
    finally:
        if proc.poll() is None:     # the deadline's signal, a Ctrl-C or the timeout: stop it now
            proc.kill()
            proc.wait()
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        why = lines[-1] if lines else f"ended by signal {-proc.returncode}" if proc.returncode < 0 \
            else f"exit code {proc.returncode}"
        raise ExtractionFailed(f"extracting the page ({len(html) / 1e6:.1f} million characters) failed: {why}")
    fields = json.loads(out)
    return Page(**fields) if fields is not None else None


def extract_here(html: str, url: str | None = None) -> Page | None:
    """:func:`extract_html` in this process, whatever the page's size."""
    date_options = {**DATE_OPTIONS, "max_date": datetime.date.today().isoformat()}
    doc = trafilatura.bare_extraction(html, url=url, date_extraction_params=date_options,
                                      **EXTRACT_OPTIONS)
    if doc is None or not (doc.text or "").strip():
        return None
    cleaned = clean_text(doc.text, find_title=False, captions=False, rewrap=False)
    page_url = doc.url or url
    in_url = date_from_url(page_url) or date_from_url(url)
    meta = _iso_date(doc.date)
    # htmldate reads the URL itself when the page has no date of its own: a date equal to the
    # URL's is labelled "url" (the date is the same either way; ingest.published orders them)
    return Page(text=cleaned.text, title=_clean(doc.title), author=_clean(doc.author),
                site=_clean(doc.sitename), url=page_url, date=meta if meta != in_url else None,
                url_date=in_url, dateline=cleaned.date, dropped=cleaned.dropped)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None
