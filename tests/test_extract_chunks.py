"""extract/chunks.py: a document that fits is one chunk of all its pages; a long one is cut
into chunks under the size limit, each starting with the first pages and ending with the board
page, every other page in exactly one chunk, and a giant page cut at line breaks."""

from __future__ import annotations

from extract.chunks import Chunk, plan_chunks, split_pages


def _board_at(index: int | None):  # noqa: ANN202
    return lambda pages: index


def test_chunks_a_short_document_is_one_chunk_of_all_pages() -> None:
    pages = ["first page", "second page", "third page"]
    assert plan_chunks(pages, _board_at(2), chunk_chars=1000) == [Chunk(pages, [1, 2, 3])]


def test_chunks_a_long_document_carries_first_pages_and_board_page_in_every_chunk() -> None:
    pages = [f"page {n} " + "x" * 990 for n in range(1, 101)]  # 100 pages of ~1,000 chars
    chunks = plan_chunks(
        pages, _board_at(99), chunk_chars=10_000, context_chars=2_100, piece_chars=5_000
    )
    assert len(chunks) > 1
    bodies: list[int] = []
    for chunk in chunks:
        assert sum(len(p) + 1 for p in chunk.pages) <= 10_000
        assert chunk.numbers[:2] == [1, 2]  # the first pages, up to context_chars
        assert chunk.numbers[-1] == 100  # the board page
        assert [pages[n - 1] for n in chunk.numbers] == chunk.pages
        bodies += [n for n in chunk.numbers if n not in (1, 2, 100)]
    assert bodies == list(range(3, 100))  # every other page once, in order


def test_chunks_without_a_board_page_still_cover_every_page() -> None:
    pages = ["y" * 500 for _ in range(40)]
    chunks = plan_chunks(pages, _board_at(None), chunk_chars=5_000, context_chars=600)
    assert all(c.numbers[0] == 1 for c in chunks)
    assert sorted({n for c in chunks for n in c.numbers}) == list(range(1, 41))


def test_chunks_a_giant_page_is_cut_at_line_breaks_and_keeps_its_number() -> None:
    giant = "\n".join(f"line {k} " + "z" * 90 for k in range(1_000))  # ~100,000 chars
    pieces = split_pages(["cover", giant, "z" * 25_000], piece_chars=20_000)
    assert [n for n, _ in pieces].count(2) >= 5 and [n for n, _ in pieces][0] == 1
    assert all(len(t) <= 20_000 for _, t in pieces)
    assert "\n".join(t for n, t in pieces if n == 2) == giant
    assert "".join(t for n, t in pieces if n == 3) == "z" * 25_000


def test_chunks_carry_the_definitions_pages_past_the_first_pages() -> None:
    pages = [f"page {n} " + "x" * 990 for n in range(1, 101)]
    chunks = plan_chunks(
        pages,
        _board_at(99),
        lambda texts: [19, 20],  # pages 20 and 21 hold the definitions section
        chunk_chars=10_000,
        context_chars=2_100,
        piece_chars=5_000,
    )
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.numbers[:2] == [1, 2] and chunk.numbers[-1] == 100
        assert chunk.numbers.count(20) == 1 and chunk.numbers.count(21) == 1
        assert sum(len(p) + 1 for p in chunk.pages) <= 10_000
    assert sorted({n for c in chunks for n in c.numbers}) == list(range(1, 101))
