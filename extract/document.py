"""The document's own structure beside spaCy's tokens: lines, pages, sentences, facts.

Announcements are laid out text: a definitions list, a principal-terms table, a caps table, a
board paragraph. Components need both tokens (for Matcher/SpanRuler patterns) and lines (for
tables and "term  definition" rows), so the text is built from lines with known offsets, and
every fact keeps the character range it came from; its evidence is the sentence around it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from extract.grid import fill_text_grid, join_wrapped_headers

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "＂": '"'})
_CELL_SEP = re.compile(r"\t+\s*| {2,}")
#: "( 鄧耀輝)": a PDF can put a space where a font changes inside brackets
_PAREN_SPACE = re.compile(r"(\()\s(?=\S)|(?<=\S)\s(\))")


@dataclass
class Line:
    """One line of the announcement: a paragraph, a heading or a table row."""

    page: int
    start: int
    end: int
    text: str
    cells: list[str]

    @property
    def is_row(self) -> bool:
        return len(self.cells) > 1


@dataclass
class Fact:
    """A value and the character range of the text it came from (for its evidence)."""

    value: Any
    start: int
    end: int


@dataclass
class Layout:
    lines: list[Line]
    page_starts: list[int]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""
    #: the document's page number of each page here (a long document's chunk holds some pages)
    page_numbers: list[int] | None = None


# "**DEFINITIONS**" (bold in text exports) loses its marks; "Mr. A**" (a footnote mark) keeps them
_BOLD = re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])")


def clean_line(raw: str) -> str:
    text = _BOLD.sub(r"\1", raw.translate(_QUOTES)).replace("\xa0", " ").rstrip()
    text = _CELL_SEP.sub("  ", text.strip())
    return _PAREN_SPACE.sub(lambda m: m.group(1) or m.group(2), text)


def join_page_breaks(pages: list[str]) -> list[str]:
    """A sentence running over a page break ("... have" | "abstained from voting ...") is put
    back together on the first page, so sentence-level patterns see it whole."""
    out = list(pages)
    for k in range(len(out) - 1):
        head, footer = _page_footer(out[k].rstrip())
        tail = out[k + 1].lstrip("\n")
        last = head.rsplit("\n", 1)[-1]
        first, _, rest = tail.partition("\n")
        if _runs_on(last, first):
            sep = "" if _CJK_CHAR.search(last[-1:]) else " "
            out[k] = f"{head}{sep}{first.strip()}{footer}"
            out[k + 1] = rest
    return out


# a page's number printed at its foot: "– 3 –", "- 3 -", "3", "Page 3", "3 / 12", "第3頁"
_FOOTER = re.compile(
    r"\n\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}(?:\s*/\s*\d{1,3})?|page\s+\d{1,3}"
    r"(?:\s+of\s+\d{1,3})?|第\s*\d{1,3}\s*頁)\s*$",
    re.I,
)


def _page_footer(page: str) -> tuple[str, str]:
    """The page without its page-number footer, and the footer (kept, after a joined line)."""
    m = _FOOTER.search(page)
    if not m:
        return page, ""
    return page[: m.start()].rstrip(), "\n\n" + m.group(0).strip()


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _runs_on(last: str, first: str) -> bool:
    """Does the page's last line continue on the next page's first line?"""
    if not last or not first.strip() or "  " in last or "  " in first.strip():
        return False
    if _CJK_CHAR.search(last[-1:]) and _CJK_CHAR.search(first.strip()[:1]) and len(last) >= 20:
        return True  # a Chinese sentence cut mid-way (Chinese has no terminal space)
    if re.search(r"[.:;!?)]$", last.rstrip()) and not re.search(
        r"\b(?:Mr|Ms|Mrs|Dr|Messrs|Prof|Madam)\.$", last.rstrip()
    ):
        return False
    if first[:1].islower():
        return True
    letters = [c for c in last if c.isalpha()]
    mostly_upper = letters and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    heading_next = re.match(r"^(?:\d+\.|\([a-z0-9]+\)|[A-Z][A-Z ]{6,}$)", first.strip())
    return len(last) >= 60 and not mostly_upper and not heading_next


def build_text(
    pages: list[str], numbers: list[int] | None = None, *, joined: bool = False
) -> tuple[str, Layout]:
    """Join pages into one text of cleaned lines; remember each line's page and offsets.

    `numbers` are the pages' numbers in the document (default 1..n); `joined` says the pages
    have already been through `join_page_breaks` (a long document is joined once, whole).
    """
    if not joined:
        pages = join_page_breaks(pages)
    numbers = numbers or list(range(1, len(pages) + 1))
    parts: list[str] = []
    lines: list[Line] = []
    page_starts: list[int] = []
    pos = 0
    for number, page in zip(numbers, pages, strict=True):
        if parts:
            parts.append("\n")
            pos += 1
        page_starts.append(pos)
        for raw in fill_text_grid(join_wrapped_headers(page)).split("\n"):
            text = clean_line(raw)
            cells = text.split("  ") if text else []
            lines.append(Line(number, pos, pos + len(text), text, cells))
            parts.append(text + "\n")
            pos += len(text) + 1
    text = "".join(parts)
    return text, Layout(lines, page_starts, text=text, page_numbers=numbers)


@dataclass
class DocState:
    """All our components keep on a Doc, in its one extension `doc._.fw`: the facts found so
    far (by fact key), the English layout, and the Chinese text and its normalised form."""

    facts: dict[str, Any] = field(default_factory=dict)
    layout: Layout | None = None
    #: the Chinese doc's text, kept once (`Doc.text` rebuilds it per call)
    text: str | None = None
    #: the Chinese doc's normalised text (extract/zh/normalise.py), set by fw_zh_norm_v1
    norm: str = ""
    #: the Chinese text's lines, sentence stops and sentences, found once (extract/zh/doc_utils.py)
    lines: list[tuple[int, int]] | None = None
    stops: list[int] | None = None
    sentences: list[tuple[int, int, int]] | None = None


if not Doc.has_extension("fw"):
    Doc.set_extension("fw", default=None)

#: where spaCy keeps `doc._.fw` (Underscore's key in `doc.user_data`): read directly, as
#: `doc._` builds an accessor object on every use and components ask for the state ~300 times
#: a document
_FW = ("._.", "fw", None, None)


def state(doc: Doc) -> DocState:
    """The doc's `doc._.fw`, made on first use."""
    found = doc.user_data.get(_FW)
    if found is None:
        found = doc.user_data[_FW] = DocState()
    return found


