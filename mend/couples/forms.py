from django import forms


class InviteCodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Invite code",
        help_text="The eight-character code your partner gave you, like ABCD-EF23.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class LeaveForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that sharing stops for both of us. My private notes stay mine.",
        required=True,
    )
