"""Demo history for trust: six weeks of promises, notes both ways, one apology with a response,
moments whose balance improves, and a few solo items for dana. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mend.engine.content import acts

from . import services
from .models import Apology, Promise

ALICE_PROMISES = (
    ("Be home by seven on Wednesday so we can eat together.", True),
    ("Put my phone in the drawer during dinner.", True),
    ("Book the table for Friday.", True),
    ("Call your mum back about Sunday.", False),
    ("Ask before inviting friends over.", True),
    ("Take the car in for its service.", True),
    ("Plan a walk for Saturday morning.", True),
    ("Tell you straight away if work makes me late.", True),
    ("Sort the recycling without being reminded.", True),
    ("Leave work on time on Thursday.", False),
    ("Make the Sunday coffee.", True),
    ("Text when I leave the gym.", True),
)
BOB_PROMISES = (
    ("Cook on Tuesdays.", True),
    ("Not check email after nine.", True),
    ("Be ready on time for the cinema.", False),
    ("Fix the bathroom light.", True),
    ("Ask how your presentation went.", True),
    ("Keep Saturday free for us.", True),
    ("Pay the electricity bill this week.", True),
    ("Come to dinner on Friday instead of working late.", False),
    ("Walk the dog in the mornings this week.", True),
    ("Say goodnight without my phone in my hand.", True),
    ("Help plan your sister's birthday.", True),
    ("Water the plants while you are away.", True),
)
NOTES_FROM_ALICE = (
    "Thank you for cooking on Tuesday even after your long shift. It made the evening feel easy.",
    "I noticed you put your phone away when I was telling you about my week. I felt really listened to.",
    "You fixed the bathroom light without being asked twice. Small, but it told me you heard me.",
    "I loved laughing with you on the walk on Saturday. More of that, please.",
)
NOTES_FROM_BOB = (
    "You booked the table and even remembered the quiet corner. Thank you for thinking of that.",
    "Thank you for telling me straight away when you were going to be late. It took the worry away.",
    "I appreciated how calmly you talked about money with me last night.",
    "The coffee this morning was perfect. Thank you for starting the day kindly.",
)


DANA_PROMISES = (
    ("Go to bed before midnight on weeknights.", True),
    ("Write down what I want to say before the next hard conversation.", True),
    ("Stop checking his profile.", False),
    ("Call my sister about how I really feel.", True),
    ("Take a walk on my own on Sunday.", True),
)


@dataclass(frozen=True)
class History:
    """One person's own trust history, oldest first."""

    promises: tuple[tuple[str, bool], ...]  # (text, kept), falling due every `promise_every_days`
    promise_first_days: float  # the first one fell due this many days ago
    promise_every_days: float
    moments: tuple[tuple[int, int], ...]  # (good, hard) per week
    moment_notes: tuple[str, str]  # a note on a good moment, and on the first hard one
    acts: int
    notes: tuple[str, ...] = ()  # appreciation notes sent to the partner
    notes_first_days: int = 0
    notes_every_days: int = 0
    offset_hours: int = 0  # so two people's promises do not fall due at the same minute


ALICE = History(
    promises=ALICE_PROMISES,
    promise_first_days=42,
    promise_every_days=3.5,
    moments=((3, 3), (4, 3), (5, 2), (6, 2), (8, 2), (9, 1)),
    moment_notes=("A long laugh in the kitchen.", "Argued about the dishes again."),
    acts=5,
    notes=NOTES_FROM_ALICE,
    notes_first_days=36,
    notes_every_days=9,
)
BOB = History(
    promises=BOB_PROMISES,
    promise_first_days=42,
    promise_every_days=3.5,
    moments=((2, 3), (4, 3), (4, 2), (6, 2), (7, 1), (8, 1)),
    moment_notes=("She waited up for me.", "Cold silence after dinner."),
    acts=4,
    notes=NOTES_FROM_BOB,
    notes_first_days=33,
    notes_every_days=10,
    offset_hours=5,
)
DANA = History(
    promises=DANA_PROMISES,
    promise_first_days=30,
    promise_every_days=6,
    moments=((1, 3), (2, 2), (3, 2), (4, 1)),
    moment_notes=("Felt calm all evening.", "Cried after the phone call."),
    acts=2,
)


def _seed_person(user: Any, history: History, now: datetime) -> list[Promise]:
    """Promises made and kept or missed, notes sent, moments logged and small acts done; the promises."""
    made = _promises(user, history, now)
    for i, text in enumerate(history.notes):
        at = now - timedelta(days=history.notes_first_days - i * history.notes_every_days)
        services.appreciation_create(user=user, text=text, send=True, now=at)
    _moments(user, now, history.moments, history.moment_notes)
    _acts(user, now, history.acts)
    return made


def _moments(user: Any, now: datetime, plan: tuple[tuple[int, int], ...], notes: tuple[str, str]) -> None:
    """`plan` holds (positive, negative) counts per week, oldest first."""
    for week, (positive, negative) in enumerate(plan):
        start = now - timedelta(weeks=len(plan) - week)
        for i in range(positive + negative):
            kind = "positive" if i < positive else "negative"
            at = start + timedelta(hours=11 + i * 13)
            note = notes[0] if (kind == "positive" and i == 0 and week % 2) else ""
            if kind == "negative" and i == positive and week == 0:
                note = notes[1]
            services.moment_log(user=user, kind=kind, note=note, now=at)


