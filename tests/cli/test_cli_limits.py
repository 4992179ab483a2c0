"""The CLI keeps the model's limits and answers bad arguments in one line (issue 14)."""

from __future__ import annotations

import json

import pytest

from coltiva.accounts.models import User
from coltiva.people.models import Touch

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(alice: User, make_person):
    return make_person(alice, emails=["anna@example.com"])


def test_log_refuses_a_note_longer_than_the_model_holds(cli, alice: User, anna) -> None:
    code, _out, err = cli(
        "log", "--user", alice.email, "anna@example.com", "coffee", "--note", "x" * 100_000
    )
    assert code != 0
    assert err.count("\n") == 1 and "--note" in err and "5000" in err
    assert not Touch.objects.exists()


@pytest.mark.parametrize("value", ["1e-30", "0.001", "1e30", "123456789012345"])
def test_log_refuses_a_value_out_of_range_or_too_precise(
    cli, alice: User, anna, value: str
) -> None:
    args = ["log", "--user", alice.email, "anna@example.com", "business_closed"]
    code, _out, err = cli(*args, "--direction", "for_me", "--value", value)
    assert code != 0
    assert err.count("\n") == 1 and "--value" in err
    assert "class" not in err and "InvalidOperation" not in err
    assert not Touch.objects.exists()


def test_log_keeps_a_value_with_cents(cli, alice: User, anna) -> None:
    args = ["log", "--user", alice.email, "anna@example.com", "business_closed"]
    code, _out, err = cli(*args, "--direction", "for_me", "--value", "1200.50")
    assert code == 0, err
    assert str(Touch.objects.get().value) == "1200.50"


def test_assess_refuses_deeply_nested_json_with_exit_2(cli) -> None:
    code, _out, err = cli("assess", "-", stdin="[" * 200_000 + "]" * 200_000)
    assert code == 2
    assert err.count("\n") == 1 and "nested" in err


def test_agenda_says_a_day_out_of_range_in_words(cli, alice: User, anna) -> None:
    code, _out, err = cli("agenda", "--user", alice.email, "--on", "9999-12-31")
    assert code != 0
    assert err.count("\n") == 1 and "--on: 9999-12-31 is out of range" in err


def test_agenda_still_answers_for_a_far_but_possible_day(cli, alice: User, anna) -> None:
    code, out, err = cli("agenda", "--user", alice.email, "--on", "2999-01-01", "--json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)
