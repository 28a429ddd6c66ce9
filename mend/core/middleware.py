"""Headers that keep private pages out of shared caches and the browser's back-forward cache."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return response


class DatabaseUnavailableMiddleware:
    """While the database is down, answer a calm 503 (JSON for the API) instead of a 500.

    Django reconnects on the next request, so the app recovers by itself when the database is back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    from django.http import JsonResponse
    from django.template.loader import render_to_string

    text = "mend is briefly unavailable. Nothing you saved before is lost; please try again in a minute."
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": text}, status=503)
    else:
        html = render_to_string(
            "core/error.html",
            {"status": 503, "title": "Back in a moment", "text": text, "quick_exit_url": "/away/"},
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response


class DuplicateSubmitMiddleware:
    """A form sent twice in a row (a double click) is handled once; the second gets the first's answer.

    Keyed on the session, the path and the submitted fields. Only successful redirects are
    remembered, so a form with errors can be corrected and sent again at once.
    """

    WINDOW = 10  # seconds

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        from django.core.cache import cache
        from django.http import HttpResponseRedirect

        if not cache.add(key, "pending", timeout=self.WINDOW):
            import time

            for _ in range(50):
                seen = cache.get(key)
                if seen and seen != "pending":
                    return HttpResponseRedirect(seen)
                if seen is None:
                    break
                time.sleep(0.1)
            else:
                return HttpResponse("This form was already sent.", status=409)
        response = self.get_response(request)
        if 300 <= response.status_code < 400 and response.get("Location"):
            cache.set(key, response["Location"], timeout=self.WINDOW)
        else:
            cache.delete(key)
        return response

    @staticmethod
    def _key(request: HttpRequest) -> str | None:
        import hashlib

        if request.method != "POST" or request.path.startswith("/api/") or request.headers.get("HX-Request"):
            return None
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return None
        fields = sorted((k, v) for k, v in request.POST.lists() if k != "csrfmiddlewaretoken")
        digest = hashlib.sha256(repr((session.session_key, request.path, fields)).encode()).hexdigest()
        return "dup:" + digest


class ApiHeadMiddleware:
    """HEAD on the JSON API answers like GET without the body (django-ninja routes HEAD to 405).

    Clients and monitors use HEAD to check a resource cheaply; a read-only token may make it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD" or not request.path.startswith("/api/"):
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        if not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
