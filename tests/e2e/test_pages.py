"""Every main page, with the demo couple's weeks of history: screenshots, axe, weight, 200% zoom.

One tour seeds the demo once (seeding is the slow part) and checks every page for all of these,
then prints a table with the figures.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import ConsoleMessage

from mend.accounts.models import User
from mend.core.demo import seed_demo

from .browser import (
    DESKTOP,
    PHONE,
    AxeResult,
    Contexts,
    Weigher,
    axe_check,
    horizontal_overflow,
    shot,
    widest_elements,
)

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = ["/", "/accounts/signup/", "/accounts/login/", "/help/now/", "/no-such-page/"]
PRIVATE_PAGES = [
    "/dashboard/",
    "/coach/",
    "/checkup/",
    "/checkup/section/conflict/",
    "/checkup/results/",
    "/checkup/plan/",
    "/checkup/share/",
    "/checkup/couple/",
    "/rituals/",
    "/rituals/goals/",
    "/trust/",
    "/trust/promises/",
    "/trust/appreciations/",
    "/space/",
    "/space/pause/",
    "/journal/",
    "/journal/new/",
    "/safety/",
    "/help/",
    "/reminders/",
    "/couple/",
    "/accounts/profile/",
]
WEIGHT_LIMIT = 150 * 1024
ZOOM_200 = {"width": 640, "height": 400}  # a 1280-wide window at 200% zoom


def existing(paths: list[str]) -> tuple[list[str], list[str]]:
    """Pages whose URL exists today, and those whose app has not landed yet."""
    found, missing = [], []
    for path in paths:
        try:
            resolve(path)
        except Resolver404:
            (found if path == "/no-such-page/" else missing).append(path)
        else:
            found.append(path)
    return found, missing


@dataclass
class Row:
    path: str
    status: int = 0
    axe_light: AxeResult | None = None
    axe_dark_phone: AxeResult | None = None
    weight: int = 0
    weight_parts: dict[str, int] = field(default_factory=dict)
    overflow_phone: int = 0
    overflow_zoom: int = 0
    overflow_detail: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def console_error(row: Row, message: ConsoleMessage) -> None:
    if message.type == "error" and "404" not in message.text:
        row.console.append(message.text)


class Tour:
    """One desktop and one phone tab per visitor, reused page after page.

    The browser cache and the service worker are off in both, so every page's weight is what a
    first visit downloads, without paying for a fresh browser context per page.
    """

    def __init__(self, contexts: Contexts, user: User | None) -> None:
        self.row = Row("")
        self.desk = contexts.page(user=user, viewport=DESKTOP, service_workers="block")
        self.phone = contexts.page(
            user=user, viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block"
        )
        self.weigher = Weigher(self.desk)
        for page in (self.desk, self.phone):
            page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.desk.on("console", lambda message: console_error(self.row, message))

    def visit(self, row: Row, timings: dict[str, float]) -> None:
        self.row = row
        clock = Clock(timings)
        # Desktop, light: weight, console errors (a CSP refusal lands there), screenshot, axe; then the
        # same page at 200% zoom (a 1280 window is 640 CSS px wide).
        desk = self.desk
        desk.set_viewport_size(DESKTOP)
        self.weigher.responses.clear()
        response = desk.goto(row.path)
        assert response is not None
        row.status = response.status
        clock.lap("load")
        row.weight, row.weight_parts = self.weigher.weigh()
        shot(desk, row.path)
        clock.lap("screenshot")
        row.axe_light = axe_check(desk)
        clock.lap("axe")
        desk.set_viewport_size(ZOOM_200)
        row.overflow_zoom = horizontal_overflow(desk)
        if row.overflow_zoom:
            row.overflow_detail += widest_elements(desk)

        # Phone: the light screenshot, no sideways scroll, then axe again in dark colours.
        phone = self.phone
        phone.emulate_media(color_scheme="light")
        phone.goto(row.path)
        clock.lap("load")
        shot(phone, row.path)
        clock.lap("screenshot")
        row.overflow_phone = horizontal_overflow(phone)
        if row.overflow_phone:
            row.overflow_detail += widest_elements(phone)
        phone.emulate_media(color_scheme="dark")
        row.axe_dark_phone = axe_check(phone)
        clock.lap("axe")


class Clock:
    """Adds the seconds spent in each phase, for the figures printed after the tour."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.started = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.timings[phase] = self.timings.get(phase, 0.0) + now - self.started
        self.started = now


def test_every_main_page(contexts: Contexts) -> None:
    timings: dict[str, float] = {}
    clock = Clock(timings)
    users = seed_demo(now=timezone.now())
    clock.lap("seed")
    public, _ = existing(PUBLIC_PAGES)
    private, not_there = existing(PRIVATE_PAGES)
    visitor, alice = Tour(contexts, None), Tour(contexts, users.alice)
    clock.lap("contexts")
    rows: list[Row] = []
    for path in public + private:
        row = Row(path)
        rows.append(row)
        (alice if path in private else visitor).visit(row, timings)

    # The folded phone menu, opened, in both colour schemes.
    phone = alice.phone
    phone.goto("/dashboard/")
    phone.locator("details.nav-menu > summary").click()
    shot(phone, "menu-open")
    menu = Row("/dashboard/ (menu open)", status=200)
    menu.axe_dark_phone = axe_check(phone)
    phone.emulate_media(color_scheme="light")
    menu.axe_light = axe_check(phone)
    rows.append(menu)

    print(
        "\n\npage                         status  axe (desktop light)          axe (phone dark)"
        "             KB    overflow 390/640"
    )
    for row in rows:
        assert row.axe_light is not None and row.axe_dark_phone is not None
        light = ", ".join(row.axe_light.rules) or "none"
        dark = ", ".join(row.axe_dark_phone.rules) or "none"
        print(
            f"{row.path:28} {row.status:6}  {light:28} {dark:28} {row.weight / 1024:6.1f}"
            f"  {row.overflow_phone}/{row.overflow_zoom}"
        )
    if not_there:
        print(f"not checked (no such page yet): {', '.join(not_there)}")
    print("seconds by phase: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
    if contexts.outside_requests:
        print(f"requests answered locally instead of the network: {contexts.outside_requests}")

    problems: list[str] = []
    for row in rows:
        assert row.axe_light is not None and row.axe_dark_phone is not None
        expected = 404 if row.path == "/no-such-page/" else 200
        if row.status != expected:
            problems.append(f"{row.path}: status {row.status}")
        for finding in row.axe_light.blocking:
            problems.append(f"{row.path} axe light: {finding}")
        for finding in row.axe_dark_phone.blocking:
            problems.append(f"{row.path} axe dark phone: {finding}")
        if row.weight > WEIGHT_LIMIT:
            problems.append(f"{row.path}: {row.weight} bytes of HTML+CSS+JS {row.weight_parts}")
        if row.overflow_phone or row.overflow_zoom:
            problems.append(
                f"{row.path}: scrolls sideways by {row.overflow_phone}px / {row.overflow_zoom}px: {row.overflow_detail}"
            )
        for message in row.console:
            problems.append(f"{row.path} console: {message}")
    assert not problems, "\n".join(problems)
