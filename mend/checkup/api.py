"""JSON API for the check-up, mounted under /api/v1/checkup/.

Everything answers for the caller's own check-up, except the couple view, which shows only
what the partner chose to share once both have finished. Bad answers get 422 with the
engine's reason.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mend.accounts.models import User
from mend.api.auth import request_user
from mend.api.schemas import ErrorOut
from mend.couples.selectors import couple_state
from mend.engine.checkup import DISCLAIMER, AnswerError, UnknownBankError, bank_ids, banks, load_bank
from mend.engine.plan import Plan

from . import selectors, services
from .tools import tool_link

router = Router(tags=["checkup"])

AnswerValue = int | float | str | list[str] | None


# --------------------------------------------------------------------------- schemas


class CheckupOptionOut(Schema):
    value: int | str
    label: str


class CheckupShowIfOut(Schema):
    item: str
    equals: str


class CheckupItemOut(Schema):
    id: str
    text: str
    kind: str
    scale: str
    reverse: bool
    optional: bool
    options: list[CheckupOptionOut]
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    show_if: CheckupShowIfOut | None = None


class CheckupBankOut(Schema):
    id: str
    version: int
    title: str
    intro: str
    disclaimer: str
    scale: list[CheckupOptionOut]
    items: list[CheckupItemOut]


class CheckupInstrumentsOut(Schema):
    disclaimer: str
    banks: list[CheckupBankOut]


class CheckupAttemptOut(Schema):
    status: str = Field(description="none, in_progress or completed")
    started_at: datetime | None = None
    updated_at: datetime | None = None
    completed_at: datetime | None = None
    saved_sections: list[str] = []
    missing_sections: list[str] = []
    retake_due_at: datetime | None = None


class CheckupAnswersIn(Schema):
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict, max_length=64, description="Question id to answer, as in /instruments"
    )


class CheckupAnswersOut(Schema):
    section: str
    answers: dict[str, AnswerValue]


class CheckupDriverOut(Schema):
    item_id: str
    text: str
    answer: str


class CheckupScaleOut(Schema):
    key: str
    name: str
    direction: str
    score: int | None
    band: str | None
    label: str | None
    meaning: str | None
    answered: int
    total: int
    drivers: list[CheckupDriverOut]


class CheckupIndexOut(Schema):
    name: str
    score: int | None
    band: str | None
    label: str | None


class CheckupAttachmentOut(Schema):
    quadrant: str | None
    label: str
    description: str
    in_conflict: str


class CheckupResultsOut(Schema):
    taken: bool
    completed_at: datetime | None = None
    disclaimer: str = DISCLAIMER
    strain: CheckupIndexOut | None = None
    scales: list[CheckupScaleOut] = []
    attachment: CheckupAttachmentOut | None = None
    turning_point: str | None = None


class CheckupStepOut(Schema):
    rank: int
    area: str
    title: str
    why: str
    this_week: str
    tool: str
    tool_url: str


class CheckupPlanOut(Schema):
    available: bool
    headline: str = ""
    mode: str = ""
    variants: list[str] = []
    steps: list[CheckupStepOut] = []
    opener: str | None = None
    disclaimer: str = DISCLAIMER


class CheckupRowOut(Schema):
    key: str
    name: str
    mine: str | None
    theirs: str | None
    agree: bool | None
    note: str = ""


class CheckupSharedAnswerOut(Schema):
    item_id: str
    text: str
    answer: str


class CheckupCoupleViewOut(Schema):
    status: str = Field(description="no_partner, waiting or open")
    partner_name: str = ""
    rows: list[CheckupRowOut] = []
    their_answers: list[CheckupSharedAnswerOut] = []
    my_answers: list[CheckupSharedAnswerOut] = []
    plan: CheckupPlanOut | None = None
    plan_private: bool = False


class CheckupShareIn(Schema):
    scales: list[str] = Field(default_factory=list, max_length=64)
    items: list[str] = Field(default_factory=list, max_length=128)


class CheckupShareOut(Schema):
    active: bool
    scales: list[str]
    items: list[str]
    shareable_scales: list[str]


class CheckupPointOut(Schema):
    when: datetime
    score: int
    band: str


class CheckupSeriesOut(Schema):
    key: str
    name: str
    direction: str
    points: list[CheckupPointOut]


class CheckupChangeOut(Schema):
    when: datetime
    changes: list[str]


class CheckupHistoryOut(Schema):
    series: list[CheckupSeriesOut]
    plan_changes: list[CheckupChangeOut]
    retake_due_at: datetime | None


# --------------------------------------------------------------------------- helpers


def _attempt_out(user: User) -> CheckupAttemptOut:
    where = selectors.progress(user)
    attempt = where.open or where.latest
    if attempt is None:
        return CheckupAttemptOut(status="none")
    saved = [b for b in bank_ids() if b in (attempt.answers or {})]
    return CheckupAttemptOut(
        status="in_progress" if attempt.completed_at is None else "completed",
        started_at=attempt.created_at,
        updated_at=attempt.updated_at,
        completed_at=attempt.completed_at,
        saved_sections=saved,
        missing_sections=[b for b in bank_ids() if b not in saved],
        retake_due_at=where.retake_due_at(),
    )


def _plan_out(plan: Plan | None) -> CheckupPlanOut:
    if plan is None:
        return CheckupPlanOut(available=False)
    return CheckupPlanOut(
        available=True,
        headline=plan.headline,
        mode=plan.mode,
        variants=list(plan.variants),
        steps=[
            CheckupStepOut(
                rank=s.rank,
                area=s.area,
                title=s.title,
                why=s.why,
                this_week=s.this_week,
                tool=s.tool,
                tool_url=tool_link(s.tool).url,
            )
            for s in plan.steps
        ],
        opener=plan.opener,
        disclaimer=plan.disclaimer,
    )


def _share_out(user: User) -> CheckupShareOut:
    share = selectors.own_share(user, couple_state(user))
    active = share is not None and share.visibility == "shared"
    return CheckupShareOut(
        active=active,
        scales=list(share.scales) if active and share is not None else [],
        items=list(share.items) if active and share is not None else [],
        shareable_scales=list(selectors.shareable_scale_keys()),
    )


def _results_out(user: User) -> CheckupResultsOut:
    attempt = selectors.latest_completed(user)
    if attempt is None:
        return CheckupResultsOut(taken=False)
    result = selectors.attempt_result(attempt)
    if result is None:
        return CheckupResultsOut(taken=True, completed_at=attempt.completed_at)
    attachment = result.attachment
    tp = result.turning_point
    return CheckupResultsOut(
        taken=True,
        completed_at=attempt.completed_at,
        disclaimer=result.disclaimer,
        strain=CheckupIndexOut(
            name=result.distress.name,
            score=result.distress.score,
            band=result.distress.band.id if result.distress.band else None,
            label=result.distress.band.label if result.distress.band else None,
        ),
        scales=[
            CheckupScaleOut(
                key=s.key,
                name=s.name,
                direction=s.direction,
                score=s.normalized,
                band=s.band.id if s.band else None,
                label=s.band.label if s.band else None,
                meaning=s.band.meaning if s.band else None,
                answered=s.answered,
                total=s.total,
                drivers=[
                    CheckupDriverOut(item_id=d.item_id, text=d.text, answer=d.answer_label) for d in s.drivers
                ],
            )
            for s in result.all_scales()
        ],
        attachment=CheckupAttachmentOut(
            quadrant=attachment.quadrant,
            label=attachment.label,
            description=attachment.description,
            in_conflict=attachment.in_conflict,
        )
        if attachment is not None
        else None,
        turning_point=tp.summary or None if tp is not None else None,
    )


# --------------------------------------------------------------------------- endpoints


@router.get(
    "/instruments", response={200: CheckupInstrumentsOut, 401: ErrorOut}, summary="Sections and questions"
)
def instruments(request: HttpRequest) -> CheckupInstrumentsOut:
    return CheckupInstrumentsOut(
        disclaimer=DISCLAIMER,
        banks=[
            CheckupBankOut(
                id=b.id,
                version=b.version,
                title=b.title,
                intro=b.intro,
                disclaimer=b.disclaimer,
                scale=[CheckupOptionOut(value=o.value, label=o.label) for o in b.scale],
                items=[
                    CheckupItemOut(
                        id=i.id,
                        text=i.text,
                        kind=i.kind,
                        scale=i.subscale,
                        reverse=i.reverse,
                        optional=i.optional,
                        options=[CheckupOptionOut(value=o.value, label=o.label) for o in i.options],
                        min=i.minimum,
                        max=i.maximum,
                        max_length=i.max_length,
                        show_if=CheckupShowIfOut(item=i.show_if.item, equals=i.show_if.equals)
                        if i.show_if
                        else None,
                    )
                    for i in b.items
                ],
            )
            for b in banks()
        ],
    )


@router.get(
    "/attempt",
    response={200: CheckupAttemptOut, 401: ErrorOut},
    summary="Your check-up in progress or latest",
)
def attempt(request: HttpRequest) -> CheckupAttemptOut:
    return _attempt_out(request_user(request))


@router.get(
    "/answers/{section}",
    response={200: CheckupAnswersOut, 401: ErrorOut, 404: ErrorOut},
    summary="Your saved answers for one section of the check-up in progress",
)
def answers_get(request: HttpRequest, section: str) -> CheckupAnswersOut:
    if section not in bank_ids():
        raise HttpError(404, "There is no check-up section with that name.")
    open_attempt = selectors.open_attempt(request_user(request))
    saved = (open_attempt.answers or {}).get(section, {}) if open_attempt is not None else {}
    return CheckupAnswersOut(section=section, answers=saved)


@router.put(
    "/answers/{section}",
    response={200: CheckupAttemptOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Save one section's answers (starts a check-up if none is in progress)",
)
def answers_save(request: HttpRequest, section: str, payload: CheckupAnswersIn) -> CheckupAttemptOut:
    user = request_user(request)
    try:
        load_bank(section)
        services.attempt_save_bank(user=user, bank_id=section, answers=payload.answers, now=timezone.now())
    except UnknownBankError as error:
        raise HttpError(404, str(error)) from error
    except AnswerError as error:
        raise HttpError(422, str(error)) from error
    return _attempt_out(user)


@router.post(
    "/complete",
    response={200: CheckupResultsOut, 401: ErrorOut, 409: ErrorOut},
    summary="Finish the check-up in progress; returns your results",
)
def complete(request: HttpRequest) -> CheckupResultsOut:
    user = request_user(request)
    try:
        services.attempt_complete(user=user, now=timezone.now())
    except services.CheckupError as error:
        raise HttpError(409, str(error)) from error
    return _results_out(user)


@router.get("/results", response={200: CheckupResultsOut, 401: ErrorOut}, summary="Your latest results")
def results(request: HttpRequest) -> CheckupResultsOut:
    return _results_out(request_user(request))


@router.get("/plan", response={200: CheckupPlanOut, 401: ErrorOut}, summary="Your repair plan")
def plan(request: HttpRequest) -> CheckupPlanOut:
    user = request_user(request)
    latest = selectors.latest_completed(user)
    if latest is None:
        return CheckupPlanOut(available=False)
    return _plan_out(selectors.current_plan(user, latest, couple_state(user)))


@router.get("/couple", response={200: CheckupCoupleViewOut, 401: ErrorOut}, summary="What you both shared")
def couple(request: HttpRequest) -> CheckupCoupleViewOut:
    user = request_user(request)
    view = selectors.couple_view(user, couple_state(user))
    return CheckupCoupleViewOut(
        status=view.status,
        partner_name=view.partner_name,
        rows=[
            CheckupRowOut(
                key=r.key,
                name=r.name,
                mine=r.mine,
                theirs=r.theirs,
                agree=r.agree if r.compared else None,
                note=r.note,
            )
            for r in view.rows
        ],
        their_answers=[
            CheckupSharedAnswerOut(item_id=a.item_id, text=a.text, answer=a.answer)
            for a in view.their_answers
        ],
        my_answers=[
            CheckupSharedAnswerOut(item_id=a.item_id, text=a.text, answer=a.answer) for a in view.my_answers
        ],
        plan=_plan_out(view.plan) if view.plan is not None else None,
        plan_private=view.plan_private,
    )


@router.get(
    "/shares", response={200: CheckupShareOut, 401: ErrorOut}, summary="What you share with your partner"
)
def shares_get(request: HttpRequest) -> CheckupShareOut:
    return _share_out(request_user(request))


@router.put(
    "/shares",
    response={200: CheckupShareOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Choose what your partner sees",
)
def shares_save(request: HttpRequest, payload: CheckupShareIn) -> CheckupShareOut:
    user = request_user(request)
    try:
        services.share_save(user=user, scales=payload.scales, items=payload.items, now=timezone.now())
    except services.CheckupStateError as error:
        raise HttpError(409, str(error)) from error
    except services.CheckupError as error:
        raise HttpError(422, str(error)) from error
    return _share_out(user)


@router.delete("/shares", response={200: CheckupShareOut, 401: ErrorOut}, summary="Stop sharing anything")
def shares_retract(request: HttpRequest) -> CheckupShareOut:
    user = request_user(request)
    services.share_retract(user=user, now=timezone.now())
    return _share_out(user)


@router.get(
    "/history", response={200: CheckupHistoryOut, 401: ErrorOut}, summary="Scores and plan changes over time"
)
def history(request: HttpRequest) -> CheckupHistoryOut:
    user = request_user(request)
    attempts = selectors.completed_attempts(user)
    return CheckupHistoryOut(
        series=[
            CheckupSeriesOut(
                key=c.key,
                name=c.name,
                direction=c.direction,
                points=[CheckupPointOut(when=p.when, score=p.score, band=p.band) for p in c.points],
            )
            for c in selectors.build_charts(attempts)
        ],
        plan_changes=[
            CheckupChangeOut(when=c.when, changes=list(c.changes)) for c in selectors.plan_history(attempts)
        ],
        retake_due_at=selectors.progress(user).retake_due_at(),
    )
