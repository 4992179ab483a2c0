"""Where the VCP engine shows: badges, the card, the early-ask warning, the ledger."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.referrals.services import record_referral

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_the_people_list_shows_stage_and_health_and_filters_by_them(
    alice_client: Client, alice: User, make_person
) -> None:
    anna, paolo = make_person(alice), make_person(alice, "Paolo Bianchi")
    services.log_touch(anna, kind="met", on=alice.local_today())
    body = alice_client.get(reverse("people:list")).content.decode()
    assert 'class="badge stage-visibility"' in body and 'class="badge health-thriving"' in body
    assert 'class="badge stage-none"' in body and 'class="badge health-seed"' in body
    filtered = alice_client.get(reverse("people:list") + "?stage=visibility").content.decode()
    assert "Anna Rossi" in filtered and "Paolo Bianchi" not in filtered
    seeds = alice_client.get(reverse("people:list") + "?health=seed").content.decode()
    assert "Paolo Bianchi" in seeds and "Anna Rossi" not in seeds
    assert paolo.pk


def test_the_people_list_sorts_by_last_contact(alice_client: Client, alice: User, make_person):
    old, new = make_person(alice, "Old Friend"), make_person(alice, "New Friend")
    services.log_touch(old, kind="coffee", on=alice.local_today() - timedelta(days=300))
    services.log_touch(new, kind="coffee", on=alice.local_today() - timedelta(days=1))
    body = alice_client.get(reverse("people:list") + "?sort=last").content.decode()
    assert body.index("Old Friend") < body.index("New Friend")


def test_the_person_page_shows_the_vcp_card_with_next_step_and_evidence(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    services.log_touch(anna, kind="coffee", on=today - timedelta(days=30))
    services.log_touch(anna, kind="coffee", on=today - timedelta(days=3))
    body = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert 'id="vcp-card"' in body
    assert "<progress" in body
    assert "Next step" in body and "Anna" in body
    assert "2 coffees in the last 12 months" in body


def test_a_pinned_stage_is_shown_as_pinned_with_the_computed_one_beside_it(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today())
    alice_client.post(
        reverse("people:relationship", args=[anna.pk]),
        {"purposes": ["business", "community"], "pinned_stage": "credibility"},
    )
    body = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert "📌 Credibility" in body
    assert "computed from touches: Visibility" in body


def test_an_early_ask_shows_the_warning_before_saving_and_saves_when_confirmed(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today() - timedelta(days=2))
    data = {"kind": "ask", "on": alice.local_today().isoformat()}
    first = alice_client.post(reverse("people:touch_add", args=[anna.pk]), data)
    body = first.content.decode()
    assert "asking for business before credibility exists almost always gets a no" in body
    assert not anna.touches.filter(kind="ask").exists()
    alice_client.post(reverse("people:touch_add", args=[anna.pk]), data | {"confirm_ask": "1"})
    assert anna.touches.filter(kind="ask").count() == 1
    card = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert "before credibility was there" in card


def test_an_ask_at_credibility_is_saved_without_a_warning(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    for days, kind in ((40, "coffee"), (20, "meal"), (10, "helped")):
        services.log_touch(anna, kind=kind, on=today - timedelta(days=days))
    alice_client.post(
        reverse("people:touch_add", args=[anna.pk]), {"kind": "ask", "on": today.isoformat()}
    )
    assert anna.touches.filter(kind="ask").count() == 1


def test_the_ledger_counts_each_way_with_business_values_and_warns_of_taking(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    record_referral(alice, direction="received", person=anna, on=today, prospect_description="x")
    services.log_touch(anna, kind="help_received", on=today - timedelta(days=100))
    services.log_touch(
        anna,
        kind="business_closed",
        on=today - timedelta(days=200),
        direction="for_me",
        value=Decimal("2500.00"),
    )
    body = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert "Taking more than giving" in body
    assert "2,500.00" in body
    book = alice_client.get(reverse("people:ledger")).content.decode()
    assert "Taking more than giving" in book and "Referrals received" in book


def test_a_persons_ledger_adds_up_like_the_book_wide_aggregates(alice: User, make_person) -> None:
    """The person page adds rows up in Python; the book-wide ledger aggregates in SQL.
    For a book of one person both must give the same flows, window edges included."""
    from coltiva.referrals.ledger import ledger, person_ledger
    from coltiva.web import page_rows

    anna = make_person(alice)
    today = alice.local_today()
    history = [
        ("helped", 0, "", None),
        ("thanked", 90, "", None),  # on the 90-day edge: inside
        ("introduced", 91, "", None),  # just outside 90 days
        ("ask", 30, "", None),
        ("help_received", 179, "", None),
        ("referral_received", 200, "", None),
        ("business_closed", 10, "for_them", Decimal("120.50")),
        ("business_closed", 300, "for_me", Decimal("2500.00")),
        ("business_closed", 366, "for_me", Decimal("9.00")),  # outside the year
        ("coffee", 5, "", None),  # not a giving or receiving act
    ]
    for kind, days, direction, value in history:
        fields = {"direction": direction, "value": value} if direction else {}
        services.log_touch(anna, kind=kind, on=today - timedelta(days=days), **fields)
    record_referral(alice, direction="given", person=anna, on=today, prospect_description="x")
    record_referral(
        alice,
        direction="received",
        person=anna,
        on=today - timedelta(days=120),
        prospect_description="y",
    )
    rows = page_rows.fetch(anna, today)
    mine = person_ledger(rows.ledger_touches, rows.ledger_referrals, today)
    assert mine == ledger(alice, today)
    ninety, year = mine.flows
    assert (ninety.given, ninety.asks, ninety.business_for_them) == (3, 1, Decimal("120.50"))
    assert (year.business_for_me, year.referrals_received) == (Decimal("2500.00"), 1)


def test_the_person_page_shows_every_kind_of_row(
    alice_client: Client, alice: User, make_person
) -> None:
    """The page reads contacts, tags, plans, referrals, the ledger and the form's events
    in one statement (web.page_rows): each must still show, in order."""
    from coltiva.agenda.services import plan_meeting
    from coltiva.events.services import create_event

    today = alice.local_today()
    anna = services.create_person(
        alice,
        {"given_name": "Anna", "family_name": "Rossi"},
        [
            services.ContactInput("url", "https://fiori.example/anna"),
            services.ContactInput("email", "anna@fiori.it"),
        ],
        ["florists", "bni"],
    )
    bruno = make_person(alice, "Bruno Neri")
    record_referral(
        alice, direction="given", person=anna, on=today, prospect=bruno, status="contacted"
    )
    record_referral(
        alice,
        direction="received",
        person=anna,
        on=today - timedelta(days=3),
        prospect_description="A bakery",
    )
    plan_meeting(anna, kind="meal", on=today + timedelta(days=2), place="Da Mario")
    breakfast = create_event(alice, {"name": "Chamber breakfast", "on": today - timedelta(days=5)})
    services.log_touch(
        anna,
        kind="business_closed",
        on=today - timedelta(days=5),
        direction="for_me",
        value=Decimal("1234.5"),
        event_id=breakfast.pk,
        note="Signed\nthe deal",
    )
    create_event(alice, {"name": "Old gala", "on": today - timedelta(days=400)})
    body = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert body.index("anna@fiori.it") < body.index("https://fiori.example/anna")  # by kind
    assert body.index(">bni<") < body.index(">florists<")
    assert "Meal" in body and "Da Mario" in body
    assert body.index("Bruno Neri") < body.index("A bakery")  # newest referral first
    assert "Contacted" in body
    assert "Chamber breakfast" in body and "Old gala" not in body
    assert "<td>1</td>" in body  # one referral given in 90 days, in the ledger
    # The timeline: value with its two places, direction, the event's link, the note.
    assert "for me · €1,234.50" in body and "Signed<br>the deal" in body
    assert f'href="{reverse("events:detail", args=[breakfast.pk])}">Chamber breakfast' in body
