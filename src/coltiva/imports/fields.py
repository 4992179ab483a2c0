"""From a file's contact record to a person's fields and contact points, and back.

The duplicate keys are the same normalised values manual entry stores
(``coltiva.people.contacts.normalize_contact``), so an import and a person typed by hand
recognise each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models

from coltiva.interchange import ContactPoint as RecordPoint
from coltiva.interchange import ContactRecord, PartialDate
from coltiva.people.contacts import normalize_contact
from coltiva.people.merge import quick_fold
from coltiva.people.models import ContactPoint, Person
from coltiva.people.services import map_profession_code

# Person fields an import fills, in the order a merge considers them.
TEXT_FIELDS = ("given_name", "family_name", "company", "job_title", "city", "country")
FILLABLE = (*TEXT_FIELDS, "birthday", "connected_on")
POINT_KINDS = (
    ("emails", ContactPoint.EMAIL),
    ("phones", ContactPoint.PHONE),
    ("urls", ContactPoint.URL),
)
# E-mails and profile links identify a person better than a phone shared by an office.
KEY_PRIORITY = {ContactPoint.EMAIL: 0, ContactPoint.URL: 1, ContactPoint.PHONE: 2}
LABEL_MAX = ContactPoint._meta.get_field("label").max_length or 40
VALUE_MAX = ContactPoint._meta.get_field("value").max_length or 500

Key = tuple[str, str]


@dataclass(frozen=True)
class PointIn:
    kind: str
    label: str
    value: str
    normalized: str

    @property
    def key(self) -> Key | None:
        return match_key(self.kind, self.normalized)


def match_key(kind: str, normalized: str) -> Key | None:
    """The key duplicates are found by, or None when the value is too vague to decide.

    A phone counts only in E.164 form: the digits-only fallback of ``normalize_phone``
    ("0", "123") would merge strangers.
    """
    if not normalized:
        return None
    if kind == ContactPoint.PHONE and not normalized.startswith("+"):
        return None
    return (kind, normalized)


def fit(name: str, value: str) -> str:
    """A value cut to the column's size (the readers cap text, but more loosely)."""
    limit = _max_length(name)
    return value[:limit] if limit else value


@cache
def _max_length(name: str) -> int | None:
    field = Person._meta.get_field(name)
    return field.max_length if isinstance(field, models.Field) else None


def person_values(record: ContactRecord) -> dict[str, Any]:
    values: dict[str, Any] = {name: fit(name, getattr(record, name)) for name in TEXT_FIELDS}
    # A card with neither name nor company is called by its e-mail or phone, never "".
    values["display_name"] = fit("display_name", record.display_name or record.best_name())
    values["notes"] = fit("notes", record.notes)
    values["birthday"] = str(record.birthday) if record.birthday else ""
    values["connected_on"] = record.connected_on
    return values


def prepare(person: Person) -> Person:
    """What ``Person.save`` derives, for people written with ``bulk_create``."""
    if not person.display_name.strip():
        joined = f"{person.given_name} {person.family_name}".strip()
        person.display_name = joined or person.company
    name = f"{person.family_name} {person.given_name}".strip() or person.display_name
    person.sort_name = quick_fold(name)[:300]
    searched = " ".join([person.display_name, person.company, person.profession])
    person.search_key = quick_fold(searched)[:900]
    return map_profession_code(person)


def record_points(record: ContactRecord, region: str) -> list[PointIn]:
    """The record's e-mails, phones and links, each once, normalised for the book."""
    points: list[PointIn] = []
    seen: set[tuple[str, str]] = set()
    for attribute, kind in POINT_KINDS:
        for point in getattr(record, attribute):
            value = point.value.strip()[:VALUE_MAX]
            normalized = normalize_contact(kind, value, region)[:VALUE_MAX]
            if not value or (kind, normalized) in seen:
                continue
            seen.add((kind, normalized))
            points.append(PointIn(kind, point.label.strip()[:LABEL_MAX], value, normalized))
    return points


def partial_date(text: str) -> PartialDate | None:
    """A stored birthday ("1980-03-21" or "--12-25") as a date that may lack its year."""
    value = text.strip()
    try:
        if value.startswith("--") and len(value) == 7:
            return PartialDate(None, int(value[2:4]), int(value[5:7]))
        return PartialDate.from_date(dt.date.fromisoformat(value))
    except ValueError:
        return None


def to_record(
    person: Person,
    points: list[ContactPoint],
    tags: list[str],
    photo: bytes | None = None,
    row: int = 0,
) -> ContactRecord:
    """A person as a contact record, for the vCard and CSV writers."""
    by_kind: dict[str, list[RecordPoint]] = {kind: [] for _, kind in POINT_KINDS}
    for point in points:
        by_kind[point.kind].append(RecordPoint(point.label, point.value))
    return ContactRecord(
        source_row=row,
        given_name=person.given_name,
        family_name=person.family_name,
        display_name=person.display_name,
        company=person.company,
        job_title=person.job_title,
        emails=by_kind[ContactPoint.EMAIL],
        phones=by_kind[ContactPoint.PHONE],
        urls=by_kind[ContactPoint.URL],
        city=person.city,
        country=person.country,
        notes=person.notes,
        birthday=partial_date(person.birthday),
        connected_on=person.connected_on,
        photo=photo,
        tags=tags,
    )
