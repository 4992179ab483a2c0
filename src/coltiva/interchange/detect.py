"""Which kind of contact file is this, or why can it not be imported (a reason code)."""

from __future__ import annotations

import re

from coltiva.interchange.csv_common import HEADER_SEARCH_ROWS, CsvSource, normalise_header
from coltiva.interchange.csv_formats import LAYOUTS
from coltiva.interchange.csv_generic import suggest_mapping
from coltiva.interchange.encoding import TextEncoding, decode_sample, sniff_encoding
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import UnreadableFile

FORMATS = ("vcard", "linkedin", "google", "outlook", "thunderbird", "csv", "json")

_MAGIC: tuple[tuple[bytes, Reason], ...] = (
    (b"%PDF", Reason("file_is_pdf")),
    (b"PK\x03\x04", Reason("file_is_zip")),
    (b"\xd0\xcf\x11\xe0", Reason("file_is_old_office")),
    (b"\x89PNG", Reason("file_is_image")),
    (b"\xff\xd8\xff", Reason("file_is_image")),
    (b"GIF8", Reason("file_is_image")),
    (b"\x1f\x8b", Reason("file_is_gzip")),
    (b"SQLite format 3", Reason("file_is_database")),
)
# Whitespace, NULs and BOM bytes only; matched rather than stripped so a large file is
# never copied.
_BLANK = re.compile(rb"[\s\x00\xef\xbb\xbf\xfe\xff]*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BEGIN_VCARD = re.compile(r"(?im)^[ \t]*BEGIN[ \t]*:[ \t]*VCARD\b")
_END_VCARD = re.compile(rb"(?i)END[ \t]*:[ \t]*VCARD")
_BEGIN_CALENDAR = re.compile(r"(?im)^[ \t]*BEGIN[ \t]*:[ \t]*VCALENDAR")
_COLTIVA_KEY = re.compile(r'"coltiva_export"\s*:')
_BY_EXTENSION = {
    ".vcf": Reason("vcard_name_without_vcard", {"extension": ".vcf"}),
    ".vcard": Reason("vcard_name_without_vcard", {"extension": ".vcard"}),
    ".xlsx": Reason("file_is_excel"),
    ".xls": Reason("file_is_excel"),
    ".numbers": Reason("file_is_numbers"),
    ".ics": Reason("file_is_calendar"),
}


def detect_format(data: bytes, filename: str | None = None) -> str:
    """One of ``FORMATS``, or ``UnreadableFile`` with a reason a person can act on."""
    if _BLANK.fullmatch(data):
        raise UnreadableFile(Reason("file_empty"))
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(reason)
    encoding = sniff_encoding(data)
    sample = decode_sample(data, encoding)
    if _looks_binary(sample):
        raise UnreadableFile(Reason("file_is_binary"))
    head = sample.lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _json(head)
    if _BEGIN_VCARD.search(head[:8192]):
        _check_vcard_complete(data, encoding)
        return "vcard"
    if _BEGIN_CALENDAR.search(head[:8192]):
        raise UnreadableFile(Reason("file_is_calendar"))
    fmt = _csv_format(data)
    if fmt is None:
        raise UnreadableFile(_not_contacts_reason(filename))
    return fmt


def _looks_binary(sample: str) -> bool:
    if "\x00" in sample:
        return True
    probe = sample[:8192]
    return len(_CONTROL.findall(probe)) > max(2, len(probe) // 100)


def _json(head: str) -> str:
    if head.startswith("{") and _COLTIVA_KEY.search(head[:65536]):
        return "json"
    raise UnreadableFile(Reason("json_not_coltiva"))


def _check_vcard_complete(data: bytes, encoding: TextEncoding) -> None:
    if encoding.is_wide:
        codec = encoding.codec
        found = any(text.encode(codec) in data for text in ("END:VCARD", "END:vcard", "end:vcard"))
    else:
        found = _END_VCARD.search(data) is not None
    if not found:
        raise UnreadableFile(Reason("vcard_cut_short"))


def _csv_format(data: bytes) -> str | None:
    source = CsvSource.open(data)
    first_rows: list[list[str]] = []
    for number, row in source.rows:
        if isinstance(row, list):
            cells = [normalise_header(cell) for cell in row]
            for name, layout in LAYOUTS.items():
                if layout.is_header(cells):
                    _require_rows(source, name)
                    return name
            if any(cells):
                first_rows.append(row)
        if number >= HEADER_SEARCH_ROWS:
            break
    if _is_generic_table(first_rows):
        if len(first_rows) < 2 and not _more_rows(source):
            raise UnreadableFile(Reason("header_only", {"format": "csv"}))
        return "csv"
    return None


def _require_rows(source: CsvSource, fmt: str) -> None:
    if not _more_rows(source):
        raise UnreadableFile(Reason("header_only", {"format": fmt}))


def _more_rows(source: CsvSource) -> bool:
    return any(
        isinstance(row, list) and any(cell.strip() for cell in row) for _, row in source.rows
    )


def _is_generic_table(rows: list[list[str]]) -> bool:
    """A header we can map, or rows of a consistent width (the user maps them by hand)."""
    if not rows:
        return False
    if suggest_mapping(rows[0]):
        return True
    widths = {len(row) for row in rows[:HEADER_SEARCH_ROWS]}
    return min(widths) >= 2 and max(widths) - min(widths) <= 1


def _not_contacts_reason(filename: str | None) -> Reason:
    lowered = (filename or "").casefold()
    for extension, reason in _BY_EXTENSION.items():
        if lowered.endswith(extension):
            return reason
    return Reason("not_contacts")
