"""HKEXnews headline categories (tier-1, tier-2 groups, tier-2), in English and Chinese.

Why a module of data: the servlet's LONG_TEXT/SHORT_TEXT breadcrumbs, the `t1code`/`t2code`
filters and the `/ncms/script/eds/tier*_{e,c}.json` files must all agree. Chinese names are
verbatim from tierone_c/tiertwo_c/tiertwogrp_c (hkexnews.md §2); English names are verbatim
where the notes saw them and otherwise our own translation (marked `# ours`). Only the tier-2
codes the replica can emit are listed, a superset of §2.1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TierOne:
    code: str
    en: str
    zh: str


@dataclass(frozen=True)
class TierTwoGroup:
    code: str
    t1code: str
    en: str
    zh: str


@dataclass(frozen=True)
class TierTwo:
    code: str
    t1code: str
    t2gcode: str
    en: str
    zh: str


TIER_ONE: tuple[TierOne, ...] = (
    TierOne("10000", "Announcements and Notices", "公告及通告"),
    TierOne("20000", "Circulars", "通函"),
    TierOne("30000", "Listing Documents", "上市文件"),
    TierOne("40000", "Financial Statements/ESG Information", "財務報表/環境、社會及管治資料"),
    TierOne("50000", "Next Day Disclosure Returns", "翌日披露報表"),
    TierOne("51500", "Monthly Returns", "月報表"),
    TierOne("52000", "Proxy Forms", "委任代表表格"),
    TierOne("53000", "Company Information Sheet (GEM)", "公司資料報表"),
    TierOne("80000", "Trading Information of Exchange Traded Funds", "交易所買賣基金的交易資料"),
    TierOne(
        "81000", "Trading Information of Leveraged and Inverse Products", "槓桿及反向產品的交易資料"
    ),
    TierOne("54000", "Constitutional Documents", "憲章文件"),
    TierOne("56000", "Documents on Display", "展示文件"),
    TierOne("90000", "Regulatory Announcement & News", "監管者發出的公告及消息"),  # ours
    TierOne("55000", "Takeovers Code - dealing disclosures", "合併守則 - 交易披露"),  # ours
    TierOne("70000", "Debt and Structured Products", "債券及結構性產品"),
    TierOne(
        "57000", "Documents on Display (Debt Issuance Programmes)", "展示文件（債務證券發行計劃）"
    ),  # ours
    TierOne("58000", "Documents on Display (Debt Securities)", "展示文件（債務證券）"),  # ours
    TierOne(
        "59000", "Documents on Display (Structured Products)", "展示文件（結構性產品）"
    ),  # ours
    TierOne(
        "91000",
        "Application Proofs, OC Announcements and Post Hearing Information Packs or PHIPs",
        "申請版本、整體協調人公告及聆訊後資料集",
    ),
    TierOne(
        "51000", "Share Buyback Reports (before 1 January 2009)", "股份購回報告 (2009年1月1日前)"
    ),  # ours
)

TIER_TWO_GROUPS: tuple[TierTwoGroup, ...] = (
    TierTwoGroup("1", "10000", "Connected Transactions", "關連交易"),
    TierTwoGroup(
        "2",
        "10000",
        "Changes in Company Status & Committees/Company Changes",
        "公司狀況變動及委員會/公司變動",
    ),
    TierTwoGroup("3", "10000", "Financial Information", "財務資料"),
    TierTwoGroup("4", "10000", "Meetings/Voting", "會議/表決"),
    TierTwoGroup(
        "5",
        "10000",
        "New Listings (Listed Issuers/New Applicants)",
        "新上市（上市發行人/新申請人）",
    ),
    TierTwoGroup("6", "10000", "Notifiable Transactions", "須予公布的交易"),
    TierTwoGroup(
        "7",
        "10000",
        "Reorganisation/Change in Shareholding/Major Changes/Public Float/Listing Status",
        "重組/股權變動/主要改動/公眾持股量/上市地位",
    ),
    TierTwoGroup("8", "10000", "Securities/Share Capital", "證券/股本"),
    TierTwoGroup("9", "10000", "Miscellaneous", "雜項"),
    TierTwoGroup("10", "20000", "Connected Transactions", "關連交易"),
    TierTwoGroup(
        "11",
        "20000",
        "Changes in Company Status & Committees/Company Changes",
        "公司狀況變動及委員會/公司變動",
    ),
    TierTwoGroup("12", "20000", "Meetings/Voting", "會議/表決"),
    TierTwoGroup("13", "20000", "Notifiable Transactions", "須予公布的交易"),
    TierTwoGroup(
        "14",
        "20000",
        "Reorganisation/Change in Shareholding/Major Changes/Public Float/Listing Status",
        "重組/股權改動/主要改動/公眾持股量/上市地位",
    ),
    TierTwoGroup("15", "20000", "Securities/Share Capital", "證券/股本"),
    TierTwoGroup("16", "20000", "Miscellaneous", "雜項"),
    TierTwoGroup("20", "70000", "Derivative Warrants", "衍生權證"),
    TierTwoGroup("21", "70000", "Equity Linked Instruments", "股票掛鉤票據"),
    TierTwoGroup("22", "70000", "Callable Bull/Bear Contracts", "牛熊證"),
    TierTwoGroup("26", "70000", "Debt Securities", "債務證券"),
    TierTwoGroup(
        "28", "70000", "Information of Structured Products Issuers", "結構性產品發行人的資料"
    ),
    TierTwoGroup("30001", "70000", "Debt Issuance Programmes", "債務證券發行計劃"),
)

_T2 = TierTwo
TIER_TWO: tuple[TierTwo, ...] = (
    _T2(
        "11100",
        "10000",
        "1",
        "Auditor or Independent Non-executive Directors Unable to Confirm "
        "Matters relating to Continuing Connected Transactions",  # ours
        "核數師或獨立非執行董事未能確認有關持續關連交易的事宜",
    ),
    _T2("11200", "10000", "1", "Connected Transaction", "關連交易"),
    _T2("11300", "10000", "1", "Continuing Connected Transaction", "持續關連交易"),
    _T2(
        "11400", "10000", "1", "Guaranteed Net Tangible Assets or Profits", "擔保有形資產淨值或溢利"
    ),  # ours
    _T2(
        "11500",
        "10000",
        "1",
        "Waiver from Connected Transaction Requirements",  # ours
        "就關連交易規定所授予的豁免",
    ),
    _T2("12150", "10000", "2", "Change in Auditor", "更換核數師"),
    _T2(
        "12350",
        "10000",
        "2",
        "Change in Directors or of Important Executive Functions or Responsibilities",
        "更換董事或重要行政職能或職責的變更",
    ),
    _T2("12550", "10000", "2", "Change in Company Secretary", "更換公司秘書"),
    _T2(
        "12952",
        "10000",
        "2",
        "List of Directors and their Role and Function",
        "董事名單和他們的地位和作用",
    ),
    _T2("13150", "10000", "3", "Date of Board Meeting", "董事會召開日期"),
    _T2("13250", "10000", "3", "Dividend or Distribution", "股息或分派"),
    _T2("13300", "10000", "3", "Final Results", "末期業績"),
    _T2("13400", "10000", "3", "Interim Results", "中期業績"),
    _T2("13500", "10000", "3", "Profit Warning", "盈利警告"),
    _T2("13600", "10000", "3", "Quarterly Results", "季度業績"),
    _T2("14400", "10000", "4", "Notice of AGM", "股東周年大會通告"),  # ours
    _T2("14500", "10000", "4", "Notice of EGM/SGM", "股東特別大會通告"),
    _T2("14700", "10000", "4", "Results of AGM", "股東周年大會的結果"),
    _T2("14800", "10000", "4", "Results of EGM/SGM", "股東特別大會的結果"),
    _T2(
        "16100",
        "10000",
        "6",
        "Delay in Completion of a Notifiable Transaction",  # ours
        "在完成須予公布的交易方面出現延誤",
    ),
    _T2("16200", "10000", "6", "Discloseable Transaction", "須予披露的交易"),
    _T2("16300", "10000", "6", "Major Transaction", "主要交易"),
    _T2("16400", "10000", "6", "Reverse Takeover", "反收購"),
    _T2("16500", "10000", "6", "Share Transaction", "股份交易"),
    _T2("16600", "10000", "6", "Termination of Transaction", "終止交易"),  # ours
    _T2("16700", "10000", "6", "Variation of Terms", "條款上的更改"),  # ours
    _T2("16800", "10000", "6", "Very Substantial Acquisition", "非常重大的收購事項"),
    _T2("16900", "10000", "6", "Very Substantial Disposal", "非常重大的出售事項"),
    _T2(
        "17100",
        "10000",
        "7",
        "Announcement by Offeree Company under the Takeovers Code",
        "《收購守則》所指的受要約公司刊發的公告",
    ),
    _T2("17200", "10000", "7", "Change in Shareholding", "股權出現變動"),
    _T2("17650", "10000", "7", "Resumption", "復牌"),
    _T2("17850", "10000", "7", "Suspension", "停牌"),
    _T2("18380", "10000", "8", "Issue of Shares under a General Mandate", "根據一般性授權發行股份"),
    _T2("18480", "10000", "8", "Placing", "配售"),
    _T2("18500", "10000", "8", "Rights Issue", "供股"),
    _T2("19750", "10000", "9", "Inside Information", "內幕消息"),
    _T2("19760", "10000", "9", "Other - Business Update", "其他-業務發展最新情況"),
    _T2("19790", "10000", "9", "Other - Miscellaneous", "其他-雜項"),  # ours
    _T2("19850", "10000", "9", "Overseas Regulatory Announcement - Other", "海外監管公告-其他"),
    _T2("21100", "20000", "10", "Connected Transaction", "關連交易"),
    _T2("21200", "20000", "10", "Continuing Connected Transaction", "持續關連交易"),
    _T2(
        "24100",
        "20000",
        "13",
        "Discloseable Transaction (before 1 January 2009)",
        "須予披露的交易 (2009年1月1日前)",
    ),
    _T2("24200", "20000", "13", "Major Transaction", "主要交易"),
    _T2("24300", "20000", "13", "Reverse Takeover", "反收購"),
    _T2("24400", "20000", "13", "Very Substantial Acquisition", "非常重大的收購事項"),
    _T2("24500", "20000", "13", "Very Substantial Disposal", "非常重大的出售事項"),
    _T2("27900", "20000", "16", "Other", "其他"),
    _T2("40100", "40000", "-1", "Annual Report", "年報"),
    _T2("40200", "40000", "-1", "Interim/Half-Year Report", "中期/半年度報告"),
    _T2(
        "40400",
        "40000",
        "-1",
        "Environmental, Social and Governance Information/Report",  # ours
        "環境、社會及管治資料/報告",
    ),
    _T2("50100", "50000", "-1", "Share Buyback", "股份購回"),
    _T2("50200", "50000", "-1", "Others", "其他"),  # ours
    # English names seen in scraped HKEXnews pages (hkexnews.md §2.4), Chinese verbatim:
    _T2(
        "13251",
        "10000",
        "3",
        "Dividend or Distribution (Announcement Form)",
        "股息或分派（公告表格）",
    ),
    _T2("13650", "10000", "3", "Results of a Subsidiary", "附屬公司的業績"),
    _T2("15100", "10000", "5", "Allotment Results", "配發結果"),
    _T2("15200", "10000", "5", "Formal Notice", "正式通告"),
    _T2(
        "17450", "10000", "7", "Group Restructuring or Scheme of Arrangement", "集團重組或協議安排"
    ),
    _T2("17700", "10000", "7", "Spin-off", "分拆"),
    _T2("18140", "10000", "8", "Capitalisation Issue", "資本化發行"),
    _T2(
        "18220",
        "10000",
        "8",
        "Closure of Books or Change of Book Closure Period",
        "暫停辦理過戶登記手續或更改暫停辦理過戶日期",
    ),
    _T2("18240", "10000", "8", "Consideration Issue", "代價發行"),
    _T2("18320", "10000", "8", "Issue of Debt Securities", "發行債務證券"),
    _T2("18400", "10000", "8", "Issue of Shares under a Specific Mandate", "根據特定授權發行股份"),
    _T2("18460", "10000", "8", "Open Offer", "公開招股"),
    _T2(
        "19250",
        "10000",
        "9",
        "Delay in Dispatch of Circular or other Documents",
        "延遲發送通函或其他文件",
    ),
    _T2("30500", "30000", "-1", "Introduction", "介紹"),
    _T2("30600", "30000", "-1", "Offer for Sale", "發售現有證券"),
    _T2("30700", "30000", "-1", "Offer for Subscription", "發售以供認購"),
    _T2("30800", "30000", "-1", "Open Offer", "公開招股"),
    _T2(
        "31000",
        "30000",
        "-1",
        "Placing of Securities of a Class New to Listing",
        "配售上市後的新證券類別",
    ),
    _T2("31100", "30000", "-1", "Rights Issue", "供股"),
    _T2("31200", "30000", "-1", "Supplementary Listing Document", "補充上市文件"),
    _T2("71100", "70000", "20", "Daily Trading Report - DW", "每日交易報告 － 衍生權證"),
    _T2("71500", "70000", "22", "Daily Trading Report - CBBC", "每日交易報告 － 牛熊證"),
)

TIER_ONE_BY_CODE = {t.code: t for t in TIER_ONE}
TIER_TWO_BY_CODE = {t.code: t for t in TIER_TWO}

# The headline-category search starts here; earlier windows answer with a silent zero.
HEADLINE_CATEGORY_START = (2007, 6, 25)


def name_of(item: TierOne | TierTwo | TierTwoGroup, language: str) -> str:
    return item.zh if language == "zh" else item.en


def headline(t1code: str, t2codes: list[str], language: str) -> str | None:
    """The LONG_TEXT breadcrumb `<tier-1> - [<tier-2> / <tier-2>]`, or None for unknown codes.

    Returns None rather than guessing, so callers can fall back to the headline the corpus
    author wrote.
    """
    t1 = TIER_ONE_BY_CODE.get(t1code)
    if t1 is None:
        return None
    if not t2codes:
        return name_of(t1, language)
    names = []
    for code in t2codes:
        t2 = TIER_TWO_BY_CODE.get(code)
        if t2 is None or t2.t1code != t1code:
            return None
        names.append(name_of(t2, language))
    return f"{name_of(t1, language)} - [{' / '.join(names)}]"


def tier_one_json(language: str, counts: dict[str, int]) -> list[dict]:
    """`tierone_{e,c}.json` items, keys in the stored order."""
    return [
        {"code": t.code, "name": name_of(t, language), "count": counts.get(t.code, 0)}
        for t in TIER_ONE
    ]


def tier_two_json(language: str, counts: dict[str, int]) -> list[dict]:
    """`tiertwo_{e,c}.json` items, keys in the stored order."""
    return [
        {
            "t2Gcode": t.t2gcode,
            "count": counts.get(t.code, 0),
            "code": t.code,
            "name": name_of(t, language),
            "t1code": t.t1code,
        }
        for t in sorted(TIER_TWO, key=lambda t: (t.t1code, t.code))
    ]


def tier_two_group_json(language: str) -> list[dict]:
    """`tiertwogrp_{e,c}.json` items, keys in the stored order."""
    return [
        {"code": g.code, "name": name_of(g, language), "t1code": g.t1code} for g in TIER_TWO_GROUPS
    ]


DOC_TYPES: tuple[tuple[str, str, str], ...] = (
    ("10000", "Announcements", "公告"),
    ("11000", "Results Announcements", "業績公告"),
    ("11500", "Financial Statements", "財務報表"),
    ("15200", "Notices of General Meetings", "股東大會通告"),
    ("16000", "Others", "其它"),
    ("18000", "Circulars", "通函"),
)


def doc_json(language: str) -> list[dict]:
    """`doc_{e,c}.json`: pre-2007 document types (the replica holds no document of that era)."""
    return [{"code": c, "name": zh if language == "zh" else en} for c, en, zh in DOC_TYPES]
