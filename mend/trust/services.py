"""Writes for trust. Each function validates, then writes inside one transaction, and takes `now`.

Sharing rules: a promise to the partner, a sent apology, a sent appreciation and a shared
agreement are `shared` with the couple they were written in; everything else stays private.
Solo users can write all of it; sending simply is not offered until a partner is linked.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from django.db import IntegrityError, models, transaction

from mend.couples.privacy import Visibility
from mend.couples.selectors import couple_state

from .models import (
    ActLog,
    Agreement,
    AgreementRevision,
    Apology,
    Appreciation,
    Moment,
    Promise,
    TrustSettings,
)

if TYPE_CHECKING:
    from mend.accounts.models import User

TEXT_MAX = 5000
SHORT_MAX = 1000
M = TypeVar("M", bound=models.Model)
Sent = TypeVar("Sent", Apology, Appreciation)


class TrustError(ValueError):
    """An action that cannot happen; the message is safe to show to the user."""


def _clean(text: str, *, label: str, limit: int = TEXT_MAX, required: bool = True) -> str:
    value = (text or "").strip()
    if required and not value:
        raise TrustError(f"{label} cannot be empty.")
    if len(value) > limit:
        raise TrustError(f"{label} can be at most {limit} characters.")
    return value


def _locked(instance: M) -> M:
    """The same row, re-read under a lock so two racing actions apply one after the other."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


# --------------------------------------------------------------------------- promises


def promise_create(
    *,
    user: User,
    text: str,
    due_at: datetime,
    now: datetime,
    to_partner: bool | None = None,
    source: str = "",
) -> Promise:
    """Record a promise. By default it is to the partner when linked, and to oneself when solo."""
    clean = _clean(text, label="The promise")
    state = couple_state(user)
    if to_partner is None:
        to_partner = state.is_linked
    if to_partner and not state.is_linked:
        raise TrustError(
            "You can make a promise to your partner once they have joined. Make it to yourself for now."
        )
    with transaction.atomic():
        return Promise.objects.create(
            owner=user,
            couple=state.couple if to_partner else None,
            visibility=Visibility.SHARED if to_partner else Visibility.PRIVATE,
            text=clean,
            to_partner=to_partner,
            due_at=due_at,
            source=source[:40],
            created_at=now,
        )


def _promise_close(*, user: User, promise: Promise, status: str, now: datetime) -> Promise:
    with transaction.atomic():
        current = _locked(promise)
        if current.owner_id != user.pk:
            raise TrustError("Only the person who made a promise can mark it.")
        if current.status == status:
            return current
        current.status = status
        current.closed_at = now
        # A new mark asks the partner again: an earlier confirmation was about the earlier mark.
        current.response = Promise.Response.NONE
        current.response_note = ""
        current.responded_at = None
        current.save(update_fields=["status", "closed_at", "response", "response_note", "responded_at"])
    return current


def promise_mark_kept(*, user: User, promise: Promise, now: datetime) -> Promise:
    return _promise_close(user=user, promise=promise, status=Promise.Status.KEPT, now=now)


def promise_mark_missed(*, user: User, promise: Promise, now: datetime) -> Promise:
    return _promise_close(user=user, promise=promise, status=Promise.Status.MISSED, now=now)


def promise_respond(*, user: User, promise: Promise, response: str, note: str = "", now: datetime) -> Promise:
    """The partner confirms a kept promise, or says they see it differently (with an optional note)."""
    if response not in (Promise.Response.CONFIRMED, Promise.Response.DISPUTED):
        raise TrustError("Choose to confirm, or to say you see it differently.")
    clean_note = _clean(note, label="The note", limit=SHORT_MAX, required=False)
    state = couple_state(user)
    with transaction.atomic():
        current = _locked(promise)
        if (
            current.owner_id == user.pk
            or not current.to_partner
            or current.visibility != Visibility.SHARED
            or state.couple is None
            or current.couple_id != state.couple.pk
        ):
            raise TrustError("Only the partner a promise was made to can answer it.")
        if current.status != Promise.Status.KEPT:
            raise TrustError("You can answer once the promise has been marked as kept.")
        current.response = response
        current.response_note = clean_note
        current.responded_at = now
        current.save(update_fields=["response", "response_note", "responded_at"])
    return current


