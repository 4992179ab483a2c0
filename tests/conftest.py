"""The cast: alice owns a book, bob is another user (later in her group), charlie must see
nothing of hers. Every test that touches the database gets them on demand.

The clock: no test follows the wall clock. Every test runs at ``NOON`` (time-machine,
ticking from there), unless it asks for ``frozen_now``, which runs it at each of
``INSTANTS``: noon UTC, 23:30 UTC (already tomorrow in Rome and London) and the night
Europe/Rome moves its clocks. Modules whose results depend on the day use it.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import connections
from django.test import Client

from coltiva.accounts.models import User
from coltiva.cli import main
from coltiva.people import services
from coltiva.people.models import Person

PASSWORD = "a-long-test-password-42"

NOON = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)
INSTANTS = {
    "noon-utc": NOON,
    # Already 16 January in Rome (alice) and London (bob); still the 15th in UTC (charlie).
    "2330-utc": datetime(2027, 1, 15, 23, 30, tzinfo=UTC),
    # 01:30 in Rome, half an hour before its clocks jump to 03:00: a 23-hour day.
    "rome-dst-night": datetime(2027, 3, 28, 0, 30, tzinfo=UTC),
}


@pytest.fixture(params=list(INSTANTS.values()), ids=list(INSTANTS))
def frozen_now(request: pytest.FixtureRequest) -> Iterator[datetime]:
    """Run the test at each of the instants where a day is easiest to get wrong."""
    with time_machine.travel(request.param, tick=True):
        yield request.param


@pytest.fixture(autouse=True)
def _clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every other test runs at ``NOON``, so none passes or fails by the hour it runs.

    Browser tests run at noon UTC of the real day: Chromium keeps the real clock, and a
    cookie set months away from it would have expired on arrival.
    """
    if "frozen_now" in request.fixturenames:
        yield
        return
    instant = NOON
    if request.node.get_closest_marker("browser") or "browser" in request.fixturenames:
        instant = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(instant, tick=True):
        yield


def _user(email: str, name: str, **extra: Any) -> User:
    user = User.objects.create_user(email, PASSWORD, name=name, **extra)
    return user


@pytest.fixture
def alice(db: None) -> User:
    return _user("alice@example.com", "Alice Verdi", language="en", time_zone="Europe/Rome")


@pytest.fixture
def bob(db: None) -> User:
    return _user("bob@example.com", "Bob Smith", language="en", time_zone="Europe/London")


@pytest.fixture
def charlie(db: None) -> User:
    return _user("charlie@example.com", "Charlie Brown", language="en")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: User) -> Client:
    return _client_for(alice)


@pytest.fixture
def charlie_client(charlie: User) -> Client:
    return _client_for(charlie)


@pytest.fixture
def make_person() -> Callable[..., Person]:
    def make(owner: User, name: str = "Anna Rossi", **fields: Any) -> Person:
        given, _, family = name.partition(" ")
        emails = fields.pop("emails", [])
        data = {"given_name": given, "family_name": family} | fields
        contacts = [services.ContactInput("email", e) for e in emails]
        return services.create_person(owner, data, contacts)

    return make


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With CI=true a skipped test fails the run: a skip proves nothing."""
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def run_cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    """Run ``coltiva ARGS`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        # A command closes every database connection when it ends (as a real process
        # would); in-process that would close the test's own transaction on PostgreSQL.
        with (
            redirect_stdout(out),
            redirect_stderr(err),
            mock.patch.object(connections, "close_all"),
        ):
            code = main(list(args))
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli() -> Callable[..., tuple[int, str, str]]:
    return run_cli
