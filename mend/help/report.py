"""The report a person can bring to a therapist: only their own data, only the parts they pick.

Each section reads one kind of the user's OWN data. Sections whose app is not installed (or not
built yet) are simply not offered. Nothing here ever reads a partner's answers or notes; the
journal and the wellbeing check are only included when the user ticks them.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from mend.accounts.models import User

PDF_COMPRESS = True  # tests switch this off to read the text in the PDF stream
JOURNAL_LIMIT = 20
CHECKIN_WEEKS = 12


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    intro: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    bullets: tuple[str, ...] = ()
    entries: tuple[tuple[str, str], ...] = ()  # (heading, text), e.g. journal entries
    empty: str = ""


@dataclass(frozen=True)
class Report:
    name: str
    made_at: datetime
    sections: tuple[ReportSection, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    label: str
    help: str
    default: bool
    available: Callable[[], bool]
    collect: Callable[[User, datetime], ReportSection]


def _importable(*names: str) -> Callable[[], bool]:
    def check() -> bool:
        import importlib

        for name in names:
            module_name, _, attr = name.rpartition(".")
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                return False
            if not hasattr(module, attr):
                return False
        return True

    return check


def _date(value: datetime, user: User) -> str:
    local = timezone.localtime(value, _zone(user))
    return f"{local.day} {local:%B %Y}"


def _zone(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


# --------------------------------------------------------------------------- sections


def _profile(user: User, now: datetime) -> ReportSection:
    from mend.couples.selectors import couple_state

    state = couple_state(user)
    if state.is_linked and state.couple is not None:
        situation = f"In a couple; both of us use mend (linked since {_date(state.couple.created_at, user)})"
    elif state.is_waiting:
        situation = "Invited my partner; they have not joined"
    else:
        situation = "Using mend on my own"
    country = dict(_country_names()).get(user.country, "") or "Not given"
    return ReportSection(
        key="profile",
        title="About me",
        rows=(
            ("Name", user.display_name or "Not given"),
            ("Country", country),
            ("Time zone", user.time_zone),
            ("Using mend since", _date(user.date_joined, user)),
            ("Situation", situation),
        ),
    )


def _country_names() -> list[tuple[str, str]]:
    from mend.accounts.models import COUNTRY_CHOICES

    return [(code, str(name)) for code, name in COUNTRY_CHOICES]


def _checkup(user: User, now: datetime) -> ReportSection:
    from mend.checkup.selectors import attempt_result, latest_completed

    attempt = latest_completed(user)
    result = attempt_result(attempt) if attempt is not None else None
    if attempt is None or result is None or attempt.completed_at is None:
        return ReportSection(key="checkup", title="Check-up results", empty="No completed check-up yet.")
    rows: list[tuple[str, str]] = []
    if result.distress.band is not None:
        rows.append((result.distress.name, result.distress.band.label))
    for bank in result.banks:
        for scale in bank.scales:
            if scale.band is not None:
                rows.append((f"{bank.title}: {scale.name}", scale.band.label))
    return ReportSection(
        key="checkup",
        title="Check-up results",
        intro=f"From my check-up completed on {_date(attempt.completed_at, user)}. "
        "Bands describe my own answers; they are not a diagnosis.",
        rows=tuple(rows),
        empty="" if rows else "The check-up had no scored results.",
    )


def _plan(user: User, now: datetime) -> ReportSection:
    from mend.checkup.selectors import latest_completed, stored_plan

    attempt = latest_completed(user)
    plan = stored_plan(attempt) if attempt is not None else None
    if plan is None:
        return ReportSection(key="plan", title="My repair plan", empty="No repair plan yet.")
    return ReportSection(
        key="plan",
        title="My repair plan",
        intro=plan.headline,
        bullets=tuple(f"{step.rank}. {step.title}: {step.this_week}" for step in plan.steps),
    )


def _checkins(user: User, now: datetime) -> ReportSection:
    from mend.rituals.models import CheckinAnswer

    answers = list(
        CheckinAnswer.objects.owned_by(user)
        .filter(submitted_at__isnull=False)
        .select_related("week")
        .order_by("-week__week_start")[:CHECKIN_WEEKS]
    )
    if not answers:
        return ReportSection(key="checkins", title="Weekly check-ins", empty="No check-ins answered yet.")
    answers.reverse()
    rows = tuple(
        (
            f"Week of {a.week.week_start.day} {a.week.week_start:%b %Y}",
            f"closeness {a.closeness if a.closeness is not None else '-'}/10, "
            f"stress {a.stress if a.stress is not None else '-'}/10",
        )
        for a in answers
    )
    return ReportSection(
        key="checkins",
        title="Weekly check-ins",
        intro=f"My own ratings from the last {len(answers)} check-in(s) I answered, oldest first. "
        + _trend("Closeness", [a.closeness for a in answers])
        + " "
        + _trend("Stress", [a.stress for a in answers]),
        rows=rows,
    )


def _trend(name: str, values: Sequence[int | None]) -> str:
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return f"{name}: not enough ratings for a trend."
    half = len(known) // 2
    early = sum(known[:half]) / half
    late = sum(known[half:]) / (len(known) - half)
    direction = "up" if late - early >= 0.5 else "down" if early - late >= 0.5 else "about the same"
    return f"{name}: average {early:.1f} earlier, {late:.1f} more recently ({direction})."


def _promises(user: User, now: datetime) -> ReportSection:
    from mend.trust.selectors import kept_rate, my_promises

    rate = kept_rate(my_promises(user), now=now)
    if not rate.total:
        return ReportSection(key="promises", title="Promises kept", empty="No promises came due recently.")
    return ReportSection(
        key="promises",
        title="Promises kept",
        intro=f"Of the promises I made that came due in the last {len(rate.weeks)} weeks, "
        f"I kept {rate.kept} of {rate.total} ({rate.percent}%).",
        rows=tuple(
            (f"Week of {w.start.day} {w.start:%b %Y}", f"{w.kept} of {w.total} kept")
            for w in rate.weeks
            if w.total
        ),
    )


def _safety(user: User, now: datetime) -> ReportSection:
    from mend.safety.selectors import check_result, latest_check

    check = latest_check(user)
    if check is None:
        return ReportSection(key="safety", title="Wellbeing check", empty="Not taken.")
    result = check_result(check)
    return ReportSection(
        key="safety",
        title="Wellbeing check",
        intro=f"Taken on {_date(check.created_at, user)}. {result.headline}",
        bullets=result.reasons,
    )


def _journal(user: User, now: datetime) -> ReportSection:
    from mend.journal.models import JournalEntry

    entries = list(JournalEntry.objects.owned_by(user).order_by("-created_at", "-pk")[:JOURNAL_LIMIT])
    if not entries:
        return ReportSection(key="journal", title="Journal entries", empty="No journal entries.")
    return ReportSection(
        key="journal",
        title="Journal entries",
        intro=f"My {len(entries)} most recent journal entries, newest first.",
        entries=tuple(
            (f"{_date(e.created_at, user)}{' - ' + e.title if e.title else ''}", e.body) for e in entries
        ),
    )


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("profile", "About me", "Name, country, time zone and whether you use mend alone or together.", True, lambda: True, _profile),
    SectionSpec("checkup", "Check-up results", "The bands from your latest completed check-up.", True, _importable("mend.checkup.selectors.latest_completed", "mend.checkup.selectors.attempt_result"), _checkup),
    SectionSpec("plan", "Repair plan", "The steps of your current plan.", True, _importable("mend.checkup.selectors.stored_plan"), _plan),
    SectionSpec("checkins", "Check-in trends", "Your own closeness and stress ratings, week by week.", True, _importable("mend.rituals.models.CheckinAnswer"), _checkins),
    SectionSpec("promises", "Promises kept", "How many of your promises you kept recently.", True, _importable("mend.trust.selectors.kept_rate", "mend.trust.selectors.my_promises"), _promises),
    SectionSpec("safety", "Wellbeing check", "Your private wellbeing check result. Only if you want your therapist to know.", False, lambda: True, _safety),
    SectionSpec("journal", "Journal entries", f"Your {JOURNAL_LIMIT} most recent journal entries, word for word. Only tick this if you are sure.", False, _importable("mend.journal.models.JournalEntry"), _journal),
)  # fmt: skip


def available_sections() -> tuple[SectionSpec, ...]:
    return tuple(spec for spec in SECTIONS if spec.available())


def default_keys() -> list[str]:
    return [spec.key for spec in available_sections() if spec.default]


def build_report(*, user: User, keys: Sequence[str], now: datetime) -> Report:
    """The report with exactly the chosen sections, in a fixed order; unknown keys are ignored."""
    chosen = set(keys)
    sections = tuple(spec.collect(user, now) for spec in available_sections() if spec.key in chosen)
    return Report(name=user.display_name or "", made_at=now, sections=sections)
