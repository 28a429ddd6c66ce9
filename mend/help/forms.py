"""Forms for the help pages, the therapist report and the modes."""

from __future__ import annotations

from django import forms

from mend.accounts.models import COUNTRY_CHOICES

REFLECTION_MAX = 5000


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label="Where are you?",
        choices=[(code, name) for code, name in COUNTRY_CHOICES],
        required=False,
        help_text="Only used to pick the help lines on this page; nothing is saved.",
    )
