"""Load the hand-written gold corpus (`<slug>.txt`, `.meta.json`, `.gold.json`).

Why so forgiving: the corpus is written while the replica runs in tests, so a half-written
or malformed document must be skipped with a warning on stderr, never stop the server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .documents import Document

DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"


def load_corpus(directory: Path | None = None) -> list[Document]:
    """Every complete document in `directory`, sorted by slug (English before its `_c`)."""
    root = Path(directory) if directory is not None else DEFAULT_CORPUS
    if not root.is_dir():
        return []
    docs = []
    for meta_path in sorted(root.glob("*.meta.json")):
        slug = meta_path.name[: -len(".meta.json")]
        try:
            docs.append(_load_one(root, slug))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"replica: skipping corpus document {slug}: {exc}", file=sys.stderr)
    return docs


def _load_one(root: Path, slug: str) -> Document:
    meta = json.loads((root / f"{slug}.meta.json").read_text(encoding="utf-8"))
    text = (root / f"{slug}.txt").read_text(encoding="utf-8")
    if not text.strip():
        raise ValueError("empty text")
    gold_path = root / f"{slug}.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else None
    codes = [str(c).zfill(5) for c in meta["stock_codes"]]
    if not codes:
        raise ValueError("no stock code")
    language = "zh" if str(meta.get("language", "en")).lower().startswith("zh") else "en"
    file_type = str(meta.get("file_type", "pdf")).lower()
    return Document(
        slug=slug,
        language=language,
        text=text,
        stock_codes=codes,
        stock_names=[str(n) for n in meta.get("stock_names", [])],
        title=str(meta["title"]),
        headline=str(meta.get("headline", "")),
        t1code=str(meta.get("t1code", "10000")),
        t2codes=[str(c) for c in meta.get("t2codes", [])],
        file_type="htm" if file_type in {"htm", "html"} else "pdf",
        edition_of=meta.get("edition_of"),
        gold=gold,
        source="corpus",
    )
