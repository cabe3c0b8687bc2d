"""fw_directors_v1: directors by category from the board-composition paragraph.

"As at the date of this announcement, the executive Directors are Mr. A (Chairman) and Ms. B;
the non-executive Director is Mr. C; and the independent non-executive Directors are ...", or
with the category after the names ("the Board comprises Mr. A and Ms. B as executive Directors,
..."), or one "Executive Directors:" line per category. Category phrases are data
(patterns/board.jsonl); names are split on commas and "and", keeping "Tat Joel, CHANG" and
"LAM Siu Fung, Alan" whole.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.document import Fact, facts, layout_of
from extract.names import HONOURS, TITLES, clean_person
from extract.patterns import load
from extract.pipe import FactPipe, component

CATEGORIES = ("executive", "non_executive", "independent_non_executive")
_NAME_LINE = re.compile(
    r"^(?:(?:(?:Mr|Ms|Mrs|Dr|Madam|Miss|Professor|Prof|Sir|Ir|Dato'?|Datuk|Hon)\.?\s+)?"
    r"[A-Z][\w'\-]*(?:,?\s+[A-Z][\w'\-]*){0,5}\s*(?:\([^()]{1,60}\))?[,;]?\s*)+$"
)
_BOARD_LINE = re.compile(
    r"(as at the date of this announcement|the board (?:of directors )?(?:of the company )?"
    r"(?:comprises|consists|is composed)|^executive directors?\s*:|directors? (?:are|is|of the "
    r"company are))",
    re.I,
)


def _category_regex() -> re.Pattern[str]:
    phrases = []
    for row in load("board"):
        phrases += [(p, row["category"]) for p in row["phrases"]]
    phrases.sort(key=lambda p: len(p[0]), reverse=True)
    alt = "|".join(
        re.escape(p).replace(r"\-", "[- ]?").replace(r"\ ", r"[\s-]+") for p, _ in phrases
    )
    return re.compile(rf"(?<!chief )(?<!chief\s\s)\b({alt})\b", re.I)


_CAT_RE = _category_regex()


def category_of(phrase: str) -> str:
    p = re.sub(r"[\s-]+", " ", phrase.lower())
    if "independent" in p:
        return "independent_non_executive"
    if "non" in p:
        return "non_executive"
    return "executive"


_NONE = re.compile(r"^\W*(?:there\s+(?:is|are)\s+no|no|nil|none|n/?a)\W*$", re.I)


def split_names(segment: str) -> list[str]:
    """Names in "Messrs. A, B and C" / "Mr. A (Chairman), Ms. B"; commas inside names kept."""
    if _NONE.search(segment):
        return []  # "There is no non-executive Director", "Non-executive Directors: Nil"
    segment = re.sub(r"\s[—–]\s|^\s*[—–]\s", ", ", segment)  # "Executive Directors — Mr. A"
    segment = re.sub(r"\([^()]*\)", " ", segment)
    segment = re.sub(r"\([^()]*$", " ", segment)  # "(executive Director)" cut at its category
    segment = re.sub(r"^[^()]*\)", " ", segment)
    segment = re.sub(r"[\u3400-\u9fff]+", " ", segment)
    segment = re.sub(
        r"\b(are|is|was|were|namely|comprises?|consists? of|being|as|the|of|our|its|the board|"
        r"board|directors?|company|group|bank|includ(?:es|ing))\b",
        ",",
        segment,
        flags=re.I,
    )
    pieces = re.split(r"\s*[,;:]\s*|\band\s+|\s*&\s*", segment)
    names: list[str] = []
    for piece in pieces:
        words = piece.split()
        titled = bool(words) and words[0].lower().strip(".") + "." in TITLES | {
            w + "." for w in TITLES
        }
        if piece.strip().lower().strip(".") in HONOURS:
            continue
        name = clean_person(piece)
        if not name or not re.search(r"[A-Z]", name):
            continue
        if not any(w[:1].isupper() for w in name.split()):
            continue
        single = len(name.split()) == 1
        if names and single and not titled:
            names[-1] = f"{names[-1]} {name}"  # "Tat Joel, CHANG", "LAM Siu Fung, Alan"
        else:
            names.append(name)
    return names


def parse_board(text: str) -> dict[str, list[str]]:
    """Directors by category from the board paragraph's text."""
    out: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    mentions = list(_CAT_RE.finditer(text))
    if not mentions:
        return out
    head = text[: mentions[0].start()]
    head_names = split_names(
        re.split(r"announcement,?|comprises|consists of", head, flags=re.I)[-1]
    )
    category_after = bool(head_names)
    if category_after:  # "Mr. A and Ms. B as executive Directors, Mr. C as ..."
        prev = 0
        for m in mentions:
            seg = text[prev : m.start()]
            seg = re.split(r"announcement,?|comprises|consists of", seg, flags=re.I)[-1]
            out[category_of(m.group(1))] += split_names(seg)
            prev = m.end()
    else:
        for k, m in enumerate(mentions):
            end = mentions[k + 1].start() if k + 1 < len(mentions) else len(text)
            seg = text[m.end() : end]
            seg = re.sub(r"[;,]?\s*(and\s+)?(the|our)?\s*$", "", seg)
            out[category_of(m.group(1))] += split_names(seg)
    for c in CATEGORIES:
        seen: set[str] = set()
        out[c] = [n for n in out[c] if not (n in seen or seen.add(n))]
    return out


