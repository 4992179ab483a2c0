"""Every sample export in the shared test data is either read with the values written in
it, or refused with a reason a person can read.

The shared folder (next to the repository) holds GPL/LGPL/MPL files we cannot copy; the
BSD/MIT and synthetic ones are also in ./data so their checks always run.
"""

# ruff: noqa: RUF001 - Cyrillic letters and dashes are the point of this test data.

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from interchange_helpers import DATA, SHARED, Outcome, labelled, read_path, values

from coltiva.interchange import PartialDate, Reason, UnreadableFile, detect_format

Check = Callable[[Outcome], None]
CHECKS: dict[str, Check] = {}
REFUSED: dict[str, Reason] = {
    "HEADERS.txt": Reason("not_contacts"),
    "SOURCES.txt": Reason("not_contacts"),
    "ics_events_and_todos.ics": Reason("file_is_calendar"),
    "ics_google_calendar_export.ics": Reason("file_is_calendar"),
    "ics_outlook_ms_tzid.ics": Reason("file_is_calendar"),
    "ics_rfc7986_props.ics": Reason("file_is_calendar"),
    "ics_vtodo_radicale.ics": Reason("file_is_calendar"),
}


def expect(name: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        CHECKS[name] = check
        return check

    return register


@expect("linkedin_connections_current_SYNTHETIC.csv")
def _linkedin_current(out: Outcome) -> None:
    assert out.fmt == "linkedin"
    assert len(out.records) == 7
    assert [s.row for s in out.skips] == [10]
    assert out.skips[0].reason == Reason("only_connection_date")
    ada = out.records[0]
    assert (ada.given_name, ada.family_name, ada.source_row) == ("Ada", "Example", 5)
    assert ada.company == "Acme Widgets, Inc."
    assert ada.connected_on == dt.date(2026, 1, 5)
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-example-1a2b3c"
    bjorn = out.by_email("bjorn@example.com")
    assert bjorn.linkedin_url == "https://www.linkedin.com/in/björn-exempelsson"
    assert bjorn.job_title == "Head of Sales, Nordics"
    pat = out.by_name("Pat Sample, PhD")
    assert pat.job_title == 'Senior Engineer "Platform"'
    assert out.by_name("Sam Placeholder").job_title == "Owner"
    igor = out.by_name("Igor Testov")
    assert igor.given_name == "Igor"
    assert igor.company == "Тест ООО"
    injected = out.records[5]
    assert injected.given_name == '=HYPERLINK("http://example.test")'
    assert injected.company == "+Plus Corp"
    mei = out.by_email("mei.lin@example.com")
    assert mei.connected_on == dt.date(2022, 2, 7)
    assert mei.company == "示例公司"


@expect("linkedin_connections_2018_legacy_SYNTHETIC.csv")
def _linkedin_2018(out: Outcome) -> None:
    assert out.fmt == "linkedin"
    assert [r.display_name for r in out.records] == [
        "Ada Example",
        "Bob Sample",
        "Cy Test",
        "Nguyễn Xuân Ví Dụ",
    ]
    assert out.skips == []
    assert [r.connected_on for r in out.records] == [
        dt.date(2018, 1, 8),
        dt.date(2017, 12, 27),
        dt.date(2018, 8, 18),
        dt.date(2018, 7, 29),
    ]
    assert out.records[1].company == "Sample Cell, Example College."
    cy = out.records[2]
    assert cy.emails == []
    assert cy.warnings[0].code == "email_not_valid"


@expect("csv_outlook_desktop_cp1252_SYNTHETIC.csv")
def _outlook_desktop(out: Outcome) -> None:
    assert out.fmt == "outlook"
    assert len(out.records) == 2
    assert out.skips == []
    jurgen = out.by_email("j.mueller@example.com")
    assert (jurgen.given_name, jurgen.family_name) == ("Jürgen", "Müller")
    assert jurgen.company == "Beispiel GmbH & Co. KG"
    assert jurgen.job_title == "Geschäftsführer"
    assert (jurgen.city, jurgen.country) == ("Köln", "Deutschland")
    assert labelled(jurgen.phones) == [("mobile", "+49 170 0000000"), ("work", "+49 221 000000")]
    assert jurgen.notes == 'Erste Zeile\nZweite Zeile mit "Zitat" – Gedankenstrich €'
    assert jurgen.birthday is None  # "0/0/00"
    assert jurgen.tags == ["Kunden", "VIP"]
    francoise = out.by_email("francoise@example.com")
    assert francoise.display_name == "Françoise D'Exemple"
    assert francoise.company == "Société Exemple"
    assert francoise.birthday == PartialDate(1975, 4, 23)
    assert francoise.notes == "=1+1"
    assert values(francoise.emails) == ["francoise@example.com"]  # the Exchange DN is dropped


@expect("csv_google_current_format.csv")
def _google_current(out: Outcome) -> None:
    assert out.fmt == "google"
    john, max_ = out.records
    assert (john.display_name, john.birthday) == ("John Doe", PartialDate(1987, 9, 7))
    assert john.photo_url == "https://lh3.googleusercontent.com/contacts/photo.jpg"
    assert max_.display_name == "Max Amadeus Mustermann"
    assert max_.birthday == PartialDate(None, 12, 25)
    assert out.skips == []


@expect("csv_thunderbird_quotes_mixed.csv")
def _thunderbird_quotes(out: Outcome) -> None:
    assert out.fmt == "thunderbird"
    (acer,) = out.records
    assert (acer.display_name, acer.company) == ("Acer America", "Acer America")
    assert labelled(acer.phones) == [("work", "(800) 000-0000")]


@expect("csv_thunderbird_semicolon.csv")
def _thunderbird_semicolon(out: Outcome) -> None:
    assert out.fmt == "thunderbird"
    assert [(r.display_name, values(r.emails)) for r in out.records] == [
        ("John Doe", ["john@doe.invalid"]),
        ("Jane Doe", ["jane@doe.invalid"]),
    ]


@expect("csv_thunderbird_utf16le_bom.csv")
def _thunderbird_utf16(out: Outcome) -> None:
    assert out.fmt == "thunderbird"
    (john,) = out.records
    assert (john.given_name, john.family_name) == ("John", "Doe")
    assert values(john.emails) == ["johndoe@host.invalid"]


@expect("csv_utf8_bom_all_columns.csv")
def _generic_all_columns(out: Outcome) -> None:
    assert out.fmt == "csv"
    (row,) = out.records
    assert (row.display_name, row.given_name, row.family_name) == (
        "Display Name",
        "First Name",
        "Last Name",
    )
    assert labelled(row.emails) == [
        ("home", "home@example.com"),
        ("work", "work@example.com"),
        ("other", "other@example.com"),
    ]
    assert len(row.phones) == 13
    assert row.birthday == PartialDate(1991, 1, 20)  # 20/01/1991, day first
    assert (row.city, row.country, row.job_title) == ("Home City", "Home Country", "Job Title")
    assert row.tags == ["test"]
    assert "https://blog" in values(row.urls)


@expect("vcf21_android_qp_utf8_multi.vcf")
def _android(out: Outcome) -> None:
    assert len(out.records) == 6
    assert [values(r.emails) for r in out.records[:2]] == [
        ["john.doe@company.com"],
        ["jane.doe@company.com"],
    ]
    assert out.records[2].display_name == "Ñ Ñ Ñ Ñ Ñ"
    assert labelled(out.records[2].phones) == [("mobile", "123456789")]
    long_name = out.records[3]
    assert long_name.display_name == " ".join(["Ñ"] * 11)  # a QP soft break mid-name
    assert len(long_name.phones) == 4
    bob = out.by_email("bob@company.com")
    assert bob.company == "Ñ" * 12
    assert Reason("photo_not_base64") in bob.warnings  # the sample is cut
    henry = out.by_email("henry@company.com")
    assert henry.company == "Ñ" * 44
    assert henry.tags == ["My Contacts"]


@expect("vcf21_blackberry_unfolded_photo.vcf")
def _blackberry(out: Outcome) -> None:
    (john,) = out.records
    assert (john.display_name, john.given_name, john.company) == (
        "John Doe",
        "john",
        "Acme Solutions",
    )
    assert labelled(john.phones) == [("mobile", "+96123456789")]
    assert john.photo is not None and john.photo.startswith(b"\xff\xd8\xff")


@expect("vcf21_netscape_lowercase.vcf")
def _netscape(out: Outcome) -> None:
    (ian,) = out.records
    assert (ian.display_name, ian.company, ian.job_title) == (
        "ian geiser",
        "Source eXtreme",
        "VP of Engineering",
    )
    assert values(ian.emails) == ["geiseri@yahoo.com"]


@expect("vcf21_outlook2003_key_x509.vcf")
def _outlook2003(out: Outcome) -> None:
    (john,) = out.records
    assert (john.display_name, john.company, john.job_title) == (
        "John Doe III",
        "Company, The",
        "The Job Title",
    )
    assert john.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert john.birthday == PartialDate(1980, 3, 21)
    assert values(john.emails) == ["jdoe@hotmail.com"]
    assert john.phones == []  # the sample's numbers are words ("BusinessPhone")
    assert (john.city, john.country) == ("Austin", "United States of America")


@expect("vcf21_outlook2007_msdesign.vcf")
def _outlook2007(out: Outcome) -> None:
    (mike,) = out.records
    assert mike.display_name == "Mr. Michael Angstadt Jr."
    assert labelled(mike.phones) == [
        ("work", "(111) 555-1111"),
        ("home", "(111) 555-2222"),
        ("mobile", "(111) 555-4444"),
        ("work fax", "(111) 555-3333"),
    ]
    assert mike.notes.startswith("This is the NOTE field\nI assume it encodes")
    assert mike.birthday == PartialDate(1922, 3, 10)
    assert mike.photo is not None and mike.photo.startswith(b"\xff\xd8\xff")


@expect("vcf21_qp_cjk_bare_params.vcf")
def _cjk(out: Outcome) -> None:
    (card,) = out.records
    assert card.display_name == "十城目管理大型知座"
    assert card.company == "十城目管理大型知座"
    assert values(card.emails) == ["weird@weird.com"]


@expect("vcf30_apple_company_showas.vcf")
def _apple_company(out: Outcome) -> None:
    (apple,) = out.records
    assert apple.is_company
    assert (apple.display_name, apple.company) == ("Apple Computer AG", "Apple Computer AG")
    assert labelled(apple.urls) == [("home page", "http://www.apple.ch")]
    assert (apple.city, apple.country) == ("Wallisellen-Zürich", "Switzerland")
    assert apple.photo is not None


@expect("vcf30_apple_showas_mangled.vcf")
def _apple_mangled(out: Outcome) -> None:
    (card,) = out.records
    assert card.is_company
    assert (card.display_name, card.given_name, card.company) == (
        "Name of Broken Card",
        "SOMENAME",
        "SOME COMPANY",
    )
    assert labelled(card.phones) == [("work", "(111) 111-1111")]


@expect("vcf30_dos_crcrlf.vcf")
def _dos(out: Outcome) -> None:
    (card,) = out.records
    assert (card.given_name, card.family_name) == ("Name", "Surname")
    assert labelled(card.emails) == [("home", "example@gmail.com")]


@expect("vcf30_evil_folding_in_params.vcf")
def _evil(out: Outcome) -> None:
    (ralf,) = out.records
    assert ralf.display_name == "Ralf Engels"
    assert values(ralf.emails) == ["Frank_Dawson@Lotus.com", "semicolon;@points.net"]
    assert labelled(ralf.phones) == [("work", "+1-919-676-9515"), ("fax work", "+1-919-676-9564")]
    assert ralf.country == "U.S.A."


@expect("vcf30_gmail_custom_labels.vcf")
def _gmail(out: Outcome) -> None:
    (card,) = out.records
    assert card.display_name == "VCard Test"
    assert ("CustomEmailCategory", "customcategory@example.com") in labelled(card.emails)
    assert ("GRAND_CENTRAL", "5555551119") in labelled(card.phones)
    assert ("home page", "http://www.example4.com") in labelled(card.urls)
    assert values(card.urls)[0] == "http://www.example1.com"  # "http\://" unescaped
    assert card.birthday == PartialDate(1912, 6, 23)
    assert card.notes == "note line 1\nnote line 2\nCustomField: field value"


@expect("vcf30_iphone_itemgroups_photo.vcf")
def _iphone(out: Outcome) -> None:
    (john,) = out.records
    assert john.display_name == "Mr. John Richter James Doe Sr."
    assert (john.company, john.job_title) == ("IBM", "Money Counter")
    assert values(john.emails) == ["john.doe@ibm.com"]
    assert labelled(john.phones)[0] == ("mobile", "905-555-1234")  # type=pref comes first
    assert ("assistant phone", "905-222-1234") in labelled(john.phones)
    assert labelled(john.urls) == [("home page", "http://www.ibm.com")]
    assert john.birthday == PartialDate(2012, 6, 6)
    assert john.photo is not None and john.photo.startswith(b"\xff\xd8\xff")


@expect("vcf30_macos_addressbook_xab.vcf")
def _macos(out: Outcome) -> None:
    (john,) = out.records
    assert john.display_name == "Mr. John Richter,James Doe Sr."
    assert labelled(john.emails) == [("work", "john.doe@ibm.com")]
    assert john.notes.endswith("Favotire Color: Blue")
    assert '"AS IS"' in john.notes
    assert john.photo is not None and len(john.photo) == 18242


@expect("vcf30_thunderbird_photo_encoding_b.vcf")
def _thunderbird_v3_photo(out: Outcome) -> None:
    (card,) = out.records
    assert card.display_name == "Binary JPEG"
    assert card.photo is not None and card.photo.startswith(b"\xff\xd8\xff")


@expect("vcf40_fullcontact_altid.vcf")
def _fullcontact(out: Outcome) -> None:
    (card,) = out.records
    assert (card.given_name, card.family_name) == ("FirstName", "LastName")
    assert (card.company, card.job_title) == ("Organization1", "Title1")
    assert card.birthday == PartialDate(2016, 8, 1)  # the ALTID twin is not read twice
    assert len(card.emails) == 5
    assert len(card.phones) == 9
    assert card.photo_url.startswith("https://d3m0kzytmr41b1.cloudfront.net/")
    assert card.tags == ["Tag"]


@expect("vcf40_rfc6350_example.vcf")
def _rfc6350(out: Outcome) -> None:
    (simon,) = out.records
    assert simon.display_name == "Simon Perreault"
    assert simon.birthday == PartialDate(None, 2, 3)
    assert labelled(simon.phones) == [
        ("work", "+1-418-656-9254 ext. 102"),
        ("work mobile video", "+1-418-262-6501"),
    ]
    assert labelled(simon.emails) == [("work", "simon.perreault@viagenie.ca")]
    assert (simon.city, simon.country) == ("Quebec", "Canada")


@expect("vcf40_thunderbird_photo_data_uri.vcf")
def _data_uri(out: Outcome) -> None:
    (card,) = out.records
    assert card.display_name == "URI PNG, version 4.0"
    assert card.photo is not None and card.photo.startswith(b"\x89PNG")


@expect("vcf_bday_no_year.vcf")
def _bday_no_year(out: Outcome) -> None:
    (card,) = out.records
    assert card.birthday == PartialDate(None, 1, 1)  # 16040101


@expect("vcf_broken_multi.vcf")
def _broken_multi(out: Outcome) -> None:
    assert [values(r.emails) for r in out.records] == [
        ["test-misses-N-or-FN@example.com"],
        ["test-misses-N-or-FN@example1.com"],
    ]
    assert [r.display_name for r in out.records] == ["", ""]


def _files(folder: Path) -> list[Path]:
    # SOURCES.md documents the bundled copies; it is not a sample.
    found = (p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return sorted(p for p in found if p.name != "SOURCES.md")


def _shared_files() -> list[Path]:
    return _files(SHARED) if SHARED.is_dir() else []


def _check(path: Path) -> None:
    if path.name in REFUSED:
        with pytest.raises(UnreadableFile) as error:
            detect_format(path.read_bytes(), path.name)
        assert error.value.reason == REFUSED[path.name]
        return
    assert path.name in CHECKS, f"{path.name}: a new sample needs its expected values here"
    outcome = read_path(path)
    assert outcome.records, f"{path.name} yielded no records"
    CHECKS[path.name](outcome)


@pytest.mark.parametrize("path", _shared_files(), ids=lambda p: p.name)
def test_every_shared_sample_is_read_with_its_values_or_refused_with_a_reason(path: Path) -> None:
    _check(path)


def test_the_shared_sample_folder_is_walked_when_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared test data not found at {SHARED}")
    assert len(_shared_files()) >= 30


@pytest.mark.parametrize("path", _files(DATA), ids=lambda p: p.name)
def test_every_bundled_sample_is_read_with_its_values(path: Path) -> None:
    _check(path)


# That every refusal reads as one line in English and Italian is checked on the
# catalogue that words them: tests/imports/test_imports_reasons.py.
