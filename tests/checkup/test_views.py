"""Check-up pages: sections with back/save, results, plan, history and the dashboard card."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.test import Client

from mend.accounts.models import User
from mend.checkup.dashboard import card
from mend.checkup.models import CheckupAttempt
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from mend.engine.checkup import DISCLAIMER, bank_ids, load_bank

from .helpers import ALICE_BEFORE, ALICE_NOW, answers_at, finish

pytestmark = pytest.mark.django_db

FLOODING = load_bank("conflict").scale_spec("flooding").name  # the name pages show


def _post(client: Client, bank_id: str, data: dict[str, object], nav: str = "next") -> object:
    return client.post(f"/checkup/section/{bank_id}/", {**data, "nav": nav})


def test_section_page_shows_progress_and_every_question(alice_client: Client) -> None:
    response = alice_client.get("/checkup/section/conflict/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<progress" in body
    assert f"Section {bank_ids().index('conflict') + 1} of {len(bank_ids())}" in body
    assert 'name="cf_flo_1"' in body
    assert "Save and continue later" in body
    assert " style=" not in body


def test_back_keeps_the_answers_on_this_screen(alice: User, alice_client: Client) -> None:
    response = _post(alice_client, "conflict", {"cf_cri_1": "3", "cf_flo_2": "1"}, nav="back")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"].endswith(f"/checkup/section/{bank_ids()[bank_ids().index('conflict') - 1]}/")  # type: ignore[index]
    page = alice_client.get("/checkup/section/conflict/").content.decode()
    assert re.search(r'name="cf_cri_1" value="3"[^>]*checked', page)
    assert re.search(r'name="cf_flo_2" value="1"[^>]*checked', page)


def test_save_and_continue_later_then_resume(alice: User, alice_client: Client) -> None:
    _post(alice_client, "situation", {"st_living": "together", "st_broken_up": "no"}, nav="save")
    home = alice_client.get("/checkup/")
    assert "Pick up where you left off" in home.content.decode()
    resume = Client()
    resume.force_login(alice)  # a new session, e.g. the next day on another phone
    page = resume.get("/checkup/section/situation/").content.decode()
    assert re.search(r'name="st_living" value="together"[^>]*checked', page)


def test_bad_answer_re_renders_with_the_users_input(alice: User, alice_client: Client) -> None:
    response = alice_client.post(
        "/checkup/section/turning_point/",
        {"tp_when": "1800-01", "tp_note": "kept text", "tp_events": ["move"], "nav": "next"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "kept text" in body
    assert re.search(r'value="move"[^>]*checked', body)
    assert not CheckupAttempt.objects.filter(owner=alice).exists()


def test_unknown_section_is_404(alice_client: Client) -> None:
    assert alice_client.get("/checkup/section/nope/").status_code == 404


def test_going_through_every_section_shows_results(alice: User, alice_client: Client) -> None:
    answers = answers_at(ALICE_BEFORE)
    for bank_id in bank_ids():
        data = {k: (v if isinstance(v, list) else str(v)) for k, v in answers[bank_id].items()}
        response = _post(alice_client, bank_id, data, nav="finish" if bank_id == bank_ids()[-1] else "next")
        assert response.status_code == 302, bank_id  # type: ignore[attr-defined]
    assert response["Location"].endswith("/checkup/results/")  # type: ignore[index]
    attempt = CheckupAttempt.objects.get(owner=alice)
    assert attempt.completed_at is not None
    assert attempt.answers["warning_signs"] == answers["warning_signs"]


def test_finishing_with_a_skipped_section_goes_back_to_it(alice_client: Client) -> None:
    response = _post(alice_client, bank_ids()[-1], {}, nav="finish")
    assert response["Location"].endswith(f"/checkup/section/{bank_ids()[0]}/")  # type: ignore[index]


def test_results_page_shows_bands_drivers_and_label(alice: User, alice_client: Client, now: datetime) -> None:
    finish(alice, now)
    body = alice_client.get("/checkup/results/").content.decode()
    assert DISCLAIMER in body
    assert "What weighed most" in body
    assert FLOODING in body
    assert "/100" in body


def test_plan_page_lists_steps_with_tools_and_a_calm_opener(
    alice: User, couple: Couple, alice_client: Client, now: datetime
) -> None:
    finish(alice, now)
    body = alice_client.get("/checkup/plan/").content.decode()
    assert "Why this step:" in body and "This week:" in body
    assert re.search(r'href="/(coach|rituals|trust|space|journal|help|safety|couple|checkup)/', body)
    assert "A way to open the honest talk" in body
    assert "I feel" in body


def test_crisis_words_in_the_private_note_show_help(alice_client: Client) -> None:
    response = _post(alice_client, "turning_point", {"tp_note": "some days I want to kill myself"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = response.content.decode()  # type: ignore[attr-defined]
    assert "Saved" in body
    assert "/help/" in body
    assert 'href="/checkup/section/' in body


def test_history_has_svg_chart_table_and_plan_changes(
    alice: User, couple: Couple, alice_client: Client, now: datetime
) -> None:
    finish(alice, now - timedelta(weeks=4))
    finish(alice, now, ALICE_NOW)
    body = alice_client.get("/checkup/history/").content.decode()
    assert "<svg" in body and "<polyline" in body and "<table" in body
    assert "What changed in the plan" in body
    assert "Check-up of" in body
    assert "<script" not in body.split("</head>", 1)[1]


def test_dashboard_card_follows_progress(
    alice: User, now: datetime, django_assert_num_queries: object
) -> None:
    state = couple_state(alice)
    first = card(user=alice, state=state, now=now)
    assert first is not None and first.action == "Start"
    finish(alice, now - timedelta(weeks=4, days=1))
    finish(alice, now - timedelta(weeks=4))
    due = card(user=alice, state=state, now=now)
    assert due is not None and due.action == "Re-take"
    fresh = card(user=alice, state=state, now=now - timedelta(days=1))
    assert fresh is not None and fresh.url == "/checkup/plan/"
    with django_assert_num_queries(1):  # type: ignore[operator]
        card(user=alice, state=state, now=now)


def test_history_and_couple_pages_use_a_constant_number_of_queries(
    alice: User, couple: Couple, alice_client: Client, now: datetime
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert alice_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    finish(alice, now - timedelta(weeks=8))
    few = {url: count(url) for url in ("/checkup/history/", "/checkup/couple/", "/checkup/plan/")}
    finish(alice, now - timedelta(weeks=4), ALICE_NOW)
    finish(alice, now)
    many = {url: count(url) for url in few}
    assert many == few


def test_own_patterns_step_links_to_the_questions_when_unanswered(
    dana: User, dana_client: Client, now: datetime
) -> None:
    from mend.checkup.demo import DANA

    answers = answers_at(
        DANA, situation={"st_living": "together", "st_broken_up": "no", "st_partner": "unaware"}
    )
    answers["attachment"] = {}
    from mend.checkup.demo import take_checkup

    take_checkup(user=dana, answers=answers, now=now)
    body = dana_client.get("/checkup/plan/").content.decode()
    assert "Get to know your own patterns" in body
    assert 'href="/checkup/section/attachment/"' in body
    assert 'href="/checkup/results/#closeness"' not in body


def test_share_page_saves_choices_and_refuses_unknown_ones(
    alice: User, couple: Couple, alice_client: Client, now: datetime
) -> None:
    from mend.checkup.models import CheckupShare

    before = alice_client.get("/checkup/share/").content.decode()
    assert "Finish your check-up first" in before
    finish(alice, now)
    page = alice_client.get("/checkup/share/").content.decode()
    assert re.search(r'name="scales" value="conflict.flooding"[^>]*checked', page)  # bands ticked by default
    assert not re.search(r'name="items" value="rl_sat_1"[^>]*checked', page)  # answers never by default
    assert 'value="tp_note"' not in page and 'value="st_living"' not in page
    bad = alice_client.post("/checkup/share/", {"scales": ["conflict.flooding", "made.up"]})
    assert bad.status_code == 400
    assert not CheckupShare.objects.filter(owner=alice).exists()
    ok = alice_client.post("/checkup/share/", {"scales": ["distress"], "items": ["rl_sat_1"]})
    assert ok.status_code == 302
    share = CheckupShare.objects.get(owner=alice)
    assert share.scales == ["distress"] and share.items == ["rl_sat_1"] and share.visibility == "shared"
    assert alice_client.post("/checkup/share/retract/").status_code == 302
    share.refresh_from_db()
    assert share.visibility == "private"


def test_each_check_up_page_has_its_own_title(alice_client: Client) -> None:
    """Tabs and screen readers name the page the user is on, not one shared title."""
    titles = {}
    for name in ("home", "plan", "couple", "share", "history"):
        page = alice_client.get(f"/checkup/{'' if name == 'home' else name + '/'}", follow=True)
        match = re.search(r"<title>(.*?)</title>", page.content.decode(), re.S)
        assert match is not None
        titles[page.redirect_chain[-1][0] if page.redirect_chain else name] = match.group(1).strip()
    assert len(titles) >= 3 and len(set(titles.values())) == len(titles)
