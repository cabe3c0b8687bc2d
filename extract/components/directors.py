"""fw_directors_v1: directors by category from the board-composition paragraph.

"As at the date of this announcement, the executive Directors are Mr. A (Chairman) and Ms. B;
the non-executive Director is Mr. C; and the independent non-executive Directors are ...", or
with the category after the names ("the Board comprises Mr. A and Ms. B as executive Directors,
..."), or one "Executive Directors:" line per category; or a list, one director a line with
the category in brackets, after a comma or in a column, or as a footnote mark ("Dr. A, SBS, JP
(Chairman)#", "Mr. B¹") explained in a legend under the list. Category phrases are data
(patterns/board.jsonl); names are split on commas and "and", keeping "Tat Joel, CHANG" and
"LAM Siu Fung, Alan" whole.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

from extract.document import Fact, Line, facts, layout_of
from extract.names import HONOURS, TITLES, clean_person
from extract.patterns import load
from extract.pipe import FactPipe, component

CATEGORIES = ("executive", "non_executive", "independent_non_executive")
_NAME_LINE = re.compile(
    r"^(?:[-–•·●▪]\s*)?(?:(?:(?:Mr|Ms|Mrs|Dr|Madam|Miss|Professor|Prof|Sir|Ir|Dato'?|Datuk|Hon)\.?\s+)?"
    r"[A-Z][\w'\-]*(?:,?\s+(?:(?:bin|binti|binte|bte|van|von|de|da|di|al)\s+)?[A-Z][\w'\-]*){0,5}"
    r"(?:\s*[(（][^()（）]{1,60}[)）])*[,;]?\s*)+$"
)  # "Dr. Aminah binti YUSOF": the particles of Malay, Dutch, Portuguese and Arabic names
_BOARD_LINE = re.compile(
    r"((?:as )?(?:at|of) the date (?:of this announcement|hereof)|(?:the|our) board "
    r"(?:of directors )?(?:of the company )?(?:currently |now |also )?(?:comprises|comprised|"
    r"consists|is composed|is made up)|^executive directors?\s*(?::|$)|"
    r"directors? (?:are|is|of the company are))",
    re.I,
)

# "As at the date of this joint announcement, ...": a joint announcement's board statements too
_BOARD_LINE = re.compile(
    rf"{_BOARD_LINE.pattern}|as (?:at|of) the date of this joint announcement", re.I
)

# "the board of directors of XBM comprises", "the executive directors of XC are": a board that
# names its issuer (not "the Company"), as each issuer's does in a joint announcement
_OF_ISSUER = re.compile(
    r"\b(?i:board(?: of directors)?|directors?) of (?!(?i:the|our|this|its|such)\b)"
    r"([A-Z][^;:]{0,80}?)\s+(?i:comprises|comprised|consists|is composed|is made up|are|is)\b"
)

# a board statement of its own, not a sentence going on with the one before (and not "As at
# the date of this announcement, X holds 30% of the shares")
_STATEMENT = re.compile(
    r"^(?:as (?:at|of)|at) the date of this (?:joint )?announcement,?\s+(?:the|our)\s+"
    r"(?:board|[\w\s-]{0,30}?directors?)\b",
    re.I,
)
_OF_NAMED = re.compile(r"^\s*(?i:directors?\s+)?of\s+[A-Z][^;:]{0,80}?\s+(?i:are|is)\b")


def _category_regex() -> re.Pattern[str]:
    phrases = []
    for row in load("board"):
        phrases += [(p, row["category"]) for p in row["phrases"]]
    phrases.sort(key=lambda p: len(p[0]), reverse=True)
    alt = "|".join(
        re.escape(p).replace(r"\-", "[- ]?").replace(r"\ ", r"[\s-]+") for p, _ in phrases
    )
    alt += "|(?-i:(?:I?N)?EDs?)"  # "as INEDs", "(NED)", "(ED)": capitals only, not "Ned"
    return re.compile(rf"(?<!chief )(?<!chief\s\s)\b({alt})\b", re.I)


_CAT_RE = _category_regex()
# a role before a category heading: "Chairman and executive Director:", "Vice-chairman, ..."
_ROLE = (
    r"(?:(?:vice|deputy|executive|honorary|co)[- ]?)?chair(?:man|woman|person|lady)?"
    r"(?:\s+of\s+the\s+board)?|chief\s+executive(?:\s+officer)?|CEO|president"
)
_ROLE_LEAD = re.compile(rf"^(?:the\s+)?(?:{_ROLE})\s*(?:,|and\b|&)\s*", re.I)


def _heading(text: str) -> re.Match[str] | None:
    """A line that starts with a category ("Independent non-executive Directors:"), perhaps
    after a role ("Chairman and executive Director:")."""
    return _CAT_RE.match(_ROLE_LEAD.sub("", text))


def category_of(phrase: str) -> str:
    p = re.sub(r"[\s-]+", " ", phrase.lower())
    if "independent" in p or p.startswith("ined"):
        return "independent_non_executive"
    if "non" in p or p.startswith("ned"):
        return "non_executive"
    return "executive"


# what comes before the first name: "As at the date of this announcement, the Board comprises"
_LEAD = r"announcement,?|hereof,?|comprises|consists of|made up of"
_MARK = r"[*#†‡^§+~¹²³⁴⁵⁶⁷⁸⁹⁰]+"
_LEGEND = re.compile(rf"^\s*({_MARK}|\d|\(\d\d?\))(?:(?<=\d)[.:)])?\s*(.+)$")
# an item number before a line of a board list
_ENUM = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)|\d{1,2}\.)\s+")


def _mark_regex(marks: list[str]) -> re.Pattern[str]:
    """Where a legend's marks follow a name: "Mr. A*", "Mr. A (Chairman) ^", "Mr. A¹ (Chairman)"
    and, for a plain digit (a superscript read from a PDF), only right after a letter: "Mr. A1"."""
    alts = []
    for mark in sorted(marks, key=len, reverse=True):
        if mark.isdigit() and mark.isascii():
            alts.append(rf"(?<=[A-Za-z)]){mark}(?!\d)")
        else:
            alts.append(rf"(?<=[\w).])\s?{re.escape(mark)}(?![*#†‡^§+~¹²³⁴⁵⁶⁷⁸⁹⁰])")
    return re.compile("|".join(f"(?:{a})" for a in alts))


def footnoted_board(text: str, legend: list[str]) -> dict[str, list[str]] | None:
    """ "Mr. A, Mr. B*, Mr. C** ... * Non-executive Director ** Independent ...": a board whose
    categories are footnote marks after the names (in a sentence or one name a line), with a
    legend under it. A mark belongs to the name just before it (its honours and brackets may
    come between: "Dr. A, SBS, JP (Chairman)#"); names without a mark take the category the
    legend leaves out (usually executive). Marks whose legend is no category ("^ nominated by
    the controlling shareholder") are left alone."""
    marks: dict[str, str] = {}
    # "* Executive Directors  # Non-executive Director": several marks explained on one line
    legend = [p for line in legend for p in re.split(rf"\s+(?=(?:{_MARK})\s*[A-Za-z])", line)]
    for line in legend:
        m = _LEGEND.match(line)
        cat = m and (_CAT_RE.match if m.group(1).isdigit() else _CAT_RE.search)(m.group(2))
        if cat and m.group(1) not in marks:
            marks[m.group(1)] = category_of(cat.group(1))
    if not marks:
        return None
    body = re.split(_LEAD, text, flags=re.I)[-1]
    found = list(_mark_regex(list(marks)).finditer(body))
    left = [c for c in CATEGORIES if c not in marks.values()]
    plain = left[0] if len(left) == 1 else "executive"
    out: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    alt = "|".join(re.escape(k) for k in sorted(marks, key=len, reverse=True))
    leading = re.compile(rf"^\s*({alt})\s*(?=[A-Z])")
    items = body.split(";")
    if not found and any(leading.match(item) for item in items):
        for item in items:  # one name a line, the mark before it: "#Dr. HO Kin Wah"
            m = leading.match(item)
            out[marks[m.group(1)] if m else plain] += split_names(item[m.end() :] if m else item)
        return out if any(out.values()) else None
    if not found:
        return None
    prev = 0
    for m in found:
        names = split_names(body[prev : m.start()])
        for name in names[:-1]:
            out[plain].append(name)
        if names:
            out[marks[m.group().strip()]].append(names[-1])
        prev = m.end()
    out[plain] += split_names(body[prev:])
    return out if any(out.values()) else None


_POSITION_SEP = re.compile(r"\s{2,}|\t|\s[—–-]\s|\s*[|]\s*")


def table_board(lines: list) -> dict[str, list[str]] | None:
    """One director per line with the position after the name: a "Name  Position" table
    ("Mr. CHAN Tai Man  Executive Director (Chairman)") or "Mr. LI Wei — Executive Director".
    A category first ("Executive Directors — Mr. A, Mr. B") is another layout."""
    out: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    read = 0
    for ln in lines:
        # a cell of Chinese name only ("陳大文  Mr. CHAN Tai Man  Executive Director") is no cell
        cells = [c for c in _POSITION_SEP.split(ln.text) if _name_text(c).strip()]
        if len(cells) < 2:
            cells = _comma_position(ln.text)
        if len(cells) < 2 or _CAT_RE.search(cells[0]):
            continue
        cats = [c for c in cells[1:] if _CAT_RE.search(c)]
        if cats:
            out[category_of(_CAT_RE.search(cats[0]).group(1))] += split_names(cells[0])
            read += 1
    # "Mr. A (executive Director)" a line each, two of them with honours after a comma: the
    # lines with the category in brackets are another layout, read whole elsewhere
    if sum(1 for ln in lines if _CATEGORY_IN_BRACKETS.search(ln.text)) > read:
        return None
    return out if sum(map(len, out.values())) >= 2 else None


_CATEGORY_IN_BRACKETS = re.compile(r"\([^()]*\bDirector\)\W*$", re.I)


_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|shall|being)\b", re.I)


