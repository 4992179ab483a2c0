"""Undoing the last import in one click: it removes only what the import made. The people
it created go unless something made by hand holds them (they were in the book before,
absorbed a merge, were edited, or have touches, referrals, plans... logged since): those
are kept, and the job says who and why. People it merged into get back the values they
had, unless the user has changed those values since.

A large undo runs as a background task (``coltiva.imports.tasks.run_undo``) with progress,
in chunks that each hold the database's writer briefly (SQLite has one writer, shared
with every other user). Each chunk is its own transaction and every step is idempotent,
so an undo cut off half-way (a killed worker) is finished by undoing again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from coltiva.accounts.models import User
from coltiva.dbkit.bulk import update_rows
from coltiva.events.models import Event
from coltiva.imports import progress
from coltiva.imports.fields import prepare
from coltiva.imports.models import DuplicatePair, ImportJob, ImportRow, PersonMerge, PersonPhoto
from coltiva.imports.writer import DERIVED_FIELDS, plain
from coltiva.people.models import ContactPoint, Person, Relationship, StageChange

# People (or merged rows) undone per transaction: a chunk deletes each person with their
# contact points, relationship and history, well inside ~0.25 s of SQLite's writer.
CHUNK = 200
# Rows an import makes with a person, or keeps about them: they hold no one back.
IMPORT_MADE = {ContactPoint, Relationship, StageChange, ImportRow, DuplicatePair, PersonPhoto}
# What a kept person holds, by the code the report words (anything else: "other").
HELD = {
    "people.Touch": "touches",
    "referrals.Referral": "referrals",
    "referrals.Introduction": "introductions",
    "agenda.Plan": "plans",
    "network.Link": "links",
    "network.Seat": "groups",
    "network.Invitation": "groups",
}


def undoable(owner: User) -> ImportJob | None:
    """The last import that went through, if any: the one that can be undone."""
    return (
        ImportJob.objects.filter(owner=owner, status=ImportJob.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def claim(job: ImportJob) -> None:
    """Mark the last import as being undone (``ValueError`` for any other import); the
    caller then runs ``run`` or queues the task that does."""
    last = undoable(job.owner)
    if last is None or last.pk != job.pk:
        raise ValueError("only the last import can be undone")
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.DONE).update(
        status=ImportJob.UNDOING, error="", error_reason=None
    )
    job.status, job.error, job.error_reason = ImportJob.UNDOING, "", None


def undo(job: ImportJob) -> None:
    """Undo the last import here and now (the task and the tests)."""
    claim(job)
    run(job.pk)


def run(job_id: int) -> None:
    """Undo a job claimed by ``claim``, chunk by chunk, reporting progress as it goes."""
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.UNDOING:
        return
    _finish(job, take_back(job))
    progress.clear(job.pk)


def take_back(job: ImportJob) -> list[dict[str, Any]]:
    """Revert what the job merged and delete the people it created that nothing made by
    hand holds, chunk by chunk; return those kept, with why. Safe to run again."""
    merged = list(
        job.rows.filter(outcome=ImportRow.MERGED, undo__isnull=False, person__isnull=False)
        .values_list("person_id", "undo")
        .order_by("-row")
    )
    created = list(
        job.rows.filter(outcome=ImportRow.CREATED, person__isnull=False)
        .values_list("person_id", flat=True)
        .order_by("person_id")
        .distinct()
    )
    total = len(merged) + len(created)
    progress.report(job.pk, 0, total)
    for start in range(0, len(merged), CHUNK):
        with transaction.atomic():
            _revert_merges(job, merged[start : start + CHUNK])
        progress.report(job.pk, start + len(merged[start : start + CHUNK]), total)
    # Every chunk looks again at who holds whom, so a retry after a kill rebuilds the
    # whole list of the people kept (those deleted before the kill are simply gone).
    return [item for chunk in _delete_created(job, created, len(merged), total) for item in chunk]


def _delete_created(
    job: ImportJob, created: list[int], done: int, total: int
) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(created), CHUNK):
        batch = created[start : start + CHUNK]
        with transaction.atomic():
            holding = reasons_to_keep(job, batch)
            Person.objects.filter(owner=job.owner, pk__in=set(batch) - holding.keys()).delete()
        progress.report(job.pk, done + start + len(batch), total)
        yield list(holding.values())


@transaction.atomic
def _finish(job: ImportJob, kept: list[dict[str, Any]]) -> None:
    Event.objects.filter(owner=job.owner, pk__in=job.restored_events, touches__isnull=True).delete()
    DuplicatePair.objects.filter(job=job, status=DuplicatePair.OPEN).delete()
    job.status, job.undone_at = ImportJob.UNDONE, timezone.now()
    job.undo_kept = sorted(kept, key=lambda item: item["name"].casefold())
    job.save(update_fields=["status", "undone_at", "undo_kept"])


def reasons_to_keep(job: ImportJob, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Of the people an import created, those something made by hand holds, with why:
    {pk: {"person", "name", "reasons": {code: count}}}."""
    people = Person.objects.filter(owner=job.owner, pk__in=ids).only(
        "pk", "display_name", "created_at", "updated_at"
    )
    reasons: dict[int, dict[str, int]] = {person.pk: {} for person in people}
    names = {person.pk: person.display_name for person in people}
    for person in people:
        # A restore brings back each person's own first day, so only an import says so.
        if job.fmt != "json" and job.started_at and person.created_at < job.started_at:
            reasons[person.pk]["before"] = 1
        if job.finished_at and person.updated_at > job.finished_at:
            reasons[person.pk]["edited"] = 1
    absorbed = PersonMerge.objects.filter(survivor_id__in=ids, undone_at__isnull=True)
    for survivor_id in absorbed.values_list("survivor_id", flat=True):
        reasons[survivor_id]["merged"] = reasons[survivor_id].get("merged", 0) + 1
    for model, name in _hand_relations():
        rows = model._base_manager.filter(**{f"{name}__in": ids})
        if job.fmt == "json" and _dated(model):
            rows = rows.filter(created_at__gt=job.finished_at)  # a restore made the older
        code = HELD.get(model._meta.label, "other")
        for person_id in rows.values_list(f"{name}_id", flat=True):
            held = reasons[person_id]
            held[code] = held.get(code, 0) + 1
    return {
        pk: {"person": pk, "name": names[pk], "reasons": why} for pk, why in reasons.items() if why
    }


def _hand_relations() -> list[tuple[Any, str]]:
    found = []
    for relation in Person._meta.get_fields(include_hidden=True):
        if not isinstance(relation, models.ForeignObjectRel) or relation.many_to_many:
            continue
        model = relation.related_model
        made_here = model in IMPORT_MADE or model is PersonMerge
        if isinstance(model, type) and not made_here and not model._meta.auto_created:
            found.append((model, relation.field.name))
    return found


def _dated(model: Any) -> bool:
    return any(f.name == "created_at" for f in model._meta.concrete_fields)


def _revert_merges(job: ImportJob, rows: list[tuple[int, Any]]) -> None:
    """Give back the values a slice of the merged rows (latest row first) replaced."""
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
