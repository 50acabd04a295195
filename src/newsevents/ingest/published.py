"""An article's publication date: one precedence for every input kind (HTML, text, records, feeds).

    1. user       the date given by the person running the tool (``--published``, ``published=``):
                  it overrides every date found with the input
    2. metadata   the date that came with the input: a JSON Lines record's ``published`` or a feed
                  entry's date first, then the page's own metadata (``<meta>``, JSON-LD, ``<time>``)
    3. url        a full date in the article's URL (/2022/01/13/)
    4. dateline   a date written at the head of the story ("NAIROBI, Jan 10, 2022 (Reuters) -")

The first one present wins, and the article keeps which one it was (``Article.published_source``).
No date is ever guessed from today: with none of the four, the article has no publication date.
"""
from __future__ import annotations

PRECEDENCE = ("user", "metadata", "url", "dateline")


def choose_published(user: str | None = None, metadata: tuple[str | None, ...] = (), url: str | None = None,
                     dateline: str | None = None) -> tuple[str | None, str | None]:
    """The publication date and its source, by :data:`PRECEDENCE`.

    Args:
        user: an ISO date given by the person running the tool.
        metadata: ISO dates that came with the input, most trusted first (a record's own field, then
            the page's metadata).
        url: the date read from the article's URL.
        dateline: the date read from the story's dateline.
    Returns:
        (date, source), or (None, None) when no step gives a date.
    """
    candidates = ((user, "user"), *((m, "metadata") for m in metadata), (url, "url"), (dateline, "dateline"))
    return next(((found, source) for found, source in candidates if found), (None, None))


__all__ = ["PRECEDENCE", "choose_published"]
