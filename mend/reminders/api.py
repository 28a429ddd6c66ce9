"""JSON API for reminders, mounted under /api/v1/reminders/. Only ever about the caller."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mend.accounts.models import User
from mend.api.auth import request_user
from mend.api.schemas import ErrorOut, LocalTimeIn, LocalTimeOut, local_time_out

from . import services
from .models import ReminderPreference
from .selectors import preferences_for, upcoming_reminders

router = Router(tags=["reminders"])


class PreferencesOut(Schema):
    email: bool = Field(description="The one email switch: off means mend sends no email at all")
    calendar_enabled: bool
    checkin: bool
    promises: bool
    breaks: bool
    checkup: bool
    daily: bool
    daily_time: LocalTimeOut
    quiet_start: LocalTimeOut | None
    quiet_end: LocalTimeOut | None
    time_zone: str


class PreferencesIn(Schema):
    email: bool | None = None
    calendar_enabled: bool | None = None
    checkin: bool | None = None
    promises: bool | None = None
    breaks: bool | None = None
    checkup: bool | None = None
    daily: bool | None = None
    daily_time: LocalTimeIn | None = None
    quiet_start: LocalTimeIn | None = Field(
        default=None, description="Send null together with quiet_end for none"
    )
    quiet_end: LocalTimeIn | None = None


class UpcomingOut(Schema):
    kind: str
    send_at: datetime
    event_at: datetime | None
    subject: str = Field(max_length=120)
    text: str = Field(max_length=400)


def _preference_values(prefs: ReminderPreference) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in services.PREFERENCE_FIELDS:
        value = getattr(prefs, name)
        values[name] = local_time_out(value) if isinstance(value, time) else value
    return values


def _out(user: User, prefs: ReminderPreference) -> PreferencesOut:
    return PreferencesOut(
        email=user.email_reminders,
        time_zone=user.time_zone,
        **_preference_values(prefs),
    )


@router.get("/preferences", response={200: PreferencesOut, 401: ErrorOut}, summary="My reminder settings")
def preferences_get(request: HttpRequest) -> PreferencesOut:
    user = request_user(request)
    return _out(user, preferences_for(user))


@router.patch(
    "/preferences",
    response={200: PreferencesOut, 401: ErrorOut, 422: ErrorOut},
    summary="Change my reminder settings (only the fields sent)",
)
def preferences_update(request: HttpRequest, payload: PreferencesIn) -> PreferencesOut:
    user = request_user(request)
    changes = payload.dict(exclude_unset=True)
    email = changes.pop("email", None)
    for name in ("calendar_enabled", "checkin", "promises", "breaks", "checkup", "daily", "daily_time"):
        if name in changes and changes[name] is None:
            raise HttpError(422, f"{name} cannot be empty.")
    try:
        prefs = services.preferences_update(user=user, now=timezone.now(), email=email, **changes)
    except services.ReminderError as error:
        raise HttpError(422, str(error)) from error
    user.refresh_from_db(fields=["email_reminders"])
    return _out(user, prefs)


@router.get(
    "/upcoming",
    response={200: list[UpcomingOut], 401: ErrorOut},
    summary="My reminders for the next seven days (generic wording only)",
)
def upcoming(request: HttpRequest) -> list[UpcomingOut]:
    user = request_user(request)
    return [
        UpcomingOut(kind=r.kind, send_at=r.send_at, event_at=r.event_at, subject=r.subject, text=r.text)
        for r in upcoming_reminders(user, timezone.now())
    ]
