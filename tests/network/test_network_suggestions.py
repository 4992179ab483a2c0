"""Suggestions from a book in the database: the pages, the ranking rules, the reasons."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from coltiva.accounts.models import User
from coltiva.network import presenters, suggestions
from coltiva.network.services import introduce, link
from coltiva.people.models import Person


def partners(pairs: list[suggestions.Pair], person: Person) -> list[int]:
    return [p.b_id if p.a_id == person.pk else p.a_id for p in pairs]


def test_anna_is_told_to_meet_paolo_with_the_reason(alice: User, network_book) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    top = suggestions.for_person(alice, anna.pk)
    assert (top[0].a_id, top[0].b_id) == (anna.pk, paolo.pk)
    assert presenters.reason(top[0]) == (
        "Anna Russo looks for HR managers in manufacturing; "
        "Paolo Greco fits: HR manager at Greco Valvole S.p.A."
    )


def test_someone_known_only_by_sight_is_never_vouched_for(alice: User, network_book) -> None:
    beatrice = network_book["Beatrice"]  # the notary: visibility only
    assert suggestions.for_person(alice, beatrice.pk) == []
    everyone = {pid for p in suggestions.for_book(alice) for pid in (p.a_id, p.b_id)}
    assert beatrice.pk not in everyone


def test_a_lower_vouching_stage_lets_her_in(alice: User, network_book, settings) -> None:
    settings.NETWORK_VOUCH_MIN_STAGE = "visibility"
    sara, beatrice = network_book["Sara"], network_book["Beatrice"]
    assert beatrice.pk in partners(suggestions.for_person(alice, sara.pk), sara)


def test_colleagues_are_never_suggested_to_each_other(alice: User, network_book) -> None:
    roberto, carlo = network_book["Roberto"], network_book["Carlo"]
    assert carlo.pk not in partners(suggestions.for_person(alice, roberto.pk, limit=50), roberto)


def test_people_linked_as_knowing_each_other_are_not_suggested(alice: User, network_book) -> None:
    sara, luca = network_book["Sara"], network_book["Luca"]
    assert luca.pk in partners(suggestions.for_person(alice, sara.pk), sara)
    link(alice, sara, luca, "friend")
    assert luca.pk not in partners(suggestions.for_person(alice, sara.pk, limit=50), sara)


def test_a_pair_introduced_is_never_suggested_again(alice: User, network_book) -> None:
    emma, giulia = network_book["Emma"], network_book["Giulia"]
    assert giulia.pk in partners(suggestions.for_person(alice, emma.pk), emma)
    introduce(alice, emma, giulia, alice.local_today())
    assert giulia.pk not in partners(suggestions.for_person(alice, emma.pk, limit=50), emma)
    assert {emma.pk, giulia.pk} not in [{p.a_id, p.b_id} for p in suggestions.for_book(alice)]


def test_the_book_list_ranks_the_best_first_and_spreads_people(alice: User, network_book) -> None:
    pairs = suggestions.for_book(alice)
    assert pairs and [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    appearances: dict[int, int] = {}
    for p in pairs:
        for pid in (p.a_id, p.b_id):
            appearances[pid] = appearances.get(pid, 0) + 1
    assert max(appearances.values()) <= 2
    assert all(presenters.reason(p).endswith(".") for p in pairs)


def test_the_introductions_page_lists_pairs_with_an_introduce_button(
    alice_client: Client, network_book
) -> None:
    body = alice_client.get(reverse("network:introductions")).content.decode()
    assert "Introductions worth making this month" in body
    assert "Anna Russo" in body and "Paolo Greco" in body
    assert f'name="person_a" value="{network_book["Anna"].pk}"' in body


def test_the_person_page_loads_the_network_blocks(alice_client: Client, network_book) -> None:
    anna = network_book["Anna"]
    page = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert reverse("network:person_blocks", args=[anna.pk]) in page
    blocks = alice_client.get(reverse("network:person_blocks", args=[anna.pk])).content.decode()
    assert "Who should Anna meet?" in blocks and "Paolo Greco" in blocks
    assert "HR consultant" in blocks  # the profession as mapped
    full = alice_client.get(reverse("network:person", args=[anna.pk])).content.decode()
    assert "Anna Russo in your network" in full and "Paolo Greco" in full


def test_professions_and_spheres_read_in_the_users_language(
    alice: User, alice_client: Client, network_book
) -> None:
    alice.language = "it"
    alice.save(update_fields=["language"])
    url = reverse("network:person_blocks", args=[network_book["Roberto"].pk])
    body = alice_client.get(url).content.decode()
    assert "<strong>Commercialista</strong> (Servizi alle imprese)" in body


def test_the_service_returns_a_reason_code_and_the_presenter_words_it_in_italian(
    alice: User, network_book
) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    top = suggestions.for_person(alice, anna.pk)[0]
    # Plain values only: the names are data, the reason is a code with its parameters.
    assert top.reason_code == "looks_for"
    assert top.reason_params["looker"] == "Anna Russo"
    assert not any(isinstance(v, str) and " fits" in v for v in vars(top).values())
    with translation.override("it"):
        worded = presenters.reason(top)
        again = presenters.reason(suggestions.reason_for(alice, anna.pk, paolo.pk))
    assert worded.startswith("Anna Russo cerca ") and "Paolo Greco" in worded
    assert again == worded
    assert presenters.reason(None) == ""
