"""What a person does, in a real browser: sign up, invite, coach, quick exit, and privacy."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import tests.access
from mend.accounts.models import User
from mend.couples.selectors import couple_state
from tests.access.matrix import PRIVATE_OBJECT, SECRET, SHARED_OBJECT, Route, World

from .browser import DESKTOP, PHONE, Contexts, log_in, main_nav, shot

pytestmark = pytest.mark.e2e

PASSWORD = "quiet-harbour-lantern-91"
HARSH = "You never listen to me and you always make everything about you."


def sign_up(page: Page, *, email: str, name: str) -> None:
    """Fill the sign-up form the way a person would and send it."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_label("Country").select_option("GB")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


def test_alice_signs_up_invites_bob_and_bob_accepts_on_a_phone(contexts: Contexts) -> None:
    alice = contexts.page(viewport=DESKTOP)
    alice.goto("/")
    shot(alice, "home")
    alice.get_by_role("link", name="Create an account").first.click()
    expect(alice).to_have_title("Create an account · mend")
    shot(alice, "signup")
    sign_up(alice, email="alice@example.com", name="Alice")
    expect(alice).to_have_url(re.compile(r"/dashboard/$"))
    expect(alice.get_by_role("status")).to_contain_text("Welcome to mend")

    main_nav(alice).get_by_role("link", name="Couple").click()
    alice.get_by_role("button", name="Create an invite").click()
    expect(alice.get_by_role("heading", name="Your invite is ready")).to_be_visible()
    link = alice.locator("#invite-link").inner_text().strip()
    code = alice.locator("#invite-code").inner_text().strip()
    assert "/couple/join/" in link and code
    shot(alice, "couple-invite")

    bob = contexts.page(viewport=PHONE, is_mobile=True, has_touch=True)
    bob.goto(link)
    expect(bob.get_by_role("heading", name="You have been invited to mend")).to_be_visible()
    shot(bob, "couple-join-anonymous")
    bob.get_by_role("link", name="Create an account").click()
    sign_up(bob, email="bob@example.com", name="Bob")
    expect(bob.get_by_role("heading", name="Join Alice")).to_be_visible()
    shot(bob, "couple-join")
    bob.get_by_role("button", name="Accept and link").tap()
    expect(bob).to_have_url(re.compile(r"/dashboard/$"))
    expect(bob.get_by_role("status")).to_contain_text("You are linked")
    assert bob.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    bob.goto("/couple/")
    expect(bob.get_by_role("heading", name="Linked with Alice")).to_be_visible()
    alice.goto("/couple/")
    expect(alice.get_by_role("heading", name="Linked with Bob")).to_be_visible()
    shot(alice, "couple-linked")
    state = couple_state(User.objects.get(email="alice@example.com"))
    assert state.is_linked and state.partner is not None and state.partner.email == "bob@example.com"


def test_the_invite_code_works_once(contexts: Contexts, alice: User, bob: User, charlie: User) -> None:
    alice_page = contexts.page(user=alice)
    alice_page.goto("/couple/")
    alice_page.get_by_role("button", name="Create an invite").click()
    code = alice_page.locator("#invite-code").inner_text().strip()

    bob_page = contexts.page(user=bob)
    bob_page.goto("/couple/")
    bob_page.get_by_label("Code").fill(code)
    bob_page.get_by_role("button", name="Join").click()
    expect(bob_page.get_by_role("status")).to_contain_text("You are linked")

    charlie_page = contexts.page(user=charlie)
    charlie_page.goto("/couple/")
    charlie_page.get_by_label("Code").fill(code)
    charlie_page.get_by_role("button", name="Join").click()
    expect(charlie_page.get_by_role("heading", name="Linked with Alice")).to_have_count(0)
    assert not couple_state(charlie).is_linked


