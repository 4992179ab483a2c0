"""Shared by the interchange tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coltiva.interchange import ContactPoint, ContactRecord, SkippedRow, detect_format, read

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "contacts"


@dataclass
class Outcome:
    fmt: str
    records: list[ContactRecord]
    skips: list[SkippedRow]

    def by_email(self, email: str) -> ContactRecord:
        return next(r for r in self.records if any(e.value == email for e in r.emails))

    def by_name(self, name: str) -> ContactRecord:
        return next(r for r in self.records if r.display_name == name)


def read_all(data: bytes, fmt: str | None = None, filename: str | None = None) -> Outcome:
    chosen = fmt or detect_format(data, filename)
    items = list(read(data, chosen))
    return Outcome(
        chosen,
        [item for item in items if isinstance(item, ContactRecord)],
        [item for item in items if isinstance(item, SkippedRow)],
    )


def read_path(path: Path) -> Outcome:
    return read_all(path.read_bytes(), filename=path.name)


def values(points: list[ContactPoint]) -> list[str]:
    return [point.value for point in points]


def labelled(points: list[ContactPoint]) -> list[tuple[str, str]]:
    return [(point.label, point.value) for point in points]
