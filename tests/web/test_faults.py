"""Bad input and faults: 4xx for malformed requests, 503 while the database is down, one record per double click."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from mend.accounts.models import ApiToken, User
from mend.couples.models import Couple

pytestmark = pytest.mark.django_db


def test_huge_body_is_a_4xx(alice_client: Client) -> None:
    response = alice_client.post(reverse("accounts:tokens"), {"name": "x" * (3 * 1024 * 1024)})
    assert 400 <= response.status_code < 500


def test_invalid_utf8_is_a_4xx_not_a_crash(alice_client: Client) -> None:
    api = alice_client.patch(
        "/api/v1/me", data=b'{"display_name": "\xff\xfe"}', content_type="application/json"
    )
    assert 400 <= api.status_code < 500
    form = alice_client.post(
        reverse("accounts:tokens"), data=b"name=%FF%FEbad", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code < 500


def test_database_down_gives_a_calm_503(alice_client: Client) -> None:
    with mock.patch("mend.core.views.couple_state", side_effect=OperationalError("connection refused")):
        page = alice_client.get(reverse("core:dashboard"))
    assert page.status_code == 503 and page["Retry-After"]
    assert "briefly unavailable" in page.content.decode()
    with mock.patch("mend.api.api.couple_state", side_effect=OperationalError("connection refused")):
        api = alice_client.get("/api/v1/couple")
    assert api.status_code == 503 and "unavailable" in api.json()["detail"]
    assert alice_client.get("/api/v1/couple").status_code == 200  # recovers without a restart


def test_database_down_before_the_view_gives_a_calm_503(alice: User) -> None:
    """The session is loaded by a middleware, before any view: losing the database there is a 503 too."""
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    down = OperationalError("connection refused")
    with mock.patch("mend.core.sessions.SessionStore.load", side_effect=down):
        page = client.get(reverse("core:dashboard"))
        api = client.get("/api/v1/couple")
    assert page.status_code == 503 and page["Retry-After"]
    assert "briefly unavailable" in page.content.decode()
    assert api.status_code == 503 and "unavailable" in api.json()["detail"]
    assert client.get(reverse("core:dashboard")).status_code == 200  # the same session works again


def test_database_lost_while_saving_the_session_still_answers_the_committed_write(alice: User) -> None:
    """The draft is stored; losing the database just after must not answer 400 "session interrupted"."""
    from mend.coach.models import SavedDraft
    from mend.core.models import UserSession

    client = Client(raise_request_exception=False)
    client.force_login(alice)
    real_save = UserSession.save

    def save(self: UserSession, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("force_update"):  # writing back the changed session, after the view
            raise OperationalError("server closed the connection unexpectedly")
        real_save(self, *args, **kwargs)

    with mock.patch.object(UserSession, "save", save):
        response = client.post(reverse("coach:draft_save"), {"text": "I felt hurt yesterday"})
    assert response.status_code == 302
    assert SavedDraft.objects.filter(owner=alice).count() == 1
    assert client.get(reverse("core:dashboard")).status_code == 200  # still signed in


def test_a_session_deleted_meanwhile_is_still_refused(alice: User) -> None:
    """Only a lost connection is forgiven: a session removed elsewhere (log out) keeps Django's 400."""
    from mend.core.models import UserSession

    client = Client(raise_request_exception=False)
    client.force_login(alice)
    real_save = UserSession.save

    def save(self: UserSession, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("force_update"):
            UserSession.objects.filter(pk=self.pk).delete()
        real_save(self, *args, **kwargs)

    with mock.patch.object(UserSession, "save", save):
        response = client.post(reverse("coach:draft_save"), {"text": "I felt hurt yesterday"})
    assert response.status_code == 400


def test_appreciation_is_stored_sent_or_not_at_all(couple: Couple, alice: User, now: datetime) -> None:
    from mend.trust import services
    from mend.trust.models import Appreciation

    with (
        mock.patch.object(services, "_locked", side_effect=OperationalError("connection lost")),
        pytest.raises(OperationalError),
    ):
        services.appreciation_create(user=alice, text="Thank you for Sunday", send=True, now=now)
    assert not Appreciation.objects.exists()  # no private draft left behind by a failed send


def test_double_click_creates_one_record(client: Client, alice: User) -> None:
    client.force_login(alice)
    first = client.post(reverse("coach:draft_save"), {"text": "I felt hurt yesterday"})
    second = client.post(reverse("coach:draft_save"), {"text": "I felt hurt yesterday"})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    from mend.coach.models import SavedDraft

    assert SavedDraft.objects.count() == 1
    client.post(reverse("coach:draft_save"), {"text": "a different draft"})
    assert SavedDraft.objects.count() == 2


def test_form_errors_can_be_resent_at_once(alice_client: Client, alice: User) -> None:
    assert alice_client.post(reverse("accounts:tokens"), {"name": ""}).status_code == 400
    assert alice_client.post(reverse("accounts:tokens"), {"name": ""}).status_code == 400
    assert not ApiToken.objects.exists()
