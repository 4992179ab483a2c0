"""Shared by the import tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.utils import translation

from coltiva.accounts.models import User
from coltiva.imports import reasons, services
from coltiva.imports.models import ImportJob, ImportRow
from coltiva.interchange import UnreadableFile
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


@contextmanager
def refused(pattern: str) -> Iterator[None]:
    """The block raises ``UnreadableFile`` whose English sentence is one line matching
    ``pattern``."""
    with pytest.raises(UnreadableFile) as caught:
        yield
    with translation.override("en"):
        said = reasons.refusal(caught.value)
    assert re.search(pattern, said), said
    assert "\n" not in said and "Traceback" not in said


def why(row: ImportRow) -> str:
    """A report row's reasons as the report page words them for an English reader."""
    with translation.override("en"):
        return reasons.stored_sentence(row.reasons, row.reason)


def failure(job: ImportJob) -> str:
    with translation.override("en"):
        return reasons.stored_sentence(job.error_reason, job.error)


def book(owner: User) -> dict[str, Person]:
    return {p.display_name: p for p in Person.objects.filter(owner=owner)}


def points(person: Person) -> list[tuple[str, str]]:
    return sorted(person.contact_points.values_list("kind", "value"))
