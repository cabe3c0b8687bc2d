"""fw_zh_board_v1: the directors, by role, from the board paragraph.

Chinese editions close with 於本公告日期，董事會成員包括執行董事張宏江博士、王舜德先生及鄒濤先生；
非執行董事雷軍先生…；以及獨立非執行董事…. Each role keyword opens a segment that runs to the next
keyword; the names in it end with an honorific. Some issuers print the role after each name
(張三先生（獨立非執行董事）) or a list with one name per line; both are handled.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extract.patterns import load
from extract.pipe import FactPipe, component
from extract.zh import doc_utils
from extract.zh.names import names_with_honorifics
from extract.zh.normalise import normalise

ROLES = {
    "獨立非執行董事": "independent_non_executive",
    "非執行董事": "non_executive",
    "執行董事": "executive",
}


@lru_cache(maxsize=1)
def _regex() -> dict[str, re.Pattern[str]]:
    return {r["kind"]: re.compile(r["regex"]) for r in load("board", "zh")}


def board_paragraph(doc: Doc) -> tuple[int, int] | None:
    """Bounds of the last paragraph that lists the board by role."""
    rx = _regex()
    norm = doc_utils.norm(doc)
    starts = [m.start() for m in rx["paragraph_start"].finditer(norm)]
    for start in reversed(starts):
        end = norm.find("\n\n\n", start)
        end = min(len(norm) if end < 0 else end, start + 1500)
        foot = re.search(r"\n\s*\*|\f", norm[start:end])
        if foot:
            end = start + foot.start()
        if len(rx["role"].findall(norm, start, end)) >= 1:
            return start, end
    return role_list(norm)


def role_list(norm: str) -> tuple[int, int] | None:
    """Bounds of a list of directors under role headings, one name per line (a "list of
    directors and their role and function"): from the first heading to the first line after it
    that is neither a heading nor a name with an honorific."""
    rx = _regex()
    first = rx["list_heading"].search(norm)
    if not first:
        return None
    end = first.end()
    for line in re.finditer(r"[^\n]*\n?", norm[first.end() :]):
        body = line.group(0).strip()
        if body and not (rx["list_heading"].fullmatch(body) or names_with_honorifics(body, body)):
            break
        end = first.end() + line.end()
    return first.start(), end


def board_page(pages: list[str]) -> int | None:
    """Index of the last page opening a board paragraph that names a role: a long
    document's chunks all carry that page (extract/chunks.py)."""
    rx = _regex()
    for k in range(len(pages) - 1, -1, -1):
        norm = normalise(pages[k])
        for m in rx["paragraph_start"].finditer(norm):
            if rx["role"].search(norm, m.end(), m.end() + 1500):
                return k
    return None


@component("fw_zh_board_v1", ["board_bounds", "directors"], ["norm"])
class BoardComponent(FactPipe):
    def match(self, doc: Doc) -> dict:
        directors: dict[str, list[dict]] = {r: [] for r in ROLES.values()}
        bounds = board_paragraph(doc)
        if bounds:
            self._read(doc, bounds, directors)
        return {"board_bounds": bounds, "directors": directors}

    def _read(self, doc: Doc, bounds: tuple[int, int], directors: dict[str, list[dict]]) -> None:
        rx = _regex()
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        start, end = bounds
        ev = (start, end)
        if self._columns(doc, bounds, directors):
            return
        # the role in brackets after the name, maybe after other brackets and a title:
        # 曹文傑先生（Mr. Cho Man Kit）（主席兼執行董事）
        trailing = re.compile(
            r"(?:\s*\([^()]*\))*?\s*\([^()]*?(獨立非執行董事|非執行董事|執行董事)[^()]*\)"
        )
        names = names_with_honorifics(norm, text, start, end)
        tagged = [(n, trailing.match(norm, n[1])) for n in names]
        if names and sum(1 for _, t in tagged if t) >= max(2, len(names) // 2):
            for (_, _, name), t in tagged:
                if t:
                    self._add(directors[ROLES[t.group(1)]], name, ev)
            return
        roles = list(rx["role"].finditer(norm, start, end))
        for k, m in enumerate(roles):
            seg_end = roles[k + 1].start() if k + 1 < len(roles) else end
            role = ROLES[m.group(0)]
            found = names_with_honorifics(norm, text, m.end(), seg_end)
            if found:
                for _, _, name in found:
                    self._add(directors[role], name, ev)
                continue
            for s, e in doc_utils.lines(doc):
                if s < m.end() or e > seg_end:
                    continue
                cell = norm[s:e].strip().lstrip(":").strip()
                lm = rx["list_name"].match(cell)
                if lm:
                    i = s + norm[s:e].find(lm.group("name"))
                    self._add(directors[role], text[i : i + len(lm.group("name"))], ev)

    def _columns(self, doc: Doc, bounds: tuple[int, int], directors: dict[str, list[dict]]) -> bool:
        """A board laid out as a table: a header row of role headings (執行董事：  非執行董事：
        獨立非執行董事：) and a row per rank, each column's names under its heading."""
        norm, text = doc_utils.norm(doc), doc_utils.text(doc)
        roles: list[str] = []
        for s, e in doc_utils.lines(doc):
            if s < bounds[0] or e > bounds[1]:
                continue
            cells = [c.strip(" :：") for c in re.split(r" {2,}|\t", norm[s:e].strip())]
            if not roles:
                if len(cells) >= 2 and all(c in ROLES for c in cells):
                    roles = [ROLES[c] for c in cells]
                continue
            for role, (cs, ce) in zip(roles, _cell_bounds(norm, s, e), strict=False):
                for _, _, name in names_with_honorifics(norm, text, cs, ce):
                    self._add(directors[role], name, bounds)
        return bool(roles)

    @staticmethod
    def _add(bucket: list[dict], name: str, ev: tuple[int, int]) -> None:
        if name not in [d["value"] for d in bucket]:
            bucket.append({"value": name, "_ev": ev})


def _cell_bounds(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the cells of a table row (cells apart by two or more spaces or a tab)."""
    return [
        (start + m.start(), start + m.end()) for m in re.finditer(r"\S+(?: \S+)*", norm[start:end])
    ]
