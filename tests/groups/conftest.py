"""Issue 16's cast: alice president of group A, bob a member of A, erin on A's
membership committee, charlie a member of group B only, dora invited to A and not yet
answered, frank a former member of A."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client

from coltiva.accounts.models import User
from coltiva.groups import services
from coltiva.groups.models import Group, Invitation, Membership, MembershipPeriod
from coltiva.groups.services import GroupSettings

PASSWORD = "a-long-test-password-42"  # the cast's, as in tests/conftest.py


@dataclass
class Cast:
    a: Group
    b: Group
    users: dict[str, User]
    members: dict[str, Membership]
    dora_invitation: Invitation

    def client(self, name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(self.users[name])
        return client


def _user(email: str, name: str) -> User:
    return User.objects.create_user(email, PASSWORD, name=name, language="en")


def join(group: Group, by: Membership, user: User, classification: str, roles=()) -> Membership:
    invitation = services.invite(group, by, user.email, classification, list(roles))
    return services.accept(invitation, user)


@pytest.fixture
def cast(alice: User, bob: User, charlie: User) -> Cast:
    erin = _user("erin@example.com", "Erin Gallo")
    dora = _user("dora@example.com", "Dora Neri")
    frank = _user("frank@example.com", "Frank Moro")
    a = services.create_group(alice, GroupSettings("Chapter A", meeting_weekday=2), "Florist")
    president = a.memberships.get()
    members = {
        "alice": president,
        "bob": join(a, president, bob, "Plumber"),
        "erin": join(a, president, erin, "Electrician", ["membership_committee"]),
    }
    # Frank was on A's roster from 100 days ago to 10 days ago.
    today = a.today()
    gone = Membership.objects.create(group=a, user=frank, classification="Baker")
    MembershipPeriod.objects.create(
        membership=gone,
        group=a,
        joined_on=today - timedelta(days=100),
        left_on=today - timedelta(days=10),
    )
    members["frank"] = gone
    b = services.create_group(charlie, GroupSettings("Chapter B"), "Lawyer")
    members["charlie"] = b.memberships.get()
    invitation = services.invite(a, president, dora.email, "Architect")
    users = {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "dora": dora,
        "erin": erin,
        "frank": frank,
    }
    return Cast(a, b, users, members, invitation)
