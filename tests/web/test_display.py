"""Dates, times, amounts and codes as a user reads them, in English and in Italian.

Every page shows them through the same filters (coltiva.display): "1 dicembre 2026",
"27.400,00 €", "17 maggio" for a birthday without a year, never ``2026-12-01 09:30``,
``27400.00`` or a stored code such as ``event``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.agenda import services as agenda_services
from coltiva.events import services as event_services
from coltiva.people import services
from coltiva.people.models import Person
from coltiva.referrals import services as referral_services
from coltiva.referrals.models import Referral
from coltiva.reminders.digest import send_digest

pytestmark = pytest.mark.django_db

# Raw values that must never reach a page: ISO days and moments, unformatted amounts.
RAW = [
    re.compile(r">[^<]*\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"--\d{2}-\d{2}"),
    re.compile(r"\b27400(\.00)?\b"),
    re.compile(r"(?<![€£$])\b375,750\.00\b(?!\xa0)"),
]


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 20, 11, 0, tzinfo=UTC), tick=False):
        yield


def _visible(html: str) -> str:
    """The page's text without the values of inputs (those stay ISO for the browser)."""
    html = re.sub(r"<input[^>]*>", "", html)
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"<(option|select)[^>]*>", "", html)


def _speak(client: Client, user: User, language: str, currency: str = "EUR") -> None:
    user.language = language
    user.currency = currency
    user.save(update_fields=["language", "currency"])


@pytest.fixture
def anna(alice: User, make_person) -> Person:
    person = make_person(
        alice,
        "Anna Rossi",
        company="Rossi Srl",
        profession="B&B and holiday rental host",
        birthday="1985-03-14",
    )
    services.log_touch(person, kind="coffee", on=date(2026, 11, 2))
    services.log_touch(
        person,
        kind="business_closed",
        on=date(2026, 11, 10),
        direction="for_me",
        value=Decimal("27400.00"),
    )
    agenda_services.plan_meeting(person, kind="coffee", on=date(2026, 12, 1), at=time(9, 30))
    referral = referral_services.record_referral(
        alice, direction=Referral.GIVEN, person=person, on=date(2026, 11, 12)
    )
    referral_services.update_referral_status(referral, status="won", value=Decimal("375750"))
    return person


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "1 December 2026, 09:30",  # the plan
                "14 March 1985",  # the birthday
                "10 November 2026",  # the timeline
                "€27,400.00",  # the business closed on the timeline
                "€375,750.00",  # the referral won
            ],
        ),
        (
            "it",
            [
                "1 dicembre 2026, 09:30",
                "14 marzo 1985",
                "10 novembre 2026",
                "27.400,00\xa0€",
                "375.750,00\xa0€",
            ],
        ),
    ],
)
def test_the_person_page_writes_dates_and_money_in_the_users_language(
    alice: User, alice_client: Client, anna: Person, language: str, expected: list[str]
) -> None:
    _speak(alice_client, alice, language)
    html = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    for text in expected:
        assert text in html
    page = _visible(html)
    for raw in RAW:
        assert not raw.search(page), raw.pattern
    assert "Dicembre" not in page and "Novembre" not in page


def test_a_birthday_without_a_year_reads_as_a_day_and_a_month(
    alice: User, alice_client: Client, make_person
) -> None:
    giulia = make_person(alice, "Giulia Verdi", birthday="--05-17")
    _speak(alice_client, alice, "it")
    html = alice_client.get(reverse("people:detail", args=[giulia.pk])).content.decode()
    assert "<dd>17 maggio</dd>" in html
    assert "--05-17" not in html


def test_someone_met_at_an_event_reads_how_in_words(alice: User, alice_client: Client) -> None:
    event = event_services.create_event(alice, {"name": "Colazione BNI", "on": date(2026, 11, 19)})
    person = event_services.capture(event, name="Marco Neri", business="Neri Impianti").person
    for language, words in (
        ("en", "At an event: Colazione BNI"),
        ("it", "A un evento: Colazione BNI"),
    ):
        _speak(alice_client, alice, language)
        html = alice_client.get(reverse("people:detail", args=[person.pk])).content.decode()
        assert f"<dd>{words}</dd>" in html
        assert "<dd>event " not in html


@pytest.mark.parametrize(
    ("job_title", "company", "profession", "line"),
    [
        ("", "", "Architect", "Architect"),
        ("", "Rossi Srl", "Architect", "Rossi Srl · Architect"),
        ("CEO", "", "", "CEO"),
        ("CEO", "Rossi Srl", "", "CEO · Rossi Srl"),
    ],
)
def test_the_headline_has_a_separator_only_between_what_is_written(
    alice: User, alice_client: Client, make_person, job_title, company, profession, line
) -> None:
    person = make_person(
        alice, "Ugo Bassi", job_title=job_title, company=company, profession=profession
    )
    html = alice_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert f'<p class="muted">{line}</p>' in html