def test_coach_highlights_a_harsh_draft_and_the_rewrite_reads_calmer(contexts: Contexts, alice: User) -> None:
    context = contexts.new(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=contexts.base_url)
    log_in(context, alice, contexts.base_url)
    page = context.new_page()
    page.goto("/coach/")
    page.get_by_label("The message you are about to send").fill(HARSH)
    page.get_by_role("button", name="Check my message").click()
    analysis = page.locator("#analysis")
    marks = analysis.locator("mark.flag:not(.helpful)")
    expect(marks.first).to_be_visible()
    flagged = " ".join(marks.all_inner_texts()).lower()
    assert "never" in flagged and "always" in flagged, flagged
    # Each highlight explains itself on hover and to screen readers.
    assert marks.first.get_attribute("title")
    expect(analysis.get_by_role("heading", name="What may hurt")).to_be_visible()
    rewrite = analysis.locator("#rewrite-1")
    expect(rewrite).to_be_visible()
    shot(page, "coach-harsh")

    analysis.get_by_role("button", name="Copy").first.click()
    expect(analysis.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == rewrite.inner_text().strip()

    harsh_count = marks.count()
    page.get_by_label("The message you are about to send").fill(copied)
    page.get_by_role("button", name="Check my message").click()
    expect(analysis.locator("mark.flag:not(.helpful)")).not_to_have_count(harsh_count)
    calmer = analysis.locator("mark.flag:not(.helpful)").count()
    assert calmer < harsh_count, (harsh_count, calmer, copied)
    assert "never" not in copied.lower()
    shot(page, "coach-rewrite")


def test_coach_works_without_javascript(contexts: Contexts, alice: User) -> None:
    page = contexts.page(user=alice, java_script_enabled=False)
    page.goto("/coach/")
    page.get_by_label("The message you are about to send").fill(HARSH)
    page.get_by_role("button", name="Check my message").click()
    expect(page.locator("#analysis mark.flag").first).to_be_visible()
    expect(page.locator("#rewrite-1")).to_be_visible()


def test_quick_exit_leaves_no_back_entry(contexts: Contexts, alice: User) -> None:
    page = contexts.page(user=alice)
    page.goto("/coach/")
    page.get_by_label("The message you are about to send").fill("Something I do not want seen")
    before = page.evaluate("() => history.length")
    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_title("Weather")
    assert not page.url.startswith(contexts.base_url)
    assert page.evaluate("() => history.length") == before  # the mend page was replaced, not stacked
    page.go_back()
    assert not page.url.startswith(contexts.base_url), page.url  # Back leads to the blank start, not mend

    # Pressing Escape twice does the same from any page, replacing it in history.
    second = contexts.page(user=alice)
    second.goto("/dashboard/")
    second.goto("/journal/")
    length = second.evaluate("() => history.length")
    second.keyboard.press("Escape")
    second.keyboard.press("Escape")
    expect(second).to_have_title("Weather")
    assert second.evaluate("() => history.length") == length
    second.go_back()
    assert "/journal/" not in second.url


def test_discreet_browsing_keeps_mend_to_one_back_entry_and_the_limits_are_explained(
    contexts: Contexts, alice: User
) -> None:
    page = contexts.page(user=alice, viewport=DESKTOP)
    page.goto("/safety/")
    leaving = page.locator("#leaving")
    expect(leaving).to_contain_text("any mend pages you opened earlier in the same tab")
    start = page.evaluate("() => history.length")  # the blank start and this page

    # Off (the default): links add to the Back list as usual.
    main_nav(page).get_by_role("link", name="Journal").click()
    expect(page).to_have_url(re.compile(r"/journal/$"))
    assert page.evaluate("() => history.length") == start + 1
    page.go_back()

    page.get_by_label("Discreet browsing on this device").check()
    main_nav(page).get_by_role("link", name="Journal").click()
    expect(page).to_have_url(re.compile(r"/journal/$"))
    main_nav(page).get_by_role("link", name="Coach").click()
    expect(page).to_have_url(re.compile(r"/coach/$"))
    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_title("Weather")
    page.go_back()
    page.go_back()
    assert not page.url.startswith(contexts.base_url), page.url  # no mend page left behind Back

    # Without JavaScript the switch cannot work, so it is not offered; the advice still is.
    plain = contexts.page(user=alice, java_script_enabled=False)
    plain.goto("/safety/")
    expect(plain.locator("#leaving")).to_contain_text("private or incognito window")
    expect(plain.get_by_label("Discreet browsing on this device")).to_be_hidden()


def _case_routes() -> list[Route]:
    modules = [
        importlib.import_module(f"tests.access.{info.name}")
        for info in pkgutil.iter_modules(tests.access.__path__)
        if info.name.startswith("cases_")
    ]
    return [route for module in modules for route in module.ROUTES]


def _world(alice: User, bob: User, charlie: User, dana: User, couple: Any) -> World:
    world: World = {"alice": alice, "bob": bob, "charlie": charlie, "dana": dana, "couple": couple}
    for info in pkgutil.iter_modules(tests.access.__path__):
        if info.name.startswith("cases_"):
            importlib.import_module(f"tests.access.{info.name}").build(world)
    return world


def test_charlie_reaches_none_of_alices_pages(
    contexts: Contexts, alice: User, bob: User, charlie: User, dana: User, couple: Any
) -> None:
    world = _world(alice, bob, charlie, dana, couple)
    routes = [r for r in _case_routes() if not r.is_api and r.scope in (PRIVATE_OBJECT, SHARED_OBJECT)]
    assert routes, "the access matrix lists no private or shared pages"
    page = contexts.page(user=charlie, viewport=DESKTOP)
    leaks: list[str] = []
    for route in routes:
        path = route.path(world)
        response = page.goto(path)
        assert response is not None
        if response.status != 404 or SECRET in page.content():
            leaks.append(f"{path} -> {response.status}")
    # Charlie's own pages and the nav never show alice's words either.
    for path in ("/dashboard/", "/couple/", "/coach/", "/checkup/", "/rituals/", "/trust/", "/journal/"):
        response = page.goto(path)
        assert response is not None
        if SECRET in page.content() or "Alice" in page.inner_text("main"):
            leaks.append(f"{path} shows alice's content")
    assert not leaks, leaks
    print(f"\ncharlie was refused {len(routes)} of alice's pages")


def test_weekly_check_in_answers_stay_hidden_until_both_submit(
    contexts: Contexts, alice: User, bob: User, couple: Any
) -> None:
    alice_page = contexts.page(user=alice)
    alice_page.goto("/rituals/")
    alice_page.locator("textarea[name=went_well]").fill("Sunday breakfast together ALICE-WEEK")
    alice_page.locator("textarea[name=felt_hard]").fill("The call about money")
    alice_page.get_by_label("How close did you feel this week?", exact=False).select_option("7")
    alice_page.get_by_label("How stressed did you feel this week?", exact=False).select_option("4")
    alice_page.get_by_role("button", name="Submit").click()
    expect(alice_page.get_by_text("You have submitted.")).to_be_visible()

    bob_page = contexts.page(user=bob)
    bob_page.goto("/rituals/")
    expect(bob_page.get_by_text("has answered and is waiting for you")).to_be_visible()
    assert "ALICE-WEEK" not in bob_page.content()  # nothing is shown before bob answers
    bob_page.locator("textarea[name=went_well]").fill("Walking to the market BOB-WEEK")
    bob_page.get_by_label("How close did you feel this week?", exact=False).select_option("6")
    bob_page.get_by_label("How stressed did you feel this week?", exact=False).select_option("5")
    bob_page.get_by_role("button", name="Submit").click()
    expect(bob_page.get_by_role("heading", name="Your answers side by side")).to_be_visible()
    expect(bob_page.locator(".side-by-side")).to_contain_text("ALICE-WEEK")
    shot(bob_page, "rituals-revealed")

    alice_page.reload()
    expect(alice_page.locator(".side-by-side")).to_contain_text("BOB-WEEK")


CHOICES = {
    "st_living": "together",
    "st_broken_up": "no",
    "st_no_contact": "none",
    "st_partner": "aware_willing",
}


def answer_section(page: Page, *, scale: str, text: str = "") -> None:
    """Answer the section on screen: one radio per question, any free text; one submit per page."""
    groups: dict[str, list[str]] = page.eval_on_selector_all(
        "main form input[type=radio]",
        "els => els.reduce((g, e) => ((g[e.name] = g[e.name] || []).push(e.value), g), {})",
    )
    for name, values in groups.items():
        # Scale questions take ``scale``; other choices take their first option unless named above.
        value = CHOICES.get(name, scale if scale in values else values[0])
        page.locator(f"main form input[name={name}][value='{value}']").check()
    if text and page.locator("main form textarea").count():
        page.locator("main form textarea").first.fill(text)


def take_checkup(page: Page, *, scale: str, text: str = "", stop_after: int | None = None) -> None:
    """Go through the check-up section by section, as a person would (``stop_after`` saves and leaves)."""
    progress = page.locator("#progress-label")
    while True:
        number, total = map(int, re.findall(r"\d+", progress.inner_text())[:2])
        answer_section(page, scale=scale, text=text)
        if number == stop_after:
            page.get_by_role("button", name="Save and continue later").click()
            expect(page.get_by_role("status")).to_contain_text("Saved")
            return
        if number == total:
            page.get_by_role("button", name="Finish and see my results").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Your check-up results")
            return
        page.get_by_role("button", name="Save and next").click()
        expect(progress).to_contain_text(f"Section {number + 1} of {total}")


def test_both_take_the_check_up_and_the_couple_view_opens_only_after_both_finish(
    contexts: Contexts, alice: User, bob: User, couple: Any
) -> None:
    side_by_side = "Your results side by side"
    alice_page = contexts.page(user=alice, viewport=DESKTOP)
    alice_page.goto("/checkup/")
    alice_page.get_by_role("button", name="Start the check-up").click()
    take_checkup(alice_page, scale="1", text="We stopped talking after the move ALICE-TURN")

    # Alice has finished; bob has not started: the couple view waits and shows nothing of either.
    alice_page.goto("/checkup/couple/")
    expect(alice_page.get_by_text("This page opens once you have both finished")).to_be_visible()
    alice_page.get_by_role("link", name="Choose what you share").click()
    alice_page.get_by_role("button", name="Save what I share").click()
    expect(alice_page.get_by_role("status")).to_contain_text("Saved")
    expect(alice_page.get_by_role("heading", name=side_by_side)).to_have_count(0)
    expect(alice_page.get_by_text("You are sharing some of your results")).to_be_visible()

    # Bob, on his phone, answers half and saves for later: still nothing opens for alice.
    bob_page = contexts.page(user=bob, viewport=PHONE, is_mobile=True, has_touch=True)
    bob_page.goto("/checkup/")
    bob_page.get_by_role("button", name="Start the check-up").click()
    take_checkup(bob_page, scale="3", text="The week my job changed BOB-TURN", stop_after=3)
    alice_page.reload()
    expect(alice_page.get_by_text("This page opens once you have both finished")).to_be_visible()
    expect(alice_page.get_by_role("heading", name=side_by_side)).to_have_count(0)
    shot(alice_page, "checkup-couple-waiting")

    bob_page.get_by_role("link", name="Continue", exact=True).click()
    take_checkup(bob_page, scale="3", text="The week my job changed BOB-TURN")
    # Both finished and alice shares: bob sees her bands next to his own plan.
    bob_page.goto("/checkup/couple/")
    expect(bob_page.get_by_role("heading", name=side_by_side)).to_be_visible()
    expect(bob_page.get_by_text("You are not sharing anything yourself yet")).to_be_visible()
    assert "ALICE-TURN" not in bob_page.content()
    bob_page.get_by_role("link", name=re.compile("Choose what Alice sees")).click()
    bob_page.get_by_role("button", name="Save what I share").click()
    expect(bob_page.get_by_role("heading", name=side_by_side)).to_be_visible()
    shot(bob_page, "checkup-couple-open")

    alice_page.reload()
    expect(alice_page.get_by_role("heading", name=side_by_side)).to_be_visible()
    cards = alice_page.locator("main .cards .card")
    expect(cards.first).to_contain_text("Bob")
    assert cards.count() >= 1
    # Bob shared bands only: his own words and single answers never reach alice.
    assert "BOB-TURN" not in alice_page.content()
    expect(alice_page.get_by_role("heading", name="Answers Bob chose to show you")).to_have_count(0)


def test_break_button_starts_a_timer_and_tells_the_partner_calmly(
    contexts: Contexts, alice: User, bob: User, couple: Any
) -> None:
    page = contexts.page(user=alice)
    page.goto("/dashboard/")
    main_nav(page).get_by_role("link", name="Pause").click()
    expect(page).to_have_url(re.compile(r"/space/$"))
    page.goto("/space/pause/")
    expect(page.get_by_role("heading", name="I need a break")).to_be_visible()
    page.get_by_label("Minutes until you come back").fill("20")
    page.get_by_role("button", name="Start my pause").click()
    expect(page.get_by_role("heading", name="Take your time")).to_be_visible()
    countdown = page.locator(".pause-countdown")
    expect(countdown).to_be_visible()
    expect(countdown).to_have_text(re.compile(r"^(20:00|19:\d\d)$"))
    expect(countdown).not_to_have_text(countdown.inner_text())  # the timer moves on by itself
    shot(page, "space-pause-running")

    bob_page = contexts.page(user=bob)
    bob_page.goto("/space/")
    expect(bob_page.get_by_role("heading", name=re.compile("Alice asked for a pause until"))).to_be_visible()

    page.get_by_role("button", name="I'm back").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome back")
    bob_page.reload()
    expect(bob_page.get_by_role("heading", name=re.compile("asked for a pause"))).to_have_count(0)
