"""Chinese-language extraction: a blank spaCy "zh" pipeline with our patterns as data.

Public surface: `extract_zh(pages) -> dict` (the extraction contract, language "zh"),
`build_nlp()`, and `normalise()` (simplified -> traditional, full-width -> half-width, length
preserved) which edition pairing also uses.
"""

from extract.zh.normalise import normalise, to_simplified
from extract.zh.pipeline import build_nlp, extract_zh

__all__ = ["build_nlp", "extract_zh", "normalise", "to_simplified"]
