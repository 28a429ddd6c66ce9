"""Accounts: an email login, a display name, and the place settings (time zone, country).

Time zone and country drive reminders and which crisis lines are shown.
"""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz or tz == "UTC"]
COUNTRY_CHOICES = [
    ("", "Prefer not to say"),
    ("US", "United States"),
    ("GB", "United Kingdom"),
    ("CA", "Canada"),
    ("AU", "Australia"),
    ("IE", "Ireland"),
    ("NZ", "New Zealand"),
    ("IN", "India"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("ES", "Spain"),
    ("ZZ", "Another country"),
]
DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person using mend. Logs in with email; `username` is not used."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=60, help_text="How mend and your partner see you.")
    time_zone = models.CharField(max_length=64, default="UTC", choices=TIME_ZONE_CHOICES)
    country = models.CharField(
        max_length=2,
        blank=True,
        choices=COUNTRY_CHOICES,
        help_text="Used only to show help lines for where you are.",
    )
    quick_exit_url = models.URLField(
        default=DEFAULT_QUICK_EXIT_URL,
        help_text="Where the quick-exit button takes you: pick an everyday site.",
    )
    email_reminders = models.BooleanField(default=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest is stored; the secret is shown once.

    Its scope limits what it may do: a read-only token may only read (GET and HEAD requests).
    """

    PREFIX = "mend_"
    READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    scope = models.CharField(
        max_length=8,
        choices=Scope.choices,
        default=Scope.READ,
        help_text="Read only: GET and HEAD requests. Read and write: every request.",
    )
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="First characters, to recognise the token.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def allows(self, method: str) -> bool:
        """Whether this token may make a request with this HTTP method."""
        return self.scope == self.Scope.WRITE or method.upper() in self.READ_METHODS

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class AuditEvent(models.Model):
    """A sensitive event on the user's account, shown to the user in Settings → Security log.

    Holds no private content: only what happened, when, and from which kind of device.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login_failed", "Failed login attempt"
        LOGOUT = "logout", "Logged out"
        NEW_DEVICE = "new_device", "Logged in from a new device"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        TOKEN_CREATED = "token_created", "API token created"
        TOKEN_REVOKED = "token_revoked", "API token revoked"
        EXPORT = "export", "Data exported"
        COUPLE_LINKED = "couple_linked", "Linked with a partner"
        COUPLE_LEFT = "couple_left", "Left the couple"
        SESSIONS_REVOKED = "sessions_revoked", "Logged out everywhere"
        TWO_FACTOR_ON = "2fa_enabled", "Two-step sign-in turned on"
        TWO_FACTOR_OFF = "2fa_disabled", "Two-step sign-in turned off"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="audit_events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    device = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
