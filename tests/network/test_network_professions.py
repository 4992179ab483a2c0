"""A person's profession mapped onto the taxonomy on save, shown, and correctable."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.domain.professions import mapped_code
from coltiva.imports.fields import prepare
from coltiva.network import professions
from coltiva.network.book import candidates
from coltiva.people import services
from coltiva.people.models import Person, Relationship, fold


def code(person: Person) -> str:
    person.refresh_from_db()
    return person.profession_code


def test_free_text_is_mapped_when_a_person_is_saved(alice: User, make_person) -> None:
    assert code(make_person(alice, "Ada", profession="commercialista")) == "accountant"
    assert code(make_person(alice, "Bea", profession="wedding photos")) == "wedding_photographer"
    assert code(make_person(alice, "Cleo", profession="")) == ""


def test_the_job_title_stands_in_for_a_missing_profession(alice: User, make_person) -> None:
    assert code(make_person(alice, "Dora", job_title="Notaio")) == "notary"


def test_editing_the_profession_maps_it_again(alice: User, make_person) -> None:
    person = make_person(alice, "Ada", profession="CPA")
    services.update_person(person, {"profession": "avvocato giuslavorista"})
    assert code(person) == "employment_lawyer"


def test_a_correction_by_hand_survives_edits_and_can_be_undone(alice: User, make_person) -> None:
    person = make_person(alice, "Ada", profession="consulente")
    professions.correct(person, "tax_advisor")
    services.update_person(person, {"profession": "consulente, fiscale e altro"})
    assert code(person) == "tax_advisor"
    professions.reset(person)
    assert code(person) == mapped_code("consulente, fiscale e altro")


def test_people_written_in_bulk_by_an_import_have_their_code(alice: User) -> None:
    # The import writer sets the code itself: bulk inserts skip ``save`` and signals.
    draft = Person(owner=alice, given_name="Bulk", profession="notaio")
    Person.objects.bulk_create([prepare(draft)])
    person = Person.objects.get(given_name="Bulk")
    Relationship.objects.create(person=person, owner=alice)
    assert code(person) == "notary"
    assert [c.profession_id for c in candidates(alice)] == ["notary"]


def test_a_code_is_set_by_the_service_not_by_saving(alice: User, make_person) -> None:
    # Saving a row is not a use case: only the services map the free text.
    person = make_person(alice, "Ada", profession="notaio")
    person.profession = "commercialista"
    person.save()
    assert code(person) == "notary"
    services.update_person(person, {"profession": "commercialista"})
    assert code(person) == "accountant"


def test_the_person_page_shows_the_mapping_and_a_way_to_change_it(
    alice: User, alice_client: Client, make_person
) -> None:
    person = make_person(alice, "Ada Neri", profession="fotografa matrimoni")
    body = alice_client.get(reverse("network:person_blocks", args=[person.pk])).content.decode()
    assert "<strong>Wedding photographer</strong> (Weddings and events)" in body
    assert reverse("network:profession", args=[person.pk]) in body


def test_the_profession_is_corrected_from_its_page(
    alice: User, alice_client: Client, make_person
) -> None:
    person = make_person(alice, "Ada Neri", profession="fotografa")
    url = reverse("network:profession", args=[person.pk])
    page = alice_client.get(url).content.decode()
    assert "Coltiva reads it as" in page and 'value="wedding_photographer"' in page
    alice_client.post(url, {"code": "wedding_photographer"})
    person.refresh_from_db()
    assert (person.profession_code, person.profession_code_manual) == (
        "wedding_photographer",
        True,
    )
    alice_client.post(url, {"code": "__none__"})
    assert code(person) == ""
    alice_client.post(url, {"code": "__auto__"})
    person.refresh_from_db()
    assert (person.profession_code, person.profession_code_manual) == ("photographer", False)
    assert alice_client.post(url, {"code": "astronaut"}).status_code == 400


def test_unrecognised_text_says_so(alice: User, alice_client: Client, make_person) -> None:
    person = make_person(alice, "Zed", profession="xyzzy")
    body = alice_client.get(reverse("network:person_blocks", args=[person.pk])).content.decode()
    assert "not recognised" in body


def test_search_keys_are_untouched_by_the_mapping(alice: User, make_person) -> None:
    person = make_person(alice, "Ada Neri", profession="Notaio")
    person.refresh_from_db()
    assert person.search_key == fold("Ada Neri  Notaio")
