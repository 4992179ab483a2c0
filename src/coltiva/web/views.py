from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coltiva.people.models import Person, Touch
from coltiva.web.http import user_of


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return _home(request)


@login_required
def _home(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    people = Person.objects.alive().filter(owner=user)
    steps = list(
        people.select_related("relationship")
        .exclude(relationship__next_step="")
        .filter(relationship__last_contact_on__isnull=False)
        .order_by("relationship__next_step_since", "id")[:10]
    )
    recent = list(
        Touch.objects.filter(owner=user, person__deleted_at__isnull=True)
        .select_related("person")
        .order_by("-on", "-id")[:10]
    )
    has_people = people.exists()
    return render(
        request,
        "web/home.html",
        {"steps": steps, "recent": recent, "has_people": has_people},
    )


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
