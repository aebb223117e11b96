"""The radar chart of an assessment, drawn on the server as SVG (no JavaScript, no external service).

The chart is an image with a title and a description; the page always shows the same figures in a table, so the
chart is never the only way to read them. The shaded band runs from the lowest to the highest respondent score
in each dimension (the spread); the solid line is the dimension's score; a dashed line is the previous round.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1b1f24"
GRID = "#8a96a3"
SCORE = "#005a8c"
BAND = "#9cc7e0"
PREVIOUS = "#7a3b00"


@dataclass(frozen=True)
class Axis:
    label: str
    score: float | None
    lowest: float | None = None
    highest: float | None = None
    previous: float | None = None


def _point(cx: float, cy: float, radius: float, index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = radius * max(0.0, min(value, 5.0)) / 5
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _values(axes: Sequence[Axis], attribute: str) -> list[float] | None:
    values = [getattr(axis, attribute) for axis in axes]
    return None if any(v is None for v in values) else [float(v) for v in values]


def _lines(label: str, limit: int = 18) -> list[str]:
    """A long axis label in two lines, broken at the space nearest the middle."""
    if len(label) <= limit or " " not in label:
        return [label]
    middle = len(label) // 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [label[:cut], label[cut + 1 :]]


def radar_chart(
    axes: Sequence[Axis], *, title: str, description: str, chart_id: str, width: int = 720, height: int = 560
) -> SafeString:
    count = len(axes)
    if count < 3:
        return mark_safe("")  # noqa: S308 - nothing to draw
    cx, cy = width / 2, height / 2
    radius = height / 2 - 90
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false" class="radar">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    ]
    for level in range(1, 6):
        ring = [_point(cx, cy, radius, i, count, level) for i in range(count)]
        parts.append(f'<polygon points="{_polygon(ring)}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        x, y = _point(cx, cy, radius, 0, count, level)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 12:.1f}" font-size="12" fill="{INK}">{level}</text>')
    for i, axis in enumerate(axes):
        x, y = _point(cx, cy, radius, i, count, 5)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        lx, ly = _point(cx, cy, radius + 18, i, count, 5)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        lines = _lines(axis.label)
        top = ly + 4 - (8 * (len(lines) - 1) if abs(lx - cx) >= 20 else (16 * (len(lines) - 1) if ly < cy else 0))
        spans = "".join(
            f'<tspan x="{lx:.1f}" y="{top + 16 * n:.1f}">{escape(line)}</tspan>' for n, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="{anchor}" font-size="13" fill="{INK}">{spans}</text>')
    low, high = _values(axes, "lowest"), _values(axes, "highest")
    if low and high:
        outer = [_point(cx, cy, radius, i, count, v) for i, v in enumerate(high)]
        inner = [_point(cx, cy, radius, i, count, v) for i, v in enumerate(low)]
        path = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in outer) + " Z M"
        path += " L".join(f"{x:.1f},{y:.1f}" for x, y in reversed(inner)) + " Z"
        parts.append(f'<path d="{path}" fill="{BAND}" fill-opacity="0.6" fill-rule="evenodd" stroke="none"/>')
    previous = _values(axes, "previous")
    if previous:
        points = [_point(cx, cy, radius, i, count, v) for i, v in enumerate(previous)]
        parts.append(
            f'<polygon points="{_polygon(points)}" fill="none" stroke="{PREVIOUS}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
    scores = [axis.score for axis in axes]
    if all(s is not None for s in scores):
        points = [_point(cx, cy, radius, i, count, float(s or 0)) for i, s in enumerate(scores)]
        parts.append(f'<polygon points="{_polygon(points)}" fill="none" stroke="{SCORE}" stroke-width="3"/>')
        for x, y in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{SCORE}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
