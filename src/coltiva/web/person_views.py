"""The person page and its fragments (the timeline, logging and deleting a touch), and
the book's ledger.

They show rows of the feature apps (plans, events, referrals) beside the person's own,
read in one designed statement (``web.page_rows``), so they live above every app, as the
base app ``people`` imports none of them. Their addresses stay with the people pages
(``coltiva.urls`` adds ``urlpatterns`` to the ``people`` namespace).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.edge import undo
from coltiva.edge.http import is_htmx, page_number
from coltiva.people import presenters, services
from coltiva.people.access import get_person_for_user, get_touch_for_user
from coltiva.people.forms import TouchForm
from coltiva.people.models import Person
from coltiva.referrals.ledger import ledger, person_ledger
from coltiva.web import page_rows

TIMELINE_PAGE = page_rows.TIMELINE_PAGE


@dataclass(frozen=True)
class TimelinePage:
    """A page of a person's touches, newest first, found without counting them all:
    one row more than a page tells whether older ones exist."""

    object_list: list[page_rows.TimelineRow]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def _timeline_page(
    person: Person, number: Any, rows: list[page_rows.TimelineRow] | None = None
) -> TimelinePage:
    """Page ``number`` of the timeline; ``rows``: that page as the caller read it."""
    page = page_number(number)
    if rows is None:
        rows = page_rows.timeline(person, page)
    if not rows and page > 1:
        # Past the end (an old link after deletions): the last page, as Django's paginator.
        last = max((person.touches.count() - 1) // TIMELINE_PAGE + 1, 1)
        return _timeline_page(person, last) if last < page else TimelinePage([], 1, False)
    return TimelinePage(rows[:TIMELINE_PAGE], page, len(rows) > TIMELINE_PAGE)


def _detail_context(request: HttpRequest, person: Person, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    today = user.local_today()
    page = page_number(request.GET.get("tpage", 1))
    rows = page_rows.fetch(person, today, timeline_page=page)
    form = extra.pop("touch_form", None) or TouchForm(owner=user, event_choices=rows.events)
    return {
        "person": person,
        "rel": person.relationship,
        "contacts": rows.contacts,
        "tags": rows.tags,
        "timeline": _timeline_page(person, page, rows.touches),
        "touch_form": form,
        "ledger": person_ledger(rows.ledger_touches, rows.ledger_referrals, today),
        "plans": rows.plans,
        "referrals": rows.referrals,
        **extra,
    }


def _after_touch_context(request: HttpRequest, person: Person, **extra: Any) -> dict[str, Any]:
    """What the fragment after logging or deleting a touch shows: the form, the timeline
    and the VCP card, without the rest of the page (ledger, plans, referrals)."""
    return {
        "person": person,
        "rel": person.relationship,
        "timeline": _timeline_page(person, 1),
        "touch_form": TouchForm(owner=user_of(request)),
        **extra,
    }


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    return render(request, "people/detail.html", _detail_context(request, person))


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    page = _timeline_page(person, request.GET.get("page"))
    return render(request, "people/_timeline.html", {"person": person, "timeline": page})


@login_required
def touch_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    person = get_person_for_user(user, pk)
    form = TouchForm(request.POST or None, owner=user)
    early_ask = ""
    if request.method == "POST" and form.is_valid():
        early_ask = _early_ask_warning(person, form)
    if request.method == "POST" and form.is_valid() and not early_ask:
        services.log_touch(person, **form.touch_fields())
        if not is_htmx(request):
            messages.success(request, _("Touch logged."))
            return redirect("people:detail", pk=person.pk)
        person = get_person_for_user(user, pk)
        return render(request, "people/_after_touch.html", _after_touch_context(request, person))
    context = {"person": person, "touch_form": form, "early_ask": early_ask}
    if is_htmx(request):
        return render(request, "people/_touch_form.html", context)
    if request.method != "POST":
        return redirect("people:detail", pk=person.pk)
    context = _detail_context(request, person, touch_form=form, early_ask=early_ask)
    return render(request, "people/detail.html", context, status=200 if early_ask else 400)


def _early_ask_warning(person: Person, form: TouchForm) -> str:
    """The method's warning before an ask below credibility; empty once confirmed."""
    data = form.cleaned_data
    if form.data.get("confirm_ask") == "1":
        return ""
    stage = services.early_ask(person, kind=data["kind"], on=data["on"])
    if stage is None:
        return ""
    sentence = presenters.early_ask_sentence(person.first_name, stage)
    return f"{sentence} {_('Save the ask anyway?')}"


@login_required
@require_POST
def touch_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    touch = get_touch_for_user(user, pk)
    person_id = touch.person_id
    restore = {
        "kind": touch.kind,
        "on": touch.on.isoformat(),
        "minutes": touch.minutes or "",
        "note": touch.note,
        "direction": touch.direction,
        "value": str(touch.value) if touch.value is not None else "",
        "event": touch.event_id or "",
    }
    services.delete_touch(touch)
    message = _("Touch deleted.")
    url = reverse("people:touch_add", args=[person_id])
    if is_htmx(request):
        person = get_person_for_user(user, person_id)
        context = _after_touch_context(
            request, person, undo_touch={"message": message, "url": url, "fields": restore}
        )
        return render(request, "people/_after_touch.html", context)
    undo.offer(request, message, url, restore)
    return redirect("people:detail", pk=person_id)


@login_required
def book_ledger(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(request, "people/ledger.html", {"ledger": ledger(user, user.local_today())})
