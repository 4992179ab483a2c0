"""The people list sorts by what it shows, and its sort options say what they do."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(alice: User, make_person) -> None:
    make_person(alice, "Zoe Alberti")
    make_person(alice, "Anna Rossi")
    make_person(alice, "Ángela Bianchi")


def rows(client: Client, **params: str) -> str:
    page = client.get(reverse("people:list"), params).content.decode()
    return page.split("<tbody>", 1)[1]


def in_order(text: str, *names: str) -> bool:
    positions = [text.index(name) for name in names]
    return positions == sorted(positions)


def test_the_list_sorts_by_the_name_it_shows(alice_client: Client, book) -> None:
    assert in_order(rows(alice_client), "Ángela Bianchi", "Anna Rossi", "Zoe Alberti")
    assert in_order(rows(alice_client, sort="name"), "Ángela Bianchi", "Anna Rossi", "Zoe Alberti")


def test_sorting_by_family_name_shows_family_name_first(alice_client: Client, book) -> None:
    listed = rows(alice_client, sort="family")
    assert in_order(listed, "Alberti, Zoe", "Bianchi, Ángela", "Rossi, Anna")
    assert "Zoe Alberti" not in listed


def test_the_sort_options_say_what_they_do(alice_client: Client, book) -> None:
    page = alice_client.get(reverse("people:list")).content.decode()
    assert "Name as shown, A–Z" in page and "Family name, A–Z" in page


def test_an_unknown_sort_falls_back_to_the_name_as_shown(alice_client: Client, book) -> None:
    assert in_order(rows(alice_client, sort="bogus"), "Ángela Bianchi", "Zoe Alberti")
