from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from mend.accounts.models import User
from mend.coach.models import SavedDraft
from mend.engine.coach import analyze

pytestmark = pytest.mark.django_db
HARSH = "You never listen to me. You are so selfish. Whatever."


def test_page_highlights_harmful_words_and_offers_a_rewrite(alice_client: Client) -> None:
    response = alice_client.post(reverse("coach:home"), {"text": HARSH})
    assert response.status_code == 200
    body = response.content.decode()
    analysis = analyze(HARSH)
    flagged = {HARSH[f.start : f.end] for f in analysis.harmful}
    assert any(f'">{words}' in body or words in body for words in flagged)
    assert body.count('<mark class="flag"') >= 1
    assert "A calmer way to say it" in body
    assert analysis.rewrite is not None and analysis.rewrite.replace("'", "&#x27;") in body


def test_nothing_typed_is_stored_unless_saved(alice_client: Client, alice: User) -> None:
    alice_client.post(reverse("coach:home"), {"text": HARSH})
    alice_client.get(reverse("coach:home"), {"text": HARSH}, HTTP_HX_REQUEST="true")
    assert SavedDraft.objects.count() == 0
    alice_client.post(reverse("coach:draft_save"), {"text": HARSH})
    draft = SavedDraft.objects.get()
    assert draft.owner == alice and draft.text == HARSH and draft.visibility == "private"


def test_htmx_request_gets_only_the_partial(alice_client: Client) -> None:
    response = alice_client.post(reverse("coach:home"), {"text": HARSH}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "How it may land" in body and "<html" not in body


def test_too_long_message_keeps_text_and_explains(alice_client: Client) -> None:
    text = "calm words " * 600
    response = alice_client.post(reverse("coach:home"), {"text": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 5000 characters" in body and "calm words calm words" in body


def test_crisis_language_routes_to_help_not_rewrite(alice_client: Client) -> None:
    text = "I can't do this anymore, I want to kill myself"
    assert analyze(text).crisis
    body = alice_client.post(reverse("coach:home"), {"text": text}).content.decode()
    assert "A calmer way to say it" not in body
    assert "You matter more than this message" in body
    assert "999" in body  # alice's country is GB: the emergency number is shown first


def test_listen_and_conversation_pages(alice_client: Client) -> None:
    heard = "I'm exhausted and nobody helps with the kids"
    body = alice_client.post(reverse("coach:listen"), {"heard": heard}).content.decode()
    assert "exhausted" in body and "You could say" in body
    convo = "you always do this\nno YOU always do this, you idiot\nshut up"
    body = alice_client.post(reverse("coach:conversation"), {"conversation": convo}).content.decode()
    assert "Chance the next message turns personal" in body
    empty = alice_client.post(reverse("coach:conversation"), {"conversation": "  \n "})
    assert empty.status_code == 400


def test_drafts_are_private(alice: User, bob_client: Client, couple: object) -> None:
    draft = SavedDraft.objects.create(owner=alice, text="private draft")
    assert bob_client.get(reverse("coach:draft_open", args=[draft.pk])).status_code == 404
    assert bob_client.post(reverse("coach:draft_delete", args=[draft.pk])).status_code == 404
    assert SavedDraft.objects.filter(pk=draft.pk).exists()


def api(client: Client, path: str, payload: object) -> object:
    return client.post(f"/api/v1/coach/{path}", data=json.dumps(payload), content_type="application/json")


def test_api_analyze_matches_the_engine(alice_client: Client) -> None:
    response = api(alice_client, "analyze", {"text": HARSH})
    assert response.status_code == 200
    data = response.json()
    engine = analyze(HARSH)
    assert data["scores"]["hostility"] == pytest.approx(engine.scores["hostility"])
    assert [(f["kind"], f["start"], f["end"]) for f in data["findings"]] == [
        (f.kind, f.start, f.end) for f in engine.findings
    ]
    assert all(HARSH[f["start"] : f["end"]] == f["words"] for f in data["findings"])
    assert data["rewrite"] == engine.rewrite and not data["crisis"]


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("analyze", {"text": "x" * 5001}),
        ("analyze", {}),
        ("analyze", {"text": 42}),
        ("analyze-batch", {"texts": []}),
        ("analyze-batch", {"texts": ["ok"] * 101}),
        ("analyze-batch", {"texts": ["ok", "x" * 5001]}),
        ("escalation", {"messages": []}),
    ],
)
def test_api_rejects_bad_input_with_422(alice_client: Client, path: str, payload: object) -> None:
    response = api(alice_client, path, payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_api_batch_and_escalation(alice_client: Client) -> None:
    batch = api(
        alice_client, "analyze-batch", {"texts": [HARSH, "Thank you for dinner, it meant a lot"]}
    ).json()
    assert len(batch["results"]) == 2
    assert batch["results"][0]["scores"]["hostility"] > batch["results"][1]["scores"]["hostility"]
    assert batch["results"][1]["scores"]["appreciation"] > 0.5
    risk = api(alice_client, "escalation", {"messages": ["hi", "you are pathetic and stupid"]}).json()["risk"]
    assert 0 <= risk <= 1


def test_cli_json_and_stdin() -> None:
    one = subprocess.run(
        [sys.executable, "-m", "mend.cli", "coach", "--json", HARSH],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(one.stdout)
    assert data["findings"] and data["rewrite"]
    many = subprocess.run(
        [sys.executable, "-m", "mend.cli", "coach", "--json"],
        input="You are useless\nThanks for the tea\n",
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in many.stdout.splitlines()]
    assert [line["text"] for line in lines] == ["You are useless", "Thanks for the tea"]
    human = subprocess.run(
        [sys.executable, "-m", "mend.cli", "coach", HARSH], capture_output=True, text=True, check=True
    )
    assert "Calmer:" in human.stdout
    too_long = subprocess.run(
        [sys.executable, "-m", "mend.cli", "coach", "x" * 5001], capture_output=True, text=True, check=False
    )
    assert too_long.returncode == 2
