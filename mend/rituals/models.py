"""Weekly check-ins and shared goals.

- `CheckinSchedule`: when a couple (or a solo user) meets: a weekday and a local time in the time
  zone of whoever set it. One per couple, or one per solo user.
- `CheckinWeek`: one check-in per couple (or solo user) per week, keyed by the Monday of that week.
  It carries the shared 30-minute timer and the moment the answers were revealed.
- `CheckinAnswer`: one row per (week, person), enforced by a unique constraint, so two partners
  submitting at the same moment each keep their own answer. Private until both submitted (then
  both become shared at once) or until its author shares it early.
- `Goal` and `GoalStep`: goals with a why, mine or ours, small next steps and progress.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mend.core.fields import EncryptedJSONField, EncryptedTextField
from mend.couples.privacy import OwnedModel

TEXT_MAX = 5000
TITLE_MAX = 200
STEP_MAX = 300
ACTION_MAX = 300
ACTIONS_MAX = 10
STEPS_MAX = 30
TIMER_MINUTES = 30


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class CheckinSchedule(OwnedModel):
    """The agreed check-in slot. `owner` is whoever set it last; the time is in their zone."""

    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    local_time = models.TimeField()
    time_zone = models.CharField(max_length=64)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["couple"], condition=Q(couple__isnull=False), name="rituals_one_schedule_per_couple"
            ),
            models.UniqueConstraint(
                fields=["owner"], condition=Q(couple__isnull=True), name="rituals_one_schedule_per_solo_user"
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in on {self.get_weekday_display()} at {self.local_time:%H:%M}"


class CheckinWeek(OwnedModel):
    """One week's check-in. Shared with the partner for a couple, private for a solo user.

    Holds no private text: the answers live in `CheckinAnswer`. `owner` is whoever opened the week;
    if that account is deleted the week stays (SET_NULL) so the partner's own answers are not lost.
    """

    owner = models.ForeignKey(  # type: ignore[assignment]
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    week_start = models.DateField(help_text="The Monday of the week.")
    timer_started_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-week_start",)
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["couple", "week_start"],
                condition=Q(couple__isnull=False),
                name="rituals_one_week_per_couple",
            ),
            models.UniqueConstraint(
                fields=["owner", "week_start"],
                condition=Q(couple__isnull=True),
                name="rituals_one_week_per_solo_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in for the week of {self.week_start:%d %b %Y}"

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class CheckinAnswer(OwnedModel):
    """One person's answers for one week. Visibility turns `shared` at reveal or on early sharing."""

    week = models.ForeignKey(CheckinWeek, on_delete=models.CASCADE, related_name="+")
    went_well = EncryptedTextField(blank=True, default="")
    felt_hard = EncryptedTextField(blank=True, default="")
    improve = EncryptedTextField(blank=True, default="")
    closeness = models.PositiveSmallIntegerField(null=True, blank=True)
    stress = models.PositiveSmallIntegerField(null=True, blank=True)
    actions = EncryptedJSONField(default=list, help_text="Agreed actions: a list of short texts.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    shared_early_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("week", "owner_id")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["week", "owner"], name="rituals_one_answer_per_person_per_week"),
            models.CheckConstraint(
                condition=Q(closeness__isnull=True) | Q(closeness__gte=1, closeness__lte=10),
                name="rituals_closeness_1_to_10",
            ),
            models.CheckConstraint(
                condition=Q(stress__isnull=True) | Q(stress__gte=1, stress__lte=10),
                name="rituals_stress_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in answer #{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def texts(self) -> list[str]:
        return [self.went_well, self.felt_hard, self.improve, *[str(a) for a in self.actions or []]]


class Goal(OwnedModel):
    """A goal with a why. `ours` marks a goal for both of us (the partner may tick its steps)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Working on it"
        DONE = "done", "Reached"
        PAUSED = "paused", "Paused"

    title = EncryptedTextField()
    why = EncryptedTextField(blank=True, default="")
    ours = models.BooleanField(default=False, help_text="A goal for both of us, not just for me.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    suggestion_id = models.CharField(max_length=40, blank=True, default="")
    source_answer = models.ForeignKey(
        CheckinAnswer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_index = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Goal #{self.pk}"


class GoalStep(models.Model):
    """A small next step towards a goal. Access always goes through the goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = EncryptedTextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who wrote the step (so it is part of their data export).",
    )
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return f"Step #{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
