"""Pages for the weekly check-in and goals. Thin: forms validate, services write, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mend.core.http import AuthedRequest
from mend.couples.privacy import get_owned_or_404, get_visible_or_404
from mend.couples.selectors import CoupleState, couple_state

from . import calendar, charts, selectors, services
from .forms import CheckinForm, GoalCreateForm, GoalEditForm, ScheduleForm, StepForm
from .models import CheckinAnswer, CheckinSchedule, Goal


def _panel(user: Any) -> dict[str, Any]:
    try:
        from mend.safety.panel import panel_context

        return {"show_panel": True, **panel_context(user)}
    except ImportError:
        return {"show_panel": True}


def _slots(
    user: Any, state: CoupleState, schedule: CheckinSchedule | None, now: Any
) -> list[tuple[str, Any]]:
    if schedule is None:
        return []
    people = [("You", user)] + ([(state.partner.display_name, state.partner)] if state.partner else [])
    return [
        (
            name,
            calendar.slot_for_zone(
                weekday=schedule.weekday,
                local_time=schedule.local_time,
                time_zone=schedule.time_zone,
                viewer_zone=person.time_zone,
                near=now,
            ),
        )
        for name, person in people
    ]


def _answers_side_by_side(view: selectors.WeekView) -> list[dict[str, Any]]:
    rows = []
    for key, question, _hint in selectors.checkin_questions():
        rows.append(
            {
                "question": question,
                "mine": getattr(view.mine, key, "") if view.mine else "",
                "partner": getattr(view.partner_answer, key, "") if view.partner_answer else "",
            }
        )
    return rows


def _agreed_actions(view: selectors.WeekView) -> list[dict[str, Any]]:
    items = []
    for answer in (view.mine, view.partner_answer):
        if answer is None:
            continue
        for index, text in enumerate(answer.actions or []):
            items.append({"answer_pk": answer.pk, "index": index, "text": text})
    return items


def _initial(answer: CheckinAnswer | None) -> dict[str, Any]:
    if answer is None:
        return {}
    return {
        "went_well": answer.went_well,
        "felt_hard": answer.felt_hard,
        "improve": answer.improve,
        "closeness": answer.closeness,
        "stress": answer.stress,
        "actions": "\n".join(answer.actions or []),
    }


@never_cache
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """This week's check-in: the timer, the questions, and the answers once revealed."""
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    form = CheckinForm(request.POST or None)
    extra: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.checkin_answer_save(
                    user=user,
                    went_well=data["went_well"],
                    felt_hard=data["felt_hard"],
                    improve=data["improve"],
                    closeness=data["closeness"],
                    stress=data["stress"],
                    actions=data["actions"],
                    submit="submit" in request.POST,
                    confirm_sensitive=bool(data.get("confirm_sensitive")),
                    now=now,
                )
            except services.RitualError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                if result.crisis:
                    extra.update(_panel(user), held_back=result.held_back)
                    form = CheckinForm(initial={**_initial(result.answer), "confirm_sensitive": True})
                else:
                    if result.revealed:
                        messages.success(
                            request, "You have both answered: your answers are side by side below."
                        )
                    elif "submit" in request.POST:
                        messages.success(
                            request, "Submitted. You can still change it until your answers are revealed."
                        )
                    else:
                        messages.success(request, "Saved for later. Only you can see it.")
                    return redirect("rituals:home")
        else:
            status = 400
    view, schedule = selectors.current_week_view(user, state, now)
    if request.method != "POST":
        form = CheckinForm(initial=_initial(view.mine))
        wants_support = request.GET.get("support") == "1" and view.mine is not None and not view.locked
        if wants_support and view.mine is not None and services.crisis_in_any(view.mine.texts()):
            extra.update(_panel(user), share_confirm=True)
    context = {
        "view": view,
        "state": state,
        "schedule": schedule,
        "slots": _slots(user, state, schedule, now),
        "form": form,
        "side_by_side": _answers_side_by_side(view) if (view.revealed or view.partner_answer) else [],
        "agreed_actions": _agreed_actions(view),
        "promise_enabled": selectors.promise_maker() is not None,
        "now": now,
        **extra,
    }
    return render(request, "rituals/home.html", context, status=status)


