"""The ``coltiva`` command: output and exit codes, as a user at a terminal sees them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coltiva.accounts.models import User
from coltiva.people.models import Person

pytestmark = pytest.mark.django_db


def test_help_lists_every_command_with_one_line(cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for command in ("serve", "adduser", "people", "log"):
        assert f"  {command} " in out


def test_adduser_creates_the_first_account_as_administrator(cli) -> None:
    code, out, _ = cli("adduser", "ada@example.com", "--password-stdin", stdin="long-pass-word-1\n")
    assert code == 0 and "administrator" in out
    assert User.objects.get(email="ada@example.com").check_password("long-pass-word-1")


def test_adduser_after_a_demo_account_creates_the_administrator_then_users(cli) -> None:
    code, out, _ = cli("demo", "--user", "demo@coltiva.local", "--create", "--size", "small")
    assert code == 0
    code, out, _ = cli("adduser", "ada@example.com", "--password-stdin", stdin="long-pass-word-1\n")
    assert code == 0 and "Created administrator ada@example.com" in out
    assert not User.objects.get(email="demo@coltiva.local").is_staff
    code, out, _ = cli("adduser", "bea@example.com", "--password-stdin", stdin="long-pass-word-2\n")
    assert code == 0 and "Created user bea@example.com" in out


def test_adduser_refuses_a_weak_password_in_one_line(cli) -> None:
    code, _, err = cli("adduser", "ada@example.com", "--password-stdin", stdin="123\n")
    assert code != 0
    assert "too short" in err and "Traceback" not in err
    assert not User.objects.exists()


def test_people_add_prints_the_new_id_and_log_records_a_touch(cli, alice: User) -> None:
    code, out, _ = cli(
        "people",
        "add",
        "--user",
        alice.email,
        "Anna Rossi",
        "--company",
        "Fiori",
        "--email",
        "anna@fiori.it",
        "--phone",
        "+39 333 123 4567",
        "--profession",
        "florist",
    )
    assert code == 0
    anna = Person.objects.get(pk=int(out.strip()))
    assert anna.company == "Fiori" and anna.family_name == "Rossi"
    assert {c.normalized for c in anna.contact_points.all()} == {"anna@fiori.it", "+393331234567"}
    code, out, _ = cli("log", "--user", alice.email, "anna@fiori.it", "coffee", "--minutes", "30")
    assert code == 0 and "stage: visibility" in out
    code, out, _ = cli(
        "log", "--user", alice.email, "Anna Rossi", "helped", "--note", "sent a lead"
    )
    assert code == 0
    assert anna.touches.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("people", "add", "--user", "nobody@example.com", "X"), "no account"),
        (("people", "add", "--user", "alice@example.com", " "), "at least a name"),
        (("people", "add", "--user", "alice@example.com", "X", "--email", "bad@"), "valid e-mail"),
        (("log", "--user", "alice@example.com", "Nobody", "coffee"), "nobody in the book"),
        (("log", "--user", "alice@example.com", "Anna", "coffe"), "unknown kind"),
        (
            ("log", "--user", "alice@example.com", "Anna", "coffee", "--on", "2026-02-30"),
            "not a date",
        ),
        (("log", "--user", "alice@example.com", "Anna", "coffee", "--on", "2999-01-01"), "future"),
        (
            (
                "log",
                "--user",
                "alice@example.com",
                "Anna",
                "business_closed",
                "--value",
                "x",
                "--direction",
                "for_me",
            ),
            "not a number",
        ),
        (("log", "--user", "alice@example.com", "Anna", "business_closed"), "for you or for them"),
    ],
)
def test_bad_input_prints_one_clear_line_and_exits_non_zero(
    cli, alice: User, make_person, args: tuple[str, ...], message: str
) -> None:
    make_person(alice, "Anna Rossi")
    code, _, err = cli(*args)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_an_ambiguous_name_lists_the_candidates(cli, alice: User, make_person) -> None:
    make_person(alice, "Anna Rossi")
    make_person(alice, "Anna Bianchi")
    code, _, err = cli("log", "--user", alice.email, "Anna", "coffee")
    assert code != 0 and "several people" in err and "Anna Bianchi" in err


def test_the_console_script_is_installed_and_answers(cli) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coltiva.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "Coltiva's commands" in result.stdout
