"""Keyboard only (Tab, typing, Enter) with a visible focus ring at every stop; reduced motion."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mend.accounts.models import User

from .browser import DESKTOP, PHONE, Contexts, focus_ring, has_visible_focus, main_nav

pytestmark = pytest.mark.e2e


def tab_until(page: Page, selector: str, *, limit: int = 60) -> None:
    """Tab forward until ``selector`` has focus, checking every stop shows where focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        assert has_visible_focus(ring), f"no visible focus on {ring} at {page.url}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab on {page.url}")


def test_sign_up_with_the_keyboard_only(contexts: Contexts) -> None:
    page = contexts.page(viewport=DESKTOP)
    page.goto("/accounts/signup/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')")
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0, "the skip link stays off screen when focused"
    for selector, text in (
        ("#id_email", "keys@example.com"),
        ("#id_display_name", "Kai"),
        ("#id_password1", "quiet-harbour-lantern-91"),
        ("#id_password2", "quiet-harbour-lantern-91"),
    ):
        tab_until(page, selector)
        page.keyboard.type(text)
    tab_until(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_coach_with_the_keyboard_only(contexts: Contexts, alice: User) -> None:
    page = contexts.page(user=alice, viewport=DESKTOP)
    page.goto("/coach/")
    tab_until(page, "#id_text")
    page.keyboard.type("You always ignore me and you never help.")
    tab_until(page, "button.primary")
    page.keyboard.press("Enter")
    expect(page.locator("#analysis mark.flag").first).to_be_visible()
    tab_until(page, "#analysis mark.flag")  # each highlight can be reached and explains itself
    assert page.evaluate("() => document.activeElement.title")
    tab_until(page, "#analysis [data-copy]")


def test_check_in_with_the_keyboard_only(contexts: Contexts, alice: User, bob: User, couple: Any) -> None:
    page = contexts.page(user=alice, viewport=DESKTOP)
    page.goto("/rituals/")
    tab_until(page, "textarea[name=went_well]")
    page.keyboard.type("We cooked together on Friday")
    tab_until(page, "select[name=closeness]")
    page.keyboard.press("7")
    tab_until(page, "select[name=stress]")
    page.keyboard.press("3")
    tab_until(page, "button[name=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("You have submitted.")).to_be_visible()


def test_phone_menu_keeps_the_header_on_one_line_and_opens_with_the_keyboard(
    contexts: Contexts, alice: User
) -> None:
    page = contexts.page(user=alice, viewport=PHONE)
    page.goto("/dashboard/")
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 80, header  # brand, Menu and Quick exit: one row
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)  # folded away until asked for
    tab_until(page, ".nav-menu > summary")
    page.keyboard.press("Enter")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Journal")).to_be_visible()
    expect(nav.get_by_role("button", name="Log out")).to_be_visible()
    page.locator(".site-footer").click()  # a tap elsewhere folds it away
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    page.locator(".nav-menu > summary").focus()
    page.keyboard.press("Enter")
    tab_until(page, ".nav-menu a[href='/journal/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/journal/$"))
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)  # a new page starts folded

    # The menu is plain HTML: it opens and leads on with scripts turned off.
    plain = contexts.page(user=alice, viewport=PHONE, java_script_enabled=False)
    plain.goto("/dashboard/")
    main_nav(plain).get_by_role("link", name="Settings").click()
    expect(plain).to_have_url(re.compile(r"/accounts/profile/$"))


def test_reduced_motion_stops_the_breathing_animation(contexts: Contexts, alice: User) -> None:
    page = contexts.page(user=alice, reduced_motion="reduce")
    page.goto("/space/pause/")
    page.get_by_role("button", name="Start my pause").click()
    expect(page.get_by_role("heading", name="Take your time")).to_be_visible()
    moving: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('*')].filter(el => {
            const s = getComputedStyle(el);
            return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0;
        }).map(el => el.tagName + '.' + el.className)"""
    )
    assert not moving, moving
