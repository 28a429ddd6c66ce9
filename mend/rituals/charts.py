"""The closeness-and-stress trend over the weeks, drawn by the shared chart builder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mend.core.charts import Chart, Datum, Frame, Options, SeriesIn, line_chart

FRAME = Frame(width=640, height=260, left=36, right=28, top=12, bottom=34, font_size=12)
EMPTY = "Your trend appears here after your first check-in with ratings."


def trend_chart(weeks: Sequence[date], lines: Sequence[tuple[str, str, Sequence[int | None]]]) -> Chart:
    """`weeks` oldest first; each line is (key, label, one rating from 1 to 10 or None per week)."""
    n = len(weeks)
    labels = [f"{day.day} {day:%b %Y}" for day in weeks]
    step = max(1, n // 6)
    return line_chart(
        chart_id="trend",
        title="Closeness and stress over the weeks",
        frame=FRAME,
        # no colour: rituals.css gives each series its own, and dashes for the partner's
        series=[
            SeriesIn(key, label, [Datum(i, v, labels[i]) for i, v in enumerate(values)], colour="")
            for key, label, values in lines
        ],
        x_domain=(0, n - 1),
        y_domain=(1, 10),
        y_ticks=(1, 4, 7, 10),
        x_labels=[(i, f"{day:%d %b}") for i, day in enumerate(weeks) if i % step == 0 or i == n - 1],
        options=Options(css_class="trend-chart", figure_class="trend", empty_text=EMPTY),
    )
