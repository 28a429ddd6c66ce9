"""Your data: export everything you own, and delete your account.

Export walks every model with an `owner`, `user` or `author` link to the account, so a new tool's
data is included without touching this file. Secrets (password hash, token and invite digests) are
never exported. Deleting leaves the couple first (the partner sees only that you left), then removes
the account; everything you own goes with it, shared items included (documented in the README).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string

from mend.core.models import UserSession
from mend.couples.selectors import couple_state

from .models import AuditEvent, User

OWNER_FIELDS = ("owner", "user", "author")
SECRET_FIELDS = {"password", "digest", "token_digest", "code_digest"}
SKIPPED_MODELS = {"axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", "admin.logentry"}


def _owner_field(model: type[models.Model]) -> str | None:
    for name in OWNER_FIELDS:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.ForeignKey) and field.related_model is User:
            return name
    return None


def _row(obj: models.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = field.value_from_object(obj)
        out[field.attname if isinstance(field, models.ForeignKey) else field.name] = value
    return out


def user_export(*, user: User, now: datetime) -> dict[str, Any]:
    data: dict[str, Any] = {
        "exported_at": now,
        "account": {k: v for k, v in _row(user).items() if k not in {"password", "is_superuser", "is_staff"}},
        "items": {},
    }
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED_MODELS or model is User:
            continue
        field = _owner_field(model)
        if field is None:
            continue
        rows = [_row(obj) for obj in model._default_manager.filter(**{field: user}).order_by("pk")]
        if rows:
            data["items"][label] = rows
    return data


def export_json(*, user: User, now: datetime) -> str:
    return json.dumps(user_export(user=user, now=now), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def export_zip(*, user: User, now: datetime) -> bytes:
    """A ZIP with the machine-readable JSON and a readable HTML page of the same data."""
    data = json.loads(export_json(user=user, now=now))
    html = render_to_string("accounts/export.html", {"data": data, "user": user})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mend-export.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("mend-export.html", html)
    AuditEvent.objects.create(user=user, kind=AuditEvent.Kind.EXPORT, at=now)
    return buffer.getvalue()


def sessions_revoke_all(*, user: User, keep_session_key: str | None = None) -> int:
    """Log the user out everywhere (optionally keeping the current session)."""
    sessions = UserSession.objects.filter(user_id=user.pk)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    removed, _ = sessions.delete()
    return removed


@transaction.atomic
def account_delete(*, user: User, now: datetime) -> None:
    from mend.couples.services import couple_leave

    if couple_state(user).couple is not None:
        couple_leave(user=user, now=now)
    sessions_revoke_all(user=user)
    user.delete()
