"""Every page costs the same number of queries whether a person has a little history or a lot.

Each `tests/access/cases_<app>.py` defines `grow(world, n)` that adds `n` more items (weeks, entries,
check-ups…) of history for alice and bob; every page is then fetched again after all apps grew
5 and then 30 items, and must run exactly as many queries.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.access.matrix import OWN, Route, World
from tests.access.test_access_matrix import CASE_MODULES, ROUTES

GROWERS = [module.grow for module in CASE_MODULES if hasattr(module, "grow")]
PAGES = [route for route in ROUTES if route.scope == OWN and not route.is_api]
API_READS = [route for route in ROUTES if route.scope == OWN and route.is_api and route.method == "get"]


@pytest.fixture
def world(alice: Any, bob: Any, charlie: Any, dana: Any, couple: Any) -> World:
    world: World = {"alice": alice, "bob": bob, "charlie": charlie, "dana": dana, "couple": couple}
    for module in CASE_MODULES:
        module.build(world)
    return world


def _count(client: Client, route: Route, world: World) -> tuple[int, int]:
    client.get(route.path(world))  # warm per-process caches (content files, templates)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(route.path(world))
    return response.status_code, len(queries)


def test_every_app_with_private_pages_grows_history() -> None:
    """So that no listed page or endpoint escapes the check: each app adds its own kind of history."""
    missing = [
        module.__name__
        for module in CASE_MODULES
        if any(route.scope == OWN for route in module.ROUTES) and not hasattr(module, "grow")
    ]
    assert not missing, f"add grow(world, n) to {missing}"


@pytest.mark.parametrize("route", PAGES + API_READS, ids=lambda route: route.key)
def test_query_count_does_not_grow_with_history(route: Route, world: World) -> None:
    client = Client()
    client.force_login(world["alice"])
    status, small = _count(client, route, world)
    assert status == 200
    for grow in GROWERS:
        grow(world, 5)
    _, five = _count(client, route, world)
    for grow in GROWERS:
        grow(world, 25)
    _, thirty = _count(client, route, world)
    assert small == five == thirty, f"{route.key}: {small} → {five} → {thirty} queries as history grew"
