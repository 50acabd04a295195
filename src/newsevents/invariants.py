"""What every finished event record holds, checked and enforced at the one place records are finished.

The invariants (README, "The event record"):

1. an event that happened (status occurred or ongoing) is never dated after its article's
   publication date;
2. ``date <= date_end``;
3. every count is non-negative and ``min <= max``;
4. the evidence offsets lie inside the article text and slice to the evidence sentence, and the
   trigger offset lies inside the evidence;
5. the id is the hash of what the event is (``model.record_id``), so it is the same in every run.

``finish_records`` is called by ``pipeline.extract_articles`` on every article's records, so every
path (``extract``, ``explain``, every ingest runner) goes through it. The coder is meant to keep
them already (``assemble.choose_date`` reads a weekday again as past, ...); a record that breaks one
here is repaired in the least committal way and says so in ``explain``, and ``violations`` is what
the tests assert to be empty.
"""
from __future__ import annotations

from .model import Article, Event, Evidence, record_id

HAPPENED = ("occurred", "ongoing")


def violations(article: Article, events: list[Event]) -> list[str]:
    """Every invariant a list of records breaks, one line each (empty when all hold).

    Args:
        article: the article the records were coded from (its text and publication date).
        events: the records.
    Returns:
        Lines like ``"<id> date 2022-01-15 after publication 2022-01-13 (occurred)"``.
    """
    out = []
    for event in events:
        out.extend(f"{event.id or '?'} {problem}" for problem in _problems(article, event))
    return out


def _problems(article: Article, event: Event) -> list[str]:
    problems = []
    if _after_publication(article, event):
        problems.append(f"date {event.date} after publication {article.published} ({event.status})")
    if event.date and event.date_end and event.date_end < event.date:
        problems.append(f"date_end {event.date_end} before date {event.date}")
    if event.date_end and not event.date:
        problems.append(f"date_end {event.date_end} without a date")
    for kind, count in event.counts.items():
        if _bad_count(count):
            problems.append(f"count {kind} min {count.min} max {count.max}")
    if event.evidence is not None and not _evidence_holds(article.text, event.evidence):
        ev = event.evidence
        problems.append(f"evidence [{ev.start}:{ev.end}] does not slice to its sentence {ev.sentence[:40]!r}")
    if event.id != record_id(event):
        problems.append(f"id is not the hash of the record ({record_id(event)})")
    return problems


def _after_publication(article: Article, event: Event) -> bool:
    return bool(article.published and event.date and event.status in HAPPENED
                and event.date > article.published[:10])


def _bad_count(count) -> bool:
    low, high = count.min, count.max
    return (low is not None and low < 0) or (high is not None and high < 0) or \
        (low is not None and high is not None and low > high)


def _evidence_holds(text: str, ev: Evidence) -> bool:
    if not 0 <= ev.start <= ev.end <= len(text) or text[ev.start:ev.end] != ev.sentence:
        return False
    if ev.trigger_start is not None:
        end = ev.trigger_start + len(ev.trigger or "")
        if not ev.start <= ev.trigger_start <= end <= ev.end:
            return False
    return True


def finish_records(article: Article, events: list[Event]) -> list[Event]:
    """Enforce the invariants on one article's records and give each its final id.

    A record that breaks one is repaired in the least committal way, and ``explain`` says so: an
    event that happened dated after publication is dated by its report (the publication date,
    precision ``reported``); an end before the start is dropped; an impossible count is dropped;
    evidence that does not slice to its sentence is moved to where the sentence is in the text
    (the record is dropped when the sentence is not in the text at all).

    Returns:
        The records (the same objects, in the same order, less any whose evidence is not in the text).
    """
    kept = []
    for event in events:
        if _after_publication(article, event):
            event.explain.append(f"date {event.date}: after the publication date of an event that happened; "
                                 f"dated by its report instead (invariant)")
            event.date, event.date_end, event.date_precision, event.date_text = (
                article.published[:10], None, "reported", None)
        if event.date_end and (not event.date or event.date_end < event.date):
            event.explain.append(f"date_end {event.date_end}: before its start {event.date}; dropped (invariant)")
            event.date_end = None
        for kind in [k for k, c in event.counts.items() if _bad_count(c)]:
            count = event.counts.pop(kind)
            event.explain.append(f"count {kind} {count.text!r} min {count.min} max {count.max}: "
                                 f"impossible, dropped (invariant)")
        if event.evidence is not None and not _evidence_holds(article.text, event.evidence):
            if not _relocate(article.text, event.evidence):
                continue
            event.explain.append("evidence offsets moved to where its sentence is in the text (invariant)")
        event.id = record_id(event)
        kept.append(event)
    return kept


def _relocate(text: str, ev: Evidence) -> bool:
    """Point the evidence at the occurrence of its sentence nearest to where it claimed to be."""
    spots, at = [], text.find(ev.sentence)
    while at >= 0 and ev.sentence:
        spots.append(at)
        at = text.find(ev.sentence, at + 1)
    if not spots:
        return False
    start = min(spots, key=lambda s: abs(s - ev.start))
    shift = start - ev.start
    ev.start, ev.end = start, start + len(ev.sentence)
    if ev.trigger_start is not None:
        ev.trigger_start += shift
        if not ev.start <= ev.trigger_start <= ev.end:
            ev.trigger_start = None
    return True


__all__ = ["finish_records", "violations", "HAPPENED"]
