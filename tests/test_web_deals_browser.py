"""The agreement page in real headless Chromium: from the company page to one deal's life.

The replica's deal lives are extracted and stored (tests/test_deals.py), then served by
uvicorn; the browser opens the company page (one row per agreement-year), follows the
agreement, sees the server-drawn SVG utilisation chart with the one year over its cap, and
goes from a filing back to its agreement. No console errors, no scripts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_deals import _replica, _store
from test_web_browser import CHROMIUM, CHROMIUM_ARGS, _require_chromium, _shot, served

import store

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('deals_browser') / 'fw.db'}"
    engine = store.make_engine(url)
    store.upgrade(engine)
    _store(engine)
    with served(engine) as served_url:
        yield served_url
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_browser_company_page_to_agreement_page_and_back(browser, base_url):
    key, _ = _replica()
    deal = key[0]
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(f"/companies/{deal['stock_code']}")
    card = page.locator("#agreements .agreement-card")
    assert card.count() == 1  # one agreement, though its first filing has two editions
    rows = card.locator("table.agreement-years tbody tr")
    assert rows.count() == len(deal["years"])  # one row per agreement-year
    assert card.locator("tr.exceeded").count() == 1
    card.locator("h3 a").click()
    page.wait_for_url("**/agreements/*")

    assert page.locator("h1").inner_text() == deal["agreement"]
    chart = page.locator("figure.chart svg.utilisation")
    assert chart.count() == 1 and chart.locator("rect.actual.exceeded").count() == 1
    assert page.locator("script").count() == 0
    timeline = page.locator("ol.deal-timeline li")
    assert timeline.count() == sum(1 for f in deal["filings"] if f["language"] == "en")
    roles = [t.strip() for t in page.locator("ol.deal-timeline .deal-role").all_inner_texts()]
    assert roles == ["original", "revision", "supplement", "renewal"]
    assert page.locator("tr.superseded").count() >= 1  # the revised caps superseded
    _shot(page, "agreement")

    page.locator("ol.deal-timeline li", has_text="renewal").locator("a").first.click()
    page.wait_for_url("**/filings/*")
    back = page.locator(".deal-links a")
    assert back.inner_text() == deal["agreement"]
    back.click()
    page.wait_for_url("**/agreements/*")
    context.close()
    assert not problems, problems
