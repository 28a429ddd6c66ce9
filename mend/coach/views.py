from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from mend.core.http import AuthedRequest
from mend.couples.privacy import get_owned_or_404
from mend.engine.coach import escalation_risk, reflect

from . import services
from .forms import ConversationForm, ListenForm, MessageForm
from .models import SavedDraft


def _help_context(request: AuthedRequest, view: services.CoachView | None) -> dict[str, Any]:
    if view is None or not view.analysis.crisis:
        return {}
    from mend.safety.panel import panel_context

    template = select_template(["safety/_help_panel.html", "coach/_help_fallback.html"])
    return {"help_panel_template": template.template.name, **panel_context(request.user, urgent=True)}


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Before you send: the analysis updates as you type (htmx) or on submit without JavaScript."""
    data = request.POST if request.method == "POST" else (request.GET if "text" in request.GET else None)
    form = MessageForm(data)
    view = None
    if data is not None and form.is_valid():
        view = services.coach_view(form.cleaned_data["text"])
    context = {"form": form, "view": view, **_help_context(request, view)}
    status = 400 if form.errors else 200
    if request.htmx:
        return render(request, "coach/_analysis.html", context, status=status)
    context["drafts"] = SavedDraft.objects.owned_by(request.user)[:20]
    return render(request, "coach/home.html", context, status=status)


@login_required
@require_POST
def draft_save(request: AuthedRequest) -> HttpResponse:
    form = MessageForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "coach/home.html",
            {"form": form, "drafts": SavedDraft.objects.owned_by(request.user)[:20]},
            status=400,
        )
    services.draft_save(user=request.user, text=form.cleaned_data["text"], now=timezone.now())
    messages.success(request, "Draft saved. Only you can see it.")
    if request.htmx:
        return HttpResponseClientRedirect(reverse("coach:home"))
    return redirect("coach:home")


@login_required
@require_POST
def draft_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    draft = get_owned_or_404(SavedDraft, request.user, pk=pk)
    services.draft_delete(draft=draft)
    messages.success(request, "Draft deleted.")
    return redirect("coach:home")


@login_required
def draft_open(request: AuthedRequest, pk: int) -> HttpResponse:
    draft = get_owned_or_404(SavedDraft, request.user, pk=pk)
    form = MessageForm({"text": draft.text})
    view = services.coach_view(draft.text) if form.is_valid() else None
    return render(
        request,
        "coach/home.html",
        {
            "form": form,
            "view": view,
            "drafts": SavedDraft.objects.owned_by(request.user)[:20],
            **_help_context(request, view),
        },
    )


@login_required
def conversation(request: AuthedRequest) -> HttpResponse:
    form = ConversationForm(request.POST or None)
    risk = None
    if request.method == "POST" and form.is_valid():
        risk = escalation_risk(form.cleaned_data["conversation"])
    return render(
        request, "coach/conversation.html", {"form": form, "risk": risk}, status=400 if form.errors else 200
    )


@login_required
def listen(request: AuthedRequest) -> HttpResponse:
    form = ListenForm(request.POST or None)
    reflection = None
    if request.method == "POST" and form.is_valid():
        reflection = reflect(form.cleaned_data["heard"])
    return render(
        request,
        "coach/listen.html",
        {"form": form, "reflection": reflection},
        status=400 if form.errors else 200,
    )
