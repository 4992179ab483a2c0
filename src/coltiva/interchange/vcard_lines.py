"""vCard content lines, recovered at the byte level.

Unfolding happens on bytes because real files fold inside UTF-8 sequences; vCard 2.1
quoted-printable soft breaks and un-indented base64 blocks are joined here too, so the
card reader sees one logical line per property whatever the producer did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_PROPERTY_NAME = re.compile(r"[A-Za-z0-9_\-]+")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_CARD_BOUNDARY = re.compile(rb"(?i)(BEGIN|END)\s*:\s*VCARD\s*")
_ENCODING_WORDS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


@dataclass
class ContentLine:
    """One property: ``item1.TEL;TYPE=CELL:+39 ...`` -> group "item1", name "TEL"."""

    line_no: int
    name: str
    value: bytes
    group: str = ""
    params: dict[str, list[str]] = field(default_factory=dict)
    oversized: bool = False

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None

    def has_encoding(self, *names: str) -> bool:
        return any(value.upper() in names for value in self.params.get("ENCODING", []))

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


@dataclass
class BadLine:
    """A line inside a card that is not ``name:value``."""

    line_no: int
    text: bytes


@dataclass
class _Pending:
    line_no: int
    data: bytearray
    oversized: bool = False


def iter_content_lines(
    physical: Iterable[bytes], max_line_bytes: int
) -> Iterator[ContentLine | BadLine]:
    for line_no, logical, oversized in iter_logical_lines(physical, max_line_bytes):
        yield parse_line(line_no, logical, oversized)


def iter_logical_lines(
    physical: Iterable[bytes], max_line_bytes: int
) -> Iterator[tuple[int, bytes, bool]]:
    pending: _Pending | None = None
    for line_no, line in enumerate(physical, start=1):
        if pending is not None and _continues(pending, line):
            _append(pending, _continuation(pending, line), max_line_bytes)
            continue
        if pending is not None:
            yield pending.line_no, bytes(pending.data), pending.oversized
            pending = None
        if line.strip():
            pending = _Pending(line_no, bytearray(line))
            _cap(pending, max_line_bytes)
    if pending is not None:
        yield pending.line_no, bytes(pending.data), pending.oversized


def _continues(pending: _Pending, line: bytes) -> bool:
    if line[:1] in (b" ", b"\t"):
        return True
    if _CARD_BOUNDARY.fullmatch(line):
        return False
    if pending.data.endswith(b"=") and _is_quoted_printable(pending.data):
        return True
    # vCard 2.1 allows base64 blocks whose lines are not indented; they end at a blank line.
    return bool(line) and _BASE64_LINE.fullmatch(line) is not None and _is_base64(pending.data)


def _continuation(pending: _Pending, line: bytes) -> bytes:
    folded = line[:1] in (b" ", b"\t")
    if pending.data.endswith(b"=") and _is_quoted_printable(pending.data):
        # A soft line break: drop the "=" (some producers also indent the next line).
        del pending.data[-1]
    return line[1:] if folded else line


def _append(pending: _Pending, chunk: bytes, max_line_bytes: int) -> None:
    if pending.oversized:
        return
    pending.data += chunk
    _cap(pending, max_line_bytes)


def _cap(pending: _Pending, max_line_bytes: int) -> None:
    # Keep the property name and parameters so the reader can say what was dropped.
    if len(pending.data) > max_line_bytes:
        colon = pending.data.find(b":")
        del pending.data[colon + 1 if colon >= 0 else 200 :]
        pending.oversized = True


def _head(data: bytearray | bytes) -> bytes:
    colon = data.find(b":")
    return bytes(data[: colon if colon >= 0 else min(len(data), 200)]).upper()


def _is_quoted_printable(data: bytearray) -> bool:
    return b"QUOTED-PRINTABLE" in _head(data)


def _is_base64(data: bytearray) -> bool:
    head = _head(data)
    return b"BASE64" in head or b"ENCODING=B" in head


def parse_line(line_no: int, line: bytes, oversized: bool = False) -> ContentLine | BadLine:
    colon = _find_unquoted(line, b":")
    if colon < 0:
        return BadLine(line_no, line)
    head = line[:colon].decode("utf-8", errors="replace")
    parts = _split_unquoted(head, ";")
    group, _, name = parts[0].strip().rpartition(".")
    if not _PROPERTY_NAME.fullmatch(name):
        return BadLine(line_no, line)
    params = _parse_params(parts[1:])
    return ContentLine(
        line_no, name.upper(), line[colon + 1 :], group.casefold(), params, oversized
    )


def _parse_params(parts: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in parts:
        key, equals, raw = part.partition("=")
        if not equals:
            # vCard 2.1 bare parameters: TEL;CELL;PREF, NOTE;QUOTED-PRINTABLE.
            key, raw = _bare_param_key(part), part
        # TYPE="work,voice" is a list too, so quotes do not protect commas here.
        values = [v.strip() for v in raw.replace('"', "").split(",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return params


def _bare_param_key(value: str) -> str:
    return "ENCODING" if value.strip().upper() in _ENCODING_WORDS else "TYPE"


def _find_unquoted(data: bytes, needle: bytes) -> int:
    """Index of ``needle`` outside double quotes (a quoted TYPE may hold ':' or ';')."""
    first = data.find(needle)
    quote = data.find(b'"')
    if quote < 0 or first < quote:
        return first
    in_quotes = False
    for index, byte in enumerate(data):
        if byte == 0x22:
            in_quotes = not in_quotes
        elif byte == needle[0] and not in_quotes:
            return index
    return -1


def _split_unquoted(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
        if char == separator and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
