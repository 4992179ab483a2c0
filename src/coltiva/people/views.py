"""People pages: thin views over ``coltiva.people.services``."""

from __future__ import annotations

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
from coltiva.edge.http import is_htmx
from coltiva.people import list_rows, services
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
from coltiva.people.models import HEALTH_CHOICES, STAGE_CHOICES, Person
from coltiva.people.search import (
    TYPED_LIMIT,
    contact_matches,
    folded,
    name_contains,
    people_named,
)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    people = Person.objects.alive().filter(owner=user)
    q = request.GET.get("q", "").strip()[:TYPED_LIMIT]
    if q:
        text = folded(q)
        # One list of the book's matching e-mails and phones, not a subquery per person:
        # the correlated EXISTS tripled the cost of a search of a 20,000-person book.
        people = people.filter(name_contains(text) | Q(pk__in=contact_matches(user, text)))
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
    q = folded(request.GET.get("q", ""))
    people = people_named(user_of(request), q, limit=8, exclude=_excluded(request))
    return render(request, "people/_pick_results.html", {"people": people, "field": field, "q": q})
