"""Invitations by e-mail: a signed link valid 14 days; an existing user accepts or
declines, a new person signs up through it (the link confirms their address)."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coltiva.accounts.models import User
from coltiva.groups.models import Invitation, Membership

PASSWORD = "a-long-test-password-42"


def _invite(cast, email: str, classification: str = "Architect") -> str:
    """Alice invites ``email`` from the page; the link of the e-mail sent."""
    mail.outbox.clear()
    response = cast.client("alice").post(
        reverse("groups:invite", args=[cast.a.pk]),
        {"email": email, "classification": classification},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [email] and "Chapter A" in message.subject
    link = re.search(r"https?://\S+/groups/invitation/\S+/", message.body)
    assert link is not None
    return link.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_an_existing_user_accepts_from_the_e_mailed_link_and_sees_the_group(cast) -> None:
    grace = User.objects.create_user("grace@example.com", PASSWORD, name="Grace Hu")
    path = _invite(cast, "grace@example.com")
    client = Client()
    client.force_login(grace)
    page = client.get(path)
    assert page.status_code == 200 and "Join Chapter A" in page.content.decode()
    response = client.post(path, {"answer": "accept"})
    assert response["Location"] == reverse("groups:overview", args=[cast.a.pk])
    membership = Membership.objects.get(group=cast.a, user=grace)
    assert membership.classification == "Architect"
    assert membership.periods.get().joined_on == cast.a.today()
    roster = client.get(reverse("groups:roster", args=[cast.a.pk])).content.decode()
    assert "Grace Hu" in roster and "Alice Verdi" in roster
    assert client.post(path, {"answer": "accept"}).status_code == 404  # answered: gone


def test_declining_makes_no_membership(cast) -> None:
    grace = User.objects.create_user("grace@example.com", PASSWORD, name="Grace Hu")
    path = _invite(cast, "grace@example.com")
    client = Client()
    client.force_login(grace)
    assert client.post(path, {"answer": "decline"}).status_code == 302
    assert not Membership.objects.filter(user=grace).exists()
    assert Invitation.objects.get(email="grace@example.com").status == Invitation.DECLINED
    assert client.get(reverse("groups:overview", args=[cast.a.pk])).status_code == 404


def test_the_wrong_user_is_refused_and_nothing_is_written(cast) -> None:
    path = _invite(cast, "grace@example.com")
    response = cast.client("charlie").post(path, {"answer": "accept"})
    assert response.status_code == 400
    assert "for another e-mail address" in response.content.decode()
    assert not Membership.objects.filter(group=cast.a, user=cast.users["charlie"]).exists()
    assert Invitation.objects.get(email="grace@example.com").status == Invitation.PENDING


def test_a_link_older_than_14_days_is_refused(cast) -> None:
    path = _invite(cast, "dora@example.com")
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1), tick=False):
        response = cast.client("dora").post(path, {"answer": "accept"})
    assert response.status_code == 404
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=cast.users["dora"]).exists()
    with time_machine.travel(timezone.now() + timedelta(days=13, hours=23), tick=False):
        assert cast.client("dora").post(path, {"answer": "accept"}).status_code == 302


def test_a_tampered_link_is_refused(cast) -> None:
    path = _invite(cast, "dora@example.com")
    assert cast.client("dora").get(path[:-3] + "xx/").status_code == 404


def test_a_new_person_signs_up_through_the_link_and_is_confirmed(cast) -> None:
    path = _invite(cast, "nina@example.com", "Notary")
    anonymous = Client()
    page = anonymous.get(path).content.decode()
    assert "Create an account" in page and "Log in" in page
    signup = path + "signup/"
    response = anonymous.post(
        signup, {"name": "Nina Sala", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    nina = User.objects.get(email="nina@example.com")
    assert nina.email_confirmed_at is not None
    assert Membership.objects.get(user=nina).classification == "Notary"
    # Confirmed: she logs in with her password at once.
    login = anonymous.post(
        reverse("accounts:login"), {"username": "nina@example.com", "password": PASSWORD}
    )
    assert login.status_code == 302
    assert anonymous.get(reverse("groups:overview", args=[cast.a.pk])).status_code == 200


def test_signing_up_through_a_link_for_an_address_with_an_account_is_refused(cast) -> None:
    path = _invite(cast, "dora@example.com") + "signup/"
    response = Client().post(
        path, {"name": "Not Dora", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 400
    assert "log in to answer" in response.content.decode()


def test_a_bad_signup_keeps_the_invitation(cast) -> None:
    path = _invite(cast, "nina@example.com") + "signup/"
    response = Client().post(path, {"name": "Nina", "password1": "short", "password2": "other"})
    assert response.status_code == 400
    assert not User.objects.filter(email="nina@example.com").exists()
    assert Invitation.objects.get(email="nina@example.com").status == Invitation.PENDING


def test_inviting_a_taken_classification_names_the_member_who_holds_it(cast) -> None:
    response = cast.client("erin").post(
        reverse("groups:invite", args=[cast.a.pk]),
        {"email": "grace@example.com", "classification": "plumber"},
    )
    assert response.status_code == 400
    assert "Bob Smith already holds this classification" in response.content.decode()
    assert not Invitation.objects.filter(email="grace@example.com").exists()


def test_the_lock_is_checked_again_when_an_invitation_is_accepted(cast) -> None:
    grace = User.objects.create_user("grace@example.com", PASSWORD, name="Grace Hu")
    path = _invite(cast, "grace@example.com", "Roofer")
    # Meanwhile bob became the group's roofer.
    url = reverse("groups:member_classification", args=[cast.a.pk, cast.members["bob"].pk])
    assert cast.client("bob").post(url, {"classification": "Roofer"}).status_code == 302
    client = Client()
    client.force_login(grace)
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 400
    assert "Bob Smith already holds" in response.content.decode()
    assert not Membership.objects.filter(user=grace).exists()


def test_the_membership_committee_invites_but_sets_no_roles(cast) -> None:
    url = reverse("groups:invite", args=[cast.a.pk])
    assert 'name="roles"' not in cast.client("erin").get(url).content.decode()
    assert 'name="roles"' in cast.client("alice").get(url).content.decode()
    cast.client("erin").post(
        url, {"email": "grace@example.com", "classification": "Roofer", "roles": ["president"]}
    )
    assert Invitation.objects.get(email="grace@example.com").roles == []


def test_a_former_member_comes_back_with_a_second_period(cast) -> None:
    path = _invite(cast, "frank@example.com", "Baker")
    assert cast.client("frank").post(path, {"answer": "accept"}).status_code == 302
    periods = list(cast.members["frank"].periods.order_by("joined_on"))
    assert len(periods) == 2 and periods[0].left_on is not None and periods[1].left_on is None
