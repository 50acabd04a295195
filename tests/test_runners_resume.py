"""Resuming is keyed on content (ingest.input_key): the same inputs under another path spelling,
through a symlink, or inside an archive add nothing (issue 17: `./pages` after `pages` extracted
every input again and doubled the skip rows)."""
from __future__ import annotations

import json
import os

from test_runners_pool import ARTICLES, SETTINGS, html_page, write_folder, write_warc

from newsevents.ingest import Document, input_key
from newsevents.model import Skip
from newsevents.runners.local import ingest_local
from newsevents.runners.pool import ingest_pool
from newsevents.store import Store


def test_another_spelling_or_a_symlink_adds_nothing(tmp_path, monkeypatch):
    write_folder(tmp_path / "pages")
    os.symlink(tmp_path / "pages", tmp_path / "link")
    monkeypatch.chdir(tmp_path)
    with Store(tmp_path / "e.duckdb") as store:
        first = ingest_local(["pages"], store, SETTINGS, progress=False)
        after_first = store.counts()
        assert first.stored == 4 and len(first.skipped) == 2
        for spelling in ("./pages", "pages/", str(tmp_path / "pages"), "pages/../pages", "link", "./link/*"):
            again = ingest_local([spelling], store, SETTINGS, progress=False)
            assert (again.read, again.stored, again.already_stored, len(again.skipped)) == (6, 0, 6, 0), spelling
            assert store.counts() == after_first, spelling
        pooled = ingest_pool(["./link"], store, SETTINGS, workers=1, progress=False)
        assert (pooled.stored, pooled.already_stored) == (0, 6)
        assert store.counts() == after_first


def test_the_same_content_inside_an_archive_adds_nothing(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, (published, title, body) in enumerate(ARTICLES[4:], start=4):
        (folder / f"story-{i}.html").write_text(html_page(published, title, body), encoding="utf-8")
    published, title, body = ARTICLES[0]
    (folder / "story-0.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    warc = write_warc(tmp_path / "crawl.warc.gz", ARTICLES[4:], start=4)
    jsonl = tmp_path / "dump.jsonl"
    jsonl.write_text(json.dumps({"text": f"{title}\n\n{body}", "url": "https://x.example/a"}) + "\n", "utf-8")
    with Store(tmp_path / "e.duckdb") as store:
        first = ingest_local([str(folder)], store, SETTINGS, progress=False)
        assert first.stored == 3
        articles, events = store.counts()["articles"], store.counts()["events"]
        again = ingest_local([str(warc), str(jsonl)], store, SETTINGS, progress=False)
        # the two pages of the WARC and the JSON Lines record were stored from the folder;
        # the WARC's 404 response is an input of its own, skipped
        assert (again.stored, again.already_stored) == (0, 3)
        assert [s.reason for s in again.skipped] == ["HTTP 404 response, not a page"]
        assert (store.counts()["articles"], store.counts()["events"]) == (articles, events)
        rerun = ingest_local([str(warc), str(jsonl)], store, SETTINGS, progress=False)
        assert (rerun.stored, rerun.already_stored, len(rerun.skipped)) == (0, 4, 0)


def test_input_key_is_content_for_documents_and_resolved_path_for_the_rest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "big.html").write_text("x")
    assert input_key(Document("one", data=b"\xef\xbb\xbfSame text\n")) == input_key(Document("two", text="Same text"))
    assert input_key(Document("one", data=b"Same text")) != input_key(Document("one", data=b"Other text"))
    assert input_key(Skip("./a/big.html", "too large")) == input_key(Skip(str(tmp_path / "a" / "big.html"), "x"))
    assert input_key(Skip("a/../a/big.html#3", "broken")) == "path:" + str((tmp_path / "a" / "big.html").resolve()) + "#3"
    assert input_key(Skip("missing.txt", "no such file")) == "path:missing.txt"
