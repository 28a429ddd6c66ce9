"""Writes for reminders: choices, the calendar link, and sending through the ledger.

Sending is insert-first: a `ReminderSent` row is created (its unique key is the lock) before any
email leaves, so two schedulers or workers racing each other send each reminder once. A failed
send is kept with its attempt count and the next time to try (exponential backoff); after
`MAX_ATTEMPTS` it stops and stays visible to the admin. Rows and errors hold no private text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from mend.accounts.models import User

from . import sources
from .models import CalendarFeed, Kind, ReminderPreference, ReminderSent
from .selectors import due_reminders, email_allowed

if TYPE_CHECKING:
    from .timing import Reminder

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_BACKOFF = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=6)
RETRY_GIVE_UP_AFTER = timedelta(hours=24)
STUCK_AFTER = timedelta(minutes=15)
PREFERENCE_FIELDS = (
    "calendar_enabled",
    "checkin",
    "promises",
    "breaks",
    "checkup",
    "daily",
    "daily_time",
    "quiet_start",
    "quiet_end",
)


class ReminderError(Exception):
    """A change that cannot happen; the message is safe to show."""


# --------------------------------------------------------------------------- choices


@transaction.atomic
def preferences_update(
    *,
    user: User,
    now: datetime,
    email: bool | None = None,
    **changes: bool | time | None,
) -> ReminderPreference:
    """Save reminder choices. `email` is the one email switch (`User.email_reminders`)."""
    unknown = set(changes) - set(PREFERENCE_FIELDS)
    if unknown:
        raise ReminderError(f"Unknown reminder settings: {', '.join(sorted(unknown))}.")
    prefs, _ = ReminderPreference.objects.select_for_update().get_or_create(user=user)
    for name, value in changes.items():
        if name == "daily_time" and value is None:
            raise ReminderError("Choose a time of day for the daily idea.")
        if name in {"quiet_start", "quiet_end", "daily_time"}:
            if value is not None and not isinstance(value, time):
                raise ReminderError("Times must look like 21:30.")
        elif not isinstance(value, bool):
            raise ReminderError("Switches must be on or off.")
        setattr(prefs, name, value)
    if (prefs.quiet_start is None) != (prefs.quiet_end is None):
        raise ReminderError("Give both a start and an end for quiet hours, or neither.")
    prefs.updated_at = now
    prefs.save()
    if email is not None and email != user.email_reminders:
        user.email_reminders = email
        user.save(update_fields=["email_reminders"])
    return prefs


# --------------------------------------------------------------------------- calendar link


@transaction.atomic
def calendar_feed_create(*, user: User, now: datetime) -> tuple[CalendarFeed, str]:
    """A new secret calendar link (any earlier link stops working). Returns the secret once."""
    CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    secret = CalendarFeed.new_secret()
    feed = CalendarFeed.objects.create(
        user=user, digest=CalendarFeed.digest_of(secret), hint=secret[:6], created_at=now
    )
    prefs, _ = ReminderPreference.objects.get_or_create(user=user)
    if not prefs.calendar_enabled:
        prefs.calendar_enabled = True
        prefs.updated_at = now
        prefs.save(update_fields=["calendar_enabled", "updated_at"])
    return feed, secret


@transaction.atomic
def calendar_feed_revoke(*, user: User, now: datetime) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)


def calendar_feed_touch(*, user: User, now: datetime) -> None:
    """Note when a calendar app last fetched the feed (best effort, no lock needed)."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(last_used_at=now)


# --------------------------------------------------------------------------- sending


@dataclass
class SendReport:
    sent: int = 0
    already: int = 0
    failed: int = 0
    retried: int = 0
    gave_up: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "already": self.already,
            "failed": self.failed,
            "retried": self.retried,
            "gave_up": self.gave_up,
        }


def backoff(attempts: int) -> timedelta:
    """5 min, 10, 20, 40, 80 … capped at 6 hours."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _footer() -> str:
    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    return f"\n\nChange or turn off reminders: {site}/reminders/"


def _deliver(*, user: User, subject: str, body: str) -> None:
    send_mail(
        subject=f"mend: {subject}",
        message=body + _footer(),
        from_email=None,
        recipient_list=[user.email],
        fail_silently=False,
    )


def _error_label(error: BaseException) -> str:
    """The error's kind only (an SMTP message may echo an address, so no message text)."""
    code = getattr(error, "smtp_code", None)
    label = type(error).__name__ + (f" {code}" if code else "")
    return label[:120]


