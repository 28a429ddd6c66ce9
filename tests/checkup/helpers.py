"""Shared answers for check-up tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mend.checkup.demo import ALICE_BEFORE, ALICE_NOW, BOB, answers_at, take_checkup
from mend.checkup.models import CheckupAttempt

__all__ = ["ALICE_BEFORE", "ALICE_NOW", "BOB", "answers_at", "finish", "take_checkup"]


def finish(user: Any, now: datetime, levels: Any = None, **kwargs: Any) -> CheckupAttempt:
    return take_checkup(user=user, answers=answers_at(levels or ALICE_BEFORE, **kwargs), now=now)
