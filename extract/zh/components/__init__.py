"""spaCy components of the Chinese pipeline; importing this package registers their factories."""

from extract.zh.components import (  # noqa: F401
    abstain,
    board,
    caps,
    chapters,
    connected,
    consistency,
    definitions,
    header,
    norm,
    txtypes,
)
