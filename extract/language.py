"""Tell English from Chinese announcements by script, not by file name.

English announcements quote Chinese company names (成都金山數字娛樂科技有限公司) and Chinese ones
quote English names, so the decision counts CJK characters against Latin words: a Chinese
sentence of 30 characters carries as much text as about 15 English words.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_language(pages: list[str]) -> str:
    """Return "zh" when Chinese characters outweigh English words, else "en"."""
    text = "\n".join(pages[:5])
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return "zh" if cjk > 2 * words else "en"
