from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from mend.core.http import AuthedRequest

from . import data_rights, services
from . import two_factor as two_factor_lib
from .audit import audit
from .forms import ApiTokenForm, DeleteAccountForm, LoginForm, ProfileForm, SignupForm
from .models import ApiToken, AuditEvent


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            time_zone=form.cleaned_data["time_zone"],
            country=form.cleaned_data["country"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, "Welcome to mend. Everything you write here is private unless you share it."
        )
        next_url = request.GET.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("core:dashboard")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token, new_secret = None, None
    if request.method == "POST" and form.is_valid():
        new_token, new_secret = services.api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            now=timezone.now(),
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "new_secret": new_secret,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token, now=timezone.now())
    audit(user=request.user, kind=AuditEvent.Kind.TOKEN_REVOKED, request=request)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:tokens")


@login_required
def security(request: AuthedRequest) -> HttpResponse:
    events = request.user.audit_events.all()[:50]
    return render(request, "accounts/security.html", {"events": events})


@login_required
@require_POST
def sessions_revoke(request: AuthedRequest) -> HttpResponse:
    removed = data_rights.sessions_revoke_all(user=request.user, keep_session_key=request.session.session_key)
    audit(user=request.user, kind=AuditEvent.Kind.SESSIONS_REVOKED, request=request)
    messages.success(request, f"Logged out on {removed} other device(s).")
    return redirect("accounts:security")


@login_required
def data_page(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data_rights.account_delete(user=request.user, now=timezone.now())
        logout(request)
        return render(
            request,
            "accounts/message.html",
            {
                "title": "Your account is deleted",
                "text": "Everything you wrote in mend has been removed. Take care.",
            },
        )
    return render(request, "accounts/data.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def export_download(request: AuthedRequest, fmt: str) -> HttpResponse:
    now = timezone.now()
    stamp = now.strftime("%Y%m%d")
    if fmt == "json":
        body = data_rights.export_json(user=request.user, now=now)
        audit(user=request.user, kind=AuditEvent.Kind.EXPORT, now=now, request=request)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="mend-export-{stamp}.json"'
        return response
    response = HttpResponse(
        data_rights.export_zip(user=request.user, now=now), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="mend-export-{stamp}.zip"'
    return response


@login_required
def two_factor(request: AuthedRequest) -> HttpResponse:
    """Set up, or turn off, two-step sign-in."""
    user = request.user
    context: dict[str, object] = {"enabled": two_factor_lib.has_two_factor(user)}
    if request.method == "POST" and request.POST.get("action") == "disable":
        if two_factor_lib.verify_any(user, request.POST.get("code", "")) is None:
            context["error"] = (
                "That code did not work. Enter a current code from your app or a recovery code."
            )
            return render(request, "accounts/two_factor.html", context, status=400)
        two_factor_lib.two_factor_disable(user=user)
        messages.success(request, "Two-step sign-in is off.")
        return redirect("accounts:two_factor")
    if context["enabled"]:
        return render(request, "accounts/two_factor.html", context)
    device = two_factor_lib.totp_pending(user)
    context.update({"qr": two_factor_lib.qr_svg(device), "secret": device.bin_key.hex()})
    if request.method == "POST":
        codes = two_factor_lib.two_factor_enable(
            user=user, device=device, code=request.POST.get("code", "")[:12]
        )
        if codes is None:
            context["error"] = (
                "That code did not match. Check the time on your phone and try the newest code."
            )
            return render(request, "accounts/two_factor.html", context, status=400)
        otp_login(request, device)
        return render(request, "accounts/two_factor_codes.html", {"codes": codes})
    return render(request, "accounts/two_factor.html", context)


@login_required
def two_factor_verify(request: AuthedRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        device = two_factor_lib.verify_any(request.user, request.POST.get("code", "")[:20])
        if device is not None:
            otp_login(request, device)
            next_url = request.GET.get("next", "")
            if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("core:dashboard")
        error = "That code did not work. Try the newest code from your app, or one of your recovery codes."
    return render(request, "accounts/two_factor_verify.html", {"error": error}, status=400 if error else 200)
