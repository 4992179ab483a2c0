"""The ledger warns of taking more than giving exactly when the guardrail does: the same
rule over the same window, for a person and for the whole book."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Relationship
from coltiva.referrals.ledger import ledger

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 6, 15, 12, 0), tick=False):
        yield


def _warned(alice: User, person_id: int) -> bool:
    rel = Relationship.objects.get(person_id=person_id)
    return any(w["code"] == "taking_more_than_giving" for w in rel.warnings)


@pytest.mark.parametrize(
    ("days_ago", "given", "taking"),
    [
        (180, 0, True),  # the window's first day still counts
        (181, 0, False),  # the day before it does not
        (10, 1, False),  # one ask against one given: not more
    ],
)
def test_the_book_ledger_and_the_guardrail_agree(
    alice: User, make_person, days_ago: int, given: int, taking: bool
) -> None:
    today = alice.local_today()
    anna = make_person(alice)
    services.log_touch(anna, kind="help_received", on=today - timedelta(days=days_ago))
    for _ in range(given):
        services.log_touch(anna, kind="helped", on=today - timedelta(days=days_ago))
    assert _warned(alice, anna.pk) is taking
    assert ledger(alice, today).taking_more_than_giving is taking
