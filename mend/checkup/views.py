"""Pages of the private check-up, the repair plan, the couple view and the history."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
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
from mend.couples.privacy import get_owned_or_404
from mend.couples.selectors import couple_state
from mend.engine.checkup import DISCLAIMER, AnswerError, CheckupResult, bank_ids
from mend.engine.plan import Plan, conversation_opener
from mend.safety.panel import crisis_in, panel_context

from . import selectors, services
from .charts import history_charts
from .forms import SectionForm, ShareForm
from .models import CheckupAttempt
from .tools import tool_link

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenerCheck:
    text: str
    checked: bool  # the message coach was available
    calm: bool
    notes: tuple[str, ...]


def check_opener(text: str) -> OpenerCheck:
    """Run the opener through the message coach when it is installed."""
    try:
        coach = importlib.import_module("mend.engine.coach")
        analyze = coach.analyze
    except (ImportError, AttributeError):
        return OpenerCheck(text=text, checked=False, calm=True, notes=())
    try:
        analysis = analyze(text)
    except Exception:  # a coach failure must not take the plan page down
        logger.exception("message coach failed on the conversation opener")
        return OpenerCheck(text=text, checked=False, calm=True, notes=())
    harmful = tuple(f"{f.kind}: {getattr(f, 'explanation', '')}".strip(": ") for f in analysis.harmful)
    hostility = float(analysis.scores.get("hostility", 0.0))
    calm = not harmful and not analysis.crisis and hostility < 0.5
    return OpenerCheck(text=text, checked=True, calm=calm, notes=harmful)


def _help_panel_context(user: Any, *, urgent: bool = False) -> dict[str, Any]:
    return {"show_help": True, **panel_context(user, urgent=urgent)}


def _bank_index(bank_id: str) -> int:
    try:
        return bank_ids().index(bank_id)
    except ValueError as error:
        raise Http404("Not found.") from error


def _resume_bank(attempt: CheckupAttempt | None) -> str:
    saved = attempt.answers if attempt is not None and isinstance(attempt.answers, dict) else {}
    return next((b for b in bank_ids() if b not in saved), bank_ids()[-1])


@never_cache
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    progress = selectors.progress(request.user)
    return render(
        request,
        "checkup/home.html",
        {
            "progress": progress,
            "sections": selectors.bank_progress(progress.open),
            "resume_bank": _resume_bank(progress.open),
            "retake_due": progress.retake_due(now),
            "retake_due_at": progress.retake_due_at(),
            "disclaimer": DISCLAIMER,
        },
    )


@login_required
@require_POST
def start(request: AuthedRequest) -> HttpResponse:
    attempt = services.attempt_start(user=request.user, now=timezone.now())
    return redirect("checkup:section", bank_id=_resume_bank(attempt))


@never_cache
@login_required
def section(request: AuthedRequest, bank_id: str) -> HttpResponse:
    index = _bank_index(bank_id)
    order = bank_ids()
    attempt = selectors.open_attempt(request.user)
    saved = (attempt.answers or {}).get(bank_id) if attempt is not None else None
    today = timezone.localdate()
    form = SectionForm(request.POST or None, bank_id=bank_id, today=today, saved=saved)
    if request.method == "POST" and form.is_valid():
        nav = request.POST.get("nav", "next")
        try:
            services.attempt_save_bank(
                user=request.user, bank_id=bank_id, answers=form.answers(), now=timezone.now()
            )
        except AnswerError as error:
            form.add_error(error.item_id if error.item_id in form.fields else None, str(error))
        else:
            target = _after_save(request, nav, index)
            if crisis_in(form.free_text()):
                return render(
                    request,
                    "checkup/saved_help.html",
                    {"next_url": target, **_help_panel_context(request.user)},
                )
            return redirect(target)
    sections = selectors.bank_progress(attempt)
    return render(
        request,
        "checkup/section.html",
        {
            "form": form,
            "bank": form.bank,
            "number": index + 1,
            "total": len(order),
            "previous": order[index - 1] if index > 0 else None,
            "is_last": index == len(order) - 1,
            "sections": sections,
            "saved_count": sum(1 for _, _, done in sections if done),
        },
        status=400 if form.errors else 200,
    )


def _after_save(request: AuthedRequest, nav: str, index: int) -> str:
    order = bank_ids()
    if nav == "back":
        return reverse("checkup:section", args=[order[index - 1]]) if index > 0 else reverse("checkup:home")
    if nav == "save":
        messages.info(request, "Saved. You can pick up where you left off at any time.")
        return reverse("checkup:home")
    if nav == "finish" or index == len(order) - 1:
        try:
            services.attempt_complete(user=request.user, now=timezone.now())
        except services.CheckupError as error:
            messages.error(request, str(error))
            attempt = selectors.open_attempt(request.user)
            return reverse("checkup:section", args=[_resume_bank(attempt)])
        return reverse("checkup:results")
    return reverse("checkup:section", args=[order[index + 1]])


def _results_context(attempt: CheckupAttempt | None) -> dict[str, Any]:
    result: CheckupResult | None = selectors.attempt_result(attempt) if attempt is not None else None
    return {"attempt": attempt, "result": result, "disclaimer": DISCLAIMER}


@never_cache
@login_required
def results(request: AuthedRequest) -> HttpResponse:
    attempt = selectors.latest_completed(request.user)
    return render(request, "checkup/results.html", _results_context(attempt))


@never_cache
@login_required
def attempt_results(request: AuthedRequest, pk: int) -> HttpResponse:
    attempt = get_owned_or_404(CheckupAttempt, request.user, pk=pk, completed_at__isnull=False)
    return render(request, "checkup/results.html", {**_results_context(attempt), "past": True})


def plan_steps(plan: Plan | None, result: CheckupResult | None = None) -> list[dict[str, Any]]:
    if plan is None:
        return []
    attachment = result.attachment if result is not None else None
    answered = attachment is not None and attachment.quadrant is not None
    return [
        {"step": step, "tool": tool_link(step.tool, attachment_answered=answered or result is None)}
        for step in plan.steps
    ]


@never_cache
@login_required
def plan(request: AuthedRequest) -> HttpResponse:
    attempt = selectors.latest_completed(request.user)
    context: dict[str, Any] = {"attempt": attempt, "plan": None, "disclaimer": DISCLAIMER}
    if attempt is not None:
        state = couple_state(request.user)
        result = selectors.attempt_result(attempt)
        current = selectors.current_plan(request.user, attempt, state, result)
        context.update(plan=current, steps=plan_steps(current, result))
        if current is not None and "safety" in current.variants:
            context.update(_help_panel_context(request.user, urgent=current.safety_band == "urgent"))
        elif current is not None and current.couple_exercises and result is not None:
            name = state.partner.display_name.split(" ")[0] if state.partner else None
            opener = conversation_opener(result, name=name)
            context["opener"] = check_opener(opener)
    return render(request, "checkup/plan.html", context)


@never_cache
@login_required
def couple(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    view = selectors.couple_view(request.user, state)
    return render(
        request,
        "checkup/couple.html",
        {"view": view, "steps": plan_steps(view.plan), "disclaimer": DISCLAIMER},
    )


@never_cache
@login_required
def share(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    current = selectors.own_share(request.user, state)
    completed = selectors.latest_completed(request.user) is not None
    active = current is not None and current.visibility == "shared"
    initial = (
        {"scales": current.scales, "items": current.items}
        if active and current is not None
        else {"scales": list(selectors.shareable_scale_keys()), "items": []}
    )
    form = ShareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_save(
                user=request.user,
                scales=form.cleaned_data["scales"],
                items=form.cleaned_data["items"],
                now=timezone.now(),
            )
        except services.CheckupError as error:
            form.add_error(None, str(error))
        else:
            messages.info(request, "Saved. You can change or take back what you share at any time.")
            return redirect("checkup:couple")
    return render(
        request,
        "checkup/share.html",
        {"form": form, "state": state, "completed": completed, "active": active},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def share_retract(request: AuthedRequest) -> HttpResponse:
    if services.share_retract(user=request.user, now=timezone.now()):
        messages.info(request, "You no longer share any check-up results with your partner.")
    return redirect("checkup:share")


@never_cache
@login_required
def history(request: AuthedRequest) -> HttpResponse:
    attempts = selectors.completed_attempts(request.user)
    progress = selectors.progress(request.user)
    return render(
        request,
        "checkup/history.html",
        {
            "attempts": list(reversed(attempts)),
            "charts": history_charts(attempts),
            "changes": selectors.plan_history(attempts),
            "retake_due_at": progress.retake_due_at(),
            "retake_due": progress.retake_due(timezone.now()),
        },
    )
