"""Reminder pages: choices and the secret calendar link; the public (by secret) ICS feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mend.core.http import AuthedRequest

from . import services
from .feed import calendar_ics
from .forms import PreferenceForm
from .selectors import active_feed, feed_owner, preferences_for, upcoming_reminders
from .timing import local


def _page(
    request: AuthedRequest, form: PreferenceForm, *, new_url: str = "", status: int = 200
) -> HttpResponse:
    now = timezone.now()
    upcoming = [
        {"when": local(r.send_at, request.user.time_zone).strftime("%A %d %b, %H:%M"), "text": r.text}
        for r in upcoming_reminders(request.user, now)
    ]
    return render(
        request,
        "reminders/home.html",
        {
            "form": form,
            "feed": active_feed(request.user),
            "new_url": new_url,
            "upcoming": upcoming,
            "time_zone": request.user.time_zone,
        },
        status=status,
    )


@never_cache
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    prefs = preferences_for(request.user)
    form = PreferenceForm(request.POST or None, instance=prefs, email=request.user.email_reminders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.preferences_update(
                user=request.user,
                now=timezone.now(),
                email=data["email"],
                **{name: data[name] for name in services.PREFERENCE_FIELDS},
            )
        except services.ReminderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Reminder settings saved.")
            return redirect("reminders:home")
    return _page(request, form, status=400 if form.errors else 200)


@never_cache
@login_required
@require_POST
def feed_new(request: AuthedRequest) -> HttpResponse:
    _feed, secret = services.calendar_feed_create(user=request.user, now=timezone.now())
    url = request.build_absolute_uri(reverse("reminders:calendar", args=[secret]))
    form = PreferenceForm(instance=preferences_for(request.user), email=request.user.email_reminders)
    return _page(request, form, new_url=url)


@login_required
@require_POST
def feed_revoke(request: AuthedRequest) -> HttpResponse:
    services.calendar_feed_revoke(user=request.user, now=timezone.now())
    messages.success(request, "Your calendar link no longer works. Calendars subscribed to it stop updating.")
    return redirect("reminders:home")


@require_GET
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    """Public by secret: anyone holding the link gets the feed; any other token gets a plain 404."""
    user = feed_owner(token)
    if user is None:
        raise Http404("Not found.")
    now = timezone.now()
    body = calendar_ics(user, now)
    services.calendar_feed_touch(user=user, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mend.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
