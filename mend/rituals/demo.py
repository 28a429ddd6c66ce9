"""Demo history: eight weeks of check-ins for alice and bob, slowly getting better, a few goals with
steps, and some solo weekly reviews for dana. Idempotent: anything already there is left alone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from mend.couples.privacy import Visibility

from . import services
from .models import CheckinSchedule, CheckinWeek, Goal

# weeks ago -> (alice closeness, alice stress, bob closeness, bob stress); None = that person skipped
COUPLE_WEEKS: dict[int, tuple[int, int, int | None, int | None]] = {
    8: (3, 8, 4, 7),
    7: (4, 8, 4, 7),
    6: (4, 7, 5, 7),
    5: (5, 6, None, None),  # bob missed this one: alice's answer stays private to her
    4: (5, 6, 5, 6),
    3: (6, 5, 6, 5),
    2: (6, 5, 7, 4),
    1: (7, 4, 7, 4),
}

ALICE_TEXTS = [
    (
        "We cooked together on Saturday and laughed a lot.",
        "The argument about money on Wednesday.",
        "Stop talking about bills late at night.",
    ),
    (
        "You texted me at lunch just to ask how I was.",
        "I felt alone on Thursday evening.",
        "Put our phones away at dinner.",
    ),
    (
        "Our walk by the river.",
        "Your work trip; I missed you and got short with you.",
        "Say when I'm struggling instead of going quiet.",
    ),
    (
        "You listened to me about my sister without fixing it.",
        "The chores list still feels one-sided.",
        "Split the weekly shop.",
    ),
    ("Sunday breakfast in bed.", "Not much, honestly.", "Plan one evening out this month."),
    (
        "We used our pause word and it worked.",
        "I was tired all week.",
        "Go to bed at the same time twice a week.",
    ),
    (
        "Your thank-you note on the fridge.",
        "Planning the holidays with both families.",
        "Decide the holiday plan together on Sunday.",
    ),
    ("Feeling like a team again.", "Still a bit tense about money.", "Keep our monthly money talk."),
]
BOB_TEXTS = [
    (
        "The dinner we cooked together.",
        "I shut down when we argued and walked off.",
        "Take a proper break and come back, not just leave.",
    ),
    (
        "You were patient with me when I was stressed.",
        "I worked late three nights.",
        "Be home by seven on two evenings.",
    ),
    ("The river walk.", "I felt criticised about the dishes.", "Ask instead of assuming."),
    ("Talking about your sister.", "Chores.", "Make a fair list together."),
    ("Breakfast on Sunday.", "Work again.", "Tell you earlier when I'll be late."),
    ("The pause word.", "I snapped at you on Tuesday; sorry.", "Notice when I'm tired and say so."),
    ("You remembered my dentist appointment.", "The holiday plans.", "Sunday planning session."),
]
ALICE_ACTIONS = [
    ["No money talk after 9 pm"],
    ["Phones away at dinner"],
    ["Walk on Sundays"],
    ["Split the weekly shop"],
]
DANA_WEEKS = {
    4: (
        4,
        7,
        "I went for a swim twice.",
        "I kept replaying our last fight.",
        "Write down what I actually want.",
    ),
    3: (
        5,
        6,
        "A good talk with my friend.",
        "Deciding whether to tell him about mend.",
        "Journal three times this week.",
    ),
    2: (5, 6, "I said no to extra work.", "Lonely on the weekend.", "Plan something for Saturday."),
    1: (
        6,
        5,
        "Felt calmer after the walk.",
        "He cancelled our plans again.",
        "Tell him calmly how that lands.",
    ),
}


def _review(
    user: Any,
    texts: tuple[str, str, str],
    *,
    closeness: int,
    stress: int,
    now: datetime,
    actions: list[str] | None = None,
) -> None:
    """One submitted weekly answer: what went well, what felt hard, one thing to improve (the default action)."""
    well, hard, improve = texts
    services.checkin_answer_save(
        user=user,
        went_well=well,
        felt_hard=hard,
        improve=improve,
        closeness=closeness,
        stress=stress,
        actions=actions if actions is not None else [improve],
        submit=True,
        now=now,
    )


def _schedule(user: Any, *, weekday: int, at: time, now: datetime, **scope: Any) -> None:
    """The weekly check-in time, unless one is already set for this scope."""
    if not CheckinSchedule.objects.filter(**scope).exists():
        services.schedule_set(user=user, weekday=weekday, local_time=at, time_zone=user.time_zone, now=now)


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    alice, bob, dana = users.alice, users.bob, users.dana
    _schedule(alice, weekday=6, at=time(19, 0), now=now - timedelta(weeks=9), couple=couple)
    if not CheckinWeek.objects.filter(couple=couple).exists():
        _seed_couple(alice, bob, now)
    _schedule(dana, weekday=0, at=time(8, 0), now=now - timedelta(weeks=5), owner=dana, couple__isnull=True)
    if not CheckinWeek.objects.filter(owner=dana, couple__isnull=True).exists():
        for weeks_ago, (closeness, stress, well, hard, improve) in sorted(DANA_WEEKS.items(), reverse=True):
            when = now - timedelta(weeks=weeks_ago)
            _review(dana, (well, hard, improve), closeness=closeness, stress=stress, now=when)
    if not Goal.objects.filter(owner__in=[alice, bob, dana]).exists():
        _seed_goals(alice, bob, dana, now)


def _seed_couple(alice: Any, bob: Any, now: datetime) -> None:
    bob_texts = iter(BOB_TEXTS)
    for i, (weeks_ago, (a_close, a_stress, b_close, b_stress)) in enumerate(
        sorted(COUPLE_WEEKS.items(), reverse=True)
    ):
        moment = now - timedelta(weeks=weeks_ago)
        actions = ALICE_ACTIONS[i % len(ALICE_ACTIONS)]
        _review(alice, ALICE_TEXTS[i], closeness=a_close, stress=a_stress, actions=actions, now=moment)
        if b_close is not None and b_stress is not None:
            _review(
                bob, next(bob_texts), closeness=b_close, stress=b_stress, now=moment + timedelta(minutes=25)
            )
    # This week: bob has answered and is waiting for alice.
    _review(
        bob,
        ("You surprised me with coffee on Monday.", "A long week at work.", "Keep Sunday evenings free."),
        closeness=8,
        stress=4,
        actions=["Keep Sunday evenings free"],
        now=now,
    )


def _seed_goals(alice: Any, bob: Any, dana: Any, now: datetime) -> None:
    def add(user: Any, *, done: int, weeks_ago: int, **fields: Any) -> None:
        goal = services.goal_create(user=user, now=now - timedelta(weeks=weeks_ago), **fields)
        for step in list(goal.steps.all())[:done]:
            services.goal_step_set_done(
                user=user, step=step, done=True, now=now - timedelta(weeks=weeks_ago - 1)
            )

    add(
        alice,
        done=2,
        weeks_ago=6,
        title="More time that is just for us",
        why="We only talk about logistics lately.",
        ours=True,
        visibility=Visibility.SHARED,
        steps=[
            "One screen-free evening a week",
            "Walk after dinner twice a week",
            "Take turns choosing the evening",
        ],
        suggestion_id="quality_time",
    )
    add(
        bob,
        done=1,
        weeks_ago=5,
        title="Settle disagreements without shouting",
        why="I don't want to walk out on you again.",
        ours=True,
        visibility=Visibility.SHARED,
        steps=["Agree a pause word", "Come back within 30 minutes", "Say one thing the other did well"],
        suggestion_id="settle_arguments",
    )
    add(
        alice,
        done=0,
        weeks_ago=2,
        title="Save for a trip to Lisbon",
        why="Our shared dream from when we met.",
        ours=True,
        visibility=Visibility.SHARED,
        steps=["Each write three wishes for the trip", "Open a joint savings pot", "Pick dates"],
        suggestion_id="shared_dream",
    )
    add(
        alice,
        done=1,
        weeks_ago=3,
        title="Say what I need instead of going quiet",
        why="Just for me.",
        steps=["Notice when I go quiet", "Use one I-statement a day"],
    )
    add(
        dana,
        done=1,
        weeks_ago=3,
        title="Be clearer about what I want",
        why="So that whatever happens, I chose it.",
        steps=["Journal three times a week", "List my non-negotiables", "Talk to a counsellor"],
    )
