"""Reprocessing through the CLI: a corrected publication date recodes stored articles in place,
and `recode` codes the whole database again from the stored texts."""
from pathlib import Path

from newsevents.cli import main
from newsevents.store import EventFilter, Store

SAMPLE = Path(__file__).parents[1] / "src" / "newsevents" / "samples" / "sample-article.txt"


def _dates(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return sorted(r["date"] or "-" for r in store.events_matching(EventFilter()))


def test_a_corrected_publication_date_is_reprocessed_and_recode_changes_nothing_else(tmp_path, capsys):
    db = tmp_path / "e.duckdb"
    assert main(["ingest", str(SAMPLE), "--db", str(db), "--published", "2023-07-13", "--workers", "1"]) == 0
    before = _dates(db)
    assert "2023-07-12" in before          # "on Wednesday" before the 13th
    # the same input again without --reprocess: already stored, nothing changes
    assert main(["ingest", str(SAMPLE), "--db", str(db), "--published", "2023-07-20", "--workers", "1"]) == 0
    assert _dates(db) == before
    assert main(["ingest", str(SAMPLE), "--db", str(db), "--published", "2023-07-20", "--workers", "1",
                 "--reprocess"]) == 0
    after = _dates(db)
    assert "2023-07-19" in after and "2023-07-12" not in after
    with Store(db, read_only=True) as store:
        counts = store.counts()
        published = store.db.execute("SELECT published::VARCHAR FROM articles").fetchall()
    assert counts["articles"] == 1 and published == [("2023-07-20",)]
    capsys.readouterr()
    assert main(["recode", "--db", str(db)]) == 0
    assert "recoded 1 articles" in capsys.readouterr().out
    assert _dates(db) == after
    with Store(db, read_only=True) as store:
        assert store.counts() == counts
