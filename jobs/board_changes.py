"""Appointments and resignations read off "Change in Directors" announcements, and a board
member's sightings and changes turned into directorship periods.

Kept simple on purpose: the extraction gives no leaver (a board paragraph lists who stays), so
an announcement whose headline category is "Change in Directors or of Important Executive
Functions or Responsibilities" (更換董事…), or whose title says resignation / appointment, is
read sentence by sentence. A sentence that says resign / retire / cease (or appoint) and
writes a name the issuer's other filings know is that person's resignation (appointment),
dated by the sentence's "with effect from" date (自…起生效), else the filing's. Names are
compared whatever their punctuation and script ("Wong Hon-Kit," = "WONG Hon Kit"; 黃漢傑 =
黄汉杰); a name no other filing of the issuer wrote is not found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import store
from store import FilingSource

#: (day, order on that day: sightings and appointments before resignations, role, filing key)
BoardEvent = tuple[dt.date, int, str, str]

_CHANGE_HEADLINE = re.compile(r"change in directors|更換董事", re.I)
_CHANGE_TITLE = re.compile(r"\b(?:resign|retire|appoint|re-?designat)|辭任|退任|委任|調任", re.I)
_LEAVING = re.compile(
    r"\b(?:resign|retire|ceas|step(?:ped)? down|removed)|辭任|退任|不再擔任", re.I
)
_JOINING = re.compile(r"\bappoint|委任|獲委任", re.I)
_SENTENCE = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bIr)(?<!\bMdm)\.\s+|[。；;\n]")
_EFFECT_EN = re.compile(r"with effect from\s+(\d{1,2}\s+[A-Za-z]+\s*,?\s+\d{4})", re.I)
_EFFECT_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_change_in_directors(f: FilingSource) -> bool:
    heads = " ".join([f.headline or "", f.headline_t1 or "", *f.headline_t2])
    return bool(_CHANGE_HEADLINE.search(heads) or _CHANGE_TITLE.search(f.title or ""))


def changes_in(
    text: str, known: dict[str, list[str]], day: dt.date, filing_key: str
) -> list[tuple[str, BoardEvent]]:
    """(node, event) for every known person (node -> their names) a sentence of `text` says
    resigned or was appointed; `day` is the filing's, for a sentence that gives no date."""
    names = [(flat(n), node) for node, written in known.items() for n in written]
    names = [(name, node) for name, node in names if len(name.strip()) >= 2]
    found: list[tuple[str, BoardEvent]] = []
    for sentence in _SENTENCE.split(text):
        leaving, joining = _LEAVING.search(sentence), _JOINING.search(sentence)
        if not (leaving or joining):
            continue
        words = flat(sentence)
        joined = words.replace(" ", "")
        when = effective(sentence) or day
        order, role = (1, "resigned") if leaving else (0, "appointed")
        for name, node in names:
            # Chinese is written without spaces: a Chinese name is found anywhere
            if name in words or (_CJK_CHAR.search(name) and name.strip() in joined):
                found.append((node, (when, order, role, filing_key)))
    return found


@dataclass
class Period:
    start: dt.date | None  # None: known only to have ended
    end: dt.date | None  # the first day off the board; None: still on it
    role: str = "director"
    filings: set[str] = field(default_factory=set)


def periods(events: list[BoardEvent]) -> Iterable[Period]:
    """Board events -> directorships: from the first sighting or appointment to the next
    resignation; a later sighting opens a new one. The board paragraph of the announcement
    that appoints someone does not start their term: the appointment's date does."""
    appointed_in = {filing_key for _, _, role, filing_key in events if role == "appointed"}
    events = [e for e in events if e[2] == "appointed" or e[3] not in appointed_in]
    current: Period | None = None
    for day, _order, role, filing_key in sorted(events):
        if role == "resigned":
            current = current or Period(None, None)
            current.end = day
            current.filings.add(filing_key)
            yield current
            current = None
            continue
        current = current or Period(day, None)
        if role not in ("appointed", "director"):
            current.role = role
        current.filings.add(filing_key)
    if current is not None:
        yield current


def flat(text: str) -> str:
    """Lower case, one Chinese script, words between single spaces (hyphens, dots, commas
    dropped): for finding a name in a sentence whatever its punctuation or script."""
    return " " + " ".join(re.findall(r"[^\W_]+", store.fold(text.casefold()))) + " "


def effective(sentence: str) -> dt.date | None:
    """The "with effect from 15 March 2024" (自2024年3月15日起生效) date of a sentence."""
    m = _EFFECT_EN.search(sentence)
    if m:
        for fmt in ("%d %B %Y", "%d %b %Y"):
            try:
                return dt.datetime.strptime(m.group(1).replace(",", ""), fmt).date()
            except ValueError:
                continue
    z = _EFFECT_ZH.search(sentence)
    if z and "生效" in sentence:
        try:
            return dt.date(int(z.group(1)), int(z.group(2)), int(z.group(3)))
        except ValueError:
            return None
    return None
