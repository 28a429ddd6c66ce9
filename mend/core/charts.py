"""Server-rendered SVG charts shared by every app: geometry here, markup in ``core/_chart.html``.

A builder (``line_chart`` or ``bar_chart``) scales plain numbers into a fixed viewBox and returns a
frozen ``Chart``. The template draws it with presentation attributes and CSS class hooks only (no
inline style, no script: the content security policy forbids both), gives it a ``<title>`` and a
``<desc>`` that names every value, and can add the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ACCENT = "#2f6f62"  # the product's green; a stylesheet may override it through the series class


@dataclass(frozen=True)
class Frame:
    """The viewBox and the margins around the plot area (room for ticks and labels)."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    font_size: float = 11.0  # in viewBox units, so it scales with the drawing

    @property
    def plot_left(self) -> float:
        return self.left

    @property
    def plot_right(self) -> float:
        return self.width - self.right

    @property
    def baseline(self) -> float:
        return self.height - self.bottom

    @property
    def tick_x(self) -> float:
        """Where y-axis tick labels end (they are right-aligned against the plot)."""
        return self.left - 6

    @property
    def label_y(self) -> float:
        """The first line of the x-axis labels."""
        return self.baseline + self.font_size + 4

    @property
    def centre_x(self) -> float:
        return round((self.plot_left + self.plot_right) / 2, 1)


@dataclass(frozen=True)
class Datum:
    """One value to draw. ``x`` is a position on the x domain; ``None`` marks a gap."""

    x: float
    value: float | None
    label: str  # names the point in the description and the tooltip (e.g. "3 Mar 2026")
    text: str = ""  # printed beside the mark (e.g. "40%"); empty for none