# --------------------------------------------------------------------------- agreements


def agreement_create(
    *, user: User, text: str, share: bool, revisit_on: date | None = None, now: datetime
) -> Agreement:
    clean = _clean(text, label="The agreement")
    state = couple_state(user)
    shared = share and state.is_linked
    with transaction.atomic():
        return Agreement.objects.create(
            owner=user,
            couple=state.couple if shared else None,
            visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
            text=clean,
            revisit_on=revisit_on,
            created_at=now,
            updated_at=now,
        )


def agreement_update(
    *, user: User, agreement: Agreement, text: str, revisit_on: date | None, share: bool, now: datetime
) -> Agreement:
    """Revisit an agreement; the earlier wording is kept as a revision both can still read."""
    clean = _clean(text, label="The agreement")
    state = couple_state(user)
    with transaction.atomic():
        current = _locked(agreement)
        if current.owner_id != user.pk:
            raise TrustError("Only the person who wrote an agreement can revisit it.")
        if current.text != clean or current.revisit_on != revisit_on:
            AgreementRevision.objects.create(
                agreement=current, text=current.text, revisit_on=current.revisit_on, created_at=now
            )
        shared = share and state.is_linked
        current.text = clean
        current.revisit_on = revisit_on
        current.visibility = Visibility.SHARED if shared else Visibility.PRIVATE
        current.couple = state.couple if shared else None
        current.updated_at = now
        current.save(update_fields=["text", "revisit_on", "visibility", "couple", "updated_at"])
    return current


# --------------------------------------------------------------------------- apologies


def apology_save(
    *,
    user: User,
    values: Mapping[str, str],
    now: datetime,
    apology: Apology | None = None,
    promise: Promise | None = None,
) -> Apology:
    """Create or update a private draft from the four parts (did, impact, responsibility, change).

    A sent apology can no longer be changed.
    """
    values = {
        name: _clean(str(values.get(name, "")), label=label)
        for name, label in (
            ("did", "What you did"),
            ("impact", "The impact"),
            ("responsibility", "Taking responsibility"),
            ("change", "What you will do differently"),
        )
    }
    if promise is not None and promise.owner_id != user.pk:
        promise = None
    with transaction.atomic():
        if apology is None:
            return Apology.objects.create(
                owner=user,
                visibility=Visibility.PRIVATE,
                promise=promise,
                created_at=now,
                updated_at=now,
                **values,
            )
        current = _locked(apology)
        if current.owner_id != user.pk:
            raise TrustError("Only the author can change this apology.")
        if current.sent_at is not None:
            raise TrustError("This apology was already sent, so it stays as it was.")
        for name, value in values.items():
            setattr(current, name, value)
        current.updated_at = now
        current.save(update_fields=[*values, "updated_at"])
    return current


def _send_once(item: Sent, *, user: User, now: datetime, no_partner: str, not_author: str) -> Sent:
    """Share a private item with the partner exactly once (a second send changes nothing)."""
    state = couple_state(user)
    if not state.is_linked or state.couple is None:
        raise TrustError(no_partner)
    with transaction.atomic():
        current = _locked(item)
        if current.owner_id != user.pk:
            raise TrustError(not_author)
        if current.sent_at is not None:
            return current
        current.sent_at = now
        current.visibility = Visibility.SHARED
        current.couple = state.couple
        current.save(update_fields=["sent_at", "visibility", "couple"])
    return current


def apology_send(*, user: User, apology: Apology, now: datetime) -> Apology:
    return _send_once(
        apology,
        user=user,
        now=now,
        no_partner="There is no linked partner to send it to. It stays here as a private letter.",
        not_author="Only the author can send this apology.",
    )


