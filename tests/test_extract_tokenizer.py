"""The English tokenizer (extract/tokenizer.py): money kept whole, and the chunk cache gives
the tokens spaCy's tokenizer gives, however warm it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import tokenizer as fw_tokenizer
from extract.document import build_text
from extract.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crawler" / "replica" / "corpus"
OTHERS = ROOT / "tests" / "fixtures" / "others" / "dev"


def tokens(doc) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(t.text, t.whitespace_) for t in doc]


def texts(folder: Path) -> list[str]:
    return [build_text(p.read_text("utf-8").split("\f"))[0] for p in sorted(folder.glob("*.txt"))]


def test_money_stays_one_token() -> None:
    tokenizer = build_pipeline().tokenizer
    assert [t.text for t in tokenizer("paid US$3.2m and HK$1.5bn (RMB80,000)")] == [
        "paid", "US$3.2m", "and", "HK$1.5bn", "(", "RMB80,000", ")",
    ]  # fmt: skip


def test_cached_chunks_give_spacys_tokens() -> None:
    """Warmed on one corpus, then read another twice: every token and space as spaCy's own
    tokenizer, cold, gives them."""
    tokenizer = build_pipeline().tokenizer
    assert isinstance(tokenizer, fw_tokenizer.ChunkCachingTokenizer)
    cold = fw_tokenizer.like(tokenizer)  # spaCy's own Tokenizer, same rules, cold cache
    for text in texts(OTHERS):
        tokenizer(text)
    corpus = texts(CORPUS)
    expected = [tokens(cold(text)) for text in corpus]
    for _ in range(2):
        assert [tokens(tokenizer(text)) for text in corpus] == expected
    assert len(tokenizer.__dict__["_seen"]) > 5_000


def test_the_chunks_fed_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fw_tokenizer, "CACHED_CHUNKS", 50)
    tokenizer = build_pipeline().tokenizer
    for text in texts(CORPUS)[:3]:
        tokenizer(text)
    seen = tokenizer.__dict__["_seen"]
    assert 50 <= len(seen) < 50 + max(len(set(t.split())) for t in texts(CORPUS)[:3])
    before = set(seen)
    tokenizer(texts(CORPUS)[3])
    assert seen == before
