"""Forms built from the engine's item banks: one section per form, and the sharing choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms

from mend.engine.checkup import UNKNOWN_MONTH, Bank, Item, bank_ids, load_bank

from .selectors import scale_names, shareable_items, shareable_scale_keys

MONTH_YEARS = 15


def _month_choices(today: dt.date) -> list[tuple[str, str]]:
    choices = [("", "Choose a month"), (UNKNOWN_MONTH, "I don't know")]
    year, month = today.year, today.month
    for _ in range(MONTH_YEARS * 12):
        choices.append((f"{year:04d}-{month:02d}", f"{dt.date(year, month, 1):%B %Y}"))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return choices


def _hint(bank: Bank, item: Item) -> str:
    if item.show_if is None:
        return ""
    parent = bank.item(item.show_if.item)
    label = next((o.label for o in parent.options if str(o.value) == item.show_if.equals), "")
    return f"Only if you answered “{label}” above." if label else ""


class SectionForm(forms.Form):
    """One item bank. Every question may be skipped; answers are checked again by the engine."""

    def __init__(
        self, *args: Any, bank_id: str, today: dt.date, saved: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> None:
        saved = dict(saved or {})
        super().__init__(*args, **kwargs)
        self.bank = load_bank(bank_id)
        scale = [(str(o.value), o.label) for o in self.bank.scale]
        for item in self.bank.items:
            field: forms.Field
            hint = _hint(self.bank, item)
            if item.kind == "scale":
                field = forms.ChoiceField(choices=scale, widget=forms.RadioSelect)
            elif item.kind == "choice":
                field = forms.ChoiceField(
                    choices=[(str(o.value), o.label) for o in item.options], widget=forms.RadioSelect
                )
            elif item.kind == "multi":
                field = forms.MultipleChoiceField(
                    choices=[(str(o.value), o.label) for o in item.options],
                    widget=forms.CheckboxSelectMultiple,
                )
            elif item.kind == "month":
                field = forms.ChoiceField(choices=_month_choices(today))
            elif item.kind == "number":
                field = forms.FloatField(min_value=item.minimum, max_value=item.maximum)
            elif item.kind == "date":
                field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
            else:
                field = forms.CharField(
                    max_length=min(item.max_length or 5000, 5000),
                    widget=forms.Textarea(attrs={"rows": 4}),
                    strip=False,
                )
            field.required = False
            field.label = item.text
            field.help_text = hint
            self.fields[item.id] = field
            if item.id in saved and not self.is_bound:
                value = saved[item.id]
                if item.kind == "scale":
                    value = str(value)
                self.initial[item.id] = value

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields]

    def answers(self) -> dict[str, object]:
        """Cleaned values in the engine's answer format (unanswered questions left out)."""
        out: dict[str, object] = {}
        for item in self.bank.items:
            value: Any = self.cleaned_data.get(item.id)
            if value in (None, "", []):
                continue
            if item.kind == "scale":
                out[item.id] = int(value)
            elif item.kind == "multi":
                out[item.id] = list(value)
            elif item.kind == "number":
                out[item.id] = int(value) if float(value).is_integer() else float(value)
            elif item.kind == "date":
                out[item.id] = value.isoformat()
            elif item.kind == "text":
                if value.strip():
                    out[item.id] = value
            else:
                out[item.id] = value
        return out

    def free_text(self) -> str:
        return " ".join(
            str(self.cleaned_data.get(i.id) or "") for i in self.bank.items if i.kind == "text"
        ).strip()


class ShareForm(forms.Form):
    """Which results to show the partner: scale bands (ticked by default) and single answers."""

    scales = forms.MultipleChoiceField(
        label="Results to share (the band only, such as “noticeable strain”)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    items = forms.MultipleChoiceField(
        label="Single answers to share (optional, one by one)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = scale_names()
        scale_field = self.fields["scales"]
        assert isinstance(scale_field, forms.MultipleChoiceField)
        scale_field.choices = [(key, names.get(key, key)) for key in shareable_scale_keys()]
        item_field = self.fields["items"]
        assert isinstance(item_field, forms.MultipleChoiceField)
        item_field.choices = [
            (load_bank(b).title, [(i.id, i.text) for i in shareable_items(b)])
            for b in bank_ids()
            if shareable_items(b)
        ]
