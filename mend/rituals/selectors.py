"""Reads for check-ins and goals, always from the point of view of one user.

Privacy rests on `visible_to`: a partner's answer is read only through it, so its text can reach
the other partner only once its visibility is `shared` (at reveal, or when its author shares early).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from mend.couples.privacy import Visibility, get_visible_or_404

from . import calendar
from .models import TIMER_MINUTES, CheckinAnswer, CheckinSchedule, CheckinWeek, Goal, GoalStep

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState

HISTORY_WEEKS = 26


def schedule_for(user: User, state: CoupleState) -> CheckinSchedule | None:
    """The couple's schedule when linked, otherwise the user's own."""
    if state.is_linked and state.couple is not None:
        return CheckinSchedule.objects.filter(couple=state.couple).select_related("owner").first()
    return CheckinSchedule.objects.filter(owner=user, couple__isnull=True).first()


def week_zone(user: User, schedule: CheckinSchedule | None) -> str:
    """Weeks follow the schedule's time zone (one clock for both partners), else the user's."""
    return schedule.time_zone if schedule is not None else user.time_zone


def current_week_start(user: User, schedule: CheckinSchedule | None, now: datetime) -> date:
    return calendar.week_start(now, week_zone(user, schedule))


def find_week(user: User, state: CoupleState, monday: date) -> CheckinWeek | None:
    if state.is_linked and state.couple is not None:
        return CheckinWeek.objects.filter(couple=state.couple, week_start=monday).first()
    return CheckinWeek.objects.filter(owner=user, couple__isnull=True, week_start=monday).first()


def partner_has_concern(partner: User | None) -> bool:
    """True when the partner's private safety check shows concern: then nothing they do is announced."""
    if partner is None:
        return False
    try:
        panel = importlib.import_module("mend.safety.panel")
        return bool(panel.has_concern(partner))
    except ImportError:
        return False


@dataclass(frozen=True)
class WeekView:
    """What one user may see of one week's check-in."""

    week: CheckinWeek | None
    week_start: date
    is_couple: bool
    mine: CheckinAnswer | None
    partner_answer: CheckinAnswer | None  # only when shared (revealed or shared early)
    partner_submitted: bool  # False when unknown or held back (partner's safety concern)
    partner_name: str

    @property
    def revealed(self) -> bool:
        return self.week is not None and self.week.revealed_at is not None

    @property
    def locked(self) -> bool:
        return self.revealed

    @property
    def i_submitted(self) -> bool:
        return self.mine is not None and self.mine.submitted_at is not None

    @property
    def i_shared_early(self) -> bool:
        return self.mine is not None and self.mine.shared_early_at is not None and not self.revealed

    @property
    def waiting_for_partner(self) -> bool:
        return self.is_couple and self.i_submitted and not self.revealed

    @property
    def timer_ends_at(self) -> datetime | None:
        if self.week is None or self.week.timer_started_at is None:
            return None
        return self.week.timer_started_at + timedelta(minutes=TIMER_MINUTES)


def week_view(user: User, state: CoupleState, week: CheckinWeek | None, monday: date) -> WeekView:
    """At most two queries, whatever the history."""
    is_couple = week.couple_id is not None if week is not None else state.is_linked
    partner_name = state.partner.display_name if state.partner is not None else ""
    if week is None:
        return WeekView(None, monday, is_couple, None, None, False, partner_name)
    visible = list(CheckinAnswer.objects.visible_to(user).filter(week=week))
    mine = next((a for a in visible if a.owner_id == user.pk), None)
    partner_answer = next((a for a in visible if a.owner_id != user.pk), None)
    partner_submitted = (
        CheckinAnswer.objects.filter(week=week, submitted_at__isnull=False).exclude(owner=user).exists()
    )
    if partner_submitted and week.revealed_at is None and partner_has_concern(state.partner):
        partner_submitted = False
    return WeekView(week, monday, is_couple, mine, partner_answer, partner_submitted, partner_name)


def current_week_view(
    user: User, state: CoupleState, now: datetime
) -> tuple[WeekView, CheckinSchedule | None]:
    schedule = schedule_for(user, state)
    monday = current_week_start(user, schedule, now)
    return week_view(user, state, find_week(user, state, monday), monday), schedule


def visible_week_or_404(user: User, pk: int) -> CheckinWeek:
    week: CheckinWeek = get_visible_or_404(CheckinWeek, user, pk=pk)
    return week


@dataclass(frozen=True)
class HistoryRow:
    week: CheckinWeek
    mine: CheckinAnswer | None
    partner: CheckinAnswer | None  # only answers shared with the viewer


@dataclass(frozen=True)
class History:
    rows: list[HistoryRow] = field(default_factory=list)  # newest first
    streak: calendar.Streak = field(default_factory=lambda: calendar.Streak(0, (), False))