def _attempt(row: ReminderSent, user: User, now: datetime, report: SendReport) -> None:
    """Try one delivery for a row this process has claimed; record the outcome."""
    try:
        _deliver(user=user, subject=row.subject, body=row.body)
    except Exception as error:
        row.attempts += 1
        row.last_error = _error_label(error)
        if row.attempts >= MAX_ATTEMPTS:
            row.status, row.next_attempt_at = ReminderSent.Status.GAVE_UP, None
            report.gave_up += 1
        else:
            row.status, row.next_attempt_at = ReminderSent.Status.FAILED, now + backoff(row.attempts)
            report.failed += 1
        report.errors.append(row.last_error)
        logger.warning("reminder %s for user %s failed: %s", row.pk, row.user_id, row.last_error)
    else:
        row.attempts += 1
        row.status, row.sent_at, row.next_attempt_at, row.last_error = (
            ReminderSent.Status.SENT,
            now,
            None,
            "",
        )
        report.sent += 1
    row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "sent_at"])


def reminder_send(*, user: User, reminder: Reminder, now: datetime, report: SendReport | None = None) -> bool:
    """Send one reminder unless it was already claimed. True if this call claimed it."""
    report = report if report is not None else SendReport()
    try:
        with transaction.atomic():
            row = ReminderSent.objects.create(
                user=user,
                kind=reminder.kind,
                ref=reminder.ref,
                occurrence=reminder.occurrence,
                due_at=reminder.send_at,
                subject=reminder.subject,
                body=reminder.text,
                status=ReminderSent.Status.SENDING,
                claimed_at=now,
                created_at=now,
            )
    except IntegrityError:
        report.already += 1
        return False
    _attempt(row, user, now, report)
    return True


def _recipients() -> list[User]:
    return list(
        User.objects.filter(is_active=True, email_reminders=True)
        .exclude(email="")
        .select_related("reminder_preference")
        .order_by("pk")
    )


def _prefs_of(user: User) -> ReminderPreference:
    try:
        return user.reminder_preference  # type: ignore[attr-defined,no-any-return]
    except ReminderPreference.DoesNotExist:
        return ReminderPreference(user=user)


def reminders_send_due(*, now: datetime, users: list[User] | None = None) -> SendReport:
    """Send every reminder that is due now, once; then retry earlier failures that are due."""
    report = SendReport()
    for user in users if users is not None else _recipients():
        if not email_allowed(user):
            continue
        try:
            for reminder in due_reminders(user, now, prefs=_prefs_of(user)):
                reminder_send(user=user, reminder=reminder, now=now, report=report)
        except Exception as error:
            logger.exception("reminders for user %s could not be computed", user.pk)
            report.errors.append(_error_label(error))
    reminders_retry_failed(now=now, report=report)
    reminders_mark_stuck(now=now)
    return report


def reminders_retry_failed(*, now: datetime, report: SendReport | None = None) -> SendReport:
    """Retry failed sends whose backoff has passed. A conditional update claims each row, so two
    workers never retry the same row at once."""
    report = report if report is not None else SendReport()
    due = list(
        ReminderSent.objects.filter(status=ReminderSent.Status.FAILED, next_attempt_at__lte=now)
        .select_related("user")
        .order_by("next_attempt_at")[:200]
    )
    for row in due:
        claimed = ReminderSent.objects.filter(
            pk=row.pk, status=ReminderSent.Status.FAILED, next_attempt_at=row.next_attempt_at
        ).update(status=ReminderSent.Status.SENDING, claimed_at=now)
        if not claimed:
            continue
        user = row.user
        stale = now - row.due_at > RETRY_GIVE_UP_AFTER
        withheld = row.kind != Kind.CHECKUP and sources.has_concern(user)
        if stale or withheld or not email_allowed(user):
            ReminderSent.objects.filter(pk=row.pk).update(
                status=ReminderSent.Status.SKIPPED if not stale else ReminderSent.Status.GAVE_UP,
                next_attempt_at=None,
            )
            report.gave_up += 1
            continue
        row.status = ReminderSent.Status.SENDING
        report.retried += 1
        _attempt(row, user, now, report)
    return report


def reminders_mark_stuck(*, now: datetime) -> int:
    """A send claimed long ago that never finished (a worker died mid-send) is not retried, since
    the email may have left; it is marked for the admin to see instead."""
    return ReminderSent.objects.filter(
        Q(status=ReminderSent.Status.SENDING) & Q(claimed_at__lt=now - STUCK_AFTER)
    ).update(status=ReminderSent.Status.GAVE_UP, last_error="Interrupted while sending")
