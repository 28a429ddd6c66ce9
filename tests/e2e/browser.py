"""Helpers for the browser journeys: local-only contexts, sign-in, screenshots, axe, page weight."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route

from mend.accounts.models import User

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "out" / "screenshots"
AXE_JS = Path(__file__).with_name("vendor") / "axe.min.js"
OUTSIDE_PAGE = "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"
BLOCKING = ("serious", "critical")


class Contexts:
    """Opens browser contexts that only ever talk to the live server."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.opened: list[BrowserContext] = []
        self.outside_requests: list[str] = []

    def new(self, *, viewport: dict[str, int] | None = None, **options: Any) -> BrowserContext:
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport or PHONE,  # type: ignore[arg-type]
            locale="en-GB",
            **options,
        )
        context.set_default_timeout(15_000)
        context.route("**/*", self._local_only)
        self.opened.append(context)
        return context

    def _local_only(self, route: Route) -> None:
        url = route.request.url
        if url.startswith((self.base_url, "data:", "blob:")):
            route.continue_()
            return
        # Only the quick-exit target lives outside: answer it here, never over the network.
        self.outside_requests.append(url)
        route.fulfill(status=200, content_type="text/html", body=OUTSIDE_PAGE)

    def page(
        self, *, user: User | None = None, viewport: dict[str, int] | None = None, **options: Any
    ) -> Page:
        context = self.new(viewport=viewport, **options)
        if user is not None:
            log_in(context, user, self.base_url)
        return context.new_page()

    def close(self) -> None:
        for context in self.opened:
            context.close()


def log_in(context: BrowserContext, user: User, base_url: str) -> None:
    """Give the browser a real session for ``user`` (signing in by form has its own journey)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])


def main_nav(page: Page) -> Locator:
    """The main navigation as a person reaches it: on a phone, open the Menu button first."""
    menu = page.locator("details.nav-menu")
    if menu.is_visible() and menu.get_attribute("open") is None:
        menu.locator("summary").click()
    return page.get_by_role("navigation", name="Main")


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot for review under out/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    target = SCREENSHOTS / f"{slug(name)}-{width}.png"
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    return target


@dataclass(frozen=True)
class AxeResult:
    url: str
    counts: dict[str, int]  # impact -> number of violated rules
    blocking: list[str]  # "rule-id (impact): first targets" for serious and critical
    rules: list[str]  # every violated rule as "rule-id (impact)"

    def summary(self) -> str:
        figures = ", ".join(f"{impact} {n}" for impact, n in sorted(self.counts.items())) or "none"
        return f"{self.url}: {figures}"


def axe_check(page: Page) -> AxeResult:
    """Run axe-core on the page as it is now.

    The page's strict CSP refuses injected script tags, so the vendored source is evaluated through
    the DevTools protocol instead (which CSP does not govern); the page itself stays under its CSP.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    results: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    counts: dict[str, int] = {}
    blocking: list[str] = []
    rules: list[str] = []
    for violation in results["violations"]:
        impact = violation.get("impact") or "unknown"
        counts[impact] = counts.get(impact, 0) + 1
        rules.append(f"{violation['id']} ({impact})")
        if impact in BLOCKING:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            blocking.append(f"{violation['id']} ({impact}): {'; '.join(targets)}")
    return AxeResult(url=page.url, counts=counts, blocking=blocking, rules=rules)


_AXE_SOURCE: list[str] = []


def axe_source() -> str:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE_JS.read_text(encoding="utf-8"))
    return _AXE_SOURCE[0]


RESOURCE_KINDS = {"document", "stylesheet", "script"}


class Weigher:
    """Records what a page downloads; ``weigh()`` gives bytes of HTML+CSS+JS (bodies, uncompressed).

    Attach it to a page in a fresh context so nothing comes from the browser's cache.
    """

    def __init__(self, page: Page) -> None:
        self.responses: list[Any] = []
        page.on("response", lambda response: self.responses.append(response))

    def weigh(self) -> tuple[int, dict[str, int]]:
        return weigh(self.responses)


def weigh(responses: list[Any]) -> tuple[int, dict[str, int]]:
    by_kind: dict[str, int] = {}
    for response in responses:
        kind = response.request.resource_type
        if kind not in RESOURCE_KINDS or response.status in (301, 302, 303, 304):
            continue
        by_kind[kind] = by_kind.get(kind, 0) + len(response.body())
    return sum(by_kind.values()), by_kind


def focus_ring(page: Page) -> dict[str, str]:
    """The focused element's outline and box-shadow, as computed."""
    result: dict[str, str] = page.evaluate(
        """() => {
            const el = document.activeElement;
            const s = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), text: (el.textContent || el.name || '').trim().slice(0, 40),
                    outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow};
        }"""
    )
    return result


def has_visible_focus(ring: dict[str, str]) -> bool:
    outline = ring["outlineStyle"] != "none" and float(ring["outlineWidth"].rstrip("px") or 0) >= 2
    return outline or ring["boxShadow"] not in ("", "none")


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 means no horizontal scroll)."""
    overflow: int = page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"
    )
    return overflow


def widest_elements(page: Page) -> list[str]:
    """The elements sticking out past the window's right edge (to explain an overflow)."""
    found: list[str] = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth, out = [];
            for (const el of document.querySelectorAll('body *')) {
                const right = el.getBoundingClientRect().right;
                if (right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(right)}px)`);
            }
            return out.slice(0, 5);
        }"""
    )
    return found