def _comma_position(text: str) -> list[str]:
    """ "Mr. CHAN Tai Man, SBS, JP, Chairman and Executive Director": the name (with its
    honours) and the position after a comma, or [] for anything else (a sentence "Mr. A, a
    non-executive Director, is ..." has a verb)."""
    pieces = text.split(",")
    for k in range(len(pieces) - 1, 0, -1):  # the last comma first: "WONG Ka Fai, Kevin, ..."
        name, position = ",".join(pieces[:k]), ",".join(pieces[k:]).strip()
        if not _CAT_RE.search(position) or _CAT_RE.search(name):
            continue
        if _is_name_line(name) and not _VERB.search(position) and len(position) < 100:
            return [name, position]
    return []


_BROKEN_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|Ir)\.?\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?$")
_TITLED_START = re.compile(r"\s*(?:Mr|Ms|Mrs|Miss|Madam|Dr|Prof|Professor|Ir|Sir|Dame)\b")


_OPENS = re.compile(
    r"(?:As (?:at|of)|At|On) the date\b|The (?i:board|directors)\b|Board of (?i:directors)\b"
)
# a line that stops mid-sentence: the next line goes on with it, even if it starts a category
_CONTINUES = re.compile(r"(?:\b(?:and|the|are|is|of|our|Mr|Ms|Mrs|Dr)\.?|[,&])\s*$", re.I)
_NONE = re.compile(r"^\W*(?:there\s+(?:is|are)\s+no|no|nil|none|n/?a)\W*$", re.I)


