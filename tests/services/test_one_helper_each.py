"""The one helper for each rule the views shared: the owned person a query parameter
names, the name search, and a stored code's label."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.edge.labels import label
from coltiva.events.services import create_event
from coltiva.people import services
from coltiva.people.access import person_from_param
from coltiva.people.search import people_named

pytestmark = pytest.mark.django_db


def test_a_parameter_names_only_the_users_own_living_person(
    alice: User, charlie: User, make_person
) -> None:
    anna = make_person(alice, "Anna Rossi")
    gone = make_person(alice, "Gino Trash")
    services.trash_person(gone)
    assert person_from_param(alice, str(anna.pk)) == anna
    assert person_from_param(charlie, str(anna.pk)) is None
    assert person_from_param(alice, str(gone.pk)) is None
    for raw in (None, "", "abc", "-1", "0", "٣", "99999999999999999999"):
        assert person_from_param(alice, raw) is None


def test_another_users_person_in_a_link_preselects_nobody(
    alice: User, charlie_client: Client, make_person
) -> None:
    anna = make_person(alice, "Anna Rossi")
    for url in (
        reverse("referrals:add") + f"?person={anna.pk}",
        reverse("referrals:introduction_add") + f"?a={anna.pk}",
    ):
        response = charlie_client.get(url)
        assert response.status_code == 200
        assert "Anna Rossi" not in response.content.decode()


def test_the_name_search_folds_accents_and_case_and_keeps_to_the_book(
    alice: User, charlie: User, make_person
) -> None:
    nicolo = make_person(alice, "Nicolò Bianchi")
    make_person(alice, "Marco Verdi")
    make_person(charlie, "Nicola Neri")
    assert people_named(alice, "  NICOLO ", limit=5) == [nicolo]
    assert people_named(charlie, "nicolo", limit=5) == []
    assert people_named(alice, "nicol", limit=5, exclude=nicolo.pk) == []
    assert people_named(alice, "   ", limit=5) == []


def test_the_picker_and_event_mode_find_names_the_same_way(
    alice: User, alice_client: Client, charlie: User, make_person
) -> None:
    make_person(alice, "Nicolò Bianchi")
    make_person(charlie, "Nicola Neri")
    event = create_event(alice, {"name": "Mixer", "on": alice.local_today()})
    for url in (
        reverse("people:pick") + "?q=NICOL",
        reverse("events:capture_matches", args=[event.pk]) + "?name=NICOL",
    ):
        body = alice_client.get(url).content.decode()
        assert "Nicolò Bianchi" in body and "Nicola Neri" not in body


def test_a_label_is_the_codes_words_or_the_code_itself() -> None:
    assert label(Plan.KIND_LABELS, "conversation") == "Call"
    assert label(Plan.KIND_LABELS, "retired_kind") == "retired_kind"
