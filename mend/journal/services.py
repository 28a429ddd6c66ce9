"""Writes for the private journal. Each is atomic, keyword-only and takes `now`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from .models import BODY_MAX, TITLE_MAX, JournalEntry

if TYPE_CHECKING:
    from mend.accounts.models import User


class JournalError(Exception):
    """A journal change that cannot happen; the message is safe to show."""


def _clean(*, title: str, body: str, prompt: str) -> tuple[str, str, str]:
    title, body, prompt = title.strip(), body.strip(), prompt.strip()
    if not body:
        raise JournalError("Write something in the entry before saving it.")
    if len(body) > BODY_MAX:
        raise JournalError(f"An entry can be up to {BODY_MAX} characters; this one is {len(body)}.")
    if len(title) > TITLE_MAX:
        raise JournalError(f"A title can be up to {TITLE_MAX} characters.")
    if len(prompt) > 500:
        raise JournalError("That prompt is too long.")
    return title, body, prompt


@transaction.atomic
def entry_create(*, user: User, title: str = "", body: str, prompt: str = "", now: datetime) -> JournalEntry:
    title, body, prompt = _clean(title=title, body=body, prompt=prompt)
    return JournalEntry.objects.create(
        owner=user, title=title, body=body, prompt=prompt, created_at=now, updated_at=now
    )


@transaction.atomic
def entry_update(
    *, user: User, entry: JournalEntry, title: str, body: str, prompt: str | None = None, now: datetime
) -> JournalEntry:
    if entry.owner_id != user.pk:
        raise JournalError("Only the author can change an entry.")
    title, body, clean_prompt = _clean(
        title=title, body=body, prompt=entry.prompt if prompt is None else prompt
    )
    entry.title, entry.body, entry.prompt, entry.updated_at = title, body, clean_prompt, now
    entry.save(update_fields=["title", "body", "prompt", "updated_at", "visibility", "couple"])
    return entry


@transaction.atomic
def entry_delete(*, user: User, entry: JournalEntry, now: datetime) -> None:
    if entry.owner_id != user.pk:
        raise JournalError("Only the author can delete an entry.")
    JournalEntry.objects.filter(pk=entry.pk, owner=user).delete()
