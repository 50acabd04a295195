"""Coverage-guided fuzzing (atheris) of ingestion and extraction.

One input of bytes is read the way a hostile crawler's output would reach us: as a page, a JSON
Lines file, a WARC archive, a feed, or text straight into the pipeline. An InputError (the input
was rejected with a reason) is the expected outcome for junk; any other exception, a hang past
atheris's -timeout, or memory past -rss_limit_mb is a finding. Findings are kept as regression
tests in tests/test_fuzz_regressions.py.

    pip install atheris
    PYTHONPATH=src python fuzz/fuzz_ingest.py fuzz/corpus -max_total_time=1800 -timeout=30 \
        -rss_limit_mb=2048 -artifact_prefix=fuzz/findings/
"""
from __future__ import annotations

import sys
from datetime import date

import atheris

with atheris.instrument_imports(include=["newsevents"]):
    from newsevents.config import Settings
    from newsevents.errors import InputError
    from newsevents.ingest import Document, document_to_article
    from newsevents.ingest import archives
    from newsevents.model import Article, Skip
    from newsevents.pipeline import extract_articles
    from newsevents.resolve.dates import find_time_mentions

SETTINGS = Settings(max_bytes=200_000)
ANCHORS = ("2023-03-07", "1999-12-31", "2000-02-29", "1800-01-01", "2199-12-31")


def outcomes(mode: int, data: bytes) -> list:
    if mode == 0:
        return list(archives.read_jsonl_lines(data.splitlines(keepends=True), "fuzz", SETTINGS))
    if mode == 1:
        return list(archives.read_warc_bytes(data, "fuzz", SETTINGS))
    if mode == 2:
        return list(archives.read_feed(data, "fuzz", SETTINGS))
    return [Document("fuzz", data=data, kind=("html", "text", None)[mode % 3])]


def check(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 6)
    anchor = ANCHORS[fdp.ConsumeIntInRange(0, len(ANCHORS) - 1)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    if mode == 6:   # the date resolver alone, on any text
        text = body.decode("utf-8", "replace")
        for mention in find_time_mentions(text, date.fromisoformat(anchor)):
            assert 0 <= mention.start <= mention.end <= len(text), mention
        return
    articles = []
    for item in outcomes(mode, body):
        if isinstance(item, Document):
            item.published = item.published or anchor
            item = document_to_article(item, SETTINGS)
        if isinstance(item, Article):
            articles.append(item)
        else:
            assert isinstance(item, Skip) and item.reason, item
    for article, events in zip(articles, extract_articles(articles, SETTINGS)):
        for event in events:
            if event.evidence:
                assert 0 <= event.evidence.start <= event.evidence.end <= len(article.text)


def test_one_input(data: bytes) -> None:
    try:
        check(data)
    except InputError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
