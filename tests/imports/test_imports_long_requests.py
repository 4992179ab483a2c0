"""No request of a large book waits on the whole book: exports stream, read from one
snapshot, and an undo runs as a background task with progress, in chunks."""

from __future__ import annotations

import csv
import io
import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from imports_helpers import linkedin
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.imports import backup, exports, services, undo
from coltiva.imports.models import ImportJob
from coltiva.people.models import Person

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BIG = backup.CHUNK * 2 + 300  # more than two of the batches the export reads


def _rows(n: int, first: str = "Given") -> list[str]:
    return [
        f"{first}{i},Family{i},https://www.linkedin.com/in/p{i},p{i}@example.com,Co,Dev,"
        for i in range(n)
    ]


def _big_book(owner: User) -> None:
    services.import_file(owner, linkedin(["=HYPERLINK(1),Evil,,,,,", *_rows(BIG)]), "c.csv")


def test_the_csv_export_of_a_large_book_streams_every_person_once_formula_safe(
    alice: User, alice_client: Client
) -> None:
    _big_book(alice)
    response = alice_client.get("/imports/export/csv/")
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="coltiva-')
    assert "no-store" in response["Cache-Control"]
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    names = sorted(row["Name"] for row in rows)
    assert len(names) == len(set(names)) == BIG + 1
    assert sorted(Person.objects.filter(owner=alice).values_list("display_name", flat=True)) == [
        name.removeprefix("'") for name in names
    ]
    assert "'=HYPERLINK(1) Evil" in names


def test_the_json_and_vcard_exports_of_a_large_book_hold_exactly_the_book(
    alice: User, alice_client: Client
) -> None:
    _big_book(alice)
    doc = json.loads(b"".join(alice_client.get("/imports/export/json/").streaming_content))
    assert len(doc["people"]) == BIG + 1
    cards = b"".join(alice_client.get("/imports/export/vcard/").streaming_content).decode()
    assert cards.count("BEGIN:VCARD") == BIG + 1


def test_an_export_is_read_inside_one_transaction_held_until_the_last_piece(
    alice: User,
) -> None:
    _big_book(alice)
    before = len(connection.savepoint_ids)  # the test's own transaction is around it
    pieces = exports.export(alice, "csv")
    next(pieces)
    assert len(connection.savepoint_ids) == before + 1
    rest = list(pieces)
    assert rest and len(connection.savepoint_ids) == before


def test_undo_from_the_page_runs_as_a_task_with_progress_then_shows_what_it_kept(
    alice: User, alice_client: Client, settings: SettingsWrapper
) -> None:
    services.import_file(alice, linkedin(_rows(450)), "Connections.csv")
    job = undo.undoable(alice)
    assert job is not None
    settings.TASKS = DB_TASKS
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.post(f"/imports/{job.pk}/undo/")
    assert response.status_code == 302
    assert not any("DELETE" in q["sql"] and "people_person" in q["sql"] for q in queries)
    assert Person.objects.filter(owner=alice).count() == 450  # nothing deleted in the request
    page = alice_client.get(f"/imports/{job.pk}/").content.decode()
    assert "Undoing the import of Connections.csv" in page and 'hx-get="/imports/' in page
    task = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert task.task_path == "coltiva.imports.tasks.run_undo"

    with CaptureQueriesContext(connection) as queries:
        undo.run(job.pk)  # what the worker runs
    deletes = [q["sql"] for q in queries if q["sql"].startswith('DELETE FROM "people_person"')]
    sizes = [sql.count(",") + 1 for sql in deletes]
    assert sum(sizes) == 450 and max(sizes) <= undo.CHUNK
    chunks = [q for q in queries if q["sql"].startswith("SAVEPOINT")]
    assert len(chunks) >= 450 // undo.CHUNK + 1  # each chunk its own (short) transaction
    assert ImportJob.objects.get(pk=job.pk).status == "undone"
    assert Person.objects.filter(owner=alice).count() == 0
    fragment = alice_client.get(f"/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert fragment["HX-Redirect"] == f"/imports/{job.pk}/"
    assert "This import was undone." in alice_client.get(f"/imports/{job.pk}/").content.decode()


def test_another_user_cannot_undo_her_import(
    alice: User, charlie_client: Client, settings: SettingsWrapper
) -> None:
    services.import_file(alice, linkedin(_rows(3)), "Connections.csv")
    job = undo.undoable(alice)
    assert job is not None
    assert charlie_client.post(f"/imports/{job.pk}/undo/").status_code == 404
    assert ImportJob.objects.get(pk=job.pk).status == "done"