# titles extract/names.py does not strip, before a name: ranks ("Captain", "Capt.") and the
# Malaysian honorifics of two words ("Tan Sri", "Dato' Sri", "Datuk Seri") or one ("Puan")
_MORE_TITLES = re.compile(
    r"^\s*(?:(?P<first>(?:Tan|Puan|Toh)\s+(?:Sri|Puan))|(?:Dato|Datuk|Datin)['’]?\s+(?:Seri|Sri|Paduka)|"
    r"Captain|Capt\.?|Commander|Cdr\.|Commodore|Colonel|Col\.|Admiral|Brigadier|Puan|Encik|"
    r"Dr|Ir|Prof|Professor|Dato['’]?|Datuk|Datin|Sir)\.?\s+(?=[A-Z])"
)


def _strip_titles(piece: str) -> tuple[str, bool]:
    """ "Captain Rajesh MENON" -> ("Rajesh MENON", True); titles may stack ("Tan Sri Dato' A",
    "Ir Dr. A"). "Tan Sri" only leads: after another title "Tan" is a surname."""
    titled = False
    while (m := _MORE_TITLES.match(piece)) and not (titled and m.group("first")):
        piece, titled = piece[m.end() :], True
    return piece, titled


# "the Board comprises seven Directors, of whom Mr. A and Mr. B are executive Directors"
_LEAD += r"|\b(?:of|among) (?:which|whom)\b"


