"""Request type for views behind login, so `request.user` is a real `User` to the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from mend.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
