"""Space: agreed breaks (a pause with rules both partners accept) and short time-outs when flooded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from mend.core.fields import EncryptedTextField
from mend.couples.privacy import OwnedModel

TEXT_MAX = 5000


class Rhythm(models.TextChoices):
    EVERY_3_DAYS = "every_3_days", "A short check-in every 3 days"
    WEEKLY = "weekly", "A check-in once a week"
    FORTNIGHTLY = "fortnightly", "A check-in every two weeks"
    NONE = "none", "No check-ins until the end"


CONTACT_PRESETS: dict[str, str] = {
    "practical_only": "Messages only about practical things (bills, children, keys, pets)",
    "no_contact": "No contact at all unless there is an emergency",
    "checkins_only": "We talk only at the agreed check-ins",
    "kind_goodnight": "A short goodnight message is fine",
    "no_social": "No posting about each other or the relationship online",
}

OFF_LIMITS: dict[str, str] = {
    "other_relationships": "Dating or starting anything with someone else",
    "big_decisions": "Big decisions that affect us both (moving out for good, money, telling family)",
    "checking_up": "Checking each other's phone, social media or whereabouts",
    "sleeping_together": "Sleeping together during the break",
}


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for an answer"
    ACTIVE = "active", "Agreed"
    ENDED = "ended", "Ended"
    SUPERSEDED = "superseded", "Replaced by a changed proposal"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = (AgreementStatus.PROPOSED, AgreementStatus.ACTIVE)


class BreakAgreement(OwnedModel):
    """A break agreed for a set time. The owner proposed it; the partner accepts or proposes changes.

    A solo user's personal plan has no couple, stays private and is active at once.
    """

    status = models.CharField(
        max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.PROPOSED
    )
    starts_on = models.DateField()
    length_days = models.PositiveSmallIntegerField()
    rhythm = models.CharField(max_length=16, choices=Rhythm.choices, default=Rhythm.WEEKLY)
    contact_presets = models.JSONField(default=list, blank=True)
    contact_rules = EncryptedTextField(blank=True, default="")
    off_limits = models.JSONField(default=list, blank=True)
    off_limits_note = EncryptedTextField(blank=True, default="")
    reflection_prompts = models.JSONField(default=list, blank=True)
    own_prompts = EncryptedTextField(blank=True, default="")
    replaces = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("couple",),
                condition=Q(status__in=("proposed", "active"), couple__isnull=False),
                name="space_one_open_agreement_per_couple",
            ),
            models.UniqueConstraint(
                fields=("owner",),
                condition=Q(status="active", couple__isnull=True),
                name="space_one_open_plan_per_solo_user",
            ),
            models.CheckConstraint(
                condition=Q(length_days__gte=1, length_days__lte=180), name="space_length"
            ),
        )

    def __str__(self) -> str:
        return f"Break agreement #{self.pk} ({self.status})"

    @property
    def is_personal(self) -> bool:
        return self.couple_id is None

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=self.length_days)

    def days_left(self, today: date) -> int:
        return max(0, (self.ends_on - today).days)

    def has_started(self, today: date) -> bool:
        return today >= self.starts_on

    def is_running(self, today: date) -> bool:
        return self.status == AgreementStatus.ACTIVE and today < self.ends_on

    def contact_labels(self) -> list[str]:
        return [CONTACT_PRESETS[key] for key in self.contact_presets if key in CONTACT_PRESETS]

    def off_limits_labels(self) -> list[str]:
        return [OFF_LIMITS[key] for key in self.off_limits if key in OFF_LIMITS]


class TimeOut(OwnedModel):
    """ "I need a break": a short pause with a return time. Shared means the partner was told."""

    message_id = models.CharField(max_length=40)
    minutes = models.PositiveSmallIntegerField(default=20)
    started_at = models.DateTimeField()
    return_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)
    auto_closed = models.BooleanField(default=False)

    class Meta:
        ordering = ("-started_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("owner",),
                condition=Q(returned_at__isnull=True),
                name="space_one_open_timeout_per_user",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=10, minutes__lte=120), name="space_timeout_minutes"
            ),
        )
        indexes = (models.Index(fields=("couple", "returned_at"), name="space_timeout_couple_open"),)

    def __str__(self) -> str:
        return f"Time-out #{self.pk}"

    @property
    def partner_notified(self) -> bool:
        return self.visibility == "shared"

    def is_overdue(self, now: datetime) -> bool:
        return self.returned_at is None and now > self.return_at

    def returned_late(self) -> bool:
        return self.returned_at is not None and self.returned_at > self.return_at
