"""What an import does with each row: create, merge into the same person, or skip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from imports_helpers import book, linkedin, points, run, why

from coltiva.accounts.models import User
from coltiva.imports.models import DuplicatePair, ImportJob, ImportRow
from coltiva.interchange import Reason
from coltiva.people import services as people_services
from coltiva.people.models import Person, Touch

ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Ltd,Engineer,09 Oct 2024"
BOB = "Bob,Stone,https://www.linkedin.com/in/bob-stone,bob@example.com,Stone & Co,Owner,01 Jan 2023"


def test_a_linkedin_connection_becomes_a_person_connected_on_that_day_at_stage_none(
    alice: User,
) -> None:
    report = run(alice, linkedin([ADA]))
    assert (report.fmt, report.created, report.merged, report.skipped) == ("linkedin", 1, 0, 0)
    ada = book(alice)["Ada Lovelace"]
    assert ada.connected_on == dt.date(2024, 10, 9)
    assert (ada.company, ada.job_title) == ("Analytical Ltd", "Engineer")
    assert points(ada) == [("url", "https://www.linkedin.com/in/ada-lovelace")]
    assert not Touch.objects.filter(person=ada).exists()
    rel = ada.relationship
    assert (rel.stage, rel.health, rel.next_step) == ("none", "seed", "get_to_know")
    assert ada.sort_name == "lovelace ada" and "analytical ltd" in ada.search_key


def test_the_same_email_in_any_case_merges_into_the_person_already_in_the_book(
    alice: User, make_person: Callable[..., Person]
) -> None:
    bob = make_person(alice, "Bob Stone", emails=["Bob@Example.com"], company="")
    bob.notes = "Met at the fair"
    bob.job_title = "Founder"
    bob.save()
    report = run(alice, linkedin([BOB]))
    assert (report.created, report.merged) == (0, 1)
    bob.refresh_from_db()
    assert bob.company == "Stone & Co"  # empty: filled
    assert bob.job_title == "Founder"  # typed by the user: kept
    assert bob.notes == "Met at the fair"
    assert bob.connected_on == dt.date(2023, 1, 1)
    assert ("url", "https://www.linkedin.com/in/bob-stone") in points(bob)
    assert len(points(bob)) == 2  # the e-mail is not added twice
    row = ImportRow.objects.get(outcome="merged")
    assert why(row) == "Same e-mail as Bob Stone in your book; added: company, connected on, 1 link"


def test_a_phone_written_differently_merges_through_the_users_phone_region(
    alice: User, make_person: Callable[..., Person]
) -> None:
    anna = make_person(alice, "Anna Rossi")
    people_services.set_contacts(anna, [people_services.ContactInput("phone", "+39 02 1234 5678")])
    csv = b"Name,Mobile phone,Company\nAnna R.,02 12345678,Acme\n"
    report = run(alice, csv, "phones.csv")
    assert (report.fmt, report.created, report.merged) == ("csv", 0, 1)
    anna.refresh_from_db()
    assert anna.company == "Acme"


def test_a_profile_link_typed_by_hand_is_the_same_person_as_the_linkedin_row(
    alice: User, make_person: Callable[..., Person]
) -> None:
    ada = make_person(alice, "Ada L")
    people_services.set_contacts(
        ada, [people_services.ContactInput("url", "linkedin.com/in/Ada-Lovelace/")]
    )
    report = run(alice, linkedin([ADA]))
    assert (report.created, report.merged) == (0, 1)
    assert Person.objects.filter(owner=alice).count() == 1


def test_an_earlier_row_of_the_same_file_is_merged_into_not_duplicated(alice: User) -> None:
    vcf = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla Neri\r\nEMAIL:carla@example.com\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla Neri\r\nEMAIL:CARLA@example.com\r\n"
        b"TEL;TYPE=CELL:+39 333 1234567\r\nORG:Neri Srl\r\nEND:VCARD\r\n"
    )
    report = run(alice, vcf, "contacts.vcf")
    assert (report.fmt, report.created, report.merged) == ("vcard", 1, 1)
    carla = book(alice)["Carla Neri"]
    assert carla.company == "Neri Srl"
    assert points(carla) == [("email", "carla@example.com"), ("phone", "+39 333 1234567")]
    merged = ImportRow.objects.get(outcome="merged")
    assert why(merged) == "Same e-mail as an earlier row (Carla Neri)"


def test_rows_across_batches_merge_into_people_created_by_an_earlier_batch(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coltiva.imports.services.CHUNK", 2)
    rows = [f"P{i},Q{i},https://www.linkedin.com/in/p{i},,Co{i},,01 Jan 2024" for i in range(3)]
    rows.append("P0,Q0,,,Co0,Boss,01 Jan 2024")  # no key: a new person
    rows.append("P0,Q0,https://linkedin.com/in/P0/,p0@example.com,,,01 Jan 2024")
    report = run(alice, linkedin(rows))
    assert (report.created, report.merged) == (4, 1)
    p0 = Person.objects.filter(owner=alice, given_name="P0").order_by("pk").first()
    assert p0 is not None and ("email", "p0@example.com") in points(p0)


def test_a_near_match_by_name_and_company_is_listed_not_merged(
    alice: User, make_person: Callable[..., Person]
) -> None:
    make_person(alice, "Ada Lovelace", company="Analytical")
    report = run(alice, linkedin([ADA]))
    assert (report.created, report.merged, report.duplicates) == (1, 0, 1)
    pair = DuplicatePair.objects.get(owner=alice)
    assert pair.reason == "name_company" and pair.status == "open"


def test_a_row_with_nothing_to_import_is_skipped_with_its_reason(alice: User) -> None:
    report = run(alice, linkedin([ADA, ",,,,,,06 Sep 2025"]))
    assert (report.created, report.skipped) == (1, 1)
    assert report.errors == [(6, Reason("only_connection_date"))]


def test_importing_the_same_file_twice_creates_nobody_the_second_time(alice: User) -> None:
    run(alice, linkedin([ADA, BOB]))
    again = run(alice, linkedin([ADA, BOB]))
    assert (again.created, again.merged) == (0, 2)
    assert Person.objects.filter(owner=alice).count() == 2
    assert ImportJob.objects.filter(owner=alice, status="done").count() == 2


def test_a_person_in_the_trash_is_not_merged_into(
    alice: User, make_person: Callable[..., Person]
) -> None:
    gone = make_person(alice, "Bob Stone", emails=["bob@example.com"])
    people_services.trash_person(gone)
    report = run(alice, linkedin([BOB]))
    assert (report.created, report.merged) == (1, 0)


def test_another_users_book_is_never_matched(
    alice: User, bob: User, make_person: Callable[..., Person]
) -> None:
    make_person(bob, "Bob Stone", emails=["bob@example.com"])
    report = run(alice, linkedin([BOB]))
    assert (report.created, report.merged) == (1, 0)
    assert Person.objects.filter(owner=bob).count() == 1
