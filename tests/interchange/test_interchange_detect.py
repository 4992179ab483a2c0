"""Format detection, and the one-line reasons given for files we cannot import."""

from __future__ import annotations

import json
import random

import pytest
from interchange_helpers import DATA

from coltiva.interchange import FORMATS, Reason, UnreadableFile, detect_format, read

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (VCARD, "vcard"),
        (b"\xef\xbb\xbf" + VCARD, "vcard"),
        (VCARD.decode().encode("utf-16"), "vcard"),
        (b"\r\n\r\n  begin:vcard\nfn:x\nend:vcard\n", "vcard"),
        (
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,x\n",
            "linkedin",
        ),
        (
            b"Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am\nA,B,,,,,x\n",
            "linkedin",
        ),
        (
            b"First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\nA,,B,,,\n",
            "google",
        ),
        (b"Name,Given Name,Family Name,Group Membership\nA B,A,B,\n", "google"),
        (b'"First Name","Last Name","E-mail Address"\r\n"A","B","a@b.it"\r\n', "outlook"),
        (b"Display Name;First Name;Last Name;Primary Email\nA;A;B;a@b.it\n", "thunderbird"),
        (b"Nome,Cognome,Email\nAnna,Verdi,anna@example.com\n", "csv"),
        (b"id\tfull name\tnotes\n1\tAnna\tx\n", "csv"),
        (b'{"coltiva_export": {"version": 1}, "people": []}', "json"),
    ],
)
def test_every_format_is_detected(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected
    assert expected in FORMATS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("linkedin_connections_current_SYNTHETIC.csv", "linkedin"),
        ("linkedin_connections_2018_legacy_SYNTHETIC.csv", "linkedin"),
        ("csv_google_current_format.csv", "google"),
        ("csv_outlook_desktop_cp1252_SYNTHETIC.csv", "outlook"),
        ("vcf30_iphone_itemgroups_photo.vcf", "vcard"),
    ],
)
def test_the_bundled_samples_are_detected(name: str, expected: str) -> None:
    assert detect_format((DATA / name).read_bytes(), name) == expected


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", None, Reason("file_empty")),
        (b" \r\n\t\r\n", None, Reason("file_empty")),
        (b"\xef\xbb\xbf\r\n", None, Reason("file_empty")),
        (random.Random(7).randbytes(4096), None, Reason("file_is_binary")),
        (bytes(range(256)) * 20, None, Reason("file_is_binary")),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "contacts.pdf", Reason("file_is_pdf")),
        (b"PK\x03\x04\x14\x00\x00\x00", "Basic_LinkedInDataExport.zip", Reason("file_is_zip")),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None, Reason("file_is_image")),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Ver", "cut.vcf", Reason("vcard_cut_short")),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            "feed.ics",
            Reason("file_is_calendar"),
        ),
        (b'{"people": []}', "export.json", Reason("json_not_coltiva")),
        (b"[1, 2, 3]", None, Reason("json_not_coltiva")),
        (
            b"Dear Anna,\nthanks for the coffee.\nSee you soon\n",
            "letter.txt",
            Reason("not_contacts"),
        ),
        (
            b"just one line without separators\n",
            "a.vcf",
            Reason("vcard_name_without_vcard", {"extension": ".vcf"}),
        ),
        (
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
            None,
            Reason("header_only", {"format": "linkedin"}),
        ),
        (b"Nome,Cognome,Email\n\n\n", None, Reason("header_only", {"format": "csv"})),
    ],
)
def test_files_we_cannot_import_are_refused_with_a_reason(
    data: bytes, filename: str | None, reason: Reason
) -> None:
    with pytest.raises(UnreadableFile) as error:
        detect_format(data, filename)
    assert error.value.reason == reason


def test_a_coltiva_json_export_is_detected_but_not_read_as_contact_records() -> None:
    data = json.dumps({"coltiva_export": {"version": 1}}).encode()
    assert detect_format(data) == "json"
    with pytest.raises(ValueError, match="restored by the import service"):
        read(data, "json")


def test_an_unknown_format_name_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown contact format 'xlsx'"):
        read(b"x", "xlsx")


def test_the_filename_does_not_override_the_content() -> None:
    assert detect_format(VCARD, "contacts.csv") == "vcard"
