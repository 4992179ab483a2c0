"""Stored assessments always equal a fresh one: after adds, edits, deletes and days passing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coltiva.accounts.backends import forget_user
from coltiva.accounts.models import User
from coltiva.domain.touches import Kind
from coltiva.domain.vcp import assess
from coltiva.people import services
from coltiva.people.models import Person, Relationship, StageChange, Touch

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def fresh(person: Person, today: date) -> dict[str, object]:
    rel = Relationship.objects.get(person=person)
    touches = [t.to_domain() for t in Touch.objects.filter(person=person)]
    result = assess(
        touches,
        today,
        cadence_days=rel.cadence_days,
        pinned_stage=services._pinned(rel),
        params=services.vcp_params(),
    )
    return {
        "stage": result.stage.value,
        "computed_stage": result.computed_stage.value,
        "health": result.health.value,
        "scores": (
            result.scores.visibility,
            result.scores.credibility,
            result.scores.profitability,
        ),
        "warnings": [w.code.value for w in result.warnings],
        "next_step": result.next_step.code.value,
        "last_contact_on": result.last_contact,
    }


def stored(person: Person) -> dict[str, object]:
    rel = Relationship.objects.get(person=person)
    return {
        "stage": rel.stage,
        "computed_stage": rel.computed_stage,
        "health": rel.health,
        "scores": (rel.score_visibility, rel.score_credibility, rel.score_profitability),
        "warnings": [w["code"] for w in rel.warnings],
        "next_step": rel.next_step,
        "last_contact_on": rel.last_contact_on,
    }


KINDS = [k.value for k in Kind]
operation = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(KINDS), st.integers(0, 800)),
    st.tuples(st.just("edit"), st.sampled_from(KINDS), st.integers(0, 800)),
    st.tuples(st.just("delete"), st.just(""), st.just(0)),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_stored_values_equal_a_fresh_assessment_after_any_sequence_of_changes(
    alice: User, make_person, ops: list[tuple[str, str, int]]
) -> None:
    person = make_person(alice, "Prop Test")
    today = alice.local_today()
    for action, kind, days_ago in ops:
        extra = {"direction": "for_me", "value": Decimal(100)} if kind == "business_closed" else {}
        existing = list(person.touches.order_by("id"))
        if action == "add":
            services.log_touch(person, kind=kind, on=today - timedelta(days=days_ago), **extra)
        elif action == "edit" and existing:
            services.update_touch(
                existing[0],
                kind=kind,
                on=today - timedelta(days=days_ago),
                direction=extra.get("direction", ""),
                value=extra.get("value"),
            )
        elif action == "delete" and existing:
            services.delete_touch(existing[-1])
        assert stored(person) == fresh(person, today)
    person.delete()


def test_a_refresh_brings_decay_in_and_records_the_stage_change(alice: User, make_person) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    services.log_touch(anna, kind="coffee", on=today - timedelta(days=700))
    assert Relationship.objects.get(person=anna).stage == "visibility"
    later = today + timedelta(days=40)
    services.refresh_book(alice, later)
    rel = Relationship.objects.get(person=anna)
    assert rel.stage == "none" and rel.assessed_on == later
    change = StageChange.objects.filter(person=anna).last()
    assert change is not None
    assert (change.from_stage, change.to_stage, change.on) == ("visibility", "none", later)
    assert stored(anna) == fresh(anna, later)


def test_every_change_of_stage_is_recorded_with_its_date(alice: User, make_person) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    services.log_touch(anna, kind="coffee", on=today - timedelta(days=20))
    services.log_touch(anna, kind="coffee", on=today - timedelta(days=10))
    services.log_touch(anna, kind="helped", on=today - timedelta(days=5))
    path = list(StageChange.objects.filter(person=anna).values_list("from_stage", "to_stage"))
    assert path == [("none", "visibility"), ("visibility", "credibility")]


def test_a_pinned_stage_stands_in_for_the_computed_one(alice: User, make_person) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today())
    services.set_relationship(
        anna, purposes=["business"], cadence_days=None, pinned_stage="credibility"
    )
    rel = Relationship.objects.get(person=anna)
    assert (rel.stage, rel.computed_stage) == ("credibility", "visibility")
    assert rel.next_step == "give_referral"


def test_a_stale_book_is_refreshed_on_the_first_request_of_the_day(
    alice: User, alice_client, make_person
) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today() - timedelta(days=100))
    Relationship.objects.filter(person=anna).update(health="thriving", assessed_on=date(2000, 1, 1))
    User.objects.filter(pk=alice.pk).update(book_assessed_on=date(2000, 1, 1))
    forget_user(alice.pk)  # an update() bypasses the signals (accounts.backends)
    alice_client.get("/people/")
    rel = Relationship.objects.get(person=anna)
    assert rel.health == "withering" and rel.assessed_on == alice.local_today()


def test_the_day_a_person_entered_the_book_is_the_users_day(alice: User, make_person) -> None:
    """Alice lives in Rome: a person added at 23:30 UTC entered her book the next day."""
    from datetime import UTC, datetime

    anna = make_person(alice)
    late = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    Person.objects.filter(pk=anna.pk).update(created_at=late)
    anna.refresh_from_db()
    rel = services.reassess(anna, date(2026, 3, 12))
    assert rel.next_step == "get_to_know" and rel.due_on == date(2026, 3, 11)