_HEADING = re.compile(r"^(?:the\s+)?(?:board(?:\s+of\s+directors)?|directors)\s*:?$", re.I)
_TABLE_HEAD = re.compile(
    r"^(?:name(?:\s+of\s+directors?)?|directors?)\s*(?:\s{2,}|\t|[|])\s*"
    r"(?:position|title|designation|role|capacity|category)",
    re.I,
)


def _issuer(text: str, below: str = "") -> str | None:
    """The issuer a board statement ("As at the date of this joint announcement, ...") names:
    "ab" for "the board of directors of AB comprises" (perhaps on the next line, as a PDF
    wraps it), "the company" for one that names none; None for a line that is no statement."""
    if not _STATEMENT.match(text):
        return None
    m = _OF_ISSUER.search(f"{text} {below}")
    return m.group(1).lower() if m and m.start() < len(text) else "the company"


def _heads_board(text: str, below: str) -> bool:
    """A heading with no sentence ("DIRECTORS", "Board of Directors") right over a category
    heading ("Executive Directors"), a "Name  Position" table or a "Mr. A — Executive
    Director" line: it opens the board."""
    return bool(
        _HEADING.match(text.strip())
        and (_CAT_RE.match(below) or _TABLE_HEAD.match(below) or _name_then_position(below))
    )


def _name_then_position(text: str) -> bool:
    cells = [c for c in _POSITION_SEP.split(text) if c.strip()]
    return len(cells) >= 2 and not _CAT_RE.search(cells[0]) and bool(_CAT_RE.search(cells[1]))


def _board_heading(lines: list, k: int) -> bool:
    return k + 1 < len(lines) and _heads_board(lines[k].text, lines[k + 1].text)


class _Row(NamedTuple):
    text: str


def _row_after_colon(line: Line) -> list[_Row]:
    """ "... the Board comprises the following Directors: Ms. A — Executive Director": a PDF
    reader that joins the lead sentence and a table's first row; that row, or nothing."""
    head, colon, tail = line.text.rpartition(":")
    return [_Row(tail.strip())] if colon and _BOARD_LINE.search(head) and tail.strip() else []


