"""The HTTP API on a real server (uvicorn on localhost) over a database built by the real pipeline."""
import csv
import io
import json
import threading
import urllib.parse

import pytest

from newsevents.errors import StoreError
from newsevents.model import PLOVER_TYPES
from newsevents.serve import ServeSettings
from newsevents.store import Store
from serve_fixtures import SAMPLE, LiveServer, build_database, fetch, fetch_json


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "events.duckdb"
    ids = build_database(db)
    with LiveServer(ServeSettings(db=str(db), max_page=50, max_body_bytes=20_000, map_points=4)) as server:
        server.ids = ids
        yield server


def events(server, **params):
    status, body = fetch_json(f"{server.url}/events?{urllib.parse.urlencode(params)}")
    assert status == 200, body
    return body


def test_events_lists_every_event_by_date_with_its_mentions(served):
    body = events(served, limit=50, mentions="true")
    dates = [e["date"] for e in body["events"] if e["date"]]
    assert dates == sorted(dates) and body["next"] is None
    assert {e["type"] for e in body["events"]} >= {"PROTEST", "COERCE", "ASSAULT"}
    assert all(e["mentions"] and e["mentions"][0]["sentence"] for e in body["events"])


@pytest.mark.parametrize("params, check", [
    ({"type": "PROTEST"}, lambda e: e["type"] == "PROTEST"),
    ({"type": "protest,assault"}, lambda e: e["type"] in ("PROTEST", "ASSAULT")),
    ({"status": "claimed"}, lambda e: e["status"] == "claimed"),
    ({"country": "KAZ"}, lambda e: "KAZ" in (e["location"]["country"], e["actor1"]["country"])),
    ({"cameo": "14"}, lambda e: e["cameo"].startswith("14")),
    ({"acled_type": "protests"}, lambda e: e["acled_type"] == "Protests"),
    ({"actor": "UKR"}, lambda e: e["actor1"]["country"] == "UKR"),
    ({"actor": "police"}, lambda e: "police" in json.dumps([e["actor1"], e["actor2"]]).lower()),
    ({"since": "2023-01-01", "until": "2023-07-31"}, lambda e: "2023-01-01" <= e["date"] <= "2023-07-31"),
    ({"bbox": "20,40,40,55"}, lambda e: e["location"]["name"] == "Kyiv"),
    ({"min_confidence": "0.85"}, lambda e: e["confidence"] >= 0.85),
    ({"q": "tear gas"}, lambda e: "tear gas" in e["evidence"]["sentence"]),
    ({"mode": "arrest"}, lambda e: e["mode"] == "arrest"),
])
def test_each_filter_selects_what_it_says(served, params, check):
    body = events(served, **params, limit=50)
    assert body["events"], params
    assert all(check(e) for e in body["events"]), params
    assert len(body["events"]) < len(events(served, limit=50)["events"])


def test_cursor_pages_cover_everything_once_in_every_sort(served):
    everything = {e["id"] for e in events(served, limit=50)["events"]}
    for sort in ("date", "-date", "confidence", "-confidence", "first_seen", "-first_seen"):
        seen, cursor = [], None
        while True:
            params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
            body = events(served, **params)
            seen += [e["id"] for e in body["events"]]
            cursor = body["next"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) and set(seen) == everything, sort


def test_total_counts_every_match(served):
    body = events(served, type="PROTEST", limit=1, total="true")
    assert body["total"] == len(events(served, type="PROTEST", limit=50)["events"])


def test_csv_has_the_export_columns(served):
    status, headers, body = fetch(f"{served.url}/events?format=csv&country=UKR")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["location_name"] for r in rows] == ["Kyiv"] and rows[0]["killed_min"] == "3"


