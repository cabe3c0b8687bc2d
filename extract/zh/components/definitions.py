"""fw_zh_definitions_v1: the 釋義 section and inline definitions -> parties and agreements.

Chinese editions define every short name twice over: in the 釋義 table (「北京小米」 指 北京小米科技
有限責任公司，一家於中國成立的有限責任公司) and inline at first use (成都金山數字娛樂科技有限公司
（「成都數字娛樂」）). A defined term whose definition starts with an organisation's name is an
organisation; the exchange, the clearing house and groups (X及其附屬公司) are not.

Parties are the organisations that sign: those the 訂約方 lines and the agreements' definitions
name (本公司 included when the issuer signs itself). Only when neither exists do all defined
organisations stand in. Agreements are defined terms ending in 協議/合同/協定…, except existing
(現有…) agreements and collective terms that only list other agreements; their date and term come
from the definition, the 日期/期限 lines under their heading, or the sentence that introduces them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extract.patterns import load
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.names import honorific_re, name_before
from extract.zh.normalise import normalise
from extract.zh.numbers import find_dates

_HAN = re.compile(r"[\u3400-\u9fff]")
_SPAN = re.compile(
    r"(?:自|由|從)?\s*(\d{4}\s*年[^起至。；]{2,8}日)\s*(?:起)?\s*(?:至|直至|到)\s*"
    r"(\d{4}\s*年[^止。；]{2,8}日)"
)


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    return {r["kind"]: re.compile(r["regex"]) for r in load("definitions", "zh")}


@lru_cache(maxsize=1)
def _excluded() -> tuple[set[str], set[str]]:
    rows = load("excluded_parties", "zh")
    return (
        {r["pattern"] for r in rows if "pattern" in r},
        {r["term"] for r in rows if "term" in r},
    )


@lru_cache(maxsize=1)
def _org_at_start() -> re.Pattern[str]:
    suffix = _regex()["org_suffix"].pattern
    return re.compile(
        rf"^(?P<name>[^，,；;。:「」]+?(?:{suffix}))\*?(?=\s*[，,；;。:(*]|\s*$|\s+[a-z])"
    )


@lru_cache(maxsize=1)
def _inline() -> re.Pattern[str]:
    suffix = _regex()["org_suffix"].pattern
    return re.compile(
        rf"(?P<full>[\u3400-\u9fffA-Za-z0-9·&()]+?(?:{suffix}))\*?\s*(?:\([^()「」]*?\)\s*\*?\s*)?"
        r"\((?:以下簡稱|下稱|統稱)?\s*[「\"“](?P<term>[^」\"”]{1,30})[」\"”]\s*\)"
    )


_SIGNING = "訂立|簽訂|簽署|訂約|締結"


@lru_cache(maxsize=1)
def _person_inline() -> re.Pattern[str]:
    """An honorific right before an inline definition: 蔡偉文先生（「賣方甲」…）."""
    return re.compile(
        rf"(?:{honorific_re().pattern})\s*\((?:以下簡稱|下稱)?\s*[「\"“](?P<term>[^」\"”]{{1,30}})[」\"”]"
    )


def org_name(body: str) -> str | None:
    """The organisation a definition body starts with, or None (a person, a concept, a rule)."""
    rx = _regex()
    if rx["non_party_body_start"].search(body):
        return None
    m = _org_at_start().search(body)
    if not m or rx["group_body"].search(m.group("name")):
        return None
    return m.group("name").strip()


def clean_term(term: str) -> str:
    """A defined term without the spaces a PDF line wrap leaves inside it (「港灣峰 」)."""
    return re.sub(r"\s+(?=[\u3400-\u9fff」])|(?<=[\u3400-\u9fff])\s+", "", term).strip()


def cut_full_name(candidate: str) -> str:
    """'本公司之全資附屬公司成都金山數字娛樂科技有限公司' -> '成都金山數字娛樂科技有限公司'."""
    best = 0
    for m in _regex()["inline_stop"].finditer(candidate):
        if m.end() < len(candidate) - 2:
            best = max(best, m.end())
    return candidate[best:].lstrip("()")


def mentions(norm: str, start: int, end: int, terms: list[str]) -> list[tuple[int, str]]:
    """Non-overlapping mentions of terms in norm[start:end], longest first, in text order."""
    hits: list[tuple[int, int, str]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        nterm = normalise(term)
        for m in re.finditer(re.escape(nterm), norm[start:end]):
            s, e = start + m.start(), start + m.end()
            if not any(hs < e and s < he for hs, he, _ in hits):
                hits.append((s, e, term))
    return [(s, t) for s, _, t in sorted(hits)]


def definition_pages(pages: list[str]) -> list[int]:
    """Indexes of the pages of a definitions section (3 or more 「詞彙」 指 ... rows): a long
    document's chunks all carry them (extract/chunks.py)."""
    row = _regex()["definition"]
    return [
        k
        for k, page in enumerate(pages)
        if sum(1 for line in normalise(page).split("\n") if row.match(line)) >= 3
    ]


