"""Fuzz every API operation from its OpenAPI document: never a 5xx, responses match the schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application
from mend.accounts.models import User
from mend.accounts.services import api_token_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_test_connection() -> Iterator[None]:
    """Calls go straight to the WSGI app, so do what Django's test client does: keep the test's
    database connection (and its transaction) open across requests instead of closing it.

    Without this, PostgreSQL runs answered 503: at the end of each request Django closed the
    test's connection (it is not in autocommit inside the test transaction), and the next query
    met a closed connection, which the outage handler maps to 503. SQLite's in-memory test
    database ignores close(), so it never showed there."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(alice: User, couple: object) -> str:
    _token, secret = api_token_create(user=alice, name="fuzz", now=timezone.now(), scope="write")
    return secret


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_api_operation(case: schemathesis.Case, token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, response.text[:500]
    # What must hold for every generated request: no server error, and a response whose body
    # and content type match the documented schema. Business rules (an invite already used, a
    # check-in already revealed) may refuse schema-valid input, and auth has the access matrix.
    case.validate_response(
        response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
