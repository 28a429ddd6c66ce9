"""Two partners submitting at the same instant: both answers are kept and the reveal happens once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connections

from mend.rituals import services
from mend.rituals.models import CheckinAnswer, CheckinWeek


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []
    results: list[object] = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_keep_both_answers(alice, bob, couple, now):
    def submit(user, text):
        return lambda: services.checkin_answer_save(
            user=user, went_well=text, closeness=6, stress=4, submit=True, now=now
        )

    results, errors = _race(submit(alice, "ALICE-answer"), submit(bob, "BOB-answer"))
    assert errors == []
    assert len(results) == 2
    assert CheckinWeek.objects.count() == 1  # one week, created once
    answers = {a.owner_id: a for a in CheckinAnswer.objects.all()}
    assert answers[alice.pk].went_well == "ALICE-answer"
    assert answers[bob.pk].went_well == "BOB-answer"
    week = CheckinWeek.objects.get()
    assert week.revealed_at is not None  # whichever came second revealed both
    assert sum(1 for result in results if result.revealed) == 1
    assert all(a.visibility == "shared" for a in answers.values())


@pytest.mark.django_db(transaction=True)
def test_same_person_twice_keeps_one_row(alice, couple, now):
    def save(text, minutes):
        return lambda: services.checkin_answer_save(
            user=alice, went_well=text, now=now + timedelta(minutes=minutes)
        )

    _results, errors = _race(save("one", 0), save("two", 1))
    assert errors == []
    assert CheckinAnswer.objects.filter(owner=alice).count() == 1
    assert CheckinAnswer.objects.get(owner=alice).went_well in {"one", "two"}
