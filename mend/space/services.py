"""Writes for space: break agreements and time-outs. Each is atomic, keyword-only and takes `now`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from mend.couples.models import Couple
from mend.couples.privacy import Visibility
from mend.couples.selectors import couple_state
from mend.engine.content import break_reflection_prompts, timeout_messages
from mend.safety.panel import has_concern

from .clock import local_day
from .models import (
    CONTACT_PRESETS,
    OFF_LIMITS,
    TEXT_MAX,
    AgreementStatus,
    BreakAgreement,
    Rhythm,
    TimeOut,
)

if TYPE_CHECKING:
    from mend.accounts.models import User

DEFAULT_MINUTES = 20
MIN_MINUTES, MAX_MINUTES = 10, 120
MAX_LENGTH_DAYS = 180
MAX_START_AHEAD_DAYS = 60
# A forgotten time-out stops being shown (and stops blocking a new one) this long after its return time.
STALE_AFTER = timedelta(hours=12)
# Tapping "I need a break" again this close to an open pause reopens the same pause.
REUSE_WINDOW = timedelta(hours=2)


class SpaceError(Exception):
    """A change that cannot happen; the message is safe to show to the user."""


# ---------------------------------------------------------------------------- break agreements


def _check_text(value: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_MAX:
        raise SpaceError(f"{label} can be up to {TEXT_MAX} characters.")
    return value


def _check_terms(
    *,
    today: date,
    starts_on: date,
    length_days: int,
    rhythm: str,
    contact_presets: Sequence[str],
    off_limits: Sequence[str],
    reflection_prompts: Sequence[str],
) -> None:
    if not 1 <= length_days <= MAX_LENGTH_DAYS:
        raise SpaceError(f"Choose a length between 1 and {MAX_LENGTH_DAYS} days.")
    if starts_on < today - timedelta(days=1):
        raise SpaceError("The start date is in the past. Pick today or a later day.")
    if starts_on > today + timedelta(days=MAX_START_AHEAD_DAYS):
        raise SpaceError(f"Start within the next {MAX_START_AHEAD_DAYS} days.")
    if rhythm not in Rhythm.values:
        raise SpaceError("Choose how often you will check in.")
    if set(contact_presets) - set(CONTACT_PRESETS):
        raise SpaceError("One of the contact rules is not one we know.")
    if set(off_limits) - set(OFF_LIMITS):
        raise SpaceError("One of the off-limits choices is not one we know.")
    if set(reflection_prompts) - set(break_reflection_prompts()):
        raise SpaceError("One of the reflection prompts is not one we offer.")


def _finish_elapsed(queryset: QuerySet[BreakAgreement], today: date, now: datetime) -> None:
    """Agreements whose last day has passed end on their own, quietly."""
    for agreement in queryset.all():
        if agreement.status == AgreementStatus.ACTIVE and today >= agreement.ends_on:
            agreement.status = AgreementStatus.ENDED
            agreement.ended_at = now
            agreement.save(update_fields=["status", "ended_at"])


@transaction.atomic
def agreement_propose(
    *,
    user: User,
    starts_on: date,
    length_days: int,
    rhythm: str = Rhythm.WEEKLY,
    contact_presets: Sequence[str] = (),
    contact_rules: str = "",
    off_limits: Sequence[str] = (),
    off_limits_note: str = "",
    reflection_prompts: Sequence[str] = (),
    own_prompts: str = "",
    replaces_id: int | None = None,
    now: datetime,
) -> BreakAgreement:
    """Propose a break to the partner (replacing a pending proposal), or, alone, start a personal plan.

    `replaces_id` is the pending proposal the user was looking at; if it changed meanwhile, nothing
    is saved, so nobody answers terms they have not seen.
    """
    today = local_day(user, now)
    _check_terms(
        today=today,
        starts_on=starts_on,
        length_days=length_days,
        rhythm=rhythm,
        contact_presets=contact_presets,
        off_limits=off_limits,
        reflection_prompts=reflection_prompts,
    )
    texts = {
        "contact_rules": _check_text(contact_rules, "Contact rules"),
        "off_limits_note": _check_text(off_limits_note, "The note on what is off-limits"),
        "own_prompts": _check_text(own_prompts, "Your own questions"),
    }
    state = couple_state(user)
    personal = not state.is_linked or has_concern(user)
    terms = {
        "starts_on": starts_on,
        "length_days": length_days,
        "rhythm": rhythm,
        "contact_presets": list(dict.fromkeys(contact_presets)),
        "off_limits": list(dict.fromkeys(off_limits)),
        "reflection_prompts": list(dict.fromkeys(reflection_prompts)),
        **texts,
    }
    if personal:
        mine = BreakAgreement.objects.select_for_update().filter(
            owner=user, couple__isnull=True, status=AgreementStatus.ACTIVE
        )
        _finish_elapsed(mine, today, now)
        if mine.filter(status=AgreementStatus.ACTIVE).exists():
            raise SpaceError("You already have a plan for space running. End it first to write a new one.")
        try:
            with transaction.atomic():
                return BreakAgreement.objects.create(
                    owner=user,
                    couple=None,
                    visibility=Visibility.PRIVATE,
                    status=AgreementStatus.ACTIVE,
                    accepted_by=user,
                    accepted_at=now,
                    created_at=now,
                    **terms,
                )
        except IntegrityError as error:
            raise SpaceError("You already have a plan for space running.") from error
    assert state.couple is not None
    Couple.objects.select_for_update().filter(pk=state.couple.pk).first()  # one writer per couple
    open_ones = BreakAgreement.objects.filter(
        couple=state.couple, status__in=(AgreementStatus.PROPOSED, AgreementStatus.ACTIVE)
    )
    _finish_elapsed(open_ones, today, now)
    current = open_ones.first()
    if current is not None and current.status == AgreementStatus.ACTIVE:
        raise SpaceError(
            "You already have an agreed break. Either of you can end it before agreeing a new one."
        )
    if (current.pk if current else None) != replaces_id:
        raise SpaceError(
            "The proposal changed while you were writing. Have a look at the latest one first; "
            "your text is still in the form."
        )
    if current is not None:
        current.status = AgreementStatus.SUPERSEDED
        current.save(update_fields=["status"])
    return BreakAgreement.objects.create(
        owner=user,
        couple=state.couple,
        visibility=Visibility.SHARED,
        status=AgreementStatus.PROPOSED,
        replaces=current,
        created_at=now,
        **terms,
    )


def _open_for_update(user: User, agreement_id: int) -> BreakAgreement:
    state = couple_state(user)
    found = (
        BreakAgreement.objects.select_for_update()
        .filter(pk=agreement_id)
        .filter(Q(owner=user, couple__isnull=True) | Q(couple=state.couple, couple__isnull=False))
        .first()
        if state.couple is not None
        else BreakAgreement.objects.select_for_update().filter(pk=agreement_id, owner=user).first()
    )
    if found is None:
        raise SpaceError("That agreement is not available.")
    return found


@transaction.atomic
def agreement_accept(*, user: User, agreement_id: int, now: datetime) -> BreakAgreement:
    """The partner agrees to the proposed terms; the break is then active for both."""
    agreement = _open_for_update(user, agreement_id)
    if agreement.status != AgreementStatus.PROPOSED:
        raise SpaceError("This proposal is no longer waiting for an answer.")
    if agreement.owner_id == user.pk:
        raise SpaceError("Your partner needs to accept your proposal; you already agreed by proposing it.")
    if not couple_state(user).is_linked:
        raise SpaceError("You are no longer linked with a partner.")
    agreement.status = AgreementStatus.ACTIVE
    agreement.accepted_by = user
    agreement.accepted_at = now
    agreement.save(update_fields=["status", "accepted_by", "accepted_at"])
    return agreement


@transaction.atomic
def agreement_withdraw(*, user: User, agreement_id: int, now: datetime) -> BreakAgreement:
    agreement = _open_for_update(user, agreement_id)
    if agreement.owner_id != user.pk or agreement.status != AgreementStatus.PROPOSED:
        raise SpaceError("Only a proposal you made that is still waiting can be withdrawn.")
    agreement.status = AgreementStatus.WITHDRAWN
    agreement.ended_at = now
    agreement.ended_by = user
    agreement.save(update_fields=["status", "ended_at", "ended_by"])
    return agreement


@transaction.atomic
def agreement_end(*, user: User, agreement_id: int, note: str = "", now: datetime) -> BreakAgreement:
    """Either partner may end an agreed break early; a short note says why (required between partners)."""
    agreement = _open_for_update(user, agreement_id)
    if agreement.status != AgreementStatus.ACTIVE:
        raise SpaceError("Only a break that is running can be ended.")
    note = _check_text(note, "The note")
    if not agreement.is_personal and not note:
        raise SpaceError("Add a few words for your partner about why you are ending the break now.")
    agreement.status = AgreementStatus.ENDED
    agreement.ended_by = user
    agreement.ended_at = now
    agreement.end_note = note
    agreement.save(update_fields=["status", "ended_by", "ended_at", "end_note"])
    return agreement


# ---------------------------------------------------------------------------- time-outs


def message_ids() -> list[str]:
    return [message.id for message in timeout_messages()]


@transaction.atomic
def timeout_start(
    *, user: User, message_id: str = "", minutes: int = DEFAULT_MINUTES, now: datetime
) -> tuple[TimeOut, bool]:
    """Start a pause: the partner is told (unless the safety check shows concern) when you will be back.

    Returns (time-out, created). Tapping again shortly after reopens the same pause.
    """
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise SpaceError(f"Choose between {MIN_MINUTES} and {MAX_MINUTES} minutes.")
    message_id = message_id or message_ids()[0]
    if message_id not in message_ids():
        raise SpaceError("Choose one of the agreed messages.")
    current = TimeOut.objects.select_for_update().filter(owner=user, returned_at__isnull=True).first()
    if current is not None:
        if now < current.return_at + REUSE_WINDOW:
            return current, False
        current.returned_at = now
        current.auto_closed = True
        current.save(update_fields=["returned_at", "auto_closed"])
    state = couple_state(user)
    tell_partner = state.is_linked and not has_concern(user)
    try:
        with transaction.atomic():
            timeout = TimeOut.objects.create(
                owner=user,
                couple=state.couple if tell_partner else None,
                visibility=Visibility.SHARED if tell_partner else Visibility.PRIVATE,
                message_id=message_id,
                minutes=minutes,
                started_at=now,
                return_at=now + timedelta(minutes=minutes),
                created_at=now,
            )
    except IntegrityError:  # a second tap at the same moment: keep the first
        existing = TimeOut.objects.filter(owner=user, returned_at__isnull=True).first()
        if existing is None:
            raise
        return existing, False
    return timeout, True


@transaction.atomic
def timeout_return(*, user: User, now: datetime) -> TimeOut | None:
    """ "I'm back": closes the user's open pause. None if there was none."""
    current = TimeOut.objects.select_for_update().filter(owner=user, returned_at__isnull=True).first()
    if current is None:
        return None
    current.returned_at = now
    current.save(update_fields=["returned_at"])
    return current
