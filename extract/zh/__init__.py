"""Chinese-language extraction: a blank spaCy "zh" pipeline with our patterns as data.

Public surface: `extraction_zh(pages) -> Extraction` (the extraction contract, language "zh";
`extract_zh(pages) -> dict` its JSON),
`build_nlp()`, and `normalise()` (simplified -> traditional, full-width -> half-width, length
preserved) which edition pairing also uses.
"""

from extract.zh.normalise import normalise, to_simplified
from extract.zh.pipeline import build_nlp, extract_zh, extraction_zh

__all__ = ["build_nlp", "extract_zh", "extraction_zh", "normalise", "to_simplified"]
