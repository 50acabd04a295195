"""Where an event's extracted words sit in a source sentence, for highlighting (like displaCy).

The record keeps the words each field came from (actor text, trigger, place, date, count); a
mention keeps its sentence. The spans are found again in the sentence: exactly for the trigger of
the record's own mention (its offset is stored), by whole-word search otherwise.
"""
from __future__ import annotations

import re
from typing import Any

# Order matters: a span found earlier keeps its characters when two would cross. One inside
# another is kept (a count inside an actor's words: "[[more than 300] protesters]").
LABELS = ("TRIGGER", "ACTOR1", "ACTOR2", "COUNT", "PLACE", "DATE", "SOURCE")


def _words(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, words) pairs of the record's extracted fields, in LABELS order."""
    pairs: list[tuple[str, str]] = []
    evidence = record.get("evidence") or {}
    if evidence.get("trigger"):
        pairs.append(("TRIGGER", evidence["trigger"]))
    for role, label in (("actor1", "ACTOR1"), ("actor2", "ACTOR2")):
        if (record.get(role) or {}).get("text"):
            pairs.append((label, record[role]["text"]))
    for count in (record.get("counts") or {}).values():
        if count.get("text"):
            pairs.append(("COUNT", count["text"]))
    if (record.get("location") or {}).get("text"):
        pairs.append(("PLACE", record["location"]["text"]))
    if record.get("date_text"):
        pairs.append(("DATE", record["date_text"]))
    if (record.get("attribution") or {}).get("text"):
        pairs.append(("SOURCE", record["attribution"]["text"]))
    return pairs


def _find(sentence: str, words: str) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``words`` (case-sensitive first, then not)."""
    pattern = r"(?<!\w)" + re.escape(words) + r"(?!\w)"
    match = re.search(pattern, sentence) or re.search(pattern, sentence, re.IGNORECASE)
    return match.span() if match else None


def highlight_spans(record: dict[str, Any], sentence: str, sentence_start: int | None = None) -> list[dict[str, Any]]:
    """Spans ``{start, end, label, text}`` (offsets into ``sentence``) that nest but never cross,
    ordered by start (the outer first).

    Args:
        record: the event record (its evidence, actors, counts, place, date and attribution words).
        sentence: one source sentence of the event.
        sentence_start: the sentence's offset in its article; when it is the record's own evidence
            sentence, the trigger is placed by its stored offset instead of by search.
    """
    taken: list[tuple[int, int]] = []
    spans: list[dict[str, Any]] = []
    evidence = record.get("evidence") or {}
    for label, words in _words(record):
        found = None
        own = sentence_start is not None and sentence_start == evidence.get("start")
        if label == "TRIGGER" and own and evidence.get("trigger_start") is not None:
            begin = evidence["trigger_start"] - sentence_start
            if sentence[begin:begin + len(words)] == words:
                found = (begin, begin + len(words))
        found = found or _find(sentence, words)
        if not found or found in taken or any(_cross(found, span) for span in taken):
            continue
        taken.append(found)
        spans.append({"start": found[0], "end": found[1], "label": label, "text": sentence[found[0]:found[1]]})
    return sorted(spans, key=lambda span: (span["start"], -span["end"]))


def _cross(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans overlap without one holding the other."""
    overlap = a[0] < b[1] and b[0] < a[1]
    nested = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
    return overlap and not nested
