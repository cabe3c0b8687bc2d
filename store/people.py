"""People across filings: one Person row per normalised name key, created on first mention."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store.cjk import has_cjk
from store.models import Person
from store.names import name_key


def get_or_create_person(session: Session, name: str) -> Person | None:
    """The Person for `name` (None if the name normalises to nothing); safe against races."""
    key = name_key(name)
    if not key:
        return None
    person = session.exec(select(Person).where(Person.name_key == key)).first()
    if person is not None:
        return person
    chinese = (
        name.strip() if has_cjk(name) and not any("a" <= c.lower() <= "z" for c in name) else None
    )
    try:
        with session.begin_nested():
            person = Person(name_key=key, display_name=name.strip()[:300], chinese_name=chinese)
            session.add(person)
    except IntegrityError:  # created by a concurrent worker
        person = session.exec(select(Person).where(Person.name_key == key)).one()
    return person
