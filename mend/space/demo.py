"""Demo history for space: an earlier agreed break for alice and bob, one pause for bob, dana's plan."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mend.engine.content import break_reflection_prompts

from .clock import local_day
from .models import BreakAgreement, TimeOut
from .services import agreement_accept, agreement_end, agreement_propose, timeout_return, timeout_start


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    prompts = break_reflection_prompts()
    alice, bob, dana = users.alice, users.bob, users.dana
    if not BreakAgreement.objects.filter(couple=couple).exists():
        proposed_at = now - timedelta(days=36)
        agreement = agreement_propose(
            user=alice,
            starts_on=local_day(alice, proposed_at) + timedelta(days=1),
            length_days=7,
            rhythm="every_3_days",
            contact_presets=["practical_only", "checkins_only"],
            contact_rules="A phone call on the check-in evenings, after eight.",
            off_limits=["other_relationships", "big_decisions"],
            reflection_prompts=list(prompts[:3]),
            now=proposed_at,
        )
        agreement_accept(user=bob, agreement_id=agreement.pk, now=proposed_at + timedelta(hours=5))
        agreement_end(
            user=bob,
            agreement_id=agreement.pk,
            note="I think we've both had time to think. Can we talk on Saturday?",
            now=proposed_at + timedelta(days=6, hours=3),
        )
    if not TimeOut.objects.filter(owner=bob).exists():
        started = now - timedelta(days=12, hours=3)
        timeout_start(user=bob, minutes=20, now=started)
        timeout_return(user=bob, now=started + timedelta(minutes=23))
    if not BreakAgreement.objects.filter(owner=dana, couple__isnull=True).exists():
        written = now - timedelta(days=5)
        agreement_propose(
            user=dana,
            starts_on=local_day(dana, written),
            length_days=21,
            rhythm="none",
            contact_presets=["no_contact"],
            contact_rules="No texts unless it's about the flat.",
            off_limits=["checking_up"],
            reflection_prompts=[prompts[0], prompts[7]] if len(prompts) > 7 else list(prompts[:2]),
            own_prompts="Am I happier on the days I don't hear from him?",
            now=written,
        )
