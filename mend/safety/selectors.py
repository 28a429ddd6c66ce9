"""Reads about a person's own safety check. Never called with anyone else's account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mend.engine.checkup import AnswerError
from mend.engine.safety import SafetyResult, safety_result

from .models import SafetyCheck

if TYPE_CHECKING:
    from mend.accounts.models import User

BANDS = ("none", "some", "urgent")


def latest_check(user: User) -> SafetyCheck | None:
    """The user's most recent safety check (one query), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return SafetyCheck.objects.owned_by(user).order_by("-created_at", "-pk").first()  # type: ignore[no-any-return]


def check_result(check: SafetyCheck) -> SafetyResult:
    """Re-score a stored check with the engine, so wording follows the current item bank.

    If the item bank changed so much that old answers no longer validate, the stored band
    is kept and the answers that still exist are used for the reasons.
    """
    answers = check.answers if isinstance(check.answers, dict) else {}
    try:
        return safety_result(answers)
    except AnswerError:
        from mend.engine.safety import load_safety_bank

        bank = load_safety_bank()
        known = {item.id for item in bank.items} | {"sf_safe_now"}
        result = safety_result(
            {k: v for k, v in answers.items() if k in known and v in ("yes", "no", "not_sure")}
        )
        if check.band in BANDS and check.band != result.band:
            from dataclasses import replace

            message = bank.messages[check.band]
            return replace(
                result,
                band=check.band,
                headline=message.headline,
                message=message.message,
                emergency_first=check.band == "urgent",
                pause_couple_exercises=check.band != "none",
            )
        return result


def latest_result(user: User) -> SafetyResult | None:
    """The engine's result for the user's latest check, or None if never taken."""
    check = latest_check(user)
    return check_result(check) if check is not None else None


def latest_band(user: User) -> str | None:
    """ "none", "some" or "urgent" for the latest check; None if never taken."""
    check = latest_check(user)
    if check is None:
        return None
    return check.band if check.band in BANDS else check_result(check).band
