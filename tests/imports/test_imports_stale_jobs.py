"""A job whose worker was killed does not stay "running": its heartbeat stops, and once it
is older than ``JOB_STALE_SECONDS`` with its worker gone, the job is failed with the
reason, whatever it wrote is taken back, its uploaded file is deleted, its task row is
closed, and the user can try again. An undo cut off half-way is finished by undoing again.

The kill tests are real: a ``coltiva`` process is killed with SIGKILL in the middle of an
import, and detection runs in another process, as it does in production."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from imports_helpers import failure, linkedin
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.imports import conf, progress, services, stale, tasks, undo
from coltiva.imports.models import ImportJob
from coltiva.people.models import Person

ROW = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024"
TASK_ROWS = "SELECT status FROM django_tasks_database_dbtaskresult"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _rows(n: int) -> list[str]:
    return [
        f"Given{i},Family{i},https://www.linkedin.com/in/p{i},p{i}@example.com,Co,Dev,"
        for i in range(n)
    ]


def _running_job(owner: User, settings: SettingsWrapper) -> ImportJob:
    """A confirmed import a worker has claimed (its task row says RUNNING)."""
    job = services.start(owner, linkedin([ROW]), "Connections.csv")
    settings.TASKS = DB_TASKS
    tasks.confirm(job)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now())
    job.refresh_from_db()
    return job


def test_a_job_never_heard_from_fails_after_the_threshold_with_its_upload_and_task_closed(
    alice: User, alice_client: Client, settings: SettingsWrapper
) -> None:
    job = _running_job(alice, settings)
    upload = conf.uploads_dir() / job.stored_file
    assert upload.exists()
    running = alice_client.get(f"/imports/{job.pk}/")
    assert running.status_code == 200, running
    assert "Importing Connections.csv" in running.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.JOB_STALE_SECONDS + 5)):
        page = alice_client.get(f"/imports/{job.pk}/")
    job.refresh_from_db()
    assert job.status == "failed"
    assert "The import stopped unexpectedly; nothing was saved." in page.content.decode()
    assert not upload.exists() and job.stored_file == ""
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert "Try again" in page.content.decode()


def test_a_job_whose_worker_is_alive_is_left_running_however_slow(
    alice: User, settings: SettingsWrapper
) -> None:
    job = _running_job(alice, settings)
    progress.report(job.pk, 10, 100)  # this process is the worker, and it is alive
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert stale.recover(alice) == 0
    job.refresh_from_db()
    assert job.status == "running" and job.stored_file


def test_a_queued_undo_waiting_behind_other_work_is_not_stale(
    alice: User, settings: SettingsWrapper
) -> None:
    services.import_file(alice, linkedin([ROW]), "Connections.csv")
    job = undo.undoable(alice)
    assert job is not None
    undo.claim(job)
    settings.TASKS = DB_TASKS
    tasks.run_undo.enqueue(job.pk)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert stale.recover(alice) == 0
    assert ImportJob.objects.get(pk=job.pk).status == "undoing"


def test_a_failed_import_is_tried_again_from_the_file_uploaded_again(
    alice: User, alice_client: Client, settings: SettingsWrapper
) -> None:
    job = _running_job(alice, settings)
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        stale.recover(alice)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    upload = SimpleUploadedFile("Connections.csv", linkedin([ROW]))
    response = alice_client.post(f"/imports/{job.pk}/retry/", {"file": upload})
    retried = ImportJob.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{retried.pk}/"
    assert retried.status == "preview" and retried.fmt == job.fmt
    alice_client.post(f"/imports/{retried.pk}/confirm/")
    assert list(Person.objects.filter(owner=alice).values_list("display_name", flat=True)) == [
        "Ada Lovelace"
    ]


def test_another_user_cannot_retry_her_import(
    alice: User, charlie_client: Client, settings: SettingsWrapper
) -> None:
    job = _running_job(alice, settings)
    upload = SimpleUploadedFile("Connections.csv", linkedin([ROW]))
    assert charlie_client.post(f"/imports/{job.pk}/retry/", {"file": upload}).status_code == 404


def test_an_undo_cut_off_half_way_is_reopened_and_finished_by_undoing_again(
    alice: User, settings: SettingsWrapper
) -> None:
    services.import_file(alice, linkedin(_rows(450)), "Connections.csv")
    job = undo.undoable(alice)
    assert job is not None
    undo.claim(job)
    # A worker killed after the first chunk: 200 people gone, the rest still there.
    chunks = undo._delete_created(job, sorted(job.rows.values_list("person_id", flat=True)), 0, 450)
    next(chunks)
    assert Person.objects.filter(owner=alice).count() == 250
    # Its last heartbeat came from a worker on another machine, which cannot be checked.
    last = progress.read(job.pk)
    progress._store().set(f"import-{job.pk}", {**(last or {}), "host": "elsewhere", "pid": 1})
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert stale.recover(alice) == 1
    job.refresh_from_db()
    assert job.status == "done" and "undo again" in failure(job)
    assert undo.undoable(alice) == job
    undo.undo(job)
    job.refresh_from_db()
    assert job.status == "undone" and Person.objects.filter(owner=alice).count() == 0


# --- Real processes, really killed ---------------------------------------------------------


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLTIVA_")}
    return env | {"COLTIVA_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"} | extra


def _coltiva(data_dir: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coltiva.cli", *args],
        env=_env(data_dir, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _python(data_dir: Path, code: str, *argv: str) -> str:
    script = (
        "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'coltiva.settings')\n"
    )
    script += "django.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script, *argv],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _wait(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _query(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data_dir / "coltiva.sqlite3", timeout=30) as db:
        return db.execute(sql).fetchall()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A migrated SQLite data directory, with Alice, for real ``coltiva`` processes."""
    assert _coltiva(tmp_path, "migrate", "--no-input", "-v", "0").wait(timeout=300) == 0
    _python(
        tmp_path,
        "from coltiva.accounts.models import User\n"
        "User.objects.create_user('alice@example.com', 'a long password 1')",
    )
    return tmp_path


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin(_rows(25_000)))
    return path


