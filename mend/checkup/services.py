"""Writes for the check-up: start, save a section, complete, share and retract.

Each function is one transaction and takes `now`. Answers are validated by the engine; an
invalid answer raises the engine's `AnswerError` (its message names the question and why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.db import IntegrityError, transaction

from mend.couples.privacy import Visibility
from mend.couples.selectors import couple_state
from mend.engine.checkup import (
    AnswerError,
    bank_ids,
    load_bank,
    score_bank,
    score_checkup,
    validate_answers,
)
from mend.engine.plan import build_plan

from .models import CheckupAttempt, CheckupShare
from .selectors import (
    SHAREABLE_ITEM_KINDS,
    latest_completed,
    latest_safety,
    plan_mode,
    shareable_scale_keys,
)

if TYPE_CHECKING:
    from mend.accounts.models import User


class CheckupError(ValueError):
    """A check-up request that cannot be accepted; the message is safe to show to the user."""


class CheckupStateError(CheckupError):
    """Not bad input, but the wrong moment: nothing to finish, no partner, not finished yet."""


def _json_safe(clean: Mapping[str, object]) -> dict[str, Any]:
    """Engine-normalised answers as plain JSON values (dates as ISO text, choices as lists)."""
    out: dict[str, Any] = {}
    for key, value in clean.items():
        if isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, tuple):
            out[key] = list(value)
        else:
            out[key] = value
    return out


def attempt_start(*, user: User, now: datetime) -> CheckupAttempt:
    """The user's open attempt, or a new one recording the bank versions in use."""
    open_attempt = CheckupAttempt.objects.owned_by(user).filter(completed_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    state = couple_state(user)
    try:
        with transaction.atomic():
            return CheckupAttempt.objects.create(
                owner=user,
                couple=state.couple,
                visibility=Visibility.PRIVATE,
                versions={b: load_bank(b).version for b in bank_ids()},
                answers=cast(Any, {}),
                current_bank=bank_ids()[0],
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:  # a parallel request opened one first
        return CheckupAttempt.objects.owned_by(user).filter(completed_at__isnull=True).get()


def attempt_save_bank(
    *, user: User, bank_id: str, answers: Mapping[str, object], now: datetime
) -> CheckupAttempt:
    """Validate and store one section's answers in the open attempt (started if needed).

    Only this section's answers are replaced; every other section stays as it was, so an
    interrupted check-up resumes with nothing lost. Raises `AnswerError` on a bad answer.
    """
    score_bank(bank_id, answers, today=now.date())  # also rejects a turning point in the future
    clean = _json_safe(validate_answers(bank_id, answers))
    attempt_start(user=user, now=now)
    with transaction.atomic():
        attempt = (
            CheckupAttempt.objects.owned_by(user).select_for_update().filter(completed_at__isnull=True).get()
        )
        stored = dict(attempt.answers or {})
        stored[bank_id] = clean
        attempt.answers = cast(Any, stored)
        attempt.current_bank = bank_id
        attempt.updated_at = now
        attempt.save(update_fields=["answers", "current_bank", "updated_at"])
    return attempt


def missing_banks(attempt: CheckupAttempt) -> list[str]:
    saved = attempt.answers or {}
    return [b for b in bank_ids() if b not in saved]


def attempt_complete(*, user: User, now: datetime) -> CheckupAttempt:
    """Score the open attempt, build the plan (safety first) and store both snapshots."""
    with transaction.atomic():
        attempt = (
            CheckupAttempt.objects.owned_by(user)
            .select_for_update()
            .filter(completed_at__isnull=True)
            .first()
        )
        if attempt is None:
            raise CheckupStateError("There is no check-up in progress to finish.")
        missing = missing_banks(attempt)
        if missing:
            titles = ", ".join(load_bank(b).title for b in missing)
            raise CheckupStateError(f"Please go through every section first. Still to do: {titles}.")
        result = score_checkup(attempt.answers, today=now.date())
        state = couple_state(user)
        plan = build_plan(result=result, safety=latest_safety(user), mode=plan_mode(state))
        attempt.summary = cast(Any, result.summary())
        attempt.plan = cast(Any, plan.to_dict())
        attempt.completed_at = now
        attempt.updated_at = now
        attempt.couple = state.couple
        attempt.save(update_fields=["summary", "plan", "completed_at", "updated_at", "couple"])
    return attempt


def _shareable_item_ids() -> set[str]:
    return {
        item.id
        for bank_id in bank_ids()
        if bank_id != "situation"
        for item in load_bank(bank_id).items
        if item.kind in SHAREABLE_ITEM_KINDS
    }


def share_save(
    *, user: User, scales: Iterable[str], items: Iterable[str] = (), now: datetime
) -> CheckupShare:
    """Share scale bands (and any item answers opted into) with the partner of the active couple."""
    state = couple_state(user)
    if not state.is_linked or state.couple is None:
        raise CheckupStateError("Sharing needs a linked partner. Invite your partner from the Couple page.")
    if latest_completed(user) is None:
        raise CheckupStateError("Finish your check-up first; then you can choose what to share.")
    scale_list = list(dict.fromkeys(scales))
    item_list = list(dict.fromkeys(items))
    unknown = [s for s in scale_list if s not in shareable_scale_keys()]
    if unknown:
        raise CheckupError(f"These are not results you can share: {', '.join(unknown)}.")
    allowed_items = _shareable_item_ids()
    bad_items = [i for i in item_list if i not in allowed_items]
    if bad_items:
        raise CheckupError(f"These answers cannot be shared: {', '.join(bad_items)}.")
    with transaction.atomic():
        share, _created = CheckupShare.objects.select_for_update().get_or_create(
            owner=user,
            couple=state.couple,
            defaults={"created_at": now, "updated_at": now},
        )
        share.scales = scale_list
        share.items = item_list
        share.visibility = Visibility.SHARED if (scale_list or item_list) else Visibility.PRIVATE
        share.retracted_at = None if (scale_list or item_list) else now
        share.updated_at = now
        share.save(update_fields=["scales", "items", "visibility", "retracted_at", "updated_at"])
    return share


def share_retract(*, user: User, now: datetime) -> bool:
    """Stop sharing anything with the partner. Returns False when nothing was shared."""
    state = couple_state(user)
    if state.couple is None:
        return False
    with transaction.atomic():
        updated = (
            CheckupShare.objects.owned_by(user)
            .filter(couple=state.couple, visibility=Visibility.SHARED)
            .update(visibility=Visibility.PRIVATE, retracted_at=now, updated_at=now, scales=[], items=[])
        )
    return bool(updated)


__all__ = [
    "AnswerError",
    "CheckupError",
    "CheckupStateError",
    "attempt_complete",
    "attempt_save_bank",
    "attempt_start",
    "missing_banks",
    "share_retract",
    "share_save",
]
