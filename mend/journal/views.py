"""Journal pages. Every object lookup is by owner, so anyone else gets a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mend.core.http import AuthedRequest
from mend.couples.privacy import get_owned_or_404
from mend.safety.panel import crisis_in, panel_context

from . import services
from .forms import EntryForm
from .models import JournalEntry
from .selectors import entries_for, local_day, prompt_by_key, prompt_groups, prompt_of_the_day

HELP_FLAG = "journal_help_after_save"


def _after_save(request: AuthedRequest, entry: JournalEntry) -> HttpResponse:
    if crisis_in(f"{entry.title}\n{entry.body}"):
        request.session[HELP_FLAG] = entry.pk
    return redirect("journal:detail", pk=entry.pk)


@never_cache
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    entries = list(entries_for(request.user).only("pk", "title", "created_at", "updated_at"))
    return render(
        request,
        "journal/home.html",
        {
            "entries": entries,
            "daily": prompt_of_the_day(user_id=request.user.pk, day=local_day(request.user, timezone.now())),
            "groups": prompt_groups(),
        },
    )


@never_cache
@login_required
def entry_new(request: AuthedRequest) -> HttpResponse:
    chosen = prompt_by_key(request.GET.get("prompt", ""))
    form = EntryForm(request.POST or None, initial={"prompt": chosen.text if chosen else ""})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                user=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                prompt=form.cleaned_data["prompt"],
                now=timezone.now(),
            )
        except services.JournalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved. Only you can read it.")
            return _after_save(request, entry)
    prompt_text = form.data.get("prompt", "") if form.is_bound else (chosen.text if chosen else "")
    return render(
        request,
        "journal/form.html",
        {"form": form, "prompt_text": prompt_text, "entry": None},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def entry_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_owned_or_404(JournalEntry, request.user, pk=pk)
    context: dict[str, Any] = {"entry": entry, "show_panel": False}
    if request.session.get(HELP_FLAG) == entry.pk:
        del request.session[HELP_FLAG]
        context.update(show_panel=True, **panel_context(request.user))
    return render(request, "journal/detail.html", context)


@never_cache
@login_required
def entry_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_owned_or_404(JournalEntry, request.user, pk=pk)
    form = EntryForm(request.POST or None, initial={"title": entry.title, "body": entry.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                user=request.user,
                entry=entry,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                now=timezone.now(),
            )
        except services.JournalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Changes saved.")
            return _after_save(request, entry)
    return render(
        request,
        "journal/form.html",
        {"form": form, "prompt_text": entry.prompt, "entry": entry},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def entry_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_owned_or_404(JournalEntry, request.user, pk=pk)
    if request.method == "POST":
        services.entry_delete(user=request.user, entry=entry, now=timezone.now())
        messages.success(request, "The entry was deleted.")
        return redirect("journal:home")
    return render(request, "journal/delete.html", {"entry": entry})
