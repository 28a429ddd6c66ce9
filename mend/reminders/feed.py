"""The personal calendar feed (RFC 5545, built with `icalendar`).

Event titles are neutral and carry no text anyone wrote, since a phone calendar is often seen by
others: "Weekly check-in", "Planned item due", "Agreed pause ends", "Check-up". The weekly
check-in is one recurring event with its own time zone (TZID), so phones get the daylight-saving
shift right on their own. Partner-related events are left out while the person's safety check
shows concern, as for email.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from icalendar import Calendar, Event

from . import sources
from .models import Kind
from .selectors import preferences_for
from .timing import checkin_occurrences, local, next_checkup_at, zone

if TYPE_CHECKING:
    from mend.accounts.models import User

HORIZON = timedelta(days=90)
LOOKBACK = timedelta(days=7)
TITLES = {
    Kind.CHECKIN: "Weekly check-in",
    Kind.PROMISE: "Planned item due",
    Kind.BREAK_END: "Agreed pause ends",
    Kind.CHECKUP: "Check-up",
}
DOMAIN = "mend.reminders"


def _event(*, uid: str, title: str, start: datetime, minutes: int, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("description", "Open mend for the details.")
    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    if site:
        event.add("url", f"{site}/")
    event.add("transp", "TRANSPARENT")
    return event


def calendar_for(user: User, now: datetime) -> Calendar:
    prefs = preferences_for(user)
    tz = user.time_zone or "UTC"
    couple = None
    from mend.couples.selectors import couple_state

    couple = couple_state(user).couple
    concern = sources.has_concern(user)
    cal = Calendar()
    cal.add("prodid", "-//mend//reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "mend")
    cal.add("x-wr-timezone", tz)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    start, end = now - LOOKBACK, now + HORIZON

    if prefs.checkin:
        slot = sources.checkin_slot(user, couple)
        if slot is not None and not (concern and slot.partner_related):
            first = checkin_occurrences(slot, now - timedelta(days=7), now + timedelta(days=8))
            if first:
                event = _event(
                    uid=f"checkin-{slot.ref.replace(':', '-')}",
                    title=TITLES[Kind.CHECKIN],
                    start=first[0].astimezone(zone(slot.time_zone)),
                    minutes=30,
                    now=now,
                )
                event.add("rrule", {"freq": "weekly"})
                cal.add_component(event)
    if prefs.promises:
        for item, _made in sources.promises_due(user, start, end):
            if concern and item.partner_related:
                continue
            cal.add_component(
                _event(
                    uid=item.ref.replace(":", "-"),
                    title=TITLES[Kind.PROMISE],
                    start=local(item.at, tz),
                    minutes=15,
                    now=now,
                )
            )
    if prefs.breaks and not concern:
        for item in sources.break_ends(user, couple, start, end, tz):
            cal.add_component(
                _event(
                    uid=item.ref.replace(":", "-"),
                    title=TITLES[Kind.BREAK_END],
                    start=local(item.at, tz),
                    minutes=15,
                    now=now,
                )
            )
    if prefs.checkup:
        last = sources.last_checkup(user)
        if last is not None:
            moment = next_checkup_at(last[1], tz=tz)
            if start <= moment < end:
                cal.add_component(
                    _event(
                        uid=last[0].replace(":", "-") + "-next",
                        title=TITLES[Kind.CHECKUP],
                        start=local(moment, tz),
                        minutes=30,
                        now=now,
                    )
                )
    cal.add_missing_timezones()
    return cal


def calendar_ics(user: User, now: datetime) -> bytes:
    return bytes(calendar_for(user, now).to_ical())
