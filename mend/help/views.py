"""Help pages: help now (public), directory, FAQ, statistics, therapist report and modes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mend.core.http import AuthedRequest
from mend.couples.privacy import get_owned_or_404
from mend.couples.selectors import couple_state
from mend.engine.content import call_ideas, faq, help_directory, readiness_questions, statistics
from mend.safety.panel import crisis_in, lines_context, panel_context

from . import report as report_module
from . import services
from .charts import figure_chart, figure_table
from .forms import CountryForm, NextVisitForm, NoContactForm, ReflectionForm, ReportForm
from .models import BreakupReflection
from .pdf import render_pdf
from .report import build_report, default_keys
from .selectors import local_today, no_contact, reflections_for, situation_settings
from .tools import tool_name, tool_url


def home(request: HttpRequest) -> HttpResponse:
    directory = help_directory()
    return render(
        request,
        "help/home.html",
        {"directory": directory, "self_guided": directory.self_guided()},
    )


def now(request: HttpRequest) -> HttpResponse:
    user_country = getattr(request.user, "country", "") if request.user.is_authenticated else ""
    form = CountryForm(request.GET or None, initial={"country": user_country})
    country = user_country
    if form.is_bound and form.is_valid():
        country = form.cleaned_data["country"]
    return render(
        request,
        "help/now.html",
        {"form": form, **lines_context(country or None, urgent=True)},
        status=400 if form.errors else 200,
    )


def faq_page(request: HttpRequest) -> HttpResponse:
    entries = [
        {"entry": entry, "url": tool_url(entry.tool), "tool_name": tool_name(entry.tool)} for entry in faq()
    ]
    return render(request, "help/faq.html", {"entries": entries})


def statistics_page(request: HttpRequest) -> HttpResponse:
    figures = [
        {"figure": figure, "chart": figure_chart(figure), "table": figure_table(figure, collapsed=False)}
        for figure in statistics()
    ]
    return render(request, "help/statistics.html", {"figures": figures})


def _report_form(request: AuthedRequest) -> ReportForm:
    """Bound to the query string once the user has chosen; otherwise the suggested defaults."""
    if "made" in request.GET or "sections" in request.GET:
        return ReportForm(request.GET)
    return ReportForm(initial={"sections": default_keys(), "made": "1"})


@never_cache
@login_required
def report(request: AuthedRequest) -> HttpResponse:
    form = _report_form(request)
    return render(request, "help/report.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@login_required
def report_preview(request: AuthedRequest) -> HttpResponse:
    form = _report_form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "help/report.html", {"form": form}, status=400)
    keys = form.cleaned_data["sections"] if form.is_bound else default_keys()
    built = build_report(user=request.user, keys=keys, now=timezone.now())
    query = urlencode([("made", "1"), *(("sections", key) for key in keys)])
    return render(request, "help/report_preview.html", {"report": built, "query": query})


@never_cache
@login_required
def report_pdf(request: AuthedRequest) -> HttpResponse:
    form = _report_form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "help/report.html", {"form": form}, status=400)
    keys = form.cleaned_data["sections"] if form.is_bound else default_keys()
    now = timezone.now()
    built = build_report(user=request.user, keys=keys, now=now)
    response = HttpResponse(
        render_pdf(built, compress=report_module.PDF_COMPRESS), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="summary-{now:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --------------------------------------------------------------------------- situations


@login_required
def situations(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    return render(request, "help/situations.html", {"state": state})


@never_cache
@login_required
def breakup(request: AuthedRequest) -> HttpResponse:
    form = ReflectionForm(request.POST or None)
    crisis = False
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_add(
                user=request.user,
                prompt=form.cleaned_data["prompt"],
                text=form.cleaned_data["text"],
                now=timezone.now(),
            )
        except services.SituationError as error:
            form.add_error("text", str(error))
        else:
            crisis = crisis_in(form.cleaned_data["text"])
            if not crisis:
                messages.success(request, "Saved. Only you can read it.")
                return redirect("help:breakup")
            form = ReflectionForm()
    context = {
        "form": form,
        "no_contact_form": NoContactForm(initial={"no_contact": no_contact(request.user)}),
        "no_contact": no_contact(request.user),
        "reflections": reflections_for(request.user),
        "readiness": readiness_questions(),
        "crisis": crisis,
        **(panel_context(request.user) if crisis else {}),
    }
    return render(request, "help/breakup.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def breakup_no_contact(request: AuthedRequest) -> HttpResponse:
    form = NoContactForm(request.POST)
    on = form.is_valid() and bool(form.cleaned_data["no_contact"])
    services.no_contact_set(user=request.user, on=on, now=timezone.now())
    messages.info(
        request, "No contact is on: mend won't suggest reaching out." if on else "No contact is off."
    )
    return redirect("help:breakup")


@login_required
@require_POST
def reflection_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    reflection = get_owned_or_404(BreakupReflection, request.user, pk=pk)
    services.reflection_delete(user=request.user, reflection=reflection, now=timezone.now())
    messages.info(request, "Reflection deleted.")
    return redirect("help:breakup")


@never_cache
@login_required
def long_distance(request: AuthedRequest) -> HttpResponse:
    now_ = timezone.now()
    today = local_today(request.user, now_)
    settings_row = situation_settings(request.user)
    current = settings_row.next_visit if settings_row else None
    form = NextVisitForm(request.POST or None, initial={"next_visit": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.next_visit_set(
                user=request.user, day=form.cleaned_data["next_visit"], today=today, now=now_
            )
        except services.SituationError as error:
            form.add_error("next_visit", str(error))
        else:
            messages.success(request, "Saved.")
            return redirect("help:long_distance")
    days_left = (current - today).days if current is not None and current >= today else None
    return render(
        request,
        "help/long_distance.html",
        {"form": form, "next_visit": current, "days_left": days_left, "ideas": call_ideas()},
        status=400 if form.errors else 200,
    )


@login_required
def solo(request: AuthedRequest) -> HttpResponse:
    state = couple_state(request.user)
    return render(request, "help/solo.html", {"state": state, "no_contact": no_contact(request.user)})