# The reason a closed job stores: a code, worded in the reader's language on the page.
INTERRUPTED = {"code": "import_interrupted", "params": {}}


def _failures(data_dir: Path) -> list[tuple[object, ...]]:
    rows = _query(data_dir, "SELECT status, error_reason, stored_file FROM imports_importjob")
    return [(status, json.loads(str(reason)), stored) for status, reason, stored in rows]


def _kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def test_a_cli_import_killed_with_sigkill_is_closed_by_the_next_refresh(
    data_dir: Path, big_file: Path
) -> None:
    importing = _coltiva(data_dir, "import", "--user", "alice@example.com", str(big_file))
    _wait(lambda: _query(data_dir, "SELECT status FROM imports_importjob") == [("running",)])
    time.sleep(1)  # into the rows
    _kill(importing)
    assert _query(data_dir, "SELECT status FROM imports_importjob") == [("running",)]
    refresh = _coltiva(data_dir, "refresh", COLTIVA_JOB_STALE_SECONDS="0")
    out = refresh.communicate(timeout=300)[0]
    assert refresh.returncode == 0 and "closed 1 stopped jobs" in out
    assert [row[:2] for row in _failures(data_dir)] == [("failed", INTERRUPTED)]
    assert _query(data_dir, "SELECT count(*) FROM people_person") == [(0,)]


def test_a_worker_killed_mid_import_leaves_a_failed_job_no_upload_and_a_retry_that_works(
    data_dir: Path, big_file: Path
) -> None:
    job_id = int(
        _python(
            data_dir,
            "import sys\nfrom pathlib import Path\nfrom coltiva.accounts.models import User\n"
            "from coltiva.imports import services, tasks\n"
            "alice = User.objects.get(email='alice@example.com')\n"
            "job = services.start(alice, Path(sys.argv[1]).read_bytes(), 'Connections.csv')\n"
            "tasks.confirm(job)\nprint(job.pk)",
            str(big_file),
        )
    )
    upload = _query(data_dir, "SELECT stored_file FROM imports_importjob")[0][0]
    assert isinstance(upload, str) and (data_dir / "uploads" / "imports" / upload).exists()
    worker = _coltiva(data_dir, "db_worker", "--interval", "0.2", "--no-startup-delay")
    beats = data_dir / "import-progress"
    _wait(lambda: _query(data_dir, "SELECT status FROM imports_importjob") == [("running",)])
    _wait(lambda: beats.exists() and any(beats.iterdir()))
    time.sleep(2)
    _kill(worker)
    assert _query(data_dir, TASK_ROWS) == [("RUNNING",)]

    refresh = _coltiva(data_dir, "refresh", COLTIVA_JOB_STALE_SECONDS="0")
    assert refresh.wait(timeout=300) == 0
    assert _failures(data_dir) == [("failed", INTERRUPTED, "")]
    assert not (data_dir / "uploads" / "imports" / upload).exists()
    assert _query(data_dir, TASK_ROWS) == [("FAILED",)]
    assert _query(data_dir, "SELECT count(*) FROM people_person") == [(0,)]

    _python(
        data_dir,
        "import sys\nfrom pathlib import Path\nfrom coltiva.imports import services, tasks\n"
        "from coltiva.imports.models import ImportJob\n"
        "failed = ImportJob.objects.get(pk=int(sys.argv[2]))\n"
        "job = services.retry(failed, Path(sys.argv[1]).read_bytes(), 'Connections.csv')\n"
        "tasks.confirm(job)",
        str(big_file),
        str(job_id),
    )
    worker = _coltiva(data_dir, "db_worker", "--batch", "--no-startup-delay")
    assert worker.wait(timeout=600) == 0
    assert _query(data_dir, "SELECT status FROM imports_importjob ORDER BY id") == [
        ("failed",),
        ("done",),
    ]
    assert _query(data_dir, "SELECT count(*) FROM people_person") == [(25_000,)]
