"""Background tasks (django-tasks; ``coltiva serve`` starts the worker beside the server)."""

from __future__ import annotations

from django_tasks import task

from coltiva.imports import undo


@task()
def run_import(job_id: int) -> None:
    from coltiva.imports.services import run_job

    run_job(job_id)


@task()
def run_undo(job_id: int) -> None:
    undo.run(job_id)
