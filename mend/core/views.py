from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mend.accounts.models import DEFAULT_QUICK_EXIT_URL
from mend.couples.selectors import couple_state

from .dashboard import dashboard_cards
from .http import AuthedRequest


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    cards = dashboard_cards(user=request.user, state=state, now=timezone.now())
    return render(request, "core/dashboard.html", {"state": state, "cards": cards})


SERVICE_WORKER_SOURCE = Path(__file__).resolve().parent / "static" / "mend" / "sw.js"
PRECACHED_STATIC = (
    "mend/mend.css",
    "mend/mend.js",
    "mend/sw-register.js",
    "mend/vendor/htmx-2.0.11.min.js",
    "mend/mend.webmanifest",
    "mend/icons/icon.svg",
    "mend/icons/icon-192.png",
    "mend/icons/icon-512.png",
)


@lru_cache(maxsize=1)
def _service_worker_script() -> str:
    """sw.js with this release's static file URLs (hashed in production) and a version from them."""
    urls = [static(name) for name in PRECACHED_STATIC] + [reverse("core:offline")]
    source = SERVICE_WORKER_SOURCE.read_text(encoding="utf-8")
    version = hashlib.sha256(("\n".join(urls) + source).encode()).hexdigest()[:12]
    return source.replace("__MEND_VERSION__", version).replace("__MEND_PRECACHE__", json.dumps(urls))


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site root so its scope covers every page."""
    response = HttpResponse(_service_worker_script(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def offline(request: HttpRequest) -> HttpResponse:
    """The page the service worker shows without a connection: the same for everyone, no user data."""
    return render(request, "core/offline.html", {"quick_exit_default": DEFAULT_QUICK_EXIT_URL})


def neutral(request: HttpRequest) -> HttpResponse:
    """A plain page used as the quick-exit fallback: nothing on it hints at mend."""
    return render(request, "core/neutral.html")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": text}, status=status)
    return render(request, "core/error.html", {"status": status, "title": title, "text": text}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "That request did not make sense", "Please go back and try again.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "Not allowed", "You don't have access to this page.")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "Page not found", "This page doesn't exist, or it isn't yours to see.")


def server_error(request: HttpRequest) -> HttpResponse:
    from django.db import InterfaceError, OperationalError

    from .middleware import database_unavailable

    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # The database went away before any view ran (a middleware loading the session):
        # the same calm 503 as DatabaseUnavailableMiddleware gives, rendered without the database.
        return database_unavailable(request)
    return _error(
        request,
        500,
        "Something went wrong on our side",
        "Nothing you saved before is lost. Please try again in a moment.",
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "This form expired",
        "For your safety, forms expire. Go back, reload the page and send it again; what you typed may still be there.",
    )
