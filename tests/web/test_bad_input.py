"""Input that gave a 500 (each an exact request from the reliability review, issue 14):
each now gets a clear answer and loses nothing, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
import logging
from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from coltiva.accounts.models import User
from coltiva.agenda.services import plan_meeting
from coltiva.events.services import create_event
from coltiva.people import services
from coltiva.people.models import Person
from coltiva.referrals.services import record_referral
from coltiva.reminders import feed

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def anna(alice: User, make_person) -> Person:
    person = make_person(alice)
    for days in range(3):
        services.log_touch(person, kind="coffee", on=alice.local_today() - timedelta(days=days))
    return person


@pytest.mark.parametrize("number", [HUGE, "1000000000000000000", "-5", "1e3", "٣", "²", "x"])
def test_a_huge_or_odd_timeline_page_shows_a_page_of_the_person(
    alice_client: Client, anna: Person, number: str
) -> None:
    page = alice_client.get(reverse("people:detail", args=[anna.pk]), {"tpage": number})
    fragment = alice_client.get(reverse("people:timeline", args=[anna.pk]), {"page": number})
    assert page.status_code == 200 and "Anna Rossi" in page.content.decode()
    assert fragment.status_code == 200 and "coffee" in fragment.content.decode().lower()


@pytest.mark.parametrize(
    "url",
    ["people:list", "people:trash", "events:list", "referrals:list", "referrals:introductions"],
)
def test_a_huge_page_number_of_a_list_shows_its_last_page(
    alice_client: Client, anna: Person, url: str
) -> None:
    assert alice_client.get(reverse(url), {"page": HUGE}).status_code == 200


def test_a_huge_person_id_in_a_link_preselects_nobody(alice_client: Client, anna: Person) -> None:
    for raw in (HUGE, "²"):
        response = alice_client.get(reverse("referrals:add"), {"person": raw})
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "found"),
    [("people:list", "Anna Rossi"), ("people:pick", "Anna Rossi"), ("network:who", "Anna")],
)
def test_a_search_with_a_nul_byte_finds_what_the_rest_of_it_finds(
    alice_client: Client, anna: Person, url: str, found: str
) -> None:
    response = alice_client.get(reverse(url), {"q": "An\x00na"})
    assert response.status_code == 200
    assert found in response.content.decode()


def test_event_mode_matches_ignore_a_nul_byte(alice: User, alice_client: Client, anna) -> None:
    event = create_event(alice, {"name": "Mixer", "on": alice.local_today()})
    url = reverse("events:capture_matches", args=[event.pk])
    response = alice_client.get(url, {"name": "An\x00na"})
    assert response.status_code == 200 and "Anna Rossi" in response.content.decode()


def test_a_feed_address_with_a_nul_byte_is_not_found(client: Client, alice: User) -> None:
    token = feed.enable(alice)
    assert client.get(f"/feed/{token[:10]}%00{token[10:]}.ics").status_code == 404
    assert client.get(f"/feed/{token}.ics").status_code == 200


# --- The referral status form's way back ---------------------------------------------------


@pytest.fixture
def referral(alice: User, anna: Person):
    return record_referral(
        alice, direction="given", person=anna, on=alice.local_today(), prospect_description="Luca"
    )


@pytest.mark.parametrize(
    "target", ["https://evil.example", "//evil.example/x", "referrals", "javascript:alert(1)"]
)
def test_the_status_form_never_sends_the_user_to_another_site_or_a_500(
    alice_client: Client, referral, target: str
) -> None:
    url = reverse("referrals:status", args=[referral.pk])
    response = alice_client.post(url, {"status": "contacted", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:list")
    referral.refresh_from_db()
    assert referral.status == "contacted"


def test_the_status_form_goes_back_to_the_page_it_came_from(alice_client: Client, referral) -> None:
    url = reverse("referrals:status", args=[referral.pk])
    back = reverse("referrals:board") + "?direction=given"
    response = alice_client.post(url, {"status": "meeting", "next": back})
    assert response["Location"] == back


# --- Names longer than the book holds ------------------------------------------------------


def test_event_mode_refuses_a_151_character_word_at_the_name_field(
    alice: User, alice_client: Client
) -> None:
    event = create_event(alice, {"name": "Mixer", "on": alice.local_today()})
    url = reverse("events:capture", args=[event.pk])
    response = alice_client.post(url, {"name": "A" * 151, "business": "Fiori"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 150 characters" in body
    assert "Fiori" in body  # what was typed is still there
    assert not Person.objects.exists()


def test_a_full_name_longer_than_the_book_holds_is_refused_at_the_field(
    alice_client: Client,
) -> None:
    data = {"given_name": "A" * 150, "family_name": "B" * 150, "company": "Fiori"}
    response = alice_client.post(reverse("people:add"), data | _no_contacts())
    assert response.status_code == 200
    assert "The whole name can be at most 300 characters" in response.content.decode()
    assert not Person.objects.exists()


def test_the_longest_full_name_that_fits_is_kept_whole(alice: User, alice_client: Client) -> None:
    data = {"given_name": "A" * 150, "family_name": "B" * 149}
    response = alice_client.post(reverse("people:add"), data | _no_contacts())
    assert response.status_code == 302
    assert Person.objects.get().display_name == "A" * 150 + " " + "B" * 149


def test_the_service_refuses_a_full_name_too_long_on_every_database(alice: User) -> None:
    with pytest.raises(services.ValidationError) as refused:
        services.create_person(alice, {"given_name": "A" * 150, "family_name": "B" * 150})
    assert "family_name" in refused.value.message_dict
    assert not Person.objects.exists()


def _no_contacts() -> dict[str, str]:
    return {"contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0"}


# --- The calendar feed and the error log ---------------------------------------------------


def test_a_plan_at_the_end_of_year_9999_leaves_the_rest_of_the_feed_working(
    client: Client, alice: User, anna: Person, make_person
) -> None:
    bruno = make_person(alice, "Bruno Neri")
    plan_meeting(bruno, kind="meal", on=date(9999, 12, 31), at=time(23, 30), minutes=120)
    plan_meeting(anna, kind="coffee", on=alice.local_today() + timedelta(days=2))
    token = feed.enable(alice)
    for _again in range(2):  # not "for good": every fetch works
        response = client.get(reverse("reminders:feed", args=[token]))
        assert response.status_code == 200
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert {str(e["SUMMARY"]) for e in events} == {
            "Coffee with Anna Rossi",
            "Meal with Bruno Neri",
        }


@pytest.fixture
def console_log():
    """What the configured console handler writes (the server's error log)."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and h.get_name() == "console"
    )
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_no_feed_token_reaches_the_error_log(client: Client, alice: User, console_log) -> None:
    token = feed.enable(alice)
    feed.revoke(alice)
    assert client.get(reverse("reminders:feed", args=[token])).status_code == 404
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", f"/feed/{token}.ics", exc_info=ValueError(f"/feed/{token}.ics")
    )
    written = console_log.getvalue()
    assert "/feed/" in written
    assert token not in written


def test_every_way_back_refuses_a_bare_word_and_another_site(
    alice: User, alice_client: Client, anna: Person
) -> None:
    """The same ``next`` field on Today's actions and the language switch (the fuzz test
    found a bare word there was a NoReverseMatch 500 too)."""
    posts = [
        (reverse("agenda:snooze", args=[anna.pk]), {"days": "1"}, reverse("web:home")),
        (reverse("accounts:set_language"), {"language": "it"}, "/"),
    ]
    for url, data, default in posts:
        for target in ("150", "https://evil.example", "//evil.example"):
            response = alice_client.post(url, data | {"next": target})
            assert response.status_code == 302 and response["Location"] == default, url
