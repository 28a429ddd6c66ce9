"""Reminders: each person's choices, their secret calendar-feed link, and a ledger of sends.

- `ReminderPreference`: which reminders a person wants, quiet hours and the daily time, all in
  the person's own time zone (`User.time_zone`). The email channel itself is `User.email_reminders`
  (one switch, shared with the profile page), so turning it off stops every reminder email.
- `CalendarFeed`: a secret link to a personal ICS feed. Only a SHA-256 digest is stored; the link
  is shown once. Revoking (or making a new one) retires the old link at once.
- `ReminderSent`: one row per (person, kind, object, occurrence day). The unique key is the lock:
  a sender inserts the row first and only sends if the insert succeeded, so two schedulers or two
  workers racing each other still send a reminder exactly once. Rows hold generic wording only.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import time
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    CHECKIN = "checkin", "Weekly check-in"
    PROMISE = "promise", "Promise due"
    BREAK_END = "break_end", "Break ends"
    CHECKUP = "checkup", "Four-weekly check-up"
    DAILY = "daily", "Daily small idea"


# Defaults are functions: Django's system check warns about a fixed time default whenever the check
# happens to run within seconds of that time of day (a warning that would come and go with the clock).
def default_daily_time() -> time:
    return time(9, 0)


def default_quiet_start() -> time:
    return time(22, 0)


def default_quiet_end() -> time:
    return time(7, 0)


class ReminderPreference(models.Model):
    """A person's reminder choices. Missing row = the defaults below."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    calendar_enabled = models.BooleanField(default=True, help_text="Serve the calendar feed.")
    checkin = models.BooleanField(default=True)
    promises = models.BooleanField(default=True)
    breaks = models.BooleanField(default=True)
    checkup = models.BooleanField(default=True)
    daily = models.BooleanField(default=True)
    daily_time = models.TimeField(default=default_daily_time)
    quiet_start = models.TimeField(null=True, blank=True, default=default_quiet_start)
    quiet_end = models.TimeField(null=True, blank=True, default=default_quiet_end)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reminder choices of user {self.user_id}"

    def wants(self, kind: str) -> bool:
        return {
            Kind.CHECKIN: self.checkin,
            Kind.PROMISE: self.promises,
            Kind.BREAK_END: self.breaks,
            Kind.CHECKUP: self.checkup,
            Kind.DAILY: self.daily,
        }.get(Kind(kind), False)


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A secret calendar link. At most one active feed per person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="reminders_one_active_feed"
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed {self.hint}… of user {self.user_id}"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)


class ReminderSent(models.Model):
    """The send ledger. The unique key makes a second send of the same reminder impossible."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will retry"
        GAVE_UP = "gave_up", "Failed, gave up"
        SKIPPED = "skipped", "Skipped"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    ref = models.CharField(max_length=40, help_text="Which object, e.g. 'promise:12' or 'couple:3'.")
    occurrence = models.DateField(help_text="The local day the reminder is about.")
    due_at = models.DateTimeField(help_text="When it was meant to go out (after quiet hours).")
    subject = models.CharField(max_length=120)
    body = models.CharField(max_length=400, help_text="Generic wording only; never private text.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=120, blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-due_at", "-pk")
        verbose_name = "reminder send"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "kind", "ref", "occurrence"], name="reminders_send_once"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for user {self.user_id} on {self.occurrence}"
