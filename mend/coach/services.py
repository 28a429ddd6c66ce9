"""The coach's surfaces share these: analysis for display, and saving a draft on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from mend.engine.coach import HARMFUL_KINDS, Analysis, Finding, analyze, rewrites

from .models import SavedDraft

if TYPE_CHECKING:
    from mend.accounts.models import User


class CoachInputError(ValueError):
    """Input the coach will not analyse; the message is safe to show."""


def check_text(text: str) -> str:
    if len(text) > settings.MEND_MAX_TEXT:
        raise CoachInputError(
            f"That message is {len(text):,} characters long; the coach reads up to {settings.MEND_MAX_TEXT:,}. "
            "Try splitting it into the part that matters most."
        )
    return text


@dataclass(frozen=True)
class Segment:
    """A piece of the message for display: plain, or highlighted by the findings that cover it."""

    text: str
    findings: tuple[Finding, ...] = ()

    @property
    def harmful(self) -> bool:
        return any(f.kind in HARMFUL_KINDS for f in self.findings)

    @property
    def title(self) -> str:
        return " ".join(f.explanation for f in self.findings)


@dataclass(frozen=True)
class CoachView:
    analysis: Analysis
    segments: tuple[Segment, ...]
    alternatives: tuple[str, ...]

    @property
    def harmful(self) -> tuple[Finding, ...]:
        return self.analysis.harmful

    @property
    def helpful(self) -> tuple[Finding, ...]:
        return self.analysis.helpful


def segments_for(text: str, findings: tuple[Finding, ...]) -> tuple[Segment, ...]:
    """Split `text` at every finding boundary so overlapping findings highlight correctly."""
    shown = [f for f in findings if f.kind != "crisis" and 0 <= f.start < f.end <= len(text)]
    cuts = sorted({0, len(text), *(f.start for f in shown), *(f.end for f in shown)})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = tuple(f for f in shown if f.start <= start and end <= f.end)
        out.append(Segment(text[start:end], covering))
    return tuple(out)


def coach_view(text: str) -> CoachView:
    analysis = analyze(check_text(text))
    alternatives: tuple[str, ...] = ()
    if not analysis.crisis and analysis.rewrite:
        alternatives = tuple(dict.fromkeys([analysis.rewrite, *rewrites(text)]))[:3]
    return CoachView(
        analysis=analysis, segments=segments_for(text, analysis.findings), alternatives=alternatives
    )


@transaction.atomic
def draft_save(*, user: User, text: str, now: datetime) -> SavedDraft:
    text = check_text(text).strip()
    if not text:
        raise CoachInputError("There is nothing to save yet.")
    return SavedDraft.objects.create(owner=user, text=text, created_at=now)


@transaction.atomic
def draft_delete(*, draft: SavedDraft) -> None:
    draft.delete()
