"""Jobs whose worker died (killed, out of memory, the machine restarted): told from slow
ones by their heartbeat (``coltiva.imports.progress``), then closed so nothing is left
half-done. An import is marked failed with the reason, whatever it had written is taken
back, its uploaded file (personal data) is deleted and its task row is closed; the user
retries by uploading the file again. An undo cut off half-way goes back to "imported", so
undoing again finishes it.

Checked on the imports pages, when ``coltiva serve`` starts its task worker, and by
``coltiva refresh``.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from coltiva.accounts.models import User
from coltiva.imports import progress, services, undo
from coltiva.imports.models import DuplicatePair, ImportJob
from coltiva.interchange import Reason

# The tasks whose rows name an import job as their one argument.
JOB_TASKS = ("coltiva.imports.tasks.run_import", "coltiva.imports.tasks.run_undo")


def recover(owner: User | None = None) -> int:
    """Close every stale job (of one book, or all); return how many."""
    jobs = ImportJob.objects.filter(status__in=(ImportJob.RUNNING, ImportJob.UNDOING))
    if owner is not None:
        jobs = jobs.filter(owner=owner)
    return sum(1 for job in jobs.select_related("owner") if recover_job(job))


def on_upkeep(sender: object, **kwargs: object) -> int:
    return recover()


def recover_job(job: ImportJob) -> bool:
    """Close the job if its worker is gone; True when it was."""
    if not is_stale(job):
        return False
    if job.status == ImportJob.UNDOING:
        _reopen_undo(job)
    else:
        _fail_import(job)
    _close_task_rows(job)
    progress.clear(job.pk)
    return True


def is_stale(job: ImportJob, now: datetime | None = None) -> bool:
    """No sign of life for longer than ``JOB_STALE_SECONDS``, from a worker that is gone.

    A worker on another machine cannot be checked: there the heartbeat alone decides.
    """
    if job.status not in (ImportJob.RUNNING, ImportJob.UNDOING) or _still_queued(job):
        return False
    now = now or timezone.now()
    beat = progress.beat(job.pk)
    if beat is None:
        last = (job.started_at if job.status == ImportJob.RUNNING else job.finished_at) or (
            job.created_at
        )
        gone = True
    else:
        last = datetime.fromtimestamp(beat["at"], tz=timezone.get_current_timezone())
        gone = beat["host"] != socket.gethostname() or not _alive(beat["pid"])
    threshold = timedelta(seconds=settings.JOB_STALE_SECONDS)
    return gone and last < now - threshold


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process holds the number
        return True
    return pid != 0


def _fail_import(job: ImportJob) -> None:
    # Whatever a chunked write had already saved goes, by the undo's own rules.
    undo.take_back(job)
    with transaction.atomic():
        job.rows.all().delete()
        DuplicatePair.objects.filter(job=job).delete()
    services.fail(job, Reason("import_interrupted"))
    services.forget_file(job)


def _reopen_undo(job: ImportJob) -> None:
    # A code, put into words in the language of whoever opens the report.
    reason = Reason("undo_interrupted").as_json()
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.UNDOING).update(
        status=ImportJob.DONE, error_reason=reason
    )
    job.status, job.error_reason = ImportJob.DONE, reason


def _still_queued(job: ImportJob) -> bool:
    """An undo waits in the queue behind other work without a heartbeat yet."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__in=JOB_TASKS)
    return any(_names(row, job) for row in waiting.only("args_kwargs"))


def _close_task_rows(job: ImportJob) -> None:
    """The killed worker left the task "running": say it failed, and why."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path__in=JOB_TASKS)
    ids = [row.pk for row in running.only("args_kwargs") if _names(row, job)]
    DBTaskResult.objects.filter(pk__in=ids).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="coltiva.imports.stale.WorkerGone",
        traceback="The worker stopped while running this task (no heartbeat).",
    )


def _names(row: DBTaskResult, job: ImportJob) -> bool:
    args = row.args_kwargs.get("args") if isinstance(row.args_kwargs, dict) else None
    return args == [job.pk]
