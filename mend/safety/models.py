"""The private safety check: one row per time a person takes it.

Everything about it is private to its owner: the answers, the optional note and even the
band are stored encrypted, the row never points at a couple, and there is no shared view.
"""

from __future__ import annotations

from django.db import models

from mend.core.fields import EncryptedJSONField, EncryptedTextField
from mend.couples.privacy import OwnedModel


class SafetyCheck(OwnedModel):
    """One completed safety check. Always private (the visibility field is never changed)."""

    answers = EncryptedJSONField(help_text="Question id to answer (yes / not_sure / no).")
    band = EncryptedTextField(help_text="none, some or urgent, encrypted like the answers.")
    note = EncryptedTextField(blank=True, default="")
    version = models.PositiveSmallIntegerField(default=1)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=("owner", "-created_at")),)

    def __str__(self) -> str:
        return f"Wellbeing check #{self.pk}"
