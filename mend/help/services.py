"""Writes for the situation pages. One transaction each; the caller passes `now`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction

from mend.couples.privacy import Visibility

from .models import BreakupReflection, SituationSettings

if TYPE_CHECKING:
    from mend.accounts.models import User

TEXT_MAX = 5000


class SituationError(ValueError):
    """Input we cannot accept; the message is safe to show."""


def _settings_for_update(user: User, now: datetime) -> SituationSettings:
    row, _ = SituationSettings.objects.select_for_update().get_or_create(
        user=user, defaults={"updated_at": now}
    )
    return row


def reflection_add(*, user: User, prompt: str, text: str, now: datetime) -> BreakupReflection:
    text = text.strip()
    if not text:
        raise SituationError("Write something first.")
    if len(text) > TEXT_MAX:
        raise SituationError(f"Keep it under {TEXT_MAX} characters.")
    with transaction.atomic():
        return BreakupReflection.objects.create(  # type: ignore[no-any-return]
            owner=user,
            couple=None,
            visibility=Visibility.PRIVATE,
            prompt=prompt.strip()[:300],
            text=text,
            created_at=now,
        )


def reflection_delete(*, user: User, reflection: BreakupReflection, now: datetime) -> None:
    if reflection.owner_id != user.pk:
        raise SituationError("Only the author can delete a reflection.")
    with transaction.atomic():
        reflection.delete()


def no_contact_set(*, user: User, on: bool, now: datetime) -> SituationSettings:
    with transaction.atomic():
        row = _settings_for_update(user, now)
        row.no_contact = on
        row.updated_at = now
        row.save(update_fields=["no_contact", "updated_at"])
    return row


def next_visit_set(*, user: User, day: date | None, today: date, now: datetime) -> SituationSettings:
    """Set (or clear, with None) the next visit. `today` is the user's local date."""
    if day is not None and day < today:
        raise SituationError("Pick today or a later day.")
    if day is not None and (day - today).days > 3660:
        raise SituationError("Pick a day within the next ten years.")
    with transaction.atomic():
        row = _settings_for_update(user, now)
        row.next_visit = day
        row.updated_at = now
        row.save(update_fields=["next_visit", "updated_at"])
    return row
