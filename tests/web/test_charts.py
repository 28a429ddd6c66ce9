"""The shared chart builders: scaling into the viewBox, the empty state, words for every value."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from mend.core.charts import Datum, Frame, Options, SeriesIn, Table, bar_chart, line_chart, scale

FRAME = Frame(width=200, height=100, left=20, right=10, top=10, bottom=20)


def _line(values: list[float | None], **kwargs: object) -> object:
    data = [Datum(i, v, f"week {i + 1}") for i, v in enumerate(values)]
    return line_chart(
        chart_id="t",
        title="Closeness",
        frame=FRAME,
        series=[SeriesIn("mine", "Mine", data)],
        x_domain=(0, len(values) - 1),
        y_domain=(0, 10),
        **kwargs,  # type: ignore[arg-type]
    )


def test_line_points_span_the_plot_area_and_higher_values_sit_higher():
    chart = _line([0, 5, 10])
    dots = chart.lines[0].dots
    assert [d.x for d in dots] == [20, 105, 190]  # left margin to width minus right margin
    assert [d.y for d in dots] == [80, 45, 10]  # baseline (height - bottom) up to the top margin
    for d in dots:
        assert 0 <= d.x <= FRAME.width and 0 <= d.y <= FRAME.height
    assert chart.lines[0].path == "20.0,80.0 105.0,45.0 190.0,10.0"


def test_gaps_are_skipped_and_a_single_point_sits_in_the_middle():
    assert [d.x for d in _line([3, None, 7]).lines[0].dots] == [20, 190]
    single = line_chart(
        chart_id="t",
        title="One",
        frame=FRAME,
        series=[SeriesIn("s", "S", [Datum(5, 4, "now")])],
        x_domain=(5, 5),
        y_domain=(0, 10),
    )
    assert single.lines[0].dots[0].x == 105
    assert scale(1, (1, 1), 0, 10) == 5


def test_bars_keep_proportions_cap_at_top_and_mark_missing_weeks():
    chart = bar_chart(
        chart_id="b",
        title="Kept",
        frame=FRAME,
        data=[Datum(0, 40, "a", "40%"), Datum(1, 80, "b"), Datum(2, None, "c"), Datum(3, 500, "d")],
        top=100,
        guide=50,
        guide_label="half",
    )
    heights = [b.height for b in chart.bars]
    assert heights[1] == 2 * heights[0]
    assert heights[3] == FRAME.baseline - FRAME.top  # capped at `top`
    assert chart.bars[2].empty and heights[2] == 2
    assert all(b.y + b.height == FRAME.baseline for b in chart.bars)
    assert chart.bars[0].x >= FRAME.left and chart.bars[-1].x + chart.bars[-1].width <= FRAME.plot_right
    assert chart.guide is not None and chart.guide.pos == 45 and chart.guide.label == "half"


def test_empty_data_gives_the_empty_state_not_a_drawing():
    chart = _line([None, None], options=Options(empty_text="Check in to see your trend."))
    assert chart.empty
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "Check in to see your trend." in html and "<svg" not in html
    bars = bar_chart(chart_id="b", title="Kept", frame=FRAME, data=[Datum(0, None, "a")], top=10)
    assert bars.empty
    assert "<svg" not in render_to_string("core/_chart.html", {"chart": bars})


def test_description_names_every_value_and_series_when_several():
    one = _line([3, None, 7])
    assert one.description == "week 1: 3; week 3: 7."
    two = line_chart(
        chart_id="t",
        title="Both",
        frame=FRAME,
        series=[
            SeriesIn("mine", "Mine", [Datum(0, 3, "1 Mar"), Datum(1, 4.5, "8 Mar")]),
            SeriesIn("theirs", "Theirs", [Datum(0, 6, "1 Mar")]),
        ],
        x_domain=(0, 1),
        y_domain=(0, 10),
    )
    assert two.description == "Mine: 1 Mar: 3; 8 Mar: 4.5. Theirs: 1 Mar: 6."
    assert [line.label for line in two.legend] == ["Mine", "Theirs"]
    assert one.legend == ()


def test_rendered_chart_is_labelled_has_no_inline_style_and_adds_the_table():
    table = Table(caption="By week", headers=("Week", "Score"), rows=(("week 1", "3"), ("week 2", "7")))
    chart = _line([3, 7], y_ticks=(0, 10), options=Options(table=table, caption="Out of 10"))
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert 'aria-labelledby="t-title t-desc"' in html
    assert '<title id="t-title">Closeness</title>' in html
    assert '<desc id="t-desc">week 1: 3; week 2: 7.</desc>' in html
    assert re.search(r'<polyline points="20\.0,59\.0 190\.0,31\.0"', html)
    assert "style=" not in html and "<script" not in html
    assert '<th scope="col">Score</th>' in html and "<td>week 2</td><td>7</td>" in html
    assert "Out of 10" in html
