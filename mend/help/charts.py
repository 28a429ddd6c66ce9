"""Server-side SVG charts for the statistics page: no JavaScript, no external requests.

Each chart is plain SVG with a <title> and <desc>, and the page shows the same numbers as a
table, so screen readers and text browsers lose nothing.
"""

from __future__ import annotations

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mend.engine.content import Figure

WIDTH = 380
HEIGHT = 280
LEFT = 44
RIGHT = 8
TOP = 22
BOTTOM = 78
CHAR_WIDTH = 6.6  # rough width of one character at font-size 12, for wrapping labels


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _label(value: str | float) -> str:
    return value if isinstance(value, str) else _num(value)


def _scale_max(values: list[float], unit: str) -> float:
    top = max([*values, 0.0])
    if unit.strip() == "%" and top <= 100:
        return 100.0
    if top <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(top))) - 1) if top >= 1 else 0.1
    steps = int(top / magnitude) + 1
    return steps * magnitude


def svg_chart(figure: Figure) -> SafeString:
    """The figure as an accessible SVG bar or line chart; empty for figures without a chart."""
    if figure.chart == "none" or len(figure.series) < 2:
        return mark_safe("")
    values = [point.y for point in figure.series]
    top = _scale_max(values, figure.unit)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    chart_id = escape(figure.id)

    def y_pos(value: float) -> float:
        return TOP + plot_h - (value / top) * plot_h

    parts: list[str] = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(figure.title)}</title>',
        f'<desc id="{chart_id}-desc">'
        + escape("; ".join(f"{_label(p.x)}: {_num(p.y)}" for p in figure.series))
        + "</desc>",
    ]
    # gridlines and y ticks
    for i in range(5):
        value = top * i / 4
        y = y_pos(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="currentColor" '
            f'stroke-opacity="0.15"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="currentColor">{escape(_num(value))}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="currentColor"/>'
    )
    n = len(figure.series)
    slot = plot_w / n
    centres = [LEFT + slot * (i + 0.5) for i in range(n)]
    if figure.chart == "bar":
        bar_w = min(80.0, slot * 0.6)
        for x, point in zip(centres, figure.series, strict=True):
            y = y_pos(point.y)
            parts.append(
                f'<rect x="{x - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{TOP + plot_h - y:.1f}" fill="#2f6f62" rx="3"/>'
            )
            parts.append(
                f'<text x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="13" '
                f'font-weight="600" fill="currentColor">{escape(_num(point.y))}</text>'
            )
    else:
        coords = [(x, y_pos(p.y)) for x, p in zip(centres, figure.series, strict=True)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2f6f62" stroke-width="3"/>')
        for (x, y), point in zip(coords, figure.series, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#2f6f62"/>')
            parts.append(
                f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" font-size="13" '
                f'font-weight="600" fill="currentColor">{escape(_num(point.y))}</text>'
            )
    width_chars = max(5, int(slot / CHAR_WIDTH))
    for x, point in zip(centres, figure.series, strict=True):
        lines = textwrap.wrap(_label(point.x), width=width_chars) or [""]
        if len(lines) > 3:
            lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), width=width_chars, placeholder="…")]
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 14}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="12" '
            f'fill="currentColor">{spans}</text>'
        )
    if figure.x_label:
        parts.append(
            f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" font-size="12" '
            f'fill="currentColor" fill-opacity="0.75">{escape(figure.x_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every dynamic value above is escaped