def split_names(segment: str) -> list[str]:
    """Names in "Messrs. A, B and C" / "Mr. A (Chairman), Ms. B"; commas inside names kept."""
    if _NONE.search(segment):
        return []  # "There is no non-executive Director", "Non-executive Directors: Nil"
    segment = re.sub(r"\s[—–]\s|^\s*[—–]\s", ", ", segment)  # "Executive Directors — Mr. A"
    segment = re.sub(r"(?:^|(?<=[;,]))\s*[-•·●▪]\s+", ", ", segment)  # a bulleted list
    segment = re.sub(r"\([^()]*\)", " ", segment)
    segment = re.sub(r"\([^()]*$", " ", segment)  # "(executive Director)" cut at its category
    segment = re.sub(r"^[^()]*\)", " ", segment)
    segment = re.sub(r"[\u3400-\u9fff]+", " ", segment)
    segment = re.sub(
        r"\b(are|is|was|were|namely|comprises?|consists? of|being|as|the|of|our|its|the board|"
        rf"board|directors?|company|group|bank|includ(?:es|ing)|{_ROLE})\b",
        ",",
        segment,
        flags=re.I,
    )
    pieces = re.split(r"\s*[,;:]\s*|\band\s+|\s*&\s*", segment)
    names: list[str] = []
    for piece in pieces:
        piece, more_titles = _strip_titles(piece)
        words = piece.split()
        titled = (
            more_titles
            or bool(words)
            and words[0].lower().strip(".") + "." in TITLES | {w + "." for w in TITLES}
        )
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
    head_names = split_names(re.split(_LEAD, head, flags=re.I)[-1])
    category_after = bool(head_names)
    if category_after:  # "Mr. A and Ms. B as executive Directors, Mr. C as ..."
        prev = 0
        for m in mentions:
            seg = text[prev : m.start()]
            seg = re.split(_LEAD, seg, flags=re.I)[-1]
            out[category_of(m.group(1))] += split_names(seg)
            prev = m.end()
    else:
        for k, m in enumerate(mentions):
            end = mentions[k + 1].start() if k + 1 < len(mentions) else len(text)
            seg = _OF_NAMED.sub("", text[m.end() : end])  # "... Directors of AB Ltd are"
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
            if _heads_board(line, next((t for t in lines[j + 1 :] if t), "")):
                return k
    return None


def _two_columns(lines: list) -> tuple[str, int, int] | None:
    """A board laid out in columns: "Executive Directors:  Independent non-executive
    Directors:" over rows of names, read column by column."""
    if not lines or not lines[0].is_row:
        return None
    heads = lines[0].cells
    if not all(_CAT_RE.search(c) and not re.match(_MARK, c) for c in heads):
        return None  # "* Executive Directors  # Non-executive Director" is a legend
    cols: list[list[str]] = [[h] for h in heads]
    end = lines[0].end
    used = 1
    for ln in lines[1:]:
        if not ln.text or len(ln.cells) > len(heads):
            break
        if len(ln.cells) < len(heads) and not all(  # a column's last names (blanks are "-")
            c == "-" or _CAT_RE.match(c) or _NAME_LINE.match(_name_text(c)) for c in ln.cells
        ):
            break
        if _heads_a_list(ln, lines[used + 1] if used + 1 < len(lines) else None):
            break  # "Independent non-executive Directors" over "Mr. A, Ms. B and Mr. C"
        for k, c in enumerate(ln.cells):
            cols[k].append(c)
        end = ln.end
        used += 1
    return "; ".join("; ".join(c) for c in cols), end, used


def _several_names(text: str) -> bool:
    """Several names in one line and nothing else: "Mr. A, Ms. B and Mr. C"."""
    pieces = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", _name_text(text).strip().rstrip(".;"))
    return len(pieces) > 1 and all(_NAME_LINE.match(p) for p in pieces)


def _heads_a_list(line: Line, below: Line | None) -> bool:
    """A category heading alone on its line over several names in one line: a paragraph of
    its own under a board in columns, not the next cell of a column (one name each)."""
    return (
        len(line.cells) == 1
        and bool(_CAT_RE.match(line.text))
        and below is not None
        and len(below.cells) == 1
        and _several_names(below.text)
    )


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _name_text(text: str) -> str:
    """A board line without its Chinese name: "Mr. CHAN Tai Man  陳大文" -> "Mr. CHAN Tai Man"."""
    return " ".join(_CJK.sub(" ", text).split()) if _CJK.search(text) else text


_TRAILING_MARK = re.compile(rf"(?<=[\w).])\s?{_MARK}(?=\s*(?:[,;(]|$))")


