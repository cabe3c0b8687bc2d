"""pdfium's answers for every character of a text page, as numpy arrays, in one C call each.

Why: the fast reader (extract/pdfium_read.py) needs five things of every character; called
from Python that is one ctypes call per character and question, a third of its reading time.
extract/pdfium_chars.c loops in C through the same pdfium functions; `make install` builds it
(`cc`, no headers or linking). Where it is not built (a machine without a C compiler) the
same calls are made from Python, with the same results: tests/test_extract_pdfium_chars.py
holds the two to each other.
"""

from __future__ import annotations

import ctypes
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np

#: the shared library `make install` builds from extract/pdfium_chars.c
LIBRARY = Path(__file__).with_name("_pdfium_chars.so")


@cache
def compiled() -> ctypes.CDLL | None:
    """The C loops, or None where they are not built (or do not load: another machine's)."""
    try:
        library = ctypes.CDLL(str(LIBRARY))
    except OSError:
        return None
    library.fw_glyph_widths.argtypes = [ctypes.c_void_p, ctypes.c_int] + [ctypes.c_void_p] * 4
    library.fw_glyph_widths.restype = ctypes.c_int
    for name in ("fw_loose_boxes", "fw_origins", "fw_ink_boxes", "fw_objects", "fw_flags"):
        getattr(library, name).argtypes = [ctypes.c_void_p] * 2 + [
            ctypes.c_int,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        getattr(library, name).restype = None
    return library


def _call(name: str, function: object, page: int, indices: np.ndarray | None, out: np.ndarray):
    """Fill `out` by C loop `name` over pdfium `function` for the characters `indices`."""
    library = compiled()
    assert library is not None
    at = None if indices is None else np.ascontiguousarray(indices, np.int32)
    n = len(out)
    getattr(library, name)(
        ctypes.cast(function, ctypes.c_void_p).value,
        page,
        n,
        None if at is None else at.ctypes.data,
        out.ctypes.data,
    )
    return out


def loose_boxes(function: object, page: int, count: int) -> np.ndarray:
    """FPDFText_GetLooseCharBox of characters 0..count-1: (count, 4) float32, left, top,
    right, bottom (FS_RECTF); zeros where pdfium gives none."""
    out = np.zeros((count, 4), np.float32)
    if compiled():
        return _call("fw_loose_boxes", function, page, None, out)
    base = out.ctypes.data
    list(map(function, repeat(page, count), range(count), range(base, base + 16 * count, 16)))
    return out


def origins(function: object, page: int, indices: np.ndarray) -> np.ndarray:
    """FPDFText_GetCharOrigin of characters `indices`: (n, 2) float64, x and y."""
    n = len(indices)
    out = np.zeros((n, 2), np.float64)
    if compiled():
        return _call("fw_origins", function, page, indices, out)
    at = out.ctypes.data
    list(map(function, repeat(page, n), indices.tolist(), range(at, at + 16 * n, 16),
             range(at + 8, at + 16 * n, 16)))  # fmt: skip
    return out


def ink_boxes(function: object, page: int, indices: np.ndarray) -> np.ndarray:
    """FPDFText_GetCharBox of characters `indices`: (n, 4) float64, left, right, bottom,
    top."""
    n = len(indices)
    out = np.zeros((n, 4), np.float64)
    if compiled():
        return _call("fw_ink_boxes", function, page, indices, out)
    at = out.ctypes.data
    list(map(function, repeat(page, n), indices.tolist(),
             *(range(at + 8 * k, at + 32 * n, 32) for k in range(4))))  # fmt: skip
    return out


def objects(function: object, page: int, count: int) -> np.ndarray:
    """FPDFText_GetTextObject of characters 0..count-1 (0 for a generated one): uint64."""
    if compiled():
        return _call("fw_objects", function, page, None, np.zeros(count, np.uint64))
    return np.array(list(map(function, repeat(page, count), range(count))), np.uint64)


def flags(function: object, page: int, indices: np.ndarray) -> np.ndarray:
    """A yes-or-no pdfium function (FPDFText_IsGenerated, FPDFText_HasUnicodeMapError) of
    characters `indices`: bool."""
    if compiled():
        out = np.zeros(len(indices), np.int32)
        return _call("fw_flags", function, page, indices, out).astype(bool)
    return np.array(list(map(function, repeat(page, len(indices)), indices.tolist())), bool)


def glyph_widths(
    function: object, fonts: np.ndarray, codes: np.ndarray, sizes: np.ndarray
) -> np.ndarray | None:
    """FPDFFont_GetGlyphWidth of each (font handle, code, font size): float32; None where
    pdfium gives one none. From Python, each distinct triple is asked once."""
    n = len(fonts)
    out = np.zeros(n, np.float32)
    fonts = np.ascontiguousarray(fonts, np.uint64)
    codes = np.ascontiguousarray(codes, np.uint32)
    sizes = np.ascontiguousarray(sizes, np.float32)
    library = compiled()
    if library:
        address = ctypes.cast(function, ctypes.c_void_p).value
        data = (fonts.ctypes.data, codes.ctypes.data, sizes.ctypes.data, out.ctypes.data)
        return None if library.fw_glyph_widths(address, n, *data) else out
    width = ctypes.c_float()
    at = ctypes.addressof(width)
    asked: dict[tuple[int, int, float], float] = {}
    for k, key in enumerate(zip(fonts.tolist(), codes.tolist(), sizes.tolist(), strict=True)):
        if key not in asked:
            if not function(*key, at):
                return None
            asked[key] = width.value
        out[k] = asked[key]
    return out
