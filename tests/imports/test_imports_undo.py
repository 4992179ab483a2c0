"""Undoing the last import: created people go, merges are reverted, the user's own later
edits stay."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from imports_helpers import linkedin, points, run

from coltiva.accounts.models import User
from coltiva.imports.models import DuplicatePair, ImportJob, PersonPhoto
from coltiva.imports.undo import undo, undoable
from coltiva.people import services as people_services
from coltiva.people.models import Person, Tag

MakePerson = Callable[..., Person]
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024"
BOB = "Bob,Stone,https://www.linkedin.com/in/bob,bob@example.com,Stone & Co,Owner,01 Jan 2023"


def job_of(report_job_id: int | None) -> ImportJob:
    assert report_job_id is not None
    return ImportJob.objects.get(pk=report_job_id)


def test_undo_deletes_the_people_created_and_reverts_the_merges(
    alice: User, make_person: MakePerson
) -> None:
    bob = make_person(alice, "Bob Stone", emails=["bob@example.com"], job_title="Founder")
    job = job_of(run(alice, linkedin([ADA, BOB])).job_id)
    bob.refresh_from_db()
    assert (bob.company, bob.job_title) == ("Stone & Co", "Founder")
    undo(job)
    assert list(Person.objects.filter(owner=alice)) == [bob]
    bob.refresh_from_db()
    assert (bob.company, bob.job_title, bob.connected_on) == ("", "Founder", None)
    assert points(bob) == [("email", "bob@example.com")]
    assert bob.sort_name == "stone bob"
    job.refresh_from_db()
    assert job.status == "undone" and job.undone_at is not None


def test_undo_keeps_what_the_user_changed_after_the_import(
    alice: User, make_person: MakePerson
) -> None:
    bob = make_person(alice, "Bob Stone", emails=["bob@example.com"])
    job = job_of(run(alice, linkedin([BOB])).job_id)
    bob.refresh_from_db()
    bob.company = "Stone Holdings"  # edited by hand after the import
    bob.save()
    undo(job)
    bob.refresh_from_db()
    assert bob.company == "Stone Holdings"
    assert bob.connected_on is None  # untouched since the import: reverted


def test_undo_removes_tags_and_photo_added_to_someone_already_there(
    alice: User, make_person: MakePerson
) -> None:
    carla = make_person(alice, "Carla Neri", emails=["carla@example.com"])
    people_services.set_tags(carla, ["old"])
    photo = base64.b64encode(b"\xff\xd8\xffphoto").decode()
    vcf = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla Neri\r\nEMAIL:carla@example.com\r\n"
        f"CATEGORIES:old,new\r\nNOTE:Met in Turin\r\nPHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\n"
        "END:VCARD\r\n"
    ).encode()
    job = job_of(run(alice, vcf, "c.vcf").job_id)
    carla.refresh_from_db()
    assert sorted(carla.tags.values_list("name", flat=True)) == ["new", "old"]
    assert carla.notes == "Met in Turin" and PersonPhoto.objects.filter(person=carla).exists()
    undo(job)
    carla.refresh_from_db()
    assert list(carla.tags.values_list("name", flat=True)) == ["old"]
    assert carla.notes == "" and not PersonPhoto.objects.filter(person=carla).exists()
    assert Tag.objects.filter(owner=alice, name="new").exists()  # an empty tag is harmless


def test_only_the_last_import_can_be_undone_then_the_one_before(alice: User) -> None:
    first = job_of(run(alice, linkedin([ADA])).job_id)
    second = job_of(run(alice, linkedin([BOB])).job_id)
    assert undoable(alice) == second
    with pytest.raises(ValueError, match="only the last import"):
        undo(first)
    undo(second)
    assert undoable(alice) == first
    undo(first)
    assert not Person.objects.filter(owner=alice).exists()
    assert undoable(alice) is None


def test_undo_drops_the_possible_duplicates_the_import_found(
    alice: User, make_person: MakePerson
) -> None:
    make_person(alice, "Ada Lovelace", company="Analytical")
    job = job_of(run(alice, linkedin([ADA])).job_id)
    assert DuplicatePair.objects.filter(owner=alice).count() == 1
    undo(job)
    assert not DuplicatePair.objects.filter(owner=alice).exists()


def test_a_failed_import_is_not_the_one_undone(alice: User) -> None:
    done = job_of(run(alice, linkedin([ADA])).job_id)
    ImportJob.objects.create(owner=alice, filename="bad.csv", fmt="csv", status="failed")
    assert undoable(alice) == done
