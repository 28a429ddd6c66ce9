"""Reads for the situation pages, always for the requesting user only."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from typing import TYPE_CHECKING

from .models import BreakupReflection, SituationSettings

if TYPE_CHECKING:
    from mend.accounts.models import User


def situation_settings(user: User) -> SituationSettings | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return SituationSettings.objects.filter(user=user).first()


def no_contact(user: User) -> bool:
    """True when the user asked mend to hide every suggestion to contact the former partner."""
    row = situation_settings(user)
    return bool(row and row.no_contact)


def reflections_for(user: User) -> list[BreakupReflection]:
    return list(BreakupReflection.objects.owned_by(user).order_by("-created_at", "-pk")[:50])


def local_today(user: User, now: datetime) -> date:
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return now.astimezone(zone).date()
