"""A server-rendered line chart of closeness and stress over the weeks (plain SVG, no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 640
HEIGHT = 260
LEFT = 36
RIGHT = 28
TOP = 12
BOTTOM = 34


@dataclass(frozen=True)
class Series:
    key: str  # css hook: mine-closeness, partner-stress, …
    label: str
    points: tuple[tuple[float, float], ...]
    dots: tuple[tuple[float, float, int], ...]

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    series: tuple[Series, ...]
    y_ticks: tuple[tuple[float, int], ...]
    x_labels: tuple[tuple[float, str], ...]
    baseline: float
    left: float
    right: float

    @property
    def empty(self) -> bool:
        return not any(s.points for s in self.series)


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if n <= 1 else span * i / (n - 1))


def _y(value: int) -> float:
    span = HEIGHT - TOP - BOTTOM
    return TOP + span * (10 - value) / 9


def trend_chart(weeks: Sequence[date], lines: Sequence[tuple[str, str, Sequence[int | None]]]) -> Chart:
    """`weeks` oldest first; each line is (key, label, one value or None per week)."""
    n = len(weeks)
    series = []
    for key, label, values in lines:
        pts = tuple((_x(i, n), _y(v)) for i, v in enumerate(values) if v is not None)
        dots = tuple((_x(i, n), _y(v), v) for i, v in enumerate(values) if v is not None)
        series.append(Series(key=key, label=label, points=pts, dots=dots))
    step = max(1, n // 6)
    x_labels = tuple((_x(i, n), f"{day:%d %b}") for i, day in enumerate(weeks) if i % step == 0 or i == n - 1)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        series=tuple(series),
        y_ticks=tuple((_y(v), v) for v in (1, 4, 7, 10)),
        x_labels=x_labels,
        baseline=HEIGHT - BOTTOM,
        left=LEFT,
        right=WIDTH - RIGHT,
    )
