"""A tolerant vCard 2.1 / 3.0 / 4.0 reader.

Strict parsers (vobject) reject a quarter of real exports; this one reads what it can,
skips a broken card with a reason and carries on with the next.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from coltiva.interchange.builder import RecordBuilder
from coltiva.interchange.dates import parse_date, parse_full_date
from coltiva.interchange.encoding import (
    WESTERN,
    decode_value,
    iter_byte_lines,
    sniff_encoding,
)
from coltiva.interchange.points import apple_label, label_from_types
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import DEFAULT_LIMITS, Item, Limits, SkippedRow
from coltiva.interchange.vcard_lines import BadLine, ContentLine, iter_content_lines

MAX_PROPERTIES_PER_CARD = 5_000
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_RAW_BASE64 = re.compile(rb"[A-Za-z0-9+/=\s]{64,}")
_COMPANY_SHOW_AS = {"X-ABSHOWAS", "X-ABSHOWAS-ABSHOWAS"}


def read_vcards(
    data: bytes, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None
) -> Iterator[Item]:
    """Records and skips, one per card, in file order (``source_row`` = card number)."""
    text_encoding = sniff_encoding(data, encoding)
    context = _Context(
        fallback=WESTERN if text_encoding.codec in ("utf-8", "ascii") else text_encoding.codec,
        honour_charset=not text_encoding.is_wide,
        limits=limits,
    )
    lines = iter_content_lines(iter_byte_lines(data, text_encoding), limits.max_vcard_line_bytes)
    yield from _cards(lines, context)


@dataclass(frozen=True)
class _Context:
    fallback: str  # for values that are neither declared nor UTF-8
    honour_charset: bool  # False once a UTF-16 file has been re-encoded to UTF-8
    limits: Limits


@dataclass
class _OpenCard:
    number: int
    properties: list[ContentLine] = field(default_factory=list)
    # Only counted: a garbage file read as vCards must not pile up its lines in memory.
    bad_lines: int = 0
    first_bad_line: int = 0

    def add_bad_line(self, line: BadLine) -> None:
        self.bad_lines += 1
        self.first_bad_line = self.first_bad_line or line.line_no


def _cards(lines: Iterator[ContentLine | BadLine], context: _Context) -> Iterator[Item]:
    card: _OpenCard | None = None
    count = 0
    for line in lines:
        if isinstance(line, BadLine):
            if card is not None:
                card.add_bad_line(line)
            continue
        boundary = _boundary(line)
        if boundary == "BEGIN":
            if card is not None:
                yield SkippedRow(card.number, Reason("card_not_ended"))
            count += 1
            card = _OpenCard(count)
        elif boundary == "END":
            if card is not None:
                yield _CardMapper(card, context).build()
            card = None
        elif card is not None and len(card.properties) < MAX_PROPERTIES_PER_CARD:
            card.properties.append(line)
    if card is not None:
        yield SkippedRow(card.number, Reason("card_cut_short"))


def _boundary(line: ContentLine) -> str | None:
    if line.name in ("BEGIN", "END") and line.value.strip().upper() == b"VCARD":
        return line.name
    return None


def unescape(text: str) -> str:
    """vCard text escapes: ``\\n`` is a newline, any other escaped character is itself
    (``\\,`` ``\\;`` ``\\:`` from Apple's ``http\\://``, ``\\\\``)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def split_escaped(text: str, separator: str) -> list[str]:
    """Components split at unescaped separators, then unescaped."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(unescape("".join(current)))
    return parts


class _CardMapper:
    def __init__(self, card: _OpenCard, context: _Context) -> None:
        self.card = card
        self.context = context
        self.builder = RecordBuilder(card.number, context.limits)
        self.labels = {
            p.group: apple_label(unescape(self.text(p)))
            for p in card.properties
            if p.name == "X-ABLABEL" and p.group
        }
        self.addresses: list[tuple[bool, list[str]]] = []

    def build(self) -> Item:
        seen_altids: set[tuple[str, str]] = set()
        for prop in self.card.properties:
            altid = prop.param("ALTID")
            if altid is not None:
                # vCard 4 ALTID marks alternative forms of one value: keep the first.
                if (prop.name, altid) in seen_altids:
                    continue
                seen_altids.add((prop.name, altid))
            self.apply(prop)
        self.apply_address()
        self.apply_show_as_company()
        card = self.card
        if card.bad_lines:
            self.builder.warn(
                Reason(
                    "card_lines_unreadable", {"count": card.bad_lines, "line": card.first_bad_line}
                )
            )
        result = self.builder.finish()
        if isinstance(result, SkippedRow) and card.bad_lines:
            return SkippedRow(result.row, Reason("card_damaged", {"line": card.first_bad_line}))
        return result

    def text(self, prop: ContentLine) -> str:
        raw = prop.value
        if prop.has_encoding("QUOTED-PRINTABLE"):
            raw = binascii.a2b_qp(raw)
        charset = prop.param("CHARSET") if self.context.honour_charset else None
        return decode_value(raw, charset, self.context.fallback)

    def apply(self, prop: ContentLine) -> None:
        if prop.oversized and prop.name != "PHOTO":
            self.builder.warn(Reason("property_too_long", {"property": prop.name[:40]}))
            return
        handler = _HANDLERS.get(prop.name)
        if handler is not None:
            handler(self, prop)

    def label(self, prop: ContentLine) -> str:
        return self.labels.get(prop.group) or label_from_types(prop.types)

    def on_fn(self, prop: ContentLine) -> None:
        self.builder.set_text("display_name", unescape(self.text(prop)))

    def on_n(self, prop: ContentLine) -> None:
        parts = [*split_escaped(self.text(prop), ";"), "", ""]
        if not (self.builder.record.family_name or self.builder.record.given_name):
            self.builder.set_text("family_name", parts[0])
            self.builder.set_text("given_name", parts[1])

    def on_org(self, prop: ContentLine) -> None:
        self.builder.set_text("company", split_escaped(self.text(prop), ";")[0])

    def on_title(self, prop: ContentLine) -> None:
        self.builder.set_text("job_title", unescape(self.text(prop)))

    def on_email(self, prop: ContentLine) -> None:
        self.builder.add_email(unescape(self.text(prop)), self.label(prop), primary=_is_pref(prop))

    def on_tel(self, prop: ContentLine) -> None:
        self.builder.add_phone(unescape(self.text(prop)), self.label(prop), primary=_is_pref(prop))

    def on_url(self, prop: ContentLine) -> None:
        self.builder.add_url(unescape(self.text(prop)), self.label(prop), primary=_is_pref(prop))

    def on_social_profile(self, prop: ContentLine) -> None:
        if "linkedin" in (t.casefold() for t in prop.types):
            self.builder.add_url(unescape(self.text(prop)), "linkedin")

    def on_bday(self, prop: ContentLine) -> None:
        if self.builder.record.birthday is not None:
            return
        omit = prop.param("X-APPLE-OMIT-YEAR")
        omit_year = int(omit) if omit and omit.isdigit() else None
        self.builder.record.birthday = parse_date(unescape(self.text(prop)), "mdy", omit_year)

    def on_note(self, prop: ContentLine) -> None:
        self.builder.add_note(unescape(self.text(prop)))

    def on_categories(self, prop: ContentLine) -> None:
        self.builder.add_tags(split_escaped(self.text(prop), ","))

    def on_adr(self, prop: ContentLine) -> None:
        parts = [*split_escaped(self.text(prop), ";"), *[""] * 7]
        self.addresses.append((_is_pref(prop), parts))

    def on_kind(self, prop: ContentLine) -> None:
        if self.text(prop).strip().casefold() in ("org", "organization"):
            self.builder.record.is_company = True

    def on_show_as(self, prop: ContentLine) -> None:
        if self.text(prop).strip().upper() == "COMPANY":
            self.builder.record.is_company = True

    def on_connected_on(self, prop: ContentLine) -> None:
        self.builder.record.connected_on = parse_full_date(self.text(prop))

    def on_photo(self, prop: ContentLine) -> None:
        if prop.oversized:
            self.builder.drop_photo()
            return
        value = prop.value.strip()
        if prop.has_encoding("B", "BASE64"):
            self.builder.set_photo_base64(value)
        elif value[:5].lower() == b"data:":
            header, _, payload = value.partition(b",")
            if b";base64" in header.lower():
                self.builder.set_photo_base64(payload)
            else:
                self.builder.set_photo(unquote_to_bytes(payload))
        elif value[:8].lower().startswith((b"http://", b"https://")):
            self.builder.set_text("photo_url", unescape(self.text(prop)))
        elif _RAW_BASE64.fullmatch(value):
            # Thunderbird writes vCard 3 photos as bare base64 without ENCODING=b.
            self.builder.set_photo_base64(value)

    def apply_address(self) -> None:
        usable = [(pref, parts) for pref, parts in self.addresses if parts[3] or parts[6]]
        if not usable:
            return
        _, parts = next(((p, a) for p, a in usable if p), usable[0])
        self.builder.set_text("city", parts[3])
        self.builder.set_text("country", parts[6])

    def apply_show_as_company(self) -> None:
        record = self.builder.record
        if record.is_company and record.company and not (record.given_name or record.family_name):
            record.display_name = record.company


def _is_pref(prop: ContentLine) -> bool:
    if any(t.casefold() == "pref" for t in prop.types):
        return True
    return prop.param("PREF") == "1"


_HANDLERS = {
    "FN": _CardMapper.on_fn,
    "N": _CardMapper.on_n,
    "ORG": _CardMapper.on_org,
    "TITLE": _CardMapper.on_title,
    "EMAIL": _CardMapper.on_email,
    "TEL": _CardMapper.on_tel,
    "URL": _CardMapper.on_url,
    "X-SOCIALPROFILE": _CardMapper.on_social_profile,
    "BDAY": _CardMapper.on_bday,
    "NOTE": _CardMapper.on_note,
    "CATEGORIES": _CardMapper.on_categories,
    "ADR": _CardMapper.on_adr,
    "KIND": _CardMapper.on_kind,
    "PHOTO": _CardMapper.on_photo,
    "X-COLTIVA-CONNECTED-ON": _CardMapper.on_connected_on,
    **dict.fromkeys(_COMPANY_SHOW_AS, _CardMapper.on_show_as),
}
