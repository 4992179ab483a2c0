"""Event mode from Today picks up today's event; a future event takes nobody yet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.events.services import NotYetHeld, capture, create_event
from coltiva.people.models import Person, Touch

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_todays_link_to_event_mode_offers_todays_event_preselected(
    alice_client: Client, alice: User
) -> None:
    today = alice.local_today()
    create_event(alice, {"name": "Last week's lunch", "on": today - timedelta(days=7)})
    breakfast = create_event(alice, {"name": "Chamber breakfast", "on": today})
    home = alice_client.get(reverse("web:home")).content.decode()
    assert reverse("events:mode") in home
    page = alice_client.get(reverse("events:mode")).content.decode()
    assert f'value="{breakfast.pk}" checked' in page
    assert "Last week&#x27;s lunch" not in page and "Last week's lunch" not in page
    assert 'value="new"' in page
    chosen = alice_client.get(reverse("events:mode"), {"event": breakfast.pk})
    assert chosen.url == reverse("events:capture", args=[breakfast.pk])
    assert alice_client.get(reverse("events:mode"), {"event": "new"}).url == reverse("events:add")


def test_event_mode_without_an_event_today_opens_a_new_event(
    alice_client: Client, alice: User
) -> None:
    create_event(alice, {"name": "Yesterday", "on": alice.local_today() - timedelta(days=1)})
    assert alice_client.get(reverse("events:mode")).url == reverse("events:add")


def test_event_mode_never_offers_another_users_event(
    alice_client: Client, alice: User, charlie: User
) -> None:
    theirs = create_event(charlie, {"name": "Charlie's gala", "on": charlie.local_today()})
    response = alice_client.get(reverse("events:mode"), {"event": theirs.pk})
    assert response.url == reverse("events:add")


def test_nobody_can_be_met_at_a_future_event(alice_client: Client, alice: User) -> None:
    future = create_event(
        alice, {"name": "Spring fair", "on": alice.local_today() + timedelta(days=3)}
    )
    url = reverse("events:capture", args=[future.pk])
    page = alice_client.get(url).content.decode()
    assert "nobody can have been met there yet" in page
    response = alice_client.post(url, {"name": "Anna Rossi"})
    assert response.status_code == 400
    assert "nobody can have been met there yet" in response.content.decode()
    assert not Person.objects.filter(owner=alice).exists()
    assert not Touch.objects.filter(owner=alice).exists()
    with pytest.raises(NotYetHeld):
        capture(future, name="Anna Rossi")


def test_people_met_at_a_past_event_are_met_on_its_day(alice: User) -> None:
    day = alice.local_today() - timedelta(days=2)
    captured = capture(create_event(alice, {"name": "Mixer", "on": day}), name="Anna Rossi")
    assert Touch.objects.get(person=captured.person).on == day
