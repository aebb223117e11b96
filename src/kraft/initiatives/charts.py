"""Bar and column charts drawn on the server as SVG: no JavaScript, no external service.

Each chart is an image with a name (``role="img"`` + ``<title>``); the page shows the same figures in a table
next to it, so the chart is never the only way to read them. Colours keep 4.5:1 contrast for text and 3:1 for
the bars against the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#005a8c"
INK = "#1b1f24"
GRID = "#c4ccd4"
FONT = 13


@dataclass(frozen=True)
class Datum:
    label: str
    value: float
    display: str = ""  # the value as the page writes it (1 234 kr, 12 %)

    @property
    def text(self) -> str:
        return self.display or _number(self.value)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(data: Sequence[Datum], *, title: str, chart_id: str, width: int = 640) -> SafeString:
    """Horizontal bars, one row per category, the value written at the end of each bar."""
    label_width, row, gap = 262, 26, 6
    value_room = 80
    plot = width - label_width - value_room
    height = max(1, len(data)) * row + gap * 2
    top = max((d.value for d in data), default=0) or 1
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false"><title id="{chart_id}-title">{escape(title)}</title>',
        f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{height}" stroke="{GRID}" stroke-width="1"/>',
    ]
    for index, datum in enumerate(data):
        y = gap + index * row
        length = 0 if datum.value <= 0 else max(2.0, plot * datum.value / top)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row / 2 + 4:.0f}" text-anchor="end" font-size="{FONT}" '
            f'fill="{INK}">{escape(_truncate(datum.label, 34))}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + row / 2 + 4:.0f}" font-size="{FONT}" '
            f'fill="{INK}">{escape(datum.text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above


def column_chart(data: Sequence[Datum], *, title: str, chart_id: str, width: int = 640) -> SafeString:
    """Vertical columns over time (years or quarters), labels under each column."""
    height, bottom, top_room, left = 240, 42, 22, 8
    plot_h = height - bottom - top_room
    count = max(1, len(data))
    slot = (width - left * 2) / count
    bar_w = max(4.0, min(48.0, slot * 0.7))
    top = max((d.value for d in data), default=0) or 1
    step = max(1, round(count / 12))  # at most about twelve labels under the axis
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false"><title id="{chart_id}-title">{escape(title)}</title>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="{GRID}"/>',
    ]
    for index, datum in enumerate(data):
        x = left + index * slot + (slot - bar_w) / 2
        h = 0 if datum.value <= 0 else max(2.0, plot_h * datum.value / top)
        y = height - bottom - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>')
        if datum.value and (count <= 24 or datum.value == top):
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="{FONT - 1}" '
                f'fill="{INK}">{escape(datum.text)}</text>'
            )
        if index % step == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'font-size="{FONT - 1}" fill="{INK}">{escape(datum.label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
