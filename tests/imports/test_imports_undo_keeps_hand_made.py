"""Undoing an import removes only what the import made: a person merged by hand, or
given touches, referrals or plans since, is kept with all of it, and the job says why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from imports_helpers import run

from coltiva.accounts.models import User
from coltiva.agenda import services as agenda_services
from coltiva.events.models import Event
from coltiva.events.services import create_event
from coltiva.imports import duplicates, undo
from coltiva.imports.models import DuplicatePair, ImportJob
from coltiva.people import services as people_services
from coltiva.people.models import Person, Touch
from coltiva.referrals import services as referral_services
from coltiva.referrals.models import Referral

MakePerson = Callable[..., Person]
ANNA_CSV = "First name;Last name;Company\nAnna;Rossì;Rossi Srl\n".encode()


def _import(owner: User, data: bytes = ANNA_CSV) -> ImportJob:
    report = run(owner, data, "contacts.csv")
    return ImportJob.objects.get(pk=report.job_id)


def test_undoing_an_import_keeps_the_hand_made_person_a_merge_kept(
    alice: User, make_person: MakePerson
) -> None:
    today = alice.local_today()
    anna = make_person(alice, "Anna Rossi")
    event = create_event(alice, {"name": "Mixer", "on": today - timedelta(days=3)})
    met = people_services.log_touch(
        anna, kind="met", on=today - timedelta(days=3), event_id=event.pk
    )
    coffee = people_services.log_touch(anna, kind="coffee", on=today - timedelta(days=1))
    referral = referral_services.record_referral(alice, direction="received", person=anna, on=today)
    job = _import(alice)
    pair = DuplicatePair.objects.get(owner=alice, status="open")
    keep = "a" if pair.person_a_id == anna.pk else "b"
    duplicates.merge_pair(pair, keep)

    undo.undo(job)

    assert Person.objects.filter(pk=anna.pk, deleted_at__isnull=True).exists()
    touches = set(Touch.objects.filter(person=anna).values_list("pk", flat=True))
    assert {met.pk, coffee.pk} <= touches and len(touches) == 3  # and the referral's
    assert Referral.objects.filter(pk=referral.pk, person=anna).exists()
    assert Event.objects.filter(pk=event.pk).exists()
    job.refresh_from_db()
    assert job.status == "undone"
    [kept] = job.undo_kept
    assert kept["person"] == anna.pk and kept["name"] == "Anna Rossi"
    assert {"before", "merged", "touches", "referrals"} <= set(kept["reasons"])
    assert kept["reasons"]["touches"] == 3


def test_a_merge_keeping_the_imported_record_keeps_it_through_the_undo(
    alice: User, make_person: MakePerson
) -> None:
    anna = make_person(alice, "Anna Rossi")
    job = _import(alice)
    pair = DuplicatePair.objects.get(owner=alice, status="open")
    imported = pair.person_b if pair.person_a_id == anna.pk else pair.person_a
    duplicates.merge_pair(pair, "a" if pair.person_a_id == imported.pk else "b")
    assert not Person.objects.filter(pk=anna.pk).exists()

    undo.undo(job)

    assert Person.objects.filter(pk=imported.pk).exists()
    job.refresh_from_db()
    assert job.undo_kept[0]["reasons"].get("merged") == 1


def test_a_person_the_import_created_and_the_user_tended_since_is_kept(alice: User) -> None:
    today = alice.local_today()
    job = _import(alice, b"First name;Last name\nAda;Lovelace\nBob;Stone\nCarla;Neri\n")
    people = {p.display_name: p for p in Person.objects.filter(owner=alice)}
    touch = people_services.log_touch(people["Ada Lovelace"], kind="coffee", on=today)
    plan = agenda_services.plan_meeting(
        people["Bob Stone"], kind="meal", on=today + timedelta(days=2)
    )

    undo.undo(job)

    names = set(Person.objects.filter(owner=alice).values_list("display_name", flat=True))
    assert names == {"Ada Lovelace", "Bob Stone"}
    assert Touch.objects.filter(pk=touch.pk).exists()
    assert plan.__class__.objects.filter(pk=plan.pk).exists()
    job.refresh_from_db()
    reasons = {item["name"]: item["reasons"] for item in job.undo_kept}
    assert reasons == {"Ada Lovelace": {"touches": 1}, "Bob Stone": {"plans": 1}}


def test_an_untouched_import_is_still_undone_completely(alice: User) -> None:
    job = _import(alice, b"First name;Last name\nAda;Lovelace\nBob;Stone\n")
    undo.undo(job)
    assert not Person.objects.filter(owner=alice).exists()
    job.refresh_from_db()
    assert job.undo_kept == []


def test_the_undo_report_lists_who_was_kept_and_why(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    anna = make_person(alice, "Anna Rossi")
    people_services.log_touch(anna, kind="coffee", on=alice.local_today())
    job = _import(alice)
    pair = DuplicatePair.objects.get(owner=alice, status="open")
    alice_client.post(
        reverse("imports:duplicate_merge", args=[pair.pk]),
        {"keep": "a" if pair.person_a_id == anna.pk else "b"},
    )
    response = alice_client.post(reverse("imports:undo", args=[job.pk]), follow=True)
    text = response.content.decode()
    assert "1 person it created was kept" in text
    assert "Kept by the undo" in text
    assert "was in your book before this import" in text
    assert "you merged someone into them" in text and "1 touch logged" in text
