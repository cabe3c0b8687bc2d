"""The replica's documents as bytes: rendered on first request, cached in memory and on disk.

Why lazily: start-up must be fast even for thousands of announcements, and a PDF costs
~10-25 ms to draw. The disk cache (keyed by a hash of everything that goes into the file)
makes a second run, or a `--prerender` run with a process pool, serve at network speed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .htmlpages import document_html
from .pdf import render_pdf

RENDER_VERSION = "1"
DEFAULT_CACHE_DIR = Path(tempfile.gettempdir()) / "filingwatch-replica-cache"


@dataclass(frozen=True)
class FileSpec:
    """Everything needed to produce one file; picklable so a process pool can render it."""

    kind: str  # "pdf" | "htm" (an announcement) | "landing" (ready-made HTML in `text`)
    text: str
    title: str
    header: str
    language: str
    released: datetime
    news_id: int

    @property
    def content_type(self) -> str:
        return "application/pdf" if self.kind == "pdf" else "text/html; charset=utf-8"

    @property
    def cache_key(self) -> str:
        h = hashlib.sha256()
        for part in (RENDER_VERSION, self.kind, self.title, self.header, self.language, self.text):
            h.update(part.encode("utf-8") + b"\0")
        return h.hexdigest()


def produce(spec: FileSpec) -> bytes:
    """The bytes of one file, straight from its spec (no cache)."""
    if spec.kind == "pdf":
        return render_pdf(spec.text, header=spec.header, title=spec.title.replace("\n", " "))
    if spec.kind == "htm":
        return document_html(spec.text, spec.title, spec.language).encode("utf-8")
    return spec.text.encode("utf-8")


def _cache_path(cache_dir: Path, spec: FileSpec) -> Path:
    key = spec.cache_key
    return cache_dir / key[:2] / f"{key}.{'pdf' if spec.kind == 'pdf' else 'htm'}"


def _render_to_cache(args: tuple[FileSpec, str]) -> None:
    spec, cache_dir = args
    path = _cache_path(Path(cache_dir), spec)
    if not path.exists():
        _write_atomic(path, produce(spec))


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


class FileStore:
    """path -> bytes, with a memory cache in front of an optional disk cache."""

    def __init__(self, specs: dict[str, FileSpec], cache_dir: Path | None) -> None:
        self.specs = specs
        self.cache_dir = cache_dir
        self._bytes: dict[str, bytes] = {}
        self._sha: dict[str, str] = {}
        self._lock = threading.Lock()

    def __contains__(self, path: str) -> bool:
        return path in self.specs

    def get(self, path: str) -> bytes | None:
        data = self._bytes.get(path)
        if data is not None:
            return data
        spec = self.specs.get(path)
        if spec is None:
            return None
        data = self._load_or_render(spec)
        with self._lock:
            self._bytes[path] = data
        return data

    def _load_or_render(self, spec: FileSpec) -> bytes:
        if self.cache_dir is None:
            return produce(spec)
        cached = _cache_path(self.cache_dir, spec)
        try:
            return cached.read_bytes()
        except OSError:
            pass
        data = produce(spec)
        try:
            _write_atomic(cached, data)
        except OSError:
            pass  # a read-only cache is not worth failing a request for
        return data

    def sha256(self, path: str) -> str | None:
        if path not in self._sha:
            data = self.get(path)
            if data is None:
                return None
            self._sha[path] = hashlib.sha256(data).hexdigest()
        return self._sha[path]

    def rendered(self) -> int:
        return len(self._bytes)

    def prerender(self, workers: int | None = None) -> int:
        """Render every file not yet on disk with a process pool; returns how many were drawn."""
        if self.cache_dir is None:
            for path in self.specs:
                self.get(path)
            return len(self.specs)
        todo = [s for s in self.specs.values() if not _cache_path(self.cache_dir, s).exists()]
        if not todo:
            return 0
        workers = workers or os.cpu_count() or 1
        if workers == 1 or len(todo) < 50:
            for spec in todo:
                _render_to_cache((spec, str(self.cache_dir)))
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                args = [(spec, str(self.cache_dir)) for spec in todo]
                list(pool.map(_render_to_cache, args, chunksize=32))
        return len(todo)
