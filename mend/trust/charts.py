"""Small bar charts drawn on the server as SVG geometry (no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
HEIGHT = 120
BASELINE = 100  # y of the axis; labels go below it


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str  # under the bar (e.g. the week's date)
    text: str  # above the bar (the figure)
    empty: bool  # no data that week: drawn as a thin marker

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def text_y(self) -> int:
        return self.y - 4


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = HEIGHT
    guide_y: int | None = None  # a horizontal reference line, if any
    guide_label: str = ""


def bar_chart(
    points: list[tuple[str, float | None, str]],
    *,
    top: float,
    guide: float | None = None,
    guide_label: str = "",
) -> BarChart:
    """Bars for (label, value, text) points scaled so that `top` reaches the top of the drawing."""
    count = max(len(points), 1)
    slot = WIDTH // count
    width = max(slot - 8, 4)
    usable = BASELINE - 16
    bars: list[Bar] = []
    for i, (label, value, text) in enumerate(points):
        x = i * slot + (slot - width) // 2
        if value is None:
            bars.append(Bar(x=x, y=BASELINE - 2, width=width, height=2, label=label, text=text, empty=True))
            continue
        height = max(round(usable * min(value, top) / top), 2) if top > 0 else 2
        bars.append(
            Bar(x=x, y=BASELINE - height, width=width, height=height, label=label, text=text, empty=False)
        )
    guide_y = None
    if guide is not None and top > 0:
        guide_y = BASELINE - round(usable * min(guide, top) / top)
    return BarChart(bars=tuple(bars), guide_y=guide_y, guide_label=guide_label)
