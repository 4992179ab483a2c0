"""Charlie gets 404 on every network URL that takes an id of Alice's book."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.network import services
from coltiva.network.models import Invitation, Link, NetworkingGroup, Seat
from coltiva.referrals.models import Introduction


@pytest.fixture
def alices_network(alice: User, network_book) -> dict[str, int]:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    group = services.create_group(alice, "BNI Milano")
    seat = services.add_seat(group, "notaio")
    invitation = services.invite(alice, group, anna, alice.local_today())
    row = services.link(alice, anna, paolo, "client")
    intro = services.introduce(alice, anna, paolo, alice.local_today())
    return {
        "person": anna.pk,
        "group": group.pk,
        "seat": seat.pk,
        "invitation": invitation.pk,
        "link": row.pk,
        "introduction": intro.pk,
    }


ID_URLS = [
    ("network:person", "person", "get"),
    ("network:person_blocks", "person", "get"),
    ("network:link_add", "person", "get"),
    ("network:link_add", "person", "post"),
    ("network:profession", "person", "get"),
    ("network:profession", "person", "post"),
    ("network:link_delete", "link", "post"),
    ("network:introduction", "introduction", "get"),
    ("network:outcome", "introduction", "post"),
    ("network:group", "group", "get"),
    ("network:group_delete", "group", "post"),
    ("network:seat_add", "group", "post"),
    ("network:invite", "group", "post"),
    ("network:seat_delete", "seat", "post"),
    ("network:invitation_status", "invitation", "post"),
]


@pytest.mark.parametrize(("name", "key", "method"), ID_URLS)
def test_another_user_gets_404_on_every_network_id_url(
    charlie_client: Client, alices_network: dict[str, int], name: str, key: str, method: str
) -> None:
    url = reverse(name, args=[alices_network[key]])
    data = {"status": "joined", "outcome": "met", "code": "notary", "profession": "x"}
    response = getattr(charlie_client, method)(url, data)
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "key", "method"), ID_URLS)
def test_the_owner_reaches_every_network_id_url(
    alice_client: Client, alices_network: dict[str, int], name: str, key: str, method: str
) -> None:
    url = reverse(name, args=[alices_network[key]])
    response = getattr(alice_client, method)(url)
    assert response.status_code in (200, 302, 400)


def test_charlie_writes_change_nothing_in_alices_network(
    charlie_client: Client, alices_network: dict[str, int]
) -> None:
    charlie_client.post(reverse("network:link_delete", args=[alices_network["link"]]))
    charlie_client.post(reverse("network:group_delete", args=[alices_network["group"]]))
    charlie_client.post(
        reverse("network:invitation_status", args=[alices_network["invitation"]]),
        {"status": "declined"},
    )
    assert Link.objects.filter(pk=alices_network["link"]).exists()
    assert NetworkingGroup.objects.filter(pk=alices_network["group"]).exists()
    assert Seat.objects.filter(pk=alices_network["seat"]).exists()
    assert Invitation.objects.get(pk=alices_network["invitation"]).status == "invited"


def test_charlie_cannot_use_alices_people_in_his_own_forms(
    charlie: User, charlie_client: Client, alices_network: dict[str, int], network_book
) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    response = charlie_client.post(
        reverse("network:introduce"), {"person_a": anna.pk, "person_b": paolo.pk}
    )
    assert response.status_code == 400
    assert not Introduction.objects.filter(owner=charlie).exists()
    group = services.create_group(charlie, "Charlie's club")
    charlie_client.post(reverse("network:invite", args=[group.pk]), {"person": anna.pk})
    assert not Invitation.objects.filter(group=group).exists()
    prefilled = charlie_client.get(reverse("network:introduce") + f"?a={anna.pk}&b={paolo.pk}")
    assert "Anna Russo" not in prefilled.content.decode()


def test_lists_show_nothing_of_alices_book(
    charlie_client: Client, alices_network: dict[str, int]
) -> None:
    for url in (
        reverse("network:introductions"),
        reverse("network:groups"),
        reverse("network:who") + "?q=notaio",
        reverse("network:who") + "?q=Paolo Greco",
        reverse("web:home"),
    ):
        body = charlie_client.get(url).content.decode()
        assert "Anna Russo" not in body and "BNI Milano" not in body
        assert "Paolo Greco knows" not in body and "Anna Russo knows" not in body