def _is_name_line(text: str) -> bool:
    """One director's line, footnote marks after the name or its brackets allowed:
    "Dr. CHAN Tai Man, SBS, JP (Chairman)#", "Ms. LEE Mei Ling ^", "Mr. HO Kin Wah¹"."""
    text = _TRAILING_MARK.sub("", _name_text(text))
    led = re.match(rf"{_MARK}\s*(?=[A-Z])", text)  # "#Dr. HO Kin Wah", not "# Non-executive"
    if led and _CAT_RE.search(text):
        return False
    return bool(_NAME_LINE.match(text[led.end() :] if led else text))


Board = dict[str, list[Fact]]


@component("fw_directors_v1", ["directors"])
class Directors(FactPipe):
    def match(self, doc: Doc) -> dict[str, list[Fact]]:
        lines = [ln for ln in layout_of(doc).lines if ln.text]
        for k in range(len(lines) - 1, -1, -1):
            if not (_BOARD_LINE.search(lines[k].text) or _board_heading(lines, k)):
                continue
            k = _list_head(lines, k)
            board = self._board_at(doc, lines, k)
            if board:
                return self._first_issuer(doc, lines, k) or self._with_neighbours(
                    doc, lines, k, board
                )
        return {c: [] for c in CATEGORIES}

    def _first_issuer(self, doc: Doc, lines: list, k: int) -> Board | None:
        """A joint announcement of two listed issuers ends with one board paragraph per issuer
        ("the board of directors of AB comprises ...", then "... of CD comprises ..."), in the
        order the issuers head the announcement: the first issuer's board, read up to the next
        issuer's, or None when the statements in the run of board lines around `lines[k]` name
        one issuer. An issuer called "the Company" has its own statement too ("As at the date
        of this joint announcement, the Board comprises ...")."""
        lo = hi = k
        while lo > 0 and k - lo < 40 and _boardish(lines[lo - 1].text):
            lo -= 1  # the boards stand together: a target's board in the body is not one
        while hi + 1 < len(lines) and hi - k < 40 and _boardish(lines[hi + 1].text):
            hi += 1
        below = [ln.text for ln in lines[lo + 1 : hi + 1]] + [""]
        issuers = [(j, _issuer(lines[j].text, below[j - lo])) for j in range(lo, hi + 1)]
        issuers = [(j, name) for j, name in issuers if name]
        if len({name for _, name in issuers}) < 2:
            return None
        first, name = issuers[0]
        nxt = next(j for j, other in issuers if other != name)
        board = self._board_at(doc, lines[:nxt], first)  # its lines stop at the next board
        if board and max(f.end for fs in board.values() for f in fs) > lines[nxt].start:
            board = self._board_at(doc, lines, first, alone=True)  # ran into the next one
        return board

    def _with_neighbours(self, doc: Doc, lines: list, k: int, board: Board) -> Board:
        """A board told in several short paragraphs ("The executive Directors are ...",
        "The non-executive Director is ..."): categories the found paragraph leaves empty are
        taken from the board sentences next to it, in the same unbroken run of board lines."""
        first = k
        while first > 0 and _boardish(lines[first - 1].text) and not _ends(lines[first - 1]):
            first -= 1  # the found paragraph's own first line
        above = []
        for j in range(first - 1, max(first - 13, -1), -1):
            if not _boardish(lines[j].text):
                break
            above.append(j)
        below = []
        for j in range(k + 1, min(k + 13, len(lines))):
            if not _boardish(lines[j].text):
                break
            below.append(j)
        for j in above + below:
            missing = [c for c in CATEGORIES if not board[c]]
            if not missing:
                break
            if not _BOARD_LINE.search(lines[j].text):
                continue
            # "the non-executive Directors are:" over one name a line: read with its list
            other = self._board_at(doc, lines, j, alone=not _ends_with_colon(lines[j]))
            for c in missing:
                if other and other[c] and not {f.value for f in other[c]} & _names(board):
                    board[c] = other[c]
        return board

    def _board_at(self, doc: Doc, lines: list, k: int, alone: bool = False) -> Board | None:
        """The board read from the paragraph (and the lines under it) at `lines[k]`."""
        line = lines[k]
        all_lines = layout_of(doc).lines
        idx = next(i for i, ln in enumerate(all_lines) if ln.start == line.start)
        while (  # a wrapped paragraph whose later line matched: start at its first line
            idx > 0
            and all_lines[idx - 1].text
            and not all_lines[idx - 1].is_row
            and not all_lines[idx - 1].text.rstrip().endswith((".", ":"))
            # a board sentence's own start ("As at the date ...") begins the paragraph even
            # with no blank line above it (an HTML page's paragraphs, a signature block)
            and not (
                _OPENS.match(all_lines[idx].text) and not _CONTINUES.search(all_lines[idx - 1].text)
            )
        ):
            idx -= 1
        line = all_lines[idx]
        if not alone:
            rows = table_board(_row_after_colon(lines[k]) + lines[k + 1 : k + 25])
            if rows:
                return {c: [Fact(n, line.start, lines[k].end) for n in v] for c, v in rows.items()}
        parts, end = [line.text], line.end
        grid = None if alone else _two_columns(lines[k + 1 : k + 25])
        if not grid and not alone and _two_columns(lines[k : k + 25]):
            return None  # the column heads of a board in columns: read from the line above
        if grid:
            parts.append(grid[0])
            end = grid[1]
        # the paragraph wrapped onto the next lines (no blank line between)
        while (
            not grid
            and idx + 1 < len(all_lines)
            and all_lines[idx + 1].text
            and not parts[-1].rstrip().endswith((".", ":"))
            and (
                _CONTINUES.search(parts[-1])  # "... the\nindependent ...", "Mr. B and\nMr. C."
                or not (_heading(all_lines[idx + 1].text) or _is_name_line(all_lines[idx + 1].text))
                # "... Directors are Mr. CHOW\nKwok Leung, Dr. MAK Hoi\nChing and Mr. SIU.":
                # a name broken over the line end, its rest without a title
                or (
                    _BROKEN_NAME.search(all_lines[idx].text)
                    and not _TITLED_START.match(all_lines[idx + 1].text)
                    and not _CAT_RE.search(all_lines[idx + 1].text)
                )
            )
        ):
            idx += 1
            parts[-1] = f"{parts[-1]} {all_lines[idx].text}"
            end = all_lines[idx].end
        j = next(i for i, ln in enumerate(lines) if ln.start == all_lines[idx].start) + 1
        # "the Board comprises:" then one line per category heading and per name
        if grid:
            j = k + 1 + grid[2]
        listed = [] if alone else lines[j : k + 25]
        said = _roles_told(listed, lines[j : k + 60])
        uncategorised = False
        for n, nxt in enumerate(listed):
            text = said.get(n, _name_text(nxt.text))
            if _ROLE_ONLY.match(text.strip()):
                uncategorised = True  # "Chairman:" whose category no note gives: its names
                j += 1  # are left out, the lists under the next headings read on
                continue
            if uncategorised and _is_name_line(text) and not _heading(text):
                j += 1
                continue
            uncategorised = False
            # "1. Mr. A", "(ii) Mr. A and Ms. B as ...", "1. Executive Directors" over a name;
            # not a numbered legend ("(1) Non-executive Director" over the next mark)
            bare = _ENUM.sub("", text)
            below = _ENUM.sub("", _name_text(listed[n + 1].text)) if n + 1 < len(listed) else ""
            if bare != text and (
                _heading(bare)
                and _is_name_line(below)
                and not _CAT_RE.search(below)
                or not _heading(bare)
                and (_is_name_line(bare) or _category_clause(bare))
            ):
                text = bare
            if not (_heading(text) or _is_name_line(text) or _category_clause(text)) and not (
                _several_names(text)
            ):
                break
            cells = [_name_text(c) for c in nxt.cells if _name_text(c)]
            if len(cells) > 1 and all(_is_name_line(c) for c in cells):
                text = "; ".join(cells)  # "Mr. A  Ms. B": two names in a row of a list
            parts.append(text)
            end = nxt.end
            j += 1
        text = "; ".join(p.rstrip(";") for p in parts)
        legend = [ln.text for ln in lines[j : j + 6]]  # the lines under the board
        # or in brackets after the names: "... Mr. C# (* non-executive Director; # ...)."
        for inner in re.findall(rf"\(\s*((?:{_MARK})[^()]*)\)", text):
            legend += re.split(r"\s*[;,]\s*", inner)
        board = footnoted_board(text, legend)
        if not board:
            if not _CAT_RE.search(text):
                return None
            board = parse_board(text)
        if not any(board.values()):
            return None
        return {c: [Fact(n, line.start, end) for n in names] for c, names in board.items()}

    def set_annotations(self, doc: Doc, found: dict[str, list[Fact]]) -> None:
        facts(doc)["directors"] = found


