"""The reads and writes of English/Chinese edition pairing (jobs/editions.py decides; this stores).

Why here: pairing writes four tables (announcement, party, person with its mentions, and the
alerts' subscription), and the store is the only package that speaks SQL. One `pairing(engine)`
is one transaction: every pair, name and merge of a run is committed together, or none is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from store.engine import session
from store.models import (
    Announcement,
    ConnectedPerson,
    Party,
    Person,
    PersonMention,
    Subscription,
)

#: columns pairing never reads: a filing's whole text can be megabytes
_HEAVY = ("text", "cjk_text", "cjk_bigrams")


class Pairing:
    """One pairing run's session, behind the only operations pairing needs."""

    def __init__(self, s: Session) -> None:
        self._s = s

    def editions(self) -> list[Announcement]:
        """Every English and Chinese announcement, without its text columns."""
        heavy = [defer(getattr(Announcement, c)) for c in _HEAVY if hasattr(Announcement, c)]
        stmt = select(Announcement).options(*heavy).where(Announcement.language.in_(("en", "zh")))
        return list(self._s.exec(stmt).all())

    def record_pair(self, en_row: Announcement, zh_row: Announcement) -> None:
        """Each edition names the other (`paired_news_id`)."""
        en_row.paired_news_id, zh_row.paired_news_id = zh_row.news_id, en_row.news_id
        self._s.add(en_row)
        self._s.add(zh_row)

    def flush(self) -> None:
        self._s.flush()

    def name_parties(self, announcement_id: int, party_name: str | None, chinese: str) -> int:
        """Give the announcement's parties called `party_name` this Chinese name where they have
        none; returns how many were named."""
        named = 0
        for party in self._s.exec(
            select(Party).where(Party.announcement_id == announcement_id, Party.name == party_name)
        ):
            if not party.chinese_name:
                party.chinese_name = chinese
                self._s.add(party)
                named += 1
        return named

    def mentioned_persons(self, announcement_id: int) -> list[tuple[str, Person]]:
        """(name as written, person) for every person mention in the announcement."""
        rows = self._s.exec(
            select(PersonMention, Person)
            .join(Person, Person.id == PersonMention.person_id)
            .where(PersonMention.announcement_id == announcement_id)
        ).all()
        return [(mention.name_as_written, person) for mention, person in rows]

    def name_person(self, person: Person, chinese: str) -> None:
        person.chinese_name = chinese
        self._s.add(person)

    def cross_index(self, row: Announcement, names: list[str], marks: dict[str, Any]) -> None:
        """Append `names` to the edition's facts_text (so a search in the other script finds it)
        and add `marks` to its stored extraction."""
        if names:
            row.facts_text = ((row.facts_text or "") + "\n" + "\n".join(names)).strip()
        row.extraction = {**(row.extraction or {}), **marks}
        self._s.add(row)

    def persons(self) -> list[Person]:
        return list(self._s.exec(select(Person)).all())

    def merge_person(self, person: Person, into: Person) -> None:
        """Point every mention and connected-person row of `person` at `into`, dropping a
        mention `into` already has (same filing and role), then delete `person`."""
        for mention in self._s.exec(
            select(PersonMention).where(PersonMention.person_id == person.id)
        ).all():
            twin = self._s.exec(
                select(PersonMention).where(
                    PersonMention.person_id == into.id,
                    PersonMention.announcement_id == mention.announcement_id,
                    PersonMention.role == mention.role,
                )
            ).first()
            if twin is not None:
                self._s.delete(mention)
            else:
                mention.person_id = into.id
                self._s.add(mention)
        for connected in self._s.exec(
            select(ConnectedPerson).where(ConnectedPerson.person_id == person.id)
        ).all():
            connected.person_id = into.id
            self._s.add(connected)
        self._s.flush()
        self._s.delete(person)

    def subscriptions_without_chinese_name(self) -> list[Subscription]:
        stmt = select(Subscription).where(Subscription.chinese_name.is_(None))
        return list(self._s.exec(stmt).all())

    def chinese_names_of(self, name_keys: Iterable[str]) -> list[str | None]:
        """The Chinese names of the persons with these name keys (those that have one)."""
        return list(
            self._s.exec(
                select(Person.chinese_name).where(
                    Person.name_key.in_(list(name_keys)), Person.chinese_name.is_not(None)
                )
            ).all()
        )

    def name_subscription(self, subscription: Subscription, chinese: str) -> None:
        subscription.chinese_name = chinese
        self._s.add(subscription)


@contextmanager
def pairing(engine: Engine) -> Iterator[Pairing]:
    """One pairing run's transaction, committed when the block ends without an exception."""
    with session(engine) as s:
        yield Pairing(s)
        s.commit()
