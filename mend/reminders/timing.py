"""When reminders go out, computed in each person's own time zone. No database access here.

Every function takes plain values and an explicit `now`, so daylight-saving switches can be
tested with pinned moments. Wall-clock times ("Sundays at 20:00") are turned into real moments
day by day with `zoneinfo`, so the UTC moment moves by an hour across a switch while the local
time stays put. Reminder wording is generic by construction: it is built here from the kind and
the time only, never from anything a person wrote.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

CHECKIN_LEAD = timedelta(hours=3)
PROMISE_LEAD = timedelta(hours=24)
BREAK_LEAD = timedelta(hours=12)
TIMEOUT_LEAD = timedelta(minutes=5)
CHECKUP_EVERY = timedelta(weeks=4)
CHECKUP_TIME = time(10, 0)
GRACE = timedelta(hours=6)  # a reminder later than this (or after its event) is not sent at all
QUIET_FALLBACK = timedelta(minutes=15)

KIND_SUBJECTS = {
    "checkin": "Your weekly check-in",
    "promise": "Something you planned is due",
    "break_end": "Your agreed pause is ending",
    "checkup": "Time for your four-weekly check-up",
    "daily": "A small idea for today",
}


def zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def at_local(day: date, wall: time, tz: str) -> datetime:
    """The UTC moment of a wall-clock time on a local day (a time in a spring-forward gap moves
    forward by the gap, as clocks do)."""
    return datetime.combine(day, wall.replace(tzinfo=None), tzinfo=zone(tz)).astimezone(UTC)


def local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(zone(tz))


@dataclass(frozen=True)
class QuietHours:
    start: time | None
    end: time | None

    @property
    def active(self) -> bool:
        return self.start is not None and self.end is not None and self.start != self.end

    def contains(self, wall: time) -> bool:
        if not self.active:
            return False
        assert self.start is not None and self.end is not None
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end


def after_quiet_hours(moment: datetime, quiet: QuietHours, tz: str) -> datetime:
    """`moment` itself, or the end of the quiet hours it falls into (in the person's zone)."""
    seen = local(moment, tz)
    wall = seen.time().replace(tzinfo=None)
    if not quiet.contains(wall):
        return moment
    assert quiet.start is not None and quiet.end is not None
    day = seen.date()
    if quiet.start > quiet.end and wall >= quiet.start:
        day += timedelta(days=1)  # quiet hours that run past midnight end tomorrow
    return at_local(day, quiet.end, tz)


def quiet_start_before(moment: datetime, quiet: QuietHours, tz: str) -> datetime:
    """The start of the quiet period that contains `moment` (a little before it)."""
    assert quiet.start is not None and quiet.end is not None
    seen = local(moment, tz)
    wall = seen.time().replace(tzinfo=None)
    day = seen.date()
    if quiet.start > quiet.end and wall < quiet.end:
        day -= timedelta(days=1)
    return at_local(day, quiet.start, tz) - QUIET_FALLBACK


@dataclass(frozen=True)
class Reminder:
    """One reminder for one person. `ref` + `occurrence` identify it for the send ledger."""

    kind: str
    ref: str
    occurrence: date
    send_at: datetime
    event_at: datetime | None
    subject: str
    text: str
    partner_related: bool
    respects_quiet: bool = True  # False for a time-out the person started moments ago

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "send_at": self.send_at.isoformat(),
            "event_at": self.event_at.isoformat() if self.event_at else None,
            "subject": self.subject,
            "text": self.text,
        }


def shifted(reminder: Reminder, quiet: QuietHours, tz: str) -> Reminder:
    """Move a reminder out of quiet hours; if that would land after its event, send it just
    before the quiet hours begin instead."""
    if not reminder.respects_quiet:
        return reminder
    moved = after_quiet_hours(reminder.send_at, quiet, tz)
    if moved == reminder.send_at:
        return reminder
    if reminder.event_at is not None and moved >= reminder.event_at:
        moved = quiet_start_before(reminder.send_at, quiet, tz)
    return replace(reminder, send_at=moved)


def _clock(moment: datetime, tz: str) -> str:
    return local(moment, tz).strftime("%H:%M")


def _when(event: datetime, send: datetime, tz: str) -> str:
    """'tonight at 20:00', 'today at 09:30', 'tomorrow at 18:00' or 'on Friday at 18:00'."""
    ev, at = local(event, tz), local(send, tz)
    days = (ev.date() - at.date()).days
    clock = ev.strftime("%H:%M")
    if days == 0:
        return f"{'tonight' if ev.hour >= 17 else 'today'} at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"on {ev.strftime('%A')} at {clock}"


# --------------------------------------------------------------------------- weekly check-in


@dataclass(frozen=True)
class WeeklySlot:
    """The agreed check-in: a weekday and a wall-clock time in the zone of whoever set it."""

    ref: str
    weekday: int
    wall: time
    time_zone: str
    partner_related: bool


