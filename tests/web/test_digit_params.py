"""Ids and indexes read straight from the request (not through a form) accept only ASCII digits:
"²" counts as a digit for str.isdigit() but int() refuses it, and so does a 5000-digit number;
both used to be a 500."""

from __future__ import annotations

import pytest
from django.test import Client

ODD_DIGITS = ["²", "٣", "1²", "9" * 5000]


@pytest.mark.parametrize("raw", ODD_DIGITS)
def test_space_accept_with_an_odd_id_is_a_calm_refusal(
    alice_client: Client, couple: object, raw: str
) -> None:
    response = alice_client.post("/space/agreement/accept/", {"agreement": raw})
    assert response.status_code < 500


@pytest.mark.parametrize("raw", ODD_DIGITS)
def test_new_apology_ignores_an_odd_promise_id(alice_client: Client, couple: object, raw: str) -> None:
    assert alice_client.get("/trust/apologies/new/", {"promise": raw}).status_code == 200


@pytest.mark.parametrize("raw", ODD_DIGITS)
def test_new_journal_entry_ignores_an_odd_prompt_index(alice_client: Client, raw: str) -> None:
    assert alice_client.get("/journal/new/", {"prompt": f"daily:{raw}"}).status_code == 200
