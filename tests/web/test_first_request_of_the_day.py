"""The first request of a user's day never refreshes more of the book than its budget: the
rest goes to a background task, and the page says the numbers are being brought up to date
until it is done (a 500,000-person book once took the whole request, then a 500)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.people import tasks
from coltiva.people.models import Person, Relationship
from coltiva.people.services import refresh_book

BANNER = "Your numbers are being brought up to date for today"
DAY = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)
NEXT_DAY = DAY + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def budget(settings: SettingsWrapper) -> SettingsWrapper:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.REFRESH_INLINE_ROWS = 50
    settings.REFRESH_INLINE_MS = 60_000  # the rows decide here, never the clock
    return settings


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(DAY, tick=False) as traveller:
        yield traveller


def _book(owner: User, size: int, make_person: Callable[..., Person]) -> None:
    for n in range(size):
        make_person(owner, f"Person{n:03d} Family")
    refresh_book(owner)


def _fresh(owner: User, day: dt.date) -> int:
    return Relationship.objects.filter(owner=owner, assessed_on=day).count()


def _queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path="coltiva.people.tasks.catch_up"))


def test_a_large_book_is_refreshed_within_the_budget_and_the_rest_by_a_task(
    alice: User,
    alice_client: Client,
    make_person: Callable[..., Person],
    clock: time_machine.Coordinates,
) -> None:
    _book(alice, 120, make_person)
    clock.move_to(NEXT_DAY)
    today = NEXT_DAY.date()
    page = alice_client.get("/")
    assert page.status_code == 200 and BANNER in page.content.decode()
    assert _fresh(alice, today) == 50  # the budget, and not one more
    assert [task.status for task in _queued()] == [TaskResultStatus.READY]
    again = alice_client.get("/people/")
    assert BANNER in again.content.decode()
    assert _fresh(alice, today) == 50 and len(_queued()) == 1  # handed off once
    tasks.catch_up.call(alice.pk)  # what the worker runs
    assert _fresh(alice, today) == 120
    assert User.objects.get(pk=alice.pk).book_assessed_on == today
    assert BANNER not in alice_client.get("/").content.decode()


def test_a_book_inside_the_budget_is_refreshed_at_once_without_a_task_or_banner(
    alice: User,
    alice_client: Client,
    make_person: Callable[..., Person],
    clock: time_machine.Coordinates,
) -> None:
    _book(alice, 30, make_person)
    clock.move_to(NEXT_DAY)
    page = alice_client.get("/")
    assert BANNER not in page.content.decode()
    assert _fresh(alice, NEXT_DAY.date()) == 30 and _queued() == []
    assert User.objects.get(pk=alice.pk).book_assessed_on == NEXT_DAY.date()
