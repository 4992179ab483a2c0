"""Merging on the possible-duplicates page asks first, says who holds the touches, and
can be undone until either person is changed again: undoing puts both people back with
everything they had."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.agenda import services as agenda_services
from coltiva.agenda.models import Plan
from coltiva.events.services import create_event
from coltiva.imports import duplicates
from coltiva.imports.models import DuplicatePair, PersonMerge, PersonPhoto
from coltiva.people import services as people_services
from coltiva.people.models import ContactPoint, Person, Touch
from coltiva.referrals import services as referral_services
from coltiva.referrals.models import Introduction, Referral

MakePerson = Callable[..., Person]


def _pair(alice: User, make_person: MakePerson) -> tuple[Person, Person, DuplicatePair]:
    anna = make_person(alice, "Anna Rossi", company="Rossi Srl", emails=["anna@rossi.test"])
    twin = make_person(alice, "Anna Rossi", company="Rossi", emails=["anna@home.test"])
    today = alice.local_today()
    people_services.log_touch(anna, kind="coffee", on=today - timedelta(days=2))
    people_services.log_touch(anna, kind="helped", on=today - timedelta(days=1))
    people_services.log_touch(twin, kind="met", on=today - timedelta(days=5))
    duplicates.scan_book(alice)
    return anna, twin, DuplicatePair.objects.get(owner=alice, person_a=anna, person_b=twin)


def test_the_choices_are_labelled_by_company_email_and_touches(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    _pair(alice, make_person)
    page = alice_client.get(reverse("imports:duplicates")).content.decode()
    assert "Rossi Srl" in page and "anna@rossi.test" in page and "anna@home.test" in page
    assert "2 touches" in page and "1 touch" in page


def test_merging_asks_for_confirmation_and_says_who_holds_the_touches(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    anna, twin, pair = _pair(alice, make_person)
    url = reverse("imports:duplicate_merge", args=[pair.pk])
    page = alice_client.get(url, {"keep": "b"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "After the merge, Anna Rossi holds all 3 touches." in text
    assert Person.objects.filter(pk__in=[anna.pk, twin.pk]).count() == 2  # nothing merged yet
    alice_client.post(url, {"keep": "b"})
    assert not Person.objects.filter(pk=anna.pk).exists()
    assert Touch.objects.filter(person=twin).count() == 3


def test_undoing_a_merge_puts_both_people_back_with_everything(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    today = alice.local_today()
    anna, twin, pair = _pair(alice, make_person)
    paolo = make_person(alice, "Paolo Verdi")
    people_services.set_tags(twin, ["sailing"])
    people_services.set_relationship(twin, purposes=["knowledge"], cadence_days=14, pinned_stage="")
    event = create_event(alice, {"name": "Mixer", "on": today - timedelta(days=5)})
    met = people_services.log_touch(
        twin, kind="met", on=today - timedelta(days=5), event_id=event.pk
    )
    referral = referral_services.record_referral(
        alice, direction="given", person=paolo, on=today, prospect=twin
    )
    intro = referral_services.record_introduction(alice, person_a=twin, person_b=paolo, on=today)
    plan = agenda_services.plan_meeting(twin, kind="meal", on=today + timedelta(days=2))
    PersonPhoto.objects.create(person=twin, owner=alice, data=b"jpeg", mime="image/jpeg")
    twin_touches = set(Touch.objects.filter(person=twin).values_list("pk", flat=True))
    anna_touches = set(Touch.objects.filter(person=anna).values_list("pk", flat=True))
    anna_notes = Person.objects.get(pk=anna.pk).notes

    alice_client.post(reverse("imports:duplicate_merge", args=[pair.pk]), {"keep": "a"})
    assert not Person.objects.filter(pk=twin.pk).exists()
    page = alice_client.get(reverse("imports:duplicates")).content.decode()
    assert "Undo this merge" in page
    merge = PersonMerge.objects.get(owner=alice)
    alice_client.post(reverse("imports:merge_undo", args=[merge.pk]))

    back = Person.objects.get(pk=twin.pk)
    assert (back.display_name, back.company) == ("Anna Rossi", "Rossi")
    assert set(Touch.objects.filter(person=back).values_list("pk", flat=True)) == twin_touches
    assert set(Touch.objects.filter(person=anna).values_list("pk", flat=True)) == anna_touches
    assert Touch.objects.get(pk=met.pk).event_id == event.pk
    assert Referral.objects.get(pk=referral.pk).prospect_id == back.pk
    introduced = Introduction.objects.get(pk=intro.pk)
    assert {introduced.person_a_id, introduced.person_b_id} == {back.pk, paolo.pk}
    assert Plan.objects.get(pk=plan.pk).person_id == back.pk
    assert PersonPhoto.objects.filter(person=back).exists()
    assert list(back.tags.values_list("name", flat=True)) == ["sailing"]
    assert not anna.tags.exists()
    assert back.relationship.cadence_days == 14 and back.relationship.purpose_knowledge
    assert set(ContactPoint.objects.filter(person=back).values_list("value", flat=True)) == {
        "anna@home.test"
    }
    assert Person.objects.get(pk=anna.pk).notes == anna_notes
    assert DuplicatePair.objects.filter(person_a=anna, person_b=back, status="open").exists()
    assert duplicates.undoable_merges(alice) == []


def test_a_merge_cannot_be_undone_once_the_kept_person_has_changed(
    alice_client: Client, alice: User, make_person: MakePerson
) -> None:
    anna, twin, pair = _pair(alice, make_person)
    duplicates.merge_pair(pair, "a")
    merge = PersonMerge.objects.get(owner=alice)
    assert duplicates.can_undo_merge(merge)
    touch = people_services.log_touch(anna, kind="conversation", on=alice.local_today())
    assert not duplicates.can_undo_merge(merge)
    response = alice_client.post(reverse("imports:merge_undo", args=[merge.pk]), follow=True)
    assert "can no longer be undone" in response.content.decode()
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert Touch.objects.filter(pk=touch.pk, person=anna).exists()


def test_an_edit_of_the_kept_person_also_ends_the_undo(
    alice: User, make_person: MakePerson
) -> None:
    anna, _twin, pair = _pair(alice, make_person)
    merge = duplicates.merge_pair(pair, "a")
    people_services.update_person(Person.objects.get(pk=anna.pk), {"city": "Milano"})
    assert not duplicates.can_undo_merge(merge)


def test_another_user_cannot_undo_alices_merge(
    charlie_client: Client, alice: User, make_person: MakePerson
) -> None:
    _anna, twin, pair = _pair(alice, make_person)
    merge = duplicates.merge_pair(pair, "a")
    assert charlie_client.post(reverse("imports:merge_undo", args=[merge.pk])).status_code == 404
    assert not Person.objects.filter(pk=twin.pk).exists()
