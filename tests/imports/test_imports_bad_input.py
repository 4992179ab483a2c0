"""Bad input: a clear message, no traceback, and never a half-imported book."""

from __future__ import annotations

import base64
import tracemalloc
from collections.abc import Callable

import pytest
from imports_helpers import book, failure, linkedin, refused, run, why
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.imports import exports, services
from coltiva.imports.models import ImportJob, ImportRow, PersonPhoto
from coltiva.imports.writer import BookWriter
from coltiva.people.models import ContactPoint, Person

CLI = Callable[..., tuple[int, str, str]]


def card(name: str, extra: str = "") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{extra}END:VCARD\r\n"


def assert_book_untouched(owner: User) -> None:
    assert not Person.objects.filter(owner=owner).exists()
    assert not ContactPoint.objects.filter(owner=owner).exists()
    assert not ImportRow.objects.filter(job__owner=owner).exists()


@pytest.mark.parametrize(
    ("data", "filename", "fmt", "message"),
    [
        (b"", "empty.csv", "auto", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "photo.vcf", "auto", "image"),
        (bytes(range(256)) * 200, "garbage.bin", "auto", "binary data"),
        (b"PK\x03\x04" + b"\x00" * 500, "book.xlsx", "auto", "Excel"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut", "cut.vcf", "auto", "cut short"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "cal.ics", "auto", "calendar"),
        (b'{"name": "not ours"}', "x.json", "auto", "not a Coltiva export"),
        (b'{"coltiva_export": 1, "people": [{"display_name": "A"', "x.json", "auto", "cut short"),
        (b"Name,Email\nAnn,ann@example.com\n", "x.csv", "vcard", "looks like"),
        (card("Ann").encode(), "x.vcf", "linkedin", "looks like"),
        (
            b"Name,Email\nAnn,ann@example.com\n",
            "x.csv",
            "linkedin",
            "header row of a LinkedIn connections file was not found",
        ),
        (b"just some words\nwithout any structure\n", "notes.txt", "auto", "not a contact"),
    ],
)
def test_an_unreadable_file_is_refused_with_one_clear_line(
    alice: User, data: bytes, filename: str, fmt: str, message: str
) -> None:
    with refused(message):
        run(alice, data, filename, fmt)
    assert_book_untouched(alice)


def test_the_command_line_refuses_an_unreadable_file_with_one_line_and_status_1(
    alice: User, cli: CLI, tmp_path: pytest.TempPathFactory
) -> None:
    path = tmp_path / "garbage.csv"  # type: ignore[operator]
    path.write_bytes(bytes(range(256)) * 50)
    code, out, err = cli("import", str(path), "--user", alice.email, "--json")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "binary data" in err
    assert_book_untouched(alice)


def test_a_file_over_the_size_limit_is_refused_before_anything(
    alice: User, settings: SettingsWrapper, cli: CLI, tmp_path: pytest.TempPathFactory
) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    data = linkedin([f"A{i},B{i},,,,,01 Jan 2024" for i in range(40_000)])
    assert len(data) > settings.IMPORT_MAX_BYTES
    with refused("largest file an import accepts is 1 MB"):
        run(alice, data)
    path = tmp_path / "big.csv"  # type: ignore[operator]
    path.write_bytes(data)
    code, _out, err = cli("import", str(path), "--user", alice.email)
    assert code == 1 and "largest file" in err
    assert_book_untouched(alice)
    assert not ImportJob.objects.filter(owner=alice).exists()


def test_a_million_row_csv_is_streamed_and_refused_past_the_row_limit(
    alice: User, settings: SettingsWrapper
) -> None:
    settings.IMPORT_MAX_ROWS = 20_000
    data = b"Email\n" + b"".join(b"%d@x.io\n" % i for i in range(1_000_000))
    assert len(data) < 20 * 1024 * 1024
    tracemalloc.start()
    try:
        with refused("more than 20,000 contacts"):
            services.start(alice, data, "million.csv")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The reader stops at the limit: memory is a small multiple of what was read, far
    # below what a million parsed rows would take.
    assert peak < 60 * 1024 * 1024
    assert not ImportJob.objects.filter(owner=alice).exists()


def test_reading_is_lazy_the_first_rows_cost_almost_nothing(alice: User) -> None:
    data = b"Email\n" + b"".join(b"%d@x.io\n" % i for i in range(1_000_000))
    tracemalloc.start()
    try:
        items = services.read_items(data, "csv", {"Email": "email"})
        first = [next(items) for _ in range(10)]
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(first) == 10 and peak < 2 * 1024 * 1024


def test_a_vcard_with_a_10_mb_photo_imports_the_contact_without_the_photo(alice: User) -> None:
    photo = base64.b64encode(b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024)).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    data = card("Big Photo", f"EMAIL:big@example.com\r\nPHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n")
    data += card("Small Photo", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n")
    report = run(alice, data.encode(), "photos.vcf")
    assert (report.created, report.skipped) == (2, 0)
    big = book(alice)["Big Photo"]
    assert not PersonPhoto.objects.filter(person=big).exists()
    row = ImportRow.objects.get(person=big)
    assert "Photo left out: larger than 1 MB" in why(row)
    small = book(alice)["Small Photo"]
    assert bytes(PersonPhoto.objects.get(person=small).data).startswith(b"\xff\xd8\xff")


def test_a_formula_in_a_cell_is_kept_as_text_and_neutralised_on_export(alice: User) -> None:
    data = b'Name,Email,Notes\n"=HYPERLINK(""http://evil.test"")",f@x.io,\'=1+1\n'
    report = run(alice, data, "formula.csv")
    assert report.created == 1
    person = Person.objects.get(owner=alice)
    assert person.display_name == '=HYPERLINK("http://evil.test")'
    assert person.notes == "=1+1"  # our own guard apostrophe is taken off on the way in
    exported = "".join(exports.export(alice, "csv"))
    assert "'=HYPERLINK" in exported and ",'=1+1" in exported


def test_a_crash_half_way_leaves_the_book_as_it_was(
    alice: User, make_person: Callable[..., Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = make_person(alice, "Bob Stone", emails=["bob@example.com"])
    monkeypatch.setattr("coltiva.imports.services.CHUNK", 2)
    calls = {"n": 0}
    original = BookWriter.write

    def flaky(self: BookWriter, decisions: list) -> None:  # type: ignore[type-arg]
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        original(self, decisions)

    monkeypatch.setattr(BookWriter, "write", flaky)
    rows = [f"P{i},Q{i},https://www.linkedin.com/in/p{i},,,,01 Jan 2024" for i in range(6)]
    rows.insert(1, "Bob,Stone,,bob@example.com,Stone & Co,Owner,01 Jan 2023")
    with refused("unexpected error"):
        run(alice, linkedin(rows))
    assert list(Person.objects.filter(owner=alice)) == [bob]
    bob.refresh_from_db()
    assert bob.company == "" and bob.connected_on is None
    assert bob.contact_points.count() == 1
    job = ImportJob.objects.get(owner=alice)
    assert job.status == "failed" and "nothing was imported" in failure(job)
    assert not job.rows.exists()
