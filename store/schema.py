"""Schema creation. Placeholder until Alembic migrations land (the store helper replaces this)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from store import models  # noqa: F401  (registers the tables)


def upgrade(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)


@contextmanager
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s
