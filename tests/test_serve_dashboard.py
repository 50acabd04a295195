"""The dashboard in a real browser: Debian's headless Chromium driven by Selenium, against a live
server. Screenshots go to tmp/artifacts/ (kept by CI as test artifacts)."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from newsevents.serve import ServeSettings
from serve_fixtures import LiveServer, build_database

ARTIFACTS = Path(__file__).parents[1] / "tmp" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = ("the browser tests need Debian's chromium and chromium-driver: "
           "apt-get install -y chromium chromium-driver (.ci/run does)")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    from selenium import webdriver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="newsevents-chromium-")
    # Without the background-networking flags Chromium's own connections are refused on a closed
    # network and slow every page; a fresh profile keeps runs independent.
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    ids = build_database(db)
    with LiveServer(ServeSettings(db=str(db))) as server:
        server.ids = ids
        yield server


def wait(driver, condition, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def shot(driver, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"dashboard-{name}.png"))


def open_dashboard(driver, served):
    driver.get(served.url + "/")
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def table_rows(driver):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")


def map_points(driver) -> int:
    """Events on the map (inside clusters or not)."""
    return driver.execute_script("return clusters.getLayers().length")


def test_the_map_shows_markers_and_outlines(browser, served):
    from selenium.webdriver.common.by import By
    open_dashboard(browser, served)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".event-marker, .marker-cluster"))
    assert map_points(browser) >= 3
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 100)
    assert browser.find_elements(By.CSS_SELECTOR, "path.event-marker")     # Kyiv and Almaty stand alone
    assert len(table_rows(browser)) >= 5
    assert browser.execute_script("return performance.getEntriesByType('resource')"
                                  ".filter(r => !r.name.startsWith(location.origin)).length") == 0
    # no script error and nothing the Content-Security-Policy had to refuse
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    shot(browser, "map")


def test_a_filter_changes_the_table_and_the_map(browser, served):
    from selenium.webdriver.support.ui import Select
    open_dashboard(browser, served)
    before_rows, before_points = len(table_rows(browser)), map_points(browser)
    Select(browser.find_element("id", "f-country")).select_by_value("KAZ")
    wait(browser, lambda d: len(table_rows(d)) == 1 and map_points(d) == 1)
    assert "Almaty" in table_rows(browser)[0].text and before_rows > 1 and before_points > 1
    assert browser.find_element("id", "total").text.startswith("1 event")
    shot(browser, "filtered")
    browser.find_element("id", "reset").click()
    wait(browser, lambda d: len(table_rows(d)) == before_rows and map_points(d) == before_points)


def test_brushing_the_timeline_sets_the_dates_of_the_table_and_map(browser, served):
    from selenium.webdriver.common.action_chains import ActionChains
    open_dashboard(browser, served)
    before = len(table_rows(browser))
    timeline = browser.find_element("id", "timeline")
    width = timeline.size["width"]
    # the last tenth of the time axis: the sample's July 2023 days, not 2022
    ActionChains(browser).move_to_element_with_offset(timeline, width // 2 - width // 10, 0).click_and_hold() \
        .move_by_offset(width // 10 - 2, 0).release().perform()
    wait(browser, lambda d: d.find_element("id", "f-since").get_attribute("value"))
    since = browser.find_element("id", "f-since").get_attribute("value")
    until = browser.find_element("id", "f-until").get_attribute("value")
    assert "2023-01-01" < since <= until
    wait(browser, lambda d: 0 < len(table_rows(d)) < before)
    dates = [row.text.split()[0] for row in table_rows(browser)]
    assert all(since <= date <= until for date in dates if date[:2] == "20")
    shot(browser, "brushed")


def test_the_event_panel_highlights_the_evidence_in_place(browser, served):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    open_dashboard(browser, served)
    Select(browser.find_element("id", "f-type")).select_by_value("COERCE")
    browser.find_element("id", "f-q").send_keys("Kenyan police\n")
    wait(browser, lambda d: len(table_rows(d)) == 1)
    table_rows(browser)[0].click()
    panel = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#panel:not([hidden]) .mention"))
    marks = {m.get_attribute("title"): m.text.split("\n")[0] for m in panel.find_elements(By.CSS_SELECTOR, "mark.hl")}
    assert marks["TRIGGER"].startswith("arrested") and marks["ACTOR1"].startswith("Kenyan police")
    assert marks["PLACE"].startswith("Nairobi") and marks["COUNT"].startswith("more than 300")
    codes = browser.find_element(By.CSS_SELECTOR, "#panel .codes").text
    assert "COERCE" in codes and "173" in codes and "occurred" in codes
    assert "relevance: political (0.93)" in panel.text
    shot(browser, "event-panel")
    panel.find_element(By.CSS_SELECTOR, "a.article-link").click()
    article = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#panel .article-text"))
    assert article.find_elements(By.CSS_SELECTOR, "mark.event-sentence")
    shot(browser, "article")


def test_article_text_with_markup_is_shown_and_runs_nothing(browser, served):
    from selenium.webdriver.common.by import By
    open_dashboard(browser, served)
    browser.find_element("id", "f-q").send_keys("onerror\n")
    wait(browser, lambda d: len(table_rows(d)) == 1)
    table_rows(browser)[0].click()
    panel = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#panel:not([hidden]) .mention"))
    assert "<img src=x onerror=" in panel.text
    panel.find_element(By.CSS_SELECTOR, "a.article-link").click()
    article = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#panel .article-text"))
    assert "<script>window.__pwned = 'script'" in article.text and "<img src=x" in article.text
    assert "<script>window.__pwned='title'</script>" in browser.find_element(By.CSS_SELECTOR, "#panel h2").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#panel img, #panel script, #panel b")
    assert not browser.find_elements(By.CSS_SELECTOR, "#panel a[href^='javascript']")
    assert browser.execute_script("return window.__pwned === undefined") and browser.title == "newsevents"
    shot(browser, "hostile-article")


def test_many_events_are_counted_by_area_and_a_click_zooms_in(browser, served):
    from selenium.webdriver.common.by import By
    with LiveServer(ServeSettings(db=served.app.state.store.path, map_points=3)) as few_points:
        open_dashboard(browser, few_points)
        cells = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".cell-marker"))
        assert "counted by area" in browser.find_element("id", "map-note").text
        assert sum(int(c.text) for c in cells) > 3 and not browser.find_elements(By.CSS_SELECTOR, ".event-marker")
        zoom = browser.execute_script("return map.getZoom()")
        cells[0].click()
        wait(browser, lambda d: d.execute_script("return map.getZoom()") > zoom)
        shot(browser, "cells")
