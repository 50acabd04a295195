"""Recoding a database: every stored article coded again from its stored text (after a new release
of the coder or new settings), its events and links replaced and nothing else."""
from __future__ import annotations

from .config import Settings
from .pipeline import extract_articles
from .store import Store


def recode(store: Store, settings: Settings, batch: int = 64, progress: bool | None = None) -> int:
    """Code every stored article again and replace its events and links; returns how many articles.

    The article rows keep what ingest found (text, URL, dates); an event that another article
    still reports stays, linked to that article.
    """
    from tqdm import tqdm

    total = store.counts()["articles"]
    bar = tqdm(total=total, unit="article", disable=not progress if progress is not None else None)
    done = 0
    reprocess = store.reprocess
    store.reprocess = True
    try:
        # read every batch first: replacing rows while a query over the table is open is not safe
        for articles in list(store.stored_articles(batch)):
            store.insert_articles(list(zip(articles, extract_articles(articles, settings))))
            done += len(articles)
            bar.update(len(articles))
    finally:
        store.reprocess = reprocess
        bar.close()
    return done
