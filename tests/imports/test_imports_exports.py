"""The vCard and CSV exports read back into an empty account as the same people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from coltiva.accounts.models import User
from coltiva.imports import exports, services
from coltiva.imports.models import PersonPhoto
from coltiva.people import services as people_services
from coltiva.people.models import Person

ContactInput = people_services.ContactInput


@pytest.fixture
def shared_book(alice: User, make_person: Callable[..., Person]) -> User:
    anna = make_person(
        alice,
        "Anna Rossi",
        company="Rossi, Bianchi & C.",
        job_title="Partner",
        city="Milano",
        country="Italia",
        notes="First line\nSecond; with, punctuation",
        birthday="--12-25",
        connected_on=dt.date(2024, 10, 9),
    )
    people_services.set_contacts(
        anna,
        [
            ContactInput("email", "anna@rossi.example", "work"),
            ContactInput("email", "anna.home@example.com", "home"),
            ContactInput("phone", "+39 02 1234 5678", "mobile"),
            ContactInput("phone", "-5 internal", ""),
            ContactInput("url", "https://www.linkedin.com/in/anna-rossi", "linkedin"),
            ContactInput("url", "https://rossi.example", ""),
        ],
    )
    people_services.set_tags(anna, ["clients", "wedding"])
    paolo = make_person(alice, "Paolo Ünal", birthday="1980-03-21")
    people_services.set_contacts(paolo, [ContactInput("phone", "=1+2", "work")])
    PersonPhoto.objects.create(
        person=paolo, owner=alice, data=b"\xff\xd8\xffjpeg", mime="image/jpeg"
    )
    return alice


def people(owner: User, *, labels: bool) -> list[dict[str, Any]]:
    found = []
    for p in Person.objects.filter(owner=owner).order_by("display_name"):
        fields = ("display_name", "given_name", "family_name", "company", "job_title", "city")
        row: dict[str, Any] = {name: getattr(p, name) for name in fields}
        row.update(
            country=p.country,
            notes=p.notes,
            birthday=p.birthday,
            connected_on=p.connected_on,
            tags=sorted(p.tags.values_list("name", flat=True)),
        )
        points = p.contact_points.values_list("kind", "value", "label")
        row["points"] = sorted(tuple(pt) if labels else tuple(pt[:2]) for pt in points)
        found.append(row)
    return found


def test_the_vcard_export_reads_back_as_the_same_people(shared_book: User, charlie: User) -> None:
    text = "".join(exports.export(shared_book, "vcard"))
    report = services.import_file(charlie, text.encode(), "book.vcf")
    assert (report.fmt, report.created, report.skipped) == ("vcard", 2, 0)
    assert people(charlie, labels=True) == people(shared_book, labels=True)
    paolo = Person.objects.get(owner=charlie, given_name="Paolo")
    assert bytes(PersonPhoto.objects.get(person=paolo).data) == b"\xff\xd8\xffjpeg"


def test_the_vcard_export_is_vcard_4_with_crlf_and_short_lines(shared_book: User) -> None:
    text = "".join(exports.export(shared_book, "vcard"))
    cards = text.split("BEGIN:VCARD\r\n")[1:]
    assert len(cards) == 2 and all(card.startswith("VERSION:4.0\r\n") for card in cards)
    lines = text.split("\r\n")
    assert lines[-1] == "" and all(len(line.encode()) <= 75 for line in lines)


def test_the_csv_export_is_spreadsheet_safe_and_reads_back_with_its_phones(
    shared_book: User, charlie: User
) -> None:
    text = "".join(exports.export(shared_book, "csv"))
    assert text.startswith("\ufeffName,Given name,Family name")
    assert "'+39 02 1234 5678" in text and "'=1+2" in text and "'-5 internal" in text
    report = services.import_file(charlie, text.encode(), "coltiva.csv")
    assert (report.fmt, report.created, report.skipped) == ("csv", 2, 0)
    # A CSV keeps every value; labels other than the column's are for the JSON export.
    assert people(charlie, labels=False) == people(shared_book, labels=False)


def test_an_export_of_an_empty_book_is_valid(alice: User) -> None:
    assert "".join(exports.export(alice, "vcard")) == ""
    assert "".join(exports.export(alice, "csv")).startswith("\ufeffName,")
    assert '"people": [' in "".join(exports.export(alice, "json"))
