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


REFLECTION_PROMPTS: tuple[str, ...] = (
    "What did I do that made things harder, and when did I first notice it?",
    "What did I need that I never asked for clearly?",
    "Which problem kept coming back, and how did each of us handle it?",
    "What would have to be different this time, in me and between us?",
    "If we never get back together, what do I still want to learn from this?",
)


class ReflectionForm(forms.Form):
    prompt = forms.ChoiceField(
        label="Question to reflect on",
        choices=[("", "My own thoughts")] + [(p, p) for p in REFLECTION_PROMPTS],
        required=False,
    )
    text = forms.CharField(
        label="Your reflection (private, only you can read it)",
        max_length=REFLECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NoContactForm(forms.Form):
    no_contact = forms.BooleanField(
        label="No contact: hide every suggestion to get in touch with my former partner",
        required=False,
    )


class NextVisitForm(forms.Form):
    next_visit = forms.DateField(
        label="Next visit",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty to clear it. Only you see this.",
    )
