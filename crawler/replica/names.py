"""Word pools for fictional companies and people, each word with its Chinese rendering.

Why pairs: a generated announcement prints an English name next to its Chinese one, and its
gold JSON states both, so every name must be built from parts whose translation is known.
All names are invented; any likeness to a real issuer is accidental.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

SURNAMES = (
    ("CHAN", "陳"), ("WONG", "黃"), ("LEE", "李"), ("LAU", "劉"), ("CHEUNG", "張"),
    ("LEUNG", "梁"), ("HO", "何"), ("NG", "吳"), ("TANG", "鄧"), ("YIP", "葉"),
    ("CHOW", "周"), ("KWOK", "郭"), ("LAM", "林"), ("TSANG", "曾"), ("FUNG", "馮"),
    ("ZHANG", "張"), ("WANG", "王"), ("LI", "李"), ("LIU", "劉"), ("CHEN", "陳"),
    ("ZHAO", "趙"), ("ZHOU", "周"), ("XU", "徐"), ("SUN", "孫"), ("MA", "馬"),
    ("HU", "胡"), ("GUO", "郭"), ("LIN", "林"), ("YUEN", "袁"), ("SZETO", "司徒"),
)  # fmt: skip

# Hong Kong style given names (written after the surname: "CHAN Wai Ming").
GIVEN_HK = (
    ("Wai Ming", "偉明"), ("Ka Ho", "家豪"), ("Siu Fung", "小峰"), ("Chi Keung", "志強"),
    ("Mei Ling", "美玲"), ("Kin Wah", "建華"), ("Yuk Lan", "玉蘭"), ("Tak Shing", "德成"),
    ("Hoi Yan", "凱欣"), ("Man Kit", "文傑"), ("Wing Sze", "詠詩"), ("Kwok Leung", "國良"),
    ("Suk Yee", "淑儀"), ("Chun Hei", "俊熙"), ("Pui Man", "佩雯"), ("King Fai", "景輝"),
)  # fmt: skip

# Mainland style given names (written before the surname: "Jianguo ZHANG").
GIVEN_PRC = (
    ("Jianguo", "建國"), ("Xiaoming", "曉明"), ("Hui", "慧"), ("Wei", "偉"), ("Lina", "麗娜"),
    ("Haitao", "海濤"), ("Yifan", "一帆"), ("Qiang", "強"), ("Jing", "靜"), ("Dongsheng", "東升"),
    ("Yun", "芸"), ("Zhiwei", "志偉"), ("Xin", "欣"), ("Guoqing", "國慶"),
)  # fmt: skip

BRAND_WORDS = (
    ("Harbourview", "港景"), ("Jade River", "翠江"), ("Pearl Summit", "珠峰"),
    ("Dragon Gate", "龍門"), ("Phoenix Crest", "鳳冠"), ("Golden Crane", "金鶴"),
    ("Silverlake", "銀湖"), ("Orient Bay", "東灣"),
    ("Evergreen Peak", "長青峰"), ("Lotus Bridge", "蓮橋"), ("Lion Rock", "獅子山"),
    ("Sunrise Coast", "旭岸"), ("Bamboo Grove", "竹林"), ("Maple Harbour", "楓港"),
    ("Red Cliff", "赤壁"), ("Jasper", "碧玉"), ("Tianrun", "天潤"), ("Hengxin", "恒信"),
    ("Huafeng", "華豐"), ("Ruida", "瑞達"), ("Kaisheng", "凱盛"), ("Yongtai", "永泰"),
)  # fmt: skip

INDUSTRIES = (
    ("Technology", "科技", "TECH"), ("Logistics", "物流", "LOG"),
    ("Pharmaceutical", "醫藥", "PHARM"), ("Properties", "置業", "PPT"),
    ("Energy", "能源", "ENERGY"), ("Foods", "食品", "FOODS"), ("Textiles", "紡織", "TEXTILE"),
    ("Education", "教育", "EDU"), ("Healthcare", "醫療", "HEALTH"),
    ("Semiconductor", "半導體", "SEMI"), ("Environmental", "環保", "ENV"),
    ("Media", "傳媒", "MEDIA"), ("Shipping", "航運", "SHIP"), ("Construction", "建築", "CONS"),
    ("Auto Parts", "汽車零部件", "AUTO"),
)  # fmt: skip

SUFFIXES = (
    ("Holdings Limited", "控股有限公司", "HLDGS"),
    ("Group Limited", "集團有限公司", "GP"),
    ("International Holdings Limited", "國際控股有限公司", "INTL"),
)

PLACES = (
    ("the Cayman Islands", "開曼群島"),
    ("Bermuda", "百慕達"),
    ("Hong Kong", "香港"),
    ("the British Virgin Islands", "英屬處女群島"),
)

CITIES = (
    ("Shenzhen", "深圳"), ("Guangzhou", "廣州"), ("Shanghai", "上海"), ("Beijing", "北京"),
    ("Hangzhou", "杭州"), ("Chengdu", "成都"), ("Wuhan", "武漢"), ("Xiamen", "廈門"),
    ("Foshan", "佛山"), ("Dongguan", "東莞"), ("Suzhou", "蘇州"), ("Tianjin", "天津"),
)  # fmt: skip

ENTITY_WORDS = (
    ("Hongda", "宏達"), ("Xinyuan", "信源"), ("Jiahe", "嘉和"), ("Fengyuan", "豐源"),
    ("Shengtai", "盛泰"), ("Longxiang", "隆祥"), ("Mingzhu", "明珠"), ("Tianyi", "天藝"),
    ("Baoli", "寶利"), ("Huaxin", "華信"), ("Anda", "安達"), ("Ruixiang", "瑞祥"),
)  # fmt: skip

ENTITY_KINDS = (
    ("Trading", "貿易"), ("Supply Chain", "供應鏈"), ("Property Management", "物業管理"),
    ("Information Technology", "信息技術"), ("Industrial", "實業"), ("Materials", "材料"),
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    """A named individual; `en` is the form printed in English announcements."""

    en: str
    zh: str
    honorific: str  # "Mr." | "Ms."

    @property
    def styled(self) -> str:
        return f"{self.honorific} {self.en}"

    @property
    def zh_styled(self) -> str:
        return f"{self.zh}{'先生' if self.honorific == 'Mr.' else '女士'}"


@dataclass(frozen=True)
class Entity:
    """A company other than the issuer: a subsidiary, counterparty or target."""

    short: str
    full: str
    zh: str


@dataclass
class Company:
    """A fictional listed issuer and its board."""

    code: str
    full: str
    zh: str
    short_en: str  # HKEXnews stock short name
    short_zh: str
    place: tuple[str, str]
    executive: list[Person] = field(default_factory=list)
    non_executive: list[Person] = field(default_factory=list)
    independent: list[Person] = field(default_factory=list)
    second_code: str | None = None  # an RMB counter, listed as a second code on every row

    @property
    def chairman(self) -> Person:
        return self.executive[0]

    @property
    def codes(self) -> list[str]:
        return [self.code] + ([self.second_code] if self.second_code else [])

    @property
    def names_en(self) -> list[str]:
        return [self.short_en] + ([f"{self.short_en[:12]}-R"] if self.second_code else [])

    @property
    def names_zh(self) -> list[str]:
        return [self.short_zh] + ([f"{self.short_zh}－Ｒ"] if self.second_code else [])


FEMALE_GIVEN = {"Mei Ling", "Yuk Lan", "Hoi Yan", "Wing Sze", "Suk Yee", "Pui Man", "Hui",
                "Lina", "Jing", "Yun", "Xin"}  # fmt: skip


def make_person(rng: Random, taken: set[str]) -> Person:
    """A person not already in `taken` (compared by English form)."""
    while True:
        surname, surname_zh = rng.choice(SURNAMES)
        if rng.random() < 0.6:
            given, given_zh = rng.choice(GIVEN_HK)
            en = f"{surname} {given}"
        else:
            given, given_zh = rng.choice(GIVEN_PRC)
            en = f"{given} {surname}"
        if en not in taken:
            taken.add(en)
            return Person(en, surname_zh + given_zh, "Ms." if given in FEMALE_GIVEN else "Mr.")


def make_entity(rng: Random, taken: set[str]) -> Entity:
    """A PRC company: short name "Shenzhen Hongda", full "... Trading Co., Ltd."."""
    while True:
        city, city_zh = rng.choice(CITIES)
        word, word_zh = rng.choice(ENTITY_WORDS)
        kind, kind_zh = rng.choice(ENTITY_KINDS)
        short = f"{city} {word}"
        if short not in taken:
            taken.add(short)
            zh = f"{city_zh}{word_zh}{kind_zh}有限公司"
            return Entity(short, f"{short} {kind} Co., Ltd.", zh)


def make_company(rng: Random, code: str, taken_names: set[str]) -> Company:
    while True:
        brand, brand_zh = rng.choice(BRAND_WORDS)
        industry, industry_zh, industry_short = rng.choice(INDUSTRIES)
        suffix, suffix_zh, suffix_short = rng.choice(SUFFIXES)
        full = f"{brand} {industry} {suffix}"
        if full not in taken_names:
            taken_names.add(full)
            break
    short_en = f"{brand.split()[0].upper()} {industry_short}"[:15]
    if suffix_short == "HLDGS" and len(short_en) <= 9:
        short_en = f"{short_en} HLDGS"
    company = Company(
        code=code,
        full=full,
        zh=f"{brand_zh}{industry_zh}{suffix_zh}",
        short_en=short_en,
        short_zh=f"{brand_zh}{industry_zh}",
        place=rng.choice(PLACES),
    )
    people: set[str] = set()
    company.executive = [make_person(rng, people) for _ in range(rng.randint(2, 4))]
    company.non_executive = [make_person(rng, people) for _ in range(rng.randint(0, 2))]
    company.independent = [make_person(rng, people) for _ in range(3)]
    return company
