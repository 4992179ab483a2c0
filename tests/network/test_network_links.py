"""Who knows whom: entered on the person page, inferred from a shared company."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.network.models import Link
from coltiva.network.services import known_by, link


def kinds(user: User, person) -> dict[str, str]:
    return {k.name: k.kind for k in known_by(user, person)}


def test_a_link_reads_from_both_sides(alice: User, network_book) -> None:
    sara, luca = network_book["Sara"], network_book["Luca"]
    link(alice, luca, sara, "client")  # Sara is Luca's client
    assert kinds(alice, luca) == {"Sara Conti": "client"}
    assert kinds(alice, sara) == {"Luca Ferri": "supplier"}
    assert kinds(alice, sara) == {"Luca Ferri": "supplier"}
    row = Link.objects.get()
    assert row.person_a_id < row.person_b_id


def test_a_second_link_between_the_same_two_replaces_the_first(alice: User, network_book) -> None:
    sara, luca = network_book["Sara"], network_book["Luca"]
    link(alice, sara, luca, "friend")
    link(alice, luca, sara, "family")
    assert Link.objects.count() == 1 and kinds(alice, sara) == {"Luca Ferri": "family"}


def test_colleagues_are_inferred_from_a_shared_company(alice: User, network_book) -> None:
    roberto = network_book["Roberto"]
    known = known_by(alice, roberto)
    assert [(k.name, k.kind, k.link_id) for k in known] == [("Carlo Rinaldi", "colleague", None)]


def test_links_are_refused_across_books_to_oneself_and_of_unknown_kinds(
    alice: User, charlie: User, make_person, network_book
) -> None:
    sara = network_book["Sara"]
    stranger = make_person(charlie, "Carla Stranger")
    for other, kind in ((stranger, "friend"), (sara, "friend"), (network_book["Luca"], "lover")):
        with pytest.raises(ValidationError):
            link(alice, sara, other, kind)


def test_links_are_added_and_removed_from_the_person_page(
    alice: User, alice_client: Client, network_book
) -> None:
    sara, luca = network_book["Sara"], network_book["Luca"]
    url = reverse("network:link_add", args=[sara.pk])
    assert alice_client.get(url).status_code == 200
    response = alice_client.post(url, {"other": luca.pk, "kind": "partner"})
    assert response["Location"] == reverse("people:detail", args=[sara.pk])
    blocks = alice_client.get(reverse("network:person_blocks", args=[sara.pk])).content.decode()
    assert "Luca Ferri" in blocks and "business partner" in blocks
    row = Link.objects.get()
    alice_client.post(reverse("network:link_delete", args=[row.pk]), {"person": sara.pk})
    assert not Link.objects.exists()


def test_a_link_to_oneself_is_refused_on_the_page(alice_client: Client, network_book) -> None:
    sara = network_book["Sara"]
    url = reverse("network:link_add", args=[sara.pk])
    response = alice_client.post(url, {"other": sara.pk, "kind": "friend"})
    assert response.status_code == 400 and not Link.objects.exists()


def test_who_does_paolo_know_never_offers_paolo(
    alice: User, alice_client: Client, network_book
) -> None:
    paolo = network_book["Paolo"]
    page = alice_client.get(reverse("network:link_add", args=[paolo.pk])).content.decode()
    assert f"exclude={paolo.pk}" in page
    picked = alice_client.get(
        reverse("people:pick"), {"field": "other", "q": "greco", "exclude": paolo.pk}
    ).content.decode()
    assert "Paolo Greco" not in picked
    response = alice_client.post(
        reverse("network:link_add", args=[paolo.pk]), {"other": paolo.pk, "kind": "colleague"}
    )
    assert response.status_code == 400 and not Link.objects.filter(owner=alice).exists()
