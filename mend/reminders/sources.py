"""Small adapters that read other tools' models into plain values for reminders.

Each adapter reads only what a reminder needs (a weekday and a time, a due moment, an id) and
never any text a person wrote. Each is guarded: if a tool is not installed yet, its model or a
field is missing, or its table does not exist, the adapter yields nothing instead of failing, so
reminders keep working while the other tools are being built.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import FieldError
from django.db import DatabaseError, transaction
from django.db.models import Q

from .timing import DueItem, WeeklySlot, at_local

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.models import Couple

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _model(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _guarded(default: T, read: Callable[[], T]) -> T:
    """Run a read in a savepoint; any missing piece of another tool yields `default`."""
    try:
        with transaction.atomic():
            return read()
    except (DatabaseError, FieldError, AttributeError, LookupError, TypeError, ValueError):
        logger.info("reminders: a source is not available yet", exc_info=True)
        return default


def has_concern(user: User) -> bool:
    """The person's own safety check shows concern. If the check is unavailable: no concern known."""
    try:
        from mend.safety.panel import has_concern as safety_concern
    except ImportError:
        return False
    return _guarded(False, lambda: bool(safety_concern(user)))


def checkin_slot(user: User, couple: Couple | None) -> WeeklySlot | None:
    schedule_model = _model("mend.rituals.models", "CheckinSchedule")
    if schedule_model is None:
        return None

    def read() -> WeeklySlot | None:
        qs = schedule_model.objects.all()
        schedule = (
            qs.filter(couple=couple).first()
            if couple is not None
            else qs.filter(owner=user, couple__isnull=True).first()
        )
        if schedule is None:
            return None
        return WeeklySlot(
            ref=f"schedule:{schedule.pk}",
            weekday=int(schedule.weekday),
            wall=schedule.local_time,
            time_zone=str(schedule.time_zone or user.time_zone),
            partner_related=couple is not None,
        )

    return _guarded(None, read)


def promises_due(user: User, start: datetime, end: datetime) -> list[tuple[DueItem, datetime]]:
    """The person's own open promises due in [start, end), with when each was made."""
    promise_model = _model("mend.trust.models", "Promise")
    if promise_model is None:
        return []

    def read() -> list[tuple[DueItem, datetime]]:
        rows = (
            promise_model.objects.filter(owner=user, status="open", due_at__gte=start, due_at__lt=end)
            .order_by("due_at", "pk")
            .values_list("pk", "due_at", "to_partner", "created_at")[:50]
        )
        return [
            (DueItem(ref=f"promise:{pk}", at=due_at, partner_related=bool(to_partner)), created_at)
            for pk, due_at, to_partner, created_at in rows
        ]

    return _guarded([], read)


BREAK_END_TIME = time(9, 0)  # an agreed break ends "on a day": remind at this local time


def break_ends(user: User, couple: Couple | None, start: datetime, end: datetime, tz: str) -> list[DueItem]:
    """When an agreed break (active, mine or our couple's) ends, within [start, end)."""
    agreement_model = _model("mend.space.models", "BreakAgreement")
    if agreement_model is None:
        return []

    def read() -> list[DueItem]:
        who = Q(owner=user, couple__isnull=True)
        if couple is not None:
            who |= Q(couple=couple)
        rows = agreement_model.objects.filter(who, status="active").values_list(
            "pk", "starts_on", "length_days"
        )[:10]
        out = []
        for pk, starts_on, length_days in rows:
            moment = at_local(starts_on + timedelta(days=int(length_days)), BREAK_END_TIME, tz)
            if start <= moment < end:
                out.append(DueItem(ref=f"break:{pk}", at=moment, partner_related=True))
        return out

    return _guarded([], read)


def timeouts_ending(user: User, start: datetime, end: datetime) -> list[DueItem]:
    """The person's own open time-out ("I need a break") and when they said they would be back."""
    timeout_model = _model("mend.space.models", "TimeOut")
    if timeout_model is None:
        return []

    def read() -> list[DueItem]:
        rows = timeout_model.objects.filter(
            owner=user, returned_at__isnull=True, return_at__gte=start, return_at__lt=end
        ).values_list("pk", "return_at", "started_at")[:5]
        return [
            DueItem(ref=f"timeout:{pk}", at=return_at, partner_related=True, since=started_at)
            for pk, return_at, started_at in rows
        ]

    return _guarded([], read)


def last_checkup(user: User) -> tuple[str, datetime] | None:
    attempt_model = _model("mend.checkup.models", "CheckupAttempt")
    if attempt_model is None:
        return None

    def read() -> tuple[str, datetime] | None:
        row = (
            attempt_model.objects.filter(owner=user, completed_at__isnull=False)
            .order_by("-completed_at", "-pk")
            .values_list("pk", "completed_at")
            .first()
        )
        return None if row is None else (f"checkup:{row[0]}", row[1])

    return _guarded(None, read)
