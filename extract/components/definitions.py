"""fw_definitions_v1: the announcement's defined terms -> full name and Chinese name.

Two sources. The definitions section: rows `"Beijing Xiaomi"  北京小米科技有限責任公司 (Beijing
Xiaomi Technology Co., Ltd.), a limited liability company ...`, or the same in a sentence
(`In this announcement, "Sunvale Jiangsu" means ...; "Yuetai Industrial" means ...`). And
definitions inline in the text: `Crest Warehousing Limited (峰倉儲有限公司) ("Crest
Warehousing")`. Everything else uses
these terms: a party is named by its defined term, an agreement is a defined term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from extract.document import Fact, clean_line, facts, layout_of, text_of
from extract.names import ABBREVIATED_TITLES, clean_person, title_rx, titled_name_rx
from extract.pipe import FactPipe, component
from extract.terms import is_instrument

_ROW = re.compile(
    r'^"(?P<term>[^"]{1,120})"(?:\s*(?:or|and|/|,)\s*"(?P<alt>[^"]{1,120})")*'
    r"\s*(?:  |:|：|\t)\s*(?P<body>.+)$"
)
_INLINE = re.compile(
    r"\((?:(?:together|collectively)[^()\"]{0,40}?,?\s*)?(?:the\s+)?\"(?P<term>[^\"]{1,80})\""
    r"(?:\s*(?:,|;|and|or)[^()]{0,80})?\)"
)
#: another name for the same one; "together with A, the "B"" names a group, not an alias
_MORE_TERMS = re.compile(r"\bor\s+(?:the\s+)?\"([^\"]{1,80})\"")
_MEANS = re.compile(r'"(?P<term>[^"]{1,80})"\s+(?:means|shall\s+mean|refers\s+to)\s+(?P<body>.+)$')
#: definitions in a sentence end at "; " before the next quoted term
_PIECE_END = re.compile(r'(?<=;)\s*(?:and\s+)?(?=")')
_CJK = re.compile(r"[\u3400-\u9fff]")
_PERIOD = re.compile(r"(\S+)\.\s+(?=[A-Z])")
#: words that end with a full stop inside a sentence: Mr., Co., Sdn. Bhd., U.S.
_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,3}|[A-Z.]+)$")


def _this_sentence(text: str) -> str:
    """The last sentence of `text` (what an inline definition's name is read from)."""
    ends = [m.end() for m in _PERIOD.finditer(text) if not _ABBREV.match(m.group(1).lstrip("(\"'"))]
    return text[ends[-1] :] if ends else text


_P = r"(?:[^()（）]|[\(（][^()（）]*[\)）])"
#: a parenthesis holding a Chinese name, which may itself hold one: (金蘭酒店(香港)有限公司)
_CJK_PAREN = re.compile(rf"[\(（]({_P}*[\u3400-\u9fff]{_P}*)[\)）]")
_ENTITY = re.compile(
    r"\b(Limited|Ltd\.?|Co\.|Corporation|Incorporated|Inc\.?|Company|LLC|L\.L\.C\.|plc|PLC|"
    r"S\.A\.|AG|GmbH|N\.V\.|B\.V\.|LLP|LP|L\.P\.|Partnership|Bank|Trust|Fund|Pte\.?|Bhd\.?|"
    r"Holdings|Group|Enterprises?|Institute|University|Hospital|Authority|Bureau|Kaisha|K\.K\.|"
    r"Berhad|Sdn|Pty|S\.p\.A\.|SAS|SARL|JSC|Tbk|AS|ASA|AB|Oy|SE|KG|S\.A\.R\.L\.|S\.L\.|"
    r"Limitada|Lda\.?|PT(?=\s+[A-Z]))(?!\w)"  # "PT Borneo Hitam Energi": an Indonesian company
)
_STOP_TAIL = re.compile(
    r",\s+(?:a|an|the|being|which|whose|who|incorporated|established|together|and\s+its)\b"
    r"|\s+(?:is|was|being)\s+a\b|;"
)


@dataclass
class Definition:
    term: str
    body: str
    full_name: str | None
    chinese_name: str | None
    start: int
    end: int
    inline: bool = False
    person: bool = False
    #: the term this one is another name for ('("GPIG" or the "Controlling Shareholder")')
    alias_of: str | None = None


def parse_body(body: str) -> tuple[str | None, str | None]:
    """(full name, Chinese name) from a definition's text, None where it names no entity."""
    body = body.strip()
    chinese = None
    m = re.match(
        r"^([\u3400-\u9fff（）()·\w]*[\u3400-\u9fff][\u3400-\u9fff（）()·]*)\s*"
        r"\(((?:[^()]|\([^()]*\))+)\)",  # (Sunvale Solar (Jiangsu) Co., Ltd.)
        body,
    )
    if m and _CJK.search(m.group(1)):  # 北京小米... (Beijing Xiaomi Technology Co., Ltd.)
        chinese, full = m.group(1).strip(), m.group(2).strip()
        if re.search(r"[A-Za-z]", full):
            return _tidy(full), chinese
        return None, chinese
    m = _CJK_PAREN.search(body)
    if m and not re.search(r",\s+(?:a|an|the)\s", body[: m.start()]):
        full = body[: m.start()].strip()  # Crest Warehousing Limited (峰倉儲有限公司)
        if full and re.search(r"[A-Za-z]", full) and len(full) < 150:
            return _tidy(full), m.group(1).strip()
    if body[:4].lower() in ("the ", "has ", "any ", "thos", "shar", "regi", "hold", "a co"):
        return None, None
    head = _STOP_TAIL.split(body, maxsplit=1)[0]
    # "(BVI)" / "(Shenzhen)" inside a name is part of it; other brackets end it
    head = re.split(r"\s+\((?![A-Z][\w ]{0,20}\)\s+[A-Z])", head, maxsplit=1)[0]
    rest = body[len(head) :]
    described = re.match(
        r"^,?\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,5}(?:company|corporation|entity|partnership|fund|"
        r"trust|enterprise|bank)\b",
        rest,
        re.I,
    )
    if (_ENTITY.search(head) or described) and head[:1].isupper() and len(head) < 150:
        return _tidy(head), chinese
    return None, chinese


def _tidy(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;:*")
    return re.sub(r"^the\s+", "", name)


def definition_pages(pages: list[str]) -> list[int]:
    """Indexes of the pages of a definitions section (3 or more definition rows): a long
    document's chunks all carry them (extract/chunks.py)."""
    return [
        k
        for k, page in enumerate(pages)
        if sum(1 for line in page.split("\n") if _ROW.match(clean_line(line))) >= 3
    ]


@component("fw_definitions_v1", ["definitions", "company"])
class Definitions(FactPipe):
    def match(self, doc: Doc) -> dict[str, Definition]:
        found: dict[str, Definition] = {}
        for line in layout_of(doc).lines:
            m = _ROW.match(line.text)
            if m:
                body = m.group("body").strip()
                full, chinese = parse_body(body)
                who = _titled_person(full or body)
                terms = re.findall(r'"([^"]+)"', line.text[: m.start("body")])
                for term in terms:
                    found.setdefault(
                        term,
                        Definition(
                            term,
                            body,
                            who or full,
                            chinese,
                            line.start,
                            line.end,
                            person=who is not None,
                        ),
                    )
        for line in layout_of(doc).lines:  # 'In this announcement, "X" means ...; "Y" means'
            if line.is_row or not _MEANS.search(line.text):
                continue
            pos = line.start
            for piece in _PIECE_END.split(line.text):
                m = _MEANS.search(piece)
                if m and m.group("term") not in found:
                    body = m.group("body").strip().rstrip(".")
                    full, chinese = parse_body(body)
                    who = _titled_person(full or body)
                    found[m.group("term")] = Definition(
                        m.group("term"),
                        body,
                        who or full,
                        chinese,
                        pos,
                        pos + len(piece),
                        person=who is not None,
                    )
                pos += len(piece)
        for m in _INLINE.finditer(text_of(doc)):
            term = m.group("term").strip()
            if term in found:
                continue
            before = text_of(doc)[max(0, m.start() - 250) : m.start()]
            before = _this_sentence(before.split("\n")[-1])
            full, chinese = _inline_name(before)
            collective = re.match(r"\((?:together|collectively)\b", m.group(0))
            if is_instrument(term) or collective:  # "... between the Company and X (the
                full, chinese = None, None  # "Agreement")", "A, B and C (together, the "Vendors")"
            person = None
            if full is None and not collective:
                person, chinese = _inline_person(before)
            found[term] = Definition(
                term,
                before,
                full or person,
                chinese,
                m.start() - len(before),
                m.end(),
                inline=True,
                person=person is not None,
            )
            # '("GPIG" or the "Controlling Shareholder")': each term names the same one
            for other in _MORE_TERMS.findall(m.group(0)[m.end("term") - m.start() :]):
                found.setdefault(
                    other.strip(), replace(found[term], term=other.strip(), alias_of=term)
                )
        return found

    def set_annotations(self, doc: Doc, found: dict[str, Definition]) -> None:
        f = facts(doc)
        f["definitions"] = found
        company = found.get("Company")
        if company and company.full_name:
            f["company"] = Fact(company.full_name, company.start, company.end)


def _inline_name(before: str) -> tuple[str | None, str | None]:
    """The entity named just before an inline `("Term")`."""
    text = before.rstrip()
    chinese = None
    m = re.search(
        r"([\u3400-\u9fff][\u3400-\u9fff（）()]*)\s*\(([A-Z][^()]*(?:\([^()]*\)[^()]*)*)\)\s*,?$",
        text,
    )
    if m and _ENTITY.search(m.group(2)):  # 湖北聯創新材料有限公司 (Hubei Lianchuang ... Ltd.*)
        return _tidy(m.group(2).rstrip(" *")), m.group(1).strip()
    m = re.search(rf"[\(（]({_P}*[\u3400-\u9fff]{_P}*)[\)）]\s*,?$", text)
    if m:
        chinese = m.group(1).strip()
        text = text[: m.start()].rstrip()
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)  # (a company incorporated in ...)
    # "Verdant Harvest Finance Limited, an indirect wholly-owned subsidiary of the Company
    # (the "Lender")": the name before the appositive
    text = re.sub(
        r"(?<=\S),\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,4}?(?:subsidiary|company|member)\b"
        r"[^,;()]*$",
        "",
        text,
    )
    text = text.rstrip(" *")  # "Co., Ltd.*": for identification purposes only
    m = re.search(
        r"((?:[A-Z][\w&'.\-]*|of|and|the|for|de|&)(?:[\s,]+(?:[A-Z][\w&'.\-]*|"
        r"\([A-Z][\w ]*\)|of|and|for|de|&|Co\.,|Ltd\.))*)\s*,?$",
        text,
    )
    if not m:
        return None, chinese
    name = m.group(1).strip(" ,")
    if re.search(r"\bbetween\s*$", text[: m.start(1)]) and " and " in name:
        name = name.rsplit(" and ", 1)[1]  # "between Zhiyuan Hangzhou and Hangzhou ... Ltd."
    name = re.sub(r"^(?:the|and|of|with|between|by|from|to)\s+", "", name, flags=re.I)
    words = name.split()
    while words and words[0] in (
        "The",
        "And",
        "On",
        "With",
        "Between",
        "By",
        "From",
        "Mr.",
    ):
        words.pop(0)
    name = " ".join(words)
    # "between the Company and Vantage Coachworks Limited": the name is the last one
    name = re.sub(r"^.*\b(?:Company|Group|Limited|Ltd\.)\s*(?:,\s*|,?\s+and\s+)(?=[A-Z])", "", name)
    if not name or not (_ENTITY.search(name) or _named_in_chinese(name, chinese)):
        return None, chinese
    return name, chinese


def _named_in_chinese(name: str, chinese: str | None) -> bool:
    """An institution with no company suffix that the text also names in Chinese ("Sichuan
    Tianyuan Vocational College (四川天元職業學院)"): longer than a person's Chinese name."""
    return bool(chinese) and len(chinese) >= 5 and len(name.split()) >= 2


#: a definition that names a person: a title, then up to five words of name
_TITLED_PERSON = re.compile(
    titled_name_rx(
        title_rx((*ABBREVIATED_TITLES, "Madam", "Miss", "Professor", "Sir"), ".?"), words=5
    )
)
#: the person an inline definition follows: "Mr. Kenneth Yiu Fai TANG", "Mr. Tat Joel, CHANG"
_INLINE_PERSON = re.compile(
    r"\b"
    + titled_name_rx(
        title_rx(("Mr", "Ms", "Mrs", "Dr", "Madam", "Miss", "Professor", "Prof"), ".?"),
        words=5,
        commas=True,
    )
    + "$"
)


def _titled_person(body: str) -> str | None:
    """A definition that names a person: "Ms. KWOK Sau Ying (郭秀英), the spouse of ..."."""
    m = _TITLED_PERSON.match(body)
    if not m:
        return None
    return clean_person(m.group(1)) or None


def _inline_person(before: str) -> tuple[str | None, str | None]:
    """A person defined by role: `Mr. Kenneth Yiu Fai TANG (鄧耀輝) (the "Vendor")`."""
    text = before.rstrip()
    chinese = None
    m = re.search(r"[\(（]([\u3400-\u9fff]{2,4})[\)）]\s*,?$", text)
    if m:
        chinese = m.group(1)
        text = text[: m.start()].rstrip()
    m = _INLINE_PERSON.search(text)
    if not m:
        return None, None
    return clean_person(m.group(1)), chinese
