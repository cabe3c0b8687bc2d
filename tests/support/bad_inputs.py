"""The bad-input corpus every reader must refuse the same way: a truncated, a corrupt, an
encrypted, an empty and a scanned (images only) PDF, and an HTML error page saved as .pdf.

Shared by tests/test_extract_read.py (each is a typed error with a one-line reason) and the
reader comparison (scripts/compare_readers.py, tests/test_extract_pdfium.py: pdfium's fast
path gives the very same error and reason as pdfminer.six).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .pdfs import render_text_pdf

#: name -> (error class name, words its reason holds)
EXPECTED = {
    "truncated": ("TruncatedPDF", "truncated"),
    "corrupt": ("CorruptPDF", "corrupt"),
    "encrypted": ("EncryptedPDF", "encrypted"),
    "zero": ("EmptyDocument", "0 bytes"),
    "html_error": ("NotAPDF", "HTML page"),
    "scanned": ("ScannedPDF", "no text layer"),
}


def write_bad_inputs(folder: Path, good_text: str) -> dict[str, Path]:
    """Write the corpus into `folder`; `good_text` (corpus convention) is rendered as the
    sound PDF that "truncated" cuts in half. Returns name -> path, "good" included."""
    out: dict[str, Path] = {}
    good = render_text_pdf(good_text, folder / "good.pdf")
    out["good"] = good
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    out["truncated"] = folder / "truncated.pdf"
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    out["corrupt"] = folder / "corrupt.pdf"
    out["encrypted"] = render_text_pdf(
        "A secret announcement.", folder / "encrypted.pdf", encrypt="pw"
    )
    (folder / "zero.pdf").write_bytes(b"")
    out["zero"] = folder / "zero.pdf"
    (folder / "error.pdf").write_bytes(
        b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>x</body></html>"
    )
    out["html_error"] = folder / "error.pdf"
    out["scanned"] = _image_only_pdf(folder / "scanned.pdf")
    return out


def _image_only_pdf(path: Path) -> Path:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    canvas = Canvas(str(path))
    for _ in range(2):
        canvas.drawImage(ImageReader(Image.new("RGB", (120, 80), "gray")), 50, 500, 400, 260)
        canvas.showPage()
    canvas.save()
    return path
