"""Whole deal lives: one agreement's filings from announcement to renewal, with the answer key.

Why: a filing stands alone; a deal does not. Each life is four filings of one issuer about one
continuing connected transaction agreement, released in order over the replica's days:
the original announcement (with a Chinese edition), a revision of its annual caps, a
supplemental agreement, and the renewal, which reports the historical (actual) amounts of the
old term: one year's actual exceeds its (revised) cap, the last year is a part-year. The
agreement years follow the agreement's own term (they may lie after the replica's calendar:
only their order matters). `DealLife.answer()` is the key tests compare with: every filing's
part in the deal and each agreement-year's cap, actual and whether the cap was exceeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from .documents import Document
from .generator import (
    AGREEMENTS,
    _cct_zh,
    _Context,
    _first_of_next_month,
    _header_en,
    _periods,
    _role,
    _signoff_en,
    company_pool,
    long_date,
    money,
    zh_money,
)

LIVES = 2
STEPS = ("original", "revision", "supplement", "renewal")


@dataclass
class DealLife:
    stock_code: str
    agreement: str
    groups: list[list[Document]]  # per step: the English document, then any Chinese edition
    years: list[dict] = field(default_factory=list)

    def answer(self, news_ids: dict[str, str]) -> dict:
        """The answer key: the filings (by news id) in order with their parts, and the years."""
        return {
            "stock_code": self.stock_code,
            "agreement": self.agreement,
            "filings": [
                {
                    "news_id": news_ids[d.slug],
                    "slug": d.slug,
                    "role": STEPS[k],
                    "language": d.language,
                }  # fmt: skip
                for k, group in enumerate(self.groups)
                for d in group
            ],
            "years": self.years,
        }


def deal_lives(
    seed: int, dates: list[list[date]], reserved: frozenset[str] = frozenset()
) -> list[DealLife]:
    """`len(dates)` deal lives for `seed`, life i's four filings released on `dates[i]`."""
    pool = company_pool(seed, reserved)
    rng = Random(f"deals:{seed}")
    companies = rng.sample(range(len(pool)), len(dates))
    return [
        _life(seed, i, pool[c], released)
        for i, (c, released) in enumerate(zip(companies, dates, strict=True))
    ]


