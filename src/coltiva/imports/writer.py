"""Writing an import's decisions to the book a batch at a time: bulk inserts, and a fixed
handful of queries per batch for the people merged into, never one query per row.

Every row leaves an ``ImportRow`` behind; a merge into someone who was in the book before
also records what it changed, so the import can be undone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from coltiva.accounts.models import User
from coltiva.dbkit.bulk import insert_rows, update_rows
from coltiva.domain.vcp import assess
from coltiva.imports.fields import FILLABLE, PointIn, person_values, prepare
from coltiva.imports.models import ImportJob, ImportRow, PersonPhoto
from coltiva.imports.planner import CREATED, MERGED, Decision, Draft, Existing
from coltiva.interchange import Reason
from coltiva.people.models import ContactPoint, Person, Relationship, Tag
from coltiva.people.services import STORED_FIELDS, apply_assessment, vcp_params

BATCH = 500
TAG_MAX = Tag._meta.get_field("name").max_length or 60
NOTES_MAX = Person._meta.get_field("notes").max_length or 20000
# Fields ``prepare`` derives, written whenever a merge changes a person.
DERIVED_FIELDS = ("display_name", "sort_name", "search_key", "profession_code", "updated_at")


def new_relationship_values(owner: User, today: dt.date) -> dict[str, Any]:
    """The stored assessment of someone with no touches: the same for every new person,
    so it is computed once per import."""
    template = Relationship(owner=owner)
    apply_assessment(template, assess([], today, params=vcp_params()), today, today)
    return {name: getattr(template, name) for name in STORED_FIELDS}


@dataclass
class _Merge:
    decision: Decision
    person: Person
    undo: dict[str, Any] | None
    # What the merge gave the person: field names, "photo", "email:2" (see imports.reasons).
    added: list[str] = field(default_factory=list)


class BookWriter:
    def __init__(self, job: ImportJob, staged: dict[str, Any] | None = None) -> None:
        self.job = job
        # Values that keep the people created out of sight until the job is published.
        self.staged = staged or {}
        self.owner: User = job.owner
        self.relationship = new_relationship_values(self.owner, self.owner.local_today())
        self.tag_ids: dict[str, int] = dict(
            Tag.objects.filter(owner=self.owner).values_list("name", "pk")
        )
        self.created_ids: list[int] = []
        self.shared_keys: list[tuple[int, int, str]] = []
        self._known_points: dict[int, set[tuple[str, str]]] = {}

    def write(self, decisions: list[Decision]) -> None:
        drafts = [d.target for d in decisions if d.outcome == CREATED]
        new_people = self._create_people([d for d in drafts if isinstance(d, Draft)])
        merges = self._merge_people(
            [d for d in decisions if d.outcome == MERGED and isinstance(d.target, Existing)]
        )
        self._write_points(new_people, merges)
        self._write_tags(new_people, merges)
        self._write_photos(new_people, merges)
        self._write_rows(decisions, {id(m.decision): m for m in merges})

    # --- people created ------------------------------------------------------------------

    def _create_people(self, drafts: list[Draft]) -> list[tuple[Draft, Person]]:
        people = [
            prepare(Person(owner=self.owner, **draft.values, **self.staged)) for draft in drafts
        ]
        Person.objects.bulk_create(people, batch_size=BATCH)
        insert_rows(
            Relationship,
            (Relationship(person=p, owner=self.owner, **self._rel_values()) for p in people),
        )
        for draft, person in zip(drafts, people, strict=True):
            draft.pk = person.pk
            self.created_ids.append(person.pk)
        return list(zip(drafts, people, strict=True))

    def _rel_values(self) -> dict[str, Any]:
        values = dict(self.relationship)
        values["warnings"] = list(values["warnings"])
        values["evidence"] = list(values["evidence"])
        values["next_step_params"] = dict(values["next_step_params"])
        return values

    # --- people merged into --------------------------------------------------------------

    def _merge_people(self, decisions: list[Decision]) -> list[_Merge]:
        ids = {d.target.pk for d in decisions if isinstance(d.target, Existing)}
        if not ids:
            return []
        people = Person.objects.in_bulk(ids)
        self._known_points = _points_of(ids)
        merges: list[_Merge] = []
        changed: dict[int, set[str]] = defaultdict(set)
        now = timezone.now()
        for decision in decisions:
            assert isinstance(decision.target, Existing) and decision.record is not None
            person = people[decision.target.pk]
            undo = None if decision.target.created_here else _empty_undo()
            merge = _Merge(decision, person, undo)
            names = _fill(person, decision, merge)
            if names:
                person.updated_at = now
                prepare(person)
                changed[person.pk] |= {*names, *DERIVED_FIELDS}
            merges.append(merge)
            if decision.also_matches is not None:
                pair = (person.pk, decision.also_matches.pk, decision.also_kind)
                self.shared_keys.append(pair)
        update_rows(Person, ((people[pk], names) for pk, names in changed.items()))
        return merges

    # --- contact points, tags, photos ----------------------------------------------------

    def _write_points(self, new_people: list[tuple[Draft, Person]], merges: list[_Merge]) -> None:
        insert_rows(
            ContactPoint,
            (
                self._point(person.pk, point)
                for draft, person in new_people
                for point in draft.points
            ),
        )
        # Points added to people merged into are created with their ids: undo needs them.
        rows: list[tuple[ContactPoint, _Merge]] = []
        for merge in merges:
            known = self._known_points[merge.person.pk]
            fresh = [p for p in merge.decision.new_points if (p.kind, p.normalized) not in known]
            for point in fresh:
                known.add((point.kind, point.normalized))
                rows.append((self._point(merge.person.pk, point), merge))
            merge.added.extend(_point_counts(fresh))
        ContactPoint.objects.bulk_create([row for row, _merge in rows], batch_size=BATCH)
        for row, merge in rows:
            if merge.undo is not None:
                merge.undo["points"].append(row.pk)

    def _point(self, person_id: int, point: PointIn) -> ContactPoint:
        return ContactPoint(
            owner_id=self.owner.pk,
            person_id=person_id,
            kind=point.kind,
            label=point.label,
            value=point.value,
            normalized=point.normalized,
        )

    def _write_tags(self, new_people: list[tuple[Draft, Person]], merges: list[_Merge]) -> None:
        wanted = [(p.pk, d.tags) for d, p in new_people]
        wanted += [(m.person.pk, m.decision.record.tags) for m in merges if m.decision.record]
        self._ensure_tags({name[:TAG_MAX] for _, names in wanted for name in names})
        linked = _tag_links({m.person.pk for m in merges})
        through = Person.tags.through
        links: list[Any] = []
        undo_of = {m.person.pk: m for m in merges if m.undo is not None}
        for person_id, names in wanted:
            for name in names:
                tag_id = self.tag_ids[name[:TAG_MAX]]
                if (person_id, tag_id) in linked:
                    continue
                linked.add((person_id, tag_id))
                links.append(through(person_id=person_id, tag_id=tag_id))
                if person_id in undo_of:
                    undo_of[person_id].undo["tags"].append(tag_id)  # type: ignore[index]
        through.objects.bulk_create(links, batch_size=BATCH)

    def _ensure_tags(self, names: set[str]) -> None:
        missing = [Tag(owner=self.owner, name=name) for name in sorted(names - self.tag_ids.keys())]
        Tag.objects.bulk_create(missing, batch_size=BATCH)
        self.tag_ids.update((tag.name, tag.pk) for tag in missing)

    def _write_photos(self, new_people: list[tuple[Draft, Person]], merges: list[_Merge]) -> None:
        photos = [
            PersonPhoto(person_id=p.pk, owner=self.owner, data=d.photo, mime=image_type(d.photo))
            for d, p in new_people
            if d.photo
        ]
        with_photo = set(
            PersonPhoto.objects.filter(person_id__in={m.person.pk for m in merges}).values_list(
                "person_id", flat=True
            )
        )
        for merge in merges:
            data = merge.decision.record.photo if merge.decision.record else None
            if data and merge.person.pk not in with_photo:
                with_photo.add(merge.person.pk)
                photos.append(
                    PersonPhoto(
                        person_id=merge.person.pk,
                        owner=self.owner,
                        data=data,
                        mime=image_type(data),
                    )
                )
                merge.added.append("photo")
                if merge.undo is not None:
                    merge.undo["photo"] = True
        PersonPhoto.objects.bulk_create(photos, batch_size=50)

    # --- the report ----------------------------------------------------------------------

    def _write_rows(self, decisions: list[Decision], merges: dict[int, _Merge]) -> None:
        rows = []
        for decision in decisions:
            merge = merges.get(id(decision))
            reasons = list(decision.reasons)
            if merge is not None:
                reasons.append(_added(merge))
            target = decision.target
            rows.append(
                ImportRow(
                    job=self.job,
                    row=decision.row,
                    outcome=decision.outcome,
                    person_id=target.pk if target is not None else None,
                    name=decision.name[:300],
                    reasons=[reason.as_json() for reason in reasons],
                    undo=merge.undo if merge is not None else None,
                )
            )
        insert_rows(ImportRow, rows)


def _empty_undo() -> dict[str, Any]:
    return {"fields": {}, "points": [], "tags": [], "photo": False}


def _fill(person: Person, decision: Decision, merge: _Merge) -> list[str]:
    """Fill the person's empty fields from the row; what the user typed is kept."""
    assert decision.record is not None
    values = person_values(decision.record)
    changed = []
    for name in FILLABLE:
        old, new = getattr(person, name), values[name]
        if new and not old:
            setattr(person, name, new)
            _note_change(merge, name, old, new)
            changed.append(name)
    notes = values["notes"].strip()
    if notes and notes not in person.notes:
        old_notes = person.notes
        person.notes = f"{old_notes}\n\n{notes}".strip()[:NOTES_MAX]
        _note_change(merge, "notes", old_notes, person.notes)
        changed.append("notes")
    return changed


