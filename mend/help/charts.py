"""The statistics page's figures as bar or line charts (shared chart builder), with their numbers as a table."""

from __future__ import annotations

from django.template.defaultfilters import floatformat

from mend.core.charts import Chart, Datum, Frame, Options, SeriesIn, Table, bar_chart, line_chart, number
from mend.engine.content import Figure

FRAME = Frame(width=380, height=280, left=44, right=8, top=22, bottom=78, font_size=12)
CHAR_WIDTH = 6.6  # rough width of one character at font-size 12, for wrapping labels


def _label(value: str | float) -> str:
    return value if isinstance(value, str) else number(value)


def _scale_max(values: list[float], unit: str) -> float:
    top = max([*values, 0.0])
    if unit.strip() == "%" and top <= 100:
        return 100.0
    if top <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(top))) - 1) if top >= 1 else 0.1
    steps = int(top / magnitude) + 1
    return steps * magnitude


def figure_table(figure: Figure, *, collapsed: bool) -> Table:
    value_header = (figure.y_label or "Value") + (f" ({figure.unit})" if figure.unit else "")
    return Table(
        caption=figure.title,
        headers=(figure.x_label or "Group", value_header),
        rows=tuple((str(p.x), str(floatformat(p.y, "-2"))) for p in figure.series),
        collapsed=collapsed,
    )


def figure_chart(figure: Figure) -> Chart | None:
    """The figure as a bar or line chart; None for figures without a chart."""
    if figure.chart == "none" or len(figure.series) < 2:
        return None
    n = len(figure.series)
    top = _scale_max([p.y for p in figure.series], figure.unit)
    data = [Datum(i, p.y, _label(p.x), number(p.y)) for i, p in enumerate(figure.series)]
    ticks = [top * i / 4 for i in range(5)]
    wrap = max(5, int((FRAME.plot_right - FRAME.plot_left) / n / CHAR_WIDTH))
    options = Options(
        caption=figure.y_label, x_title=figure.x_label, table=figure_table(figure, collapsed=True)
    )
    if figure.chart == "bar":
        return bar_chart(
            chart_id=figure.id,
            title=figure.title,
            frame=FRAME,
            data=data,
            top=top,
            y_ticks=ticks,
            wrap=wrap,
            options=options,
        )
    return line_chart(
        chart_id=figure.id,
        title=figure.title,
        frame=FRAME,
        series=[SeriesIn(figure.id, figure.title, data)],
        x_domain=(-0.5, n - 0.5),  # centred in equal slots, like the bars
        y_domain=(0, top),
        y_ticks=ticks,
        x_labels=[(d.x, d.label) for d in data],
        wrap=wrap,
        options=options,
    )
