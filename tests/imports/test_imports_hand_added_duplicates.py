"""A person added by hand with the e-mail or phone of someone already in the book: the
add form warns at once and offers to open them or add anyway, and the pair shows on the
possible-duplicates page at once, labelled by the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.imports.models import DuplicatePair
from coltiva.people import services as people_services
from coltiva.people.models import Person

MakePerson = Callable[..., Person]


def _form(given: str, family: str, kind: str = "", value: str = "") -> dict[str, Any]:
    data = {
        "given_name": given,
        "family_name": family,
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
    }
    if kind:
        data |= {"contacts-0-kind": kind, "contacts-0-value": value}
    return data


def test_the_add_form_warns_about_an_email_already_in_the_book(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    giulia = make_person(alice, "Giulia Verdi", emails=["giulia@verdi.test"])
    response = alice_client.post(
        reverse("people:add"), _form("G.", "Verdi", "email", "Giulia@Verdi.test ")
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Giulia Verdi already has this e-mail" in text
    assert reverse("people:detail", args=[giulia.pk]) in text and "Add anyway" in text
    assert Person.objects.filter(owner=alice).count() == 1  # nothing added yet
    data = _form("G.", "Verdi", "email", "Giulia@Verdi.test") | {"add_anyway": "1"}
    assert alice_client.post(reverse("people:add"), data).status_code == 302
    added = Person.objects.get(owner=alice, given_name="G.")
    pair = DuplicatePair.objects.get(owner=alice)
    assert {pair.person_a_id, pair.person_b_id} == {giulia.pk, added.pk}
    page = alice_client.get(reverse("imports:duplicates")).content.decode()
    assert "Same e-mail" in page and "0 possible duplicates" not in page


def test_phones_are_compared_on_their_normalised_form_with_the_owners_region(
    alice_client: Client, alice: User
) -> None:
    alice.phone_region = "IT"
    alice.save()
    giulia = people_services.create_person(
        alice,
        {"given_name": "Giulia", "family_name": "Verdi"},
        [people_services.ContactInput("phone", "+39 02 1234 5678")],
    )
    response = alice_client.post(
        reverse("people:add"), _form("Marco", "Neri", "phone", "02 12345678")
    )
    assert "Giulia Verdi already has this phone" in response.content.decode()
    alice_client.post(
        reverse("people:add"), _form("Marco", "Neri", "phone", "02 12345678") | {"add_anyway": "1"}
    )
    pair = DuplicatePair.objects.get(owner=alice)
    assert pair.reason == "phone" and giulia.pk in (pair.person_a_id, pair.person_b_id)
    assert "Same phone" in alice_client.get(reverse("imports:duplicates")).content.decode()


def test_a_similar_name_added_by_hand_is_a_pair_at_once(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    make_person(alice, "Giulia Verdi")
    response = alice_client.post(reverse("people:add"), _form("Giulia", "Verdì"))
    assert response.status_code == 302  # a name alone does not stop the form
    assert DuplicatePair.objects.get(owner=alice).reason == "name"
    assert "Similar name" in alice_client.get(reverse("imports:duplicates")).content.decode()


def test_someone_new_is_added_without_a_warning(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    make_person(alice, "Giulia Verdi", emails=["giulia@verdi.test"])
    response = alice_client.post(
        reverse("people:add"), _form("Paolo", "Bianchi", "email", "paolo@b.test")
    )
    assert response.status_code == 302
    assert not DuplicatePair.objects.filter(owner=alice).exists()


def test_another_books_email_is_no_warning(
    alice_client: Client, bob: User, make_person: MakePerson
) -> None:
    make_person(bob, "Giulia Verdi", emails=["giulia@verdi.test"])
    response = alice_client.post(
        reverse("people:add"), _form("Giulia", "V", "email", "giulia@verdi.test")
    )
    assert response.status_code == 302
