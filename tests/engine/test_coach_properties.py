"""Property tests: any input is safe, spans stay inside the text, time stays linear."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from mend.engine.coach import analyze, escalation_risk, reflect, rewrites

_WORDS = st.sampled_from(
    [
        "you",
        "YOU",
        "never",
        "always",
        "idiot",
        "sorry",
        "but",
        "whatever",
        "!!!",
        "I",
        "feel",
        "kill",
        "myself",
        "thanks",
        "😡",
        "❤️",
        "’",
        '"',
        "e\u0301",
        "İ",
        "\n",
        "...",
        "?!",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_unicode_is_safe(text: str) -> None:
    a = analyze(text)
    for f in a.findings:
        assert 0 <= f.start < f.end <= len(text)
    assert all(0.0 <= v <= 1.0 for v in a.scores.values())
    assert isinstance(reflect(text), str)
    assert isinstance(rewrites(text), tuple)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_coach_vocabulary_soup_is_safe(text: str) -> None:
    a = analyze(text)
    for f in a.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end].strip()
    if a.crisis:
        assert a.rewrite is None
    _ = a.rewrite


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_escalation_risk_is_a_probability(messages: list[str]) -> None:
    assert 0.0 <= escalation_risk(messages) <= 1.0


def test_empty_and_whitespace() -> None:
    for text in ("", " ", "\n\n", "🙂"):
        a = analyze(text)
        assert a.findings == () or all(f.end <= len(text) for f in a.findings)
        assert a.rewrite is None


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        analyze.cache_clear()
        started = time.perf_counter()
        analyze(text)
        best = min(best, time.perf_counter() - started)
    return best


def test_time_is_roughly_linear_in_length() -> None:
    # Guards against catastrophic regex backtracking, not a benchmark: bounds are generous so a
    # busy machine does not fail it, while exponential or quadratic blow-ups still would.
    units = ("you you you ", "A" * 50 + " ", "!?" * 20, "if you " * 3 + "x ", " " * 40, "ab'")
    for unit in (*units, '"you idiot" ', "Sorry, but " * 2, "\n\n"):
        short = unit * max(1, 500 // len(unit))
        long = unit * max(1, 5000 // len(unit))
        t_short = max(_seconds(short), 0.005)
        t_long = _seconds(long)
        assert t_long < 2.0, f"{unit!r}: {t_long:.2f}s for 5,000 chars"
        assert t_long < 40 * t_short, f"{unit!r}: {t_short:.4f}s -> {t_long:.4f}s"
