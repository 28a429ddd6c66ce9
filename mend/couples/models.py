"""Couples: a shared space for two partners, joined through a single-use, expiring invite.

A user is in at most one active couple (a conditional unique constraint enforces it in the
database, so two racing accepts cannot both win). Leaving ends the couple for both: sharing
stops, and nothing private ever crosses.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud


class CoupleQuerySet(models.QuerySet["Couple"]):
    def active(self) -> CoupleQuerySet:
        return self.filter(ended_at__isnull=True)


class Couple(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = CoupleQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Couple {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(left_at__isnull=True, couple__ended_at__isnull=True)


class Membership(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(left_at__isnull=True), name="one_active_couple_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.couple_id}"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class Invite(models.Model):
    """An invitation to join a couple. Only digests of the link token and code are stored."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invites")
    inviter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    code_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invite to couple {self.couple_id}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    @staticmethod
    def new_code() -> str:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        return f"{raw[:4]}-{raw[4:]}"

    @staticmethod
    def normalise_code(code: str) -> str:
        letters = "".join(ch for ch in code.upper() if ch.isalnum())
        return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters

    @staticmethod
    def digest(value: str) -> str:
        return _digest(value)

    def is_open(self, now: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at
