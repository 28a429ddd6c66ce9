from __future__ import annotations

from typing import Any

from django import forms

from mend.engine.content import break_reflection_prompts, timeout_messages

from .models import CONTACT_PRESETS, OFF_LIMITS, TEXT_MAX, Rhythm
from .services import DEFAULT_MINUTES, MAX_LENGTH_DAYS, MAX_MINUTES, MIN_MINUTES


def _prompt_choices() -> list[tuple[str, str]]:
    return [(str(index), text) for index, text in enumerate(break_reflection_prompts())]


class AgreementForm(forms.Form):
    starts_on = forms.DateField(
        label="Start date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    length_days = forms.IntegerField(
        label="Length in days",
        min_value=1,
        max_value=MAX_LENGTH_DAYS,
        initial=14,
        help_text="Most agreed breaks last between one and six weeks. You can end it early together.",
    )
    rhythm = forms.ChoiceField(
        label="How often will you check in?",
        choices=Rhythm.choices,
        initial=Rhythm.WEEKLY,
        widget=forms.RadioSelect,
    )
    contact_presets = forms.MultipleChoiceField(
        label="Contact during the break",
        choices=list(CONTACT_PRESETS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_rules = forms.CharField(
        label="Contact rules in your own words (optional)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    off_limits = forms.MultipleChoiceField(
        label="What is off-limits while the break lasts",
        choices=list(OFF_LIMITS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    off_limits_note = forms.CharField(
        label="Anything else that is off-limits (optional)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reflection_prompts = forms.MultipleChoiceField(
        label="Questions each of you will reflect on",
        choices=_prompt_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    own_prompts = forms.CharField(
        label="Your own questions to reflect on (optional)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def prompt_texts(self) -> list[str]:
        prompts = break_reflection_prompts()
        return [prompts[int(index)] for index in self.cleaned_data["reflection_prompts"]]

    @staticmethod
    def initial_from(agreement: Any) -> dict[str, Any]:
        prompts = list(break_reflection_prompts())
        return {
            "starts_on": agreement.starts_on,
            "length_days": agreement.length_days,
            "rhythm": agreement.rhythm,
            "contact_presets": agreement.contact_presets,
            "contact_rules": agreement.contact_rules,
            "off_limits": agreement.off_limits,
            "off_limits_note": agreement.off_limits_note,
            "reflection_prompts": [
                str(prompts.index(t)) for t in agreement.reflection_prompts if t in prompts
            ],
            "own_prompts": agreement.own_prompts,
            "replaces": agreement.pk,
        }


class EndForm(forms.Form):
    note = forms.CharField(
        label="A note about ending the break",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A few kind words about why now. Your partner will read it.",
    )


def _message_choices() -> list[tuple[str, str]]:
    return [(m.id, m.render("[your return time]")) for m in timeout_messages()]


class PauseForm(forms.Form):
    message = forms.ChoiceField(
        label="The message your partner gets",
        choices=_message_choices,
        required=False,
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(
        label="Minutes until you come back",
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        initial=DEFAULT_MINUTES,
        required=False,
        help_text="Twenty minutes is usually enough for a racing heart to settle.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["message"].initial = timeout_messages()[0].id

    def clean_minutes(self) -> int:
        value = self.cleaned_data.get("minutes")
        return DEFAULT_MINUTES if value is None else int(value)
