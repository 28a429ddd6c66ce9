"""JSON API for the private safety check, mounted under /api/v1/safety/. Owner only, always."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from mend.api.auth import request_user
from mend.api.schemas import ErrorOut
from mend.engine.safety import SafetyResult, load_safety_bank

from . import services
from .selectors import check_result, latest_check

router = Router(tags=["safety"])


class OptionOut(Schema):
    value: str
    label: str


class ItemOut(Schema):
    id: str
    text: str


class ItemsOut(Schema):
    title: str
    intro: str
    disclaimer: str
    version: int
    safe_now: ItemOut
    safe_now_options: list[OptionOut]
    scale: list[OptionOut]
    items: list[ItemOut]


class CheckIn(Schema):
    answers: dict[str, str | None] = Field(
        default_factory=dict, max_length=64, description="Question id to yes / not_sure / no"
    )
    note: str = Field(default="", max_length=5000)


class ResultOut(Schema):
    band: str = Field(description="none, some or urgent")
    headline: str
    message: str
    reasons: list[str]
    next_steps: list[str]
    emergency_first: bool
    taken_at: datetime
    dismissed: bool
    disclaimer: str


class LatestOut(Schema):
    taken: bool
    result: ResultOut | None = None


def _out(result: SafetyResult, *, taken_at: datetime, dismissed: bool) -> ResultOut:
    return ResultOut(
        band=result.band,
        headline=result.headline,
        message=result.message,
        reasons=list(result.reasons),
        next_steps=list(result.next_steps),
        emergency_first=result.emergency_first,
        taken_at=taken_at,
        dismissed=dismissed,
        disclaimer=result.disclaimer,
    )


@router.get("/items", response={200: ItemsOut, 401: ErrorOut}, summary="The safety check's questions")
def items(request: HttpRequest) -> ItemsOut:
    bank = load_safety_bank()
    return ItemsOut(
        title=bank.title,
        intro=bank.intro,
        disclaimer=bank.disclaimer,
        version=bank.version,
        safe_now=ItemOut(id="sf_safe_now", text=bank.safe_now_text),
        safe_now_options=[OptionOut(value=o.value, label=o.label) for o in bank.safe_now_options],
        scale=[OptionOut(value=o.value, label=o.label) for o in bank.scale],
        items=[ItemOut(id=item.id, text=item.text) for item in bank.items],
    )


@router.post(
    "/checks",
    response={201: ResultOut, 401: ErrorOut, 422: ErrorOut},
    summary="Submit answers; returns the private result",
)
def submit(request: HttpRequest, payload: CheckIn) -> Status[ResultOut]:
    try:
        check, result = services.safety_check_submit(
            user=request_user(request), answers=payload.answers, note=payload.note, now=timezone.now()
        )
    except services.SafetyError as error:
        raise HttpError(422, str(error)) from error
    return Status(201, _out(result, taken_at=check.created_at, dismissed=False))


@router.get("/latest", response={200: LatestOut, 401: ErrorOut}, summary="Your latest result, if any")
def latest(request: HttpRequest) -> LatestOut:
    check = latest_check(request_user(request))
    if check is None:
        return LatestOut(taken=False)
    return LatestOut(
        taken=True,
        result=_out(check_result(check), taken_at=check.created_at, dismissed=check.dismissed_at is not None),
    )


@router.post("/dismiss", response={200: LatestOut, 401: ErrorOut}, summary="Hide the support reminder")
def dismiss(request: HttpRequest) -> LatestOut:
    user = request_user(request)
    services.safety_check_dismiss(user=user, now=timezone.now())
    return latest(request)