@component(
    "fw_zh_definitions_v1",
    ["definitions", "organisations", "parties", "agreements"],
    ["norm", "company", "title"],
)
class DefinitionsComponent(FactPipe):
    def match(self, doc: Doc) -> dict:
        rx = _regex()
        text, norm = doc_utils.text(doc), doc_utils.norm(doc)
        out: dict = {}
        definitions: list[dict] = []
        for s, e in doc_utils.lines(doc):
            m = rx["definition"].match(norm[s:e])
            if not m:
                continue
            ts, te, bs = s + m.start("terms"), s + m.end("terms"), s + m.start("body")
            terms = [
                clean_term(text[t.start(1) : t.end(1)]) for t in rx["term"].finditer(norm, ts, te)
            ]
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
        orgs = self._orgs(doc, definitions)
        out["organisations"] = orgs
        agreements = self._agreements(doc, definitions, orgs)
        company = doc_utils.facts(doc).get("company")
        if company and "本公司" not in orgs and any("本公司" in a["parties"] for a in agreements):
            # the issuer signs itself (本公司與…訂立): a party under its defined name
            ev = company["_ev"]
            orgs["本公司"] = self._org("本公司", company["value"], ev, ev[0])
        out["parties"] = self._parties(doc, orgs, agreements)
        party_names = {p["name"] for p in out["parties"]}
        for a in agreements:
            a["parties"] = [p for p in a["parties"] if p in party_names]
        out["agreements"] = agreements
        return out

    # -- organisations --------------------------------------------------------------------------
    def _orgs(self, doc: Doc, definitions: list[dict]) -> dict[str, dict]:
        text, norm = doc_utils.text(doc), doc_utils.norm(doc)
        rx = _regex()
        bad_names, bad_terms = _excluded()
        orgs: dict[str, dict] = {}
        for d in definitions:
            term = d["terms"][0]
            nterm = normalise(term)
            if any(normalise(t) in bad_terms for t in d["terms"]) and not rx["company_term"].match(
                nterm
            ):
                continue
            if rx["agreement_term"].search(nterm):
                continue
            full = org_name(d["norm_body"])
            if not full or full in bad_names:
                continue
            i = d["norm_body"].find(full)
            printed = d["body"][i : i + len(full)]
            orgs[term] = self._org(term, printed, d["_ev"], d["_pos"])
        for m in _inline().finditer(norm):
            term = clean_term(text[m.start("term") : m.end("term")])
            nterm = normalise(term)
            if term in orgs or nterm in bad_terms or rx["agreement_term"].search(nterm):
                continue
            full_norm = cut_full_name(m.group("full"))
            if (
                full_norm in bad_names
                or len(full_norm) < 4
                or rx["group_body"].search(m.group("full"))
            ):
                continue
            start = m.end("full") - len(full_norm)
            orgs[term] = self._org(
                term,
                text[start : m.end("full")],
                doc_utils.sentence_bounds(doc, m.start("term")),
                m.start(),
            )
        for m in _person_inline().finditer(norm):
            # a natural person as a party: 蔡偉文先生（「賣方甲」）
            term = clean_term(text[m.start("term") : m.end("term")])
            nterm = normalise(term)
            if term in orgs or nterm in bad_terms or rx["agreement_term"].search(nterm):
                continue
            found = name_before(norm, m.start(), text)
            if found and len(found[1]) >= 2 and not honorific_re().search(nterm):
                # (「鄭先生」) only shortens a name; a person is a party only where one signs
                orgs[term] = {
                    **self._org(
                        term, found[1], doc_utils.sentence_bounds(doc, m.start()), found[0]
                    ),
                    "_person": True,
                }
        return orgs

    @staticmethod
    def _org(term: str, printed: str, ev: tuple[int, int], pos: int) -> dict:
        return {
            "name": term,
            "full_name": printed,
            "chinese_name": printed if _HAN.search(printed) else None,
            "_ev": ev,
            "_pos": pos,
        }

    # -- parties --------------------------------------------------------------------------------
    def _parties(self, doc: Doc, orgs: dict[str, dict], agreements: list[dict]) -> list[dict]:
        norm = doc_utils.norm(doc)
        rx = _regex()
        named: list[tuple[int, str, str]] = []
        terms = list(orgs)
        for s, e in self._parties_lines(doc):
            named += [(pos, t, "訂約方") for pos, t in mentions(norm, s, e, terms)]
        for a in agreements:
            named += [(pos, n, a["name"]) for pos, n in enumerate(a["parties"], start=a["_pos"])]
        if not named:  # no defined names: organisations written out in the 訂約方 lines
            for s, e in self._parties_lines(doc):
                for pos, full in self._listed_orgs(doc, s, e):
                    orgs.setdefault(full, self._org(full, full, (s, e), pos))
                    named.append((pos, full, "訂約方"))
        order: dict[str, int] = {}
        sources: dict[str, set[str]] = {}
        for pos, term, source in sorted(named):
            order.setdefault(term, pos)
            sources.setdefault(term, set()).add(source)
        if not order:
            # no agreement read: the organisations named where something is signed (a results
            # announcement's subsidiaries are defined too, and are no one's counterparty)
            signing = [
                norm[s:e] for s, e in doc_utils.sentences(doc) if re.search(_SIGNING, norm[s:e])
            ]
            return sorted(
                (
                    o
                    for t, o in orgs.items()
                    if not rx["company_term"].match(normalise(t))
                    and not o.get("_person")
                    and any(normalise(t) in sentence for sentence in signing)
                ),
                key=lambda p: p["_pos"],
            )
        return [
            {**orgs[t], "_sources": sources[t]} for t in sorted(order, key=order.get) if t in orgs
        ]

    @staticmethod
    def _listed_orgs(doc: Doc, s: int, e: int) -> list[tuple[int, str]]:
        """Organisation names listed in a 訂約方 line: '(1) 深圳盛泰信息技術有限公司；及 (2) …'."""
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        head = _regex()["parties_line"].match(norm, s, e)
        start = head.end() if head else s
        found = []
        item = re.compile(
            r"[^；;、，,()]+?(?:"
            + _regex()["org_suffix"].pattern
            + r")(?=\s*(?:\(|；|;|及|和|，|,|$))"
        )
        for m in item.finditer(norm[:e], start):
            name = re.sub(r"^\s*(?:及|和|\s)+", "", m.group(0)).strip()
            if len(name) >= 4 and not name.startswith(("本公司", "作為")):
                i = m.end() - len(name)
                found.append((i, text[i : m.end()]))
        return found

    def _parties_lines(self, doc: Doc) -> list[tuple[int, int]]:
        """The 訂約方 lines, with the continuation line a wrapped list leaves ('(2) 峰倉儲')."""
        norm = doc_utils.norm(doc)
        rx = _regex()
        found = []
        all_lines = list(doc_utils.lines(doc))
        for k, (s, e) in enumerate(all_lines):
            if rx["parties_line"].match(norm[s:e]):
                found.append((s, e))
                if norm[s:e].rstrip().endswith(("及", "；", ";", "和")) and k + 1 < len(all_lines):
                    found.append(all_lines[k + 1])
        return found

    # -- agreements -----------------------------------------------------------------------------
    def _agreements(self, doc: Doc, definitions: list[dict], orgs: dict[str, dict]) -> list[dict]:
        rx = _regex()
        norm = doc_utils.norm(doc)
        defined = [d for d in definitions if rx["agreement_term"].search(normalise(d["terms"][0]))]
        names = [d["terms"][0] for d in defined]
        inline = [
            doc_utils.text(doc)[m.start(1) : m.end(1)]
            for m in rx["term"].finditer(norm)
            if rx["agreement_term"].search(m.group(1))
            and m.start() > 0
            and norm[m.start() - 1] == "("
        ]
        out: list[dict] = []
        org_terms = list(orgs)
        for term in names + [t for t in dict.fromkeys(inline) if t not in names]:
            nterm = normalise(term)
            if rx["not_agreement_term"].search(nterm):
                continue
            d = next((x for x in defined if x["terms"][0] == term), None)
            body = d["norm_body"] if d else ""
            listed = self._collective(d["body"]) if d else []
            if (
                listed
            ):  # a collective term: 「經重續協議」 指 A、B及C — the members are the agreements
                for member in listed:
                    if member not in names and all(a["name"] != member for a in out):
                        out.append(
                            self._agreement(
                                doc, member, "", None, norm.find(normalise(member)), org_terms
                            )
                        )
                continue
            first = norm.find(nterm)
            out.append(self._agreement(doc, term, body, d, first, org_terms))
        if not out:  # nothing defined: the agreement the title or an 訂立 clause names
            for name, pos in self._undefined_agreements(doc):
                if rx["not_agreement_term"].search(normalise(name)):
                    continue
                out.append(self._agreement(doc, name, "", None, pos, org_terms))
        return out

    @staticmethod
    def _undefined_agreements(doc: Doc) -> list[tuple[str, int]]:
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        title = doc_utils.facts(doc).get("title", {}).get("_ev")
        found: dict[str, int] = {}
        suffix = r"(?:框架協議|協議|合同|協定|租約|合約)"
        if title:
            for m in re.finditer(r"[\u3400-\u9fff]{1,14}" + suffix, norm[: title[1]]):
                if m.start() >= title[0]:
                    found.setdefault(text[m.start() : m.end()], m.start())
        # a name does not start with a particle or a determiner (訂立的任何其他協議 names none)
        name = r"(?P<name>(?![的之其該任])[\u3400-\u9fff]{1,14}?"
        for m in re.finditer(r"訂立(?:了)?" + name + suffix + ")", norm):
            found.setdefault(text[m.start("name") : m.end("name")], m.start("name"))
        return sorted(found.items(), key=lambda x: x[1])

    def _agreement(
        self, doc: Doc, term: str, body: str, d: dict | None, first: int, org_terms: list[str]
    ) -> dict:
        agreement: dict = {
            "name": term,
            "date": None,
            "term_start": None,
            "term_end": None,
            "parties": [],
            "_ev": d["_ev"] if d else None,
            "_pos": d["_pos"] if d else max(first, 0),
        }
        span = _SPAN.search(body)
        if span:
            self._set_term(agreement, span.group(0))
        for s, _, date in find_dates(body):
            if not (span and span.start() <= s < span.end()):
                agreement["date"] = date.isoformat()
                break
        block = self._block(doc, term)
        if block:
            date_line, term_line, party_lines = block
            if agreement["date"] is None and date_line:
                dates = find_dates(date_line)
                agreement["date"] = dates[0][2].isoformat() if dates else None
            if agreement["term_start"] is None and term_line:
                self._set_term(agreement, term_line)
            parties_text = party_lines
        else:
            parties_text = ""
        if agreement["term_start"] is None or agreement["date"] is None:
            self._from_sentence(doc, term, agreement)
        source = body or parties_text
        named = [t for _, t in mentions(source, 0, len(source), org_terms + ["本公司"])]
        if not named and parties_text:
            named = [
                t for _, t in mentions(parties_text, 0, len(parties_text), org_terms + ["本公司"])
            ]
        named += self._signatories(doc, term, org_terms)
        agreement["parties"] = list(dict.fromkeys(named))
        if agreement["_ev"] is None and first >= 0:
            agreement["_ev"] = doc_utils.sentence_bounds(doc, first)
        return agreement

    @staticmethod
    def _signatories(doc: Doc, term: str, org_terms: list[str]) -> list[str]:
        """The defined parties before 訂立 in the sentences that introduce the agreement
        (於2025年8月22日，買方、賣方及合資公司訂立股權轉讓協議（「協議」）): the summary
        sentences are often the only place that says who signed. 本公司 counts only where it
        signs (本公司與…, 本公司及…), not as the announcer (本公司欣然宣佈) or an owner
        (本公司的附屬公司, 本公司全資附屬公司).
        """
        norm = doc_utils.norm(doc)
        nterm = normalise(term)
        found: list[str] = []
        for s, e in doc_utils.sentences(doc):
            at = norm.find(nterm, s, e)
            signed = norm.rfind("訂立", s, at) if at >= 0 else -1
            if signed < 0 or at - signed > 14:  # 訂立(了)股權轉讓協議: the agreement signed here
                continue
            for pos, t in mentions(norm, s, signed, org_terms + ["本公司"]):
                after = norm[pos + len(normalise(t)) : pos + len(normalise(t)) + 6]
                if after.startswith(("的", "之")):
                    continue  # an owner (華晟集團的全資附屬公司…), not a signatory
                if t == "本公司" and not re.match(r"\s*(?:與|及|、|和|同|訂立|\()", after):
                    continue
                found.append(t)
        return found

    @staticmethod
    def _collective(body: str) -> list[str]:
        """['A協議', 'B協議'] when a definition only lists agreements, else []."""
        parts = [p.strip() for p in re.split(r"、|及|和|以及|，", body.rstrip("。")) if p.strip()]
        if len(parts) < 2 or find_dates(body):
            return []
        if all(_regex()["agreement_term"].search(normalise(p)) and len(p) <= 20 for p in parts):
            return parts
        return []

    @staticmethod
    def _set_term(agreement: dict, text: str) -> None:
        dates = find_dates(text)
        if len(dates) >= 2:
            agreement["term_start"] = dates[0][2].isoformat()
            agreement["term_end"] = dates[1][2].isoformat()

    def _block(self, doc: Doc, term: str) -> tuple[str, str, str] | None:
        """日期/訂約方/期限 lines under the heading that names the agreement, or else right
        after the sentence that introduces it."""
        rx = _regex()
        norm = doc_utils.norm(doc)
        nterm = normalise(term)
        lines = [(s, e) for s, e in doc_utils.lines(doc) if norm[s:e].strip()]
        naming = [k for k, (s, e) in enumerate(lines) if nterm in norm[s:e]]
        headings = [
            k
            for k in naming
            if "。" not in norm[lines[k][0] : lines[k][1]]
            and len(norm[lines[k][0] : lines[k][1]].strip()) <= len(nterm) + 12
        ]
        for k, reach in [(k, 12) for k in headings] + [(k, 2) for k in naming]:
            date_line = term_line = parties = ""
            for s2, e2 in lines[k + 1 : k + 1 + reach]:
                row = norm[s2:e2]
                if rx["date_line"].match(row) and not date_line:
                    date_line = row
                elif rx["term_line"].match(row) and not term_line:
                    term_line = row
                elif rx["parties_line"].match(row) and not parties:
                    parties = row
                elif parties and not date_line and not term_line and row.startswith((" ", "(")):
                    parties += row
                elif reach == 2 and not (date_line or term_line or parties):
                    break
            if reach == 2 and (date_line or term_line):
                for s2, e2 in lines[k + 1 : k + 8]:
                    row = norm[s2:e2]
                    if rx["term_line"].match(row) and not term_line:
                        term_line = row
                    elif rx["date_line"].match(row) and not date_line:
                        date_line = row
            if date_line or term_line:
                return date_line, term_line, parties
        return None

    def _from_sentence(self, doc: Doc, term: str, agreement: dict) -> None:
        norm = doc_utils.norm(doc)
        nterm = normalise(term)
        for s, e in doc_utils.sentences(doc):
            sentence = norm[s:e]
            if nterm not in sentence and not (len(nterm) > 2 and "各" in sentence):
                continue
            if nterm not in sentence:
                continue
            span = _SPAN.search(sentence)
            if agreement["term_start"] is None and span:
                self._set_term(agreement, span.group(0))
            if agreement["date"] is None and "訂立" in sentence:
                dates = [
                    d
                    for st, _, d in find_dates(sentence)
                    if not (span and span.start() <= st < span.end())
                ]
                if dates:
                    agreement["date"] = dates[0].isoformat()
            if agreement["term_start"] and agreement["date"]:
                return
