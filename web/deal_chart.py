"""The utilisation chart of an agreement as server-rendered SVG (no scripts, no external files).

Why SVG from the server: the page must work without JavaScript and under a CSP that allows no
scripts; one `<svg>` per agreement, a pair of bars per agreement-year: the cap (outline) and the
actual (filled; red when it exceeds the cap, striped when it covers part of the year only).
"""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

import store
from web.formatting import money_short

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 220, 18, 44, 8


def utilisation_svg(years: list[store.AgreementYear]) -> Markup:
    """The chart of `years`, or nothing when no year has a cap or an actual."""
    shown = [y for y in years if y.cap is not None or y.actual is not None]
    if not shown:
        return Markup("")
    largest = max(max(y.cap or 0, y.actual or 0) for y in shown) or Decimal(1)
    slot = (WIDTH - LEFT * 2) / len(shown)
    bar = min(36.0, slot / 3)
    plot = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="utilisation" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
        'aria-labelledby="chart-title"><title id="chart-title">Annual cap and actual amount '
        "per agreement-year</title>",
        '<defs><pattern id="partial" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#135d96"/></pattern>'
        "</defs>",
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - LEFT}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#b8c0cc"/>',
    ]
    for i, y in enumerate(shown):
        x = LEFT + i * slot + slot / 2
        label = escape(y.period_end.isoformat()[:7] if y.period_end else "?")
        if y.cap is not None:
            h = float(y.cap / largest) * plot
            parts.append(
                f'<rect class="cap" x="{x - bar:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}" fill="#eef1f5" stroke="#0b3d66">'
                f"<title>cap {escape(y.currency or '')} {escape(money_short(y.cap))}</title></rect>"
            )
        if y.actual is not None:
            h = float(y.actual / largest) * plot
            fill = "#c8102e" if y.exceeded else ("url(#partial)" if y.partial else "#135d96")
            css = "actual exceeded" if y.exceeded else "actual"
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}" fill="{fill}">'
                f"<title>actual {escape(y.currency or '')} {escape(money_short(y.actual))}"
                f"{' (part of the year)' if y.partial else ''}</title></rect>"
            )
        if y.utilisation is not None:
            top = HEIGHT - BOTTOM - float(max(y.cap or 0, y.actual or 0) / largest) * plot - 4
            parts.append(
                f'<text x="{x:.1f}" y="{top:.1f}" text-anchor="middle" font-size="11" '
                f'fill="{"#c8102e" if y.exceeded else "#4a5565"}">{y.utilisation}%</text>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11" fill="#4a5565">{label}</text>'
        )
    legend_y = HEIGHT - 8
    parts.append(
        f'<g font-size="11" fill="#4a5565"><rect x="{LEFT}" y="{legend_y - 9}" width="10" '
        f'height="10" fill="#eef1f5" stroke="#0b3d66"/><text x="{LEFT + 14}" y="{legend_y}">cap'
        f'</text><rect x="{LEFT + 50}" y="{legend_y - 9}" width="10" height="10" '
        f'fill="#135d96"/><text x="{LEFT + 64}" y="{legend_y}">actual</text><rect '
        f'x="{LEFT + 116}" y="{legend_y - 9}" width="10" height="10" fill="#c8102e"/><text '
        f'x="{LEFT + 130}" y="{legend_y}">actual over its cap</text></g>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
