"""Evaluate whole news stories against events coded by hand: `newsevents evaluate news [PATH]`.

The gold (default: the packaged VOA set, ``gold/voa_news.jsonl``; format in docs/voa-gold.md) codes
every event of each story following the project's coding guide. Each story is run through the
pipeline as an article with its publication date, and every stored record is judged as an analyst
would judge it:

- **real**: its evidence sentence is one of a gold event's sentences (first mention or a later
  one) and it agrees with that event on the type or on the main actor. Among several gold events in
  the sentence, the one agreeing best (type, then actors) is taken.
- **right**: real, the right type, and every field it fills right: actors (text overlap, or the same
  country and sector; a filled country must be the gold's), status, date (its span lies within the
  gold's, or holds the gold's day within a month; a date of precision ``reported`` claims nothing
  and is not scored), place (the gold names one and the countries agree), each count (the gold has
  it with the same lower bound). Only one record per gold event can be right: a second record of
  the same event is a duplicate.
- **named** (``named_precision``): right, and every filled actor shares a word with the gold actor's
  text; the country-and-sector fallback that ``right`` allows ("Somalia" for "gunmen", a state for
  its minister) does not count here. ``named_recall`` asks the same of the main actor.
- **recall**: a gold event is found when a record in one of its sentences has its type and its main
  actor (type only when the gold's main actor is implied); ``type_recall`` asks the type only.

Figures are given for the whole set and for each split (``read``: stories whose coder output the
developers read; ``unread``: never read, the honest estimate). ``errors`` lists each wrong record
with the fields that were wrong and each missed gold event.

Non-news pages: when the hand labels of the 91 article-extraction dev pages (``gold/
relevance_pages.jsonl``) and the pages themselves (``../shared/data/article-extraction-dev``) are
there, ``events_per_other_page`` is the number of records per page labelled not news.
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from . import gold_set_main, metrics_table, read_gold_lines

GOLD = "voa_news.jsonl"
PAGE_LABELS = "relevance_pages.jsonl"
PAGES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "article-extraction-dev"

_STOP = {"the", "a", "an", "of", "and", "its", "his", "her", "their", "'s", "s", "to", "in", "for",
         "on", "at", "by", "with", "from", "some", "two", "three", "several", "other", "also"}
_FIELDS = ("type", "actor1", "actor2", "status", "date", "place", "counts")


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP}


def actor_matches(got: dict | None, gold: dict | None) -> bool:
    """A stored actor names the gold actor: shared words, or the same country and sector."""
    if got is None or gold is None:
        return got is None and gold is None
    if _words(got.get("text")) & _words(gold.get("text")) or _words(got.get("name")) & _words(gold.get("text")):
        return True
    return bool(got.get("country")) and got.get("country") == gold.get("country") and \
        bool(got.get("sector")) and got.get("sector") == gold.get("sector")


def actor_named(got: dict | None, gold: dict | None) -> bool:
    """A filled actor shares a word with the gold actor's text (no country-and-sector fallback)."""
    if got is None:
        return True
    if gold is None:
        return False
    want = _words(gold.get("text"))
    return bool(_words(got.get("text")) & want or _words(got.get("name")) & want)


def _actor_right(got: dict | None, gold: dict | None) -> bool:
    if got is None:
        return True                       # an empty slot claims nothing
    if gold is None or not actor_matches(got, gold):
        return False
    return not got.get("country") or got.get("country") == gold.get("country")


def _span(value: str | None) -> tuple[date, date] | None:
    """The days a gold date value covers: YYYY-MM-DD, YYYY-MM or YYYY."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(*parts)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _date_right(event: dict, gold: dict) -> bool:
    if not event.get("date") or event.get("date_precision") == "reported":
        return True                       # no date, or the publication date said as such
    want = _span(gold.get("date"))
    if want is None:
        return False
    start = date.fromisoformat(event["date"])
    end = date.fromisoformat(event.get("date_end") or event["date"])
    if want[0] <= start and end <= want[1]:
        return True                       # as precise as the gold or finer, and inside it
    return start <= want[0] and want[1] <= end and (end - start).days <= 31


def _place_right(event: dict, gold: dict) -> bool:
    got, want = event.get("location"), gold.get("place")
    if not got:
        return True
    if not want:
        return False
    return bool(got.get("country")) and got.get("country") == want.get("country")


def _counts_right(event: dict, gold: dict) -> bool:
    want = gold.get("counts") or {}
    for kind, count in (event.get("counts") or {}).items():
        if kind not in want or want[kind].get("min") != count.get("min"):
            return False
    return True


def wrong_fields(event: dict, gold: dict) -> list[str]:
    """The fields a record fills that disagree with the gold event it reports."""
    checks = {
        "type": event["type"] == gold["type"],
        "actor1": _actor_right(event.get("actor1"), gold.get("actor1")),
        "actor2": _actor_right(event.get("actor2"), gold.get("actor2")),
        "status": event.get("status") == gold.get("status"),
        "date": _date_right(event, gold),
        "place": _place_right(event, gold),
        "counts": _counts_right(event, gold),
    }
    return [name for name in _FIELDS if not checks[name]]


def _sentence_spans(text: str, gold: dict) -> list[tuple[int, int]]:
    spans = []
    for sentence in [gold["sentence"], *gold.get("also", [])]:
        at = text.find(sentence)
        if at >= 0:
            spans.append((at, at + len(sentence)))
    return spans


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < end and start < a[1] for start, end in spans)


def _best_gold(event: dict, candidates: list[dict]) -> dict | None:
    """The gold event of the record's sentence it reports: same type first, then actors."""
    def score(g: dict) -> tuple[int, int, int, int]:
        # the country breaks a tie between gold events whose actors read alike ("both countries"
        # coded once per state)
        return (event["type"] == g["type"], actor_matches(event.get("actor1"), g.get("actor1")),
                actor_matches(event.get("actor2"), g.get("actor2")),
                sum(_actor_right(event.get(s), g.get(s)) for s in ("actor1", "actor2")))
    ranked = sorted(candidates, key=score, reverse=True)
    for g in ranked:
        s = score(g)
        if s[0] or (s[1] and event.get("actor1") is not None):
            return g
    return None


