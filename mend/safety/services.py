"""Writes for the private safety check. Each function is one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.db import transaction

from mend.couples.privacy import Visibility
from mend.engine.checkup import AnswerError
from mend.engine.safety import SafetyResult, safety_result

from .models import SafetyCheck

if TYPE_CHECKING:
    from mend.accounts.models import User

NOTE_MAX = 5000


class SafetyError(ValueError):
    """Input the safety check cannot accept; the message is safe to show to the user."""


def safety_check_submit(
    *, user: User, answers: Mapping[str, object], note: str = "", now: datetime
) -> tuple[SafetyCheck, SafetyResult]:
    """Score and store a safety check for `user` only (private, never linked to a couple)."""
    if len(note) > NOTE_MAX:
        raise SafetyError(f"The note can be at most {NOTE_MAX} characters.")
    if not any(value is not None and value != "" for value in answers.values()):
        raise SafetyError("Answer at least one question, or leave the check for another time.")
    try:
        result = safety_result(answers)
    except AnswerError as error:
        raise SafetyError(str(error)) from error
    clean = {str(k): v for k, v in answers.items() if v is not None}
    with transaction.atomic():
        check = SafetyCheck.objects.create(
            owner=user,
            couple=None,
            visibility=Visibility.PRIVATE,
            answers=cast(Any, clean),
            band=result.band,
            note=note.strip(),
            version=result.version,
            created_at=now,
        )
    return check, result


def safety_check_dismiss(*, user: User, now: datetime) -> bool:
    """Hide the support banner for the latest check. The result itself stays, privately."""
    with transaction.atomic():
        check = SafetyCheck.objects.owned_by(user).select_for_update().order_by("-created_at", "-pk").first()
        if check is None or check.dismissed_at is not None:
            return False
        check.dismissed_at = now
        check.save(update_fields=["dismissed_at"])
    return True


def safety_checks_forget(*, user: User, now: datetime) -> int:
    """Delete every safety check the user has taken. Returns how many were removed."""
    with transaction.atomic():
        deleted, _ = SafetyCheck.objects.owned_by(user).delete()
    return int(deleted)
