"""Space cards: the partner's pause, my own pause, and the break agreement with days left.

Three queries at most, whatever the history.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mend.core.dashboard import Card

from .clock import local_day, local_hhmm
from .models import AgreementStatus
from .selectors import current_agreement, own_open_timeout, partner_pause
from .services import STALE_AFTER

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState


def card(*, user: User, state: CoupleState, now: datetime) -> list[Card]:
    cards: list[Card] = []
    theirs = partner_pause(user=user, state=state, now=now)
    if theirs is not None:
        text = (
            f"“{theirs.message}” It's a little past {theirs.until}; calming down can take longer. "
            "They'll come back when they can."
            if theirs.overdue
            else f"“{theirs.message}” A good moment to slow down too."
        )
        cards.append(
            Card(
                title=f"{theirs.name} asked for a pause until {theirs.until} (your time)",
                text=text,
                url="/space/",
                action="Open",
                priority=5,
                tone="calm",
            )
        )
    mine = own_open_timeout(user)
    if mine is not None and now < mine.return_at + STALE_AFTER:
        until = local_hhmm(user, mine.return_at)
        cards.append(
            Card(
                title=f"You're on a pause until {until}",
                text="Take your time. Tap “I'm back” when you feel steady."
                if mine.is_overdue(now)
                else "Breathe slowly; the calm page keeps time for you.",
                url="/space/pause/",
                action="Open the calm page",
                priority=4,
                tone="calm",
            )
        )
    agreement = current_agreement(user, now)
    if agreement is not None:
        today = local_day(user, now)
        days = agreement.days_left(today)
        left = (
            f"{days} day{'s' if days != 1 else ''} left"
            if agreement.has_started(today)
            else (f"starts {agreement.starts_on:%-d %B}")
        )
        if agreement.status == AgreementStatus.PROPOSED and agreement.owner_id != user.pk:
            cards.append(
                Card(
                    title=f"{agreement.owner.display_name} proposed a break",
                    text="A pause to think, not a punishment. Read the terms, then accept or suggest changes.",
                    url="/space/",
                    action="Read the proposal",
                    priority=10,
                    tone="attention",
                )
            )
        elif agreement.status == AgreementStatus.PROPOSED:
            cards.append(
                Card(
                    title="Your break proposal is waiting for an answer",
                    text="It begins only when you both agree.",
                    url="/space/",
                    action="See it",
                    priority=60,
                )
            )
        else:
            cards.append(
                Card(
                    title=f"{'Your plan for space' if agreement.is_personal else 'Agreed break'}: {left}",
                    text=f"Until {agreement.ends_on:%-d %B}. A pause to reflect, not a punishment.",
                    url="/space/",
                    action="Open",
                    priority=20,
                    tone="calm",
                )
            )
    return cards
