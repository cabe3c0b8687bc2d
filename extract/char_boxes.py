"""pdfminer.six's characters of a page as text and boxes, without its layout objects.

Why: where the fast reader declines a page, pdfminer.six reads it (extract/pdfium_read.py
`_Miner.read`), and most of that went into drawing characters: an `LTChar` per glyph, its
text and width looked up anew each time, four matrix products through function calls. A
declined CJK page draws a thousand. `char_boxes(aggregator)` is pdfminer.six's page
aggregator that keeps each top-level character of a horizontal font as (text, x0, y0, x1,
y1) in `chars`, computed with the arithmetic of `PDFTextDevice.render_string_horizontal`,
`PDFLayoutAnalyzer.render_char` and `LTChar`, operation for operation, so every box is
pdfminer.six's to the last bit; each glyph's text and width are looked up once a font. A
character in a figure is drawn as pdfminer.six draws it (no one reads it), and one in a
vertical font is made by pdfminer.six and taken back into `chars`, in drawing order.
tests/test_extract_char_boxes.py compares its boxes with `LTChar`'s bit for bit, and
tests/test_extract_pdfium.py forces every page through it against the reference.
"""

from __future__ import annotations

import logging
from typing import Any

from pdfminer.pdffont import PDFUnicodeNotDefined

logger = logging.getLogger(__name__)

Box = tuple[str, float, float, float, float]


def char_boxes(aggregator: type) -> type:
    """`aggregator` (pdfminer.six's PDFPageAggregator) that keeps its top-level characters in
    `chars` (reset it before each page) instead of making them."""

    class CharBoxes(aggregator):
        chars: list[Box]

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.chars = []
            #: per font (keyed by the font itself: pdfminer.six's fonts hash by identity), its
            #: glyphs' text and width
            self._glyphs: dict[object, dict[int, tuple[str, float]]] = {}

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):  # noqa: ANN001, ANN201, PLR0913 - pdfminer.six's
            adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            if not self._stack:  # a vertical font's, at the top level: taken back
                made = self.cur_item._objs.pop()
                self.chars.append((made.get_text(), *made.bbox))
            return adv

        def render_string_horizontal(  # noqa: PLR0913 - pdfminer.six's signature
            self,
            seq,
            matrix,
            pos,
            font,
            fontsize,
            scaling,
            charspace,
            wordspace,
            rise,
            dxscale,  # noqa: ANN001
            ncs,
            graphicstate,  # noqa: ANN001
        ):  # noqa: ANN202
            if self._stack:
                return super().render_string_horizontal(
                    seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,
                    dxscale, ncs, graphicstate,
                )  # fmt: skip
            (a, b, c, d, e, f) = matrix
            (x, y) = pos
            glyphs = self._glyphs.setdefault(font, {})
            descent = font.get_descent() * fontsize
            low, high = descent + rise, descent + rise + fontsize
            chars = self.chars
            needcharspace = False
            for obj in seq:
                if isinstance(obj, (int, float)):
                    x -= obj * dxscale
                    needcharspace = True
                elif isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        if needcharspace:
                            x += charspace
                        glyph = glyphs.get(cid)
                        if glyph is None:
                            glyph = glyphs[cid] = self._glyph(font, cid)
                        text, textwidth = glyph
                        adv = textwidth * fontsize * scaling
                        # utils.translate_matrix(matrix, (x, y))
                        e1, f1 = x * a + y * c + e, x * b + y * d + f
                        # utils.apply_matrix_rect(that, (0, low, adv, high)), LTChar's box
                        left1, bottom1 = a * 0 + c * low + e1, b * 0 + d * low + f1
                        right1, bottom2 = a * adv + c * low + e1, b * adv + d * low + f1
                        right2, top1 = a * adv + c * high + e1, b * adv + d * high + f1
                        left2, top2 = a * 0 + c * high + e1, b * 0 + d * high + f1
                        chars.append(
                            (
                                text,
                                min(left1, left2, right1, right2),
                                min(bottom1, bottom2, top1, top2),
                                max(left1, left2, right1, right2),
                                max(bottom1, bottom2, top1, top2),
                            )
                        )
                        x += adv
                        if cid == 32 and wordspace:
                            x += wordspace
                        needcharspace = True
                else:
                    logger.warning("Cannot render horizontal string: %r", obj)
            return (x, y)

        def _glyph(self, font: Any, cid: int) -> tuple[str, float]:
            """PDFLayoutAnalyzer.render_char's text and width of a glyph (and its errors)."""
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))  # noqa: S101 - as pdfminer.six
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            width = font.char_width(cid)
            font.char_disp(cid)
            return text, width

    return CharBoxes
