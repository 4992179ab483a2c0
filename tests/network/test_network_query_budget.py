"""Every network page does the same number of SQL queries for 10 people and for 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.network import services
from coltiva.network.models import Link
from coltiva.people.models import Person, Relationship, fold
from coltiva.people.services import refresh_book
from coltiva.referrals.models import Introduction

TRADES = [
    ("commercialista", "Bilanci per PMI", "avvocati e notai"),
    ("notaio", "Rogiti", "agenti immobiliari"),
    ("agente immobiliare", "Case a Milano", "broker mutui e notai"),
    ("florist", "Wedding flowers", "wedding photographers"),
    ("fotografa matrimoni", "Reportage", "fioristi e wedding planner"),
]


def fill_book(user: User, size: int) -> dict[str, int]:
    people = Person.objects.bulk_create(
        Person(
            owner=user,
            given_name=f"Given{i}",
            family_name=f"Family{i}",
            display_name=f"Given{i} Family{i}",
            sort_name=fold(f"Family{i} Given{i}"),
            profession=TRADES[i % 5][0],
            offers=TRADES[i % 5][1],
            looks_for=TRADES[i % 5][2],
            company=f"Firm {i % 7}",
        )
        for i in range(size)
    )
    Relationship.objects.bulk_create(
        Relationship(person=p, owner=user, pinned_stage="credibility") for p in people
    )
    Link.objects.bulk_create(
        Link(owner=user, person_a=a, person_b=b, kind="friend")
        for a, b in zip(people[::4], people[1::4], strict=False)
    )
    Introduction.objects.bulk_create(
        Introduction(owner=user, person_a=a, person_b=b, on=user.local_today())
        for a, b in zip(people[2::4], people[3::4], strict=False)
    )
    refresh_book(user)
    group = services.create_group(user, "BNI")
    services.add_seat(group, "notaio")
    services.invite(user, group, people[0], user.local_today())
    intro = Introduction.objects.filter(owner=user).first()
    assert intro is not None
    return {"person": people[0].pk, "group": group.pk, "introduction": intro.pk}


PAGES: list[tuple[str, Callable[[dict[str, int]], str]]] = [
    ("today", lambda ids: reverse("web:home")),
    ("introductions", lambda ids: reverse("network:introductions")),
    ("person network", lambda ids: reverse("network:person", args=[ids["person"]])),
    ("person blocks", lambda ids: reverse("network:person_blocks", args=[ids["person"]])),
    ("profession", lambda ids: reverse("network:profession", args=[ids["person"]])),
    ("who", lambda ids: reverse("network:who") + "?q=notaio"),
    ("introduce", lambda ids: reverse("network:introduce") + f"?a={ids['person']}"),
    ("introduction", lambda ids: reverse("network:introduction", args=[ids["introduction"]])),
    ("groups", lambda ids: reverse("network:groups")),
    ("group", lambda ids: reverse("network:group", args=[ids["group"]])),
]


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # warm: the daily refresh and the book's index are not the page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_network_pages_cost_the_same_for_10_and_500_people() -> None:
    small = User.objects.create_user("small@example.com", "pw-123456789")
    large = User.objects.create_user("large@example.com", "pw-123456789")
    ids_small, ids_large = fill_book(small, 10), fill_book(large, 500)
    c_small, c_large = Client(), Client()
    c_small.force_login(small)
    c_large.force_login(large)
    budgets = {
        name: (count_queries(c_small, url(ids_small)), count_queries(c_large, url(ids_large)))
        for name, url in PAGES
    }
    differing = {name: pair for name, pair in budgets.items() if pair[0] != pair[1]}
    assert not differing, f"queries grow with the book: {differing}"
    too_many = {name: pair[0] for name, pair in budgets.items() if pair[0] > 15}
    assert not too_many, f"pages over 15 queries: {too_many}"


@pytest.mark.django_db
def test_a_changed_book_rebuilds_its_index_with_a_fixed_number_of_queries() -> None:
    small = User.objects.create_user("small@example.com", "pw-123456789")
    large = User.objects.create_user("large@example.com", "pw-123456789")
    counts = []
    for user, size in ((small, 10), (large, 300)):
        ids = fill_book(user, size)
        client = Client()
        client.force_login(user)
        url = reverse("network:person_blocks", args=[ids["person"]])
        client.get(url)
        Person.objects.filter(pk=ids["person"]).update(offers="Something new")  # no save()
        Person.objects.get(pk=ids["person"]).save()  # the version moves
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
