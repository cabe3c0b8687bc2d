"""jobs/ftm.py: the graph as FollowTheMoney entities, checked with followthemoney's own model
(every entity valid for its schema, required properties present, every reference resolving to
an entity of the export), on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData
from graph_helpers import seed_ckh

from jobs.connections import load_graph
from jobs.ftm import entity_id, ftm_entities


def validate(entities: list[dict]) -> None:
    """What Aleph's loader checks: schema, property types, required properties, references."""
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), "ids are unique"
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        schema.validate(data)
        proxy = model.get_proxy(json.loads(json.dumps(data)), cleaned=False)
        for required in schema.required:
            assert proxy.get(required), f"{data['schema']} {data['id']} lacks {required}"
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, f"{data['id']}.{prop.name} -> {value}: not exported"


@pytest.fixture
def exported(db_engine, add_announcement) -> list[dict]:
    seed_ckh(add_announcement)
    return list(ftm_entities(load_graph(db_engine)))


def test_the_export_validates_with_followthemoneys_model(exported):
    validate(exported)
    schemata = {e["schema"] for e in exported}
    assert {"Person", "Company", "Directorship", "Ownership", "Family", "Contract"} <= schemata


def test_the_validator_catches_what_it_should(exported):
    broken = [e for e in exported if e["schema"] == "Directorship"][0]
    with pytest.raises(InvalidData):
        validate([{**broken, "properties": {**broken["properties"], "startDate": ["someday"]}}])
    with pytest.raises(AssertionError, match="not exported"):
        validate([broken])


def test_directorships_carry_their_dates_and_the_contract_its_caps(exported):
    by_id = {e["id"]: e for e in exported}
    people = [e for e in exported if e["schema"] == "Person"]
    wong = next(e for e in people if e["properties"]["name"] == ["WONG Hon Kit"])
    (seat,) = [e for e in exported if e["schema"] == "Directorship"
               and e["properties"]["director"] == [wong["id"]]]  # fmt: skip
    assert seat["properties"]["startDate"] == ["2024-01-05"]
    assert seat["properties"]["endDate"] == ["2024-03-15"]
    assert by_id[seat["properties"]["organization"][0]]["properties"]["ticker"] == ["00001"]
    assert seat["properties"]["organization"] == [entity_id("company:00001")]
    (contract,) = [e for e in exported if e["schema"] == "Contract"]
    assert contract["properties"]["title"] == ["Services Agreement"]
    assert contract["properties"]["currency"] == ["HKD"]
    assert [float(a) for a in contract["properties"]["amount"]] == [8000000.0]
    (family,) = [e for e in exported if e["schema"] == "Family"]
    assert family["properties"]["relationship"] == ["son"]
