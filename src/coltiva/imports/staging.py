"""Stage, then publish: how a long import or restore writes in short transactions and
still appears all at once, or not at all.

The people a job creates are written with ``staged_by`` set to the job's id and
``deleted_at`` set to ``STAGED_AT``: every page, count and operation already leaves out
people with a ``deleted_at`` (the trash), so they, and every row that hangs from them
(touches, contact points, relationships, plans, referrals, duplicate pairs), stay out of
sight with no query changed; the trash leaves staged people out too. Publishing is one
short transaction (two UPDATEs on an index); a failed job's staged rows are deleted a
chunk at a time, and so are those of a job whose worker was killed, by the cleanup that
finds it interrupted.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from coltiva.dbkit.busy import retry_busy
from coltiva.dbkit.chunks import yield_writer
from coltiva.events.models import Event
from coltiva.imports.models import ImportJob, ImportRow
from coltiva.people.models import Person

# A day nobody is trashed on: a staged person's ``deleted_at`` until it is published (a
# person trashed in a restored file keeps the file's day instead).
STAGED_AT = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
DISCARD_CHUNK = 500


def staged_values(job: ImportJob) -> dict[str, Any]:
    """The values that keep a new person out of sight until ``job`` is published."""
    return {"deleted_at": STAGED_AT, "staged_by": job.pk}


def publish(job: ImportJob) -> None:
    """Make the job's people part of the book; call inside the transaction that also
    marks the job done, so both happen together."""
    staged = Person.objects.filter(staged_by=job.pk)
    staged.filter(deleted_at=STAGED_AT).update(deleted_at=None, staged_by=None)
    staged.update(staged_by=None)


def discard(job: ImportJob) -> int:
    """Delete what an unpublished job wrote, a chunk at a time (people with everything
    hanging from them, its report rows, the events a restore made); the number of
    people removed."""
    removed = _delete_in_chunks(Person.objects.filter(staged_by=job.pk))
    _delete_in_chunks(ImportRow.objects.filter(job=job))
    if job.restored_events:
        retry_busy(
            lambda: Event.objects.filter(owner=job.owner, pk__in=job.restored_events).delete()
        )
        ImportJob.objects.filter(pk=job.pk).update(restored_events=[])
        job.restored_events = []
    return removed


def _delete_in_chunks(rows: Any) -> int:
    removed = 0
    while ids := list(rows.values_list("pk", flat=True)[:DISCARD_CHUNK]):
        removed += retry_busy(partial(_delete, rows.model, ids))
        yield_writer()
    return removed


def _delete(model: Any, ids: list[int]) -> int:
    deleted, _detail = model._default_manager.filter(pk__in=ids).delete()
    return len(ids) if deleted else 0
