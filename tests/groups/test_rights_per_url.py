"""Every page and form of a group, for each of the cast: DOMAIN.md's rights table per URL.

404 to anyone who is not a current member (charlie of another group, dora only invited,
frank who left), a log-in redirect for the anonymous, 403 to a member without the right.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from coltiva.groups.models import Invitation, Membership

OUTSIDERS = {"charlie": 404, "dora": 404, "frank": 404, "anonymous": 302}

Url = Callable[[object], str]


def _group(name: str) -> Callable[..., str]:
    return lambda cast: reverse(f"groups:{name}", args=[cast.a.pk])


def _member(name: str, target: str) -> Callable[..., str]:
    return lambda cast: reverse(f"groups:{name}", args=[cast.a.pk, cast.members[target].pk])


# (page, url, expected status per cast member on GET)
PAGES = [
    ("overview", _group("overview"), {"alice": 200, "bob": 200, "erin": 200}),
    ("roster", _group("roster"), {"alice": 200, "bob": 200, "erin": 200}),
    ("invite", _group("invite"), {"alice": 200, "bob": 403, "erin": 200}),
    ("settings", _group("settings"), {"alice": 200, "bob": 403, "erin": 403}),
    ("roles", _member("member_roles", "bob"), {"alice": 200, "bob": 403, "erin": 403}),
    (
        "bob's classification",
        _member("member_classification", "bob"),
        {"alice": 200, "bob": 200, "erin": 200},
    ),
    (
        "alice's classification",
        _member("member_classification", "alice"),
        {"alice": 200, "bob": 403, "erin": 200},
    ),
    ("remove bob", _member("member_end", "bob"), {"alice": 200, "bob": 200, "erin": 200}),
    ("remove erin", _member("member_end", "erin"), {"alice": 200, "bob": 403, "erin": 200}),
]
CELLS = [
    (page, url, who, status)
    for page, url, members in PAGES
    for who, status in (members | OUTSIDERS).items()
]


@pytest.mark.parametrize(("page", "url", "who", "status"), CELLS)
def test_each_cast_member_gets_what_the_rights_table_gives_on_each_page(
    cast, page: str, url: Url, who: str, status: int
) -> None:
    response = cast.client(who).get(url(cast))
    assert response.status_code == status, (page, who)
    if status == 302:
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(("page", "url", "who", "status"), CELLS)
def test_a_post_refused_to_a_cast_member_writes_nothing(
    cast, page: str, url: Url, who: str, status: int
) -> None:
    if status == 200:
        return  # the writes that succeed have their own tests below
    before = _state(cast)
    response = cast.client(who).post(
        url(cast),
        {
            "name": "Taken over",
            "email": "mallory@example.com",
            "classification": "Thief",
            "roles": ["president"],
            "left_on": "2099-01-01",
            "time_zone": "UTC",
            "currency": "EUR",
        },
    )
    assert response.status_code == status, (page, who)
    assert _state(cast) == before


def _state(cast) -> tuple[object, ...]:
    cast.a.refresh_from_db()
    members = list(
        Membership.objects.filter(group=cast.a)
        .order_by("pk")
        .values_list("classification", "roles", "periods__left_on")
    )
    return cast.a.name, members, Invitation.objects.count()


def test_a_membership_of_another_group_named_in_the_address_is_refused(cast) -> None:
    charlies = cast.members["charlie"].pk
    client = cast.client("alice")
    for name in ("member_roles", "member_classification", "member_end"):
        url = reverse(f"groups:{name}", args=[cast.a.pk, charlies])
        assert client.get(url).status_code == 404
        response = client.post(url, {"roles": [], "classification": "X", "left_on": "2099-01-01"})
        assert response.status_code == 404
    assert cast.members["charlie"].periods.get().left_on is None


def test_the_list_of_my_groups_shows_only_the_groups_i_am_on_the_roster_of(cast) -> None:
    for who, sees_a, sees_b in [
        ("alice", True, False),
        ("bob", True, False),
        ("charlie", False, True),
        ("dora", False, False),
        ("frank", False, False),
    ]:
        page = cast.client(who).get(reverse("groups:list")).content.decode()
        assert ("Chapter A" in page) is sees_a, who
        assert ("Chapter B" in page) is sees_b, who


def test_the_president_sets_roles(cast) -> None:
    url = reverse("groups:member_roles", args=[cast.a.pk, cast.members["bob"].pk])
    response = cast.client("alice").post(url, {"roles": ["vice_president", "mentor"]})
    assert response.status_code == 302
    cast.members["bob"].refresh_from_db()
    assert cast.members["bob"].roles == ["mentor", "vice_president"]
    # Bob, now in the leadership, edits the settings but still cannot set roles.
    assert cast.client("bob").get(reverse("groups:settings", args=[cast.a.pk])).status_code == 200
    assert cast.client("bob").get(url).status_code == 403


def test_the_last_president_cannot_drop_the_role_nor_leave(cast) -> None:
    alice = cast.members["alice"]
    client = cast.client("alice")
    roles = reverse("groups:member_roles", args=[cast.a.pk, alice.pk])
    response = client.post(roles, {"roles": ["mentor"]})
    assert response.status_code == 400
    assert "at least one president" in response.content.decode()
    leave = reverse("groups:member_end", args=[cast.a.pk, alice.pk])
    tomorrow = cast.a.today().toordinal() + 1
    from datetime import date

    response = client.post(leave, {"left_on": date.fromordinal(tomorrow).isoformat()})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.roles == ["president"] and alice.periods.get().left_on is None


def test_a_second_president_lets_the_first_step_down(cast) -> None:
    client = cast.client("alice")
    bob = cast.members["bob"]
    client.post(reverse("groups:member_roles", args=[cast.a.pk, bob.pk]), {"roles": ["president"]})
    own = reverse("groups:member_roles", args=[cast.a.pk, cast.members["alice"].pk])
    assert client.post(own, {"roles": []}).status_code == 302
    assert client.get(own).status_code == 403  # no longer president


def test_the_membership_committee_changes_a_classification_and_the_lock_names_the_holder(
    cast,
) -> None:
    url = reverse("groups:member_classification", args=[cast.a.pk, cast.members["bob"].pk])
    client = cast.client("erin")
    response = client.post(url, {"classification": "florist"})
    assert response.status_code == 400
    assert "Alice Verdi already holds this classification" in response.content.decode()
    assert client.post(url, {"classification": "Roofer"}).status_code == 302
    cast.members["bob"].refresh_from_db()
    assert cast.members["bob"].classification == "Roofer"


def test_a_former_members_classification_is_free_again_for_a_newcomer(cast) -> None:
    # Frank, a baker, left ten days ago; bob's period began today, after frank's ended,
    # so they never share a day and the lock admits bob as the group's baker.
    url = reverse("groups:member_classification", args=[cast.a.pk, cast.members["bob"].pk])
    assert cast.client("alice").post(url, {"classification": "Baker"}).status_code == 302


def test_the_membership_committee_removes_a_member_who_then_sees_nothing(cast) -> None:
    bob = cast.members["bob"]
    url = reverse("groups:member_end", args=[cast.a.pk, bob.pk])
    tomorrow = cast.a.today().fromordinal(cast.a.today().toordinal() + 1)
    assert cast.client("erin").post(url, {"left_on": tomorrow.isoformat()}).status_code == 302
    assert bob.periods.get().left_on == tomorrow
    assert Membership.objects.filter(pk=bob.pk).exists()  # his history stays


def test_a_member_leaves_on_a_day_and_the_group_is_gone_for_them_from_that_day(cast) -> None:
    import time_machine

    bob = cast.members["bob"]
    url = reverse("groups:member_end", args=[cast.a.pk, bob.pk])
    today = cast.a.today()
    leave_on = today.fromordinal(today.toordinal() + 3)
    response = cast.client("bob").post(url, {"left_on": leave_on.isoformat()})
    assert response.status_code == 302 and response["Location"] == reverse("groups:list")
    overview = reverse("groups:overview", args=[cast.a.pk])
    assert cast.client("bob").get(overview).status_code == 200  # still on the roster
    with time_machine.travel(leave_on.isoformat() + " 12:00 +00:00", tick=False):
        assert cast.client("bob").get(overview).status_code == 404
        assert "Bob Smith" not in cast.client("alice").get(overview).content.decode()


def test_a_leaving_day_on_or_before_joining_is_refused_in_words(cast) -> None:
    url = reverse("groups:member_end", args=[cast.a.pk, cast.members["bob"].pk])
    response = cast.client("bob").post(url, {"left_on": cast.a.today().isoformat()})
    assert response.status_code == 400
    assert "must come after the day they joined" in response.content.decode()


def test_leadership_edits_the_settings(cast) -> None:
    url = reverse("groups:settings", args=[cast.a.pk])
    data = {
        "name": "Chapter A Centro",
        "time_zone": "Europe/Rome",
        "currency": "EUR",
        "meeting_weekday": "3",
        "meeting_time": "07:00",
        "place": "Bar Roma",
        "lock_classifications": "on",
    }
    assert cast.client("alice").post(url, data).status_code == 302
    cast.a.refresh_from_db()
    assert (cast.a.name, cast.a.meeting_weekday, cast.a.place) == (
        "Chapter A Centro",
        3,
        "Bar Roma",
    )
    page = cast.client("bob").get(reverse("groups:overview", args=[cast.a.pk])).content.decode()
    assert "Meets on Thursday" in page and "Bar Roma" in page
