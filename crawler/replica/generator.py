"""Deterministic template generator: more announcements, each with the gold JSON of its facts.

Why: the hand-written corpus is small (tens of documents); benchmarks crawl thousands. The
generator writes continuing connected transactions with cap tables, one-off connected
transactions, discloseable/major transactions, results, monthly returns and board meeting
notices for fictional issuers. It knows every fact it prints, so its gold is exact. The same
(seed, index, release date) always gives the same text, hence (after rendering) the same bytes.

The first few indices are pinned to cover the site's oddities: index 0 is a Multi-Files
filing, 1 an .htm announcement with a Chinese edition, 2 a "(Headlines Revised)" re-filing,
3 a title with a line break, 4 a title with "&" and "/", 5 a filing listed under two stock
codes (an RMB counter) whose codes and names are joined by `<br/>`, 6 a Multi-Files connected
transaction whose landing page links relatively to its announcement and a circular on a
continuing connected transaction (the filing's gold is the union of both), 7 a Multi-Files
continuing connected transaction served as an .htm document with a PDF appendix.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from random import Random

from .documents import Document
from .names import Company, Entity, Person, make_company, make_entity
from .stocks import WELL_KNOWN

POOL_SIZE = 120
KINDS = (("cct", 3), ("ct", 2), ("notifiable", 2), ("results", 2), ("monthly", 2), ("board", 2))
PINNED_KIND = {0: "cct", 1: "board", 2: "ct", 3: "cct", 4: "notifiable", 6: "ct", 7: "cct"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
CURRENCY = {"RMB": ("RMB", "人民幣"), "HKD": ("HK$", "港幣"), "USD": ("US$", "美元")}

DISCLAIMER_EN = (
    "Hong Kong Exchanges and Clearing Limited and The Stock Exchange of Hong Kong Limited take "
    "no responsibility for the contents of this announcement, make no representation as to its "
    "accuracy or completeness and expressly disclaim any liability whatsoever for any loss "
    "howsoever arising from or in reliance upon the whole or any part of the contents of this "
    "announcement."
)
DISCLAIMER_ZH = (
    "香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責，對其準確性或完整性"
    "亦不發表任何聲明，並明確表示，概不對因本公告全部或任何部分內容而產生或因依賴該等內容而引致"
    "的任何損失承擔任何責任。"
)

# (English name, Chinese name, English subject, Chinese subject); {cp} is the counterparty.
AGREEMENTS = (
    ("Master Purchase Agreement", "總採購協議",
     "the Group shall purchase raw materials and components from {cp}",
     "本集團將向{cp}採購原材料及零部件"),
    ("Logistics Services Agreement", "物流服務協議",
     "{cp} shall provide transportation and warehousing services to the Group",
     "{cp}將向本集團提供運輸及倉儲服務"),
    ("Property Leasing Framework Agreement", "物業租賃框架協議",
     "{cp} shall lease office and warehouse premises to the Group",
     "{cp}將向本集團出租辦公室及倉庫物業"),
    ("IT Services Framework Agreement", "資訊科技服務框架協議",
     "{cp} shall provide information technology and system maintenance services to the Group",
     "{cp}將向本集團提供資訊科技及系統維護服務"),
    ("Master Sales Agreement", "總銷售協議",
     "the Group shall sell finished products to {cp}",
     "本集團將向{cp}銷售製成品"),
)  # fmt: skip


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def money(currency: str, amount: int) -> str:
    return f"{CURRENCY[currency][0]}{amount / 1_000_000:.1f} million"


def zh_money(currency: str, amount: int) -> str:
    return f"{CURRENCY[currency][1]}{amount / 1_000_000:.1f}百萬元"


def _join(names: list[str], word: str = "and") -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {word} " + names[-1]


@lru_cache(maxsize=8)
def company_pool(seed: int, reserved: frozenset[str] = frozenset()) -> tuple[Company, ...]:
    """The fictional issuers for a seed; codes in the 06xxx and 09xxx ranges, avoiding the
    well-known stocks and `reserved` (the corpus's codes), so no code has two companies."""
    rng = Random(f"companies:{seed}")
    reserved = reserved | {code for _, code, _, _ in WELL_KNOWN}
    codes = [f"{n:05d}" for n in (*range(6100, 7000), *range(9100, 9900))]
    codes = [c for c in rng.sample(codes, POOL_SIZE + len(reserved)) if c not in reserved]
    codes = codes[:POOL_SIZE]
    taken: set[str] = set()
    pool = []
    for code in codes:
        company = make_company(rng, code, taken)
        if rng.random() < 0.12:
            company.second_code = "8" + code[1:]
        pool.append(company)
    return tuple(pool)


def generate(
    seed: int, index: int, released: date, reserved: frozenset[str] = frozenset()
) -> list[Document]:
    """The filing number `index` for `seed`, released on `released`: English first, then any
    Chinese edition. `reserved` stock codes are never given to a fictional company."""
    rng = Random(f"filing:{seed}:{index}")
    kind = PINNED_KIND.get(index) or rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    pool = company_pool(seed, reserved)
    company = pool[rng.randrange(len(pool))]
    if index == 5:  # pinned: a company with a second (RMB) counter, so codes join with <br/>
        company = next((c for c in pool if c.second_code), company)
    slug = f"{company.code}-{released:%Y%m%d}-gen{index:05d}-{kind}"
    ctx = _Context(rng, company, released, slug, index)
    docs = BUILDERS[kind](ctx)
    english = docs[0]
    if index == 0:
        english.file_type = "multi"
        english.attachments = [
            ("Announcement", english.text),
            ("Appendix - Board of Directors", _board_appendix(company)),
        ]
    elif index == 6:
        _with_circular(ctx, english, seed)
    elif index == 7:
        english.file_type = "multi"
        english.attachments = [
            ("Announcement", english.text, "htm"),
            ("Appendix - Board of Directors", _board_appendix(company)),
        ]
    elif index == 1:
        english.file_type = "htm"
    elif index == 2:
        english.headlines_revised = True
    return docs


class _Context:
    """What every template needs, plus small helpers that keep the templates readable."""

    def __init__(self, rng: Random, company: Company, released: date, slug: str, index: int):
        self.rng = rng
        self.company = company
        self.released = released
        self.slug = slug
        self.index = index
        self.entities: set[str] = set()

    def entity(self) -> Entity:
        return make_entity(self.rng, self.entities)

    def doc(
        self,
        *,
        text: str,
        title: str,
        t1code: str,
        t2codes: list[str],
        gold: dict,
        language: str = "en",
    ) -> Document:
        c = self.company
        return Document(
            slug=self.slug if language == "en" else f"{self.slug}_c",
            language=language,
            text=text,
            stock_codes=c.codes,
            stock_names=c.names_zh if language == "zh" else c.names_en,
            title=title,
            headline="",  # built from the codes by the catalogue
            t1code=t1code,
            t2codes=t2codes,
            edition_of=self.slug if language == "zh" else None,
            gold=gold,
            source="generated",
        )

    def gold(self, title: str, language: str = "en") -> dict:
        c = self.company

        def names(people: list[Person]) -> list[str]:
            return [p.zh if language == "zh" else p.en for p in people]

        return {
            "company": c.zh if language == "zh" else c.full,
            "stock_code": c.code,
            "announcement_date": self.released.isoformat(),
            "title": title,
            "language": language,
            "transaction_types": [],
            "listing_rules_chapters": [],
            "parties": [],
            "agreements": [],
            "annual_caps": [],
            "connected_persons": [],
            "directors": {
                "executive": names(c.executive),
                "non_executive": names(c.non_executive),
                "independent_non_executive": names(c.independent),
            },
            "abstained_directors": [],
            "evidence": {},
        }


def _header_en(c: Company) -> str:
    return (
        f"{DISCLAIMER_EN}\n\n{c.full.upper()}\n{c.zh}\n"
        f"(Incorporated in {c.place[0]} with limited liability)\n(Stock Code: {c.code})\n"
    )


def _header_zh(c: Company) -> str:
    return (
        f"{DISCLAIMER_ZH}\n\n{c.zh}\n{c.full.upper()}\n"
        f"（於{c.place[1]}註冊成立的有限公司）\n（股份代號：{c.code}）\n"
    )


def _directors_en(c: Company) -> str:
    def group(people: list[Person], singular: str, plural: str) -> str:
        styled = [p.styled for p in people]
        verb = "is" if len(people) == 1 else "are"
        return f"the {singular if len(people) == 1 else plural} {verb} {_join(styled)}"

    parts = [group(c.executive, "executive Director", "executive Directors")]
    if c.non_executive:
        parts.append(group(c.non_executive, "non-executive Director", "non-executive Directors"))
    parts.append(
        group(c.independent, "independent non-executive Director",
              "independent non-executive Directors")
    )  # fmt: skip
    return (
        "As at the date of this announcement, " + "; ".join(parts[:-1]) + "; and " + parts[-1] + "."
    )


def _directors_zh(c: Company) -> str:
    parts = [f"執行董事為{'、'.join(p.zh_styled for p in c.executive)}"]
    if c.non_executive:
        parts.append(f"非執行董事為{'、'.join(p.zh_styled for p in c.non_executive)}")
    parts.append(f"獨立非執行董事為{'、'.join(p.zh_styled for p in c.independent)}")
    return "於本公告日期，" + "；".join(parts[:-1]) + "；及" + parts[-1] + "。"


def _signoff_en(c: Company, released: date) -> str:
    return (
        f"By order of the Board\n{c.full}\n{c.chairman.en}\nChairman\n\n"
        f"Hong Kong, {long_date(released)}\n\n{_directors_en(c)}"
    )


def _signoff_zh(c: Company, released: date) -> str:
    signed = f"承董事會命\n{c.zh}\n主席\n{c.chairman.zh}"
    return f"{signed}\n\n香港，{zh_date(released)}\n\n{_directors_zh(c)}"


def _role(c: Company, person: Person) -> tuple[str, str, str]:
    """(English text, gold relationship, Chinese text) for a director's role in the Company."""
    if person == c.chairman:
        return (
            "the chairman of the Board, an executive Director and the controlling shareholder of "
            "the Company",
            "chairman, executive Director and controlling shareholder of the Company",
            "董事會主席、執行董事兼本公司控股股東",
        )
    if person in c.executive:
        return ("an executive Director", "executive Director of the Company", "執行董事")
    return ("a non-executive Director", "non-executive Director of the Company", "非執行董事")


def _periods(start: date, end: date) -> list[tuple[date, str, str]]:
    """(period end, English label, Chinese label) for each financial year a term touches."""
    out = []
    for year in range(start.year, end.year + 1):
        period_end = date(year, 12, 31)
        if year == start.year and (start.month, start.day) != (1, 1):
            label = f"period from {long_date(start)} to {long_date(period_end)}"
            label_zh = f"{zh_date(start)}至{zh_date(period_end)}期間"
        else:
            label = f"year ending {long_date(period_end)}"
            label_zh = f"截至{zh_date(period_end)}止年度"
        out.append((period_end, label, label_zh))
    return out


def _first_of_next_month(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def _cct(ctx: _Context) -> list[Document]:
    rng, c, released = ctx.rng, ctx.company, ctx.released
    sub, cp = ctx.entity(), ctx.entity()
    person = rng.choice(c.executive + c.non_executive)
    pct = rng.choice([51, 60, 65, 70, 80, 100])
    role_text, role_gold, role_zh = _role(c, person)
    currency = rng.choice(["RMB", "RMB", "HKD", "USD"])
    split_categories = rng.random() < 0.25
    n_agreements = 1 if split_categories else rng.choice([1, 1, 2])
    chosen = rng.sample(AGREEMENTS, n_agreements)
    start = _first_of_next_month(released)
    end = date(start.year + rng.randint(0 if start.month < 7 else 1, 2), 12, 31)
    periods = _periods(start, end)

    gold = ctx.gold("")
    gold["transaction_types"] = ["continuing connected transaction"]
    gold["listing_rules_chapters"] = ["14A"]
    gold["parties"] = [
        {"name": sub.short, "full_name": sub.full, "chinese_name": sub.zh},
        {"name": cp.short, "full_name": cp.full, "chinese_name": cp.zh},
    ]
    names = [a[0] for a in chosen]
    if split_categories:
        names = ["Master Purchase and Sales Agreement"]
    the_agreements = _join([f"the {n}" for n in names])
    subtitle = " AND ".join(n.upper() for n in names)
    if ctx.index == 3 or rng.random() < 0.3:
        title = f"CONTINUING CONNECTED TRANSACTIONS\n{subtitle}"
    else:
        title = f"CONTINUING CONNECTED TRANSACTIONS - {subtitle}"
    gold["title"] = f"CONTINUING CONNECTED TRANSACTIONS {subtitle}"
    subjects = [a[2].format(cp=cp.short) for a in chosen]
    if split_categories:
        subjects = [f"the Group shall purchase raw materials from, and sell finished products "
                    f"to, {cp.short}"]  # fmt: skip

    intro = (
        f"The Board announces that on {long_date(released)}, {sub.short}, a wholly-owned "
        f"subsidiary of the Company, entered into {the_agreements} with {cp.short}, pursuant to "
        f"which {_join(subjects)}, for a term commencing on {long_date(start)} and ending on "
        f"{long_date(end)}."
    )
    owner_sentence = (
        f"As at the date of this announcement, {cp.short} is owned as to {pct}% by "
        f"{person.styled}, {role_text}."
    )
    connection = (
        f"{owner_sentence} {cp.short} is therefore an associate of {person.styled} "
        f"and a connected person of the Company under Chapter 14A of the Listing Rules, and the "
        f"transactions contemplated under {the_agreements} constitute continuing connected "
        f"transactions of the Company."
    )
    page1 = (
        f"{_header_en(c)}\n{title.replace(' - ', chr(10))}\n\n{intro}\n\n"
        "LISTING RULES IMPLICATIONS\n\n"
        f"{connection}\n\nAs one or more of the applicable percentage ratios in respect of the "
        f"annual caps exceed 0.1% but all of them are less than 5%, the transactions are subject "
        f"to the reporting, announcement and annual review requirements but are exempt from the "
        f"independent shareholders' approval requirement under Chapter 14A of the Listing Rules."
    )
    gold["evidence"]["connected_persons[0]"] = {"page": 1, "text": owner_sentence}
    gold["connected_persons"] = [
        {"name": person.en, "connected_entity": cp.short,
         "relationship": f"{role_gold}; holds {pct}% of {cp.short}"}
    ]  # fmt: skip

    blocks = []
    caps_zh: list[tuple[str, str]] = []
    for i, name in enumerate(names):
        subject = subjects[i]
        gold["agreements"].append(
            {"name": name, "date": released.isoformat(), "term_start": start.isoformat(),
             "term_end": end.isoformat(), "parties": [sub.short, cp.short]}
        )  # fmt: skip
        gold["evidence"][f"agreements[{i}]"] = {"page": 1, "text": intro}
        lines = [
            f"PRINCIPAL TERMS OF THE {name.upper()}",
            "",
            f"Date:  {long_date(released)}",
            f"Parties:  (1) {sub.short}; and",
            f"  (2) {cp.short}",
            f"Term:  from {long_date(start)} to {long_date(end)} (both days inclusive)",
            f"Subject matter:  {subject[0].upper() + subject[1:]}",
            "Pricing:  On normal commercial terms, by reference to prevailing market prices and "
            "no less favourable to the Group than terms offered by independent third parties",
            "",
            f"The annual caps under the {name} are set out below:",
            "",
        ]
        base = rng.randint(20, 300) * 100_000
        if split_categories:
            years = [label for _, label, _ in periods]
            lines.append(
                "Annual cap  " + "  ".join(label[0].upper() + label[1:] for label in years)
            )
            for category, factor in (("Purchases", 1.0), ("Sales", 0.4)):
                amounts = []
                for k, (period_end, label, _) in enumerate(periods):
                    amount = int(base * factor * (1 + 0.2 * k)) // 100_000 * 100_000
                    amounts.append(amount)
                    gold["annual_caps"].append(
                        {"amount": amount, "currency": currency,
                         "period_end": period_end.isoformat(), "period_label": label,
                         "agreement": name, "category": category.lower()}
                    )  # fmt: skip
                row = f"{category}  " + "  ".join(money(currency, a) for a in amounts)
                lines.append(row)
                for k in range(len(periods)):
                    n = len(gold["annual_caps"]) - len(periods) + k
                    gold["evidence"][f"annual_caps[{n}]"] = {"page": 2, "text": row}
        else:
            lines.append("Period  Annual cap")
            for k, (period_end, label, label_zh) in enumerate(periods):
                amount = (base + k * rng.randint(5, 60) * 100_000) // 100_000 * 100_000
                n = len(gold["annual_caps"])
                gold["annual_caps"].append(
                    {"amount": amount, "currency": currency,
                     "period_end": period_end.isoformat(), "period_label": label,
                     "agreement": name, "category": None}
                )  # fmt: skip
                row = f"For the {label}  {money(currency, amount)}"
                lines.append(row)
                gold["evidence"][f"annual_caps[{n}]"] = {"page": 2, "text": row}
                caps_zh.append((label_zh, zh_money(currency, amount)))
        blocks.append("\n".join(lines))

    abstain = (
        f"{person.styled} has a material interest in the transactions and has abstained from "
        f"voting on the board resolutions approving {the_agreements}."
    )
    gold["abstained_directors"] = [person.en]
    gold["evidence"]["abstained_directors[0]"] = {"page": 2, "text": abstain}
    page2 = (
        "\n\n".join(blocks)
        + "\n\nThe annual caps were determined with reference to the historical transaction "
        "amounts, the expected growth of the Group's business and a buffer for price "
        "fluctuations.\n\nREASONS FOR AND BENEFITS OF THE TRANSACTIONS\n\nThe Directors "
        "(including the independent non-executive Directors) consider that the transactions are "
        "entered into in the ordinary and usual course of business of the Group, on normal "
        "commercial terms, and that their terms and the annual caps are fair and reasonable and "
        f"in the interests of the Company and the shareholders as a whole. {abstain}"
    )
    definitions = [
        "DEFINITIONS",
        "",
        '"Board"  the board of Directors',
        f'"Company"  {c.full}, a company incorporated in {c.place[0]} with limited liability, '
        f"the shares of which are listed on the Main Board of the Stock Exchange (stock code: "
        f"{c.code})",
        f'"{cp.short}"  {cp.full} ({cp.zh}), a company established in the PRC with limited '
        "liability",
        f'"{sub.short}"  {sub.full} ({sub.zh}), a wholly-owned subsidiary of the Company',
        '"Director(s)"  the director(s) of the Company',
        '"Listing Rules"  the Rules Governing the Listing of Securities on the Stock Exchange',
        '"Stock Exchange"  The Stock Exchange of Hong Kong Limited',
    ]
    page3 = "\n".join(definitions) + "\n\n" + _signoff_en(c, released)
    english = ctx.doc(
        text=f"{page1}\n\f\n{page2}\n\f\n{page3}\n",
        title=title,
        t1code="10000",
        t2codes=["11300"],
        gold=gold,
    )
    docs = [english]
    if (ctx.index == 0 or rng.random() < 0.3) and not split_categories and n_agreements == 1:
        docs.append(_cct_zh(ctx, sub, cp, person, pct, role_zh, chosen[0], start, end, caps_zh))
    return docs


def _cct_zh(ctx: _Context, sub: Entity, cp: Entity, person: Person, pct: int, role_zh: str,
            agreement: tuple[str, str, str, str], start: date, end: date,
            caps_zh: list[tuple[str, str]]) -> Document:  # fmt: skip
    """The Chinese edition of a single-agreement CCT: same facts, Chinese names."""
    c, released = ctx.company, ctx.released
    name_zh, subject_zh = agreement[1], agreement[3].format(cp=cp.zh)
    title = f"持續關連交易 - {name_zh}"
    intro = (
        f"董事會宣佈，於{zh_date(released)}，本公司全資附屬公司{sub.zh}與{cp.zh}訂立{name_zh}，"
        f"據此{subject_zh}，期限由{zh_date(start)}起至{zh_date(end)}止。"
    )
    connection = (
        f"於本公告日期，{cp.zh}由{person.zh_styled}擁有{pct}%權益，而{person.zh_styled}為{role_zh}。"
        f"因此，根據上市規則第14A章，{cp.zh}為本公司的關連人士，{name_zh}項下的交易構成本公司的"
        "持續關連交易。"
    )
    abstain = f"{person.zh_styled}已就批准{name_zh}的董事會決議案放棄投票。"
    rows = "\n".join(f"{label}  {amount}" for label, amount in caps_zh)
    text = (
        f"{_header_zh(c)}\n持續關連交易\n{name_zh}\n\n{intro}\n\n上市規則的涵義\n\n{connection}\n"
        f"\f\n{name_zh}的主要條款\n\n日期：  {zh_date(released)}\n訂約方：  （1）{sub.zh}；及\n"
        f"  （2）{cp.zh}\n年期：  {zh_date(start)}至{zh_date(end)}\n\n年度上限\n\n期間  年度上限\n"
        f"{rows}\n\n{abstain}\n\f\n{_signoff_zh(c, released)}\n"
    )
    gold = ctx.gold("持續關連交易", language="zh")
    gold["transaction_types"] = ["continuing connected transaction"]
    gold["listing_rules_chapters"] = ["14A"]
    gold["parties"] = [
        {"name": sub.zh, "full_name": None, "chinese_name": sub.zh},
        {"name": cp.zh, "full_name": None, "chinese_name": cp.zh},
    ]
    gold["agreements"] = [
        {"name": name_zh, "date": released.isoformat(), "term_start": start.isoformat(),
         "term_end": end.isoformat(), "parties": [sub.zh, cp.zh]}
    ]  # fmt: skip
    for (label, amount_text), (period_end, _, _) in zip(caps_zh, _periods(start, end), strict=True):
        currency = next(k for k, v in CURRENCY.items() if amount_text.startswith(v[1]))
        amount = round(float(amount_text[len(CURRENCY[currency][1]) : -3]) * 1_000_000)
        gold["annual_caps"].append(
            {"amount": amount, "currency": currency, "period_end": period_end.isoformat(),
             "period_label": label, "agreement": name_zh, "category": None}
        )  # fmt: skip
    gold["connected_persons"] = [
        {"name": person.zh, "connected_entity": cp.zh,
         "relationship": f"{role_zh}；擁有{cp.zh}{pct}%權益"}
    ]  # fmt: skip
    gold["abstained_directors"] = [person.zh]
    return ctx.doc(text=text, title=title, t1code="10000", t2codes=["11300"], gold=gold,
                   language="zh")  # fmt: skip


def _ct(ctx: _Context) -> list[Document]:
    """A one-off connected transaction: buying an equity interest from a director's company."""
    rng, c, released = ctx.rng, ctx.company, ctx.released
    sub, vendor, target = ctx.entity(), ctx.entity(), ctx.entity()
    person = rng.choice(c.executive + c.non_executive)
    role_text, role_gold, _ = _role(c, person)
    owned = rng.choice([60, 75, 90, 100])
    stake = rng.choice([20, 30, 49, 51, 100])
    currency = rng.choice(["RMB", "HKD"])
    consideration = rng.randint(30, 900) * 100_000
    discloseable = ctx.index == 2 or rng.random() < 0.4
    heading = "DISCLOSEABLE AND CONNECTED TRANSACTION" if discloseable else "CONNECTED TRANSACTION"
    subtitle = f"ACQUISITION OF {stake}% EQUITY INTEREST IN {target.full.upper()}"
    if ctx.index == 2:
        title = f"DISCLOSEABLE TRANSACTION/CONNECTED TRANSACTION - {subtitle}"
    else:
        title = f"{heading} - {subtitle}"
    gold = ctx.gold(f"{heading} {subtitle}")
    gold["transaction_types"] = (["discloseable transaction"] if discloseable else []) + [
        "connected transaction"
    ]
    gold["listing_rules_chapters"] = (["14"] if discloseable else []) + ["14A"]
    gold["parties"] = [
        {"name": e.short, "full_name": e.full, "chinese_name": e.zh} for e in (sub, vendor, target)
    ]
    gold["agreements"] = [
        {"name": "Sale and Purchase Agreement", "date": released.isoformat(), "term_start": None,
         "term_end": None, "parties": [sub.short, vendor.short]}
    ]  # fmt: skip
    gold["connected_persons"] = [
        {"name": person.en, "connected_entity": vendor.short,
         "relationship": f"{role_gold}; holds {owned}% of {vendor.short}"}
    ]  # fmt: skip
    gold["abstained_directors"] = [person.en]
    intro = (
        f"The Board announces that on {long_date(released)} (after trading hours), {sub.short}, a "
        f"wholly-owned subsidiary of the Company, entered into the Sale and Purchase Agreement "
        f"with {vendor.short}, pursuant to which {sub.short} agreed to acquire, and "
        f"{vendor.short} agreed to sell, {stake}% of the equity interest in {target.short} at a "
        f"consideration of {money(currency, consideration)}."
    )
    owner_sentence = (
        f"As at the date of this announcement, {vendor.short} is owned as to {owned}% by "
        f"{person.styled}, {role_text}."
    )
    connection = (
        f"{owner_sentence} {vendor.short} is therefore an associate of "
        f"{person.styled} and a connected person of the Company, and the Acquisition constitutes "
        f"a connected transaction of the Company under Chapter 14A of the Listing Rules."
    )
    notifiable = (
        "As one or more of the applicable percentage ratios in respect of the Acquisition exceed "
        "5% but are less than 25%, the Acquisition also constitutes a discloseable transaction "
        "of the Company and is subject to the notification and announcement requirements under "
        "Chapter 14 of the Listing Rules.\n\n"
        if discloseable
        else ""
    )
    gold["evidence"] = {
        "agreements[0]": {"page": 1, "text": intro},
        "connected_persons[0]": {"page": 1, "text": owner_sentence},
    }
    page1 = (
        f"{_header_en(c)}\n{heading}\n{subtitle}\n\n{intro}\n\nLISTING RULES IMPLICATIONS\n\n"
        f"{connection}\n\n{notifiable}{person.styled} has abstained from voting on the board "
        "resolutions approving the Sale and Purchase Agreement."
    )
    page2 = (
        "THE SALE AND PURCHASE AGREEMENT\n\n"
        f"Date:  {long_date(released)}\n"
        f"Parties:  (1) {sub.short} as purchaser; and\n  (2) {vendor.short} as vendor\n"
        f"Subject matter:  {stake}% of the equity interest in {target.short}\n"
        f"Consideration:  {money(currency, consideration)}, payable in cash within 30 business "
        "days after completion\n\n"
        "DEFINITIONS\n\n"
        f'"Acquisition"  the acquisition of {stake}% of the equity interest in {target.short} '
        "under the Sale and Purchase Agreement\n"
        f'"{sub.short}"  {sub.full} ({sub.zh}), a wholly-owned subsidiary of the Company\n'
        f'"{target.short}"  {target.full} ({target.zh}), a company established in the PRC\n'
        f'"{vendor.short}"  {vendor.full} ({vendor.zh}), a company established in the PRC\n\n'
        f"{_signoff_en(c, released)}"
    )
    return [
        ctx.doc(
            text=f"{page1}\n\f\n{page2}\n",
            title=title,
            t1code="10000",
            t2codes=["16200", "11200"] if discloseable else ["11200"],
            gold=gold,
        )
    ]


def _notifiable(ctx: _Context) -> list[Document]:
    """A discloseable or major transaction with an independent third party."""
    rng, c, released = ctx.rng, ctx.company, ctx.released
    sub, seller = ctx.entity(), ctx.entity()
    major = ctx.index != 4 and rng.random() < 0.35
    currency = rng.choice(["RMB", "HKD", "USD"])
    consideration = rng.randint(50, 2000) * 100_000
    units = rng.randint(4, 40)
    heading = "MAJOR TRANSACTION" if major else "DISCLOSEABLE TRANSACTION"
    subtitle = "ACQUISITION OF PLANT & EQUIPMENT"
    title = f"{heading} - {subtitle}"
    if ctx.index == 4:
        title = f"{heading} - ACQUISITION OF PLANT & EQUIPMENT / NEW PRODUCTION LINES"
    gold = ctx.gold(f"{heading} {subtitle}")
    gold["transaction_types"] = ["major transaction" if major else "discloseable transaction"]
    gold["listing_rules_chapters"] = ["14"]
    gold["parties"] = [
        {"name": e.short, "full_name": e.full, "chinese_name": e.zh} for e in (sub, seller)
    ]
    gold["agreements"] = [
        {"name": "Equipment Purchase Agreement", "date": released.isoformat(),
         "term_start": None, "term_end": None, "parties": [sub.short, seller.short]}
    ]  # fmt: skip
    intro = (
        f"The Board announces that on {long_date(released)}, {sub.short}, a wholly-owned "
        f"subsidiary of the Company, entered into the Equipment Purchase Agreement with "
        f"{seller.short}, pursuant to which {sub.short} agreed to purchase {units} sets of "
        f"production equipment from {seller.short} at a total consideration of "
        f"{money(currency, consideration)}."
    )
    gold["evidence"] = {"agreements[0]": {"page": 1, "text": intro}}
    ratio = "25% but are less than 100%" if major else "5% but are less than 25%"
    implication = (
        f"As one or more of the applicable percentage ratios in respect of the Acquisition exceed "
        f"{ratio}, the Acquisition constitutes a {heading.lower()} of the Company under Chapter "
        "14 of the Listing Rules."
    )
    if major:
        due = released + timedelta(days=rng.randint(20, 40))
        implication += (
            " An extraordinary general meeting will be convened to approve the Acquisition, and "
            f"a circular is expected to be despatched to the shareholders on or before "
            f"{long_date(due)}."
        )
    text = (
        f"{_header_en(c)}\n{heading}\n{subtitle}\n\n{intro}\n\nTo the best of the Directors' "
        f"knowledge, information and belief, having made all reasonable enquiries, {seller.short} "
        "and its ultimate beneficial owners are third parties independent of the Company and its "
        f"connected persons.\n\nLISTING RULES IMPLICATIONS\n\n{implication}\n\f\n"
        "THE EQUIPMENT PURCHASE AGREEMENT\n\n"
        f"Date:  {long_date(released)}\nParties:  (1) {sub.short} as purchaser; and\n"
        f"  (2) {seller.short} as seller\nConsideration:  {money(currency, consideration)}\n"
        "Delivery:  In batches within twelve months after the date of the agreement\n\n"
        f'"{sub.short}"  {sub.full} ({sub.zh}), a wholly-owned subsidiary of the Company\n'
        f'"{seller.short}"  {seller.full} ({seller.zh}), a company established in the PRC\n\n'
        f"{_signoff_en(c, released)}\n"
    )
    t2 = ["16300"] if major else ["16200"]
    return [ctx.doc(text=text, title=title, t1code="10000", t2codes=t2, gold=gold)]


def _results(ctx: _Context) -> list[Document]:
    rng, c, released = ctx.rng, ctx.company, ctx.released
    if released.month <= 6:
        period = f"THE YEAR ENDED 31 DECEMBER {released.year - 1}"
        heading, t2, year = "ANNUAL RESULTS ANNOUNCEMENT", "13300", released.year - 1
    elif released.month <= 9:
        period = f"THE SIX MONTHS ENDED 30 JUNE {released.year}"
        heading, t2, year = "INTERIM RESULTS ANNOUNCEMENT", "13400", released.year
    else:
        period = f"THE NINE MONTHS ENDED 30 SEPTEMBER {released.year}"
        heading, t2, year = "THIRD QUARTERLY RESULTS ANNOUNCEMENT", "13600", released.year
    title = f"{heading} FOR {period}"
    revenue = rng.randint(200_000, 9_000_000)
    prior = int(revenue * rng.uniform(0.8, 1.15))
    profit, prior_profit = int(revenue * rng.uniform(0.02, 0.15)), int(prior * 0.08)
    rows = [
        f"RMB'000  {year}  {year - 1}",
        f"Revenue  {revenue:,}  {prior:,}",
        f"Gross profit  {int(revenue * 0.31):,}  {int(prior * 0.29):,}",
        f"Profit for the period  {profit:,}  {prior_profit:,}",
        f"Basic earnings per share (RMB cents)  {profit / 90_000:.2f}  {prior_profit / 90_000:.2f}",
    ]
    change = (revenue - prior) / prior * 100
    text = (
        f"{_header_en(c)}\n{heading}\nFOR {period}\n\nFINANCIAL HIGHLIGHTS\n\n"
        + "\n".join(rows)
        + f"\n\nRevenue {'increased' if change >= 0 else 'decreased'} by {abs(change):.1f}% "
        "compared with the corresponding period of last year.\n\nThe board of directors (the "
        f'"Board") of {c.full} (the "Company") announces the unaudited consolidated results of '
        f"the Company and its subsidiaries for {period.lower()}.\n\f\nDIVIDEND\n\nThe Board "
        f"{'recommends' if rng.random() < 0.5 else 'does not recommend'} the payment of a "
        f"dividend for {period.lower()}.\n\n{_signoff_en(c, released)}\n"
    )
    gold = ctx.gold(f"{heading} FOR {period}")
    return [ctx.doc(text=text, title=title, t1code="10000", t2codes=[t2], gold=gold)]


def _monthly(ctx: _Context) -> list[Document]:
    rng, c, released = ctx.rng, ctx.company, ctx.released
    last = released.replace(day=1) - timedelta(days=1)
    title = (
        "Monthly Return of Equity Issuer on Movements in Securities for the month ended "
        f"{long_date(last)}"
    )
    issued = rng.randint(300, 5000) * 1_000_000
    secretary = f"{rng.choice(['Ms.', 'Mr.'])} {rng.choice(['LO', 'SIN', 'POON', 'KAN'])} " + (
        rng.choice(["Ka Yan", "Wing Yee", "Chi Ho", "Siu Lun"])
    )
    text = (
        "FF301\n\nMonthly Return of Equity Issuer on Movements in Securities\n\n"
        f"For the month ended:  {long_date(last)}\nStatus:  New Submission\n"
        f"To:  Hong Kong Exchanges and Clearing Limited\n\nName of Issuer:  {c.full}\n"
        f"Date Submitted:  {long_date(released)}\n\nI. Movements in Authorised / Registered "
        "Share Capital\n\n"
        "Type of shares  Class of shares  Listed on the Exchange  Stock code\n"
        f"Ordinary shares  Ordinary  Yes  {c.code}\n\n"
        "II. Movements in Issued Shares and/or Treasury Shares\n\n"
        "  Number of issued shares  Number of treasury shares  Total number of shares\n"
        f"Balance at close of preceding month  {issued:,}  0  {issued:,}\n"
        "Increase / decrease (-)  0  0  0\n"
        f"Balance at close of the month  {issued:,}  0  {issued:,}\n"
        f"\f\nIII. Details of Movements in Issued Shares\n\nNot applicable\n\n"
        f"Submitted by:  {secretary}\nTitle:  Company Secretary\n"
    )
    gold = ctx.gold(title)
    gold["directors"] = {"executive": [], "non_executive": [], "independent_non_executive": []}
    return [ctx.doc(text=text, title=title, t1code="51500", t2codes=[], gold=gold)]


def _board(ctx: _Context) -> list[Document]:
    rng, c, released = ctx.rng, ctx.company, ctx.released
    meeting = released + timedelta(days=rng.randint(10, 20))
    if meeting.month in (1, 2, 3):
        purpose_en = (
            f"the annual results of the Company for the year ended 31 December {meeting.year - 1}"
        )
        purpose_zh = f"本公司截至{meeting.year - 1}年12月31日止年度的全年業績"
    else:
        purpose_en = (
            f"the interim results of the Company for the six months ended 30 June {meeting.year}"
        )
        purpose_zh = f"本公司截至{meeting.year}年6月30日止六個月的中期業績"
    body = (
        f'The board of directors (the "Board") of {c.full} (the "Company") announces that a '
        f"meeting of the Board will be held on {calendar.day_name[meeting.weekday()]}, "
        f"{long_date(meeting)} for the purpose of, among other things, considering and approving "
        f"{purpose_en} and its publication, and considering the payment of a dividend, if any."
    )
    text = f"{_header_en(c)}\nDATE OF BOARD MEETING\n\n{body}\n\n{_signoff_en(c, released)}\n"
    gold = ctx.gold("DATE OF BOARD MEETING")
    docs = [ctx.doc(text=text, title="Date of Board Meeting", t1code="10000", t2codes=["13150"],
                    gold=gold)]  # fmt: skip
    if ctx.index == 1 or rng.random() < 0.5:
        weekday = "一二三四五六日"[meeting.weekday()]
        body_zh = (
            f"{c.zh}（「本公司」）董事會（「董事會」）宣佈，董事會會議將於{zh_date(meeting)}"
            f"（星期{weekday}）舉行，藉以（其中包括）考慮及批准{purpose_zh}及其發佈，以及考慮派發股息"
            "（如有）。"
        )
        text_zh = f"{_header_zh(c)}\n董事會會議日期\n\n{body_zh}\n\n{_signoff_zh(c, released)}\n"
        gold_zh = ctx.gold("董事會會議日期", language="zh")
        docs.append(ctx.doc(text=text_zh, title="董事會會議日期", t1code="10000",
                            t2codes=["13150"], gold=gold_zh, language="zh"))  # fmt: skip
    return docs


def _board_appendix(c: Company) -> str:
    """The second file of the Multi-Files filing: the board list with roles."""
    lines = ["APPENDIX - BOARD OF DIRECTORS", "", "Name  Role"]
    for role, people in (("Executive Director", c.executive),
                         ("Non-executive Director", c.non_executive),
                         ("Independent Non-executive Director", c.independent)):  # fmt: skip
        lines += [f"{p.styled}  {role}" for p in people]
    return "\n".join(lines) + "\n"


def _with_circular(ctx: _Context, english: Document, seed: int) -> None:
    """Make `english` a Multi-Files filing: its announcement plus a circular to shareholders
    on a continuing connected transaction of the same issuer (facts the announcement lacks)."""
    rng = Random(f"circular:{seed}:{ctx.index}")
    circular_ctx = _Context(rng, ctx.company, ctx.released, ctx.slug, ctx.index)
    circular_ctx.entities = ctx.entities  # no entity name twice in one filing
    cct = _cct(circular_ctx)[0]
    c = ctx.company
    cover = (
        "THIS CIRCULAR IS IMPORTANT AND REQUIRES YOUR IMMEDIATE ATTENTION\n\n"
        f"If you have sold or transferred all your shares in {c.full}, you should at once hand "
        "this circular to the purchaser or transferee.\n\n"
        f"{c.full.upper()}\n(Stock Code: {c.code})\n\nCIRCULAR TO SHAREHOLDERS\n"
    )
    circular = f"{cover}\f\n{cct.text}"
    english.file_type = "multi"
    english.relative_links = True
    english.attachments = [("Announcement", english.text), ("Circular", circular)]
    english.text = f"{english.text}\n\f\n{circular}"
    english.gold = _union_gold(english.gold or {}, cct.gold or {})


def _union_gold(first: dict, second: dict) -> dict:
    """Both documents' facts under one filing, each once; header facts from the first."""
    out = dict(first)
    for key in ("transaction_types", "listing_rules_chapters", "parties", "agreements",
                "annual_caps", "connected_persons", "abstained_directors"):  # fmt: skip
        out[key] = list(first.get(key, []))
        out[key] += [x for x in second.get(key, []) if x not in out[key]]
    out["directors"] = {
        role: names + [n for n in second.get("directors", {}).get(role, []) if n not in names]
        for role, names in first.get("directors", {}).items()
    }
    out["evidence"] = {}  # optional in the gold; the extractor's own evidence names the file
    return out


BUILDERS = {
    "cct": _cct,
    "ct": _ct,
    "notifiable": _notifiable,
    "results": _results,
    "monthly": _monthly,
    "board": _board,
}