def checkin_occurrences(slot: WeeklySlot, start: datetime, end: datetime) -> list[datetime]:
    """Every check-in moment in [start, end), computed week by week in the slot's own zone."""
    first = local(start, slot.time_zone).date()
    first -= timedelta(days=(first.weekday() - slot.weekday) % 7)
    out: list[datetime] = []
    day = first
    while True:
        moment = at_local(day, slot.wall, slot.time_zone)
        if moment >= end:
            return out
        if moment >= start:
            out.append(moment)
        day += timedelta(days=7)


def checkin_reminders(slot: WeeklySlot, *, tz: str, start: datetime, end: datetime) -> list[Reminder]:
    out = []
    for event in checkin_occurrences(slot, start, end + CHECKIN_LEAD):
        send = event - CHECKIN_LEAD
        out.append(
            Reminder(
                kind="checkin",
                ref=slot.ref,
                occurrence=local(event, tz).date(),
                send_at=send,
                event_at=event,
                subject=KIND_SUBJECTS["checkin"],
                text=f"Your weekly check-in is {_when(event, send, tz)}.",
                partner_related=slot.partner_related,
            )
        )
    return out


# --------------------------------------------------------------------------- one-off events


@dataclass(frozen=True)
class DueItem:
    """Something with a moment: a promise's due time, a break's end."""

    ref: str
    at: datetime
    partner_related: bool
    since: datetime | None = None  # when it was made or started (no reminder before that)


def promise_reminder(item: DueItem, *, tz: str, created_at: datetime | None = None) -> Reminder:
    send = item.at - PROMISE_LEAD
    if created_at is not None and send < created_at:
        send = created_at  # made less than a day before it is due: remind straight away
    return Reminder(
        kind="promise",
        ref=item.ref,
        occurrence=local(item.at, tz).date(),
        send_at=send,
        event_at=item.at,
        subject=KIND_SUBJECTS["promise"],
        text=f"Something you planned is due {_when(item.at, send, tz)}.",
        partner_related=item.partner_related,
    )


def break_end_reminder(item: DueItem, *, tz: str) -> Reminder:
    send = item.at - BREAK_LEAD
    return Reminder(
        kind="break_end",
        ref=item.ref,
        occurrence=local(item.at, tz).date(),
        send_at=send,
        event_at=item.at,
        subject=KIND_SUBJECTS["break_end"],
        text=f"The pause you agreed on ends {_when(item.at, send, tz)}.",
        partner_related=item.partner_related,
    )


def timeout_reminder(item: DueItem, *, tz: str) -> Reminder:
    """A few minutes before the end of a time-out the person took (never before it began)."""
    send = item.at - TIMEOUT_LEAD
    if item.since is not None and send < item.since:
        send = item.since
    return Reminder(
        kind="break_end",
        ref=item.ref,
        occurrence=local(item.at, tz).date(),
        send_at=send,
        event_at=item.at,
        subject=KIND_SUBJECTS["break_end"],
        text=f"Your pause ends at {_clock(item.at, tz)}. Take a breath before you go back.",
        partner_related=item.partner_related,
        respects_quiet=False,
    )


def next_checkup_at(last_completed: datetime, *, tz: str) -> datetime:
    """Four weeks after the last completed check-up, at a calm morning hour in the person's zone."""
    day = local(last_completed, tz).date() + timedelta(days=CHECKUP_EVERY.days)
    return at_local(day, CHECKUP_TIME, tz)


def checkup_reminder(last_completed: datetime, *, ref: str, tz: str) -> Reminder:
    moment = next_checkup_at(last_completed, tz=tz)
    return Reminder(
        kind="checkup",
        ref=ref,
        occurrence=local(moment, tz).date(),
        send_at=moment,
        event_at=None,
        subject=KIND_SUBJECTS["checkup"],
        text="Four weeks have passed: your check-up is ready to take again when you are.",
        partner_related=False,
    )


def daily_reminders(*, wall: time, tz: str, start: datetime, end: datetime, ref: str) -> list[Reminder]:
    out = []
    day = local(start, tz).date() - timedelta(days=1)
    last = local(end, tz).date() + timedelta(days=1)
    while day <= last:
        moment = at_local(day, wall, tz)
        if start <= moment < end:
            out.append(
                Reminder(
                    kind="daily",
                    ref=ref,
                    occurrence=day,
                    send_at=moment,
                    event_at=None,
                    subject=KIND_SUBJECTS["daily"],
                    text="A small idea for today is waiting for you in mend.",
                    partner_related=True,
                )
            )
        day += timedelta(days=1)
    return out


def is_due(reminder: Reminder, now: datetime) -> bool:
    """Send now: its time has come, it is not stale, and its event has not passed."""
    if reminder.send_at > now or now - reminder.send_at > GRACE:
        return False
    return reminder.event_at is None or now < reminder.event_at
