"""Assembling a ContactRecord from values any reader found, with the same cleaning,
caps and "is there anything to import?" rule for every format."""

from __future__ import annotations

import binascii
import re

from coltiva.interchange.points import (
    clean_email,
    clean_phone,
    clean_url,
    normalise_linkedin_url,
)
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import ContactPoint, ContactRecord, Limits, SkippedRow

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SINGLE_LINE_FIELDS = ("given_name", "family_name", "display_name", "company", "job_title")
_PLACE_FIELDS = ("city", "country")
_POINTS_LEFT_OUT = {
    "emails": Reason("emails_left_out"),
    "phones": Reason("phones_left_out"),
    "urls": Reason("links_left_out"),
}


def one_line(value: str) -> str:
    """Control characters removed and whitespace runs (a TAB in a LinkedIn name, a CRLF
    in an Outlook cell) collapsed to one space."""
    return " ".join(_CONTROL.sub("", value).split())


def multi_line(value: str) -> str:
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


class RecordBuilder:
    def __init__(self, row: int, limits: Limits) -> None:
        self.record = ContactRecord(source_row=row)
        self.limits = limits
        self._primary = {"emails": 0, "phones": 0, "urls": 0}

    def set_text(self, field: str, value: str) -> None:
        """The first non-empty value wins (vCards and wide CSVs repeat fields)."""
        if value and value.strip() and not getattr(self.record, field):
            setattr(self.record, field, value)

    def add_note(self, value: str) -> None:
        if value.strip():
            notes = self.record.notes
            self.record.notes = f"{notes}\n\n{value}" if notes else value

    def add_tags(self, values: list[str]) -> None:
        for raw in values:
            tag = one_line(raw)
            if tag and tag not in self.record.tags:
                self.record.tags.append(tag)

    def add_email(self, raw: str, label: str = "", *, primary: bool = False) -> None:
        value = clean_email(raw)
        if value is None:
            if raw.strip():
                self.warn(Reason("email_not_valid", {"value": _preview(raw)}))
            return
        self._add("emails", ContactPoint(label, value), primary)

    def add_phone(self, raw: str, label: str = "", *, primary: bool = False) -> None:
        value = clean_phone(raw)
        if value is None:
            if raw.strip():
                self.warn(Reason("phone_without_digits", {"value": _preview(raw)}))
            return
        self._add("phones", ContactPoint(label, value), primary)

    def add_url(self, raw: str, label: str = "", *, primary: bool = False) -> None:
        linkedin = normalise_linkedin_url(raw)
        if linkedin is not None:
            self._add("urls", ContactPoint("linkedin", linkedin), primary)
            return
        value = clean_url(raw)
        if value is None:
            if raw.strip():
                self.warn(Reason("link_not_valid", {"value": _preview(raw)}))
            return
        self._add("urls", ContactPoint(label, value), primary)

    def set_photo_base64(self, encoded: bytes) -> None:
        if self.record.photo is not None or self.record.photo_dropped:
            return
        if len(encoded) * 3 // 4 > self.limits.max_photo_bytes:
            self.drop_photo()
            return
        try:
            self.set_photo(binascii.a2b_base64(encoded))
        except binascii.Error:
            self.warn(Reason("photo_not_base64"))

    def set_photo(self, data: bytes) -> None:
        if self.record.photo is not None or self.record.photo_dropped or not data:
            return
        if len(data) > self.limits.max_photo_bytes:
            self.drop_photo()
            return
        self.record.photo = data

    def drop_photo(self) -> None:
        self.record.photo = None
        self.record.photo_dropped = True
        megabytes = self.limits.max_photo_bytes / 1_000_000
        self.warn(Reason("photo_too_large", {"megabytes": f"{megabytes:g}"}))

    def warn(self, reason: Reason) -> None:
        if reason not in self.record.warnings:
            self.record.warnings.append(reason)

    def finish(self) -> ContactRecord | SkippedRow:
        record = self.record
        self._clean_text(record)
        self._cap_points(record)
        if not record.display_name:
            record.display_name = f"{record.given_name} {record.family_name}".strip()
        if not record.display_name and record.is_company:
            record.display_name = record.company
        if not (record.display_name or record.emails or record.phones or record.urls):
            if record.company:
                record.display_name = record.company
            else:
                return SkippedRow(record.source_row, self._why_empty(record))
        return record

    def _add(self, kind: str, point: ContactPoint, primary: bool) -> None:
        points: list[ContactPoint] = getattr(self.record, kind)
        key = _point_key(kind, point.value)
        if any(_point_key(kind, known.value) == key for known in points):
            return
        if primary:
            points.insert(self._primary[kind], point)
            self._primary[kind] += 1
        else:
            points.append(point)

    def _clean_text(self, record: ContactRecord) -> None:
        limits = self.limits
        for name in (*_SINGLE_LINE_FIELDS, *_PLACE_FIELDS):
            value = getattr(record, name)
            if value:
                cap = limits.max_name_chars if "name" in name else limits.max_text_chars
                setattr(record, name, self._capped(name, one_line(value), cap))
        if record.notes:
            record.notes = self._capped("notes", multi_line(record.notes), limits.max_notes_chars)
        record.photo_url = clean_url(record.photo_url) or ""
        record.tags = [tag[: limits.max_text_chars] for tag in record.tags[: limits.max_tags]]

    def _capped(self, name: str, value: str, cap: int) -> str:
        if len(value) <= cap:
            return value
        self.warn(Reason("field_cut", {"field": name, "limit": cap}))
        return value[:cap]

    def _cap_points(self, record: ContactRecord) -> None:
        caps = {
            "emails": self.limits.max_email_chars,
            "phones": self.limits.max_phone_chars,
            "urls": self.limits.max_url_chars,
        }
        for kind, cap in caps.items():
            points: list[ContactPoint] = getattr(record, kind)
            kept = [p for p in points if len(p.value) <= cap][: self.limits.max_points]
            if len(kept) < len(points):
                self.warn(_POINTS_LEFT_OUT[kind])
            cleaned = [ContactPoint(one_line(p.label)[:100], p.value) for p in kept]
            setattr(record, kind, cleaned)

    @staticmethod
    def _why_empty(record: ContactRecord) -> Reason:
        if record.connected_on is not None:
            # LinkedIn leaves only the date when a profile is hidden or deleted.
            return Reason("only_connection_date")
        return Reason("nothing_to_import")


def _point_key(kind: str, value: str) -> str:
    if kind == "phones":
        return "".join(ch for ch in value if ch.isdigit() or ch == "+")
    return value.casefold()


def _preview(value: str) -> str:
    text = one_line(value)
    return text if len(text) <= 40 else text[:39] + "…"
