"""Property tests: any input is safe, spans stay inside the text, long inputs never hang."""

from __future__ import annotations

import signal

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


def test_adversarial_long_inputs_never_hang() -> None:
    # Guards against catastrophic regex backtracking, without timing anything: a backtracking
    # blow-up on 5,000 characters takes minutes or more, so an alarm far above any normal run
    # (milliseconds) catches it on any machine, however busy. Speed figures live in bench/.
    units = ("you you you ", "A" * 50 + " ", "!?" * 20, "if you " * 3 + "x ", " " * 40, "ab'")

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(
            "analyze() did not finish on a 5,000-character input: catastrophic backtracking?"
        )

    previous = signal.signal(signal.SIGALRM, hung)
    try:
        for unit in (*units, '"you idiot" ', "Sorry, but " * 2, "\n\n"):
            text = unit * max(1, 5000 // len(unit))
            signal.alarm(30)
            result = analyze(text)
            signal.alarm(0)
            assert all(0 <= f.start <= f.end <= len(text) for f in result.findings)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
