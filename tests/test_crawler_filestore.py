"""crawler.filestore: content-addressed, atomic, and no orphan temp files after a kill."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from crawler.filestore import TEMP_PREFIX, clean_orphans, pid_alive, store_bytes


def test_filestore_names_files_by_sha256(tmp_path) -> None:
    data = b"%PDF-1.4 hello %%EOF"
    stored = store_bytes(tmp_path, data, "pdf")
    digest = hashlib.sha256(data).hexdigest()
    assert stored.sha256 == digest and stored.size == len(data)
    assert stored.path == str((tmp_path / f"{digest}.pdf").resolve())
    assert (tmp_path / f"{digest}.pdf").read_bytes() == data
    again = store_bytes(tmp_path, data, "pdf")
    assert again == stored
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{digest}.pdf"]


def test_filestore_cleans_temp_files_of_dead_writers_only(tmp_path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    assert not pid_alive(dead_pid)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f"{TEMP_PREFIX}{dead_pid}-abc").write_bytes(b"half")
        (tmp_path / f"{TEMP_PREFIX}{sleeper.pid}-def").write_bytes(b"busy")
        (tmp_path / f"{TEMP_PREFIX}{os.getpid()}-ghi").write_bytes(b"mine, from before")
        (tmp_path / "keep.pdf").write_bytes(b"x")
        assert clean_orphans(tmp_path) == 2
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            f"{TEMP_PREFIX}{sleeper.pid}-def", "keep.pdf",
        ]  # fmt: skip
    finally:
        sleeper.kill()
        sleeper.wait()
    assert clean_orphans(tmp_path / "missing") == 0
