"""The one shape every announcement takes inside the replica, whether hand-written or generated.

Why: the catalogue, the renderers and the manifest should not care where a document came
from. A `Document` is exactly the corpus format of docs/architecture.md: text with form-feed
page breaks, the meta that HKEXnews lists, and the gold extraction JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    slug: str
    language: str  # "en" | "zh"
    text: str
    stock_codes: list[str]
    stock_names: list[str]
    title: str
    headline: str
    t1code: str
    t2codes: list[str]
    file_type: str = "pdf"  # "pdf" | "htm" | "multi"
    edition_of: str | None = None  # the English slug, on a Chinese edition
    gold: dict | None = None
    source: str = "corpus"  # "corpus" | "generated"
    # Files of a Multi-Files filing, in a sub-folder named by the news id: (label, text) drawn
    # as a PDF, or (label, text, "htm") served as an .htm document.
    attachments: list[tuple[str, ...]] = field(default_factory=list)
    # Landing-page links relative to the page (`<news id>/<file>`) instead of site paths.
    relative_links: bool = False
    # Re-filing whose SHORT_TEXT carries the "(Headlines Revised)" prefix.
    headlines_revised: bool = False

    @property
    def pages(self) -> list[str]:
        return split_pages(self.text)

    def meta(self) -> dict:
        """The `<slug>.meta.json` form of this document."""
        out = {
            "stock_codes": self.stock_codes,
            "stock_names": self.stock_names,
            "title": self.title,
            "headline": self.headline,
            "t1code": self.t1code,
            "t2codes": self.t2codes,
            "language": self.language,
            "file_type": "pdf" if self.file_type == "multi" else self.file_type,
        }
        if self.edition_of:
            out["edition_of"] = self.edition_of
        return out


def split_pages(text: str) -> list[str]:
    """Pages are separated by a line holding only a form feed (a bare form feed also counts)."""
    return [p.strip("\n") for p in text.replace("\r\n", "\n").split("\f")]
