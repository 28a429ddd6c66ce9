"""JSON API for trust, mounted under /api/v1/trust/.

Same rules as the pages: the caller sees their own items and what their partner sent or
shared; anything else is a 404. Read receipts are never exposed to the author of an item.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from mend.accounts.models import User
from mend.api.auth import request_user
from mend.api.schemas import ErrorOut
from mend.couples.privacy import get_owned_or_404, get_visible_or_404

from . import services
from .apology_coach import apology_flags
from .models import Agreement, Apology, Appreciation, Moment, Promise
from .selectors import (
    act_of_the_day,
    agreements_for,
    kept_rate,
    local_day,
    moment_ratio,
    my_promises,
    promises_to_me,
    received_apologies,
    received_appreciations,
)

router = Router(tags=["trust"])

TEXT = Field(min_length=1, max_length=services.TEXT_MAX)
SHORT = Field(default="", max_length=services.SHORT_MAX)


def _refuse(error: services.TrustError) -> HttpError:
    return HttpError(400, str(error))


# --------------------------------------------------------------------------- promises


class PromiseIn(Schema):
    text: str = TEXT
    due_at: datetime
    to_partner: bool | None = Field(default=None, description="Default: to the partner when linked")


class PromiseAnswerIn(Schema):
    note: str = SHORT


class PromiseOut(Schema):
    id: int
    text: str
    mine: bool
    to_partner: bool
    due_at: datetime
    status: str
    response: str
    response_note: str


class WeekRateOut(Schema):
    week_start: date
    kept: int
    total: int


class KeptRateOut(Schema):
    kept: int
    total: int
    percent: int | None
    weeks: list[WeekRateOut]


def _promise(promise: Promise, user: User) -> PromiseOut:
    return PromiseOut(
        id=promise.pk,
        text=promise.text,
        mine=promise.owner_id == user.pk,
        to_partner=promise.to_partner,
        due_at=promise.due_at,
        status=promise.status,
        response=promise.response,
        response_note=promise.response_note,
    )


@router.get(
    "/promises", response={200: list[PromiseOut], 401: ErrorOut}, summary="My promises and those made to me"
)
def promise_list(request: HttpRequest) -> list[PromiseOut]:
    user = request_user(request)
    mine = list(my_promises(user).order_by("-due_at")[:200])
    theirs = list(promises_to_me(user).order_by("-due_at")[:200])
    return [_promise(p, user) for p in mine + theirs]


@router.post("/promises", response={201: PromiseOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut})
def promise_create(request: HttpRequest, payload: PromiseIn) -> Status[PromiseOut]:
    user = request_user(request)
    if timezone.is_naive(payload.due_at):
        raise HttpError(422, "due_at needs a time zone offset, for example 2026-11-30T20:00:00+00:00.")
    try:
        promise = services.promise_create(
            user=user,
            text=payload.text,
            due_at=payload.due_at,
            to_partner=payload.to_partner,
            now=timezone.now(),
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return Status(201, _promise(promise, user))


@router.get(
    "/promises/kept-rate", response={200: KeptRateOut, 401: ErrorOut}, summary="My kept rate, last 8 weeks"
)
def promise_kept_rate(request: HttpRequest) -> KeptRateOut:
    rate = kept_rate(my_promises(request_user(request)), now=timezone.now())
    return KeptRateOut(
        kept=rate.kept,
        total=rate.total,
        percent=rate.percent,
        weeks=[WeekRateOut(week_start=w.start, kept=w.kept, total=w.total) for w in rate.weeks],
    )


@router.post("/promises/{promise_id}/kept", response={200: PromiseOut, 401: ErrorOut, 404: ErrorOut})
def promise_kept(request: HttpRequest, promise_id: int) -> PromiseOut:
    user = request_user(request)
    promise = get_owned_or_404(Promise, user, pk=promise_id)
    return _promise(services.promise_mark_kept(user=user, promise=promise, now=timezone.now()), user)


@router.post("/promises/{promise_id}/missed", response={200: PromiseOut, 401: ErrorOut, 404: ErrorOut})
def promise_missed(request: HttpRequest, promise_id: int) -> PromiseOut:
    user = request_user(request)
    promise = get_owned_or_404(Promise, user, pk=promise_id)
    return _promise(services.promise_mark_missed(user=user, promise=promise, now=timezone.now()), user)


def _answer(request: HttpRequest, promise_id: int, response: str, note: str) -> PromiseOut:
    user = request_user(request)
    promise = get_visible_or_404(Promise, user, pk=promise_id)
    try:
        done = services.promise_respond(
            user=user, promise=promise, response=response, note=note, now=timezone.now()
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return _promise(done, user)


@router.post(
    "/promises/{promise_id}/confirm", response={200: PromiseOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
)
def promise_confirm(request: HttpRequest, promise_id: int, payload: PromiseAnswerIn) -> PromiseOut:
    return _answer(request, promise_id, Promise.Response.CONFIRMED, payload.note)


@router.post(
    "/promises/{promise_id}/dispute", response={200: PromiseOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
)
def promise_dispute(request: HttpRequest, promise_id: int, payload: PromiseAnswerIn) -> PromiseOut:
    return _answer(request, promise_id, Promise.Response.DISPUTED, payload.note)


# --------------------------------------------------------------------------- agreements


class AgreementIn(Schema):
    text: str = TEXT
    share: bool = True
    revisit_on: date | None = None


class AgreementOut(Schema):
    id: int
    text: str
    mine: bool
    shared: bool
    revisit_on: date | None
    updated_at: datetime


def _agreement(agreement: Agreement, user: User) -> AgreementOut:
    return AgreementOut(
        id=agreement.pk,
        text=agreement.text,
        mine=agreement.owner_id == user.pk,
        shared=agreement.visibility == "shared",
        revisit_on=agreement.revisit_on,
        updated_at=agreement.updated_at,
    )


@router.get("/agreements", response={200: list[AgreementOut], 401: ErrorOut})
def agreement_list(request: HttpRequest) -> list[AgreementOut]:
    user = request_user(request)
    return [_agreement(a, user) for a in agreements_for(user)[:200]]


@router.post("/agreements", response={201: AgreementOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut})
def agreement_create(request: HttpRequest, payload: AgreementIn) -> Status[AgreementOut]:
    user = request_user(request)
    try:
        agreement = services.agreement_create(
            user=user,
            text=payload.text,
            share=payload.share,
            revisit_on=payload.revisit_on,
            now=timezone.now(),
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return Status(201, _agreement(agreement, user))


@router.put(
    "/agreements/{agreement_id}",
    response={200: AgreementOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Revisit an agreement (the earlier wording is kept)",
)
def agreement_update(request: HttpRequest, agreement_id: int, payload: AgreementIn) -> AgreementOut:
    user = request_user(request)
    agreement = get_owned_or_404(Agreement, user, pk=agreement_id)
    try:
        done = services.agreement_update(
            user=user,
            agreement=agreement,
            text=payload.text,
            revisit_on=payload.revisit_on,
            share=payload.share,
            now=timezone.now(),
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return _agreement(done, user)


# --------------------------------------------------------------------------- apologies


class ApologyIn(Schema):
    did: str = TEXT
    impact: str = TEXT
    responsibility: str = TEXT
    change: str = TEXT


class ApologyRespondIn(Schema):
    response: str = SHORT


class FlagOut(Schema):
    field: str
    kind: str
    words: str
    explanation: str


class ApologyOut(Schema):
    id: int
    mine: bool
    did: str
    impact: str
    responsibility: str
    change: str
    sent_at: datetime | None
    response: str
    responded_at: datetime | None
    flags: list[FlagOut]


def _apology(apology: Apology, user: User) -> ApologyOut:
    mine = apology.owner_id == user.pk
    fields = {n: getattr(apology, n) for n in ("did", "impact", "responsibility", "change")}
    flags = apology_flags(fields) if mine and apology.sent_at is None else {}
    return ApologyOut(
        id=apology.pk,
        mine=mine,
        sent_at=apology.sent_at,
        response=apology.response,
        responded_at=apology.responded_at,
        flags=[
            FlagOut(field=name, kind=f.kind, words=f.words, explanation=f.explanation)
            for name, found in flags.items()
            for f in found
        ],
        **fields,
    )


@router.get(
    "/apologies", response={200: list[ApologyOut], 401: ErrorOut}, summary="My apologies and those sent to me"
)
def apology_list(request: HttpRequest) -> list[ApologyOut]:
    user = request_user(request)
    mine = list(Apology.objects.owned_by(user).order_by("-created_at", "-pk")[:100])
    theirs = list(received_apologies(user)[:100])
    return [_apology(a, user) for a in mine + theirs]


@router.post("/apologies", response={201: ApologyOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut})
def apology_create(request: HttpRequest, payload: ApologyIn) -> Status[ApologyOut]:
    user = request_user(request)
    try:
        apology = services.apology_save(user=user, now=timezone.now(), values=payload.dict())
    except services.TrustError as error:
        raise _refuse(error) from error
    return Status(201, _apology(apology, user))


@router.get("/apologies/{apology_id}", response={200: ApologyOut, 401: ErrorOut, 404: ErrorOut})
def apology_get(request: HttpRequest, apology_id: int) -> ApologyOut:
    user = request_user(request)
    return _apology(get_visible_or_404(Apology, user, pk=apology_id), user)


@router.post(
    "/apologies/{apology_id}/send", response={200: ApologyOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
)
def apology_send(request: HttpRequest, apology_id: int) -> ApologyOut:
    user = request_user(request)
    apology = get_owned_or_404(Apology, user, pk=apology_id)
    try:
        done = services.apology_send(user=user, apology=apology, now=timezone.now())
    except services.TrustError as error:
        raise _refuse(error) from error
    return _apology(done, user)


@router.post(
    "/apologies/{apology_id}/respond",
    response={200: ApologyOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def apology_respond(request: HttpRequest, apology_id: int, payload: ApologyRespondIn) -> ApologyOut:
    user = request_user(request)
    apology = get_visible_or_404(Apology, user, pk=apology_id)
    try:
        done = services.apology_respond(user=user, apology=apology, text=payload.response, now=timezone.now())
    except services.TrustError as error:
        raise _refuse(error) from error
    return _apology(done, user)


# --------------------------------------------------------------------------- appreciation


class AppreciationIn(Schema):
    text: str = TEXT
    send: bool = Field(
        default=True, description="Send now (needs a linked partner); false keeps a private draft"
    )


class AppreciationOut(Schema):
    id: int
    text: str
    mine: bool
    sent_at: datetime | None
    created_at: datetime


def _note(note: Appreciation, user: User) -> AppreciationOut:
    return AppreciationOut(
        id=note.pk,
        text=note.text,
        mine=note.owner_id == user.pk,
        sent_at=note.sent_at,
        created_at=note.created_at,
    )


@router.get(
    "/appreciations",
    response={200: list[AppreciationOut], 401: ErrorOut},
    summary="Notes I wrote and received",
)
def appreciation_list(request: HttpRequest) -> list[AppreciationOut]:
    user = request_user(request)
    mine = list(Appreciation.objects.owned_by(user).order_by("-created_at", "-pk")[:200])
    theirs = list(received_appreciations(user)[:200])
    return [_note(n, user) for n in mine + theirs]


@router.post("/appreciations", response={201: AppreciationOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut})
def appreciation_create(request: HttpRequest, payload: AppreciationIn) -> Status[AppreciationOut]:
    user = request_user(request)
    try:
        note = services.appreciation_create(
            user=user, text=payload.text, send=payload.send, now=timezone.now()
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return Status(201, _note(note, user))


# --------------------------------------------------------------------------- small acts


class ActOut(Schema):
    id: str
    text: str
    kind: str
    minutes: int
    cost: str
    day: date
    done: bool
    long_distance: bool


class ActLogIn(Schema):
    act_id: str = Field(min_length=1, max_length=80)
    outcome: str = Field(default="done", pattern="^(done|skipped)$")


def _act_today(user: User) -> ActOut:
    today = act_of_the_day(user, now=timezone.now())
    if today is None:
        raise HttpError(404, "No suggestion is available right now.")
    act = today.act
    return ActOut(
        id=act.id,
        text=act.text,
        kind=act.kind,
        minutes=act.minutes,
        cost=act.cost,
        day=today.day,
        done=today.outcome == "done",
        long_distance=today.long_distance,
    )


@router.get("/acts/today", response={200: ActOut, 401: ErrorOut, 404: ErrorOut}, summary="The act of the day")
def act_today(request: HttpRequest) -> ActOut:
    return _act_today(request_user(request))


@router.post(
    "/acts/today",
    response={200: ActOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="I did it (or pass)",
)
def act_log(request: HttpRequest, payload: ActLogIn) -> ActOut:
    user = request_user(request)
    now = timezone.now()
    try:
        services.act_log(
            user=user, act_id=payload.act_id, outcome=payload.outcome, day=local_day(user, now), now=now
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return _act_today(user)


# --------------------------------------------------------------------------- moments


class MomentIn(Schema):
    kind: str = Field(pattern="^(positive|negative)$")
    note: str = SHORT


class MomentOut(Schema):
    id: int
    kind: str
    note: str
    created_at: datetime


class WeekRatioOut(Schema):
    week_start: date
    positive: int
    negative: int
    ratio: float | None


@router.get("/moments", response={200: list[MomentOut], 401: ErrorOut}, summary="My logged moments (private)")
def moment_list(request: HttpRequest) -> list[MomentOut]:
    rows = Moment.objects.owned_by(request_user(request))[:200]
    return [MomentOut(id=m.pk, kind=m.kind, note=m.note, created_at=m.created_at) for m in rows]


@router.post("/moments", response={201: MomentOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut})
def moment_create(request: HttpRequest, payload: MomentIn) -> Status[MomentOut]:
    try:
        m = services.moment_log(
            user=request_user(request), kind=payload.kind, note=payload.note, now=timezone.now()
        )
    except services.TrustError as error:
        raise _refuse(error) from error
    return Status(201, MomentOut(id=m.pk, kind=m.kind, note=m.note, created_at=m.created_at))


@router.get(
    "/moments/ratio", response={200: list[WeekRatioOut], 401: ErrorOut}, summary="Weekly good-to-hard ratio"
)
def moment_ratio_get(request: HttpRequest) -> list[WeekRatioOut]:
    weeks = moment_ratio(request_user(request), now=timezone.now())
    return [
        WeekRatioOut(week_start=w.start, positive=w.positive, negative=w.negative, ratio=w.ratio)
        for w in weeks
    ]
