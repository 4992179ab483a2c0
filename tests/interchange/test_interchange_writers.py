"""vCard 4.0 and spreadsheet-safe CSV exports, checked by reading them back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from interchange_helpers import DATA, read_all

from coltiva.interchange import (
    ContactPoint,
    ContactRecord,
    PartialDate,
    read_vcards,
    safe_csv_cell,
    strip_csv_guard,
    write_people_csv,
    write_vcards,
)
from coltiva.interchange.vcard_writer import fold

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def anna() -> ContactRecord:
    return ContactRecord(
        source_row=1,
        given_name="Anna",
        family_name="Verdi; Rossi",
        display_name="Anna Verdi, PhD",
        company="Società Agricola «Il Colle» S.r.l.",
        job_title="Direttrice commerciale",
        emails=[ContactPoint("work", "anna@colle.it"), ContactPoint("other", "anna@home.it")],
        phones=[ContactPoint("mobile", "+39 333 123 4567"), ContactPoint("work fax", "+390212345")],
        urls=[
            ContactPoint("linkedin", "https://www.linkedin.com/in/anna-verdi"),
            ContactPoint("home", "https://colle.it/a,b"),
        ],
        city="Montalcino",
        country="Italia",
        notes="Met at the fair.\nLikes Brunello; asks about exports, often.\\o/",
        birthday=PartialDate(None, 2, 29),
        connected_on=dt.date(2024, 10, 9),
        photo=PHOTO,
        tags=["clienti", "vino, rosso"],
    )


def exported(*records: ContactRecord) -> str:
    return "".join(write_vcards(records))


def test_each_card_starts_with_begin_then_version_4() -> None:
    lines = exported(anna(), anna()).split("\r\n")
    starts = [i for i, line in enumerate(lines) if line == "BEGIN:VCARD"]
    assert len(starts) == 2
    assert all(lines[i + 1] == "VERSION:4.0" for i in starts)


def test_every_line_ends_in_crlf_and_fits_in_75_octets() -> None:
    text = exported(anna())
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line


def test_an_exported_card_reads_back_with_the_same_values() -> None:
    original = anna()
    (back,) = read_vcards(exported(original).encode("utf-8"))
    assert isinstance(back, ContactRecord)
    for field in (
        "given_name",
        "family_name",
        "display_name",
        "company",
        "job_title",
        "emails",
        "phones",
        "urls",
        "city",
        "country",
        "notes",
        "birthday",
        "connected_on",
        "photo",
        "tags",
    ):
        assert getattr(back, field) == getattr(original, field), field


def test_a_company_is_exported_as_kind_org_and_reads_back_as_a_company() -> None:
    record = ContactRecord(source_row=1, company="Acme S.p.A.", is_company=True)
    text = exported(record)
    assert "KIND:org\r\n" in text
    assert "FN:Acme S.p.A.\r\n" in text
    (back,) = read_vcards(text.encode())
    assert isinstance(back, ContactRecord)
    assert (back.is_company, back.display_name) == (True, "Acme S.p.A.")


def test_e164_numbers_are_written_as_tel_uris_and_others_as_text() -> None:
    text = exported(anna())
    assert "TEL;VALUE=uri;TYPE=work,fax:tel:+390212345\r\n" in text
    assert "TEL;TYPE=cell:+39 333 123 4567\r\n" in text


def test_labels_a_type_cannot_say_go_in_an_apple_label() -> None:
    text = exported(anna())
    assert "item1.EMAIL:anna@home.it\r\nitem1.X-ABLabel:other\r\n" in text


@given(st.text(min_size=0, max_size=400))
def test_folding_never_splits_a_utf8_sequence_and_unfolds_to_the_original(value: str) -> None:
    folded = fold("NOTE:" + value)
    pieces = folded.split("\r\n ")
    assert all(len(piece.encode("utf-8")) <= 75 - (i > 0) for i, piece in enumerate(pieces))
    assert "".join(pieces) == "NOTE:" + value


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_any_printable_name_survives_a_vcard_round_trip(name: str) -> None:
    record = ContactRecord(source_row=1, display_name=name, emails=[ContactPoint("", "a@b.it")])
    (back,) = read_vcards(exported(record).encode())
    assert isinstance(back, ContactRecord)
    assert back.display_name == " ".join(name.split())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+39 02 1234", "'+39 02 1234"),
        ("-12.5", "'-12.5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("\0x", "'\0x"),
        ("'=x", "''=x"),
        ("Anna", "Anna"),
        ("'quoted", "'quoted"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(value: str, expected: str) -> None:
    assert safe_csv_cell(value) == expected
    assert strip_csv_guard(safe_csv_cell(value)) == value


@given(st.text(max_size=30))
def test_guarding_then_stripping_any_text_gives_it_back(value: str) -> None:
    assert strip_csv_guard(safe_csv_cell(value)) == value


@given(st.text(max_size=30))
def test_a_guarded_cell_never_starts_with_a_trigger(value: str) -> None:
    assert safe_csv_cell(value)[:1] not in set("=+-@\t\r\n\0")


def test_the_people_csv_has_a_bom_crlf_and_guarded_cells() -> None:
    rows: list[dict[str, object]] = [
        {"name": '=HYPERLINK("http://x.test")', "phone": "+39 02 1234", "met": dt.date(2024, 1, 2)},
        {"name": 'Anna, "Nina"', "phone": None, "met": None, "tags": ["a", "b"]},
    ]
    text = "".join(write_people_csv(rows, ["name", ("phone", "Phone"), "met", "tags"]))
    assert text.startswith("\ufeffname,Phone,met,tags\r\n")
    parsed = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert parsed[1] == ['\'=HYPERLINK("http://x.test")', "'+39 02 1234", "2024-01-02", ""]
    assert parsed[2] == ['Anna, "Nina"', "", "", "a; b"]


def test_an_exported_people_csv_reimports_phone_numbers_unchanged() -> None:
    rows = [{"Name": "Anna Verdi", "Phone": "+39 02 1234", "Company": "-Minus Srl"}]
    data = "".join(write_people_csv(rows, ["Name", "Phone", "Company"])).encode("utf-8")
    (back,) = read_all(data, "csv").records
    assert [p.value for p in back.phones] == ["+39 02 1234"]
    assert back.company == "-Minus Srl"


def test_the_people_csv_streams_one_line_per_row() -> None:
    lines = list(write_people_csv(({"n": str(i)} for i in range(3)), ["n"], bom=False))
    assert lines == ["n\r\n", "0\r\n", "1\r\n", "2\r\n"]


def test_a_real_card_survives_export_and_reimport() -> None:
    (original,) = read_vcards((DATA / "vcf30_iphone_itemgroups_photo.vcf").read_bytes())
    assert isinstance(original, ContactRecord)
    text = exported(original)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert re.search(r"^BEGIN:VCARD\r\nVERSION:4\.0\r\n", text)
    (back,) = read_vcards(text.encode())
    assert isinstance(back, ContactRecord)
    assert (back.display_name, back.phones, back.photo) == (
        original.display_name,
        original.phones,
        original.photo,
    )