_ROLE_ONLY = re.compile(rf"^(?:the\s+)?(?:{_ROLE})\s*[:：]$", re.I)
_HEADING_OF = {
    "executive": "Executive Director:",
    "non_executive": "Non-executive Director:",
    "independent_non_executive": "Independent non-executive Director:",
}


def _roles_told(listed: list, below: list) -> dict[int, str]:
    """A role heading with no category ("Chairman:") over a name, whose category a note under
    the board gives ("Note: Mr. Ai Dongsheng, the Chairman, is a non-executive Director."):
    the heading read as that category's, by its index in `listed`."""
    roles = [n for n, ln in enumerate(listed[:-1]) if _ROLE_ONLY.match(ln.text.strip())]
    notes = " ".join(ln.text for ln in below) if roles else ""
    out: dict[int, str] = {}
    for n in roles:
        name = _name_text(listed[n + 1].text)
        if not _is_name_line(name):
            continue
        bare = _strip_titles(name)[0].strip()
        for at in [m.end() for m in re.finditer(re.escape(bare), notes)] if bare else []:
            window = notes[at : at + 120].split(". ")[0]
            verb = re.match(r"[^.;:]{0,60}?\bis\s+(?:also\s+)?an?\s+", window)
            cat = _CAT_RE.match(window[verb.end() :]) if verb else None
            if cat:
                out[n] = _HEADING_OF[category_of(cat.group(1))]
                break
    return out


