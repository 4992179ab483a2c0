"""Restoring Coltiva's own JSON export into an empty account.

The file is read as a stream (ijson), never loaded whole: one pass checks its shape
(nesting, sections, the number of people, refused past the import's row limit before the
rest is read), then each section is read again a chunk of rows at a time and written in
short transactions (``coltiva.dbkit.chunks``). The people are staged (invisible, as the
trash is) until the whole restore is published; a failure discards what was written
(``coltiva.imports.staging``). Rows are checked as they are read (dates, numbers, known
kinds and statuses, links to rows of the same file); a damaged file is refused with the
first problem found.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import ijson
from django.db import models

from coltiva.dbkit.chunks import write_in_chunks
from coltiva.domain.vcp import Stage, assess
from coltiva.events.models import Event
from coltiva.imports import conf
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
Row = dict[str, Any]
PersonRow = tuple[Person, Row]
_ROW_SECTIONS = ("people", *(name for name, _model in SECTIONS))


class Damaged(ValueError):
    """A value in the file that cannot be restored; the message names it."""


@dataclass
class Export:
    """A Coltiva export checked for shape, its rows still in the file: each section is
    read again, a row at a time, when it is restored."""

    data: bytes
    people: int
    sections: set[str] = field(default_factory=set)

    def rows(self, name: str) -> Iterator[Row]:
        if name not in self.sections:
            return iter(())
        return _guarded(ijson.items(io.BytesIO(self.data), f"{name}.item", use_float=True))


def parse(data: bytes) -> Export:
    """Check the export's shape in one streamed pass; ``UnreadableFile`` with one line."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(Reason("export_not_utf8")) from None
    shape = _Shape()
    for prefix, event, value in _guarded(ijson.parse(io.BytesIO(data))):
        shape.see(prefix, event, value)
    shape.finish()
    return Export(data, shape.people, shape.sections)


def people_count(export: Export) -> int:
    return export.people


class _Shape:
    """What one pass over the parser's events learns: nesting, the format version, that
    each section is a list of rows, and how many people (refused past the limit)."""

    def __init__(self) -> None:
        self.depth, self.people, self.limit = 0, 0, conf.max_rows()
        self.version: Any = None
        self.top_is_map = False
        self.sections: set[str] = set()

    def see(self, prefix: str, event: str, value: Any) -> None:
        if event in ("end_map", "end_array"):
            self.depth -= 1
            return
        if event in ("start_map", "start_array"):
            self._open(event)
        if event == "map_key":
            return
        if prefix == "coltiva_export":
            self.version = value if value is not None else event
        elif prefix in _ROW_SECTIONS:
            if event != "start_array":
                self._not_rows(prefix)
            self.sections.add(prefix)
        elif prefix.endswith(".item") and prefix[:-5] in _ROW_SECTIONS:
            if event != "start_map":
                self._not_rows(prefix[:-5])
            if prefix == "people.item":
                self._count_person()

    def _open(self, event: str) -> None:
        self.depth += 1
        if self.depth > conf.MAX_JSON_DEPTH:
            raise UnreadableFile(Reason("export_too_deep", {"limit": conf.MAX_JSON_DEPTH}))
        if self.depth == 1:
            self.top_is_map = event == "start_map"

    def _count_person(self) -> None:
        self.people += 1
        if self.people > self.limit:
            raise UnreadableFile(Reason("too_many_rows", {"limit": self.limit}))

    def _not_rows(self, name: str) -> None:
        raise UnreadableFile(Reason("export_not_a_list", {"name": name}))

    def finish(self) -> None:
        if not self.top_is_map or self.version is None:
            raise UnreadableFile(Reason("json_not_coltiva"))
        if self.version != FORMAT_VERSION:
            version = str(self.version)[:40]
            raise UnreadableFile(
                Reason("export_version", {"version": version, "ours": FORMAT_VERSION})
            )


def _guarded(events: Iterator[Any]) -> Iterator[Any]:
    """The parser's items or events, its errors said in one line."""
    try:
        yield from events
    except ijson.JSONError:
        raise UnreadableFile(Reason("export_damaged_json")) from None


