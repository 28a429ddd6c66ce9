"""Every route, as anonymous, outsider (charlie), partner (bob) and owner (alice)."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import tests.access
from mend.api.api import api
from tests.access.matrix import (
    ACTION,
    OWN,
    PRIVATE_OBJECT,
    PUBLIC,
    SECRET,
    SHARED_OBJECT,
    Route,
    World,
)

CASE_MODULES = [
    importlib.import_module(f"tests.access.{info.name}")
    for info in pkgutil.iter_modules(tests.access.__path__)
    if info.name.startswith("cases_")
]
ROUTES: list[Route] = [route for module in CASE_MODULES for route in module.ROUTES]
EXCLUDED_PREFIXES = ("admin/",)  # Django's admin: staff only, tested by Django itself


def _web_patterns(patterns: list[Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _web_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append(prefix + str(pattern.pattern))
    return found


def all_route_keys() -> set[str]:
    web = {key for key in _web_patterns(get_resolver().url_patterns) if not key.startswith(EXCLUDED_PREFIXES)}
    web = {
        key
        for key in web
        if not (key.startswith("api/v1/") and key not in {"api/v1/openapi.json", "api/v1/docs"})
    }
    schema = api.get_openapi_schema()
    operations = {
        f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods
    }
    return web | operations


def test_every_route_is_in_the_matrix() -> None:
    listed = [route.key for route in ROUTES]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    missing = all_route_keys() - set(listed)
    stale = set(listed) - all_route_keys()
    assert not missing, f"routes with no access-matrix entry: {sorted(missing)}"
    assert not stale, f"matrix lists routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(alice: Any, bob: Any, charlie: Any, dana: Any, couple: Any) -> World:
    world: World = {"alice": alice, "bob": bob, "charlie": charlie, "dana": dana, "couple": couple}
    for module in CASE_MODULES:
        module.build(world)
    return world


def _request(client: Client, route: Route, world: World) -> Any:
    path = route.path(world)
    call = getattr(client, route.method)
    if route.is_api and route.method in {"post", "put", "patch"}:
        return call(path, data="{}", content_type="application/json")
    return call(path)


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.key)
def test_anonymous(route: Route, world: World) -> None:
    response = _request(Client(), route, world)
    assert response.status_code < 500
    assert SECRET not in _body(response)
    if route.scope == PUBLIC:
        return
    if route.is_api:
        assert response.status_code == 401, response.content
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.key)
@pytest.mark.parametrize("who", ["charlie", "bob"])
def test_outsider_and_partner(route: Route, world: World, who: str) -> None:
    if route.scope == ACTION and not route.is_api and route.kwargs(world):
        # an action on alice's object: must 404 for anyone else, and change nothing
        response = _login(world[who]).post(route.path(world))
        assert response.status_code == 404
        return
    if route.scope == ACTION:
        return  # actions without an object act on the caller's own data; behaviour tests cover them
    response = _request(_login(world[who]), route, world)
    assert response.status_code < 500
    assert SECRET not in _body(response), f"{who} saw alice's private text at {route.key}"
    if route.scope == PRIVATE_OBJECT or (route.scope == SHARED_OBJECT and who == "charlie"):
        assert response.status_code == 404
    elif route.scope == SHARED_OBJECT or route.scope == OWN:
        assert response.status_code == 200


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.key)
def test_owner(route: Route, world: World) -> None:
    client = _login(world["alice"])
    if route.scope == ACTION:
        if not route.is_api:
            assert client.get(route.path(world)).status_code == 405, "actions must refuse GET"
        return
    response = _request(client, route, world)
    assert response.status_code in route.owner_status, (route.key, response.status_code)
