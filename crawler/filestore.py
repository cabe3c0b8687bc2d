"""Content-addressed, crash-safe file storage: `<files_dir>/<sha256>.<ext>`.

A file is written to a temporary name carrying the writer's pid, fsynced, renamed atomically
onto its final name and the directory fsynced, *before* any database row says "fetched".
A crawl killed mid-write leaves only a temporary file, which `clean_orphans` (run at the start
of every crawl) removes once its writer is dead. The same bytes always land on the same name,
so a re-run after a kill rewrites nothing twice.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

TEMP_PREFIX = ".part-"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    path: str
    size: int


def content_name(sha256: str, extension: str) -> str:
    return f"{sha256}.{extension}"


def store_bytes(files_dir: str | os.PathLike[str], data: bytes, extension: str) -> StoredFile:
    """Write `data` durably under its sha256 name; a no-op when that file is already there."""
    directory = Path(files_dir)
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    final = directory / content_name(digest, extension)
    try:
        if final.stat().st_size == len(data):
            return StoredFile(digest, str(final.resolve()), len(data))
    except FileNotFoundError:
        pass
    temp = directory / f"{TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)
    return StoredFile(digest, str(final.resolve()), len(data))


def clean_orphans(files_dir: str | os.PathLike[str]) -> int:
    """Remove temporary files left by dead writers; returns how many were removed."""
    directory = Path(files_dir)
    if not directory.is_dir():
        return 0
    removed = 0
    for temp in directory.glob(f"{TEMP_PREFIX}*"):
        pid_text = temp.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue  # another crawl is writing it right now
        temp.unlink(missing_ok=True)
        removed += 1
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this machine (zombies count as dead)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
