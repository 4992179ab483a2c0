"""Charlie gets 404 on every URL that takes an id of Alice's book, reading and writing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.events.services import create_event
from coltiva.people import services
from coltiva.people.models import Person
from coltiva.referrals import services as referral_services


@pytest.fixture
def alices_book(alice: User, make_person) -> dict[str, int]:
    anna = make_person(alice, "Anna Rossi", emails=["anna@example.com"])
    paolo = make_person(alice, "Paolo Bianchi")
    gone = make_person(alice, "Gino Gone")
    services.trash_person(gone)
    today = alice.local_today()
    event = create_event(alice, {"name": "Breakfast club", "on": today})
    touch = services.log_touch(anna, kind="coffee", on=today - timedelta(days=1))
    referral = referral_services.record_referral(
        alice, direction="given", person=anna, on=today, prospect_description="A client"
    )
    from coltiva.agenda.services import plan_meeting

    plan = plan_meeting(anna, kind="coffee", on=today)
    intro = referral_services.record_introduction(
        alice, person_a=anna, person_b=paolo, on=today, why="Both in weddings"
    )
    return {
        "person": anna.pk,
        "trashed": gone.pk,
        "touch": touch.pk,
        "event": event.pk,
        "referral": referral.pk,
        "introduction": intro.pk,
        "plan": plan.pk,
    }


ID_URLS = [
    ("people:detail", "person", "get"),
    ("people:edit", "person", "get"),
    ("people:edit", "person", "post"),
    ("people:delete", "person", "get"),
    ("people:delete", "person", "post"),
    ("people:restore", "trashed", "post"),
    ("people:relationship", "person", "get"),
    ("people:relationship", "person", "post"),
    ("people:timeline", "person", "get"),
    ("people:touch_add", "person", "post"),
    ("people:touch_edit", "touch", "get"),
    ("people:touch_edit", "touch", "post"),
    ("people:touch_delete", "touch", "post"),
    ("events:detail", "event", "get"),
    ("events:edit", "event", "get"),
    ("events:edit", "event", "post"),
    ("events:delete", "event", "get"),
    ("events:delete", "event", "post"),
    ("referrals:status", "referral", "post"),
    ("referrals:outcome", "introduction", "post"),
    ("referrals:move", "referral", "post"),
    ("referrals:thank", "referral", "post"),
    ("agenda:done", "person", "post"),
    ("agenda:snooze", "person", "post"),
    ("agenda:dismiss", "person", "post"),
    ("agenda:plan_add", "person", "get"),
    ("agenda:plan_add", "person", "post"),
    ("agenda:plan_close", "plan", "post"),
    ("events:capture", "event", "get"),
    ("events:capture", "event", "post"),
    ("events:capture_matches", "event", "get"),
]


@pytest.mark.parametrize(("name", "key", "method"), ID_URLS)
def test_another_user_gets_404_on_every_id_url(
    charlie_client: Client, alices_book: dict[str, int], name: str, key: str, method: str
) -> None:
    url = reverse(name, args=[alices_book[key]])
    response = getattr(charlie_client, method)(url, {"status": "won", "kind": "coffee"})
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "key", "method"), ID_URLS)
def test_the_owner_reaches_every_id_url(
    alice_client: Client, alices_book: dict[str, int], name: str, key: str, method: str
) -> None:
    # The counterpart of the 404 test: the same URLs work for Alice, so the 404 is isolation.
    url = reverse(name, args=[alices_book[key]])
    response = getattr(alice_client, method)(url)
    assert response.status_code in (200, 302, 400)


def test_charlie_writes_change_nothing_in_alices_book(
    charlie_client: Client, alices_book: dict[str, int], alice: User
) -> None:
    charlie_client.post(reverse("people:delete", args=[alices_book["person"]]))
    charlie_client.post(reverse("people:touch_delete", args=[alices_book["touch"]]))
    anna = Person.objects.get(pk=alices_book["person"])
    assert anna.deleted_at is None
    assert anna.touches.filter(pk=alices_book["touch"]).exists()


def test_lists_and_search_show_only_the_users_own_people(
    charlie_client: Client, alices_book: dict[str, int]
) -> None:
    for url in (reverse("people:list"), reverse("people:list") + "?q=anna"):
        assert "Anna Rossi" not in charlie_client.get(url).content.decode()
    picker = charlie_client.get(reverse("people:pick") + "?q=anna").content.decode()
    assert "Anna Rossi" not in picker
    for name in ("events:list", "referrals:list", "referrals:introductions", "web:home"):
        body = charlie_client.get(reverse(name)).content.decode()
        assert "Anna Rossi" not in body and "Breakfast club" not in body


def test_a_form_cannot_pick_a_person_from_another_book(
    charlie_client: Client, alices_book: dict[str, int], charlie: User
) -> None:
    response = charlie_client.post(
        reverse("referrals:add"),
        {
            "direction": "given",
            "person": alices_book["person"],
            "prospect_description": "x",
            "warmth": 3,
            "status": "given",
            "on": charlie.local_today().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Choose a person of your book" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, alices_book: dict[str, int]):
    response = client.get(reverse("people:detail", args=[alices_book["person"]]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
