"""``coltiva groups list`` and ``coltiva groups create``: the same services as the pages."""

from __future__ import annotations

import json

from coltiva.groups.models import Group, Membership


def test_create_makes_the_user_president_and_list_shows_it(cli, alice) -> None:
    code, out, err = cli("groups", "create", "Chapter Centro", "--user", alice.email)
    assert (code, err) == (0, "")
    group = Group.objects.get(name="Chapter Centro")
    assert out.strip() == f"Created group {group.pk}: Chapter Centro (you are its president)"
    assert group.time_zone == "Europe/Rome" and group.currency == "EUR"
    assert Membership.objects.get(group=group, user=alice).roles == ["president"]
    code, out, _ = cli("groups", "list", "--user", alice.email)
    assert out.strip() == f"{group.pk}\tChapter Centro\tEurope/Rome\tEUR"


def test_list_as_json(cli, alice) -> None:
    cli("groups", "create", "B", "--user", alice.email, "--time-zone", "UTC", "--currency", "usd")
    code, out, _ = cli("groups", "list", "--user", alice.email, "--json")
    (row,) = json.loads(out)
    assert code == 0 and (row["name"], row["time_zone"], row["currency"]) == ("B", "UTC", "USD")
    assert row["lock_classifications"] is True


def test_list_shows_only_the_groups_the_user_is_on_the_roster_of(cli, cast) -> None:
    for who, expected in [("bob", ["Chapter A"]), ("charlie", ["Chapter B"]), ("frank", [])]:
        _code, out, _ = cli("groups", "list", "--user", cast.users[who].email, "--json")
        assert [g["name"] for g in json.loads(out)] == expected, who
    assert cli("groups", "list", "--user", "dora@example.com")[1].strip() == "No groups."


def test_bad_arguments_get_one_line_and_write_nothing(cli, alice) -> None:
    code, _out, err = cli(
        "groups", "create", "X", "--user", alice.email, "--time-zone", "Mars/Base"
    )
    assert (
        code == 1
        and err.strip() == "CommandError: unknown time zone (an IANA name such as Europe/Rome)"
    )
    code, _, err = cli("groups", "create", "X", "--user", alice.email, "--currency", "XYZ")
    assert code == 1 and "currency must be one of" in err
    code, _, err = cli("groups", "create", " ", "--user", alice.email)
    assert code == 1 and "give the group a name" in err
    code, _, err = cli("groups", "list", "--user", "nobody@example.com")
    assert code == 1 and "Traceback" not in err
    assert not Group.objects.exists()