def test_geojson_has_points_with_type_and_size(served):
    status, headers, body = fetch(f"{served.url}/events?format=geojson&limit=500")
    data = json.loads(body)
    assert status == 200 and headers["content-type"].startswith("application/geo+json")
    assert data["type"] == "FeatureCollection" and data["features"]
    kyiv = [f for f in data["features"] if f["properties"]["location_name"] == "Kyiv"][0]
    assert kyiv["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    assert kyiv["properties"]["size"] == 3 and kyiv["properties"]["type"] == "ASSAULT"


def test_the_map_sends_events_while_few_and_counts_by_area_when_many(served):
    code, few = fetch_json(f"{served.url}/map?bbox=20,40,80,55&zoom=4")
    assert code == 200 and few["kind"] == "events" and few["total"] == 2
    assert {f["properties"]["location_name"] for f in few["features"]} == {"Kyiv", "Almaty"}
    code, many = fetch_json(f"{served.url}/map?zoom=2")
    assert code == 200 and many["kind"] == "cells" and many["total"] > 4
    assert sum(f["properties"]["n"] for f in many["features"]) == many["total"]
    kenya = max(many["features"], key=lambda f: f["properties"]["n"])
    lon, lat = kenya["geometry"]["coordinates"]
    assert 33 < lon < 42 and -5 < lat < 5 and kenya["properties"]["type"] in PLOVER_TYPES
    code, one_type = fetch_json(f"{served.url}/map?zoom=2&type=ASSAULT")
    assert one_type["total"] < many["total"]


def test_an_event_has_every_mention_with_highlighted_evidence(served):
    arrest = events(served, type="COERCE", q="Kenyan police", limit=5)["events"][0]
    status, event = fetch_json(f"{served.url}/events/{arrest['id']}")
    assert status == 200
    mention = event["mentions"][0]
    assert mention["article"]["title"].startswith("Police detain") and "text" not in mention["article"]
    assert mention["article"]["relevance_label"] == "political" and mention["article"]["relevance"] == 0.93
    words = {s["label"]: mention["sentence"][s["start"]:s["end"]] for s in mention["spans"]}
    assert words["TRIGGER"] == "arrested" and words["ACTOR1"] == "Kenyan police"
    assert words["COUNT"] == "more than 300" and words["PLACE"] == "Nairobi"


def test_an_article_has_its_text_and_the_spans_of_its_events(served):
    status, article = fetch_json(f"{served.url}/articles/{served.ids['sample']}")
    assert status == 200 and article["text"] == SAMPLE.read_text(encoding="utf-8")
    assert article["relevance_label"] == "political"
    for item in article["events"]:
        assert article["text"][item["start"]:item["end"]] == item["sentence"]
        for span in item["spans"]:
            assert article["text"][span["start"]:span["end"]] == span["text"]


def test_stats_count_by_type_day_and_country(served):
    status, stats = fetch_json(f"{served.url}/stats")
    assert status == 200
    assert sum(t["n"] for t in stats["by_type"]) == stats["total"]
    assert {"key": "2022-10-10", "n": 1} in stats["by_day"]
    assert {c["key"] for c in stats["by_country"]} >= {"KEN", "KAZ", "UKR"}
    status, kaz = fetch_json(f"{served.url}/stats?country=KAZ")
    assert kaz["total"] == 1 and kaz["by_type"] == [{"key": "PROTEST", "n": 1}]


@pytest.mark.parametrize("path, status, words", [
    ("/events?type=BANANA", 400, "unknown type BANANA"),
    ("/events?status=rumoured", 400, "unknown status"),
    ("/events?since=13/07/2023", 400, "YYYY-MM-DD"),
    ("/events?bbox=1,2,3", 400, "min_lon,min_lat"),
    ("/events?country=Kenya", 400, "alpha-3"),
    ("/events?cameo=abc", 400, "CAMEO"),
    ("/events?sort=loudest", 400, "unknown sort"),
    ("/events?cursor=garbage", 400, "cursor"),
    ("/events?limit=51", 400, "largest page"),
    ("/events?limit=0", 400, "limit"),
    ("/events?format=xml", 400, "format"),
    ("/events?min_confidence=2", 400, "min_confidence"),
    ("/events?story=s1", 400, "no stories"),
    ("/events/0000000000000000", 404, "no event"),
    ("/articles/nope", 404, "no article"),
    ("/stories", 404, "no stories"),
    ("/nowhere", 404, "no route"),
])
def test_errors_are_json_with_a_message_and_the_right_status(served, path, status, words):
    code, headers, body = fetch(served.url + path)
    assert code == status and headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["status"] == status and words in error["message"]


def test_a_cursor_from_another_sort_is_refused(served):
    cursor = events(served, limit=1)["next"]
    code, body = fetch_json(f"{served.url}/events?limit=1&sort=-date&cursor={cursor}")
    assert code == 400 and "sort=date" in body["error"]["message"]


def test_post_is_off_without_a_token(served):
    code, body = fetch_json(f"{served.url}/articles", data=b'{"text": "x"}', headers={"Content-Type": "application/json"})
    assert code == 403 and "--token" in body["error"]["message"]


def test_a_body_over_the_limit_is_refused(served):
    code, body = fetch_json(f"{served.url}/articles", data=b"x" * 30_000, headers={"Content-Type": "text/plain"})
    assert code == 413 and "over 20000 bytes" in body["error"]["message"]


def test_openapi_documents_every_route(served):
    code, spec = fetch_json(f"{served.url}/openapi.json")
    assert code == 200
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/stats", "/stories", "/articles"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"q", "type", "mode", "cameo", "acled_type", "status", "country", "actor", "since", "until", "bbox",
            "min_confidence", "story", "sort", "cursor", "limit", "format"} <= names


