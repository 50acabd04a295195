"""Server CPU per GET /events request, without HTTP or a client: the ASGI application called in
this process, so process CPU time is the server's own (load from other processes changes it little).

    python benchmarks/profile_serve.py tmp/bench-serve-1000000.duckdb --requests 2000
    python benchmarks/profile_serve.py tmp/bench-serve-1000000.duckdb --sections   # where it goes

``--sections`` times the parts of the request path one at a time: the page query, the records
query, the mentions query, the whole store call, and the whole request.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_serve import query_paths  # noqa: E402  the benchmark's own request mix

from newsevents import queries  # noqa: E402
from newsevents.serve import ServeSettings, create_app  # noqa: E402
from newsevents.store import Store  # noqa: E402


async def call(app, path: str) -> bytes:
    route, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": route, "raw_path": route.encode(), "query_string": query.encode(),
             "root_path": "", "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 8000)}
    parts = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.body":
            parts.append(message.get("body", b""))
        elif message["status"] != 200:
            raise RuntimeError(f"{path}: status {message['status']}")

    await app(scope, receive, send)
    return b"".join(parts)


def cpu_ms(run, n: int) -> float:
    t = time.process_time()
    for _ in range(n):
        run()
    return 1000 * (time.process_time() - t) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--sections", action="store_true")
    args = parser.parse_args()
    app = create_app(ServeSettings(db=args.db, cache_entries=0))
    paths = query_paths(random.Random(1))
    loop = asyncio.new_event_loop()

    async def many(n):
        for _ in range(n):
            await call(app, next(paths))

    loop.run_until_complete(many(50))   # warm up
    t = time.process_time()
    loop.run_until_complete(many(args.requests))
    print(f"whole request: {1000 * (time.process_time() - t) / args.requests:.2f} ms CPU per request")
    if not args.sections:
        return
    store = Store(args.db, read_only=True)
    view = store.reader()
    rng = random.Random(2)

    def a_filter():
        path = next(query_paths(rng))
        params = dict(p.split("=") for p in path.split("?")[1].split("&"))
        return queries.EventFilter(type=params["type"], country=params["country"])

    n = max(100, args.requests // 2)
    print(f"events_page (3 queries): {cpu_ms(lambda: view.events_page(a_filter(), '-date', None, 100, as_json=True, mentions=False), n):.2f} ms")
    sql, params = queries.page_sql(a_filter(), "-date", None, 100, "e.rowid", view.shape())
    print(f"  page query: {cpu_ms(lambda: view.db.execute(*queries.page_sql(a_filter(), '-date', None, 100, 'e.rowid', view.shape())).fetchall(), n):.2f} ms")
    rowids = [r[0] for r in view.db.execute(sql, params).fetchall()]
    print(f"  records query: {cpu_ms(lambda: view.db.execute(queries.RECORDS_BY_ROWID_SQL, [min(rowids), max(rowids), rowids]).fetchall(), n):.2f} ms")
    ids = [r[1] for r in view.db.execute(queries.RECORDS_BY_ROWID_SQL, [min(rowids), max(rowids), rowids]).fetchall()]
    print(f"  mentions query: {cpu_ms(lambda: view.db.execute(queries.MENTIONS_SQL, [ids]).fetchall(), n):.2f} ms")
    print(f"  cursor + close: {cpu_ms(lambda: store.reader().close(), n):.2f} ms")


if __name__ == "__main__":
    main()
