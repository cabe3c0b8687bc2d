"""The files an announcement is read from, and their outcomes put back together.

Why: a Multi-Files filing's facts are in the documents its landing page lists (crawled into
`store.AnnouncementFile`), not in the landing page. Each document is its own worker job; once
all of an announcement's are done they become one Outcome (extract/merge.py), so the batch
saves one extraction per announcement as before. A file that cannot be read fails the
announcement with a reason naming the file (its other files are kept; reprocess retries).
"""

from __future__ import annotations

from dataclasses import dataclass

import store
from extract import Extraction, combine
from jobs.worker import Outcome


@dataclass(frozen=True)
class FilePart:
    part: int
    name: str  # the file's name in its URL, as evidence cites it
    path: str
    attachment: bool = False  # a document a Multi-Files landing page lists


def announcement_files(row: store.ToExtract) -> list[FilePart]:
    """A Multi-Files filing's fetched attachments in page order; else the announcement's file."""
    if row.attachments:
        return [
            FilePart(i, _file_name(a.url), a.file_path, attachment=True)
            for i, a in enumerate(row.attachments)
        ]
    return [FilePart(0, _file_name(row.document_url), row.file_path or "")]


def _file_name(url: str) -> str:
    return url.rsplit("/", 1)[-1] or url


class Gatherer:
    """Collects per-file Outcomes; hands back one Outcome per announcement once complete."""

    def __init__(self) -> None:
        self._expected: dict[int, list[FilePart]] = {}
        self._done: dict[int, dict[int, Outcome]] = {}

    def expect(self, announcement_id: int, files: list[FilePart]) -> list[FilePart]:
        self._expected[announcement_id] = files
        return files

    def add(self, outcome: Outcome) -> Outcome | None:
        files = self._expected[outcome.announcement_id]
        if not any(f.attachment for f in files):
            return outcome  # one file: its Outcome as it is
        done = self._done.setdefault(outcome.announcement_id, {})
        done[outcome.part] = outcome
        if len(done) < len(files):
            return None
        del self._done[outcome.announcement_id]
        return _combined(outcome.announcement_id, files, done)


def _combined(announcement_id: int, files: list[FilePart], done: dict[int, Outcome]) -> Outcome:
    outcomes = [(f, done[f.part]) for f in files]
    out = Outcome(announcement_id, pages=sum(o.pages for _, o in outcomes))
    for f, o in outcomes:
        out.read_seconds += o.read_seconds
        out.nlp_seconds += o.nlp_seconds
        out.cpu_seconds += o.cpu_seconds
        out.peak_rss_mb = max(out.peak_rss_mb, o.peak_rss_mb)
        out.notes += [f"{f.name}: {note}" for note in o.notes]
        if not o.ok:
            out.reason = f"{f.name}: {o.reason or 'unknown failure'}"
            return out
    out.extraction = combine([(f.name, o.extraction or Extraction.empty()) for f, o in outcomes])
    out.text = "\n\n".join(o.text for _, o in outcomes if o.text)
    return out
