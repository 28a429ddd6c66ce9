"""Space pages: agreed breaks and the "I need a break" pause. Thin: services do the writing."""

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
from mend.couples.privacy import get_visible_or_404
from mend.couples.selectors import couple_state
from mend.safety.panel import crisis_in, has_concern, panel_context

from . import services
from .clock import local_day, local_hhmm
from .forms import AgreementForm, EndForm, PauseForm
from .models import AgreementStatus, BreakAgreement
from .selectors import (
    current_agreement,
    message_by_id,
    own_open_timeout,
    partner_pause,
    past_agreements,
    recent_timeouts,
)


def _agreement_context(request: AuthedRequest, agreement: BreakAgreement | None) -> dict[str, Any]:
    if agreement is None:
        return {"agreement": None}
    user, today = request.user, local_day(request.user, timezone.now())
    return {
        "agreement": agreement,
        "mine": agreement.owner_id == user.pk,
        "can_accept": agreement.status == AgreementStatus.PROPOSED and agreement.owner_id != user.pk,
        "days_left": agreement.days_left(today),
        "started": agreement.has_started(today),
    }


def _home_context(request: AuthedRequest, **extra: Any) -> dict[str, Any]:
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    own = own_open_timeout(user)
    current = current_agreement(user, now)
    end_form = EndForm()
    if current is not None and current.is_personal:
        end_form.fields["note"].help_text = "Optional, for yourself: what made you decide."
    context: dict[str, Any] = {
        "state": state,
        "past": [a for a in past_agreements(user) if current is None or a.pk != current.pk],
        "own_pause": own,
        "own_until": local_hhmm(user, own.return_at) if own else "",
        "partner_pause": partner_pause(user=user, state=state, now=now),
        "timeouts": [
            {
                "started": local_hhmm(user, t.started_at),
                "day": local_day(user, t.started_at),
                "minutes": t.minutes,
                "returned": t.returned_at is not None,
                "late": t.returned_late(),
                "told": t.partner_notified,
            }
            for t in recent_timeouts(user)
        ],
        "end_form": end_form,
        **_agreement_context(request, current),
    }
    context.update(extra)
    return context


@never_cache
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    return render(request, "space/home.html", _home_context(request))


@never_cache
@login_required
def agreement_new(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    current = current_agreement(user, now)
    personal = state.is_solo or has_concern(user)
    if current is not None and current.status == AgreementStatus.ACTIVE and (current.is_personal == personal):
        return render(request, "space/agreement_busy.html", _agreement_context(request, current))
    pending = current if current is not None and current.status == AgreementStatus.PROPOSED else None
    initial = (
        AgreementForm.initial_from(pending)
        if pending and not personal
        else {"starts_on": local_day(user, now)}
    )
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.agreement_propose(
                user=user,
                starts_on=data["starts_on"],
                length_days=data["length_days"],
                rhythm=data["rhythm"],
                contact_presets=data["contact_presets"],
                contact_rules=data["contact_rules"],
                off_limits=data["off_limits"],
                off_limits_note=data["off_limits_note"],
                reflection_prompts=form.prompt_texts(),
                own_prompts=data["own_prompts"],
                replaces_id=data["replaces"],
                now=now,
            )
        except services.SpaceError as error:
            form.add_error(None, str(error))
        else:
            written = "\n".join((data["contact_rules"], data["off_limits_note"], data["own_prompts"]))
            if crisis_in(written):
                return render(
                    request,
                    "space/ended.html",
                    {
                        "heading": "Saved" if agreement.is_personal else "Proposal sent",
                        "show_panel": True,
                        **panel_context(request.user),
                    },
                )
            if agreement.is_personal:
                messages.success(request, "Your plan for space is saved. Only you can see it.")
            else:
                messages.success(request, "Proposal sent. Your partner can accept it or suggest changes.")
            return redirect("space:home")
    return render(
        request,
        "space/agreement_form.html",
        {
            "form": form,
            "personal": personal,
            "pending": pending,
            "pending_is_mine": pending is not None and pending.owner_id == user.pk,
        },
        status=400 if form.errors else 200,
    )


def _posted_id(request: AuthedRequest) -> int:
    raw = request.POST.get("agreement", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0  # "²" is a digit too


@login_required
@require_POST
def agreement_accept(request: AuthedRequest) -> HttpResponse:
    try:
        services.agreement_accept(user=request.user, agreement_id=_posted_id(request), now=timezone.now())
    except services.SpaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You both agreed. The break has begun as a pause, not an ending.")
    return redirect("space:home")


@login_required
@require_POST
def agreement_withdraw(request: AuthedRequest) -> HttpResponse:
    try:
        services.agreement_withdraw(user=request.user, agreement_id=_posted_id(request), now=timezone.now())
    except services.SpaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Proposal withdrawn.")
    return redirect("space:home")


@never_cache
@login_required
@require_POST
def agreement_end(request: AuthedRequest) -> HttpResponse:
    form = EndForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            services.agreement_end(
                user=request.user, agreement_id=_posted_id(request), note=note, now=timezone.now()
            )
        except services.SpaceError as error:
            form.add_error(None, str(error))
        else:
            if crisis_in(note):
                return render(
                    request,
                    "space/ended.html",
                    {"heading": "The break has ended", "show_panel": True, **panel_context(request.user)},
                )
            messages.success(
                request, "The break has ended. Be gentle with each other as you find your way back."
            )
            return redirect("space:home")
    return render(request, "space/home.html", _home_context(request, end_form=form), status=400)


@never_cache
@login_required
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = get_visible_or_404(
        BreakAgreement.objects.select_related("owner", "accepted_by", "ended_by"), request.user, pk=pk
    )
    return render(request, "space/agreement_detail.html", _agreement_context(request, agreement))


@never_cache
@login_required
def pause(request: AuthedRequest) -> HttpResponse:
    own = own_open_timeout(request.user)
    if own is None:
        return render(
            request, "space/pause_start.html", {"form": PauseForm(), "state": couple_state(request.user)}
        )
    until = local_hhmm(request.user, own.return_at)
    return render(
        request,
        "space/pause.html",
        {
            "pause": own,
            "until": until,
            "message": message_by_id(own.message_id).render(until),
            "overdue": own.is_overdue(timezone.now()),
        },
    )


@login_required
@require_POST
def pause_start(request: AuthedRequest) -> HttpResponse:
    form = PauseForm(request.POST)
    if form.is_valid():
        try:
            services.timeout_start(
                user=request.user,
                message_id=form.cleaned_data["message"] or "",
                minutes=form.cleaned_data["minutes"],
                now=timezone.now(),
            )
        except services.SpaceError as error:
            form.add_error(None, str(error))
        else:
            return redirect("space:pause")
    return render(
        request, "space/pause_start.html", {"form": form, "state": couple_state(request.user)}, status=400
    )


@login_required
@require_POST
def pause_back(request: AuthedRequest) -> HttpResponse:
    if services.timeout_return(user=request.user, now=timezone.now()) is not None:
        messages.success(request, "Welcome back. When you're both ready, start slowly and listen first.")
    return redirect("space:home")
