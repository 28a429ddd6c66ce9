from __future__ import annotations

from django import forms

from .models import BODY_MAX, TITLE_MAX


class EntryForm(forms.Form):
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label="Your entry",
        max_length=BODY_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "autocomplete": "off"}),
        help_text="Only you can read this. It is stored encrypted and is never shared.",
        error_messages={"required": "Write something in the entry before saving it."},
    )
    prompt = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write something in the entry before saving it.")
        return body
