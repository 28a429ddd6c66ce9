"""The check-up card on the start page: start, continue, re-take when due, or the plan."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mend.core.dashboard import Card

from .selectors import progress

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState


def card(*, user: User, state: CoupleState, now: datetime) -> Card | None:
    where = progress(user)  # one query, whatever the history
    if where.open is not None:
        return Card(
            title="Your check-up is waiting",
            text="Everything you saved is still there. Pick up at the next section.",
            url="/checkup/",
            action="Continue",
            priority=20,
            tone="attention",
        )
    if where.latest is None:
        return Card(
            title="A private check-up",
            text="About ten minutes of questions only you see, then a plan made from your answers.",
            url="/checkup/",
            action="Start",
            priority=30,
        )
    if where.retake_due(now):
        return Card(
            title="Time for your four-weekly check-up",
            text="Take it again to see what moved and let your plan adapt.",
            url="/checkup/",
            action="Re-take",
            priority=25,
            tone="attention",
        )
    return Card(
        title="Your repair plan",
        text="Your steps for this week, and why they were chosen.",
        url="/checkup/plan/",
        action="Open",
        priority=60,
        tone="calm",
    )
