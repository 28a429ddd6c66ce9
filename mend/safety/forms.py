"""The safety check form: one optional radio group per question, plus an optional private note."""

from __future__ import annotations

from typing import Any

from django import forms

from mend.engine.safety import SAFE_NOW_ID, load_safety_bank

from .services import NOTE_MAX


class SafetyCheckForm(forms.Form):
    """Built from the engine's item bank; every question may be skipped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bank = load_safety_bank()
        self.fields[SAFE_NOW_ID] = forms.ChoiceField(
            label=bank.safe_now_text,
            choices=[(o.value, o.label) for o in bank.safe_now_options],
            widget=forms.RadioSelect,
            required=False,
        )
        for item in bank.items:
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                choices=[(o.value, o.label) for o in bank.scale],
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields["note"] = forms.CharField(
            label="Anything you want to note for yourself (optional, only you can see it)",
            required=False,
            max_length=NOTE_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def answers(self) -> dict[str, str]:
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key != "note" and isinstance(value, str) and value
        }

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "note"]
