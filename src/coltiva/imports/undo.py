"""Undoing the last import in one click: the people it created go (with anything logged
for them since), and people it merged into get back the values they had, unless the
user has changed those values since."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.imports.bulk import update_rows
from coltiva.imports.fields import prepare
from coltiva.imports.models import DuplicatePair, ImportJob, ImportRow, PersonPhoto
from coltiva.imports.writer import BATCH, DERIVED_FIELDS, plain
from coltiva.people.models import ContactPoint, Person


def undoable(owner: User) -> ImportJob | None:
    """The last import that went through, if any: the one that can be undone."""
    return (
        ImportJob.objects.filter(owner=owner, status=ImportJob.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


@transaction.atomic
def undo(job: ImportJob) -> None:
    last = undoable(job.owner)
    if last is None or last.pk != job.pk:
        raise ValueError("only the last import can be undone")
    _revert_merges(job)
    created = list(
        job.rows.filter(outcome=ImportRow.CREATED, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    for start in range(0, len(created), BATCH):
        Person.objects.filter(owner=job.owner, pk__in=created[start : start + BATCH]).delete()
    Event.objects.filter(owner=job.owner, pk__in=job.restored_events).delete()
    DuplicatePair.objects.filter(job=job, status=DuplicatePair.OPEN).delete()
    job.status, job.undone_at = ImportJob.UNDONE, timezone.now()
    job.save(update_fields=["status", "undone_at"])


def _revert_merges(job: ImportJob) -> None:
    rows = list(
        job.rows.filter(outcome=ImportRow.MERGED, undo__isnull=False, person__isnull=False)
        .values_list("person_id", "undo")
        .order_by("-row")
    )
    people = Person.objects.in_bulk({person_id for person_id, _undo in rows})
    points: list[int] = []
    links: list[tuple[int, int]] = []
    photos: list[int] = []
    changed: dict[int, tuple[Person, set[str]]] = {}
    for person_id, undo in rows:
        person = people.get(person_id)
        if person is None or not isinstance(undo, dict):
            continue
        names = _revert_fields(person, undo.get("fields", {}))
        if names:
            prepare(person)
            _person, known = changed.setdefault(person.pk, (person, set(DERIVED_FIELDS)))
            known.update(names)
        points.extend(undo.get("points", []))
        links.extend((person_id, tag_id) for tag_id in undo.get("tags", []))
        if undo.get("photo"):
            photos.append(person_id)
    update_rows(Person, changed.values())
    ContactPoint.objects.filter(owner=job.owner, pk__in=points).delete()
    through = Person.tags.through
    for person_id, tag_id in links:
        through.objects.filter(person_id=person_id, tag_id=tag_id).delete()
    PersonPhoto.objects.filter(owner=job.owner, person_id__in=photos).delete()


def _revert_fields(person: Person, fields: dict[str, Any]) -> list[str]:
    """Put back each old value, unless the user edited the field after the import."""
    changed = []
    for name, (old, new) in fields.items():
        if plain(getattr(person, name, None)) != new:
            continue
        if name == "connected_on":
            setattr(person, name, dt.date.fromisoformat(old) if old else None)
        else:
            setattr(person, name, old)
        changed.append(name)
    if changed:
        person.updated_at = timezone.now()
    return changed
