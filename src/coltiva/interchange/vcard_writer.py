"""vCard 4.0 export (RFC 6350): VERSION right after BEGIN, CRLF, lines folded at 75
octets without splitting a UTF-8 sequence, text escaped."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator

from coltiva.interchange.records import ContactPoint, ContactRecord, PartialDate

PRODID = "-//Coltiva//Coltiva//EN"
MAX_OCTETS = 75
_E164 = re.compile(r"\+[1-9][0-9]{5,14}")
# Labels a vCard TYPE parameter can say by itself; anything else goes in an Apple-style
# itemN.X-ABLabel, which Apple, Google and our reader all understand.
_TEL_TYPES = {"home", "work", "cell", "fax", "pager", "voice", "video", "text", "textphone"}
_PLAIN_TYPES = {"home", "work"}
_IMAGE_TYPES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG", "image/png"),
    (b"GIF8", "image/gif"),
)


def write_vcards(records: Iterable[ContactRecord]) -> Iterator[str]:
    """One string per card, each line folded and ended with CRLF."""
    for record in records:
        yield "".join(fold(line) + "\r\n" for line in card_lines(record))


def card_lines(record: ContactRecord) -> Iterator[str]:
    yield "BEGIN:VCARD"
    yield "VERSION:4.0"
    yield f"PRODID:{PRODID}"
    if record.is_company:
        yield "KIND:org"
    yield "FN:" + escape(record.display_name or record.best_name())
    if record.given_name or record.family_name:
        yield f"N:{escape(record.family_name)};{escape(record.given_name)};;;"
    if record.company:
        yield "ORG:" + escape(record.company)
    if record.job_title:
        yield "TITLE:" + escape(record.job_title)
    groups = _Groups()
    yield from _points("EMAIL", record.emails, _PLAIN_TYPES, groups)
    yield from _phones(record.phones, groups)
    yield from _points("URL", record.urls, _PLAIN_TYPES, groups)
    yield from _other_lines(record)
    yield "END:VCARD"


def _other_lines(record: ContactRecord) -> Iterator[str]:
    if record.city or record.country:
        yield f"ADR:;;;{escape(record.city)};;;{escape(record.country)}"
    if record.birthday is not None:
        yield "BDAY:" + vcard_date(record.birthday)
    if record.notes:
        yield "NOTE:" + escape(record.notes)
    if record.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in record.tags)
    if record.photo:
        encoded = base64.b64encode(record.photo).decode("ascii")
        yield f"PHOTO:data:{_image_type(record.photo)};base64,{encoded}"
    elif record.photo_url:
        yield "PHOTO:" + record.photo_url
    if record.connected_on is not None:
        yield "X-COLTIVA-CONNECTED-ON:" + record.connected_on.isoformat()


class _Groups:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"item{self.count}"


def _points(
    name: str, points: list[ContactPoint], known: set[str], groups: _Groups
) -> Iterator[str]:
    for point in points:
        yield from _point(name, point.label, point.value, known, groups)


def _phones(points: list[ContactPoint], groups: _Groups) -> Iterator[str]:
    for point in points:
        label = " ".join("cell" if word == "mobile" else word for word in point.label.split())
        if _E164.fullmatch(point.value):
            value, prefix = "tel:" + point.value, ";VALUE=uri"
        else:
            value, prefix = point.value, ""
        yield from _point("TEL" + prefix, label, value, _TEL_TYPES, groups, escaped=prefix == "")


def _point(
    name: str, label: str, value: str, known: set[str], groups: _Groups, *, escaped: bool = True
) -> Iterator[str]:
    text = escape(value) if escaped and not name.startswith("URL") else value
    words = label.casefold().split()
    if not words:
        yield f"{name}:{text}"
    elif all(word in known for word in words):
        yield f"{name};TYPE={','.join(words)}:{text}"
    else:
        group = groups.next()
        yield f"{group}.{name}:{text}"
        yield f"{group}.X-ABLabel:{escape(label)}"


def vcard_date(value: PartialDate) -> str:
    if value.year is None:
        return f"--{value.month:02d}{value.day:02d}"
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def escape(text: str) -> str:
    """RFC 6350 text escaping: backslash, newline, comma and semicolon."""
    return (
        text.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def fold(line: str) -> str:
    """Lines of at most 75 octets; continuation lines start with one space and never
    begin inside a UTF-8 sequence."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    start, limit = 0, MAX_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, MAX_OCTETS - 1
    return "\r\n ".join(pieces)


def _image_type(data: bytes) -> str:
    return next((mime for magic, mime in _IMAGE_TYPES if data.startswith(magic)), "image/jpeg")