def history(user: User, state: CoupleState, now: datetime, *, weeks: int = HISTORY_WEEKS) -> History:
    """Recent weeks the user can see, with their own and their partner's shared answers. Four queries."""
    schedule = schedule_for(user, state)
    monday = current_week_start(user, schedule, now)
    since = monday - timedelta(weeks=weeks)
    answered = CheckinAnswer.objects.filter(owner=user).values("week_id")
    week_qs = CheckinWeek.objects.filter(
        Q(pk__in=CheckinWeek.objects.visible_to(user).values("pk")) | Q(pk__in=answered),
        week_start__gte=since,
        week_start__lte=monday,
    )
    week_list = list(week_qs.order_by("-week_start", "-pk"))
    by_week: dict[int, list[CheckinAnswer]] = {}
    for answer in CheckinAnswer.objects.visible_to(user).filter(week__in=[w.pk for w in week_list]):
        by_week.setdefault(answer.week_id, []).append(answer)
    rows: list[HistoryRow] = []
    seen: set[date] = set()
    for week in week_list:
        if week.week_start in seen:  # a solo week and a couple week can share a Monday: keep one
            continue
        seen.add(week.week_start)
        fetched = by_week.get(week.pk, [])
        mine = next((a for a in fetched if a.owner_id == user.pk), None)
        partner = next((a for a in fetched if a.owner_id != user.pk), None)
        rows.append(HistoryRow(week=week, mine=mine, partner=partner))
    return History(rows=rows, streak=calendar.streak(_done_weeks(user, rows), current=monday))


def _done_weeks(user: User, rows: list[HistoryRow]) -> set[date]:
    """A couple's week counts once it was revealed (both answered); a solo week once submitted."""
    done: set[date] = set()
    for row in rows:
        if row.week.couple_id is not None:
            if row.week.revealed_at is not None:
                done.add(row.week.week_start)
        elif row.mine is not None and row.mine.submitted_at is not None:
            done.add(row.week.week_start)
    return done


# --------------------------------------------------------------------------- goals


def goals_for(user: User) -> list[Goal]:
    """Goals the user can see (own, and the partner's shared ones) with their steps: two queries."""
    return list(Goal.objects.visible_to(user).select_related("owner").prefetch_related("steps"))


def visible_goal_or_404(user: User, pk: int) -> Goal:
    goal: Goal = get_visible_or_404(
        Goal.objects.select_related("owner").prefetch_related("steps"), user, pk=pk
    )
    return goal


def can_work_on(user: User, goal: Goal) -> bool:
    """The owner always; the partner too when the goal is ours and shared with them."""
    return goal.owner_id == user.pk or (goal.ours and goal.visibility == Visibility.SHARED)


def steps_goal_or_404(user: User, pk: int) -> Goal:
    """A goal whose steps `user` may add or tick; 404 otherwise (even when they may read it)."""
    from django.http import Http404

    goal = visible_goal_or_404(user, pk)
    if not can_work_on(user, goal):
        raise Http404("Not found.")
    return goal


def step_or_404(goal: Goal, step_id: int) -> GoalStep:
    from django.http import Http404

    for step in goal.steps.all():
        if step.pk == step_id:
            return step
    raise Http404("Not found.")


def progress(goal: Goal) -> tuple[int, int, int]:
    """(done, total, percent) from prefetched steps."""
    steps = list(goal.steps.all())
    done = sum(1 for step in steps if step.done_at is not None)
    total = len(steps)
    percent = round(100 * done / total) if total else (100 if goal.status == Goal.Status.DONE else 0)
    return done, total, percent


def goal_suggestions() -> list[Any]:
    """Suggested goals from the shared prompts file (empty if it is unavailable)."""
    try:
        content = importlib.import_module("mend.engine.content")
        loader: Callable[[], Any] = content.goal_suggestions
        return list(loader())
    except (ImportError, AttributeError):
        return []


def suggestion_by_id(suggestion_id: str) -> Any | None:
    return next((s for s in goal_suggestions() if s.id == suggestion_id), None)


def checkin_questions() -> list[tuple[str, str, str]]:
    """(field, question, hint) for the three questions, worded by the shared prompts file."""
    fallback = [
        ("went_well", "What went well between us this week?", ""),
        ("felt_hard", "What felt hard this week?", ""),
        ("improve", "What could we do better next week?", ""),
    ]
    try:
        content = importlib.import_module("mend.engine.content")
        loaded = {q.id: q for q in content.checkin_questions()}
    except (ImportError, AttributeError):
        return fallback
    return [
        (key, loaded[key].text, loaded[key].hint) if key in loaded else (key, text, hint)
        for key, text, hint in fallback
    ]


def promise_maker() -> Callable[..., Any] | None:
    """`mend.trust.services.promise_create` when the trust tool is installed, else None."""
    try:
        services = importlib.import_module("mend.trust.services")
    except ImportError:
        return None
    maker = getattr(services, "promise_create", None)
    return maker if callable(maker) else None
