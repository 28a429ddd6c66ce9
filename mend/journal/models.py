"""The private journal: entries only their author can ever read, encrypted at rest."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from mend.core.fields import EncryptedTextField
from mend.couples.privacy import OwnedModel, Visibility

TITLE_MAX = 200
BODY_MAX = 5000


class JournalEntry(OwnedModel):
    """One entry. Always private: there is no way to share it, and no couple is attached."""

    title = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField()
    prompt = EncryptedTextField(blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=("owner", "-created_at"), name="journal_owner_created"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(visibility=Visibility.PRIVATE) & models.Q(couple__isnull=True),
                name="journal_entry_always_private",
            ),
        )
        verbose_name_plural = "journal entries"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.visibility = Visibility.PRIVATE
        self.couple = None
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"Journal entry #{self.pk}"
