# ruff: noqa: E501  (the announcement text keeps its paragraphs on one line, as the corpus does)
"""A long connected-transaction announcement for tests: facts on known, far-apart pages.

Real circulars run to hundreds of dense pages (over spaCy's 1,000,000-character limit). This
one has the header on page 1, the definitions on DEFINITIONS_PAGE, the annual caps on
CAPS_PAGE, the connected person and the abstention on PERSON_PAGE and the board paragraph on
BOARD_PAGE (the last), the other pages filled with dense prose that holds no fact. Each text page fits one A4 page
of tests/support/pdfs.py, so its page numbers are the PDF's.
"""

from __future__ import annotations

import random
from pathlib import Path

from .pdfs import render_text_pdf

PAGES = 300
#: past the first pages every chunk repeats (30,000 characters: about 8 pages here)
DEFINITIONS_PAGE = 12
CAPS_PAGE = 150
PERSON_PAGE = 220
BOARD_PAGE = 300
FILLER_CHARS = 3_700

COMPANY = "Lumen Pacific Holdings Limited"
STOCK_CODE = "01688"
PERSON = "Kai Ming WONG"
CAPS = [(2025, 45_000_000), (2026, 52_000_000), (2027, 60_000_000)]
BOARD = {
    "executive": ["Kai Ming WONG", "Mei Ling CHAN"],
    "non_executive": ["Tak Shing LEE"],
    "independent_non_executive": ["Chi Keung HO", "Wai Yee LAU", "Siu Fai NG"],
}

_WORDS = (
    "regional offices staff training facility upkeep systems review warehouse network "
    "quarterly planning customer service logistics routes maintenance schedule inventory "
    "records office relocation software upgrade fleet renewal safety inspection energy "
    "savings recruitment programme archive digitisation branch operations procurement "
    "desk audit trail internal memo seasonal demand harbour terminal shipping lanes"
).split()

HEADER = f"""Hong Kong Exchanges and Clearing Limited and The Stock Exchange of Hong Kong Limited take no responsibility for the contents of this announcement, make no representation as to its accuracy or completeness and expressly disclaim any liability whatsoever for any loss howsoever arising from or in reliance upon the whole or any part of the contents of this announcement.

{COMPANY}

(Incorporated in Bermuda with limited liability)

(Stock Code: {STOCK_CODE})

CONTINUING CONNECTED TRANSACTION

On 12 March 2025, Lumen Logistics, a wholly owned subsidiary of the Company, entered into the Warehouse Agreement with Jade Harbour in relation to the provision of warehousing services for a term commencing from 1 January 2025 and expiring on 31 December 2027."""

DEFINITIONS = """DEFINITIONS

"Board"	the board of Directors
"Company"	Lumen Pacific Holdings Limited, a company incorporated in Bermuda with limited liability, the shares of which are listed on the Stock Exchange (stock code: 01688)
"Director(s)"	the director(s) of the Company
"Jade Harbour"	Jade Harbour Storage Limited, a company incorporated in Hong Kong with limited liability
"Listing Rules"	the Rules Governing the Listing of Securities on the Stock Exchange
"Lumen Logistics"	Lumen Logistics Company Limited, a wholly owned subsidiary of the Company
"Warehouse Agreement"	the warehousing services agreement entered into between Lumen Logistics and Jade Harbour dated 12 March 2025 for a term from 1 January 2025 to 31 December 2027"""

CAPS_TEXT = "ANNUAL CAPS\n\n" + "\n\n".join(
    f"The annual cap for the year ending 31 December {year} is HK${amount // 1_000_000} million."
    for year, amount in CAPS
)

PERSON_TEXT = f"""IMPLICATIONS UNDER THE LISTING RULES

Mr. {PERSON}, an executive Director, holds 60% of the issued share capital of Jade Harbour. Jade Harbour is therefore a connected person of the Company under Chapter 14A of the Listing Rules.

Mr. {PERSON} has abstained from voting on the board resolution approving the Warehouse Agreement."""

BOARD_TEXT = """By order of the Board
Lumen Pacific Holdings Limited
Kai Ming WONG
Chairman

Hong Kong, 12 March 2025

As at the date of this announcement, the executive Directors are Mr. Kai Ming WONG and Ms. Mei Ling CHAN; the non-executive Director is Mr. Tak Shing LEE; and the independent non-executive Directors are Mr. Chi Keung HO, Ms. Wai Yee LAU and Mr. Siu Fai NG."""


def filler(rng: random.Random, chars: int) -> str:
    """Dense prose without a fact in it, in paragraphs of about 500 characters."""
    paragraphs, size = [], 0
    while size < chars:
        words = [rng.choice(_WORDS) for _ in range(70)]
        text = " ".join(words).capitalize() + "."
        paragraphs.append(text)
        size += len(text) + 2
    return "\n\n".join(paragraphs)


def long_announcement_pages(pages: int = PAGES, seed: int = 7) -> list[str]:
    """The announcement's pages (the corpus text convention), BOARD_PAGE being the last."""
    rng = random.Random(seed)
    special = {
        1: HEADER,
        DEFINITIONS_PAGE: DEFINITIONS,
        CAPS_PAGE: CAPS_TEXT,
        PERSON_PAGE: PERSON_TEXT,
        pages: BOARD_TEXT,
    }
    out = []
    for number in range(1, pages + 1):
        own = special.get(number)
        room = FILLER_CHARS - (len(own) if own else 0)
        body = filler(rng, room) if room > 400 and number != pages else ""
        out.append("\n\n".join(p for p in (own, body) if p))
    return out


def render_long_announcement(out: str | Path, pages: int = PAGES) -> Path:
    """Write the announcement as a PDF of exactly `pages` pages."""
    return render_text_pdf("\n\f\n".join(long_announcement_pages(pages)), out)


def assert_long_announcement(result: dict) -> None:
    """The long announcement's facts, each with its evidence on its own page."""
    ev = result["evidence"]
    assert result["company"] == COMPANY and result["stock_code"] == STOCK_CODE
    assert result["title"] == "CONTINUING CONNECTED TRANSACTION"
    assert ev["stock_code"]["page"] == 1 and ev["title"]["page"] == 1
    assert [(c["period_end"][:4], c["amount"]) for c in result["annual_caps"]] == [
        (str(y), a) for y, a in CAPS
    ]
    assert {c["agreement"] for c in result["annual_caps"]} == {"Warehouse Agreement"}
    assert [ev[f"annual_caps[{i}]"]["page"] for i in range(len(CAPS))] == [CAPS_PAGE] * len(CAPS)
    assert [(p["name"], p["connected_entity"]) for p in result["connected_persons"]] == [
        (PERSON, "Jade Harbour")
    ]
    assert ev["connected_persons[0]"]["page"] == PERSON_PAGE
    assert result["abstained_directors"] == [PERSON]
    assert ev["abstained_directors[0]"]["page"] == PERSON_PAGE
    assert result["directors"] == BOARD
    assert {v["page"] for k, v in ev.items() if k.startswith("directors.")} == {BOARD_PAGE}
    assert {p["name"] for p in result["parties"]} == {"Lumen Logistics", "Jade Harbour"}
    assert [a["name"] for a in result["agreements"]] == ["Warehouse Agreement"]
    assert result["warnings"] == []
