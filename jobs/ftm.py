"""The graph as FollowTheMoney entities, one JSON object a line, for Aleph and yente-style tools.

Every node and link of jobs/connections.py becomes an entity of followthemoney's model:
people are Person, issuers (with their ticker) and the other companies Company; directorships
Directorship, shareholdings Ownership, family links Family, the other connections (through a
connected entity, or a connected person's link to an issuer) UnknownLink; each agreement a
Contract (authority: the issuer; its annual caps as amounts, with a note per cap) with a
ContractAward per other party, and an UnknownLink from each connected person named with it.

Ids are stable across runs: "fw-person-<key>", "fw-company-<stock code>", else a hash of
what the entity is (`make_id`). Entities come out as they are made (a generator), people and
companies before the links that point at them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from followthemoney import model
from followthemoney.proxy import EntityProxy

from jobs.connections import AgreementFact, Graph, Link, Node

PUBLISHER = "HKEXnews (via filingwatch)"
_LINK_SCHEMA = {
    "directorship": ("Directorship", "director", "organization"),
    "ownership": ("Ownership", "owner", "asset"),
    "family": ("Family", "person", "relative"),
    "connected": ("UnknownLink", "subject", "object"),
    "associate": ("UnknownLink", "subject", "object"),
}


def entity_id(node_id: str) -> str:
    """A node's FtM id: readable for people and issuers, a hash for the rest."""
    kind, _, rest = node_id.partition(":")
    if kind == "company":
        return f"fw-company-{rest}"
    if kind == "person" and rest.replace("-", "").isalnum() and rest.isascii():
        return f"fw-person-{rest}"
    return _hashed(node_id)


def _hashed(*parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"fw-{digest}"


def ftm_entities(graph: Graph) -> Iterator[dict]:
    """Every node, link and agreement of the graph as an FtM entity (its `to_dict()`)."""
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        yield _node(graph, node).to_dict()
    for link in graph.links:
        if link.source in graph.nodes and link.target in graph.nodes:
            yield _link(link).to_dict()
    for agreement in graph.agreements:
        yield from (e.to_dict() for e in _agreement(agreement))


def _node(graph: Graph, node: Node) -> EntityProxy:
    if node.kind == "person":
        entity = model.make_entity("Person")
        entity.id = entity_id(node.id)
        entity.add("name", node.label)
        person = graph.people.entities.get(node.person_key or "")
        if person is not None:
            entity.add("alias", [n for n in (*person.names, *person.chinese_names)
                                 if n != node.label])  # fmt: skip
            entity.add("notes", f"named in {person.filing_count} filing(s) of "
                       f"{', '.join(person.stock_codes)}")  # fmt: skip
    else:
        entity = model.make_entity("Company")
        entity.id = entity_id(node.id)
        entity.add("name", node.label)
        if node.stock_code:
            entity.add("ticker", node.stock_code)
    entity.add("publisher", PUBLISHER)
    return entity


def _link(link: Link) -> EntityProxy:
    schema, source_prop, target_prop = _LINK_SCHEMA[link.kind]
    entity = model.make_entity(schema)
    entity.id = _hashed(link.kind, link.source, link.target, link.role, link.agreement,
                        link.start, link.end)  # fmt: skip
    entity.add(source_prop, entity_id(link.source))
    entity.add(target_prop, entity_id(link.target))
    entity.add("relationship" if schema == "Family" else "role", link.role.replace("_", " "))
    if link.start:
        entity.add("startDate", link.start.isoformat())
    if link.end:
        entity.add("endDate", link.end.isoformat())
    if link.agreement:
        entity.add("summary", f"through the agreement: {link.agreement}")
    entity.add("description", "filings: " + ", ".join(sorted(link.filings)))
    entity.add("publisher", PUBLISHER)
    return entity


def _agreement(fact: AgreementFact) -> Iterator[EntityProxy]:
    contract = model.make_entity("Contract")
    contract.id = _hashed("contract", fact.key)
    contract.add("title", fact.name or "agreement")
    contract.add("authority", entity_id(fact.issuer))
    if fact.date:
        contract.add("contractDate", fact.date.isoformat())
    for amount, currency, period_end, label in fact.caps:
        contract.add("amount", str(amount))
        if currency:
            contract.add("currency", currency)
        when = label or (f"period ending {period_end.isoformat()}" if period_end else "")
        contract.add("notes", f"annual cap {currency} {amount:,.0f} {when}".strip())
    term = [d.isoformat() if d else "?" for d in (fact.term_start, fact.term_end)]
    if fact.term_start or fact.term_end:
        contract.add("description", f"term {term[0]} to {term[1]}")
    contract.add("publisher", PUBLISHER)
    yield contract
    for party in fact.parties:
        if party == fact.issuer:
            continue
        award = model.make_entity("ContractAward")
        award.id = _hashed("award", fact.key, party)
        award.add("contract", contract.id)
        award.add("supplier", entity_id(party))
        award.add("role", "party")
        yield award
    for person in sorted(fact.persons):
        link = model.make_entity("UnknownLink")
        link.id = _hashed("connected-to-contract", fact.key, person)
        link.add("subject", entity_id(person))
        link.add("object", contract.id)
        link.add("role", "connected person")
        yield link
