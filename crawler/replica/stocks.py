"""The replica's stock universe: internal stock ids, codes and short names in both languages.

Why: HKEXnews filters by its *internal* stockId (Tencent 00700 -> 7609), which a client must
resolve through prefix.do or activestock_sehk_e.json, never by the 5-digit code. The
well-known ids below are the ones seen in the research notes; every other stock gets a
deterministic id derived from its code, so ids are stable across runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Stock:
    stock_id: int
    code: str
    name_en: str
    name_zh: str
    active: bool = True

    def name(self, language: str) -> str:
        return self.name_zh if language == "zh" else self.name_en


# (stockId, code, English short name, Chinese short name) seen in hkexnews.md §1.2/§1.5.
WELL_KNOWN: tuple[tuple[int, str, str, str], ...] = (
    (1, "00001", "CKH HOLDINGS", "長和"),
    (7609, "00700", "TENCENT", "騰訊控股"),
    (1000077859, "01024", "KUAISHOU-W", "快手－Ｗ"),
    (190371, "01810", "XIAOMI-W", "小米集團－Ｗ"),
    (20247, "00285", "BYD ELECTRONIC", "比亞迪電子"),
    (166831, "02858", "YIXIN", "易鑫集團"),
    # A warrant whose code shares a prefix with 00285: prefix.do returns it too.
    (1000301301, "28500", "HU-YOFC@EC2703A", "HU-長飛光纖@EC2703A"),
)

# Delisted stocks answer only with type=I in prefix.do and category=1 in the servlet.
DELISTED: tuple[tuple[int, str, str, str], ...] = (
    (31415, "00998", "OLD HARBOUR HLDG", "舊港控股"),
)


def derived_stock_id(code: str) -> int:
    """A stable id for a stock the notes do not name: unique per code, never a well-known id."""
    return 100_000 + int(code) * 17


class StockBook:
    """All stocks by code and by id; names filled in as documents are loaded."""

    def __init__(self) -> None:
        self.by_code: dict[str, Stock] = {}
        for sid, code, en, zh in WELL_KNOWN:
            self.by_code[code] = Stock(sid, code, en, zh)
        for sid, code, en, zh in DELISTED:
            self.by_code[code] = Stock(sid, code, en, zh, active=False)

    def add(self, code: str, name: str | None, language: str) -> Stock:
        """Register a code (and its name in one language); the first name seen wins."""
        stock = self.by_code.get(code)
        if stock is None:
            stock = Stock(derived_stock_id(code), code, name or code, name or code)
            stock.name_zh = ""  # unknown until a Chinese edition names it
            stock.name_en = ""
            self.by_code[code] = stock
        if name:
            if language == "zh" and not stock.name_zh:
                stock.name_zh = name
            elif language != "zh" and not stock.name_en:
                stock.name_en = name
        return stock

    def finish(self) -> None:
        """Fill a name missing in one language with the other: the stock list has no blanks."""
        for stock in self.by_code.values():
            stock.name_en = stock.name_en or stock.name_zh or stock.code
            stock.name_zh = stock.name_zh or stock.name_en

    def by_id(self) -> dict[int, Stock]:
        return {s.stock_id: s for s in self.by_code.values()}

    def listing(self, active: bool) -> list[Stock]:
        return sorted(
            (s for s in self.by_code.values() if s.active == active), key=lambda s: s.code
        )

    def stock_list_json(self, language: str, active: bool = True) -> list[dict]:
        """`activestock_sehk_{e,c}.json`: a bare array of {i, c, n, s}."""
        return [
            {"i": s.stock_id, "c": s.code, "n": s.name(language), "s": n}
            for n, s in enumerate(self.listing(active), start=1)
        ]

    def prefix_matches(self, text: str, language: str, active: bool, partial: bool) -> list[Stock]:
        """prefix.do semantics: code prefix (with or without leading zeros) or name prefix.

        partial.do matches anywhere in the name instead. Warrants sharing a code prefix come
        back too, which is why clients must match the code exactly.
        """
        needle = text.strip().upper()
        if not needle:
            return []
        out = []
        for stock in self.listing(active):
            name = stock.name(language).upper()
            if needle.isdigit():
                hit = stock.code.startswith(needle) or stock.code.lstrip("0").startswith(
                    needle.lstrip("0") or "0"
                )
            elif partial:
                hit = needle in name
            else:
                hit = name.startswith(needle)
            if hit:
                out.append(stock)
        return out
