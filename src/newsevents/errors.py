"""Named errors. Each message says what went wrong and, where it can, how to fix it."""


class NewsEventsError(Exception):
    """Base class: the CLI prints these as one line and exits non-zero."""


class InputError(NewsEventsError):
    """An input could not be read as an article (empty, binary, too large, not English, ...)."""


class ModelNotFound(NewsEventsError):
    """The configured spaCy pipeline is not installed."""


class StoreError(NewsEventsError):
    """The database could not be opened or written."""


class QueryError(NewsEventsError):
    """A query's filter, sort or cursor cannot be used (the API answers 400)."""


class NotFound(NewsEventsError):
    """No stored record has the id asked for (the API answers 404)."""


class DeadlineExceeded(NewsEventsError):
    """One input took longer than Settings.article_seconds to read or code."""


class ExtractionFailed(NewsEventsError):
    """The process that extracted a large page's text ended without an answer (memory, a crash)."""
