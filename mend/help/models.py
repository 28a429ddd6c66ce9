"""Personal situations: after a breakup (private reflections, no-contact) and long distance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mend.core.fields import EncryptedTextField
from mend.couples.privacy import OwnedModel, Visibility


class SituationSettings(models.Model):
    """One row per person: choices that shape what the situation pages suggest. Never shared."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    no_contact = models.BooleanField(
        default=False, help_text="Hide every suggestion to contact the former partner."
    )
    next_visit = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Situation settings #{self.pk}"


class BreakupReflection(OwnedModel):
    """A private reflection on what went wrong. Always private, never attached to a couple."""

    prompt = models.CharField(max_length=300, blank=True, default="")
    text = EncryptedTextField()

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(visibility=Visibility.PRIVATE) & Q(couple__isnull=True),
                name="help_reflection_always_private",
            ),
        )

    def __str__(self) -> str:
        return f"Reflection #{self.pk}"
