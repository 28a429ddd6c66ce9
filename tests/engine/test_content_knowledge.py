"""Statistics: every figure carries sources, caveats and usable chart data."""

from __future__ import annotations

import itertools
import re

from mend.engine.content import CHART_KINDS, TOOL_KEYS, faq, statistics

GUIDE_FIGURES = {"long_distance_breakups", "breakup_chance_by_year"}


def test_the_guides_two_figures_are_present() -> None:
    ids = {f.id for f in statistics()}
    assert ids >= GUIDE_FIGURES


def test_ids_are_unique_slugs() -> None:
    ids = [f.id for f in statistics()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids)


def test_every_figure_has_a_named_source_with_url_and_caveats() -> None:
    for figure in statistics():
        assert figure.sources, figure.id
        for source in figure.sources:
            assert source.name.strip()
            assert source.url.startswith(("https://", "http://"))
        assert figure.caveats, figure.id
        assert figure.claim.strip() and figure.title.strip()


def test_charts_have_at_least_two_points_and_labels() -> None:
    for figure in statistics():
        assert figure.chart in CHART_KINDS
        if figure.chart != "none":
            assert len(figure.series) >= 2, figure.id
            assert figure.x_label and figure.y_label and figure.unit, figure.id


def test_percent_series_stay_within_0_and_100() -> None:
    for figure in statistics():
        if figure.unit == "%":
            assert all(0 <= p.y <= 100 for p in figure.series), figure.id


def test_dating_site_figure_is_flagged_as_not_peer_reviewed() -> None:
    ldr = next(f for f in statistics() if f.id == "long_distance_breakups")
    assert any("DoULike" in s.name for s in ldr.sources)
    assert any("not a peer-reviewed" in c for c in ldr.caveats)


def test_breakup_curve_falls_about_ten_points_a_year_to_about_twenty() -> None:
    curve = next(f for f in statistics() if f.id == "breakup_chance_by_year")
    ys = [p.y for p in curve.series]
    assert ys == sorted(ys, reverse=True)
    assert ys[-1] == 20
    assert all(abs((a - b) - 10) <= 2 for a, b in itertools.pairwise(ys))
    assert any("Rosenfeld" in s.name for s in curve.sources)
    assert any("Washington Post" in s.name for s in curve.sources)
    assert any("approximate" in c.lower() for c in curve.caveats)


# --------------------------------------------------------------------------- FAQ

REQUIRED_FAQ = {
    "can_it_be_saved",
    "first_signs",
    "how_to_raise_it",
    "does_a_break_help",
    "role_of_communication",
    "rebuild_trust",
    "after_breaking_up",
    "long_distance",
    "only_one_wants_to_try",
    "does_therapy_work",
}


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def test_faq_covers_the_required_questions_with_valid_tools() -> None:
    entries = faq()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED_FAQ
    for entry in entries:
        assert entry.tool in TOOL_KEYS
        assert entry.question.endswith("?")
        assert 2 <= _sentences(entry.answer) <= 5, (entry.id, _sentences(entry.answer))


def test_faq_does_not_tell_someone_afraid_to_keep_trying() -> None:
    saved = next(e for e in faq() if e.id == "can_it_be_saved")
    assert "afraid" in saved.answer and "safety" in saved.answer