def _promises(user: Any, history: History, now: datetime) -> list[Promise]:
    made: list[Promise] = []
    for i, (text, kept) in enumerate(history.promises):
        days = history.promise_first_days - i * history.promise_every_days
        due = now - timedelta(days=days, hours=history.offset_hours)
        promise = services.promise_create(user=user, text=text, due_at=due, now=due - timedelta(days=3))
        if kept:
            promise = services.promise_mark_kept(user=user, promise=promise, now=due - timedelta(hours=2))
        else:
            promise = services.promise_mark_missed(user=user, promise=promise, now=due + timedelta(hours=3))
        made.append(promise)
    return made


def _acts(user: Any, now: datetime, count: int) -> None:
    catalogue = [a for a in acts() if a.kind != "long_distance"]
    step = max(len(catalogue) // (count + 1), 1)
    for i in range(count):
        day = (now - timedelta(days=2 + i * 3)).date()
        services.act_log(user=user, act_id=catalogue[(i + 1) * step].id, outcome="done", day=day, now=now)


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    alice, bob, dana = users.alice, users.bob, users.dana
    if not Promise.objects.owned_by(alice).exists():
        _seed_couple(alice, bob, now)
    if not Promise.objects.owned_by(dana).exists() and not Apology.objects.owned_by(dana).exists():
        _seed_dana(dana, now)


def _seed_couple(alice: Any, bob: Any, now: datetime) -> None:
    mine = _seed_person(alice, ALICE, now)
    theirs = _seed_person(bob, BOB, now)
    for promise in [p for p in theirs if p.status == "kept"][:-1]:
        services.promise_respond(
            user=alice, promise=promise, response="confirmed", now=promise.due_at + timedelta(hours=6)
        )
    for i, promise in enumerate(p for p in mine if p.status == "kept"):
        if i == 3:
            services.promise_respond(
                user=bob,
                promise=promise,
                response="disputed",
                note="It happened, but only after I asked twice.",
                now=promise.due_at + timedelta(hours=8),
            )
        elif i < 7:
            services.promise_respond(
                user=bob, promise=promise, response="confirmed", now=promise.due_at + timedelta(hours=8)
            )
    services.promise_create(
        user=alice,
        text="Plan our Sunday afternoon together.",
        due_at=now + timedelta(hours=30),
        now=now - timedelta(days=1),
    )
    services.promise_create(
        user=bob,
        text="Phone the plumber about the leak.",
        due_at=now + timedelta(days=3),
        now=now - timedelta(days=2),
    )
    services.promise_create(
        user=alice,
        text="Go for a run three times this week.",
        due_at=now + timedelta(days=4),
        to_partner=False,
        now=now - timedelta(days=1),
    )

    missed_dinner = next(p for p in theirs if "dinner on Friday" in p.text)
    apology = services.apology_save(
        user=bob,
        promise=missed_dinner,
        values={
            "did": "I stayed at work on Friday after promising to be at dinner, and I only told you when you were already waiting.",
            "impact": "You sat alone at the table and it felt like work matters more than you. It also broke a promise right when we are trying to rebuild trust.",
            "responsibility": "That was my choice and my mistake. Nobody made me stay.",
            "change": "On the evenings we plan, I will leave at six and tell my team in the morning that I am leaving on time.",
        },
        now=missed_dinner.due_at + timedelta(days=1),
    )
    services.apology_send(user=bob, apology=apology, now=missed_dinner.due_at + timedelta(days=1, hours=1))
    services.apology_respond(
        user=alice,
        apology=apology,
        text="Thank you for owning it without excuses. I am still a bit sore, but this helps. Let's try Friday again.",
        now=missed_dinner.due_at + timedelta(days=2),
    )

    services.received_mark_read(user=alice, now=now - timedelta(days=5))
    services.received_mark_read(user=bob, now=now - timedelta(days=2))
    services.appreciation_create(
        user=bob,
        text="Thank you for sitting with me while I made that difficult phone call.",
        send=True,
        now=now - timedelta(hours=20),
    )
    services.appreciation_create(
        user=alice,
        text="Draft: something about how patient you were with my parents.",
        send=False,
        now=now - timedelta(days=1),
    )

    phone = services.agreement_create(
        user=alice,
        text="I will tell you when I am messaging my ex, and show you if you ask.",
        share=True,
        now=now - timedelta(days=30),
    )
    services.agreement_update(
        user=alice,
        agreement=phone,
        text="I will tell you when I am in touch with my ex and what it was about, without waiting to be asked.",
        revisit_on=(now + timedelta(days=14)).date(),
        share=True,
        now=now - timedelta(days=9),
    )
    services.agreement_create(
        user=bob,
        text="Any spending over 100 pounds from the joint account, I mention the same day.",
        share=True,
        revisit_on=(now + timedelta(days=21)).date(),
        now=now - timedelta(days=25),
    )
    services.agreement_create(
        user=alice,
        text="Note to self: say it when I feel jealous instead of going quiet.",
        share=False,
        now=now - timedelta(days=12),
    )


def _seed_dana(dana: Any, now: datetime) -> None:
    _seed_person(dana, DANA, now)
    services.promise_create(
        user=dana,
        text="Book a session with a counsellor.",
        due_at=now + timedelta(days=2),
        now=now - timedelta(days=1),
    )
    services.apology_save(
        user=dana,
        values={
            "did": "I said things during our last fight that were meant to hurt.",
            "impact": "You probably felt attacked and small, and it made it harder for you to talk to me.",
            "responsibility": "I own those words. They were mine.",
            "change": "When I feel that angry, I will say I need a pause and come back when I can speak kindly.",
        },
        now=now - timedelta(days=4),
    )
    services.agreement_create(
        user=dana,
        text="If we talk again, I will be honest about who I am seeing.",
        share=False,
        now=now - timedelta(days=10),
    )
