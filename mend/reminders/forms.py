from __future__ import annotations

from typing import Any

from django import forms

from .models import ReminderPreference


class PreferenceForm(forms.ModelForm):  # type: ignore[type-arg]
    email = forms.BooleanField(
        label="Email me reminders",
        required=False,
        help_text="Off means mend sends you no email at all.",
    )

    class Meta:
        model = ReminderPreference
        fields = (
            "checkin",
            "promises",
            "breaks",
            "checkup",
            "daily",
            "daily_time",
            "quiet_start",
            "quiet_end",
            "calendar_enabled",
        )
        labels = {
            "checkin": "Before the weekly check-in",
            "promises": "A day before something I planned is due",
            "breaks": "When an agreed pause is about to end",
            "checkup": "When it is time to re-take the check-up",
            "daily": "A small idea each day",
            "daily_time": "Time for the daily idea",
            "quiet_start": "Quiet hours start",
            "quiet_end": "Quiet hours end",
            "calendar_enabled": "Keep my calendar link working",
        }
        help_texts = {
            "quiet_start": "Nothing is sent during quiet hours; it waits until they end. Leave both empty for none.",
            "daily_time": "In your own time zone.",
        }
        widgets = {
            "daily_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, email: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = email
        self.order_fields(["email"])
        self.fields["daily_time"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("quiet_start") is None) != (data.get("quiet_end") is None) and not self.errors:
            raise forms.ValidationError("Give both a start and an end for quiet hours, or leave both empty.")
        return data
