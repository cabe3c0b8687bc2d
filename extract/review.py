"""When an extraction needs a human: the listing says "connected transaction" (or another
notifiable type) but we found no party, no cap and no connected person. Such a result is stored
flagged with its reason instead of silently empty. Also decides how many pages are worth
reading: a document whose headline and title promise no transaction facts only needs its first
pages (company, code, date, title) to be stored and searched by title.
"""

from __future__ import annotations

import re

from extract.contract_types import Extraction

TRANSACTION_WORDS = re.compile(
    r"connected transaction|discloseable transaction|major transaction|very substantial|"
    r"share transaction|reverse takeover|notifiable "
    r"transaction|關連交易|須予披露|主要交易|非常重大",
    re.I,
)
#: pages read from a document whose listing promises no transaction facts
OTHER_MAX_PAGES = 10
#: pages read from a transaction announcement or circular: all of them, however long (a
#: long one is extracted in chunks, extract/chunks.py; the time limit is the backstop)
TRANSACTION_MAX_PAGES = None


def is_transaction(headline: str | None, title: str | None) -> bool:
    return bool(TRANSACTION_WORDS.search(f"{headline or ''} {title or ''}"))


def max_pages_for(headline: str | None, title: str | None) -> int | None:
    return TRANSACTION_MAX_PAGES if is_transaction(headline, title) else OTHER_MAX_PAGES


def review_reason(extraction: Extraction, headline: str | None, title: str | None) -> str | None:
    """A one-line reason to flag the extraction for review, or None when it looks complete."""
    listing = f"{headline or ''} {title or ''}"
    m = TRANSACTION_WORDS.search(listing) or TRANSACTION_WORDS.search(extraction.title or "")
    if not m:
        return None
    if extraction.parties or extraction.annual_caps or extraction.connected_persons:
        return None
    return f"listed as {m.group(0).lower()!r} but no party, cap or connected person was extracted"
