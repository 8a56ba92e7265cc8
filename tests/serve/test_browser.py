"""The web page in a real browser: Playwright drives Debian's Chromium (headless, --no-sandbox)
against `touchline serve` on the demo corpus, as a reader would use it, and saves the
screenshots the README shows (docs/screenshots/).  Then a crafted article full of injection
attempts must show as text: nothing runs, nothing navigates.

Skips with the reason when Debian's Chromium is absent (`apt-get install -y chromium` as root
installs it); no browser is ever downloaded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"Debian's Chromium is not installed at {CHROMIUM} (as root: apt-get install -y chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def test_a_reader_searches_opens_a_timeline_changes_the_day_and_follows_a_highlight(
        page: Any, server: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server + "/")
    assert page.title() == "Home · touchline"
    shot(page, "home.png")

    # search an entity
    page.fill("#search-box", "Real Madrid")
    page.press("#search-box", "Enter")
    page.wait_for_url("**/search?q=Real+Madrid")
    shot(page, "search.png")
    page.click("#entity-results >> text=Real Madrid")
    page.wait_for_url("**/entity/club:real-madrid")
    assert page.inner_text("#entity-name") == "Real Madrid"

    # its timeline: events on a date axis, coloured by kind; matches as result cards
    chart = page.locator("#timeline-chart")
    assert chart.is_visible()
    assert page.locator("#timeline-chart circle.k-match").count() >= 5
    assert page.locator("#timeline-chart circle.k-role").count() >= 1
    assert page.locator("#match-cards .match-card").count() >= 5
    assert page.locator("#match-cards .check-confirmed").count() >= 1

    # the facts on a day the reader picks: the date input submits itself on change
    page.fill("#as_of", "2024-11-28")
    page.dispatch_event("#as_of", "change")
    page.wait_for_url("**as_of=2024-11-28**")
    assert page.inner_text("#facts-date") == "2024-11-28"
    assert "Carlo Ancelotti" in page.inner_text("#facts-table")
    assert page.locator("#timeline-chart .asof-line").count() == 1
    shot(page, "entity-timeline.png")
    page.fill("#as_of", "2025-11-05")
    page.dispatch_event("#as_of", "change")
    page.wait_for_url("**as_of=2025-11-05**")
    assert "Xabi Alonso" in page.inner_text("#facts-table")

    # open an article the fact was read in: the words are highlighted in place
    page.locator("#facts-table .sources a").first.click()
    page.wait_for_url("**/article/**")
    target = page.locator("#target")
    assert target.count() == 1 and target.is_visible()
    assert page.locator("#article-text .hl-target").count() >= 1
    assert page.locator("#article-text a.hl-entity").count() >= 3
    shot(page, "article.png")

    # follow a highlight to its entity
    link = page.locator("#article-text a.hl-entity", has_text="Xabi Alonso").first
    link.click()
    page.wait_for_url("**/entity/**")
    assert page.inner_text("#entity-name") == "Xabi Alonso"
    assert errors == []


def test_an_event_highlight_leads_to_its_card(page: Any, server: str) -> None:
    page.goto(server + "/entity/club:liverpool")
    page.locator(".match-card .src a").first.click()
    page.wait_for_url("**/article/**")
    event_link = page.locator("#article-text a.hl-event[href^=\"#event-\"]").first
    href = event_link.get_attribute("href")
    assert href and href.startswith("#event-")
    event_link.click()
    card = page.locator(f'[id="{href[1:]}"]')
    assert card.is_visible() and card.evaluate("el => el.matches(':target')")
    assert page.evaluate("location.hash") == href


def test_crafted_article_text_never_runs_or_navigates(page: Any, server: str, crafted_id: str) -> None:
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    url = f"{server}/article/{crafted_id}"
    page.goto(url)
    text = page.inner_text("#article-text")
    # every injection attempt is shown as the words it is
    for attempt in ("<script>window.__xss = 1; alert('script')</script>",
                    "\"><img src=x onerror=\"window.__xss=2;alert('img')\">",
                    "' onmouseover='window.__xss=3' x='",
                    "<a href=\"javascript:window.__xss=4;alert('link')\">Read the full report</a>",
                    "[watch the goals](javascript:alert('md'))",
                    "<iframe src=\"javascript:alert('frame')\"></iframe>"):
        assert attempt in text
    assert "<img src=x onerror=alert('title')>" in page.inner_text("h1")
    # no element was made of them, and no javascript: link exists anywhere on the page
    assert page.locator("#article-text script, #article-text img, #article-text iframe, "
                        "#article-text style, h1 img").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if not h.startswith(("/", "#", "http://", "https://"))]
    assert page.locator("text=original").count() == 0  # the javascript: URL is no link
    # hovering and clicking over the text runs nothing and goes nowhere
    for needle in ("onmouseover", "Read the full report", "watch the goals"):
        page.get_by_text(needle, exact=False).first.hover()
        page.get_by_text(needle, exact=False).first.click()
    assert page.url.split("#")[0] == url
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert all(r.startswith(server) for r in requests)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "crafted-article.png")
    # the search page reflects a crafted query as text too
    page.goto(server + "/search?q=" + "%3Cscript%3Ewindow.__xss%3D5%3C%2Fscript%3E%20Northbridge")
    assert "<script>window.__xss=5</script> Northbridge" in page.inner_text("h1")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
