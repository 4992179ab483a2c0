"""Stage, then publish (issue 14, item 2): an import writes in short chunks, and what it
wrote stays out of every page until it is published; a killed import's rows are removed
by the cleanup; a database still busy is answered in words, never a 500."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from imports_helpers import failure, linkedin

from coltiva.accounts.models import User
from coltiva.dbkit.busy import is_busy
from coltiva.imports import services
from coltiva.imports.models import ImportJob, ImportRow
from coltiva.people.models import Person
from coltiva.web.busy import BusyDatabaseMiddleware

ROWS = [f"Ada{i},Staged{i},https://www.linkedin.com/in/ada{i},,,,01 Jan 2024" for i in range(30)]


class Killed(BaseException):
    """Stands for kill -9: nothing of the import's own error handling runs."""


def test_rows_written_before_the_import_is_published_are_on_no_page(
    alice: User, alice_client: Client
) -> None:
    seen: list[tuple[int, int, bool]] = []

    def look(done: int) -> None:
        page = alice_client.get(reverse("people:list")).content.decode()
        staged = Person.objects.filter(owner=alice, staged_by__isnull=False).count()
        seen.append((done, staged, "Staged" in page))

    services.import_file(alice, linkedin(ROWS), "Connections.csv", on_progress=look)
    assert seen and all(staged == done and not shown for done, staged, shown in seen)
    assert Person.objects.alive().filter(owner=alice).count() == 30
    assert "Staged0" in alice_client.get(reverse("people:list")).content.decode()


def test_a_killed_import_is_invisible_and_its_rows_are_removed_by_the_cleanup(
    alice: User, alice_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coltiva.imports.services.CHUNK", 5)

    def kill(done: int) -> None:
        if done >= 10:
            raise Killed

    with pytest.raises(Killed):
        services.import_file(alice, linkedin(ROWS), "Connections.csv", on_progress=kill)
    assert Person.objects.filter(owner=alice, staged_by__isnull=False).exists()
    assert not Person.objects.alive().filter(owner=alice).exists()
    assert "Staged" not in alice_client.get(reverse("people:list")).content.decode()
    assert "Staged" not in alice_client.get(reverse("people:trash")).content.decode()
    job = ImportJob.objects.get(owner=alice)
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=2))
    alice_client.get(reverse("imports:job", args=[job.pk]))
    job.refresh_from_db()
    assert failure(job) == "The import stopped unexpectedly; nothing was saved."
    assert job.status == "failed"
    assert not Person.objects.filter(owner=alice).exists()
    assert not ImportRow.objects.filter(job=job).exists()


def locked_error(tmp_path: Path) -> OperationalError:
    """The error SQLite really gives a writer while another holds the write lock."""
    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0.01)
    try:
        other.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as error:
        wrapped = OperationalError(*error.args)
        wrapped.__cause__ = error
        return wrapped
    finally:
        other.close()
        holder.close()
    raise AssertionError("the write was not refused")


@pytest.mark.parametrize("htmx", [False, True])
def test_a_write_meeting_a_busy_database_is_answered_in_words(
    alice: User, tmp_path: Path, htmx: bool
) -> None:
    error = locked_error(tmp_path)
    assert is_busy(error)
    headers = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().post("/people/1/touches/", headers=headers)
    request.user = alice
    response = BusyDatabaseMiddleware(lambda r: None).process_exception(request, error)  # type: ignore[arg-type, return-value]
    assert response is not None and response.status_code == 503
    assert "busy with a large import" in response.content.decode()
    assert response["Retry-After"] == "2"


def test_other_database_errors_are_not_taken_for_a_busy_database() -> None:
    assert not is_busy(OperationalError("no such table: x"))
