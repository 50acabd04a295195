"""newsevents: reads news and writes down what happened, as sourced event records.

    from newsevents import extract
    events = extract(text_or_html, published="2022-01-13")

    db = newsevents.open("events.duckdb")
    frame = db.events(type="PROTEST", since="2023-01-01").to_pandas()
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:   # what the lazy names below are, for type checkers
    from .api import open_database as open
    from .config import Settings
    from .pipeline import extract, extract_article, extract_articles

__version__ = "0.1.0"
__all__ = ["extract", "extract_article", "extract_articles", "open", "Settings", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily: `newsevents --help` and light imports need not load spaCy.
    if name in ("extract", "extract_article", "extract_articles"):
        from . import pipeline
        return getattr(pipeline, name)
    if name == "open":
        from .api import open_database
        return open_database
    if name == "Settings":
        from .config import Settings
        return Settings
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
