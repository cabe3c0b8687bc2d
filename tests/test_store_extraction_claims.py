"""store/extraction_claims.py on SQLite and PostgreSQL: a filing is claimed by one holder at a
time and only while still to do; a lapsed claim is taken over; a save by a holder that lost
its claim is refused; concurrent saves of one filing do not collide on person mentions."""

from __future__ import annotations

import threading
import time

import store
from extract import Extraction

PEOPLE = {
    **Extraction.empty().to_json(),
    "connected_persons": [{"name": "Mr. LEI Jun", "relationship": "a director"}],
    "directors": {"executive": ["Mr. LEI Jun", "Mr. QIU Bojun"]},
    "abstained_directors": ["Mr. LEI Jun"],
}


def test_store_extraction_claims_one_holder_until_the_lease_lapses(db_engine, add_announcement):
    a, b = (add_announcement(status="fetched", file_path=f"/f/{n}.pdf") for n in "ab")
    assert store.claim_extraction(db_engine, [a, b], "one", 60) == [a, b]
    assert store.claim_extraction(db_engine, [a, b], "two", 60) == []
    assert 59 < store.claim_lapses_in(db_engine, a) <= 60
    assert store.renew_claims(db_engine, "one", 0.5) == 2
    time.sleep(0.6)  # "one" died: its claims lapse, "two" takes them over
    assert store.claim_lapses_in(db_engine, a) is None
    assert store.claim_takeovers(db_engine, a) == 0
    assert store.claim_extraction(db_engine, [a], "two", 60) == [a]
    assert store.claim_takeovers(db_engine, a) == 1
    assert store.release_claims(db_engine, "one") == 1  # b; a is no longer "one"'s
    assert [h.holder for h in store.extraction_activity(db_engine).holders] == ["two"]


def test_store_extraction_claims_only_filings_still_to_do(db_engine, add_announcement):
    fetched = add_announcement(status="fetched", file_path="/f/a.pdf")
    old = add_announcement(status="fetched", file_path="/f/b.pdf")
    store.record_extraction(db_engine, old, PEOPLE, text="t", extractor_version=1)
    assert store.claim_extraction(db_engine, [fetched, old], "h", 60) == [fetched]
    assert store.claim_extraction(db_engine, [fetched, old], "g", 60, older_than=2) == [old]
    assert store.claim_extraction(db_engine, [old], "k", 60, older_than=1) == []


def test_store_extraction_claims_save_only_while_held_and_end_with_it(db_engine, add_announcement):
    a = add_announcement(status="fetched", file_path="/f/a.pdf")
    store.claim_extraction(db_engine, [a], "one", 0.2)
    time.sleep(0.3)
    assert store.claim_extraction(db_engine, [a], "two", 60) == [a]
    assert not store.record_extraction(db_engine, a, PEOPLE, text="t", extractor_version=1,
                                       claim="one")  # fmt: skip
    assert not store.record_failure(db_engine, a, "late", claim="one")
    assert store.extraction_states(db_engine, [a]) == {a: ("fetched", None)}
    assert store.record_extraction(db_engine, a, PEOPLE, text="t", extractor_version=1, claim="two")
    assert store.extraction_states(db_engine, [a]) == {a: ("extracted", 1)}
    assert store.claim_lapses_in(db_engine, a) is None  # the claim ended with the save
    assert store.claim_extraction(db_engine, [a], "three", 60) == []  # done: nothing to claim


def test_store_extraction_claims_concurrent_saves_of_one_filing_do_not_collide(
    db_engine, add_announcement
):
    """Without claims (an old caller), saves of one filing take turns on the row lock: the
    last one's facts stand, neither fails with a duplicate key on person mentions."""
    a = add_announcement(status="fetched", file_path="/f/a.pdf")
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def save() -> None:
        start.wait()
        try:
            for _ in range(3):
                store.record_extraction(db_engine, a, PEOPLE, text="t", extractor_version=1)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.session(db_engine) as s:
        from sqlmodel import select

        rows = s.exec(select(store.PersonMention).where(store.PersonMention.announcement_id == a))
        roles = sorted(str(m.role) for m in rows.all())
    assert roles == ["abstained", "connected_person", "executive", "executive"]
