"""Restoring Coltiva's own JSON export into an empty account.

Rows are checked as they are read (dates, numbers, known kinds and statuses, links to
rows of the same file); a damaged file is refused with the first problem found, and
since the restore runs inside the import's transaction, nothing of it is kept.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from coltiva.domain.vcp import Stage, assess
from coltiva.events.models import Event
from coltiva.imports.backup import FORMAT_VERSION, SECTIONS, fields_of
from coltiva.imports.fields import prepare
from coltiva.imports.models import ImportJob, ImportRow, PersonPhoto
from coltiva.imports.writer import BATCH, image_type
from coltiva.interchange import Reason, UnreadableFile
from coltiva.people.contacts import normalize_contact
from coltiva.people.models import ContactPoint, Person, Relationship, StageChange, Tag, Touch
from coltiva.people.services import apply_assessment, vcp_params

IdMap = dict[type[models.Model], dict[int, int]]
Progress = Callable[[int], None]


class Damaged(ValueError):
    """A value in the file that cannot be restored; the message names it."""


def parse(data: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableFile(Reason("export_not_utf8")) from None
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        raise UnreadableFile(Reason("export_damaged_json", where)) from None
    if not isinstance(doc, dict) or "coltiva_export" not in doc:
        raise UnreadableFile(Reason("json_not_coltiva"))
    if doc["coltiva_export"] != FORMAT_VERSION:
        version = str(doc["coltiva_export"])[:40]
        raise UnreadableFile(Reason("export_version", {"version": version, "ours": FORMAT_VERSION}))
    for name in ["people", *(section for section, _model in SECTIONS)]:
        rows = doc.get(name, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise UnreadableFile(Reason("export_not_a_list", {"name": name}))
    return doc


def people_count(doc: dict[str, Any]) -> int:
    return len(doc.get("people", []))


class Restorer:
    def __init__(self, job: ImportJob, doc: dict[str, Any], progress: Progress) -> None:
        self.job, self.doc, self.progress = job, doc, progress
        self.owner = job.owner
        self.ids: IdMap = defaultdict(dict)
        self.touches_of: dict[int, list[Touch]] = defaultdict(list)

    def run(self) -> list[int]:
        """Restore the whole book; the ids of the people created."""
        if (
            Person.objects.filter(owner=self.owner).exists()
            or Event.objects.filter(owner=self.owner).exists()
        ):
            raise UnreadableFile(Reason("export_into_full_account"))
        self._section("events", Event)
        people = self._people()
        for name, model in SECTIONS[1:]:
            self._section(name, model)
        self._relationships(people)
        self.job.restored_events = list(self.ids[Event].values())
        return [person.pk for person, _row in people]

    # --- generic rows ----------------------------------------------------------------------

    def _section(self, name: str, model: type[models.Model]) -> None:
        rows = self.doc.get(name, [])
        objects = [self._build(model, row, f"{name} {n}") for n, row in enumerate(rows, 1)]
        model._default_manager.bulk_create(objects, batch_size=BATCH)
        _restore_created_at(model, objects, rows)
        for obj, row in zip(objects, rows, strict=True):
            if "id" in row:
                self.ids[model][_int(row["id"])] = obj.pk
            if isinstance(obj, Touch):
                self.touches_of[obj.person_id].append(obj)

    def _build(self, model: type[models.Model], row: dict[str, Any], where: str) -> Any:
        values: dict[str, Any] = {}
        try:
            for field in fields_of(model):
                if field.primary_key or field.name not in row:
                    continue
                values[field.attname] = self._decode(field, row[field.name])
        except (Damaged, ValueError, TypeError, InvalidOperation) as error:
            # Where (a section of the file and a row) and the detail (the field and value)
            # are the file's own words, quoted as they are.
            detail = {"where": where[:200], "detail": str(error)[:200]}
            raise UnreadableFile(Reason("export_damaged_value", detail)) from None
        obj = model(**values)
        if any(f.name == "owner" for f in model._meta.concrete_fields):
            obj.owner_id = self.owner.pk  # type: ignore[attr-defined]
        return obj

    def _decode(self, field: models.Field[Any, Any], value: Any) -> Any:
        if value is None:
            if field.null:
                return None
            raise Damaged(f"{field.name} is missing")
        if isinstance(field, models.ForeignKey):
            related = field.related_model
            assert isinstance(related, type)
            found = self.ids[related].get(_int(value))
            if found is None and not field.null:
                raise Damaged(f"{field.name} {value} is not in the file")
            return found
        decoded = _decode_value(field, value)
        choices = [str(key) for key, _label in field.flatchoices]
        if choices and decoded not in choices and decoded != "":
            raise Damaged(f"unknown {field.name} {decoded!r}")
        return decoded

    # --- people ----------------------------------------------------------------------------

    def _people(self) -> list[tuple[Person, dict[str, Any]]]:
        rows = self.doc.get("people", [])
        people = [prepare(self._build(Person, row, f"person {n}")) for n, row in enumerate(rows, 1)]
        Person.objects.bulk_create(people, batch_size=BATCH)
        _restore_created_at(Person, people, rows)
        pairs = list(zip(people, rows, strict=True))
        for person, row in pairs:
            if "id" in row:
                self.ids[Person][_int(row["id"])] = person.pk
        self._points(pairs)
        self._tags(pairs)
        self._photos(pairs)
        self._history(pairs)
        ImportRow.objects.bulk_create(
            [
                ImportRow(
                    job=self.job,
                    row=n,
                    outcome=ImportRow.CREATED,
                    person=person,
                    name=person.display_name[:300],
                )
                for n, (person, _row) in enumerate(pairs, 1)
            ],
            batch_size=BATCH,
        )
        self.progress(len(people))
        return pairs

    def _points(self, pairs: list[tuple[Person, dict[str, Any]]]) -> None:
        region = self.owner.phone_region
        points = []
        for person, row in pairs:
            for n, data in enumerate(_list(row, "contact_points"), 1):
                point = self._build(ContactPoint, data, f"{person.display_name}, contact {n}")
                point.person_id = person.pk
                point.normalized = normalize_contact(point.kind, point.value, region)[:500]
                points.append(point)
        ContactPoint.objects.bulk_create(points, batch_size=BATCH)

    def _tags(self, pairs: list[tuple[Person, dict[str, Any]]]) -> None:
        names = {str(name)[:60] for _p, row in pairs for name in _list(row, "tags")}
        tags = Tag.objects.bulk_create([Tag(owner=self.owner, name=name) for name in sorted(names)])
        tag_ids = {tag.name: tag.pk for tag in tags}
        through = Person.tags.through
        links = [
            through(person_id=person.pk, tag_id=tag_ids[str(name)[:60]])
            for person, row in pairs
            for name in dict.fromkeys(_list(row, "tags"))
        ]
        through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

    def _photos(self, pairs: list[tuple[Person, dict[str, Any]]]) -> None:
        photos = []
        for person, row in pairs:
            photo = row.get("photo")
            if not isinstance(photo, dict):
                continue
            try:
                data = base64.b64decode(str(photo.get("data", "")), validate=True)
            except (binascii.Error, ValueError):
                name = {"name": person.display_name}
                raise UnreadableFile(Reason("export_photo_not_base64", name)) from None
            mime = str(photo.get("mime") or image_type(data))[:40]
            photos.append(PersonPhoto(person=person, owner=self.owner, data=data, mime=mime))
        PersonPhoto.objects.bulk_create(photos, batch_size=50)

    def _history(self, pairs: list[tuple[Person, dict[str, Any]]]) -> None:
        changes = []
        for person, row in pairs:
            for n, data in enumerate(_list(row, "stage_history"), 1):
                change = self._build(StageChange, data, f"{person.display_name}, stage {n}")
                change.person_id = person.pk
                changes.append(change)
        StageChange.objects.bulk_create(changes, batch_size=BATCH)
        self.last_stage = {c.person_id: c.to_stage for c in changes}

    def _relationships(self, pairs: list[tuple[Person, dict[str, Any]]]) -> None:
        """Settings from the file; stage, health and next step recomputed from the
        touches, recording a stage change only if the stage moved since the export."""
        today, params = self.owner.local_today(), vcp_params()
        rels, changes = [], []
        for person, row in pairs:
            data = row.get("relationship") or {}
            rel = self._build(Relationship, data, f"{person.display_name}, relationship")
            rel.person_id = person.pk
            rel.computed_stage = self.last_stage.get(person.pk, rel.computed_stage)
            touches = [t.to_domain() for t in self.touches_of.get(person.pk, [])]
            result = assess(
                touches,
                today,
                cadence_days=rel.cadence_days,
                pinned_stage=Stage(rel.pinned_stage) if rel.pinned_stage else None,
                params=params,
            )
            entered = self.owner.local_date(person.created_at)
            change = apply_assessment(rel, result, today, entered)
            if change is not None:
                changes.append(change)
            rels.append(rel)
        Relationship.objects.bulk_create(rels, batch_size=BATCH)
        StageChange.objects.bulk_create(changes, batch_size=BATCH)


def _restore_created_at(
    model: type[models.Model], objects: list[Any], rows: list[dict[str, Any]]
) -> None:
    """``auto_now_add`` overwrites the creation time on insert; put the file's back."""
    names = [
        f.name
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) and any(f.name in row for row in rows)
    ]
    if not names:
        return
    for obj, row in zip(objects, rows, strict=True):
        for name in names:
            if row.get(name):
                setattr(obj, name, _datetime(row[name]))
    model._default_manager.bulk_update(objects, names, batch_size=BATCH)


def _decode_value(field: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(field, models.DateTimeField):
        return _datetime(value)
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(str(value))
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise Damaged(f"{field.name} must be true or false")
        return value
    if isinstance(field, models.IntegerField):
        return _int(value)
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.CharField | models.TextField):
        text = str(value)
        return text[: field.max_length] if field.max_length else text
    return value


def _datetime(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Damaged(f"{value!r} is not a whole number")
    return int(value)


def _list(row: dict[str, Any], key: str) -> list[Any]:
    value = row.get(key) or []
    if not isinstance(value, list):
        raise UnreadableFile(Reason("export_not_a_list", {"name": key}))
    return value
