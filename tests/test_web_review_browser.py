"""The review queue in real headless Chromium (the harness of tests/test_web_browser.py): a
reviewer signs in, finds the filing in the queue, corrects its cap in the web form, and after
`reprocess` with a raised extractor version the filing page still shows the correction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_web_browser import _shot, browser, page, served  # noqa: F401 - the harness
from test_web_review import NEWS_ID, store_sample_for_review

import store

TOKEN = "browser-review-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def review_engine(tmp_path_factory: pytest.TempPathFactory):
    """A SQLite file holding the Kingsoft sample, stored from its file by extractor version 0,
    with a cross-check warning that puts it in the queue."""
    tmp = tmp_path_factory.mktemp("review_browser")
    engine = store.make_engine(f"sqlite:///{tmp / 'fw.db'}")
    store.upgrade(engine)
    store_sample_for_review(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def base_url(review_engine) -> Iterator[str]:
    with served(review_engine, TOKEN) as url:
        yield url


def test_browser_review_correct_a_cap_then_reprocess(page, review_engine):  # noqa: F811
    from jobs import reprocess

    assert page.goto("/review").status == 401
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Sign in").click()
    row = page.locator("table.queue tbody tr", has_text=NEWS_ID)
    assert "caps of 'Agreement' look odd" in row.inner_text()
    _shot(page, "review-queue")
    row.get_by_role("link", name=NEWS_ID).click()
    form = page.locator("#fix-cap-1")
    form.locator("input[name=amount]").fill("9500000")
    form.locator("input[name=currency]").fill("HKD")
    form.locator("input[name=note]").fill("the cap table on page 1 says HK$9.5 million")
    form.get_by_role("button", name="Correct cap:1").click()
    assert "Correction of cap:1 saved" in page.locator(".alert.ok").inner_text()
    assert "human-corrected" in page.locator("#fix-cap-1").inner_text()
    _shot(page, "review-item")

    summary = reprocess(review_engine, workers=1)
    assert (summary.total, summary.extracted) == (1, 1)
    page.goto(f"/filings/{NEWS_ID}")
    cap = page.locator("#caps tbody tr").first
    assert "HK$9,500,000" in cap.inner_text() or "9,500,000" in cap.inner_text()
    assert "Human-corrected" in cap.inner_text()
    _shot(page, "review-filing")
    page.goto("/review?state=corrected")
    assert "1 corrected" in page.locator("table.queue", has_text=NEWS_ID).inner_text()
