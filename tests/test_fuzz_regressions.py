"""Inputs kept from fuzzing (fuzz/fuzz_ingest.py) and from the bad-input corpus: each is read
as every kind of container and coded; only InputError (a rejection) may come out, in bounded time.

A kept input starts with the harness's two choice bytes (mode, anchor); here every mode is tried
on the rest, which covers the one the fuzzer took.
"""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.errors import InputError
from newsevents.ingest import Document, archives, document_to_article
from newsevents.model import Article, Skip
from newsevents.pipeline import extract_articles
from newsevents.resolve.dates import find_time_mentions

KEPT = sorted((Path(__file__).parent / "fuzz_regressions").iterdir())
SETTINGS = Settings(max_bytes=200_000)


def outcomes(data: bytes) -> list:
    found = []
    for read in (lambda: archives.read_jsonl_lines(data.splitlines(keepends=True), "kept", SETTINGS),
                 lambda: archives.read_warc_bytes(data, "kept", SETTINGS),
                 lambda: archives.read_feed(data, "kept", SETTINGS)):
        found.extend(read())
    found.extend(Document("kept", data=data, kind=kind, published="2023-03-07") for kind in ("html", "text", None))
    return found


@pytest.mark.parametrize("path", KEPT, ids=[p.name for p in KEPT])
def test_kept_input_is_rejected_or_coded_never_crashes(path, nlp):
    data = path.read_bytes()[2:]
    started = time.perf_counter()
    articles = []
    for item in outcomes(data):
        if isinstance(item, Document):
            item = document_to_article(item, SETTINGS)
        assert isinstance(item, (Article, Skip))
        if isinstance(item, Skip):
            # a rejection; a failure only for an archive cut off (a rerun retries the download)
            assert item.reason and "\n" not in item.reason, item
            assert not item.failed or item.reason.startswith("truncated"), item
        else:
            articles.append(item)
    for article, events in zip(articles, extract_articles(articles, SETTINGS)):
        for event in events:
            for count in event.counts.values():
                assert count.min is None or 0 <= count.min
    text = data.decode("utf-8", "replace")
    for mention in find_time_mentions(text, date(2023, 3, 7)):
        assert 0 <= mention.start <= mention.end <= len(text)
    assert time.perf_counter() - started < 60


def test_a_line_of_deep_nesting_is_a_rejection_not_a_recursion_error():
    out = list(archives.read_jsonl_lines([b"[" * 50_000 + b"]" * 50_000 + b"\n"], "deep", SETTINGS))
    assert len(out) == 1 and isinstance(out[0], Skip) and "nested too deeply" in out[0].reason
    with pytest.raises(InputError):
        raise InputError("kept for the import")
