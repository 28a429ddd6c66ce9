from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mend.core.http import AuthedRequest
from mend.core.ratelimit import ratelimit

from . import services
from .forms import InviteCodeForm, LeaveForm
from .selectors import couple_state


@login_required
def couple_home(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    return render(
        request,
        "couples/home.html",
        {"state": state, "code_form": InviteCodeForm(), "leave_form": LeaveForm()},
    )


@login_required
@require_POST
def invite_new(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    try:
        invite, token, code = services.invite_create(user=request.user, now=now)
    except services.CoupleError as error:
        messages.error(request, str(error))
        return redirect("couples:home")
    link = request.build_absolute_uri(reverse("couples:join", args=[token]))
    return render(
        request,
        "couples/invite_created.html",
        {"invite": invite, "link": link, "code": code, "state": couple_state(request.user)},
    )


@ratelimit("invite_accept", limit=10, window=900)
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The invite link. Anyone may open it; accepting needs an account."""
    now = timezone.now()
    invite = services.invite_find(token=token)
    if not request.user.is_authenticated:
        problem = None
        if invite is None or not invite.is_open(now):
            problem = "This invite link is not valid any more. Ask your partner for a new one."
        return render(
            request,
            "couples/join_anonymous.html",
            {"problem": problem, "next": request.get_full_path()},
            status=404 if problem else 200,
        )
    user = request.user
    try:
        services.invite_check(invite=invite, user=user, now=now)
    except services.CoupleError as error:
        return render(request, "couples/join.html", {"problem": str(error)}, status=400)
    if request.method == "POST":
        try:
            services.invite_accept(user=user, token=token, now=now)
        except services.CoupleError as error:
            return render(request, "couples/join.html", {"problem": str(error)}, status=400)
        messages.success(
            request, "You are linked. Each of you still has a private space; you choose what to share."
        )
        return redirect("core:dashboard")
    return render(request, "couples/join.html", {"invite": invite})


@login_required
@ratelimit("invite_accept", limit=10, window=900)
def join_code(request: AuthedRequest) -> HttpResponse:
    form = InviteCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_accept(user=request.user, code=form.cleaned_data["code"], now=timezone.now())
        except services.CoupleError as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request, "You are linked. Each of you still has a private space; you choose what to share."
            )
            return redirect("core:dashboard")
    return render(request, "couples/join_code.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def leave(request: AuthedRequest) -> HttpResponse:
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please tick the box to confirm that you want to leave the couple.")
        return redirect("couples:home")
    try:
        services.couple_leave(user=request.user, now=timezone.now())
    except services.CoupleError as error:
        messages.error(request, str(error))
        return redirect("couples:home")
    messages.success(request, "You have left the couple. Your private notes are still yours, and only yours.")
    return redirect("core:dashboard")