def _note_change(merge: _Merge, name: str, old: Any, new: Any) -> None:
    merge.added.append(name)
    if merge.undo is not None:
        merge.undo["fields"][name] = [plain(old), plain(new)]


def plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _point_counts(points: list[PointIn]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for point in points:
        counts[point.kind] += 1
    return [f"{kind}:{n}" for kind, n in counts.items()]


def _added(merge: _Merge) -> Reason:
    if not merge.added:
        return Reason("merge_added_nothing")
    return Reason("merge_added", {"added": ",".join(merge.added)})


def _points_of(ids: set[int]) -> dict[int, set[tuple[str, str]]]:
    known: dict[int, set[tuple[str, str]]] = defaultdict(set)
    rows = ContactPoint.objects.filter(person_id__in=ids).values_list(
        "person_id", "kind", "normalized"
    )
    for person_id, kind, normalized in rows:
        known[person_id].add((kind, normalized))
    return known


def _tag_links(ids: set[int]) -> set[tuple[int, int]]:
    if not ids:
        return set()
    rows = Person.tags.through.objects.filter(person_id__in=ids).values_list("person_id", "tag_id")
    return set(rows)


_IMAGE_TYPES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG", "image/png"), (b"GIF8", "image/gif"))


def image_type(data: bytes | None) -> str:
    data = data or b""
    return next((mime for magic, mime in _IMAGE_TYPES if data.startswith(magic)), "image/jpeg")
