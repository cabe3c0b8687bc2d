"""One document in a worker process, inside limits: time (SIGALRM) and memory (RLIMIT_AS).

pdfminer.six is pure Python, so a pathological PDF shows up as a long loop or a large
allocation, never a hang in C code: an interval timer interrupts it and an address-space limit
turns a runaway allocation into MemoryError, both reported as a one-line reason, and the worker
lives on for the next document. A worker dies with the process that started the batch
(jobs/lifeline.py), so a killed batch leaves nothing running.
"""

from __future__ import annotations

import os
import resource
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from extract import Extraction, LimitExceeded, ReadError
from jobs.lifeline import die_with_parent
from store import settings as env

DEFAULT_TIME_LIMIT = 60.0
DEFAULT_MEMORY_MB = 1536


@dataclass
class Job:
    announcement_id: int
    path: str
    max_pages: int | None = None
    part: int = 0  # which of the announcement's files (jobs/filesets.py)


@dataclass
class Outcome:
    announcement_id: int
    extraction: Extraction | None = None
    part: int = 0
    text: str = ""
    reason: str | None = None
    pages: int = 0
    read_seconds: float = 0.0
    nlp_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.extraction is not None


def init_worker(memory_mb: int | None = DEFAULT_MEMORY_MB, batch_pid: int | None = None) -> None:
    """Process-pool initializer: die with the batch process `batch_pid` (jobs/lifeline.py),
    cap the address space and build the pipeline once."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    die_with_parent(batch_pid)
    if memory_mb:
        limit = int(memory_mb) * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    from extract import get_pipeline

    get_pipeline()


#: whether a job is running in this worker: the time limit's alarm repeats until the job ends
_RUNNING = {"job": False}


def _alarm(signum: int, frame: object) -> None:
    if _RUNNING["job"]:
        raise _Timeout()


class _Timeout(BaseException):  # noqa: N818 - internal signal carrier
    """A BaseException, so no `except Exception` on the way (pdfminer's, or read.py's page
    count) can turn a time limit into another reason such as "corrupt"."""


def run_job(job: Job, time_limit: float | None = DEFAULT_TIME_LIMIT) -> Outcome:
    """Read and extract one document; every failure becomes `Outcome.reason`."""
    from extract.extraction import extraction_of
    from extract.read import read_document

    out = Outcome(job.announcement_id, part=job.part)
    cpu0 = time.process_time()
    use_alarm = bool(time_limit) and hasattr(signal, "setitimer")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        _RUNNING["job"] = True
        # The alarm repeats: Python swallows an exception raised while a finaliser runs
        # (a pdfminer object collected mid-read), and a one-shot alarm caught there would let
        # the job run on past its limit.
        signal.setitimer(signal.ITIMER_REAL, float(time_limit), 0.25)
    try:
        t0 = time.perf_counter()
        document = read_document(resolve_path(job.path), max_pages=job.max_pages)
        t1 = time.perf_counter()
        out.extraction = extraction_of(document.pages, document.language)
        out.nlp_seconds = time.perf_counter() - t1
        out.read_seconds = t1 - t0
        out.text = document.text
        out.pages = len(document.pages)
        out.notes = list(document.notes)
        if document.truncated:
            out.notes.append(f"read {len(document.pages)} of {document.page_count} pages")
    except _Timeout:
        _RUNNING["job"] = False
        out.extraction = None
        out.reason = str(LimitExceeded(f"time limit exceeded ({time_limit:g} s)"))
    except MemoryError:
        out.extraction = None
        out.reason = str(LimitExceeded("memory limit exceeded"))
    except ReadError as exc:
        out.reason = exc.reason
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        msg = " ".join(str(exc).split())[:200]
        out.reason = f"extraction error: {type(exc).__name__}: {msg}"
    finally:
        _RUNNING["job"] = False
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    out.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.cpu_seconds = time.process_time() - cpu0
    return out


def resolve_path(path: str) -> Path:
    """The stored file on this machine. Stored paths are absolute on the machine that crawled;
    a worker on another machine mounts the same file store elsewhere and sets
    FILINGWATCH_FILES_DIR there: a path missing here is looked up by its name (the sha256)
    in that directory (README "Running on several machines")."""
    p = Path(path)
    if p.exists():
        return p
    base = env.get("FILINGWATCH_FILES_DIR")
    alt = Path(base) / p.name if base else p
    return alt if alt.exists() else p
