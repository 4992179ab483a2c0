"""Background tasks (django-tasks; ``coltiva serve`` starts the worker beside the server).

Tasks call services; services never import this module, so scheduling happens here, at
the entry points' request (``confirm``)."""

from __future__ import annotations

from django_tasks import task

from coltiva.imports import services, undo
from coltiva.imports.models import ImportJob


@task()
def run_import(job_id: int) -> None:
    services.run_job(job_id)


@task()
def run_undo(job_id: int) -> None:
    undo.run(job_id)


def confirm(job: ImportJob) -> None:
    """Queue a confirmed preview's import; the worker runs it. Confirming twice queues
    it once."""
    if services.confirm(job):
        run_import.enqueue(job.pk)
