"""Help pages: help now (public), directory, FAQ, statistics, therapist report and modes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mend.engine.content import faq, help_directory, statistics
from mend.safety.panel import lines_context

from .charts import svg_chart
from .forms import CountryForm
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
