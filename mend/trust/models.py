"""Trust: promises, transparency agreements, apologies, appreciation, small acts and moments.

Everything a person writes here is encrypted at rest and private until its author sends or
shares it. Sending an item makes it `shared` with the couple it was written in; nothing a
partner does (opening it, confirming it) is ever reported back to the author except the
explicit answers the partner chooses to give (a confirmation, a dispute, a response).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from mend.core.fields import EncryptedTextField
from mend.couples.privacy import OwnedModel


class Promise(OwnedModel):
    """Something the owner promised, to their partner (shared) or to themselves (private)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        KEPT = "kept", "Kept"
        MISSED = "missed", "Not kept"

    class Response(models.TextChoices):
        NONE = "", "No answer yet"
        CONFIRMED = "confirmed", "Confirmed"
        DISPUTED = "disputed", "Seen differently"

    text = EncryptedTextField()
    to_partner = models.BooleanField(default=False)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(max_length=10, choices=Response.choices, blank=True, default="")
    response_note = EncryptedTextField(blank=True, default="")
    responded_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ("due_at", "pk")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "due_at"]),
            models.Index(fields=["couple", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"Promise #{self.pk}"

    def is_overdue(self, now: datetime) -> bool:
        return self.status == self.Status.OPEN and self.due_at < now


class Agreement(OwnedModel):
    """What the owner agrees to be open about. Edits keep the earlier wording as revisions."""

    text = EncryptedTextField()
    revisit_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-updated_at", "-pk")

    def __str__(self) -> str:
        return f"Agreement #{self.pk}"


class AgreementRevision(models.Model):
    """An earlier wording of an agreement, kept when it is revisited."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="revisions")
    text = EncryptedTextField()
    revisit_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Revision of agreement {self.agreement_id}"


class Apology(OwnedModel):
    """A guided apology: a private draft until sent, then a shared card the partner may answer."""

    did = EncryptedTextField()
    impact = EncryptedTextField()
    responsibility = EncryptedTextField()
    change = EncryptedTextField()
    promise = models.ForeignKey(Promise, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # for the recipient only; never shown to the author
    response = EncryptedTextField(blank=True, default="")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name_plural = "apologies"

    def __str__(self) -> str:
        return f"Apology #{self.pk}"


class Appreciation(OwnedModel):
    """A note of appreciation: a private draft until sent to the partner."""

    text = EncryptedTextField()
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # for the recipient only; never shown to the author

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Appreciation #{self.pk}"


class ActLog(OwnedModel):
    """A suggested act the owner did (or passed on); these ids are never suggested again soon."""

    class Outcome(models.TextChoices):
        DONE = "done", "Did it"
        SKIPPED = "skipped", "Passed"

    act_id = models.CharField(max_length=80)
    day = models.DateField()
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.DONE)

    class Meta:
        ordering = ("-day", "-pk")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["owner", "act_id", "day"], name="trust_one_log_per_act_day"),
        ]

    def __str__(self) -> str:
        return f"{self.act_id} on {self.day}"


class Moment(OwnedModel):
    """A quick tap: a positive or negative moment, with an optional private note."""

    class Kind(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} moment #{self.pk}"


class TrustSettings(models.Model):
    """Per-person choices for this app (not written text, so not an OwnedModel)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    long_distance = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Trust settings of {self.user_id}"
