"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Nothing is downloaded: the browser is /usr/bin/chromium (``make e2e-deps`` installs it with apt),
axe-core is vendored in tests/e2e/vendor, and every request leaving 127.0.0.1 is answered locally.
Screenshots go to out/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

from .browser import CHROMIUM_ARGS, Contexts

CHROMIUM = os.environ.get("MEND_CHROMIUM", "/usr/bin/chromium")
E2E_DIR = Path(__file__).resolve().parent
SKIP_REASON = (
    ""
    if os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)
    else f"browser journeys skipped: {CHROMIUM} not found (`make e2e-deps` installs Debian's chromium)"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SKIP_REASON:
        return
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SKIP_REASON:
        terminalreporter.write_line(SKIP_REASON, yellow=True, bold=True)


@pytest.fixture(scope="session")
def live_server(django_db_setup: None, django_db_blocker: Any) -> Iterator[LiveServer]:
    """pytest-django's live server, started only after the test database exists.

    Requested directly, the stock fixture can start before the in-memory test database is set up,
    so the server thread would not share the test's connection. Binding to 127.0.0.1 (not
    "localhost") keeps the browser off IPv6 look-ups.
    """
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    # Playwright's sync API keeps an event loop in this thread; Django's ORM calls made from the
    # test body (fixtures, assertions) are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def contexts(browser: Browser, live_server: LiveServer) -> Iterator[Contexts]:
    opened = Contexts(browser, live_server.url)
    yield opened
    opened.close()
