"""mend on a phone's home screen: manifest, icons, a service worker that never stores private pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mend.accounts.models import User

from .browser import Contexts

pytestmark = pytest.mark.e2e

CACHED_URLS = """async () => {
    const urls = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
}"""


def wait_for_worker(page: Page) -> str:
    scope: str = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    return scope


def test_manifest_and_icons_make_mend_installable(contexts: Contexts) -> None:
    page = contexts.page()
    page.goto("/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    assert href
    response = page.request.get(href)
    assert response.ok
    manifest = response.json()
    assert manifest["name"] == "mend" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/dashboard/" and manifest["scope"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    base = href.rsplit("/", 1)[0] + "/"
    for icon in manifest["icons"]:
        fetched = page.request.get(base + icon["src"])
        assert fetched.ok, icon
        assert fetched.headers["content-type"].startswith(icon["type"]), icon
    assert page.locator("meta[name=theme-color]").count() >= 1


def test_service_worker_caches_static_files_only_and_shows_an_offline_page(
    contexts: Contexts, alice: User
) -> None:
    page = contexts.page(user=alice)
    page.goto("/dashboard/")
    assert wait_for_worker(page) == contexts.base_url + "/"
    script = page.request.get("/sw.js")
    assert script.headers["service-worker-allowed"] == "/"

    # Visit private pages while the worker is in control; none of them may be stored.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/journal/")
    page.goto("/coach/")
    cached = page.evaluate(CACHED_URLS)
    assert "/offline/" in cached
    assert any(url.endswith(".css") for url in cached)
    assert all(url.startswith("/static/") or url == "/offline/" for url in cached), cached

    # Without a connection, a page asks to try again instead of showing anything stored.
    page.context.set_offline(True)
    page.goto("/journal/")
    expect(page.get_by_role("heading", name="No connection right now")).to_be_visible()
    assert "Alice" not in page.content()
    page.context.set_offline(False)
    page.goto("/journal/")
    expect(page).to_have_title("Journal · mend")


def test_offline_page_is_the_same_for_everyone(contexts: Contexts, alice: User) -> None:
    anonymous = contexts.page()
    anonymous.goto("/offline/")
    signed_in = contexts.page(user=alice)
    signed_in.goto("/offline/")
    assert anonymous.inner_text("main") == signed_in.inner_text("main")
    assert "csrf" not in signed_in.content().lower()
