"""The safety card on the start page: private support options, or a gentle invitation."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mend.core.dashboard import Card

from .selectors import latest_check

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState


def card(*, user: User, state: CoupleState, now: datetime) -> Card | None:
    check = latest_check(user)  # one query, whatever the history
    if check is None:
        return Card(
            title="A private wellbeing check",
            text="A few questions only you will see, about feeling safe and respected at home.",
            url="/safety/",
            action="Take a look",
            priority=90,
            tone="normal",
        )
    if check.band in {"some", "urgent"} and check.dismissed_at is None:
        return Card(
            title="Support options",
            text="People and services you can talk to in confidence, and steps that can help. Only you see this.",
            url="/safety/result/",
            action="Open",
            priority=0,
            tone="calm",
        )
    return None
