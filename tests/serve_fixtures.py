"""A served events database for the API and dashboard tests: built from the repo's sample article
by the real pipeline, plus articles and events made here through the store's own insert; a real
uvicorn server on a free localhost port."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import uvicorn

from newsevents.model import Actor, Article, Count, Event, Evidence, Place, Source
from newsevents.pipeline import extract_articles
from newsevents.serve import ServeSettings, create_app
from newsevents.store import Store

SAMPLE = Path(__file__).parents[1] / "src" / "newsevents" / "samples" / "sample-article.txt"

# Untrusted text as a scraper may deliver it: markup that must be shown, never run.
HOSTILE_TEXT = (
    "Police arrested 12 protesters in Mombasa on Tuesday <script>window.__pwned = 'script'; "
    "document.title = 'pwned'</script> after a march on the port, officials said. "
    "Witnesses said <img src=x onerror=\"window.__pwned = 'img'\"> the crowd was peaceful and "
    "that officers fired tear gas.")


def _placed_event(article: Article, type_: str, cameo: str, country: str, place: str, lat: float, lon: float,
                  date: str, sentence: str, trigger: str, actor: str, count: Count | None = None) -> Event:
    start = article.text.index(sentence)
    event = Event(type=type_, cameo=cameo, status="occurred", actor1=Actor(actor, name=actor, country=country, sector="CVL"),
                  date=date, date_precision="day",
                  location=Place(place, name=place, country=country, lat=lat, lon=lon, precision="city"),
                  counts={count.kind: count} if count else {},
                  evidence=Evidence(sentence, start, start + len(sentence), trigger,
                                    start + sentence.index(trigger)),
                  confidence=0.9, source=Source(article.id, article.url, article.title, None, date))
    event.assign_id()
    return event


def build_database(path: Path) -> dict[str, str]:
    """The test database; returns the ids the tests look for."""
    sample = Article(text=SAMPLE.read_text(encoding="utf-8"), title="Police detain hundreds as fuel protests spread",
                     published="2023-07-13", url="https://news.example/kenya-fuel")
    hostile = Article(text=HOSTILE_TEXT, title="<b>Port march</b> <script>window.__pwned='title'</script>",
                      published="2023-07-18", url="javascript:alert(1)")
    almaty_text = "Thousands of protesters rallied in Almaty on Wednesday against fuel prices."
    almaty = Article(text=almaty_text, title="Rally in Almaty", published="2022-01-05", url="https://news.example/almaty")
    kyiv_text = "Missiles struck Kyiv overnight, killing 3 people, officials said."
    kyiv = Article(text=kyiv_text, title="Strikes on Kyiv", published="2022-10-10", url="https://news.example/kyiv")
    coded = extract_articles([sample, hostile])
    with Store(path) as store:
        store.insert_articles([
            (sample, coded[0]), (hostile, coded[1]),
            (almaty, [_placed_event(almaty, "PROTEST", "141", "KAZ", "Almaty", 43.25, 76.91, "2022-01-05",
                                    almaty_text, "rallied", "protesters",
                                    Count("participants", 1000, None, "Thousands"))]),
            (kyiv, [_placed_event(kyiv, "ASSAULT", "195", "UKR", "Kyiv", 50.45, 30.52, "2022-10-10",
                                  kyiv_text, "struck", "Missiles", Count("killed", 3, 3, "3"))]),
        ])
        # The relevance fields another stage adds to articles: shown when present.
        store.db.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS relevance DOUBLE")
        store.db.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS relevance_label VARCHAR")
        store.db.execute("UPDATE articles SET relevance = 0.93, relevance_label = 'political' WHERE id = ?", [sample.id])
    return {"sample": sample.id, "hostile": hostile.id, "almaty": almaty.id, "kyiv": kyiv.id,
            "hostile_events": [e.id for e in coded[1]]}


class LiveServer:
    """uvicorn serving an app in a thread, on a port the OS chose."""

    def __init__(self, options: ServeSettings):
        self.app = create_app(options)
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.app.state.store.close()


def fetch(url: str, data: bytes | None = None, headers: dict | None = None,
          method: str | None = None) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_json(url: str, **kwargs) -> tuple[int, dict]:
    status, _, body = fetch(url, **kwargs)
    return status, json.loads(body)
