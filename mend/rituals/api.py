"""JSON API for rituals, mounted under /api/v1/rituals/.

A partner's answers appear here under exactly the same rule as on the web: only once both have
submitted, or once their author shared them early.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from mend.accounts.models import TIME_ZONE_CHOICES, User
from mend.api.auth import request_user
from mend.api.schemas import ErrorOut, LocalTimeIn, LocalTimeOut, local_time_out
from mend.couples.privacy import get_owned_or_404, get_visible_or_404
from mend.couples.selectors import couple_state

from . import calendar, selectors, services
from .models import ACTION_MAX, ACTIONS_MAX, STEP_MAX, STEPS_MAX, TEXT_MAX, TITLE_MAX, CheckinAnswer, Goal

router = Router(tags=["rituals"])


def _fail(error: services.RitualError) -> HttpError:
    """A well-formed request the current state refuses (locked, nothing to share, …): 409 with the reason."""
    return HttpError(409, str(error))


# --------------------------------------------------------------------------- schedule


class SlotOut(Schema):
    who: str
    weekday: int
    weekday_name: str
    local_time: LocalTimeOut
    time_zone: str


class ScheduleOut(Schema):
    set: bool
    weekday: int | None = None
    local_time: LocalTimeOut | None = None
    time_zone: str | None = None
    set_by_me: bool = False
    slots: list[SlotOut] = []


TimeZoneName = Enum(  # type: ignore[misc]
    "TimeZoneName",
    {name.replace("/", "_").replace("-", "_").replace("+", "plus"): name for name, _ in TIME_ZONE_CHOICES},
)


class ScheduleIn(Schema):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    local_time: LocalTimeIn = Field(description="HH:MM in `time_zone`, without a zone of its own")
    time_zone: TimeZoneName = Field(description="IANA name, e.g. Europe/London")


def _schedule_out(user: User) -> ScheduleOut:
    now = timezone.now()
    state = couple_state(user)
    schedule = selectors.schedule_for(user, state)
    if schedule is None:
        return ScheduleOut(set=False)
    people = [("me", user)] + ([("partner", state.partner)] if state.partner else [])
    slots = []
    for who, person in people:
        slot = calendar.slot_for_zone(
            weekday=schedule.weekday,
            local_time=schedule.local_time,
            time_zone=schedule.time_zone,
            viewer_zone=person.time_zone,
            near=now,
        )
        slots.append(
            SlotOut(
                who=who,
                weekday=slot.weekday,
                weekday_name=slot.weekday_name,
                local_time=local_time_out(slot.time),
                time_zone=slot.time_zone,
            )
        )
    return ScheduleOut(
        set=True,
        weekday=schedule.weekday,
        local_time=local_time_out(schedule.local_time),
        time_zone=schedule.time_zone,
        set_by_me=schedule.owner_id == user.pk,
        slots=slots,
    )


@router.get("/schedule", response={200: ScheduleOut, 401: ErrorOut}, summary="The weekly check-in slot")
def schedule_get(request: HttpRequest) -> ScheduleOut:
    return _schedule_out(request_user(request))


@router.put(
    "/schedule",
    response={200: ScheduleOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 409: ErrorOut},
    summary="Set the weekly check-in slot",
)
def schedule_put(request: HttpRequest, payload: ScheduleIn) -> ScheduleOut:
    user = request_user(request)
    try:
        services.schedule_set(
            user=user,
            weekday=payload.weekday,
            local_time=payload.local_time,
            time_zone=payload.time_zone.value,
            now=timezone.now(),
        )
    except services.RitualError as error:
        raise _fail(error) from error
    return _schedule_out(user)


# --------------------------------------------------------------------------- check-in


class AnswerOut(Schema):
    id: int
    went_well: str
    felt_hard: str
    improve: str
    closeness: int | None
    stress: int | None
    actions: list[str]
    submitted_at: datetime | None
    shared_early_at: datetime | None


class CheckinOut(Schema):
    week_id: int | None
    week_start: date
    is_couple: bool
    revealed: bool
    locked: bool
    timer_ends_at: datetime | None
    mine: AnswerOut | None
    partner: AnswerOut | None = Field(description="Only when both submitted, or the partner shared early")
    partner_submitted: bool
    help_suggested: bool = False
    held_back: bool = Field(default=False, description="Kept private because of crisis language")


class AnswerIn(Schema):
    went_well: str = Field(default="", max_length=TEXT_MAX)
    felt_hard: str = Field(default="", max_length=TEXT_MAX)
    improve: str = Field(default="", max_length=TEXT_MAX)
    closeness: int | None = Field(default=None, ge=1, le=10)
    stress: int | None = Field(default=None, ge=1, le=10)
    actions: list[str] = Field(default_factory=list, max_length=ACTIONS_MAX)
    submit: bool = False
    confirm_sensitive: bool = Field(default=False, description="Submit even though crisis language was found")


class ShareIn(Schema):
    confirm_sensitive: bool = False


def _answer_out(answer: CheckinAnswer | None) -> AnswerOut | None:
    if answer is None:
        return None
    return AnswerOut(
        id=answer.pk,
        went_well=answer.went_well,
        felt_hard=answer.felt_hard,
        improve=answer.improve,
        closeness=answer.closeness,
        stress=answer.stress,
        actions=list(answer.actions or []),
        submitted_at=answer.submitted_at,
        shared_early_at=answer.shared_early_at,
    )


def _checkin_out(user: User, *, help_suggested: bool = False, held_back: bool = False) -> CheckinOut:
    view, _schedule = selectors.current_week_view(user, couple_state(user), timezone.now())
    return CheckinOut(
        week_id=view.week.pk if view.week else None,
        week_start=view.week_start,
        is_couple=view.is_couple,
        revealed=view.revealed,
        locked=view.locked,
        timer_ends_at=view.timer_ends_at,
        mine=_answer_out(view.mine),
        partner=_answer_out(view.partner_answer),
        partner_submitted=view.partner_submitted,
        help_suggested=help_suggested,
        held_back=held_back,
    )


@router.get("/checkin", response={200: CheckinOut, 401: ErrorOut}, summary="This week's check-in")
def checkin_get(request: HttpRequest) -> CheckinOut:
    return _checkin_out(request_user(request))


@router.put(
    "/checkin",
    response={200: CheckinOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Save or submit my answers for this week",
)
def checkin_put(request: HttpRequest, payload: AnswerIn) -> CheckinOut:
    user = request_user(request)
    if any(len(action) > ACTION_MAX for action in payload.actions):
        raise HttpError(422, f"Keep each agreed action under {ACTION_MAX} characters.")
    try:
        result = services.checkin_answer_save(
            user=user,
            went_well=payload.went_well,
            felt_hard=payload.felt_hard,
            improve=payload.improve,
            closeness=payload.closeness,
            stress=payload.stress,
            actions=payload.actions,
            submit=payload.submit,
            confirm_sensitive=payload.confirm_sensitive,
            now=timezone.now(),
        )
    except services.RitualError as error:
        raise _fail(error) from error
    return _checkin_out(user, help_suggested=result.crisis, held_back=result.held_back)


@router.post(
    "/checkin/share",
    response={200: CheckinOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Share my answers with my partner before they submit",
)
def checkin_share(request: HttpRequest, payload: ShareIn) -> CheckinOut:
    user = request_user(request)
    try:
        result = services.checkin_share_early(
            user=user, confirm_sensitive=payload.confirm_sensitive, now=timezone.now()
        )
    except services.RitualError as error:
        raise _fail(error) from error
    return _checkin_out(user, help_suggested=result.crisis, held_back=result.held_back)


@router.post("/checkin/timer", response={200: CheckinOut, 401: ErrorOut}, summary="Start the 30-minute timer")
def checkin_timer(request: HttpRequest) -> CheckinOut:
    user = request_user(request)
    services.checkin_timer_start(user=user, now=timezone.now())
    return _checkin_out(user)


class GoalIdOut(Schema):
    goal_id: int


@router.post(
    "/answers/{answer_id}/actions/{index}/goal",
    response={201: GoalIdOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Turn an agreed action into a goal",
)
def action_goal(request: HttpRequest, answer_id: int, index: int) -> Status[GoalIdOut]:
    user = request_user(request)
    answer = get_visible_or_404(CheckinAnswer, user, pk=answer_id)
    try:
        goal = services.action_to_goal(user=user, answer=answer, index=index, now=timezone.now())
    except services.RitualError as error:
        raise _fail(error) from error
    return Status(201, GoalIdOut(goal_id=goal.pk))


# --------------------------------------------------------------------------- history


class RatingsOut(Schema):
    closeness: int | None
    stress: int | None
    submitted: bool


class WeekOut(Schema):
    week_id: int
    week_start: date
    is_couple: bool
    revealed: bool
    mine: RatingsOut | None
    partner: RatingsOut | None


class HistoryOut(Schema):
    streak_weeks: int
    streak_forgiven: list[date]
    weeks: list[WeekOut]


def _ratings(answer: CheckinAnswer | None) -> RatingsOut | None:
    if answer is None:
        return None
    return RatingsOut(
        closeness=answer.closeness, stress=answer.stress, submitted=answer.submitted_at is not None
    )


@router.get("/history", response={200: HistoryOut, 401: ErrorOut}, summary="Past weeks, ratings and streak")
def history(request: HttpRequest) -> HistoryOut:
    user = request_user(request)
    hist = selectors.history(user, couple_state(user), timezone.now())
    return HistoryOut(
        streak_weeks=hist.streak.weeks,
        streak_forgiven=list(hist.streak.forgiven),
        weeks=[
            WeekOut(
                week_id=row.week.pk,
                week_start=row.week.week_start,
                is_couple=row.week.couple_id is not None,
                revealed=row.week.revealed_at is not None,
                mine=_ratings(row.mine),
                partner=_ratings(row.partner),
            )
            for row in hist.rows
        ],
    )


# --------------------------------------------------------------------------- goals


class StepOut(Schema):
    id: int
    text: str
    done: bool


class GoalOut(Schema):
    id: int
    title: str
    why: str
    ours: bool
    visibility: str
    status: str
    mine: bool
    can_work_on: bool
    progress: int = Field(description="Percent of steps done")
    steps: list[StepOut]


class GoalIn(Schema):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    why: str = Field(default="", max_length=TEXT_MAX)
    ours: bool = False
    visibility: Literal["private", "shared"] = "private"
    steps: list[str] = Field(default_factory=list, max_length=STEPS_MAX)
    suggestion_id: str = Field(default="", max_length=40)


class GoalPatch(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=TITLE_MAX)
    why: str | None = Field(default=None, max_length=TEXT_MAX)
    ours: bool | None = None
    visibility: Literal["private", "shared"] | None = None
    status: Literal["active", "done", "paused"] | None = None


class StepIn(Schema):
    text: str = Field(min_length=1, max_length=STEP_MAX)


class StepPatch(Schema):
    done: bool


class SuggestionOut(Schema):
    id: str
    title: str
    why: str
    first_steps: list[str]


def _goal_out(user: User, goal: Goal) -> GoalOut:
    _done, _total, percent = selectors.progress(goal)
    return GoalOut(
        id=goal.pk,
        title=goal.title,
        why=goal.why,
        ours=goal.ours,
        visibility=goal.visibility,
        status=goal.status,
        mine=goal.owner_id == user.pk,
        can_work_on=selectors.can_work_on(user, goal),
        progress=percent,
        steps=[StepOut(id=s.pk, text=s.text, done=s.done_at is not None) for s in goal.steps.all()],
    )


@router.get(
    "/goals", response={200: list[GoalOut], 401: ErrorOut}, summary="My goals and my partner's shared ones"
)
def goals_list(request: HttpRequest) -> list[GoalOut]:
    user = request_user(request)
    return [_goal_out(user, goal) for goal in selectors.goals_for(user)]


@router.get(
    "/goal-suggestions", response={200: list[SuggestionOut], 401: ErrorOut}, summary="Ideas for goals"
)
def goal_suggestions(request: HttpRequest) -> list[SuggestionOut]:
    return [
        SuggestionOut(id=s.id, title=s.title, why=s.why, first_steps=list(s.first_steps))
        for s in selectors.goal_suggestions()
    ]


@router.post(
    "/goals",
    response={201: GoalOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 409: ErrorOut},
    summary="Create a goal",
)
def goal_create(request: HttpRequest, payload: GoalIn) -> Status[GoalOut]:
    user = request_user(request)
    if any(len(step) > STEP_MAX for step in payload.steps):
        raise HttpError(422, f"Keep each step under {STEP_MAX} characters.")
    try:
        goal = services.goal_create(
            user=user,
            title=payload.title,
            why=payload.why,
            ours=payload.ours,
            visibility=payload.visibility,
            steps=payload.steps,
            suggestion_id=payload.suggestion_id,
            now=timezone.now(),
        )
    except services.RitualError as error:
        raise _fail(error) from error
    return Status(201, _goal_out(user, selectors.visible_goal_or_404(user, goal.pk)))


@router.get(
    "/goals/{goal_id}",
    response={200: GoalOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="One goal",
)
def goal_get(request: HttpRequest, goal_id: int) -> GoalOut:
    user = request_user(request)
    return _goal_out(user, selectors.visible_goal_or_404(user, goal_id))


@router.patch(
    "/goals/{goal_id}",
    response={200: GoalOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 409: ErrorOut},
    summary="Change my goal",
)
def goal_patch(request: HttpRequest, goal_id: int, payload: GoalPatch) -> GoalOut:
    user = request_user(request)
    goal: Goal = get_owned_or_404(Goal, user, pk=goal_id)
    try:
        services.goal_update(
            user=user,
            goal=goal,
            title=payload.title if payload.title is not None else goal.title,
            why=payload.why if payload.why is not None else goal.why,
            ours=payload.ours if payload.ours is not None else goal.ours,
            visibility=payload.visibility or goal.visibility,
            status=payload.status or goal.status,
            now=timezone.now(),
        )
    except services.RitualError as error:
        raise _fail(error) from error
    return _goal_out(user, selectors.visible_goal_or_404(user, goal_id))


@router.delete(
    "/goals/{goal_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Delete my goal",
)
def goal_delete(request: HttpRequest, goal_id: int) -> Status[None]:
    user = request_user(request)
    goal: Goal = get_owned_or_404(Goal, user, pk=goal_id)
    services.goal_delete(user=user, goal=goal)
    return Status(204, None)


@router.post(
    "/goals/{goal_id}/steps",
    response={201: GoalOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 409: ErrorOut},
    summary="Add a next step",
)
def step_add(request: HttpRequest, goal_id: int, payload: StepIn) -> Status[GoalOut]:
    user = request_user(request)
    goal = selectors.steps_goal_or_404(user, goal_id)
    try:
        services.goal_step_add(user=user, goal=goal, text=payload.text, now=timezone.now())
    except services.RitualError as error:
        raise _fail(error) from error
    return Status(201, _goal_out(user, selectors.visible_goal_or_404(user, goal_id)))


@router.patch(
    "/goals/{goal_id}/steps/{step_id}",
    response={200: GoalOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 409: ErrorOut},
    summary="Tick or untick a step",
)
def step_patch(request: HttpRequest, goal_id: int, step_id: int, payload: StepPatch) -> GoalOut:
    user = request_user(request)
    goal = selectors.steps_goal_or_404(user, goal_id)
    step = selectors.step_or_404(goal, step_id)
    services.goal_step_set_done(user=user, step=step, done=payload.done, now=timezone.now())
    return _goal_out(user, selectors.visible_goal_or_404(user, goal_id))


@router.delete(
    "/goals/{goal_id}/steps/{step_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Remove a step",
)
def step_delete(request: HttpRequest, goal_id: int, step_id: int) -> Status[None]:
    user = request_user(request)
    goal = selectors.steps_goal_or_404(user, goal_id)
    step = selectors.step_or_404(goal, step_id)
    services.goal_step_delete(user=user, step=step)
    return Status(204, None)