def layout_of(doc: Doc) -> Layout:
    """The layout given with the doc, or one rebuilt from its text (unit tests pass raw text)."""
    st = state(doc)
    if st.layout is None:
        _, st.layout = build_text([doc.text])
    return st.layout


def text_of(doc: Doc) -> str:
    """The doc's text, kept once: `Doc.text` rebuilds the string from its tokens per call."""
    layout = layout_of(doc)
    if not layout.text:
        layout.text = doc.text
    return layout.text


def facts(doc: Doc) -> dict[str, Any]:
    """The facts found so far, by fact key (what the contract is built from)."""
    return state(doc).facts


def page_of(doc: Doc, char: int) -> int:
    layout = layout_of(doc)
    index = max(1, bisect.bisect_right(layout.page_starts, char))
    return layout.page_numbers[index - 1] if layout.page_numbers else index


def sentence_of(doc: Doc, start: int, end: int | None = None) -> str:
    """The sentence (or table row) holding characters start..end."""
    sents = layout_of(doc).sentences
    if not sents:
        return text_of(doc)[start : end or start].strip()
    i = max(0, bisect.bisect_right([s for s, _ in sents], start) - 1)
    s, e = sents[i]
    if end is not None and end > e:
        j = max(i, bisect.bisect_right([s for s, _ in sents], end - 1) - 1)
        e = sents[j][1]
    return " ".join(text_of(doc)[s:e].split())


def line_at(doc: Doc, char: int) -> Line | None:
    lines = layout_of(doc).lines
    i = bisect.bisect_right([ln.start for ln in lines], char) - 1
    return lines[i] if 0 <= i < len(lines) else None
