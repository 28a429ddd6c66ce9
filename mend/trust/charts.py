"""Week-by-week bar charts of promises kept and of good moments per hard one (shared chart builder)."""

from __future__ import annotations

from mend.core.charts import Chart, Datum, Frame, Options, bar_chart

from .selectors import KeptRate, WeekRatio

FRAME = Frame(width=320, height=120, left=0, right=0, top=16, bottom=20, font_size=9)
RATIO_GUIDE = 5.0  # the often-quoted "about five good moments for each hard one"
RATIO_CAPTION = (
    "The dashed line marks about five good moments for every hard one, "
    "a balance often seen in couples who are doing well."
)


def _week(start: object) -> str:
    return f"{start:%-d %b}"


def kept_chart(rate: KeptRate, *, chart_id: str) -> Chart:
    return bar_chart(
        chart_id=chart_id,
        title="Share of your promises kept, week by week",
        frame=FRAME,
        data=[
            Datum(i, week.percent, _week(week.start), f"{week.percent}%" if week.percent is not None else "")
            for i, week in enumerate(rate.weeks)
        ],
        top=100,
    )


def ratio_chart(weeks: tuple[WeekRatio, ...]) -> Chart:
    data = []
    for i, week in enumerate(weeks):
        value: float | None
        if week.negative:
            value = week.ratio
        elif week.positive:
            value = float(week.positive)  # no hard moment at all: show the good ones, capped
        else:
            value = None
        data.append(Datum(i, value, _week(week.start), week.label if value is not None else ""))
    return bar_chart(
        chart_id="ratio",
        title="Good moments per hard moment, week by week",
        frame=FRAME,
        data=data,
        top=8,
        guide=RATIO_GUIDE,
        guide_label="5 : 1",
        options=Options(caption=RATIO_CAPTION, empty_text="No moments logged in these weeks yet."),
    )
