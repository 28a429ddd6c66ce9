"""The journal's card: today's reflection prompt. No query at all."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from mend.core.dashboard import Card

from .selectors import local_day, prompt_of_the_day

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState


def card(*, user: User, state: CoupleState, now: datetime) -> Card:
    daily = prompt_of_the_day(user_id=user.pk, day=local_day(user, now))
    return Card(
        title="Journal prompt of the day",
        text=daily.text,
        url=f"/journal/new/?prompt={quote(daily.key)}",
        action="Write privately",
        priority=80,
        tone="normal",
    )
