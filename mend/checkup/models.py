"""The private check-up: one attempt per time a person takes it, and what they chose to share.

Answers, the scored summary and the plan are stored encrypted and stay private to the owner.
A partner only ever sees what a `CheckupShare` names (scale bands, and item answers the owner
opted into one by one), and only while that share is active and the couple still exists.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from mend.core.fields import EncryptedJSONField
from mend.couples.privacy import OwnedModel


class CheckupAttempt(OwnedModel):
    """One run through the check-up. Private; `completed_at` is set once all sections are saved."""

    versions = models.JSONField(default=dict, help_text="Bank id to the bank version used.")
    answers = EncryptedJSONField(default=dict, help_text="Bank id to {question id: answer}.")
    current_bank = models.CharField(max_length=40, blank=True, default="")
    updated_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    summary = EncryptedJSONField(null=True, blank=True, help_text="Scores and bands at completion.")
    plan = EncryptedJSONField(null=True, blank=True, help_text="The repair plan at completion.")

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=("owner", "completed_at")),)
        constraints = (
            models.UniqueConstraint(
                fields=("owner",),
                condition=Q(completed_at__isnull=True),
                name="checkup_one_open_attempt_per_owner",
            ),
        )

    def __str__(self) -> str:
        return f"Check-up #{self.pk}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class CheckupShare(OwnedModel):
    """What the owner shows their partner from their latest completed check-up.

    One row per owner and couple. Active while `visibility` is shared; retracting sets it back
    to private. `scales` holds scale keys ("conflict.flooding", "distress"); `items` holds the
    question ids whose answers the owner opted to show, one by one.
    """

    scales = models.JSONField(default=list)
    items = models.JSONField(default=list)
    updated_at = models.DateTimeField()
    retracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("owner", "couple"), name="checkup_one_share_per_couple"),
        )

    def __str__(self) -> str:
        return f"Check-up sharing choice #{self.pk}"
