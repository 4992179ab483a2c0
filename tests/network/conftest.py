"""A small bilingual book in the database, and a clean match cache for every test.

Stages are pinned (the method lets the user pin one) so each test says plainly how
well Alice knows each person, without logging the touches that would earn it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation
from network_test_book import NETWORK_BOOK, pin

from coltiva.accounts.models import User
from coltiva.network import book
from coltiva.people.models import Person


@pytest.fixture(autouse=True)
def clean_match_cache() -> Iterator[None]:
    # A request in another test may leave Italian active in this thread.
    translation.activate("en")
    cache.clear()
    book.forget()
    yield
    cache.clear()
    book.forget()


@pytest.fixture
def network_book(alice: User, make_person: Callable[..., Person]) -> dict[str, Person]:
    """Alice's book, by first name."""
    people = {}
    for name, profession, company, offers, looks, email, stage in NETWORK_BOOK:
        person = make_person(
            alice,
            name,
            profession=profession,
            company=company,
            offers=offers,
            looks_for=looks,
            emails=[email] if email else [],
        )
        if stage:
            pin(person, stage)
        people[name.split()[0]] = person
    return people


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Run background tasks at once (the database backend needs a worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
