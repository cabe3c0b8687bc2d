"""crawler/landing.py: the documents a Multi-Files landing page links to."""

from __future__ import annotations

from crawler.landing import attachment_links

PAGE = "http://127.0.0.1:8765/listedco/listconews/sehk/2026/0805/2026080500123.htm"


def page(*anchors: str, charset: str = "utf-8") -> bytes:
    head = f'<html><head><meta charset="{charset}"><title>T</title></head><body>'
    nav = '<a href="/index.htm">HKEXnews</a><a href="#top">top</a><a href="mailto:a@b">m</a>'
    return (head + nav + "<ul>" + "".join(anchors) + "</ul></body></html>").encode(charset)


def test_landing_relative_absolute_and_site_links_resolve_in_page_order() -> None:
    body = page(
        '<li><a href="12345678/2026080500124.pdf">Announcement</a> (80KB)</li>',
        '<li><a href="/listedco/listconews/sehk/2026/0805/12345678/2026080500125.pdf">'
        "Circular <b>to shareholders</b></a></li>",
        '<li><a href="https://www1.hkexnews.hk/listedco/listconews/sehk/2026/0805/12345678/'
        '2026080500126.htm">Notice</a></li>',
    )
    links = attachment_links(body, PAGE)
    folder = "http://127.0.0.1:8765/listedco/listconews/sehk/2026/0805/12345678/"
    assert [(link.position, link.url, link.label) for link in links] == [
        (1, folder + "2026080500124.pdf", "Announcement"),
        (2, folder + "2026080500125.pdf", "Circular to shareholders"),
        (3, folder + "2026080500126.htm", "Notice"),  # re-based: never leaves the crawl's host
    ]


def test_landing_skips_chrome_itself_duplicates_and_non_documents() -> None:
    body = page(
        f'<a href="{PAGE}">this page</a>',
        '<a href="/search/titlesearch.xhtml?lang=en">search</a>',
        '<a href="/listedco/listconews/sehk/2026/0805/1/a.pdf">A</a>',
        '<a href="/listedco/listconews/sehk/2026/0805/1/a.pdf">A again</a>',
        '<a href="/listedco/listconews/sehk/2026/0805/1/">a folder</a>',
        '<a href="/LISTEDCO/LISTCONEWS/SEHK/2014/1103/LTN201411031795.PDF">legacy</a>',
    )
    urls = [link.url.split("8765")[1] for link in attachment_links(body, PAGE)]
    assert urls == [
        "/listedco/listconews/sehk/2026/0805/1/a.pdf",
        "/LISTEDCO/LISTCONEWS/SEHK/2014/1103/LTN201411031795.PDF",
    ]


def test_landing_chinese_page_in_big5_keeps_its_labels() -> None:
    body = page('<a href="1/b_c.pdf">通函</a>', charset="big5")
    (link,) = attachment_links(body, PAGE.replace(".htm", "_c.htm"))
    assert link.label == "通函" and link.url.endswith("/sehk/2026/0805/1/b_c.pdf")


def test_landing_page_without_documents_lists_none() -> None:
    assert attachment_links(page(), PAGE) == []
