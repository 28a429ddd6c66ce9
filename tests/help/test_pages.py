"""Public help pages and API: lines by country, directory, FAQ links, statistics charts."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from mend.engine.content import faq, help_directory, statistics
from mend.help.charts import figure_chart
from mend.help.tools import TOOL_URLS

pytestmark = pytest.mark.django_db


def test_help_now_is_public_and_picks_country_by_select():
    client = Client()
    body = client.get("/help/now/").content.decode()
    assert "Find A Helpline" in body and "We don't have checked lines" in body.replace("&#x27;", "'")
    us = client.get("/help/now/", {"country": "US"}).content.decode()
    assert us.index("911") < us.index("1-800-799-7233")
    assert '<select name="country"' in us and "<label" in us


def test_help_now_uses_the_users_country(dana_client):
    body = dana_client.get("/help/now/").content.decode()
    assert "1800 737 732" in body  # 1800RESPECT, Australia
    assert body.index("000") < body.index("1800 737 732")


def test_help_now_bad_country_is_400_not_500():
    assert Client().get("/help/now/", {"country": "XX<script>"}).status_code == 400


def test_directory_page_lists_approaches_questions_and_self_guided():
    body = Client().get("/help/").content.decode()
    directory = help_directory()
    for approach in directory.approaches:
        assert approach.name.replace("&", "&amp;") in body
        for source in approach.sources:
            assert source.url in body
    assert directory.therapist_questions[0].replace("'", "&#x27;") in body
    for resource in directory.self_guided():
        assert resource.url in body
    assert "<title>Help · mend</title>" in body


def test_every_faq_links_to_its_tool():
    body = Client().get("/help/faq/").content.decode()
    for entry in faq():
        assert f'id="{entry.id}"' in body
        section = body.split(f'id="{entry.id}"', 1)[1].split("</section>", 1)[0]
        assert f'href="{TOOL_URLS[entry.tool]}"' in section
    assert TOOL_URLS["checkin"] == "/rituals/" and TOOL_URLS["apology"] == "/trust/"


def test_statistics_page_has_chart_table_sources_and_caveats():
    body = Client().get("/help/statistics/").content.decode()
    for figure in statistics():
        assert f'id="{figure.id}"' in body
        for source in figure.sources:
            assert source.url.replace("&", "&amp;") in body
        if figure.chart != "none":
            assert f'aria-labelledby="{figure.id}-title {figure.id}-desc"' in body
    assert "DoULike" in body and "Washington Post" in body
    assert body.count("<table") >= sum(1 for f in statistics() if f.series)
    assert "<script" not in body.split("</head>", 1)[1]
    assert ' style="' not in body


def test_svg_chart_bars_match_values():
    figure = next(f for f in statistics() if f.id == "long_distance_breakups")
    svg = render_to_string("core/_chart.html", {"chart": figure_chart(figure)})
    assert "<svg" in svg and "</svg>" in svg
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert len(heights) == len(figure.series)
    # 40% and 42% on a 0-100 scale: bar heights keep the same proportion
    assert heights[0] / heights[1] == pytest.approx(40 / 42, rel=0.01)
    line = next(f for f in statistics() if f.chart == "line")
    assert "<polyline" in render_to_string("core/_chart.html", {"chart": figure_chart(line)})
    none = next((f for f in statistics() if f.chart == "none"), None)
    if none is not None:
        assert figure_chart(none) is None


def test_api_lines_by_country_and_urgency():
    client = Client()
    urgent = client.get("/api/v1/help/lines", {"country": "GB", "urgent": "true"}).json()
    assert urgent["known_country"] and urgent["lines"][0]["phone"] == "999"
    calm = client.get("/api/v1/help/lines", {"country": "uk"}).json()
    assert calm["country"] == "UK" and calm["lines"][0]["kind"] != "emergency"
    unknown = client.get("/api/v1/help/lines", {"country": "ZZ"}).json()
    assert unknown["fallback_note"] and {line["kind"] for line in unknown["lines"]} == {"directory"}
    assert client.get("/api/v1/help/lines", {"country": "GBR"}).status_code == 422
    assert client.get("/api/v1/help/lines", {"country": "1!"}).status_code == 422


def test_api_content_endpoints():
    client = Client()
    assert len(client.get("/api/v1/help/faq").json()) == len(faq())
    assert all(item["tool_url"].startswith("/") for item in client.get("/api/v1/help/faq").json())
    assert client.get("/api/v1/help/directory").json()["approaches"]
    figures = client.get("/api/v1/help/statistics").json()
    assert figures[0]["sources"] and figures[0]["caveats"]
    assert "US" in client.get("/api/v1/help/countries").json()["countries"]


@pytest.mark.parametrize(
    "url",
    [
        "/help/",
        "/help/now/",
        "/help/faq/",
        "/help/statistics/",
        "/help/report/",
        "/help/situations/",
        "/help/situations/breakup/",
        "/help/situations/long-distance/",
        "/help/situations/solo/",
        "/safety/",
        "/safety/check/",
        "/safety/result/",
    ],
)
def test_every_page_has_quick_exit_and_a_neutral_title(alice_client, url):
    body = alice_client.get(url).content.decode()
    assert "data-quick-exit" in body
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.endswith("· mend")
    assert not any(word in title.lower() for word in ("safety", "abuse", "violence", "crisis", "breakup"))
    assert ' style="' not in body and "<script>" not in body
