"""Help pages: help now (public), directory, FAQ, statistics, therapist report and modes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mend.core.http import AuthedRequest
from mend.engine.content import faq, help_directory, statistics
from mend.safety.panel import lines_context

from . import report as report_module
from .charts import svg_chart
from .forms import CountryForm, ReportForm
from .pdf import render_pdf
from .report import build_report, default_keys
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
    figures = [{"figure": figure, "svg": svg_chart(figure)} for figure in statistics()]
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
