"""Demo reminder choices for alice, bob and dana. Idempotent: existing choices are left alone."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from .models import ReminderPreference

if TYPE_CHECKING:
    from mend.core.demo import DemoUsers
    from mend.couples.models import Couple

CHOICES: dict[str, dict[str, Any]] = {
    "alice": {"daily_time": time(8, 30), "quiet_start": time(22, 0), "quiet_end": time(7, 0)},
    "bob": {"daily_time": time(12, 15), "quiet_start": time(23, 0), "quiet_end": time(7, 30), "daily": False},
    "dana": {"daily_time": time(7, 45), "quiet_start": time(21, 30), "quiet_end": time(6, 30)},
}


def seed(*, users: DemoUsers, couple: Couple, now: datetime) -> None:
    for name, values in CHOICES.items():
        user = getattr(users, name)
        ReminderPreference.objects.get_or_create(user=user, defaults={**values, "updated_at": now})
