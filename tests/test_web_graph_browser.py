"""The connection graph in real headless Chromium (Debian's /usr/bin/chromium, Playwright):
a person's page draws their neighbourhood as SVG, follows a node to the company's graph, and
the as-of form changes what is drawn. No script runs and none is needed (CSP: none allowed).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from graph_helpers import seed_ckh, store_adder
from test_web_browser import _shot, browser, page, served  # noqa: F401 - fixtures

import store

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('graph') / 'fw.db'}"
    engine = store.make_engine(url)
    store.upgrade(engine)
    seed_ckh(store_adder(engine))
    with served(engine) as served_url:
        yield served_url
    engine.dispose()


def test_browser_shows_a_persons_graph(page):  # noqa: F811
    page.goto("/graph/people?name=LI+Ka+Shing")
    assert page.url.split("?")[0].rsplit("/", 2)[-2] == "people", "one person: straight there"
    svg = page.locator("#graph svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    labels = svg.locator("text").all_text_contents()  # SVG text has no innerText
    assert {"LI Ka Shing", "CKH HOLDINGS", "LI Tzar Kai"} <= set(labels)
    assert svg.locator("path.link.family").count() == 1
    assert svg.locator("path.link.ownership").count() == 1
    _shot(page, "graph-person")

    page.fill("input[name=as_of]", "2023-06-01")
    page.click("button[type=submit]")
    assert "as_of=2023-06-01" in page.url
    assert page.locator("#graph svg path.link").count() == 0
    assert page.get_by_text("No connections on 2023-06-01.").is_visible()

    page.fill("input[name=as_of]", "2024-02-01")
    page.select_option("select[name=depth]", "2")
    page.click("button[type=submit]")
    assert page.locator("#graph svg text", has_text="WONG Hon Kit").count() == 1
    page.locator('#graph svg a[data-node="company:00001"]').click()
    page.wait_for_url("**/graph/companies/00001?**")
    assert page.locator("h1").inner_text().startswith("CKH HOLDINGS")
    assert page.evaluate("document.scripts.length") == 0
