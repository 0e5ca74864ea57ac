"""The web app in a real browser: Debian's headless Chromium driven by Playwright, against the
real server (uvicorn on a free loopback port) over a copy of the ingested sample store.

Find "Mark Ballas" with the search box, see the 2005/2007 conflict badge, open a source and see
its sentence highlighted in the article, upload a fourth article and see the timeline change.
Set STORYLINE_SCREENSHOT=docs/web-entity.png to refresh the README's screenshot.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from storyline.web import create_app
from storyline.web.app import LOOPBACK_HOSTS
from tests.conftest import TOUR_ARTICLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# CI runs as root and .ci/run installs chromium: there, a missing browser is a failure, not a skip
if not os.path.exists(CHROMIUM) and os.geteuid() != 0:
    pytest.skip("no chromium here and not root to install it (apt-get install chromium)", allow_module_level=True)
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    if os.geteuid() == 0:
        raise
    pytest.skip("playwright is not installed (bash install.sh installs the test extras)", allow_module_level=True)


@pytest.fixture
def server(ballas_copy):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(ballas_copy, allowed_hosts=LOOPBACK_HOSTS)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1280, "height": 860})
        errors = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.set_default_timeout(30_000)
        yield pg
        browser.close()
        assert errors == []


def test_search_conflict_source_and_upload(server, page, tmp_path):
    page.goto(server + "/")
    page.fill("#search", "Mark")
    suggestion = page.locator("#suggestions li[data-name='Mark Ballas']")
    suggestion.wait_for()
    assert "mentions" in suggestion.inner_text()
    suggestion.click()

    page.wait_for_selector("#entity-name:text('Mark Ballas')")
    cards = page.locator("#events .event")
    cards.first.wait_for()
    before = cards.count()
    badges = page.locator(".badge.conflict")
    assert badges.count() == 2 and badges.first.inner_text() == "conflict: 2005 / 2007"
    assert page.locator("#axis svg .mark.conflict").count() == 2
    shot = tmp_path / "entity.png"
    page.screenshot(path=str(shot))
    if os.environ.get("STORYLINE_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["STORYLINE_SCREENSHOT"])

    if page.locator("#view-summary").is_visible():  # this Storyline can summarise
        page.click("#view-summary")
        page.locator("#summary .event").first.wait_for()
        assert page.locator("#events").is_hidden()
        page.click("#view-timeline")

    first = cards.filter(has=page.locator(".badge.conflict")).first
    first.locator("details > summary").click()
    sentence = first.locator(".source q").first.inner_text()
    first.locator("button.open-source").first.click()
    mark = page.locator("#doc-view mark#highlight")
    mark.wait_for()
    assert mark.inner_text() == sentence and "2005" in sentence
    assert page.locator("#doc-text").inner_text().count(sentence) >= 1
    page.click("#doc-close")

    # correct the machine: choose a claim with a note, fix a date, undo
    box = page.locator(".conflict-box").first
    box.locator("input.note").fill("Season 5 aired in 2007")
    box.locator("button.choose", has_text="Choose 2005").click()
    page.locator(".badge.resolved", has_text="resolved: 2005").first.wait_for()
    assert page.locator(".badge.conflict").count() == 0
    assert "Note: Season 5 aired in 2007" in page.locator("#corrections").inner_text()
    brk = cards.filter(has_text="took a break").first
    brk.locator("details > summary").click()
    brk.locator("input.date-input").fill("2021-06")
    brk.locator("button", has_text="Fix date").click()
    page.locator("#events .event", has_text="took a break").locator(".when:text('June 2021')").wait_for()
    page.locator("#corrections button", has_text="undo").first.click()  # the resolution
    page.locator(".badge.conflict").first.wait_for()
    before = cards.count()

    article = tmp_path / "tour.txt"
    article.write_text(TOUR_ARTICLE)
    page.click("#add-open")
    page.set_input_files("#add-files", str(article))
    page.click("#add-submit")
    page.wait_for_selector("#add-state:text('Done: 1 stored')", timeout=120_000)
    page.click("#add-close")
    tour = page.locator("#events .event", has_text="nationwide dance tour")
    tour.wait_for()
    assert cards.count() == before + 1
    assert tour.locator(".when").inner_text() == "1 March 2024"

    tour.locator("details > summary").click()
    tour.locator("button.open-source").first.click()
    page.locator("#doc-view mark#highlight:text('nationwide dance tour')").wait_for()
    assert "<script>window.pwned = 1</script>" in page.locator("#doc-text").inner_text()  # shown as text
    assert page.evaluate("typeof window.pwned") == "undefined"  # never run
