"""Put every announcement on the replica's calendar and turn it into HKEXnews rows and files.

Why a separate step: the servlet, the feeds, the file routes and the manifest must all tell
the same story. Here each filing gets its release time (Hong Kong, 07:00-23:00, spread over
the last N days, deterministic by seed), its NEWS_ID (increasing with time, Chinese edition =
English + 1), its FILE_LINK (`/listedco/listconews/sehk/YYYY/MMDD/YYYYMMDDNNNNN[_c].pdf`) and
its row, pre-serialised so a 10,000-row answer is a join, not 10,000 json.dumps calls.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from random import Random
from zoneinfo import ZoneInfo

from . import taxonomy
from .config import ReplicaConfig
from .corpus import load_corpus
from .deals import STEPS, DealLife, deal_lives
from .documents import Document
from .files import FileSpec, FileStore
from .generator import generate
from .htmlpages import landing_page
from .stocks import StockBook

HK = ZoneInfo("Asia/Hong_Kong")
FIRST_NEWS_ID = 12_300_000
DOCUMENTS_ROOT = "/listedco/listconews/sehk"
ROW_FIELDS = (
    "FILE_INFO", "NEWS_ID", "SHORT_TEXT", "TOTAL_COUNT", "DOD_WEB_PATH", "STOCK_NAME",
    "TITLE", "FILE_TYPE", "DATE_TIME", "LONG_TEXT", "STOCK_CODE", "FILE_LINK",
)  # fmt: skip


def hk_today() -> date:
    return datetime.now(HK).date()


def escape_title(title: str) -> str:
    """HKEXnews TITLEs carry HTML entities (`&amp;`, `&#x2f;`, `&#x3b;`); clients unescape."""
    return title.translate(_TITLE_ENTITIES)


_TITLE_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "/": "&#x2f;", ";": "&#x3b;"}
)


@dataclass
class Attachment:
    label: str
    path: str


@dataclass
class Filing:
    """One row of the title search: one language edition of one filing."""

    news_id: int
    released: datetime
    doc: Document
    language: str
    stock_codes: list[str]
    stock_names: list[str]
    stock_ids: frozenset[int]
    delisted: bool
    long_text: str
    short_text: str
    file_link: str
    file_type: str  # "PDF" | "HTM" | ""
    file_info: str
    attachments: list[Attachment] = field(default_factory=list)
    edition_of: int | None = None
    row_head: str = ""
    row_tail: str = ""

    @property
    def title(self) -> str:
        return self.doc.title

    @property
    def date_time(self) -> str:
        return self.released.strftime("%d/%m/%Y %H:%M")

    def row(self) -> dict[str, str]:
        """The row as a dict in the servlet's field order (TOTAL_COUNT left empty)."""
        return {
            "FILE_INFO": self.file_info,
            "NEWS_ID": str(self.news_id),
            "SHORT_TEXT": self.short_text,
            "TOTAL_COUNT": "",
            "DOD_WEB_PATH": "",
            "STOCK_NAME": "<br/>".join(self.stock_names),
            "TITLE": escape_title(self.title),
            "FILE_TYPE": self.file_type,
            "DATE_TIME": self.date_time,
            "LONG_TEXT": self.long_text,
            "STOCK_CODE": "<br/>".join(self.stock_codes),
            "FILE_LINK": self.file_link,
        }

    def freeze_row(self) -> None:
        """Pre-serialise the row around TOTAL_COUNT, the one value that varies per query."""
        text = json.dumps(self.row(), ensure_ascii=False, separators=(",", ":"))
        marker = '"TOTAL_COUNT":""'
        head, tail = text.split(marker)
        self.row_head = head + '"TOTAL_COUNT":"'
        self.row_tail = '"' + tail

    def row_json(self, total: int) -> str:
        return f"{self.row_head}{total}{self.row_tail}"


