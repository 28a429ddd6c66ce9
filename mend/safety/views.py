"""Pages of the private safety check. Only the person who took it ever sees anything here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mend.core.http import AuthedRequest
from mend.engine.safety import SAFETY_PLAN_STEPS, load_safety_bank

from . import services
from .forms import SafetyCheckForm
from .panel import crisis_in, panel_context
from .selectors import check_result, latest_check


@never_cache
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    check = latest_check(request.user)
    result = check_result(check) if check is not None else None
    return render(
        request,
        "safety/home.html",
        {"bank": load_safety_bank(), "check": check, "result": result},
    )


@never_cache
@login_required
def check(request: AuthedRequest) -> HttpResponse:
    form = SafetyCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.safety_check_submit(
                user=request.user,
                answers=form.answers(),
                note=form.cleaned_data["note"],
                now=timezone.now(),
            )
        except services.SafetyError as error:
            form.add_error(None, str(error))
        else:
            return redirect("safety:result")
    return render(
        request,
        "safety/check.html",
        {"form": form, "bank": load_safety_bank()},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def result(request: AuthedRequest) -> HttpResponse:
    latest = latest_check(request.user)
    context: dict[str, Any] = {"check": latest, "result": None}
    if latest is not None:
        outcome = check_result(latest)
        show_panel = outcome.concern or crisis_in(latest.note or "")
        context.update(
            result=outcome,
            show_panel=show_panel,
            plan_steps=SAFETY_PLAN_STEPS if outcome.concern else (),
            **panel_context(request.user, urgent=outcome.emergency_first),
        )
    return render(request, "safety/result.html", context)


@login_required
@require_POST
def dismiss(request: AuthedRequest) -> HttpResponse:
    if services.safety_check_dismiss(user=request.user, now=timezone.now()):
        messages.info(
            request,
            "Hidden from your start page. Your result stays private and you can open it here any time.",
        )
    return redirect("safety:home")


@login_required
@require_POST
def forget(request: AuthedRequest) -> HttpResponse:
    removed = services.safety_checks_forget(user=request.user, now=timezone.now())
    if removed:
        messages.info(request, "Your wellbeing check answers were deleted.")
    return redirect("safety:home")
