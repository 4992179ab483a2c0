"""Which kind of contact file is this, or why can it not be imported (in one line)."""

from __future__ import annotations

import re

from coltiva.interchange.csv_common import HEADER_SEARCH_ROWS, CsvSource, normalise_header
from coltiva.interchange.csv_formats import LAYOUTS
from coltiva.interchange.csv_generic import suggest_mapping
from coltiva.interchange.encoding import TextEncoding, decode_sample, sniff_encoding
from coltiva.interchange.records import UnreadableFile

FORMATS = ("vcard", "linkedin", "google", "outlook", "thunderbird", "csv", "json")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "This is a PDF document, not a contact file."),
    (
        b"PK\x03\x04",
        "This is a ZIP archive or an Excel workbook: extract the CSV file "
        "(or save the sheet as CSV) and upload that.",
    ),
    (b"\xd0\xcf\x11\xe0", "This is an old Office file: save it as CSV and upload that."),
    (b"\x89PNG", "This is an image, not a contact file."),
    (b"\xff\xd8\xff", "This is an image, not a contact file."),
    (b"GIF8", "This is an image, not a contact file."),
    (b"\x1f\x8b", "This is a compressed (gzip) file: decompress it and upload the contents."),
    (b"SQLite format 3", "This is a database file, not a contact export."),
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
    ".vcf": "The file is named .vcf but holds no vCard (no BEGIN:VCARD line).",
    ".vcard": "The file is named .vcard but holds no vCard (no BEGIN:VCARD line).",
    ".xlsx": "This is an Excel workbook: save the sheet as CSV and upload that.",
    ".xls": "This is an Excel workbook: save the sheet as CSV and upload that.",
    ".numbers": "This is a Numbers document: export it as CSV and upload that.",
    ".ics": "This is a calendar file, not a contact file.",
}


def detect_format(data: bytes, filename: str | None = None) -> str:
    """One of ``FORMATS``, or ``UnreadableFile`` with a reason a person can act on."""
    if _BLANK.fullmatch(data):
        raise UnreadableFile("The file is empty.")
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(reason)
    encoding = sniff_encoding(data)
    sample = decode_sample(data, encoding)
    if _looks_binary(sample):
        raise UnreadableFile(
            "The file is not text: it looks like binary data, not a contact export."
        )
    head = sample.lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _json(head)
    if _BEGIN_VCARD.search(head[:8192]):
        _check_vcard_complete(data, encoding)
        return "vcard"
    if _BEGIN_CALENDAR.search(head[:8192]):
        raise UnreadableFile("This is a calendar file (iCalendar), not a contact file.")
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
    raise UnreadableFile("This JSON file is not a Coltiva export.")


def _check_vcard_complete(data: bytes, encoding: TextEncoding) -> None:
    if encoding.is_wide:
        codec = encoding.codec
        found = any(text.encode(codec) in data for text in ("END:VCARD", "END:vcard", "end:vcard"))
    else:
        found = _END_VCARD.search(data) is not None
    if not found:
        raise UnreadableFile("The vCard file is cut short: no card ends with END:VCARD.")


def _csv_format(data: bytes) -> str | None:
    source = CsvSource.open(data)
    first_rows: list[list[str]] = []
    for number, row in source.rows:
        if isinstance(row, list):
            cells = [normalise_header(cell) for cell in row]
            for name, layout in LAYOUTS.items():
                if layout.is_header(cells):
                    _require_rows(source, layout.title)
                    return name
            if any(cells):
                first_rows.append(row)
        if number >= HEADER_SEARCH_ROWS:
            break
    if _is_generic_table(first_rows):
        if len(first_rows) < 2 and not _more_rows(source):
            raise UnreadableFile("The file has a header row but no contacts.")
        return "csv"
    return None


def _require_rows(source: CsvSource, title: str) -> None:
    if not _more_rows(source):
        raise UnreadableFile(f"The {title} file has a header row but no contacts.")


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


def _not_contacts_reason(filename: str | None) -> str:
    lowered = (filename or "").casefold()
    for extension, reason in _BY_EXTENSION.items():
        if lowered.endswith(extension):
            return reason
    return "This is not a contact file: it holds neither vCards nor contact columns."
