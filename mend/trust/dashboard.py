"""Trust cards on the start page: promises due soon, something new from the partner, the act of the day.

Constant queries whatever the history. Nothing here tells the author that their partner has
read something. When the partner's safety check shows concern, no card about the partner's
activity is shown (their actions must not turn into notifications).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mend.core.dashboard import Card

from .models import Promise
from .selectors import act_of_the_day, my_promises, promises_to_me, unread_from_partner

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState

DUE_SOON = timedelta(hours=48)


def _partner_has_concern(state: CoupleState) -> bool:
    if state.partner is None:
        return False
    try:
        from mend.safety.panel import has_concern
    except ImportError:  # pragma: no cover - safety ships with the foundation
        return False
    return has_concern(state.partner)


def card(*, user: User, state: CoupleState, now: datetime) -> list[Card]:
    cards: list[Card] = []
    due = list(
        my_promises(user).filter(status=Promise.Status.OPEN, due_at__lt=now + DUE_SOON).order_by("due_at")[:3]
    )
    if due:
        first = due[0]
        overdue = first.due_at < now
        cards.append(
            Card(
                title="A promise is due" if not overdue else "A promise needs a look",
                text=(
                    f"“{first.text[:90]}” — "
                    + (
                        "the due time has passed; mark how it went, and repair if it slipped."
                        if overdue
                        else "due soon."
                    )
                ),
                url="/trust/promises/",
                action="Open promises",
                priority=30,
                tone="attention" if overdue else "normal",
            )
        )
    if state.is_linked and not _partner_has_concern(state):
        notes, apologies = unread_from_partner(user)
        partner = state.partner.display_name if state.partner else "Your partner"
        if apologies:
            cards.append(
                Card(
                    title=f"{partner} wrote you an apology",
                    text="Read it when you have a quiet moment. You can respond whenever you are ready.",
                    url="/trust/apologies/",
                    action="Read it",
                    priority=20,
                    tone="calm",
                )
            )
        elif notes:
            cards.append(
                Card(
                    title=f"A note from {partner}",
                    text="Something your partner appreciates about you.",
                    url="/trust/appreciations/",
                    action="Read it",
                    priority=25,
                    tone="calm",
                )
            )
        to_confirm = promises_to_me(user).filter(status=Promise.Status.KEPT, response="").exists()
        if to_confirm:
            cards.append(
                Card(
                    title="A promise to you was marked as kept",
                    text=f"Let {partner} know whether it matches what you saw.",
                    url="/trust/promises/",
                    action="Answer",
                    priority=40,
                )
            )
    today = act_of_the_day(user, now=now)
    if today is not None and today.outcome != "done":
        cards.append(
            Card(
                title="Today's small act",
                text=today.act.text,
                url="/trust/acts/",
                action="See it",
                priority=60,
                tone="calm",
            )
        )
    return cards
