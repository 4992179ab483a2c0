"""`coltiva log` and `coltiva people add` refuse what the forms refuse, with the same
one-line message (the rules live once, in the domain and the services)."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.utils import translation

from coltiva.accounts.models import User
from coltiva.people.models import ContactPoint, Person, Touch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    # English, whatever an earlier in-process request left active in this thread.
    with time_machine.travel(datetime(2026, 12, 1, 11, 0), tick=False), translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["coffee", "--on", "1900-01-01"], "Choose a day from 1 January 1950 on."),
        (["coffee", "--on", "1949-12-31"], "Choose a day from 1 January 1950 on."),
        (["coffee", "--on", "2026-12-02"], "A touch cannot be dated in the future"),
        (["coffee", "--minutes", "-5"], "Minutes must be between 1 and 1440."),
        (["coffee", "--minutes", "99999"], "Minutes must be between 1 and 1440."),
        (
            ["business_closed", "--value", "100"],
            "Say whether the business was for you or for them.",
        ),
        (["coffee", "--value", "100"], "Only closed business has a value."),
        (["coffee", "--direction", "for_me"], "Only closed business has a direction."),
    ],
)
def test_log_refuses_a_touch_out_of_bounds_and_saves_nothing(
    cli, alice: User, make_person, args: list[str], message: str
) -> None:
    anna = make_person(alice)
    code, out, err = cli("log", "--user", alice.email, str(anna.pk), *args)
    assert (code, out) == (1, "")
    # One line, naming the option when one is at fault ("--on: Choose a day ...").
    assert err.startswith("CommandError: ") and message in err and err.count("\n") == 1, err
    assert not Touch.objects.exists()


def test_log_accepts_the_bounds(cli, alice: User, make_person) -> None:
    anna = make_person(alice)
    code, out, _err = cli(
        "log",
        "--user",
        alice.email,
        str(anna.pk),
        "coffee",
        "--on",
        "1950-01-01",
        "--minutes",
        "1440",
    )
    assert code == 0 and "1950-01-01" in out
    assert Touch.objects.get().minutes == 1440


@pytest.mark.parametrize("phone", ["abc", "12"])
def test_people_add_refuses_a_phone_that_is_not_a_number(cli, alice: User, phone: str) -> None:
    code, _out, err = cli("people", "add", "--user", alice.email, "Anna Rossi", "--phone", phone)
    assert code == 1 and "phone: Enter a phone number" in err
    assert not Person.objects.exists() and not ContactPoint.objects.exists()


def test_people_add_reads_a_phone_in_the_users_region(cli, alice: User) -> None:
    code, _out, _err = cli(
        "people", "add", "--user", alice.email, "Anna Rossi", "--phone", "333 123 4567"
    )
    assert code == 0
    assert ContactPoint.objects.get().normalized == "+393331234567"
