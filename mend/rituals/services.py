"""Writes for check-ins and goals. Each validates, then writes inside one transaction.

Concurrency: answers are one row per (week, person) under a unique constraint, and every answer
write locks the week row first, so two partners submitting at the same instant each keep their
own answer and exactly one of them triggers the reveal.
"""

from __future__ import annotations

import functools
import random
import time as time_module
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction

from mend.couples.privacy import Visibility
from mend.couples.selectors import couple_state

from . import selectors
from .models import (
    ACTION_MAX,
    ACTIONS_MAX,
    STEP_MAX,
    STEPS_MAX,
    TEXT_MAX,
    TIMER_MINUTES,
    TITLE_MAX,
    CheckinAnswer,
    CheckinSchedule,
    CheckinWeek,
    Goal,
    GoalStep,
)

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.models import Couple
    from mend.couples.selectors import CoupleState


class RitualError(Exception):
    """A check-in or goal action that cannot happen; the message is safe to show."""


class RitualLocked(RitualError):
    """The week's answers were revealed to both partners, so they can no longer change."""


_P = ParamSpec("_P")
_R = TypeVar("_R")
LOCK_RETRIES = 6


def retry_when_locked(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a write again when SQLite reports a lock held by a parallel writer.

    With a file database the busy timeout already waits; an in-memory or shared-cache database
    answers "table is locked" at once, so the whole transaction is retried after a short pause.
    Inside an outer transaction a retry cannot help, so the error is passed on.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        for attempt in range(LOCK_RETRIES):
            try:
                return func(*args, **kwargs)
            except OperationalError as error:
                locked = "locked" in str(error).lower()
                if not locked or connection.in_atomic_block or attempt == LOCK_RETRIES - 1:
                    raise
                time_module.sleep(0.02 * (attempt + 1) + random.random() * 0.03)  # noqa: S311 - jitter only
        raise AssertionError("unreachable")

    return wrapper


def crisis_in_any(texts: Sequence[str]) -> bool:
    from mend.safety.panel import crisis_in

    return any(crisis_in(text) for text in texts if text)


# --------------------------------------------------------------------------- schedule


@retry_when_locked
def schedule_set(
    *, user: User, weekday: int, local_time: time, time_zone: str, now: datetime
) -> CheckinSchedule:
    """Set the weekly slot for the couple (or for a solo user). Either partner may change it."""
    if weekday not in range(7):
        raise RitualError("Pick a day of the week.")
    if time_zone not in zoneinfo.available_timezones():
        raise RitualError("Unknown time zone; use a name such as Europe/London.")
    state = couple_state(user)
    couple = state.couple if state.is_linked else None
    with transaction.atomic():
        lookup: dict[str, object] = (
            {"couple": couple} if couple is not None else {"owner": user, "couple__isnull": True}
        )
        schedule = CheckinSchedule.objects.select_for_update().filter(**lookup).first()
        if schedule is None:
            schedule = CheckinSchedule(
                couple=couple,
                visibility=Visibility.SHARED if couple is not None else Visibility.PRIVATE,
                created_at=now,
            )
        schedule.owner = user
        schedule.weekday = weekday
        schedule.local_time = local_time.replace(second=0, microsecond=0, tzinfo=None)
        schedule.time_zone = time_zone
        schedule.updated_at = now
        try:
            with transaction.atomic():
                schedule.save()
        except IntegrityError as error:  # the partner created it a moment earlier
            raise RitualError(
                "Your partner just set the check-in time; have a look and change it if needed."
            ) from error
    return schedule


# --------------------------------------------------------------------------- check-in


def _week_for_update(user: User, state: CoupleState, now: datetime) -> CheckinWeek:
    """This week's check-in row, created if needed, locked for the rest of the transaction."""
    schedule = selectors.schedule_for(user, state)
    monday = selectors.current_week_start(user, schedule, now)
    couple = state.couple if state.is_linked else None
    lookup: dict[str, object] = (
        {"couple": couple} if couple is not None else {"owner": user, "couple__isnull": True}
    )
    week = CheckinWeek.objects.select_for_update().filter(week_start=monday, **lookup).first()
    if week is not None:
        return week
    try:
        with transaction.atomic():
            return CheckinWeek.objects.create(
                owner=user,
                couple=couple,
                visibility=Visibility.SHARED if couple is not None else Visibility.PRIVATE,
                week_start=monday,
                created_at=now,
            )
    except IntegrityError:  # created by the partner in parallel: use theirs
        return CheckinWeek.objects.select_for_update().get(week_start=monday, **lookup)


@dataclass(frozen=True)
class SaveResult:
    answer: CheckinAnswer
    week: CheckinWeek
    revealed: bool  # this save completed the pair and revealed both answers
    held_back: bool  # crisis language: kept private instead of submitting or sharing
    crisis: bool


def _clean_text(value: str, label: str) -> str:
    text = (value or "").strip()
    if len(text) > TEXT_MAX:
        raise RitualError(f"{label} is too long (at most {TEXT_MAX} characters).")
    return text


def _clean_rating(value: int | None, label: str) -> int | None:
    if value is None:
        return None
    if not 1 <= int(value) <= 10:
        raise RitualError(f"{label} must be between 1 and 10.")
    return int(value)


def _clean_actions(actions: Sequence[str]) -> list[str]:
    cleaned = [a.strip() for a in actions if a and a.strip()]
    if len(cleaned) > ACTIONS_MAX:
        raise RitualError(f"List at most {ACTIONS_MAX} agreed actions.")
    for action in cleaned:
        if len(action) > ACTION_MAX:
            raise RitualError(f"Keep each agreed action short (at most {ACTION_MAX} characters).")
    return cleaned


@retry_when_locked
def checkin_answer_save(
    *,
    user: User,
    went_well: str = "",
    felt_hard: str = "",
    improve: str = "",
    closeness: int | None = None,
    stress: int | None = None,
    actions: Sequence[str] = (),
    submit: bool = False,
    confirm_sensitive: bool = False,
    now: datetime,
) -> SaveResult:
    """Save this week's answer as a draft, or submit it. Editable until both answers are revealed.

    If the text contains crisis language and the user has not confirmed, the answer is kept
    private (not submitted, not shared) so nothing reaches the partner without a second thought.
    """
    fields = {
        "went_well": _clean_text(went_well, "What went well"),
        "felt_hard": _clean_text(felt_hard, "What felt hard"),
        "improve": _clean_text(improve, "What we could improve"),
    }
    closeness = _clean_rating(closeness, "Closeness")
    stress = _clean_rating(stress, "Stress")
    cleaned_actions = _clean_actions(actions)
    if submit and (closeness is None or stress is None):
        raise RitualError("Give both ratings before submitting: they draw your trend over the weeks.")
    if submit and not any(fields.values()):
        raise RitualError("Answer at least one of the three questions before submitting.")
    crisis = crisis_in_any([*fields.values(), *cleaned_actions])
    state = couple_state(user)
    with transaction.atomic():
        week = _week_for_update(user, state, now)
        if week.revealed_at is not None:
            raise RitualLocked(
                "Your answers were revealed to you both, so this week's check-in is now locked."
            )
        answer = CheckinAnswer.objects.select_for_update().filter(week=week, owner=user).first()
        if answer is None:
            answer = CheckinAnswer(week=week, owner=user, couple=week.couple, created_at=now)
        for name, value in fields.items():
            setattr(answer, name, value)
        answer.closeness = closeness
        answer.stress = stress
        answer.actions = cleaned_actions
        answer.updated_at = now
        held_back = False
        if crisis and not confirm_sensitive:
            held_back = submit or answer.submitted_at is not None or answer.shared_early_at is not None
            answer.submitted_at = None
            answer.shared_early_at = None
            answer.visibility = Visibility.PRIVATE
        elif submit and answer.submitted_at is None:
            answer.submitted_at = now
        answer.save()
        revealed = _reveal_if_complete(week=week, user=user, state=state, now=now)
    return SaveResult(answer=answer, week=week, revealed=revealed, held_back=held_back, crisis=crisis)


def _reveal_if_complete(*, week: CheckinWeek, user: User, state: CoupleState, now: datetime) -> bool:
    """Called with the week row locked: reveal both answers when both partners have submitted."""
    if week.couple_id is None or state.partner is None or week.revealed_at is not None:
        return False
    submitted = set(
        CheckinAnswer.objects.filter(
            week=week, owner__in=[user.pk, state.partner.pk], submitted_at__isnull=False
        ).values_list("owner_id", flat=True)
    )
    if submitted != {user.pk, state.partner.pk}:
        return False
    CheckinAnswer.objects.filter(week=week, owner__in=submitted).update(visibility=Visibility.SHARED)
    week.revealed_at = now
    week.save(update_fields=["revealed_at"])
    return True


@retry_when_locked
def checkin_share_early(*, user: User, confirm_sensitive: bool = False, now: datetime) -> SaveResult:
    """Let the partner see my answer now, before theirs is in. Only mine becomes visible."""
    state = couple_state(user)
    if not state.is_linked:
        raise RitualError("Sharing early is for couples: your weekly review stays private to you.")
    with transaction.atomic():
        week = _week_for_update(user, state, now)
        if week.revealed_at is not None:
            raise RitualLocked("Your answers are already revealed to you both.")
        answer = CheckinAnswer.objects.select_for_update().filter(week=week, owner=user).first()
        if answer is None or not any([answer.went_well, answer.felt_hard, answer.improve]):
            raise RitualError("Write your answers first, then you can share them early.")
        crisis = crisis_in_any(answer.texts())
        if crisis and not confirm_sensitive:
            return SaveResult(answer=answer, week=week, revealed=False, held_back=True, crisis=True)
        answer.visibility = Visibility.SHARED
        answer.shared_early_at = answer.shared_early_at or now
        answer.updated_at = now
        answer.save(update_fields=["visibility", "shared_early_at", "updated_at"])
    return SaveResult(answer=answer, week=week, revealed=False, held_back=False, crisis=crisis)


@retry_when_locked
def checkin_timer_start(*, user: User, now: datetime) -> CheckinWeek:
    """Start (or restart, once it has run out) the shared 30-minute timer for this week."""
    state = couple_state(user)
    with transaction.atomic():
        week = _week_for_update(user, state, now)
        running = week.timer_started_at is not None and now < week.timer_started_at + timedelta(
            minutes=TIMER_MINUTES
        )
        if not running:
            week.timer_started_at = now
            week.save(update_fields=["timer_started_at"])
    return week


def _visible_action(*, user: User, answer: CheckinAnswer, index: int) -> str:
    actions = list(answer.actions or [])
    if not 0 <= index < len(actions):
        raise RitualError("That agreed action no longer exists.")
    return str(actions[index])


def action_to_goal(*, user: User, answer: CheckinAnswer, index: int, now: datetime) -> Goal:
    """Turn an agreed action (from an answer the user can see) into a goal. Repeat clicks return the same goal."""
    text = _visible_action(user=user, answer=answer, index=index)
    existing = Goal.objects.owned_by(user).filter(source_answer=answer, source_index=index).first()
    if existing is not None:
        return existing
    state = couple_state(user)
    shared = answer.visibility == Visibility.SHARED and state.is_linked
    return goal_create(
        user=user,
        title=text[:TITLE_MAX],
        why="Agreed at our weekly check-in." if shared else "From my weekly review.",
        ours=shared,
        visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
        steps=(),
        now=now,
        source_answer=answer,
        source_index=index,
    )


def action_to_promise(*, user: User, answer: CheckinAnswer, index: int, now: datetime) -> object:
    """Turn an agreed action into a promise (due in a week) through the trust tool, when installed."""
    maker = selectors.promise_maker()
    if maker is None:
        raise RitualError("Promises are not available yet.")
    text = _visible_action(user=user, answer=answer, index=index)
    try:
        return maker(user=user, text=text, due_at=now + timedelta(days=7), now=now, source="checkin")
    except TypeError:
        return maker(user=user, text=text, due_at=now + timedelta(days=7), now=now)
    except Exception as error:
        if type(error).__name__ == "TrustError":
            raise RitualError(str(error)) from error
        raise


# --------------------------------------------------------------------------- goals


def _goal_visibility(user: User, visibility: str) -> tuple[Couple | None, str]:
    state = couple_state(user)
    if visibility not in Visibility.values:
        raise RitualError("Choose who can see this goal.")
    if visibility == Visibility.SHARED and not state.is_linked:
        raise RitualError("You can share a goal once your partner has joined; keep it private for now.")
    return (state.couple if visibility == Visibility.SHARED else None), visibility


def _clean_title(title: str) -> str:
    text = (title or "").strip()
    if not text:
        raise RitualError("Give the goal a short name.")
    if len(text) > TITLE_MAX:
        raise RitualError(f"Keep the goal's name under {TITLE_MAX} characters.")
    return text


def _clean_step(text: str) -> str:
    clean = (text or "").strip()
    if not clean:
        raise RitualError("Write the step first.")
    if len(clean) > STEP_MAX:
        raise RitualError(f"Keep a step short (at most {STEP_MAX} characters).")
    return clean


def goal_create(
    *,
    user: User,
    title: str,
    why: str = "",
    ours: bool = False,
    visibility: str = Visibility.PRIVATE,
    steps: Sequence[str] = (),
    suggestion_id: str = "",
    now: datetime,
    source_answer: CheckinAnswer | None = None,
    source_index: int | None = None,
) -> Goal:
    clean_title = _clean_title(title)
    clean_why = _clean_text(why, "Why it matters")
    clean_steps = [_clean_step(step) for step in steps if step and step.strip()]
    if len(clean_steps) > STEPS_MAX:
        raise RitualError(f"A goal can have at most {STEPS_MAX} steps.")
    couple, vis = _goal_visibility(user, visibility)
    with transaction.atomic():
        goal = Goal.objects.create(
            owner=user,
            couple=couple,
            visibility=vis,
            title=clean_title,
            why=clean_why,
            ours=ours,
            suggestion_id=suggestion_id[:40],
            source_answer=source_answer,
            source_index=source_index,
            created_at=now,
            updated_at=now,
        )
        GoalStep.objects.bulk_create(
            [
                GoalStep(goal=goal, text=step, author=user, position=i, created_at=now)
                for i, step in enumerate(clean_steps)
            ]
        )
    return goal


def goal_update(
    *,
    user: User,
    goal: Goal,
    title: str,
    why: str,
    ours: bool,
    visibility: str,
    status: str,
    now: datetime,
) -> Goal:
    if goal.owner_id != user.pk:
        raise RitualError("Only the person who set this goal can change it.")
    if status not in Goal.Status.values:
        raise RitualError("Choose a status.")
    clean_title = _clean_title(title)
    clean_why = _clean_text(why, "Why it matters")
    couple, vis = _goal_visibility(user, visibility)
    with transaction.atomic():
        goal.title = clean_title
        goal.why = clean_why
        goal.ours = ours
        goal.couple = couple
        goal.visibility = vis
        goal.status = status
        goal.updated_at = now
        goal.save()
    return goal


def goal_delete(*, user: User, goal: Goal) -> None:
    if goal.owner_id != user.pk:
        raise RitualError("Only the person who set this goal can delete it.")
    with transaction.atomic():
        goal.delete()


def goal_step_add(*, user: User, goal: Goal, text: str, now: datetime) -> GoalStep:
    if not selectors.can_work_on(user, goal):
        raise RitualError("Only the people this goal belongs to can add steps.")
    clean = _clean_step(text)
    with transaction.atomic():
        locked = Goal.objects.select_for_update().get(pk=goal.pk)
        count = GoalStep.objects.filter(goal=locked).count()
        if count >= STEPS_MAX:
            raise RitualError(f"A goal can have at most {STEPS_MAX} steps.")
        step = GoalStep.objects.create(goal=locked, text=clean, author=user, position=count, created_at=now)
        Goal.objects.filter(pk=goal.pk).update(updated_at=now)
    return step


def goal_step_set_done(*, user: User, step: GoalStep, done: bool, now: datetime) -> GoalStep:
    if not selectors.can_work_on(user, step.goal):
        raise RitualError("Only the people this goal belongs to can tick its steps.")
    with transaction.atomic():
        step.done_at = now if done else None
        step.done_by = user if done else None
        step.save(update_fields=["done_at", "done_by"])
        Goal.objects.filter(pk=step.goal_id).update(updated_at=now)
    return step


def goal_step_delete(*, user: User, step: GoalStep) -> None:
    if not selectors.can_work_on(user, step.goal):
        raise RitualError("Only the people this goal belongs to can remove steps.")
    with transaction.atomic():
        step.delete()