def board_page(pages: list[str]) -> int | None:
    """Index of the last page with a board paragraph, found the way `Directors` finds it:
    a long document's chunks all carry that page (extract/chunks.py)."""
    for k in range(len(pages) - 1, -1, -1):
        lines = [line.strip() for line in pages[k].split("\n")]
        for j, line in enumerate(lines):
            if _BOARD_LINE.search(line) and _CAT_RE.search(" ".join(lines[j : j + 25])):
                return k
    return None


def _two_columns(lines: list) -> tuple[str, int, int] | None:
    """A board laid out in columns: "Executive Directors:  Independent non-executive
    Directors:" over rows of names, read column by column."""
    if not lines or not lines[0].is_row:
        return None
    heads = lines[0].cells
    if not all(_CAT_RE.search(c) for c in heads):
        return None
    cols: list[list[str]] = [[h] for h in heads]
    end = lines[0].end
    used = 1
    for ln in lines[1:]:
        if not ln.text or len(ln.cells) != len(heads):
            break
        for k, c in enumerate(ln.cells):
            cols[k].append(c)
        end = ln.end
        used += 1
    return "; ".join("; ".join(c) for c in cols), end, used


@component("fw_directors_v1", ["directors"])
class Directors(FactPipe):
    def match(self, doc: Doc) -> dict[str, list[Fact]]:
        lines = [ln for ln in layout_of(doc).lines if ln.text]
        for k in range(len(lines) - 1, -1, -1):
            line = lines[k]
            if not _BOARD_LINE.search(line.text):
                continue
            parts, end = [line.text], line.end
            grid = _two_columns(lines[k + 1 : k + 25])
            if not grid and _two_columns(lines[k : k + 25]):
                continue  # the column heads of a board in columns: read from the line above
            if grid:
                parts.append(grid[0])
                end = grid[1]
            # the paragraph wrapped onto the next lines (no blank line between)
            j = k + 1
            all_lines = layout_of(doc).lines
            idx = next(i for i, ln in enumerate(all_lines) if ln.start == line.start)
            while (
                not grid
                and idx + 1 < len(all_lines)
                and all_lines[idx + 1].text
                and not parts[-1].rstrip().endswith((".", ":"))
                and not _CAT_RE.match(all_lines[idx + 1].text)
                and not _NAME_LINE.match(all_lines[idx + 1].text)
            ):
                idx += 1
                j += 1
                parts[-1] = f"{parts[-1]} {all_lines[idx].text}"
                end = all_lines[idx].end
            # "the Board comprises:" then one line per category heading and per name
            if grid:
                j = k + 1 + grid[2]
            for nxt in lines[j : k + 25]:
                if not (_CAT_RE.match(nxt.text) or _NAME_LINE.match(nxt.text)):
                    break
                parts.append(nxt.text)
                end = nxt.end
            text = "; ".join(p.rstrip(";") for p in parts)
            if not _CAT_RE.search(text):
                continue
            board = parse_board(text)
            if any(board.values()):
                return {c: [Fact(n, line.start, end) for n in names] for c, names in board.items()}
        return {c: [] for c in CATEGORIES}

    def set_annotations(self, doc: Doc, found: dict[str, list[Fact]]) -> None:
        facts(doc)["directors"] = found