@dataclass(frozen=True)
class SeriesIn:
    """A named line: ``key`` is the CSS class hook (e.g. ``mine-stress``)."""

    key: str
    label: str
    data: Sequence[Datum]
    colour: str = ACCENT


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class AxisLabel:
    """A label under the plot; ``lines`` lets long category names wrap."""

    x: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    title: str
    text: str


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    colour: str
    dots: tuple[Dot, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{d.x:.1f},{d.y:.1f}" for d in self.dots)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str
    text: str  # above the bar (the figure)
    empty: bool  # no data there: drawn as a thin marker

    @property
    def cx(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Table:
    """The chart's numbers as a table, for screen readers, text browsers and anyone who prefers it."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    collapsed: bool = False  # inside a <details> when the drawing already shows the values


@dataclass(frozen=True)
class Options:
    """What surrounds the drawing: classes, caption, empty state, table, x-axis title."""

    caption: str = ""
    empty_text: str = "Nothing to show yet."
    table: Table | None = None
    css_class: str = ""  # on the <svg>, for a stylesheet
    figure_class: str = "chart"  # on the <figure>
    x_title: str = ""


@dataclass(frozen=True)
class Chart:
    kind: Literal["line", "bar"]
    chart_id: str  # prefix for element ids; unique on the page
    title: str
    description: str  # names every value; read out instead of the drawing
    frame: Frame
    lines: tuple[Line, ...] = ()
    bars: tuple[Bar, ...] = ()
    y_ticks: tuple[Tick, ...] = ()
    x_labels: tuple[AxisLabel, ...] = ()
    guide: Tick | None = None  # a dashed reference line at ``pos`` (y), with its label
    options: Options = Options()

    @property
    def empty(self) -> bool:
        return not any(line.dots for line in self.lines) and all(bar.empty for bar in self.bars)

    @property
    def legend(self) -> tuple[Line, ...]:
        """Lines worth a legend: only when more than one has points."""
        drawn = tuple(line for line in self.lines if line.dots)
        return drawn if len(drawn) > 1 else ()


def scale(value: float, domain: tuple[float, float], start: float, end: float) -> float:
    """Map ``value`` from ``domain`` onto ``start``..``end``; a zero-width domain maps to the middle."""
    low, high = domain
    if high <= low:
        return round((start + end) / 2, 1)
    return round(start + (value - low) / (high - low) * (end - start), 1)


def number(value: float) -> str:
    """A value as a reader would say it: no trailing zeros, at most two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def describe(series: Sequence[tuple[str, Sequence[Datum]]]) -> str:
    """Every value in words, e.g. ``My stress: 3 Mar 4; 10 Mar 6.``; series names only when several."""
    named = sum(1 for _, data in series if any(d.value is not None for d in data)) > 1
    parts = []
    for label, data in series:
        values = "; ".join(f"{d.label}: {d.text or number(d.value)}" for d in data if d.value is not None)
        if values:
            parts.append(f"{label}: {values}." if named else f"{values}.")
    return " ".join(parts) if parts else "No values yet."


def line_chart(
    *,
    chart_id: str,
    title: str,
    frame: Frame,
    series: Sequence[SeriesIn],
    x_domain: tuple[float, float],
    y_domain: tuple[float, float],
    y_ticks: Sequence[float] = (),
    x_labels: Sequence[tuple[float, str]] = (),
    wrap: int = 0,
    options: Options = Options(),
) -> Chart:
    """Lines through each series' points, scaled so ``y_domain`` fills the plot from bottom to top.

    ``x_labels`` are (x, text) pairs on the x domain; ``wrap`` as for ``bar_chart``.
    """

    def y_of(value: float) -> float:
        return scale(value, y_domain, frame.baseline, frame.top)

    lines = tuple(
        Line(
            key=s.key,
            label=s.label,
            colour=s.colour,
            dots=tuple(
                Dot(
                    x=scale(d.x, x_domain, frame.plot_left, frame.plot_right),
                    y=y_of(d.value),
                    title=f"{s.label}: {d.label}: {d.text or number(d.value)}",
                    text=d.text,
                )
                for d in s.data
                if d.value is not None
            ),
        )
        for s in series
    )
    return Chart(
        kind="line",
        chart_id=chart_id,
        title=title,
        description=describe([(s.label, s.data) for s in series]),
        frame=frame,
        lines=lines,
        y_ticks=tuple(Tick(y_of(v), number(v)) for v in y_ticks),
        x_labels=tuple(
            AxisLabel(scale(x, x_domain, frame.plot_left, frame.plot_right), _wrap(label, wrap))
            for x, label in x_labels
        ),
        options=options,
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    frame: Frame,
    data: Sequence[Datum],
    top: float,
    y_ticks: Sequence[float] = (),
    guide: float | None = None,
    guide_label: str = "",
    max_bar_width: float = 80.0,
    wrap: int = 0,
    options: Options = Options(),
) -> Chart:
    """One bar per datum, left to right, scaled so that ``top`` reaches the top of the plot.

    Values above ``top`` are capped; ``None`` draws a thin marker so a gap reads as "no data", not 0.
    ``wrap`` > 0 wraps category labels to that many characters (at most three lines).
    """
    plot_width = frame.plot_right - frame.plot_left
    slot = plot_width / max(len(data), 1)
    width = round(max(min(max_bar_width, slot * 0.8), 4.0), 1)

    def y_of(value: float) -> float:
        return scale(min(value, top), (0.0, top), frame.baseline, frame.top) if top > 0 else frame.baseline

    bars = []
    labels = []
    for i, d in enumerate(data):
        centre = round(frame.plot_left + slot * (i + 0.5), 1)
        labels.append(AxisLabel(centre, _wrap(d.label, wrap)))
        if d.value is None:
            bars.append(
                Bar(
                    round(centre - width / 2, 1),
                    frame.baseline - 2,
                    width,
                    2,
                    f"{d.label}: no data",
                    "",
                    True,
                )
            )
            continue
        y = min(y_of(d.value), frame.baseline - 2)  # a zero still shows as a sliver
        title_text = f"{d.label}: {d.text or number(d.value)}"
        bars.append(
            Bar(
                round(centre - width / 2, 1),
                y,
                width,
                round(frame.baseline - y, 1),
                title_text,
                d.text,
                False,
            )
        )
    return Chart(
        kind="bar",
        chart_id=chart_id,
        title=title,
        description=describe([(title, data)]),
        frame=frame,
        bars=tuple(bars),
        y_ticks=tuple(Tick(y_of(v), number(v)) for v in y_ticks),
        x_labels=tuple(labels),
        guide=Tick(y_of(guide), guide_label) if guide is not None and top > 0 else None,
        options=options,
    )


def _wrap(label: str, width: int) -> tuple[str, ...]:
    if width <= 0:
        return (label,)
    import textwrap

    lines = textwrap.wrap(label, width=width) or [""]
    if len(lines) > 3:
        lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), width=width, placeholder="…")]
    return tuple(lines)
