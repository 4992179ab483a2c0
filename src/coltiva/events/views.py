from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coltiva.accounts.access import user_of
from coltiva.edge.http import is_htmx
from coltiva.events import services
from coltiva.events.access import get_event_for_user
from coltiva.events.forms import CaptureForm, EventForm
from coltiva.events.models import Event
from coltiva.people.access import person_from_param
from coltiva.people.search import folded, people_named


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.filter(owner=user_of(request)).annotate(
        people_count=Count(
            "touches__person",
            distinct=True,
            filter=Q(touches__person__deleted_at__isnull=True),
        )
    )
    page = Paginator(events.order_by("-on", "-id"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "events/list.html", {"page": page})


@login_required
def event_mode(request: HttpRequest) -> HttpResponse:
    """Event mode from Today: carry on at today's event, or start a new one."""
    user = user_of(request)
    todays = list(services.held_today(user)[:20])
    choice = request.GET.get("event", "")
    if choice == "new" or not todays:
        return redirect("events:add")
    chosen = next((e for e in todays if str(e.pk) == choice), None)
    if chosen is not None:
        return redirect("events:capture", pk=chosen.pk)
    return render(request, "events/mode.html", {"events": todays})


@login_required
def event_add(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = EventForm(request.POST or None, owner=user)
    if request.method == "POST" and form.is_valid():
        event = services.create_event(user, form.cleaned_data)
        messages.success(request, _("Event created. Add the people you meet."))
        return redirect("events:capture", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/form.html", {"form": form}, status=status)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_event_for_user(user, pk)
    form = EventForm(request.POST or None, instance=event, owner=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Event saved."))
        return redirect("events:detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/form.html", {"form": form, "event": event}, status=status)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(user_of(request), pk)
    people = services.people_at(event)
    page = Paginator(people, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/detail.html", {"event": event, "page": page})


@login_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(user_of(request), pk)
    if request.method == "POST":
        event.delete()
        messages.success(request, _("Event deleted; the touches logged there are kept."))
        return redirect("events:list")
    return render(request, "events/confirm_delete.html", {"event": event})


@login_required
def event_capture(request: HttpRequest, pk: int) -> HttpResponse:
    """Event mode: add the people met, in seconds, from a phone."""
    user = user_of(request)
    event = get_event_for_user(user, pk)
    form = CaptureForm(request.POST or None, region=user.phone_region)
    captured = None
    status = 200
    not_yet = services.is_future(event, user.local_today())
    if request.method == "POST" and not_yet:
        form, status = CaptureForm(), 400
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            existing = None
            if data.get("existing"):
                existing = person_from_param(user, str(data["existing"]))
            try:
                captured = services.capture(
                    event,
                    name=data["name"],
                    business=data["business"],
                    learned=data["learned"],
                    email=data["email"] or "",
                    phone=data["phone"],
                    existing=existing,
                )
            except ValidationError as exc:
                # The person the name makes does not fit the book (a word of 151
                # characters is a given name longer than 150): said at the field.
                form.add_error("name", " ".join(exc.messages))
                status = 400
            else:
                form = CaptureForm(region=user.phone_region)
        else:
            status = 400
    people = list(services.people_at(event)[:200])
    context = {
        "event": event,
        "form": form,
        "people": people,
        "captured": captured,
        "not_yet": not_yet,
    }
    template = "events/_capture.html" if is_htmx(request) else "events/capture.html"
    return render(request, template, context, status=200 if is_htmx(request) else status)


@login_required
def capture_matches(request: HttpRequest, pk: int) -> HttpResponse:
    """People already in the book whose name looks like the one being typed."""
    user = user_of(request)
    event = get_event_for_user(user, pk)
    typed = request.GET.get("name", "")
    # One letter matches half the book: suggestions start at two.
    matches = people_named(user, typed, limit=5) if len(folded(typed)) >= 2 else []
    return render(request, "events/_capture_matches.html", {"event": event, "matches": matches})
