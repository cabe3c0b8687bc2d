"""Person-name keys: one key for the ways an announcement writes the same person's name.

"Mr. LEI Jun", "Jun LEI" and "LEI, Jun" all become "jun lei": honorifics and post-nominal
honours dropped, punctuation and hyphens as spaces, tokens sorted (Hong Kong filings write the
surname first or last). Chinese names are kept without spaces, folded to one script
(雷軍 and 雷军 are one key, store.script).
"""

from __future__ import annotations

import re
import unicodedata

from store.script import fold

HONORIFICS = frozenset(
    "mr mrs ms miss mdm madam dr prof professor sir dame hon honourable the".split()
)
POSTNOMINALS = frozenset("jp sbs bbs mh gbs gbm obe mbe cbe kbe ph.d phd".split())
_TOKEN = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """A normalised, order-free key for a person's name; "" when nothing is left."""
    text = fold(unicodedata.normalize("NFKC", name or "").casefold())
    tokens = [t for t in _TOKEN.findall(text) if t not in HONORIFICS and t not in POSTNOMINALS]
    return " ".join(sorted(tokens))
