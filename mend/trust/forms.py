"""Forms for trust: they validate shape and length; the rules live in services.py."""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms

from .models import Moment
from .services import SHORT_MAX, TEXT_MAX


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PromiseForm(forms.Form):
    text = forms.CharField(label="What I promise", max_length=TEXT_MAX, widget=_textarea(2))
    due_date = forms.DateField(label="By when", widget=forms.DateInput(attrs={"type": "date"}))
    due_time = forms.TimeField(
        label="Time (optional)",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Leave empty for the end of that day.",
    )
    to_whom = forms.ChoiceField(
        label="To whom",
        choices=[("partner", "To my partner (they will see it)"), ("myself", "To myself (only I see it)")],
        widget=forms.RadioSelect,
        initial="partner",
    )

    def __init__(self, *args: Any, linked: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not linked:
            del self.fields["to_whom"]

    def to_partner(self) -> bool:
        return self.cleaned_data.get("to_whom") == "partner"

    def due_clock(self) -> time:
        value = self.cleaned_data.get("due_time")
        return value if isinstance(value, time) else time(23, 59)


class PromiseResponseForm(forms.Form):
    note = forms.CharField(
        label="A few words (optional)", max_length=SHORT_MAX, required=False, widget=_textarea(2)
    )


class AgreementForm(forms.Form):
    text = forms.CharField(
        label="What I agree to be open about",
        max_length=TEXT_MAX,
        widget=_textarea(3),
        help_text="For example: who I am messaging late at night, or how money is spent from the shared account.",
    )
    revisit_on = forms.DateField(
        label="Revisit on (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="A date to look at it together again and adjust it.",
    )
    share = forms.BooleanField(label="Share it with my partner", required=False, initial=True)

    def __init__(self, *args: Any, linked: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not linked:
            del self.fields["share"]


class ApologyForm(forms.Form):
    did = forms.CharField(
        label="1. What I did",
        max_length=TEXT_MAX,
        widget=_textarea(3),
        help_text="Describe the action plainly, as a camera would have seen it.",
    )
    impact = forms.CharField(
        label="2. The impact on you",
        max_length=TEXT_MAX,
        widget=_textarea(3),
        help_text="How it may have felt for your partner, in their shoes rather than yours.",
    )
    responsibility = forms.CharField(
        label="3. I take responsibility",
        max_length=TEXT_MAX,
        widget=_textarea(3),
        help_text="Own it without reasons or excuses; those can come later if they are asked for.",
    )
    change = forms.CharField(
        label="4. What I will do differently",
        max_length=TEXT_MAX,
        widget=_textarea(3),
        help_text="One concrete change you can actually keep.",
    )

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("did", "impact", "responsibility", "change")}


class ApologyResponseForm(forms.Form):
    response = forms.CharField(
        label="Your response (optional, only when you are ready)",
        max_length=SHORT_MAX,
        required=False,
        widget=_textarea(3),
    )


class AppreciationForm(forms.Form):
    text = forms.CharField(
        label="What I appreciate",
        max_length=TEXT_MAX,
        widget=_textarea(3),
        help_text="Specific works best: what they did, and what it meant to you.",
    )


class MomentForm(forms.Form):
    kind = forms.ChoiceField(label="This moment was", choices=Moment.Kind.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Note for yourself (optional, private)",
        max_length=SHORT_MAX,
        required=False,
        widget=_textarea(2),
    )


class LongDistanceForm(forms.Form):
    long_distance = forms.BooleanField(label="We live apart (long distance)", required=False)