def test_the_dashboard_and_its_libraries_are_served_with_a_strict_policy(served):
    code, headers, body = fetch(served.url + "/")
    assert code == 200 and b"/static/app.js" in body
    assert "default-src 'self'" in headers["content-security-policy"]
    for name in ("leaflet.js", "leaflet.markercluster.js", "countries.geojson", "app.js", "app.css"):
        assert fetch(f"{served.url}/static/{name}")[0] == 200, name
    assert b"http" not in body.replace(b"http-equiv", b"")    # nothing from elsewhere


def test_ingest_through_the_server_with_its_token(tmp_path):
    db = tmp_path / "new.duckdb"
    with LiveServer(ServeSettings(db=str(db), token="s3cret")) as server:
        article = {"text": SAMPLE.read_text(encoding="utf-8"), "url": "https://news.example/k",
                   "title": "Fuel protests", "published": "2023-07-13"}
        data = json.dumps(article).encode()
        json_type = {"Content-Type": "application/json"}
        assert events(server)["events"] == []     # answered, and kept in the answer cache
        code, body = fetch_json(f"{server.url}/articles", data=data, headers=json_type)
        assert code == 401 and "token" in body["error"]["message"]
        code, body = fetch_json(f"{server.url}/articles", data=data,
                                headers={**json_type, "Authorization": "Bearer wrong"})
        assert code == 401
        auth = {**json_type, "Authorization": "Bearer s3cret"}
        code, body = fetch_json(f"{server.url}/articles", data=data, headers=auth)
        assert code == 201 and body["stored"] and {"COERCE", "PROTEST"} <= {e["type"] for e in body["events"]}
        assert len(events(server)["events"]) == len({e["id"] for e in body["events"]})   # the cache was emptied
        code, again = fetch_json(f"{server.url}/articles", data=data, headers=auth)
        assert code == 200 and not again["stored"]
        code, body = fetch_json(f"{server.url}/articles", data=b'{"text": ""}', headers=auth)
        assert code == 422 and "empty" in body["error"]["message"]
        code, body = fetch_json(f"{server.url}/articles", data=b'{"title": "no text"}', headers=auth)
        assert code == 400 and '"html" or "text"' in body["error"]["message"]
        code, body = fetch_json(f"{server.url}/articles?published=2023-07-13", data=b"Too short.",
                                headers={"Content-Type": "text/plain", "Authorization": "Bearer s3cret"})
        assert code == 422 and "no article text" in body["error"]["message"]


def test_stories_are_listed_and_filter_events_when_the_database_has_them(tmp_path):
    db = tmp_path / "stories.duckdb"
    build_database(db)
    with Store(db) as store:
        first = store.db.execute("SELECT id FROM events ORDER BY id LIMIT 2").fetchall()
        store.db.execute("CREATE TABLE stories (id VARCHAR, title VARCHAR)")
        store.db.execute("INSERT INTO stories VALUES ('s1', 'Kenya fuel protests')")
        store.db.execute("CREATE TABLE story_events (story_id VARCHAR, event_id VARCHAR)")
        store.db.execute("INSERT INTO story_events SELECT 's1', unnest(?)", [[r[0] for r in first]])
    with LiveServer(ServeSettings(db=str(db))) as server:
        code, body = fetch_json(f"{server.url}/stories")
        assert code == 200 and body["stories"] == [{"id": "s1", "title": "Kenya fuel protests"}]
        assert {e["id"] for e in events(server, story="s1")["events"]} == {r[0] for r in first}


def test_a_query_past_the_time_limit_is_stopped(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        view = store.reader()
        threading.Timer(0.2, view.interrupt).start()
        with pytest.raises(StoreError, match="time limit"):
            view._run("SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3", [])


def test_the_cli_events_command_and_the_api_give_the_same_records(served, tmp_path):
    from newsevents.cli import main
    out = tmp_path / "out.jsonl"
    assert main(["events", "--db", served.app.state.store.path, "--type", "PROTEST,ASSAULT",
                 "--sort=-date", "--out", str(out)]) == 0
    cli = [json.loads(line) for line in out.read_text().splitlines()]
    api = events(served, type="PROTEST,ASSAULT", sort="-date", limit=50, mentions="true")["events"]
    assert cli == api and set(PLOVER_TYPES) >= {e["type"] for e in cli}
