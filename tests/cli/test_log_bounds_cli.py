"""`coltiva log` and `coltiva people add` refuse what the forms refuse, with the same
one-line message (the rules live once, in the domain and the services)."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.utils import translation

from coltiva.accounts.models import User
from coltiva.events.models import Event
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


def test_log_warns_of_an_ask_made_before_credibility_and_saves_it(
    cli, alice: User, make_person
) -> None:
    anna = make_person(alice, "Anna Rossi")
    cli("log", "--user", alice.email, str(anna.pk), "met", "--on", "2026-11-20")
    code, out, err = cli("log", "--user", alice.email, str(anna.pk), "ask")
    assert code == 0 and "Logged ask with Anna Rossi" in out
    assert err.startswith("Warning: Anna is at Visibility: asking for business before credibility")
    assert Touch.objects.filter(person=anna, kind="ask").count() == 1


def test_log_warns_in_the_users_language(cli, alice: User, make_person) -> None:
    alice.language = "it"
    alice.save()
    anna = make_person(alice, "Anna Rossi")
    code, _out, err = cli("log", "--user", alice.email, str(anna.pk), "ask")
    assert code == 0 and "chiedere opportunità di business prima di aver creato credibilità" in err


def test_log_gives_no_warning_for_an_ask_at_credibility(cli, alice: User, make_person) -> None:
    anna = make_person(alice, "Anna Rossi")
    for kind, on in (("coffee", "2026-10-01"), ("coffee", "2026-11-01"), ("helped", "2026-11-02")):
        assert cli("log", "--user", alice.email, str(anna.pk), kind, "--on", on)[0] == 0
    code, out, err = cli("log", "--user", alice.email, str(anna.pk), "ask")
    assert code == 0 and "Logged ask" in out and err == ""


def test_log_refuses_an_unknown_kind_listing_the_kinds_and_creates_no_event(
    cli, alice: User, make_person
) -> None:
    anna = make_person(alice)
    code, _out, err = cli("log", "--user", alice.email, str(anna.pk), "hug", "--event", "Expo")
    assert code == 1 and "unknown kind 'hug'; use one of: met, conversation," in err
    assert not Event.objects.exists() and not Touch.objects.exists()
