"""Every page does the same number of SQL queries for a book of 10 people and of 500."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.people.models import Person, Relationship, Touch, fold
from coltiva.people.services import refresh_book
from coltiva.referrals.models import Introduction, Referral


def fill_book(user: User, size: int) -> dict[str, int]:
    """A book of ``size`` people with touches, an event, referrals and introductions."""
    today = user.local_today()
    event = Event.objects.create(owner=user, name="Mixer", on=today - timedelta(days=3))
    people = Person.objects.bulk_create(
        Person(
            owner=user,
            given_name=f"Given{i}",
            family_name=f"Family{i}",
            display_name=f"Given{i} Family{i}",
            sort_name=fold(f"Family{i} Given{i}"),
            search_key=fold(f"Given{i} Family{i} Acme"),
            company="Acme",
        )
        for i in range(size)
    )
    Relationship.objects.bulk_create(Relationship(person=p, owner=user) for p in people)
    touches = []
    for i, p in enumerate(people):
        for days, kind in ((3, "met"), (40, "coffee"), (100, "helped")):
            touches.append(
                Touch(
                    owner=user,
                    person=p,
                    kind=kind,
                    on=today - timedelta(days=days + i % 7),
                    event=event if kind == "met" else None,
                )
            )
    Touch.objects.bulk_create(touches)
    Referral.objects.bulk_create(
        Referral(owner=user, direction="given", person=p, on=today, prospect_description="x")
        for p in people
    )
    Introduction.objects.bulk_create(
        Introduction(owner=user, person_a=a, person_b=b, on=today)
        for a, b in zip(people[::2], people[1::2], strict=False)
    )
    refresh_book(user, today)
    return {"person": people[0].pk, "event": event.pk}


PAGES: list[tuple[str, Callable[[dict[str, int]], str]]] = [
    ("today", lambda ids: reverse("web:home")),
    ("people", lambda ids: reverse("people:list")),
    ("people search", lambda ids: reverse("people:list") + "?q=given1&sort=-last"),
    ("people by stage", lambda ids: reverse("people:list") + "?stage=visibility&sort=stage"),
    ("person", lambda ids: reverse("people:detail", args=[ids["person"]])),
    ("timeline", lambda ids: reverse("people:timeline", args=[ids["person"]]) + "?page=1"),
    ("edit person", lambda ids: reverse("people:edit", args=[ids["person"]])),
    ("trash", lambda ids: reverse("people:trash")),
    ("events", lambda ids: reverse("events:list")),
    ("event", lambda ids: reverse("events:detail", args=[ids["event"]])),
    ("referrals", lambda ids: reverse("referrals:list")),
    ("introductions", lambda ids: reverse("referrals:introductions")),
    ("picker", lambda ids: reverse("people:pick") + "?q=given"),
    ("board", lambda ids: reverse("referrals:board")),
    ("review", lambda ids: reverse("review:review")),
    ("ledger", lambda ids: reverse("people:ledger")),
    ("event mode", lambda ids: reverse("events:capture", args=[ids["event"]])),
    ("profile", lambda ids: reverse("accounts:profile")),
]


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # warm: sessions, caches and the daily refresh are not the page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_every_page_does_the_same_number_of_queries_for_10_and_500_people() -> None:
    small = User.objects.create_user("small@example.com", "pw-123456789")
    large = User.objects.create_user("large@example.com", "pw-123456789")
    ids_small, ids_large = fill_book(small, 10), fill_book(large, 500)
    c_small, c_large = Client(), Client()
    c_small.force_login(small)
    c_large.force_login(large)
    budgets = {}
    for name, url in PAGES:
        budgets[name] = (
            count_queries(c_small, url(ids_small)),
            count_queries(c_large, url(ids_large)),
        )
    differing = {name: pair for name, pair in budgets.items() if pair[0] != pair[1]}
    assert not differing, f"queries grow with the book: {differing}"
    too_many = {name: pair[0] for name, pair in budgets.items() if pair[0] > 15}
    assert not too_many, f"pages over 15 queries: {too_many}"
