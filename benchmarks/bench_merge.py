"""Storing with merging across articles versus without, at 100,000 stored events (issue 14).

Usage:
    PYTHONPATH=src python benchmarks/bench_merge.py [--background 100000] [--articles 200] [--batch 32] [--json]

The background is synthesised straight into the tables (one mention per event, spread over
three years, 16 types and 40 places), as a database of 100,000 stored events would hold it. Then
~200 real-sized articles (the article-extraction dev pages, and copies of them under other URLs:
the same story reprinted by other sites) are coded once, and stored on top in batches with
``merge_across`` on and off, each into a fresh copy of the background. Printed: coding time,
storing time and articles/s end to end (coding + storing) for both, and the ratio. Target:
merging keeps end-to-end ingest within 20% of the rate without it. Figures only; nothing asserted.
With ``--json`` the figures are also printed as one JSON line at the end (``benchmarks/report.py
--only merging`` reads it).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import PAGES, machine  # noqa: E402

from newsevents.config import Settings  # noqa: E402
from newsevents.ingest import read_inputs  # noqa: E402
from newsevents.merge.match import date_window  # noqa: E402
from newsevents.model import PLOVER_TYPES, Actor, Article, Event, Evidence, Place, Source, mention_id  # noqa: E402
from newsevents.pipeline import extract_articles  # noqa: E402
from newsevents.store import Store  # noqa: E402
from newsevents.store_schema import EVENT_ARROW, MENTION_ARROW, event_row, mention_row  # noqa: E402

SECTORS = ("GOV", "MIL", "COP", "CVL", "OPP", "REB")
COUNTRIES = ("KEN", "KAZ", "NGA", "FRA", "IND", "SDN", "MMR", "COL")


def background(path: Path, n: int, seed: int = 7, day0: date = date(2022, 1, 1), days: int = 3 * 365,
               countries: tuple[str, ...] = COUNTRIES) -> None:
    """``n`` one-mention events written straight into the tables (no coding), over ``days`` days
    from ``day0``: placed where the coded articles' own dates and countries are, so that storing
    them meets real candidates (the join and the match run, not just an empty lookup)."""
    rng = random.Random(seed)
    places = [(c, i, rng.uniform(-30, 50), rng.uniform(-20, 100)) for c in countries for i in range(5)]
    now = __import__("datetime").datetime(2024, 1, 1)
    with Store(path) as store:
        for lo in range(0, n, 20_000):
            events, mentions = [], []
            for i in range(lo, min(n, lo + 20_000)):
                country, k, lat, lon = rng.choice(places)
                day = (day0 + timedelta(days=rng.randrange(days))).isoformat()
                sentence = f"Background sentence {i} about event {rng.randrange(10**6)} in place {k}."
                event = Event(type=rng.choice(PLOVER_TYPES), status="occurred",
                              actor1=Actor("actor", country=country, sector=rng.choice(SECTORS)),
                              date=day, date_end=day, date_precision="day",
                              location=Place(f"Place {country} {k}", name=f"Place {country} {k}", country=country,
                                             lat=lat, lon=lon, precision="city"),
                              evidence=Evidence(sentence, 0, len(sentence), "event", 0), confidence=0.6,
                              source=Source(f"bg{i:08d}", f"https://bg.example/{i}", None, "bg.example", day))
                event.id = mention_id(f"bg{i:08d}", str(i))
                row = event_row(event, now)
                row["n_mentions"], row["n_sources"] = 1, 1
                events.append(row)
                mentions.append(mention_row(event, f"bg{i:08d}", event.id, str(i), day, "bg.example",
                                            date_window(event), None))
            store._insert("events", events, EVENT_ARROW)
            store._insert("mentions", mentions, MENTION_ARROW)
        store.optimize(force=True)


def articles(n: int) -> list[Article]:
    """The dev pages, then copies under other URLs (a story reprinted by another site)."""
    originals = [a for a in read_inputs([str(PAGES)], Settings()) if isinstance(a, Article)]
    out = list(originals)
    i = 0
    while len(out) < n:
        src = originals[i % len(originals)]
        out.append(Article(text=src.text + f"\n\nReprinted by site {i}.", url=f"https://reprint{i}.example/a",
                           site=f"reprint{i}.example", title=src.title, published=src.published))
        i += 1
    return out[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--background", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch", type=int, default=32, help="articles per insert (the runner's batch)")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = parser.parse_args()
    figures: dict = {"background": args.background, "articles": args.articles, "batch": args.batch,
                     "load_before": os.getloadavg()[0]}
    print(machine())
    work = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        docs = articles(args.articles)
        t = time.perf_counter()
        coded = extract_articles(docs, Settings())
        coding = time.perf_counter() - t
        n_mentions = sum(len(e) for e in coded)
        figures.update(coding_s=round(coding, 2), records=n_mentions)
        print(f"coding: {len(docs)} articles, {n_mentions} records in {coding:.1f}s "
              f"({len(docs) / coding:.1f} articles/s)")
        # the background lies on the coded records' days and countries (a year around them)
        days = sorted(date.fromisoformat(e.date) for found in coded for e in found if e.date)
        countries = tuple(sorted({a.country for found in coded for e in found for a in (e.actor1, e.actor2)
                                  if a is not None and a.country})) or COUNTRIES
        middle = days[len(days) // 2] if days else date(2023, 1, 1)
        base = work / "background.duckdb"
        t = time.perf_counter()
        background(base, args.background, day0=middle - timedelta(days=182), days=365, countries=countries)
        print(f"background: {args.background} events over the year around {middle} in {len(countries)} "
              f"countries, written in {time.perf_counter() - t:.1f}s")
        rates = {}
        for merge in (False, True):
            path = work / f"merge-{merge}.duckdb"
            shutil.copy(base, path)
            with Store(path) as store:
                store.merge_across = merge
                t = time.perf_counter()
                pairs = list(zip(docs, coded))
                for lo in range(0, len(pairs), args.batch):
                    store.insert_articles(pairs[lo:lo + args.batch])
                storing = time.perf_counter() - t
                t = time.perf_counter()
                stories = store.build_stories(force=True)
                story_time = time.perf_counter() - t
                counts = store.counts()
                mentions = store.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
            rates[merge] = len(docs) / (coding + storing)
            figures["merge" if merge else "no_merge"] = {
                "storing_s": round(storing, 2), "rate": round(rates[merge], 2), "events": counts["events"],
                "mentions": mentions, "stories_s": round(story_time, 1), "stories": stories}
            print(f"merge_across={merge}: storing {storing:.2f}s ({len(docs) / storing:.0f} articles/s stored), "
                  f"end to end {rates[merge]:.1f} articles/s; events {counts['events']}, mentions {mentions}; "
                  f"stories rebuilt in {story_time:.1f}s ({stories} stories)")
        print(f"end-to-end rate with merging / without: {rates[True] / rates[False]:.3f} (target >= 0.80)")
        figures.update(ratio=round(rates[True] / rates[False], 3), load_after=os.getloadavg()[0])
        if args.json:
            print(json.dumps(figures))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
