from django import forms
from django.conf import settings


class MessageForm(forms.Form):
    text = forms.CharField(
        label="The message you are about to send (or say)",
        max_length=settings.MEND_MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "true"}),
        help_text="Nothing you type here is stored unless you press “Save draft”.",
    )


class ConversationForm(forms.Form):
    conversation = forms.CharField(
        label="The conversation so far, one message per line, oldest first",
        max_length=settings.MEND_MAX_TEXT * 4,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_conversation(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["conversation"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError("Paste at least one message.")
        if len(lines) > 200:
            raise forms.ValidationError("That is more than 200 messages; paste the most recent ones.")
        if any(len(line) > settings.MEND_MAX_TEXT for line in lines):
            raise forms.ValidationError(f"One message is longer than {settings.MEND_MAX_TEXT:,} characters.")
        return lines


class ListenForm(forms.Form):
    heard = forms.CharField(
        label="What your partner said",
        max_length=settings.MEND_MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
