"""Today and the one-click actions on it; plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.agenda import services
from coltiva.agenda.access import get_plan_for_user
from coltiva.agenda.forms import CloseForm, DoneForm, PlanForm, SnoozeForm
from coltiva.edge.http import is_htmx, redirect_back
from coltiva.edge.labels import label
from coltiva.people.access import get_person_for_user
from coltiva.people.models import KIND_LABELS
from coltiva.people.presenters import local_date


@login_required
def today(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    agenda = services.agenda_for(user)
    context = {"agenda": agenda, "has_people": agenda.has_people, "nav": "today"}
    return render(request, "agenda/today.html", context)


@login_required
def all_due(request: HttpRequest) -> HttpResponse:
    """Every item due today, fifty a page; the htmx load puts the first page in place
    of the day's list."""
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    due = services.all_due(user_of(request), page=page, size=services.DUE_PAGE_SIZE)
    context = {"due": due, "start": (page - 1) * services.DUE_PAGE_SIZE + 1, "nav": "today"}
    template = "agenda/_all.html" if is_htmx(request) else "agenda/all.html"
    return render(request, template, context)


def _after_action(request: HttpRequest, message: str) -> HttpResponse:
    if is_htmx(request):
        user = user_of(request)
        context = {"agenda": services.agenda_for(user), "notice": message}
        return render(request, "agenda/_items.html", context)
    messages.success(request, message)
    return redirect_back(request, reverse("web:home"))


@login_required
@require_POST
def item_done(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        return _after_action(
            request, " ".join(str(m) for errors in form.errors.values() for m in errors)
        )
    try:
        touch = services.mark_done(
            person, kind=form.cleaned_data["kind"], note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        return _after_action(request, " ".join(exc.messages))
    return _after_action(
        request,
        _("Done: %(kind)s logged with %(name)s.")
        % {"kind": label(KIND_LABELS, touch.kind), "name": person.display_name},
    )


@login_required
@require_POST
def item_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    form = SnoozeForm(request.POST)
    days = form.cleaned_data["days"] if form.is_valid() else 1
    rel = services.snooze(person, days)
    return _after_action(
        request,
        _("%(name)s snoozed; back on Today on %(day)s.")
        % {
            "name": person.display_name,
            "day": local_date(rel.snoozed_until or person.owner.local_today()),
        },
    )


@login_required
@require_POST
def item_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    services.dismiss(person)
    return _after_action(
        request,
        _("Dismissed. %(name)s comes back when there is something new to do.")
        % {"name": person.display_name},
    )


@login_required
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(user_of(request), pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _after_action(request, _("Choose done, cancelled or no-show."))
    services.close_plan(plan, form.cleaned_data["status"], form.cleaned_data["note"])
    return _after_action(request, _("Plan updated."))


@login_required
def plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    person = get_person_for_user(user, pk)
    form = PlanForm(request.POST or None, today=user.local_today())
    if request.method == "POST" and form.is_valid():
        services.plan_meeting(person, **form.plan_fields())
        messages.success(request, _("Planned. It will be on Today on the day."))
        return redirect("people:detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "agenda/plan_form.html", {"form": form, "person": person}, status=status)
