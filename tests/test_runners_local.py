"""The single-process runner's accounting: every input is read, stored, already stored or skipped."""
from newsevents.config import Settings
from newsevents.runners.local import ingest_local
from newsevents.store import Store

TEXT = ("Police arrested 40 protesters in Nairobi on Wednesday, a police spokesman said. "
        "The protesters had marched against a new fuel tax in the capital's business district.\n")


def test_the_same_article_under_two_names_is_stored_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "copy-of-a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    with Store(tmp_path / "e.duckdb") as store:
        first = ingest_local([str(folder)], store, Settings(), published="2023-07-13", progress=False)
        assert (first.read, first.stored, first.already_stored, len(first.skipped)) == (3, 1, 1, 1)
        assert first.events >= 1 and store.counts()["articles"] == 1
        # a rerun reads nothing again: each origin is already stored (or already skipped)
        again = ingest_local([str(folder)], store, Settings(), published="2023-07-13", progress=False)
        assert (again.read, again.stored, again.already_stored, again.events) == (3, 0, 3, 0)
        assert store.counts()["events"] == first.events