@login_required
@require_POST
def share_early(request: AuthedRequest) -> HttpResponse:
    confirm = request.POST.get("confirm_sensitive") == "1"
    try:
        result = services.checkin_share_early(
            user=request.user, confirm_sensitive=confirm, now=timezone.now()
        )
    except services.RitualError as error:
        messages.error(request, str(error))
        return redirect("rituals:home")
    if result.held_back:
        messages.error(
            request,
            "Your answer mentions something that sounds serious, so it stays private for now. "
            "Support options are below; you can still share it if you are sure it is safe.",
        )
        return redirect(reverse("rituals:home") + "?support=1")
    messages.success(
        request, "Your partner can now read your answers. Theirs stay private until they submit."
    )
    return redirect("rituals:home")


@login_required
@require_POST
def timer_start(request: AuthedRequest) -> HttpResponse:
    services.checkin_timer_start(user=request.user, now=timezone.now())
    return redirect("rituals:home")


@never_cache
@login_required
def schedule(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    current = selectors.schedule_for(user, state)
    initial = (
        {"weekday": current.weekday, "local_time": current.local_time, "time_zone": current.time_zone}
        if current
        else {"weekday": 6, "local_time": "19:00", "time_zone": user.time_zone}
    )
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_set(user=user, now=now, **form.cleaned_data)
        except services.RitualError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Check-in time saved.")
            return redirect("rituals:home")
    return render(
        request,
        "rituals/schedule.html",
        {"form": form, "schedule": current, "slots": _slots(user, state, current, now), "state": state},
        status=400 if form.errors else 200,
    )


def _chart_context(user: Any, hist: selectors.History, partner_name: str) -> dict[str, Any]:
    rows = list(reversed(hist.rows))  # oldest first
    weeks = [row.week.week_start for row in rows]
    lines: list[tuple[str, str, list[int | None]]] = [
        ("mine-closeness", "My closeness", [row.mine.closeness if row.mine else None for row in rows]),
        ("mine-stress", "My stress", [row.mine.stress if row.mine else None for row in rows]),
    ]
    if any(row.partner for row in rows):
        name = partner_name or "Partner"
        lines += [
            (
                "partner-closeness",
                f"{name}'s closeness",
                [row.partner.closeness if row.partner else None for row in rows],
            ),
            (
                "partner-stress",
                f"{name}'s stress",
                [row.partner.stress if row.partner else None for row in rows],
            ),
        ]
    return {"chart": charts.trend_chart(weeks, lines), "table_rows": hist.rows}


@never_cache
@login_required
def history(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    state = couple_state(request.user)
    hist = selectors.history(request.user, state, now)
    partner_name = state.partner.display_name if state.partner else ""
    return render(
        request,
        "rituals/history.html",
        {
            "history": hist,
            "state": state,
            "partner_name": partner_name,
            **_chart_context(request.user, hist, partner_name),
        },
    )


@never_cache
@login_required
def week_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    week = selectors.visible_week_or_404(request.user, pk)
    state = couple_state(request.user)
    view = selectors.week_view(request.user, state, week, week.week_start)
    return render(
        request,
        "rituals/week.html",
        {
            "view": view,
            "week": week,
            "side_by_side": _answers_side_by_side(view),
            "agreed_actions": _agreed_actions(view),
            "promise_enabled": selectors.promise_maker() is not None,
        },
    )


@login_required
@require_POST
def action_goal(request: AuthedRequest, pk: int, index: int) -> HttpResponse:
    answer = get_visible_or_404(CheckinAnswer, request.user, pk=pk)
    try:
        goal = services.action_to_goal(user=request.user, answer=answer, index=index, now=timezone.now())
    except services.RitualError as error:
        messages.error(request, str(error))
        return redirect("rituals:home")
    messages.success(request, "Added as a goal. Break it into small steps below.")
    return redirect("rituals:goal", pk=goal.pk)


@login_required
@require_POST
def action_promise(request: AuthedRequest, pk: int, index: int) -> HttpResponse:
    answer = get_visible_or_404(CheckinAnswer, request.user, pk=pk)
    if selectors.promise_maker() is None:
        raise Http404("Not found.")
    try:
        services.action_to_promise(user=request.user, answer=answer, index=index, now=timezone.now())
    except services.RitualError as error:
        messages.error(request, str(error))
        return redirect("rituals:home")
    messages.success(request, "Added to your promises, due in a week.")
    return redirect("/trust/")


# --------------------------------------------------------------------------- goals


def _goal_cards(user: Any, goals: list[Goal]) -> list[dict[str, Any]]:
    cards = []
    for goal in goals:
        done, total, percent = selectors.progress(goal)
        cards.append(
            {
                "goal": goal,
                "done": done,
                "total": total,
                "percent": percent,
                "mine": goal.owner_id == user.pk,
                "can_work": selectors.can_work_on(user, goal),
            }
        )
    return cards


@never_cache
@login_required
def goals(request: AuthedRequest) -> HttpResponse:
    cards = _goal_cards(request.user, selectors.goals_for(request.user))
    return render(
        request,
        "rituals/goals.html",
        {
            "active": [c for c in cards if c["goal"].status != Goal.Status.DONE],
            "reached": [c for c in cards if c["goal"].status == Goal.Status.DONE],
            "suggestions": selectors.goal_suggestions(),
        },
    )


@never_cache
@login_required
def goal_new(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    suggestion = selectors.suggestion_by_id(request.GET.get("suggestion", "")[:40])
    initial: dict[str, Any] = {"owners": "us" if state.is_linked else "me"}
    if suggestion is not None:
        initial.update(
            title=suggestion.title,
            why=suggestion.why,
            steps="\n".join(suggestion.first_steps),
            suggestion_id=suggestion.id,
        )
    form = GoalCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = services.goal_create(
                user=request.user,
                title=data["title"],
                why=data["why"],
                ours=data["owners"] == "us",
                visibility=data["visibility"],
                steps=data["steps"],
                suggestion_id=data["suggestion_id"],
                now=timezone.now(),
            )
        except services.RitualError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Goal saved.")
            return redirect("rituals:goal", pk=goal.pk)
    return render(
        request,
        "rituals/goal_form.html",
        {"form": form, "editing": None, "state": state},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def goal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.visible_goal_or_404(request.user, pk)
    card = _goal_cards(request.user, [goal])[0]
    return render(
        request, "rituals/goal.html", {**card, "steps": list(goal.steps.all()), "step_form": StepForm()}
    )


@never_cache
@login_required
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal: Goal = get_owned_or_404(Goal, request.user, pk=pk)
    initial = {
        "title": goal.title,
        "why": goal.why,
        "owners": "us" if goal.ours else "me",
        "visibility": goal.visibility,
        "status": goal.status,
    }
    form = GoalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_update(
                user=request.user,
                goal=goal,
                title=data["title"],
                why=data["why"],
                ours=data["owners"] == "us",
                visibility=data["visibility"],
                status=data["status"],
                now=timezone.now(),
            )
        except services.RitualError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Goal updated.")
            return redirect("rituals:goal", pk=goal.pk)
    return render(
        request,
        "rituals/goal_form.html",
        {"form": form, "editing": goal, "state": couple_state(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def goal_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    goal: Goal = get_owned_or_404(Goal, request.user, pk=pk)
    services.goal_delete(user=request.user, goal=goal)
    messages.success(request, "Goal deleted.")
    return redirect("rituals:goals")


def _step_response(request: AuthedRequest, goal_pk: int) -> HttpResponse:
    if request.htmx:
        goal = selectors.visible_goal_or_404(request.user, goal_pk)
        card = _goal_cards(request.user, [goal])[0]
        return render(
            request, "rituals/_steps.html", {**card, "steps": list(goal.steps.all()), "step_form": StepForm()}
        )
    return redirect("rituals:goal", pk=goal_pk)


@login_required
@require_POST
def step_add(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.steps_goal_or_404(request.user, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.goal_step_add(
                user=request.user, goal=goal, text=form.cleaned_data["text"], now=timezone.now()
            )
        except services.RitualError as error:
            form.add_error(None, str(error))
    if form.errors:
        card = _goal_cards(request.user, [goal])[0]
        return render(
            request,
            "rituals/goal.html",
            {**card, "steps": list(goal.steps.all()), "step_form": form},
            status=400,
        )
    return _step_response(request, goal.pk)


@login_required
@require_POST
def step_toggle(request: AuthedRequest, pk: int, step_id: int) -> HttpResponse:
    goal = selectors.steps_goal_or_404(request.user, pk)
    step = selectors.step_or_404(goal, step_id)
    services.goal_step_set_done(user=request.user, step=step, done=step.done_at is None, now=timezone.now())
    return _step_response(request, goal.pk)


@login_required
@require_POST
def step_delete(request: AuthedRequest, pk: int, step_id: int) -> HttpResponse:
    goal = selectors.steps_goal_or_404(request.user, pk)
    step = selectors.step_or_404(goal, step_id)
    services.goal_step_delete(user=request.user, step=step)
    return _step_response(request, goal.pk)
