"""Dates, phones, links and encodings: the small rules the readers share."""

# ruff: noqa: RUF001 - Cyrillic letters and dashes are the point of this test data.

from __future__ import annotations

import pytest

from coltiva.interchange import PartialDate, normalise_linkedin_url, normalise_phone
from coltiva.interchange.dates import parse_date
from coltiva.interchange.encoding import decode_sample, sniff_encoding


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("1975-04-23", "dmy", PartialDate(1975, 4, 23)),
        (" --12-25", "dmy", PartialDate(None, 12, 25)),
        ("4/23/1975", "mdy", PartialDate(1975, 4, 23)),
        ("4/23/1975", "dmy", PartialDate(1975, 4, 23)),  # 23 cannot be a month
        ("03/04/1980", "dmy", PartialDate(1980, 4, 3)),
        ("03/04/1980", "mdy", PartialDate(1980, 3, 4)),
        ("03.04.1980", "dmy", PartialDate(1980, 4, 3)),
        ("09 Oct 2024", "dmy", PartialDate(2024, 10, 9)),
        ("9 Okt 2024", "dmy", PartialDate(2024, 10, 9)),
        ("1/8/18, 6:14 PM", "mdy", PartialDate(2018, 1, 8)),
        ("0/0/00", "mdy", None),
        ("31/02/2020", "dmy", None),
        ("", "dmy", None),
        ("yesterday", "dmy", None),
    ],
)
def test_dates_as_exporters_write_them(text: str, order: str, expected: PartialDate | None) -> None:
    assert parse_date(text, "mdy" if order == "mdy" else "dmy") == expected


def test_a_partial_date_prints_in_iso_or_vcard_no_year_form() -> None:
    assert str(PartialDate(1975, 4, 3)) == "1975-04-03"
    assert str(PartialDate(None, 2, 29)) == "--02-29"
    assert PartialDate(None, 2, 29).to_date() is None


@pytest.mark.parametrize(("month", "day"), [(13, 1), (2, 30), (4, 31), (0, 1)])
def test_impossible_partial_dates_are_refused(month: int, day: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        PartialDate(None, month, day)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.linkedin.com/in/anna-verdi", "https://www.linkedin.com/in/anna-verdi"),
        ("http://it.linkedin.com/in/Anna-Verdi/", "https://www.linkedin.com/in/anna-verdi"),
        ("linkedin.com/in/anna-verdi?trk=abc#x", "https://www.linkedin.com/in/anna-verdi"),
        ("https://www.linkedin.com/in/bj%C3%B6rn", "https://www.linkedin.com/in/björn"),
        ("https://www.linkedin.com/pub/anna/1/2/3", "https://www.linkedin.com/pub/anna/1/2/3"),
        ("https://www.linkedin.com/company/acme", None),
        ("https://notlinkedin.com/in/x", None),
        ("", None),
    ],
)
def test_linkedin_profile_links_are_normalised(raw: str, expected: str | None) -> None:
    assert normalise_linkedin_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("02 1234 5678", "IT", "+390212345678"),
        ("+39 333 123 4567", None, "+393331234567"),
        ("(415) 555-0132", "US", "+14155550132"),
        ("0044 20 7946 0958", "IT", "+442079460958"),
        ("BusinessPhone", "IT", None),
        ("12", "IT", None),
    ],
)
def test_phones_normalise_to_e164_with_the_users_region(
    raw: str, region: str | None, expected: str | None
) -> None:
    assert normalise_phone(raw, region) == expected


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        ("Zoë".encode(), "utf-8"),
        (b"\xef\xbb\xbfZo\xc3\xab", "utf-8"),
        ("Zoë, Ōtani".encode("utf-16"), "utf-16-le"),
        ("Zoë, Ōtani".encode("utf-16-be"), "utf-16-be"),
        ("Zoë, Ōtani".encode("utf-16-le"), "utf-16-le"),
        ("Jürgen Müller, Köln – Straße €".encode("cp1252"), "cp1252"),
        ("山田太郎、東京都千代田区、こんにちは".encode("shift_jis"), "cp932"),
    ],
)
def test_encodings_are_recognised(data: bytes, codec: str) -> None:
    assert sniff_encoding(data).codec == codec


def test_a_few_ansi_bytes_in_a_utf8_file_keep_both() -> None:
    data = ("Città, Müller, Šárka, " * 20).encode() + b"Caf\xe9"
    encoding = sniff_encoding(data)
    assert encoding.codec == "utf-8"
    assert decode_sample(data, encoding).endswith("Müller, Šárka, Café")
