"""The message coach: what in a message will likely hurt, why, and a calmer way to say it.

    >>> from mend.engine.coach import analyze
    >>> a = analyze("You never listen to me. Whatever.")
    >>> sorted({f.kind for f in a.findings})
    ['absolute', 'blame', 'stonewalling']

Pure Python: no Django, no I/O beyond loading the coach's own data files once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial

from . import _escalation, _model, _rewrite, _rules
from ._types import (
    ALL_KINDS,
    HARMFUL_KINDS,
    HELPFUL_KINDS,
    MAX_CHARS,
    Analysis,
    Finding,
)

__all__ = [
    "ALL_KINDS",
    "HARMFUL_KINDS",
    "HELPFUL_KINDS",
    "MAX_CHARS",
    "Analysis",
    "Finding",
    "analyze",
    "escalation_risk",
    "reflect",
    "rewrites",
]

_REWRITE_KINDS = frozenset(
    {"blame", "absolute", "criticism", "contempt", "defensiveness", "threat", "escalation"}
)
# Lexicon evidence that makes a message hostile whatever the model says.
_HOSTILE_FLOOR_KINDS = frozenset({"contempt", "threat"})


def _scores(text: str, kinds: frozenset[str]) -> dict[str, float]:
    scores = _model.scores(text, kinds)
    if kinds & _HOSTILE_FLOOR_KINDS:
        scores["hostility"] = max(scores["hostility"], 0.6)
    return scores


def hostility(text: str) -> float:
    """Hostility score alone (used to check that rewrites are calm)."""
    kinds = frozenset(f.kind for f in _rules.find(text))
    return _scores(text, kinds)["hostility"]


@lru_cache(maxsize=2048)
def analyze(text: str) -> Analysis:
    """Findings, calibrated scores, crisis flag and (when hostile or blaming) a calmer rewrite."""
    text = text if isinstance(text, str) else str(text)
    findings = _rules.find(text)
    kinds = frozenset(f.kind for f in findings)
    scores = _scores(text, kinds)
    crisis = "crisis" in kinds
    make_rewrite = None
    if not crisis and (scores["hostility"] >= 0.5 or kinds & _REWRITE_KINDS):
        make_rewrite = partial(_first_rewrite, text, findings)
    return Analysis(text=text, scores=scores, findings=findings, crisis=crisis, make_rewrite=make_rewrite)


def _first_rewrite(text: str, findings: tuple[Finding, ...]) -> str | None:
    options = _rewrite.calm_rewrites(text, findings, hostility)
    return options[0] if options else None


def rewrites(text: str) -> tuple[str, ...]:
    """Several calmer alternatives (empty when the message signals a crisis)."""
    findings = _rules.find(text)
    if any(f.kind == "crisis" for f in findings):
        return ()
    return _rewrite.calm_rewrites(text, findings, hostility)


def reflect(text: str) -> str:
    """An active-listening reflection ("It sounds like …") to say back to the writer."""
    findings = _rules.find(text)
    return _rewrite.reflection(text, findings)


def escalation_risk(messages: Sequence[str]) -> float:
    """Probability that the conversation turns personal or hostile next, in [0, 1]."""
    if isinstance(messages, str):
        messages = [messages]
    texts = [m for m in messages if isinstance(m, str)]
    return _escalation.risk(_escalation.features(texts))
