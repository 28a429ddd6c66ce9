"""Reads for reminders: a person's choices, and the reminders that fall in a window of time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mend.couples.selectors import couple_state

from . import sources
from .models import CalendarFeed, Kind, ReminderPreference
from .timing import (
    BREAK_LEAD,
    QuietHours,
    Reminder,
    checkin_reminders,
    checkup_reminder,
    daily_reminders,
    is_due,
    promise_reminder,
    shifted,
    timeout_reminder,
)
from .timing import break_end_reminder as break_reminder

if TYPE_CHECKING:
    from mend.accounts.models import User

MARGIN = timedelta(days=1)  # look this far around a window, so quiet-hour shifts are caught
UPCOMING_DAYS = 7


def preferences_for(user: User) -> ReminderPreference:
    """The saved choices, or unsaved defaults (reading never writes)."""
    found = ReminderPreference.objects.filter(user=user).first()
    return found if found is not None else ReminderPreference(user=user)


def email_allowed(user: User) -> bool:
    """May mend email this person at all? One switch, `User.email_reminders`, turns every email off."""
    return bool(user.email_reminders and user.email and user.is_active)


def reminders_between(
    user: User, start: datetime, end: datetime, *, prefs: ReminderPreference | None = None
) -> list[Reminder]:
    """Every reminder for `user` whose (quiet-hours-adjusted) send time is in [start, end).

    Nothing partner-related is produced for a person whose safety check shows concern.
    """
    prefs = prefs if prefs is not None else preferences_for(user)
    tz = user.time_zone or "UTC"
    quiet = QuietHours(prefs.quiet_start, prefs.quiet_end)
    lo, hi = start - MARGIN, end + MARGIN
    couple = couple_state(user).couple
    raw: list[Reminder] = []
    if prefs.wants(Kind.CHECKIN):
        slot = sources.checkin_slot(user, couple)
        if slot is not None:
            raw += checkin_reminders(slot, tz=tz, start=lo, end=hi)
    if prefs.wants(Kind.PROMISE):
        for item, made in sources.promises_due(user, lo, hi + timedelta(days=2)):
            raw.append(promise_reminder(item, tz=tz, created_at=made))
    if prefs.wants(Kind.BREAK_END):
        raw += [
            break_reminder(item, tz=tz) for item in sources.break_ends(user, couple, lo, hi + BREAK_LEAD, tz)
        ]
        raw += [timeout_reminder(item, tz=tz) for item in sources.timeouts_ending(user, lo, hi)]
    if prefs.wants(Kind.CHECKUP):
        last = sources.last_checkup(user)
        if last is not None:
            raw.append(checkup_reminder(last[1], ref=last[0], tz=tz))
    if prefs.wants(Kind.DAILY):
        raw += daily_reminders(wall=prefs.daily_time, tz=tz, start=lo, end=hi, ref="daily")
    if any(r.partner_related for r in raw) and sources.has_concern(user):
        raw = [r for r in raw if not r.partner_related]
    adjusted = [shifted(r, quiet, tz) for r in raw]
    return sorted((r for r in adjusted if start <= r.send_at < end), key=lambda r: (r.send_at, r.kind))


def upcoming_reminders(user: User, now: datetime, *, days: int = UPCOMING_DAYS) -> list[Reminder]:
    return reminders_between(user, now, now + timedelta(days=days))


def due_reminders(user: User, now: datetime, *, prefs: ReminderPreference | None = None) -> list[Reminder]:
    """What should go out now (not stale, event not passed)."""
    from .timing import GRACE

    found = reminders_between(user, now - GRACE, now + timedelta(seconds=1), prefs=prefs)
    return [r for r in found if is_due(r, now)]


def active_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.active().filter(user=user).first()


def feed_owner(secret: str) -> User | None:
    """The person behind a calendar link, or None for an unknown, revoked or disabled link."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.active()
        .filter(digest=CalendarFeed.digest_of(secret), user__is_active=True)
        .select_related("user")
        .first()
    )
    if feed is None:
        return None
    if not preferences_for(feed.user).calendar_enabled:
        return None
    return feed.user
