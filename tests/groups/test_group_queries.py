"""The group's pages make the same number of queries for 3 and for 30 members."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.groups import services
from coltiva.groups.services import GroupSettings

PROFESSIONS = ["Plumber", "Electrician", "Florist", "Baker", "Notary", "Architect"]


def _group_of(size: int, tag: str) -> tuple[User, int]:
    president = User.objects.create_user(f"p-{tag}@example.com", "pw-123456789", name="P")
    group = services.create_group(
        president, GroupSettings(f"G {tag}", lock_classifications=False), "Lawyer"
    )
    leader = group.memberships.get()
    for i in range(size - 1):
        user = User.objects.create_user(f"m{i}-{tag}@example.com", "pw-123456789", name=f"M{i}")
        job = f"{PROFESSIONS[i % len(PROFESSIONS)]} {i}"
        services.accept(services.invite(group, leader, user.email, job, ["mentor"]), user)
    return president, group.pk


def _count(user: User, url: str) -> int:
    client = Client()
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["overview", "roster"])
def test_a_group_page_makes_the_same_queries_for_3_and_30_members(page: str) -> None:
    small, small_pk = _group_of(3, "s")
    large, large_pk = _group_of(30, "l")
    counts = [
        _count(user, reverse(f"groups:{page}", args=[pk]))
        for user, pk in ((small, small_pk), (large, large_pk))
    ]
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_my_groups_makes_the_same_queries_for_one_group_and_for_ten() -> None:
    one = User.objects.create_user("one@example.com", "pw-123456789")
    ten = User.objects.create_user("ten@example.com", "pw-123456789")
    services.create_group(one, GroupSettings("Only"))
    for i in range(10):
        services.create_group(ten, GroupSettings(f"Group {i}"))
    url = reverse("groups:list")
    assert _count(one, url) == _count(ten, url)