def apology_respond(*, user: User, apology: Apology, text: str, now: datetime) -> Apology:
    """The partner answers an apology when ready: a short response, which may be left empty."""
    clean = _clean(text, label="Your response", limit=SHORT_MAX, required=False)
    state = couple_state(user)
    with transaction.atomic():
        current = _locked(apology)
        if (
            current.owner_id == user.pk
            or current.sent_at is None
            or state.couple is None
            or current.couple_id != state.couple.pk
        ):
            raise TrustError("Only the partner an apology was sent to can respond.")
        current.response = clean
        current.responded_at = now
        current.read_at = current.read_at or now
        current.save(update_fields=["response", "responded_at", "read_at"])
    return current


def apology_delete(*, user: User, apology: Apology, now: datetime) -> None:
    with transaction.atomic():
        current = _locked(apology)
        if current.owner_id != user.pk or current.sent_at is not None:
            raise TrustError("Only an unsent draft of your own can be deleted.")
        current.delete()


# --------------------------------------------------------------------------- appreciation


def appreciation_create(*, user: User, text: str, send: bool, now: datetime) -> Appreciation:
    clean = _clean(text, label="The note")
    refused: TrustError | None = None
    with transaction.atomic():  # a note to send is stored sent, or not at all if the database fails
        note = Appreciation.objects.create(
            owner=user, visibility=Visibility.PRIVATE, text=clean, created_at=now
        )
        if send:
            try:
                note = appreciation_send(user=user, appreciation=note, now=now)
            except TrustError as error:  # no partner to send it to: it is kept as a private draft
                refused = error
    if refused is not None:
        raise refused
    return note


def appreciation_send(*, user: User, appreciation: Appreciation, now: datetime) -> Appreciation:
    return _send_once(
        appreciation,
        user=user,
        now=now,
        no_partner="There is no linked partner to send it to yet. It is kept as a private draft.",
        not_author="Only the author can send this note.",
    )


def received_mark_read(*, user: User, now: datetime) -> int:
    """Mark what the partner sent as read (for the recipient's own "new" badges only)."""
    state = couple_state(user)
    if state.couple is None:
        return 0
    with transaction.atomic():
        count = 0
        for model in (Appreciation, Apology):
            count += (
                model.objects.filter(couple=state.couple, visibility=Visibility.SHARED, read_at__isnull=True)
                .exclude(owner=user)
                .exclude(sent_at__isnull=True)
                .update(read_at=now)
            )
    return count


# --------------------------------------------------------------------------- small acts and moments


def act_log(*, user: User, act_id: str, outcome: str, day: date, now: datetime) -> ActLog:
    """Record that the user did (or passed on) the act of the day. Idempotent for the same day."""
    from mend.engine.content import act_by_id

    if outcome not in ActLog.Outcome.values:
        raise TrustError("Unknown outcome.")
    if act_by_id(act_id) is None:
        raise TrustError("That suggestion is no longer in the catalogue.")
    try:
        with transaction.atomic():
            log, created = ActLog.objects.get_or_create(
                owner=user,
                act_id=act_id,
                day=day,
                defaults={"outcome": outcome, "visibility": Visibility.PRIVATE, "created_at": now},
            )
            if not created and log.outcome != outcome:
                log.outcome = outcome
                log.save(update_fields=["outcome"])
    except IntegrityError:  # a parallel tap won; theirs is the same fact
        log = ActLog.objects.get(owner=user, act_id=act_id, day=day)
    return log


def trust_settings_set(*, user: User, long_distance: bool, now: datetime) -> TrustSettings:
    with transaction.atomic():
        settings, _ = TrustSettings.objects.update_or_create(
            user=user, defaults={"long_distance": long_distance}
        )
    return settings


def moment_log(*, user: User, kind: str, note: str = "", now: datetime) -> Moment:
    if kind not in Moment.Kind.values:
        raise TrustError("Choose a positive or a negative moment.")
    clean = _clean(note, label="The note", limit=SHORT_MAX, required=False)
    with transaction.atomic():
        return Moment.objects.create(
            owner=user, visibility=Visibility.PRIVATE, kind=kind, note=clean, created_at=now
        )
