"""Typed reading errors. Each one's `str()` is a one-line reason, stored as the row's last_error.

A batch records the reason and moves on, so the message must say what is wrong with the file
itself (not where in our code it broke) in one line.
"""

from __future__ import annotations


class ReadError(Exception):
    """A document we cannot read. `reason` is the one-line text stored with the failure."""

    kind = "unreadable"

    def __init__(self, reason: str) -> None:
        reason = " ".join(str(reason).split())
        super().__init__(reason)
        self.reason = reason


class EncryptedPDF(ReadError):
    kind = "encrypted"


class CorruptPDF(ReadError):
    kind = "corrupt"


class TruncatedPDF(CorruptPDF):
    kind = "truncated"


class EmptyDocument(ReadError):
    kind = "empty"


class ScannedPDF(ReadError):
    kind = "scanned"


class NotAPDF(ReadError):
    kind = "not_pdf"


class UnsupportedFormat(ReadError):
    kind = "unsupported"


class LimitExceeded(ReadError):
    """The per-document time or memory limit of a worker was hit."""

    kind = "limit"