class Restorer:
    def __init__(
        self, job: ImportJob, export: Export, progress: Progress, staged: dict[str, Any]
    ) -> None:
        self.job, self.export, self.progress = job, export, progress
        self.owner = job.owner
        self.staged = staged
        self.ids: IdMap = defaultdict(dict)
        self.last_stage: dict[int, str] = {}
        self.tag_ids: dict[str, int] = {}
        self.people_pks: list[int] = []

    def run(self) -> list[int]:
        """Restore the whole book, staged; the ids of the people created."""
        if (
            Person.objects.filter(owner=self.owner).exists()
            or Event.objects.filter(owner=self.owner).exists()
        ):
            raise UnreadableFile(Reason("export_into_full_account"))
        self._section("events", Event)
        write_in_chunks(
            self._numbered("people"),
            self._prepare_people,
            self._write_people,
            first=200,
            after=self.progress,
        )
        for name, model in SECTIONS[1:]:
            self._section(name, model)
        write_in_chunks(
            self._numbered("people"),
            self._prepare_relationships,
            self._write_relationships,
            first=200,
        )
        return self.people_pks

    # --- generic rows ----------------------------------------------------------------------

    def _numbered(self, name: str) -> Iterator[tuple[int, Row]]:
        return enumerate(self.export.rows(name), 1)

    def _section(self, name: str, model: type[models.Model]) -> None:
        def prepared(chunk: list[tuple[int, Row]]) -> list[tuple[Any, Row]]:
            return [(self._build(model, row, f"{name} {n}"), row) for n, row in chunk]

        def write(pairs: list[tuple[Any, Row]]) -> None:
            objects, rows = [obj for obj, _row in pairs], [row for _obj, row in pairs]
            model._default_manager.bulk_create(objects, batch_size=BATCH)
            _restore_created_at(model, objects, rows)
            for obj, row in pairs:
                if "id" in row:
                    self.ids[model][_int(row["id"])] = obj.pk
            if model is Event:
                # Events are not staged: the cleanup of a failed restore finds them here.
                self.job.restored_events = list(self.ids[Event].values())
                ImportJob.objects.filter(pk=self.job.pk).update(
                    restored_events=self.job.restored_events
                )

        write_in_chunks(self._numbered(name), prepared, write, first=500)

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

    def _prepare_people(self, chunk: list[tuple[int, Row]]) -> list[tuple[int, Person, Row]]:
        people = []
        for n, row in chunk:
            person = prepare(self._build(Person, row, f"person {n}"))
            # A person trashed in the file keeps its day in the trash once published.
            person.deleted_at = person.deleted_at or self.staged["deleted_at"]
            person.staged_by = self.staged["staged_by"]
            people.append((n, person, row))
        return people

    def _write_people(self, chunk: list[tuple[int, Person, Row]]) -> None:
        people = [person for _n, person, _row in chunk]
        Person.objects.bulk_create(people, batch_size=BATCH)
        _restore_created_at(Person, people, [row for _n, _person, row in chunk])
        pairs = [(person, row) for _n, person, row in chunk]
        self.people_pks.extend(person.pk for person in people)
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
                for n, person, _row in chunk
            ],
            batch_size=BATCH,
        )

    def _points(self, pairs: list[PersonRow]) -> None:
        region = self.owner.phone_region
        points = []
        for person, row in pairs:
            for n, data in enumerate(_list(row, "contact_points"), 1):
                point = self._build(ContactPoint, data, f"{person.display_name}, contact {n}")
                point.person_id = person.pk
                point.normalized = normalize_contact(point.kind, point.value, region)[:500]
                points.append(point)
        ContactPoint.objects.bulk_create(points, batch_size=BATCH)

    def _tags(self, pairs: list[PersonRow]) -> None:
        names = {str(name)[:60] for _p, row in pairs for name in _list(row, "tags")}
        missing = sorted(names - self.tag_ids.keys())
        tags = Tag.objects.bulk_create([Tag(owner=self.owner, name=name) for name in missing])
        self.tag_ids.update((tag.name, tag.pk) for tag in tags)
        through = Person.tags.through
        links = [
            through(person_id=person.pk, tag_id=self.tag_ids[str(name)[:60]])
            for person, row in pairs
            for name in dict.fromkeys(_list(row, "tags"))
        ]
        through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

    def _photos(self, pairs: list[PersonRow]) -> None:
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

    def _history(self, pairs: list[PersonRow]) -> None:
        changes = []
        for person, row in pairs:
            for n, data in enumerate(_list(row, "stage_history"), 1):
                change = self._build(StageChange, data, f"{person.display_name}, stage {n}")
                change.person_id = person.pk
                changes.append(change)
        StageChange.objects.bulk_create(changes, batch_size=BATCH)
        self.last_stage.update((c.person_id, c.to_stage) for c in changes)

    # --- relationships, once every touch is in ---------------------------------------------

    def _prepare_relationships(
        self, chunk: list[tuple[int, Row]]
    ) -> tuple[list[Relationship], list[StageChange]]:
        """Settings from the file; stage, health and next step recomputed from the
        touches, recording a stage change only if the stage moved since the export."""
        today, params = self.owner.local_today(), vcp_params()
        found = [(self.people_pks[n - 1], row) for n, row in chunk]
        ids = [pk for pk, _row in found]
        touches: dict[int, list[Any]] = defaultdict(list)
        for touch in Touch.objects.filter(person_id__in=ids).order_by("on", "pk"):
            touches[touch.person_id].append(touch.to_domain())
        created = dict(Person.objects.filter(pk__in=ids).values_list("pk", "created_at"))
        rels, changes = [], []
        for pk, row in found:
            data = row.get("relationship") or {}
            rel = self._build(Relationship, data, f"person {pk}, relationship")
            rel.person_id = pk
            rel.computed_stage = self.last_stage.get(pk, rel.computed_stage)
            result = assess(
                touches.get(pk, []),
                today,
                cadence_days=rel.cadence_days,
                pinned_stage=Stage(rel.pinned_stage) if rel.pinned_stage else None,
                params=params,
            )
            change = apply_assessment(rel, result, today, self.owner.local_date(created[pk]))
            if change is not None:
                changes.append(change)
            rels.append(rel)
        return rels, changes

    def _write_relationships(self, built: tuple[list[Relationship], list[StageChange]]) -> None:
        rels, changes = built
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
