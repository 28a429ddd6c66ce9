"""Gentle flags for the apology builder: a "but", a conditional "if you felt", blame shifted back.

The message coach (`mend.engine.coach.analyze`) is used when it is installed; a small local
check always covers the three patterns an apology most often slips into, so the builder keeps
working while the coach is unavailable. Flags are advice only: nothing is ever blocked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

COACH_KINDS = {
    "non_apology": "This reads as an apology for how the other person reacted rather than for what you did.",
    "blame": "This points back at your partner; the apology is about your part.",
    "defensiveness": "This explains or defends; an explanation can wait until the hurt has been heard.",
    "contempt": "This could land as mocking or looking down, which undoes the apology.",
    "criticism": "This criticises your partner; keep the focus on what you did.",
}


@dataclass(frozen=True)
class Flag:
    kind: str
    start: int
    end: int
    words: str
    explanation: str


_LOCAL: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "but",
        re.compile(r"\b(?:but|however|although)\b", re.IGNORECASE),
        "A “but” tends to cancel what came before it. Try ending the sentence where the apology ends.",
    ),
    (
        "non_apology",
        re.compile(
            r"\bif (?:you|that|it|anything|this) (?:felt|feel|were|was|got|seemed|came across|upset|hurt|offended)\b"
            r"|\bsorry (?:that |if )?you (?:feel|felt|think|thought|were|are)\b"
            r"|\bsorry you see it\b",
            re.IGNORECASE,
        ),
        "A conditional (“if you felt…”) questions the hurt instead of owning it. Name what happened and its effect.",
    ),
    (
        "blame",
        re.compile(
            r"\byou made me\b|\bbecause you\b|\byour fault\b|\bif you hadn[’']?t\b|\byou (?:always|never)\b"
            r"|\byou started\b|\byou provoked\b|\bafter what you\b",
            re.IGNORECASE,
        ),
        "This shifts part of the blame to your partner; the apology is about your part.",
    ),
    (
        "defensiveness",
        re.compile(
            r"\bi (?:only|just) (?:did|said|meant)\b|\bi had no choice\b|\bi didn[’']?t mean (?:it|to)\b"
            r"|\banyone would have\b|\bit wasn[’']?t (?:a big deal|that bad)\b|\bi was (?:just|only) (?:tired|stressed|joking)\b",
            re.IGNORECASE,
        ),
        "This justifies what happened. Leave the reasons for later; right now, own it.",
    ),
)


def _coach() -> Callable[[str], Any] | None:
    try:
        from mend.engine.coach import analyze
    except ImportError:
        return None
    return analyze  # type: ignore[no-any-return]


def flags_for(text: str) -> list[Flag]:
    """Flags for one field of the apology, ordered by position, without overlapping spans."""
    text = text[:5000]
    found: list[Flag] = []
    for kind, pattern, explanation in _LOCAL:
        for match in pattern.finditer(text):
            found.append(Flag(kind, match.start(), match.end(), match.group(0), explanation))
    analyze = _coach()
    if analyze is not None and text.strip():
        try:
            findings = analyze(text).findings
        except Exception:  # the coach is advisory: never let it break the builder
            findings = ()
        for finding in findings:
            coach_says = COACH_KINDS.get(finding.kind)
            if coach_says is None:
                continue
            start, end = int(finding.start), int(finding.end)
            found.append(Flag(finding.kind, start, end, text[start:end], coach_says))
    found.sort(key=lambda flag: (flag.start, -(flag.end - flag.start)))
    kept: list[Flag] = []
    for flag in found:
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept


def apology_flags(fields: dict[str, str]) -> dict[str, list[Flag]]:
    """Flags per field name; fields with nothing to flag are left out."""
    out = {name: flags_for(value) for name, value in fields.items()}
    return {name: flags for name, flags in out.items() if flags}
