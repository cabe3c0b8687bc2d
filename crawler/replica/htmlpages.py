"""The HTML the replica serves: 404/405/500 pages, .htm announcements, Multi-Files landing pages.

Why real pages: a crawler must tell a genuine document from an error page by status and
content type, never by luck, so the error pages look like the exchange's (a ~2 KB HTML page
titled "Hong Kong Exchanges and Clearing Limited" for a 404, a Tomcat 405 for POST).
"""

from __future__ import annotations

from html import escape

from .documents import split_pages
from .pdf import is_table_row, split_cells

_SITE_TITLE = "Hong Kong Exchanges and Clearing Limited"

_CHROME = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; margin: 0; color: #333; }}
header {{ background: #0b3a6f; color: #fff; padding: 14px 24px; font-size: 18px; }}
main {{ padding: 24px; max-width: 960px; }}
footer {{ border-top: 1px solid #ccc; padding: 12px 24px; font-size: 12px; color: #777; }}
table {{ border-collapse: collapse; }}
td {{ padding: 2px 12px 2px 0; vertical-align: top; }}
</style>
</head>
<body>
<header>HKEXnews</header>
<main>
{body}
</main>
<footer>Copyright &copy; Hong Kong Exchanges and Clearing Limited. All rights reserved.
<br>This page is served by the filingwatch offline replica of HKEXnews; no content on it is real.
<br>Terms of Use | Privacy Policy | Disclaimer | Site Map | Contact Us | Accessibility</footer>
</body>
</html>
"""


def page(title: str, body: str) -> str:
    return _CHROME.format(title=escape(title), body=body)


def not_found_page() -> str:
    return page(
        _SITE_TITLE,
        "<h1>Page Not Found</h1>\n"
        "<p>Sorry, the page you requested cannot be found. It may have been moved, renamed or "
        "removed, or the address may have been typed incorrectly.</p>\n"
        '<p>Please check the address, or return to the <a href="/index.htm">HKEXnews home '
        "page</a> and use the title search to find listed company information.</p>\n"
        "<p>抱歉，閣下要求的網頁未能找到。該網頁可能已被移除、更改名稱或暫時不能使用。</p>",
    )


def home_page(count: int) -> str:
    return page(
        "HKEXnews",
        "<h1>HKEXnews</h1>\n"
        f"<p>Offline replica: {count} announcements. Title search: "
        '<a href="/search/titleSearchServlet.do">/search/titleSearchServlet.do</a>; '
        'what is served: <a href="/_replica/manifest?sha256=0">/_replica/manifest</a>.</p>',
    )


def error_page(status: int, reason: str) -> str:
    return page(
        _SITE_TITLE,
        f"<h1>{status} {escape(reason)}</h1>\n"
        "<p>The system is busy or temporarily unavailable. Please try again later.</p>\n"
        "<p>系統繁忙或暫時未能提供服務，請稍後再試。</p>",
    )


def method_not_allowed_page(method: str) -> str:
    """Tomcat's answer to POST on a GET-only servlet (hkexnews.md §1.1)."""
    message = f"HTTP method {escape(method)} is not supported by this URL"
    return (
        '<!doctype html><html lang="en"><head><title>HTTP Status 405 – Method Not Allowed'
        '</title></head><body><h1>HTTP Status 405 – Method Not Allowed</h1><hr class="line" />'
        f"<p><b>Type</b> Status Report</p><p><b>Message</b> {message}</p>"
        "<p><b>Description</b> The method received in the request-line is known by the origin "
        "server but not supported by the target resource.</p></body></html>"
    )


def document_html(text: str, title: str, language: str) -> str:
    """An announcement published as .htm: one <p> per line, table rows as <table> rows."""
    parts = [f'<div class="announcement" lang="{"zh-HK" if language == "zh" else "en"}">']
    for n, text_page in enumerate(split_pages(text)):
        if n:
            parts.append('<hr class="page-break">')
        rows: list[list[str]] = []
        for line in text_page.split("\n"):
            if is_table_row(line):
                rows.append(split_cells(line))
                continue
            if rows:
                parts.append(_table(rows))
                rows = []
            if line.strip():
                parts.append(f"<p>{escape(line.strip())}</p>")
        if rows:
            parts.append(_table(rows))
    parts.append("</div>")
    return page(title.replace("\n", " "), "\n".join(parts))


def _table(rows: list[list[str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table>{body}</table>"


def landing_page(title: str, links: list[tuple[str, str, str]], language: str) -> str:
    """A Multi-Files landing page: the filing's title and a link per file (label, href, size)."""
    heading = "文件" if language == "zh" else "Documents"
    items = "\n".join(
        f'<li><a href="{escape(href)}">{escape(label)}</a> ({escape(size)})</li>'
        for label, href, size in links
    )
    return page(
        title.replace("\n", " "),
        f"<h1>{escape(title.replace(chr(10), ' '))}</h1>\n<h2>{heading}</h2>\n<ul>\n{items}\n</ul>",
    )


def servlet_error_page() -> str:
    """What the servlet answers to a query it cannot parse (e.g. comma-joined t2code)."""
    return page(_SITE_TITLE, "<h1>Error</h1><p>An unexpected error has occurred.</p>")
