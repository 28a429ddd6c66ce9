"""Demo history for the private safety check: calm results only (nothing alarming in a demo)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mend.engine.safety import SAFE_NOW_ID, load_safety_bank

from .models import SafetyCheck
from .services import safety_check_submit


def calm_answers() -> dict[str, str]:
    """Every question answered "no", and safe to answer now: a "no concern" result."""
    return {SAFE_NOW_ID: "yes", **{item.id: "no" for item in load_safety_bank().items}}


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    for user, days_ago in ((users.dana, 9), (users.alice, 30), (users.bob, 28)):
        if SafetyCheck.objects.owned_by(user).exists():
            continue
        safety_check_submit(user=user, answers=calm_answers(), now=now - timedelta(days=days_ago))
