"""Reads for the journal, always for the author only, and the prompt of the day."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone

from mend.engine.content import PromptGroup, journal_prompts

from .models import JournalEntry

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from mend.accounts.models import User

# Shown by default; the after-breakup group is offered too, but never picked as the daily prompt.
DAILY_GROUPS = ("patterns", "attachment", "what_i_want", "do_differently", "gratitude")


@dataclass(frozen=True)
class DailyPrompt:
    group_id: str
    group_title: str
    index: int
    text: str

    @property
    def key(self) -> str:
        return f"{self.group_id}:{self.index}"


def local_day(user: User, now: datetime) -> date:
    """The calendar day it is for `user`, in their own time zone."""
    try:
        zone = ZoneInfo(user.time_zone or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return timezone.localtime(now, zone).date()


def entries_for(user: User) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.owned_by(user).order_by("-created_at", "-pk")


def prompt_groups() -> tuple[PromptGroup, ...]:
    return journal_prompts()


def prompt_by_key(key: str) -> DailyPrompt | None:
    """A prompt from its "group:index" key, or None if the key is unknown."""
    group_id, _, raw_index = (key or "").partition(":")
    if not (raw_index.isascii() and raw_index.isdigit()) or len(raw_index) > 6:  # "²" is a digit too
        return None
    index = int(raw_index)
    for group in journal_prompts():
        if group.id == group_id and 0 <= index < len(group.prompts):
            return DailyPrompt(group.id, group.title, index, group.prompts[index])
    return None


def prompt_of_the_day(*, user_id: int, day: date) -> DailyPrompt:
    """The same prompt all day for one person; different people get different prompts."""
    pool = [
        DailyPrompt(group.id, group.title, index, text)
        for group in journal_prompts()
        if group.id in DAILY_GROUPS
        for index, text in enumerate(group.prompts)
    ]
    digest = hashlib.sha256(f"{user_id}:{day.isoformat()}".encode()).digest()
    return pool[int.from_bytes(digest[:4], "big") % len(pool)]
