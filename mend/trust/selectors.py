"""Reads for trust, always from one user's point of view, in a constant number of queries."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from mend.couples.privacy import Visibility, active_couple_ids

from .models import ActLog, Agreement, Apology, Appreciation, Moment, Promise, TrustSettings

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.engine.content import Act

WEEKS = 8
SEEN_DAYS = 180  # an act done or passed on within this many days is not suggested again


def user_zone(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_day(user: User, now: datetime) -> date:
    return now.astimezone(user_zone(user)).date()


# --------------------------------------------------------------------------- promises


def my_promises(user: User) -> QuerySet[Promise]:
    return Promise.objects.owned_by(user)


def promises_to_me(user: User) -> QuerySet[Promise]:
    """Promises the partner made to this user (shared in the user's active couple)."""
    return (
        Promise.objects.visible_to(user)
        .exclude(owner=user)
        .filter(to_partner=True, visibility=Visibility.SHARED)
        .select_related("owner")
    )


@dataclass(frozen=True)
class WeekRate:
    start: date
    kept: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.kept / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        return round(100 * self.kept / self.total) if self.total else None


@dataclass(frozen=True)
class KeptRate:
    weeks: tuple[WeekRate, ...]

    @property
    def kept(self) -> int:
        return sum(w.kept for w in self.weeks)

    @property
    def total(self) -> int:
        return sum(w.total for w in self.weeks)

    @property
    def percent(self) -> int | None:
        return round(100 * self.kept / self.total) if self.total else None


def _week_starts(now: datetime, weeks: int) -> list[datetime]:
    return [now - timedelta(weeks=weeks - i) for i in range(weeks)]


def kept_rate(queryset: QuerySet[Promise], *, now: datetime, weeks: int = WEEKS) -> KeptRate:
    """Promises due in each of the last `weeks` weeks: kept (and not disputed) out of those that came due.

    An open promise whose due time has passed counts as not (yet) kept; promises still ahead
    count for nothing. One query, whatever the history.
    """
    starts = _week_starts(now, weeks)
    rows = queryset.filter(due_at__gte=starts[0], due_at__lt=now).values_list("due_at", "status", "response")
    kept = [0] * weeks
    total = [0] * weeks
    for due_at, status, response in rows:
        index = min(int((due_at - starts[0]) / timedelta(weeks=1)), weeks - 1)
        total[index] += 1
        if status == Promise.Status.KEPT and response != Promise.Response.DISPUTED:
            kept[index] += 1
    return KeptRate(
        weeks=tuple(WeekRate(start=starts[i].date(), kept=kept[i], total=total[i]) for i in range(weeks))
    )


# --------------------------------------------------------------------------- moments


@dataclass(frozen=True)
class WeekRatio:
    start: date
    positive: int
    negative: int

    @property
    def ratio(self) -> float | None:
        """Positive moments per negative one; None when there was no negative moment."""
        return self.positive / self.negative if self.negative else None

    @property
    def label(self) -> str:
        if not self.positive and not self.negative:
            return "—"
        if not self.negative:
            return f"{self.positive} : 0"
        return f"{self.ratio:.1f} : 1"


def moment_ratio(user: User, *, now: datetime, weeks: int = WEEKS) -> tuple[WeekRatio, ...]:
    starts = _week_starts(now, weeks)
    rows = Moment.objects.owned_by(user).filter(created_at__gte=starts[0], created_at__lte=now)
    positive = [0] * weeks
    negative = [0] * weeks
    for created_at, kind in rows.values_list("created_at", "kind"):
        index = min(int((created_at - starts[0]) / timedelta(weeks=1)), weeks - 1)
        if kind == Moment.Kind.POSITIVE:
            positive[index] += 1
        else:
            negative[index] += 1
    return tuple(
        WeekRatio(start=starts[i].date(), positive=positive[i], negative=negative[i]) for i in range(weeks)
    )


# --------------------------------------------------------------------------- sent and received


def received_apologies(user: User) -> QuerySet[Apology]:
    """Apologies the partner sent to this user, newest first."""
    return (
        Apology.objects.visible_to(user)
        .exclude(owner=user)
        .filter(visibility=Visibility.SHARED, sent_at__isnull=False)
        .select_related("owner")
        .order_by("-sent_at", "-pk")
    )


def received_appreciations(user: User) -> QuerySet[Appreciation]:
    """Appreciation notes the partner sent to this user, newest first."""
    return (
        Appreciation.objects.visible_to(user)
        .exclude(owner=user)
        .filter(visibility=Visibility.SHARED, sent_at__isnull=False)
        .select_related("owner")
        .order_by("-sent_at", "-pk")
    )


def unread_from_partner(user: User) -> tuple[int, int]:
    """How many appreciation notes and apologies from the partner this user has not opened yet."""
    couples = active_couple_ids(user)
    base = Q(couple__in=couples, visibility=Visibility.SHARED, sent_at__isnull=False, read_at__isnull=True)
    notes = Appreciation.objects.filter(base).exclude(owner=user).count()
    apologies = Apology.objects.filter(base).exclude(owner=user).count()
    return notes, apologies


def agreements_for(user: User) -> QuerySet[Agreement]:
    return Agreement.objects.visible_to(user).select_related("owner")


# --------------------------------------------------------------------------- act of the day


def _checkup_says_long_distance(user: User) -> bool:
    """The user's own latest check-up answer about living apart, when the check-up app has one."""
    try:
        from mend.checkup.selectors import attempt_result, latest_completed
    except ImportError:  # pragma: no cover - the check-up ships separately
        return False
    try:
        attempt = latest_completed(user)
        result = attempt_result(attempt) if attempt is not None else None
        bank = result.bank("situation") if result is not None else None
        situation = getattr(bank, "situation", None)
    except (AttributeError, TypeError, ValueError):
        return False
    return bool(getattr(situation, "long_distance", False))


def is_long_distance(user: User) -> bool:
    """The user's own toggle on the small-acts page wins; otherwise their check-up answer."""
    settings = TrustSettings.objects.filter(user=user).first()
    if settings is not None:
        return settings.long_distance
    return _checkup_says_long_distance(user)


@dataclass(frozen=True)
class ActOfTheDay:
    act: Act
    day: date
    outcome: str  # "" when not logged today
    long_distance: bool


def act_of_the_day(user: User, *, now: datetime) -> ActOfTheDay | None:
    """Today's suggestion for this user, skipping acts they did or passed on recently (two queries)."""
    try:
        from mend.engine.content import act_by_id, suggest_act
    except ImportError:  # pragma: no cover - the catalogue ships with the engine
        return None
    day = local_day(user, now)
    long_distance = is_long_distance(user)
    logs = list(
        ActLog.objects.owned_by(user)
        .filter(day__gte=day - timedelta(days=SEEN_DAYS))
        .values_list("act_id", "day", "outcome")
    )
    today = [(act_id, outcome) for act_id, logged_day, outcome in logs if logged_day == day]
    if today:  # keep showing what the user answered today, so the page does not jump
        done = [pair for pair in today if pair[1] == ActLog.Outcome.DONE]
        act_id, outcome = (done or today)[0]
        if outcome == ActLog.Outcome.DONE:
            act = act_by_id(act_id)
            if act is not None:
                return ActOfTheDay(act=act, day=day, outcome=outcome, long_distance=long_distance)
    seen = {act_id for act_id, _day, _outcome in logs}
    act = suggest_act(day=day, seen_ids=seen, long_distance=long_distance, seed=f"mend-user-{user.pk}")
    return ActOfTheDay(act=act, day=day, outcome="", long_distance=long_distance)


def acts_done(user: User, *, limit: int = 20) -> list[tuple[date, str]]:
    from mend.engine.content import act_by_id

    rows = (
        ActLog.objects.owned_by(user).filter(outcome=ActLog.Outcome.DONE).values_list("day", "act_id")[:limit]
    )
    out: list[tuple[date, str]] = []
    for day, act_id in rows:
        act = act_by_id(act_id)
        out.append((day, act.text if act else "(an act no longer in the catalogue)"))
    return out
