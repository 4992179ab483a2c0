"""Plain records that every contact reader produces and every writer consumes."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from coltiva.interchange.reasons import Reason


class UnreadableFile(ValueError):
    """The file cannot be imported, and why (``reason``: a code the edge turns into a
    sentence in the user's language)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class ContactPoint:
    """One e-mail, phone or link. ``label`` is lower-case ("work", "mobile", "linkedin")
    for the labels we know and kept as written for custom ones; "" when there is none."""

    label: str
    value: str


@dataclass(frozen=True)
class PartialDate:
    """A calendar date whose year may be unknown: exporters write birthdays without a
    year (``--12-25``, Apple's 1604 sentinel), and inventing one would be a lie."""

    year: int | None
    month: int
    day: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        # Without a year, 29 February must stay possible, so check against a leap year.
        year = self.year if self.year is not None else 2000
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if not 1 <= self.day <= calendar.monthrange(year, self.month)[1]:
            raise ValueError(f"day {self.day} is out of range")

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> dt.date | None:
        if self.year is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(year=value.year, month=value.month, day=value.day)


@dataclass
class ContactRecord:
    """One contact as read from a file, before any database or per-user rule.

    Text fields are "" when absent. ``source_row`` is the 1-based spreadsheet row (the
    header and any preamble count) or the 1-based card number in a vCard file.
    """

    source_row: int
    given_name: str = ""
    family_name: str = ""
    display_name: str = ""
    company: str = ""
    job_title: str = ""
    emails: list[ContactPoint] = field(default_factory=list)
    phones: list[ContactPoint] = field(default_factory=list)
    urls: list[ContactPoint] = field(default_factory=list)
    city: str = ""
    country: str = ""
    notes: str = ""
    birthday: PartialDate | None = None
    connected_on: dt.date | None = None
    photo: bytes | None = None
    photo_url: str = ""
    photo_dropped: bool = False
    tags: list[str] = field(default_factory=list)
    is_company: bool = False
    warnings: list[Reason] = field(default_factory=list)

    @property
    def linkedin_url(self) -> str | None:
        return next((url.value for url in self.urls if url.label == "linkedin"), None)

    def best_name(self) -> str:
        """What to call the contact in a report: a name, the company, else its first
        e-mail, phone or link."""
        name = self.display_name or f"{self.given_name} {self.family_name}".strip()
        name = name or self.company
        if name:
            return name
        for points in (self.emails, self.phones, self.urls):
            if points:
                return points[0].value
        return ""


@dataclass(frozen=True)
class SkippedRow:
    """A row or card that was not imported, and why."""

    row: int
    reason: Reason


@dataclass(frozen=True)
class Limits:
    """Caps applied while reading. The caller checks the file size itself."""

    max_name_chars: int = 1_000
    max_text_chars: int = 1_000
    max_notes_chars: int = 10_000
    max_email_chars: int = 320
    max_phone_chars: int = 64
    max_url_chars: int = 2_048
    max_points: int = 50
    max_tags: int = 50
    max_photo_bytes: int = 1_000_000

    @property
    def max_vcard_line_bytes(self) -> int:
        # A base64 photo takes 4/3 of its size plus folding; anything longer than that
        # is dropped while reading rather than held in memory.
        return self.max_photo_bytes * 3 // 2 + 64_000


DEFAULT_LIMITS = Limits()

Item = ContactRecord | SkippedRow
