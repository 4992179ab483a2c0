"""Merging two people keeps everything of both, then reassesses the survivor; near
duplicates are found within blocks, never by comparing all pairs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from coltiva.accounts.models import User
from coltiva.agenda import services as agenda_services
from coltiva.agenda.models import Plan
from coltiva.events.services import create_event
from coltiva.imports.models import DuplicatePair, PersonPhoto
from coltiva.people import merge
from coltiva.people import services as people_services
from coltiva.people.merge import NameCard, merge_people, name_card, near_duplicates, scan
from coltiva.people.models import Person, StageChange, Touch
from coltiva.referrals import services as referral_services
from coltiva.referrals.models import Referral

MakePerson = Callable[..., Person]


def test_a_merge_moves_everything_to_the_survivor_and_loses_nothing(
    alice: User, make_person: MakePerson
) -> None:
    today = alice.local_today()
    anna = make_person(alice, "Anna Rossi", emails=["anna@example.com"], company="Rossi Srl")
    twin = make_person(
        alice,
        "Anna Rossi",
        emails=["ANNA@example.com", "anna@home.example"],
        company="Bianchi Spa",
        job_title="CEO",
        notes="Loves sailing",
        offers="Tax advice",
    )
    paolo = make_person(alice, "Paolo Verdi")
    people_services.set_tags(anna, ["client"])
    people_services.set_tags(twin, ["client", "sailing"])
    people_services.set_relationship(twin, purposes=["knowledge"], cadence_days=14, pinned_stage="")
    event = create_event(alice, {"name": "Mixer", "on": today - timedelta(days=9)})
    people_services.log_touch(anna, kind="met", on=today - timedelta(days=9), event_id=event.pk)
    people_services.log_touch(twin, kind="coffee", on=today - timedelta(days=5))
    people_services.log_touch(twin, kind="coffee", on=today - timedelta(days=2))
    people_services.log_touch(twin, kind="helped", on=today - timedelta(days=1))
    given = referral_services.record_referral(
        alice, direction="given", person=paolo, on=today, prospect=twin
    )
    received = referral_services.record_referral(alice, direction="received", person=twin, on=today)
    intro = referral_services.record_introduction(alice, person_a=twin, person_b=paolo, on=today)
    plan = agenda_services.plan_meeting(twin, kind="meal", on=today + timedelta(days=2))
    PersonPhoto.objects.create(person=twin, owner=alice, data=b"jpeg", mime="image/jpeg")
    assert Person.objects.get(pk=anna.pk).relationship.stage == "visibility"

    survivor = merge_people(anna, twin)

    assert not Person.objects.filter(pk=twin.pk).exists()
    survivor.refresh_from_db()
    assert survivor.company == "Rossi Srl"  # the survivor's value wins...
    assert "Bianchi Spa" in survivor.notes  # ...and the other's is kept in the notes
    assert survivor.job_title == "CEO" and survivor.offers == "Tax advice"
    assert "Loves sailing" in survivor.notes
    emails = sorted(survivor.contact_points.values_list("value", flat=True))
    assert emails == ["anna@example.com", "anna@home.example"]
    assert sorted(survivor.tags.values_list("name", flat=True)) == ["client", "sailing"]
    assert Touch.objects.filter(person=survivor).count() == 6
    assert Touch.objects.get(person=survivor, kind="met").event_id == event.pk
    assert Referral.objects.get(pk=given.pk).prospect_id == survivor.pk
    assert Referral.objects.get(pk=received.pk).person_id == survivor.pk
    intro.refresh_from_db()
    assert intro.person_a_id == survivor.pk
    assert Plan.objects.get(pk=plan.pk).person_id == survivor.pk
    assert PersonPhoto.objects.get(person=survivor).data
    rel = survivor.relationship
    rel.refresh_from_db()
    assert rel.purpose_knowledge and rel.purpose_business and rel.cadence_days == 14
    assert rel.stage == "credibility"  # two coffees and a help, now on one relationship
    assert StageChange.objects.filter(person=survivor, to_stage="credibility").exists()


def test_only_people_of_the_same_book_merge(
    alice: User, bob: User, make_person: MakePerson
) -> None:
    mine, theirs = make_person(alice, "Anna Rossi"), make_person(bob, "Anna Rossi")
    with pytest.raises(ValueError, match="same book"):
        merge_people(mine, theirs)
    with pytest.raises(ValueError):
        merge_people(mine, mine)


def test_pairs_of_the_merged_person_move_to_the_survivor(
    alice: User, make_person: MakePerson
) -> None:
    a, b, c = (make_person(alice, name) for name in ("Ann Lee", "Anne Lee", "Ann Leigh"))
    DuplicatePair.objects.filter(owner=alice).delete()  # the pairs found on adding them
    DuplicatePair.objects.create(owner=alice, person_a=a, person_b=b, score=90)
    different = DuplicatePair.objects.create(
        owner=alice, person_a=b, person_b=c, score=88, status="different"
    )
    merge_people(c, b)  # c survives
    assert not DuplicatePair.objects.filter(pk=different.pk).exists()  # between the two
    moved = DuplicatePair.objects.get()
    assert (moved.person_a_id, moved.person_b_id) == (a.pk, c.pk)


@pytest.mark.parametrize(
    ("one", "two", "reason"),
    [
        (("Anna", "Rossi", "", "Acme"), ("Ana", "Rossi", "", "ACME S.p.A."), "name_company"),
        (("Anna", "Rossi", "", ""), ("Anna", "Rossi", "", "Acme"), "name"),
        (("Anna", "Rossi", "", "Acme"), ("Anna", "Rossi", "", "Zeta"), "name_other_company"),
        (("Anna Maria", "Rossi", "", ""), ("Anna", "Rossi", "", ""), "name"),
        (("José", "Núñez", "", ""), ("Jose", "Nunez", "", ""), "name"),
        (("", "", "Paolo Bianchi", ""), ("Paolo", "Bianchi", "", ""), "name"),
    ],
)
def test_near_duplicates_by_name_and_company(
    one: tuple[str, str, str, str], two: tuple[str, str, str, str], reason: str
) -> None:
    first, second = name_card(1, *one), name_card(2, *two)
    found = scan([first, second])
    assert [(p.first, p.second, p.reason) for p in found] == [(1, 2, reason)]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("Anna", "Rossi", "", ""), ("Paolo", "Rossi", "", "")),
        (("Anna", "Rossi", "", "Acme"), ("Anne", "Rossi", "", "Zeta Bank")),
        (("Anna", "Rossi", "", ""), ("Anna", "Verdi", "", "")),
    ],
)
def test_different_people_are_not_paired(
    one: tuple[str, str, str, str], two: tuple[str, str, str, str]
) -> None:
    assert scan([name_card(1, *one), name_card(2, *two)]) == []


def test_a_typo_in_the_family_name_is_found_through_the_given_name_block() -> None:
    found = scan(
        [name_card(1, "Giovanni", "Rossini", "", ""), name_card(2, "Giovanni", "Rosini", "", "")]
    )
    assert [(p.first, p.second) for p in found] == [(1, 2)]


def test_detection_compares_only_within_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    book = [name_card(i, f"Given{i}", f"Family{i % 50}", "", "") for i in range(2000)]
    new = book[-100:]
    compared: list[int] = []
    original = merge._compare

    def counting(card: NameCard, others: list[NameCard]):  # type: ignore[no-untyped-def]
        compared.append(len(others))
        return original(card, others)

    monkeypatch.setattr(merge, "_compare", counting)
    near_duplicates(new, book)
    # All pairs would be 100 x 2000; blocks of one family name hold about 40 people.
    assert sum(compared) < 100 * 2000 / 10


def test_rows_with_their_own_rules_are_moved_in_order_or_dropped_as_duplicates(
    alice: User, make_person: MakePerson
) -> None:
    # Possible-duplicate pairs are one link per two people, stored in order: with the app's
    # own handler switched off, the generic move has to cope with those rules.
    from coltiva.imports.duplicates import on_merging

    x, y, z, w = (make_person(alice, name) for name in ("Xa Xa", "Yb Yb", "Zc Zc", "Wd Wd"))
    DuplicatePair.objects.create(owner=alice, person_a=x, person_b=w, score=90)
    DuplicatePair.objects.create(owner=alice, person_a=z, person_b=w, score=80)
    DuplicatePair.objects.create(owner=alice, person_a=y, person_b=w, score=70)
    DuplicatePair.objects.create(owner=alice, person_a=x, person_b=y, score=60)
    merge.merging.disconnect(dispatch_uid="imports.duplicates.on_merging")
    try:
        merge_people(x, w)
    finally:
        merge.merging.connect(on_merging, dispatch_uid="imports.duplicates.on_merging")
    pairs = sorted(DuplicatePair.objects.values_list("person_a_id", "person_b_id", "score"))
    assert pairs == [(x.pk, y.pk, 60), (x.pk, z.pk, 80)]
