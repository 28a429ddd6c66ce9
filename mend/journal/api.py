"""JSON API for the private journal, mounted under /api/v1/journal/. Owner only: 404 for anyone else."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from mend.api.auth import request_user
from mend.api.schemas import ErrorOut
from mend.couples.privacy import get_owned_or_404
from mend.safety.panel import crisis_in

from . import services
from .models import BODY_MAX, TITLE_MAX, JournalEntry
from .selectors import entries_for, local_day, prompt_groups, prompt_of_the_day

router = Router(tags=["journal"])


class JournalEntryIn(Schema):
    title: str = Field(default="", max_length=TITLE_MAX)
    body: str = Field(min_length=1, max_length=BODY_MAX, pattern=r"\S")
    prompt: str = Field(default="", max_length=500)


class JournalEntryPatch(Schema):
    title: str | None = Field(default=None, max_length=TITLE_MAX)
    body: str | None = Field(default=None, min_length=1, max_length=BODY_MAX, pattern=r"\S")


class JournalEntryOut(Schema):
    id: int
    title: str
    body: str
    prompt: str
    created_at: datetime
    updated_at: datetime
    show_help: bool = Field(
        default=False, description="True when the text suggests the writer may need support now"
    )


class JournalEntrySummaryOut(Schema):
    id: int
    title: str
    created_at: datetime
    updated_at: datetime


class JournalPromptGroupOut(Schema):
    id: str
    title: str
    prompts: list[str]


class JournalPromptsOut(Schema):
    today: str
    today_group: str
    groups: list[JournalPromptGroupOut]


def _out(entry: JournalEntry, *, check: bool = False) -> JournalEntryOut:
    return JournalEntryOut(
        id=entry.pk,
        title=entry.title,
        body=entry.body,
        prompt=entry.prompt,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        show_help=check and crisis_in(f"{entry.title}\n{entry.body}"),
    )


@router.get("/entries", response={200: list[JournalEntrySummaryOut], 401: ErrorOut}, summary="My entries")
def entries_list(request: HttpRequest) -> list[JournalEntrySummaryOut]:
    return [
        JournalEntrySummaryOut(id=e.pk, title=e.title, created_at=e.created_at, updated_at=e.updated_at)
        for e in entries_for(request_user(request))
    ]


@router.post(
    "/entries",
    response={201: JournalEntryOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="Write an entry",
)
def entries_create(request: HttpRequest, payload: JournalEntryIn) -> Status[JournalEntryOut]:
    try:
        entry = services.entry_create(
            user=request_user(request),
            title=payload.title,
            body=payload.body,
            prompt=payload.prompt,
            now=timezone.now(),
        )
    except services.JournalError as error:
        raise HttpError(422, str(error)) from error
    return Status(201, _out(entry, check=True))


@router.get(
    "/entries/{entry_id}",
    response={200: JournalEntryOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One entry",
)
def entries_get(request: HttpRequest, entry_id: int) -> JournalEntryOut:
    return _out(get_owned_or_404(JournalEntry, request_user(request), pk=entry_id))


@router.patch(
    "/entries/{entry_id}",
    response={200: JournalEntryOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change an entry",
)
def entries_update(request: HttpRequest, entry_id: int, payload: JournalEntryPatch) -> JournalEntryOut:
    user = request_user(request)
    entry = get_owned_or_404(JournalEntry, user, pk=entry_id)
    try:
        services.entry_update(
            user=user,
            entry=entry,
            title=entry.title if payload.title is None else payload.title,
            body=entry.body if payload.body is None else payload.body,
            now=timezone.now(),
        )
    except services.JournalError as error:
        raise HttpError(422, str(error)) from error
    return _out(entry, check=True)


@router.delete(
    "/entries/{entry_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Delete an entry",
)
def entries_delete(request: HttpRequest, entry_id: int) -> Status[None]:
    user = request_user(request)
    entry = get_owned_or_404(JournalEntry, user, pk=entry_id)
    services.entry_delete(user=user, entry=entry, now=timezone.now())
    return Status(204, None)


@router.get("/prompts", response={200: JournalPromptsOut, 401: ErrorOut}, summary="Reflection prompts")
def prompts(request: HttpRequest) -> JournalPromptsOut:
    user = request_user(request)
    daily = prompt_of_the_day(user_id=user.pk, day=local_day(user, timezone.now()))
    return JournalPromptsOut(
        today=daily.text,
        today_group=daily.group_id,
        groups=[
            JournalPromptGroupOut(id=g.id, title=g.title, prompts=list(g.prompts)) for g in prompt_groups()
        ],
    )
