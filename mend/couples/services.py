"""Writes for couples: create, invite, accept, leave. Each is atomic and takes `now`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction

from mend.accounts.models import AuditEvent

from .models import Couple, Invite, Membership
from .selectors import couple_state

if TYPE_CHECKING:
    from mend.accounts.models import User


class CoupleError(Exception):
    """A couple action that cannot happen; the message is safe to show to the user."""


@transaction.atomic
def couple_create(*, user: User, now: datetime) -> Couple:
    """Open a couple space for `user`, who waits there for a partner. Idempotent while waiting."""
    state = couple_state(user)
    if state.couple is not None:
        if state.is_linked:
            raise CoupleError("You are already linked with a partner.")
        return state.couple
    couple = Couple.objects.create(created_by=user, created_at=now)
    try:
        with transaction.atomic():
            Membership.objects.create(couple=couple, user=user, joined_at=now)
    except IntegrityError as error:  # a parallel request linked this user first
        raise CoupleError("You are already in a couple.") from error
    return couple


@transaction.atomic
def invite_create(*, user: User, now: datetime, days: int | None = None) -> tuple[Invite, str, str]:
    """A fresh single-use invite (link token and short code); earlier open invites are revoked."""
    couple = couple_create(user=user, now=now)
    Invite.objects.filter(couple=couple, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token, code = Invite.new_token(), Invite.new_code()
    invite = Invite.objects.create(
        couple=couple,
        inviter=user,
        token_digest=Invite.digest(token),
        code_digest=Invite.digest(code),
        created_at=now,
        expires_at=now + timedelta(days=days if days is not None else settings.MEND_INVITE_DAYS),
    )
    return invite, token, code


def invite_find(*, token: str = "", code: str = "") -> Invite | None:
    if token and len(token) <= 100:
        return (
            Invite.objects.select_related("couple", "inviter")
            .filter(token_digest=Invite.digest(token))
            .first()
        )
    if code and len(code) <= 20:
        normalised = Invite.normalise_code(code)
        return (
            Invite.objects.select_related("couple", "inviter")
            .filter(code_digest=Invite.digest(normalised))
            .first()
        )
    return None


def invite_check(*, invite: Invite | None, user: User, now: datetime) -> Invite:
    """Raise CoupleError with a clear reason when `user` cannot accept `invite` now."""
    if invite is None:
        raise CoupleError(
            "That invite link or code is not valid. Check it, or ask your partner for a new one."
        )
    if invite.accepted_at is not None:
        raise CoupleError("This invite has already been used. Ask your partner for a new one.")
    if invite.revoked_at is not None:
        raise CoupleError("This invite was replaced by a newer one. Ask your partner for the latest link.")
    if now >= invite.expires_at:
        raise CoupleError("This invite has expired. Ask your partner to send a new one.")
    if invite.inviter_id == user.pk:
        raise CoupleError("This is your own invite: send it to your partner so they can join you.")
    if invite.couple.ended_at is not None:
        raise CoupleError("This couple space has been closed. Ask your partner for a new invite.")
    state = couple_state(user)
    if state.is_linked:
        raise CoupleError(
            "You are already linked with a partner. Leave that couple first to accept another invite."
        )
    return invite


@transaction.atomic
def invite_accept(*, user: User, now: datetime, token: str = "", code: str = "") -> Couple:
    """Link `user` with the inviter. Single use: the row is locked so two accepts cannot both win."""
    found = invite_find(token=token, code=code)
    invite = invite_check(
        invite=Invite.objects.select_for_update().select_related("couple").filter(pk=found.pk).first()
        if found
        else None,
        user=user,
        now=now,
    )
    state = couple_state(user)
    if state.is_waiting and state.couple is not None:
        # The accepting user had opened an empty space of their own: close it quietly.
        Membership.objects.filter(couple=state.couple, user=user, left_at__isnull=True).update(left_at=now)
        Couple.objects.filter(pk=state.couple.pk).update(ended_at=now)
    if Membership.objects.active().filter(couple=invite.couple).exclude(user=invite.inviter).exists():
        raise CoupleError("This couple already has two partners.")
    try:
        with transaction.atomic():
            Membership.objects.create(couple=invite.couple, user=user, joined_at=now)
    except IntegrityError as error:
        raise CoupleError("You are already linked with a partner.") from error
    invite.accepted_by = user
    invite.accepted_at = now
    invite.save(update_fields=["accepted_by", "accepted_at"])
    Invite.objects.filter(couple=invite.couple, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    return invite.couple


@transaction.atomic
def couple_leave(*, user: User, now: datetime) -> None:
    """End the couple for both partners. Shared items stop being shared; nothing private moves."""
    state = couple_state(user)
    if state.couple is None:
        raise CoupleError("You are not in a couple.")
    Membership.objects.filter(couple=state.couple, left_at__isnull=True).update(left_at=now)
    AuditEvent.objects.create(user=user, kind=AuditEvent.Kind.COUPLE_LEFT, at=now)
    Invite.objects.filter(couple=state.couple, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    Couple.objects.filter(pk=state.couple.pk).update(ended_at=now)
