"""JSON API for space, mounted under /api/v1/space/: break agreements and time-outs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from mend.accounts.models import User
from mend.api.auth import request_user
from mend.api.schemas import ErrorOut
from mend.couples.privacy import get_visible_or_404
from mend.couples.selectors import couple_state
from mend.engine.content import break_reflection_prompts, timeout_messages

from . import services
from .clock import local_day, local_hhmm
from .models import CONTACT_PRESETS, OFF_LIMITS, TEXT_MAX, BreakAgreement, Rhythm, TimeOut
from .selectors import current_agreement, own_open_timeout, partner_pause, past_agreements

router = Router(tags=["space"])

# Choices as literal types, so an unknown value is refused by the schema with 422.
RhythmId = Literal["every_3_days", "weekly", "fortnightly", "none"]
ContactPresetId = Literal["practical_only", "no_contact", "checkins_only", "kind_goodnight", "no_social"]
OffLimitsId = Literal["other_relationships", "big_decisions", "checking_up", "sleeping_together"]


class SpaceAgreementIn(Schema):
    starts_on: date
    length_days: int = Field(ge=1, le=services.MAX_LENGTH_DAYS)
    rhythm: RhythmId = "weekly"
    contact_presets: list[ContactPresetId] = Field(default_factory=list, max_length=len(CONTACT_PRESETS))
    contact_rules: str = Field(default="", max_length=TEXT_MAX)
    off_limits: list[OffLimitsId] = Field(default_factory=list, max_length=len(OFF_LIMITS))
    off_limits_note: str = Field(default="", max_length=TEXT_MAX)
    reflection_prompts: list[str] = Field(
        default_factory=list,
        max_length=30,
        description="Texts chosen from GET /options reflection_prompts",
    )
    own_prompts: str = Field(default="", max_length=TEXT_MAX)
    replaces_id: int | None = Field(
        default=None, description="The pending proposal you are answering with changes, if any"
    )


class SpaceEndIn(Schema):
    note: str = Field(default="", max_length=TEXT_MAX)


class SpaceAgreementOut(Schema):
    id: int
    status: str
    personal: bool
    mine: bool
    proposed_by: str
    starts_on: date
    ends_on: date
    length_days: int
    days_left: int
    rhythm: str
    contact_presets: list[str]
    contact_rules: str
    off_limits: list[str]
    off_limits_note: str
    reflection_prompts: list[str]
    own_prompts: str
    accepted_at: datetime | None
    ended_at: datetime | None
    end_note: str


class SpaceCurrentAgreementOut(Schema):
    agreement: SpaceAgreementOut | None


class SpaceOptionOut(Schema):
    id: str
    text: str


class SpaceOptionsOut(Schema):
    rhythms: list[SpaceOptionOut]
    contact_presets: list[SpaceOptionOut]
    off_limits: list[SpaceOptionOut]
    reflection_prompts: list[str]
    timeout_messages: list[SpaceOptionOut]
    default_minutes: int
    min_minutes: int
    max_minutes: int


class SpaceTimeOutIn(Schema):
    message_id: str = Field(default="", max_length=40)
    minutes: int = Field(default=services.DEFAULT_MINUTES, ge=services.MIN_MINUTES, le=services.MAX_MINUTES)


class SpaceTimeOutOut(Schema):
    id: int
    minutes: int
    started_at: datetime
    return_at: datetime
    return_time_local: str
    returned_at: datetime | None
    overdue: bool
    partner_notified: bool


class SpacePartnerPauseOut(Schema):
    name: str
    until_local: str
    message: str
    overdue: bool
    return_at: datetime


class SpaceTimeOutsNowOut(Schema):
    mine: SpaceTimeOutOut | None
    partner: SpacePartnerPauseOut | None


def _agreement_out(agreement: BreakAgreement, user: User) -> SpaceAgreementOut:
    return SpaceAgreementOut(
        id=agreement.pk,
        status=agreement.status,
        personal=agreement.is_personal,
        mine=agreement.owner_id == user.pk,
        proposed_by=agreement.owner.display_name,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        length_days=agreement.length_days,
        days_left=agreement.days_left(local_day(user, timezone.now())),
        rhythm=agreement.rhythm,
        contact_presets=list(agreement.contact_presets),
        contact_rules=agreement.contact_rules,
        off_limits=list(agreement.off_limits),
        off_limits_note=agreement.off_limits_note,
        reflection_prompts=list(agreement.reflection_prompts),
        own_prompts=agreement.own_prompts,
        accepted_at=agreement.accepted_at,
        ended_at=agreement.ended_at,
        end_note=agreement.end_note,
    )


def _timeout_out(timeout: TimeOut, user: User) -> SpaceTimeOutOut:
    return SpaceTimeOutOut(
        id=timeout.pk,
        minutes=timeout.minutes,
        started_at=timeout.started_at,
        return_at=timeout.return_at,
        return_time_local=local_hhmm(user, timeout.return_at),
        returned_at=timeout.returned_at,
        overdue=timeout.is_overdue(timezone.now()),
        partner_notified=timeout.partner_notified,
    )


def _refuse(error: services.SpaceError) -> HttpError:
    return HttpError(409, str(error))


@router.get(
    "/options", response={200: SpaceOptionsOut, 401: ErrorOut}, summary="Choices for agreements and pauses"
)
def options(request: HttpRequest) -> SpaceOptionsOut:
    return SpaceOptionsOut(
        rhythms=[SpaceOptionOut(id=value, text=label) for value, label in Rhythm.choices],
        contact_presets=[SpaceOptionOut(id=k, text=v) for k, v in CONTACT_PRESETS.items()],
        off_limits=[SpaceOptionOut(id=k, text=v) for k, v in OFF_LIMITS.items()],
        reflection_prompts=list(break_reflection_prompts()),
        timeout_messages=[SpaceOptionOut(id=m.id, text=m.text) for m in timeout_messages()],
        default_minutes=services.DEFAULT_MINUTES,
        min_minutes=services.MIN_MINUTES,
        max_minutes=services.MAX_MINUTES,
    )


@router.get(
    "/agreements",
    response={200: list[SpaceAgreementOut], 401: ErrorOut},
    summary="Agreements so far: agreed, ended or withdrawn",
)
def agreements_list(request: HttpRequest) -> list[SpaceAgreementOut]:
    user = request_user(request)
    return [_agreement_out(a, user) for a in past_agreements(user)]


@router.get(
    "/agreements/current",
    response={200: SpaceCurrentAgreementOut, 401: ErrorOut},
    summary="The pending or running break, if any",
)
def agreements_current(request: HttpRequest) -> SpaceCurrentAgreementOut:
    user = request_user(request)
    agreement = current_agreement(user, timezone.now())
    return SpaceCurrentAgreementOut(agreement=_agreement_out(agreement, user) if agreement else None)


@router.post(
    "/agreements",
    response={201: SpaceAgreementOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Propose a break (or, alone, save a personal plan)",
)
def agreements_propose(request: HttpRequest, payload: SpaceAgreementIn) -> Status[SpaceAgreementOut]:
    user = request_user(request)
    try:
        agreement = services.agreement_propose(user=user, now=timezone.now(), **payload.dict())
    except services.SpaceError as error:
        raise _refuse(error) from error
    return Status(201, _agreement_out(agreement, user))


@router.get(
    "/agreements/{agreement_id}",
    response={200: SpaceAgreementOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One agreement",
)
def agreements_get(request: HttpRequest, agreement_id: int) -> SpaceAgreementOut:
    user = request_user(request)
    return _agreement_out(get_visible_or_404(BreakAgreement, user, pk=agreement_id), user)


def _act(request: HttpRequest, agreement_id: int, action: str, note: str = "") -> SpaceAgreementOut:
    user = request_user(request)
    get_visible_or_404(BreakAgreement, user, pk=agreement_id)
    now = timezone.now()
    try:
        if action == "accept":
            agreement = services.agreement_accept(user=user, agreement_id=agreement_id, now=now)
        elif action == "withdraw":
            agreement = services.agreement_withdraw(user=user, agreement_id=agreement_id, now=now)
        else:
            agreement = services.agreement_end(user=user, agreement_id=agreement_id, note=note, now=now)
    except services.SpaceError as error:
        raise _refuse(error) from error
    return _agreement_out(agreement, user)


@router.post(
    "/agreements/{agreement_id}/accept",
    response={200: SpaceAgreementOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Accept the partner's proposal",
)
def agreements_accept(request: HttpRequest, agreement_id: int) -> SpaceAgreementOut:
    return _act(request, agreement_id, "accept")


@router.post(
    "/agreements/{agreement_id}/withdraw",
    response={200: SpaceAgreementOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Withdraw your own pending proposal",
)
def agreements_withdraw(request: HttpRequest, agreement_id: int) -> SpaceAgreementOut:
    return _act(request, agreement_id, "withdraw")


@router.post(
    "/agreements/{agreement_id}/end",
    response={
        200: SpaceAgreementOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="End a running break early, with a note",
)
def agreements_end(request: HttpRequest, agreement_id: int, payload: SpaceEndIn) -> SpaceAgreementOut:
    return _act(request, agreement_id, "end", payload.note)


@router.post(
    "/timeouts",
    response={
        200: SpaceTimeOutOut,
        201: SpaceTimeOutOut,
        400: ErrorOut,
        401: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="I need a break: start a pause (default 20 minutes)",
)
def timeouts_start(request: HttpRequest, payload: SpaceTimeOutIn) -> Status[SpaceTimeOutOut]:
    user = request_user(request)
    try:
        timeout, created = services.timeout_start(
            user=user, message_id=payload.message_id, minutes=payload.minutes, now=timezone.now()
        )
    except services.SpaceError as error:
        raise _refuse(error) from error
    return Status(201 if created else 200, _timeout_out(timeout, user))


@router.get(
    "/timeouts/current",
    response={200: SpaceTimeOutsNowOut, 401: ErrorOut},
    summary="My open pause and my partner's, if they told me",
)
def timeouts_current(request: HttpRequest) -> SpaceTimeOutsNowOut:
    user = request_user(request)
    mine = own_open_timeout(user)
    theirs = partner_pause(user=user, state=couple_state(user), now=timezone.now())
    return SpaceTimeOutsNowOut(
        mine=_timeout_out(mine, user) if mine else None,
        partner=SpacePartnerPauseOut(
            name=theirs.name,
            until_local=theirs.until,
            message=theirs.message,
            overdue=theirs.overdue,
            return_at=theirs.return_at,
        )
        if theirs
        else None,
    )


@router.post(
    "/timeouts/current/return",
    response={200: SpaceTimeOutOut, 401: ErrorOut, 409: ErrorOut},
    summary="I'm back: close my pause",
)
def timeouts_return(request: HttpRequest) -> SpaceTimeOutOut:
    user = request_user(request)
    timeout = services.timeout_return(user=user, now=timezone.now())
    if timeout is None:
        raise HttpError(409, "You are not on a pause right now.")
    return _timeout_out(timeout, user)
