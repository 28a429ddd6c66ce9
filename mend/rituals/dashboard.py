"""The check-in cards on the start page: due, the partner is waiting for you, or the reveal is ready.

At most five queries whatever the history (schedule, week, two answer reads, the partner's safety band).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mend.core.dashboard import Card

from . import calendar, selectors

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState


def card(*, user: User, state: CoupleState, now: datetime) -> list[Card] | None:
    view, schedule = selectors.current_week_view(user, state, now)
    partner = view.partner_name or "Your partner"
    if view.revealed:
        return [
            Card(
                title="Your check-in answers are side by side",
                text=f"You and {partner} have both answered this week. Read them together and pick what to do next.",
                url="/rituals/",
                action="Read them",
                priority=30,
                tone="calm",
            )
        ]
    if view.is_couple and view.partner_submitted and not view.i_submitted:
        return [
            Card(
                title=f"{partner} is waiting for you",
                text="They have answered this week's check-in. Yours stay private until you submit.",
                url="/rituals/",
                action="Answer now",
                priority=20,
                tone="attention",
            )
        ]
    if view.i_submitted:
        return None
    if schedule is None:
        return [
            Card(
                title="Pick a time for your weekly check-in",
                text="Half an hour once a week to look back together."
                if state.is_linked
                else "Half an hour once a week to look back on your own.",
                url="/rituals/schedule/",
                action="Choose a time",
                priority=70,
            )
        ]
    slot = calendar.slot_in_week(
        view.week_start,
        weekday=schedule.weekday,
        local_time=schedule.local_time,
        time_zone=schedule.time_zone,
    )
    mine = calendar.zone(user.time_zone)
    slot_local = slot.astimezone(mine)
    today = now.astimezone(mine).date()
    if now >= slot:
        return [
            Card(
                title="Your weekly check-in is due",
                text="It is past your check-in time for this week. There is still time to answer.",
                url="/rituals/",
                action="Start the check-in",
                priority=25,
                tone="attention",
            )
        ]
    if slot_local.date() == today:
        return [
            Card(
                title=f"Check-in today at {slot_local:%H:%M}",
                text="Find a quiet half hour. The questions are ready when you are.",
                url="/rituals/",
                action="Open the check-in",
                priority=25,
            )
        ]
    return None
