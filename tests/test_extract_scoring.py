"""extract/scoring.py: how facts are matched against gold."""

from __future__ import annotations

from extract.scoring import score


def _doc(**fields: object) -> dict:
    return {"directors": {}, **fields}


def test_a_party_matches_on_any_name_without_a_leading_article() -> None:
    gold = _doc(parties=[{"name": "the Company", "full_name": "Acme Ltd."}])
    pred = _doc(parties=[{"name": "Company", "full_name": None}])
    c = score([("d", pred, gold)]).fields["parties"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)


def test_a_different_party_still_misses() -> None:
    gold = _doc(parties=[{"name": "the Vendor", "full_name": "Acme Ltd."}])
    pred = _doc(parties=[{"name": "Purchaser", "full_name": "Other Ltd."}])
    c = score([("d", pred, gold)]).fields["parties"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_relationships_need_the_kind_and_the_entity() -> None:
    person = {"name": "CHAN Tai Man", "relationship_kind": "director", "connected_entity": "ABC"}
    gold = _doc(connected_persons=[person])
    pred = _doc(connected_persons=[{**person, "connected_entity": None}])
    s = score([("d", pred, gold)])
    assert s.fields["connected_persons"].tp == 1
    assert s.fields["connected_relationships"].tp == 0


def test_a_relationship_entity_is_the_same_party_under_any_of_its_gold_names() -> None:
    person = {"name": "ZHOU Jianhua", "relationship_kind": "director"}
    parties = [{"name": "Service Provider", "full_name": "Huaxin Courseware Technology Limited"}]
    gold = _doc(
        parties=parties, connected_persons=[{**person, "connected_entity": "Service Provider"}]
    )
    pred = _doc(
        connected_persons=[{**person, "connected_entity": "Huaxin Courseware Technology Limited"}]
    )
    assert score([("d", pred, gold)]).fields["connected_relationships"].tp == 1
    other = _doc(connected_persons=[{**person, "connected_entity": "Huaxin Trading Limited"}])
    assert score([("d", other, gold)]).fields["connected_relationships"].tp == 0