@pytest.mark.parametrize(
    ("language", "currency", "for_me", "for_them"),
    [
        ("en", "EUR", "€27,400.00", "€375,750.00"),
        ("it", "EUR", "27.400,00\xa0€", "375.750,00\xa0€"),
        ("en", "GBP", "£27,400.00", "£375,750.00"),
        ("it", "USD", "27.400,00\xa0USD", "375.750,00\xa0USD"),
    ],
)
def test_the_board_and_the_ledger_show_money_in_the_profiles_currency(
    alice: User,
    alice_client: Client,
    anna: Person,
    language: str,
    currency: str,
    for_me: str,
    for_them: str,
) -> None:
    _speak(alice_client, alice, language, currency)
    for url in (reverse("referrals:board"), reverse("people:ledger")):
        html = alice_client.get(url).content.decode()
        assert for_me in html and for_them in html, url
        page = _visible(html)
        for raw in RAW:
            assert not raw.search(page), (url, raw.pattern)


def test_the_referral_list_events_and_today_write_days_in_italian(
    alice: User, alice_client: Client, anna: Person
) -> None:
    event_services.create_event(alice, {"name": "Colazione BNI", "on": date(2026, 11, 19)})
    _speak(alice_client, alice, "it")
    referrals = alice_client.get(reverse("referrals:list")).content.decode()
    assert "12 nov 2026" in referrals
    events = alice_client.get(reverse("events:list")).content.decode()
    assert "19 nov 2026" in events
    people = alice_client.get(reverse("people:list")).content.decode()
    assert "<td>2 nov 2026</td>" in people  # last contact
    for html in (referrals, events, people):
        assert not RAW[0].search(_visible(html))


def test_a_plan_on_today_reads_its_day_and_time_in_the_users_language(
    alice: User, alice_client: Client, anna: Person
) -> None:
    with time_machine.travel(datetime(2026, 12, 1, 7, 0, tzinfo=UTC), tick=False):
        _speak(alice_client, alice, "it")
        html = alice_client.get("/").content.decode()
    assert "1 dicembre 2026, 09:30" in html
    assert "2026-12-01 09:30" not in html


def test_the_review_names_months_in_lower_case_italian(
    alice: User, alice_client: Client, anna: Person
) -> None:
    _speak(alice_client, alice, "it")
    html = alice_client.get(reverse("review:review")).content.decode()
    assert "novembre 2026" in html
    assert "Novembre 2026" not in html


def test_the_digest_writes_dates_in_the_users_language(alice: User, anna: Person) -> None:
    alice.language = "it"
    alice.digest_enabled = True
    alice.save()
    with time_machine.travel(datetime(2026, 12, 1, 7, 0, tzinfo=UTC), tick=False):
        send_digest(alice)
    body = mail.outbox[-1].body
    assert "1 dicembre 2026, 09:30" in body
    assert "2026-12-01" not in body


def test_the_profile_offers_currencies_and_keeps_the_choice(
    alice: User, alice_client: Client
) -> None:
    page = alice_client.get(reverse("accounts:profile")).content.decode()
    assert '<option value="EUR" selected>EUR · Euro</option>' in page
    assert "GBP · British Pound" in page
    response = alice_client.post(
        reverse("accounts:profile"),
        {
            "name": "Alice",
            "time_zone": "Europe/Rome",
            "language": "en",
            "phone_region": "IT",
            "currency": "CHF",
            "agenda_size": 10,
            "weekly_meetings": 5,
            "digest_weekday": 0,
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.currency == "CHF"
    bad = alice_client.post(reverse("accounts:profile"), {"currency": "XYZ"})
    assert "Select a valid choice" in bad.content.decode()


def test_a_new_account_counts_in_euros(alice: User) -> None:
    assert alice.currency == "EUR"


def test_log_prints_the_value_in_the_users_currency_and_language(
    cli, alice: User, make_person
) -> None:
    make_person(alice, "Anna Rossi")
    alice.language = "it"
    alice.save()
    code, out, _ = cli(
        "log",
        "--user",
        alice.email,
        "Anna",
        "business_closed",
        "--direction",
        "for_me",
        "--value",
        "27400",
        "--on",
        "2026-11-10",
    )
    assert code == 0
    assert "27.400,00\xa0€" in out
