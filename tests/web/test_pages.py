"""The foundation's journeys through the web pages, as a user meets them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import InstanceSettings, User
from coltiva.people import services
from coltiva.people.models import Person, Touch

pytestmark = pytest.mark.django_db


def signup(client: Client, email: str = "new@example.com", **extra: str):
    """Sign up, then confirm the address with the e-mailed link (which logs in)."""
    data = {
        "email": email,
        "name": "Nuova Persona",
        "password1": "correct horse battery 9",
        "password2": "correct horse battery 9",
    } | extra
    client.post(reverse("accounts:signup"), data)
    link = re.search(r"https?://\S+/accounts/confirm/\S+/", mail.outbox[-1].body)
    assert link is not None and mail.outbox[-1].to == [email]
    return client.post(link.group(0))


def test_the_login_page_is_served_to_a_visitor(client: Client) -> None:
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert "Log in" in response.content.decode()


def test_the_first_account_is_the_administrator_and_later_ones_are_not(client: Client) -> None:
    assert signup(client).status_code == 302
    assert User.objects.get(email="new@example.com").is_staff
    other = Client()
    signup(other, "second@example.com")
    assert not User.objects.get(email="second@example.com").is_staff


def test_the_first_sign_up_after_a_demo_account_is_the_administrator(client: Client) -> None:
    # `make demo` on a fresh installation makes the demo account first (user 1).
    from coltiva.demo import services as demo_services

    demo, _password = demo_services.demo_account("demo@coltiva.local", create=True)
    assert not demo.is_staff
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "your account will be its administrator" in page
    assert signup(client).status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.is_staff and user.is_superuser
    assert not User.objects.get(pk=demo.pk).is_staff
    assert signup(Client(), "second@example.com").status_code == 302
    assert not User.objects.get(email="second@example.com").is_staff


def test_a_deactivated_administrator_leaves_the_next_sign_up_to_take_over(
    client: Client, alice: User
) -> None:
    alice.is_staff = alice.is_superuser = True
    alice.is_active = False
    alice.save()
    signup(client)
    assert User.objects.get(email="new@example.com").is_staff


def test_passwords_are_hashed_with_argon2(client: Client) -> None:
    signup(client)
    assert User.objects.get().password.startswith("argon2")


def test_the_administrator_can_close_sign_up(client: Client, alice: User) -> None:
    alice.is_staff = alice.is_superuser = True
    alice.save()
    InstanceSettings.objects.create(pk=1, signup_open=False)
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 403
    assert "Sign-up is closed" in response.content.decode()


def test_closed_sign_up_stays_closed_without_an_active_administrator(
    client: Client, alice: User
) -> None:
    # A deactivated administrator must not hand the installation to the next sign-up.
    alice.is_staff = alice.is_superuser = True
    alice.is_active = False
    alice.save()
    InstanceSettings.objects.create(pk=1, signup_open=False)
    assert client.get(reverse("accounts:signup")).status_code == 403


def test_signup_rejects_a_malformed_email_and_a_short_password(client: Client) -> None:
    data = {"email": "not-an-email", "name": "X", "password1": "short", "password2": "short"}
    response = client.post(reverse("accounts:signup"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address" in body
    assert not User.objects.exists()


def test_a_new_user_signs_up_adds_a_person_logs_a_coffee_and_sees_it(client: Client) -> None:
    signup(client)
    response = client.post(
        reverse("people:add"),
        {
            "given_name": "Anna",
            "family_name": "Rossi",
            "company": "Fiori Srl",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-kind": "email",
            "contacts-0-value": "anna@fiori.it",
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302
    today = person.owner.local_today()
    client.post(
        reverse("people:touch_add", args=[person.pk]),
        {"kind": "coffee", "on": today.isoformat(), "minutes": "45", "note": "Talked flowers"},
    )
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Coffee" in page and "Talked flowers" in page and "45 minutes" in page
    assert "anna@fiori.it" in page
    assert "Visibility" in page


def test_logging_a_touch_with_htmx_returns_the_fresh_timeline_and_card(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    response = alice_client.post(
        reverse("people:touch_add", args=[anna.pk]),
        {"kind": "met", "on": alice.local_today().isoformat()},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="timeline" hx-swap-oob="true"' in body
    assert 'id="vcp-card" class="vcp-card" hx-swap-oob="true"' in body
    assert Touch.objects.filter(person=anna, kind="met").count() == 1


def test_the_pages_speak_italian_from_the_profile(alice_client: Client, alice: User) -> None:
    alice.language = "it"
    alice.save()
    body = alice_client.get(reverse("people:list")).content.decode()
    assert "Aggiungi una persona" in body
    assert 'lang="it"' in body


def test_the_pages_speak_italian_from_the_browser_when_the_profile_is_silent(
    client: Client,
) -> None:
    body = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Accedi" in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"given_name": "", "family_name": "", "company": ""}, "given_name", "at least a name"),
        ({"given_name": "A" * 151}, "given_name", "at most 150 characters"),
        ({"given_name": "Anna", "birthday": "31/02"}, "birthday", "YYYY-MM-DD"),
        (
            {"given_name": "Anna", "contacts-0-kind": "email", "contacts-0-value": "anna@"},
            "contacts-0-value",
            "valid e-mail",
        ),
    ],
)
def test_the_person_form_rejects_bad_input_and_saves_nothing(
    alice_client: Client, data: dict[str, str], field: str, message: str
) -> None:
    payload = {"contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0"} | data
    response = alice_client.post(reverse("people:add"), payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "coffe"}, "Select a valid choice"),
        ({"kind": "coffee", "on": "2026-13-45"}, "Enter a valid date"),
        ({"kind": "coffee", "on": "FUTURE"}, "cannot be dated in the future"),
        ({"kind": "coffee", "minutes": "lots"}, "Enter a whole number"),
        ({"kind": "business_closed", "value": "abc", "direction": "for_me"}, "Enter a number"),
        ({"kind": "business_closed"}, "for you or for them"),
        ({"kind": "coffee", "value": "100"}, "Only closed business has a value"),
        ({"kind": "coffee", "note": "x" * 5001}, "up to 5,000 characters; the text has 5,001"),
    ],
)
def test_the_touch_form_rejects_bad_input_next_to_the_field_and_saves_nothing(
    alice_client: Client, alice: User, make_person, data: dict[str, str], message: str
) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    payload = {"on": today.isoformat()} | data
    if payload["on"] == "FUTURE":
        payload["on"] = (today + timedelta(days=1)).isoformat()
    response = alice_client.post(reverse("people:touch_add", args=[anna.pk]), payload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Touch.objects.exists()


def test_a_deleted_person_goes_to_the_trash_and_comes_back(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    link = f'href="{reverse("people:detail", args=[anna.pk])}"'
    alice_client.post(reverse("people:delete", args=[anna.pk]))
    assert link not in alice_client.get(reverse("people:list")).content.decode()
    assert "Anna Rossi" in alice_client.get(reverse("people:trash")).content.decode()
    assert alice_client.get(reverse("people:detail", args=[anna.pk])).status_code == 404
    alice_client.post(reverse("people:restore", args=[anna.pk]))
    assert link in alice_client.get(reverse("people:list")).content.decode()


def test_the_trash_is_purged_after_thirty_days(alice: User, make_person) -> None:
    from django.utils import timezone

    from coltiva.people import services

    anna = make_person(alice)
    services.trash_person(anna)
    assert services.purge_trash(timezone.now() + timedelta(days=29)) == 0
    assert services.purge_trash(timezone.now() + timedelta(days=31)) >= 1
    assert not Person.objects.filter(pk=anna.pk).exists()


def test_people_search_finds_by_name_without_accents_and_by_email(
    alice_client: Client, alice: User, make_person
) -> None:
    make_person(alice, "Niccolò Bianchi", emails=["nico@studio.it"])
    make_person(alice, "Paolo Verdi")
    by_name = alice_client.get(reverse("people:list") + "?q=niccolo").content.decode()
    assert "Niccolò Bianchi" in by_name and "Paolo Verdi" not in by_name
    by_mail = alice_client.get(reverse("people:list") + "?q=nico@studio").content.decode()
    assert "Niccolò Bianchi" in by_mail


def test_people_search_finds_by_phone_and_firm_and_leaves_out_the_trash(
    alice_client: Client, alice: User, make_person
) -> None:
    carla = services.create_person(
        alice,
        {"given_name": "Carla", "family_name": "Neri", "company": "Fiori Srl"},
        [services.ContactInput("phone", "+39 333 123 4567")],
    )
    gone = make_person(alice, "Carlo Fiorentino")
    services.trash_person(gone)
    by_phone = alice_client.get(reverse("people:list") + "?q=%2B39333").content.decode()
    assert "Carla Neri" in by_phone
    by_firm = alice_client.get(reverse("people:list") + "?q=fiori").content.decode()
    assert "Carla Neri" in by_firm and "Carlo Fiorentino" not in by_firm
    assert carla.pk


def test_people_search_reads_an_index_not_every_row(alice: User) -> None:
    """Migration 0004's index must survive later migrations (SQLite rebuilds tables)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            plan = cursor.execute(
                "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM people_person "
                "WHERE owner_id = %s AND deleted_at IS NULL AND search_key LIKE %s",
                [alice.pk, "%ross%"],
            ).fetchall()
            assert "COVERING INDEX person_owner_sort" in str(plan)
        else:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'person_search_trgm'")
            assert cursor.fetchone() is not None


