"""Chinese in one script for comparing: fold stored CJK runs and person keys (issue 12).

From this revision the store compares Chinese text folded to Simplified (store/script.py):
`announcement.cjk_text` / `cjk_bigrams` hold folded runs, and a Chinese `person.name_key` is
folded, so 林強 and 林强 find the same filings and 雷軍 / 雷军 are one person. Rows stored
before are folded here; two persons whose keys fold together are merged into the older one.
The SQLite FTS triggers (0002, 0003) re-index the updated runs.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import re

import opencc
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Frozen copy of store.script.fold and store.cjk.cjk_bigrams at this revision.
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_T2S = opencc.OpenCC("t2s")
_TABLE: dict[int, str] = {}


def _fold(text: str) -> str:
    for char in set(_CJK.findall(text)):
        if ord(char) not in _TABLE:
            folded = _T2S.convert(char)
            _TABLE[ord(char)] = folded if len(folded) == 1 else char
    return text.translate(_TABLE)


def _bigrams(runs: str) -> str:
    tokens: list[str] = []
    for run in runs.split():
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def upgrade() -> None:
    bind = op.get_bind()
    select = sa.text(
        "SELECT id, cjk_text FROM announcement WHERE id > :last AND cjk_text <> ''"
        " ORDER BY id LIMIT 500"
    )
    last = 0
    while rows := bind.execute(select, {"last": last}).fetchall():
        last = rows[-1][0]
        updates = [
            {"c": folded, "b": _bigrams(folded), "i": id_}
            for id_, runs in rows
            if (folded := _fold(runs)) != runs
        ]
        if updates:
            bind.execute(
                sa.text("UPDATE announcement SET cjk_text = :c, cjk_bigrams = :b WHERE id = :i"),
                updates,
            )
    _fold_person_keys(bind)


def _fold_person_keys(bind: sa.Connection) -> None:
    people = bind.execute(sa.text("SELECT id, name_key FROM person ORDER BY id")).fetchall()
    owner = {key: id_ for id_, key in people}
    for id_, key in people:
        folded = _fold(key)
        if folded == key:
            continue
        keeper = owner.get(folded)
        if keeper is None:
            bind.execute(
                sa.text("UPDATE person SET name_key = :k WHERE id = :i"), {"k": folded, "i": id_}
            )
            owner[folded] = id_
            continue
        # the same person under both scripts: move the mentions to the one kept, then drop it
        moved = {"keep": keeper, "drop": id_}
        bind.execute(
            sa.text(
                "DELETE FROM personmention WHERE person_id = :drop AND EXISTS (SELECT 1 FROM"
                " personmention k WHERE k.person_id = :keep AND k.announcement_id ="
                " personmention.announcement_id AND k.role = personmention.role)"
            ),
            moved,
        )
        bind.execute(
            sa.text("UPDATE personmention SET person_id = :keep WHERE person_id = :drop"), moved
        )
        bind.execute(
            sa.text("UPDATE connectedperson SET person_id = :keep WHERE person_id = :drop"), moved
        )
        bind.execute(sa.text("DELETE FROM person WHERE id = :drop"), moved)


def downgrade() -> None:
    """Folded runs and keys still find what they found before; nothing to undo."""
