"""Result types of the message coach: frozen, plain values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

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
    """What the coach says about one message.

    ``rewrite`` is worked out on first access (it scores several candidate phrasings), so
    callers that only need findings and scores do not pay for it.
    """

    text: str
    scores: Mapping[str, float]
    findings: tuple[Finding, ...]
    crisis: bool
    make_rewrite: Callable[[], str | None] | None = field(default=None, repr=False, compare=False)
    # the worked-out rewrite, in a 1-tuple once known (no per-result container until then)
    _rewrite: tuple[str | None, ...] = field(default=(), repr=False, compare=False)

    @property
    def rewrite(self) -> str | None:
        """A calmer version when the message is hostile or blaming; None otherwise or in a crisis."""
        if self.crisis or self.make_rewrite is None:
            return None
        if not self._rewrite:
            object.__setattr__(self, "_rewrite", (self.make_rewrite(),))
        return self._rewrite[0]

    @property
    def harmful(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in HARMFUL_KINDS)

    @property
    def helpful(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in HELPFUL_KINDS)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(f.kind for f in self.findings)
