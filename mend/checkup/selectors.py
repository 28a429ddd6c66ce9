"""Reads for the check-up, always from the point of view of one user.

A person's own attempts are read with `owned_by(user)`. The partner's check-up is only ever
reached through a `CheckupShare` the partner made visible to this user (`visible_to`), and
only its shared projection (engine `shared_view` plus opted-in answers) leaves this module.
"""

from __future__ import annotations

import importlib
import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from mend.engine.checkup import (
    AnswerError,
    CheckupResult,
    bank_ids,
    compare_results,
    load_bank,
    score_checkup,
    shared_view,
)
from mend.engine.plan import Mode, Plan, build_plan

from .models import CheckupAttempt, CheckupShare

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState
    from mend.engine.safety import SafetyResult

RETAKE_AFTER = timedelta(weeks=4)
SHAREABLE_ITEM_KINDS = ("scale", "choice", "multi")
DISTRESS_KEY = "distress"


# --------------------------------------------------------------------------- own attempts


def open_attempt(user: User) -> CheckupAttempt | None:
    return CheckupAttempt.objects.owned_by(user).filter(completed_at__isnull=True).first()


def latest_completed(user: User) -> CheckupAttempt | None:
    return (
        CheckupAttempt.objects.owned_by(user)
        .filter(completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .first()
    )


def completed_attempts(user: User) -> list[CheckupAttempt]:
    """Every completed attempt, oldest first (one query)."""
    return list(
        CheckupAttempt.objects.owned_by(user)
        .filter(completed_at__isnull=False)
        .order_by("completed_at", "pk")
    )


@dataclass(frozen=True)
class Progress:
    """Where the user stands: one query for the open attempt and the latest completed one."""

    open: CheckupAttempt | None
    latest: CheckupAttempt | None

    def retake_due_at(self) -> datetime | None:
        if self.latest is None or self.latest.completed_at is None:
            return None
        return self.latest.completed_at + RETAKE_AFTER

    def retake_due(self, now: datetime) -> bool:
        due = self.retake_due_at()
        return due is not None and now >= due


def progress(user: User) -> Progress:
    # Only one attempt can be open, and it is always the newest: the two newest rows hold
    # both the open attempt (if any) and the latest completed one.
    rows = list(CheckupAttempt.objects.owned_by(user).order_by("-created_at", "-pk")[:2])
    open_ = next((a for a in rows if a.completed_at is None), None)
    done = [a for a in rows if a.completed_at is not None]
    latest = max(done, key=lambda a: (a.completed_at, a.pk)) if done else None
    return Progress(open=open_, latest=latest)


def attempt_result(attempt: CheckupAttempt) -> CheckupResult | None:
    """Re-score stored answers with the engine (full detail); None if they no longer validate."""
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    try:
        when = attempt.completed_at or attempt.updated_at
        return score_checkup(
            {k: v for k, v in answers.items() if k in bank_ids()}, today=when.date() if when else None
        )
    except (AnswerError, ValueError):
        return None


def bank_progress(attempt: CheckupAttempt | None) -> list[tuple[str, str, bool]]:
    """(bank id, title, saved) for every section, in order."""
    saved = attempt.answers if attempt is not None and isinstance(attempt.answers, dict) else {}
    return [(b, load_bank(b).title, b in saved) for b in bank_ids()]


# --------------------------------------------------------------------------- plan


def latest_safety(user: User) -> SafetyResult | None:
    """The user's latest private safety result, if the safety app offers one."""
    try:
        selectors = importlib.import_module("mend.safety.selectors")
    except ImportError:
        return None
    latest_result = getattr(selectors, "latest_result", None)
    if latest_result is None:
        return None
    try:
        return cast("SafetyResult | None", latest_result(user))
    except AttributeError:
        return None


def plan_mode(state: CoupleState) -> Mode | None:
    """Solo when there is no linked partner; otherwise follow the user's situation answers."""
    return "solo" if state.is_solo else None


def stored_plan(attempt: CheckupAttempt) -> Plan | None:
    if not isinstance(attempt.plan, dict):
        return None
    try:
        return Plan.from_dict(attempt.plan)
    except ValueError:
        return None


def current_plan(
    user: User, attempt: CheckupAttempt, state: CoupleState, result: CheckupResult | None = None
) -> Plan | None:
    """The plan for the latest answers with today's safety result (safety overrides all)."""
    result = result if result is not None else attempt_result(attempt)
    if result is None:
        return stored_plan(attempt)
    return build_plan(result=result, safety=latest_safety(user), mode=plan_mode(state))


# --------------------------------------------------------------------------- sharing


def shareable_scale_keys() -> tuple[str, ...]:
    keys = [f"{b}.{s.id}" for b in bank_ids() for s in load_bank(b).scales]
    return (*keys, DISTRESS_KEY)


def scale_names() -> dict[str, str]:
    names = {f"{b}.{s.id}": s.name for b in bank_ids() for s in load_bank(b).scales}
    names[DISTRESS_KEY] = "Overall strain"
    return names


def own_share(user: User, state: CoupleState) -> CheckupShare | None:
    if state.couple is None:
        return None
    return CheckupShare.objects.owned_by(user).filter(couple=state.couple).first()


def shareable_items(bank_id: str) -> list[Any]:
    if bank_id == "situation":
        return []
    return [i for i in load_bank(bank_id).items if i.kind in SHAREABLE_ITEM_KINDS]


@dataclass(frozen=True)
class ScaleRow:
    key: str
    name: str
    mine: str | None  # band label, when I shared it
    theirs: str | None  # band label, when the partner shared it
    mine_id: str | None
    theirs_id: str | None
    note: str = ""  # the engine's words on agreeing or differing

    @property
    def compared(self) -> bool:
        return self.mine_id is not None and self.theirs_id is not None

    @property
    def agree(self) -> bool:
        return self.compared and self.mine_id == self.theirs_id


@dataclass(frozen=True)
class SharedAnswer:
    item_id: str
    text: str
    answer: str


@dataclass(frozen=True)
class CoupleView:
    """What the couple page shows. `status` is one of no_partner, waiting, open."""

    status: str
    partner_name: str = ""
    rows: tuple[ScaleRow, ...] = ()
    my_answers: tuple[SharedAnswer, ...] = ()
    their_answers: tuple[SharedAnswer, ...] = ()
    plan: Plan | None = None
    plan_private: bool = False
    i_shared: bool = False
    i_completed: bool = False


def _band_of(result: CheckupResult, key: str) -> tuple[str, str] | None:
    if key == DISTRESS_KEY:
        band = result.distress.band
    else:
        bank_id, scale_id = key.split(".")
        scale = result.scale(bank_id, scale_id)
        band = scale.band if scale is not None else None
    return (band.id, band.label) if band is not None else None


def _answer_label(item: Any, bank: Any, value: object) -> str:
    if item.kind == "scale":
        return next((o.label for o in bank.scale if o.value == value), str(value))
    labels = {str(o.value): o.label for o in item.options}
    values = value if isinstance(value, list | tuple) else [value]
    return ", ".join(labels.get(str(v), str(v)) for v in values)


def opted_in_answers(attempt: CheckupAttempt, share: CheckupShare) -> tuple[SharedAnswer, ...]:
    """Only the answers the owner opted into one by one; never free text or situation facts."""
    wanted = set(share.items or [])
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    out: list[SharedAnswer] = []
    for bank_id in bank_ids():
        bank_answers = answers.get(bank_id) or {}
        bank = load_bank(bank_id)
        for item in shareable_items(bank_id):
            if item.id in wanted and item.id in bank_answers:
                out.append(SharedAnswer(item.id, item.text, _answer_label(item, bank, bank_answers[item.id])))
    return tuple(out)


def _partner_share(user: User, state: CoupleState) -> CheckupShare | None:
    if state.partner is None or state.couple is None:
        return None
    return (
        CheckupShare.objects.visible_to(user)
        .filter(owner=state.partner, couple=state.couple)
        .select_related("owner")
        .first()
    )


def couple_view(user: User, state: CoupleState) -> CoupleView:
    """The couple page: opens only when both have finished and the partner shared something."""
    if state.partner is None or state.couple is None:
        return CoupleView(status="no_partner")
    mine = latest_completed(user)
    my_share = own_share(user, state)
    i_shared = my_share is not None and my_share.visibility == "shared"
    partner_share = _partner_share(user, state)
    theirs = latest_completed(state.partner) if partner_share is not None else None
    if mine is None or partner_share is None or theirs is None:
        return CoupleView(
            status="waiting",
            partner_name=state.partner.display_name,
            i_shared=i_shared,
            i_completed=mine is not None,
        )
    my_result = attempt_result(mine)
    their_result = attempt_result(theirs)
    if my_result is None or their_result is None:
        return CoupleView(status="waiting", partner_name=state.partner.display_name, i_completed=True)
    my_keys = set(my_share.scales or []) if (my_share is not None and i_shared) else set()
    their_keys = set(partner_share.scales or [])
    names = scale_names()
    their_view = shared_view(their_result, shared=their_keys)
    comparisons = compare_results(shared_view(my_result, shared=my_keys), their_view)
    notes = {c.key: c.note for c in comparisons}
    order = {c.key: n for n, c in enumerate(comparisons)}
    rows: list[ScaleRow] = []
    for key in shareable_scale_keys():
        m = _band_of(my_result, key) if key in my_keys else None
        t = _band_of(their_result, key) if key in their_keys else None
        if m is None and t is None:
            continue
        rows.append(
            ScaleRow(
                key=key,
                name=names.get(key, key),
                mine=m[1] if m else None,
                theirs=t[1] if t else None,
                mine_id=m[0] if m else None,
                theirs_id=t[0] if t else None,
                note=notes.get(key, ""),
            )
        )
    # differences first, as the engine orders them; one-sided rows keep check-up order
    rows.sort(key=lambda r: order.get(r.key, len(order)))
    plan = build_plan(
        result=my_result,
        safety=latest_safety(user),
        mode="couple",
        partner_result=their_view,
    )
    return CoupleView(
        status="open",
        partner_name=state.partner.display_name,
        rows=tuple(rows),
        my_answers=opted_in_answers(mine, my_share) if (my_share is not None and i_shared) else (),
        their_answers=opted_in_answers(theirs, partner_share),
        plan=plan if plan.shareable else None,
        plan_private=not plan.shareable,
        i_shared=i_shared,
        i_completed=True,
    )


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class ChartPoint:
    when: datetime
    score: int
    band: str


@dataclass(frozen=True)
class Chart:
    """One scale's scores over time; ``mend.checkup.charts`` draws it."""

    key: str
    name: str
    direction: str
    points: tuple[ChartPoint, ...]

    @property
    def slug(self) -> str:
        return self.key.replace(".", "-")


def build_charts(attempts: list[CheckupAttempt]) -> list[Chart]:
    """One chart per scale from the stored summaries (no re-scoring, no item answers)."""
    dated = [(a.completed_at, a.summary) for a in attempts if a.completed_at and isinstance(a.summary, dict)]
    if not dated:
        return []
    series: dict[str, list[ChartPoint]] = {}
    names: dict[str, tuple[str, str]] = {}
    for when, summary in dated:
        entries = dict(summary.get("scales") or {})
        distress = summary.get("distress") or {}
        if distress.get("score") is not None:
            entries[DISTRESS_KEY] = {
                "name": "Overall strain",
                "direction": "concern",
                "normalized": distress["score"],
                "label": distress.get("label") or "",
            }
        for key, entry in entries.items():
            score = entry.get("normalized")
            if score is None:
                continue
            names.setdefault(key, (str(entry.get("name", key)), str(entry.get("direction", "concern"))))
            series.setdefault(key, []).append(ChartPoint(when, int(score), str(entry.get("label") or "")))
    order = {k: n for n, k in enumerate(shareable_scale_keys())}
    return [
        Chart(key=key, name=names[key][0], direction=names[key][1], points=tuple(points))
        for key, points in sorted(series.items(), key=lambda kv: order.get(kv[0], 999))
    ]


@dataclass(frozen=True)
class PlanChange:
    when: datetime
    changes: tuple[str, ...]


def plan_history(attempts: list[CheckupAttempt]) -> list[PlanChange]:
    """What changed in the plan between each pair of consecutive check-ups, newest first."""
    from mend.engine.plan import plan_changes

    plans = [(a.completed_at, stored_plan(a)) for a in attempts if a.completed_at is not None]
    out: list[PlanChange] = []
    for (_, old), (when, new) in itertools.pairwise(plans):
        if old is not None and new is not None and when is not None:
            out.append(PlanChange(when, tuple(plan_changes(old, new))))
    return list(reversed(out))
