"""Coach drafts: nothing typed into the coach is stored unless its author saves it."""

from __future__ import annotations

from typing import ClassVar

from mend.core.fields import EncryptedTextField
from mend.couples.privacy import OwnedModel


class SavedDraft(OwnedModel):
    """A message draft the user chose to keep. Always private; encrypted at rest."""

    text = EncryptedTextField()

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"Draft {self.pk}"
