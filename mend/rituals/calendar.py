"""Plain date arithmetic for check-ins: weeks, the scheduled slot in any time zone, and the streak.

No database access here, so every rule is easy to test with pinned times.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def week_start(moment: datetime, time_zone: str) -> date:
    """The Monday of the week that `moment` falls in, as seen in `time_zone`."""
    local = moment.astimezone(zone(time_zone)).date()
    return local - timedelta(days=local.weekday())


def slot_in_week(monday: date, *, weekday: int, local_time: time, time_zone: str) -> datetime:
    """The aware moment of the scheduled check-in in the week starting `monday`."""
    day = monday + timedelta(days=weekday)
    return datetime.combine(day, local_time, tzinfo=zone(time_zone))


@dataclass(frozen=True)
class LocalSlot:
    """The scheduled slot as one person sees it in their own time zone."""

    weekday: int
    time: time
    time_zone: str

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.weekday]

    def __str__(self) -> str:
        return f"{self.weekday_name}s at {self.time:%H:%M} ({self.time_zone})"


def slot_for_zone(
    *, weekday: int, local_time: time, time_zone: str, viewer_zone: str, near: datetime
) -> LocalSlot:
    """The slot converted to `viewer_zone`, using the occurrence in the week around `near`
    (so daylight-saving changes are taken into account for the coming check-in)."""
    moment = slot_in_week(
        week_start(near, time_zone), weekday=weekday, local_time=local_time, time_zone=time_zone
    )
    seen = moment.astimezone(zone(viewer_zone))
    return LocalSlot(
        weekday=seen.weekday(), time=seen.time().replace(second=0, microsecond=0), time_zone=viewer_zone
    )


@dataclass(frozen=True)
class Streak:
    """Consecutive check-in weeks, where one missed week on its own is forgiven."""

    weeks: int  # completed weeks in the current run
    forgiven: tuple[date, ...]  # the missed weeks that did not break it
    alive: bool  # False when the run has ended (two missed weeks in a row)


def streak(done: Collection[date], *, current: date) -> Streak:
    """Count back from `current` (the Monday of this week).

    - This week, while not yet done, neither counts nor breaks the streak (it is still open).
    - A single missed week between done weeks is forgiven.
    - Two missed weeks in a row end the streak.
    """
    done_set = set(done)
    count = 0
    forgiven: list[date] = []
    week = current
    if week not in done_set:
        week -= timedelta(weeks=1)  # the open week
    missed_in_row = 0
    pending: date | None = None
    earliest = min(done_set) if done_set else current
    while week >= earliest:
        if week in done_set:
            count += 1
            if pending is not None:
                forgiven.append(pending)
                pending = None
            missed_in_row = 0
        else:
            missed_in_row += 1
            if missed_in_row >= 2:
                break
            pending = week
        week -= timedelta(weeks=1)
    return Streak(weeks=count, forgiven=tuple(forgiven), alive=count > 0)
