"""Reads for space, always from one user's point of view. Each is one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q

from mend.couples.privacy import Visibility, active_couple_ids
from mend.engine.content import TimeoutMessage, timeout_messages

from .clock import local_day, local_hhmm
from .models import AgreementStatus, BreakAgreement, TimeOut
from .services import STALE_AFTER

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState


def _mine_or_couple(user: User) -> Q:
    return Q(owner=user, couple__isnull=True) | Q(
        couple__in=active_couple_ids(user), visibility=Visibility.SHARED
    )


def current_agreement(user: User, now: datetime) -> BreakAgreement | None:
    """The couple's pending or running break, or the user's own running plan for space."""
    today = local_day(user, now)
    candidates = list(
        BreakAgreement.objects.filter(_mine_or_couple(user))
        .filter(status__in=(AgreementStatus.PROPOSED, AgreementStatus.ACTIVE))
        .select_related("owner", "accepted_by")
        .order_by("-created_at", "-pk")[:3]
    )
    for agreement in candidates:
        if agreement.status == AgreementStatus.PROPOSED or agreement.is_running(today):
            return agreement
    return None


def past_agreements(user: User, *, limit: int = 20) -> QuerySet[BreakAgreement]:
    """What happened before: agreed breaks (ended or run out) and withdrawn proposals."""
    return (
        BreakAgreement.objects.visible_to(user)
        .exclude(status__in=(AgreementStatus.PROPOSED, AgreementStatus.SUPERSEDED))
        .select_related("owner", "ended_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def message_by_id(message_id: str) -> TimeoutMessage:
    messages = timeout_messages()
    return next((m for m in messages if m.id == message_id), messages[0])


def own_open_timeout(user: User) -> TimeOut | None:
    return TimeOut.objects.filter(owner=user, returned_at__isnull=True).first()


@dataclass(frozen=True)
class PartnerPause:
    """What the partner sees: who, until when in *their* time, and the agreed neutral words."""

    name: str
    until: str
    message: str
    overdue: bool
    started_at: datetime
    return_at: datetime


def partner_pause(*, user: User, state: CoupleState, now: datetime) -> PartnerPause | None:
    """The partner's open pause, if they chose to tell (a forgotten one fades after a while)."""
    if state.couple is None or state.partner is None:
        return None
    timeout = (
        TimeOut.objects.filter(
            couple=state.couple,
            owner=state.partner,
            visibility=Visibility.SHARED,
            returned_at__isnull=True,
            return_at__gt=now - STALE_AFTER,
        )
        .order_by("-started_at")
        .first()
    )
    if timeout is None:
        return None
    until = local_hhmm(user, timeout.return_at)
    return PartnerPause(
        name=state.partner.display_name,
        until=until,
        message=message_by_id(timeout.message_id).render(until),
        overdue=timeout.is_overdue(now),
        started_at=timeout.started_at,
        return_at=timeout.return_at,
    )


def recent_timeouts(user: User, *, limit: int = 10) -> QuerySet[TimeOut]:
    return TimeOut.objects.filter(owner=user).order_by("-started_at", "-pk")[:limit]
