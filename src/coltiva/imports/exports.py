"""Taking a book out: every person as vCard 4.0, or as a spreadsheet-safe CSV that
Coltiva's own import reads back (the JSON backup is in ``coltiva.imports.backup``).

People are read in batches with their details, so the files stream at any book size, in
constant memory. The whole file is read inside one read transaction, so it is one
consistent picture of the book even while its owner goes on working: on SQLite the
transaction holds a snapshot (WAL), on PostgreSQL it runs at REPEATABLE READ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count

from coltiva.accounts.models import User
from coltiva.imports.backup import CHUNK, export_json
from coltiva.imports.fields import to_record
from coltiva.imports.models import PersonPhoto
from coltiva.interchange import write_people_csv, write_vcards
from coltiva.people.models import ContactPoint, Person

FORMATS = ("json", "vcard", "csv")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "vcard": "text/vcard; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
EXTENSIONS = {"json": "json", "vcard": "vcf", "csv": "csv"}


@dataclass
class Details:
    person: Person
    points: list[ContactPoint]
    tags: list[str]
    photo: bytes | None


def export(owner: User, fmt: str) -> Iterator[str]:
    """The book in ``fmt``, a piece at a time, read from one snapshot."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    return _snapshot(owner, fmt)


def _snapshot(owner: User, fmt: str) -> Iterator[str]:
    # A generator, so the transaction spans the whole download and ends with it, even
    # when the client goes away half-way (the generator is closed: rolled back).
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield from _pieces(owner, fmt)


def _pieces(owner: User, fmt: str) -> Iterator[str]:
    if fmt == "json":
        return export_json(owner)
    if fmt == "vcard":
        return export_vcards(owner)
    if fmt == "csv":
        return export_csv(owner)
    raise ValueError(f"unknown export format {fmt!r}")  # pragma: no cover (checked above)


def filename(fmt: str, day: str) -> str:
    return f"coltiva-{day}.{EXTENSIONS[fmt]}"


def people_with_details(owner: User) -> Iterator[Details]:
    """Every person of the book (not the trash) in name order, with contact points,
    tags and photo; a fixed number of queries per batch."""
    people = (
        Person.objects.alive()
        .filter(owner=owner)
        .select_related("relationship")
        .order_by("sort_name", "pk")
    )
    batch: list[Person] = []
    for person in people.iterator(chunk_size=CHUNK):
        batch.append(person)
        if len(batch) == CHUNK:
            yield from _details(batch)
            batch = []
    yield from _details(batch)


def _details(people: list[Person]) -> Iterator[Details]:
    if not people:
        return
    ids = [p.pk for p in people]
    points: dict[int, list[ContactPoint]] = defaultdict(list)
    for point in ContactPoint.objects.filter(person_id__in=ids).order_by("pk"):
        points[point.person_id].append(point)
    tags: dict[int, list[str]] = defaultdict(list)
    links = Person.tags.through.objects.filter(person_id__in=ids).select_related("tag")
    for link in links.order_by("tag__name"):
        tags[link.person_id].append(link.tag.name)
    photos = PersonPhoto.objects.in_bulk(ids)
    for person in people:
        photo = photos.get(person.pk)
        data = bytes(photo.data) if photo is not None else None
        yield Details(person, points[person.pk], tags[person.pk], data)


def export_vcards(owner: User) -> Iterator[str]:
    records = (
        to_record(d.person, d.points, d.tags, d.photo, row)
        for row, d in enumerate(people_with_details(owner), 1)
    )
    return write_vcards(records)


# --- CSV ----------------------------------------------------------------------------------

# Header names that Coltiva's generic CSV import recognises, so the file reads back.
_FIRST_COLUMNS = [
    ("display_name", "Name"),
    ("given_name", "Given name"),
    ("family_name", "Family name"),
    ("company", "Company"),
    ("job_title", "Job title"),
    ("profession", "Profession"),
    ("city", "City"),
    ("country", "Country"),
]
_LAST_COLUMNS = [
    ("linkedin", "LinkedIn"),
    ("birthday", "Birthday"),
    ("connected_on", "Connected on"),
    ("tags", "Tags"),
    ("notes", "Notes"),
    ("stage", "Stage"),
]
_NUMBERED = (("email", "E-mail"), ("phone", "Phone"), ("url", "Website"))


def export_csv(owner: User) -> Iterator[str]:
    widths = _widths(owner)
    columns: list[str | tuple[str, str]] = list(_FIRST_COLUMNS)
    for kind, header in _NUMBERED:
        columns += [(f"{kind}_{n}", f"{header} {n}") for n in range(1, widths[kind] + 1)]
    columns += _LAST_COLUMNS
    return write_people_csv((_csv_row(d) for d in people_with_details(owner)), columns)


def _widths(owner: User) -> dict[str, int]:
    """How many numbered columns each kind needs: the most any one person has (links
    count their LinkedIn profile too, which has its own column: one spare at most)."""
    widths = {kind: 1 for kind, _header in _NUMBERED}
    counts = (
        ContactPoint.objects.filter(owner=owner, person__deleted_at__isnull=True)
        .values("person_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in counts:
        widths[row["kind"]] = max(widths[row["kind"]], row["n"])
    return widths


def _csv_row(details: Details) -> dict[str, Any]:
    person = details.person
    row: dict[str, Any] = {name: getattr(person, name) for name, _header in _FIRST_COLUMNS}
    numbered: dict[str, int] = defaultdict(int)
    for point in details.points:
        if point.kind == ContactPoint.URL and point.normalized.startswith("linkedin.com/"):
            row.setdefault("linkedin", point.value)
            if row["linkedin"] == point.value:
                continue
        numbered[point.kind] += 1
        row[f"{point.kind}_{numbered[point.kind]}"] = point.value
    row.update(
        birthday=person.birthday,
        connected_on=person.connected_on,
        tags=details.tags,
        notes=person.notes,
        stage=person.relationship.stage if hasattr(person, "relationship") else "",
    )
    return row
