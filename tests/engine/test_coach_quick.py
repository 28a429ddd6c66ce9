"""Rule patterns rewritten for speed (``_quick``) match exactly what the written patterns match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mend.engine.coach import _gating
from mend.engine.coach._quick import quick

CASES = Path(__file__).parent / "cases"
TEXTS = [
    c["text"]
    for name in ("must_flag.json", "must_not_flag.json", "crisis.json")
    for c in json.loads((CASES / name).read_text(encoding="utf-8"))
]
WORDS = sorted({w for t in TEXTS for w in re.findall(r"[\w']+|[^\w\s]", t.lower())})


def first_ops(pattern: str) -> set[str]:
    """The kinds of item each top-level alternative of ``pattern`` starts with (CPython's parse)."""
    from re import _parser

    (op, av), *rest = _parser.parse(pattern).data
    if op is _parser.BRANCH and not rest:
        return {str(alternative.data[0][0]) for alternative in av[1]}
    return {str(op)}


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("rule", _gating.rules(), ids=lambda r: r.rule)
def test_every_rule_matches_the_same_spans_on_the_case_files(rule: _gating.Rule) -> None:
    texts = [t if rule.rule == "caps" else t.lower() for t in TEXTS]
    fast = quick(rule.pattern)
    assert [spans(fast, t) for t in texts] == [spans(rule.pattern, t) for t in texts]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", "  ", ".", ". ", "!", ",", "'", "\n", "_", "x"]), max_size=14))
def test_every_rule_matches_the_same_spans_on_any_mix_of_their_words(pieces: list[str]) -> None:
    text = " ".join(pieces) if len(pieces) % 2 else "".join(pieces)
    for rule in _gating.rules():
        assert spans(quick(rule.pattern), text) == spans(rule.pattern, text), rule.rule


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"\bwho\s+cares\b", ["who cares", "whowho cares", "somewho cares", "a.who cares"]),
        (r"\b(?:could|can)\s+you\b|\bplease\b", ["can you", "could you please", "scan you", "pleased"]),
        (r"\b(?:this\s+is\s+)?last\s+chance\b", ["this is last chance", "a last chance", "blast chance"]),
        (r"(?:^|(?<=[.!?]\s))i\s+quit\b", ["i quit", "ok. i quit", "hi quit", "ok.i quit", "x i quit"]),
        (r"(?:^|(?<=[.!?]\s))(?:oh\s+sure|wow)\b", ["oh sure", "fine. wow", "ah wow", "now wow"]),
        (r"\bi\s+am\b|\bit\s+is\b|\bno\b", ["i am", "it is", "no", "hi am", "bit is", "nono"]),
    ],
)
def test_rewritten_forms_start_with_a_letter_and_match_alike(pattern: str, texts: list[str]) -> None:
    fast = quick(pattern)
    assert fast != pattern
    # every alternative of the rewritten pattern starts with a letter, so the engine can skip ahead
    assert first_ops(fast) == {"LITERAL"}
    assert [spans(fast, t) for t in texts] == [spans(pattern, t) for t in texts]


@pytest.mark.parametrize(
    "pattern",
    [
        r"^\s*(?:k|fine)\s*$",  # starts with white space at the start of the text
        r"\b\w+ly\b",  # a letter class, not a letter
        r"(?i)\bno\b",  # inline flags are left alone
        r"\b(?:no|)\s+way",  # an empty alternative
        r"\bno(?:pe",  # not a valid pattern
        r"\bno\b|\s+yes",  # one alternative can't start with a letter
        r"\b(?:a|b)(c)",  # spreading would repeat the capturing group
    ],
)
def test_patterns_it_cannot_rewrite_are_kept_as_written(pattern: str) -> None:
    assert quick(pattern) == pattern


def test_too_many_spread_alternatives_are_not_written_out() -> None:
    pattern = r"\b(?:" + "|".join(f"w{i}" for i in range(50)) + r")\s+x"
    assert quick(pattern, budget=40) == pattern
    assert quick(pattern, budget=64) != pattern
