"""Person names as written in announcements, cleaned to the form the contract keeps.

"Mr. TSANG Wing Hong (Chairman)" -> "TSANG Wing Hong"; "Tat Joel, CHANG" -> "Tat Joel CHANG";
"Dr. Li Ka-shing, GBM, JP" -> "Li Ka-shing". `person_key` compares names written in either order,
with the store's one person-name key.
"""

from __future__ import annotations

import re

from store.names import name_key

TITLES = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "madam",
    "mdm",
    "mdm.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "sir",
    "dame",
    "messrs",
    "messrs.",
    "hon.",  # only with its dot: "Hon" alone is a given-name syllable ("Hon Kit WONG")
    "honourable",
    "honorable",
    "rev.",
    "reverend",
    "lord",
    "lady",
    "ir",
    "ir.",
    "dato",
    "dato'",
    "datuk",
    "datin",
}
HONOURS = {
    "jp",
    "sbs",
    "bbs",
    "gbs",
    "gbm",
    "mh",
    "obe",
    "mbe",
    "cbe",
    "kbe",
    "phd",
    "ph.d.",
    "fcpa",
    "cpa",
    "fcca",
    "acca",
    "sc",
    "qc",
    "jr",
    "jr.",
    "mba",
    "esq",
    "esq.",
}
#: the titles as patterns find them before a name (TITLES strips them off a name found):
#: the short ones are written with a full stop ("Mr.", "Dr.") or, in some texts, without
ABBREVIATED_TITLES = ("Mr", "Ms", "Mrs", "Dr", "Ir", "Prof")
#: a word of a name as written after its title: "TSANG", "Ka-shing", "O'Brien"
_NAME_WORD = r"[A-Z][\w'\-]*"


def title_rx(titles: tuple[str, ...], dot: str = "") -> str:
    """A pattern for one of `titles` written with `dot`: "." (it must have its full stop),
    ".?" (it may) or "" (it has none: "Sir", "Madam")."""
    return f"(?:{'|'.join(re.escape(t) for t in titles)}){re.escape(dot[:1])}{dot[1:]}"


def titled_name_rx(*titles: str, words: int = 4, commas: bool = False) -> str:
    """A pattern for a titled name: one of the `titles` patterns (`title_rx`), then the name of
    up to `words` capitalised words as group 1 ("Mr. TSANG Wing Hong"); with `commas`, the
    words may be separated by commas too ("Mr. Tat Joel, CHANG")."""
    sep = r",?\s+" if commas else r"\s+"
    return rf"(?:{'|'.join(titles)})\s+((?:{_NAME_WORD}{sep}){{0,{words - 1}}}{_NAME_WORD})"


#: Malaysian titles of two words, the first of which is also a surname ("TAN Ah Kow")
_TWO_WORD_TITLE = re.compile(r"^\s*(?:(?:Tan|Puan)\s+Sri|Toh\s+Puan|Datuk\s+Seri)\s+(?=[A-Z]{2,})")
_PAREN = re.compile(r"\([^()]*\)|（[^（）]*）")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def clean_person(text: str) -> str:
    """A name without titles, honours, parentheticals or Chinese characters."""
    text = _PAREN.sub(" ", text)
    text = _CJK.sub(" ", text)
    text = _TWO_WORD_TITLE.sub("", text)  # "Tan Sri CHONG Kok Weng" (not the surname TAN)
    pieces = [p.strip() for p in text.split(",")]
    kept: list[str] = []
    for piece in pieces:
        words = piece.split()
        while words and words[0].lower().strip(",;") in TITLES:
            words.pop(0)  # titles lead: "Mr. KO Man Hon" keeps its "Hon"
        while words and words[-1].lower().strip(",;") in HONOURS:
            words.pop()
        if not words:
            continue
        if kept and (_is_surname_piece(words, kept[-1]) or _is_english_name(words, kept[-1])):
            kept[-1] = f"{kept[-1]} {' '.join(words)}"  # "Tat Joel, CHANG", "WONG Ka Fai, Kevin"
        elif not kept:
            kept.append(" ".join(words))
    name = kept[0] if kept else ""
    return " ".join(name.replace(";", " ").split()).strip(" .,:;")


def _is_surname_piece(words: list[str], before: str) -> bool:
    """ "CHANG" after "Tat Joel": a lone capitalised surname completing the previous piece."""
    if len(words) != 1 or words[0].lower() in HONOURS:
        return False
    word = words[0].strip(".")
    has_caps_surname = any(w.isupper() and len(w) > 1 for w in before.split())
    return word.isupper() and len(word) > 1 and not has_caps_surname


_NOT_GIVEN_NAMES = {"chairman", "chairwoman", "chairperson", "director", "deputy", "vice"}


def _is_english_name(words: list[str], before: str) -> bool:
    """ "Kevin" after "WONG Ka Fai": the English name Hong Kong prints after a comma."""
    if len(words) != 1:
        return False
    word = words[0].strip(".")
    has_caps_surname = any(w.isupper() and len(w) > 1 for w in before.split())
    return (
        has_caps_surname
        and word.istitle()
        and word.isalpha()
        and word.lower() not in _NOT_GIVEN_NAMES | HONOURS
    )


def has_surname(full: str, short: str) -> bool:
    """ "LEONG Ka Hou, Antonio" has the surname "Leong": the word in capitals, else (no word in
    capitals, "Lui Chun Wah", "Stefan Hofmann") the first or the last word."""
    words = [w for w in re.split(r"[\s,]+", full.strip()) if w]
    if len(short.split()) != 1 or len(words) < 2:
        return False
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    surnames = caps[:1] if caps else [words[0], words[-1]]
    return short.lower() in {w.lower() for w in surnames}


def person_key(name: str) -> str:
    """The store's one person key of the cleaned name: "Jun LEI" and "LEI Jun" are one person,
    so are "WONG Hon-Kit" and "Hon Kit WONG"; "WONG Kit" is not (store.name_key)."""
    if _CJK.search(name) and not re.search(r"[A-Za-z]", name):
        return name_key(name)  # 雷軍: clean_person keeps no Chinese characters
    return name_key(clean_person(name))
