"""Forms for the help pages, the therapist report and the modes."""

from __future__ import annotations

from typing import Any

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


class ReportForm(forms.Form):
    """Which of my own data goes into the report. Built from the sections that exist."""

    made = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .report import available_sections

        super().__init__(*args, **kwargs)
        specs = available_sections()
        self.fields["sections"] = forms.MultipleChoiceField(
            label="What to include",
            choices=[(spec.key, spec.label) for spec in specs],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose at least one part to include."},
        )
        self.help_texts = {spec.key: spec.help for spec in specs}

    def options(self) -> list[dict[str, Any]]:
        field = self["sections"]
        return [
            {"widget": widget, "help": self.help_texts.get(str(widget.data["value"]), "")}
            for widget in field.subwidgets
        ]