def _boardish(text: str) -> bool:
    """A line that can belong to a board paragraph: a board sentence, a category, a name."""
    return bool(_BOARD_LINE.search(text) or _CAT_RE.search(text) or _is_name_line(text))


def _category_clause(text: str) -> bool:
    """A line of a board list that is a clause of names and their category, no sentence:
    "Mr. A (Chairman) and Ms. B as executive Directors;", "and Dr. C as INED."."""
    return bool(
        _CAT_RE.search(text)
        and not _VERB.search(text)
        and re.match(r"(?:and\s+)?(?:[-–•·●▪]\s*)?[A-Z]", text)
    )


def _list_head(lines: list, k: int) -> int:
    """The "... the Board comprises:" line over a list of headings and names that `lines[k]`
    (an "Executive Director:" heading) is part of, or `k`: "Chairman and executive
    Director:" / "Mr. A" / "Executive Director:" / "Ms. B" is one board, read from its top."""
    top = k
    while top > 0 and top > k - 25:
        text = _name_text(lines[top - 1].text)
        if not (
            _heading(text) or _is_name_line(text) or _ROLE_ONLY.match(text.strip())
        ) or _BOARD_LINE.search(text):
            break
        top -= 1
    if top < k and top > 0 and _BOARD_LINE.search(lines[top - 1].text) and _ends(lines[top - 1]):
        return top - 1
    return k


def _ends_with_colon(line: Line) -> bool:
    return line.text.rstrip().endswith((":", "："))


def _ends(line: Line) -> bool:
    return line.text.rstrip().endswith((".", ":"))


def _names(board: Board) -> set[str]:
    return {f.value for found in board.values() for f in found}
