"""The JSON API under /api/v1/, shared by the web pages and any future mobile client.

Errors are always JSON with a `detail` reason; 404 for anything the caller may not see.
"""

from __future__ import annotations

import logging
import zoneinfo
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Router, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from mend.accounts.models import COUNTRY_CHOICES, User
from mend.core.middleware import database_unavailable
from mend.couples import services as couple_services
from mend.couples.selectors import couple_state

from .auth import AUTH, READ_ONLY_REFUSAL, request_user
from .inputs import refuse_unstorable_input
from .schemas import CoupleOut, ErrorOut, InviteAcceptIn, InviteOut, MeIn, MeOut, PartnerOut

logger = logging.getLogger(__name__)

READ_METHODS = {"get", "head", "options"}


class MendAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        """Documents the refusals every operation shares: 403 for a write with a read-only token,
        422 for input that does not validate (see `inputs.py`) on operations that take any."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                if (operation.get("parameters") or operation.get("requestBody")) and not _has(responses, 422):
                    responses.setdefault(
                        422,
                        {
                            "description": "Refused: a value is invalid or cannot be stored",
                            "content": {"application/json": {"schema": _INVALID_SCHEMA}},
                        },
                    )
                if method not in READ_METHODS and operation.get("security") and not _has(responses, 403):
                    responses.setdefault(
                        403,
                        {
                            "description": "Refused: the token used is read-only",
                            "content": {"application/json": {"schema": _REFUSAL_SCHEMA}},
                        },
                    )
        return schema


def _has(responses: dict[Any, Any], status: int) -> bool:
    return status in responses or str(status) in responses  # ninja uses ints; keep one key per status


_REFUSAL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "examples": [READ_ONLY_REFUSAL]}},
    "required": ["detail"],
}
_INVALID_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "object", "additionalProperties": True}},
            ]
        }
    },
    "required": ["detail"],
}

api = MendAPI(
    title="mend API",
    version="1",
    description=(
        "Private by default: every endpoint answers only for the caller's own data or what a partner "
        "shared.\n\n"
        "Sign in with the browser session or a personal API token (`Authorization: Bearer mend_…`, "
        "made in Settings → Personal API tokens). A token has a scope: **read** tokens may only read "
        "(GET and HEAD); any other request with one is refused with 403 and a reason. **write** "
        "tokens may do everything the signed-in person can."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)
api.add_decorator(refuse_unstorable_input)  # NUL, out-of-range numbers and offsets: 422 for every operation


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Authentication required."}, status=401)


@api.exception_handler(couple_services.CoupleError)
def on_couple_error(request: HttpRequest, exc: couple_services.CoupleError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, HttpError):
        return api.create_response(request, {"detail": exc.message}, status=exc.status_code)
    if isinstance(exc, OperationalError | InterfaceError):
        return database_unavailable(request)
    logger.exception("Unexpected API error", exc_info=exc)
    return api.create_response(
        request, {"detail": "Something went wrong on our side; nothing was saved."}, status=500
    )


def _me(user: User) -> MeOut:
    return MeOut(
        id=user.pk,
        email=user.email,
        display_name=user.display_name,
        time_zone=user.time_zone,
        country=user.country,
    )


def _couple(user: User) -> CoupleOut:
    state = couple_state(user)
    if state.partner is not None and state.couple is not None:
        return CoupleOut(
            status="linked",
            since=state.couple.created_at,
            partner=PartnerOut(display_name=state.partner.display_name),
        )
    if state.couple is not None:
        return CoupleOut(status="waiting", since=state.couple.created_at)
    return CoupleOut(status="solo")


me_router = Router(tags=["me"])
couple_router = Router(tags=["couple"])


@me_router.get("", response={200: MeOut, 401: ErrorOut}, summary="The signed-in user")
def me_get(request: HttpRequest) -> MeOut:
    return _me(request_user(request))


@me_router.patch("", response={200: MeOut, 401: ErrorOut, 422: ErrorOut}, summary="Update profile")
def me_update(request: HttpRequest, payload: MeIn) -> MeOut:
    user = request_user(request)
    if payload.time_zone is not None and payload.time_zone not in zoneinfo.available_timezones():
        raise HttpError(422, "Unknown time zone; use an IANA name such as Europe/London.")
    if payload.country is not None and payload.country not in {code for code, _ in COUNTRY_CHOICES}:
        raise HttpError(422, "Unknown country code; use a two-letter code from the list, or an empty string.")
    for field in ("display_name", "time_zone", "country"):
        value = getattr(payload, field)
        if value is not None:
            setattr(user, field, value.strip() if field == "display_name" else value)
    user.save(update_fields=["display_name", "time_zone", "country"])
    return _me(user)


@couple_router.get(
    "", response={200: CoupleOut, 401: ErrorOut}, summary="Couple state: solo, waiting or linked"
)
def couple_get(request: HttpRequest) -> CoupleOut:
    return _couple(request_user(request))


@couple_router.post(
    "/invite", response={201: InviteOut, 400: ErrorOut, 401: ErrorOut}, summary="Create an invite"
)
def couple_invite(request: HttpRequest) -> Status[InviteOut]:
    invite, token, code = couple_services.invite_create(user=request_user(request), now=timezone.now())
    link = request.build_absolute_uri(reverse("couples:join", args=[token]))
    return Status(201, InviteOut(link=link, code=code, expires_at=invite.expires_at))


@couple_router.post(
    "/accept",
    response={200: CoupleOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="Accept an invite",
)
def couple_accept(request: HttpRequest, payload: InviteAcceptIn) -> CoupleOut:
    if not payload.token and not payload.code:
        raise HttpError(422, "Give either the invite token (from the link) or the short code.")
    user = request_user(request)
    couple_services.invite_accept(
        user=user, token=payload.token or "", code=payload.code or "", now=timezone.now()
    )
    return _couple(user)


@couple_router.post(
    "/leave", response={200: CoupleOut, 400: ErrorOut, 401: ErrorOut}, summary="Leave the couple"
)
def couple_leave(request: HttpRequest) -> CoupleOut:
    user = request_user(request)
    couple_services.couple_leave(user=user, now=timezone.now())
    return _couple(user)


api.add_router("/me", me_router)
api.add_router("/couple", couple_router)
for _app in ("checkup", "coach", "rituals", "trust", "space", "journal", "safety", "help", "reminders"):
    api.add_router(f"/{_app}", f"mend.{_app}.api.router")
