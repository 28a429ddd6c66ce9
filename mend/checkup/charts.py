"""Each check-up scale over time as a small line chart (shared chart builder), with a table of scores."""

from __future__ import annotations

from datetime import datetime

from django.utils import dateformat, timezone

from mend.core.charts import Chart, Datum, Frame, Options, SeriesIn, Table, line_chart

from .models import CheckupAttempt
from .selectors import Chart as ScaleHistory
from .selectors import build_charts

FRAME = Frame(width=320, height=160, left=36, right=20, top=10, bottom=22, font_size=9)


def _day(when: datetime, fmt: str) -> str:
    return dateformat.format(timezone.localtime(when), fmt)


def scale_chart(scale: ScaleHistory, *, x_domain: tuple[float, float]) -> Chart:
    """Scores from 0 to 100 placed by date on ``x_domain`` (timestamps), one chart per scale."""
    data = [Datum(p.when.timestamp(), p.score, _day(p.when, "j M Y")) for p in scale.points]
    table = Table(
        caption=f"{scale.name} by date",
        headers=("Date", "Score", "Band"),
        rows=tuple((_day(p.when, "j M Y"), str(p.score), p.band) for p in scale.points),
    )
    return line_chart(
        chart_id=f"chart-{scale.slug}",
        title=scale.name,
        frame=FRAME,
        series=[SeriesIn(scale.slug, scale.name, data)],
        x_domain=x_domain,
        y_domain=(0, 100),
        y_ticks=(0, 50, 100),
        x_labels=[(p.when.timestamp(), _day(p.when, "j M")) for p in scale.points],
        options=Options(table=table),
    )


def history_charts(attempts: list[CheckupAttempt]) -> list[Chart]:
    """One chart per scale, all on the same time axis: the first to the last finished check-up."""
    scales = build_charts(attempts)
    times = [p.when.timestamp() for scale in scales for p in scale.points]
    if not times:
        return []
    return [scale_chart(scale, x_domain=(min(times), max(times))) for scale in scales]
