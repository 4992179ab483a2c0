"""The private calendar feed and the weekly digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from coltiva.accounts.models import User
from coltiva.agenda.services import plan_meeting
from coltiva.events.services import create_event
from coltiva.people import services
from coltiva.reminders import digest, feed

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def alices_feed(alice: User, make_person) -> str:
    anna, bruno = make_person(alice), make_person(alice, "Bruno Neri")
    event = create_event(alice, {"name": "Mixer", "on": alice.local_today() - timedelta(days=1)})
    services.log_touch(bruno, kind="met", on=event.on, event_id=event.pk)
    plan_meeting(
        anna,
        kind="coffee",
        on=alice.local_today() + timedelta(days=2),
        minutes=45,
        place="Bar Centrale",
    )
    return feed.enable(alice)


def fetch(client: Client, token: str):
    return client.get(reverse("reminders:feed", args=[token]))


def test_the_feed_is_valid_icalendar_with_plans_and_follow_ups(
    client: Client, alices_feed: str
) -> None:
    response = fetch(client, alices_feed)
    raw = response.content
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = Calendar.from_ical(raw)
    assert cal["METHOD"] == "PUBLISH" and "REFRESH-INTERVAL" in cal
    events = cal.walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries == ["Coffee with Anna Rossi", "Follow up with Bruno Neri"]
    for event in events:
        for prop in ("UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTSTART"):
            assert prop in event, prop


def test_uids_are_stable_across_fetches(client: Client, alices_feed: str) -> None:
    first = {
        str(e["UID"]) for e in Calendar.from_ical(fetch(client, alices_feed).content).walk("VEVENT")
    }
    second = {
        str(e["UID"]) for e in Calendar.from_ical(fetch(client, alices_feed).content).walk("VEVENT")
    }
    assert first == second and len(first) == 2


def test_a_revoked_or_unknown_token_gives_404(client: Client, alice: User, alices_feed: str):
    feed.revoke(alice)
    assert fetch(client, alices_feed).status_code == 404
    assert fetch(client, "x" * 43).status_code == 404


def test_another_users_token_never_shows_this_users_data(
    client: Client, alices_feed: str, bob: User, make_person
) -> None:
    make_person(bob, "Bob Friend")
    token = feed.enable(bob)
    body = fetch(client, token).content.decode()
    assert "Anna" not in body and "Bruno" not in body


def test_the_profile_turns_the_feed_on_and_off(alice: User, alice_client: Client) -> None:
    alice_client.post(reverse("reminders:feed_enable"))
    alice.refresh_from_db()
    token = alice.calendar_token
    assert token and token in alice_client.get(reverse("accounts:profile")).content.decode()
    alice_client.post(reverse("reminders:feed_revoke"))
    alice.refresh_from_db()
    assert alice.calendar_token == ""


def test_the_digest_is_sent_on_the_chosen_day_in_the_users_language(
    alice: User, make_person, cli
) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="coffee", on=alice.local_today() - timedelta(days=20))
    services.log_touch(anna, kind="referral_received", on=alice.local_today() - timedelta(days=9))
    alice.digest_enabled = True
    alice.digest_weekday = (alice.local_today().weekday() + 1) % 7
    alice.save()
    code, out, _ = cli("digest")
    assert code == 0 and "Sent 0 digests" in out and not mail.outbox
    alice.digest_weekday = alice.local_today().weekday()
    alice.save()
    cli("digest")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    assert "Anna Rossi" in message.body and "Thanks owed" in message.body
    assert "/digest/unsubscribe/" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    cli("digest")
    assert len(mail.outbox) == 1  # once a day


def test_the_digest_skips_users_who_did_not_opt_in(alice: User, cli) -> None:
    alice.digest_weekday = alice.local_today().weekday()
    alice.save()
    cli("digest")
    assert not mail.outbox


def test_the_unsubscribe_link_works_without_logging_in(client: Client, alice: User) -> None:
    alice.digest_enabled = True
    alice.save()
    url = reverse("reminders:unsubscribe", args=[digest.unsubscribe_token(alice)])
    page = client.get(url)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    client.post(url, {"subscribe": "0"})
    alice.refresh_from_db()
    assert not alice.digest_enabled
    assert client.get(reverse("reminders:unsubscribe", args=["forged"])).status_code == 404


def test_the_digest_speaks_the_users_language(alice: User, make_person, cli) -> None:
    make_person(alice)
    alice.language = "it"
    alice.digest_enabled = True
    alice.save()
    cli("digest", "--force", "--user", alice.email)
    message = mail.outbox[0]
    assert message.subject.startswith("La tua settimana in Coltiva")
    assert "/digest/unsubscribe/" in message.body
    assert "Hello" not in message.body
