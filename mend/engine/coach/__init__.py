"""The message coach: what in a message will likely hurt, why, and a calmer way to say it.

    >>> from mend.engine.coach import analyze
    >>> a = analyze("You never listen to me. Whatever.")
    >>> sorted({f.kind for f in a.findings})
    ['absolute', 'blame', 'stonewalling']

Pure Python: no Django, no I/O beyond loading the coach's own data files once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from . import _escalation, _model, _rewrite, _rules
from ._features import normalize
from ._gating import words_bits
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
_HOSTILE_FLOOR_KINDS = frozenset({"contempt", "threat"})


def _findings_and_scores(text: str) -> tuple[tuple[Finding, ...], set[str], dict[str, float]]:
    """One pass over the words gives the model's sums and the masks of the rules worth running."""
    folded, lowered = normalize(text)
    m = _model.model()
    if m is None:
        findings = _rules.find_in(text, folded, lowered, words_bits(lowered))
        kinds = {f.kind for f in findings}
        scores = dict.fromkeys(_model.TASKS, 0.5)
    else:
        h, a, p, packed = _model.scan(m, lowered)
        findings = _rules.find_in(text, folded, lowered, packed)
        kinds = {f.kind for f in findings}
        scores = _model.calibrated(m, *_model.with_kinds(m, h, a, p, kinds))
    if not _HOSTILE_FLOOR_KINDS.isdisjoint(kinds):
        # lexicon evidence that makes a message hostile whatever the model says
        scores["hostility"] = max(scores["hostility"], 0.6)
    return findings, kinds, scores


def hostility(text: str) -> float:
    """Hostility score alone (used to check that rewrites are calm)."""
    return _findings_and_scores(text)[2]["hostility"]


def analyze(text: str) -> Analysis:
    """Findings, calibrated scores, crisis flag and (when hostile or blaming) a calmer rewrite.

    Nothing is memoised: the coach keeps no copy of a message once it has answered.
    """
    text = text if isinstance(text, str) else str(text)
    findings, kinds, scores = _findings_and_scores(text)
    crisis = "crisis" in kinds
    make_rewrite = None
    if not crisis and (scores["hostility"] >= 0.5 or not _REWRITE_KINDS.isdisjoint(kinds)):
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