def score_story(story: dict, events: list[dict]) -> dict[str, Any]:
    """Judge one story's records against its gold events."""
    text = story["text"]
    golds = story["events"]
    spans = [_sentence_spans(text, g) for g in golds]
    tally = Counter()
    field_errors = Counter()
    taken: set[int] = set()
    mistakes = []
    verdicts: list[str] = []        # one per record: right, duplicate, not an event, wrong FIELDS
    for event in events:
        ev = event.get("evidence") or {}
        where = (ev.get("start", -1), ev.get("end", -1))
        candidates = [g for g, sp in zip(golds, spans) if _overlaps(where, sp)]
        gold = _best_gold(event, candidates)
        tally["records"] += 1
        if gold is None:
            mistakes.append({"story": story["id"], "record": _brief(event), "verdict": "not an event"})
            verdicts.append("not an event")
            continue
        tally["real"] += 1
        wrong = wrong_fields(event, gold)
        field_errors.update(wrong)
        if not wrong and gold["n"] in taken:
            tally["duplicates"] += 1
            mistakes.append({"story": story["id"], "record": _brief(event), "verdict": f"duplicate of {gold['n']}"})
            verdicts.append("duplicate")
        elif not wrong:
            tally["right"] += 1
            tally["named"] += actor_named(event.get("actor1"), gold.get("actor1")) and \
                actor_named(event.get("actor2"), gold.get("actor2"))
            taken.add(gold["n"])
            verdicts.append("right")
        else:
            mistakes.append({"story": story["id"], "record": _brief(event), "gold": gold["n"],
                             "verdict": "wrong " + ",".join(wrong)})
            verdicts.append("wrong " + ",".join(wrong))
    for gold, sp in zip(golds, spans):
        tally["gold"] += 1
        here = [e for e in events if _overlaps(((e.get("evidence") or {}).get("start", -1),
                                                (e.get("evidence") or {}).get("end", -1)), sp)]
        typed = [e for e in here if e["type"] == gold["type"]]
        tally["type_found"] += bool(typed)
        found = any(gold.get("actor1") is None or actor_matches(e.get("actor1"), gold["actor1"]) for e in typed)
        tally["found"] += found
        tally["named_found"] += any(gold.get("actor1") is None or (e.get("actor1") is not None and
                                    actor_named(e.get("actor1"), gold["actor1"])) for e in typed)
        if not found:
            mistakes.append({"story": story["id"], "missed": gold["n"], "type": gold["type"],
                             "actor1": (gold.get("actor1") or {}).get("text"), "sentence": gold["sentence"][:160]})
    return {"tally": tally, "field_errors": field_errors, "errors": mistakes, "verdicts": verdicts}


def _brief(event: dict) -> dict:
    return {"type": event["type"], "status": event.get("status"),
            "actor1": (event.get("actor1") or {}).get("text"), "actor2": (event.get("actor2") or {}).get("text"),
            "date": event.get("date"), "date_precision": event.get("date_precision"),
            "place": (event.get("location") or {}).get("name"),
            "counts": {k: c.get("min") for k, c in (event.get("counts") or {}).items()},
            "sentence": ((event.get("evidence") or {}).get("sentence") or "")[:160]}


