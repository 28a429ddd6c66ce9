"""Break agreements: proposed by one partner, active only when both accept, ended early with a note."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from mend.engine.content import break_reflection_prompts
from mend.space import services
from mend.space.clock import local_day
from mend.space.dashboard import card
from mend.space.models import AgreementStatus, BreakAgreement
from mend.space.selectors import current_agreement
from tests.conftest import client_for


def _propose(user: User, now: datetime, **extra: object) -> BreakAgreement:
    terms: dict[str, object] = {
        "starts_on": local_day(user, now),
        "length_days": 14,
        "rhythm": "weekly",
        "contact_presets": ["practical_only"],
        "contact_rules": "Texts about the dog only.",
        "off_limits": ["other_relationships"],
        "reflection_prompts": list(break_reflection_prompts()[:2]),
    }
    terms.update(extra)
    return services.agreement_propose(user=user, now=now, **terms)  # type: ignore[arg-type]


def test_proposal_waits_for_the_partner_then_runs_with_days_left(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    proposal = _propose(alice, now)
    assert proposal.status == AgreementStatus.PROPOSED and proposal.visibility == "shared"
    with pytest.raises(services.SpaceError, match="Your partner needs to accept"):
        services.agreement_accept(user=alice, agreement_id=proposal.pk, now=now)
    accepted = services.agreement_accept(user=bob, agreement_id=proposal.pk, now=now + timedelta(hours=1))
    assert accepted.status == AgreementStatus.ACTIVE and accepted.accepted_by == bob
    later = now + timedelta(days=4)
    assert current_agreement(bob, later) == accepted
    assert accepted.days_left(local_day(bob, later)) == 10
    titles = [c.title for c in card(user=alice, state=couple_state(alice), now=later)]
    assert "Agreed break: 10 days left" in titles


def test_partner_can_propose_changes_which_the_proposer_then_accepts(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    first = _propose(alice, now)
    counter = _propose(bob, now, length_days=7, replaces_id=first.pk)
    first.refresh_from_db()
    assert first.status == AgreementStatus.SUPERSEDED and counter.replaces == first
    with pytest.raises(services.SpaceError):
        services.agreement_accept(user=bob, agreement_id=counter.pk, now=now)
    with pytest.raises(services.SpaceError, match="no longer waiting"):
        services.agreement_accept(user=bob, agreement_id=first.pk, now=now)
    services.agreement_accept(user=alice, agreement_id=counter.pk, now=now)
    counter.refresh_from_db()
    assert counter.status == AgreementStatus.ACTIVE and counter.length_days == 7


def test_a_stale_answer_saves_nothing(alice: User, bob: User, couple: Couple, now: datetime) -> None:
    first = _propose(alice, now)
    revised = _propose(alice, now, length_days=5, replaces_id=first.pk)
    with pytest.raises(services.SpaceError, match="changed while you were writing"):
        _propose(bob, now, length_days=30, replaces_id=first.pk)
    assert BreakAgreement.objects.get(status=AgreementStatus.PROPOSED) == revised


def test_only_one_break_at_a_time_and_either_can_end_it_with_a_note(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    agreement = _propose(alice, now)
    services.agreement_accept(user=bob, agreement_id=agreement.pk, now=now)
    with pytest.raises(services.SpaceError, match="already have an agreed break"):
        _propose(bob, now)
    with pytest.raises(services.SpaceError, match="few words"):
        services.agreement_end(user=bob, agreement_id=agreement.pk, note="  ", now=now)
    ended = services.agreement_end(user=bob, agreement_id=agreement.pk, note="Ready to talk.", now=now)
    assert (ended.status, ended.ended_by, ended.end_note) == (AgreementStatus.ENDED, bob, "Ready to talk.")
    assert current_agreement(alice, now) is None
    _propose(alice, now)  # a new one can be proposed now


def test_a_break_past_its_last_day_no_longer_blocks_a_new_one(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    agreement = _propose(alice, now, length_days=3)
    services.agreement_accept(user=bob, agreement_id=agreement.pk, now=now)
    later = now + timedelta(days=5)
    assert current_agreement(alice, later) is None
    _propose(bob, later)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED and agreement.ended_by is None


def test_withdraw_is_for_the_proposer_only(alice: User, bob: User, couple: Couple, now: datetime) -> None:
    agreement = _propose(alice, now)
    with pytest.raises(services.SpaceError):
        services.agreement_withdraw(user=bob, agreement_id=agreement.pk, now=now)
    services.agreement_withdraw(user=alice, agreement_id=agreement.pk, now=now)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"length_days": 0}, "length"),
        ({"length_days": 181}, "length"),
        ({"rhythm": "hourly"}, "check in"),
        ({"contact_presets": ["stalk"]}, "contact rules"),
        ({"off_limits": ["x"]}, "off-limits"),
        ({"reflection_prompts": ["made up"]}, "reflection"),
        ({"contact_rules": "x" * 5001}, "5000"),
    ],
)
def test_bad_terms_are_refused_with_a_reason(
    alice: User, couple: Couple, now: datetime, extra: dict[str, object], reason: str
) -> None:
    with pytest.raises(services.SpaceError, match=reason):
        _propose(alice, now, **extra)
    assert not BreakAgreement.objects.exists()


def test_outsider_cannot_accept_or_end(
    alice: User, bob: User, charlie: User, couple: Couple, now: datetime
) -> None:
    agreement = _propose(alice, now)
    for action in (services.agreement_accept, services.agreement_withdraw):
        with pytest.raises(services.SpaceError, match="not available"):
            action(user=charlie, agreement_id=agreement.pk, now=now)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PROPOSED


def test_solo_user_writes_a_private_plan(dana: User, now: datetime) -> None:
    plan = _propose(dana, now, own_prompts="Am I calmer alone?")
    assert plan.is_personal and plan.status == AgreementStatus.ACTIVE and plan.visibility == "private"
    with pytest.raises(services.SpaceError, match="already have a plan"):
        _propose(dana, now)
    titles = [c.title for c in card(user=dana, state=couple_state(dana), now=now)]
    assert "Your plan for space: 14 days left" in titles
    services.agreement_end(user=dana, agreement_id=plan.pk, note="", now=now)


def test_linked_user_with_safety_concern_keeps_the_plan_private(
    alice: User, bob: User, couple: Couple, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "has_concern", lambda user: True)
    plan = _propose(alice, now)
    assert plan.is_personal and plan.visibility == "private"
    assert current_agreement(bob, now) is None


# ---------------------------------------------------------------- pages


def _today() -> str:
    """Pages read the real clock, so dates posted to them come from it too (not the pinned `now`)."""
    return timezone.now().date().isoformat()


def _form(now: datetime, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "starts_on": _today(),
        "length_days": "10",
        "rhythm": "every_3_days",
        "contact_presets": ["practical_only", "no_social"],
        "contact_rules": "Only about the kids' school run.",
        "off_limits": ["other_relationships"],
        "reflection_prompts": ["0", "2"],
        "own_prompts": "What do I miss?",
    }
    data.update(extra)
    return data


def test_acceptance_flow_through_the_pages(
    alice_client: Client, bob_client: Client, couple: Couple, bob: User, now: datetime
) -> None:
    page = alice_client.get("/space/agreement/new/").content.decode()
    assert "never a punishment" in page
    response = alice_client.post("/space/agreement/new/", _form(now))
    assert response.status_code == 302
    agreement = BreakAgreement.objects.get()
    assert agreement.reflection_prompts == [break_reflection_prompts()[0], break_reflection_prompts()[2]]
    home = bob_client.get("/space/").content.decode()
    assert (
        "Alice proposed a break" in home and "kids&#x27; school run" in home and "Accept these terms" in home
    )
    assert "Accept these terms" not in alice_client.get("/space/").content.decode()
    prefilled = bob_client.get("/space/agreement/new/").content.decode()
    assert "Propose changes" in prefilled and f'value="{agreement.pk}"' in prefilled
    assert bob_client.post("/space/agreement/accept/", {"agreement": agreement.pk}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE and agreement.accepted_by == bob
    assert "days left" in alice_client.get("/space/").content.decode()
    busy = alice_client.get("/space/agreement/new/")
    assert busy.status_code == 200 and "already running" in busy.content.decode()


def test_bad_form_keeps_what_was_typed(alice_client: Client, couple: Couple, now: datetime) -> None:
    response = alice_client.post("/space/agreement/new/", _form(now, length_days="400"))
    assert response.status_code == 400
    assert "kids&#x27; school run" in response.content.decode()
    assert not BreakAgreement.objects.exists()


def test_ending_without_a_note_keeps_the_break_and_says_why(
    alice_client: Client, alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    agreement = _propose(alice, now)
    services.agreement_accept(user=bob, agreement_id=agreement.pk, now=now)
    response = alice_client.post("/space/agreement/end/", {"agreement": agreement.pk, "note": ""})
    assert response.status_code == 400 and "few words" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    response = alice_client.post("/space/agreement/end/", {"agreement": agreement.pk, "note": "Let's talk."})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED


def test_end_note_with_crisis_language_shows_the_help_panel(
    alice_client: Client, alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    agreement = _propose(alice, now)
    services.agreement_accept(user=bob, agreement_id=agreement.pk, now=now)
    response = alice_client.post(
        "/space/agreement/end/",
        {"agreement": agreement.pk, "note": "I don't want to live like this, I want to die"},
    )
    assert response.status_code == 200 and "help-panel" in response.content.decode()


def test_private_plan_is_hidden_from_partner_and_outsider(
    alice: User, bob: User, charlie: User, couple: Couple, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "has_concern", lambda user: True)
    plan = _propose(alice, now, own_prompts="why I really left")
    for who in (bob, charlie):
        client = client_for(who)
        assert client.get(f"/space/agreements/{plan.pk}/").status_code == 404
        assert client.get(f"/api/v1/space/agreements/{plan.pk}").status_code == 404
        assert "why I really left" not in client.get("/space/").content.decode()
    assert client_for(alice).get(f"/space/agreements/{plan.pk}/").status_code == 200


# ---------------------------------------------------------------- API


def test_api_propose_accept_end(
    alice_client: Client, bob_client: Client, charlie_client: Client, couple: Couple, now: datetime
) -> None:
    payload = {"starts_on": _today(), "length_days": 7, "contact_presets": ["checkins_only"]}
    created = alice_client.post("/api/v1/space/agreements", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    agreement_id = created.json()["id"]
    assert created.json()["status"] == "proposed" and created.json()["mine"] is True
    assert charlie_client.post(f"/api/v1/space/agreements/{agreement_id}/accept").status_code == 404
    assert alice_client.post(f"/api/v1/space/agreements/{agreement_id}/accept").status_code == 409
    accepted = bob_client.post(f"/api/v1/space/agreements/{agreement_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    assert bob_client.get("/api/v1/space/agreements/current").json()["agreement"]["id"] == agreement_id
    ended = alice_client.post(
        f"/api/v1/space/agreements/{agreement_id}/end", {"note": "Ready."}, content_type="application/json"
    )
    assert ended.status_code == 200 and ended.json()["status"] == "ended"
    assert [a["id"] for a in bob_client.get("/api/v1/space/agreements").json()] == [agreement_id]


def test_api_refuses_bad_input(alice_client: Client, couple: Couple, now: datetime) -> None:
    for payload in (
        {"starts_on": "not a date", "length_days": 7},
        {"starts_on": _today(), "length_days": 0},
        {"starts_on": _today(), "length_days": 7, "contact_rules": "x" * 5001},
        {"starts_on": _today(), "length_days": 7, "rhythm": "hourly"},
        {"starts_on": _today(), "length_days": 7, "off_limits": ["made up"]},
    ):
        response = alice_client.post("/api/v1/space/agreements", payload, content_type="application/json")
        assert response.status_code == 422
    response = alice_client.post(
        "/api/v1/space/agreements",
        {"starts_on": "2000-01-01", "length_days": 7},
        content_type="application/json",
    )
    assert response.status_code == 409 and "in the past" in response.json()["detail"]
    assert not BreakAgreement.objects.exists()


def test_api_choice_lists_match_the_models() -> None:
    from typing import get_args

    from mend.space.api import ContactPresetId, OffLimitsId, RhythmId
    from mend.space.models import CONTACT_PRESETS, OFF_LIMITS, Rhythm

    assert set(get_args(ContactPresetId)) == set(CONTACT_PRESETS)
    assert set(get_args(OffLimitsId)) == set(OFF_LIMITS)
    assert set(get_args(RhythmId)) == set(Rhythm.values)


def test_plan_text_with_crisis_language_shows_the_help_panel_after_saving(
    dana_client: Client, now: datetime
) -> None:
    response = dana_client.post("/space/agreement/new/", _form(now, own_prompts="Some days I want to die."))
    assert response.status_code == 200 and "help-panel" in response.content.decode()
    assert BreakAgreement.objects.count() == 1
