"""A person's own clock: their calendar day and "HH:MM" in their time zone."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone

if TYPE_CHECKING:
    from mend.accounts.models import User


def zone_of(user: User) -> ZoneInfo:
    try:
        return ZoneInfo(user.time_zone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def local_day(user: User, now: datetime) -> date:
    return timezone.localtime(now, zone_of(user)).date()


def local_hhmm(user: User, moment: datetime) -> str:
    return timezone.localtime(moment, zone_of(user)).strftime("%H:%M")