def _figures(tally: Counter) -> dict[str, Any]:
    records, gold = tally["records"], tally["gold"]
    return {
        "stories": tally["stories"], "gold_events": gold, "records": records,
        "record_precision": round(tally["right"] / records, 3) if records else 0.0,
        "named_precision": round(tally["named"] / records, 3) if records else 0.0,
        "real_share": round(tally["real"] / records, 3) if records else 0.0,
        "recall": round(tally["found"] / gold, 3) if gold else 0.0,
        "named_recall": round(tally["named_found"] / gold, 3) if gold else 0.0,
        "type_recall": round(tally["type_found"] / gold, 3) if gold else 0.0,
        "duplicates": tally["duplicates"],
    }


def _settings(model: str | None, settings: Any = None) -> Any:
    from ..config import Settings

    if settings is not None:
        return settings.with_(spacy_model=model) if model else settings
    return Settings(spacy_model=model) if model else Settings()


def _story_events(stories: list[dict], model: str | None = None, settings: Any = None,
                  **settings_changes: Any) -> list[list[dict]]:
    from ..model import Article
    from ..pipeline import extract_articles

    settings = _settings(model, settings).with_(**settings_changes)
    articles = [Article(text=s["text"], url=s.get("url"), title=s.get("title"), published=s.get("published"),
                        published_source="metadata") for s in stories]
    return [[e.to_dict() for e in events] for events in extract_articles(articles, settings)]


def other_page_rate(pages: Path = PAGES, model: str | None = None, settings: Any = None) -> dict[str, Any] | None:
    """Records per page on the hand-labelled article-extraction dev pages, news and not news."""
    from ..errors import InputError
    from ..ingest import article_from_bytes
    from ..pipeline import extract_articles

    labels = _page_labels()
    if not labels or not (pages / "html").is_dir():
        return None
    settings = _settings(model, settings)
    by_label: dict[str, list[int]] = defaultdict(list)
    for row in labels:
        path = next((pages / "html").glob(f"{row['id']}.html*"), None)
        if path is None:
            continue
        try:
            article = article_from_bytes(path.read_bytes(), origin=str(path), settings=settings, url=row.get("url"))
        except InputError:
            by_label[row["label"]].append(0)
            continue
        by_label[row["label"]].append(len(extract_articles([article], settings)[0]))
    return {f"events_per_{label}_page": round(sum(n) / len(n), 3) for label, n in sorted(by_label.items())} | {
        f"{label}_pages": len(n) for label, n in sorted(by_label.items())}


def _page_labels() -> list[dict]:
    from importlib import resources
    import json

    gold = resources.files("newsevents.evaluate") / "gold" / PAGE_LABELS
    if not gold.is_file():
        return []
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(path: str | None = None, model: str | None = None, errors: bool = False, pages: bool = True,
        settings: Any = None, **options: Any) -> dict[str, Any]:
    """Score the pipeline's records on hand-coded stories.

    Args:
        path: gold JSON Lines file (docs/voa-gold.md); None for the packaged VOA set.
        model: spaCy pipeline name.
        errors: also return each wrong record and missed event under "errors".
        pages: also count records on the labelled non-news dev pages, when they are there.
        settings: the pipeline's settings (threshold, non-events, relevance); None for the defaults.
    Returns:
        {"record_precision", "real_share", "recall", "type_recall", "field_errors", "split": {...}, ...}
    """
    stories = read_gold_lines(path, GOLD)
    if options.get("limit"):
        stories = stories[: options["limit"]]
    outputs = _story_events(stories, model, settings)
    total, splits = Counter(), defaultdict(Counter)
    fields, mistakes = Counter(), []
    for story, events in zip(stories, outputs):
        scored = score_story(story, events)
        scored["tally"]["stories"] = 1
        total.update(scored["tally"])
        splits[story.get("split", "read")].update(scored["tally"])
        fields.update(scored["field_errors"])
        mistakes.extend(scored["errors"])
    out = _figures(total)
    out["field_errors"] = dict(fields.most_common())
    out["split"] = {name: _figures(t) for name, t in sorted(splits.items())}
    if pages:
        rates = other_page_rate(model=model, settings=settings)
        if rates:
            out.update(rates)
    if errors:
        out["errors"] = mistakes
    return out


def read_gold_packaged() -> list[dict]:
    """The packaged VOA gold set."""
    return read_gold_lines(None, GOLD)


def format_table(metrics: dict[str, Any]) -> str:
    """The overall figures, then each split's."""
    keys = ("stories", "gold_events", "records", "record_precision", "named_precision", "real_share", "recall",
            "named_recall", "type_recall",
            "duplicates", "events_per_other_page", "other_pages", "events_per_news_page", "news_pages")
    lines = [metrics_table(metrics, keys), "", "wrong fields: " + ", ".join(
        f"{k} {v}" for k, v in metrics.get("field_errors", {}).items())]
    for name, figures in metrics.get("split", {}).items():
        lines += ["", f"split {name}", metrics_table(figures, keys)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    gold_set_main("Evaluate records on hand-coded news stories.", run, format_table, argv)


if __name__ == "__main__":
    main()
