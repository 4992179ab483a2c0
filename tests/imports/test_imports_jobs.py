"""The background job's life: queued once, claimed once, failed with a reason when it
cannot run, and never left "running" forever."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from imports_helpers import failure, linkedin

from coltiva.accounts.models import User
from coltiva.imports import conf, progress, services, tasks
from coltiva.imports.models import ImportJob
from coltiva.people.models import Person

ROW = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024"


def test_confirming_twice_imports_once(alice: User) -> None:
    job = services.start(alice, linkedin([ROW]), "Connections.csv")
    tasks.confirm(job)
    tasks.confirm(job)
    services.run_job(job.pk)
    assert Person.objects.filter(owner=alice).count() == 1
    assert ImportJob.objects.get(pk=job.pk).status == "done"


def test_a_job_whose_upload_is_gone_fails_with_a_reason(alice: User) -> None:
    job = services.start(alice, linkedin([ROW]), "Connections.csv")
    (conf.uploads_dir() / job.stored_file).unlink()
    tasks.confirm(job)
    job.refresh_from_db()
    assert job.status == "failed" and "upload it again" in failure(job)


def test_progress_is_kept_outside_the_database(alice: User) -> None:
    progress.report(99, 250, 1000)
    assert progress.read(99) == {"done": 250, "total": 1000}
    assert progress.percent(progress.read(99)) == 25
    progress.clear(99)
    assert progress.read(99) is None and progress.percent(None) == 0


def test_an_unconfirmed_upload_is_forgotten_after_a_day(alice: User) -> None:
    job = services.start(alice, linkedin([ROW]), "Connections.csv")
    path = conf.uploads_dir() / job.stored_file
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=2))
    services.forget_stale_uploads(alice)
    assert not path.exists()
    assert ImportJob.objects.get(pk=job.pk).stored_file == ""
