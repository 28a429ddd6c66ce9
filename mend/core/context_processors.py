from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mend.accounts.models import DEFAULT_QUICK_EXIT_URL


def mend(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs: the quick-exit destination (never leaks anything about the user)."""
    user = getattr(request, "user", None)
    url = getattr(user, "quick_exit_url", "") if user is not None and user.is_authenticated else ""
    return {"quick_exit_url": url or DEFAULT_QUICK_EXIT_URL}
