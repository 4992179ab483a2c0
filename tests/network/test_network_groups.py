"""The user's networking groups: seated professions, invitations, and Today's ideas."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.network import services, today
from coltiva.network.models import Invitation, NetworkingGroup, Seat


def make_group(user: User, *professions: str) -> NetworkingGroup:
    group = services.create_group(user, "BNI Milano Centro", "Thursdays 7:00, Hotel Principe")
    for profession in professions:
        services.add_seat(group, profession)
    return group


def test_a_group_is_created_from_its_page(alice: User, alice_client: Client) -> None:
    response = alice_client.post(reverse("network:groups"), {"name": "BNI Roma", "meets": ""})
    group = NetworkingGroup.objects.get(owner=alice)
    assert response["Location"] == reverse("network:group", args=[group.pk])
    assert alice_client.post(reverse("network:groups"), {"name": ""}).status_code == 400


def test_seated_professions_are_mapped_like_peoples(alice: User, alice_client: Client) -> None:
    group = make_group(alice)
    alice_client.post(
        reverse("network:seat_add", args=[group.pk]), {"profession": "CPA", "member": "Dan"}
    )
    seat = Seat.objects.get(group=group)
    assert (seat.profession, seat.profession_code, seat.member) == ("CPA", "accountant", "Dan")
    alice_client.post(reverse("network:seat_delete", args=[seat.pk]))
    assert not Seat.objects.filter(group=group).exists()


def test_inviting_someone_is_a_gift_the_method_counts(
    alice: User, alice_client: Client, network_book
) -> None:
    group = make_group(alice)
    emma = network_book["Emma"]
    alice_client.post(reverse("network:invite", args=[group.pk]), {"person": emma.pk})
    invitation = Invitation.objects.get(group=group, person=emma)
    assert invitation.status == "invited"
    assert emma.touches.filter(kind="invited_to_group").count() == 1
    body = alice_client.get(reverse("network:group", args=[group.pk])).content.decode()
    assert "Emma Clarke" in body


def test_an_invitation_moves_on_and_who_joins_takes_the_seat(
    alice: User, alice_client: Client, network_book
) -> None:
    group = make_group(alice)
    invitation = services.invite(alice, group, network_book["Emma"], alice.local_today())
    for status in ("visited", "applied", "joined"):
        alice_client.post(
            reverse("network:invitation_status", args=[invitation.pk]), {"status": status}
        )
        invitation.refresh_from_db()
        assert invitation.status == status
    seat = Seat.objects.get(group=group)
    assert (seat.profession_code, seat.person_id) == ("florist", network_book["Emma"].pk)


def test_inviting_again_reopens_the_invitation(alice: User, network_book) -> None:
    group = make_group(alice)
    first = services.invite(alice, group, network_book["Emma"], alice.local_today())
    services.set_invitation_status(first, "declined")
    again = services.invite(alice, group, network_book["Emma"], alice.local_today())
    assert again.pk == first.pk and again.status == "invited"


def test_today_suggests_credibility_contacts_whose_profession_the_group_lacks(
    alice: User, network_book
) -> None:
    group = make_group(alice, "commercialista", "florist")
    ideas = today.invite_ideas(alice, "en", limit=10)
    names = {i.name for i in ideas}
    assert "Anna Russo" in names and "Luca Ferri" in names  # HR consultant, mortgage broker
    assert "Roberto Colombo" not in names and "Emma Clarke" not in names  # seated
    assert "Beatrice Moretti" not in names  # only visibility: not yet
    assert all(i.group_id == group.pk for i in ideas)
    assert len(today.invite_ideas(alice, "en")) == today.INVITES_PER_DAY


def test_one_idea_per_missing_profession_and_never_twice(alice: User, network_book) -> None:
    make_group(alice)
    ideas = today.invite_ideas(alice, "en", limit=20)
    professions = [i.profession for i in ideas]
    assert len(professions) == len(set(professions))
    invited = ideas[0]
    group = NetworkingGroup.objects.get(pk=invited.group_id)
    services.invite(alice, group, network_book[invited.name.split()[0]], alice.local_today())
    assert invited.person_id not in {i.person_id for i in today.invite_ideas(alice, "en", 20)}


def test_today_shows_the_invite_section_with_a_one_click_invite(
    alice: User, alice_client: Client, network_book
) -> None:
    body = alice_client.get(reverse("web:home")).content.decode()
    assert "Invite to your group" not in body  # no group, no section
    group = make_group(alice, "commercialista")
    body = alice_client.get(reverse("web:home")).content.decode()
    assert "Invite to your group" in body
    assert reverse("network:invite", args=[group.pk]) in body
    response = alice_client.post(
        reverse("network:invite", args=[group.pk]),
        {"person": network_book["Anna"].pk, "next": reverse("web:home")},
    )
    assert response["Location"] == reverse("web:home")


def test_the_person_page_blocks_offer_an_invitation(
    alice: User, alice_client: Client, network_book
) -> None:
    group = make_group(alice)
    url = reverse("network:person_blocks", args=[network_book["Anna"].pk])
    body = alice_client.get(url).content.decode()
    assert "Invite to visit BNI Milano Centro" in body
    assert reverse("network:invite", args=[group.pk]) in body


def test_deleting_a_group_takes_its_roster_and_invitations(
    alice: User, alice_client: Client, network_book
) -> None:
    group = make_group(alice, "notaio")
    services.invite(alice, group, network_book["Emma"], alice.local_today())
    alice_client.post(reverse("network:group_delete", args=[group.pk]))
    assert not NetworkingGroup.objects.filter(owner=alice).exists()
    assert not Invitation.objects.exists() and not Seat.objects.exists()