@dataclass
class Catalogue:
    filings: list[Filing]  # by (release time, news id), all languages
    by_language: dict[str, list[Filing]]
    files: FileStore
    stocks: StockBook
    first_day: date
    last_day: date
    config: ReplicaConfig
    deals: list[DealLife] = field(
        default_factory=list
    )  # whole deal lives (crawler/replica/deals.py)

    def counts(self) -> dict[str, int]:
        """Filings per tier-1 and tier-2 code (the `count` of the tier JSON files)."""
        out: dict[str, int] = {}
        for f in self.by_language["en"]:
            for code in {f.doc.t1code, *f.doc.t2codes}:
                out[code] = out.get(code, 0) + 1
        return out


def _estimate_size(text: str, kind: str) -> str:
    """FILE_INFO without rendering: files are drawn lazily, so the size is an estimate."""
    raw = len(text.encode("utf-8"))
    kb = math.ceil((raw * (1.0 if kind == "pdf" else 1.3) + 2600) / 1024)
    return f"{kb}KB"


def _group(docs: list[Document]) -> list[list[Document]]:
    """English documents with their Chinese editions; orphans stand alone."""
    english = {d.slug: [d] for d in docs if d.language == "en"}
    groups = list(english.values())
    for d in docs:
        if d.language == "zh":
            if d.edition_of and d.edition_of in english:
                english[d.edition_of].append(d)
            else:
                groups.append([d])
    return groups


