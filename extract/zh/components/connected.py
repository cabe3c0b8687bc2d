"""fw_zh_connected_v1: the persons, natural or legal, through whom the counterparty is connected.

The gold convention (corpus README) is the chain the announcement gives, not every name near the
word 關連人士:
- a person of whom the counterparty is an associate: 蓮花時裝為吳志強先生的聯繫人;
- a person who owns the counterparty: 曾氏海事由…曾永康先生擁有70% (the name right before 擁有),
  also when the 釋義 says so (何氏資本 … 由何家俊先生全資擁有);
- a person who holds the counterparty: 雷軍先生持有北京小米已發行股本30%以上.
Only when no natural person is named does an organisation stand in: the counterparty itself when it
is the connected person (瑞峰能源持有子午華東40%股權，因此為…關連人士), or the controlling
shareholder through which a subsidiary counterparty is connected (翠河集團 -> 翠河生物).
The board paragraph and the signature are not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extract.patterns import load, strings
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.components.definitions import mentions
from extract.zh.names import names_with_honorifics
from extract.zh.normalise import normalise


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    out = {r["kind"]: re.compile(r["regex"]) for r in load("connected", "zh") if "regex" in r}
    out["marker"] = re.compile(
        "|".join(map(re.escape, strings("connected", language="zh", kind="marker")))
    )
    out["org_relation"] = re.compile(
        "|".join(map(re.escape, strings("connected", language="zh", kind="org_relation")))
    )
    return out


def mask_parentheses(norm: str) -> str:
    """Blank out parenthesised asides (same length), so 由…控股股東（於本公司已發行股份約41.08%中
    擁有權益）周明德先生擁有80% reads as 由…周明德先生擁有80%."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), norm)


@component(
    "fw_zh_connected_v1",
    ["connected_persons"],
    ["norm", "definitions", "organisations", "parties", "board_bounds"],
)
class ConnectedComponent(FactPipe):
    def match(self, doc: Doc) -> list[dict]:
        out = doc_utils.facts(doc)
        norm, text = mask_parentheses(doc_utils.norm(doc)), doc_utils.text(doc)
        parties = [p["name"] for p in out.get("parties", []) if normalise(p["name"]) != "本公司"]
        orgs = [t for t in out.get("organisations", {}) if normalise(t) != "本公司"]
        board = out.get("board_bounds") or (len(norm), len(norm))
        sig = norm.rfind("承董事會命")
        stop = min(board[0], sig if sig >= 0 else len(norm))
        found: dict[str, dict] = {}

        def add(name: str, entity: str | None, bounds: tuple[int, int]) -> None:
            if name not in found:
                found[name] = {
                    "name": name,
                    "connected_entity": entity,
                    "relationship": text[bounds[0] : bounds[1]].strip(),
                    "_ev": bounds,
                }

        definitions = {d["terms"][0]: d for d in out.get("definitions", [])}
        sentences = list(doc_utils.sentences(doc, 0, stop))
        for entity in parties:
            associates: dict[str, tuple[int, int]] = {}
            owners: dict[str, tuple[int, int]] = {}
            d = definitions.get(entity)
            if d:
                for person in self._owners(norm, text, *d["_ev"]):
                    owners.setdefault(person, d["_ev"])
            for s, e in sentences:
                if normalise(entity) not in norm[s:e]:
                    continue
                found_here = self._chain(norm, text, s, e, entity)
                for person in found_here[0]:
                    associates.setdefault(person, (s, e))
                for person in found_here[1]:
                    owners.setdefault(person, (s, e))
            # the counterparty is an associate of X: X and everyone who owns it are the chain
            # (a father who owns what makes his daughter's associate; a director's co-owner)
            chain = dict(associates)
            for person, bounds in owners.items():
                chain.setdefault(person, bounds)
            for person, bounds in chain.items():
                add(person, entity, bounds)
        if not found:
            self._organisations(doc, sentences, parties, orgs, add)
        return list(found.values())

    @staticmethod
    def _owners(norm: str, text: str, s: int, e: int) -> list[str]:
        people = []
        for m in _rx()["owned_by"].finditer(norm, s, e):
            names = names_with_honorifics(norm, text, m.start("who"), m.end("who"))
            if names:
                people.append(names[-1][2])
        return people

    def _chain(
        self, norm: str, text: str, s: int, e: int, entity: str
    ) -> tuple[list[str], list[str]]:
        """(associates-of and holders, owners) of `entity` named in one sentence."""
        rx = _rx()
        nentity = normalise(entity)
        people: list[str] = []
        owners: list[str] = []
        at = norm.find(nentity, s, e)
        for m in rx["associate_of"].finditer(norm, at, e):
            if norm.find(nentity, s, m.start()) >= 0:
                people += [
                    n for _, _, n in names_with_honorifics(norm, text, m.start("who"), m.end("who"))
                ]
        if norm[at + len(nentity) : at + len(nentity) + 1] == "由":
            owners += self._owners(norm, text, at, e)
        for _start, end, name in names_with_honorifics(norm, text, s, e):
            clause_end = min(
                [i for i in (norm.find("。", end, e), norm.find("，", end, e)) if i >= 0] or [e]
            )
            between = norm[end:clause_end]
            if nentity in between and rx["holds"].search(between[: between.find(nentity)]):
                people.append(name)
        return people, owners

    @staticmethod
    def _organisations(
        doc: Doc, sentences: list[tuple[int, int]], parties: list[str], orgs: list[str], add
    ) -> None:  # noqa: ANN001
        rx = _rx()
        norm = doc_utils.norm(doc)
        for s, e in sentences:
            if not rx["marker"].search(norm, s, e):
                continue
            named = mentions(norm, s, e, orgs)
            for pos, org in named:
                tail = norm[pos:e]
                if not rx["org_relation"].search(tail):
                    continue
                if org in parties:
                    add(org, org, (s, e))
                else:
                    others = [p for _, p in named if p in parties and p != org]
                    entity = others[0] if others else (parties[-1] if parties else None)
                    add(org, entity, (s, e))
                return