def test_the_people_list_is_paginated(alice_client: Client, alice: User, make_person) -> None:
    for i in range(55):
        make_person(alice, f"Person {i:02d}")
    first = alice_client.get(reverse("people:list")).content.decode()
    assert "Page 1 of 2" in first and "55 people" in first
    second = alice_client.get(reverse("people:list") + "?page=2").content.decode()
    assert "Person 54" in second
    make_person(alice, "Someone Else")
    found = alice_client.get(reverse("people:list") + "?q=person&page=2").content.decode()
    assert "55 people" in found and "Page 2 of 2" in found and "Person 54" in found
    assert "Person 00" not in found and "Someone Else" not in found


def test_an_empty_book_explains_what_to_do(alice_client: Client) -> None:
    body = alice_client.get(reverse("people:list")).content.decode()
    assert "Your book is empty" in body
    home = alice_client.get(reverse("web:home")).content.decode()
    assert "Add a person" in home and "Log an event" in home


def test_an_event_lists_the_people_met_there(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    today = alice.local_today().isoformat()
    alice_client.post(reverse("events:add"), {"name": "Chamber breakfast", "on": today})
    event = alice.events.get()
    alice_client.post(
        reverse("people:touch_add", args=[anna.pk]), {"kind": "met", "on": today, "event": event.pk}
    )
    body = alice_client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Anna Rossi" in body


def test_an_event_needs_a_name(alice_client: Client, alice: User) -> None:
    response = alice_client.post(reverse("events:add"), {"name": "  ", "on": "2026-01-01"})
    assert response.status_code == 400
    assert not alice.events.exists()


def test_a_referral_given_then_won_logs_the_touches_and_the_value(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    today = alice.local_today().isoformat()
    response = alice_client.post(
        reverse("referrals:add"),
        {
            "direction": "given",
            "person": anna.pk,
            "prospect_description": "Luca, needs a florist",
            "warmth": 4,
            "status": "given",
            "on": today,
        },
    )
    assert response.status_code == 302
    referral = alice.referrals.get()
    alice_client.post(
        reverse("referrals:status", args=[referral.pk]), {"status": "won", "value": "1500"}
    )
    kinds = sorted(anna.touches.values_list("kind", flat=True))
    assert kinds == ["business_closed", "referral_given"]
    closed = anna.touches.get(kind="business_closed")
    assert closed.direction == "for_them" and closed.value == 1500
    body = alice_client.get(reverse("referrals:list")).content.decode()
    assert "Luca, needs a florist" in body


def test_a_referral_status_rejects_a_negative_value(
    alice_client: Client, alice: User, make_person
) -> None:
    from coltiva.referrals.services import record_referral

    anna = make_person(alice)
    referral = record_referral(
        alice, direction="received", person=anna, on=alice.local_today(), prospect_description="x"
    )
    alice_client.post(
        reverse("referrals:status", args=[referral.pk]), {"status": "won", "value": "-5"}
    )
    referral.refresh_from_db()
    assert referral.status == "given"
    assert not anna.touches.filter(kind="business_closed").exists()


def test_an_introduction_logs_an_introduced_touch_on_both_and_records_the_outcome(
    alice_client: Client, alice: User, make_person
) -> None:
    anna, paolo = make_person(alice), make_person(alice, "Paolo Bianchi")
    response = alice_client.post(
        reverse("referrals:introduction_add"),
        {
            "person_a": anna.pk,
            "person_b": paolo.pk,
            "why": "Weddings",
            "on": alice.local_today().isoformat(),
        },
    )
    assert response.status_code == 302
    assert anna.touches.get().kind == "introduced" and paolo.touches.get().kind == "introduced"
    intro = alice.introductions.get()
    alice_client.post(reverse("referrals:outcome", args=[intro.pk]), {"outcome": "met"})
    intro.refresh_from_db()
    assert intro.outcome == "met"


def test_introducing_someone_to_themselves_is_refused(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    response = alice_client.post(
        reverse("referrals:introduction_add"),
        {"person_a": anna.pk, "person_b": anna.pk, "on": alice.local_today().isoformat()},
    )
    assert response.status_code == 400
    assert "two different people" in response.content.decode()


def test_password_reset_sends_an_email_with_a_working_link(client: Client, alice: User) -> None:
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    response = client.get(link.split("testserver")[1], follow=True)
    assert "Choose a new password" in response.content.decode()


def test_the_profile_sets_time_zone_language_and_rejects_an_unknown_zone(
    alice_client: Client, alice: User
) -> None:
    bad = alice_client.post(
        reverse("accounts:profile"),
        {"name": "A", "time_zone": "Mars/Olympus", "language": "it", "phone_region": "IT"},
    )
    assert "Select a valid choice" in bad.content.decode()
    alice_client.post(
        reverse("accounts:profile"),
        {
            "name": "A",
            "time_zone": "Asia/Tokyo",
            "language": "it",
            "phone_region": "IT",
            "agenda_size": 10,
            "weekly_meetings": 5,
            "digest_weekday": 0,
        },
    )
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Tokyo" and alice.language == "it"


def test_log_in_is_rate_limited_after_five_failures(client: Client, alice: User) -> None:
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": alice.email, "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": alice.email, "password": "a-long-test-password-42"}
    )
    assert "Too many failed log-ins" in response.content.decode()


def test_security_headers_are_set(alice_client: Client) -> None:
    response = alice_client.get(reverse("people:list"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_user_text_is_escaped(alice_client: Client, alice: User, make_person) -> None:
    evil = make_person(alice, "<script>alert(1)</script> X", notes="<img src=x onerror=alert(1)>")
    body = alice_client.get(reverse("people:detail", args=[evil.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
    assert "<img src=x" not in body


def test_user_text_is_escaped_in_every_row_list(
    alice_client: Client, alice: User, make_person
) -> None:
    """The people list, the timeline and Today render their rows with Jinja2 fragments:
    the same escaping must hold there."""
    evil = make_person(
        alice, "<script>alert(1)</script> X", company="<b>Firm</b>", profession='"><i>'
    )
    services.log_touch(evil, kind="met", on=alice.local_today(), note="<img src=x>\nline")
    make_person(alice, "<script>alert(1)</script> Stranger")  # never met: on Today
    for url in (
        reverse("people:list") + "?q=script",
        reverse("people:list"),
        reverse("people:detail", args=[evil.pk]),
        reverse("web:home"),
    ):
        body = alice_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body, url
        assert "<b>Firm</b>" not in body and "<img src=x>" not in body and '"><i>' not in body


def test_a_javascript_link_never_becomes_a_live_href(
    alice_client: Client, alice: User, make_person
) -> None:
    from coltiva.people.services import ContactInput, set_contacts

    anna = make_person(alice)
    set_contacts(anna, [ContactInput("url", "javascript:alert(1)")])
    body = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert 'href="javascript:' not in body


def test_switching_language_when_signed_in_updates_the_profile(
    alice_client: Client, alice: User
) -> None:
    response = alice_client.post(
        reverse("accounts:set_language"), {"language": "it", "next": "/people/"}
    )
    assert response.status_code == 302 and response["Location"] == "/people/"
    alice.refresh_from_db()
    assert alice.language == "it"
    assert "Aggiungi una persona" in alice_client.get("/people/").content.decode()


def test_switching_language_refuses_an_unknown_code_and_a_foreign_redirect(
    client: Client,
) -> None:
    response = client.post(
        reverse("accounts:set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_deleting_a_touch_offers_an_undo_that_brings_it_back(
    alice_client: Client, alice: User, make_person
) -> None:
    from decimal import Decimal

    from coltiva.people import services

    anna = make_person(alice)
    touch = services.log_touch(
        anna,
        kind="business_closed",
        on=alice.local_today() - timedelta(days=3),
        direction="for_me",
        value=Decimal("120.50"),
        note="First job",
        minutes=30,
    )
    response = alice_client.post(
        reverse("people:touch_delete", args=[touch.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Touch deleted." in body and "Undo" in body
    assert not Touch.objects.filter(person=anna).exists()
    alice_client.post(
        reverse("people:touch_add", args=[anna.pk]),
        {
            "kind": "business_closed",
            "on": touch.on.isoformat(),
            "minutes": "30",
            "note": "First job",
            "direction": "for_me",
            "value": "120.50",
            "event": "",
        },
    )
    back = Touch.objects.get(person=anna)
    assert (back.kind, back.on, back.value, back.note, back.minutes) == (
        "business_closed",
        touch.on,
        Decimal("120.50"),
        "First job",
        30,
    )


def test_moving_a_person_to_the_trash_offers_an_undo_once(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    response = alice_client.post(reverse("people:delete", args=[anna.pk]), follow=True)
    body = response.content.decode()
    restore = reverse("people:restore", args=[anna.pk])
    assert f'action="{restore}"' in body and "Undo" in body
    assert f'action="{restore}"' not in alice_client.get(reverse("people:list")).content.decode()
    alice_client.post(restore)
    assert Person.objects.get(pk=anna.pk).deleted_at is None


@pytest.mark.parametrize(
    ("url", "entry"),
    [
        ("/people/", "People"),
        ("/events/", "Events"),
        ("/referrals/board/", "Referrals"),
        ("/referrals/introductions/", "Introductions"),
        ("/", "Today"),
    ],
)
def test_the_menu_marks_the_current_area(alice_client: Client, url: str, entry: str) -> None:
    body = alice_client.get(url).content.decode()
    assert f'aria-current="page">{entry}</a>' in body


def test_the_timeline_pages_through_older_touches(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    today = alice.local_today()
    for n in range(65):  # day n ago, so the note says how old each is
        services.log_touch(anna, kind="conversation", on=today - timedelta(days=n), note=f"n{n}.")
    detail = reverse("people:detail", args=[anna.pk])
    first = alice_client.get(detail).content.decode()
    assert "n0." in first and "n29." in first and "n30." not in first
    assert "Older touches" in first and "Newer touches" not in first
    timeline = reverse("people:timeline", args=[anna.pk])
    second = alice_client.get(timeline + "?page=2").content.decode()
    assert "n30." in second and "n59." in second and "n29." not in second
    assert "Older touches" in second and "Newer touches" in second
    last = alice_client.get(timeline + "?page=3").content.decode()
    assert "n64." in last and "Older touches" not in last
    assert "n64." in alice_client.get(timeline + "?page=99").content.decode()
    assert "n0." in alice_client.get(timeline + "?page=abc").content.decode()
