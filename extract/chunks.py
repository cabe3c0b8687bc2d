"""Cut a long document into chunks of pages, each small enough for one spaCy Doc.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters: E088), and a 300-page
circular or annual report is that long. Raising the limit would let memory grow with the
document; instead a long document is read in chunks of at most CHUNK_CHARS characters, and
their facts are merged (extract/merge.py).

Facts on one page depend on text on others: a caps table on page 150 names the agreement
defined on page 2, and an abstention on page 150 names directors listed in the board paragraph
on page 300. So every chunk starts with the document's first pages (cover, header: up to
CONTEXT_CHARS) and the pages of its definitions section (up to CONTEXT_CHARS more), and ends
with the page holding the board paragraph; those pages keep their own page numbers, so evidence
points at the right page whichever chunk found it, and the facts they yield in every chunk are
merged into one. A document that fits in one chunk is read exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: characters of text per chunk (a fifth of spaCy's max_length: ~15 MB of Doc per chunk)
CHUNK_CHARS = 200_000
#: characters of the first pages repeated at the start of every chunk
CONTEXT_CHARS = 30_000
#: a page longer than this (a pathological PDF page) is cut at line breaks
PIECE_CHARS = 20_000

BoardFinder = Callable[[list[str]], "int | None"]
DefinitionsFinder = Callable[[list[str]], "list[int]"]


@dataclass
class Chunk:
    """Pages to run through the pipeline together, and each one's number in the document."""

    pages: list[str]
    numbers: list[int]


def plan_chunks(
    pages: list[str],
    board_page: BoardFinder,
    definition_pages: DefinitionsFinder | None = None,
    *,
    chunk_chars: int = CHUNK_CHARS,
    context_chars: int = CONTEXT_CHARS,
    piece_chars: int = PIECE_CHARS,
) -> list[Chunk]:
    """One chunk when the document fits; otherwise chunks that each begin with the first
    pages and the definitions pages (`definition_pages` finds their indexes) and end with the
    board paragraph's page (`board_page` finds its index, or None)."""
    if sum(len(p) + 1 for p in pages) <= chunk_chars:
        return [Chunk(list(pages), list(range(1, len(pages) + 1)))]
    pieces = split_pages(pages, piece_chars)
    texts = [t for _, t in pieces]
    head = _first(range(len(texts)), texts, context_chars)
    found = definition_pages(texts) if definition_pages else []
    defs = _first([i for i in found if i not in head], texts, context_chars)
    board = board_page(texts)
    tail = [board] if board is not None and board not in head + defs else []
    size = sum(len(texts[i]) + 1 for i in head + defs + tail)
    budget = max(piece_chars, chunk_chars - size)
    groups: list[list[int]] = []
    used = budget
    for i in range(len(head), len(pieces)):
        if used + len(texts[i]) + 1 > budget:
            groups.append([])
            used = 0
        groups[-1].append(i)
        used += len(texts[i]) + 1
    chunks = []
    for group in groups or [[]]:
        inside = set(group)
        order = (
            head
            + [i for i in defs if i not in inside]
            + group
            + [i for i in tail if i not in inside]
        )
        chunks.append(Chunk([texts[i] for i in order], [pieces[i][0] for i in order]))
    return chunks


def _first(indexes: Iterable[int], texts: list[str], limit: int) -> list[int]:
    """The leading `indexes` whose texts fit in `limit` characters (at least one)."""
    out: list[int] = []
    size = 0
    for i in indexes:
        if out and size + len(texts[i]) + 1 > limit:
            break
        out.append(i)
        size += len(texts[i]) + 1
    return out


def split_pages(pages: list[str], piece_chars: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(page number, text) pieces: a page over `piece_chars` is cut at line breaks (a line
    longer than that, at `piece_chars`)."""
    out: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        if len(page) <= piece_chars:
            out.append((number, page))
            continue
        piece: list[str] = []
        size = 0
        for line in _short_lines(page.split("\n"), piece_chars):
            if piece and size + len(line) + 1 > piece_chars:
                out.append((number, "\n".join(piece)))
                piece, size = [], 0
            piece.append(line)
            size += len(line) + 1
        out.append((number, "\n".join(piece)))
    return out


def _short_lines(lines: list[str], limit: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line[k : k + limit] for k in range(0, len(line), limit)] or [""]
    return out
