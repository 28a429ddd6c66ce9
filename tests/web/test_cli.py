from __future__ import annotations

import pytest
from django.utils import timezone

from mend.accounts.models import User
from mend.cli import main
from mend.core.demo import seed_demo
from mend.couples.models import Couple
from mend.couples.selectors import couple_state

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent() -> None:
    now = timezone.now()
    first = seed_demo(now=now)
    counts = {model.__name__: model.objects.count() for model in (User, Couple)}
    second = seed_demo(now=now)
    assert {model.__name__: model.objects.count() for model in (User, Couple)} == counts
    assert first.alice == second.alice
    assert couple_state(first.alice).partner == first.bob
    assert couple_state(first.charlie).couple is None and couple_state(first.dana).couple is None


def test_cli_help_and_passthrough(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "serve" in capsys.readouterr().out
    main(["check"])
    assert "no issues" in capsys.readouterr().out
