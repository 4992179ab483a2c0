"""Every real export in the shared test data goes through the import service end to end:
it imports with the counts a person would expect, or is refused with a reason they can
read. The folder sits next to the repository; without it these tests are skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from imports_helpers import SHARED, book, points, refused

from coltiva.accounts.models import User
from coltiva.imports import services
from coltiva.imports.models import ImportJob, PersonPhoto
from coltiva.people.models import Person

# file -> (format, created, merged, skipped)
EXPECTED: dict[str, tuple[str, int, int, int]] = {
    "csv_google_current_format.csv": ("google", 2, 0, 0),
    "csv_outlook_desktop_cp1252_SYNTHETIC.csv": ("outlook", 2, 0, 0),
    "csv_thunderbird_quotes_mixed.csv": ("thunderbird", 1, 0, 0),
    "csv_thunderbird_semicolon.csv": ("thunderbird", 2, 0, 0),
    "csv_thunderbird_utf16le_bom.csv": ("thunderbird", 1, 0, 0),
    "csv_utf8_bom_all_columns.csv": ("csv", 1, 0, 0),
    "linkedin_connections_2018_legacy_SYNTHETIC.csv": ("linkedin", 4, 0, 0),
    # One row holds only a connection date (a hidden or deleted profile).
    "linkedin_connections_current_SYNTHETIC.csv": ("linkedin", 7, 0, 1),
    # Two test cards share the phone 123456: the same person by the rules.
    "vcf21_android_qp_utf8_multi.vcf": ("vcard", 5, 1, 0),
    "vcf21_blackberry_unfolded_photo.vcf": ("vcard", 1, 0, 0),
    "vcf21_netscape_lowercase.vcf": ("vcard", 1, 0, 0),
    "vcf21_outlook2003_key_x509.vcf": ("vcard", 1, 0, 0),
    "vcf21_outlook2007_msdesign.vcf": ("vcard", 1, 0, 0),
    "vcf21_qp_cjk_bare_params.vcf": ("vcard", 1, 0, 0),
    "vcf30_apple_company_showas.vcf": ("vcard", 1, 0, 0),
    "vcf30_apple_showas_mangled.vcf": ("vcard", 1, 0, 0),
    "vcf30_dos_crcrlf.vcf": ("vcard", 1, 0, 0),
    "vcf30_evil_folding_in_params.vcf": ("vcard", 1, 0, 0),
    "vcf30_gmail_custom_labels.vcf": ("vcard", 1, 0, 0),
    "vcf30_iphone_itemgroups_photo.vcf": ("vcard", 1, 0, 0),
    "vcf30_macos_addressbook_xab.vcf": ("vcard", 1, 0, 0),
    "vcf30_thunderbird_photo_encoding_b.vcf": ("vcard", 1, 0, 0),
    "vcf40_fullcontact_altid.vcf": ("vcard", 1, 0, 0),
    "vcf40_rfc6350_example.vcf": ("vcard", 1, 0, 0),
    "vcf40_thunderbird_photo_data_uri.vcf": ("vcard", 1, 0, 0),
    "vcf_bday_no_year.vcf": ("vcard", 1, 0, 0),
    "vcf_broken_multi.vcf": ("vcard", 2, 0, 0),
}
REFUSED: dict[str, str] = {
    "HEADERS.txt": "not a contact file",
    "SOURCES.txt": "not a contact file",
    "ics_events_and_todos.ics": "calendar file",
    "ics_google_calendar_export.ics": "calendar file",
    "ics_outlook_ms_tzid.ics": "calendar file",
    "ics_rfc7986_props.ics": "calendar file",
    "ics_vtodo_radicale.ics": "calendar file",
}
Check = Callable[[User], None]
CHECKS: dict[str, Check] = {}


def expect(name: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        CHECKS[name] = check
        return check

    return register


@expect("linkedin_connections_current_SYNTHETIC.csv")
def _linkedin(owner: User) -> None:
    ada = book(owner)["Ada Example"]
    assert ada.connected_on == dt.date(2026, 1, 5)
    assert ada.relationship.stage == "none" and not ada.touches.exists()
    assert points(ada) == [("url", "https://www.linkedin.com/in/ada-example-1a2b3c")]
    assert book(owner)['=HYPERLINK("http://example.test") Injected'].company == "+Plus Corp"


@expect("csv_outlook_desktop_cp1252_SYNTHETIC.csv")
def _outlook(owner: User) -> None:
    jurgen = Person.objects.get(owner=owner, given_name="Jürgen")
    assert (jurgen.company, jurgen.city) == ("Beispiel GmbH & Co. KG", "Köln")
    assert sorted(jurgen.tags.values_list("name", flat=True)) == ["Kunden", "VIP"]
    assert ("phone", "+49 170 0000000") in points(jurgen)


@expect("vcf30_iphone_itemgroups_photo.vcf")
def _iphone(owner: User) -> None:
    john = book(owner)["Mr. John Richter James Doe Sr."]
    assert john.birthday == "2012-06-06"
    assert bytes(PersonPhoto.objects.get(person=john).data).startswith(b"\xff\xd8\xff")


@expect("vcf40_rfc6350_example.vcf")
def _rfc6350(owner: User) -> None:
    simon = book(owner)["Simon Perreault"]
    assert simon.birthday == "--02-03"
    assert simon.contact_points.get(kind="phone", label="work").value == "+1-418-656-9254 ext. 102"


@expect("vcf_broken_multi.vcf")
def _nameless(owner: User) -> None:
    names = sorted(Person.objects.filter(owner=owner).values_list("display_name", flat=True))
    assert names == ["test-misses-N-or-FN@example.com", "test-misses-N-or-FN@example1.com"]


def _files() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(p for p in SHARED.iterdir() if p.is_file() and not p.name.startswith("."))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/testdata/contacts is not here")
def test_every_sample_file_is_listed_here() -> None:
    unknown = [p.name for p in _files() if p.name not in EXPECTED and p.name not in REFUSED]
    assert not unknown, f"new sample files need their expected counts: {unknown}"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_each_sample_imports_with_its_counts_or_is_refused(alice: User, path: Path) -> None:
    data = path.read_bytes()
    if path.name in REFUSED:
        with refused(REFUSED[path.name]):
            services.import_file(alice, data, path.name)
        assert not Person.objects.filter(owner=alice).exists()
        return
    report = services.import_file(alice, data, path.name)
    assert (report.fmt, report.created, report.merged, report.skipped) == EXPECTED[path.name]
    assert Person.objects.filter(owner=alice).count() == report.created
    job = ImportJob.objects.get(owner=alice)
    assert job.rows.count() == report.created + report.merged + report.skipped
    if path.name in CHECKS:
        CHECKS[path.name](alice)


@pytest.mark.parametrize("path", [p for p in _files() if p.name in EXPECTED], ids=lambda p: p.name)
def test_each_sample_can_be_previewed_in_the_web_flow_with_the_same_counts(
    alice: User, path: Path
) -> None:
    job = services.start(alice, path.read_bytes(), path.name)
    fmt, created, merged, skipped = EXPECTED[path.name]
    assert job.fmt == fmt
    assert job.preview["counts"] == {"created": created, "merged": merged, "skipped": skipped}
