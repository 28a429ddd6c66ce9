"""Forms for the check-in, the schedule and goals. Validation of rules lives in services."""

from __future__ import annotations

from typing import Any

from django import forms

from mend.accounts.models import TIME_ZONE_CHOICES
from mend.couples.privacy import Visibility

from .models import ACTION_MAX, ACTIONS_MAX, STEP_MAX, TEXT_MAX, TITLE_MAX, Goal, Weekday
from .selectors import checkin_questions

RATING_CHOICES = [("", "Choose")] + [(str(n), str(n)) for n in range(1, 11)]


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(label="Day", choices=Weekday.choices, coerce=int)
    local_time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    time_zone = forms.ChoiceField(
        label="Time zone", choices=TIME_ZONE_CHOICES, help_text="The day and time are in this zone."
    )


class CheckinForm(forms.Form):
    went_well = forms.CharField(required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    felt_hard = forms.CharField(required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    improve = forms.CharField(required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    closeness = forms.TypedChoiceField(
        label="How close did you feel this week? (1 = far apart, 10 = very close)",
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    stress = forms.TypedChoiceField(
        label="How stressed did you feel this week? (1 = calm, 10 = very stressed)",
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    actions = forms.CharField(
        label="Agreed actions (one per line)",
        required=False,
        max_length=ACTIONS_MAX * (ACTION_MAX + 1),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Small, concrete things to do next week. Up to {ACTIONS_MAX}, one per line.",
    )
    confirm_sensitive = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, text, hint in checkin_questions():
            self.fields[key].label = text
            self.fields[key].help_text = hint

    def clean_actions(self) -> list[str]:
        raw: str = self.cleaned_data.get("actions") or ""
        lines = [line.strip() for line in raw.splitlines() if line.strip()]
        if len(lines) > ACTIONS_MAX:
            raise forms.ValidationError(f"List at most {ACTIONS_MAX} agreed actions.")
        for line in lines:
            if len(line) > ACTION_MAX:
                raise forms.ValidationError(f"Keep each action under {ACTION_MAX} characters.")
        return lines


VISIBILITY_CHOICES = [(Visibility.PRIVATE, "Only me"), (Visibility.SHARED, "Shared with my partner")]
OWNER_CHOICES = [("me", "Mine"), ("us", "Ours, both of us")]


class GoalForm(forms.Form):
    title = forms.CharField(label="Goal", max_length=TITLE_MAX)
    why = forms.CharField(
        label="Why it matters", required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    owners = forms.ChoiceField(label="Whose goal is it?", choices=OWNER_CHOICES, initial="me")
    visibility = forms.ChoiceField(
        label="Who can see it?", choices=VISIBILITY_CHOICES, initial=Visibility.PRIVATE
    )


class GoalCreateForm(GoalForm):
    steps = forms.CharField(
        label="Small next steps (one per line)",
        required=False,
        max_length=30 * (STEP_MAX + 1),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    suggestion_id = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_steps(self) -> list[str]:
        raw: str = self.cleaned_data.get("steps") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label="Status", choices=Goal.Status.choices)


class StepForm(forms.Form):
    text = forms.CharField(label="New step", max_length=STEP_MAX)
