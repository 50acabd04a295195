"""Serving speed: GET /events on a large database, and the dashboard's first load in Chromium.

    python benchmarks/bench_serve.py --events 1000000            # API throughput and p95, first load
    python benchmarks/bench_serve.py --events 100000 --browser   # first load and a filter change

The database is made once per size (tmp/bench-serve-N.duckdb, reused) from synthetic events
through the store's own insert: 10 events per article, 16 types, 40 countries with real points,
three years of dates, counts on a third of them. The server runs as `newsevents serve` in its own
process; the client is this process (threads with keep-alive connections) on the same machine.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from newsevents.model import PLOVER_TYPES, STATUSES, Actor, Article, Count, Event, Evidence, Place, Source
from newsevents.store import Store

ROOT = Path(__file__).parents[1]
# ISO3, capital, lat, lon: real points so the map's clusters look like a map
PLACES = [
    ("KEN", "Nairobi", -1.29, 36.82), ("KAZ", "Almaty", 43.25, 76.91), ("UKR", "Kyiv", 50.45, 30.52),
    ("NGA", "Abuja", 9.06, 7.49), ("FRA", "Paris", 48.86, 2.35), ("USA", "Washington", 38.9, -77.04),
    ("BRA", "Brasilia", -15.79, -47.88), ("IND", "New Delhi", 28.61, 77.21), ("CHN", "Beijing", 39.9, 116.4),
    ("SDN", "Khartoum", 15.5, 32.56), ("ETH", "Addis Ababa", 9.03, 38.74), ("COL", "Bogota", 4.71, -74.07),
    ("MEX", "Mexico City", 19.43, -99.13), ("PAK", "Islamabad", 33.68, 73.05), ("AFG", "Kabul", 34.53, 69.17),
    ("IRQ", "Baghdad", 33.31, 44.36), ("SYR", "Damascus", 33.51, 36.28), ("YEM", "Sanaa", 15.37, 44.19),
    ("MLI", "Bamako", 12.64, -8.0), ("BFA", "Ouagadougou", 12.37, -1.52), ("COD", "Kinshasa", -4.44, 15.27),
    ("SOM", "Mogadishu", 2.05, 45.32), ("MMR", "Naypyidaw", 19.76, 96.08), ("PHL", "Manila", 14.6, 120.98),
    ("IDN", "Jakarta", -6.21, 106.85), ("GBR", "London", 51.51, -0.13), ("DEU", "Berlin", 52.52, 13.4),
    ("RUS", "Moscow", 55.76, 37.62), ("TUR", "Ankara", 39.93, 32.86), ("IRN", "Tehran", 35.69, 51.39),
    ("EGY", "Cairo", 30.04, 31.24), ("ZAF", "Pretoria", -25.75, 28.19), ("ARG", "Buenos Aires", -34.6, -58.38),
    ("PER", "Lima", -12.05, -77.04), ("VEN", "Caracas", 10.48, -66.9), ("HTI", "Port-au-Prince", 18.59, -72.31),
    ("LBN", "Beirut", 33.89, 35.5), ("ISR", "Jerusalem", 31.77, 35.21), ("THA", "Bangkok", 13.76, 100.5),
    ("BGD", "Dhaka", 23.81, 90.41),
]
SECTORS = ("GOV", "MIL", "COP", "CVL", "OPP", "REB")


def synthetic(n_events: int, seed: int = 7):
    """(Article, [Event]) pairs, 10 events each."""
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    for a in range(0, n_events, 10):
        text = f"Synthetic report {a}. " + "Police arrested protesters in the capital on Monday. " * 8
        article = Article(text=text, title=f"Report {a}", url=f"https://bench.example/{a}",
                          published=(start + timedelta(days=rng.randrange(1095))).isoformat())
        events = []
        for i in range(min(10, n_events - a)):
            country, city, lat, lon = rng.choice(PLACES)
            day = (start + timedelta(days=rng.randrange(1095))).isoformat()
            sentence_start = 20 + 53 * (i % 8)
            counts = {}
            if rng.random() < 0.33:
                kind = rng.choice(("killed", "injured", "detained", "participants"))
                value = int(rng.paretovariate(1.2) * 3)
                counts[kind] = Count(kind, value, value, str(value))
            event = Event(type=rng.choice(PLOVER_TYPES), cameo=str(rng.randrange(10, 20)) + "0",
                          status=rng.choice(STATUSES),
                          actor1=Actor("police", name=f"{country} police", country=country, sector=rng.choice(SECTORS)),
                          actor2=Actor("protesters", country=country, sector="CVL") if rng.random() < 0.6 else None,
                          date=day, date_precision="day",
                          location=Place(city, name=city, country=country, lat=lat + rng.gauss(0, 0.6),
                                         lon=lon + rng.gauss(0, 0.6), precision="city"),
                          counts=counts, confidence=round(rng.random(), 3),
                          evidence=Evidence("Police arrested protesters in the capital on Monday.",
                                            sentence_start, sentence_start + 52, "arrested", sentence_start + 7),
                          source=Source(article.id, article.url, article.title, None, article.published))
            event.id = f"{a + i:016x}"
            events.append(event)
        yield article, events


def build(path: Path, n_events: int) -> None:
    t0 = time.perf_counter()
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    batch = []
    with Store(tmp) as store:
        # the synthetic reports repeat one sentence and a few actors: merging across articles would
        # fold them into a few huge events; serving is measured over a million distinct ones
        store.merge_across = False
        for pair in synthetic(n_events):
            batch.append(pair)
            if len(batch) == 2000:
                store.insert_articles(batch)
                batch = []
        if batch:
            store.insert_articles(batch)
        store.optimize()      # as `newsevents ingest` leaves a large table: ordered by type and date
        store.db.execute("CHECKPOINT")
    tmp.rename(path)
    print(f"built {path} with {n_events:,} events in {time.perf_counter() - t0:.0f} s")


class Server:
    def __init__(self, db: Path, port: int, cache: bool):
        self.port = port
        code = ("import sys, uvicorn; from newsevents.serve import ServeSettings, create_app; "
                f"uvicorn.run(create_app(ServeSettings(db=sys.argv[1], cache_entries={1024 if cache else 0})), "
                "port=int(sys.argv[2]), log_level='warning')")
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/stats?type=AGREE")
                conn.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def query_paths(rng: random.Random):
    """Two filters (a type and a country), a page of 100, newest first: endless."""
    while True:
        yield f"/events?type={rng.choice(PLOVER_TYPES)}&country={rng.choice(PLACES)[0]}&limit=100&sort=-date"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_test(port: int, seconds: float, threads: int, server_pid: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(seed: int):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for path in query_paths(rng):
            if time.perf_counter() > stop_at:
                break
            t = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            mine.append(time.perf_counter() - t)
            if response.status != 200 or not body:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    server_cpu, client_cpu = cpu_seconds(server_pid), cpu_seconds(os.getpid())
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - t0
    server_cpu = (cpu_seconds(server_pid) - server_cpu) / len(latencies)
    client_cpu = (cpu_seconds(os.getpid()) - client_cpu) / len(latencies)
    latencies.sort()
    return {"requests": len(latencies), "errors": errors[0], "req_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * statistics.median(latencies), 1),
            "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
            "threads": threads,
            # CPU per request: what the two cores could serve if this benchmark had them to itself
            "server_cpu_ms_per_req": round(1000 * server_cpu, 2), "client_cpu_ms_per_req": round(1000 * client_cpu, 2),
            "cpu_bound_req_per_s_on_2_cores": round(2 / (server_cpu + client_cpu), 1),
            "load_average_1m": os.getloadavg()[0]}


def browser_timings(port: int, filter_change: bool) -> dict:
    from selenium import webdriver
    from selenium.webdriver.support.ui import Select, WebDriverWait
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    profile = tempfile.mkdtemp()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,900", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(shutil.which("chromedriver")))
    out = {}
    try:
        loads = []
        for _ in range(3):   # the first is a cold browser cache, then warm
            driver.get("about:blank")
            driver.get(f"http://127.0.0.1:{port}/")
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
            loads.append(driver.execute_script("return performance.now()") / 1000)
        out["first_load_s"] = [round(x, 2) for x in loads]
        (ROOT / "tmp" / "artifacts").mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ROOT / "tmp" / "artifacts" / f"bench-serve-{port}.png"))
        out["map_markers"] = driver.execute_script("return clusters.getLayers().length + cells.getLayers().length")
        out["map_note"] = driver.find_element("id", "map-note").text
        if filter_change:
            before = driver.find_element("id", "total").text
            t = time.perf_counter()
            Select(driver.find_element("id", "f-type")).select_by_value("PROTEST")
            WebDriverWait(driver, 60).until(lambda d: d.find_element("id", "total").text != before
                                            and d.find_element("id", "status").text == "")
            out["filter_change_s"] = round(time.perf_counter() - t, 2)
            t = time.perf_counter()
            driver.find_element("id", "next").click()
            WebDriverWait(driver, 60).until(lambda d: d.find_element("id", "page-no").text.strip() == "page 2")
            out["next_page_s"] = round(time.perf_counter() - t, 2)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--browser", action="store_true", help="also time a filter change and a next page")
    parser.add_argument("--no-load-test", action="store_true")
    parser.add_argument("--cache", action="store_true",
                        help="keep the server's answer cache on (the figures in README are without it)")
    args = parser.parse_args()
    db = ROOT / "tmp" / f"bench-serve-{args.events}.duckdb"
    db.parent.mkdir(exist_ok=True)
    if not db.exists():
        build(db, args.events)
    server = Server(db, args.port, args.cache)
    try:
        result = {"events": args.events, "answer_cache": args.cache}
        if not args.no_load_test:
            load_test(args.port, 2, args.threads, server.proc.pid)   # warm up
            result.update(load_test(args.port, args.seconds, args.threads, server.proc.pid))
        result.update(browser_timings(args.port, args.browser))
    finally:
        server.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
