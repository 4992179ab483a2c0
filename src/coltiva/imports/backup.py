"""Coltiva's own JSON export: the whole book, in a documented, versioned format that
restores into an empty account with nothing lost (README.md, "The JSON export").

Each section lists rows of one kind with every stored field except those derived from
others (search keys, the stored VCP assessment, which is recomputed from the touches).
Fields are found from the models, so a field added later is exported without anyone
remembering to. Ids are the exporting book's and only link rows within the file.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.events.models import Event
from coltiva.imports.models import PersonPhoto
from coltiva.people.models import ContactPoint, Person, Relationship, StageChange, Touch
from coltiva.people.services import STORED_FIELDS
from coltiva.referrals.models import Introduction, Referral

FORMAT_VERSION = 1
CHUNK = 1000

# Derived or per-account columns, never exported.
_SKIP: dict[type[models.Model], set[str]] = {
    Person: {"owner", "sort_name", "search_key", "updated_at", "tags", "staged_by"},
    Relationship: {"person", "owner", *STORED_FIELDS, "assessed_on"},
    ContactPoint: {"id", "owner", "person", "normalized"},
    StageChange: {"id", "owner", "person"},
    Event: {"owner"},
    Touch: {"owner"},
    Referral: {"owner", "updated_at"},
    Introduction: {"owner"},
    Plan: {"owner", "updated_at"},
}
SECTIONS: tuple[tuple[str, type[models.Model]], ...] = (
    ("events", Event),
    ("touches", Touch),
    ("referrals", Referral),
    ("introductions", Introduction),
    ("plans", Plan),
)


def fields_of(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    skip = _SKIP.get(model, {"owner"})
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in skip and not getattr(field, "auto_now", False)
    ]


def encode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def dump(obj: models.Model, fields: Sequence[models.Field[Any, Any]]) -> dict[str, Any]:
    """The row's fields, leaving out those at their default value (most of a person's
    are empty): a restore puts the default back, and the file stays small."""
    row = {}
    for field in fields:
        value = encode(field, getattr(obj, field.attname))
        if field.primary_key or value != _default(field):
            row[field.name] = value
    return row


def _default(field: models.Field[Any, Any]) -> Any:
    return encode(field, field.get_default()) if field.has_default() or field.null else ""


# --- Export ------------------------------------------------------------------------------


def export_json(owner: User) -> Iterator[str]:
    """The book as JSON text, a piece at a time (rows are read in batches, so a large
    book streams without being held in memory)."""
    head = {
        "coltiva_export": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "generator": "Coltiva",
        "phone_region": owner.phone_region,
        "time_zone": owner.time_zone,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1]
    yield ',\n"people": ['
    yield from _joined(_people(owner))
    for name, model in SECTIONS:
        yield f'],\n"{name}": ['
        rows = model._default_manager.filter(owner=owner).order_by("pk")
        fields = fields_of(model)
        yield from _joined(dump(obj, fields) for obj in _batched(rows))
    yield "]}\n"


def _joined(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    first = True
    for row in rows:
        yield ("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False


def _batched(rows: models.QuerySet[Any]) -> Iterator[Any]:
    """Keyset pages by primary key: constant memory, no growing OFFSET."""
    last = None
    while True:
        page = rows.filter(pk__gt=last) if last is not None else rows
        batch = list(page[:CHUNK])
        yield from batch
        if len(batch) < CHUNK:
            return
        last = batch[-1].pk


def _people(owner: User) -> Iterator[dict[str, Any]]:
    people = Person.objects.filter(owner=owner, staged_by__isnull=True).order_by("pk")
    batch: list[Person] = []
    for person in _batched(people):
        batch.append(person)
        if len(batch) == CHUNK:
            yield from _people_batch(batch)
            batch = []
    yield from _people_batch(batch)


def _people_batch(people: list[Person]) -> Iterator[dict[str, Any]]:
    if not people:
        return
    ids = [p.pk for p in people]
    points = _grouped(ContactPoint.objects.filter(person_id__in=ids), ContactPoint)
    history = _grouped(StageChange.objects.filter(person_id__in=ids), StageChange)
    rels = Relationship.objects.in_bulk(ids)
    tags: dict[int, list[str]] = defaultdict(list)
    links = Person.tags.through.objects.filter(person_id__in=ids).select_related("tag")
    for link in links.order_by("tag__name"):
        tags[link.person_id].append(link.tag.name)
    photos = PersonPhoto.objects.in_bulk(ids)
    person_fields, rel_fields = fields_of(Person), fields_of(Relationship)
    for person in people:
        row = dump(person, person_fields)
        row["tags"] = tags[person.pk]
        row["contact_points"] = points[person.pk]
        rel = rels.get(person.pk)
        row["relationship"] = dump(rel, rel_fields) if rel else {}
        row["stage_history"] = history[person.pk]
        photo = photos.get(person.pk)
        if photo is not None:
            data = base64.b64encode(bytes(photo.data)).decode("ascii")
            row["photo"] = {"mime": photo.mime, "data": data}
        yield row


def _grouped(rows: models.QuerySet[Any], model: type[models.Model]) -> dict[int, list[Any]]:
    fields = fields_of(model)
    grouped: dict[int, list[Any]] = defaultdict(list)
    for obj in rows.order_by("pk"):
        grouped[obj.person_id].append(dump(obj, fields))
    return grouped
