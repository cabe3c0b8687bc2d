"""fw_zh_definitions_v1: the 釋義 section and inline definitions -> parties and agreements.

Chinese editions define every short name twice over: in the 釋義 table (「北京小米」 指 北京小米科技
有限責任公司，一家於中國成立的有限責任公司) and inline at first use (成都金山數字娛樂科技有限公司
（「成都數字娛樂」）). A defined term whose definition starts with an organisation's name is a
party, named by the short term the announcement uses; the exchange, the clearing house and the
issuer itself are not. Terms ending in 協議/合同/協定… are agreements.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extract.zh import doc_utils
from extract.zh.numbers import find_dates
from extract.zh.patterns import load

_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    return {r["kind"]: re.compile(r["regex"]) for r in load("definitions")}


@lru_cache(maxsize=1)
def _excluded() -> tuple[set[str], set[str]]:
    rows = load("excluded_parties")
    return (
        {r["pattern"] for r in rows if "pattern" in r},
        {r["term"] for r in rows if "term" in r},
    )


@lru_cache(maxsize=1)
def _org_at_start() -> re.Pattern[str]:
    suffix = _regex()["org_suffix"].pattern
    return re.compile(
        rf"^(?P<name>[^，,；;。:()「」]+?(?:{suffix}))\*?(?=\s*[，,；;。:(*]|\s*$|\s+[a-z])"
    )


@lru_cache(maxsize=1)
def _inline() -> re.Pattern[str]:
    suffix = _regex()["org_suffix"].pattern
    return re.compile(
        rf"(?P<full>[\u3400-\u9fffA-Za-z0-9·&]+?(?:{suffix}))\*?\s*(?:\([^()「」]*?\)\s*\*?\s*)?"
        r"\((?:以下簡稱|下稱|統稱)?\s*[「\"“](?P<term>[^」\"”]{1,30})[」\"”]\s*\)"
    )


def org_name(body: str) -> str | None:
    """The organisation a definition body starts with, or None (a person, a concept, a rule)."""
    rx = _regex()
    if rx["non_party_body_start"].search(body):
        return None
    m = _org_at_start().search(body)
    return m.group("name").strip() if m else None


def cut_full_name(candidate: str) -> str:
    """'本公司之全資附屬公司成都金山數字娛樂科技有限公司' -> '成都金山數字娛樂科技有限公司'."""
    best = 0
    for m in _regex()["inline_stop"].finditer(candidate):
        if m.end() < len(candidate) - 2:
            best = max(best, m.end())
    return candidate[best:]


@Language.factory("fw_zh_definitions_v1")
def make_definitions(nlp: Language, name: str) -> DefinitionsComponent:
    return DefinitionsComponent()


class DefinitionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        rx = _regex()
        text, norm = doc.text, doc_utils.norm(doc)
        out = doc_utils.facts(doc)
        definitions: list[dict] = []
        for s, e in doc_utils.lines(doc):
            m = rx["definition"].match(norm[s:e])
            if not m:
                continue
            ts, te, bs = s + m.start("terms"), s + m.end("terms"), s + m.start("body")
            terms = [text[t.start(1) : t.end(1)] for t in rx["term"].finditer(norm, ts, te)]
            definitions.append(
                {
                    "terms": terms,
                    "body": text[bs:e].strip(),
                    "norm_body": norm[bs:e].strip(),
                    "_ev": (s, e),
                    "_pos": s,
                }
            )
        out["definitions"] = definitions
        out["parties"] = self._parties(doc, definitions)
        out["agreements"] = self._agreements(doc, definitions, out["parties"])
        return doc

    def _parties(self, doc: Doc, definitions: list[dict]) -> list[dict]:
        text, norm = doc.text, doc_utils.norm(doc)
        bad_names, bad_terms = _excluded()
        parties: dict[str, dict] = {}
        for d in definitions:
            term = d["terms"][0]
            if term in bad_terms or any(t in bad_terms for t in d["terms"]):
                continue
            if _regex()["agreement_term"].search(term):
                continue
            full = org_name(d["norm_body"])
            if not full or full in bad_names:
                continue
            i = d["norm_body"].find(full)
            printed = d["body"][i : i + len(full)]
            parties[term] = {
                "name": term,
                "full_name": printed,
                "chinese_name": printed if _HAN.search(printed) else None,
                "_ev": d["_ev"],
                "_pos": self._first_use(norm, term, d["_pos"]),
            }
        for m in _inline().finditer(norm):
            term = text[m.start("term") : m.end("term")]
            if term in parties or term in bad_terms:
                continue
            full_norm = cut_full_name(m.group("full"))
            start = m.end("full") - len(full_norm)
            printed = text[start : m.end("full")]
            if full_norm in bad_names or _regex()["agreement_term"].search(term):
                continue
            parties[term] = {
                "name": term,
                "full_name": printed,
                "chinese_name": printed if _HAN.search(printed) else None,
                "_ev": doc_utils.sentence_bounds(doc, m.start("term")),
                "_pos": m.start(),
            }
        return sorted(parties.values(), key=lambda p: p["_pos"])

    @staticmethod
    def _first_use(norm: str, term: str, default: int) -> int:
        i = norm.find(term)
        return i if 0 <= i < default else default

    def _agreements(self, doc: Doc, definitions: list[dict], parties: list[dict]) -> list[dict]:
        rx = _regex()
        out = []
        for d in definitions:
            term = d["terms"][0]
            if not rx["agreement_term"].search(term):
                continue
            body = d["norm_body"]
            dates = find_dates(body)
            agreement: dict = {
                "name": term,
                "date": None,
                "term_start": None,
                "term_end": None,
                "parties": [],
                "_ev": d["_ev"],
                "_pos": d["_pos"],
            }
            span = re.search(
                r"(?:自|由|從)\s*(\d{4}\s*年[^起至]{2,8}日)\s*(?:起)?\s*(?:至|直至)\s*"
                r"(\d{4}\s*年[^止]{2,8}日)",
                body,
            )
            if span:
                inner = find_dates(span.group(0))
                if len(inner) >= 2:
                    agreement["term_start"] = inner[0][2].isoformat()
                    agreement["term_end"] = inner[1][2].isoformat()
            for s, _, d_ in dates:
                if span and span.start() <= s < span.end():
                    continue
                agreement["date"] = d_.isoformat()
                break
            named = [(body.find(p["name"]), p["name"]) for p in parties if p["name"] in body]
            if "本公司" in body and not any(n == "本公司" for _, n in named):
                named.append((body.find("本公司"), "本公司"))
            agreement["parties"] = [n for _, n in sorted(named)]
            out.append(agreement)
        return out
