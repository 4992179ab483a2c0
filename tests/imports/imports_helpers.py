"""Shared by the import tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from coltiva.accounts.models import User
from coltiva.imports import services
from coltiva.people.models import Person

SHARED = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "contacts"
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
)


def linkedin(rows: Iterable[str], preamble: bool = True) -> bytes:
    text = (PREAMBLE if preamble else "") + LINKEDIN_HEADER + "\n" + "\n".join(rows) + "\n"
    return text.encode()


def run(
    owner: User, data: bytes, filename: str = "Connections.csv", fmt: str = "auto"
) -> services.Report:
    return services.import_file(owner, data, filename, fmt)


def book(owner: User) -> dict[str, Person]:
    return {p.display_name: p for p in Person.objects.filter(owner=owner)}


def points(person: Person) -> list[tuple[str, str]]:
    return sorted(person.contact_points.values_list("kind", "value"))