def _life(seed: int, i: int, company, released: list[date]) -> DealLife:  # noqa: ANN001
    rng = Random(f"deal:{seed}:{i}")
    slug = f"{company.code}-{released[0]:%Y%m%d}-deal{i}"
    ctx = _Context(rng, company, released[0], f"{slug}-original", 10_000 + i)
    sub, cp = ctx.entity(), ctx.entity()
    person = rng.choice(company.executive + company.non_executive)
    role_text, role_gold, role_zh = _role(company, person)
    pct = rng.choice([51, 60, 70, 100])
    chosen = AGREEMENTS[i % len(AGREEMENTS)]
    name = chosen[0]
    currency = rng.choice(["RMB", "HKD"])
    start = _first_of_next_month(released[0])
    end = date(start.year + 2, 12, 31)
    periods = _periods(start, end)
    base = rng.randint(40, 200) * 100_000
    caps = [base + k * 20 * 100_000 for k in range(len(periods))]
    revised = [c + 30 * 100_000 for c in caps]
    revised[0] = caps[0]  # the first year's cap stays; the later ones are revised
    # the first year used 80% of its cap, the second exceeds its revised cap
    actuals = [caps[0] * 8 // 10 // 100_000 * 100_000, revised[1] + 15 * 100_000]
    part_end = date(periods[-1][0].year, 9, 30)
    actuals.append(revised[2] * 6 // 10 // 100_000 * 100_000)
    new_start = date(end.year + 1, 1, 1)
    new_end = date(end.year + 3, 12, 31)
    new_periods = _periods(new_start, new_end)
    new_caps = [revised[2] + (k + 1) * 25 * 100_000 for k in range(len(new_periods))]
    facts = dict(company=company, sub=sub, cp=cp, person=person, role=role_text, pct=pct,
                 name=name, subject=chosen[2].format(cp=cp.short), currency=currency)  # fmt: skip

    original = _original(ctx, facts, released[0], start, end, periods, caps)
    caps_zh = [
        (label_zh, zh_money(currency, c)) for (_, _, label_zh), c in zip(periods, caps, strict=True)
    ]
    chinese = _cct_zh(ctx, sub, cp, person, pct, role_zh, chosen, start, end, caps_zh)
    revision = _revision(_step(ctx, slug, "revision", released[1]), facts, released, periods,
                         caps, revised)  # fmt: skip
    supplement = _supplement(_step(ctx, slug, "supplement", released[2]), facts, released)
    renewal = _renewal(
        _step(ctx, slug, "renewal", released[3]),
        facts,
        released,
        periods,
        revised,
        actuals,
        part_end,
        new_start,
        new_end,
        new_periods,
        new_caps,
    )
    years = []
    for k, (period_end, label, _) in enumerate(periods):
        actual = actuals[k]
        full_year = k < len(periods) - 1
        years.append({"period_end": period_end.isoformat(), "period_label": label,
                      "currency": currency, "cap": revised[k], "actual": actual,
                      "partial": not full_year, "exceeded": actual > revised[k]})  # fmt: skip
    for (period_end, label, _), cap in zip(new_periods, new_caps, strict=True):
        years.append({"period_end": period_end.isoformat(), "period_label": label,
                      "currency": currency, "cap": cap, "actual": None, "partial": False,
                      "exceeded": False})  # fmt: skip
    return DealLife(
        stock_code=company.code,
        agreement=name,
        groups=[[original, chinese], [revision], [supplement], [renewal]],
        years=years,
    )


def _step(ctx: _Context, slug: str, step: str, released: date) -> _Context:
    return _Context(ctx.rng, ctx.company, released, f"{slug}-{step}", ctx.index)


def _gold(ctx: _Context, f: dict, title: str) -> dict:
    gold = ctx.gold(title)
    gold["transaction_types"] = ["continuing connected transaction"]
    gold["listing_rules_chapters"] = ["14A"]
    gold["parties"] = [
        {"name": f["sub"].short, "full_name": f["sub"].full, "chinese_name": f["sub"].zh},
        {"name": f["cp"].short, "full_name": f["cp"].full, "chinese_name": f["cp"].zh},
    ]
    return gold


def _connection(f: dict) -> str:
    cp, person = f["cp"], f["person"]
    return (
        f"As at the date of this announcement, {cp.short} is owned as to {f['pct']}% by "
        f"{person.styled}, {f['role']}. {cp.short} is therefore an associate of "
        f"{person.styled} and a connected person of the Company under Chapter 14A of the "
        f"Listing Rules, and the transactions contemplated under the {f['name']} constitute "
        "continuing connected transactions of the Company."
    )


def _definitions(ctx: _Context, f: dict) -> str:
    c, sub, cp = ctx.company, f["sub"], f["cp"]
    return "\n".join([
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
    ])  # fmt: skip


def _document(ctx: _Context, title: str, body: str, gold: dict, f: dict) -> Document:
    c = ctx.company
    text = (
        f"{_header_en(c)}\n{title.replace(' - ', chr(10))}\n\n{body}\n\f\n"
        f"{_definitions(ctx, f)}\n\n{_signoff_en(c, ctx.released)}\n"
    )
    gold["title"] = title.replace(" - ", " ")
    return ctx.doc(text=text, title=title, t1code="10000", t2codes=["11300"], gold=gold)


def _cap_rows(periods: list, amounts: list[int], currency: str) -> list[str]:
    return [
        f"For the {label}  {money(currency, a)}"
        for (_, label, _), a in zip(periods, amounts, strict=True)
    ]


def _original(ctx: _Context, f: dict, released: date, start: date, end: date, periods: list,
              caps: list[int]) -> Document:  # fmt: skip
    sub, cp, name, currency = f["sub"], f["cp"], f["name"], f["currency"]
    title = f"CONTINUING CONNECTED TRANSACTIONS - {name.upper()}"
    gold = _gold(ctx, f, title)
    gold["agreements"] = [{"name": name, "date": released.isoformat(),
                           "term_start": start.isoformat(), "term_end": end.isoformat(),
                           "parties": [sub.short, cp.short]}]  # fmt: skip
    gold["annual_caps"] = [
        {"amount": a, "currency": currency, "period_end": p.isoformat(), "period_label": label,
         "agreement": name, "category": None}
        for (p, label, _), a in zip(periods, caps, strict=True)
    ]  # fmt: skip
    body = "\n".join([
        f"The Board announces that on {long_date(released)}, {sub.short}, a wholly-owned "
        f"subsidiary of the Company, entered into the {name} with {cp.short}, pursuant to "
        f"which {f['subject']}, for a term commencing on {long_date(start)} and ending on "
        f"{long_date(end)}.",
        "",
        "LISTING RULES IMPLICATIONS",
        "",
        _connection(f),
        "\f",
        f"PRINCIPAL TERMS OF THE {name.upper()}",
        "",
        f"Date:  {long_date(released)}",
        f"Parties:  (1) {sub.short}; and",
        f"  (2) {cp.short}",
        f"Term:  from {long_date(start)} to {long_date(end)} (both days inclusive)",
        "",
        f"The annual caps under the {name} are set out below:",
        "",
        "Period  Annual cap",
        *_cap_rows(periods, caps, currency),
    ])  # fmt: skip
    return _document(ctx, title, body, gold, f)


def _revision(ctx: _Context, f: dict, released: list[date], periods: list, caps: list[int],
              revised: list[int]) -> Document:  # fmt: skip
    name, currency = f["name"], f["currency"]
    title = f"CONTINUING CONNECTED TRANSACTIONS - REVISION OF ANNUAL CAPS UNDER THE {name.upper()}"
    gold = _gold(ctx, f, title)
    gold["agreements"] = [
        {
            "name": name,
            "date": released[0].isoformat(),
            "term_start": None,
            "term_end": None,
            "parties": [f["sub"].short, f["cp"].short],
        }
    ]
    changed = [(p, c, r) for p, c, r in zip(periods, caps, revised, strict=True) if c != r]
    gold["annual_caps"] = [
        {"amount": r, "currency": currency, "period_end": p[0].isoformat(),
         "period_label": p[1], "agreement": name, "category": None}
        for p, _, r in changed
    ]  # fmt: skip
    rows = [f"For the {p[1]}  {money(currency, c)}  {money(currency, r)}" for p, c, r in changed]
    body = "\n".join([
        f"Reference is made to the announcement of the Company dated {long_date(released[0])} "
        f"in relation to the {name} entered into between {f['sub'].short} and {f['cp'].short}.",
        "",
        "As the demand of the Group has grown faster than expected, the Board announces that on "
        f"{long_date(released[1])}, the Board resolved to revise the annual caps under the "
        f"{name} for the remaining years of its term.",
        "",
        "REVISED ANNUAL CAPS",
        "",
        f"The existing annual caps and the revised annual caps under the {name} are as follows:",
        "",
        "Period  Existing annual cap  Revised annual cap",
        *rows,
        "",
        f"Save for the revision of the annual caps, the terms of the {name} remain unchanged.",
        "",
        "LISTING RULES IMPLICATIONS",
        "",
        _connection(f),
    ])  # fmt: skip
    return _document(ctx, title, body, gold, f)


def _supplement(ctx: _Context, f: dict, released: list[date]) -> Document:
    name = f["name"]
    title = f"CONTINUING CONNECTED TRANSACTIONS - SUPPLEMENTAL AGREEMENT TO THE {name.upper()}"
    gold = _gold(ctx, f, title)
    gold["agreements"] = [
        {"name": "Supplemental Agreement", "date": released[2].isoformat(), "term_start": None,
         "term_end": None, "parties": [f["sub"].short, f["cp"].short]},
        {"name": name, "date": released[0].isoformat(), "term_start": None, "term_end": None,
         "parties": [f["sub"].short, f["cp"].short]},
    ]  # fmt: skip
    body = "\n".join([
        f"Reference is made to the announcements of the Company dated {long_date(released[0])} "
        f"and {long_date(released[1])} in relation to the {name}.",
        "",
        f"The Board announces that on {long_date(released[2])}, {f['sub'].short} and "
        f"{f['cp'].short} entered into a supplemental agreement to the {name} (the "
        '"Supplemental Agreement"), pursuant to which the pricing terms of the '
        f"{name} are amended so that prices are reviewed every quarter by reference to "
        "prevailing market prices.",
        "",
        f"Save as amended by the Supplemental Agreement, all other terms of the {name}, "
        "including its term and its annual caps as revised, remain in full force and effect.",
        "",
        "LISTING RULES IMPLICATIONS",
        "",
        _connection(f),
    ])  # fmt: skip
    return _document(ctx, title, body, gold, f)


def _renewal(ctx: _Context, f: dict, released: list[date], periods: list, revised: list[int],
             actuals: list[int], part_end: date, new_start: date, new_end: date,
             new_periods: list, new_caps: list[int]) -> Document:  # fmt: skip
    name, currency, sub, cp = f["name"], f["currency"], f["sub"], f["cp"]
    title = f"RENEWAL OF CONTINUING CONNECTED TRANSACTIONS - {name.upper()}"
    gold = _gold(ctx, f, title)
    gold["agreements"] = [{"name": name, "date": released[0].isoformat(),
                           "term_start": new_start.isoformat(), "term_end": new_end.isoformat(),
                           "parties": [sub.short, cp.short]}]  # fmt: skip
    gold["annual_caps"] = [
        {"amount": a, "currency": currency, "period_end": p.isoformat(), "period_label": label,
         "agreement": name, "category": None}
        for (p, label, _), a in zip(new_periods, new_caps, strict=True)
    ]  # fmt: skip
    past = periods[:-1]
    gold["historical_amounts"] = [
        {"amount": amount, "currency": currency, "period_end": p.isoformat(),
         "period_label": label.replace("ending", "ended"), "agreement": name,
         "category": None, "kind": kind}
        for (p, label, _), a, r in zip(past, actuals, revised, strict=False)
        for amount, kind in ((a, "actual"), (r, "cap"))
    ] + [{"amount": actuals[-1], "currency": currency, "period_end": part_end.isoformat(),
          "period_label": f"nine months ended {long_date(part_end)}", "agreement": name,
          "category": None, "kind": "actual"}]  # fmt: skip
    history = [
        f"For the {label.replace('ending', 'ended')}  {money(currency, r)}  {money(currency, a)}"
        for (_, label, _), r, a in zip(past, revised, actuals, strict=False)
    ]
    body = "\n".join([
        f"Reference is made to the announcements of the Company dated {long_date(released[0])}, "
        f"{long_date(released[1])} and {long_date(released[2])} in relation to the {name}.",
        "",
        f"As the {name} will expire on {long_date(periods[-1][0])}, the Board announces that on "
        f"{long_date(released[3])}, {sub.short} and {cp.short} agreed to renew the {name} for "
        f"a further term from {long_date(new_start)} to {long_date(new_end)} on substantially "
        "the same terms.",
        "",
        "HISTORICAL TRANSACTION AMOUNTS",
        "",
        f"The historical transaction amounts under the {name} were as follows:",
        "",
        "Period  Annual cap  Actual transaction amount",
        *history,
        "",
        f"The actual transaction amount under the {name} for the nine months ended "
        f"{long_date(part_end)} was approximately {money(currency, actuals[-1])}.",
        "",
        "\f",
        "PROPOSED ANNUAL CAPS",
        "",
        f"The proposed annual caps under the renewed {name} are set out below:",
        "",
        "Period  Annual cap",
        *_cap_rows(new_periods, new_caps, currency),
        "",
        "LISTING RULES IMPLICATIONS",
        "",
        _connection(f),
    ])  # fmt: skip
    return _document(ctx, title, body, gold, f)
