"""People pages: thin views over ``coltiva.people.services``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.edge import undo
from coltiva.edge.http import is_htmx, page_number
from coltiva.people import list_rows, page_rows, presenters, services
from coltiva.people.access import (
    get_person_for_user,
    get_touch_for_user,
    get_trashed_person_for_user,
)
from coltiva.people.forms import (
    SORTS,
    ContactPointFormSet,
    PersonForm,
    RelationshipForm,
    TouchForm,
    contacts_from_formset,
)
from coltiva.people.ledger import ledger, person_ledger
from coltiva.people.models import HEALTH_CHOICES, STAGE_CHOICES, Person, fold
from coltiva.people.search import contact_matches

TIMELINE_PAGE = page_rows.TIMELINE_PAGE


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    people = Person.objects.alive().filter(owner=user)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        folded = fold(q)
        # One list of the book's matching e-mails and phones, not a subquery per person:
        # the correlated EXISTS tripled the cost of a search of a 20,000-person book.
        matches_contact = contact_matches(user, folded)
        people = people.filter(Q(search_key__contains=folded) | Q(pk__in=matches_contact))
    stage = request.GET.get("stage", "")
    if stage in dict(STAGE_CHOICES):
        people = people.filter(relationship__stage=stage)
    health = request.GET.get("health", "")
    if health in dict(HEALTH_CHOICES):
        people = people.filter(relationship__health=health)
    sort = request.GET.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    people = people.order_by(*SORTS[sort])
    page = _list_page(people, request.GET.get("page"), whole=bool(q))
    context = {
        "page": page,
        "q": q,
        "stage": stage,
        "health": health,
        "sort": sort,
        "family_first": sort == "family",
        "stages": STAGE_CHOICES,
        "healths": HEALTH_CHOICES,
        "filtered": bool(q or stage or health),
    }
    template = "people/_people_results.html" if is_htmx(request) else "people/list.html"
    return render(request, template, context)


def _list_page(people: QuerySet[Person], number: Any, *, whole: bool) -> Page[Any]:
    """A page of the list: its ids first, then only its rows (``list_rows``).

    ``whole``: read every matching id in one pass. A text search can only test every key
    of the book (in the name index), and a paginator did it twice, once to count and once
    for the page; the ids in order give both. Without a search, counting is cheap and the
    page's ids are read alone.
    """
    ids = people.values_list("pk", flat=True)
    page: Page[Any] = Paginator(list(ids) if whole else ids, settings.PAGE_SIZE).get_page(number)
    page.object_list = list_rows.rows(list(page.object_list))  # the page, as rows
    return page


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = PersonForm(request.POST or None, today=user.local_today())
    formset = ContactPointFormSet(
        request.POST or None, prefix="contacts", form_kwargs={"region": user.phone_region}
    )
    shared: list[services.SharedContact] = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        contacts = contacts_from_formset(formset)
        if not request.POST.get("add_anyway"):
            shared = services.shared_contacts(user, contacts)
        if not shared:
            person = services.create_person(user, form.person_fields(), contacts, form.tag_names())
            messages.success(request, _("%(name)s added.") % {"name": person.display_name})
            return redirect("people:detail", pk=person.pk)
    context = {"form": form, "formset": formset, "shared": shared}
    return render(request, "people/form.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    person = get_person_for_user(user, pk)
    initial = {"tags": ", ".join(t.name for t in person.tags.all())}
    form = PersonForm(
        request.POST or None, instance=person, initial=initial, today=user.local_today()
    )
    formset = ContactPointFormSet(
        request.POST or None,
        instance=person,
        prefix="contacts",
        form_kwargs={"region": user.phone_region},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        services.update_person(
            person, form.person_fields(), contacts_from_formset(formset), form.tag_names()
        )
        messages.success(request, _("Changes saved."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "formset": formset, "person": person})


@login_required
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    if request.method == "POST":
        services.trash_person(person)
        undo.offer(
            request,
            _("%(name)s moved to the trash. You can restore them for %(days)s days.")
            % {"name": person.display_name, "days": settings.TRASH_DAYS},
            reverse("people:restore", args=[person.pk]),
        )
        return redirect("people:list")
    return render(request, "people/confirm_delete.html", {"person": person})


@login_required
@require_POST
def person_restore(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_trashed_person_for_user(user_of(request), pk)
    services.restore_person(person)
    messages.success(request, _("%(name)s restored.") % {"name": person.display_name})
    return redirect("people:detail", pk=person.pk)


@login_required
def trash(request: HttpRequest) -> HttpResponse:
    people = Person.objects.in_trash().filter(owner=user_of(request)).order_by("-deleted_at")
    page = Paginator(people, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/trash.html", {"page": page, "days": settings.TRASH_DAYS})


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
def touch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    touch = get_touch_for_user(user, pk)
    form = TouchForm(request.POST or None, instance=touch, owner=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.update_touch(touch, **form.touch_fields())
        messages.success(request, _("Touch updated."))
        return redirect("people:detail", pk=touch.person_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "people/touch_edit.html", {"form": form, "touch": touch}, status=status)


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
def relationship_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(user_of(request), pk)
    rel = person.relationship
    initial = {
        "purposes": rel.purposes,
        "cadence_days": rel.cadence_days,
        "pinned_stage": rel.pinned_stage,
    }
    form = RelationshipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_relationship(
            person,
            purposes=form.cleaned_data["purposes"],
            cadence_days=form.cleaned_data["cadence_days"],
            pinned_stage=form.cleaned_data["pinned_stage"],
        )
        messages.success(request, _("Relationship settings saved."))
        return redirect("people:detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "people/relationship.html", {"form": form, "person": person}, status=status
    )


@login_required
def book_ledger(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(request, "people/ledger.html", {"ledger": ledger(user, user.local_today())})


def _excluded(request: HttpRequest) -> int:
    """A person the picker must not offer ("Who does Paolo know?" never offers Paolo)."""
    raw = request.GET.get("exclude", "")
    return int(raw) if raw.isdigit() else 0


@login_required
def person_pick(request: HttpRequest) -> HttpResponse:
    """Search results for the person picker: radio buttons named after the form field."""
    field = request.GET.get("field", "person")
    if not field.replace("_", "").isalnum():
        field = "person"
    q = fold(request.GET.get("q", "").strip()[:100])
    people = []
    if q:
        people = list(
            Person.objects.alive()
            .filter(owner=user_of(request), search_key__contains=q)
            .exclude(pk=_excluded(request))
            .order_by("sort_name", "id")[:8]
        )
    return render(request, "people/_pick_results.html", {"people": people, "field": field, "q": q})
