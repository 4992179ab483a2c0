"""The referrals board and the review page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Person
from coltiva.referrals.models import Referral
from coltiva.referrals.services import record_referral, update_referral_status

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def referral(user: User, person: Person, direction: str = "received", **extra) -> Referral:
    return record_referral(
        user,
        direction=direction,
        person=person,
        on=user.local_today(),
        prospect_description=extra.pop("prospect", "Luca, needs a notary"),
        **extra,
    )


def test_the_board_shows_referrals_by_status_with_warmth_and_value(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    referral(alice, anna, warmth=5)
    won = referral(alice, anna, direction="given", prospect="Sposi Bianchi")
    update_referral_status(won, status="won", value=Decimal("3200"))
    body = alice_client.get(reverse("referrals:board")).content.decode()
    given_col = body.index('data-status="given"')
    won_col = body.index('data-status="won"')
    assert body.index("Luca, needs a notary") > given_col
    assert body.index("Sposi Bianchi") > won_col
    assert "warmth 5/5" in body and "3,200.00" in body


def test_one_click_moves_a_referral_to_the_next_status(
    alice: User, alice_client: Client, make_person
) -> None:
    r = referral(alice, make_person(alice))
    response = alice_client.post(
        reverse("referrals:move", args=[r.pk]), {"status": "contacted"}, HTTP_HX_REQUEST="true"
    )
    r.refresh_from_db()
    assert response.status_code == 200 and r.status == "contacted"
    assert 'id="board"' in response.content.decode()


def test_a_received_referral_won_prompts_a_thank_you_which_logs_thanked(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    r = referral(alice, anna)
    response = alice_client.post(
        reverse("referrals:move", args=[r.pk]),
        {"status": "won", "value": "1500", "confirm": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "say thank you" in body and "Say thank you to Anna" in body
    assert anna.touches.filter(kind="business_closed", direction="for_me").exists()
    alice_client.post(reverse("referrals:thank", args=[r.pk]), HTTP_HX_REQUEST="true")
    r.refresh_from_db()
    assert r.thanked_touch is not None and r.thanked_touch.kind == "thanked"
    assert (
        "Say thank you to Anna" not in alice_client.get(reverse("referrals:board")).content.decode()
    )


def test_the_board_totals_business_each_way_over_90_and_365_days(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    services.log_touch(
        anna,
        kind="business_closed",
        direction="for_me",
        value=Decimal(100),
        on=alice.local_today() - timedelta(days=200),
    )
    services.log_touch(
        anna,
        kind="business_closed",
        direction="for_them",
        value=Decimal(40),
        on=alice.local_today() - timedelta(days=10),
    )
    body = alice_client.get(reverse("referrals:board")).content.decode()
    last90 = body[body.index("Last 90 days") : body.index("Last 12 months")]
    last365 = body[body.index("Last 12 months") :]
    assert "40.00" in last90 and "100.00" not in last90
    assert "100.00" in last365


def test_a_bad_status_or_value_changes_nothing(alice: User, alice_client: Client, make_person):
    r = referral(alice, make_person(alice))
    alice_client.post(reverse("referrals:move", args=[r.pk]), {"status": "won", "value": "-1"})
    alice_client.post(reverse("referrals:move", args=[r.pk]), {"status": "stolen"})
    r.refresh_from_db()
    assert r.status == "given"


def test_the_review_page_counts_stages_and_health_and_shows_movement(
    alice: User, alice_client: Client, make_person
) -> None:
    today = alice.local_today()
    for i in range(3):
        person = make_person(alice, f"Grower {i}")
        services.log_touch(person, kind="coffee", on=today - timedelta(days=20))
        services.log_touch(person, kind="meal", on=today - timedelta(days=10))
        services.log_touch(person, kind="helped", on=today - timedelta(days=5), minutes=None)
    make_person(alice, "Never Met")
    body = alice_client.get(reverse("review:review")).content.decode()
    assert "4 relationships" in body
    assert 'id="chart-data"' in body and "<canvas" in body
    assert "Show as a table" in body
    assert "6 moved up" in body  # none->visibility and visibility->credibility, three times
    assert "Grower 0" in body


def test_the_review_page_explains_an_empty_book(alice_client: Client) -> None:
    body = alice_client.get(reverse("review:review")).content.decode()
    assert "Nothing to review yet" in body


def test_a_card_says_which_way_it_went_in_other_words_than_its_column(
    alice: User, alice_client: Client, make_person
) -> None:
    referral(alice, make_person(alice), direction="received")
    body = alice_client.get(reverse("referrals:board")).content.decode()
    column = body[body.index('data-status="given"') : body.index('data-status="contacted"')]
    assert '<h2 id="col-given" class="board-title">New' in column
    assert "You received" in column and "Received" not in column.replace("You received", "")
    alice.language = "it"
    alice.save(update_fields=["language"])
    body = alice_client.get(reverse("referrals:board"), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    column = body[body.index('data-status="given"') : body.index('data-status="contacted"')]
    assert "Nuova" in column and "Ricevuta da te" in column


def test_a_move_to_won_asks_the_value_before_logging_business(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    r = referral(alice, anna, direction="given")
    url = reverse("referrals:move", args=[r.pk])
    response = alice_client.post(url, {"status": "won"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    r.refresh_from_db()
    assert r.status == "given" and not anna.touches.filter(kind="business_closed").exists()
    assert "<dialog open" in body and 'name="confirm"' in body and 'id="won-value"' in body
    alice_client.post(url, {"status": "won", "value": "2400", "confirm": "1"})
    r.refresh_from_db()
    closed = anna.touches.get(kind="business_closed")
    assert r.status == "won" and (closed.value, closed.direction) == (Decimal(2400), "for_them")


def test_the_value_of_a_win_may_be_left_empty(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    r = referral(alice, anna)
    alice_client.post(
        reverse("referrals:move", args=[r.pk]), {"status": "won", "value": "", "confirm": "1"}
    )
    r.refresh_from_db()
    assert r.status == "won" and anna.touches.get(kind="business_closed").value is None
