"""Result types of the message coach: frozen, plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

HARMFUL_KINDS: frozenset[str] = frozenset(
    {
        "blame",
        "absolute",
        "criticism",
        "contempt",
        "defensiveness",
        "stonewalling",
        "threat",
        "escalation",
        "non_apology",
    }
)
HELPFUL_KINDS: frozenset[str] = frozenset(
    {"i_statement", "appreciation", "apology", "repair", "request", "active_listening"}
)
CRISIS_KIND = "crisis"
ALL_KINDS: frozenset[str] = HARMFUL_KINDS | HELPFUL_KINDS | {CRISIS_KIND}

MAX_CHARS = 5000


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the coach noticed: ``text[start:end]`` triggered rule ``kind``."""

    kind: str
    start: int
    end: int
    explanation: str
    suggestion: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the coach says about one message."""

    text: str
    scores: Mapping[str, float]
    findings: tuple[Finding, ...]
    rewrite: str | None
    crisis: bool

    @property
    def harmful(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in HARMFUL_KINDS)

    @property
    def helpful(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in HELPFUL_KINDS)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(f.kind for f in self.findings)
