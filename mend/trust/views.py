"""Trust pages: promises, agreements, apologies, appreciation, small acts and moments.

Views stay thin: forms validate, services write, selectors read. Objects are only reached
through `get_visible_or_404` (to read) and `get_owned_or_404` (to change).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mend.core.http import AuthedRequest
from mend.couples.privacy import get_owned_or_404, get_visible_or_404
from mend.couples.selectors import couple_state

from . import services
from .apology_coach import apology_flags
from .charts import kept_chart, ratio_chart
from .forms import (
    AgreementForm,
    ApologyForm,
    ApologyResponseForm,
    AppreciationForm,
    LongDistanceForm,
    MomentForm,
    PromiseForm,
    PromiseResponseForm,
)
from .models import Agreement, Apology, Appreciation, Moment, Promise
from .selectors import (
    act_of_the_day,
    acts_done,
    agreements_for,
    is_long_distance,
    kept_rate,
    local_day,
    moment_ratio,
    my_promises,
    promises_to_me,
    received_apologies,
    received_appreciations,
    user_zone,
)


def _crisis_page(request: AuthedRequest, text: str, *, next_url: str) -> HttpResponse | None:
    """After saving: if the text holds crisis language, show help instead of moving on."""
    from mend.safety.panel import crisis_in, panel_context

    if not crisis_in(text):
        return None
    return render(
        request, "trust/saved_with_help.html", {"next_url": next_url, **panel_context(request.user)}
    )


def _has_concern(user: Any) -> bool:
    from mend.safety.panel import has_concern

    return has_concern(user)


# --------------------------------------------------------------------------- overview


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    rate = kept_rate(my_promises(user), now=now)
    soon = list(my_promises(user).filter(status=Promise.Status.OPEN).order_by("due_at")[:5])
    unread_notes = received_appreciations(user).filter(read_at__isnull=True).count()
    unread_apologies = received_apologies(user).filter(read_at__isnull=True).count()
    return render(
        request,
        "trust/home.html",
        {
            "state": state,
            "rate": rate,
            "chart": kept_chart(rate, chart_id="kept-home"),
            "soon": soon,
            "now": now,
            "today": act_of_the_day(user, now=now),
            "unread_notes": unread_notes,
            "unread_apologies": unread_apologies,
        },
    )


# --------------------------------------------------------------------------- promises


@login_required
def promises(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    form = PromiseForm(request.POST or None, linked=state.is_linked)
    if request.method == "POST" and form.is_valid():
        due_at = datetime.combine(form.cleaned_data["due_date"], form.due_clock(), tzinfo=user_zone(user))
        try:
            promise = services.promise_create(
                user=user,
                text=form.cleaned_data["text"],
                due_at=due_at,
                to_partner=form.to_partner() if state.is_linked else False,
                now=now,
            )
        except services.TrustError as error:
            form.add_error(None, str(error))
        else:
            helped = _crisis_page(request, promise.text, next_url=reverse("trust:promises"))
            if helped is not None:
                return helped
            messages.success(request, "Promise recorded.")
            return redirect("trust:promises")
    mine = my_promises(user)
    to_me = promises_to_me(user)
    context: dict[str, Any] = {
        "form": form,
        "state": state,
        "now": now,
        "open": list(mine.filter(status=Promise.Status.OPEN).order_by("due_at")[:50]),
        "closed": list(mine.exclude(status=Promise.Status.OPEN).order_by("-due_at")[:30]),
        "to_me": list(to_me.order_by("-due_at")[:30]),
        "rate": (mine_rate := kept_rate(mine, now=now)),
        "chart": kept_chart(mine_rate, chart_id="kept-mine"),
    }
    if state.is_linked:
        context["partner_rate"] = kept_rate(to_me, now=now)
    return render(request, "trust/promises.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def promise_kept(request: AuthedRequest, pk: int) -> HttpResponse:
    promise = get_owned_or_404(Promise, request.user, pk=pk)
    services.promise_mark_kept(user=request.user, promise=promise, now=timezone.now())
    messages.success(request, "Marked as kept. Well done for following through.")
    return redirect("trust:promises")


@login_required
@require_POST
def promise_missed(request: AuthedRequest, pk: int) -> HttpResponse:
    promise = get_owned_or_404(Promise, request.user, pk=pk)
    services.promise_mark_missed(user=request.user, promise=promise, now=timezone.now())
    messages.info(
        request,
        "Noted. Missing a promise happens; what matters is the repair. You will find a way to make one next to it.",
    )
    return redirect("trust:promises")


def _promise_answer(request: AuthedRequest, pk: int, response: str) -> HttpResponse:
    promise = get_visible_or_404(Promise, request.user, pk=pk)
    form = PromiseResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That note is too long: keep it under 1000 characters.")
        return redirect("trust:promises")
    try:
        services.promise_respond(
            user=request.user,
            promise=promise,
            response=response,
            note=form.cleaned_data["note"],
            now=timezone.now(),
        )
    except services.TrustError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you, your answer is saved.")
    return redirect("trust:promises")


@login_required
@require_POST
def promise_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    return _promise_answer(request, pk, Promise.Response.CONFIRMED)


@login_required
@require_POST
def promise_dispute(request: AuthedRequest, pk: int) -> HttpResponse:
    return _promise_answer(request, pk, Promise.Response.DISPUTED)


# --------------------------------------------------------------------------- agreements


@login_required
def agreements(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    state = couple_state(request.user)
    form = AgreementForm(request.POST or None, linked=state.is_linked)
    if request.method == "POST" and form.is_valid():
        agreement = services.agreement_create(
            user=request.user,
            text=form.cleaned_data["text"],
            share=bool(form.cleaned_data.get("share")),
            revisit_on=form.cleaned_data["revisit_on"],
            now=now,
        )
        helped = _crisis_page(request, agreement.text, next_url=reverse("trust:agreements"))
        if helped is not None:
            return helped
        messages.success(request, "Agreement recorded.")
        return redirect("trust:agreements")
    items = list(agreements_for(request.user))
    return render(
        request,
        "trust/agreements.html",
        {
            "form": form,
            "state": state,
            "mine": [a for a in items if a.owner_id == request.user.pk],
            "theirs": [a for a in items if a.owner_id != request.user.pk],
            "today": local_day(request.user, now),
        },
        status=400 if form.errors else 200,
    )


@login_required
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = get_visible_or_404(Agreement.objects.select_related("owner"), request.user, pk=pk)
    return render(
        request,
        "trust/agreement_detail.html",
        {
            "agreement": agreement,
            "revisions": list(agreement.revisions.all()[:20]),
            "is_mine": agreement.owner_id == request.user.pk,
        },
    )


@login_required
def agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = get_owned_or_404(Agreement, request.user, pk=pk)
    state = couple_state(request.user)
    initial = {
        "text": agreement.text,
        "revisit_on": agreement.revisit_on,
        "share": agreement.visibility == "shared",
    }
    form = AgreementForm(request.POST or None, initial=initial, linked=state.is_linked)
    if request.method == "POST" and form.is_valid():
        services.agreement_update(
            user=request.user,
            agreement=agreement,
            text=form.cleaned_data["text"],
            revisit_on=form.cleaned_data["revisit_on"],
            share=bool(form.cleaned_data.get("share")),
            now=timezone.now(),
        )
        url = reverse("trust:agreement", args=[agreement.pk])
        helped = _crisis_page(request, form.cleaned_data["text"], next_url=url)
        if helped is not None:
            return helped
        messages.success(request, "Agreement updated; the earlier wording is kept below.")
        return redirect(url)
    return render(
        request,
        "trust/agreement_edit.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


# --------------------------------------------------------------------------- apologies


@login_required
def apologies(request: AuthedRequest) -> HttpResponse:
    user = request.user
    mine = list(Apology.objects.owned_by(user).order_by("-created_at", "-pk")[:50])
    got = list(received_apologies(user)[:50])
    unread = {a.pk for a in got if a.read_at is None}
    if unread:
        services.received_mark_read(user=user, now=timezone.now())
    return render(
        request,
        "trust/apologies.html",
        {
            "state": couple_state(user),
            "drafts": [a for a in mine if a.sent_at is None],
            "sent": [a for a in mine if a.sent_at is not None],
            "received": got,
            "unread": unread,
        },
    )


@login_required
def apology_new(request: AuthedRequest) -> HttpResponse:
    user = request.user
    promise: Promise | None = None
    raw = request.GET.get("promise", "")
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:  # "²" is a digit too
        promise = my_promises(user).filter(pk=int(raw)).first()
    initial = {"did": f"I did not keep my promise: “{promise.text}”."} if promise is not None else None
    form = ApologyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            apology = services.apology_save(
                user=user, promise=promise, now=timezone.now(), values=form.values()
            )
        except services.TrustError as error:
            form.add_error(None, str(error))
        else:
            url = reverse("trust:apology", args=[apology.pk])
            helped = _crisis_page(request, " ".join(form.values().values()), next_url=url)
            return helped or redirect(url)
    return render(
        request,
        "trust/apology_form.html",
        {
            "form": form,
            "promise": promise,
            "steps": _apology_steps(form, apology_flags(_posted(form)) if form.is_bound else {}),
            "concern": _has_concern(user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def apology_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    apology = get_owned_or_404(Apology, request.user, pk=pk)
    if apology.sent_at is not None:
        messages.info(request, "A sent apology stays as it was sent.")
        return redirect("trust:apology", pk=apology.pk)
    initial = {n: getattr(apology, n) for n in ("did", "impact", "responsibility", "change")}
    form = ApologyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.apology_save(
                user=request.user, apology=apology, now=timezone.now(), values=form.values()
            )
        except services.TrustError as error:
            form.add_error(None, str(error))
        else:
            url = reverse("trust:apology", args=[apology.pk])
            helped = _crisis_page(request, " ".join(form.values().values()), next_url=url)
            return helped or redirect(url)
    return render(
        request,
        "trust/apology_form.html",
        {
            "form": form,
            "apology": apology,
            "steps": _apology_steps(form, apology_flags(_posted(form) if form.is_bound else initial)),
            "concern": _has_concern(request.user),
        },
        status=400 if form.errors else 200,
    )


APOLOGY_PARTS = (
    ("did", "What I did"),
    ("impact", "The impact on you"),
    ("responsibility", "I take responsibility"),
    ("change", "What I will do differently"),
)


def _posted(form: ApologyForm) -> dict[str, str]:
    return {name: str(form.data.get(name, ""))[:5000] for name, _label in APOLOGY_PARTS}


def _apology_steps(form: ApologyForm, flags: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(form[name], flags.get(name, [])) for name, _label in APOLOGY_PARTS]


def _apology_page(
    request: AuthedRequest, apology: Apology, form: ApologyResponseForm, status: int = 200
) -> HttpResponse:
    is_mine = apology.owner_id == request.user.pk
    fields = {name: getattr(apology, name) for name, _label in APOLOGY_PARTS}
    flags = apology_flags(fields) if is_mine and apology.sent_at is None else {}
    return render(
        request,
        "trust/apology_detail.html",
        {
            "apology": apology,
            "is_mine": is_mine,
            "parts": [(label, fields[name], flags.get(name, [])) for name, label in APOLOGY_PARTS],
            "flagged": bool(flags),
            "state": couple_state(request.user),
            "form": form,
        },
        status=status,
    )


@login_required
def apology_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    apology = get_visible_or_404(Apology.objects.select_related("owner"), request.user, pk=pk)
    if apology.owner_id != request.user.pk and apology.read_at is None:
        services.received_mark_read(user=request.user, now=timezone.now())
    return _apology_page(request, apology, ApologyResponseForm(initial={"response": apology.response}))


@login_required
@require_POST
def apology_send(request: AuthedRequest, pk: int) -> HttpResponse:
    apology = get_owned_or_404(Apology, request.user, pk=pk)
    try:
        services.apology_send(user=request.user, apology=apology, now=timezone.now())
    except services.TrustError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, "Sent. Your partner can answer when they are ready; there is no rush.")
    return redirect("trust:apology", pk=apology.pk)


@login_required
@require_POST
def apology_respond(request: AuthedRequest, pk: int) -> HttpResponse:
    apology = get_visible_or_404(Apology.objects.select_related("owner"), request.user, pk=pk)
    form = ApologyResponseForm(request.POST)
    if form.is_valid():
        try:
            services.apology_respond(
                user=request.user, apology=apology, text=form.cleaned_data["response"], now=timezone.now()
            )
        except services.TrustError as error:
            form.add_error(None, str(error))
        else:
            url = reverse("trust:apology", args=[apology.pk])
            helped = _crisis_page(request, form.cleaned_data["response"], next_url=url)
            if helped is not None:
                return helped
            messages.success(request, "Your response is saved.")
            return redirect(url)
    return _apology_page(request, apology, form, status=400)


# --------------------------------------------------------------------------- appreciation


@login_required
def appreciations(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    state = couple_state(user)
    form = AppreciationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send = "send" in request.POST and state.is_linked
        note = services.appreciation_create(user=user, text=form.cleaned_data["text"], send=send, now=now)
        helped = _crisis_page(request, note.text, next_url=reverse("trust:appreciations"))
        if helped is not None:
            return helped
        messages.success(request, "Sent to your partner." if send else "Saved as a private draft.")
        return redirect("trust:appreciations")
    mine = list(Appreciation.objects.owned_by(user).order_by("-created_at", "-pk")[:50])
    got = list(received_appreciations(user)[:50])
    unread = {n.pk for n in got if n.read_at is None}
    if unread and request.method == "GET":
        services.received_mark_read(user=user, now=now)
    return render(
        request,
        "trust/appreciations.html",
        {
            "form": form,
            "state": state,
            "drafts": [n for n in mine if n.sent_at is None],
            "sent": [n for n in mine if n.sent_at is not None],
            "received": got,
            "unread": unread,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def appreciation_send(request: AuthedRequest, pk: int) -> HttpResponse:
    note = get_owned_or_404(Appreciation, request.user, pk=pk)
    try:
        services.appreciation_send(user=request.user, appreciation=note, now=timezone.now())
    except services.TrustError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, "Sent to your partner.")
    return redirect("trust:appreciations")


# --------------------------------------------------------------------------- small acts


@login_required
def acts(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "trust/acts.html",
        {
            "today": act_of_the_day(request.user, now=now),
            "done": acts_done(request.user),
            "distance_form": LongDistanceForm(initial={"long_distance": is_long_distance(request.user)}),
        },
    )


@login_required
@require_POST
def act_log(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    outcome = request.POST.get("outcome", "")
    act_id = request.POST.get("act_id", "")[:80]
    try:
        services.act_log(
            user=request.user, act_id=act_id, outcome=outcome, day=local_day(request.user, now), now=now
        )
    except services.TrustError as error:
        if request.headers.get("HX-Request"):
            return HttpResponse(str(error), status=400)
        messages.error(request, str(error))
    else:
        if request.headers.get("HX-Request"):  # htmx: swap just the card
            next_page = "home" if request.POST.get("next") == "home" else ""
            context = {"today": act_of_the_day(request.user, now=now), "act_next": next_page}
            return render(request, "trust/_act_card.html", context)
        messages.success(
            request,
            "Logged. Small things add up." if outcome == "done" else "Here is another idea for today.",
        )
    return redirect("trust:home" if request.POST.get("next") == "home" else "trust:acts")


@login_required
@require_POST
def act_distance(request: AuthedRequest) -> HttpResponse:
    form = LongDistanceForm(request.POST)
    form.is_valid()
    services.trust_settings_set(
        user=request.user, long_distance=bool(form.cleaned_data.get("long_distance")), now=timezone.now()
    )
    messages.success(request, "Suggestions updated.")
    return redirect("trust:acts")


# --------------------------------------------------------------------------- moments


@login_required
def moments(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    form = MomentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moment = services.moment_log(
            user=request.user, kind=form.cleaned_data["kind"], note=form.cleaned_data["note"], now=now
        )
        helped = _crisis_page(request, moment.note, next_url=reverse("trust:moments"))
        if helped is not None:
            return helped
        messages.success(request, "Moment logged.")
        return redirect("trust:moments")
    weeks = moment_ratio(request.user, now=now)
    return render(
        request,
        "trust/moments.html",
        {
            "form": form,
            "weeks": weeks,
            "chart": ratio_chart(weeks),
            "recent": list(Moment.objects.owned_by(request.user)[:10]),
        },
        status=400 if form.errors else 200,
    )
