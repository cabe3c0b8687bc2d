"""Draft a new migration: `python -m store.revision "what changes"`.

Diffs the models (store/models.py) against a scratch SQLite database migrated to head and
writes the next numbered revision into store/migrations/versions/. It is a draft: FTS tables,
triggers and PostgreSQL-only objects are invisible to the diff, so review and complete it.
"""

from __future__ import annotations

import sys
import tempfile

from alembic import command
from alembic.script import ScriptDirectory

from store.engine import make_engine
from store.migrate import alembic_config, upgrade


def draft_revision(message: str) -> str:
    """Write the draft; returns its revision id."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/scratch.db")
        upgrade(engine)
        config = alembic_config(engine)
        # the next number after the highest (not the count: a gap left by a merge would
        # give an existing id, and alembic a self-loop)
        numbers = [int(r.revision) for r in ScriptDirectory.from_config(config).walk_revisions()]
        rev_id = f"{max(numbers) + 1:04d}"
        command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()
    return rev_id


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit('usage: python -m store.revision "what changes"')
    print(f"wrote revision {draft_revision(sys.argv[1])}; review it before committing")