def build_catalogue(config: ReplicaConfig) -> Catalogue:
    corpus_groups = _group(load_corpus(config.corpus_dir))
    last_day = config.today or hk_today()
    days = [last_day - timedelta(days=n) for n in range(config.days - 1, -1, -1)]
    n_generated = config.extra + max(config.days * config.per_day - len(corpus_groups),
                                     config.min_generated)  # fmt: skip
    total = len(corpus_groups) + n_generated

    rng = Random(f"schedule:{config.seed}")
    order = list(range(total))
    rng.shuffle(order)
    day_of = {slot: days[pos * len(days) // total] for pos, slot in enumerate(order)}
    slots_by_day: dict[date, list[int]] = {}
    for slot in range(total):
        slots_by_day.setdefault(day_of[slot], []).append(slot)

    release: dict[int, datetime] = {}
    for day in days:
        slots = slots_by_day.get(day, [])
        minutes = sorted(rng.randint(7 * 60, 23 * 60) for _ in slots)
        for slot, minute in zip(slots, minutes, strict=True):
            release[slot] = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HK)

    reserved = frozenset(c for g in corpus_groups for d in g for c in d.stock_codes)
    groups: dict[int, list[Document]] = {}
    for slot in range(total):
        if slot < len(corpus_groups):
            groups[slot] = corpus_groups[slot]
        else:
            index = slot - len(corpus_groups)
            groups[slot] = generate(config.seed, index, release[slot].date(), reserved)

    lives = _deal_lives(config, days, reserved, groups, release)

    stocks = StockBook()
    for docs in groups.values():
        for d in docs:
            for i, code in enumerate(d.stock_codes):
                stocks.add(code, d.stock_names[i] if i < len(d.stock_names) else None, d.language)
    stocks.finish()

    filings: list[Filing] = []
    specs: dict[str, FileSpec] = {}
    news_id = FIRST_NEWS_ID + rng.randint(0, 500)
    sequence: dict[date, int] = {}
    for slot in sorted(groups, key=lambda s: (release[s], s)):
        when = release[slot]
        day = when.date()
        sequence[day] = sequence.get(day, rng.randint(20, 80)) + rng.randint(2, 30)
        news_id += rng.randint(3, 40)
        english_id = None
        for offset, doc in enumerate(groups[slot]):
            filing = _filing(doc, news_id + offset, when, sequence[day] + offset, stocks, specs)
            if offset and english_id is not None:
                filing.edition_of = english_id
            english_id = english_id or filing.news_id
            filings.append(filing)
        news_id += len(groups[slot])
        sequence[day] += len(groups[slot])

    filings.sort(key=lambda f: (f.released, f.news_id))
    for f in filings:
        f.freeze_row()
    by_language = {
        "en": [f for f in filings if f.language == "en"],
        "zh": [f for f in filings if f.language == "zh"],
    }
    return Catalogue(
        filings=filings,
        by_language=by_language,
        files=FileStore(specs, config.cache_dir),
        stocks=stocks,
        first_day=days[0],
        last_day=last_day,
        config=config,
        deals=lives,
    )


def _deal_lives(
    config: ReplicaConfig,
    days: list[date],
    reserved: frozenset[str],
    groups: dict[int, list[Document]],
    release: dict[int, datetime],
) -> list[DealLife]:
    """Add the deal lives' filings as slots after the others: life i's steps spread over the
    days in order (first day, ..., last day), at 08:00 + 30 minutes a life + a minute a step."""
    last = len(days) - 1
    when = [
        [datetime.combine(days[k * last // (len(STEPS) - 1)],
                          time(8 + i // 2, 30 * (i % 2) + k), tzinfo=HK)
         for k in range(len(STEPS))]
        for i in range(config.deal_lives)
    ]  # fmt: skip
    lives = deal_lives(config.seed, [[w.date() for w in steps] for steps in when], reserved)
    slot = max(groups, default=-1) + 1
    for life, steps in zip(lives, when, strict=True):
        for group, at in zip(life.groups, steps, strict=True):
            groups[slot], release[slot] = group, at
            slot += 1
    return lives


def _filing(doc: Document, news_id: int, when: datetime, seq: int, stocks: StockBook,
            specs: dict[str, FileSpec]) -> Filing:  # fmt: skip
    language = doc.language
    book = [stocks.by_code[c] for c in doc.stock_codes]
    names = [
        doc.stock_names[i] if i < len(doc.stock_names) and doc.stock_names[i] else s.name(language)
        for i, s in enumerate(book)
    ]
    long_text = taxonomy.headline(doc.t1code, doc.t2codes, language) or doc.headline
    short_text = f"(Headlines Revised) {long_text}" if doc.headlines_revised else long_text
    folder = f"{DOCUMENTS_ROOT}/{when:%Y}/{when:%m%d}"
    suffix = "_c" if language == "zh" else ""
    stem = f"{when:%Y%m%d}{seq:05d}{suffix}"
    header = f"{names[0]} ({doc.stock_codes[0]})"

    def spec(kind: str, text: str, title: str) -> FileSpec:
        return FileSpec(kind, text, title, header, language, when, news_id)

    attachments: list[Attachment] = []
    if doc.file_type == "multi":
        file_link, file_type, file_info = f"{folder}/{stem}.htm", "", "Multi-Files"
        links = []
        for i, (label, text, *kind) in enumerate(doc.attachments):
            ext = kind[0] if kind else "pdf"
            name = f"{when:%Y%m%d}{seq + i:05d}{suffix}.{ext}"
            path = f"{folder}/{news_id}/{name}"
            specs[path] = spec(ext, text, f"{doc.title} - {label}")
            attachments.append(Attachment(label, path))
            href = f"{news_id}/{name}" if doc.relative_links else path
            links.append((label, href, _estimate_size(text, ext)))
        specs[file_link] = spec("landing", landing_page(doc.title, links, language), doc.title)
    elif doc.file_type == "htm":
        file_link, file_type = f"{folder}/{stem}.htm", "HTM"
        file_info = _estimate_size(doc.text, "htm")
        specs[file_link] = spec("htm", doc.text, doc.title)
    else:
        file_link, file_type = f"{folder}/{stem}.pdf", "PDF"
        file_info = _estimate_size(doc.text, "pdf")
        specs[file_link] = spec("pdf", doc.text, doc.title)
    return Filing(
        news_id=news_id,
        released=when,
        doc=doc,
        language=language,
        stock_codes=list(doc.stock_codes),
        stock_names=names,
        stock_ids=frozenset(s.stock_id for s in book),
        delisted=all(not s.active for s in book),
        long_text=long_text,
        short_text=short_text,
        file_link=file_link,
        file_type=file_type,
        file_info=file_info,
        attachments=attachments,
    )
